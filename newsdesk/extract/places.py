"""Toponyms in a clean body, resolved against the offline gazetteer.

Matching is a longest-match lookup of capitalized token n-grams in the gazetteer's surface table
(word boundaries and capitalization come from the tokenizer); filters drop places inside
publication and organization names, person names and common words; resolution scores each
candidate by population and feature type plus the other places of the same article.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from itertools import islice
from typing import NamedTuple

from newsdesk.extract.gazetteer import RE_TOKEN, SEP, candidates, fold_accents, load
from newsdesk.extract.place_context import Evidence, gather
from newsdesk.extract.place_features import STREET_WORDS, Feature, find_features

# A word that starts with a capital. The pattern opens with the capital (the word-start test comes
# after it) so that re skips ahead to the next capital instead of trying every position.
RE_CAP_WORD = re.compile(r"[A-ZÀ-ÖØ-Þ](?<!\w\w)\w*(?:(?=\s*(\w+|[^\w\s])))?")  # and the token after it
NOT_PLACE_OPENERS = frozenset(  # pronouns and conjunctions: no place starts with them ("We", "On" are towns)
    "He She It I We They You His Her Its Our My Their But And Or If When While This That These Those There "
    "Then So As At On For By With After Before Mr Mrs Ms Dr".split()
)
RE_WORD = re.compile(r"\w+")
RE_NEXT_WORD = re.compile(r" (\w+)")
RE_INITIAL_BEFORE = re.compile(r"(?<![\w.])[A-Z]\. $")  # "John F. Kennedy"
RE_LOCATIVE_BEFORE = re.compile(r"\b(?:[Ii]n|[Nn]ear|[Oo]utside) $")  # "in Whitestown"
RE_NAME_GOES_ON = re.compile(r"['’]s\b| [A-Z]")  # a possessive or a capitalized word after a name: "Gallup's", "Granite State"
RE_PREV_WORD = re.compile(r"(\w+) $")
RE_PREV_WHOLE_WORD = re.compile(r"(?<!\w)(\w+) $")  # tried at word starts only: cheaper to search
RE_TITLE_BEFORE = re.compile(r"(?<!\w)(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Lt|Sgt|Capt|Rev|Prof|Insp|Cpl|Const|Det|Supt)\. +$")
SENTENCE_OPENERS = frozenset('\n.!?:"“”(-—')
DATELINE_TOKENS = 6
# A dateline: a place in capitals, maybe its state or country, maybe a wire agency, then a dash:
# "CHARLESTON, W.Va. --", "ISLAMABAD, Pakistan —", "CHATTANOOGA (AP) —", "ST. PARIS —"
# ("FALLS VILLAGE—", "BEIRUT, Lebanon:"); with a state or country the dash may be missing ("SALINA, Kan. Strong")
RE_DATELINE = re.compile(
    r"[A-Z][A-Z.'’\-]*(?: [A-Z][A-Z.'’\-]*){0,4}"
    r"(?:, [A-Z][\w.]*(?: [A-Z][\w.]*){0,3}(?: ?\([A-Za-z][\w .&-]{1,30}\))?(?: ?(?:—|–|--|-|_|:)| (?=[A-Z]))"
    r"|(?: ?\([A-Za-z][\w .&-]{1,30}\))? ?(?:—|–|--|-|_))"  # no colon alone: "SMITH: ..." is a transcript
    r"(?= *[A-Z0-9“\"‘'(])"  # the story starts after it ("NATO — the alliance" is no dateline)
)
# What may come right before a dateline inside a paragraph: a headline's end, or a date line's year
RE_BEFORE_DATELINE = re.compile(r"(?:[.!?:][\"”’)]?|\d{4}) +$")
RE_CREDIT_AGENCY = re.compile(r"\s*\(.*$")  # "NEWARK, N.J. (AP)" -> "NEWARK, N.J."
RE_CREDIT_DATE = re.compile(r",?\s*(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}|\d{1,2}\s+[A-Z][a-z]{2,8}\.?)$")
RE_SPEECH_AFTER = re.compile(
    r"(?:'s|’s)? (?:said|says|told|added|explained|noted|wrote|asked|replied|recalled|insisted|argued|"
    r"admitted|acknowledged|believes|thinks|knows|wants|hopes)\b"
)
TITLE_WORDS = frozenset(
    "President Senator Governor Mayor Minister Premier Chancellor Judge Justice Coach Sir Lady Lord "
    "King Queen Prince Princess Pope Bishop Father Sister Brother Officer Sergeant Constable Chief "
    "Secretary Representative Congressman Congresswoman Councillor Councilor Commissioner Dr Mr Mrs Ms".split()
)
PLACE_WORDS = frozenset(
    "City County Province State Region District Island Islands Valley River Lake Bay Beach Mountains "
    "Strait Sea Ocean Peninsula Street Avenue Road Highway Airport Park Square Bridge Harbour Harbor "
    "Metro Township Borough Municipality Territory Territories Oblast Governorate".split()
)
FACILITY_WORDS = frozenset(
    "Street St Road Rd Way Avenue Ave Close Lane Drive Boulevard Crescent Court Place Terrace Hospital "
    "University College Museum Center Centre Corner Stadium Arena Hotel Mall School Church Cathedral "
    "Library Station Tower Building Hall Castle Prison Jail Highway Line Trail Memorial Amphitheatre Amphitheater "
    "Pavilion Auditorium Coliseum Theatre Theater Casino Ballpark Speedway Raceway".split()
)
NOT_STATE_BODY = frozenset(STREET_WORDS)  # a state or county keeps its institutions, not its streets
COUNTY_WORDS = (" County", " Parish")
COMPANY_WORDS = frozenset(  # after a town only: "Tulsa Club"; a state keeps its own ("Texas Department")
    "Security Department Party Club Institute Foundation Committee Inc Corp Company Group Airlines Bank "
    "Motors Research Media News Press Pharmaceuticals Energy Capital Partners Holdings".split()
)
ORG_WORDS = frozenset(
    "Police Mayor Council City Fire Transit Public Regional Airport Region Hydro Board District Catholic "
    "General Municipal Provincial Community Health Area International Island Islands Zoo Port County "
    "Province State Metropolitan Harbour Harbor Bay River Lake Valley Township".split()
)
CITY_BODY_WORDS = ORG_WORDS | FACILITY_WORDS | COMPANY_WORDS | frozenset(
    "Schools Commission Commissioners Manager Attorney Clerk Limits Government Hall Court Utilities".split()
)
NOT_NAME_PREV = frozenset(
    "Although Though Because Since After Before Until Unlike Like Including Despite Over Under Between "
    "Beyond Throughout Within Without Via Toward Towards Against Along Among Amid Both Either Neither Even "
    "Only Also Then Now Today Yesterday Tomorrow Meanwhile However Overall Instead Still Last Next This "
    "That These Those Every Each All Some Many Most Several Other Another Such Where Why How What Which "
    "Who Whose Here There Not So Yet Nor Visit Welcome Nearby Nationwide Across While Whether Once "
    "A An My Our Your Their His Her Its We They He She It I You Than Plus Minus Per Than About Into Onto "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December "
    "The In From To At Of Near Across Outside Inside Around Downtown Greater Metro Rural Suburban Northern "
    "Southern Eastern Western Central North South East West And Or But If When While As For With By "
    "On Upper Lower Old New Fort Port Lake Mount St Saint".split()
)
CALENDAR_WORDS = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December".split()
)
NOT_NAME_NEXT = PLACE_WORDS | ORG_WORDS | TITLE_WORDS | CALENDAR_WORDS
COMMON_WORDS = PLACE_WORDS | FACILITY_WORDS | COMPANY_WORDS | ORG_WORDS | TITLE_WORDS  # "Capital" (VE, DK)
DIVISION_KINDS = frozenset({"city", "admin1", "admin2"})
KEEP, DROP, CHECK_POSITION = "keep", "drop", "check position"  # what the resolver's filters say of a name
WIDE_OR_COUNTRY = frozenset({"country", "ocean", "sea", "region", "continent"})
QUALIFIER_KINDS = frozenset({"country", "admin1"})
WIDE_KINDS = frozenset({"ocean", "sea", "region", "continent"})
CONTEXT_COUNTRY_BONUS = 1.5  # for a whole vote (or more) for the candidate's country
CONTEXT_ADMIN_BONUS = 2.5  # for a whole vote for its state or province
CONTEXT_EXTRA_BONUS = 0.5  # per further vote for the state (two at most)
COUNTY_BONUS = 3.0  # its county (or one of a county's towns) named in the article
NEIGHBOUR_BONUS = 1.0  # a town of another, distinctive name in its county
QUALIFIED_BONUS = 10.0
HOME_BONUS = 1.0  # for a namesake in the country the article is clearly about, against one abroad
ADMIN_SUPPORT = 0.5  # votes for a small town's state that let it stand
LOCAL_SUPPORT = 1.8  # votes for its state that let a town beat a famous namesake (about two names)
SMALL_TOWN = 20000
VILLAGE = 1000
COUNTRY_SUPPORTED_TOWN = 50_000  # a town this big may stand on its country being named in the article
LONE_TOWN = 100_000  # a one-word town smaller than this needs support from the article
BIG_CITY = 1_000_000
GIANT_RATIO = 50
FAMOUS_CITY = 200_000  # a namesake this big (and 50x bigger) needs local evidence against it
SPEAKER_CITY = 100_000
CONTEXT_CITY_POPULATION = 250_000
MAX_CANDIDATES = 25


class PlaceMention(NamedTuple):
    """One place mention. body[start:end] == surface.

    A NamedTuple rather than a frozen dataclass: same read-only fields, built several times faster
    (a frozen dataclass sets each field through object.__setattr__), and there are many per article.
    """

    surface: str  # as written: "Russian", "U.S.", "Minsk"
    name: str  # canonical: "Russia", "United States", "Minsk"
    kind: str  # "country" | "admin1" | "city" | "continent" | "region" | "ocean" | "sea"
    country_code: str | None  # ISO 3166-1 alpha-2
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    is_demonym: bool
    start: int | None  # None for a place read from a dateline credit (it is not in the body)
    end: int | None
    is_dateline: bool = False  # the story's dateline ("CHARLESTON, W.Va. —", "NEWARK (AP) —")


_new_tuple = tuple.__new__


class _Match(NamedTuple):
    """A raw gazetteer hit before filtering and resolution (a tuple: many per article, built cheaply)."""

    key: str
    start: int
    end: int
    candidates: tuple[int, ...] | list[int]  # record ids, best prior first
    is_demonym: bool
    dateline: bool = False


def _gazetteer():
    """The process-wide gazetteer (loaded on first use)."""
    return load()


def _lookup_capitals(body: str, s: int, g) -> tuple[int, str | None, list[int] | None]:
    """Longest key written in capitals among the next few tokens from s, as a dateline writes it
    ("NEW YORK —", "ST. PAUL, Minn."): (end, key, candidates); key None if none."""
    ends = [t.end() for t in islice(RE_TOKEN.finditer(body, s), DATELINE_TOKENS)]
    for end in reversed(ends):
        text = body[s:end]
        if "\n" in text or not text.replace(".", "").replace(" ", "").isupper():
            continue
        text = " ".join(w.capitalize() for w in text.split())
        if text in g.stopwords:
            continue
        cands = candidates(g.keys, text)
        if cands:
            return end, text, cands
    return s, None, None


def _lookup_wide(body: str, s: int, e: int, width: int, g, found: tuple) -> tuple[int, str | None, object, bool]:
    """Longest surface among the next `width` tokens from s, the first token (s:e) read alone giving
    `found` (whitespace between tokens reads as one space, never across a blank line): (end, key,
    ids, is_demonym), key None when none, end > s when a blocker took the span. Tokens are added
    while they still spell the start of a longer surface (g.prefixes), so a long key's first word
    costs a few tokens, not `width`."""
    blockers, demonyms, keys, prefixes = g.blockers, g.demonyms, g.keys, g.prefixes
    for n, token in enumerate(RE_TOKEN.finditer(body, e), 2):
        end = token.end()
        text = body[s:end]
        if "\n\n" in text:
            break
        text = " ".join(text.split())
        if text in blockers:
            found = (end, None, None, False)
        elif (ids := demonyms.get(text)) is not None:
            found = (end, text, ids, True)
        elif (ids := keys.get(text)) is not None and ids != []:
            found = (end, text, ids, False)
        if n == width or text not in prefixes:
            break
    return found


def _id_tuple(ids: int | list[int]) -> tuple[int, ...]:
    """A surface table's entry (one id, or ids best first) as the candidates of a match."""
    return (ids,) if isinstance(ids, int) else tuple(ids[:MAX_CANDIDATES])


