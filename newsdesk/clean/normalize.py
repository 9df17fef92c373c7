"""Normalizers: Unicode repair and whitespace, keeping quotation marks exactly as written."""

from __future__ import annotations

import re
import unicodedata

import ftfy
from ftfy.badness import is_bad
from ftfy.chardata import CONTROL_CHARS, LIGATURES

from newsdesk.clean import resources as R

# ftfy repairs mojibake and HTML entities; it must not straighten curly quotes or touch widths.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, fix_latin_ligatures=True, fix_character_width=False,
                             normalization=None, explain=False)

# Characters any enabled ftfy fixer acts on (entities, ANSI escapes, C1 controls, ligatures, line
# breaks, surrogates, the control characters it removes) plus `Ã`/`Â` (its one `^`-anchored mojibake
# pattern is tested per line). Text with none of them and no mojibake (`is_bad`) is returned by
# ftfy unchanged, so it is skipped: ftfy costs more than the rest of normalizing.
_FTFY_TRIGGER = re.compile("[" + "".join(re.escape(chr(code)) for code in sorted({*CONTROL_CHARS, *LIGATURES}))
                           + "&\x1b\x80-\x9f\r\u2028\u2029\ud800-\udfff\u00c3\u00c2]")


def _needs_ftfy(text: str) -> bool:
    return bool(_FTFY_TRIGGER.search(text)) or (not text.isascii() and is_bad(text))


def unicode(text: str) -> str:
    """Repair mojibake/entities (ftfy), drop BOM, zero-width and control characters; NFC."""
    if _needs_ftfy(text):
        text = ftfy.fix_text(text, _FTFY)
    text = R.RE_ZERO_WIDTH.sub("", R.RE_CONTROL.sub("", text))
    return unicodedata.normalize("NFC", text)


def line_endings(text: str) -> str:
    """CRLF/CR and Unicode line/paragraph separators -> `\\n`."""
    return text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")


def whitespace(text: str) -> str:
    """Runs of spaces/tabs -> one space, lines stripped, paragraphs separated by exactly one blank line."""
    # one pass over the whole text (RE_HSPACE never crosses a newline), not one per line
    lines = [line.strip() for line in R.RE_HSPACE.sub(" ", line_endings(text)).split("\n")]
    text = "\n".join(lines)
    return (R.RE_BLANK_LINES.sub("\n\n", text) if "\n\n" in text else text).strip()
