"""The offline gazetteer file: contents, curated lists, loading."""

from __future__ import annotations

import pytest

from newsdesk.extract import gazetteer


@pytest.fixture(scope="module")
def gaz():
    """The committed gazetteer, loaded once."""
    return gazetteer.load()


@pytest.mark.parametrize(
    "surface, kind, cc",
    [
        ("Russia", "country", "RU"),
        ("U.S.", "country", "US"),
        ("Britain", "country", "GB"),
        ("Ontario", "admin1", "CA"),
        ("Minsk", "city", "BY"),
        ("Asia", "continent", None),
    ],
)
def test_best_candidate_for_a_surface(gaz, surface, kind, cc):
    rid = gazetteer.candidates(gaz.keys, surface)[0]
    assert (gaz.kind[rid], gaz.cc[rid]) == (kind, cc)


@pytest.mark.parametrize("demonym, cc", [("Russian", "RU"), ("Belarusian", "BY"), ("Canadian", "CA")])
def test_demonyms(gaz, demonym, cc):
    assert gaz.cc[gazetteer.candidates(gaz.demonyms, demonym)[0]] == cc


def test_country_points_are_geonames_points(gaz):
    rid = gazetteer.candidates(gaz.keys, "Canada")[0]
    assert (round(gaz.lat[rid], 2), round(gaz.lon[rid], 2)) == (60.11, -113.64)


def test_curated_lists_are_loaded(gaz):
    assert "The Moscow Times" in gaz.blockers
    assert "March" in gaz.stopwords
    assert "Jordan" in gaz.person_names


def test_max_tokens_cover_multiword_keys(gaz):
    assert gaz.max_tokens["Bosnia"] >= 3  # Bosnia and Herzegovina
    assert gaz.max_tokens["U"] >= 4  # U . S .


@pytest.mark.parametrize("text, tokens", [("U.S.", ["U", ".", "S", "."]), ("Paris, Texas", ["Paris", ",", "Texas"])])
def test_split_tokens(text, tokens):
    assert gazetteer.split_tokens(text) == tokens


def test_build_cli_usage_error():
    assert gazetteer.main([]) == 2
