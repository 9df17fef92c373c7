"""Credits (bylines, photo credits, wire and contributor lines) split into people and organizations.

Two halves:

* detection (`classify_line`, `split_dateline`, `split_trailing_photo_credit`): called by cleaning on
  every paragraph, so they are pure, cheap (a keyword pre-check before any heavy regex) and never
  raise (any internal error reads as "not a credit");
* parsing (`parse_credits`): raw credit lines -> one `CreditEntry` per person, or one
  organization-only entry when a line names no person.

Roles are a small closed set (`ROLES`):

| role          | from                                                                         |
|---------------|------------------------------------------------------------------------------|
| `byline`      | `By X`, `By X and Y`, `BY X, AP Auto Writer`, `X, AP Auto Writer`, `X | Reuters` |
| `photo`       | `Name / Agency`, `AP Photo/Name`, `Photo: …`, `Image credit: …`, `Getty Images`, `© Reuters`, `(Photo by X/Getty Images)` |
| `wire`        | datelines `WASHINGTON (Reuters) -`, `(AP) —`                                  |
| `contributor` | `Additional reporting by …`, `Compiled by …`, `… contributed reporting`, `… contributed to this report` |
| `editor`      | `Editing by …` (also inside a `Reporting by …; Editing by …` trailer)         |
| `other`       | where the article comes from: `Originally published on Live Science.`, `This article first appeared in The Conversation`, `Republished with permission from …`, `Source: Statista`, `Chart provided by …` |

A trailer's own `Reporting by X` or `Writing by X` (not `additional reporting by`) names the
story's author: a `byline`.

Agency names are normalized through the curated data file `newsdesk/resources/agencies.json`
(Associated Press = AP, Agence France-Presse = AFP, Thomson Reuters = Reuters, …).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

ROLES = ("byline", "photo", "wire", "contributor", "editor", "other")


@dataclass(frozen=True, slots=True)
class RawCredit:
    """A credit line as cleaning found it, before it is split into people and organizations."""

    role: str  # one of ROLES
    text: str  # "Dmitri Lovetsky / AP / TASS", "AFP contributed reporting."


@dataclass(frozen=True, slots=True)
class CreditEntry:
    """One credited person (or organization-only credit)."""

    role: str
    name: str | None  # a person; None for organization-only credits
    organizations: tuple[str, ...]  # normalized agency names: ("AP", "TASS")
    raw: str  # the line it came from


# --- agencies (data, not code) ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Agencies:
    canonical: dict[str, str]  # alias key -> canonical name
    wire: frozenset[str]  # canonical names usable in a dateline
    photo: frozenset[str]  # canonical names that may stand alone as a photo credit
    alias_re: re.Pattern[str]  # any alias, longest first, as a whole phrase
    alias_lower_re: re.Pattern[str]  # the same, case-sensitive: for lowercased ASCII text, 3x faster

    def mentioned_in(self, text: str) -> bool:
        """An alias occurs in text. On ASCII text, ignoring case is lowercasing ("ı" and "ſ" match
        "i" and "s" in an IGNORECASE regex, but they are not ASCII)."""
        if text.isascii():
            return self.alias_lower_re.search(text.lower()) is not None
        return self.alias_re.search(text) is not None


def _org_key(text: str) -> str:
    """Alias lookup key: casefolded, dots dropped, hyphens as spaces, no leading 'the'."""
    s = text.casefold().replace(".", " ").replace("-", " ").replace("\u2019", "'")
    s = " ".join(s.split()).strip(" ,;:'")  # split() is the regex \s+ (str.isspace), without its per-call cost
    return s[4:] if s.startswith("the ") else s


def _alias_trie(aliases: list[str]) -> str:
    """A regex alternation of aliases as a trie, a space matching any run of whitespace.

    Equivalent to the longest-first alternation (at one position the aliases that match are
    prefixes of each other, and greedy optional tails try the longest first), but the engine
    branches on the next character instead of trying every alias at every position (6x faster)."""
    trie: dict = {}
    for alias in aliases:
        node = trie
        for ch in alias:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


@lru_cache(maxsize=1)
def _agencies() -> _Agencies:
    data = json.loads(resources.files("newsdesk.resources").joinpath("agencies.json").read_text("utf-8"))
    canonical: dict[str, str] = {}
    aliases: list[str] = []
    for a in data["agencies"]:
        for alias in [a["name"], *a["aliases"]]:
            canonical[_org_key(alias)] = a["name"]
            aliases.append(alias)
    alt = _alias_trie(sorted({x.lower() for x in aliases}))  # lowercase: the regex ignores case anyway
    return _Agencies(
        canonical=canonical,
        wire=frozenset(a["name"] for a in data["agencies"] if a.get("wire")),
        photo=frozenset(a["name"] for a in data["agencies"] if a.get("photo")),
        alias_re=re.compile(rf"(?<![\w-])(?:the\s+)?(?:{alt})(?![\w-])", re.IGNORECASE),
        alias_lower_re=re.compile(rf"(?<![\w-])(?:the\s+)?(?:{alt})(?![\w-])"),
    )


def normalize_organization(text: str) -> str | None:
    """'The Associated Press' -> 'AP'; an unknown name -> None."""
    key = _org_key(text)
    # "AP" must be written in capitals to count (not "ap" inside a word list); aliases are exact.
    return _agencies().canonical.get(key)


# --- word lists (data, not code: resources/credit_words.tsv) -------------------------------------

def _word_lists() -> dict[str, list[str]]:
    text = resources.files("newsdesk.resources").joinpath("credit_words.tsv").read_text("utf-8")
    lists: dict[str, list[str]] = {}
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            kind, word = line.split("\t", 1)
            lists.setdefault(kind, []).append(word)
    return lists


_WORDS = _word_lists()


# --- regexes -------------------------------------------------------------------------------------

RE_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
RE_EMPHASIS = re.compile(r"(?<!\w)[*_]{1,3}|[*_]{1,3}(?!\w)")
# cheap pre-check: a credit line contains one of these (casefolded)
CREDIT_HINTS = tuple(dict.fromkeys(_WORDS["credit_hint"]))  # (kept in file order: likeliest first)

RE_BYLINE = re.compile(r"^(?:(?:analysis|opinion|commentary|story|text|words|report|written|posted|article)\s+)?by\s*[:\-]?\s+(?P<who>\S.*)$",
                       re.IGNORECASE)
TRAILER_VERBS = r"(?:reporting|reported|writing|editing|edited|compiled|compiling|research|fact[- ]checking|production|produced|graphics)"
RE_TRAILER_START = re.compile(
    rf"^(?:(?:additional|further|with|and|with\s+additional|also)\s+)?{TRAILER_VERBS}\s+by\s+\S", re.IGNORECASE)
RE_TRAILER_CLAUSE = re.compile(
    rf"(?:^|[;,.]\s*|\s+)(?P<verb>(?:(?:additional|further|with|and|with\s+additional|also)\s+)?{TRAILER_VERBS})\s+by\s+",
    re.IGNORECASE)
RE_CONTRIBUTED = re.compile(
    r"^(?P<who>.+?)\s+(?:also\s+)?(?:contributed|contributes|contributing)\s+"
    r"(?:(?:additional\s+)?reporting|research|to\s+(?:this|the)\s+(?:report|story|article|coverage|reporting))\b(?P<tail>.*)$",
    re.IGNORECASE)
RE_PHOTO_LABEL = re.compile(
    r"^(?:(?:main|top|cover|header|featured|lead|hero|banner)\s+)?"
    r"(?:photo(?:graph)?s?|images?|pictures?|pics?|illustrations?|graphics?|video|footage)"
    r"(?:\s+credits?)?\s*(?::|-|—|–|by\b|©|copyright\b)\s*(?P<who>\S.*)$", re.IGNORECASE)
RE_CONTRIBUTING = re.compile(r"^(?:contributing|contributors?|with\s+reporting\s+from)\s*:\s*(?P<who>\S.*)$", re.IGNORECASE)
RE_CREDIT_LABEL = re.compile(r"^(?:credits?|courtesy(?:\s+of)?)\s*[:\-—–]?\s+(?P<who>\S.*)$", re.IGNORECASE)
RE_COPYRIGHT = re.compile(r"^(?:©|\(c\)|copyright\s*©?)\s*(?:\d{4}\s*)?(?P<who>[^\d©].*?)\s*(?:,?\s*\d{4})?\.?$",
                          re.IGNORECASE)
RE_AGENCY_PHOTO = re.compile(r"^(?P<org>[A-Z][\w.&-]*(?:\s+[A-Z][\w.&-]*)?)\s+Photos?\s*/\s*(?P<who>\S.*)$")
# where a republished article, a chart or its data come from (role `other`): a whole short line
RE_SOURCE = re.compile(
    r"^(?:(?:this|the)\s+(?:article|story|post|piece|report|essay|column|interview)\s+(?:was\s+|is\s+)?)?"
    r"(?:(?:originally|first)\s+(?:published|appeared|posted|ran)|re-?published|reprinted|syndicated)"
    r"(?:\s+(?:here\s+)?with\s+(?:the\s+)?permission)?\s+(?:on|in|by|at|from|of)\s+(?P<who>\S.*)$"
    r"|^(?:(?:this|the)\s+)?(?:graphic|chart|map|infographic|data|video)s?,?\s+(?:(?:was|were)\s+)?"
    r"(?:provided|supplied)\s+by\s+(?P<who2>\S.*)$"
    r"|^sources?\s*:\s*(?P<who3>\S.*)$",
    re.IGNORECASE)
RE_SOURCE_TAIL = re.compile(r"\s*(?:[,;(]|\s(?:and|under|with|on|in)\s).*$|[.\s]+$")
RE_JOB_TITLE = re.compile(
    r"(?:^|\s)(?:staff\s+|senior\s+|chief\s+|special\s+|national\s+|political\s+|sports?\s+|business\s+|auto\s+"
    r"|technology\s+|tech\s+|science\s+|medical\s+|legal\s+|news\s+|white\s+house\s+|congressional\s+"
    r"|economics\s+|entertainment\s+|foreign\s+|investigative\s+|contributing\s+|associate\s+|deputy\s+"
    r"|managing\s+|executive\s+|[A-Z][\w&-]*\s+)*"
    r"(?:writer|reporter|correspondent|editor(?:-at-large)?|columnist|contributor|photographer|"
    r"photojournalist|journalist|producer|analyst|critic|staff|bureau\s+chief|editor\s+at\s+large)s?$",
    re.IGNORECASE)
# the last word of every RE_JOB_TITLE match
RE_JOB_TITLE_END = re.compile(r"(?:writer|reporter|correspondent|editor(?:-at-large)?|columnist|contributor|photographer"
                              r"|photojournalist|journalist|producer|analyst|critic|staff|chief|large)s?$", re.IGNORECASE)
RE_DESK = re.compile(
    r"^(?P<org>(?:[A-Z][\w.&'-]*\s+){0,3}?[A-Z][\w.&'-]*)\s+(?:editorial\s+)?(?:staff(?:\s+reports?)?|bureau|desk|newsroom"
    r"|sport|sports\s+desk|wire\s+services?|wires)(?:\s+(?:published|updated|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|january|february|march|april|may|june|july|august|september|october|november|december))*$",
    re.IGNORECASE)
RE_OUTLET = re.compile(r"The(?:\s+[A-Z][\w.&'’-]*){1,4}")
RE_IS_A = re.compile(r"\s+(?:is|was)\s+(?:an?|the)\s+.*$", re.IGNORECASE)
# a dateline: place (ALL CAPS `FORT VALLEY, Ga.` or Title Case `Tbilisi`, `New York`) and/or a short date
# (`July 22`, `22 July`), then a wire agency in parentheses and a dash: `July 22 (Reuters) -`
_DL_DATE = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)"
_DL_PLACE = (r"(?:[A-ZÀ-Þ][A-ZÀ-Þ'.\- ]{1,40}|[A-ZÀ-Þ][a-zà-ÿ'.\-]+(?:\s+(?:[A-ZÀ-Þ][a-zà-ÿ'.\-]+|de|del|la|el|al)){0,3})"
             r"(?:,\s*[A-Z][A-Za-z.\- ]{1,30})?")
RE_DATELINE = re.compile(
    rf"^[\s*_]*(?P<place>{_DL_DATE}|{_DL_PLACE}(?:,?\s*{_DL_DATE})?)?\s*"
    r"\((?P<agency>[^()\n]{2,40})\)[\s*_]*(?P<dash>--|[-—–])\s*")
RE_TRAILING_BOLD = re.compile(r"\s*(?:\*\*|__)(?P<credit>[^*_\n]{2,120})(?:\*\*|__)\s*$")
RE_TRAILING_PAREN = re.compile(
    r"\s*\((?P<credit>(?:[A-Z][\w.&-]*\s+)?(?:photo|photograph|image|picture|credit|illustration|courtesy)[^()\n]{0,100}"
    r"|(?:[A-Z][\w.&-]*\s+)?Photos?\s*/[^()\n]{1,80})\)\s*\.?$", re.IGNORECASE)
RE_TRAILING_LABEL = re.compile(
    r"(?:(?<=[.!?\"”’)])|(?<=[.!?\"”’)][*_])|(?<=,))\s*[*_]*(?P<credit>(?:photos?|photograph|image|picture|credit|illustration)"
    r"(?:\s+credits?)?\s*(?::|©|by\b)\s*[^:\n]{2,100}|(?:photos?\s+)?©\s*[^©\n]{2,60})[*_]*\s*$", re.IGNORECASE)
RE_CREDIT_COLON = re.compile(r"^credit\s*:\s*", re.IGNORECASE)
RE_TRAILING_SLASH = re.compile(r"(?<=[.!?\"”’)])\s+(?P<credit>[^.!?\n]{2,100}/[^.!?\n]{1,100})$")
# (regex, strings one of which its match contains, casefolded; whether that holds on ASCII only):
# the `in` checks are 10x cheaper than the searches. An IGNORECASE regex also matches "ı", "İ" and
# "ſ" for "i" and "s", which casefold() does not map, so its words rule it out on an ASCII tail only.
_TRAILING_RES = (
    (RE_TRAILING_BOLD, ("**", "__"), False),
    (RE_TRAILING_PAREN, (")",), False),
    (RE_TRAILING_LABEL, ("photo", "image", "picture", "credit", "illustration", "©"), True),
    (RE_TRAILING_SLASH, ("/",), False),
)

NAME_PARTICLES = frozenset(_WORDS["name_particle"])
NOT_NAME_WORDS = frozenset(_WORDS["not_name"])
MONTHS_DAYS = frozenset(_WORDS["month_or_day"])
BYLINE_STOP_FIRST = MONTHS_DAYS | frozenset(_WORDS["byline_stop_first"])
CREDENTIALS = frozenset(_WORDS["credential"])
TRAILING_NOT_NAME = MONTHS_DAYS | CREDENTIALS  # dropped from the end of a name ("Jane Roe Tuesday", "Jane Roe MD")


# --- small helpers --------------------------------------------------------------------------------

def _plain(text: str) -> str:
    """Markdown links -> text, emphasis markers dropped, whitespace collapsed, stripped."""
    # each regex runs only when its marker character is there (most lines have neither)
    s = RE_LINK.sub(r"\1", text) if "[" in text else text
    s = s.replace("\\", "")
    if "*" in s or "_" in s:
        s = RE_EMPHASIS.sub("", s)
    s = " ".join(s.split())  # = re.sub(r"\s+", " ", s).strip(): both split on str.isspace
    while len(s) > 2 and s[0] == "(" and s[-1] == ")" and s.count("(") == 1:
        s = s[1:-1].strip()
    if s.startswith("(") and s.endswith(").") and s.count("(") == 1:
        s = s[1:-2].strip()
    return s


def _has_hint(line: str) -> bool:
    """Cheap pre-check before the heavy regexes: a keyword, or a short line naming an agency."""
    low = line.casefold()
    for hint in CREDIT_HINTS:  # a plain loop: twice as fast as any() over a generator, or one regex
        if hint in low:
            return True
    return len(line) <= 120 and _agencies().mentioned_in(line)


RE_INITIAL = re.compile(r"[A-Z]\.?")
RE_INNER_HYPHEN = re.compile(r"(?<=[\w'])-(\w)")
RE_NAME_CHARS = re.compile(r"[\w'’.\-]+")


def _title_case(name: str) -> str:
    """ALL-CAPS names title-cased ('MARY CLARE JALONICK' -> 'Mary Clare Jalonick'); others unchanged."""
    letters = [c for c in name if c.isalpha()]
    if letters and all(c.isupper() for c in letters) and len(letters) > 3:
        return " ".join(w.capitalize() if not RE_INITIAL.fullmatch(w) else w
                        for w in RE_INNER_HYPHEN.sub(lambda m: "-" + m.group(1), name).split())
    return name


def _is_name_token(tok: str) -> bool:
    if tok.casefold() in NAME_PARTICLES:
        return True
    if not tok[:1].isalpha() or not tok[:1].isupper():
        return False
    if tok.isalpha():  # the usual name: only letters, so no digit and nothing outside the class below
        return True
    return not any(c.isdigit() for c in tok) and RE_NAME_CHARS.fullmatch(tok) is not None


def _person(segment: str, allow_single: bool = False) -> str | None:
    """A person's name out of one credit segment ('TOM KRISHER' -> 'Tom Krisher'), or None."""
    s = segment.strip(" .,;:-—–|()[]\"'")
    s = RE_IS_A.sub("", s)
    toks = s.split()
    while toks and toks[-1].casefold().strip(".,") in TRAILING_NOT_NAME:
        toks.pop()
    if not toks or len(toks) > 5 or (len(toks) == 1 and not allow_single):
        return None
    for t in toks:
        if not _is_name_token(t) or t.casefold().strip(".,'’") in NOT_NAME_WORDS:
            return None
    if toks[0] in NAME_PARTICLES and len(toks) < 3:
        return None
    joined = " ".join(toks)
    if normalize_organization(joined):
        return None
    name = _title_case(joined)
    if len(toks) == 1 and (len(name) < 3 or name.isupper()):
        return None
    return name


