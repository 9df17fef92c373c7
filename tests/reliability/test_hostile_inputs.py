"""Hostile inputs (issue #17): each is bounded in time and isolated to its own article or reject.

Hand-written inputs only. Times are CPU times (time.process_time) with wide margins: the machine
is shared, and the cases here went from seconds (quadratic) to milliseconds (linear).
"""

from __future__ import annotations

import json
import time
from datetime import date

import pytest

from newsdesk.clean import clean_markdown, remove
from newsdesk.formats import parse
from newsdesk.ingest import RawFile
from newsdesk.pipeline import process_raw

LONG = 99_000
BUDGET_SECONDS = 0.5


def cpu_seconds(fn, *args) -> float:
    start = time.process_time()
    fn(*args)
    return time.process_time() - start


@pytest.mark.parametrize("char", [".", "+", "-", "@"])
def test_bare_address_check_is_linear_on_a_long_line_of_punctuation(char):
    line = char * LONG
    assert cpu_seconds(remove.is_bare_address, line) < BUDGET_SECONDS
    assert cpu_seconds(remove.is_debris, line) < BUDGET_SECONDS


@pytest.mark.parametrize("paragraph, bare", [
    ("https://harbour.example/news/ferry", True),
    ("(www.harbour.example)", True),
    ("desk@harbour.example.", True),
    ("Write to desk@harbour.example for tips.", False),
    ("." * 3000 + "https://harbour.example/a", False),  # an address is never this long
])
def test_bare_address_answers(paragraph, bare):
    assert remove.is_bare_address(paragraph) is bare


def test_cleaning_a_long_punctuation_paragraph_is_fast():
    text = "# Ferry returns\n\nThe ferry is back.\n\n" + "." * LONG + "\n\nMore sailings follow."
    assert cpu_seconds(clean_markdown, text) < 4 * BUDGET_SECONDS


GOOD = {"title": "Ferry returns", "maintext": "The island ferry made its first crossing of the season on Friday."}


def jsonl(*records: dict) -> str:
    return "\n".join(json.dumps(r) for r in records)


@pytest.mark.parametrize("url", ["http://[::1", "http://[::1]:x/", "javascript:alert(1)", "not a url", "//"])
def test_invalid_jsonl_url_is_dropped_with_a_warning_not_the_article(url):
    items = parse(jsonl(GOOD, {**GOOD, "url": url}, GOOD), "jsonl")
    assert [i.locator for i in items] == ["line 1", "line 2", "line 3"]
    assert all(i.document for i in items)
    doc = items[1].document
    assert doc.url is None and any("is not a web address" in w for w in doc.warnings)


def test_every_jsonl_line_is_its_own_article_or_reject_through_the_pipeline():
    text = jsonl(GOOD, {**GOOD, "url": "http://[::1"}, {"title": "No text"}, GOOD)
    raw = RawFile("export.jsonl", len(text), 0, "0" * 64, "jsonl", text=text, encoding="utf-8")
    results = process_raw(raw)
    assert len(results) == 4
    assert [r.article is not None for r in results] == [True, True, False, True]
    assert results[1].article["url"] is None and results[1].article["outlet_domain"] is None
    assert results[2].reject["source_locator"] == "line 3"


def test_invalid_original_url_in_markdown_is_dropped_with_a_warning():
    doc = clean_markdown("# Ferry returns\n\nThe ferry is back.\n\nOriginal url:\n\n<http://[::1>")
    assert doc.body == "The ferry is back." and doc.url is None
    assert any("is not a web address" in w for w in doc.warnings)


@pytest.mark.parametrize("value", [0, -1, 0.0, 12, "0", ""])
def test_a_zero_or_tiny_epoch_date_is_no_date(value):
    [item] = parse(jsonl({**GOOD, "date_publish": value}), "jsonl")
    assert item.document.published is None


def test_a_real_epoch_date_is_read():
    [item] = parse(jsonl({**GOOD, "date_publish": 1_600_000_000}), "jsonl")
    assert item.document.published == date(2020, 9, 13)
