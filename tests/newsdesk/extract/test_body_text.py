"""The body's shared layout: paragraphs, sentences and capitalized runs (hand-written shapes)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.extract.body_text import BodyText, paragraph_starts, sentence_starts


@pytest.mark.parametrize("body, starts", [
    ("One.", [0]),
    ("One.\n\nTwo.", [0, 6]),
    ("One.\n\n\n\nTwo.", [0, 8]),  # extra blank lines belong to the break
    ("One.\nstill one.", [0]),  # a single line break is no paragraph
])
def test_paragraph_starts(body, starts):
    assert paragraph_starts(body) == starts


@pytest.mark.parametrize("text, firsts", [
    ("Gov. Jane Roe spoke. She left.", ["Gov.", "She"]),  # an abbreviation ends no sentence
    ("J. R. Smith spoke. He left.", ["J.", "He"]),  # nor an initial
    ("It rose 5 p.m. Monday. Then it fell.", ["It", "Then"]),
    ("“We won.” Fans cheered.", ["“We", "Fans"]),
])
def test_sentence_starts(text, firsts):
    assert [text[s:].split()[0] for s in sentence_starts(text)] == firsts


@pytest.mark.parametrize("body, runs", [
    ("Gov. Jane Roe met NASA Administrator Jim Bridenstine.", ["Gov. Jane Roe", "NASA Administrator Jim Bridenstine."]),
    ("the Department of Health and Social Care said", ["Department of Health and Social Care"]),
    ("Ludwig van Beethoven and Noel and Thomas", ["Ludwig van Beethoven and Noel and Thomas"]),
    ("the U.S. Attorney’s Office", ["U.S. Attorney’s Office"]),
    ("Smith said.\nJones agreed.", []),  # a run never crosses a line
    ("Smith agreed with Jones.", []),  # one capitalized word is no run
])
def test_capitalized_runs(body, runs):
    assert [text for _, text in BodyText(body).capitalized_runs()] == runs


def test_sentences_and_paragraph_lookups():
    body = "Ana Volk spoke. She left.\n\nTom Berg stayed."
    text = BodyText(body)
    she, tom = body.index("She"), body.index("Tom")
    assert text.paragraph_of(she) == 0 and text.paragraph_of(tom) == 1
    assert text.sentence_key(she) == (0, 1) and text.sentence_key(tom) == (1, 0)
    assert body[slice(*text.sentence_bounds(she))] == "She left.\n\n"


@given(st.text(alphabet=st.sampled_from(list("Ab Cd.Ef,Gh Ij’s Kl'l \n\"Mn-Op Qr of")), max_size=150))
def test_runs_lie_in_the_body_on_one_line(body):
    for start, run in BodyText(body).capitalized_runs():
        assert body[start:start + len(run)] == run
        assert "\n" not in run and run[0].isupper() and " " in run
