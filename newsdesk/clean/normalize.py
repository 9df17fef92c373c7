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


# ftfy's mojibake patterns (BADNESS_RE) each need a non-ASCII character and match at most 7
# characters, so long ASCII runs can be cut down to 8 characters each side of a "\n" (too far from
# any non-ASCII character to be part of a match; the `^` anchor still sees the same start):
# `is_bad` answers the same on the much shorter text, ~8x faster.
_ASCII_RUN = re.compile(r"[\x00-\x7f]{17,}")


def _condensed(match: re.Match[str]) -> str:
    run = match.group()
    return f"{run[:8]}\n{run[-8:]}"


def _mojibake(text: str) -> bool:
    return not text.isascii() and is_bad(_ASCII_RUN.sub(_condensed, text))


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
