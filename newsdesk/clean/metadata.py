"""Metadata readers: url block, title, date lines, dates in URL paths, language."""

from __future__ import annotations

import functools
import re
import warnings
from datetime import date, datetime
from collections.abc import Callable  # noqa: F401 (named in Languages)
from itertools import islice
from urllib.parse import urlsplit

from dateutil import parser as dateutil_parser

from newsdesk.clean import resources as R

DATE_LINE_MAX_CHARS = 60
_EARLIEST, _LATEST = date(1900, 1, 1), date(2100, 1, 1)


def _first_url_line(text: str) -> int:
    """Where the first line holding "url" (any case) starts, len(text) when none does. An
    `Original url:` block starts at such a line, so the (multi-line) search can start there: the
    block is at the end of most files. `str.lower()` reads `u`, `r` and `l` as IGNORECASE does; when
    it changes the length (`İ` -> `i̇`), its positions are not the text's and the search starts at 0."""
    low = text.lower()
    found = low.find("url")
    if found == -1:
        return len(text)
    return text.rfind("\n", 0, found) + 1 if len(low) == len(text) else 0


def original_url(text: str) -> tuple[str | None, str]:
    """Find the `Original url:` block -> (url, text without the block); (None, text) if absent."""
    matches = list(R.RE_ORIGINAL_URL.finditer(text, _first_url_line(text)))
    if not matches:
        return None, text
    match = matches[-1]
    return match.group(1).rstrip(".,;"), text[: match.start()] + text[match.end():]


def heading_title(block: str) -> str | None:
    """`# Title` (a level-1 heading block) -> `Title`; anything else -> None."""
    match = R.RE_HEADING.match(block)
    return match.group(2).strip() or None if match and match.group(1) == "#" and "\n" not in block else None


def _plausible(day: date) -> date | None:
    return day if _EARLIEST <= day < _LATEST else None


_MONTH_NUMBER = {name: number for number, name in enumerate(R.MONTH_NAMES, start=1)}


def common_date(text: str) -> date | None:
    """`2019-11-19`, `11/19/2019` or `November 19, 2019` (the whole text) -> the date dateutil reads in
    it, for a fiftieth of the cost; None for any other text or a day that does not exist (dateutil
    then decides: it reads `19/11/2019` day-first, for one)."""
    match = R.RE_COMMON_DATE.fullmatch(text)
    if not match:
        return None
    parts = match.groupdict()
    if parts["iso_y"]:
        year, month, day = parts["iso_y"], parts["iso_m"], parts["iso_d"]
    elif parts["us_y"]:
        year, month, day = parts["us_y"], parts["us_m"], parts["us_d"]
    else:
        year, month, day = parts["name_y"], _MONTH_NUMBER[parts["name_m"]], parts["name_d"]
    try:
        return _plausible(date(int(year), int(month), int(day)))
    except ValueError:
        return None


def may_lack_a_part(parsed: datetime) -> bool:
    """False when a date parsed with default 1900-01-01 read its year, month and day from the text.

    dateutil fills a missing part from the default, so a missing year shows as 1900, a missing month
    as January and a missing day as day 1, moved by at most 6 days when the text names a weekday."""
    return parsed.year == 1900 or parsed.month == 1 or parsed.day <= 7


def _dateutil(text: str) -> date | None:
    """dateutil, accepting only a full date: parsing with two different defaults must agree."""
    dayfirst = bool(R.RE_DOTTED_DATE.search(text))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            first = dateutil_parser.parse(text, fuzzy=True, default=datetime(1900, 1, 1), dayfirst=dayfirst)
            # the second parse can only disagree when a part may have come from the default
            second = (dateutil_parser.parse(text, fuzzy=True, default=datetime(1904, 2, 2), dayfirst=dayfirst)
                      if may_lack_a_part(first) else first)
    except (ValueError, OverflowError, TypeError):
        return None
    return _plausible(first.date()) if first.date() == second.date() else None


