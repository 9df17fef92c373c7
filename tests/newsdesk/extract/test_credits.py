"""Credits: detection of credit lines and their split into people and agencies.

Every line here is hand-written (invented names) in the shapes scraped articles use.
"""

from __future__ import annotations

import json
import re
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.extract.credits import (
    RE_EMPHASIS,
    RE_JOB_TITLE,
    RE_JOB_TITLE_END,
    RE_LINK,
    ROLES,
    RawCredit,
    _agencies,
    _drop_title,
    _is_name_token,
    _org_key,
    _plain,
    classify_line,
    normalize_organization,
    parse_credits,
    split_dateline,
    split_trailing_photo_credit,
)


def people(line: str) -> list[tuple[str, str | None, tuple[str, ...]]]:
    """classify_line + parse_credits -> [(role, name, organizations)]."""
    raw = classify_line(line)
    assert raw is not None, f"not detected as a credit: {line!r}"
    return [(e.role, e.name, e.organizations) for e in parse_credits([raw])]


# --- bylines ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("By Marta Quillen", [("byline", "Marta Quillen", ())]),
    ("By Marta Quillen and Oskar Brandt", [("byline", "Marta Quillen", ()), ("byline", "Oskar Brandt", ())]),
    ("By Marta Quillen, Oskar Brandt and Lena Voss",
     [("byline", "Marta Quillen", ()), ("byline", "Oskar Brandt", ()), ("byline", "Lena Voss", ())]),
    ("BY TOM HALVERSEN", [("byline", "Tom Halversen", ())]),
    ("**By Ines Carvalho**", [("byline", "Ines Carvalho", ())]),
    ("*By Ines Carvalho | Reuters*", [("byline", "Ines Carvalho", ("Reuters",))]),
    ("TOM HALVERSEN, AP Auto Writer", [("byline", "Tom Halversen", ("AP",))]),
    ("Priya Ramaswamy, Associated Press", [("byline", "Priya Ramaswamy", ("AP",))]),
    ("Priya Ramaswamy | Reuters", [("byline", "Priya Ramaswamy", ("Reuters",))]),
    ("By Priya Ramaswamy; Ap Sports Writer", [("byline", "Priya Ramaswamy", ("AP",))]),
    ("By GRETA LUND; HUGO MARSH Associated Press",
     [("byline", "Greta Lund", ("AP",)), ("byline", "Hugo Marsh", ("AP",))]),
    ("By Dana Whitfield; CNN Business", [("byline", "Dana Whitfield", ("CNN",))]),
    ("By Dana Whitfield is a reporter", [("byline", "Dana Whitfield", ())]),
    ("By Dana Whitfield News reporter", [("byline", "Dana Whitfield", ())]),
    ("By Analysis by Dana Whitfield; CNN Editor-at-large", [("byline", "Dana Whitfield", ("CNN",))]),
    ("By Dana Whitfield Tuesday; October", [("byline", "Dana Whitfield", ())]),
    ("By Reuters", [("byline", None, ("Reuters",))]),
    ("By The Associated Press", [("byline", None, ("AP",))]),
    ("By Agence France-Presse", [("byline", None, ("AFP",))]),
    ("By Lakeside Gazette staff", [("byline", None, ("Lakeside Gazette",))]),
    ("Jonas Eberle, staff writer", [("byline", "Jonas Eberle", ())]),
    ("By Abel van der Berg", [("byline", "Abel van der Berg", ())]),
    ("Written by Abel Moreau", [("byline", "Abel Moreau", ())]),
    ("By Ana Ruiz, Li Wen and Sam Oduya | Reuters",
     [("byline", "Ana Ruiz", ("Reuters",)), ("byline", "Li Wen", ("Reuters",)), ("byline", "Sam Oduya", ("Reuters",))]),
])
def test_bylines(line, expected):
    assert people(line) == expected


