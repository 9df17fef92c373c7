import re._constants as sre_constants
import re._parser as sre_parser

import pytest
from ftfy.badness import BADNESS_RE, is_bad
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdesk.clean import normalize


@pytest.mark.parametrize("text_in, text_out", [
    ("The mayorâ€™s office", "The mayor’s office"),          # mojibake repaired
    ("\ufeffHello\u200b world", "Hello world"),              # BOM and zero-width space dropped
    ("soft\u00adhyphen and a bell\x07 and a form feed\x0c", "softhyphen and a bell and a form feed"),  # one pass
    ("“Curly” and 'straight' quotes stay", "“Curly” and 'straight' quotes stay"),
    ("caf\u0065\u0301", "café"),                             # NFC
])
def test_unicode(text_in, text_out):
    assert normalize.unicode(text_in) == text_out


@pytest.mark.parametrize("text_in, text_out", [
    ("  One  line\t here  ", "One line here"),
    ("First.\n\n\n\nSecond.", "First.\n\nSecond."),
    ("A\r\n \r\nB", "A\n\nB"),
    ("Already clean.\n\nYes.", "Already clean.\n\nYes."),
])
def test_whitespace(text_in, text_out):
    assert normalize.whitespace(text_in) == text_out


# --- the mojibake pre-check: is_bad runs only near a suspect (normalize._SUSPECT) -------------------

def _badness_branches():
    """BADNESS_RE's top-level alternatives, each as the list of its items (stdlib's own regex parser)."""
    tree = sre_parser.parse(BADNESS_RE.pattern, BADNESS_RE.flags)
    assert len(tree) == 1 and tree[0][0] is sre_constants.BRANCH
    return tree[0][1][1]


def _item_chars(item) -> set[str] | None:
    """The characters one item matches, when it is a literal or a class of listed characters; None for
    an item that may match anything (`\\s`, `\\w`, a negated class, an optional part, an anchor)."""
    op, value = item
    if op is sre_constants.LITERAL:
        return {chr(value)}
    if op is not sre_constants.IN:
        return None
    chars: set[str] = set()
    for kind, part in value:
        if kind is sre_constants.LITERAL:
            chars.add(chr(part))
        elif kind is sre_constants.RANGE:
            chars |= {chr(code) for code in range(part[0], part[1] + 1)}
        else:  # NEGATE, CATEGORY
            return None
    return chars


def _suspect(text: str) -> bool:
    return normalize._SUSPECT.search(text) is not None


def test_every_badness_branch_needs_a_suspect():
    """Each alternative of ftfy's pattern holds a class of suspect characters, or two side-by-side
    classes whose every pair of characters is a suspect pair: no text without a suspect matches it."""
    for branch in _badness_branches():
        sets = [_item_chars(item) for item in branch]
        single = any(s is not None and all(_suspect(c) for c in s) for s in sets)
        pair = any(a is not None and b is not None and all(_suspect(x + y) for x in a for y in b)
                   for a, b in zip(sets, sets[1:]))
        assert single or pair, branch


def test_badness_matches_are_short():
    """A match is at most MOJIBAKE_REACH - 1 characters long (the reach of the stretches)."""
    for branch in _badness_branches():
        width = sum(item[1][1] if item[0] is sre_constants.MAX_REPEAT else 0 if item[0] is sre_constants.AT else 1
                    for item in branch)
        assert width < normalize.MOJIBAKE_REACH, branch


@pytest.mark.parametrize("text, expected", [
    ("plain ASCII", False),
    ("curly “quotes” and an ’apostrophe", False),  # lone non-ASCII characters
    ("’”", True),                                 # two side by side
    ("Москва, привет", False),                    # Russian letters together
    ("«Москва»", True),                           # a guillemet next to a letter
    ("вЂ", True),                                 # `Ђ` is no Russian letter
    ("東京都の天気", False),                        # a script ftfy's pattern never names
    ("Ã", True),
    ("œ", True),
    ("\x85", True),
])
def test_suspect(text, expected):
    assert _suspect(text) is expected


MOJIBAKE_PIECES = ["a", "Z", " ", "\n", ".", "9", "mayorâ€™s", "Ã©tÃ©", "Ã ", "Â ", "é", "€", "’”", "“", "”", "—",
                   "\u00a0", "œ", "Œ", "x" * 20, "Москва", "вЂ", "ГўВЂВ™", "Ђ", "ў", "Ґ", "«", "»", "東京", "서울",
                   "ا", "°", "×²", "√±", "β€™", "ΒΓ", "Α"]


@settings(max_examples=800, deadline=None)
@given(st.lists(st.sampled_from(MOJIBAKE_PIECES), max_size=40).map("".join))
@example("x" * 30 + "Ã ")
@example("Ã " + "x" * 30)
def test_mojibake_check_answers_as_is_bad_on_the_whole_text(text):
    assert normalize._mojibake(text) is is_bad(text)