DATE_LABEL_MAX_WORDS = 2


def _without_label(text: str) -> list[str]:
    """`Опубликовано 12 апреля 2021` -> [`12 апреля 2021`]: the text after each of its first (at most
    DATE_LABEL_MAX_WORDS) leading words without a digit, i.e. a label in any language ("Publié le",
    "Veröffentlicht am", "Опубликовано"), which dateparser does not skip."""
    words, found = text.split(), []
    for index in range(1, min(DATE_LABEL_MAX_WORDS, len(words) - 1) + 1):
        if any(ch.isdigit() for ch in words[index - 1]):
            break
        found.append(" ".join(words[index:]))
    return found


RE_DIGIT_GROUP = re.compile(r"\d+")
RE_YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")


def may_hold_full_date(text: str) -> bool:
    """A four-digit year and another number (the day): without both, dateparser cannot return the
    year, month and day we require, and a failing call costs it 30-100 ms (it tries ~600 locales).
    Lines like "2019 American Music Awards" or "Viera d. Rockledge 3-1" stop here."""
    return len(RE_DIGIT_GROUP.findall(text)) >= 2 and RE_YEAR.search(text) is not None


Languages = "tuple[str, ...] | Callable[[], tuple[str, ...]] | None"
# py3langid's codes that dateparser spells differently
DATEPARSER_CODES = {"no": "nb", "he": "he", "jv": "jv"}


@functools.cache
def fallback_date_languages() -> tuple[str, ...]:
    """The languages to try when the article's is unknown (resources/date_languages.txt)."""
    return tuple(R.data_lines("date_languages.txt"))


def date_languages(*codes: str | None) -> tuple[str, ...]:
    """Language codes (`en-US`, `pt_BR`, `ru`) -> the languages dateparser should try: each one's
    two-letter language, then English, no repeats; the fallback list when none is known."""
    found = []
    for code in codes:
        match = R.RE_LANGUAGE_REGION.match((code or "").strip())
        if match:
            found.append(DATEPARSER_CODES.get(match.group(1).lower(), match.group(1).lower()))
    return tuple(dict.fromkeys([*found, "en"])) if found else fallback_date_languages()


def _dateparser(text: str, languages: Languages = None) -> date | None:
    """dateparser, restricted to the article's languages: unrestricted, its first call in a process
    compiles the patterns of ~200 locales (~1.3 s of CPU, a stall in every worker). `languages` is a
    tuple or a callable giving one (the article's language is only detected when needed); None: the
    language of the date text itself."""
    if not may_hold_full_date(text):
        return None
    import dateparser  # slow to import; only needed for non-English date lines

    codes = languages() if callable(languages) else languages
    codes = codes or date_languages(language(text))
    for candidate in [text, *_without_label(text)]:
        parsed = _dateparser_parse(dateparser, candidate, codes)
        if parsed and (day := _plausible(parsed.date())):
            return day
    return None


def _dateparser_parse(dateparser, text: str, codes: tuple[str, ...]) -> datetime | None:
    settings = {"REQUIRE_PARTS": ["year", "month", "day"], "PREFER_DAY_OF_MONTH": "first"}
    try:
        return dateparser.parse(text, languages=list(codes), settings=settings)
    except ValueError as error:  # a language dateparser does not know: English alone
        if "Unknown language" in str(error) and codes != ("en",):
            return _dateparser_parse(dateparser, text, ("en",))
        return None
    except Exception:  # dateparser raises assorted errors on odd input
        return None


FUTURE_SLACK_DAYS = 1  # a date "tomorrow" is a time zone ahead, not the future


def future_warning(day: date | None, today: date | None = None) -> str | None:
    """A warning for a publication date after today (kept: the source says so, a reader should look)."""
    today = today or date.today()
    if day is None or (day - today).days <= FUTURE_SLACK_DAYS:
        return None
    return f"publication date {day.isoformat()} is in the future"