# --- photo credits ---------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    ("Dmitri Ostrov / AP / TASS", [("photo", "Dmitri Ostrov", ("AP", "TASS"))]),
    ("AFP / Noor Haddad", [("photo", "Noor Haddad", ("AFP",))]),
    ("AP Photo/Kelvin Marsh", [("photo", "Kelvin Marsh", ("AP",))]),
    ("(AP Photo/Kelvin Marsh, File)", [("photo", "Kelvin Marsh", ("AP",))]),
    ("Photo: Kelvin Marsh, AP", [("photo", "Kelvin Marsh", ("AP",))]),
    ("Photo: Kelvin Marsh/Reuters", [("photo", "Kelvin Marsh", ("Reuters",))]),
    ("(Photo by Kelvin Marsh/Getty Images)", [("photo", "Kelvin Marsh", ("Getty Images",))]),
    ("Image credit: Getty Images", [("photo", None, ("Getty Images",))]),
    ("*Main image credit: Getty*", [("photo", None, ("Getty Images",))]),
    ("Getty Images", [("photo", None, ("Getty Images",))]),
    ("© Reuters", [("photo", None, ("Reuters",))]),
    ("*© Reuters*", [("photo", None, ("Reuters",))]),
    ("Kelvin Marsh/EPA-EFE", [("photo", "Kelvin Marsh", ("EPA",))]),
    ("Kelvin Marsh/AFP via Getty Images", [("photo", "Kelvin Marsh", ("AFP", "Getty Images"))]),
    ("REUTERS/Kelvin Marsh", [("photo", "Kelvin Marsh", ("Reuters",))]),
    ("Photograph: Kelvin Marsh/AP", [("photo", "Kelvin Marsh", ("AP",))]),
    ("Image copyright Getty Images", [("photo", None, ("Getty Images",))]),
    ("Credit: Kelvin Marsh for The New York Times", [("photo", "Kelvin Marsh", ("The New York Times",))]),
])
def test_photo_credits(line, expected):
    assert people(line) == expected


# --- trailers ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("line, expected", [
    # the trailer's own "Reporting by" / "Writing by" names the author; "additional reporting" a contributor
    ("Reporting by Ana Ferreira; Editing by Colm Doyle",
     [("byline", "Ana Ferreira", ()), ("editor", "Colm Doyle", ())]),
    ("*(Reporting by Ana Ferreira in Lisbon; Editing by Colm Doyle)*",
     [("byline", "Ana Ferreira", ()), ("editor", "Colm Doyle", ())]),
    ("Reporting by Ana Ferreira; additional reporting by Ben Okafor and Sun Mei; Writing by Rhys Tanner; "
     "Editing by Colm Doyle and Eva Lind",
     [("byline", "Ana Ferreira", ()), ("contributor", "Ben Okafor", ()), ("contributor", "Sun Mei", ()),
      ("byline", "Rhys Tanner", ()), ("editor", "Colm Doyle", ()), ("editor", "Eva Lind", ())]),
    ("With reporting by Ben Okafor", [("contributor", "Ben Okafor", ())]),
    ("Additional reporting by [Ben Okafor](https://example.org/ben)", [("contributor", "Ben Okafor", ())]),
    ("*AFP contributed reporting.*", [("contributor", None, ("AFP",))]),
    ("Ben Okafor contributed reporting from Lagos.", [("contributor", "Ben Okafor", ())]),
    ("Associated Press writers Ben Okafor and Sun Mei contributed to this report.",
     [("contributor", "Ben Okafor", ("AP",)), ("contributor", "Sun Mei", ("AP",))]),
    ("Compiled by Rhys Tanner", [("contributor", "Rhys Tanner", ())]),
    ("Edited by Eva Lind", [("editor", "Eva Lind", ())]),
    ("*Contributing: Ben Okafor and Sun Mei, USA TODAY*",
     [("contributor", "Ben Okafor", ("USA Today",)), ("contributor", "Sun Mei", ("USA Today",))]),
    ("CNN's Sun Mei contributed to this report.", [("contributor", "Sun Mei", ("CNN",))]),
    ("The Associated Press contributed to this report.", [("contributor", None, ("AP",))]),
])
def test_trailers(line, expected):
    assert people(line) == expected


@pytest.mark.parametrize("line, expected", [
    ("Originally published on Live Wires.", [("other", None, ("Live Wires",))]),
    ("*This article was originally published by Orbit Weekly.*", [("other", None, ("Orbit Weekly",))]),
    ("This story first appeared in The Harbour Review under a Creative Commons licence.",
     [("other", None, ("The Harbour Review",))]),
    ("Republished with permission from Northfield Post", [("other", None, ("Northfield Post",))]),
    ("This chart, provided by DataPane, shows the counties with the most claims.", [("other", None, ("DataPane",))]),
    ("Source: Reuters", [("other", None, ("Reuters",))]),
    ("SOURCE: Harbour Statistics Office", [("other", None, ("Harbour Statistics Office",))]),
])
def test_source_lines(line, expected):
    assert people(line) == expected


