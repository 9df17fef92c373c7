"""Declared values as the HTML and JSON Lines readers find them -> the types of a `Declared` record."""

from __future__ import annotations

from datetime import date, datetime, timezone

from newsdesk.clean import metadata


EPOCH_MIN_SECONDS = 100_000_000  # 1973-03-03: a smaller epoch number is a placeholder, not a publication time


def declared_date(value: object) -> date | None:
    """A declared date (ISO string, `2019-11-19 13:03:00`, epoch seconds, free text) -> date."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if value < EPOCH_MIN_SECONDS:  # 0, -1: an exporter's "no date", not a time in 1970
            return None
        try:
            return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    return metadata.parse_date(str(value)[:60]) if str(value).strip() else None


def text_or_none(value: object) -> str | None:
    """A declared string field -> its text; any other value (a number, a list) -> None."""
    return value if isinstance(value, str) and value.strip() else None