def parse_date(text: str, dayfirst: bool | None = None, languages: Languages = None) -> date | None:
    """A date as commonly written (`August 19, 2020`, `2019-11-19`, `19.08.2020`, `19 août 2020`) -> date.
    `dayfirst` is the site's locale for numeric dates (`3/09/15`): True, False or None (unknown:
    month-first, see `is_ambiguous`)."""
    text = R.RE_DATE_LABEL.sub("", text.strip().strip("*_ ")).strip()
    if not text or len(text) > DATE_LINE_MAX_CHARS or not R.RE_DATE_CANDIDATE.search(text):
        return None
    if dayfirst is None and (day := common_date(text)):  # (its `11/19/2019` is month-first)
        return day
    found = explicit_date(text, dayfirst)
    return found[0] if found else _dateutil(text) or _dateparser(text, languages)


def _two_digit_year(year: str, today: date | None = None) -> int:
    """`15` -> 2015, `98` -> 1998 (a two-digit year up to next year's is this century's)."""
    number = int(year)
    if len(year) == 4:
        return number
    this = (today or date.today()).year
    return 2000 + number if 2000 + number <= this + 1 else 1900 + number


def explicit_date(text: str, dayfirst: bool | None = None) -> tuple[date, bool] | None:
    """The first date written out in a short text, with whether its day and month could be swapped:
    `Oct 18, 2019 · 8 min read` -> (2019-10-18, False); `3/09/15` -> (2015-03-09, True) when the
    locale is unknown, (2015-09-03, False) on a day-first site. English month names and numbers only
    (other languages go to dateparser); None when there is none."""
    named = R.RE_NAMED_DATE.search(text)
    numeric = R.RE_NUMERIC_DATE.search(text)
    found = None
    if named and (not numeric or named.start() <= numeric.start()):
        g = named.groupdict()
        month = R.MONTH_BY_PREFIX.get((g["m1"] or g["m2"])[:3].lower())
        found = (int(g["y1"] or g["y2"]), month, int(g["d1"] or g["d2"])), False
    elif numeric:
        g = numeric.groupdict()
        if g["iy"]:
            found = (int(g["iy"]), int(g["im"]), int(g["id"])), False
        else:
            a, b, year = int(g["a"]), int(g["b"]), _two_digit_year(g["y"])
            first = True if g["sep"] == "." or a > 12 else False if b > 12 else dayfirst
            day, month = (a, b) if first else (b, a)
            found = (year, month, day), first is None and a != b
    if found is None:
        return None
    (year, month, day), ambiguous = found
    try:
        return (parsed, ambiguous) if (parsed := _plausible(date(year, month, day))) else None
    except (ValueError, TypeError):
        return None


def is_ambiguous(text: str | None, dayfirst: bool | None) -> bool:
    """True when the date in `text` is numeric with a day and a month that could be swapped (`3/09/15`)
    and the site's locale does not say which comes first."""
    found = explicit_date(text, dayfirst) if text else None
    return bool(found and found[1])


def ambiguous_warning(day: date, text: str) -> str:
    """The warning an article carries when its publication day was read from an ambiguous numeric date."""
    return (f"publication date {day.isoformat()} read month-first from {text.strip()[:40]!r}: "
            "the site's locale does not say, day and month may be swapped")


def locale_dayfirst(language: str | None, url: str | None) -> bool | None:
    """Whether the site writes numeric dates day-first, from its language tag (`en-US`: no, `en-GB`,
    `pt-BR`: yes) or its domain (a country domain other than .us: yes); None when neither tells."""
    match = R.RE_LANGUAGE_REGION.match((language or "").strip())
    if match and match.group(2):
        return match.group(2).lower() not in R.MONTH_FIRST_REGIONS
    if match and match.group(1).lower() != "en":
        return True  # a language other than English without a region: day-first nearly everywhere
    host = urlsplit_host(url)
    tld = host.rsplit(".", 1)[-1] if host and "." in host else ""
    if len(tld) == 2 and tld.isalpha():
        return tld not in R.MONTH_FIRST_REGIONS
    return None