def _split_orgs(segment: str) -> tuple[str, list[str]]:
    """Pull every known agency out of a segment: 'Eric Tucker Associated Press' -> ('Eric Tucker', ['AP'])."""
    orgs: list[str] = []

    def take(m: re.Match[str]) -> str:
        raw = m.group(0)
        # short aliases count only in capitals ("AP", not "ap"); scrapers write "Ap Auto Writer"
        if len(raw) <= 3 and not (raw.isupper() or raw in ("Ap", "dpa")):
            return raw
        org = normalize_organization(raw)
        if org is None:
            return raw
        orgs.append(org)
        return " ; "

    rest = _agencies().alias_re.sub(take, segment)
    return rest, orgs


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))


# --- detection --------------------------------------------------------------------------------------

def _looks_like_names(text: str, max_words: int = 40) -> bool:
    """A list of names/agencies ('Greg Roumeliotis, Joshua Franklin and Megan Davies in New York')."""
    words = text.split()
    if not words or len(words) > max_words:
        return False
    lower = [w for w in words if w[:1].islower() and w.strip(",;.").casefold() not in NAME_PARTICLES
             and w.strip(",;.").casefold() not in ("and", "in", "from", "with", "for", "of", "at", "via")]
    return len(lower) <= max(1, len(words) // 8) and words[0][:1].isupper()


def _strip_titles(who: str) -> str:
    """'Analysis by Chris Cillizza' -> 'Chris Cillizza'; 'Phil Helsel is a reporter' -> 'Phil Helsel'."""
    who = RE_LEADING_ANALYSIS_BY.sub("", who.strip())
    segs = [p.strip() if RE_DESK.match(p.strip()) else _drop_title(RE_IS_A.sub("", p).strip()) for p in who.split(";")]
    return "; ".join(p for p in segs if p and (RE_DESK.match(p) or not RE_JOB_TITLE.fullmatch(" " + p) or _split_orgs(p)[1]))


RE_LEADING_ANALYSIS_BY = re.compile(r"^(?:(?:analysis|opinion|commentary|story|text|words|report|column)\s+by\s+)",
                                    re.IGNORECASE)
RE_NAME_THEN_TITLE = re.compile(r"\s*(?:,|\||—|–| - )\s*")
RE_SENTENCE_OR_EXCLAMATION = re.compile(r"[.!?]\s+[a-z]|[!?]")
RE_WORD_SEPARATORS = re.compile(r"[\s;,]+")


def _classify_byline(s: str) -> RawCredit | None:
    m = RE_BYLINE.match(s)
    if m:
        who = _strip_titles(m.group("who"))
        if not who:
            return None
        first = who.split()[0].strip(",.;:").casefold()
        if (first in BYLINE_STOP_FIRST and not normalize_organization(who.strip(" ."))) or not _looks_like_names(who, 24):
            return None
        if RE_SENTENCE_OR_EXCLAMATION.search(who) or not any(_parse_people(who, allow_single=True)):
            # "By The Russian; Syrian defense ministries" still is the byline *line* of a scraper
            # ("By News Nation Bureau", "By Staff Reports": a byline line without a person)
            words = RE_WORD_SEPARATORS.split(who.strip(" ;,"))
            if not (len(words) <= 8 and all(w[:1].isupper() or w.casefold() in NAME_PARTICLES for w in words)):
                return None
        return RawCredit("byline", s)
    # "TOM KRISHER, AP Auto Writer", "Jane Doe | Reuters", "Jane Doe, Associated Press"
    if len(s) > 90:
        return None
    parts = RE_NAME_THEN_TITLE.split(s, maxsplit=1)
    if len(parts) == 2:
        name, right = parts
        right = right.strip(" .")
        if _person(name) and (normalize_organization(right) or RE_JOB_TITLE.fullmatch(" " + right)) and len(right.split()) <= 6:
            return RawCredit("byline", s)
    return None


def _classify_trailer(s: str) -> RawCredit | None:
    if RE_TRAILER_START.match(s):
        clauses = [c for c in RE_TRAILER_CLAUSE.split(s) if c and c.strip()]
        names = [c for i, c in enumerate(clauses) if i % 2 == 1] if len(clauses) > 1 else []
        # split() keeps the verbs at odd positions when the line starts with a clause
        texts = clauses[1::2]
        if texts and all(_looks_like_names(t.strip(" ;,.")) for t in texts) and names is not None:
            return RawCredit("contributor", s)
        return None
    m = RE_CONTRIBUTING.match(s)
    if m and _looks_like_names(m.group("who").replace("’", "'"), 40):
        return RawCredit("contributor", s)
    # a literal pre-check first (exact on ASCII: see _Agencies.mentioned_in)
    m = RE_CONTRIBUTED.match(s) if "contribut" in s.lower() or not s.isascii() else None
    if m and len(m.group("who").split()) <= 30 and len(m.group("tail").split()) <= 8:
        who = m.group("who")
        if _looks_like_names(_contributor_who(who)[0], 30) or _split_orgs(who)[1]:
            return RawCredit("contributor", s)
    return None


RE_CONTRIB_PREFIX = re.compile(
    r"^(?P<org>(?:the\s+)?[\w’'.&-]+(?:\s+[\w’'.&-]+){0,3}?\s+)?(?:(?:staff|senior|chief|contributing|special|"
    r"national|political|sports?|business|auto|white\s+house)\s+)*(?:writers?|reporters?|correspondents?|staff)\s+",
    re.IGNORECASE)
RE_IN_PLACE = re.compile(
    r"\s+(?:in|from)\s+[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}(?:,\s*[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})?"
    r"(?=\s*(?:,|;|\band\b|$))")


def _contributor_who(who: str) -> tuple[str, list[str]]:
    """'Associated Press writers Ana Ruiz in Rome, Italy, and Li Wen in Oslo' -> ('Ana Ruiz, and Li Wen', ['AP'])."""
    who = who.replace("’", "'").strip()
    orgs: list[str] = []
    m = RE_CONTRIB_PREFIX.match(who)
    if m and (not m.group("org") or not _person(m.group("org"))):
        org_text = (m.group("org") or "").strip()
        if org_text:
            org = normalize_organization(org_text)
            orgs += [org] if org else []
        who = who[m.end():]
    return RE_IN_PLACE.sub("", who).strip(" ,;"), orgs


RE_TRAILING_YEAR = re.compile(r",?\s*(?:19|20)\d\d\.?$")
RE_SENTENCE_BREAK = re.compile(r"[.!?]\s+\w")
RE_PHOTO_PIECE_SEPARATOR = re.compile(r"\s*(?:/|,|\||;|\bvia\b|\bfor\b|\bfrom\b)\s*")
RE_PIECE_LABEL = re.compile(r"(?:courtesy(?: of)?|photo|photos|by)\s+.+")
RE_PIECE_LABEL_PREFIX = re.compile(r"^(?:courtesy(?: of)?|photos?|by)\s+", re.IGNORECASE)
RE_LEADING_BY = re.compile(r"^by\s+", re.IGNORECASE)
RE_SLASH_OR_VIA = re.compile(r"\s*/\s*|\s+via\s+")


def _photo_credit_text(who: str) -> bool:
    """The part after 'Photo:' is a credit (names/agencies), not a caption sentence."""
    who = RE_TRAILING_YEAR.sub("", who.strip(" .")).strip(" .,")
    if not who or len(who.split()) > 12 or RE_SENTENCE_BREAK.search(who):
        return False
    pieces = [p for p in RE_PHOTO_PIECE_SEPARATOR.split(who) if p.strip()]
    return bool(pieces) and all(_credit_piece(p) for p in pieces)


def _credit_piece(p: str) -> bool:
    p = p.strip(" .()")
    low = p.casefold()
    return bool(normalize_organization(p) or _person(p) or low in ("file", "handout", "pool", "supplied", "stock")
                or RE_PIECE_LABEL.fullmatch(low) and _credit_piece(RE_PIECE_LABEL_PREFIX.sub("", p))
                or (p[:1].isupper() and len(p.split()) <= 4 and all(_is_name_token(t) for t in p.split())))


def _classify_photo(s: str) -> RawCredit | None:
    m = RE_AGENCY_PHOTO.match(s)
    if m and normalize_organization(m.group("org")) and _photo_credit_text(m.group("who")):
        return RawCredit("photo", s)
    m = RE_PHOTO_LABEL.match(s) or RE_CREDIT_LABEL.match(s)
    if m:
        who = RE_LEADING_BY.sub("", m.group("who"))
        return RawCredit("photo", s) if _photo_credit_text(who) else None
    m = RE_COPYRIGHT.match(s)
    if m and len(m.group("who").split()) <= 5 and "rights" not in s.casefold() and _photo_credit_text(m.group("who")):
        return RawCredit("photo", s)
    if "/" in s and 2 <= s.count("/") + 1 <= 5 and len(s) <= 100:
        pieces = [p.strip() for p in RE_SLASH_OR_VIA.split(s)]
        # an agency, or `Name / The Local Courier`: a person and an outlet named with "The" (not in agencies.json)
        known = any(normalize_organization(p) for p in pieces) or len(pieces) == 2 and any(
            RE_OUTLET.fullmatch(p) for p in pieces) and any(_person(p) for p in pieces)
        if known and all(_credit_piece(p) for p in pieces):
            return RawCredit("photo", s)
    org = normalize_organization(s.strip(" ."))
    if org and org in _agencies().photo and org not in ("Reuters", "AFP", "TASS"):
        return RawCredit("photo", s)
    return None


def _classify_wire_sign_off(s: str) -> RawCredit | None:
    """A line that is only a wire agency (`AFP`, `*Reuters*`, `— AP`): the wire sign-off under a story."""
    if len(s) > 40:
        return None
    org = normalize_organization(s.strip(" .-—–()[]"))
    return RawCredit("wire", s) if org and org in _agencies().wire else None


def _source_of(s: str) -> str | None:
    """The outlet or organization a source line names ("Originally published on Live Science." ->
    "Live Science"), when it reads as a name (capitalized words, at most six), else None."""
    m = RE_SOURCE.match(s)
    if not m or len(s) > 160:
        return None
    who = RE_SOURCE_TAIL.sub("", m.group("who") or m.group("who2") or m.group("who3"))
    words = who.split()
    if not 0 < len(words) <= 6 or not who[:1].isupper():
        return None
    if not all(w[:1].isupper() or w[:1].isdigit() or w.casefold() in ("of", "the", "and", "for", "&") for w in words):
        return None
    return normalize_organization(who) or who


def _classify_source(s: str) -> RawCredit | None:
    return RawCredit("other", s) if _source_of(s) else None


def classify_line(line: str) -> RawCredit | None:
    """A whole line/paragraph that is a credit (byline, photo credit, wire or contributor line,
    "Reporting by …; Editing by …" trailer) -> RawCredit; any other line -> None."""
    try:
        if not line or len(line) > 600 or not _has_hint(line):
            return None
        s = _plain(line)
        if not s or len(s) > 400:
            return None
        return (_classify_trailer(s) or _classify_photo(s) or _classify_byline(s) or _classify_wire_sign_off(s)
                or _classify_source(s))
    except Exception:  # detection must never break cleaning
        return None


def split_dateline(paragraph: str) -> tuple[RawCredit | None, str]:
    """`WASHINGTON (Reuters) - The …` -> (RawCredit("wire", "WASHINGTON (Reuters)"), "The …").

    The dateline moves out of the body into a `wire` credit (issue #5: credits are never left in the
    body) and the body starts at its first real word, intact. Some gold bodies (the shared articles
    corpus) keep datelines; dropping three tokens of a long article costs them little.
    Only known wire agencies count (`(AP)`, `(Reuters)`, `(Bloomberg)`…; not `(CNN Business)` asides
    in the middle of a paragraph). No dateline -> (None, paragraph)."""
    try:
        if not paragraph or "(" not in paragraph[:90]:
            return None, paragraph
        m = RE_DATELINE.match(paragraph)
        if not m:
            return None, paragraph
        org = normalize_organization(_plain(m.group("agency")))
        if org is None or org not in _agencies().wire:
            return None, paragraph
        rest = paragraph[m.end():]
        return RawCredit("wire", _plain(m.group(0)).rstrip("-—– ")), rest if rest.strip() else paragraph
    except Exception:
        return None, paragraph


def split_trailing_photo_credit(caption: str) -> tuple[str, RawCredit | None]:
    """`Caption text. **Dmitri Lovetsky / AP / TASS**` -> ("Caption text.", RawCredit("photo", …)).

    Also `… (AP Photo/Evan Vucci)`, `… (Photo: Jane Roe/Reuters)`, `… Photo: Jane Roe, AP`,
    `… photos © Studio X, 2018` and an unmarked `… Jane Roe / AP` after the last sentence.
    Safe on any paragraph: the tail must read as a credit (names and at least one agency or a
    photo label). No credit -> (caption, None)."""
    try:
        if not caption or len(caption) > 2000:
            return caption, None
        tail = caption[-240:]
        low = tail.casefold()
        if not (("**" in tail or "__" in tail or "/" in tail or "photo" in low or "credit" in low
                 or "©" in tail or "image" in low or "courtesy" in low or "illustration" in low)):
            return caption, None
        for rx, needles, ascii_only in _TRAILING_RES:
            if not (ascii_only and not tail.isascii()) and not any(n in low for n in needles):
                continue
            m = rx.search(caption, max(0, len(caption) - 240))
            if not m:
                continue
            text = m.group("credit").strip()
            raw = classify_line(text)
            if raw is None and rx is RE_TRAILING_PAREN:
                raw = _classify_photo(RE_CREDIT_COLON.sub("Photo: ", _plain(text)))
            if raw is None or raw.role != "photo":
                continue
            rest = caption[: m.start()].rstrip(" ,;|-—–*_")
            if not rest.strip():
                return caption, None
            return rest, RawCredit("photo", _plain(text))
        return caption, None
    except Exception:
        return caption, None


# --- parsing -------------------------------------------------------------------------------------

def _drop_title(seg: str) -> str:
    """'Tom Gillespie News reporter' -> 'Tom Gillespie'; a segment without a title comes back as is."""
    toks = seg.split()
    if len(toks) < 2 or not RE_JOB_TITLE_END.search(toks[-1]):
        return seg  # (the usual case, decided without trying every split)
    for k in range(len(toks) - 1, 0, -1):
        head, tail = " ".join(toks[:k]), " ".join(toks[k:])
        if RE_JOB_TITLE.fullmatch(" " + tail) and _person(head):
            return head
    return seg


RE_PEOPLE_SEPARATOR = re.compile(r"\s*(?:;|,|\||&|/|\band\b|\bwith\b|\bvia\b|\bfor\b|\bfrom\b)\s*")
RE_STAFF_PREFIX = re.compile(r"^(?:['’]s?\s+)?(?:(?:the\s+)?(?:(?:staff|senior|chief|writers?|reporters?|correspondents?"
                             r"|photographers?)\s+)+)?", re.IGNORECASE)
RE_POSSESSIVE_END = re.compile(r"['’]s?$")


def _parse_people(text: str, allow_single: bool = False, unknown_as_org: bool = False) -> tuple[list[str], list[str]]:
    """'LISA MASCARO; ERIC TUCKER Associated Press' -> (['Lisa Mascaro', 'Eric Tucker'], ['AP'])."""
    people: list[str] = []
    orgs: list[str] = []
    for seg in RE_PEOPLE_SEPARATOR.split(text):
        seg = RE_IS_A.sub("", seg.strip(" .:()"))
        desk = RE_DESK.match(seg)
        if desk:  # "Science X staff", "JERUSALEM POST STAFF NOVEMBER", "Telegraph Sport"
            orgs.append(normalize_organization(desk.group("org")) or _title_case(desk.group("org")))
            continue
        seg = _drop_title(seg)
        if not seg:
            continue
        rest, found = _split_orgs(seg)
        orgs += found
        if RE_JOB_TITLE.fullmatch(" " + seg):  # "AP Auto Writer", "CNN Editor-at-large", "Staff writer"
            continue
        for piece in rest.split(";"):
            piece = RE_STAFF_PREFIX.sub("", piece.strip())
            piece = RE_POSSESSIVE_END.sub("", piece.strip(" .:()'’"))
            name = _person(_drop_title(piece), allow_single=allow_single)
            if name:
                people.append(name)
            elif unknown_as_org and _is_org_like(piece):
                orgs.append(piece.strip())
    return _unique(people), _unique(orgs)


def _is_org_like(piece: str) -> bool:
    """'Inexhibit', 'JPL-Caltech', 'Studio Nine': capitalized, short, not noise ('File', 'Handout')."""
    toks = piece.split()
    return (0 < len(toks) <= 4 and all(t[:1].isupper() or t.casefold() in NAME_PARTICLES for t in toks)
            and piece.strip().casefold() not in ("file", "handout", "pool", "supplied", "stock", "photo", "photos"))


def _entries(role: str, text: str, raw: str, allow_single: bool = False) -> list[CreditEntry]:
    people, orgs = _parse_people(text, allow_single=allow_single, unknown_as_org=role == "photo")
    if people:
        return [CreditEntry(role, p, tuple(orgs), raw) for p in people]
    return [CreditEntry(role, None, tuple(orgs), raw)] if orgs else []


RE_EDIT = re.compile("edit", re.IGNORECASE)
RE_AUTHOR_VERB = re.compile(r"reporting|reported|writing|written", re.IGNORECASE)  # unprefixed: the author
RE_IN_PLACE_AT_END = re.compile(r"\s+(?:in|from)\s+[A-Z][\w .'-]*$")
RE_WIRE_PAREN = re.compile(r"\(([^()]+)\)[\s*_]*(?:--|[-—–])?\s*$")
RE_LEADING_BY_OR_COURTESY = re.compile(r"^(?:by|courtesy(?:\s+of)?)\s+", re.IGNORECASE)
RE_YEAR_AT_END = re.compile(r",?\s*\d{4}\.?$")
RE_NON_WORD = re.compile(r"[^\w]")


def _parse_trailer(text: str, raw: str) -> list[CreditEntry]:
    parts = RE_TRAILER_CLAUSE.split(text)
    out: list[CreditEntry] = []
    for verb, who in zip(parts[1::2], parts[2::2]):
        role = "editor" if RE_EDIT.search(verb) else "byline" if RE_AUTHOR_VERB.fullmatch(verb) else "contributor"
        who = RE_IN_PLACE_AT_END.sub("", who.strip(" ;,.()"))
        out += _entries(role, who, raw)
    return out


def _parse_one(rc: RawCredit) -> list[CreditEntry]:
    text = _plain(rc.text)
    if rc.role == "other":
        source = _source_of(text)
        return [CreditEntry("other", None, (source,), rc.text)] if source else []
    if rc.role == "wire":
        m = RE_WIRE_PAREN.search(text)
        org = normalize_organization(_plain(m.group(1))) if m else normalize_organization(text)
        return [CreditEntry("wire", None, (org,), rc.text)] if org else _entries("wire", text, rc.text)
    if RE_TRAILER_START.match(text):
        return _parse_trailer(text, rc.text)
    m = RE_CONTRIBUTED.match(text)
    if m:
        who, orgs = _contributor_who(m.group("who"))
        entries = _entries("contributor", who, rc.text)
        if orgs and entries:
            entries = [CreditEntry(e.role, e.name, tuple(_unique([*e.organizations, *orgs])), e.raw) for e in entries]
        return entries or _entries("contributor", m.group("who"), rc.text)
    m = RE_CONTRIBUTING.match(text)
    if m:
        return _entries("contributor", m.group("who"), rc.text)
    if rc.role == "photo":
        m = RE_AGENCY_PHOTO.match(text)
        if m and normalize_organization(m.group("org")):
            people, orgs = _parse_people(m.group("who"))
            orgs = _unique([normalize_organization(m.group("org")) or "", *orgs])
            return [CreditEntry("photo", p, tuple(orgs), rc.text) for p in people] or [
                CreditEntry("photo", None, tuple(orgs), rc.text)]
        m = RE_PHOTO_LABEL.match(text) or RE_CREDIT_LABEL.match(text) or RE_COPYRIGHT.match(text)
        who = m.group("who") if m else text
        who = RE_LEADING_BY_OR_COURTESY.sub("", who.strip())
        who = RE_YEAR_AT_END.sub("", who)
        return _entries("photo", who, rc.text)
    m = RE_BYLINE.match(text)
    who = _strip_titles(m.group("who")) if m else text
    # a byline of one word ("By Jdadmin": a user name) is still the person the site credits
    entries = _entries(rc.role if rc.role in ROLES else "byline", who, rc.text, allow_single=len(who.split()) == 1)
    # an agency inside a dropped job title ("By Jane Roe, AP Auto Writer") still credits the agency
    title_orgs = _split_orgs(m.group("who"))[1] if m else []
    return [CreditEntry(e.role, e.name, tuple(_unique([*e.organizations, *title_orgs])), e.raw) if e.name else e
            for e in entries]


def _name_key(name: str) -> str:
    """'Troy L Smith' and 'Troy Smith' -> 't smith' (first initial + last name)."""
    toks = [RE_NON_WORD.sub("", t.casefold()) for t in name.split()]
    toks = [t for t in toks if t]
    return f"{toks[0][:1]} {toks[-1]}" if toks else ""


def parse_credits(raw: list[RawCredit]) -> list[CreditEntry]:
    """Split raw credit lines into one entry per person (or one organization-only entry).

    Duplicates within an article (the same byline printed twice, a photo credit under every
    gallery image) are merged: one entry per (role, first initial + last name), or per (role, agency set)
    for organization-only credits; their organizations are united."""
    merged: dict[tuple, CreditEntry] = {}
    for rc in raw:
        try:
            entries = _parse_one(rc)
        except Exception:
            entries = []
        for e in entries:
            key = (e.role, _name_key(e.name)) if e.name else (e.role, None, frozenset(e.organizations))
            if key in merged:
                old = merged[key]
                merged[key] = CreditEntry(old.role, old.name, tuple(_unique([*old.organizations, *e.organizations])),
                                          old.raw)
            else:
                merged[key] = e
    return list(merged.values())


# --- declared authors ----------------------------------------------------------------------------

# what a declared byline carries besides names: a date ("By Jane Roe March 11, 2015 3:46 PM",
# "Jane Roe - Apr 16, 2015", "Jane Roe on Feb 24"), a handle ("Jane Roe@janeroe"), a follow link
_MONTH_WORD = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_DATE_WORDS = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)\.?(?=,|\s+\d)"
               rf"|{_MONTH_WORD}\s+\d+|\d{{1,2}}\s+{_MONTH_WORD}|\d{{1,4}}[/.-]\d{{1,2}}[/.-]\d{{1,4}}")
