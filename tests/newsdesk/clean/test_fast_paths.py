"""Fast paths change no answer: each shortcut is checked against the plain formula it skips (the code
as it was before the shortcut), on hypothesis-made text full of the characters the shortcuts test for."""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime

import pytest
from dateutil import parser as dateutil_parser
from hypothesis import example, given, settings
from hypothesis import strategies as st

from newsdesk.clean import markdown, metadata, normalize, paragraphs, remove
from newsdesk.clean import resources as R

# the characters the shortcuts look at, plus plain letters, digits and spaces
TRICKY = list("ab Z9 \t\n\r#>[]()<!*_~`\\|:-+•.,©/") + ["\u00a0", "\u2009", "\u2028", "\u2029", "ſ", "ı", "İ", "  "]
PIECES = TRICKY + ["[x](#)", "**b**", "# ", "> ", "- ", "1. ", "| a | b |", "all rights reserved", "All Rights",
                   "may not be published", "non-commercial use only", "(c) ", "Copyright", "2019", "12:30",
                   "Nov. 19", "Updated", "ago", "PM", "The"]
MARKUPISH = st.lists(st.sampled_from(PIECES), max_size=30).map("".join)
ANY_TEXT = st.one_of(MARKUPISH, st.text(max_size=80))
EXAMPLES = settings(max_examples=400, deadline=None)


def block_plain_without_shortcut(block: str) -> str:
    """markdown.block_plain before its fast paths: every step on every line."""
    lines = [remove.heading_marker(remove.blockquote_marker(line)) for line in block.split("\n")]
    lines = [line for line in lines if not R.RE_SETEXT_UNDERLINE.match(line)] if len(lines) > 1 else lines
    flat = paragraphs.flatten("\n".join(lines))
    plain = [normalize.whitespace(markdown.inline_plain(line)) for line in flat.split("\n")]
    plain = [paragraphs.list_item(m.group(0), line[m.end():]) if (m := R.RE_LIST_ITEM.match(line)) else line
             for line in plain]
    return "\n".join(line for line in plain if line).strip()


@EXAMPLES
@given(ANY_TEXT)
@example("Two  spaces")
@example("A\u2028line separator")
@example("Intro line\n2. Second")
def test_block_plain_fast_paths_change_nothing(block):
    assert markdown.block_plain(block) == block_plain_without_shortcut(block)


@EXAMPLES
@given(ANY_TEXT)
def test_line_plain_fast_path_changes_nothing(line):
    line = line.replace("\n", " ")  # line_plain gets one line of a flattened block
    assert markdown.line_plain(line) == normalize.whitespace(markdown.inline_plain(line))


RE_LEGAL_ONE_PATTERN = re.compile(
    r"all rights reserved|may not be (?:published|reproduced|copied|redistributed)|"
    r"(?:personal,? )?non-commercial use only|^\W*(?:©|\(c\)|copyright\b)",
    re.IGNORECASE,
)


@EXAMPLES
@given(ANY_TEXT)
@example("All rights reſerved.")  # IGNORECASE reads ſ as s, ı and İ as i; str.lower() does not
@example("ALL RİGHTS RESERVED")
@example("Personal, non-commercial use only.")
def test_is_legal_notice_fast_path_changes_nothing(paragraph):
    expected = len(paragraph.split(None, R.LEGAL_MAX_WORDS)) <= R.LEGAL_MAX_WORDS and bool(
        RE_LEGAL_ONE_PATTERN.search(paragraph))
    assert remove.is_legal_notice(paragraph) is expected


def is_timestamp_without_shortcut(line: str) -> bool:
    words = [w for w in (w.strip("()[],|/·•:;-–—") for w in line.split()) if w]
    if not words or len(words) > R.TIMESTAMP_MAX_WORDS or not R.RE_YEAR_OR_TIME.search(line):
        return False
    return all(R.RE_TIMESTAMP_WORD.match(w) for w in words)


TIMESTAMP_PIECES = st.sampled_from(["Nov.", "19,", "2019", "/", "12:21", "AM", "Updated", "3", "hours", "ago", "|",
                                    "(", "—", "-", "The", "storm", "\u00a0", "\x1c", "on", "May"])


@EXAMPLES
@given(st.one_of(st.lists(TIMESTAMP_PIECES, max_size=40).map(" ".join), ANY_TEXT))
def test_is_timestamp_fast_path_changes_nothing(line):
    assert remove.is_timestamp(line) is is_timestamp_without_shortcut(line)


