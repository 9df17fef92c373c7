"""The article's cast: names split into role and name, clustered into entities written as the
fullest name, with what a pronoun or a description needs (hand-written shapes)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.extract.body_text import sentence_starts
from newsdesk.extract.cast import build_cast, parse_sequence, same_person, split_role


def entity_names(body: str, title: str = "") -> set[str]:
    return {e.name for e in build_cast(body, title=title).entities}


def resolved(body: str, word: str, occurrence: int = -1) -> str | None:
    """The entity name of a one-word mention (by default its last occurrence; 0 for the first)."""
    cast = build_cast(body)
    starts = [i for i in range(len(body)) if body.startswith(word, i)]
    at = starts[occurrence]
    found = [m for m in cast.mentions_between(at, at + len(word)) if m.entity >= 0]
    return cast.entities[found[0].entity].name if found else None


@pytest.mark.parametrize("tokens, role, name", [
    (["NASA", "Administrator", "Jim", "Bridenstine"], ["NASA", "Administrator"], ["Jim", "Bridenstine"]),
    (["Browns", "DL", "Sam", "Poe"], ["Browns", "DL"], ["Sam", "Poe"]),  # a known first name starts the name
    (["Public", "Prosecution", "Eva-Marie", "Persson"], ["Public", "Prosecution"], ["Eva-Marie", "Persson"]),
    (["Volcanologist", "Einar", "Magnusson"], ["Volcanologist"], ["Einar", "Magnusson"]),
    (["Prince", "Andrew"], [], ["Prince", "Andrew"]),  # a royal title stays with a lone given name
    (["Gov.", "Jane", "Roe"], ["Gov."], ["Jane", "Roe"]),
    (["Carrie", "Ann", "Inaba"], [], ["Carrie", "Ann", "Inaba"]),  # a first name of two words
])
def test_split_role(tokens, role, name):
    assert split_role(tokens) == (role, name)


@pytest.mark.parametrize("text, names", [
    ("NASA’s Jet Propulsion Laboratory", [("NASA",), ("Jet", "Propulsion", "Laboratory")]),  # cut at the possessive
    ("U.S. Attorney James P. Kennedy Jr.", [("James", "P.", "Kennedy", "Jr.")]),
    ("U.S. Attorney’s Office", [("Office",)]),  # a title alone names no one
    ("Mr. Smith. The Senate", [("Smith",), ("Senate",)]),  # a sentence ends inside the run
    ("Will Tanner", [("Will", "Tanner")]),  # a first name that is also a stop word
    ("He Jianxiong", [("He", "Jianxiong")]),  # "He" before a capitalized word is a family name
    ("Here’s Clinton", [("Clinton",)]),
])
def test_parse_sequence(text, names):
    assert [p.name for p in parse_sequence(text)] == names


@pytest.mark.parametrize("a, b, same", [
    (("Hawk", "Sawyer"), ("Kathleen", "Hawk", "Sawyer"), True),
    (("Pat", "Carlineo"), ("Patrick", "Carlineo", "Jr."), True),
    (("J.", "Smith"), ("John", "Smith"), True),
    (("Owen", "Dempsey"), ("Owen", "John", "Dempsey"), True),
    (("Tom", "Young"), ("Neil", "Young"), False),
    (("Jennifer", "Williams"), ("John", "Williams"), False),
])
def test_same_person(a, b, same):
    assert same_person(a, b) is same and same_person(b, a) is same


@pytest.mark.parametrize("body, word, expected", [
    # a full name after a title, an abbreviation or an apposition, before or after the surname
    ("The bill was signed by Gov. Jane Roe.\n\nRoe spoke later.", "Roe", "Jane Roe"),
    ("Roe spoke first.\n\nThe bill was signed by Gov. Jane Roe.", "Roe*", "Jane Roe"),
    ("The physician Dr. Ann Lee agreed.\n\nLee spoke.", "Lee", "Ann Lee"),
    ("Former White House adviser Mia Tran agreed.\n\nTran spoke.", "Tran", "Mia Tran"),
    ("John Q. Public Jr., the U.S. attorney, spoke.\n\nPublic left.", "Public", "John Q. Public Jr."),
    # the fullest form wins: a shorter one, a middle name, a suffix
    ("Hawk Sawyer testified. Kathleen Hawk Sawyer runs the agency. Sawyer left.", "Sawyer", "Kathleen Hawk Sawyer"),
    # role words, ages and places are not glued to the name
    ("Browns DL Sam Poe was hurt.\n\nPoe is out.", "Poe", "Sam Poe"),
    ("The 45-year-old Sam Poe of Leeds won. 14th-ranked Poe lost.", "Poe", "Sam Poe"),
    ("China's ambassador to Britain Liu Xiaming spoke.\n\nLiu left.", "Liu", "Liu Xiaming"),  # family name first
    # a shared surname stands for the person the article named first
    ("Hillary Clinton spoke with her husband, Bill Clinton.\n\nClinton smiled.", "Clinton", "Hillary Clinton"),
    # an acronym the article spells out
    ("The Drug Enforcement Administration raided the port.\n\nThe DEA said little.", "DEA", "Drug Enforcement Administration"),
    ("Customs and Border Protection declined.\n\nCBP said no.", "CBP", "Customs and Border Protection"),
    # the title gives the fullest name when the body does not
])
def test_mentions_cluster_into_entities(body, word, expected):
    first = word.endswith("*")  # the first occurrence (the last one is inside the full name)
    assert resolved(body, word.rstrip("*"), 0 if first else -1) == expected


def test_the_title_gives_the_fullest_name_when_the_body_does_not():
    body = "Cook spoke at the event.\n\nCook left."
    cast = build_cast(body, title="Tim Cook On Apple Being Pulled Into The Enterprise")
    at = body.rindex("Cook")
    (mention,) = [m for m in cast.mentions_between(at, at + 4) if m.entity >= 0]
    assert cast.entities[mention.entity].name == "Tim Cook"


def test_a_first_name_in_brackets_inside_a_quotation_completes_the_name():
    assert "Frank Vogel" in entity_names('"Coach (Frank) Vogel is great," he said. Vogel smiled.')


@pytest.mark.parametrize("body, name", [
    ("The Department of Health and Social Care said no.", "Department of Health and Social Care"),
    ("Big Machine said no. Later Big Machine Records said yes.", "Big Machine Records"),
])
def test_organization_names_join_over_small_words_and_shorter_forms(body, name):
    names = entity_names(body)
    assert name in names and "Big Machine" not in names


def test_names_joined_by_and_are_two_people():
    assert {"Tova Noel", "Mike Thomas"} <= entity_names("Tova Noel and Mike Thomas were charged.")


@pytest.mark.parametrize("body, kind", [
    ("Kate York wrote it.", "person"),  # a first name and a place word: a person
    ("Border Protection agreed.", "org"),  # a common noun's ending: an organization
    ("Dick Clark Productions denied it.", "org"),
])
def test_entity_kind(body, kind):
    assert build_cast(body).entities[0].kind == kind


def test_sentence_openers_and_participles_are_not_names():
    names = entity_names("Hosting Cook at the event was an honor. Under NASA rules, Once Upon is a film.")
    assert not {"Hosting Cook", "Under NASA"} & names


def test_names_inside_quotation_marks_are_flagged():
    body = '"I called my friend on Martha\'s Vineyard," Ann Lee said.'
    cast = build_cast(body, [(1, body.index('"', 1))])
    inside = [m for m in cast.mentions_between(0, len(body)) if cast.in_quote(m.start)]
    assert all(body.index('"', 1) > m.start for m in inside)
    assert not cast.in_quote(body.index("Ann Lee"))


def test_pronouns_and_sentences_are_found_per_paragraph():
    body = "Dr. A. B. Smith spoke. She left at 5 p.m. on Monday.\n\nHe stayed."
    cast = build_cast(body)
    assert [body[m.start:m.end] for m in cast.mentions_between(0, len(body)) if m.entity < 0] == ["She", "He"]
    assert [body[s:s + 3] for s in sentence_starts(body, 0, body.index("\n\n"))] == ["Dr.", "She"]


def test_roles_and_genders_are_read_from_the_mentions():
    body = "Kremlin spokeswoman Ana Volk spoke. Tom Berg, the city's mayor, agreed."
    cast = build_cast(body)
    volk, berg = (cast.settle(i) for i in range(2))
    assert (volk.name, volk.role, volk.gender) == ("Ana Volk", "Kremlin spokeswoman", "f")
    assert (berg.name, berg.role, berg.gender) == ("Tom Berg", "city's mayor", "m")


@given(st.text(alphabet=st.sampled_from(list("Ab Cd.Ef,Gh Ij’s Kl'l \n\"Mn-Op Qr")), max_size=120))
def test_every_mention_lies_inside_the_body(body):
    cast = build_cast(body)
    for m in cast.mentions_between(0, len(body) + 1):
        assert 0 <= m.start < m.end <= len(body)
        assert m.entity < len(cast.entities)


@pytest.mark.parametrize("body, expected", [
    # a plural noun the article also writes in lowercase opens a group's name before "for"
    ("The doctors belong to Doctors for Open Clinics.", ("org", "Doctors for Open Clinics")),
    # no lowercase use of the noun: "for" joins nothing
    ("Officials traded Jones for Williams Perez.", ("person", "Williams Perez")),
    # one word after "for" is whom the group works for ("Lawyers for Epstein" are his lawyers)
    ("The lawyers spoke. Lawyers for Epstein denied it. Jeffrey Epstein was silent.", ("person", "Jeffrey Epstein")),
])
def test_a_group_named_for_a_cause_is_one_organization(body, expected):
    cast = build_cast(body)
    assert (expected[0], expected[1]) in {(e.kind, e.name) for e in cast.entities}


def test_lawyers_for_a_person_are_no_organization():
    cast = build_cast("The lawyers spoke. Lawyers for Epstein denied it. Jeffrey Epstein was silent.")
    assert not any(e.kind == "org" and "Lawyers" in e.tokens for e in cast.entities)


@pytest.mark.parametrize("body, word, expected", [
    # an organization's first word alone, before a company word, is the organization
    ("Harbor Media bought Quell Records. Later Harbor cut 60 jobs.", "Harbor", "Harbor Media"),
    # not a place before a public body, nor a word the article also writes in lowercase
    ("The Ohio Senate voted. Ohio is large.", "Ohio", None),
    ("New Media bought a paper. New owners came.", "New", None),
])
def test_an_organization_by_its_first_word(body, word, expected):
    cast = build_cast(body)
    found = cast.singles_between(body.rindex(word), body.rindex(word) + len(word))
    assert [cast.entities[m.entity].name for m in found if cast.entities[m.entity].kind == "org"] == (
        [expected] if expected else [])


def test_a_word_after_an_article_is_no_given_name():
    body = "British Realm was a title. The British royal spoke. British Realm rests."
    cast = build_cast(body)
    at = body.index("British royal")
    assert cast.singles_between(at, at + len("British")) == []
