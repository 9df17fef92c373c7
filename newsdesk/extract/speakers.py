"""Speaker resolution within one article, against its cast (newsdesk.extract.cast).

`resolve_speaker` turns a speaker as written ("Lavrov", "he", "the ministry", "Kremlin spokesman
Dmitry Peskov", "the statement") at a body offset into the entity it stands for, written as the
fullest name the article gives (titles kept apart as the role):
- a name: the cast's mention there (its entity's fullest name);
- "he"/"she": the nearest sentence before it (its own first) with a person of that gender outside
  quotations, preferring a subject; a pronoun there stands for what it resolves to;
- "they"/"it"/"we": the last organization that spoke;
- a description: the person whose role it names ("the spokesman"), the organization it names
  ("the company"), the author of the document it names ("the statement" -> who issued it), else
  the description itself without its determiner ("senior official").
Nouns that cannot speak (places, abstract nouns) are not speakers.
"""

from __future__ import annotations

import re

from newsdesk.extract import lexicon as lex
from newsdesk.extract.cast import (
    DETERMINERS, RE_CONTRACTION, STOP_CAPS, SUBJECT, Cast, Mention, bare_lower, build_cast, role_text,
    single_entity, strip_possessive,
)

__all__ = ["Cast", "build_cast", "resolve_speaker", "note_speaker", "without_markup"]

ROLE_WORDS = lex.ROLE_WORDS
ORG_WORDS = lex.ORG_WORDS
TITLE_WORDS = lex.TITLE_WORDS
PRONOUN_GENDER = {"he": "m", "she": "f"}
PLURAL_PRONOUNS = lex.words("plural_pronouns")
INDEFINITE = lex.words("indefinites")
ORG_CONNECTORS = lex.words("org_connectors")
DOCUMENT_NOUNS = lex.words("document_nouns")  # "the statement said": its author speaks
ORG_NOUNS = lex.words("org_nouns")  # "the company said": the organization named before
NOT_SPEAKERS = lex.words("not_speakers")
PLACE_WORDS = lex.words("place_words")
PREPOSITIONS = lex.words("prepositions")
CLAUSE_WORDS = {"that", "is", "was", "are", "were", "has", "have", "had", "makes", "made", "says", "said", "who", "which"}  # abstract nouns that cannot speak
RE_AGE_NOUN = re.compile(r"\d+-year-old")
RE_AGE_WORD = re.compile(r"\d|year-old")
RE_SPEAKER_TOKEN = re.compile(r"[\w’'.\-&]+")
RE_CLASSIFIER = re.compile(r"[a-z]+ [a-z]+")  # "legal expert": one lowercase word before a role (not "UK man", "43-year-old man")
RE_DET_AND_TITLE = re.compile(r"\b([Tt]he|[Tt]his)\s+[\"“][^\"“”\n]{1,40}[\"”]\s+$")
RE_MARKUP = re.compile(r"[<>]")
RE_NEXT_WORD = re.compile(r"[’']?s?\s+(\w+)")
ISSUE_VERBS = {"issued", "released", "provided", "sent", "posted", "published", "put", "gave", "shared", "emailed"}
RE_ORG_SUBJECT = re.compile(r"\s*(?:[A-Z][\w,]*\s+)?(?:the|The)\s+(" + "|".join(sorted(lex.words("org_nouns"))) + r")\b")
RE_SUBJECT_BEFORE_CUE = re.compile(  # "…, the US military said in a statement"
    r"(?:^|[,;]\s+|\.\s+)((?:[Tt]he\s+)?(?:[\w.’'-]+\s+){0,3}?[\w.’'-]+)\s+(?:said|says|issued|released|announced|added)\b")
SPEAKER_KINDS = {"person": "person", "org": "organization"}  # (the cast's "name": one word, kind unknown)
MAX_SENTENCES_BACK = 8  # how far a pronoun looks for its antecedent
MAX_PARAGRAPHS_BACK = 3  # how far a description looks for what it describes


def resolve_speaker(written: str | None, pos: int, cast: Cast) -> tuple[str | None, str | None]:
    """(canonical speaker, role) for a speaker as written, seen at body offset pos."""
    if not written:
        return None, None
    written = without_markup(written)
    toks = RE_SPEAKER_TOKEN.findall(written)
    if not toks:
        return None, None
    low = toks[0].lower()
    if len(toks) == 1 and low in PRONOUN_GENDER:
        return _result(cast, pronoun_antecedent(cast, pos, PRONOUN_GENDER[low]))
    if len(toks) == 1 and low in PLURAL_PRONOUNS:
        group = _recent_group(cast, pos)
        if group is None and low in ("it", "we", "they"):
            group = _recent_org_subject(cast, pos)  # "X Records issued a statement. … it said"
        return group, None
    named = _named_in(cast, written, pos)
    if named is not None:
        return named
    return _description(cast, toks, pos)


