"""Compiled regular expressions and word lists used by cleaning (one place, `RE_*` constants)."""

from __future__ import annotations

import re
from importlib import resources as _resources


def data_lines(name: str) -> list[str]:
    """The entries of a data file in newsdesk/resources/ (one per line, after its header line)."""
    text = _resources.files("newsdesk.resources").joinpath(name).read_text("utf-8")
    return [line.strip() for line in text.splitlines()[1:] if line.strip()]


# --- markdown inline syntax ------------------------------------------------------------------------
# ![alt](src "title") and <img ...> tags
RE_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)|<img\b[^>\n]*>", re.IGNORECASE)
# [text](url "title") with one level of nested brackets inside the text
RE_LINK = re.compile(r"\[((?:[^\[\]\n]|\[[^\[\]\n]*\])*)\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)")
# reference-style links [text][ref] and their definitions [ref]: http://...
RE_REF_LINK = re.compile(r"\[([^\[\]\n]+)\]\[[^\[\]\n]*\]")
RE_REF_DEFINITION = re.compile(r"^ {0,3}\[[^\]\n]+\]:\s+\S+.*$", re.MULTILINE)
# autolinks <https://...>
RE_AUTOLINK = re.compile(r"<((?:https?|ftp)://[^>\s]+)>", re.IGNORECASE)
# bold/italic/strikethrough: a run of marker characters `*`, `_`, `~` (no regex spans a pair: pairing is
# done by remove.emphasis with one stack per marker kind, so the work is linear in the line length), or a
# backslash escape of ASCII punctuation, which keeps `\*` literal. Markers must hug the text
# (CommonMark-ish flanking), never quotes or apostrophes.
RE_EMPHASIS_RUN = re.compile(r"\\[!-/:-@\[-`{-~]|[*_~]+")
RE_INLINE_CODE = re.compile(r"(?<!`)`([^`\n]+)`(?!`)")
# backslash escapes of markdown punctuation: \[We\] -> [We]
RE_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'$&])")
# leftover HTML tags (inline ones that converters sometimes leave behind)
RE_HTML_TAG = re.compile(
    r"</?(?:a|span|em|strong|b|i|u|br|p|div|sup|sub|small|font|figure|figcaption|picture|source)\b[^>\n]*>",
    re.IGNORECASE,
)
RE_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)

# --- markdown block syntax -------------------------------------------------------------------------
RE_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
RE_SETEXT_UNDERLINE = re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$")
RE_HRULE = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
RE_LIST_ITEM = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+(?=\S)")
RE_BLOCKQUOTE = re.compile(r"^[ \t]*(?:>[ \t]?)+")
RE_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
# what is left of a breadcrumb line once its links are removed: separators only ("Home > News")
RE_BREADCRUMB_REST = re.compile(r"^[\s>»›/|•·*_-]*$")
RE_ONE_CELL_ROW = re.compile(r"^\|[^|\n]+\|$")
RE_TABLE_SEPARATOR = re.compile(r"^[ \t]*\|?[ \t]*:?-{2,}:?[ \t]*(?:\|[ \t]*:?-{2,}:?[ \t]*)*\|?[ \t]*$")
RE_CODE_FENCE = re.compile(r"^[ \t]*(?:```|~~~)")

# --- whitespace and unicode ------------------------------------------------------------------------
RE_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
RE_HSPACE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")
RE_HSPACE_OTHER = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # RE_HSPACE's non-ASCII spaces
# zero-width characters (and the soft hyphen) and control characters, dropped in one pass
RE_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# what some step of markdown.block_plain acts on: markup and escape characters, line breaks (also the
# ones normalize.line_endings converts), tabs, runs of spaces and the non-ASCII spaces RE_HSPACE turns
# into " ". A line without any of them is plain prose already (most body lines are)
RE_NOT_PLAIN_CHAR = re.compile(r"[\n\r\t#>\[<*_~`\\\u00a0\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")


