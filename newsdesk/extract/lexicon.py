"""The word lists of the quote and speaker extractors, read once from newsdesk/resources.

`speech_verbs.tsv` (cue forms and lemmas), `titles.tsv` (honorifics, titles, organization nouns with
their gender), `first_names.tsv` (first names with gender) and the sections of `quote_words.txt`.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources


def _resource_text(name: str) -> str:
    return resources.files("newsdesk.resources").joinpath(name).read_text(encoding="utf-8")


@lru_cache(maxsize=None)
def read_tsv(name: str) -> tuple[tuple[str, ...], ...]:
    """Rows of a resource TSV file, comments and blank lines skipped."""
    return tuple(tuple(line.split("\t")) for line in _resource_text(name).splitlines()
                 if line.strip() and not line.startswith("#"))


@lru_cache(maxsize=None)
def _sections(name: str) -> dict[str, frozenset[str]]:
    """`[section]` -> its entries, from a sectioned word-list file."""
    out: dict[str, set[str]] = {}
    current: set[str] | None = None
    for line in _resource_text(name).splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("[") and line.endswith("]"):
            current = out.setdefault(line[1:-1], set())
        elif current is not None:
            current.add(line)
    return {k: frozenset(v) for k, v in out.items()}


def words(section: str) -> frozenset[str]:
    """The entries of one section of quote_words.txt."""
    return _sections("quote_words.txt")[section]


CUE_FORMS: dict[str, str] = {row[0]: row[1] for row in read_tsv("speech_verbs.tsv")}
TITLE_WORDS: dict[str, tuple[str, str]] = {row[0]: (row[1], row[2]) for row in read_tsv("titles.tsv")}
FIRST_NAMES: dict[str, str] = {row[0]: row[1] for row in read_tsv("first_names.tsv")}
ROLE_WORDS = frozenset(w for w, (kind, _) in TITLE_WORDS.items() if kind in ("title", "honorific"))
ORG_WORDS = frozenset(w for w, (kind, _) in TITLE_WORDS.items() if kind == "org")