def without_markup(written: str) -> str:
    """The speaker as written up to any tag debris ("Roe <script>alert(1)</script>" -> "Roe"):
    markup is never part of a name."""
    markup = RE_MARKUP.search(written)
    return written[:markup.start()].rstrip() if markup else written


def note_speaker(cast: Cast, name: str, pos: int) -> str | None:
    """Remember a resolved speaker (organizations and groups become antecedents of "they"/"it")
    and say what kind of speaker it is: "person", "organization", "description" or None when the
    article does not tell (one capitalized word never titled nor gendered: "Valve", "Trump")."""
    for ent in cast.entities:
        if ent.name == name:
            ent.spoke = True
            if ent.kind != "person":
                cast.groups.append((pos, name))
            return SPEAKER_KINDS.get(ent.kind) or ("person" if ent.gender or ent.role else None)
    cast.groups.append((pos, name))
    if any(w[:1].islower() and w not in ORG_CONNECTORS for w in name.split()):
        return "description"  # ("senior official", "Clinton campaign spokesman"; not "Department of Health")
    return None


# --------------------------------------------------------------------------- names

def _named_in(cast: Cast, written: str, pos: int) -> tuple[str | None, str | None] | None:
    """The entity named in the written speaker: its first person, else its organization.

    None when the written speaker names nobody (a description or a pronoun)."""
    end = pos + len(written)
    found = [m for m in cast.names_between(pos, end) if m.end <= end + 1]
    if not found:
        found = _single_written(cast, written, pos) if " " not in written else \
            cast.singles_between(pos, end, create=True)
        if not found:
            return None
    people = [m for m in found if cast.entities[m.entity].kind == "person"]
    heads = [m for m in people if not _modifies_next(cast.body, m.end, end)]
    chosen = (heads or people or found)[0] if people else found[-1]
    ent = cast.settle(chosen.entity)
    if _qualifies_description(cast.body[chosen.end:end]):
        return None  # "Russia's foreign ministry", "Swift's rep", "Iowa political hands": a description
    if ent.kind == "name" and ent.name.lower() in NOT_SPEAKERS:
        return None, None
    outer = [w for w in cast.body[pos:chosen.role_at].split()
             if w.lower() not in DETERMINERS and not RE_AGE_WORD.search(w)]  # ("45-year-old" is no role)
    titles = [w for w in cast.body[chosen.role_at:chosen.start].split()
              if TITLE_WORDS.get(w.lower().rstrip("."), ("",))[0] != "honorific"]
    if outer and all(w[:1].isupper() for w in outer) and not _role_text(outer):
        outer = []  # "MSNBC’s", "Here’s": capitalized words that are no role
    role = " ".join(outer + titles) or ent.role
    return ent.name, role  # (titles inside the name's sequence are roles by their place: "Harbourmaster X")


def _single_written(cast: Cast, written: str, pos: int) -> list[Mention]:
    """The mention of a speaker written as one word ("Sasse", "Sasse's")."""
    token = strip_possessive(written.rstrip(".,"))
    if not token or not token[0].isupper() or bare_lower(token) in STOP_CAPS or RE_CONTRACTION.search(written):
        return []
    idx = single_entity(cast, token, pos, [], create=True)
    if idx == len(cast.entities) - 1:
        cast.reset_mentions()  # a new entity: its other mentions count too
    return [Mention(pos, pos + len(token), idx, pos, len(token) < len(written.rstrip(".,")), None)]


def _modifies_next(body: str, at: int, end: int) -> bool:
    """A name that qualifies the words after it ("Clinton spokesman Jesse Ferguson", "Sanders’ campaign")."""
    rest = body[at:end].lstrip()
    if rest.startswith(("’s", "'s")):
        rest = rest[2:].lstrip()
    elif rest.startswith(("’", "'")):
        rest = rest[1:].lstrip()
    return bool(rest) and rest[0].isalpha() and rest[0].islower() and not rest.startswith("and ") \
        and rest.split(None, 1)[0] not in PREPOSITIONS  # ("Cameron Easley for Morning Consult": the person)