def _lookup_word(word: str, g) -> tuple[str | None, tuple[int, ...] | None, bool, bool]:
    """A single-word surface: (key, candidates, is_demonym, consumed); key None when the word is no
    place, consumed when it is one or a blocker (a one-word blocker is a place's name too: "Toyota")."""
    if word in g.blockers:
        return None, None, False, True
    ids = g.demonyms.get(word)
    demonym = ids is not None
    if not demonym:
        ids = g.keys.get(word)
        if ids is None or ids == []:
            return None, None, False, False
    return word, _id_tuple(ids), demonym, True


class _WordInfos:
    """What the matcher needs to know of a capitalized word, worked out once per word per process:
    SKIP (no key starts with it), UPPER (no key starts with it, but in capitals it may open a
    dateline: "NEWARK —"), or (widest key in tokens, then the one-word reading of _lookup_word)."""

    __slots__ = ("g", "infos")

    def __init__(self) -> None:
        """No gazetteer yet."""
        self.g = None
        self.infos: dict[str, object] = {}

    def of(self, g) -> dict[str, object]:
        """The word table for gazetteer g (a new gazetteer starts a new table)."""
        if self.g is not g:
            self.g, self.infos = g, {}
        return self.infos

    def add(self, g, word: str) -> object:
        """Work out a word's entry (kept while the table is below its bound)."""
        width = g.max_tokens.get(word)
        if width is None:
            info: object = UPPER if word.isupper() else SKIP
        elif word in NOT_PLACE_OPENERS:
            info = SKIP
        else:
            info = (width, *_lookup_word(word, g))
        if len(self.infos) < MAX_WORD_INFOS:
            self.infos[word] = info
        return info


