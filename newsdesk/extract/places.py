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
QUALIFIER_KINDS = frozenset({"country", "admin1"})
CONTEXT_COUNTRY_BONUS = 1.5
CONTEXT_ADMIN_BONUS = 2.5
QUALIFIED_BONUS = 10.0
SMALL_TOWN = 20000
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
            cands = g.keys.get(text)
            demonym = False
            if cands is None:
                cands = g.demonyms.get(text)
                demonym = cands is not None
            if cands:
                out.append(_Match(text, s, end, i, i + n - 1, cands[:MAX_CANDIDATES], demonym))
                i += n
                break
        else:
            i += 1
    return out


def _is_sentence_start(body: str, spans, tok: int) -> bool:
    """True when token `tok` opens a sentence or a paragraph."""
    if tok == 0:
        return True
    prev = body[spans[tok - 1][0] : spans[tok - 1][1]]
    return prev in {".", "!", "?", ":", '"', "“", "”", "(", "-", "—"} or "\n" in body[spans[tok - 1][1] : spans[tok][0]]


def _looks_like_person(body: str, spans, m: _Match, place_starts: set[int]) -> bool:
    """A person-name place ("Paris Hilton", "Mr. Lincoln", "George Washington")."""
    if m.tok_last + 1 < len(spans):
        ns, ne = spans[m.tok_last + 1]
        nxt = body[ns:ne]
        gap = body[m.end : ns]
        if gap == " " and nxt[:1].isupper() and nxt not in PLACE_WORDS and ns not in place_starts:
            return True
    if m.tok_first > 0:
        ps, pe = spans[m.tok_first - 1]
        prev = body[ps:pe]
        if prev == "." and m.tok_first > 1:
            ps2, pe2 = spans[m.tok_first - 2]
            if RE_TITLE.match(body[ps2:pe2]) and body[pe:m.start] == " ":
                return True
        gap = body[pe : m.start]
        if gap == " " and prev[:1].isupper() and ps not in place_starts:
            if prev in TITLE_WORDS or not _is_sentence_start(body, spans, m.tok_first - 1):
                return prev not in {"The", "In", "From", "To", "At", "Of", "Near", "Across", "Outside"}
    return False


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
        if g.kind[rid] in QUALIFIER_KINDS or len(m.candidates) == 1 or g.pop[rid] >= 1_000_000:
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
    if g.admin1[rid] and g.kind[rid] == "city" and admins.get((cc, g.admin1[rid]), set()) - {key}:
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


def resolve(body: str, spans, matches: list[_Match], g) -> list[_Match]:
    """Drop non-places and choose one gazetteer record per remaining match."""
    place_starts = {m.start for m in matches}
    lower_words = {body[s:e] for s, e in spans if body[s].islower()}
    kept: list[_Match] = []
    for m in matches:
        if m.key in g.person_names and _looks_like_person(body, spans, m, place_starts):
            continue
        kept.append(m)
    ccs, admins = _context(g, kept)
    out: list[_Match] = []
    for k, m in enumerate(kept):
        qual = _qualifier(body, kept, k, g)
        best = max(m.candidates, key=lambda r: (_score(g, r, m.key, ccs, admins, qual), -r))
        qualified = qual is not None and _score(g, best, m.key, ccs, admins, qual) >= QUALIFIED_BONUS
        if g.kind[best] == "city" and not m.is_demonym:
            word_like = m.key in g.stopwords or m.key.lower() in lower_words
            small = g.pop[best] < SMALL_TOWN or (len(m.key) < 4 and m.key.isalpha())
            if (word_like or small) and not _supported(g, best, m.key, ccs, admins, qualified):
                continue
            if word_like and _is_sentence_start(body, spans, m.tok_first) and not qualified:
                continue
        elif m.key in g.stopwords and not qualified:
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
