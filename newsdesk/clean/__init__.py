"""Cleaning: scraped markdown -> a CleanDocument (metadata + clean body + raw credit lines)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from newsdesk.extract.credits import RawCredit


@dataclass(frozen=True, slots=True)
class CleanDocument:
    """What cleaning makes of one article. `body` is paragraphs separated by exactly one blank line."""

    body: str
    title: str | None = None
    published: date | None = None
    url: str | None = None
    image_caption: str | None = None
    related_titles: tuple[str, ...] = ()
    credits: tuple[RawCredit, ...] = ()
    language: str | None = None  # ISO 639-1, when known
    warnings: tuple[str, ...] = field(default=())  # human-readable, e.g. "no date line found"


def clean_markdown(text: str) -> CleanDocument:
    """Scraped markdown (the seed's shape and friends) -> CleanDocument."""
    title = None
    lines = text.strip().splitlines()
    if lines and lines[0].startswith("# "):
        title, lines = lines[0][2:].strip(), lines[1:]
    return CleanDocument(body="\n\n".join(p.strip() for p in "\n".join(lines).split("\n\n") if p.strip()), title=title)