@pytest.mark.parametrize("line", [
    "Source: the ministry said the figures were provisional.",  # prose after the label
    "The report was first published in March by the ministry.",
    "Sources said the talks had stalled.",
    "The study was published in Nature on Tuesday, and its authors say more work is needed.",
])
def test_prose_about_publishing_is_no_source_line(line):
    assert classify_line(line) is None


@pytest.mark.parametrize("line, expected", [
    ("By Jdwriter", [("byline", "Jdwriter", ())]),  # a site's user name is who the site credits
    ("By Reuters", [("byline", None, ("Reuters",))]),
])
def test_one_word_bylines(line, expected):
    assert people(line) == expected


# --- lines that are NOT credits --------------------------------------------------------------------

@pytest.mark.parametrize("line", [
    "By Tuesday the river had risen two metres.",
    "By contrast, the western suburbs stayed dry.",
    "By 2020, when the plant closed, only a few workers were left.",
    "By taking the train, commuters saved nearly an hour.",
    "Reporting by the local broadcaster showed that the mayor had known about the leak for months.",
    "The volunteers contributed money and time to rebuild the school.",
    "Residents gathered outside the town hall on Monday. **Flood season**",
    "Copyright ©2021 Example Media Inc. All Rights Reserved.",
    "Cover image: an artist's impression of the new bridge over the harbour",
    "Yes / No",
    "The ratio is 3/4 of the total.",
    "Paris, France",
    "Written permission is required from the owner.",
    "Posted by the moderators at 5 pm",
    "Lena Voss, the city's mayor, said the road would reopen.",
    "",
    "   ",
])
def test_not_credits(line):
    assert classify_line(line) is None


# --- datelines -------------------------------------------------------------------------------------

@pytest.mark.parametrize("paragraph, org, body", [
    ("WASHINGTON (Reuters) - The committee voted on Monday.", "Reuters", "The committee voted on Monday."),
    ("NEW YORK (AP) — The subway reopened.", "AP", "The subway reopened."),
    ("(AP) — The subway reopened.", "AP", "The subway reopened."),
    ("LONDON, May 3 (Reuters) - The bank held rates.", "Reuters", "The bank held rates."),
    ("**SPRINGFIELD, Ill. (AP)** — Lawmakers met.", "AP", "Lawmakers met."),
    ("(*Reuters*) — Shares fell.", "Reuters", "Shares fell."),
    ("PARIS (AFP) - Strikes continued.", "AFP", "Strikes continued."),
    ("TOKYO (Bloomberg) -- Stocks rose.", "Bloomberg", "Stocks rose."),
    ("Tbilisi (AFP) - In a cellar, wine waits.", "AFP", "In a cellar, wine waits."),
    ("New York (Reuters) - Shares fell.", "Reuters", "Shares fell."),
    ("July 22 (Reuters) - Revenue rose.", "Reuters", "Revenue rose."),
    ("Lisbon, 22 July (AFP) - Runners set off.", "AFP", "Runners set off."),
])
def test_dateline_becomes_wire_credit_and_leaves_the_body(paragraph, org, body):
    credit, rest = split_dateline(paragraph)
    assert rest == body
    assert [(e.role, e.name, e.organizations) for e in parse_credits([credit])] == [("wire", None, (org,))]


@pytest.mark.parametrize("paragraph", [
    "VIENNA — The house will become a police station.",
    "Shares of Example Corp (EXMP) - rose 3%.",
    "The company (which declined to comment) — said nothing.",
    "Officials at the Agency (Unknown Wire) - said nothing.",
    "He joined the network (CNN) later.",
    "",
])
def test_no_dateline(paragraph):
    assert split_dateline(paragraph) == (None, paragraph)


# --- trailing photo credits in captions ------------------------------------------------------------

