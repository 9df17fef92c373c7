"""Input formats: each turns decoded file text into one or more parsed items.

A markdown or HTML file is one item; a JSON Lines export is one item per line. An item that
cannot become an article carries a human-readable `error` instead of a document.
"""

from __future__ import annotations

from dataclasses import dataclass

from newsdesk.clean import CleanDocument, clean_markdown

FORMAT_BY_SUFFIX = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "markdown",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


@dataclass(frozen=True, slots=True)
class ParsedItem:
    """One article candidate from a file. `locator` is "" for a whole file, "line N" for JSONL."""

    locator: str
    document: CleanDocument | None
    error: str | None = None


def _whole_file(document: CleanDocument | None, what: str) -> list[ParsedItem]:
    if document is None:
        return [ParsedItem("", None, f"no article text found in this {what}")]
    if not document.body:
        return [ParsedItem("", None, f"the {what} has no body text left after cleaning")]
    return [ParsedItem("", document)]


def parse(text: str, fmt: str) -> list[ParsedItem]:
    """Decoded text of one file in format `fmt` -> parsed items (never raises on bad content)."""
    from newsdesk.formats import html, jsonl

    try:
        if fmt == "markdown":
            return _whole_file(clean_markdown(text), "markdown file")
        if fmt == "html":
            return _whole_file(html.clean_html(text), "HTML page")
        if fmt == "jsonl":
            return jsonl.parse_lines(text)
    except ImportError:  # an incomplete install, not a bad input: newsdesk.batch reports it
        raise
    except Exception as error:  # a bug in cleaning must not stop the batch: report it as a reject
        return [ParsedItem("", None, f"could not be cleaned ({type(error).__name__}: {error})")]
    return [ParsedItem("", None, f"unknown input format {fmt!r} (expected markdown, html or jsonl)")]
