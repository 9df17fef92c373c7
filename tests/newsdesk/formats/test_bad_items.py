"""Bad items stay items: a hostile JSON line is that line's reject, a page with no article is a reject."""

from __future__ import annotations

import json

import pytest

from newsdesk.formats import html, parse

GOOD = json.dumps({"title": "Bridge repairs start", "maintext": "Repairs on the old bridge started on Monday "
                   "and will last six weeks, the roads department said."})
OTHER = json.dumps({"title": "Market hall gets solar roof", "maintext": "The market hall will get a solar roof "
                    "this summer, the city said on Tuesday."})


@pytest.mark.parametrize("bad_line, reason", [
    ("[" * 100_000 + "]" * 100_000, "JSON nested too deeply"),                 # RecursionError in the decoder
    ('{"a": ' * 50_000 + "1" + "}" * 50_000, "JSON nested too deeply"),
    ('{"maintext": ' + "[" * 100_000 + "]" * 100_000 + "}", "JSON nested too deeply"),
    ("1" * 10_000, "not valid JSON"),                                          # int over the digit limit: ValueError
    ("{not json", "not valid JSON"),
    ("[1, 2]", "expected a JSON object"),
])
def test_a_bad_jsonl_line_is_its_own_reject(bad_line, reason):
    items = parse("\n".join([GOOD, bad_line, OTHER]), "jsonl")
    assert [item.locator for item in items] == ["line 1", "line 2", "line 3"]
    assert items[0].document and items[2].document, "the good lines around a bad one are kept"
    assert items[1].document is None and reason in items[1].error


def test_a_nested_value_in_a_read_field_is_a_reject():
    record = '{"maintext": "The ferry left on time on Monday, the operator said.", "date": ' + "[" * 900 + "]" * 900 + "}"
    [item] = parse(record, "jsonl")
    assert item.document is not None or "JSON" in item.error  # never an exception


NOT_FOUND_PAGES = [
    '<html><head><title>Page not found</title></head><body><nav><a href="/">Home</a></nav>'
    '<div id="cookie">We use cookies.</div></body></html>',
    "<html><body><h1>404 - Page not found</h1><p>Sorry, the page you are looking for does not exist.</p>"
    '<p><a href="/">Back to the homepage</a></p></body></html>',
    "<html><body><main><h1>Not Found</h1><p>We use cookies and similar technologies to improve your "
    "experience. By continuing you consent to our privacy policy.</p><button>Accept all cookies</button>"
    "</main></body></html>",
]


@pytest.mark.parametrize("page", NOT_FOUND_PAGES)
def test_a_page_of_only_boilerplate_is_no_article(page):
    [item] = parse(page, "html")
    assert item.document is None and "no article text" in item.error


SHORT_BRIEF = ("<html><body><article><h1>Ferry back on schedule</h1><p>The island ferry resumed its normal "
               "timetable on Friday after two days of storm cancellations, the operator said.</p>"
               "</article></body></html>")


def test_a_short_real_article_is_kept():
    [item] = parse(SHORT_BRIEF, "html")
    assert item.document is not None and "ferry resumed" in item.document.body


@pytest.mark.parametrize("line, boilerplate", [
    ("We use cookies.", True),
    ("Accept all cookies", True),
    ("404 - Page not found", True),
    ("Error 404", True),
    ("Not Found", True),
    ("Sorry, the page you are looking for does not exist.", True),
    ("Home", True),
    ("The 404 bus route will close in May, the transport office said.", False),
    ("Divers said the wreck was not found after a week of searching.", False),
    ("The council said on Monday that the cookie factory would stay open.", False),
])
def test_is_boilerplate_line(line, boilerplate):
    assert html.is_boilerplate_line(line) is boilerplate