@pytest.mark.parametrize("caption, text_out, expected", [
    ("Protesters march in the capital. **Dmitri Ostrov / AP / TASS**", "Protesters march in the capital.",
     [("photo", "Dmitri Ostrov", ("AP", "TASS"))]),
    ("Protesters march in the capital. Dmitri Ostrov / AP / TASS", "Protesters march in the capital.",
     [("photo", "Dmitri Ostrov", ("AP", "TASS"))]),
    ("The senator speaks on Monday. (AP Photo/Kelvin Marsh)", "The senator speaks on Monday.",
     [("photo", "Kelvin Marsh", ("AP",))]),
    ("The rocket on the pad. (credit: NASA/Jo Park)", "The rocket on the pad.", [("photo", "Jo Park", ("NASA",))]),
    ("The new gallery, installation view, photos © Studio Nord, 2019", "The new gallery, installation view",
     [("photo", None, ("Studio Nord",))]),
    ("Frost on the blossoms near Marlow, Ga. Ines Okafor / The Valley Courier", "Frost on the blossoms near Marlow, Ga.",
     [("photo", "Ines Okafor", ("The Valley Courier",))]),
])
def test_trailing_photo_credit(caption, text_out, expected):
    rest, credit = split_trailing_photo_credit(caption)
    assert rest == text_out
    assert [(e.role, e.name, e.organizations) for e in parse_credits([credit])] == expected


@pytest.mark.parametrize("caption", [
    "He said the result was clear. **Important**",
    "Prices rose 3/4 of a point on the day.",
    "**Dmitri Ostrov / AP**",  # nothing left as a caption
])
def test_no_trailing_photo_credit(caption):
    assert split_trailing_photo_credit(caption) == (caption, None)


# --- round 2 forms: wire sign-offs, contributors with places, agencies in job titles ---------------

@pytest.mark.parametrize("line, expected", [
    ("AFP", [("wire", None, ("AFP",))]),
    ("*Reuters*", [("wire", None, ("Reuters",))]),
    ("— AP", [("wire", None, ("AP",))]),
    ("Associated Press writer Lena Voss in Denver contributed to this report.", [("contributor", "Lena Voss", ("AP",))]),
    ("Associated Press writers Lena Voss in Denver, Colorado, and Oskar Brandt in Reno, Nevada, contributed to this report.",
     [("contributor", "Lena Voss", ("AP",)), ("contributor", "Oskar Brandt", ("AP",))]),
    ("*Gazette staff writer Oskar Brandt in Mobile contributed to this report.*", [("contributor", "Oskar Brandt", ())]),
    ("By Lena Voss, AP Auto Writer", [("byline", "Lena Voss", ("AP",))]),
])
def test_round2_forms(line, expected):
    assert people(line) == expected


@pytest.mark.parametrize("line", [
    "The Hill / The Times",  # no person
    "Reuters reported that the talks had stalled.",
    "The volunteers contributed to this report's data collection and more besides, said the mayor of the town.",
])
def test_round2_non_credits(line):
    assert classify_line(line) is None


# --- parsing details -------------------------------------------------------------------------------

@pytest.mark.parametrize("alias, canonical", [
    ("Associated Press", "AP"), ("The Associated Press", "AP"), ("Agence France-Presse", "AFP"),
    ("Agence France Presse", "AFP"), ("Thomson Reuters", "Reuters"), ("Getty", "Getty Images"),
    ("EPA-EFE", "EPA"), ("Unknown Weekly", None),
])
def test_normalize_organization(alias, canonical):
    assert normalize_organization(alias) == canonical


def test_duplicates_are_merged():
    raw = [RawCredit("photo", "Photo: Kelvin Marsh, AP")] * 3 + [
        RawCredit("byline", "By KELVIN MARSH; AP National Writer"), RawCredit("byline", "Kelvin Marsh, Ap National Writer")]
    got = [(e.role, e.name) for e in parse_credits(raw)]
    assert got == [("photo", "Kelvin Marsh"), ("byline", "Kelvin Marsh")]


def test_same_surname_different_people_kept():
    got = [e.name for e in parse_credits([RawCredit("byline", "By Tom Berg and Ada Berg")])]
    assert got == ["Tom Berg", "Ada Berg"]


def test_raw_is_the_source_line_and_roles_are_closed():
    line = "Reporting by Ana Ferreira; Editing by Colm Doyle"
    entries = parse_credits([classify_line(line)])
    assert {e.raw for e in entries} == {line}
    assert {e.role for e in entries} <= set(ROLES)


# --- properties: never raise, always well-formed ---------------------------------------------------

@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_detection_never_raises(text):
    raw = classify_line(text)
    credit, rest = split_dateline(text)
    caption, photo = split_trailing_photo_credit(text)
    assert rest == text if credit is None else text.endswith(rest)
    assert raw is None or raw.role in ROLES
    assert photo is None or caption != text
    for entry in parse_credits([r for r in (raw, credit, photo) if r]):
        assert entry.role in ROLES and (entry.name or entry.organizations)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.builds(RawCredit, st.sampled_from(ROLES), st.text(max_size=120)), max_size=5))
