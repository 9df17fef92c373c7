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
    raw_text: str | None = None  # the item's own source text when it is part of a file (a JSONL line)


def parse(text: str, fmt: str) -> list[ParsedItem]:
    """Decoded text of one file in format `fmt` -> parsed items (never raises on bad content)."""
    if fmt == "markdown":
        return [ParsedItem("", clean_markdown(text))]
    return [ParsedItem("", None, f"the {fmt} format is not supported yet")]
