"""Validation rules of the table models."""

from datetime import date

import pytest
from pydantic import ValidationError

from schemas import Article, Credit, Place, Quote, Reject

ARTICLE = dict(article_id="a1", source_path="x.md", content_hash="h", input_format="markdown", encoding="utf-8",
               published=date(2020, 8, 19), published_month="2020-08", body="Text.", word_count=1,
               paragraph_count=1)


def test_a_minimal_article_is_valid():
    assert Article(**ARTICLE).related_titles == []


@pytest.mark.parametrize("change", [
    {"article_id": ""},
    {"input_format": "pdf"},
    {"published_month": "August"},
    {"word_count": -1},
    {"unexpected": 1},
])
def test_article_rejects_bad_values(change):
    with pytest.raises(ValidationError):
        Article(**{**ARTICLE, **change})


@pytest.mark.parametrize("model, row", [
    (Quote, dict(quote_id="a1-q0", article_id="a1", published_month="unknown", quote_index=0, text="x",
                 kind="speech", paragraph_index=0, start_char=0, end_char=1)),
    (Place, dict(place_mention_id="a1-p0", article_id="a1", published_month="unknown", mention_index=0,
                 surface="Minsk", name="Minsk", kind="city", country_code="by", start_char=0, end_char=5)),
    (Place, dict(place_mention_id="a1-p0", article_id="a1", published_month="unknown", mention_index=0,
                 surface="Minsk", name="Minsk", kind="city", latitude=123.0, start_char=0, end_char=5)),
    (Credit, dict(credit_id="a1-c0", article_id="a1", published_month="unknown", credit_index=0, role="",
                  raw="x")),
    (Reject, dict(source_path="x.md", reason_code="bad_luck", reason="because")),
])
def test_child_tables_reject_bad_values(model, row):
    with pytest.raises(ValidationError):
        model(**row)