def not_plain(text: str) -> bool:
    """True when `text` holds one of those characters or two spaces in a row."""
    # a substring test and a one-class regex: twice as fast as one regex with both as alternatives
    return "  " in text or RE_NOT_PLAIN_CHAR.search(text) is not None

# --- document furniture ----------------------------------------------------------------------------
# "Original url:" followed (maybe after blank lines) by the URL, at the end of the scraped file
RE_ORIGINAL_URL = re.compile(
    r"^[ \t]*\**(?:original|source|canonical)[ \t]+url\**[ \t]*:?\**[ \t]*\n?\s*<?((?:https?://)[^\s>]+)>?[ \t]*$",
    re.IGNORECASE | re.MULTILINE,
)
RE_RELATED = re.compile(
    r"^\W{0,4}(?:related(?: article| story| stories| content| coverage| reading)?|read more|see also|"
    r"more on this|also read|read also|recommended)\W{0,4}:\W{0,4}(.+)$",
    re.IGNORECASE,
)
RE_BYLINE_HEAD = re.compile(r"^(?:by|von|par|por|di)[ \t]+\S", re.IGNORECASE)
# the trailing bold span of a caption paragraph: "... outcome. **Dmitri Lovetsky / AP / TASS**"
RE_TRAILING_BOLD = re.compile(r"^(?P<caption>.*\S)[ \t]+(?:\*\*|__)(?P<credit>[^*_\n]+?)(?:\*\*|__)[ \t]*$", re.DOTALL)

# dates in URL paths: /2020/08/19/, /2020-08-19/, /20200819/, /slug-20200819/
RE_URL_DATE = re.compile(
    r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:[/_-]|$)"
    r"|[/_-]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)"
)
# a line that could be a date line: short, has a year or a day number
RE_DATE_CANDIDATE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}\b")
# the three shapes most date lines have, read without dateutil (metadata.common_date)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
               "November", "December")
RE_COMMON_DATE = re.compile(
    r"(?P<iso_y>[0-9]{4})-(?P<iso_m>[0-9]{2})-(?P<iso_d>[0-9]{2})"
    r"|(?P<us_m>[0-9]{1,2})/(?P<us_d>[0-9]{1,2})/(?P<us_y>[0-9]{4})"
    r"|(?P<name_m>" + "|".join(MONTH_NAMES) + r") (?P<name_d>[0-9]{1,2}), (?P<name_y>[0-9]{4})"
)
# a date written out anywhere in a short text: "Oct 18, 2019", "18 October 2019", "2019-10-18", "3/09/15"
# (metadata.explicit_date; a number after the year, as in "Oct 18, 2019 · 8 min read", is never read)
_MONTH = (r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?"
          r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)")
MONTH_BY_PREFIX = {name[:3].lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}
RE_NAMED_DATE = re.compile(
    rf"(?<!\w)(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y1>\d{{4}})"
    rf"|(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?\.?\s+(?:of\s+)?(?P<m2>{_MONTH})\.?,?\s+(?P<y2>\d{{4}}))(?!\d)",
    re.IGNORECASE)
RE_NUMERIC_DATE = re.compile(
    r"(?<![\d/.-])(?:(?P<iy>(?:19|20)\d\d)(?P<isep>[-/.])(?P<im>\d{1,2})(?P=isep)(?P<id>\d{1,2})"
    r"|(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2}))(?![\d/-]|\.\d)")