SKIP, UPPER = "skip", "upper"
MAX_WORD_INFOS = 300_000  # a bound on the word table (about one entry per distinct capitalized word seen)
_WORD_INFOS = _WordInfos()


def capitalized_words(body: str):
    """Every word that starts with a capital, in order, as re.Match objects: m[0] the word, m.start(),
    m.end(), and m[1] the token right after it (None at the end of the body)."""
    return RE_CAP_WORD.finditer(body)


def _dateline_at(body: str, s: int) -> bool:
    """A dateline starts at s: a line start, or right after a headline inside the first paragraph."""
    after_break = s == 0 or body[s - 1] == "\n" or RE_BEFORE_DATELINE.search(body, max(0, s - 8), s) is not None
    return after_break and RE_DATELINE.match(body, s) is not None  # (the cheaper test first: most capitals fail it)


def find_matches(body: str, g) -> list[_Match]:
    """Leftmost-longest gazetteer hits over capitalized token n-grams (blockers consume their span)."""
    out: list[_Match] = []
    last_end = 0
    dateline_end = -1  # a dateline's qualifier ("W.Va." in "CHARLESTON, W.Va. --") belongs to it too
    infos, pairs = _WORD_INFOS.of(g), g.pairs
    for w in capitalized_words(body):
        first = w[0]
        info = infos.get(first)
        if info is None:
            info = _WORD_INFOS.add(g, first)
        if info is SKIP:
            continue
        s = w.start()
        if s < last_end:
            continue
        if info is UPPER:  # a word in capitals no key starts with: maybe a dateline ("OTTAWA —")
            e = w.end()
            if e - s <= 2 and body[e : e + 1] != ".":  # "ST. PAUL" may open a dateline
                continue
            dateline = _dateline_at(body, s)
            if not (dateline or s == 0 or body[s - 1] == "\n"):
                continue
            end, key, cands = _lookup_capitals(body, s, g)
            demonym = False
            if dateline and key is not None:
                dateline_end = RE_DATELINE.match(body, s).end()
            if key is not None:
                cands = tuple(cands[:MAX_CANDIDATES])
        else:
            width, key, cands, demonym, consumed = info
            e = w.end()
            end = e if consumed else s
            nxt = w[1]
            if width > 1 and nxt is not None and first + SEP + nxt in pairs:
                end, wide_key, ids, wide_demonym = _lookup_wide(body, s, e, width, g, (end, key, cands, demonym))
                if wide_key is not key:  # a longer surface, or a blocker over it
                    key, cands, demonym = wide_key, None if ids is None else _id_tuple(ids), wide_demonym
        if end > s:
            last_end = end
        if key is not None:
            out.append(_new_tuple(_Match, (key, s, end, cands, demonym, s < dateline_end)))
    return out


def _is_sentence_start(body: str, pos: int) -> bool:
    """True when the word at `pos` opens a sentence or a paragraph."""
    j = pos - 1
    while j >= 0 and body[j] in " \t":
        j -= 1
    if j >= 0 and body[j] == "." and RE_TITLE_BEFORE.search(body, max(0, j - 6), pos):
        return False  # "Gov. Brian Kemp": a title's dot ends no sentence
    return j < 0 or body[j] in SENTENCE_OPENERS


def _next_word(body: str, end: int) -> tuple[str, int] | None:
    """The capitalized word right after offset `end` (one space between), with its start."""
    mm = RE_NEXT_WORD.match(body, end)
    return (mm.group(1), mm.start(1)) if mm and mm.group(1)[0].isupper() else None


def _prev_word(body: str, start: int) -> tuple[str, int] | None:
    """The capitalized word right before offset `start` (one space between), with its start."""
    lo = max(0, start - 40)
    if body[start - 1 : start] != " " and body[start - 2 : start] != " \n":
        return None  # RE_PREV_WORD ends in a space, at the end or before a final newline ($)
    # RE_PREV_WORD's match: at the word's start, or at lo when the word began before it (its tail)
    mm = RE_PREV_WHOLE_WORD.search(body, lo, start) or RE_PREV_WORD.match(body, lo, start)
    return (mm.group(1), mm.start(1)) if mm and mm.group(1)[0].isupper() else None


def _after_title(body: str, start: int) -> bool:
    """A match right after an abbreviated title ("Mr. Lincoln", "Gov. Jordan")."""
    return bool(RE_TITLE_BEFORE.search(body, max(0, start - 8), start))


