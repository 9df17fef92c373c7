"""Normalizers: Unicode repair and whitespace, keeping quotation marks exactly as written."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS, HTML_ENTITY_RE, LIGATURES

from newsdesk.clean import resources as R

# ftfy repairs mojibake and HTML entities; it must not straighten curly quotes or touch widths.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=True, fix_character_width=False,
                             normalization=None, explain=False)

# Characters any enabled ftfy fixer acts on (ANSI escapes, C1 controls, ligatures, line breaks,
# surrogates, the control characters it removes) plus `Ã`/`Â` (its one `^`-anchored mojibake pattern
# is tested per line), and HTML entities (`&amp;`: a bare `&`, as in "AT&T", is left alone by ftfy).
# Text with none of them and no mojibake (`is_bad`) is returned by ftfy unchanged, so it is skipped:
# ftfy costs more than the rest of normalizing (milliseconds on a page).
_FTFY_TRIGGER = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted({*CONTROL_CHARS, *LIGATURES}))
                           + "\x1b\x80-\x9f\r\u2028\u2029\ud800-\udfff\u00c3\u00c2]")


def _has_entity(text: str) -> bool:
    return "&" in text and HTML_ENTITY_RE.search(text) is not None


# Where ftfy's mojibake patterns (BADNESS_RE) can match. Each of its branches holds two side-by-side
# characters that form a "suspect pair", or one "suspect character" (tests/newsdesk/clean/
# test_normalize.py checks this on the pattern itself, branch by branch):
# - a suspect character: a C1 control, `Œ`, `œ`, `Ã` or `Â`;
# - a suspect pair: two non-ASCII characters, neither from a script BADNESS_RE never names
#   (`_UNNAMED_SCRIPTS`: Hebrew, Arabic, Indic, Thai, CJK, kana, Hangul), and not two letters of the
#   Russian alphabet (its Cyrillic branches need a symbol or a letter outside it: `Ђ`, `ў`, `Ґ`).
# A match is at most 7 characters long, so it lies within 8 characters of a suspect: is_bad on those
# stretches only, joined by "\n" (too far from any suspect to be part of a match), answers as it would
# on the whole text. Most English text with curly quotes has no suspect at all; Russian or CJK text
# has a few, where is_bad tried ~30 alternatives at every position of it.
_UNNAMED_SCRIPTS = "\u0590-\u06ff\u0900-\u0e7f\u3000-\u30ff\u4e00-\u9fff\uac00-\ud7a3"
_RUSSIAN_LETTERS = "\u0401\u0410-\u044f\u0451"
_SUSPECT_CHARS = "\x80-\x9f\u0152\u0153\u00c3\u00c2"
_SUSPECT = re.compile(  # (opens with one character class: the regex engine scans for it in one fast loop)
    rf"[^\x00-\x7f{_UNNAMED_SCRIPTS}]"  # a non-ASCII character of a named script, then:
    rf"(?:(?<=[{_SUSPECT_CHARS}])"  # it is a suspect character,
    rf"|(?<![{_RUSSIAN_LETTERS}])[^\x00-\x7f{_UNNAMED_SCRIPTS}]"  # or it is no Russian letter and the next is named,
    rf"|[^\x00-\x7f{_UNNAMED_SCRIPTS}{_RUSSIAN_LETTERS}])"  # or the next is named and no Russian letter
)
MOJIBAKE_REACH = 8  # BADNESS_RE matches at most 7 characters


def _suspect_stretches(text: str) -> str:
    """The stretches of `text` within MOJIBAKE_REACH characters of a suspect, joined by "\n"."""
    stretches: list[str] = []
    start = end = -1
    for match in _SUSPECT.finditer(text):
        low, high = max(0, match.start() - MOJIBAKE_REACH), match.end() + MOJIBAKE_REACH
        if low > end:
            if end > start:
                stretches.append(text[start:end])
            start = low
        end = high
    if end > start:
        stretches.append(text[start:end])
    return "\n".join(stretches)


def _mojibake(text: str) -> bool:
    return not text.isascii() and _SUSPECT.search(text) is not None and is_bad(_suspect_stretches(text))


# Every character either _FTFY_TRIGGER or RE_INVISIBLE looks for, in one class: one scan of the text
# (not two) tells that neither has anything to do, the usual case.
_TRIGGER_OR_INVISIBLE = re.compile("[" + _FTFY_TRIGGER.pattern[1:-1] + R.RE_INVISIBLE.pattern[1:-1] + "]")


def unicode(text: str) -> str:
    """Repair mojibake/entities (ftfy), drop BOM, zero-width and control characters; NFC."""
    marked = _TRIGGER_OR_INVISIBLE.search(text) is not None
    if (marked and _FTFY_TRIGGER.search(text)) or _has_entity(text) or _mojibake(text):
        text = ftfy.fix_text(text, _FTFY)
        marked = True  # (a repair can make an invisible character: `&shy;`)
    if marked:  # else there is no invisible character to drop
        text = R.RE_INVISIBLE.sub("", text)
    return unicodedata.normalize("NFC", text)


def line_endings(text: str) -> str:
    """CRLF/CR and Unicode line/paragraph separators -> `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def whitespace(text: str) -> str:
    """Runs of spaces/tabs -> one space, lines stripped, paragraphs separated by exactly one blank line."""
    # one pass over the whole text (RE_HSPACE never crosses a newline), not one per line
    text = line_endings(text)
    if "  " in text or "\t" in text or (not text.isascii() and R.RE_HSPACE_OTHER.search(text)):
        text = R.RE_HSPACE.sub(" ", text)  # else it has nothing to replace
    lines = [line.strip() for line in text.split("\n")]
    text = "\n".join(lines)
    # with every line stripped, a blank-line run is a run of "\n": only three or more have anything to replace
    return (R.RE_BLANK_LINES.sub("\n\n", text) if "\n\n\n" in text else text).strip()