DATE_WORDS = st.sampled_from(["Monday", "Tue", "March", "Jan", "Dec.", "3", "7", "8", "19", "31", "2020", "1900",
                              "1904", "/", "-", ".", ",", "at", "9:45", "PM", "of", "2/3/2021", "1.8.2020"])


def dateutil_two_parses(text: str):
    """metadata._dateutil before the shortcut: always both parses."""
    dayfirst = bool(R.RE_DOTTED_DATE.search(text))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            first, second = (dateutil_parser.parse(text, fuzzy=True, default=default, dayfirst=dayfirst)
                             for default in (datetime(1900, 1, 1), datetime(1904, 2, 2)))
    except (ValueError, OverflowError, TypeError):
        return None
    return metadata._plausible(first.date()) if first.date() == second.date() else None


@settings(max_examples=300, deadline=None)
@given(st.lists(DATE_WORDS, min_size=1, max_size=6).map(" ".join))
@example("March 19")  # no year: 1900 from the default
@example("19 2020")  # no month: January
@example("June 2020")  # no day: the 1st
@example("Monday, June 2020")  # no day, a weekday: the first Monday, 1 June 2020
@example("Jan 19 2020")
def test_dateutil_single_parse_changes_nothing(text):
    assert metadata._dateutil(text) == dateutil_two_parses(text)


@EXAMPLES
@given(st.lists(st.sampled_from(["Intro line", "2. Second", "10) Tenth", "٣. Arabic-Indic", "- dash", "* star",
                                 "| a | b |", "plain", "> quote", "## head", "==="]), max_size=6).map("\n".join))
def test_block_plain_fast_paths_change_nothing_on_line_shapes(block):
    assert markdown.block_plain(block) == block_plain_without_shortcut(block)


@pytest.mark.parametrize("parsed, expected", [
    (datetime(2020, 6, 19), False),   # year, month and day all read from the text
    (datetime(1900, 6, 19), True),    # 1900: maybe the default year
    (datetime(2020, 1, 19), True),    # January: maybe the default month
    (datetime(2020, 6, 7), True),     # day 1, moved to a named weekday at most 6 days on
    (datetime(2020, 6, 8), False),
])
def test_may_lack_a_part(parsed, expected):
    assert metadata.may_lack_a_part(parsed) is expected


COMMON_DATE = st.one_of(
    st.tuples(st.integers(1850, 2150), st.integers(0, 19), st.integers(0, 39)).map(lambda t: "%04d-%02d-%02d" % t),
    st.tuples(st.integers(0, 39), st.integers(0, 39), st.integers(1850, 2150)).map(lambda t: "%d/%d/%04d" % t),
    st.tuples(st.integers(0, 12), st.integers(0, 39), st.integers(1850, 2150)).map(lambda t: "%02d/%02d/%04d" % t),
    st.tuples(st.sampled_from(R.MONTH_NAMES), st.integers(0, 39), st.integers(1850, 2150)).map(
        lambda t: "%s %d, %04d" % t),
)


@settings(max_examples=500, deadline=None)
@given(COMMON_DATE)
@example("13/04/2021")  # dateutil reads it day-first: left to dateutil
@example("02/30/2021")
@example("1899-12-31")
def test_common_date_reads_what_dateutil_reads(text):
    day = metadata.common_date(text)
    assert day is None or day == dateutil_two_parses(text)
    assert metadata.parse_date(text) == (metadata._dateutil(text) or metadata._dateparser(text))


@pytest.mark.parametrize("text, expected", [
    ("2019-11-19", date(2019, 11, 19)),
    ("11/19/2019", date(2019, 11, 19)),
    ("November 19, 2019", date(2019, 11, 19)),
    ("19/11/2019", None),          # day-first: dateutil's to read
    ("Nov. 19, 2019", None),       # not one of the three shapes
    ("2019-02-30", None),          # no such day
])
def test_common_date(text, expected):
    assert metadata.common_date(text) == expected


RE_SENTENCE_END = re.compile(r"[.!?…:;][\"'”’»)\]]*$|[\"”’»]$")


@EXAMPLES
@given(st.lists(st.sampled_from(list(".!?…:;\"'”’»)] \n\taZ9*") + ["", "."]), max_size=12).map("".join))
@example("")
@example("He said “no.”)\n")
def test_ends_sentence_reads_only_the_end(paragraph):
    assert paragraphs.ends_sentence(paragraph) is bool(RE_SENTENCE_END.search(paragraph.rstrip()))