def _given_name_first(nxt: tuple[str, int] | None, place_starts: set[int]) -> bool:
    """A given-name place followed by a surname ("Paris Hilton", "Jordan Henderson"); nxt = _next_word."""
    return bool(nxt and nxt[1] not in place_starts and nxt[0] not in NOT_NAME_NEXT)


def _surname_after(body: str, m: _Match, place_starts: set[int], given_names: frozenset[str]) -> bool:
    """A place preceded by a name ("Marco Rubio", "President Lincoln", "John F. Kennedy", "Alex Jones")."""
    if RE_INITIAL_BEFORE.search(body, max(0, m.start - 4), m.start):
        return True
    prev = _prev_word(body, m.start)
    if not prev or prev[1] in place_starts or prev[0] in NOT_NAME_PREV:
        return False
    return prev[0] in TITLE_WORDS or prev[0] in given_names or not _is_sentence_start(body, prev[1])


# what follows a word that is no town here: a number ("Section 8"), or a determiner after a sentence
# opener ("Over the weekend", "Reading the report"); one match tests both
RE_NOT_TOWN_AFTER = re.compile(r" (?:(\d)|(?:the|a|an|this|that|these|those|his|her|their|its|our|my|your|some|all|every)\b)")


def _word_not_town(body: str, m: _Match) -> bool:
    """A name followed by a number names a thing of a series ("Section 8", "Apollo 11"); a one-word name
    that opens a sentence and is followed by a determiner is a preposition or a verb ("Over the weekend")."""
    after = RE_NOT_TOWN_AFTER.match(body, m.end)
    if after is None:
        return False
    return after.group(1) is not None or (" " not in m.key and _is_sentence_start(body, m.start))


def _speaks(body: str, m: _Match) -> bool:
    """A match followed by a speech verb, as a person is ("Murphy said")."""
    return RE_SPEECH_AFTER.match(body, m.end) is not None


class _Words:
    r"""Whole-word membership in one body: `w in words` iff `(?<!\w)w(?!\w)` occurs in the body.

    Most words asked about are not in the body at all, which one substring search says; for the
    others the search goes on from one occurrence to the next until one stands alone, so the body
    is read at most once per word. Answers are kept: the same word is often asked about again (a
    place named twice, or tested as a common word and as a small town).
    """

    __slots__ = ("body", "answers")

    def __init__(self, body: str) -> None:
        """No answers yet."""
        self.body = body
        self.answers: dict[str, bool] = {}

    def __contains__(self, word: str) -> bool:
        """Whether `word` occurs in the body with no word character on either side."""
        found = self.answers.get(word)
        if found is None:
            found = self.answers[word] = self._occurs(word)
        return found

    def _occurs(self, word: str) -> bool:
        """__contains__, computed."""
        body = self.body
        at = body.find(word)
        if at < 0:  # the common answer
            return False
        if RE_WORD.fullmatch(word) is None:  # "winston-salem", "u.s.": rare, so search the body for it
            return re.search(r"(?<!\w)" + re.escape(word) + r"(?!\w)", body) is not None
        after = len(word)
        while at >= 0:  # an occurrence with no word character on either side
            if not (at and _is_word_char(body[at - 1])) and not _is_word_char(body[at + after : at + after + 1]):
                return True
            at = body.find(word, at + 1)
        return False


def _is_word_char(ch: str) -> bool:
    r"""`ch` (one character, or "" at the end of the body) is a word character, as re's \w reads it."""
    return ch.isalnum() or ch == "_"


def _used_lowercase(words: _Words, word: str) -> bool:
    """The word also occurs in lower case in the body (so it is a common word)."""
    return word.lower() in words


def _is_facility(nxt: tuple[str, int] | None) -> bool:
    """A place name inside a street or building name ("Falcon Street", "Xavier University"); nxt = _next_word."""
    return bool(nxt and nxt[0] in FACILITY_WORDS)


def _keeps_institution(body: str, key: str, kind: str, nxt: tuple[str, int]) -> bool:
    """A state, or a division written as a county, keeps its institutions ("Indiana University",
    "Henderson County Jail", "S.C. Highway Patrol"), but not its streets ("Douglas County Road 4")."""
    if kind != "admin1" and not key.endswith(COUNTY_WORDS):
        return False
    return nxt[0] not in NOT_STATE_BODY or body.startswith(" Patrol", nxt[1] + len(nxt[0]))


def _is_company(body: str, m: _Match, nxt: tuple[str, int] | None, starts: set[int]) -> bool:
    """A town name inside a company or organization name ("Hewlett-Packard", "Jupiter Motors"), not
    one of a pair of places ("Fargo-Moorhead", "Springfield-Greene County"); nxt = _next_word,
    starts = where the body's matches start."""
    if body[m.end : m.end + 1] == "-" and body[m.end + 1 : m.end + 2].isupper():
        return m.end + 1 not in starts
    return bool(nxt and nxt[0] in COMPANY_WORDS)


def _qualifier(body: str, matches: list[_Match], k: int, g) -> _Match | None:
    """The country/admin1 written right after a place, as in "Paris, Texas"."""
    if k + 1 >= len(matches):
        return None
    nxt = matches[k + 1]
    gap = body[matches[k].end : nxt.start]
    if gap.strip() not in {",", "("} or len(gap) > 3 or nxt.is_demonym:
        return None
    if not any(g.kind[c] in QUALIFIER_KINDS for c in nxt.candidates):
        return None
    return None if _in_list(body, matches, k, g) else nxt


RE_LIST_GAP = re.compile(r",? (?:and|or|&) |, ")


def _in_list(body: str, matches: list[_Match], k: int, g) -> bool:
    """Matches k and k+1 are items of a list of countries or states, not a town and its qualifier:
    "Mexico, China and Japan", "California, Oklahoma, West Virginia and Florida"."""
    if g.kind[matches[k].candidates[0]] not in QUALIFIER_KINDS:
        return False  # "Paris, Texas": a town's name first
    if g.kind[matches[k + 1].candidates[0]] == "country":
        return True  # "Mexico, China": two countries (a country's towns are qualified by a division)
    # three or more items with a country or state reading: "California, Oregon, Washington, Idaho
    # and Montana" (Washington, read as the capital, is an item too)
    items = _list_run(body, matches, k)
    return len(items) >= 3 and sum(any(g.kind[c] in QUALIFIER_KINDS for c in m.candidates) for m in items) >= 3


