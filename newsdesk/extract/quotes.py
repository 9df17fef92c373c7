"""Quotations and their speakers, from a clean article body.

Rules and lexicons only (no model): quotation marks are paired per paragraph with a small state
machine that reads each mark's context (so straight, curly, mixed, guillemets and single quotes all
work, and a quote left open at the end of a paragraph runs to its end). Each quote is then
attributed inside its sentence (quotes masked, so their own punctuation does not split it):
`"…," X said`, `"…," said X`, `X said: "…"`, `X said that … "…"`, `according to X`, colon and dash
lead-ins, split quotes; a quote with no attribution in its sentence inherits the last speaker of the
same or the previous paragraphs. Speakers are then resolved within the article by `speakers`.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from typing import NamedTuple

from newsdesk.extract import lexicon as lex
from newsdesk.extract import speakers as spk


class QuoteMention(NamedTuple):
    """One quotation found in a body. Offsets are into the body string: body[start:end] == text.

    A NamedTuple rather than a frozen dataclass: same read-only fields, cheaper to build.
    """

    text: str  # the quoted words, without quotation marks
    start: int
    end: int
    paragraph_index: int  # 0-based index of the paragraph (body split on blank lines)
    kind: str  # "direct" | "partial" | "indirect"
    speaker: str | None  # resolved full name ("Sergei Lavrov") or organization ("Kremlin")
    speaker_as_written: str | None  # "Lavrov", "he", "the ministry"
    speaker_role: str | None  # "Russian Foreign Minister"
    cue: str | None  # cue verb as written ("noted", "told")
    cue_lemma: str | None  # "note", "tell"
    speaker_kind: str | None = None  # "person" | "organization" | "description" | None (not known)


# --------------------------------------------------------------------------- lexicon

CUE_FORMS = lex.CUE_FORMS
NAMING_CUES = lex.words("naming_cues")
WORK_NOUNS = lex.words("work_nouns")
ADVERBS = lex.words("adverbs")
NP_STOP = lex.words("np_stop")
INVERSION_LEMMAS = lex.words("inversion_lemmas")
INTRO_WORDS = lex.words("intro_words")
TITLE_SMALL_WORDS = lex.words("title_small_words")
TITLE_PREPS = lex.words("title_preps")
TITLE_FOLLOWERS = lex.words("title_followers")
PRONOUNS = lex.words("speaker_pronouns")
DETS = lex.words("determiners")
RELATIVE_DETS = lex.words("relative_determiners")  # "a letter that says": not a noun use
NOUN_DETS = DETS - RELATIVE_DETS  # (sets derived once here, not on every call)
STOP_CAPS = lex.words("stop_caps")
STOP_CAPS_RIGHT = STOP_CAPS - DETS - PRONOUNS - set(lex.TITLE_WORDS) - {"former"}
ABBREVIATIONS = lex.words("abbreviations")
PREPOSITIONS = lex.words("prepositions")
DASHES = {"—", "–", "―", "-"}
SENTENCE_OPENERS = lex.words("sentence_openers")
DOCUMENT_NOUNS = lex.words("document_nouns")
CLAUSE_CONJUNCTIONS = {"but", "while", "although", "though", "yet", "whereas"}

# --------------------------------------------------------------------------- regexes

def _trie_regex(words: list[str]) -> str:
    """A regex alternation of words as a trie (fast: one branch per next character)."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def walk(node: dict) -> str:
        alts = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return walk(trie)


RE_CUE = re.compile(r"(?<![A-Za-z'’\-])(?:According to|" + _trie_regex(sorted(CUE_FORMS)) + r")(?![a-z\-])")

MASK = "\ue000"
DOUBLE_MARKS = '"“”„«»‟'
SINGLE_MARKS = "‘’'‹›"
RE_DOUBLE = re.compile('["“”„«»‟]|’’')  # (two right single marks: a typographer's closing double mark)
RE_SINGLE = re.compile("[‘’'‹›]")
RE_SINGLE_OPEN = re.compile(r"(?:^|(?<=[\s(\[{—–/:;,\-\ue000]))[‘'‹](?=[\w…$])")
RE_INITIALS = re.compile(r"(?:[a-z]\.)+[a-z]")
RE_SPACE_CAP = re.compile(r"\s+[A-Z]")
RE_PARA_SEP = re.compile(r"\n\n")
RE_SENT_END = re.compile(r"[.!?…]+[\"”’'\)\]]*\s+(?=[A-Z\ue000“\"‘«(])")
# every branch starts with a character (the look-behind follows the "-"): the engine skips ahead to them
RE_WORD = re.compile(r"[A-Za-z][\w’'\-]*\.?|[\ue000]+|[:—–]|-(?<!\w-)(?!\w)|,|[<>]")  # (markup ends a phrase)
RE_TERMINAL = re.compile(r"[.!?:;…\"”’'\)\]]\s*$")
RE_COMMA_AFTER = re.compile(r"\s*[,—–―]|\s*-\s")
RE_COLON_LEAD = re.compile(r"^\s*(?:[A-Z][\w’'.\-]*\s+){0,5}[A-Z][\w’'.\-]*\s*(?:\([^)]*\)\s*)?:\s*$")
RE_DASH_COLON_LEAD = re.compile(r"\s[—–―-]+\s+((?:(?:[A-Z][\w’'.\-]*|and)\s+){0,6}[A-Z][\w’'.\-]*)\s*:\s*$")
DASH_LEAD_MAX_CHARS = 300  # the lead ends at the quote: looking further back finds nothing but costs a scan per quote
RE_DASH_AFTER = re.compile(r"\s*[—–―-]+\s*((?:[A-Z][\w’'.\-]*\s*){1,5})")
OPEN_CTX = set(" \t\n([{—–-/:;,\ue000") | set(DOUBLE_MARKS)
CLOSE_CTX = set(" \t\n.,;:!?)]}—–-…\ue000") | set(DOUBLE_MARKS) | set(SINGLE_MARKS)
# A double mark, or a single mark that can open a quote: after an opening context (or at the start)
# and before a letter, digit, "…" or "$" ([^\W_] is str.isalnum). The pattern opens with one set of
# all marks, so the engine skips ahead to them; apostrophes ("don't") never reach Python.
RE_OPEN_MARK = re.compile(
    '["“”„«»‟‘\'‹](?:(?<=["“”„«»‟])|(?<![^' + "".join(re.escape(c) for c in sorted(OPEN_CTX)) + '].)(?=[^\\W_]|[…$]))'
)