def _qualifies_description(tail: str) -> bool:
    """The written speaker goes on after the name with lowercase words only: the name qualifies a
    description ("’s foreign ministry", " political hands", "’ campaign manager")."""
    rest = tail.strip()
    if rest.startswith(("’s", "'s")):
        rest = rest[2:]
    elif rest.startswith(("’", "'")):
        rest = rest[1:]
    words = rest.split()
    return bool(words) and all(w[:1].islower() for w in words) and words[0] not in PREPOSITIONS \
        and words[0] not in ("and", "who", "during")


def _role_text(words: list[str]) -> str | None:
    """Role words as written ("Kremlin spokesman"), honorifics left out; none without a title word."""
    return role_text([w.strip(",") for w in words])


def _result(cast: Cast, idx: int | None) -> tuple[str | None, str | None]:
    if idx is None:
        return None, None
    ent = cast.settle(idx)
    return ent.name, ent.role


# --------------------------------------------------------------------------- pronouns

def _compatible(cast: Cast, idx: int, gender: str | None) -> bool:
    """A person of this gender (or of unknown gender: the pronoun tells it)."""
    ent = cast.entities[idx]
    if ent.gender is None and gender is not None:
        ent = cast.settle(idx)
    if ent.kind == "person":
        return gender is None or ent.gender in (gender, None)
    if ent.kind == "name":  # one word of unknown kind: a person once titled, gendered or heard
        return (ent.gender is not None or ent.spoke) and (gender is None or ent.gender in (gender, None))
    return False


def pronoun_antecedent(cast: Cast, pos: int, gender: str | None) -> int | None:
    """The entity a "he"/"she" (gender None: "the 52-year-old") at pos stands for.

    Sentence by sentence backwards from its own: the first sentence holding a compatible person
    outside quotations gives its best-placed one (a subject before an object, then the earliest).
    A pronoun there counts as what it stands for."""
    key = pos if gender is not None else -pos - 1
    if key in cast.pronoun_cache:
        return cast.pronoun_cache[key]
    cast.pronoun_cache[key] = None  # (a cycle cannot happen: antecedents lie before pos)
    found = _antecedent(cast, pos, gender)
    if found is not None and gender is not None:
        ent = cast.entities[found]
        ent.gender = ent.gender or gender
    cast.pronoun_cache[key] = found
    return found


def _antecedent(cast: Cast, pos: int, gender: str | None) -> int | None:
    own = cast.sentence_key(pos)
    best: tuple[int, int, bool] | None = None  # (rank, entity, weak) of the sentence being read
    held: int | None = None  # a weak antecedent of a later sentence, waiting for a subject before it
    sentence = own
    seen = 0
    for m in cast.mentions_before(pos, MAX_PARAGRAPHS_BACK):
        if cast.in_quote(m.start):
            continue
        key = cast.sentence_key(m.start)
        if key != sentence:
            if best is not None:
                if held is not None:
                    return best[1] if best[0] <= 1 else held
                if not best[2]:
                    return best[1]
                held, best = best[1], None
            sentence = key
            seen += 1
            if seen > MAX_SENTENCES_BACK and key[0] < own[0] - 1:
                return held
        if m.entity < 0:
            if m.pronoun != gender or gender is None:
                continue
            idx = pronoun_antecedent(cast, m.start, m.pronoun)
        else:
            idx = m.entity
        if idx is None or not _compatible(cast, idx, gender):
            continue
        weak = gender is not None and m.possessive and _after_preposition(cast.body, m.role_at)
        rank = cast.slot(m) * 2 + (cast.entities[idx].gender is None and gender is not None) + 10 * weak
        if best is None or rank <= best[0]:
            best = (rank, idx, weak)
    if best is not None and held is not None:
        return best[1] if best[0] <= 1 else held
    return best[1] if best is not None else held


def _after_preposition(body: str, at: int) -> bool:
    """A possessive in a prepositional phrase ("at Epstein's mansion") is a weak antecedent for
    he/she: a subject in the sentence before it is the likelier one."""
    before = body[max(0, at - 16):at].split()
    return bool(before) and before[-1].lower() in PREPOSITIONS


# --------------------------------------------------------------------------- descriptions

