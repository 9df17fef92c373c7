"""Ingest: what a file is, and the shape limits that turn a stall into a reject before parsing."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from newsdesk.ingest import MAX_TAG_ATTRIBUTES, html_shape_error, not_read, read_raw, shape_error


def tag(attributes: int, value: str = "x") -> str:
    return "<p " + " ".join(f'a{i}="{value}"' for i in range(attributes)) + ">"


@pytest.mark.parametrize("html, problem", [
    ("<html><body><p class='lead'>Ferry back.</p></body></html>", None),
    ("<html><body>" + tag(MAX_TAG_ATTRIBUTES) + "text</p></body></html>", None),
    ("<html><body>" + tag(MAX_TAG_ATTRIBUTES + 1) + "text</p></body></html>", "1,001 attributes"),
    ("<html><body>" + tag(100_000) + "text</p></body></html>", "100,000 attributes"),
    ("<p " + " ".join(f"flag{i}" for i in range(5_000)) + ">x</p>", "5,000 attributes"),  # no values either
    ('<img src="data:image/png;base64,' + "A" * 500_000 + '">', None),  # a long tag with one attribute
    ("<p>a < b " + "word " * 10_000 + "</p>", None),  # text after a bare '<' is no tag
    ("<p>" + "word " * 10_000 + "< b and c " * 3_000, None),  # an unclosed '< ' is no tag either
])
def test_html_shape_limits(html, problem):
    found = html_shape_error(html)
    assert (found is None) if problem is None else (problem in found)


def test_the_html_check_is_linear():
    page = "<html><body>" + '<p class="x" id="y">Some words of an article.</p>' * 200_000 + "</body></html>"
    started = time.process_time()
    assert html_shape_error(page) is None
    assert time.process_time() - started < 1.0  # 9.5 MB


@pytest.mark.parametrize("fmt, text, rejected", [
    ("markdown", "x" * 100_001, True),
    ("html", "<p>" + "x" * 100_001 + "</p>", False),  # minified HTML is one long line
    ("html", tag(2_000), True),
    ("markdown", tag(2_000), False),  # markdown is not parsed as HTML
    ("jsonl", "x" * 100_001, False),  # JSONL lines are long; each record's text is checked when it is cleaned
])
def test_shape_limits_follow_the_format(fmt, text, rejected):
    assert (shape_error(text, fmt) is not None) is rejected


def test_an_html_tag_bomb_is_rejected_as_too_large(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "bomb.html").write_text("<html><body>" + tag(100_000) + "Hello</p></body></html>")
    started = time.process_time()
    found = read_raw(raw / "bomb.html", raw)
    assert (found.error_code, found.fmt) == ("too_large", "html") and "attributes" in found.error
    assert time.process_time() - started < 1.0  # lxml would take minutes


def test_a_file_not_read_again_keeps_its_facts(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "slow.md").write_text("# x\n\ny\n")
    found = not_read(raw / "slow.md", raw, "too_slow", "over its time budget")
    assert (found.source_path, found.size, found.error_code, found.content_hash) == ("slow.md", 7, "too_slow", None)
    assert found.mtime_ns == (raw / "slow.md").stat().st_mtime_ns and found.ctime_ns
