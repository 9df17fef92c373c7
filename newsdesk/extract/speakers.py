"""Speaker resolution within one article: names, surnames, pronouns, roles and organizations.

A `Cast` is built once per body from its capitalized name sequences; `resolve_speaker` then turns a
speaker as written ("Lavrov", "he", "the ministry", "Kremlin spokesman Dmitry Peskov") into a full
canonical name plus a role, using only what the article itself says before the quote.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache

from newsdesk.extract import lexicon as lex


TITLE_WORDS = lex.TITLE_WORDS
FIRST_NAMES = lex.FIRST_NAMES
ROLE_WORDS = lex.ROLE_WORDS
ORG_WORDS = lex.ORG_WORDS
PRONOUN_GENDER = {"he": "m", "him": "m", "she": "f", "her": "f"}
PLURAL_PRONOUNS = lex.words("plural_pronouns")
DETERMINERS = lex.words("determiners")
STOP_CAPS = lex.words("stop_caps")  # capitalized words never part of a person's name
NON_PERSON_WORDS = ORG_WORDS | lex.words("non_person_words")
OCCUPATION_SUFFIXES = tuple(sorted(lex.words("occupation_suffixes")))
INDEFINITE = lex.words("indefinites")
ORG_CONNECTORS = lex.words("org_connectors")
ADJ_SUFFIXES = tuple(sorted(lex.words("adjective_suffixes")))
STOP_CAPS_ROLE = STOP_CAPS - {"former", "new"}
STOP_CAPS_NO_HONORIFIC = STOP_CAPS - {"mr", "mrs", "ms", "dr"}
RE_NAME_SEQ = re.compile(  # the look-behind after the first capital keeps the fast first-character scan;
    # possessive words (*+): no giving back letters, which a "." or a space must follow anyway
    r"[A-Z](?<![\w’'].)[\w’'\-]*+\.?"
    r"(?:[ \t]+(?:(?:de|van|von|der|den|da|di|du|la|le|al|bin|ibn|el)[ \t]+)?(?:[A-Z][\w’'\-]*+\.?|[A-Z]\.))*"
)
RE_MULTI_SEQ = re.compile(RE_NAME_SEQ.pattern.replace(")*", ")+"))
RE_POSSESSIVE = re.compile(r"[’']s?$")
RE_AGE_NOUN = re.compile(r"\d+-year-old")
RE_SPEAKER_TOKEN = re.compile(r"[\w’'.\-]+")
RE_SENT_BOUNDARY = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(]?[A-Z])|\n\n")


@dataclass(slots=True)
class Person:
    """One person (or organization) known in the article."""

    name: str
    gender: str | None = None
    role: str | None = None


@dataclass(slots=True)
class Cast:
    """Everyone the article names, with their mention positions in the body."""

    people: dict[str, Person] = field(default_factory=dict)
    positions: list[int] = field(default_factory=list)  # sorted mention offsets
    mentions: list[str] = field(default_factory=list)  # full name mentioned at positions[i]
    by_last: dict[str, list[str]] = field(default_factory=dict)
    by_first: dict[str, list[str]] = field(default_factory=dict)
    speakers: set[str] = field(default_factory=set)  # names already resolved as speakers
    groups: list[tuple[int, str]] = field(default_factory=list)  # (pos, organization speaker) in order
    at: dict[str, list[int]] = field(default_factory=dict)  # full name -> sorted mention offsets
    body: str = ""
    scanned: int = 0  # body[:scanned] has been scanned for multi-word names
    singles_done: set[int] = field(default_factory=set)  # paragraph starts scanned for lone names


def _strip_possessive(token: str) -> str:
    """'Trump’s' -> 'Trump'."""
    if token[-1] not in "s’'":
        return token
    return RE_POSSESSIVE.sub("", token) if len(token) > 2 and token[-2:] in ("’s", "'s") else token.rstrip("’'")


def split_role(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(role tokens, name tokens): leading titles and the words they qualify, then the name.

    An unknown leading word also counts as a title when a known first name follows it, or when it
    has an occupation's suffix, before a name of two words ("Volcanologist Einar Magnusson").
    """
    last_title = -1
    for i, tok in enumerate(tokens[:-1]):
        if tok.lower() in ROLE_WORDS or tok.lower().rstrip(".") in ROLE_WORDS:
            last_title = i
    if last_title < 0 and len(tokens) >= 3 and tokens[0].lower() not in FIRST_NAMES and "of" not in tokens[:3] and (
            tokens[1].lower() in FIRST_NAMES or tokens[0].lower().endswith(OCCUPATION_SUFFIXES)):
        last_title = 0
    return tokens[: last_title + 1], tokens[last_title + 1 :]


