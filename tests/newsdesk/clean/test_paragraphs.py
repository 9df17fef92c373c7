import pytest

from newsdesk.clean import paragraphs


@pytest.mark.parametrize("paras_in, paras_out", [
    (['The minister said "there is', 'no reason to wait," and left.'], ['The minister said "there is no reason to wait," and left.']),
    (["The vote passed.", "lawmakers then adjourned."], ["The vote passed.", "lawmakers then adjourned."]),
    (["Storm warning", "Residents were told to stay home."], ["Storm warning", "Residents were told to stay home."]),
])
def test_rejoin(paras_in, paras_out):
    assert paragraphs.rejoin(paras_in) == paras_out


@pytest.mark.parametrize("block, flat", [
    ("- flour\n- two eggs\n* milk", "• flour\n• two eggs\n• milk"),
    ("1. Preheat the oven\n2) Mix", "1. Preheat the oven\n2) Mix"),
    ("| City | Rain |\n|---|---|\n| Oslo | 12 mm |", "| City | Rain |\n| Oslo | 12 mm |"),
    ("A hard-wrapped line of prose\nthat continues here.", "A hard-wrapped line of prose that continues here."),
])
def test_flatten(block, flat):
    assert paragraphs.flatten(block) == flat


@pytest.mark.parametrize("line, expected", [
    ("[Ten things to know about the new tram line](https://example.com/tram)", True),
    ("- [Budget vote delayed again](https://example.com/a)", True),
    ("The [agency](https://example.com) confirmed the figures on Tuesday evening.", False),
])
def test_is_link_line(line, expected):
    assert paragraphs.is_link_line(line) is expected


def test_dedupe_keeps_first_and_short_repeats():
    paras = ["A long caption repeated in a gallery.", "Body.", "A long caption repeated in a gallery.", "Body."]
    assert paragraphs.dedupe(paras) == ["A long caption repeated in a gallery.", "Body.", "Body."]


@pytest.mark.parametrize("line, expected", [
    ("The council met on Tuesday.", True),
    ("“Quoted” prose", True),
    ("", True),
    ("2. Second step", False),   # a numbered item
    ("٣. Arabic-Indic digits number items too", False),
    ("- a bullet", False),
    ("| a | b |", False),
])
def test_starts_as_prose(line, expected):
    assert paragraphs.starts_as_prose(line) is expected


@pytest.mark.parametrize("block, kept", [
    ("- [Budget vote delayed](https://a.example/1)\n## Teaser heading\nThe vote was delayed.", "The vote was delayed."),
    ("The [agency](https://a.example) confirmed the figures on Tuesday evening.",
     "The [agency](https://a.example) confirmed the figures on Tuesday evening."),
    ("No links here [just brackets]\n## A heading stays", "No links here [just brackets]\n## A heading stays"),
])
def test_drop_link_lines(block, kept):
    assert paragraphs.drop_link_lines(block) == kept


@pytest.mark.parametrize("paragraph, expected", [
    ("The vote passed.", True),
    ("“We will appeal,” she said.”)  ", True),   # closing quotes and brackets after the full stop
    ("He called it “a disgrace”", True),           # a closing quote on its own
    ("Storm warning", False),
    ("", False),
])
def test_ends_sentence(paragraph, expected):
    assert paragraphs.ends_sentence(paragraph) is expected