def _description(cast: Cast, toks: list[str], pos: int) -> tuple[str | None, str | None]:
    """A speaker written without a name: resolved to what it describes, else kept as written."""
    det = ""
    while toks and toks[0].lower() in DETERMINERS:
        det = det or toks[0].lower()
        toks = toks[1:]
    if not toks:
        return None, None
    if not det:
        titled = RE_DET_AND_TITLE.search(cast.body, max(0, pos - 60), pos)
        det = titled.group(1).lower() if titled else det  # 'the "Pose" actor': a title of a work between
    toks[-1] = toks[-1].rstrip(".") or toks[-1]
    toks[-1] = strip_possessive(toks[-1]) if len(toks[-1]) > 2 else toks[-1]
    head = toks[-1].lower().rstrip(".")
    if toks[0][:1].isupper() and all(t[:1].isupper() or t in ORG_CONNECTORS for t in toks):
        name = " ".join(toks)  # "the Department of Health and Social Care" (not scanned as one name)
        if name.lower() in NOT_SPEAKERS:
            return None, None
        return name, None
    if RE_AGE_NOUN.fullmatch(head):  # "the 41-year-old": the person just written about
        return _result(cast, pronoun_antecedent(cast, pos, None))
    if det in INDEFINITE:
        return _plain(cast, toks, pos)  # "a longtime adviser" is someone new
    role_head, role_toks = head, toks
    if len(toks) == 3 and toks[1] == "and" and head not in ROLE_WORDS and toks[0] in ROLE_WORDS:
        role_head, role_toks = toks[0], toks[:1]  # "the singer and guitarist": one person, a known role
    if role_head in ROLE_WORDS:
        found = _by_role_head(cast, role_head, pos)
        if found is None and len(role_toks) <= 2 and det in ("the", "this") and not any(
                t.endswith(("'s", "’s")) for t in toks) and not _introduced_unnamed(cast.body, role_head, pos):
            # "said the actor": the person the article is about just then, of the role's gender
            found = pronoun_antecedent(cast, pos, TITLE_WORDS.get(role_head, ("", "-"))[1] if
                                       TITLE_WORDS.get(role_head, ("", "-"))[1] in ("m", "f") else None)
        if found is not None:
            return _result(cast, found)
    if head in DOCUMENT_NOUNS and len(toks) <= 2:
        found = _document_author(cast, head, pos)
        if found:
            return found, None
    if head in ORG_NOUNS and not any(t[:1].isupper() for t in toks[:-1]):  # ("the French foreign ministry" stays)
        found = _by_org_noun(cast, head, pos)
        if found is not None:
            return _result(cast, found)
    if len(toks) == 1 and head in NOT_SPEAKERS:
        return None, None
    if len(toks) == 1 and det == "the":
        group = _group_named_for(cast, head) if head.endswith("s") else None
        if group is not None:
            return group, None  # "the doctors" of "Doctors for Camp Closure"
        introduced = _introduction(cast.body, head, pos) if head in ROLE_WORDS else None
        if introduced and RE_CLASSIFIER.fullmatch(introduced):
            return _plain(cast, introduced.split(), pos)  # "the expert" of "one legal expert"
    return _plain(cast, toks, pos)


def _introduced_unnamed(body: str, head: str, pos: int) -> bool:
    """The article introduced someone of this role without a name before pos ("a spokesperson who
    did not wish to be named", "one legal expert")."""
    return _introduction(body, head, pos) is not None


def _introduction(body: str, head: str, pos: int) -> str | None:
    """How the article introduced someone it never names, without the determiner ("legal expert"
    of "one legal expert"), the latest before pos."""
    found = None
    for m in re.finditer(r"\b(?:[Aa]n?|[Oo]ne)\s+((?:[\w-]+\s+){0,2}" + re.escape(head) + r")\b", body[:pos]):
        found = m.group(1)
    return found and " ".join(found.split())


def _group_named_for(cast: Cast, plural: str) -> str | None:
    """The one organization of the article whose name holds this plural noun ("the doctors" of
    "Doctors for Camp Closure", "the teachers" of "Chicago Teachers Union")."""
    names = {ent.name for ent in cast.entities
             if ent.kind == "org" and any(t.lower() == plural for t in ent.tokens)}
    return names.pop() if len(names) == 1 else None


def _plain(cast: Cast, toks: list[str], pos: int) -> tuple[str | None, str | None]:
    """The description as written without its determiner (a group or an unnamed person); none for
    what does not read as a noun phrase ("makes clear that …")."""
    if len(toks) > 7 or any(t.lower() in CLAUSE_WORDS for t in toks) or toks[0].lower() in ("i", "you", "me"):
        return None, None  # ("I", "you": the writer or the reader, not a speaker the article names)
    if len(toks) == 1 and toks[-1].lower() in NOT_SPEAKERS and toks[-1].lower() not in DOCUMENT_NOUNS:
        return None, None
    name = " ".join(toks)
    cast.groups.append((pos, name))
    return name, None