def _unicode_without_fast_path(text):  # ftfy always
    text = normalize.ftfy.fix_text(text, normalize._FTFY)
    return normalize.unicodedata.normalize("NFC", R.RE_INVISIBLE.sub("", text))


@pytest.mark.parametrize("text", [
    "plain ASCII text",
    "curly “quotes” stay",
    "soft\u00adhyphen and zero\u200bwidth",     # invisible only: not an ftfy trigger
    "caf\u0065\u0301 decomposed",                # NFC only
    "Ã©tÃ© mojibake",                          # mojibake (is_bad)
    "Tom &amp; Jerry",                           # an entity (trigger)
    "AT&T and Q&A; S&P 500",                     # a bare `&`: no entity, ftfy leaves it
    "&shy;",                                     # an entity that decodes to an invisible character
    "bell\x07 and form\x0cfeed",                 # control characters
    "\ufeffBOM first",
])
def test_unicode_fast_path_changes_nothing(text):
    assert normalize.unicode(text) == _unicode_without_fast_path(text)


@EXAMPLES
@given(st.one_of(ANY_TEXT, st.lists(st.sampled_from(["&", "amp;", "#39;", "AT&T", "Ã©", "é", "\u00ad", "<", "x", " ",
                                                      "\n", "\u200b", "ﬁ"]), max_size=8).map("".join)))
def test_unicode_fast_path_changes_nothing_on_any_text(text):
    assert normalize.unicode(text) == _unicode_without_fast_path(text)


RE_NOT_PLAIN_ONE_PATTERN = re.compile(r"[\n\r\t#>\[<*_~`\\\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|  ")


@pytest.mark.parametrize("text, expected", [
    ("Plain prose, one space each.", False),
    ("two  spaces", True),
    ("a\ttab", True),
    ("**bold**", True),
    ("[link](#)", True),
    ("no\u00a0break space", True),
    ("", False),
    (" ", False),
])
def test_not_plain(text, expected):
    assert R.not_plain(text) is expected


@EXAMPLES
@given(ANY_TEXT)
def test_not_plain_agrees_with_one_pattern(text):
    assert R.not_plain(text) is bool(RE_NOT_PLAIN_ONE_PATTERN.search(text))


@pytest.mark.parametrize("text, expected", [
    ("no link here", 12),
    ("Body.\n\nOriginal url: https://x.org/a", 7),
    ("URL first line", 0),
    ("İ\nOriginal URL: https://x.org", 0),  # lower() lengthens `İ`: positions differ, start at 0
    ("a\nb\nsee the Url", 4),
])
def test_first_url_line(text, expected):
    assert metadata._first_url_line(text) == expected


def _original_url_from_start(text):
    matches = list(R.RE_ORIGINAL_URL.finditer(text))
    if not matches:
        return None, text
    return matches[-1].group(1).rstrip(".,;"), text[: matches[-1].start()] + text[matches[-1].end():]


URL_BLOCKS = st.lists(st.sampled_from(["Original url: https://a.org/x", "**Source URL:**\n<https://b.org>",
                                       "canonical url", "İ", "ſ", "\n", " ", "text", "url"]),
                      max_size=8).map("".join)


@EXAMPLES
@given(st.one_of(URL_BLOCKS, ANY_TEXT))
@example("İ\nOriginal URL: https://x.org")
def test_original_url_search_from_the_first_url_line_changes_nothing(text):
    assert metadata.original_url(text) == _original_url_from_start(text)


def _is_continuation_reading_previous_first(previous, paragraph):
    if not previous or not paragraph or "\n" in previous or paragraphs.ends_sentence(previous):
        return False
    first = paragraph[0]
    return first.islower() or (first in "[(" and len(paragraph) > 1 and paragraph[1].islower())


@pytest.mark.parametrize("previous, paragraph, expected", [
    ("He said there's", "currently no such plan.", True),
    ("He said there's", "Currently no such plan.", False),
    ("He said.", "and then left.", False),
    ("a list\nof lines", "and more", False),
    ("", "and more", False),
    ("He said", "", False),
    ("He said", "(and more)", True),
    ("He said", "[", False),
    ("He said", "(A note)", False),
])
def test_is_continuation(previous, paragraph, expected):
    assert paragraphs.is_continuation(previous, paragraph) is expected


