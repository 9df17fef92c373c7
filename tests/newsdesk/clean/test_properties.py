"""Property tests: cleaning never raises and is idempotent."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsdesk.clean import clean_markdown

WORDS = st.sampled_from([
    "the", "council", "said", "on", "Tuesday", "harbour", "“quoted”", "it's", "[told](#)", "**bold**", "*em*",
    "Ortiz", "2021", "storm", "—", "(AP)", "\\[x\\]", "https://a.example/b", "Share", "more", "#", "-", "|",
])
SENTENCE = st.lists(WORDS, min_size=1, max_size=14).map(" ".join).map(lambda s: s[0].upper() + s[1:] + ".")
PARAGRAPH = st.lists(SENTENCE, min_size=1, max_size=4).map(" ".join)
ARTICLE = st.lists(PARAGRAPH, min_size=1, max_size=8).map("\n\n".join)

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(st.text(max_size=400))
def test_never_raises_on_any_text(text):
    doc = clean_markdown(text)
    assert "\n\n\n" not in doc.body
    assert doc.body == doc.body.strip()


@FAST
@given(ARTICLE)
def test_cleaning_is_idempotent(text):
    body = clean_markdown(text).body
    assert clean_markdown(body).body == body


# blocks of the shapes round 2 handles: datelines, bare agency sign-offs, tag lists, caption credits
WIRE_BLOCK = st.sampled_from([
    "Tbilisi (AFP) - The", "July 22 (Reuters) -", "*AFP*", "Reuters", "Topics", "* Health\n* Energy policy",
    "Tags: Energy, Funding", "Photo: Ana Ruiz/The Courier", "Ana Ruiz / The Courier", "*© Reuters*",
    "Home > News", "[Home](/) > [News](/news)", "Our Standards: The Trust Principles.", "# # the",
    "Staff writer Ana Ruiz in Oslo contributed to this report.", "AP-US--Storm, 2nd Ld",
])
WIRE_ARTICLE = st.lists(st.one_of(PARAGRAPH, WIRE_BLOCK, st.tuples(WIRE_BLOCK, PARAGRAPH).map(" ".join)),
                        min_size=1, max_size=8).map("\n\n".join)


@FAST
@given(WIRE_ARTICLE)
def test_cleaning_is_idempotent_on_wire_shapes(text):
    body = clean_markdown(text).body
    assert clean_markdown(body).body == body


@pytest.mark.parametrize("text", ["Â\r0", "Â\n\u00a9", "A line Â\nand the next"])
def test_joining_lines_does_not_leave_mojibake_for_a_second_clean(text):
    """Found by hypothesis: 'Â' + newline joins into 'Â ', which ftfy repairs on a second pass."""
    body = clean_markdown(text).body
    assert clean_markdown(body).body == body


SPLIT_AROUND_A_REPEAT = ("The the. The. The.\n\nThe the the the the the the the the the the the the. Council the the the the the "
                         "the the the council the. The the the the the the the the the the.\n\nTbilisi (AFP) - The\n\n"
                         "The the. The. The.\n\nThe the the the the the the the the the the the the. Council the the the the "
                         "the the the the council the. The the the the the the the the the the.\n\n# # the")


def test_dropping_a_repeated_paragraph_then_rejoining_is_idempotent():
    """Found by hypothesis: dedupe removed the repeats between `The` and `the`, which a second clean joined."""
    body = clean_markdown(SPLIT_AROUND_A_REPEAT).body
    assert body.endswith("The the")
    assert clean_markdown(body).body == body
