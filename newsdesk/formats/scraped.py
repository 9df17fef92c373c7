"""Helpers shared by the HTML and JSONL readers: rebuild the scraped shape, merge declared metadata."""

from __future__ import annotations

import dataclasses
from datetime import date, datetime, timezone

from newsdesk.clean import CleanDocument, clean_markdown, metadata
from newsdesk.extract.credits import RawCredit


def as_scraped_markdown(body: str, title: str | None, url: str | None) -> str:
    """Body text + declared title/url -> the scraped-markdown shape `clean_markdown` reads."""
    title = " ".join((title or "").split())
    url = "".join((url or "").split())
    parts = [f"# {title}" if title else "", body, f"Original url:\n\n<{url}>" if url.startswith("http") else ""]
    return "\n\n".join(part for part in parts if part)


def declared_date(value: object) -> date | None:
    """A declared date (ISO string, `2019-11-19 13:03:00`, epoch seconds, free text) -> date."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        try:
            return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    return metadata.parse_date(str(value)[:60]) if str(value).strip() else None


def byline_credits(authors: tuple[str, ...]) -> tuple[RawCredit, ...]:
    """Declared author names -> byline credits."""
    return tuple(RawCredit("byline", f"By {name}") for name in authors)


def clean_with_metadata(body: str, *, title: str | None = None, url: str | None = None,
                        published: object = None, authors: tuple[str, ...] = (),
                        site_name: str | None = None, description: str | None = None) -> CleanDocument:
    """Clean a body and fill what the text lacks from declared metadata (declared values fill gaps only)."""
    document = clean_markdown(as_scraped_markdown(body, title, url))
    day = document.published or declared_date(published) or metadata.date_from_url(document.url or url)
    has_byline = any(credit.role == "byline" for credit in document.credits)
    credits = document.credits if has_byline else byline_credits(authors) + document.credits
    warnings = tuple(w for w in document.warnings if not (w == "no publication date found" and day)
                     and not (w == "no title found" and (document.title or title))
                     and not w.startswith("publication date "))
    if future := metadata.future_warning(day):  # the declared date may be the future one
        warnings += (future,)
    return dataclasses.replace(
        document, title=document.title or (" ".join(title.split()) if title else None), published=day,
        url=document.url or url, authors=authors, site_name=site_name or None,
        description=document.description or description or None, credits=credits, warnings=warnings,
    )
