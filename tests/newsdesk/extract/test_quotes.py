"""Quote extraction: every pattern of issue #3 on hand-written sentences, plus property tests."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract import quotes
from newsdesk.extract.quotes import extract_quotes


# Reference implementations of two fast paths in quotes.py (the code they replaced): word by word
# and mark by mark. The fast versions must give exactly what these give.
RE_LOWER_WORD = re.compile(r"(?:[a-z]|A(?=ccording))[a-z]+")
RE_ANY_MARK = re.compile("[\"“”„«»‟‘'‹]")
CUE_MULTI = {k for k in quotes.CUE_FORMS if " " in k}
CUE_FIRST_OF_MULTI = {k.split()[0] for k in CUE_MULTI}


def find_cues_by_word(text: str, lo: int, hi: int) -> list[tuple[int, int, str]]:
    out = []
    for m in RE_LOWER_WORD.finditer(text, lo, hi):
        w = m.group().lower()
        if w in CUE_FIRST_OF_MULTI:
            nxt = RE_LOWER_WORD.match(text, m.end() + 1, hi)
            if nxt and text[m.end()] == " " and f"{w} {nxt.group()}" in CUE_MULTI:
                out.append((m.start(), nxt.end(), f"{w} {nxt.group()}"))
                continue
        if (w in quotes.CUE_FORMS and not (m.start() and text[m.start() - 1] in "-'’")
                and (m.end() >= len(text) or text[m.end()] not in "-")):
            out.append((m.start(), m.end(), w))
    return out


def mark_positions_by_mark(body: str) -> list[int]:
    out = []
    n = len(body)
    for m in RE_ANY_MARK.finditer(body):
        i = m.start()
        if body[i] in quotes.DOUBLE_MARKS or (i == 0 or body[i - 1] in quotes.OPEN_CTX) and i + 1 < n and (
                body[i + 1].isalnum() or body[i + 1] in "…$"):
            out.append(i)
    return out



def _rows(body: str) -> list[tuple[str, str | None, str | None, str]]:
    """(text, speaker, cue, kind) of every quote, trailing punctuation dropped from the text."""
    return [(q.text.rstrip(",.?!"), q.speaker, q.cue, q.kind) for q in extract_quotes(body)]


LEAD = "Maria Gonzalez, the mayor of Springfield, spoke on Monday.\n\n"


@pytest.mark.parametrize(
    "body, expected",
    [
        # "…," X said / "…," said X
        (LEAD + '"We will rebuild the bridge," Gonzalez said.',
         [("We will rebuild the bridge", "Maria Gonzalez", "said", "direct")]),
        (LEAD + '"We will rebuild the bridge," said Gonzalez.',
         [("We will rebuild the bridge", "Maria Gonzalez", "said", "direct")]),
        # X said: "…"
        (LEAD + 'Gonzalez said: "The bridge will open in May."',
         [("The bridge will open in May", "Maria Gonzalez", "said", "direct")]),
        # curly quotes, guillemets and mixed marks
        (LEAD + "“Nobody expected the flood,” Gonzalez told reporters.",
         [("Nobody expected the flood", "Maria Gonzalez", "told", "direct")]),
        (LEAD + "«Nobody expected the flood,» Gonzalez told reporters.",
         [("Nobody expected the flood", "Maria Gonzalez", "told", "direct")]),
        (LEAD + '"Nobody expected the flood,” Gonzalez told reporters.',
         [("Nobody expected the flood", "Maria Gonzalez", "told", "direct")]),
        # single quotes used as quotation marks
        (LEAD + "‘Nobody expected the flood,’ Gonzalez told reporters.",
         [("Nobody expected the flood", "Maria Gonzalez", "told", "direct")]),
        # partial quote inside a reported sentence
        (LEAD + 'Gonzalez said the repairs were "long overdue" and thanked the workers.',
         [("long overdue", "Maria Gonzalez", "said", "partial")]),
        # in a statement / wrote on Twitter
        (LEAD + '"The city is safe," Gonzalez said in a statement.',
         [("The city is safe", "Maria Gonzalez", "said", "direct")]),
        (LEAD + '"The city is safe," Gonzalez wrote on Twitter.',
         [("The city is safe", "Maria Gonzalez", "wrote", "direct")]),
        # according to X
        (LEAD + 'The damage was "worse than anything we have seen," according to Gonzalez.',
         [("worse than anything we have seen", "Maria Gonzalez", "according to", "partial")]),
    ],
)
def test_attribution_patterns(body, expected):
    assert _rows(body) == expected


def test_split_quote_gives_two_rows_one_speaker():
    body = LEAD + '"The water came fast," she said, "and nobody was ready for it."'
    assert _rows(body) == [
        ("The water came fast", "Maria Gonzalez", "said", "direct"),
        ("and nobody was ready for it", "Maria Gonzalez", "said", "direct"),
    ]


def test_quote_only_paragraph_carries_previous_speaker():
    body = LEAD + '"We have a plan," Gonzalez said.\n\n"It starts tomorrow morning."'
    assert [q.speaker for q in extract_quotes(body)] == ["Maria Gonzalez", "Maria Gonzalez"]


def test_unbalanced_quote_continues_into_next_paragraph():
    body = LEAD + 'Gonzalez said: "The first phase is done.\n\n"The second phase starts next week."'
    quotes = extract_quotes(body)
    assert [q.text for q in quotes] == ["The first phase is done.", "The second phase starts next week."]
    assert [q.paragraph_index for q in quotes] == [1, 2]
    assert {q.speaker for q in quotes} == {"Maria Gonzalez"}


def test_quote_broken_by_a_scraped_paragraph_split_is_one_row():
    body = LEAD + 'The council agreed "there is no\n\nneed to wait any longer," Gonzalez said.'
    (quote,) = extract_quotes(body)
    assert quote.text.startswith("there is no\n\nneed") and quote.speaker == "Maria Gonzalez"


@pytest.mark.parametrize(
    "body, expected",
    [
        (LEAD + 'Gonzalez: "Go home and stay dry."', ("Maria Gonzalez", ":")),
        (LEAD + 'Her message was short — "Go home and stay dry." — Maria Gonzalez', ("Maria Gonzalez", "—")),
        (LEAD + '"Go home and stay dry." — Maria Gonzalez', ("Maria Gonzalez", "—")),
    ],
)
def test_colon_and_dash_lead_ins(body, expected):
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == expected


@pytest.mark.parametrize(
    "body",
    [
        'The so-called "miracle diet" was popular in the 1990s.',
        'Wrestler Dwayne "The Rock" Johnson visited the school.',
        'She starred in the film "Quiet Harbor" last year.',
        'The band played "Blue Skies" twice.',
    ],
)
def test_scare_quotes_titles_and_nicknames_are_not_quotes(body):
    assert extract_quotes(body) == []


def test_offsets_and_cue_lemma():
    body = LEAD + "“We stand together,” Gonzalez added."
    (quote,) = extract_quotes(body)
    assert body[quote.start:quote.end] == quote.text
    assert (quote.cue, quote.cue_lemma) == ("added", "add")


def test_body_without_quotes():
    assert extract_quotes("The council met on Monday. It adjourned at noon.") == []


@pytest.mark.parametrize("body", ["", "It’s the mayor’s plan, Smith said.", "Rock ’n’ roll › jazz", "x'y dogs' bones"])
def test_body_with_no_opening_mark_has_no_quotes(body):
    assert extract_quotes(body) == []


PIECES = list("ab C,.:;-—\n\"“”‘’'«»") + ["Smith said", " he said", "\n\n", "Mr. ", "according to "]
TEXT = st.lists(st.sampled_from(PIECES), max_size=120).map("".join)


@settings(max_examples=300, deadline=None)
@given(TEXT)
def test_never_raises_and_offsets_point_at_text(body):
    for q in extract_quotes(body):
        assert body[q.start:q.end] == q.text
        assert q.kind in ("direct", "partial", "indirect")
        assert 0 <= q.paragraph_index <= body.count("\n\n")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_on_any_unicode(body):
    for q in extract_quotes(body):
        assert body[q.start:q.end] == q.text


def test_paragraph_ending_in_a_colon_introduces_the_quote_below():
    body = (LEAD + '"The water is rising," Gonzalez said.\n\n'
            'As the weather service warned in its bulletin on Tuesday:\n\n'
            '"Rivers will crest on Thursday night."')
    assert [q.speaker for q in extract_quotes(body)] == ["Maria Gonzalez", "weather service"]


def test_coordinated_said_keeps_the_subject_not_the_words_after_it():
    body = LEAD + 'Gonzalez praised the governor and said the state can "do much better" on roads.'
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Maria Gonzalez"


def test_absolute_with_clause_takes_the_name_after_with():
    body = ('Maria Gonzalez and Peter Hale toured the site, with Hale noting the "remarkable speed" '
            'of the repairs.')
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Peter Hale"


def test_unpunctuated_quote_end_is_not_read_as_a_comma():
    body = LEAD + 'Gonzalez said she was "still on the fence" until Hale said he would help.'
    (quote,) = extract_quotes(body)
    assert quote.speaker == "Maria Gonzalez"


@pytest.mark.parametrize(
    "body",
    [
        'Gonzalez told the station\'s "Morning Roundup" that the bridge was safe.',
        'The "Harbor Lights" star spent the weekend in Springfield.',
        'The page embeds a post <post author="citydesk" id="12">Bridge closed</post> from the council.',
    ],
)
def test_titles_of_shows_and_attribute_values_are_not_quotes(body):
    assert extract_quotes(LEAD + body) == []


def test_cue_after_that_is_a_verb_not_a_noun():
    body = LEAD + 'She showed a memo that says the repairs are "well ahead of schedule" this month.'
    (quote,) = extract_quotes(body)
    assert quote.cue == "says"


def test_compiled_cue_finder_matches_the_word_by_word_reference():
    from newsdesk.extract.quotes import find_cues
    text = ("According to the mayor, she said it, told us, pointed out the facts and went on; "
            "Trailing Borders Estates is not a cue, the so-called says-nothing either.")
    assert find_cues(text, 0, len(text)) == [c for c in find_cues_by_word(text, 0, len(text))
                                             if text[c[0] - 1:c[0]].isspace() or c[0] == 0]


def test_quote_after_a_sentence_of_reported_speech_takes_its_speaker():
    body = (LEAD + '"The river is high," Gonzalez said.\n\n'
            'Engineer Paul Novak said the pumps had failed twice. "We replaced them in March."')
    assert [q.speaker for q in extract_quotes(body)] == ["Maria Gonzalez", "Paul Novak"]


def test_quote_paragraph_after_a_paragraph_of_reported_speech():
    body = (LEAD + '"The river is high," Gonzalez said.\n\n'
            'Engineer Paul Novak said the pumps had failed twice.\n\n'
            '"We replaced them in March and they failed again."')
    assert [q.speaker for q in extract_quotes(body)] == ["Maria Gonzalez", "Paul Novak"]


@pytest.mark.parametrize(
    "body, speaker, role",
    [
        ('"Thanks for coming," said master of ceremonies Lena Ruiz, a local teacher.', "Lena Ruiz",
         "master of ceremonies"),
        ('"We are ready," said former Ohio Gov. Dale Pike, a party elder.', "Dale Pike", "former Ohio Gov."),
        ('"We are ready," said Will Tanner, a party elder.', "Will Tanner", None),
    ],
)
def test_inverted_speaker_with_a_description_or_a_stopword_first_name(body, speaker, role):
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.speaker_role) == (speaker, role)


def test_light_verb_statement_cue_and_participle_after_it():
    body = 'The water board issued a statement calling the plan "a victory for the valley."'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("water board", "issued a statement")


def test_inverted_read_cue():
    body = '"Vote for the levy," read the flyer.'
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("flyer", "read")


def test_cue_form_after_a_possessive_is_a_noun():
    body = ('Mayor Ana Ruiz, a critic of the plan, called the governor\'s remarks on Friday '
            '"a slap in the face."')
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("Ana Ruiz", "called")


@pytest.mark.parametrize("sentence, cue", [
    ('Councilwoman Ada Brennan ripped the transit agency for "years of neglect."', "ripped"),
    ('Ada Brennan exhorted the crowd to "keep the pressure on."', "exhorted"),
    ('"We did it, we really did," Ada Brennan beamed.', "beamed"),
    ('Ada Brennan scolded the board for its "reckless handling" of the budget.', "scolded"),
])
def test_colourful_speech_verbs_of_the_lexicon(sentence, cue):
    (quote,) = extract_quotes(sentence)
    assert (quote.speaker, quote.cue) == ("Ada Brennan", cue)


def test_issued_the_following_statement_introduces_the_quote_paragraph():
    body = ('Governor Lena Ostrowski issued the following statement:\n\n'
            '"Our thoughts are with the families of the victims."')
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue_lemma) == ("Lena Ostrowski", "issue a statement")


def test_any_cue_verb_is_inverted_right_after_a_quote_when_a_name_follows():
    body = ('Hundreds of fans waved flags in the hall.\n\n'
            '"This is the best night of my life!" gushed Marta Olsen of Duluth, Minnesota.')
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("Marta Olsen", "gushed")


def test_cue_between_commas_with_a_name_after_it_is_inverted():
    body = ('The irony of the plan, says Omar Haddad, a professor of economics, is that it '
            '"rewards the very banks that caused the crisis."')
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("Omar Haddad", "says")


def test_name_after_a_dash_and_before_a_colon_introduces_the_quote():
    body = ('Economists agree on the outlook - Lucia Ferreira: "Growth will slow in the second half '
            'of the year, but a recession is unlikely."')
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("Lucia Ferreira", ":")


def test_passive_cue_takes_the_agent_after_by():
    body = ('At the town hall, Mayor Ana Ruiz was asked by moderator Keith Dunn, '
            '"Will you raise property taxes next year?"')
    (quote,) = extract_quotes(body)
    assert (quote.speaker, quote.cue) == ("Keith Dunn", "asked")


# --- fast paths give what the plain versions give ----------------------------------------------------

@pytest.mark.parametrize("block, spans, masked", [
    ('He said "yes" and "no".', [(9, 12, True, True), (19, 21, True, True)], "He said ░░░░░ and ░░░░."),
    ('still going," she said. "And more', [(0, 12, False, True), (25, 33, True, False)],
     "░░░░░░░░░░░░░ she said. ░░░░░░░░░"),
    ("no quotes here", [], "no quotes here"),
    ('"whole"', [(1, 6, True, True)], "░░░░░░░"),
])
def test_mask_replaces_each_quote_and_its_marks(block, spans, masked):
    from newsdesk.extract.quotes import MASK, _mask
    assert _mask(block, spans) == masked.replace("░", MASK)


@pytest.mark.parametrize("text", [
    "a well-known - fact", "-starts with a dash", "ends with a dash -", "x -y z- w", "3-2 win", "--double",
    "Smith, the mayor: “said” — yes – no", "\ue000\ue000 said Mr. O’Neil-Hart", "é-é _-_ 1-a",
])
def test_word_tokens_match_the_look_behind_first_pattern(text):
    import re

    from newsdesk.extract.quotes import RE_WORD
    reference = re.compile(r"[A-Za-z][\w’'\-]*\.?|[\ue000]+|[:—–]|(?<!\w)-(?!\w)|,")
    for lo in range(len(text)):
        assert [m.span() for m in RE_WORD.finditer(text, lo)] == [m.span() for m in reference.finditer(text, lo)]


@pytest.mark.parametrize("body", [
    "He said \"yes\" and 'no' and don't.", "'Start here' and “curly” ‘single’ ‹guillemet› «double»",
    "x'y (‘a’) [‘1’] {'$5'} —'…' \ue000'z' \t'w' \n'v' /'u' :'t' ;'s' ,'r' -'q' \"'p'\"",
    "it's the dogs' bone", "'_under' 'é' '²' ' space' '", "", "'",
])
def test_open_mark_regex_matches_the_mark_by_mark_reference(body):
    from newsdesk.extract.quotes import _mark_positions
    assert _mark_positions(body) == mark_positions_by_mark(body)


@given(st.text(alphabet=list(" \t\n([{—–-/:;,\ue000\"“”„«»‟‘’'‹›aZ9_…$.²!"), max_size=12))
@settings(max_examples=300, deadline=None)
def test_open_mark_regex_matches_the_reference_on_any_mix_of_marks(body):
    from newsdesk.extract.quotes import _mark_positions
    assert _mark_positions(body) == mark_positions_by_mark(body)


@pytest.mark.parametrize("text, attributed, expected", [
    ("the rock", False, True), ("the rock", True, False), ("one two three four five six seven", False, False),
    ("book one two three four five six", False, False), ("one two three four five six", False, False),
])
def test_is_not_a_quote_short_and_long(text, attributed, expected):
    from newsdesk.extract.quotes import is_not_a_quote
    block = f'he saw "{text}" there'
    a = block.index(text)
    assert is_not_a_quote(text, block, a, a + len(text), attributed) is expected


def test_is_not_a_quote_after_a_work_noun_up_to_six_words():
    from newsdesk.extract.quotes import is_not_a_quote
    for text, expected in [("one two three four five six", True), ("one two three four five six seven", False)]:
        block = f'the book "{text}" sold'
        a = block.index(text)
        assert is_not_a_quote(text, block, a, a + len(text), True) is expected


@pytest.mark.parametrize("text, expected", [
    ("State of the Union", True), ("state of the Union", False), ("State " * 14 + "Union", False),
])
def test_is_title_of_work_needs_a_capital_first_word(text, expected):
    from newsdesk.extract.quotes import is_title_of_work
    block = f'on CNN\'s "{text}" show'
    a = block.index(text)
    assert is_title_of_work(text, block, a, a + len(text)) is expected


@pytest.mark.parametrize("body, speaker", [
    ('"We will rebuild," said Mayor Jane Roe <script>alert(1)</script><svg onload=alert(2)>.', "Jane Roe"),
    ('"We will rebuild," said Roe <script>alert(1)</script><svg onload=alert(1)>', "Roe"),
    ('"We will rebuild the town," said <script>alert(1)</script><svg onload=alert(1)> Jane Roe.', None),
    ('Jane Roe <script>alert(1)</script><svg onload=alert(1)>said: "We will rebuild the town."', "Jane Roe"),
    ('"We will rebuild the town," said the spokesman <b>for</b> <Svg Onload=alert(1)>.', "spokesman"),
    ('"We will rebuild the town."\n\n— Jane <script>Roe</script>', "Jane"),
])
def test_speakers_carry_no_tag_debris(body, speaker):
    """Markup left in a body (an injected <script> or <svg onload=…>) is never part of a speaker:
    the name stops where the tag starts, or there is no speaker."""
    [q] = extract_quotes(body)
    assert q.speaker == speaker
    for field in (q.speaker, q.speaker_as_written, q.speaker_role):
        assert field is None or not any(bit in field.lower() for bit in ("<", ">", "script", "onload", "svg"))
