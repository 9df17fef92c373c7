"""Toponyms in a clean body, resolved against the offline gazetteer.

Matching is a longest-match lookup of capitalized token n-grams in the gazetteer's surface table
(word boundaries and capitalization come from the tokenizer); filters drop places inside
publication and organization names, person names and common words; resolution scores each
candidate by population and feature type plus the other places of the same article.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from newsdesk.extract.gazetteer import KIND_RANK, RE_TOKEN, load

RE_TITLE = re.compile(r"(?:Mr|Mrs|Ms|Dr|Sen|Gov|Rep|Gen|Lt|Sgt|Capt|Rev|St|Prof|Insp|Cpl|Const|Det|Supt)\.?$")
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
    "Library Station Tower Building Hall Castle Prison Jail Highway Line Trail Memorial".split()
)
ORG_WORDS = frozenset(
    "Police Mayor Council City Fire Transit Public Regional Airport Region Hydro Board District Catholic "
    "General Municipal Provincial Community Health Area International Island Islands Zoo Port County "
    "Province State Metropolitan Harbour Harbor Bay River Lake Valley Township".split()
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
QUALIFIER_KINDS = frozenset({"country", "admin1"})
CONTEXT_COUNTRY_BONUS = 1.5
CONTEXT_ADMIN_BONUS = 2.5
QUALIFIED_BONUS = 10.0
SMALL_TOWN = 20000
BIG_CITY = 1_000_000
CONTEXT_CITY_POPULATION = 250_000
MAX_CANDIDATES = 25


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place mention. body[start:end] == surface."""

    surface: str  # as written: "Russian", "U.S.", "Minsk"
    name: str  # canonical: "Russia", "United States", "Minsk"
    kind: str  # "country" | "admin1" | "city" | "continent" | "region" | "ocean" | "sea"
    country_code: str | None  # ISO 3166-1 alpha-2
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    is_demonym: bool
    start: int
    end: int


@dataclass(slots=True)
class _Match:
    """A raw gazetteer hit before filtering and resolution."""

    key: str
    start: int
    end: int
    tok_first: int  # index of the first token
    tok_last: int  # index of the last token
    candidates: list[int]
    is_demonym: bool
    choice: int = -1


def _gazetteer():
    """The process-wide gazetteer (loaded on first use)."""
    return load()


def find_matches(body: str, g, spans: list[tuple[int, int]]) -> list[_Match]:
    """Leftmost-longest gazetteer hits over capitalized token n-grams (blockers consume their span)."""
    out: list[_Match] = []
    n_tok = len(spans)
    i = 0
    while i < n_tok:
        s, e = spans[i]
        first = body[s:e]
        width = g.max_tokens.get(first) if first[0].isupper() else None
        if width is None and first.isupper() and len(first) > 2 and (s == 0 or body[s - 1] == "\n"):
            hit = _dateline(body, spans, i, g)
            if hit:
                out.append(hit)
                i = hit.tok_last + 1
                continue
        if not width:
            i += 1
            continue
        for n in range(min(width, n_tok - i), 0, -1):
            end = spans[i + n - 1][1]
            text = body[s:end]
            if n > 1:
                if "\n\n" in text:
                    continue
                text = " ".join(text.split())
            if text in g.blockers:
                i += n
                break
            cands = g.demonyms.get(text)
            demonym = cands is not None
            if cands is None:
                cands = g.keys.get(text)
            if cands:
                out.append(_Match(text, s, end, i, i + n - 1, cands[:MAX_CANDIDATES], demonym))
                i += n
                break
        else:
            i += 1
    return out


def _dateline(body: str, spans, i: int, g) -> _Match | None:
    """An all-caps place opening a line ("OTTAWA -", "PLYMOUTH CO., Iowa")."""
    for n in range(min(4, len(spans) - i), 0, -1):
        s, end = spans[i][0], spans[i + n - 1][1]
        words = body[s:end]
        if "\n" in words or not words.replace(".", "").replace(" ", "").isupper():
            continue
        text = " ".join(w.capitalize() for w in words.split())
        cands = g.keys.get(text)
        if cands and text not in g.stopwords:
            return _Match(text, s, end, i, i + n - 1, cands[:MAX_CANDIDATES], False)
    return None