PARAGRAPH_BITS = st.lists(st.sampled_from(["", "a", "A", "(", "[", ".", "\n", " ", "”", "é", "1"]), max_size=5).map("".join)


@EXAMPLES
@given(PARAGRAPH_BITS, PARAGRAPH_BITS)
def test_is_continuation_reading_the_opening_first_changes_nothing(previous, paragraph):
    assert paragraphs.is_continuation(previous, paragraph) == _is_continuation_reading_previous_first(previous, paragraph)


RE_NAV_ONE_PATTERN = re.compile(r"^\W{0,3}(?:" + "|".join([*R._NAV_PATTERNS, R._NAV_COOKIE_PATTERN]) + r")\W{0,3}$",
                                re.IGNORECASE)


def _is_navigation_one_pattern(line):
    stripped = line.strip()
    return bool(stripped) and len(stripped) <= R.NAV_LINE_MAX_CHARS and bool(RE_NAV_ONE_PATTERN.match(stripped))


@pytest.mark.parametrize("text, expected", [
    ("We use cookies.", True),
    ("Manage COOKIE settings", True),
    ("Plain prose.", False),
    ("coOKİe", True),   # `İ`: IGNORECASE takes it for `i`, lower() does not
    ("cookıe", True),
    ("", False),
])
def test_may_mention_cookies(text, expected):
    assert remove.may_mention_cookies(text) is expected


COOKIE_LINES = st.lists(st.sampled_from(["We", "this site", " use", "s", " cookies", "cookie", " policy", "accept",
                                         " all", "İ", "ı", "K", " ", "•", "Share", "."]), max_size=8).map("".join)


@EXAMPLES
@given(st.one_of(COOKIE_LINES, ANY_TEXT))
@example("By continuing you accept all cookies.")
@example("• Cookie settings •")
@example("We use cookİes")
def test_is_navigation_cookie_split_changes_nothing(line):
    assert remove.is_navigation(line) is _is_navigation_one_pattern(line)


def _link_artifacts_without_prechecks(text):
    if "[" in text:
        text = R.RE_REF_DEFINITION.sub("", text)
        previous = None
        while previous != text:
            previous, text = text, R.RE_LINK.sub(r"\1", text)
        text = R.RE_REF_LINK.sub(r"\1", text)
    return R.RE_AUTOLINK.sub(r"\1", text) if "<" in text else text


@pytest.mark.parametrize("text, expected", [
    ("[said](#) today", "said today"),
    ("[a [b](x)](y)", "a b"),
    ("see [this][1]\n[1]: https://x.org", "see this\n"),
    ("[sic] no link", "[sic] no link"),
    ("<https://x.org>", "https://x.org"),
])
def test_link_artifacts(text, expected):
    assert remove.link_artifacts(text) == expected


LINK_BITS = st.lists(st.sampled_from(["[", "]", "(", ")", "](", "][", "]:", " ", "\n", "x", "https://a.b", "<", ">",
                                      '"t"']), max_size=12).map("".join)


@EXAMPLES
@given(st.one_of(LINK_BITS, ANY_TEXT))
def test_link_artifacts_prechecks_change_nothing(text):
    assert remove.link_artifacts(text) == _link_artifacts_without_prechecks(text)


def _whitespace_always_collapsing(text):
    text = normalize.line_endings(text)
    text = R.RE_HSPACE.sub(" ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return R.RE_BLANK_LINES.sub("\n\n", text).strip()


@pytest.mark.parametrize("text, expected", [
    ("a\n\nb", "a\n\nb"),
    ("a\n\n\n\nb", "a\n\nb"),
    ("a\n \t\n\u3000\nb", "a\n\nb"),
    ("a\n\x1c\n\x85\nb", "a\n\nb"),   # str.strip and `\s` agree: these are whitespace too
    ("  a  b \n", "a b"),
])
def test_whitespace(text, expected):
    assert normalize.whitespace(text) == expected


@EXAMPLES
@given(st.one_of(ANY_TEXT, st.lists(st.sampled_from(["\n", " ", "\t", "\x1c", "\x85", "\u3000", "\u2028", "\r",
                                                     "a"]), max_size=10).map("".join)))
def test_whitespace_fast_paths_change_nothing(text):
    assert normalize.whitespace(text) == _whitespace_always_collapsing(text)