# --------------------------------------------------------------------------- quotation marks

def _mark_role(par: str, i: int) -> str:
    """'open', 'close' or 'either' for the quotation mark at par[i], from its neighbours."""
    ch = par[i]
    prev = par[i - 1] if i else " "
    nxt = par[i + 1] if i + 1 < len(par) else " "
    opener = prev in OPEN_CTX and not nxt.isspace()
    closer = not prev.isspace() and prev != MASK and (nxt in CLOSE_CTX or i + 1 == len(par))
    if ch in "“„«‟":
        return "close" if closer and not opener and ch == "“" and prev not in OPEN_CTX else "open"
    if ch in "”»":
        return "open" if opener and not closer else "close"
    if opener and not closer:
        return "open"
    if closer and not opener:
        return "close"
    return "either"


def find_double_spans(par: str) -> list[tuple[int, int, bool, bool]]:
    """(start, end, has_open_mark, has_close_mark) of the text inside double quotation marks."""
    spans: list[tuple[int, int, bool, bool]] = []
    open_at = None
    for m in RE_DOUBLE.finditer(par):
        i = m.start()
        role = _mark_role(par, i)
        if open_at is None:
            if role in ("open", "either"):
                open_at = i + 1
            elif not spans and par[:i].strip() and not RE_DOUBLE.search(par, 0, i):
                spans.append((0, i, False, True))  # closes a quote opened in an earlier paragraph
        elif role in ("close", "either"):
            spans.append((open_at, i, True, True))
            open_at = None
    if open_at is not None:
        spans.append((open_at, len(par.rstrip()), True, False))
    return [s for s in spans if par[s[0]:s[1]].strip()]


def find_single_spans(par: str) -> list[tuple[int, int, bool, bool]]:
    """Single quotation marks used as quotes ('…' / ‘…’), in a paragraph without double marks."""
    spans: list[tuple[int, int, bool, bool]] = []
    open_at = None
    for m in RE_SINGLE.finditer(par):
        i = m.start()
        prev = par[i - 1] if i else " "
        nxt = par[i + 1] if i + 1 < len(par) else " "
        if open_at is None:
            if m.group() in "‘'‹" and prev in OPEN_CTX and (nxt.isalnum() or nxt in "…$"):
                open_at = i + 1
        elif m.group() in "’'›" and not prev.isspace() and (i + 1 == len(par) or not nxt.isalnum()):
            if not (prev in "sS" and nxt == " " and par[i + 2:i + 3].islower() and i - open_at > 1 and _has_later_close(par, i)):
                spans.append((open_at, i, True, True))
                open_at = None
    return [s for s in spans if par[s[0]:s[1]].strip() and " " in par[s[0]:s[1]].strip() or (s[1] - s[0] > 2)]


def _has_later_close(par: str, i: int) -> bool:
    """True when another closing single mark follows (so a plural possessive is not the closer)."""
    return bool(re.search(r"[’'](?=[\s,.;:!?]|$)", par[i + 1:]))


def _trim(par: str, a: int, b: int) -> tuple[int, int]:
    """Shrink (a, b) to exclude surrounding whitespace."""
    while a < b and par[a].isspace():
        a += 1
    while b > a and par[b - 1].isspace():
        b -= 1
    return a, b


# --------------------------------------------------------------------------- blocks and sentences