def _is_sentence_start(body: str, spans, tok: int) -> bool:
    """True when token `tok` opens a sentence or a paragraph."""
    if tok == 0:
        return True
    prev = body[spans[tok - 1][0] : spans[tok - 1][1]]
    return prev in {".", "!", "?", ":", '"', "“", "”", "(", "-", "—"} or "\n" in body[spans[tok - 1][1] : spans[tok][0]]


def _next_word(body: str, spans, m: _Match) -> tuple[str, int] | None:
    """The capitalized word right after a match (one space between), with its start."""
    if m.tok_last + 1 < len(spans):
        ns, ne = spans[m.tok_last + 1]
        if body[m.end : ns] == " " and body[ns].isupper():
            return body[ns:ne], ns
    return None


def _prev_word(body: str, spans, m: _Match) -> tuple[str, int] | None:
    """The capitalized word right before a match (one space between), with its start."""
    if m.tok_first > 0:
        ps, pe = spans[m.tok_first - 1]
        if body[pe : m.start] == " " and body[ps].isupper():
            return body[ps:pe], ps
    return None


def _after_title(body: str, spans, m: _Match) -> bool:
    """A match right after an abbreviated title ("Mr. Lincoln", "Gov. Jordan")."""
    if m.tok_first > 1 and body[spans[m.tok_first - 1][0]] == ".":
        ps, pe = spans[m.tok_first - 2]
        return bool(RE_TITLE.match(body[ps:pe])) and body[spans[m.tok_first - 1][1] : m.start] == " "
    return False


def _given_name_first(body: str, spans, m: _Match, place_starts: set[int]) -> bool:
    """A given-name place followed by a surname ("Paris Hilton", "Jordan Henderson")."""
    nxt = _next_word(body, spans, m)
    return bool(nxt and nxt[1] not in place_starts and nxt[0] not in NOT_NAME_NEXT)


def _surname_after(body: str, spans, m: _Match, place_starts: set[int]) -> bool:
    """A place preceded by a capitalized word that is not a place ("Marco Rubio", "President Lincoln")."""
    prev = _prev_word(body, spans, m)
    if not prev or prev[1] in place_starts or prev[0] in NOT_NAME_PREV:
        return False
    return prev[0] in TITLE_WORDS or not _is_sentence_start(body, spans, m.tok_first - 1)


def _is_facility(body: str, spans, m: _Match) -> bool:
    """A place name that is part of a street or building name ("Falcon Street", "Xavier University")."""
    nxt = _next_word(body, spans, m)
    return bool(nxt and nxt[0] in FACILITY_WORDS)


def _qualifier(body: str, matches: list[_Match], k: int, g) -> _Match | None:
    """The country/admin1 written right after a place, as in "Paris, Texas"."""
    if k + 1 >= len(matches):
        return None
    nxt = matches[k + 1]
    gap = body[matches[k].end : nxt.start]
    if gap.strip() not in {",", "("} or len(gap) > 3 or nxt.is_demonym:
        return None
    return nxt if any(g.kind[c] in QUALIFIER_KINDS for c in nxt.candidates) else None


def _prior(g, rid: int) -> float:
    """Population and feature-type prior of a record."""
    return math.log10(g.pop[rid] + 10) + KIND_RANK[g.kind[rid]]


def _context(g, matches: list[_Match]) -> tuple[dict[str, set[str]], dict[tuple, set[str]]]:
    """Countries and (country, admin1) pairs named in the article, with the surfaces naming them."""
    ccs: dict[str, set[str]] = {}
    admins: dict[tuple, set[str]] = {}
    for m in matches:
        rid = m.candidates[0]
        if g.cc[rid] is None:
            continue
        if m.key in g.stopwords or m.key.isupper():
            continue
        if g.kind[rid] in QUALIFIER_KINDS or g.pop[rid] >= CONTEXT_CITY_POPULATION:
            ccs.setdefault(g.cc[rid], set()).add(m.key)
            if g.admin1[rid]:
                admins.setdefault((g.cc[rid], g.admin1[rid]), set()).add(m.key)
    return ccs, admins