def gender_of(first: str, role: list[str]) -> str | None:
    """Gender from an honorific ("Mrs."), else the first name, else a gendered title ("spokesman")."""
    titled = None
    for tok in role:
        kind_gender = TITLE_WORDS.get(tok.lower()) or TITLE_WORDS.get(tok.lower().rstrip("."))
        if kind_gender and kind_gender[1] in ("m", "f"):
            if kind_gender[0] == "honorific":
                return kind_gender[1]
            titled = titled or kind_gender[1]
    return FIRST_NAMES.get(first.lower().rstrip(".")) or titled


def _word_before(body: str, pos: int) -> tuple[int, str] | None:
    """(start, word) of the word ending right before pos (spaces skipped), looking 40 characters back."""
    lo = max(0, pos - 40)
    j = pos
    while j > lo and body[j - 1].isspace():
        j -= 1
    k = j
    while k > lo and (body[k - 1].isalnum() or body[k - 1] in "_-’'."):
        k -= 1
    while k < j and not ("A" <= body[k] <= "Z" or "a" <= body[k] <= "z"):
        k += 1
    return (k, body[k:j]) if k < j else None


def role_before(body: str, start: int) -> list[str]:
    """Lowercase/capitalized role words right before a name ("Kremlin spokesman" in "Kremlin spokesman X")."""
    words: list[str] = []
    pos = start
    while len(words) < 5:
        found = _word_before(body, pos)
        if found is None:
            break
        k, word = found
        low = word.lower().rstrip(".")
        if low in DETERMINERS or low in STOP_CAPS_ROLE or "\n" in body[k:pos]:
            break
        if word[0].islower() and low not in ROLE_WORDS and low != "former" and not low.endswith(ADJ_SUFFIXES):
            break
        words.insert(0, word)
        pos = k
    while words and words[-1].lower().rstrip(".") not in ROLE_WORDS:
        words.pop()
    while words and words[0][0].islower() and words[0].lower() not in ROLE_WORDS and not words[0].endswith("al"):
        words.pop(0)
    return words


def is_person_like(name_toks: list[str], role: list[str]) -> bool:
    """Heuristic: two or more name tokens, none an organization/place word, or a known first name."""
    if not name_toks or any(t.lower().rstrip(".") in NON_PERSON_WORDS for t in name_toks):
        return False
    if name_toks[0].lower() in FIRST_NAMES or role:
        return True
    return len(name_toks) >= 2


def build_cast(body: str, lazy: bool = False) -> Cast:
    """The article's cast: person names (with roles and genders) and their positions.

    lazy=True scans nothing yet: `resolve_speaker` scans paragraph by paragraph as far as it needs
    (up to the speaker's position; the whole body only when a surname is not known yet).
    """
    cast = Cast(body=body)
    if not lazy:
        _scan(cast, len(body))
    return cast


def _ensure(cast: Cast, pos: int) -> None:
    """Scan the body up to the end of the paragraph containing pos."""
    if pos < cast.scanned:
        return
    end = cast.body.find("\n\n", pos)
    _scan(cast, len(cast.body) if end < 0 else end)


def _scan(cast: Cast, upto: int) -> None:
    """Add the names of body[cast.scanned:upto] to the cast."""
    body = cast.body
    lo, cast.scanned = cast.scanned, max(cast.scanned, upto)
    for m in RE_MULTI_SEQ.finditer(body, lo, upto):
        parsed = _parse_seq(m.group(0))
        if parsed is None:
            continue
        skip, role, name_toks, full = parsed
        offset = m.start() + skip
        if full is None:
            _cast_single(cast, body, offset, name_toks[0], list(role))
            continue
        if full not in cast.people:
            role_list = role_before(body, offset) + list(role)
            _add_person(cast, full, gender_of(name_toks[0], role_list), role_list)
        _add_mention(cast, offset, full)


