"""Cleaning stays linear on hostile inputs: many unclosed emphasis markers on one line, many link lines
in one block, many paragraphs to re-join. Each case runs under a generous wall-clock alarm (the
quadratic versions took minutes or hung on these sizes; the linear ones take well under a second),
and its output is checked, so the tests do not depend on the machine's speed."""

from __future__ import annotations

import signal
from contextlib import contextmanager

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.clean import clean_markdown, paragraphs, remove

ALARM_SECONDS = 20  # 20-50x what the linear code needs on a loaded 2-core machine


@contextmanager
def deadline(seconds: int = ALARM_SECONDS):
    """Fail (instead of hanging the suite) when the block runs longer than `seconds`."""
    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s: not linear")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


N = 50_000


@pytest.mark.parametrize("text, expected", [
    ("**a " * N, "**a " * N),                      # unclosed bold openers: all kept
    ("_b " * N, "_b " * N),                        # unclosed italic openers
    ("*a " * N, "*a " * N),
    ("~~a " * N, "~~a " * N),
    ("a** " * N, "a** " * N),                      # unclosed closers
    ("**a **b** " * N, "**a b " * N),              # one unclosed opener before each pair
    ("**a** " * N, "a " * N),                      # closed pairs: all go
    ("*a* _b_ ~~c~~ " * N, "a b c " * N),
    ("**" * N + "x" + "**" * N, "x"),              # one deep nest
    ("**x " * N + "y" + " z**" * N, "x " * N + "y" + " z" * N),  # N nested pairs on one line
    ("*" * N, "*" * N),                            # one run, nothing to pair with
])
def test_emphasis_is_linear(text, expected):
    with deadline():
        assert remove.emphasis(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("**Breaking:** the bridge *reopened* today", "Breaking: the bridge reopened today"),
    ("***both*** and **a *nested* one**", "both and a nested one"),
    ("*a **b* c**", "a b c"),                      # crossing pairs both go
    ("**a **b** c**", "a b c"),                    # same-kind nesting
    ("~~struck~~ out", "struck out"),
    ("snake_case_names and __init__ files", "snake_case_names and init files"),
    ("5 * 3 = 15 and 2 ** 8", "5 * 3 = 15 and 2 ** 8"),
    (r"costs \*only\* 5", r"costs \*only\* 5"),   # escaped markers stay literal
    ("it's *very* 'good'", "it's very 'good'"),
    ("**bold\nacross lines**", "**bold\nacross lines**"),  # pairs never span lines
    ("`code` and *em*", "code and em"),
])
def test_emphasis_pairs(text, expected):
    assert remove.emphasis(text) == expected


@given(st.lists(st.sampled_from(list("*_~ a.\\'\n") + ["**", "__", "~~"]), max_size=40).map("".join))
@settings(max_examples=400, deadline=None)
def test_emphasis_is_idempotent(text):
    once = remove.emphasis(text)
    assert remove.emphasis(once) == once


@pytest.mark.parametrize("block, expected_lines", [
    ("".join(f"[link {i}](https://example.com/page/{i})\n" for i in range(100_000)), 1),  # one wrapped paragraph
    ("word\n" * 200_000, 1),
    ("- item\n" * 100_000, 100_000),
    ("| a | b |\n" * 100_000, 100_000),
])
def test_flatten_is_linear(block, expected_lines):
    with deadline():
        flat = paragraphs.flatten(block)
    assert flat.count("\n") + 1 == expected_lines


def test_flatten_joins_wrapped_lines_with_one_space():
    flat = paragraphs.flatten("one\ntwo\n- item\nthree\nfour\n| a |  | b |\nfive")
    assert flat == "one two\n• item three four\n| a | b | five"


def test_rejoin_is_linear():
    with deadline():
        joined = paragraphs.rejoin(["continued without an end"] * 200_000 + ["done."])
    assert len(joined) == 1 and joined[0].endswith("end done.")


def test_clean_markdown_of_a_link_farm_finishes():
    text = "# Link farm\n\n" + "".join(f"[link {i}](https://example.com/page/{i})\n" for i in range(50_000))
    with deadline(60):
        document = clean_markdown(text)
    assert document.title == "Link farm" and document.body == ""
