"""Streets, roads and water bodies, on sentences written for these tests."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract.place_features import find_features

BLOCKERS = frozenset({"Wall Street", "Main Street"})
PEOPLE = frozenset({"Michael", "John"})


def _found(text: str) -> list[tuple[str, str]]:
    return [(text[f.start : f.end], f.kind) for f in find_features(text, BLOCKERS, PEOPLE)]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Crews repaved Old Lexington Highway last week.", [("Old Lexington Highway", "street")]),
        ("He lives at 42nd Street and Fifth Avenue.", [("42nd Street", "street"), ("Fifth Avenue", "street")]),
        ("On N. Poplar St. a car was stolen.", [("N. Poplar St.", "street")]),
        ("Take County Road 43 to Highway 10, then I-75.",
         [("County Road 43", "street"), ("Highway 10", "street"), ("I-75", "street")]),
        ("U.S. Route 31 was closed.", [("U.S. Route 31", "street")]),
        ("The Neches River rose; Freeborn Lake froze; Lake Harriet did not.",
         [("Neches River", "water"), ("Freeborn Lake", "water"), ("Lake Harriet", "water")]),
        ("In North Fork River country.", [("North Fork River", "water")]),
    ],
)
def test_streets_roads_and_water(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Stocks fell on Wall Street.",  # a blocker: the market, not the street
        "The Wall Street Journal reported it.",  # part of a longer name
        "She moved to St. Louis in May.",  # "St." opening a town's name
        "Marvin F. Lane testified on Monday.",  # a person called Lane
        "Michael Bay directed the film.",  # a person called Bay
        "The river rose and the lake froze.",  # lower case: no name
        "Street vendors and Road closures.",  # a feature word with no name before it
        "The Backstreet Boys played Blakeville.",  # inside words
        "Over 300 Highway workers were hired.",  # no name before "Highway"
    ],
)
def test_not_features(text):
    assert _found(text) == []


def test_salt_lake_city_is_no_lake():
    assert ("Lake City", "water") not in _found("Flights to Salt Lake City resumed.")


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="Ab Lake River Street 12.-'’\n", max_size=80))
def test_features_are_ordered_disjoint_spans_of_the_text(text):
    spans = find_features(text, BLOCKERS, PEOPLE)
    for f in spans:
        assert 0 <= f.start < f.end <= len(text) and f.kind in ("street", "water")
    assert all(a.end <= b.start for a, b in zip(spans, spans[1:]))
