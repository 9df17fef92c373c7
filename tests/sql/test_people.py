"""The people, quotes and speakers marts on tiny hand-written rows: one person across spellings and
articles, and a lone surname joined only when the corpus leaves no doubt."""

from datetime import date

import pytest

from newsdesk import database
from tests.sql.test_models import article, build_rows, quote

D1, D2, D3 = date(2021, 3, 1), date(2021, 3, 2), date(2021, 3, 5)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    articles = [article("a1", D1, "harbor.example"), article("a2", D2, "harbor.example"),
                article("a3", D3, "valley.example"), article("a4", D3, "ridge.example")]
    quotes = [
        # one person, three spellings: full name, with a middle initial, surname alone (same outlet)
        quote("a1", 0, "Marta Quell", "Harbor Commissioner"), quote("a1", 1, "Marta Quell"),
        quote("a2", 0, "Marta J. Quell", "commissioner"), quote("a2", 1, "Quell"),
        # two full names share a surname: a lone "Brandt" must stay a person of its own
        quote("a3", 0, "Ivo Brandt", "mayor"), quote("a3", 1, "Lena Brandt", "coach"),
        quote("a4", 0, "Brandt"),
        # one full name, but the lone surname appears elsewhere in another role: no merge
        quote("a3", 2, "Tomas Weir", "farmer"), quote("a4", 1, "Weir", "goalkeeper"),
        # two different middle initials: two people; the name without one stays apart
        quote("a3", 3, "Paul A. Stone"), quote("a4", 2, "Paul B. Stone"), quote("a4", 3, "Paul Stone"),
        # descriptions and organizations are not people; no speaker, no person
        quote("a1", 2, "spokesperson", speaker_kind="description"), quote("a1", 3, None),
        quote("a1", 4, "Harbor Authority", speaker_kind="organization"),
        quote("a2", 2, "Quell Shipping", speaker_kind="organization"),  # (an organization is no Quell)
        # an indirect quote does not count
        quote("a4", 4, "Quell", kind="indirect"),
    ]
    db = build_rows(tmp_path_factory.mktemp("people"), articles=articles, quotes=quotes, places=[], credits=[])
    connection = database.connect(db)
    yield connection
    connection.close()


def people(con):
    return {r[0]: r[1:] for r in con.sql(
        "select person_name, aliases, count_quotes, count_articles, first_quoted_date, last_quoted_date "
        "from people").fetchall()}


def test_spellings_of_one_person_are_one_row_written_as_the_fullest_name(con):
    found = people(con)
    assert found["Marta J. Quell"] == (["Marta J. Quell", "Marta Quell", "Quell"], 4, 2, D1, D2)


def test_an_ambiguous_surname_is_not_merged(con):
    found = people(con)
    assert found["Brandt"] == (["Brandt"], 1, 1, D3, D3)
    assert found["Ivo Brandt"][0] == ["Ivo Brandt"] and found["Lena Brandt"][0] == ["Lena Brandt"]


def test_a_surname_with_a_contradicting_role_and_outlet_is_not_merged(con):
    found = people(con)
    assert found["Weir"][0] == ["Weir"] and found["Tomas Weir"][0] == ["Tomas Weir"]


def test_different_middle_initials_are_different_people(con):
    found = people(con)
    assert {"Paul A. Stone", "Paul B. Stone", "Paul Stone"} <= set(found)


def test_descriptions_organizations_and_missing_speakers_are_not_people(con):
    found = people(con)
    assert not {"spokesperson", "Harbor Authority", "Quell Shipping"} & set(found)
    assert con.sql("select count(*) from people where person_name is null").fetchone() == (0,)
    assert con.sql("select count(person_id) from quotes where speaker_kind = 'organization'").fetchone() == (0,)


def test_people_lists_roles_and_outlets(con):
    assert con.sql("select roles, outlets from people where person_name = 'Marta J. Quell'").fetchone() == (
        ["Harbor Commissioner", "commissioner"], ["harbor.example"])


def test_every_quote_with_a_named_speaker_has_its_person(con):
    assert con.sql("select count(*), count(person_id) from quotes where speaker is not null "
                   "and coalesce(speaker_kind, 'person') = 'person'").fetchone() == (13, 13)
    assert con.sql("select count(*) from quotes left join people using (person_id) "
                   "where quotes.person_id is not null and people.person_id is null").fetchone() == (0,)
    assert con.sql("select count(distinct person_id) from quotes where speaker in ('Quell', 'Marta Quell')").fetchone() \
        == (1,)


def test_quotes_mart_keeps_every_quote_once(con):
    assert con.sql("select count(*), count(distinct quote_id) from quotes").fetchone() == (17, 17)


def test_speakers_mart_counts_people_not_spellings(con):
    rows = con.sql("select speaker, count_quotes, count_articles from speakers order by count_quotes desc, speaker"
                   ).fetchall()
    assert rows[0] == ("Marta J. Quell", 4, 2)
    assert len(rows) == con.sql("select count(*) from people").fetchone()[0]


@pytest.mark.parametrize("table, key", [("people", "person_id"), ("speakers", "person_id"), ("quotes", "quote_id")])
def test_keys_are_unique_and_not_null(con, table, key):
    assert con.sql(f"select count(*) - count(distinct {key}) from {table}").fetchone() == (0,)


def test_person_ids_are_stable_hashes_of_the_name(con):
    first = con.sql("select person_id from people where person_name = 'Marta J. Quell'").fetchone()[0]
    assert len(first) == 16 and first == con.sql("select md5('marta quell')[1:16]").fetchone()[0]