@lru_cache(maxsize=65536)
def _parse_seq(text: str) -> tuple[int, tuple[str, ...], tuple[str, ...], str | None] | None:
    """A capitalized sequence -> (chars skipped, role tokens, name tokens, full name or None if one token).

    None when it holds no person name. Pure function of the text, so cached across articles.
    """
    toks = _cut_at_sentence_end(text.split())
    skip = 0
    while toks and toks[0].lower().rstrip(".") in STOP_CAPS_NO_HONORIFIC:
        skip += len(toks[0]) + 1
        toks = toks[1:]
    if not toks:
        return None
    toks[-1] = _strip_possessive(toks[-1])
    role, name_toks = split_role(toks)
    if not name_toks:
        return None
    if len(name_toks) == 1:
        return skip, tuple(role), tuple(name_toks), None
    if not is_person_like(name_toks, role):
        return None
    return skip, tuple(role), tuple(name_toks), " ".join(name_toks)


def _scan_singles(cast: Cast, pos: int) -> None:
    """Lone capitalized words ("Clinton") of the paragraphs around pos, as mentions of known people.

    Multi-word names are scanned for the whole prefix; lone words matter only to pronouns, which look
    at their own and the previous paragraph first, so they are scanned there, on demand.
    """
    body = cast.body
    here = body.rfind("\n\n", 0, pos)
    starts = [here + 2 if here >= 0 else 0]
    if here > 0:
        prev = body.rfind("\n\n", 0, here)
        starts.insert(0, prev + 2 if prev >= 0 else 0)
    for start in starts:
        if start in cast.singles_done:
            continue
        cast.singles_done.add(start)
        end = body.find("\n\n", start)
        end = len(body) if end < 0 else end
        _ensure(cast, end)
        for m in RE_NAME_SEQ.finditer(body, start, end):
            text = m.group(0)
            if " " not in text and text.lower().rstrip(".") not in STOP_CAPS:
                _cast_single(cast, body, m.start(), _strip_possessive(text), [])


def _cast_single(cast: Cast, body: str, offset: int, token: str, role: list[str]) -> None:
    """A lone capitalized token: a mention of a known person, or a new one when titled ("Mr. Peskov")."""
    if token.lower().rstrip(".") in NON_PERSON_WORDS:
        return
    full = _lookup(cast, token, offset)
    if full is None:
        prev = body[max(0, offset - 20):offset].rsplit(None, 1)[-1:]
        role = role or (role_before(body, offset) if prev and prev[0].lower() in ROLE_WORDS else [])
        if not role:
            return
        full = token
        _add_person(cast, full, gender_of("", role), role)
    elif role:
        person = cast.people[full]
        person.gender = person.gender or gender_of("", role)
    _add_mention(cast, offset, full)


@lru_cache(maxsize=4096)
def _later_full_name(surname: str) -> re.Pattern:
    """Pattern of a capitalized name ending in this surname ("Sergei Lavrov" for "Lavrov")."""
    return re.compile(r"(?<![\w’'])[A-Z][\w’'\-]*\.?(?:[ \t]+[A-Z][\w’'\-]*\.?){0,3}[ \t]+"
                      + re.escape(_strip_possessive(surname)) + r"(?![\w])")


def _cut_at_sentence_end(toks: list[str]) -> list[str]:
    """Drop tokens after a word that ends a sentence ("Iowa. Sanders" -> "Iowa.")."""
    for k, tok in enumerate(toks[:-1]):
        if tok.endswith(".") and len(tok) > 2 and tok.lower() not in TITLE_WORDS and tok.count(".") == 1:
            return toks[: k + 1]
    return toks


def _add_person(cast: Cast, full: str, gender: str | None, role: list[str]) -> None:
    """Register a person (first role seen wins; gender filled in when learned)."""
    role_text = " ".join(t for t in role if TITLE_WORDS.get(t.lower(), ("",))[0] != "honorific") if role else ""
    person = cast.people.get(full)
    if person is None:
        person = cast.people[full] = Person(full, gender, role_text or None)
        toks = full.split()
        if len(toks) >= 2:
            cast.by_last.setdefault(toks[-1], []).append(full)
            cast.by_first.setdefault(toks[0], []).append(full)
    else:
        person.gender = person.gender or gender
        person.role = person.role or role_text or None