def test_parse_never_raises(raw):
    for entry in parse_credits(raw):
        assert entry.role in ROLES


# --- fast paths give what the plain regexes give -----------------------------------------------------

def _reference_alias_re() -> re.Pattern[str]:
    """The agencies regex as first written: every alias, longest first, in one flat alternation."""
    data = json.loads(resources.files("newsdesk.resources").joinpath("agencies.json").read_text("utf-8"))
    aliases = {x for a in data["agencies"] for x in [a["name"], *a["aliases"]]}
    alt = "|".join(re.escape(x).replace(r"\ ", r"\s+") for x in sorted(aliases, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:the\s+)?(?:{alt})(?![\w-])", re.IGNORECASE)


REFERENCE_ALIAS_RE = _reference_alias_re()
ALIAS_TEXTS = [
    "AP Photo/Evan Vucci", "AFP Photos via Getty Images", "the Associated Press Photo", "REX/Shutterstock",
    "Cleveland.com and Cleveland com", "Bloomberg L.P. News", "USA TODAY Sports", "apa", "Getty Images for Netflix",
    "Agence France-Presse", "Al Jazeera News Network", "The  Associated\nPress", "istockphoto", "EPA-EFE/Reuters",
    "ıstock", "ITAR-TASS", "A.P.", "Reuters-Ipsos", "the the Guardian", "Condé Nast", "CONDE NAST",
]


@pytest.mark.parametrize("text", ALIAS_TEXTS)
def test_alias_trie_finds_what_the_longest_first_alternation_finds(text):
    agencies = _agencies()
    spans = [m.span() for m in agencies.alias_re.finditer(text)]
    assert spans == [m.span() for m in REFERENCE_ALIAS_RE.finditer(text)]
    assert agencies.mentioned_in(text) == bool(spans)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(ALIAS_TEXTS + ["the", "x", "Press", "News", "-", ".", "/", " ", "\t", "ſ", "İ"]),
                max_size=8), st.sampled_from(["", " ", "-"]))
def test_alias_trie_property(pieces, sep):
    text = sep.join(pieces)
    assert [m.span() for m in _agencies().alias_re.finditer(text)] == [m.span() for m in REFERENCE_ALIAS_RE.finditer(text)]
    assert _agencies().mentioned_in(text) == (REFERENCE_ALIAS_RE.search(text) is not None)


def _reference_plain(text: str) -> str:
    s = RE_LINK.sub(r"\1", text)
    s = RE_EMPHASIS.sub("", s.replace("\\", ""))
    s = re.sub(r"\s+", " ", s).strip()
    while len(s) > 2 and s[0] == "(" and s[-1] == ")" and s.count("(") == 1:
        s = s[1:-1].strip()
    if s.startswith("(") and s.endswith(").") and s.count("(") == 1:
        s = s[1:-2].strip()
    return s


@pytest.mark.parametrize("text, plain", [
    ("  **By** [Jane Roe](http://x.org/jr)\u00a0\n", "By Jane Roe"),
    ("(Photo: AP)", "Photo: AP"),
    ("(AP Photo/Evan Vucci).", "AP Photo/Evan Vucci"),
    ("snake_case \\*not\\* emphasis", "snake_case not emphasis"),
    ("a\u2028b\x1cc", "a b c"),
])
def test_plain(text, plain):
    assert _plain(text) == plain == _reference_plain(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="ab ()[]*_\\\t\n\u00a0\u2028\x1c.", max_size=40))
def test_plain_property(text):
    assert _plain(text) == _reference_plain(text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="AaPp .-’',;:\t\n\u00a0Theß", max_size=30))
def test_org_key_collapses_whitespace_like_the_regex(text):
    s = text.casefold().replace(".", " ").replace("-", " ").replace("\u2019", "'")
    s = re.sub(r"\s+", " ", s).strip(" ,;:'")
    assert _org_key(text) == (s[4:] if s.startswith("the ") else s)


@pytest.mark.parametrize("token, expected", [
    ("Smith", True), ("O'Neil", True), ("Jean-Luc", True), ("J.", True), ("van", True), ("de", True),
    ("smith", False), ("Smith2", False), ("R2D2", False), ("Smith²", False), ("Smith,", False), ("", False),
    ("Émile", True), ("Ölçer", True),
])
def test_is_name_token(token, expected):
    assert _is_name_token(token) is expected


