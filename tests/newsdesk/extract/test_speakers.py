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
        ("he", ("Victor Olsen", "Transport Secretary")),
        ("Finance Minister Helena Marsh", ("Helena Marsh", "Finance Minister")),
        ("the minister", ("Helena Marsh", "Finance Minister")),
        ("the Kremlin", ("Kremlin", None)),
        (None, (None, None)),
    ],
)
def test_resolve_speaker(written, expected):
    cast = build_cast(ARTICLE)
    assert resolve_speaker(written, len(ARTICLE), cast) == expected


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
