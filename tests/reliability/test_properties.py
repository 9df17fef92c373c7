"""Properties of the assembled per-document pipeline (newsdesk.pipeline.process_text), on any text:
it never raises, every row validates, offsets point at their text inside `body`, cleaning a clean
body again changes nothing. (Each module's own properties are tested next to it; this is the whole.)"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from newsdesk.pipeline import process_text
from newsdesk.validate import validate_result

WORDS = ["Paris", "Berlin", "Lagos", "Texas", "U.S.", "Russian", "the", "mayor", "said", "told", "reporters",
         "Anna Berg", "Mr. Smith", "according to", "added", "on Monday", "By Jane Doe", "Published May 3, 2021",
         "(AP) —", "Photo: Reuters", "Related article:", "Original url:", "<https://example.com/a/2021/05/03/x>",
         "# Title", "## Sub", "**bold**", "_em_", "[link](http://x.y)", "| a | b |", "> quoted", "- item",
         "\u201c", "\u201d", "\u00ab", "\u00bb", "\u2018", "\u2019", "\"", "'", ".", ",", ":", "\u2014", "\n",
         "\n\n", " ", "  ", "\t", "\u00a0", "\u200b", "\ufeff", "\r\n", "é", "\u0301", "\U0001F600"]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=6)), max_size=80).map(" ".join),
    st.lists(st.sampled_from(WORDS), max_size=120).map("".join),
)

ARTICLE = ("# Mayor backs tram plan\n\nBy Jane Doe\n\nPublished May 3, 2021\n\nPARIS (AP) \u2014 The mayor of Paris "
           "said on Monday that \u201cthe tram will run by 2025,\u201d adding that Lyon would follow.\n\n"
           "\"We are ready,\" Anna Berg told reporters in Berlin.\n")


def check(text: str, source_path: str) -> None:
    result = process_text(text, source_path)
    validate_result(result)
    if result.reject is not None:
        assert result.article is None and result.reject["reason"].strip()
        return
    body = result.article["body"]
    for q in result.quotes:
        assert 0 <= q["start_char"] < q["end_char"] <= len(body)
        assert body[q["start_char"]:q["end_char"]] == q["text"], (q, body)
    for p in result.places:
        if p["start_char"] is None:  # a dateline read from a wire credit: not in the body
            assert p["is_dateline"] and p["end_char"] is None
            continue
        assert 0 <= p["start_char"] < p["end_char"] <= len(body)
        assert body[p["start_char"]:p["end_char"]] == p["surface"], (p, body)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example(ARTICLE)
@example("\"" * 50)
@example("\u201c" + "a " * 200)
@example("[" * 500 + "]" * 499)
def test_pipeline_never_raises_and_offsets_point_at_their_text(text):
    check(text, "doc.md")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example(ARTICLE)
def test_html_and_txt_inputs_never_raise(text):
    check(f"<html><body><article><p>{text}</p></article></body></html>", "page.html")
    check(text, "doc.txt")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts)
@example(ARTICLE)
def test_cleaning_a_clean_body_again_changes_nothing(text):
    first = process_text(text, "doc.md")
    if first.article is None:
        return
    body = first.article["body"]
    again = process_text(body, "doc.md")
    assert again.article is not None, again.reject
    assert again.article["body"] == body


def test_the_properties_are_not_vacuous():
    """The example article yields quotes and places (a pipeline that rejects everything passes the rest)."""
    result = process_text(ARTICLE, "doc.md")
    assert result.article is not None, result.reject
    assert len(result.quotes) >= 2 and len(result.places) >= 2
