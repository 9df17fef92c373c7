"""Input formats: each turns decoded file text into one or more parsed items.

A markdown, HTML or JSON file is one item; a JSON Lines export is one item per line. An item that
cannot become an article carries a human-readable `error` instead of a document.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.clean import CleanDocument, clean_markdown
from newsdesk.clean.markdown import clean_article

FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
    ".json": "json",  # one article per file (news-please's default output), or an array of them
}


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One article candidate from a file. `locator` is "" for a whole file, "line N" for JSONL."""

    locator: str
    document: CleanDocument | None
    error: str | None = None


NO_BODY = "no body text: the text is empty after cleaning"


def item(locator: str, document: CleanDocument) -> ParsedItem:
    """The one rule for "no body", whatever the format: a cleaned document with no body text is no article."""
    return ParsedItem(locator, document) if document.body else ParsedItem(locator, None, NO_BODY)


def parse(text: str, fmt: str) -> list[ParsedItem]:
    """Decoded text of one file in format `fmt` -> parsed items (never raises on bad content)."""
    from newsdesk.formats import html, jsonl

    try:
        if fmt == "markdown":
            return [item("", clean_markdown(text))]
        if fmt == "html":
            found = html.read_html(text)
            return [item("", clean_article(*found)) if found else ParsedItem("", None, html.NO_ARTICLE)]
        if fmt == "jsonl":
            return jsonl.parse_lines(text)
        if fmt == "json":
            return jsonl.parse_json_file(text)
    except ImportError:  # an incomplete install, not a bad input: newsdesk.batch reports it
        raise
    except Exception as error:  # a bug in cleaning must not stop the batch: report it as a reject
        return [ParsedItem("", None, f"could not be cleaned ({type(error).__name__}: {error})")]
    return [ParsedItem("", None, f"unknown input format {fmt!r} (expected markdown, html, jsonl or json)")]