def _recent_mentions(cast: Cast, pos: int):
    """Name mentions outside quotations before pos, latest first, within the last paragraphs."""
    for m in cast.mentions_before(pos, MAX_PARAGRAPHS_BACK):
        if m.entity >= 0 and not cast.in_quote(m.start):
            yield m


def _by_role_head(cast: Cast, head: str, pos: int) -> int | None:
    """The most recent person whose role ends with this head noun ("the spokesman")."""
    for m in _recent_mentions(cast, pos):
        ent = cast.entities[m.entity]
        if ent.kind == "person" and ent.role is None:
            ent = cast.settle(m.entity)
        if ent.kind == "person" and ent.role and ent.role.lower().split()[-1].rstrip(",.") == head:
            return m.entity
    return None


def _by_org_noun(cast: Cast, head: str, pos: int) -> int | None:
    """'the company', 'the ministry': the latest organization whose name has that noun, else the
    latest organization that stood as a subject."""
    fallback = None
    for m in _recent_mentions(cast, pos):
        ent = cast.entities[m.entity]
        if ent.kind != "org":
            continue
        if any(t.lower() == head for t in ent.tokens):
            return m.entity
        if fallback is None and not any(bare_lower(t) in PLACE_WORDS for t in ent.tokens):
            fallback = m.entity  # ("United States" is no company)
    return fallback


def _document_author(cast: Cast, noun: str, pos: int) -> str | None:
    """'the statement said': who issued the statement last written about before pos."""
    body = cast.body
    lo = cast.paragraph_starts[max(0, cast.paragraph_of(pos) - MAX_PARAGRAPHS_BACK)]
    at = body.rfind(noun, lo, pos)
    while at >= 0:
        if not cast.in_quote(at):
            author = _author_in_sentence(cast, at)
            if author:
                return author
        at = body.rfind(noun, lo, at)
    return None


def _author_in_sentence(cast: Cast, at: int) -> str | None:
    """Who issues the document mentioned at `at`: the nearest name before it that is the subject of
    a verb ("The Times said Cook provided a written statement" -> Cook; "X said in a statement"),
    else who it is "from"/"by", else the clause's subject as written ("the US military said in a
    statement" -> "US military")."""
    lo, hi = cast.sentence_bounds(at)
    body = cast.body
    before = [m for m in cast.mentions_between(lo, at) if not cast.in_quote(m.start)]
    for m in reversed(before):
        nxt = RE_NEXT_WORD.match(body, m.end)
        if nxt is None or not _verb_like(nxt.group(1)):
            continue
        if m.entity < 0:
            idx = pronoun_antecedent(cast, m.start, m.pronoun)
            if idx is not None:
                return cast.entities[idx].name
            continue
        return cast.entities[m.entity].name
    for m in cast.mentions_between(at, hi):
        after = body[at:m.start]
        if m.entity >= 0 and len(after) < 40 and re.search(r"\b(?:from|by)\s+(?:the\s+)?$", after):
            return cast.entities[m.entity].name
    subject = RE_SUBJECT_BEFORE_CUE.search(body, lo, at)
    if subject:
        toks = [t for t in subject.group(1).split() if t.lower() not in DETERMINERS]
        if toks and len(toks) <= 4 and toks[-1].lower() not in DOCUMENT_NOUNS:
            name, _ = _description(cast, subject.group(1).split(), subject.start(1))
            return name
    org = RE_ORG_SUBJECT.match(body, lo, at)
    if org:  # "The company denied the allegations in a statement"
        found = _by_org_noun(cast, org.group(1).lower(), org.start(1))
        if found is not None:
            return cast.entities[found].name
    return None


def _verb_like(word: str) -> bool:
    """A word that reads as the verb after a subject ("provided", "issued", "said")."""
    return word.islower() and (word in lex.CUE_FORMS or word in ISSUE_VERBS or word.endswith("ed"))


def _recent_org_subject(cast: Cast, pos: int) -> str | None:
    """The latest organization standing as a subject in this or the previous paragraph."""
    para = cast.paragraph_of(pos)
    for m in cast.mentions_before(pos, 1):
        if m.entity >= 0 and cast.entities[m.entity].kind == "org" and cast.slot(m) == SUBJECT \
                and not cast.in_quote(m.start) and para - cast.paragraph_of(m.start) <= 1 \
                and not any(bare_lower(t) in PLACE_WORDS for t in cast.entities[m.entity].tokens):
            return cast.entities[m.entity].name
    return None


def _recent_group(cast: Cast, pos: int) -> str | None:
    """The most recent organization speaker before pos ("it said", "they said")."""
    best = None
    for p, name in cast.groups:
        if p < pos:
            best = name
    return best