def _list_run(body: str, matches: list[_Match], k: int) -> list[_Match]:
    """The matches joined to k and k+1 by list separators (", ", ", and ", " or ")."""
    first, last = k, k + 1
    while first > 0 and RE_LIST_GAP.fullmatch(body, matches[first - 1].end, matches[first].start):
        first -= 1
    while last + 1 < len(matches) and RE_LIST_GAP.fullmatch(body, matches[last].end, matches[last + 1].start):
        last += 1
    return matches[first:last + 1]


def _qualifier_record(g, qualifier: _Match, rid: int) -> int | None:
    """The qualifier candidate that contains record rid ("Georgia" the US state for Augusta, Georgia)."""
    for q in qualifier.candidates:
        if g.cc[q] == g.cc[rid] and (g.kind[q] == "country" or g.admin1[q] == g.admin1[rid]):
            return q
    return None


def _is_common_word(words: _Words, m: _Match) -> bool:
    """A one-word key that is a common English word: a name part ("Capital") or written in lower case too."""
    return " " not in m.key and (m.key in COMMON_WORDS or _used_lowercase(words, m.key))


def _inside_name(body: str, m: _Match, place_starts: set[int]) -> bool:
    """A word right after a capitalized non-place word mid-sentence ("Harbourlight Capital")."""
    prev = _prev_word(body, m.start)
    if not prev or prev[1] in place_starts or prev[0] in NOT_NAME_PREV:
        return False
    return not _is_sentence_start(body, prev[1])


def _votes(g, words: _Words, m: _Match) -> bool:
    """Whether a name is sure enough to be a place to tell where the article is: not a stop word,
    a common word, a person's name, or a short word that is only a small town's name."""
    if m.is_demonym or m.dateline or " " in m.key:
        return True
    if m.key in g.stopwords or m.key in COMMON_WORDS:
        return False
    top = m.candidates[0]
    if g.kind[top] != "city" or g.pop[top] >= LONE_TOWN:
        return True  # a country, a state or a big city ("Georgia" is a given name too, and votes)
    if m.key in g.person_names:
        return False
    return len(m.key) > 4 and not _used_lowercase(words, m.key)  # "Over", "Energy" are words


def _ceiling(ev: Evidence) -> float:
    """The most any candidate can gain from this article's evidence (it bounds the search in _choose)."""
    admin = max((v for k, v in ev.totals.items() if isinstance(k, tuple)), default=0.0)
    country = max((v for k, v in ev.totals.items() if not isinstance(k, tuple)), default=0.0)
    return (CONTEXT_COUNTRY_BONUS * min(country, 1.0) + CONTEXT_ADMIN_BONUS * min(admin, 1.0)
            + CONTEXT_EXTRA_BONUS * min(max(admin - 1.0, 0.0), 2.0) + (COUNTY_BONUS if ev.has_counties else 0.0))


def _supported(g, rid: int, key: str, ev: Evidence) -> bool:
    """Whether a small or word-like place has support in the article: local evidence, its state or
    province named by another place (for a town of 1,000 or more), or its country (50,000 or more)."""
    if _is_local(g, rid, key, ev) or ev.has_neighbour(g, rid, key):
        return True
    if g.pop[rid] >= VILLAGE and ev.admin(g.cc[rid], g.admin1[rid], key) >= ADMIN_SUPPORT:
        return True  # a village needs more than its state named once
    return g.pop[rid] >= COUNTRY_SUPPORTED_TOWN and ev.country(g.cc[rid], key) >= 1.0


def _is_local(g, rid: int, key: str, ev: Evidence) -> bool:
    """Strong local evidence for a town: its county named, or its state named about twice."""
    return ev.in_named_county(g, rid, key) or ev.admin(g.cc[rid], g.admin1[rid], key) >= LOCAL_SUPPORT


def _is_strong(g, m: _Match) -> bool:
    """A match that is surely a place: a demonym, a country, a division, a region or a big city."""
    top = m.candidates[0]
    return m.is_demonym or g.kind[top] != "city" or g.pop[top] >= BIG_CITY


def _drop_names(body: str, matches: list[_Match], g) -> list[_Match]:
    """Drop places that are person names or parts of street/building names; a name stays one per body."""
    kind, pop, person_names = g.kind, g.pop, g.person_names
    place_starts = {m.start for m in matches if m.is_demonym or kind[m.candidates[0]] != "city" or pop[m.candidates[0]] >= BIG_CITY}
    starts = {m.start for m in matches if not m.is_demonym}
    names: set[str] = set()
    kept: list[_Match] = []
    for m in matches:
        if m.is_demonym or m.dateline:
            kept.append(m)
            continue
        key, start, end = m.key, m.start, m.end
        if body[end : end + 1] == "$":
            continue  # a currency: "US$2.4 million", "HK$10"
        top = m.candidates[0]
        top_kind = kind[top]
        if top_kind in WIDE_OR_COUNTRY and key not in person_names and not body.startswith("-", start - 1):
            kept.append(m)  # a country, region or sea (no title, town or street test applies): the common case
            continue
        if key in TITLE_WORDS and (body.startswith(" of ", end) or _next_word(body, end)):
            continue  # "Secretary of State", "Secretary Clinton": a title
        town = top_kind == "city" or top_kind == "admin2"
        if town and pop[top] < LONE_TOWN and _word_not_town(body, m):
            continue  # "Over the weekend": a word opening the sentence; "Section 2AA", "Apollo 11": a numbered thing
        nxt = _next_word(body, end)  # the street, company and given-name tests all look at it
        if top_kind != "country" and _is_facility(nxt) and not _keeps_institution(body, key, top_kind, nxt):
            continue  # "Falcon Street", "Xavier University"
        if start > 1 and body[start - 1] == "-" and body[start - 2].islower() and top_kind in WIDE_KINDS:
            continue  # inside a compound: "trans-Pacific Partnership", "mid-Atlantic states"
        if town and pop[top] < BIG_CITY and _is_company(body, m, nxt, starts):
            continue
        name_like = key in person_names
        if " " in key or not (name_like or town):
            kept.append(m)
            continue
        if key in names or _after_title(body, start):
            continue
        if name_like and _given_name_first(nxt, place_starts):
            names.add(key)
            names.add(nxt[0])  # its surname too ("Marco Rubio")
            place_starts.discard(start)
            continue
        if (name_like or pop[top] < BIG_CITY) and _surname_after(body, m, place_starts, person_names):
            names.add(key)
            continue
        if pop[top] < SPEAKER_CITY and _speaks(body, m):
            names.add(key)
            continue
        kept.append(m)
    return kept