def split_blocks(body: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph_index) of paragraph blocks; a paragraph split mid-sentence is re-joined."""
    paras, pos = [], 0
    for m in RE_PARA_SEP.finditer(body):
        paras.append((pos, m.start()))
        pos = m.end()
    paras.append((pos, len(body)))
    blocks: list[tuple[int, int, int]] = []
    for idx, (a, b) in enumerate(paras):
        if blocks and _is_mid_sentence_split(body, blocks[-1][1], a):
            blocks[-1] = (blocks[-1][0], b, blocks[-1][2])
        else:
            blocks.append((a, b, idx))
    return blocks


def _is_mid_sentence_split(body: str, prev_end: int, start: int) -> bool:
    """The previous paragraph stops without final punctuation and this one starts in lowercase."""
    return start < len(body) and body[start].islower() and not RE_TERMINAL.search(body, max(0, prev_end - 3), prev_end)


def sentence_bounds(masked: str, quote_ends: dict[int, str]) -> list[tuple[int, int]]:
    """Sentence (start, end) pairs over a masked paragraph; quotes ending in '.' close a sentence."""
    cuts = [0]
    for m in RE_SENT_END.finditer(masked):
        word = masked[max(0, m.start() - 6):m.start()].split()[-1:] or [""]
        w = word[0].lower().lstrip("(")
        if w.rstrip(".") in ABBREVIATIONS or (len(w) == 1 and w.isalpha()) or RE_INITIALS.fullmatch(w):
            continue
        cuts.append(m.end())
    quote_cuts = [end for end, last_char in quote_ends.items()
                  if last_char == "." and end < len(masked) and RE_SPACE_CAP.match(masked, end, end + 3)]
    if quote_cuts:  # (the regex cuts are already in order and distinct)
        cuts = sorted(set(cuts + quote_cuts))
    cuts.append(len(masked))
    return [(a, b) for a, b in zip(cuts, cuts[1:]) if a < b]


# --------------------------------------------------------------------------- cues and speakers

def find_cues(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    """(start, end, form) of every speech cue in text[lo:hi]. The text is scanned once (the windows
    asked for are sentences and the stretches around each quote: scanning each would be quadratic
    in a long sentence of many quotes); a window's cues are a slice of the text's."""
    if hi - lo <= SHORT_WINDOW:
        return [_cue(m) for m in RE_CUE.finditer(text, lo, hi)]
    cues, starts = _cues_of(text)
    found = cues[bisect.bisect_left(starts, lo):bisect.bisect_left(starts, hi)]
    return found[:-1] if found and found[-1][1] > hi else found


SHORT_WINDOW = 2_000  # a window this short is scanned as asked (cheaper than slicing the text's cues)


def _cue(m: re.Match) -> tuple[int, int, str]:
    return m.start(), m.end(), "according to" if m.group() == "According to" else m.group()


@functools.lru_cache(maxsize=4)
def _cues_of(text: str) -> tuple[list[tuple[int, int, str]], list[int]]:
    """Every speech cue of the text (one compiled alternation of the lexicon), and their starts."""
    cues = [_cue(m) for m in RE_CUE.finditer(text)]
    return cues, [c[0] for c in cues]


def _words_before(text: str, lo: int, hi: int) -> list[re.Match]:
    """Word/punctuation tokens of text[lo:hi]."""
    return list(RE_WORD.finditer(text, lo, hi))


def np_left(text: str, lo: int, cue_start: int) -> tuple[int, int] | None:
    """Span of the subject noun phrase that ends right before a cue (skipping adverbs and an apposition)."""
    toks = _words_before(text, lo, cue_start)
    i = len(toks) - 1
    while i >= 0 and toks[i].group().lower().rstrip(".") in ADVERBS:
        i -= 1
    if i >= 0 and toks[i].group() == ",":  # apposition: "Peskov, the Kremlin spokesman, said"
        return _apposition_head(toks, i)
    span = _np_ending_at(toks, i)
    if span and toks[i].group().lower() in ("team", "colleagues", "co-authors", "coauthors", "wife", "husband"):
        k = next((n for n, t in enumerate(toks) if t.start() == span[0]), None)
        if k is not None and k >= 2 and toks[k].group().lower() in ("his", "her", "their") \
                and toks[k - 1].group().lower() == "and":
            lead = _np_ending_at(toks, k - 2)  # "Paganini and his team wrote": the named lead speaks
            if lead and text[lead[0]:lead[0] + 1].isupper():
                return lead
    return span


def _apposition_head(toks: list[re.Match], i: int) -> tuple[int, int] | None:
    """The subject of a cue that follows a chain of appositions ("Omar Lamrani, a senior analyst at
    Stratfor, the Texas-based firm, told"): the noun phrase that opens the clause; a name in the
    second place after a description ("Labour's health spokesperson, Owen Pritchard, called")."""
    start = i - 1
    while start >= 0 and i - start < 90:
        w = toks[start].group()
        if MASK in w or w in (":", "—", "–", "-"):
            break
        start -= 1
    start += 1
    commas = [k for k in range(start, i) if toks[k].group() == ","] + [i]
    segments = list(zip([start] + [c + 1 for c in commas[:-1]], commas))
    for k in range(len(segments) - 1, 0, -1):  # "X has been eager, but General Y, chairman of Z, told"
        a, b = segments[k]
        if a < b and toks[a].group().lower() in CLAUSE_CONJUNCTIONS:
            segments = [(a + 1, b)] + segments[k + 1:]
            break
    while segments and segments[0][0] < segments[0][1] and len(segments) > 2 and (
            toks[segments[0][0]].group().lower() in INTRO_WORDS or toks[segments[0][0]].group().lower() in PREPOSITIONS):
        segments = segments[1:]  # "In a statement, Smith, the mayor, said", "Of Carson, Levine, …, said"
    if len(segments) < 2:
        return None
    (a0, b0), (a1, b1) = segments[0], segments[1]
    inner = toks[a1:b1]
    if 2 <= len(inner) <= 4 and all(t.group()[0].isupper() for t in inner) \
            and inner[0].group().lower() not in STOP_CAPS and (b0 - a0 > 4 or toks[b0 - 1].group()[0].islower()):
        return inner[0].start(), inner[-1].end()  # "Labour's spokesperson, Owen Pritchard, said"
    if b0 <= a0:
        return None
    span = _np_ending_at(toks, b0 - 1)
    if span and span[0] <= toks[a0].end():
        return span
    if span and b0 - a0 <= 8 and all(t.group()[0].isalpha() and t.group().lower() not in CUE_FORMS
                                     for t in toks[a0:b0]):
        return toks[a0].start(), span[1]  # "study lead author Lucas Paganini, a scientist at …, said"
    if len(segments) == 2 and 2 <= len(inner) <= 4 and all(t.group()[0].isupper() for t in inner) \
            and inner[0].group().lower() not in STOP_CAPS:
        return inner[0].start(), inner[-1].end()
    return span if len(segments) == 2 else None


def _np_ending_at(toks: list[re.Match], i: int) -> tuple[int, int] | None:
    """Noun phrase whose last token is toks[i]: a pronoun, a (titled) name or a determiner phrase."""
    if i < 0:
        return None
    last = toks[i].group()
    low = last.lower()
    if low in PRONOUNS:
        return toks[i].start(), toks[i].end()
    if MASK in last or low in NP_STOP or not last[0].isalpha() or low.rstrip(".") in STOP_CAPS:
        return None
    j = i
    while j - 1 >= 0 and i - j < 7:
        w = toks[j - 1].group()
        wl = w.lower().rstrip(".")
        if not w[0].isalpha() or MASK in w or (w.endswith(".") and wl not in lex.TITLE_WORDS and len(wl) > 1
                                                and wl not in ABBREVIATIONS):
            break
        if wl in DETS:
            j -= 1
            if j - 1 >= 0 and toks[j - 1].group() == "of" and j - 2 >= 0 and toks[j - 2].group()[0].isupper():
                continue  # "Einar Magnusson of the University of Iceland"
            break
        if wl in ("and", "&") and j - 2 >= 0 and toks[j - 2].group()[0].isupper() and w != "And" and (any(
                t.group() == "of" for t in toks[max(0, j - 4):j - 1]) or _det_within(toks, j - 2)):
            j -= 1  # "Department of Health and Social Care", "the Russian and Syrian defense ministries"
            continue
        if wl == "and" and _coordinated_roles(toks, j - 2, i):
            j -= 1  # "the singer and guitarist"
            continue
        if wl in NP_STOP and wl not in ("of", "for") or wl in PRONOUNS or wl in CUE_FORMS or wl in SENTENCE_OPENERS:
            break
        if w[0].islower() and wl not in lex.ROLE_WORDS and wl not in lex.ORG_WORDS and not (
                wl in ("of", "for") or wl.endswith(("al", "an", "ial", "ive", "ior", "ican", "ern"))
                or j - 1 == 0 or toks[j - 2].group().lower() in DETS or _det_within(toks, j - 2)):
            break
        j -= 1
    while j < i and toks[j].group().lower() in ("of", "for"):
        j += 1
    if toks[i].group()[0].islower() and toks[j].group().lower() not in DETS and low not in lex.ROLE_WORDS \
            and low not in lex.ORG_WORDS and not low.endswith("s"):
        return None
    return toks[j].start(), toks[i].end()


def _coordinated_roles(toks: list[re.Match], k: int, i: int) -> bool:
    """toks[k] "and" toks[i] are two lowercase nouns after a determiner, one of them a role ("the
    singer and guitarist"): one description of one person."""
    if k < 1 or i != k + 2 or toks[k - 1].group().lower() not in DETS:
        return False
    a, b = toks[k].group(), toks[i].group()
    return a.isalpha() and b.isalpha() and a.islower() and b.islower() and (
        a in lex.ROLE_WORDS or b in lex.ROLE_WORDS)


def _det_within(toks: list[re.Match], k: int, reach: int = 3) -> bool:
    """A determiner or a possessive opens the words toks[..k] within reach ("The French foreign
    ministry", "Russia's foreign ministry", "the Russian and Syrian defense ministries")."""
    for n in range(k, max(-1, k - reach - 1), -1):
        w = toks[n].group()
        wl = w.lower()
        if wl in DETS or (w.endswith(("'s", "’s")) and w[0].isupper()):
            return True
        if not w[0].isalpha() or MASK in w or (wl in NP_STOP and wl != "and") or wl in CUE_FORMS or wl in PRONOUNS:
            return False
    return False


RE_APPOSED_NAME = re.compile(r",\s+((?:[A-Z][\w’'\-]*\.?\s+){1,3}[A-Z][\w’'\-]*)(?=\s*(?:,|$|\.\s|\ue000))")


def _next_capitalized(toks: list[re.Match], t: re.Match) -> bool:
    """The token after t starts with a capital."""
    k = toks.index(t)
    return k + 1 < len(toks) and toks[k + 1].group()[:1].isupper()


def np_right(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """Span of the noun phrase right after a cue ("said Smith", "according to the ministry")."""
    toks = _words_before(text, start, hi)
    out = []
    for t in toks[:12]:
        w = t.group()
        if not w[0].isalpha() or MASK in w:
            break
        wl = w.lower().rstrip(".")
        if out and wl in ("from", "by") and out[-1].group().lower() in DOCUMENT_NOUNS:
            out.append(t)  # "a report from Kotak Institutional Equities": the author follows
            continue
        if out and wl in ("to", "at") and out[-1].group().lower() in lex.ROLE_WORDS and t is not toks[-1] \
                and _next_capitalized(toks, t):
            out.append(t)  # "China's ambassador to Britain Liu Xiaming"
            continue
        if out and (wl in NP_STOP and wl not in ("of", "for") or wl in CUE_FORMS) or len(out) >= 8 and not any(
                x.group().lower() in ("from", "by") for x in out):
            break
        if not out and (wl in NP_STOP or wl in CUE_FORMS or wl in STOP_CAPS_RIGHT) \
                and not (w[0].isupper() and wl in lex.FIRST_NAMES):  # "said Will Doyle"
            return None
        out.append(t)
        if wl in PRONOUNS and len(out) == 1:
            break
    while out and out[-1].group().lower() in ("of", "for", "the", "a"):
        out.pop()
    if not out:
        return None
    first = out[0].group()
    if first[0].islower() and first.lower() not in DETS and first.lower() not in PRONOUNS \
            and first.lower() not in lex.ROLE_WORDS and not any(t.group()[0].isupper() for t in out[1:]):
        return None  # a lowercase description must lead to a name: "former Gov. Jim Hodges"
    if first.lower() in DETS:
        named = RE_APPOSED_NAME.match(text, out[-1].end(), hi)
        if named:  # "said the bureau's director, James B. Comey, on Monday"
            return named.start(1), named.end(1)
    return out[0].start(), out[-1].end()


@dataclass(slots=True)
class Attribution:
    """Who (as written, with offsets in the block) said it, and the cue."""

    speaker: str | None
    speaker_at: int
    cue: str | None


def attribute(text: str, sent: tuple[int, int], qa: int, qb: int, quote_end_char: str) -> Attribution | None:
    """Attribution of the masked quote text[qa:qb] inside its sentence, or None."""
    s0, s1 = sent
    # "…," X said / "…," said X / "…?" he asked; a quote with no final mark needs a comma or dash after it
    if quote_end_char in (",", "?", "!") or (quote_end_char == "" and RE_COMMA_AFTER.match(text, qb)):
        found = _attribute_after(text, qb, s1, adjacent=True, end_char=quote_end_char)
        if found:
            return _antecedent(text, s0, found)
    m = RE_DASH_COLON_LEAD.search(text, max(s0, qa - DASH_LEAD_MAX_CHARS), qa)
    if m:  # 'Polls agree - Carl Bialik: "…"': the name after the dash introduces the quote
        return Attribution(m.group(1), m.start(1), ":")
    cues = find_cues(text, s0, qa)
    for c0, c1, form in reversed(cues):
        if form == "according to":
            span = np_right(text, c1, qa)
            if span:
                return Attribution(text[span[0]:span[1]], span[0], form)
            continue
        if form in NAMING_CUES and _naming_not_speech(text, c0, qa) or _is_noun_use(text, s0, c0, form):
            continue
        if text[max(s0, c0 - 3):c0] == "to " and any(c < c0 - 3 for c, _, _ in cues):
            continue  # "said it was too early to tell": the earlier cue has the subject
        if form.endswith("ing"):
            span = _with_subject(text, s0, c0) or _subject(text, s0, c0)
            if span:
                return _antecedent(text, s0, Attribution(text[span[0]:span[1]], span[0], form))
            if any(c < c0 for c, _, _ in cues):
                continue  # "issued a statement calling …": the earlier cue has the subject
        span = _passive_agent(text, s0, c0, c1, qa)
        if span is None and CUE_FORMS[form] in INVERSION_LEMMAS:
            span = _parenthetical_right(text, s0, c0, c1, qa)
        span = span or np_left(text, s0, c0)
        if span is None and CUE_FORMS[form] in INVERSION_LEMMAS and _clause_initial(text, s0, c0):
            span = np_right(text, c1, qa)  # Said Smith: "…" / "…," said Smith, "…"
        if span is None:
            span = _clause_subject(text, s0, c0)
        if span and _object_of_earlier_cue(text, span, cues, c0):
            continue  # "X told a young woman who suggested that "…"": X speaks
        if span:
            return _antecedent(text, s0, Attribution(text[span[0]:span[1]], span[0], form))
    found = _attribute_after(text, qb, s1, adjacent=False, end_char=quote_end_char)
    if found:
        return _antecedent(text, s0, found)
    found = _lead_in(text, s0, qa, qb, s1)
    if found:
        return found
    return _colon_subject(text, s0, qa)


RE_RELATIVE_OBJECT = re.compile(r"\s+(?:(?:a|an|the|one)\s+)?(?:[a-z][\w’'\-]*\s+){0,3}$")


def _object_of_earlier_cue(text: str, span: tuple[int, int], cues: list[tuple[int, int, str]], c0: int) -> bool:
    """The speaker is a relative "who" whose noun phrase is the object of an earlier cue in the
    sentence ("told a young woman who suggested"): the relative clause is not the attribution."""
    if text[span[0]:span[1]].lower() != "who":
        return False
    return any(e < span[0] and RE_RELATIVE_OBJECT.fullmatch(text, e, span[0]) for _, e, _ in cues if e <= c0)


def _colon_subject(text: str, s0: int, qa: int) -> Attribution | None:
    """A quote after a clause that ends in a colon, with no cue: the clause's subject when it is a
    name or he/she ("Buckley, who phoned in from the set, had a similar experience: "…"")."""
    pre = text[s0:qa].rstrip()
    if not pre.endswith(":") or pre[:-1].rstrip().endswith(MASK):
        return None
    span = _subject(text, s0, s0 + len(pre) - 1)
    if span is None:
        return None
    word = text[span[0]:span[1]]
    if not (word[:1].isupper() and word.split()[0].lower() not in DETS or word.lower() in ("he", "she")):
        return None
    return Attribution(word, span[0], ":")


def _named_np_right(text: str, start: int, hi: int) -> tuple[int, int] | None:
    """np_right, kept only for a name or a determiner + role ("Donald Hartley", "the senator")."""
    span = np_right(text, start, hi)
    if span is None:
        return None
    words = text[span[0]:span[1]].split()
    if words[0][0].isupper() and words[0].lower() not in PRONOUNS:
        return span
    if len(words) > 1 and words[0].lower() in DETS and words[1].lower().rstrip(".") in lex.ROLE_WORDS:
        return span
    if len(words) > 1 and words[0].lower().rstrip(".") in lex.ROLE_WORDS and words[1][0].isupper():
        return span  # "host Bill Maher"
    return None


RE_PASSIVE_BEFORE = re.compile(r"\b(?:was|were|is|are|been|being)\s+(?:\w+ly\s+)?$", re.IGNORECASE)
RE_BY = re.compile(r"\s+by\s+")


def _passive_agent(text: str, s0: int, c0: int, c1: int, hi: int) -> tuple[int, int] | None:
    """'Sanders was asked by host Bill Maher, "…"': the agent after "by" is the speaker."""
    if not RE_PASSIVE_BEFORE.search(text, s0, c0):
        return None
    m = RE_BY.match(text, c1, hi)
    return _named_np_right(text, m.end(), hi) if m else None


def _parenthetical_right(text: str, s0: int, c0: int, c1: int, hi: int) -> tuple[int, int] | None:
    """'The paradox, says Carl Anthony, is that …': a cue between commas, a name after it, is inverted."""
    if not text[s0:c0].rstrip().endswith(","):
        return None
    span = _named_np_right(text, c1, hi)
    if span is None or not text[span[1]:].lstrip().startswith(","):
        return None
    return span


def _clause_initial(text: str, s0: int, c0: int) -> bool:
    """Nothing but adverbs, punctuation or a quote before the cue in its clause ("…," said X)."""
    toks = [t.group() for t in RE_WORD.finditer(text, s0, c0)]
    while toks and toks[-1].lower() in ADVERBS:
        toks.pop()
    if not toks or MASK in toks[-1]:
        return True
    return toks[-1] in (",", ":", "—", "–", "-") and (len(toks) == 1 or MASK in toks[-2])


def _with_subject(text: str, s0: int, c0: int) -> tuple[int, int] | None:
    """Absolute clause "…, with Gorka noting …": the name right after "with" is the subject."""
    toks = _words_before(text, s0, c0)
    i = len(toks) - 1
    while i >= 0 and toks[i].group().lower() in ADVERBS:
        i -= 1
    span = _np_ending_at(toks, i) if i >= 0 else None
    if span is None:
        return None
    k = next((j for j, t in enumerate(toks) if t.start() == span[0]), None)
    return span if k and toks[k - 1].group().lower() == "with" else None


def _antecedent(text: str, s0: int, attr: Attribution) -> Attribution:
    """A relative "who" speaker ("a general who suggested") stands for the noun phrase before it."""
    if attr.speaker is None or attr.speaker.lower() != "who":
        return attr
    toks = _words_before(text, s0, attr.speaker_at)
    i = len(toks) - 1
    if i >= 0 and toks[i].group() == ",":
        i -= 1
    span = _np_ending_at(toks, i)
    if span is None:
        return attr
    return Attribution(text[span[0]:span[1]], span[0], attr.cue)


ANSWER_LEMMAS = {"respond", "reply", "answer"}
RE_THAT_AFTER = re.compile(r"\s+(?:\w+ly\s+)?that\b")


def _attribute_after(text: str, qb: int, s1: int, adjacent: bool, end_char: str = "") -> Attribution | None:
    """A cue after the quote with its subject ("…," X said) or inverted ("…," said X / "…" that …, said X).

    Not a cue that answers a quoted question ('"…?" Smith responded that …'), nor one past another quote
    when this one ends its sentence ('"…." "…?" Smith asked': the cue is the other quote's)."""
    cues = find_cues(text, qb, s1)
    for c0, c1, form in cues[:1] if adjacent else cues:
        if MASK in text[qb:c0] and (adjacent or end_char in (".", "?", "!")):
            return None
        if end_char == "?" and CUE_FORMS[form] in ANSWER_LEMMAS and RE_THAT_AFTER.match(text, c1):
            return None  # (the answer is the that-clause; '"…?" she replied' is her own reply)
        before = text[qb:c0]
        span = None
        if _is_noun_use(text, qb, c0, form):
            continue
        if CUE_FORMS[form] in INVERSION_LEMMAS and (not before.strip(" ,—–―-") or before.rstrip().endswith(",")):
            span = np_right(text, c1, s1)
        elif adjacent and not before.strip(" ,—–―-"):
            span = _named_np_right(text, c1, s1)  # '"…!" beamed Donald Hartley': any cue verb, a name after it
        if span is None and before.strip(" ,—–―-"):
            span = np_left(text, qb, c0)
            if span and adjacent and text[qb:span[0]].strip(" ,—–―-"):
                span = None
        if span:
            return Attribution(text[span[0]:span[1]], span[0], form)
    return None


def _is_noun_use(text: str, lo: int, c0: int, form: str) -> bool:
    """'his comments', 'a few questions', 'so-called': a cue form used as a noun or adjective."""
    prev = text[max(lo, c0 - 25):c0].split()
    if not prev:
        return False
    p = prev[-1].lower().strip(",")
    if p.endswith(("'s", "’s", "s'", "s’")) and p not in ("it's", "it’s", "that's", "that’s", "he's", "he’s",
                                                          "she's", "she’s", "who's", "who’s"):
        return True  # "Obama's remarks", "Rubio's proposed credit"
    if p.endswith("so-") or p in NOUN_DETS or p in ("past", "few", "recent", "earlier", "latest", "new", "many"):
        return True
    if CUE_FORMS[form] == form and form not in ("put", "read") and _after_det_and_nouns(prev):
        return True  # "on an investor conference call as …": a bare cue form after a determiner and nouns
    return form.endswith("s") and form != "says" and prev[-1][:1].islower() and p not in PRONOUNS \
        and p not in lex.ROLE_WORDS and p not in lex.ORG_WORDS and p not in ADVERBS


def _after_det_and_nouns(prev: list[str]) -> bool:
    """The words before a bare cue form make a noun phrase with it: "a"/"an" and one or two
    lowercase nouns ("a phone call", "an investor conference call"), or any determiner and two ("the
    investor conference call"); not "the police say", "the senators say"."""
    for n in (2, 3):
        if len(prev) >= n and prev[-n].lower() in NOUN_DETS:
            nouns = prev[-n + 1:]
            if n == 2 and prev[-n].lower() not in ("a", "an"):
                return False
            return all(w.isalpha() and w.islower() and w not in ADVERBS and w not in PRONOUNS
                       and w not in lex.ROLE_WORDS and w not in lex.ORG_WORDS for w in nouns) \
                and not nouns[-1].endswith("s")
    return False


def _subject(text: str, s0: int, hi: int) -> tuple[int, int] | None:
    """The subject of a sentence: its first noun phrase after an introductory phrase."""
    toks = _words_before(text, s0, hi)
    if toks and (toks[0].group().lower() in INTRO_WORDS or toks[0].group().lower() in SENTENCE_OPENERS):
        comma = next((k for k, t in enumerate(toks) if t.group() == ","), None)
        if comma is not None:
            return _first_np(text, toks[comma].end(), hi)
    return _first_np(text, s0, hi)


AUXILIARIES = {"would", "will", "has", "have", "had", "is", "was", "are", "were", "did", "does", "do", "could",
               "can", "may", "might", "should", "must", "also", "then", "later"}


def _clause_subject(text: str, s0: int, c0: int) -> tuple[int, int] | None:
    """The subject of the clause a cue stands in, when no noun phrase stands right before it: the
    clause opens at an unclosed parenthesis or at the sentence ("(the company would not … but called
    it", "In his initial post, Van Der Beek … noted")."""
    lo = text.rfind("(", s0, c0)
    if lo >= 0 and text.find(")", lo, c0) < 0:
        toks = _words_before(text, lo + 1, c0)
        if len(toks) > 2 and toks[0].group().lower() in DETS:
            k = 1
            while k < len(toks) and k < 5 and toks[k].group()[0].isalpha() and toks[k].group().lower() not in AUXILIARIES \
                    and toks[k].group().lower() not in NP_STOP:
                k += 1
            if 1 < k < len(toks) and toks[k].group().lower() in AUXILIARIES:
                return toks[0].start(), toks[k - 1].end()
        found = _subject(text, lo + 1, c0)
        if found:
            return found
    return _subject(text, s0, c0) or _first_np(text, s0, c0)


def _first_np(text: str, lo: int, hi: int) -> tuple[int, int] | None:
    """The first name or pronoun in text[lo:hi] (the subject of a coordinated clause)."""
    toks = _words_before(text, lo, hi)
    for k, t in enumerate(toks[:12]):
        w = t.group()
        if w.lower() in PRONOUNS:
            return t.start(), t.end()
        if k == 0 and (w.lower().endswith(("ly", "ing", "ed")) and w.lower() not in lex.FIRST_NAMES
                       or w.lower() in SENTENCE_OPENERS):
            continue  # "Hastily …, Trump said" / "Reached by phone, …" / "Once Trump left, …"
        if w[0].isupper() and w.lower().rstrip(".") not in STOP_CAPS:
            end = k
            while end + 1 < len(toks) and MASK not in toks[end + 1].group() and (
                    toks[end + 1].group()[0].isupper() or _role_then_name(toks, end + 1)):
                end += 1
            span = _np_ending_at(toks, end)
            return span or (t.start(), toks[end].end())
    return None


ROLE_LEAD_WORDS = lex.ROLE_WORDS | lex.ORG_WORDS | {"campaign"}


def _role_then_name(toks: list[re.Match], k: int) -> bool:
    """toks[k] is a lowercase role word followed by a capitalized name ("campaign manager Robby Mook")."""
    n = k
    while n < len(toks) and n - k < 3 and toks[n].group().lower() in ROLE_LEAD_WORDS:
        n += 1
    return n > k and n < len(toks) and toks[n].group()[0].isupper() and toks[n].group().lower() not in STOP_CAPS


def _naming_not_speech(text: str, c0: int, qa: int) -> bool:
    """'a group called "X"', 'so-called "X"': naming, not speech (nothing but the quote follows)."""
    prev = text[max(0, c0 - 20):c0].split()
    between = text[c0:qa].strip().split()[1:]
    return bool(prev) and prev[-1].lower() in ("a", "an", "the", "group", "program", "plan", "movement", "so-") \
        or not between


def _lead_in(text: str, s0: int, qa: int, qb: int, s1: int) -> Attribution | None:
    """`Name: "…"` colon lead-ins and `"…" — Name` dash sign-offs."""
    pre = text[s0:qa]
    if pre.strip() and RE_COLON_LEAD.match(pre):
        name = pre.strip().rstrip(":").strip()
        return Attribution(name, s0 + pre.index(name), ":")
    m = RE_DASH_AFTER.match(text, qb, s1)
    if m and m.group(1).strip():
        return Attribution(m.group(1).strip(), m.start(1), m.group(0).strip()[0])
    return None


# --------------------------------------------------------------------------- filters

WORK_NOUNS_SO_CALLED = WORK_NOUNS | {"so-called"}


def is_not_a_quote(text: str, block: str, a: int, b: int, attributed: bool) -> bool:
    """Scare quotes, titles of works and nicknames: short, unattributed, or framed as a name."""
    words = text.split()
    if len(words) > 6:
        return False  # every test below needs a short quote (most are long: skip the context slicing)
    before = block[max(0, a - 30):max(0, a - 1)].split()
    after = block[b + 1:b + 25].split()
    prev_word = before[-1].lower().strip(",") if before else ""
    if len(words) <= 6 and prev_word in WORK_NOUNS_SO_CALLED:
        return True
    if len(words) <= 4 and before and after and before[-1][:1].isupper() and after[0][:1].isupper() \
            and all(w[:1].isupper() for w in words) and block[a - 2:a - 1] == " " and prev_word not in STOP_CAPS:
        return True  # nickname: Dwayne "The Rock" Johnson
    return not attributed and len(words) <= 4


def is_title_of_work(text: str, block: str, a: int, b: int) -> bool:
    """A short Title-Case quote framed like a name: on CNN's "State of the Union", "Avatar" star; a
    longer one right after a work noun (his book "Financial Freedom: A Proven Path to …")."""
    if text[:1].islower():
        return False  # (a lowercase first letter is a lowercase first word: the test below, made early)
    if len(text) > 80:
        before = block[max(0, a - 20):max(0, a - 1)].split()
        return len(text) < 160 and bool(before) and before[-1].lower() in WORK_NOUNS and _title_case(text)
    words = [w for w in (t.strip(".,!?:;()") for t in text.split()) if w]
    if not words or len(words) > 7 or not words[0][:1].isupper() or words[-1].lower() in PRONOUNS:
        return False
    if any(w[:1].islower() for w in words if len(w) > 3 or w.lower() not in TITLE_SMALL_WORDS):
        return False
    before = block[max(0, a - 30):max(0, a - 1)].split()
    after = block[b + 1:b + 25].split()
    prev_word = before[-1].lower() if before else ""
    next_word = after[0].lower().strip(",.") if after else ""
    return prev_word.endswith(("'s", "’s", "s'", "s’")) or prev_word in TITLE_PREPS \
        or next_word in WORK_NOUNS or next_word in TITLE_FOLLOWERS


def _title_case(text: str) -> bool:
    """Every word of four letters or more starts with a capital."""
    words = [w for w in (t.strip(".,!?:;()") for t in text.split()) if w]
    return bool(words) and all(w[:1].isupper() for w in words if len(w) > 3 or w.lower() not in TITLE_SMALL_WORDS)


def title_list(block: str, spans: list[tuple[int, int, bool, bool]]) -> set[int]:
    """Indexes of quotes in a list of Title-Case titles ("Listen To The Music," "Black Water," and
    "China Grove"): four or more short ones joined only by commas and "and"/"or"."""
    out: set[int] = set()
    run: list[int] = []
    for k in range(len(spans)):
        a, b = spans[k][0], spans[k][1]
        item = len(block[a:b]) < 60 and block[a:b][:1].isupper() and _title_case(block[a:b])
        joined = bool(run) and RE_LIST_GAP.fullmatch(block[spans[k - 1][1] + 1:a - 1]) is not None
        if item and (joined or not run):
            run.append(k)
        else:
            if _is_title_run(block, spans, run):
                out.update(run)
            run = [k] if item else []
    if _is_title_run(block, spans, run):
        out.update(run)
    return out


def _is_title_run(block: str, spans: list[tuple[int, int, bool, bool]], run: list[int]) -> bool:
    """Four titles or more, or two or more in parentheses (filmmaker X ("The Discovery," "The One I
    Love"))."""
    if len(run) >= MIN_TITLE_LIST:
        return True
    if len(run) < 2:
        return False
    first, last = spans[run[0]][0], spans[run[-1]][1]
    return block[max(0, first - 2):first - 1] == "(" and block[last + 1:last + 2] == ")"


MIN_TITLE_LIST = 4  # (two or three can be nicknames or slogans someone said: "Miss Piggy," "Miss Housekeeping")
RE_LIST_GAP = re.compile(r"\s*,?\s*(?:(?:and|or)\s+)?")


# --------------------------------------------------------------------------- orchestration

@dataclass(slots=True)
class _Raw:
    """A quote found in a block, before speaker resolution."""

    a: int
    b: int
    para: int
    kind: str
    attr: Attribution | None
    open_end: bool
    continues: bool


def _mask(block: str, spans: list[tuple[int, int, bool, bool]]) -> str:
    """The block with every quote (marks included) replaced by MASK characters (spans in order)."""
    pieces, pos = [], 0
    for a, b, has_open, has_close in spans:
        lo, hi = a - (1 if has_open else 0), b + (1 if has_close else 0)
        pieces += (block[pos:lo], MASK * (hi - lo))
        pos = hi
    pieces.append(block[pos:])
    return "".join(pieces)


def _kind(masked: str, sent0: int, qa: int, text: str, continues: bool) -> str:
    """'direct' when the quote is the whole utterance, else 'partial'."""
    pre = masked[sent0:qa].rstrip()
    if continues or not pre or pre.endswith((":", MASK)) or (pre.endswith(",") and (text[:1].isupper() or MASK in pre)):
        return "direct"
    return "partial"


def extract_block(body: str, bstart: int, bend: int, para: int, carry_open: bool,
                  marked: list[tuple[int, int]] | None = None) -> list[_Raw]:
    """Quotes of one block with their in-sentence attributions (offsets relative to the body).

    marked: receives the body offsets of every span in quotation marks, titles of works included."""
    block = body[bstart:bend]
    if RE_DOUBLE.search(block):
        spans = find_double_spans(block)
    elif RE_SINGLE_OPEN.search(block):
        spans = find_single_spans(block)
    else:
        return []
    if not spans:
        return []
    if spans[0][2] is False and not carry_open:
        spans = spans[1:]
    if marked is not None:
        marked += [(bstart + a, bstart + b) for a, b, _, _ in spans]
    masked = _mask(block, spans)
    ends = {b + (1 if c else 0): block[a:b].rstrip()[-1:] for a, b, _, c in spans if block[a:b].strip()}
    sents = sentence_bounds(masked, ends)
    titles = title_list(block, spans) if len(spans) > 1 else ()
    out = []
    for n, (a, b, has_open, has_close) in enumerate(spans):
        if n in titles:
            continue
        qa, qb = a - (1 if has_open else 0), b + (1 if has_close else 0)
        sent = next((s for s in sents if s[0] <= qa < s[1]), (0, len(block)))
        text = block[a:b].strip()
        end_char = text.rstrip("\"”’' ")[-1:]
        attr = attribute(masked, sent, qa, qb, end_char if end_char in ".,?!" else "")
        if attr is None and has_open and masked[sent[0]:qa].strip() == "":
            attr = _reported_before(masked, sents, sent)
        if attr:
            attr.speaker_at += bstart
        ta, tb = _trim(block, a, b)
        continues = not has_open or (carry_open and qa == 0)
        kind = _kind(masked, sent[0], qa, text, continues)
        if is_not_a_quote(text, block, ta, tb, attr is not None) and not (continues or kind == "direct" and len(text.split()) > 2):
            continue
        if not continues and (is_title_of_work(text, block, ta, tb) or block[qa - 1:qa] == "="):
            continue  # a show's or a book's name; an HTML attribute value (author="…")
        out.append(_Raw(bstart + ta, bstart + tb, para + block.count("\n\n", 0, a), kind, attr, not has_close, continues))
    return out


def extract_quotes(body: str, title: str = "") -> list[QuoteMention]:
    """Every quotation in `body`, in reading order, with its speaker resolved within the article
    (the title, when given, may give a speaker's full name)."""
    marks = _mark_positions(body)  # blocks without any quotation mark are skipped
    if not marks:
        return []  # (so every block would be)
    raws: list[_Raw] = []
    marked: list[tuple[int, int]] = []
    prev: tuple[int, int] | None = None
    for bstart, bend, para in split_blocks(body):
        k = bisect.bisect_left(marks, bstart)
        if k == len(marks) or marks[k] >= bend:
            prev = (bstart, bend)
            continue
        found = extract_block(body, bstart, bend, para, bool(raws) and raws[-1].open_end, marked)
        if found and found[-1].attr is None and bend - found[-1].b <= 2:
            found[-1].attr = sign_off_paragraph(body, bend)
        if found and found[0].attr is None and not found[0].continues and prev is not None \
                and found[0].a - bstart <= 1:
            found[0].attr = lead_in_paragraph(body, *prev)
        raws.extend(found)
        prev = (bstart, bend)
    _fill_from_neighbours(raws)
    return _resolve(body, raws, marked, title)


RE_SIGN_OFF = re.compile(r"\n\n[ \t]*[—–―-][ \t]*([A-Z][^\n,]{0,40}?)[ \t]*(?=\n\n|$)")


def sign_off_paragraph(body: str, bend: int) -> Attribution | None:
    """A paragraph of only "– Name" right after a quote signs it (reviews, letters, pull quotes)."""
    m = RE_SIGN_OFF.match(body, bend)
    if m is None or len(m.group(1).split()) > 5:
        return None
    return Attribution(m.group(1).strip(), m.start(1), m.group(0).strip()[0])


def _mark_positions(body: str) -> list[int]:
    """Offsets of double quotation marks and of single marks that can open a quote (not apostrophes)."""
    return [m.start() for m in RE_OPEN_MARK.finditer(body)]


def lead_in_paragraph(body: str, bstart: int, bend: int) -> Attribution | None:
    """Who introduces the quote below a paragraph: one ending in a colon ("As the ministry said:"),
    or one whose last sentence reports speech without quoting it ("Smith said costs rose.")."""
    block = body[bstart:bend].rstrip()
    spans = find_double_spans(block) if RE_DOUBLE.search(block) else []
    masked = _mask(block, spans)
    sents = sentence_bounds(masked, {})
    if not sents:
        return None
    s0 = sents[-1][0]
    end = len(masked) - 1
    if not block.endswith(":") and MASK in masked[s0:]:
        return None
    attr = attribute(masked, (s0, end), end, end, ".")
    if attr is None or attr.cue == ":" or not attr.speaker:
        return None
    attr.speaker_at += bstart
    return attr


def _reported_before(masked: str, sents: list[tuple[int, int]], sent: tuple[int, int]) -> Attribution | None:
    """A quote opening its sentence, after a sentence of reported speech ("Smith said costs rose. "…"")."""
    k = sents.index(sent) if sent in sents else 0
    if k == 0:
        return None
    p0, p1 = sents[k - 1]
    if MASK in masked[p0:p1]:
        return None  # a quote there: the carry rule gives its speaker
    end = len(masked[:p1].rstrip()) - 1
    attr = attribute(masked, (p0, end), end, end, ".")
    if attr is None:
        attr = _author_of_message(masked, p0, end)
    return attr if attr is not None and attr.speaker and attr.cue != ":" else None


def _author_of_message(text: str, s0: int, s1: int) -> Attribution | None:
    """A sentence about a message, then the message ("Roe began the day with a signed tweet. "…""):
    the sentence's subject, when it is a name or he/she, wrote it."""
    for c0, _, form in find_cues(text, s0, s1):
        if _is_noun_use(text, s0, c0, form) and CUE_FORMS[form] == form:
            span = _subject(text, s0, c0)
            word = text[span[0]:span[1]] if span else ""
            if word[:1].isupper() and word.split()[0].lower() not in DETS or word.lower() in ("he", "she"):
                return Attribution(word, span[0], form)
            return None
    return None


def _fill_from_neighbours(raws: list[_Raw]) -> None:
    """Unattributed quotes take the speaker of the next piece of the same quote, else the last speaker."""
    for k in range(len(raws) - 2, -1, -1):
        if raws[k].attr is None and raws[k].open_end and raws[k + 1].continues and raws[k + 1].attr:
            raws[k].attr = raws[k + 1].attr
    last: _Raw | None = None
    for r in raws:
        if r.attr is None and last is not None and r.para - last.para <= 4:
            r.attr = Attribution(last.attr.speaker, last.attr.speaker_at, last.attr.cue)
        if r.attr is not None and r.attr.speaker:
            last = r


def _resolve(body: str, raws: list[_Raw], marked: list[tuple[int, int]], title: str = "") -> list[QuoteMention]:
    """Resolve speakers against the article's cast and build the mentions (names inside quotation
    marks, quotes and titles alike, never stand for a speaker)."""
    cast = spk.build_cast(body, marked, title)
    out = []
    for r in raws:
        speaker = role = written = cue = lemma = kind = None
        if r.attr is not None:
            written, cue = spk.without_markup(r.attr.speaker or "") or None, r.attr.cue
            speaker, role = spk.resolve_speaker(written, r.attr.speaker_at, cast)
            if cue in DASHES and written and (speaker is None or len(speaker) < len(written)):
                speaker = written  # a sign-off is a name as its writer wants it ("– Ni My")
            if speaker:
                kind = spk.note_speaker(cast, speaker, r.attr.speaker_at)
            lemma = CUE_FORMS.get(cue) if cue else None
        out.append(QuoteMention(body[r.a:r.b], r.a, r.b, r.para, r.kind, speaker, written, role, cue, lemma, kind))
    return out