@pytest.mark.parametrize("caption, text_out, credit", [
    # an IGNORECASE regex reads "ı"/"İ" as "i": the cheap `in` pre-checks must not hide these
    ("Her dog at home. Pıcture credit: Jane Roe/AP", "Her dog at home.", "Pıcture credit: Jane Roe/AP"),
    ("Her dog at home, pıcture: Jane Roe / AP", "Her dog at home", "pıcture: Jane Roe / AP"),
    ("A cat. CREDİT: Jane Roe / AP", "A cat.", "CREDİT: Jane Roe / AP"),
    ("At “home”. Photo: Jane Roe/Reuters", "At “home”.", "Photo: Jane Roe/Reuters"),
    ("A cat (AP Photo/Evan Vucci).", "A cat", "AP Photo/Evan Vucci"),
    ("A cat. **Jane Roe / AP**", "A cat.", "Jane Roe / AP"),
    ("Her dog at home. İmage: Jane Roe, AP (also /x)", "Her dog at home. İmage: Jane Roe, AP (also /x)", None),
])
def test_trailing_credit_pre_checks(caption, text_out, credit):
    rest, raw = split_trailing_photo_credit(caption)
    assert (rest, raw and raw.text) == (text_out, credit)


TITLE_WORDS = ["writer", "Writers", "reporter", "correspondent", "editor", "Editor-at-large", "editor-at-large", "at",
               "large", "columnist", "staff", "STAFF", "bureau", "chief", "Senior", "white", "house", "AP", "Auto",
               "ſtaff", "edıtor", "Jane", "Roe", "news", "photographers", "critics", "s"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(TITLE_WORDS), min_size=1, max_size=5))
def test_job_title_end_is_in_every_job_title(words):
    tail = " ".join(words)
    if RE_JOB_TITLE.fullmatch(" " + tail):
        assert RE_JOB_TITLE_END.search(words[-1])


@pytest.mark.parametrize("segment, name", [
    ("Tom Gillespie News reporter", "Tom Gillespie"), ("Ana Ruiz staff writer", "Ana Ruiz"),
    ("Ana Ruiz Bureau Chief", "Ana Ruiz"), ("Jane Roe", "Jane Roe"), ("Reporter", "Reporter"),
    ("Jane Roe Writers Guild", "Jane Roe Writers Guild"),
])
def test_drop_title(segment, name):
    assert _drop_title(segment) == name


# --- declared authors (HTML meta tags and byline elements, JSON Lines fields): one cleaning ----------

from newsdesk.extract.credits import declared_byline, declared_organizations, declared_people  # noqa: E402


@pytest.mark.parametrize("author, people", [
    ("Jane Roe", ["Jane Roe"]),
    ("By JANE ROE, AP National Security Writer", ["Jane Roe"]),
    ("Jane Roe (http://janeroe.example/)", ["Jane Roe"]),
    ("Ana (María) Ruiz", ["Ana Ruiz"]),
    ("By LENA ORTIZ March 11, 2015 3:46 PM", ["Lena Ortiz"]),
    ("Tom Berg - Apr 16, 2015 8:02 pm UTC", ["Tom Berg"]),
    ("Tom Berg Monday, February 29, 2016 @ 11:10 PM UTC", ["Tom Berg"]),
    ("Tom Berg on Feb 24", ["Tom Berg"]),
    ("Tom Berg@tberg", ["Tom Berg"]),
    ("Ben Okafor | Games Editor", ["Ben Okafor"]),
    ("Ana Ruiz, MA", ["Ana Ruiz"]),
    ("por | Ana Ruiz", ["Ana Ruiz"]),
    ("By Ana Ruiz and Tom Berg", ["Ana Ruiz", "Tom Berg"]),
    ("Monica Sun", ["Monica Sun"]),  # a name that is also a weekday's abbreviation is kept
    ("https://www.facebook.com/janeroe", []),
    ("@janeroe", []),
    ("harbourpost", []),
    ("Reuters", []),
    ("Android Developers", []),
])
def test_declared_people(author, people):
    assert declared_people(author) == people


def test_declared_organization_byline():
    assert declared_organizations("By Reuters") == ["Reuters"]
    assert declared_organizations("Jane Roe") == []
    assert declared_byline("https://example.com/u/1") is None