def _choose(g, m: _Match, ev: Evidence, qual: _Match | None) -> tuple[int, float]:
    """Best-scoring candidate and its score; candidates come best prior first, so stop when none can win.

    A candidate's score is its prior plus the support of the article's other places: votes for its
    country (a whole vote at most) and, for a town or division, for its state or province (one vote
    fully, two more by half) and its county named (or, less, a distinctive neighbour in its county);
    plus QUALIFIED_BONUS when `qual` ("Paris, Texas") contains it."""
    extra = QUALIFIED_BONUS if qual is not None else 0.0
    ceiling = ev.ceiling + extra
    best, best_score = -1, -math.inf
    prior, cc_of, admin1_of, admin2_of, kind_of = g.prior, g.cc, g.admin1, g.admin2, g.kind
    countries, admins, totals, has_counties, key = ev.countries, ev.admins, ev.totals, ev.has_counties, m.key
    for r in m.candidates:
        score = prior[r]
        if score + ceiling < best_score:
            break
        cc = cc_of[r]
        votes = countries.get(cc)
        if votes is not None:
            score += CONTEXT_COUNTRY_BONUS * min(totals[cc] - votes.get(key, 0.0), 1.0)
        if kind_of[r] in DIVISION_KINDS:
            admin = (cc, admin1_of[r])
            votes = admins.get(admin)
            if votes is not None:
                support = totals[admin] - votes.get(key, 0.0)
                score += CONTEXT_ADMIN_BONUS * min(support, 1.0) + CONTEXT_EXTRA_BONUS * min(max(support - 1.0, 0.0), 2.0)
            county = has_counties and admin2_of[r]
            if score + extra + (COUNTY_BONUS if county else 0.0) < best_score:
                continue  # nothing left to add can make it the best
            if county:
                if ev.in_named_county(g, r, key):
                    score += COUNTY_BONUS
                elif ev.distinctive and ev.has_neighbour(g, r, key):
                    score += NEIGHBOUR_BONUS
        if qual is not None and _qualifier_record(g, qual, r) is not None:
            score += QUALIFIED_BONUS
        if score > best_score:
            best, best_score = r, score
    return best, best_score


def _respect_giants(g, m: _Match, best: int, ev: Evidence) -> int:
    """A town that shares its name with a country, or is 50x smaller than a namesake of a million
    people, needs local evidence: "Damascus" next to Washington is still Syria's capital, "Lebanon"
    near "Boone County" is the Indiana town."""
    if g.kind[best] != "city":
        return best
    giant = next((r for r in m.candidates if g.kind[r] == "country"), m.candidates[0])
    if best == giant or (g.kind[giant] != "country" and g.pop[giant] < FAMOUS_CITY):
        return best
    if g.kind[giant] != "country":
        return best if g.pop[best] * GIANT_RATIO > g.pop[giant] or _is_local(g, best, m.key, ev) else giant
    # a country's namesake town ("Lebanon, Pa.") may also stand on a neighbour of a distinctive name
    return best if _is_local(g, best, m.key, ev) or ev.has_neighbour(g, best, m.key) else giant


def _qualified_senses(g, kept: list[_Match], quals, ev: Evidence) -> dict[str, int]:
    """Surface -> record, for surfaces written once with a qualifier ("Paris, Texas"), and for the
    qualifier itself in the sense that qualified ("Augusta, Georgia": Georgia is the US state)."""
    sense: dict[str, int] = {}
    for m, qual in zip(kept, quals):
        if qual is not None and m.key not in sense:
            best, score = _choose(g, m, ev, qual)
            if score >= QUALIFIED_BONUS:
                sense[m.key] = best
                q = _qualifier_record(g, qual, best)
                if q is not None:
                    sense.setdefault(qual.key, q)
    return sense


def _written_as_towns(body: str, matches: list[_Match]) -> set[str]:
    """Names the article itself writes as a place it is about: after a locative word, alone (not
    "in Granite State", "in Gallup's poll"), and named twice or of two words or more ("in Whitestown
    ... Whitestown police", "in Grand Ledge"). A local paper names its own towns without their state."""
    counts = Counter(m.key for m in matches if not m.is_demonym)
    located = {m.key for m in matches
               if RE_LOCATIVE_BEFORE.search(body, max(0, m.start - 12), m.start) and RE_NAME_GOES_ON.match(body, m.end) is None}
    return {key for key in located if counts[key] >= 2 or " " in key}


def _unqualified_reading(g, m: _Match, ev: Evidence, home: str) -> int:
    """The reading of a name written without a qualifier: best score (a namesake in `home`, the
    article's clear country or "", by HOME_BONUS), unless a famous namesake or a division of the
    same name needs more evidence than the article gives."""
    if len(m.candidates) == 1:
        return m.candidates[0]  # nothing to choose, and no score is needed
    best, score = _choose(g, m, ev, None)
    if home and g.cc[best] != home:  # a namesake at home wins a close call ("Alexandria" in a US story)
        at_home = tuple(r for r in m.candidates if g.cc[r] == home)
        if at_home:
            rival, rival_score = _choose(g, m._replace(candidates=at_home), ev, None)
            if rival_score + HOME_BONUS >= score:
                best = rival
    best = _respect_giants(g, m, best, ev)
    if g.kind[best] == "city" and g.pop[best] < SMALL_TOWN:
        # a division, country or region of the same name wins, unless the town has local evidence
        # against a county or a country ("Lebanon" near "Boone County"), or its county named
        # against a state; never against a region or a sea
        other = next((r for r in m.candidates if g.kind[r] != "city"), best)
        if g.kind[other] in ("admin2", "country"):
            keep = _is_local(g, best, m.key, ev) or ev.has_neighbour(g, best, m.key)
        else:
            keep = g.kind[other] == "admin1" and ev.in_named_county(g, best, m.key)
        if not keep:
            best = other
    return best


