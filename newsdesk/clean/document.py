"""The result of cleaning one article."""

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
    authors: tuple[str, ...] = ()  # author names declared by the source's metadata (HTML meta, JSONL field)
    site_name: str | None = None  # outlet name declared by the source ("Reuters", "The Moscow Times")
    description: str | None = None  # standfirst/summary declared by the source, not part of the body