RE_DECLARED_TAIL = re.compile(
    rf"\s*(?:[|,·•–—-]\s*)*(?:\b(?:on|updated|published|posted|last\s+updated)\b\s*:?\s*)?(?:\b(?:{_DATE_WORDS})|@).*$",
    re.IGNORECASE)
RE_DECLARED_LEAD = re.compile(
    r"^(?:(?:posted|written|words|story|text|reporting)\s+)?(?:by|por|par|von|di|de)\b\s*[:|]?\s*", re.IGNORECASE)
RE_PARENTHETICAL = re.compile(r"\s*\([^()]*\)")
RE_NOT_A_BYLINE = re.compile(r"https?:|www\.|^@|/", re.IGNORECASE)
DECLARED_MAX_CHARS = 300


def declared_byline(author: str) -> RawCredit | None:
    """An author as a source declares it (an HTML meta tag or byline element, a JSON Lines field) ->
    a byline credit, parsed like any byline (`parse_credits` splits people from job titles and
    agencies); None for what names nobody: a URL, a handle, a date. The one cleaning every format's
    declared authors go through: `By ROBERT BURNS, AP National Security Writer` keeps the person
    and the agency, `Bradley M. Kuhn (http://…)` the person, `Jane Roe March 11, 2015` the person."""
    text = " ".join(str(author).split())[:DECLARED_MAX_CHARS]
    text = RE_PARENTHETICAL.sub("", text)
    text = RE_DECLARED_TAIL.sub("", RE_DECLARED_LEAD.sub("", text)).strip(" |,;:-–—·")
    if not text or RE_NOT_A_BYLINE.search(text) or not any(ch.isalpha() for ch in text):
        return None
    return RawCredit("byline", f"By {text}")


def declared_people(author: str) -> list[str]:
    """The person names a declared author value gives (empty for an organization or a handle)."""
    credit = declared_byline(author)
    return [e.name for e in parse_credits([credit]) if e.name] if credit else []


def declared_organizations(author: str) -> list[str]:
    """The organizations a declared author value credits when it names no person ("Reuters",
    "Science X staff")."""
    credit = declared_byline(author)
    entries = parse_credits([credit]) if credit else []
    return [org for e in entries if not e.name for org in e.organizations]
