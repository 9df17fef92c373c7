"""parse(): markdown, HTML and JSON Lines inputs -> parsed items (errors as reasons, never exceptions)."""

import json
from datetime import date

import pytest

from newsdesk.formats import parse
from newsdesk.formats.jsonl import author_names

PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Ferry service resumes after winter break | Island Post</title>
<meta property="og:title" content="Ferry service resumes after winter break">
<meta name="author" content="Mira Holm">
<meta property="article:published_time" content="2021-04-02T08:00:00Z">
<link rel="canonical" href="https://islandpost.example/2021/04/02/ferry-resumes">
</head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Ferry service resumes after winter break</h1>
<p>The island ferry made its first crossing of the season on Friday morning, carrying
forty passengers and a delivery van across the strait.</p>
<p>“We have waited all winter for this,” said the harbour master, who greeted the crew at the pier.</p>
<p>Timetables for the summer season will be published next week, the operator said.</p>
</article>
<footer>Share this article. Sign up for our newsletter.</footer>
</body></html>"""


def test_markdown_file_is_one_item():
    items = parse("# A title\n\nMarch 3, 2021\n\nThe body of the story.", "markdown")
    assert [i.locator for i in items] == [""]
    assert items[0].document.body == "The body of the story."


def test_markdown_without_body_is_an_error():
    [item] = parse("# Only a title", "markdown")
    assert item.document is None and "no body text" in item.error


def test_html_page():
    [item] = parse(PAGE, "html")
    doc = item.document
    assert doc.title == "Ferry service resumes after winter break"
    assert doc.published == date(2021, 4, 2)
    assert doc.url == "https://islandpost.example/2021/04/02/ferry-resumes"
    assert "first crossing of the season" in doc.body
    assert "“We have waited all winter for this,”" in doc.body
    assert "Share this" not in doc.body and "Home" not in doc.body
    assert any(c.role == "byline" and "Mira Holm" in c.text for c in doc.credits)


@pytest.mark.parametrize("html", ["", "<html><body></body></html>", "<html><body><nav><a href='/'>Home</a></nav></body></html>"])
def test_html_without_text_is_an_error(html):
    [item] = parse(html, "html")
    assert item.document is None and item.error


def test_jsonl_one_item_per_line_with_errors():
    good = {"title": "Dam inspection finds cracks", "url": "https://valley.example/dam",
            "date_publish": "2021-05-06 10:00:00", "authors": ["Ana Ruiz", "Tom Berg"],
            "maintext": "Inspectors found two cracks in the dam wall on Thursday.\n\nRepairs start in June."}
    lines = [json.dumps(good), "", "{not json", json.dumps([1, 2]), json.dumps({"title": "No text"})]
    items = parse("\n".join(lines), "jsonl")
    assert [i.locator for i in items] == ["line 1", "line 3", "line 4", "line 5"]
    doc = items[0].document
    assert doc.title == "Dam inspection finds cracks" and doc.published == date(2021, 5, 6)
    assert doc.body == "Inspectors found two cracks in the dam wall on Thursday.\n\nRepairs start in June."
    assert [c.text for c in doc.credits if c.role == "byline"] == ["By Ana Ruiz", "By Tom Berg"]
    assert "not valid JSON" in items[1].error
    assert "expected a JSON object" in items[2].error
    assert "no article text" in items[3].error


def test_jsonl_date_from_url_and_plain_text_field():
    [item] = parse(json.dumps({"url": "https://a.example/2020/08/19/x", "text": "A short story body."}), "jsonl")
    assert item.document.published == date(2020, 8, 19) and item.document.title is None


@pytest.mark.parametrize("value, names", [
    (["Ana Ruiz", "Ana Ruiz", " Tom  Berg "], ("Ana Ruiz", "Tom Berg")),
    ([{"name": "Ana Ruiz"}], ("Ana Ruiz",)),
    ("Ana Ruiz", ("Ana Ruiz",)),
    (42, ()),
])
def test_author_names(value, names):
    assert author_names(value) == names


def test_unknown_format_is_an_error():
    [item] = parse("x", "docx")
    assert item.document is None and "unknown input format" in item.error


def test_html_figcaption_credit_that_trafilatura_drops():
    page = PAGE.replace("<article><h1>Ferry service resumes after winter break</h1>",
                        "<article><h1>Ferry service resumes after winter break</h1><figure><img src='/f.jpg'>"
                        "<figcaption>The ferry leaves the pier on Friday. Photo: Ines Okafor/The Island Post"
                        "</figcaption></figure>")
    [item] = parse(page, "html")
    doc = item.document
    assert doc.image_caption == "The ferry leaves the pier on Friday."
    assert any(c.role == "photo" and "Ines Okafor" in c.text for c in doc.credits)
    assert "Ines Okafor" not in doc.body


def test_jsonl_single_newline_paragraphs():
    record = {"title": "Ferry returns", "maintext": "The ferry returns in June.\nTickets go on sale Monday.\n"
              "The port said more sailings would follow.\nReporting by Ana Ruiz; Editing by Tom Berg"}
    [item] = parse(json.dumps(record), "jsonl")
    doc = item.document
    assert doc.body.split("\n\n")[:2] == ["The ferry returns in June.", "Tickets go on sale Monday."]
    assert "Reporting by" not in doc.body
    assert {c.role for c in doc.credits} >= {"contributor"}


# --- news-please's default output: one .json file per article (issue #16) --------------------------

def test_json_file_is_one_article():
    record = {"title": "Dam inspection finds cracks", "url": "https://valley.example/dam", "date_publish": "2021-05-06 10:00:00",
              "authors": ["Ana Ruiz"], "maintext": "Inspectors found two cracks in the dam wall on Thursday."}
    [item] = parse(json.dumps(record, indent=2), "json")
    assert item.locator == "" and item.document.title == "Dam inspection finds cracks"
    assert item.document.published == date(2021, 5, 6)


def test_json_file_holding_an_array_is_one_article_per_element():
    items = parse(json.dumps([{"maintext": "The ferry is back on Friday."}, 5, {"title": "No text"}]), "json")
    assert [i.locator for i in items] == ["item 1", "item 2", "item 3"]
    assert items[0].document and "expected a JSON object" in items[1].error and "no article text" in items[2].error


@pytest.mark.parametrize("text, reason", [("{not json", "not valid JSON"), ("", "not valid JSON"), ("42", "expected a JSON object")])
def test_bad_json_file_is_a_reject(text, reason):
    [item] = parse(text, "json")
    assert item.document is None and reason in item.error


@pytest.mark.parametrize("authors, names", [
    (["By ROBERT BURNS, AP National Security Writer"], ["Robert Burns"]),
    ("By Ana Ruiz and Tom Berg", ["Ana Ruiz", "Tom Berg"]),
    ([{"name": "Ana Ruiz (https://ana.example)"}], ["Ana Ruiz"]),
    (["https://www.facebook.com/anaruiz"], []),
])
def test_jsonl_authors_are_cleaned_like_html_bylines(authors, names):
    from newsdesk.extract.credits import declared_people, parse_credits

    [item] = parse(json.dumps({"maintext": "The ferry is back on Friday.", "authors": authors}), "jsonl")
    got = [c.name for c in parse_credits(list(item.document.credits)) if c.role == "byline" and c.name]
    assert got == names
    assert got == [n for a in item.document.authors for n in declared_people(a)]  # the HTML path's function


def test_json_file_through_the_pipeline():
    from newsdesk.pipeline import process_text

    result = process_text(json.dumps({"title": "Ferry returns", "maintext": "The ferry is back on Friday."}), "in/a.json")
    assert result.article["input_format"] == "json" and result.article["title"] == "Ferry returns"