def _add_mention(cast: Cast, pos: int, full: str) -> None:
    """Record a mention in position order."""
    at = cast.at.setdefault(full, [])
    if not at or at[-1] <= pos:
        at.append(pos)
    else:
        bisect.insort(at, pos)
    if not cast.positions or cast.positions[-1] <= pos:
        cast.positions.append(pos)
        cast.mentions.append(full)
        return
    i = bisect.bisect_right(cast.positions, pos)
    cast.positions.insert(i, pos)
    cast.mentions.insert(i, full)


def _lookup(cast: Cast, token: str, pos: int) -> str | None:
    """A full name for a lone surname (or first name): the most recent matching full mention."""
    token = _strip_possessive(token)
    for table in (cast.by_last, cast.by_first):
        names = table.get(token)
        if not names:
            continue
        if len(names) == 1:
            return names[0]
        best, best_pos = None, -1
        for full in names:
            at = cast.at.get(full, [])
            k = bisect.bisect_right(at, pos)
            if k and at[k - 1] > best_pos:
                best, best_pos = full, at[k - 1]
        return best or names[0]
    return None


def _sentence_start(body: str, pos: int) -> int:
    """Offset where the sentence containing pos starts (after the last ". X" or paragraph break)."""
    lo = max(0, pos - 400)
    best = lo if lo else 0
    for m in RE_SENT_BOUNDARY.finditer(body, lo, pos):
        best = m.end()
    return best


def _recent_person(cast: Cast, pos: int, gender: str | None) -> str | None:
    """The antecedent of a "he"/"she" at pos.

    First the subject of the pronoun's own sentence (its first compatible person, as in "Clinton
    says she …"), then the most recent compatible person before it. Compatible: the same known
    gender, or an unknown gender (a first name outside the gazetteer), the article itself telling us
    the gender by using the pronoun.
    """
    if cast.body:
        _scan_singles(cast, pos)
    i = bisect.bisect_left(cast.positions, pos) - 1
    start = _sentence_start(cast.body, pos) if cast.body else pos
    k = bisect.bisect_left(cast.positions, start)
    for j in range(k, i + 1):
        person = cast.people[cast.mentions[j]]
        if gender is None or person.gender == gender or (person.gender is None and _person_shaped(person)):
            return person.name
    unknown = None
    near = cast.body.rfind("\n\n", 0, max(0, cast.body.rfind("\n\n", 0, pos)))
    while i >= 0:
        person = cast.people[cast.mentions[i]]
        if gender is None or person.gender == gender:
            return person.name
        if unknown is None and person.gender is None and _person_shaped(person):
            if cast.positions[i] > near:  # close by: the pronoun tells its gender
                return person.name
            unknown = person.name
        i -= 1
    return unknown


def _person_shaped(person: Person) -> bool:
    """A cast entry of unknown gender that reads as a person: a role, or a two-word name, or a known
    first name ("Cook Political Report" and "Happy Cinco de Mayo" are not)."""
    toks = person.name.split()
    return bool(person.role) or len(toks) <= 2 or toks[0].lower() in FIRST_NAMES


def _org_name(tokens: list[str]) -> str:
    """'the White House' -> 'White House'; lowercase org descriptions keep their words."""
    while tokens and tokens[0].lower() in DETERMINERS:
        tokens = tokens[1:]
    return " ".join(tokens)


def _by_role_head(cast: Cast, head: str, pos: int) -> str | None:
    """The most recent person whose role ends with this head noun ("the spokesman" -> the spokesman)."""
    i = bisect.bisect_left(cast.positions, pos) - 1
    while i >= 0:
        person = cast.people[cast.mentions[i]]
        if person.role and person.role.lower().split()[-1] == head:
            return person.name
        i -= 1
    return None


