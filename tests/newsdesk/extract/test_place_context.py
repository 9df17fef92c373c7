"""Article evidence for place resolution: votes of names for countries, states and counties."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from newsdesk.extract.gazetteer import candidates, load
from newsdesk.extract.place_context import gather


@dataclass
class _M:
    key: str
    candidates: list[int]


def _evidence(*keys: str):
    g = load()
    return g, gather(g, [_M(k, candidates(g.keys, k)) for k in keys])


def test_a_name_does_not_support_itself():
    _, ev = _evidence("Texas")
    assert ev.admin("US", "Texas", "Texas") == 0.0 and ev.country("US", "Texas") == 0.0
    assert ev.admin("US", "Texas", "Austin") > 0.95  # (a few small towns called Texas lie elsewhere)


def test_support_sums_the_votes_of_the_other_names():
    _, ev = _evidence("Texas", "Houston", "Ohio")
    votes = ev.admins[("US", "Texas")]
    assert ev.admin("US", "Texas", "Ohio") == pytest.approx(sum(votes.values()))
    assert ev.admin("US", "Texas", "Houston") == pytest.approx(sum(votes.values()) - votes["Houston"])


def test_a_unique_name_gives_its_state_a_whole_vote():
    _, ev = _evidence("Kentucky", "Laurel County")
    assert ev.admin("US", "Kentucky", "Laurel County") == pytest.approx(1.0)
    assert ev.admin("US", "Kentucky", "Kentucky") > 0.5  # Laurel County lies in Kentucky only
    assert ev.country("US", "nothing") > 1.9


def test_an_ambiguous_town_shares_its_vote_by_population():
    _, ev = _evidence("Springfield")
    states = {admin: votes["Springfield"] for admin, votes in ev.admins.items()}
    assert sum(states.values()) <= 1.0 + 1e-9
    assert max(states.values()) < 0.5  # no state gets most of it


def test_a_famous_reading_keeps_most_of_the_vote():
    _, ev = _evidence("Paris")
    assert ev.countries["FR"]["Paris"] > 0.6


def test_a_county_and_a_town_in_it_back_each_other():
    g, ev = _evidence("Paris", "Henry County")
    paris_tn = next(r for r in candidates(g.keys, "Paris") if g.admin1[r] == "Tennessee")
    paris_fr = next(r for r in candidates(g.keys, "Paris") if g.cc[r] == "FR")
    henry_tn = next(r for r in candidates(g.keys, "Henry County") if g.admin1[r] == "Tennessee")
    henry_ga = next(r for r in candidates(g.keys, "Henry County") if g.admin1[r] == "Georgia")
    assert ev.in_named_county(g, paris_tn, "Paris") and ev.in_named_county(g, henry_tn, "Henry County")
    assert not ev.in_named_county(g, paris_fr, "Paris") and not ev.in_named_county(g, henry_ga, "Henry County")


def test_names_left_out_cast_no_vote():
    g = load()
    ev = gather(g, [_M("Kentucky", candidates(g.keys, "Kentucky"))], votes=lambda m: False)
    assert ev.admins == {} and ev.countries == {}
