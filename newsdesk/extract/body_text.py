"""A body's layout, computed once and shared by the extractors that read it.

Paragraph bounds are found up front (one `str.find` loop); the rest on first use and kept: the
sentence starts of a paragraph (per paragraph, because an extractor usually reads the sentences
of a few paragraphs, not all of them) and the runs of capitalized words of the body (one regex
pass: names, organizations, titles).
"""

from __future__ import annotations

import bisect
import re

from newsdesk.extract import lexicon as lex

ABBREVIATIONS = lex.words("abbreviations")

RE_SENTENCE_END = re.compile(r"[.!?…][\"”’')\]]*\s+(?=[\"“‘'(\[]?[A-Z0-9])")
_CAP = r"[A-Z][\w’'\-]*+(?:\.(?=[A-Z])[\w’'\-]*+)*+\.?"  # a capitalized word ("U.S.", "O'Neil")
RE_CAPITALIZED_RUN = re.compile(  # two or more capitalized words, maybe joined by small words
    _CAP + r"(?:(?:[ \t]+(?:(?:de|van|von|der|den|da|di|du|la|le|al|bin|ibn|el)[ \t]+)?"
    r"|[ \t]+(?:of|for|and|&|on)(?:[ \t]+the)?[ \t]+)" + _CAP + r")+"
)


def paragraph_starts(body: str) -> list[int]:
    """Offsets where the paragraphs start (a paragraph ends at a blank line)."""
    starts = [0]
    pos = body.find("\n\n")
    while pos >= 0:
        end = pos + 2
        while end < len(body) and body[end] == "\n":
            end += 1
        starts.append(end)
        pos = body.find("\n\n", end)
    return starts


def sentence_starts(body: str, lo: int = 0, hi: int | None = None) -> list[int]:
    """Offsets where the sentences of body[lo:hi] start (abbreviations and initials end none)."""
    starts = [lo]
    for m in RE_SENTENCE_END.finditer(body, lo, len(body) if hi is None else hi):
        k = m.start()
        if body[k] == ".":
            j = body.rfind(" ", lo, k) + 1
            word = body[j:k].lower().lstrip("(\"“")
            if len(word) <= 4 and (word in ABBREVIATIONS or len(word) == 1 or "." in word):
                continue
        starts.append(m.end())
    return starts


class BodyText:
    """Paragraphs, sentences and capitalized runs of one body, each computed on first use."""

    __slots__ = ("text", "paragraph_starts", "_sentences", "_runs")

    def __init__(self, text: str) -> None:
        self.text = text
        self.paragraph_starts = paragraph_starts(text)
        self._sentences: dict[int, list[int]] = {}
        self._runs: list[tuple[int, str]] | None = None

    def paragraph_of(self, pos: int) -> int:
        return bisect.bisect_right(self.paragraph_starts, pos) - 1

    def paragraph_end(self, k: int) -> int:
        return self.paragraph_starts[k + 1] if k + 1 < len(self.paragraph_starts) else len(self.text)

    def sentences(self, k: int) -> list[int]:
        """Sentence starts of paragraph k."""
        found = self._sentences.get(k)
        if found is None:
            found = self._sentences[k] = sentence_starts(self.text, self.paragraph_starts[k], self.paragraph_end(k))
        return found

    def sentence_key(self, pos: int) -> tuple[int, int]:
        """(paragraph, sentence in it) of pos: comparable, in body order."""
        k = self.paragraph_of(pos)
        return k, bisect.bisect_right(self.sentences(k), pos) - 1

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        """(start, end) of the sentence holding pos."""
        k = self.paragraph_of(pos)
        starts = self.sentences(k)
        i = bisect.bisect_right(starts, pos) - 1
        return starts[i], starts[i + 1] if i + 1 < len(starts) else self.paragraph_end(k)

    def capitalized_runs(self) -> list[tuple[int, str]]:
        """(start, text) of the runs of two or more capitalized words of the body, small words
        between them included ("Department of Health and Social Care", "Noel and Thomas")."""
        if self._runs is None:
            self._runs = [(m.start(), m.group()) for m in RE_CAPITALIZED_RUN.finditer(self.text)]
        return self._runs
