"""Speaker resolution within an article: surnames, pronouns, roles, organizations."""

from __future__ import annotations

import pytest

from newsdesk.extract.quotes import extract_quotes
from newsdesk.extract.speakers import build_cast, resolve_speaker

ARTICLE = (
    "Finance Minister Helena Marsh met Transport Secretary Victor Olsen on Tuesday.\n\n"
    "The ministry said talks would continue."
)


@pytest.mark.parametrize(
    "written, expected",
    [
        ("Marsh", ("Helena Marsh", "Finance Minister")),
        ("Olsen", ("Victor Olsen", "Transport Secretary")),
        ("she", ("Helena Marsh", "Finance Minister")),
        ("Finance Minister Helena Marsh", ("Helena Marsh", "Finance Minister")),
        ("the minister", ("Helena Marsh", "Finance Minister")),
        ("the Kremlin", ("Kremlin", None)),
    ],
)
def test_resolve_speaker(written, expected):
    body = ARTICLE + f'\n\n"Talks will go on," {written} said.'
    cast = build_cast(body)
    assert resolve_speaker(written, body.rindex(written), cast) == expected


def test_resolve_speaker_without_a_speaker():
    assert resolve_speaker(None, 0, build_cast(ARTICLE)) == (None, None)


def test_surname_resolves_to_full_name_in_quotes():
    body = 'Senator Paula Reyes opened the hearing.\n\n"We need answers," Reyes said.'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.speaker_as_written, quote.speaker_role) == ("Paula Reyes", "Reyes", "Senator")


def test_pronoun_picks_the_person_of_matching_gender():
    body = ('Mark Dunn criticized Laura Kemp on Friday.\n\n'
            '"He has no plan at all," she said.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Laura Kemp"


def test_pronoun_picks_the_most_recent_person():
    body = ('John Reed spoke first. Later, Peter Vance took the stage.\n\n'
            '"This is our moment," he said.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Peter Vance"


def test_role_in_apposition_and_organization_speaker():
    body = ('"The plant is closed," the company said in a statement.\n\n'
            '"It will reopen," Anna Berg, a company spokeswoman, told reporters.')
    first, second = extract_quotes(body)
    assert first.speaker == "company" and first.cue == "said"
    assert second.speaker == "Anna Berg" and second.cue == "told"


def test_honorific_gives_gender():
    body = 'Mrs. Quill arrived late.\n\n"I was stuck in traffic," she said.'
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Quill"


def test_pronoun_with_a_first_name_outside_the_gazetteer_takes_the_nearby_person():
    body = ('Mayor Carla Diaz opened the fair in June.\n\n'
            'Zephyrine Okafor, a farmer from the valley, sold out by noon.\n\n'
            '"Next year I will bring twice as much," she said.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Zephyrine Okafor"


def test_pronoun_prefers_the_subject_of_its_own_sentence():
    body = ('Nora Blake and Ruth Adler met on Monday.\n\n'
            'Blake says she admired Adler for what she calls a "quiet kind of courage."')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Nora Blake"


def test_first_name_gender_beats_a_gendered_title():
    body = ('Campaign spokesman Hope Larkin answered questions.\n\n'
            '"We are not worried," she said.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Hope Larkin"


def test_relative_who_stands_for_the_noun_phrase_before_it():
    body = 'Residents booed Tom Yates, who warned that the plant was "a disaster waiting to happen."'
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Tom Yates"


def test_surname_before_the_full_name_is_resolved_lazily():
    body = ('"We will appeal," Okonkwo said on Monday.\n\n'
            'The ruling went against Adaeze Okonkwo, the city\'s lawyer, last week.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Adaeze Okonkwo"


@pytest.mark.parametrize(
    "body, speaker, role",
    [
        # name inside commas after a description
        ('The union\'s transport spokesperson, Ida Marsh, called the fares "a slap in the face."',
         "Ida Marsh", None),
        # person "of" an organization: the person speaks
        ('Glaciologist Runa Holt of the University of Tromso said the melt was "a warning."',
         "Runa Holt", "Glaciologist"),
        # an organization name with "of ... and ..."
        ('The Ministry of Fisheries and Coastal Affairs said in a statement: "Quotas will not change."',
         "Ministry of Fisheries and Coastal Affairs", None),
        # unknown leading word before a known first name is a title
        ('"We will reopen," Harbourmaster James Colby said.', "James Colby", "Harbourmaster"),
    ],
)
def test_speaker_shapes(body, speaker, role):
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.speaker_role) == (speaker, role)


def test_age_description_refers_to_the_person_just_named():
    body = ('Tamar Gelashvili has run the bakery for a decade.\n\n'
            '"Bread is the last thing people give up," said the 52-year-old.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Tamar Gelashvili"


def test_put_it_cue_with_a_relative_clause_apposition():
    body = 'Rafael Ortiz, who runs the ferry, put it simply: "No boats, no town."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("Rafael Ortiz", "put it")


def test_pronoun_skips_capitalized_phrases_that_are_not_people():
    body = ('Senator Omar Welles spoke after the Harbor Policy Report came out.\n\n'
            '"It changes nothing," he said.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Omar Welles"


def test_indefinite_description_is_not_a_known_person():
    body = ('Campaign adviser Nora Quist spoke first.\n\n'
            '"We are worried," one longtime adviser said.')
    (quote,) = extract_quotes(body)
    assert quote.speaker != "Nora Quist"


@pytest.mark.parametrize("body, expected", [
    # the full name comes only later in the article
    ('"We won," Lavrov said.\n\nForeign Minister Sergei Lavrov spoke later.', "Sergei Lavrov"),
    ('"We won," Lavrov said.\n\nNobody else spoke.', "Lavrov"),
])
def test_surname_resolved_from_a_later_full_name(body, expected):
    (quote,) = extract_quotes(body)
    assert quote.speaker == expected