def resolve(body: str, matches: list[_Match], g, outlet_country: str | None = None) -> tuple[list[tuple[_Match, int]], Evidence]:
    """Drop non-places and choose one gazetteer record per remaining match: (match, record) pairs; also the evidence."""
    kept = _drop_names(body, matches, g)
    words = _Words(body)
    ev = gather(g, kept, lambda m: _votes(g, words, m))
    if outlet_country:
        ev.add_country_vote(outlet_country, DOMAIN_VOTE)
    ev.ceiling = _ceiling(ev)
    quals = [_qualifier(body, kept, k, g) for k in range(len(kept))]
    sense = _qualified_senses(g, kept, quals, ev)
    place_starts: set[int] | None = None  # built on first use: few articles need it, and it costs a body search per place
    out: list[tuple[_Match, int]] = []
    unqualified: dict[str, int] = {}  # key -> its reading when written without a qualifier (the same each time)
    home = _article_country(ev) or ""  # the country the article is clearly about, or ""

    verdicts: dict[str, str] = {}  # key -> what the filters below say of it unqualified (the same each time)
    towns: set[str] | None = None  # _written_as_towns, built on first use

    def _verdict(m: _Match, best: int) -> str:
        """Whether an unqualified name is kept, dropped, or kept unless its position makes it part of a name."""
        nonlocal towns
        if m.key in g.stopwords:
            return DROP
        division = g.kind[best] in DIVISION_KINDS and not m.is_demonym
        common = division and _is_common_word(words, m)
        if common and not _supported(g, best, m.key, ev):
            return DROP  # a common word as a place needs the article's support
        if g.kind[best] == "city" and not m.is_demonym and not _supported(g, best, m.key, ev):
            if towns is None:
                towns = _written_as_towns(body, kept)
            if m.key in towns and g.pop[best] >= VILLAGE and m.key not in g.person_names and not _used_lowercase(words, m.key):
                return KEEP  # the article names it as its own town
            small = g.pop[best] < SMALL_TOWN or (len(m.key) < 4 and m.key.isalpha())
            if small or (" " not in m.key and g.pop[best] < LONE_TOWN) or _used_lowercase(words, m.key):
                return DROP
        if division:
            if home and _foreign_stray(g, m, best, ev, home):
                return DROP
        return CHECK_POSITION if common else KEEP

    for m, qual in zip(kept, quals):
        qualified = False
        if qual is not None:
            best, score = _choose(g, m, ev, qual)
            qualified = score >= QUALIFIED_BONUS
        if not qualified and m.key in sense:
            best, qualified = sense[m.key], True  # one sense per article: "Paris, Texas ... Paris"
        if not qualified:
            best = unqualified.get(m.key, -1)
            if best < 0:
                best = unqualified[m.key] = _unqualified_reading(g, m, ev, home)
        if m.dateline:
            if not qualified and g.kind[best] != "city":  # a dateline names a town: "NEW YORK —" is the city
                best = next((r for r in m.candidates if g.kind[r] == "city"), best)
            out.append((m, best))
            continue  # a dateline names a place for sure: no filter for common words or small towns
        if qualified:
            pass  # a qualified name is a place
        else:
            verdict = verdicts.get(m.key)
            if verdict is None:
                verdict = verdicts[m.key] = _verdict(m, best)
            if verdict == DROP:
                continue
            if verdict == CHECK_POSITION:
                if place_starts is None:
                    place_starts = {k.start for k in kept if _is_strong(g, k) and not _is_common_word(words, k)}
                if _inside_name(body, m, place_starts):
                    continue  # a common word after a capitalized word: "Nordhavn Capital"
        out.append((m, best))
    return out, ev


_LIST_ITEM = r"[A-Z][\w'’.-]*(?: [A-Z][\w'’.-]*)?"
RE_COUNTY_LIST = re.compile(rf"((?:{_LIST_ITEM}, )*{_LIST_ITEM},? (?:and|or|&) {_LIST_ITEM}) (?:[Cc]ounties|[Pp]arishes)\b")
RE_LIST_ITEM = re.compile(_LIST_ITEM)


def _county_lists(body: str, matches: list[_Match], g) -> list[_Match]:
    """Items of a list of counties are counties: "Barrow, Clarke and Oconee counties" (each name alone
    is a surname or a town; a county's short name is read nowhere else)."""
    if "ounties" not in body and "arishes" not in body:
        return matches
    found: list[_Match] = []
    for lst in RE_COUNTY_LIST.finditer(body):
        suffix = " Parish" if "arishes" in lst.group()[-9:] else " County"
        for item in RE_LIST_ITEM.finditer(body, lst.start(1), lst.end(1)):
            ids = candidates(g.county_short, item.group())
            ids = [r for r in ids or () if g.name[r].endswith(suffix)]
            if ids:
                ids.sort(key=lambda r: -g.prior[r])
                found.append(_Match(item.group() + suffix, item.start(), item.end(), ids[:MAX_CANDIDATES], False))
    if not found:
        return matches
    spans = [(f.start, f.end) for f in found]
    kept = [m for m in matches if not any(s < m.end and m.start < e for s, e in spans)]
    return sorted(kept + found, key=lambda m: m.start)


RE_STATE_CODE = re.compile(r", ([A-Z]{2})(?!\w|\.\w)")  # "Holmdel, NJ", "Toronto, ON", "Dallas, TX."


def _city_bodies(body: str, matches: list[_Match], g) -> list[_Match]:
    """A town's own body named with "City" ("Springfield City Council", "Dublin City Schools") names
    the town: the match is its name alone, not a place whose alias or division name ends in "City"
    (a city whose own name does, "Kansas City Council", keeps it)."""
    if " City " not in body:
        return matches  # most articles
    out = None
    for k, m in enumerate(matches):
        if not m.key.endswith(" City") or m.is_demonym:
            continue
        top = m.candidates[0]
        if g.kind[top] == "city" and g.name[top] == m.key:
            continue
        nxt = _next_word(body, m.end)
        short = m.key[: -len(" City")]
        ids = g.keys.get(short)
        if nxt is None or nxt[0] not in CITY_BODY_WORDS or not ids:
            continue
        if out is None:
            out = list(matches)
        out[k] = _Match(short, m.start, m.start + len(short), _id_tuple(ids), False, m.dateline)
    return matches if out is None else out


def _state_codes(body: str, matches: list[_Match], g) -> list[_Match]:
    """Two-letter state and province codes right after a place and a comma ("Holmdel, NJ"); alone
    they are too often words ("ON", "OK", "IN")."""
    found = []
    ends = {m.end for m in matches}
    for code in RE_STATE_CODE.finditer(body):
        rid = g.state_codes.get(code.group(1))
        if rid is not None and code.start() in ends:
            found.append(_Match(code.group(1), code.start(1), code.end(1), [rid], False))
    if not found:
        return matches
    starts = {f.start for f in found}
    return sorted([m for m in matches if m.start not in starts] + found, key=lambda m: m.start)


