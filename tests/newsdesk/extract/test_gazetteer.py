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


def _records(gaz, table, surface):
    from newsdesk.extract.gazetteer import candidates

    return [(gaz.name[r], gaz.kind[r], gaz.admin1[r], gaz.admin2[r]) for r in candidates(table, surface) or ()]


def test_towns_know_their_county(gaz):
    assert ("Paris", "city", "Tennessee", "Henry County") in _records(gaz, gaz.keys, "Paris")
    assert ("Henry County", "admin2", "Tennessee", "Henry County") in _records(gaz, gaz.keys, "Henry County")


def test_county_short_names_are_kept_apart(gaz):
    assert ("Geauga County", "admin2", "Ohio", "Geauga County") in _records(gaz, gaz.county_short, "Geauga")
    assert "Geauga" not in gaz.keys  # alone, a short name is read only in a list of counties
    assert any(name == "Rapides Parish" for name, *_ in _records(gaz, gaz.county_short, "Rapides"))


@pytest.mark.parametrize("short, long", [("St. Paris", "Saint Paris"), ("Mt. Pleasant", "Mount Pleasant"),
                                         ("Ft. Worth", "Fort Worth")])
def test_saint_mount_and_fort_short_forms(gaz, short, long):
    assert any(name == long for name, *_ in _records(gaz, gaz.keys, short))


@pytest.mark.parametrize("code, name", [("NJ", "New Jersey"), ("TX", "Texas"), ("ON", "Ontario"), ("QC", "Quebec")])
def test_state_and_province_codes(gaz, code, name):
    assert gaz.name[gaz.state_codes[code]] == name and gaz.kind[gaz.state_codes[code]] == "admin1"


def test_people_plurals_of_demonyms(gaz):
    assert "Russians" in gaz.demonyms and "Ontarians" in gaz.demonyms and "Dutchs" not in gaz.demonyms


def test_villages_of_500_people_are_in(gaz):
    assert any(kind == "city" for _, kind, *_ in _records(gaz, gaz.keys, "Bantam"))


def test_a_country_alias_keeps_its_namesake_towns(gaz):
    kinds = [kind for _, kind, *_ in _records(gaz, gaz.keys, "Palestine")]
    assert kinds[0] == "country" and "city" in kinds