def urlsplit_host(url: str | None) -> str | None:
    """The host of a URL, lowercased; None when there is none or the URL does not parse."""
    try:
        return urlsplit(url or "").hostname
    except ValueError:
        return None


def date_line(block: str, dayfirst: bool | None = None, languages: Languages = None) -> date | None:
    """A whole short line that is only a date (maybe with a `Published:` label or a time) -> date."""
    if "\n" in block or len(block) > DATE_LINE_MAX_CHARS or len(block.split()) > 9:
        return None
    stripped = R.RE_DATE_LABEL.sub("", block.strip().strip("*_ "))
    letters = sum(ch.isalpha() for ch in stripped)
    if letters > 30 or stripped.rstrip()[-1:] in ".!?" or "@" in stripped:  # prose or a tweet's signature
        return None
    other_words = [w for w in stripped.split() if not R.RE_TIMESTAMP_WORD.match(w.strip("()[],|/·•:;-–—"))]
    return parse_date(block, dayfirst, languages) if len(other_words) <= 3 else None


def byline_date(line: str, dayfirst: bool | None = None) -> date | None:
    """The date of a byline line that also gives one ("Tuesday 15 October 2019 by Jane Roe", "Posted by
    Jane Roe on 2019-02-15"): a short single line with a byline word and a date written out."""
    if "\n" in line or len(line.split()) > R.DATED_BYLINE_MAX_WORDS or not R.RE_BYLINE_WORD.search(line):
        return None
    found = explicit_date(line, dayfirst)
    return found[0] if found else None


def leading_date(paragraph: str, dayfirst: bool | None = None, languages: Languages = None) -> date | None:
    """`Feb. 23, 2015 -- Life-threatening allergies …` -> the date the paragraph opens with."""
    match = R.RE_LEADING_DATE.match(paragraph)
    return date_line(match.group("date"), dayfirst, languages) if match else None


def date_from_url(url: str | None) -> date | None:
    """`…/2020/08/19/slug` or `…/20200819/…` -> date(2020, 8, 19); None when the path has no date."""
    match = R.RE_URL_DATE.search(url or "")
    if not match:
        return None
    year, month, day = (g for g in match.groups() if g)
    try:
        return _plausible(date(int(year), int(month), int(day)))
    except ValueError:
        return None


LANGUAGE_MIN_LETTERS = 20
LANGUAGE_PREFIX_CHARS = 300  # the opening is enough: 0 of 1,868 distinct corpus and bench bodies classify
# differently at 250-1,500 (200 already flips one); the DFA walk costs per byte, so shorter is cheaper


@functools.cache
def _language_identifier():
    """py3langid's model with its weights widened from float16 to float32 once per process.

    Scoring a text multiplies ~600 weight rows; with float16 weights numpy widens those rows on
    every call, which was half the cost of scoring. The scores are the same (widening is exact);
    the price is ~30 MB more memory per process."""
    import numpy as np
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(MODEL_DIR / MODEL_FILE)
    return LanguageIdentifier(ptc.astype(np.float32), pc, classes, nextmove, output, tk_row=row)


def language(text: str) -> str | None:
    """ISO 639-1 code of the text's language (py3langid on its first ~300 characters), None for
    text too short to tell."""
    letters = (ch for ch in text if ch.isalpha())
    if next(islice(letters, LANGUAGE_MIN_LETTERS - 1, None), None) is None:  # stops at the 20th letter
        return None
    if len(text) > LANGUAGE_PREFIX_CHARS:  # cut at a word boundary, not inside a word
        end = text.find(" ", LANGUAGE_PREFIX_CHARS)
        text = text[:end] if end != -1 else text
    code, _ = _language_identifier().classify(text)
    return code