RE_ABBREVIATION_NUMBER = re.compile(r"\. \d")  # a quick test for _state_routes
RE_ROUTE_NUMBER = re.compile(r" \d{1,3}\b(?![-–,.:/]?\d)")  # "W.Va. 61", not a ZIP code or "Ky. 10-4"


def _state_routes(body: str, matches: list[_Match], features: list[Feature], g) -> tuple[list[_Match], list[Feature]]:
    """A state's abbreviation and a number name a state route ("W.Va. 61", "Ky. 80"): a street, not
    the state; a qualifier ("Charleston, W.Va. 25301") stays the state."""
    if RE_ABBREVIATION_NUMBER.search(body) is None:
        return matches, features  # most articles
    routes = []
    for m in matches:
        if m.key.endswith(".") and g.kind[m.candidates[0]] == "admin1" and body[max(0, m.start - 2) : m.start].strip() != ",":
            number = RE_ROUTE_NUMBER.match(body, m.end)
            if number:
                routes.append((m.start, number.end()))
    if not routes:
        return matches, features
    starts = {start for start, _ in routes}
    return [m for m in matches if m.start not in starts], sorted(features + [Feature(s, e, "street") for s, e in routes])


def _outside_features(matches: list[_Match], features: list[Feature], g) -> tuple[list[_Match], list[Feature]]:
    """Matches not inside a street or water name, and features that are not a known town's name
    ("Green Bay" stays a town; "Ontario" inside "Lake Ontario" goes)."""
    if not features:
        return matches, features
    kept_features = []
    for f in features:
        over = [m for m in matches if m.start < f.end and f.start < m.end]
        town = any(m.start == f.start and m.end == f.end and g.kind[m.candidates[0]] in DIVISION_KINDS for m in over)
        if not town and not any(m.start < f.start or m.end > f.end for m in over):
            kept_features.append(f)  # neither a town's name ("Green Bay") nor inside a longer name ("Salt Lake City")
    spans = [(f.start, f.end) for f in kept_features]
    return [m for m in matches if not any(s <= m.start < e for s, e in spans)], kept_features


def _foreign_stray(g, m: _Match, best: int, ev: Evidence, home: str) -> bool:
    """A place abroad that nothing else in the article backs, in an article clearly about `home`, and
    that is likely a word or a name here: a division ("Brittany", "Devon", "Durango"), a small town, a
    person's name ("Lincoln" in a story about the president) or an odd alternate name ("Cheng")."""
    cc = g.cc[best]
    if cc == home or ev.country(cc, m.key) or (g.kind[best] == "city" and g.pop[best] >= BIG_CITY):
        return False
    if g.kind[best] != "city":
        return True
    alternate = fold_accents(g.name[best]) != fold_accents(m.key)
    return g.pop[best] < LONE_TOWN or m.key in g.person_names or alternate


def _article_country(ev: Evidence) -> str | None:
    """The country the article is clearly about (most votes, at least two, twice the next), or None."""
    totals = sorted(((sum(v.values()), cc) for cc, v in ev.countries.items()), reverse=True)
    if not totals or totals[0][0] < 2.0 or (len(totals) > 1 and totals[1][0] * 2 > totals[0][0]):
        return None
    return totals[0][1]


def _credit_place(raw: str) -> str:
    """The place part of a wire dateline credit: "NEWARK, N.J. (AP)" -> "NEWARK, N.J."; "" when none."""
    return RE_CREDIT_DATE.sub("", RE_CREDIT_AGENCY.sub("", raw)).strip(" ,-—–")


def _lead(datelines) -> str:
    """The places of dateline credits, one paragraph each, read before the body ("NEWARK, N.J. —")."""
    return "".join(f"{p} —\n\n" for p in map(_credit_place, datelines) if p)


TLD_COUNTRIES = {"ca": "CA", "uk": "GB", "ie": "IE", "au": "AU", "nz": "NZ", "in": "IN", "za": "ZA"}
DOMAIN_VOTE = "\x00outlet"  # the key the outlet's country votes under (no name of the article has it)


def _domain_country(domain: str | None) -> str | None:
    """The country an outlet's domain names (".ca", ".co.uk"), for outlets of English-language local news."""
    if not domain:
        return None
    return TLD_COUNTRIES.get(domain.rsplit(".", 1)[-1].lower())


def extract_places(body: str, datelines=(), domain: str | None = None) -> list[PlaceMention]:
    """Every place mention in `body`, in reading order (one item per mention).

    `datelines` are the raw wire credits the cleaner moved out of the body ("NEWARK, N.J. (AP)"):
    their place is emitted first, with is_dateline set and no offsets (it is not in the body), and
    it is evidence for the body's places. `domain` (the outlet's) adds its country as evidence when
    its top-level domain names one (".ca": London is more likely the Ontario one)."""
    if not body:
        return []
    g = _gazetteer()
    lead = _lead(datelines)
    text = lead + body
    matches = _state_codes(text, _county_lists(text, _city_bodies(text, find_matches(text, g), g), g), g)
    matches, features = _state_routes(text, *_outside_features(matches, find_features(text, g.blockers, g.person_names), g), g)
    if not matches and not features:
        return []
    shift = len(lead)
    found, ev = resolve(text, matches, g, _domain_country(domain))
    out = []
    name, kind, cc_of, gid, lat, lon = g.name, g.kind, g.cc, g.gid, g.lat, g.lon
    for m, r in found:
        start, end = (None, None) if m.start < shift else (m.start - shift, m.end - shift)
        # tuple.__new__ builds the same PlaceMention as its constructor, without a Python-level call
        out.append(_new_tuple(PlaceMention, (text[m.start : m.end], name[r], kind[r], cc_of[r], gid[r], lat[r], lon[r],
                                             m.is_demonym, start, end, m.dateline or start is None)))
    if features:
        cc = _article_country(ev)
        for f in features:
            if f.start >= shift:
                surface = text[f.start : f.end]
                out.append(PlaceMention(surface, " ".join(surface.split()), f.kind, cc, None, None, None, False,
                                        f.start - shift, f.end - shift))
        out.sort(key=lambda p: -1 if p.start is None else p.start)
    return out