def _score(g, rid: int, key: str, ccs, admins, qualifier: _Match | None) -> float:
    """Prior plus support from the article's other places."""
    score = _prior(g, rid)
    cc = g.cc[rid]
    if cc is not None and ccs.get(cc, set()) - {key}:
        score += CONTEXT_COUNTRY_BONUS
    if g.admin1[rid] and g.kind[rid] in ("city", "admin1", "admin2") and admins.get((cc, g.admin1[rid]), set()) - {key}:
        score += CONTEXT_ADMIN_BONUS
    if qualifier is not None:
        for q in qualifier.candidates:
            if g.cc[q] == cc and (g.kind[q] == "country" or g.admin1[q] == g.admin1[rid]):
                score += QUALIFIED_BONUS
                break
    return score


def _supported(g, rid: int, key: str, ccs, admins, qualified: bool) -> bool:
    """Whether a small or word-like place has support in the article."""
    if qualified:
        return True
    if g.admin1[rid] and admins.get((g.cc[rid], g.admin1[rid]), set()) - {key}:
        return True
    return g.pop[rid] >= SMALL_TOWN and bool(ccs.get(g.cc[rid], set()) - {key})


def _drop_names(body: str, spans, matches: list[_Match], g) -> list[_Match]:
    """Drop places that are person names or parts of street/building names; a surname stays one."""
    place_starts = {m.start for m in matches}
    surnames: set[str] = set()
    kept: list[_Match] = []
    for m in matches:
        if m.is_demonym:
            kept.append(m)
            continue
        if _is_facility(body, spans, m):
            continue
        top = m.candidates[0]
        name_like = m.key in g.person_names
        if " " not in m.key and (name_like or g.kind[top] in ("city", "admin2")):
            if _after_title(body, spans, m) or (name_like and _given_name_first(body, spans, m, place_starts)):
                continue
            if m.key in surnames or (
                (name_like or g.pop[top] < BIG_CITY) and _surname_after(body, spans, m, place_starts)
            ):
                surnames.add(m.key)
                continue
        kept.append(m)
    return kept


def resolve(body: str, spans, matches: list[_Match], g) -> list[_Match]:
    """Drop non-places and choose one gazetteer record per remaining match."""
    lower_words = {body[s:e] for s, e in spans if body[s].islower()}
    kept = _drop_names(body, spans, matches, g)
    ccs, admins = _context(g, kept)
    out: list[_Match] = []
    for k, m in enumerate(kept):
        qual = _qualifier(body, kept, k, g)
        best = max(m.candidates, key=lambda r: (_score(g, r, m.key, ccs, admins, qual), -r))
        qualified = qual is not None and _score(g, best, m.key, ccs, admins, qual) >= QUALIFIED_BONUS
        if m.key in g.stopwords and not qualified:
            continue
        if g.kind[best] == "city" and not m.is_demonym and not qualified:
            word_like = m.key.lower() in lower_words or (
                " " not in m.key and g.pop[best] < 100_000 and _is_sentence_start(body, spans, m.tok_first)
            )
            small = g.pop[best] < SMALL_TOWN or (len(m.key) < 4 and m.key.isalpha())
            if (word_like or small) and not _supported(g, best, m.key, ccs, admins, False):
                continue
        m.choice = best
        out.append(m)
    return out


def extract_places(body: str) -> list[PlaceMention]:
    """Every place mention in `body`, in reading order (one item per mention)."""
    if not body:
        return []
    g = _gazetteer()
    spans = [m.span() for m in RE_TOKEN.finditer(body)]
    matches = find_matches(body, g, spans)
    if not matches:
        return []
    return [
        PlaceMention(
            surface=body[m.start : m.end], name=g.name[r], kind=g.kind[r], country_code=g.cc[r],
            geonames_id=g.gid[r], latitude=g.lat[r], longitude=g.lon[r], is_demonym=m.is_demonym,
            start=m.start, end=m.end,
        )
        for m in resolve(body, spans, matches, g)
        for r in (m.choice,)
    ]