# a region in a language tag ("en-US", "pt_BR") and the regions that write numeric dates month-first
RE_LANGUAGE_REGION = re.compile(r"^([a-z]{2,3})(?:[-_]([a-z]{2}))?\b", re.IGNORECASE)
MONTH_FIRST_REGIONS = frozenset(data_lines("month_first_regions.txt"))
# 19.08.2020 is day-first (European); 08/19/2020 stays month-first
RE_DOTTED_DATE = re.compile(r"\b\d{1,2}\.\d{1,2}\.\d{2,4}\b")
# a line that gives a date and a byline: "Tuesday 15 October 2019 by Jane Roe", "Posted by Jane Roe on
# 2019-02-15", "By Jane Roe | May 20, 2019"; and a first paragraph opening with its date:
# "Feb. 23, 2015 -- The study …"
RE_BYLINE_WORD = re.compile(r"(?:^|\s)(?:by|posted|published|written)\s", re.IGNORECASE)
DATED_BYLINE_MAX_WORDS = 25
RE_LEADING_DATE = re.compile(r"^\W{0,3}(?P<date>[^\n]{6,40}?)\s*(?:--|—|–)\s*\S")
RE_DATE_LABEL = re.compile(
    r"^(?:published|updated|posted|last updated|last modified|date|first published|modified)"
    r"(?:[ \t]+on)?[ \t]*[:\-–—]?[ \t]*",
    re.IGNORECASE,
)

# --- navigation and widget debris: a whole (short) line matching one of these goes ---------------
_NAV_PATTERNS = data_lines("navigation_lines.txt")
RE_NAV_LINE = re.compile(r"^\W{0,3}(?:" + "|".join(_NAV_PATTERNS) + r")\W{0,3}$", re.IGNORECASE)
# cookie notices apart: their `.*` openings try every position of the line, three quarters of the
# time RE_NAV_LINE took with them, so they only run on a line that mentions cookies
_NAV_COOKIE_PATTERN = (r"(?:we|this (?:site|website)) uses? cookies.*|.*\baccept (?:all )?cookies\b.*|"
                       r".*\bcookie (?:policy|settings|notice)\b.*")
RE_NAV_COOKIE_LINE = re.compile(r"^\W{0,3}(?:" + _NAV_COOKIE_PATTERN + r")\W{0,3}$", re.IGNORECASE)
NAV_LINE_MAX_CHARS = 120

# --- promotional / legal / call-to-action paragraphs (whole paragraph, short) --------------------
_CTA_START = "(?:" + "|".join(data_lines("promotion_openings.txt")) + ")"
_CTA_CHANNEL = "(?:" + "|".join(data_lines("promotion_channels.txt")) + ")"
RE_CTA_START = re.compile(r"^\W{0,3}" + _CTA_START, re.IGNORECASE)
RE_CTA_CHANNEL = re.compile(_CTA_CHANNEL, re.IGNORECASE)
CTA_MAX_WORDS = 70
# legal notices: "© 2019 Associated Press. All Rights Reserved. This material may not be published…"
# (a notice starts with the mark, or holds one of the phrases anywhere: two patterns, because the
# phrases are searched only after a cheap substring test, remove.may_hold_legal_phrase)
RE_LEGAL_START = re.compile(r"^\W*(?:©|\(c\)|copyright\b)", re.IGNORECASE)
RE_LEGAL_PHRASE = re.compile(
    r"all rights reserved|may not be (?:published|reproduced|copied|redistributed)|non-commercial use only",
    re.IGNORECASE,
)
LEGAL_PHRASE_HINTS = ("all rights reserved", "may not be ", "non-commercial use only")  # lowercase, one per branch
LEGAL_MAX_WORDS = 60
# a paragraph that is nothing but a URL or an e-mail address
ADDRESS_MAX_CHARS = 2048  # browsers keep URLs under ~2,000 characters; an e-mail address is at most 254
RE_ONLY_URL = re.compile(r"^\W*(?:(?:https?://|www\.)\S+|[\w.+-]+@[\w-]+\.[\w.]+)\W*$", re.IGNORECASE)

