"""The article's cast: every person and organization it names, clustered into entities.

One pass over the body computes what the speaker resolution reads: paragraph and sentence starts,
every capitalized name sequence (split into a role and a name: "NASA Administrator Jim Bridenstine"
-> role "NASA Administrator", name "Jim Bridenstine"), the pronouns "he"/"she", and for each mention
whether it lies inside a quotation and whether it stands where a subject stands. Mentions are then
clustered into entities: a full name, its surname alone ("Bridenstine"), its first name alone, a
shorter form ("Hawk Sawyer" of "Kathleen Hawk Sawyer", "Pat Carlineo" of "Patrick Carlineo Jr.")
and an acronym the article spells out ("DEA") are one entity, written as its fullest name.

Paragraphs, sentences and the runs of capitalized words come from the body's shared layout
(newsdesk.extract.body_text), computed once per body.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from newsdesk.extract import lexicon as lex
from newsdesk.extract.body_text import BodyText

TITLE_WORDS = lex.TITLE_WORDS
FIRST_NAMES = lex.FIRST_NAMES
ROLE_WORDS = lex.ROLE_WORDS
ORG_WORDS = lex.ORG_WORDS
STOP_CAPS = lex.words("stop_caps")
STOP_CAPS_NO_HONORIFIC = STOP_CAPS - {"mr", "mrs", "ms", "dr", "new"}
NON_PERSON_WORDS = ORG_WORDS | lex.words("non_person_words")
ORG_NAME_WORDS = lex.words("org_name_words")  # "Records", "Productions": the sequence is an organization
SENTENCE_OPENERS = lex.words("sentence_openers")  # "Under", "Once": not a name at a sentence's start
ROYAL_TITLES = lex.words("royal_titles")  # "Prince Andrew": the title stays with a lone given name
NAME_SUFFIXES = lex.words("name_suffixes")  # "Jr.", "III"
PREPOSITIONS = lex.words("prepositions")
NAME_BREAKS = lex.words("name_breaks")
CALENDAR_WORDS = lex.words("calendar_words")
PLACE_WORDS = lex.words("place_words")
RE_ARTICLE_BEFORE = re.compile(r"(?:^|\s)(?:[Tt]he|an?|An?)\s+$")  # "the British royal": a modifier follows
SHOW_WORDS = {"show", "hour", "podcast", "program", "programme", "report"}
ORG_JOINERS = {"of", "for", "and", "&", "on", "the"}  # lowercase words inside an organization's name
CLAUSE_OPENERS = lex.words("clause_openers")
DETERMINERS = lex.words("determiners")
ABBREVIATIONS = lex.words("abbreviations")
OCCUPATION_SUFFIXES = tuple(sorted(lex.words("occupation_suffixes")))
ADJ_SUFFIXES = tuple(sorted(lex.words("adjective_suffixes")))
GENDERED_PRONOUNS = {"he": "m", "she": "f"}
OPENER_CHECKS = SENTENCE_OPENERS  # first words worth checking with _drop_opener

RE_NAME_SEQ = re.compile(  # the look-behind after the first capital keeps the fast first-character scan;
    # possessive words (*+): no giving back letters, which a "." or a space must follow anyway
    r"[A-Z](?<![\w’'.].)(?:[\w’'\-]|\.(?=[A-Z]))*+\.?"
    r"(?:[ \t]+(?:(?:de|van|von|der|den|da|di|du|la|le|al|bin|ibn|el)[ \t]+)?(?:[A-Z](?:[\w’'\-]|\.(?=[A-Z]))*+\.?))*"
)
RE_POSSESSIVE = re.compile(r"[’']s?$")
RE_TOKEN = re.compile(r"\S+")
RE_BRACKETED_FIRST = re.compile(r"\(([A-Z][a-z]+)\) ([A-Z][\w’'\-]+)")
RE_CONTRACTION = re.compile(r"[’'](?:re|m|ll|ve|d|t)$|^(?:Here|There|That|What|It|Let|Who|He|She)[’']s$")
# ("You’re", "I’m", "Don't", "Here’s": not names)
RE_ACRONYM = re.compile(r"[A-Z][A-Z0-9&]{1,7}")
RE_ROLE_APPOSITION = re.compile(r",\s+(?:(?:the|a|an)\s+)?([^,.;:!?\n\"“”]{2,90}?)(?=,|\s+(?:said|says|told)\b|[.;]|$)")

SUBJECT, OBJECT, OBLIQUE = 0, 1, 2  # where a mention stands in its clause (lower ranks first)


class Piece(NamedTuple):
    """One name in a capitalized sequence: char offset of its role and of its name in the sequence."""

    role_at: int
    name_at: int
    name_end: int
    role: tuple[str, ...]
    name: tuple[str, ...]
    kind: str  # "person" | "org" | "name" (one capitalized word of unknown kind)
    possessive: bool


class Mention(NamedTuple):
    """A person/organization name or a "he"/"she" in the body."""

    start: int  # offset of the name (after any role words)
    end: int
    entity: int  # index into Cast.entities, -1 for a pronoun
    role_at: int  # offset where the role words before the name start (== start without a role)
    possessive: bool
    pronoun: str | None  # "m" | "f" for he/she


@dataclass(slots=True)
class Entity:
    """One person or organization of the article."""

    name: str  # the fullest name the article gives, titles left out
    tokens: tuple[str, ...]
    kind: str  # "person" | "org" | "name"
    gender: str | None = None
    role: str | None = None
    spoke: bool = False  # already resolved as the speaker of a quote
    pending: list[tuple[int, int, tuple[str, ...]]] = field(default_factory=list)  # mentions whose
    # role words are not read yet: (role_at, name_end, titles in the name's sequence); see Cast.settle


@dataclass(slots=True)
class Cast:
    """Everyone the article names, with their mentions in body order.

    The scan reads the multi-word names of the whole body. What only a pronoun or a description
    needs is found on first use: the one-word mentions of known people (every "Bridenstine" of
    "Jim Bridenstine"), and per paragraph its sentences and its "he"/"she"."""

    body: str
    text: BodyText
    entities: list[Entity] = field(default_factory=list)
    names: list[Mention] = field(default_factory=list)  # name mentions in body order
    quote_spans: list[tuple[int, int]] = field(default_factory=list)
    by_last: dict[str, list[int]] = field(default_factory=dict)  # last name token -> entities
    by_first: dict[str, list[int]] = field(default_factory=dict)
    by_name: dict[str, int] = field(default_factory=dict)  # a single word or an org's name -> entity
    by_org_prefix: dict[tuple[str, ...], int] = field(default_factory=dict)  # "Big Machine" -> its org
    by_tokens: dict[tuple[str, ...], int] = field(default_factory=dict)  # a person's name as written -> entity
    pronoun_cache: dict[int, int | None] = field(default_factory=dict)
    first_seen: dict[int, list[int]] = field(default_factory=dict)  # entity -> [offset of its first name mention]
    groups: list[tuple[int, str]] = field(default_factory=list)  # (pos, organization speaker) in order
    _name_starts: list[int] | None = None
    _paragraph_mentions: dict[int, list[Mention]] = field(default_factory=dict)
    _slots: dict[int, int] = field(default_factory=dict)

    def settle(self, idx: int) -> Entity:
        """The entity with its role and title-given gender read from its mentions (done on demand:
        most entities never speak)."""
        ent = self.entities[idx]
        while ent.pending and (ent.role is None or ent.gender is None):
            role_at, name_end, titles = ent.pending.pop(0)
            role_words = role_before(self.body, role_at) + list(titles)
            ent.gender = ent.gender or gender_of(ent.tokens[0] if len(ent.tokens) > 1 else "", role_words)
            ent.role = ent.role or role_text(role_words) or apposition_role(self.body, name_end)
        ent.pending.clear()
        return ent

    @property
    def paragraph_starts(self) -> list[int]:
        return self.text.paragraph_starts

    def paragraph_of(self, pos: int) -> int:
        return self.text.paragraph_of(pos)

    def paragraph_end(self, k: int) -> int:
        return self.text.paragraph_end(k)

    def sentences(self, k: int) -> list[int]:
        """Sentence starts of paragraph k."""
        return self.text.sentences(k)

    def sentence_key(self, pos: int) -> tuple[int, int]:
        """(paragraph, sentence in it) of pos: comparable, in body order."""
        return self.text.sentence_key(pos)

    def sentence_bounds(self, pos: int) -> tuple[int, int]:
        return self.text.sentence_bounds(pos)

    def in_quote(self, pos: int) -> bool:
        k = bisect.bisect_right(self.quote_spans, (pos, 1 << 62)) - 1
        return k >= 0 and self.quote_spans[k][0] <= pos < self.quote_spans[k][1]

    def slot(self, m: Mention) -> int:
        """SUBJECT, OBJECT or OBLIQUE: where the mention stands in its clause."""
        found = self._slots.get(m.role_at)
        if found is None:
            lo, _ = self.sentence_bounds(m.role_at)
            found = self._slots[m.role_at] = _slot(self.body, m.role_at, lo, m.possessive)
        return found

    def paragraph_mentions(self, k: int) -> list[Mention]:
        """Name and pronoun mentions of paragraph k, in order."""
        found = self._paragraph_mentions.get(k)
        if found is None:
            lo, hi = self.paragraph_starts[k], self.paragraph_end(k)
            found = self._paragraph_mentions[k] = sorted(
                self.names_between(lo, hi) + self.singles_between(lo, hi) + _pronouns(self.body, lo, hi))
        return found

    def names_between(self, lo: int, hi: int) -> list[Mention]:
        """Multi-word name mentions (and titled ones) starting in [lo, hi)."""
        if self._name_starts is None:
            self._name_starts = [m.start for m in self.names]
        starts = self._name_starts
        return self.names[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]

    def singles_between(self, lo: int, hi: int, create: bool = False) -> list[Mention]:
        """One-word mentions in [lo, hi) of entities known by that word ("Bridenstine" of "Jim
        Bridenstine"); create=True makes an entity of a word that names no one known yet."""
        body = self.body
        out = []
        covered = self.names_between(max(0, lo - 200), hi)
        c = 0
        for m in RE_NAME_SEQ.finditer(body, lo, hi):
            text = m.group()
            a = m.start()
            if " " in text:
                pieces = [p for p in parse_sequence(text) if len(p.name) == 1]  # "The CDC"
                if not pieces:
                    continue
                a += pieces[0].name_at
                token, possessive, role = pieces[0].name[0], pieces[0].possessive, list(pieces[0].role)
            else:
                if text.lower() in STOP_CAPS or bare_lower(text) in STOP_CAPS or RE_CONTRACTION.search(text):
                    continue
                token = strip_possessive(text.rstrip("."))
                possessive, role = len(token) < len(text.rstrip(".")), []
            while c < len(covered) and covered[c].end <= a:
                c += 1
            if c < len(covered) and covered[c].role_at <= a or not token or bare_lower(token) in STOP_CAPS:
                continue
            idx = single_entity(self, token, a, role, create=create)
            if idx >= 0:
                if create and idx == len(self.entities) - 1:
                    self.reset_mentions()  # a new entity: its other mentions count too
                out.append(Mention(a, a + len(token), idx, a, possessive, None))
        return out

    def reset_mentions(self) -> None:
        """Forget the paragraphs' mentions (a new entity was made: its other mentions count too)."""
        self._paragraph_mentions.clear()

    def mentions_between(self, lo: int, hi: int) -> list[Mention]:
        """Mentions starting in [lo, hi)."""
        out: list[Mention] = []
        for k in range(self.paragraph_of(lo), self.paragraph_of(max(lo, hi - 1)) + 1):
            out += [m for m in self.paragraph_mentions(k) if lo <= m.start < hi]
        return out

    def mentions_before(self, pos: int, paragraphs: int):
        """Mentions starting before pos, latest first, in pos's paragraph and the ones before it."""
        k = self.paragraph_of(pos)
        for j in range(k, max(-1, k - paragraphs - 1), -1):
            found = self.paragraph_mentions(j)
            for i in range(bisect.bisect_left([m.start for m in found], pos) - 1 if j == k else len(found) - 1, -1, -1):
                yield found[i]

# --------------------------------------------------------------------------- sequences -> pieces

def strip_possessive(token: str) -> str:
    """'Trump’s' -> 'Trump'; "Jones'" -> 'Jones'."""
    if token[-1] not in "s’'":
        return token
    return RE_POSSESSIVE.sub("", token) if len(token) > 2 and token[-2:] in ("’s", "'s") else token.rstrip("’'")


def bare_lower(token: str) -> str:
    """'Gov.' -> 'gov': the word as the word lists spell it."""
    return token.lower().rstrip(".")


def is_first_name(token: str) -> bool:
    """A known first name, or a hyphenated one whose first part is known ("Eva-Marie")."""
    low = token.lower()
    return low in FIRST_NAMES or ("-" in low and low.split("-", 1)[0] in FIRST_NAMES)


def _is_role_word(token: str) -> bool:
    low = token.lower()
    return low in ROLE_WORDS or low.rstrip(".") in ROLE_WORDS


def split_role(tokens: list[str]) -> tuple[list[str], list[str]]:
    """(role tokens, name tokens) of a capitalized sequence.

    The name follows the last title ("NASA Administrator Jim Bridenstine"); in what is left, a known
    first name that is not the first word starts the name ("Browns DL Sam Poe"); an unknown word
    with an occupation's ending before two more words is a title ("Volcanologist Einar Magnusson").
    A royal title stays with a lone given name ("Prince Andrew").
    """
    last_title = -1
    for i, tok in enumerate(tokens[:-1]):
        if _is_role_word(tok):
            last_title = i
    role, name = tokens[: last_title + 1], tokens[last_title + 1:]
    if len(name) >= 3 and not is_first_name(name[0]):
        k = next((i for i in range(1, len(name) - 1) if is_first_name(name[i]) and name[i][0].isupper()), None)
        if k is not None:
            role, name = role + name[:k], name[k:]
        elif not role and name[0].lower().endswith(OCCUPATION_SUFFIXES) and "of" not in name[:3]:
            role, name = name[:1], name[1:]
    if role and len(name) == 1 and bare_lower(role[-1]) in ROYAL_TITLES or (
            role and len(name) == 2 and bare_lower(name[-1]) in NAME_SUFFIXES and bare_lower(role[-1]) in ROYAL_TITLES):
        role, name = role[:-1], [role[-1]] + name
    return role, name


def _kind(name: list[str], role: list[str]) -> str:
    """'org', 'person' or 'name' for the name tokens of a piece."""
    lows = [bare_lower(t) for t in name]
    if len(name) <= 3 and is_first_name(name[0]) and not any(
            w in ORG_WORDS or w in ORG_NAME_WORDS or w in ORG_JOINERS for w in lows[1:]):
        return "person"  # "Kate York", "Kathleen Hall Jamieson": a first name, then place-like words
    if any(w in NON_PERSON_WORDS or w in ORG_NAME_WORDS or w in ORG_JOINERS or w.endswith(ORG_NOUN_ENDINGS)
           for w in lows):
        return "org"  # ("Border Protection", "Homeland Security": common nouns, not surnames)
    if len(name) == 1:
        if RE_ACRONYM.fullmatch(name[0]):
            return "org"
        return "person" if role and not all(bare_lower(r) in ORG_WORDS for r in role) else "name"
    if any(t.isupper() and len(t) > 1 and t.isalpha() for t in name) and not is_first_name(name[0]):
        return "org"  # "SLS Block", "NASA Goddard"
    if any(ch.isdigit() for t in name for ch in t):
        return "org"
    return "person"


def _cut_sentences(tokens: list[str]) -> list[list[str]]:
    """Split a sequence after a word that ends a sentence ("Iowa. Sanders" -> "Iowa.", "Sanders")."""
    parts, cur = [], []
    for k, tok in enumerate(tokens):
        cur.append(tok)
        if k < len(tokens) - 1 and tok.endswith(".") and len(tok) > 2 and tok.count(".") == 1 \
                and bare_lower(tok) not in ABBREVIATIONS and tok.lower() not in TITLE_WORDS and bare_lower(tok) not in NAME_SUFFIXES:
            parts.append(cur)
            cur = []
    if cur:
        parts.append(cur)
    return parts


def _split_possessives(tokens: list[str]) -> list[list[str]]:
    """Split after an inner possessive ("NASA’s Jet Propulsion Laboratory" -> "NASA’s", "Jet …") and
    before a word that starts a new phrase ("U.S. While Clinton" -> "U.S.", "While Clinton")."""
    parts, cur = [], []
    for k, tok in enumerate(tokens):
        if cur and tok[0].isupper() and tok.lower() in NAME_BREAKS:
            parts.append(cur)
            cur = []
        cur.append(tok)
        if k < len(tokens) - 1 and tok.endswith(("’s", "'s", "s’", "s'")) and len(tok) > 2:
            parts.append(cur)
            cur = []
    if cur:
        parts.append(cur)
    return parts


@lru_cache(maxsize=65536)
def parse_sequence(text: str) -> tuple[Piece, ...]:
    """The names in one capitalized sequence. Pure function of the text, so cached across articles."""
    toks = [(m.start(), m.group()) for m in RE_TOKEN.finditer(text)]
    pieces: list[Piece] = []
    words = [t for _, t in toks]
    offsets = [a for a, _ in toks]
    k = 0
    for sentence in _cut_sentences(words):
        for part in _split_possessives(sentence):
            piece = _piece(part, offsets[k:k + len(part)], text)
            k += len(part)
            if piece is not None:
                pieces.append(piece)
    return tuple(pieces)


def _piece(part: list[str], offsets: list[int], text: str) -> Piece | None:
    """One name from a run of capitalized words (leading stop words dropped), or None."""
    i = 0
    while i < len(part) and (bare_lower(part[i]) in STOP_CAPS_NO_HONORIFIC or RE_CONTRACTION.search(part[i])) and not (
            i + 1 < len(part) and part[i].lower() in FIRST_NAMES and part[i].lower() not in CALENDAR_WORDS) \
            and not (i == 0 and part[0] == "He" and len(part) == 2 and bare_lower(part[1]) not in STOP_CAPS):
        i += 1  # ("Will Tanner" keeps its first name; "He Jianxiong" its family name: a pronoun
        # is never followed by a capitalized word)
    part, offsets = part[i:], offsets[i:]
    if not part:
        return None
    last = part[-1]
    possessive = last.endswith(("’s", "'s", "s’", "s'")) and len(last) > 2
    part = part[:-1] + [strip_possessive(last) if possessive else last]
    if not part[-1] or not part[-1][0].isupper():
        return None
    role, name = split_role(part)
    if not name or (_is_role_word(name[-1]) and not is_first_name(name[0]) and not role):
        return None  # "U.S. Attorney’s Office", "Prime Minister": a title, no name ("Congressman Pete King" is)
    if len(name) >= 3 and bare_lower(name[-1]) in SHOW_WORDS and is_first_name(name[0]):
        name = name[:-1]  # "The Rachel Maddow Show": the host's name
    if name[-1].endswith(".") and bare_lower(name[-1]) not in NAME_SUFFIXES and len(name[-1]) > 2:
        name = name[:-1] + [name[-1].rstrip(".")]  # "said Smith." ends a sentence
    name_at = offsets[len(role)]
    last_at = offsets[len(part) - 1]
    name_end = last_at + len(name[-1])
    return Piece(offsets[0], name_at, name_end, tuple(role), tuple(name), _kind(name, role), possessive)


# --------------------------------------------------------------------------- the scan

def _word_before(body: str, pos: int, lo: int) -> tuple[int, str]:
    """(start, word) of the token ending right before pos (spaces skipped); ("", pos) at lo."""
    j = pos
    while j > lo and body[j - 1] in " \t":
        j -= 1
    k = j
    while k > lo and not body[k - 1].isspace() and body[k - 1] not in ",;:()—–\"“”":
        k -= 1
    if k == j and j > lo:
        return j - 1, body[j - 1]  # a punctuation mark
    return k, body[k:j]


def _slot(body: str, pos: int, sent_start: int, possessive: bool) -> int:
    """SUBJECT when a clause starts right before pos, OBLIQUE after a preposition, else OBJECT."""
    if possessive:
        return OBJECT
    if pos <= sent_start:
        return SUBJECT
    k, word = _word_before(body, pos, sent_start)
    if not word:
        return SUBJECT
    if word in ",;:(—–\"“”‘’" or word.lower() in CLAUSE_OPENERS:
        return SUBJECT
    if word.lower() in PREPOSITIONS:
        return OBLIQUE
    return OBJECT


def _drop_opener(body: str, start: int, text: str) -> int:
    """Characters to skip at the start of a sequence whose first word is not part of the name:
    a sentence opener ("Under NASA", "Hosting Cook") or the object of a preposition before a name
    ("ambassador to Britain Liu Xiaming")."""
    first, _, rest = text.partition(" ")
    if not rest or is_first_name(first):
        return 0
    low = first.lower()
    if (low in SENTENCE_OPENERS or low.endswith(("ing", "ly"))) and _at_sentence_start(body, start):
        return len(first) + 1
    if rest.count(" ") == 1 and low not in ROLE_WORDS and body[start - 4:start].lower() in (" to ", " of ", "for ", " in ", " at "):
        if not any(is_first_name(t) for t in rest.split()) and not any(bare_lower(t) in NON_PERSON_WORDS for t in rest.split()):
            return len(first) + 1
    return 0


def role_before(body: str, start: int) -> list[str]:
    """Role words right before a name ("Kremlin spokesman", "Oscar-winning actress", "former")."""
    words: list[str] = []
    pos = start
    lo = max(0, start - 80)
    while len(words) < 5:
        k, word = _word_before(body, pos, lo)
        if not word or not word[0].isalpha():
            break
        low = bare_lower(word)
        if low in DETERMINERS or (low in STOP_CAPS and low not in ("former", "new")) or "\n" in body[k:pos]:
            break
        if word[0].islower() and low not in ROLE_WORDS and low != "former" and not low.endswith(ADJ_SUFFIXES) \
                and not word.endswith(("-winning", "-based")):
            break
        words.insert(0, word)
        pos = k
    while words and bare_lower(words[-1]) not in ROLE_WORDS:
        words.pop()
    while words and words[0][0].islower() and bare_lower(words[0]) not in ROLE_WORDS and words[0] != "former" \
            and not words[0].endswith(("al", "-winning")):
        words.pop(0)
    return words


def apposition_role(body: str, end: int) -> str | None:
    """The role in an apposition after a name ("X, the U.S. attorney for Y, said" -> "U.S. attorney for Y")."""
    m = RE_ROLE_APPOSITION.match(body, end, min(len(body), end + 120))
    if not m:
        return None
    phrase = m.group(1).strip()
    words = phrase.split()
    if not words or len(words) > 12 or not any(bare_lower(w) in ROLE_WORDS for w in words[:5]):
        return None
    if words[0].lower() in ("who", "which", "whose", "where", "when"):
        return None
    return phrase


def gender_of(first: str, role: tuple[str, ...] | list[str]) -> str | None:
    """Gender from an honorific ("Mrs."), else the first name, else a gendered title ("spokesman")."""
    titled = None
    for tok in role:
        kind_gender = TITLE_WORDS.get(tok.lower()) or TITLE_WORDS.get(bare_lower(tok))
        if kind_gender and kind_gender[1] in ("m", "f"):
            if kind_gender[0] == "honorific":
                return kind_gender[1]
            titled = titled or kind_gender[1]
    low = first.lower()
    found = FIRST_NAMES.get(low) or ("-" in low and FIRST_NAMES.get(low.split("-", 1)[0]))
    return found if found in ("m", "f") else titled


def build_cast(body: str, quote_spans: list[tuple[int, int]] | None = None, title: str = "") -> Cast:
    """Scan the body once and cluster its names into entities.

    quote_spans: (start, end) of the quotations found in the body: names there are known (for the
    fullest form of a name) but never stand for a speaker or a pronoun's antecedent.
    """
    text_layout = BodyText(body)
    cast = Cast(body=body, text=text_layout, quote_spans=sorted(quote_spans or []))
    raw: list[tuple[int, int, Piece]] = []  # (role_at, name_at, piece)
    for start, text in _sequences(body, text_layout.capitalized_runs()):
        first = text[:text.find(" ")].lower()
        if first in OPENER_CHECKS or first.endswith(("ing", "ly")) or body[start - 4:start] in PREPOSITION_TAILS:
            skip = _drop_opener(body, start, text)
            if skip:
                text, start = text[skip:], start + skip
        for piece in parse_sequence(text):
            raw.append((start + piece.role_at, start + piece.name_at, piece))
    if ") " in body:
        for m in RE_BRACKETED_FIRST.finditer(body):  # "Coach (Frank) Vogel": an editor's first name
            piece = Piece(0, 0, 0, (), (m.group(1), m.group(2)), "person", False)
            raw.append((m.start(1), m.start(1), piece._replace(name_end=m.end(2) - m.start(1))))
    raw.sort(key=lambda r: r[1])  # (bracketed first names join their place in body order)
    _cluster(cast, raw, title)
    return cast


def _at_sentence_start(body: str, pos: int) -> bool:
    """Only quotation marks, brackets or markup between pos and the previous sentence's end."""
    j = pos
    while j > 0 and body[j - 1] in " \t\"“‘'([*_#>-":
        j -= 1
    return j == 0 or body[j - 1] in ".!?\n…:"


RE_ORG_JOIN = re.compile(r"[ \t]+(?:of|for|and|&|on)(?:[ \t]+the)?[ \t]+")
def _sequences(body: str, runs: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """(start, text) of the runs of two or more capitalized words; an organization's name is joined
    over its small words ("Department of Health and Social Care", "Customs and Border Protection"
    when "CBP" is used), other runs are cut there ("Noel and Thomas")."""
    out: list[tuple[int, str]] = []
    for a, text in runs:
        if a and (body[a - 1].isalnum() or body[a - 1] in "’'.</"):
            cut = text.find(" ") + 1  # a capital inside a word ("iPhone Maker") or a tag's name ("<Svg Onload")
            a, text = a + cut, text[cut:]
            if " " not in text:
                continue
        small = RE_SMALL_WORD.search(text)
        if ". " not in text and not small:
            out.append((a, text))  # (most runs: no period inside, no small word)
            continue
        spans: list[tuple[int, int]] = []
        for x, y in (_sentence_cuts(body, a, a + len(text)) if ". " in text else ((a, a + len(text)),)):
            if small:
                _join_small_words(body, x, y, spans)
            elif " " in body[x:y].strip():
                spans.append((x, y))
        out += [(x, body[x:y]) for x, y in spans]
    return out


PREPOSITION_TAILS = {" to ", " of ", "for ", " in ", " at "}
ORG_NOUN_ENDINGS = ("tion", "sion", "ity", "ism", "ics", "ness", "ship", "ology")
NOUN_ENDINGS = ("tion", "sion", "ment", "ity", "ance", "ence", "ism", "ics", "ness", "ship", "ology", "ure")
RE_SMALL_WORD = re.compile(r"[ \t][a-z&]")
RE_DOT_END = re.compile(r"\S+\.(?=\s)")


def _sentence_cuts(body: str, a: int, b: int) -> list[tuple[int, int]]:
    """A run split after a word that ends a sentence ("… Iowa. Sanders …")."""
    if "." not in body[a:b]:
        return [(a, b)]
    out = []
    for m in RE_DOT_END.finditer(body, a, b):
        tok = m.group()
        if len(tok) > 2 and tok.count(".") == 1 and bare_lower(tok) not in ABBREVIATIONS \
                and tok.lower() not in TITLE_WORDS and bare_lower(tok) not in NAME_SUFFIXES:
            out.append((a, m.end()))
            a = m.end() + 1
    out.append((a, b))
    return [(x, y) for x, y in out if x < y]


def _join_small_words(body: str, a: int, b: int, out: list[tuple[int, int]]) -> None:
    """Append the names of one run: parts joined by small words stay one name only for an
    organization."""
    joins = list(RE_ORG_JOIN.finditer(body, a, b))
    if not joins:
        if " " in body[a:b].strip():
            out.append((a, b))
        return
    parts, pos = [], a
    for j in joins:
        parts.append((pos, j.start()))
        pos = j.end()
    parts.append((pos, b))
    left = parts[0]
    joined = False
    for right in parts[1:]:
        text = body[left[0]:left[1]]
        last = bare_lower(text.rsplit(None, 1)[-1])
        right_text = body[right[0]:right[1]]
        chained = joined and (" " in right_text or not body[left[1]:right[0]].strip().startswith("and")
                              or right_text.lower().rstrip(".").endswith(NOUN_ENDINGS))
        if not is_first_name(right_text.split(None, 1)[0]) and (
                chained or last in ORG_WORDS or last in ORG_NAME_WORDS or _initials_used(body, text, right_text)
                or _group_for(body, text, body[left[1]:right[0]], right_text)):
            left, joined = (left[0], right[1]), True
            continue
        if " " in text:
            out.append(left)
        left, joined = right, False
    if " " in body[left[0]:left[1]]:
        out.append(left)


def _group_for(body: str, left: str, joiner: str, right: str) -> bool:
    """A plural common noun before "for" opens a group's name ("Doctors for Camp Closure"): one
    capitalized word ending in s that the article also writes in lowercase ("the doctors"), and a
    cause of two words or more after it ("Lawyers for Epstein" are a person's lawyers)."""
    if " " in left.strip() or joiner.split()[0] != "for" or len(right.split()) < 2 \
            or _is_role_word(right.split()[0]):
        return False
    word = left.strip()
    return len(word) > 3 and word.endswith("s") and not word.endswith("ss") and \
        re.search(r"\b" + re.escape(word.lower()) + r"\b", body) is not None


def _initials_used(body: str, left: str, right: str) -> bool:
    """The body uses the initials of "left … right" as an acronym ("Customs and Border Protection": CBP)."""
    words = (left + " " + right).split()
    if len(words) < 3 or any(is_first_name(w) for w in words[:1]):
        return False
    initials = "".join(w[0] for w in words if w[0].isupper())
    at = body.find(initials) if len(initials) >= 3 else -1
    while at >= 0:
        if not body[at - 1:at].isalnum() and not body[at + len(initials):at + len(initials) + 1].isalnum():
            return True
        at = body.find(initials, at + 1)
    return False


# --------------------------------------------------------------------------- clustering

def _last_token(tokens: tuple[str, ...]) -> str:
    """The surname: the last token that is not a suffix ("Kennedy" of "James Kennedy Jr.")."""
    for tok in reversed(tokens):
        if bare_lower(tok) not in NAME_SUFFIXES:
            return tok
    return tokens[-1]


def _core(tokens: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in tokens if bare_lower(t) not in NAME_SUFFIXES)


def _first_compatible(a: str, b: str) -> bool:
    """Same first name, an initial of it ("J." / "James"), or a short form ("Pat" / "Patrick")."""
    a, b = a.rstrip(".").lower(), b.rstrip(".").lower()
    if a == b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    short, long = sorted((a, b), key=len)
    return len(short) >= 3 and long.startswith(short)


def same_person(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Two multi-word person names that the article uses for one person."""
    ca, cb = _core(a), _core(b)
    if not ca or not cb or ca[-1] != cb[-1]:
        return False
    if ca == cb or ca == cb[-len(ca):] or cb == ca[-len(cb):]:
        return True  # "Hawk Sawyer" / "Kathleen Hawk Sawyer"
    return _first_compatible(ca[0], cb[0])


def _fuller(new: tuple[str, ...], old: tuple[str, ...]) -> bool:
    """The new form names the person more fully (more words; a spelled-out first name)."""
    if len(new) != len(old):
        return len(new) > len(old)
    return sum(len(t) for t in new) > sum(len(t) for t in old) and len(new[0].rstrip(".")) > 1


def _new_entity(cast: Cast, tokens: tuple[str, ...], kind: str, gender: str | None, role: str | None) -> int:
    idx = len(cast.entities)
    cast.entities.append(Entity(" ".join(tokens), tokens, kind, gender, role))
    if kind == "person" and len(tokens) >= 2:
        cast.by_last.setdefault(_last_token(tokens), []).append(idx)
        cast.by_first.setdefault(tokens[0], []).append(idx)
    return idx


def role_text(role: tuple[str, ...] | list[str]) -> str | None:
    """The role words as written, honorifics left out; none without a title word ("Crooked")."""
    if not any(_is_role_word(t) or bare_lower(t) in ORG_WORDS for t in role):
        return None
    text = " ".join(t for t in role if TITLE_WORDS.get(t.lower(), ("",))[0] != "honorific"
                    and TITLE_WORDS.get(bare_lower(t), ("",))[0] != "honorific")
    return text or None


def _person_entity(cast: Cast, piece: Piece, role_at: int, name_end: int) -> int:
    """The entity of a multi-word person name (merged with a compatible one, or new)."""
    tokens = piece.name
    idx = cast.by_tokens.get(tokens)
    if idx is None:
        idx = _merge_person(cast, tokens)
    if idx is None:
        idx = cast.by_org_prefix.get(tokens)
        if idx is not None:
            return idx  # "Big Machine" of "Big Machine Records"
        idx = _new_entity(cast, tokens, "person", gender_of(tokens[0], piece.role), None)
    cast.by_tokens[tokens] = idx
    ent = cast.entities[idx]
    if ent.role is None or ent.gender is None:
        ent.pending.append((role_at, name_end, piece.role))
    return idx


def _merge_person(cast: Cast, tokens: tuple[str, ...]) -> int | None:
    """A person already known under a compatible form of this name (the fuller form wins)."""
    for idx in cast.by_last.get(_last_token(tokens), ()):
        ent = cast.entities[idx]
        if same_person(tokens, ent.tokens):
            if _fuller(tokens, ent.tokens):
                ent.tokens, ent.name = tokens, " ".join(tokens)
                cast.by_first.setdefault(tokens[0], []).append(idx)
            ent.gender = ent.gender or gender_of(tokens[0], ())
            return idx
    return None


def _org_entity(cast: Cast, tokens: tuple[str, ...]) -> int:
    """The entity of an organization name; a shorter or longer form already seen is the same one
    ("Big Machine" / "Big Machine Records")."""
    name = " ".join(tokens)
    idx = cast.by_name.get(name)
    if idx is None:
        idx = cast.by_org_prefix.get(tokens)
    if idx is None and len(tokens) == 2 and RE_ACRONYM.fullmatch(tokens[1]):
        idx = _qualified_acronym(cast, tokens)  # "Chinese CDC" of "Chinese Center for Disease Control …"
    if idx is None:
        for k in range(len(tokens) - 1, 1, -1):
            found = cast.by_name.get(" ".join(tokens[:k]))
            if found is not None and all(bare_lower(t) in ORG_NAME_WORDS or bare_lower(t) in ORG_WORDS for t in tokens[k:]):
                idx = found
                ent = cast.entities[idx]
                ent.tokens, ent.name = tokens, name
                break
    if idx is None:
        idx = _new_entity(cast, tokens, "org", None, None)
    cast.by_name[name] = idx
    for k in range(len(tokens) - 1, 0, -1):  # shorter forms that drop trailing org words
        if bare_lower(tokens[k]) not in ORG_NAME_WORDS and (bare_lower(tokens[k]) not in ORG_WORDS or k == 1):
            break  # (one word left: only before a company word, "GateHouse Media"; not "Missouri Senate")
        cast.by_org_prefix.setdefault(tokens[:k], idx)
    return idx


def _qualified_acronym(cast: Cast, tokens: tuple[str, ...]) -> int | None:
    """The organization a qualified acronym abbreviates ("Chinese CDC"): its name starts with the
    qualifier and its initials hold the acronym."""
    for idx, ent in enumerate(cast.entities):
        if ent.kind == "org" and len(ent.tokens) > 2 and ent.tokens[0] == tokens[0] \
                and tokens[1] in "".join(t[0] for t in ent.tokens if t[0].isupper()):
            return idx
    return None


def _acronym_entity(cast: Cast, token: str) -> int | None:
    """The organization an acronym abbreviates ("DEA" -> "Drug Enforcement Administration")."""
    found = None
    for idx, ent in enumerate(cast.entities):
        if ent.kind != "org" or len(ent.tokens) < 2:
            continue
        initials = "".join(t[0] for t in ent.tokens if t[0].isupper())
        if token == initials or (len(token) >= 3 and token in initials):
            if found is not None and cast.entities[found].name != ent.name:
                return None
            found = idx
    return found


def _nearest(cast: Cast, candidates: list[int], positions: dict[int, list[int]]) -> int:
    """Of several people sharing a surname, the one the article named first: a surname alone stands
    for the story's main bearer of it ("Clinton" after "Hillary Clinton … her husband, Bill Clinton")."""
    if len(candidates) == 1:
        return candidates[0]
    return min(candidates, key=lambda idx: (positions.get(idx) or [1 << 30])[0])


def single_entity(cast: Cast, token: str, pos: int, role_words: list[str],
                  positions: dict[int, list[int]] | None = None, create: bool = True) -> int:
    """The entity of one capitalized word: a known person's surname or first name, an acronym, a
    word already known, or (create=True) a new entity of its own; -1 when none."""
    cands = cast.by_last.get(token)
    if cands:
        return _nearest(cast, cands, positions or cast.first_seen)
    idx = cast.by_name.get(token)
    if idx is not None:
        ent = cast.entities[idx]
        if role_words:
            if ent.kind == "name" and not all(bare_lower(r) in ORG_WORDS for r in role_words):
                ent.kind = "person"
            ent.gender = ent.gender or gender_of("", role_words)
            ent.role = ent.role or role_text(role_words)
        return idx
    idx = cast.by_org_prefix.get((token,))
    if idx is not None and not is_first_name(token) and bare_lower(token) not in PLACE_WORDS and \
            re.search(r"\b" + re.escape(token.lower()) + r"\b", cast.body) is None:
        return idx  # "GateHouse" of "GateHouse Media" (not "New" of "New Media": a word in lowercase too)
    if RE_ACRONYM.fullmatch(token):
        idx = _acronym_entity(cast, token)
        if idx is not None:
            return idx
    cands = [i for i in cast.by_first.get(token, ()) if cast.entities[i].kind == "person"]
    if cands and not is_first_name(token) and RE_ARTICLE_BEFORE.search(cast.body, max(0, pos - 5), pos):
        cands = []  # "the British royal" is no "British Realm": after an article, a word is no given name
    if cands and len({cast.entities[i].name for i in cands}) == 1:
        return cands[0]  # a first name ("Pamela"), or a family name written first ("Liu" of "Liu Xiaming")
    if not create and not role_words:
        return -1
    kind = _kind([token], role_words)
    idx = _new_entity(cast, (token,), kind, gender_of("", role_words), role_text(role_words))
    cast.by_name[token] = idx
    return idx


def _cluster(cast: Cast, raw: list[tuple[int, int, Piece]], title: str) -> None:
    """Entities from the pieces: full names first (so that a surname before its full name is
    linked too), then the title's full names, then single words with a title ("Mr. Cook" is the
    "Tim Cook" of the headline)."""
    body = cast.body
    entity_of: list[int] = [-1] * len(raw)
    positions: dict[int, list[int]] = {}
    for k, (role_at, name_at, piece) in enumerate(raw):  # organizations first: "Big Machine" may come
        if len(piece.name) >= 2 and piece.kind == "org":  # before "Big Machine Records"
            entity_of[k] = _org_entity(cast, piece.name)
    for k, (role_at, name_at, piece) in enumerate(raw):
        if len(piece.name) < 2:
            continue
        if piece.kind != "org":
            entity_of[k] = _person_entity(cast, piece, role_at, name_at + piece.name_end - piece.name_at)
        positions.setdefault(entity_of[k], []).append(name_at)
    if title:
        _link_title(cast, title)
    for k, (role_at, name_at, piece) in enumerate(raw):
        if entity_of[k] < 0 and piece.role:  # "Mr. Peskov", "Sen. Sasse": a one-word name with a title
            entity_of[k] = single_entity(cast, piece.name[0], name_at, list(piece.role), positions)
    cast.first_seen = {idx: at[:1] for idx, at in positions.items()}
    cast.names = [Mention(name_at, name_at + piece.name_end - piece.name_at, entity_of[k], role_at,
                          piece.possessive, None)
                  for k, (role_at, name_at, piece) in enumerate(raw) if entity_of[k] >= 0]


def _link_title(cast: Cast, title: str) -> None:
    """Fuller names from the title ("Tim Cook" in the title, only "Cook" in the body): a person the
    body knows by a shorter form, or by its surname alone, takes the title's full name."""
    for m in RE_NAME_SEQ.finditer(title):
        before_colon = title[m.end():m.end() + 1] == ":"
        for piece in parse_sequence(m.group()):
            if piece.kind != "person" or len(piece.name) < 2:
                continue
            for name in _title_names(piece.name, before_colon):
                _link_title_name(cast, name, piece.role)


def _title_names(tokens: tuple[str, ...], before_colon: bool) -> list[tuple[str, ...]]:
    """Full names in a Title-Case headline run: each known first name with the word after it
    ("Chris Christie Calls Hillary Clinton"), or a two-word run before a colon ("Cecile Richards:")."""
    if len(tokens) == 2 and before_colon and not (
            tokens[0].lower().endswith(("er", "or") + OCCUPATION_SUFFIXES) and tokens[0].lower() not in FIRST_NAMES):
        return [tokens]  # ("Hacker Guccifer:" is a role and a name)
    return [tokens[i:i + 2] for i in range(len(tokens) - 1) if tokens[i].lower() in FIRST_NAMES]


def _link_title_name(cast: Cast, name: tuple[str, ...], titles: tuple[str, ...]) -> None:
    """A person the body knows by a shorter form, or by its surname alone, takes this full name."""
    last = _last_token(name)
    known = [i for i in cast.by_last.get(last, ()) if same_person(name, cast.entities[i].tokens)]
    for idx in known:
        ent = cast.entities[idx]
        if _fuller(name, ent.tokens):
            ent.tokens, ent.name = name, " ".join(name)
    if not known and not cast.by_last.get(last) and \
            re.search(r"(?<![\w’'])" + re.escape(last) + r"(?![\w’'])", cast.body):
        _new_entity(cast, name, "person", gender_of(name[0], titles), None)


RE_PRONOUN_FAST = re.compile(r"[HhSs]h?e(?![\w’'])")


def _pronouns(body: str, lo: int, hi: int) -> list[Mention]:
    """A mention for every "he"/"she" of body[lo:hi]."""
    out = []
    for m in RE_PRONOUN_FAST.finditer(body, lo, hi):
        a = m.start()
        if a and (body[a - 1].isalnum() or body[a - 1] in "’'"):
            continue
        word = m.group()
        if word in ("he", "He", "she", "She"):
            out.append(Mention(a, m.end(), -1, a, False, GENDERED_PRONOUNS[word.lower()]))
    return out