def resolve_speaker(written: str | None, pos: int, cast: Cast) -> tuple[str | None, str | None]:
    """(canonical speaker, role) for a speaker as written, seen at body offset pos."""
    if not written:
        return None, None
    _ensure(cast, pos)
    toks = RE_SPEAKER_TOKEN.findall(written)
    if not toks:
        return None, None
    toks = _cut_at_sentence_end(toks)
    toks[-1] = _strip_possessive(toks[-1]).rstrip(".") if toks[-1] not in ("Jr.", "Sr.") else toks[-1]
    low = toks[0].lower()
    if len(toks) == 1 and low in PRONOUN_GENDER:
        return _person_result(cast, _recent_person(cast, pos, PRONOUN_GENDER[low]))
    if len(toks) == 1 and low in PLURAL_PRONOUNS:
        return _recent_group(cast, pos), None
    if low in DETERMINERS and len(toks) > 2 and all(t[0].isupper() or t in ORG_CONNECTORS for t in toks[1:]):
        org = " ".join(toks[1:])  # "the Department of Health and Social Care"
        cast.groups.append((pos, org))
        return org, None
    if low in DETERMINERS or toks[0][0].islower():
        caps_tail = _caps_tail(toks)
        if len(caps_tail) >= 2 and len(caps_tail) < len(toks):
            name, inner = resolve_speaker(" ".join(caps_tail), pos, cast)
            outer = " ".join(toks[: len(toks) - len(caps_tail)])
            return name, f"{outer} {inner}" if inner else outer
        head = toks[-1].lower()
        if RE_AGE_NOUN.fullmatch(head):  # "the 41-year-old": the person just written about
            found = _recent_person(cast, pos, None)
            if found:
                return found, cast.people[found].role
        if head in ROLE_WORDS and low not in INDEFINITE:  # "a longtime adviser" is someone new
            found = _by_role_head(cast, head, pos)
            if found:
                return found, cast.people[found].role
        org = _org_name(toks) or None
        if org:
            cast.groups.append((pos, org))
        return org, None
    role, name = split_role(toks)
    if not name:
        return " ".join(toks), None
    if "of" in name[1:]:  # "Einar Magnusson of the University of Iceland"
        left = name[: name.index("of")]
        if (len(left) >= 2 and is_person_like(left, [])) or (len(left) == 1 and _lookup(cast, left[0], pos)):
            name = left
    if len(name) == 1:
        full = _lookup(cast, name[0], pos)
        # the surname must occur in the unscanned rest: a literal find first, 100x cheaper than the regex
        if full is None and cast.scanned < len(cast.body) \
                and cast.body.find(_strip_possessive(name[0]), cast.scanned) >= 0:
            later = _later_full_name(name[0]).search(cast.body, cast.scanned)
            if later:  # the full name comes later in the article
                _ensure(cast, later.end())
                full = _lookup(cast, name[0], pos)
        full = full or name[0]
    else:
        full = " ".join(name)
    if full not in cast.people and (len(name) > 1 or role) and is_person_like(name, role):
        _add_person(cast, full, gender_of(name[0] if len(name) > 1 else "", role), role)
    if full in cast.people:
        _add_mention(cast, pos, full)
    person = cast.people.get(full)
    role_text = " ".join(t for t in role if TITLE_WORDS.get(t.lower(), ("", ""))[0] != "honorific") or None
    return full, role_text or (person.role if person else None)


def note_speaker(cast: Cast, name: str, pos: int) -> None:
    """Remember a resolved speaker: persons become pronoun antecedents, others group antecedents."""
    cast.speakers.add(name)
    if name in cast.people:
        return
    if " " not in name and name[:1].isupper() and name.lower() not in NON_PERSON_WORDS:
        cast.people[name] = Person(name)
        _add_mention(cast, pos, name)
    else:
        cast.groups.append((pos, name))


def _recent_group(cast: Cast, pos: int) -> str | None:
    """The most recent organization speaker before pos ("it said", "they said")."""
    best = None
    for p, name in cast.groups:
        if p < pos:
            best = name
    return best


def _caps_tail(toks: list[str]) -> list[str]:
    """Trailing capitalized tokens of a description ("longtime pollster Pat Caddell" -> Pat Caddell)."""
    tail: list[str] = []
    for tok in reversed(toks):
        if not tok[0].isupper():
            break
        tail.insert(0, tok)
    return tail


def _person_result(cast: Cast, name: str | None) -> tuple[str | None, str | None]:
    """(name, role) of a resolved person."""
    if name is None:
        return None, None
    return name, cast.people[name].role