# timestamp lines: "November 19, 2019 / 12:21 AM / Updated 14 hours ago", "First Published: Tue, Nov 19 2019"
RE_TIMESTAMP_WORD = re.compile(
    r"^(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|"
    r"oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?|am|pm|a\.m|p\.m|[a-z]{0,2}[sd]t|utc|gmt|et|pt|ct|"
    r"published|updated|posted|first|last|modified|on|at|ago|hours?|hrs?|minutes?|mins?|days?|weeks?|"
    r"date|time|\d+(?:st|nd|rd|th)?|\d+[:./-]\d+(?:[:./-]\d+)?)\.?$",
    re.IGNORECASE,
)
RE_YEAR_OR_TIME = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}:\d{2}\b|\bago\b", re.IGNORECASE)
TIMESTAMP_MAX_WORDS = 14
RE_LONE_BULLET = re.compile(r"^[-*+•]$")

# WordPress-style shortcodes left in the text: [caption id="…"], [button link="…"]…[/button]
RE_SHORTCODE = re.compile(
    r"\[/?(?:button|caption|embed|gallery|video|audio|playlist|tweet|quote|vc_\w+|et_pb_\w+)\b[^\]\n]*\]",
    re.IGNORECASE,
)
# a line that is only a bracketed label such as "[VIDEO]" or "[REACTION]" (related-link tags)
RE_TAG_LINE = re.compile(r"^\W*\[?[A-Z]{2,}(?: [A-Z]{2,})?\]\W*$")
# a line of only rule characters after unescaping: "___", "* * *", "———"
RE_RULE_LINE = re.compile(r"^[\s*_=~\-–—•·]{3,}$")

# a slideshow's slides ("• ## 1/50 United goin down …"): a slide counter opens the line
RE_SLIDE_COUNTER = re.compile(r"^(?:[-*+•]\s*)?(?:#+\s*)?(?P<n>\d{1,3})\s*/\s*(?P<m>\d{1,3})\s+\S")
# the heading a slideshow comes under: "Business news in pictures", "Gallery", "Slideshow"
RE_GALLERY_HEADING = re.compile(r"(?:\bin (?:pictures|photos|images)|^(?:photo )?gallery|^slide ?show|^photos)\W*$",
                                re.IGNORECASE)


def _widget_lines() -> tuple[frozenset[str], tuple[str, ...]]:
    entries = [line.casefold() for line in data_lines("widget_lines.txt")]
    return (frozenset(e for e in entries if not e.endswith("*")),
            tuple(e[:-1] for e in entries if e.endswith("*")))


WIDGET_LINES, WIDGET_LINE_STARTS = _widget_lines()
WIDGET_LINE_MAX_CHARS = 160

# gallery captions with their expand/collapse toggles: "… Esper is on a visit. less", "… relations ... more"
RE_CAPTION_TOGGLE = re.compile(r"(?:\.{3}|…)\s*more$|[.!?”\"]\s+less$")

# site taxonomy: "Topics" / "Tags: Energy, Funding, Ireland" / "Filed under: …" and the list under a bare label
RE_TAG_LABEL = re.compile(
    r"^\W{0,3}(?:tags?|topics?|related topics|more on these topics|filed under|categories|category|keywords|"
    r"subjects?|sections?)\W{0,3}(?::\s*(.*?)\W{0,3})?$",
    re.IGNORECASE,
)
RE_BULLET_PREFIX = re.compile(r"^[ \t]*(?:[-*+•]|\d{1,3}[.)])[ \t]+")
TAG_ITEM_MAX_WORDS = 4
TAG_MAX_ITEMS = 20


def is_tag_items(items: list[str]) -> bool:
    """Short capitalized labels ("NHS", "Health policy", "Energy"), not sentences."""
    items = [item.strip(" .;") for item in items]
    return (0 < len(items) <= TAG_MAX_ITEMS and all(item for item in items)
            and all(len(item.split()) <= TAG_ITEM_MAX_WORDS and (item[:1].isupper() or item[:1].isdigit())
                    and not item.endswith((".", "!", "?")) for item in items))
