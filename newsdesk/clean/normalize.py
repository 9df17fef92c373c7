"""Normalizers: Unicode repair and whitespace, keeping quotation marks exactly as written."""

from __future__ import annotations

import unicodedata

import ftfy

from newsdesk.clean import resources as R

# ftfy repairs mojibake and HTML entities; it must not straighten curly quotes or touch widths.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=True, fix_character_width=False,
                             normalization=None, explain=False)


def unicode(text: str) -> str:
    """Repair mojibake/entities (ftfy), drop BOM, zero-width and control characters; NFC."""
    text = ftfy.fix_text(text, _FTFY)
    text = R.RE_ZERO_WIDTH.sub("", R.RE_CONTROL.sub("", text))
    return unicodedata.normalize("NFC", text)


def line_endings(text: str) -> str:
    """CRLF/CR and Unicode line/paragraph separators -> `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def whitespace(text: str) -> str:
    """Runs of spaces/tabs -> one space, lines stripped, paragraphs separated by exactly one blank line."""
    lines = [R.RE_HSPACE.sub(" ", line).strip() for line in line_endings(text).split("\n")]
    return R.RE_BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()
