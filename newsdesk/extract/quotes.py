"""Quotations and their speakers, from a clean article body."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class QuoteMention:
    """One quotation found in a body. Offsets are into the body string: body[start:end] == text."""

    text: str  # the quoted words, without quotation marks
    start: int
    end: int
    paragraph_index: int  # 0-based index of the paragraph (body split on blank lines)
    kind: str  # "direct" | "partial" | "indirect"
    speaker: str | None  # resolved full name ("Sergei Lavrov") or organization ("Kremlin")
    speaker_as_written: str | None  # "Lavrov", "he", "the ministry"
    speaker_role: str | None  # "Russian Foreign Minister"
    cue: str | None  # cue verb as written ("noted", "told")
    cue_lemma: str | None  # "note", "tell"


def extract_quotes(body: str) -> list[QuoteMention]:
    """Every quotation in `body`, in reading order, with its speaker resolved within the article."""
    return []
