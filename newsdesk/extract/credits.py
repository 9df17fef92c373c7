"""Credits (bylines, photo credits, wire and contributor lines) split into people and organizations."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RawCredit:
    """A credit line as cleaning found it, before it is split into people and organizations."""

    role: str  # "byline" | "photo" | "wire" | "contributor" | "editor" | ...
    text: str  # "Dmitri Lovetsky / AP / TASS", "AFP contributed reporting."


@dataclass(frozen=True, slots=True)
class CreditEntry:
    """One credited person (or organization-only credit)."""

    role: str
    name: str | None  # a person; None for organization-only credits
    organizations: tuple[str, ...]  # normalized agency names: ("AP", "TASS")
    raw: str  # the line it came from


def parse_credits(raw: list[RawCredit]) -> list[CreditEntry]:
    """Split raw credit lines into one entry per person (or one organization-only entry)."""
    return []


# --- detection: called by cleaning to move credit lines out of the body -------------------------

def classify_line(line: str) -> RawCredit | None:
    """A whole line/paragraph that is a credit (byline, photo credit, wire or contributor line,
    "Reporting by …; Editing by …" trailer) -> RawCredit; any other line -> None."""
    return None


def split_dateline(paragraph: str) -> tuple[RawCredit | None, str]:
    """`WASHINGTON (Reuters) - The …` -> (RawCredit("wire", …), paragraph with the body's first
    word intact). How much of the dateline stays in the body is decided here. No dateline ->
    (None, paragraph)."""
    return None, paragraph


def split_trailing_photo_credit(caption: str) -> tuple[str, RawCredit | None]:
    """`Caption text. **Dmitri Lovetsky / AP / TASS**` -> ("Caption text.", RawCredit("photo", …))."""
    return caption, None
