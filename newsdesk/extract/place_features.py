"""Streets, roads and water bodies named in an article ("Highland Avenue", "Interstate 75", "Neches
River", "Lake Lanier"), which no pip gazetteer has.

They are found by their last word (a street or water word) or by a road number, and the capitalized
words before it. They are mentions of their own kind (`street`, `water`) without coordinates: the
gazetteer cannot place them, and a town's point would pretend a precision the text does not give.
A name the gazetteer knows as a town wins ("Green Bay", "Battle Creek"); a street or water name wins
over a place inside it ("Memphis" in "Memphis Street", "Ontario" in "Lake Ontario").
"""

from __future__ import annotations

import re
from typing import NamedTuple

STREET_WORDS = (
    "Street", "St.", "Road", "Rd.", "Avenue", "Ave.", "Drive", "Lane", "Ln.", "Boulevard", "Blvd.", "Parkway",
    "Pkwy.", "Circle", "Terrace", "Trail", "Pike", "Freeway", "Expressway", "Turnpike", "Highway",
)
WATER_WORDS = ("River", "Creek", "Lake", "Reservoir", "Bay")
ROAD_NUMBER_WORDS = ("Interstate", "Route", "Hwy.")  # before a number only: "Route 1"
_ALT = "|".join(re.escape(w) for w in (*STREET_WORDS, *WATER_WORDS, *ROAD_NUMBER_WORDS))
# one alternation of words and no lookbehind first, so that re skips ahead to their first letters
RE_FEATURE_WORD = re.compile(rf"(?:{_ALT})(?![\w'’])")
RE_DASHED_ROADS = (re.compile(r"I-\d{1,3}\b(?!-)"), re.compile(r"US-\d{1,3}\b(?!-)"))  # literal starts: fast
RE_ROAD_NUMBER = re.compile(r" \d{1,4}\b(?!-)")  # "Highway 10", "County Road 43"
RE_ROAD_PREFIX = re.compile(r"(?:County|State|U\.S\.|US) $")  # "County Road 43", "U.S. Route 1"
# the capitalized words of a name, right before its street or water word (an ordinal counts: "42nd")
RE_NAME_BEFORE = re.compile(r"(?:(?:[A-Z][\w-]*(?:['’](?!s\b)\w+)?|[A-Z][a-z]?\.|\d+(?:st|nd|rd|th)) ){1,4}$")
RE_NAME_AFTER = re.compile(r"[A-Z][\w-]*(?:['’](?!s\b)\w+)?(?: [A-Z][\w-]*(?:['’](?!s\b)\w+)?)?")
STREET_SET = frozenset(STREET_WORDS)
ROAD_WORDS = frozenset(("Highway", "Road", *ROAD_NUMBER_WORDS))
RE_INITIAL = re.compile(r"[A-Z]\.")
LOOKBEHIND = 60


class Feature(NamedTuple):
    """A street, road or water body: body[start:end] is its name."""

    start: int
    end: int
    kind: str  # "street" | "water"


SKIP_WORDS = frozenset(
    "The A An In On At To From Of For By With Near Along Across Off Onto Into Via Past Toward Towards And Or But "
    "If When While As After Before Since Until Both Each Every Some All This That These Those Its His Her Their "
    "Our My Your We They He She It I You No Not Is Was Said Says Police Officers Monday Tuesday Wednesday Thursday "
    "Friday Saturday Sunday January February March April May June July August September October November December".split()
)  # words that open a sentence or a phrase, not a street's name ("On Elm Street", "The Reese Road fire")


def _inside_word(body: str, start: int) -> bool:
    """A match that starts inside a word or a dotted or hyphenated name."""
    return start > 0 and (body[start - 1].isalnum() or body[start - 1] in "'’.-_")


def _trim(words: list[str]) -> list[str]:
    """Drop leading words that open a sentence or a phrase rather than a name."""
    while words and words[0] in SKIP_WORDS:
        words = words[1:]
    return words


def find_features(body: str, blockers: frozenset[str], people: frozenset[str]) -> list[Feature]:
    """Streets, roads and water bodies in reading order; `blockers` are phrases that are no place
    ("Wall Street"), `people` given names that make "X Bay" a person."""
    out: list[Feature] = []
    for m in RE_FEATURE_WORD.finditer(body):
        if _inside_word(body, m.start()):
            continue  # "Backstreet", "Blake"
        word = m.group()
        number = RE_ROAD_NUMBER.match(body, m.end())
        if number and word in ROAD_WORDS:
            prefix = RE_ROAD_PREFIX.search(body, max(0, m.start() - 7), m.start())
            out.append(Feature(prefix.start() if prefix else m.start(), number.end(), "street"))
            continue
        if word in ROAD_NUMBER_WORDS:
            continue
        after = RE_NAME_AFTER.match(body, m.end() + 1) if body[m.end() : m.end() + 1] == " " else None
        if word == "Lake" and after:  # "Lake Lanier": the name follows, and no name comes before
            if after.group().split()[0] not in SKIP_WORDS and not RE_NAME_BEFORE.search(body, max(0, m.start() - 20), m.start()):
                out.append(Feature(m.start(), after.end(), "water"))
            continue
        if after:
            continue  # "Wall Street Journal", "St. Louis", "River Road": part of a longer name
        before = RE_NAME_BEFORE.search(body, max(0, m.start() - LOOKBEHIND), m.start())
        if before is None:
            continue
        words = _trim(before.group().split())
        if not words or (len(words) > 1 and RE_INITIAL.fullmatch(words[-1])):
            continue  # "Marvin F. Lane" is a person
        start = m.start() - len(" ".join(words)) - 1
        if body[start : m.end()] in blockers:
            continue  # "Wall Street"
        if word not in STREET_SET and len(words) == 1 and words[0] in people:
            continue  # "Michael Bay"
        out.append(Feature(start, m.end(), "street" if word in STREET_SET else "water"))
    for rx in RE_DASHED_ROADS:
        out += [Feature(m.start(), m.end(), "street") for m in rx.finditer(body) if not _inside_word(body, m.start())]
    out.sort()
    return _no_overlaps(out)


def _no_overlaps(features: list[Feature]) -> list[Feature]:
    """Keep the first of overlapping features (they come sorted by start)."""
    kept: list[Feature] = []
    for f in features:
        if not kept or f.start >= kept[-1].end:
            kept.append(f)
    return kept
