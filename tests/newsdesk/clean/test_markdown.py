"""clean_markdown on hand-written scraped articles of each accepted shape."""

from datetime import date

import pytest

from newsdesk.clean import clean_markdown, markdown

SEED_SHAPE = """

# Harbour Town Votes to Close 'Old Pier' After Storm Damage

March 3, 2021



Inspectors surveyed the damaged pier on Tuesday after the storm surge. **Jane Okafor / Coastal Wire / Nordfoto**

The town council voted on Tuesday to close the old pier for at least a year, citing storm damage.

**Related article:** [Storm Surge Floods Harbour Town's Lower Streets](#)

The mayor said the town "would rather be

safe than sorry,” council member Lena Ortiz [told](#) reporters on Tuesday.

"We cannot risk anyone's safety," Ortiz [said](#) in a statement.

*Coastal Wire contributed reporting.*

Original url:

<https://www.harbour-news.example/2021/03/03/old-pier-closed-a123>"""

TRAFILATURA_SHAPE = """# Rail strike halts trains across the region - Valley Times

2022-06-14

By Sam Reyes

# Rail strike halts trains across the region

## Commuters faced long queues as unions walked out over pay.

Trains across the region stopped on Monday as **rail workers** began a [three-day strike](https://valley.example/strike).

### What happens next

- Talks resume on Wednesday
- Bus services will run every 20 minutes

Share this article

Sign up for our morning newsletter

[Ten things to know about the strike](https://valley.example/ten-things)

Original url:

<https://valley.example/news/rail-strike>"""

HTML2TEXT_SHAPE = """Rail strike halts trains
========================

Trains across the region stopped on Monday as rail
workers began a three-day strike over pay.

* Talks resume on Wednesday
* Buses run every 20 minutes

Union leaders said the \\[strike\\] was "a last resort".
"""


def test_seed_shape_fields():
    doc = clean_markdown(SEED_SHAPE)
    assert doc.title == "Harbour Town Votes to Close 'Old Pier' After Storm Damage"
    assert doc.published == date(2021, 3, 3)
    assert doc.url == "https://www.harbour-news.example/2021/03/03/old-pier-closed-a123"
    assert doc.image_caption == "Inspectors surveyed the damaged pier on Tuesday after the storm surge."
    assert doc.related_titles == ("Storm Surge Floods Harbour Town's Lower Streets",)
    assert any(c.role == "photo" and "Jane Okafor" in c.text for c in doc.credits)
    assert doc.language == "en"


def test_seed_shape_body():
    body = clean_markdown(SEED_SHAPE).body
    assert 'The mayor said the town "would rather be safe than sorry,” council member Lena Ortiz told reporters' in body
    assert '"We cannot risk anyone\'s safety," Ortiz said in a statement.' in body
    for debris in ("](#)", "**", "Related article", "Jane Okafor", "Original url", "https://"):
        assert debris not in body
    assert len(body.split("\n\n")) == 3


def test_trafilatura_shape():
    doc = clean_markdown(TRAFILATURA_SHAPE)
    assert doc.title == "Rail strike halts trains across the region - Valley Times"
    assert doc.published == date(2022, 6, 14)
    assert any(c.role == "byline" for c in doc.credits)
    assert doc.description == "Commuters faced long queues as unions walked out over pay."
    assert doc.body == ("Trains across the region stopped on Monday as rail workers began a three-day strike.\n\n"
                        "What happens next\n\n"
                        "• Talks resume on Wednesday\n• Bus services will run every 20 minutes")


def test_html2text_shape():
    doc = clean_markdown(HTML2TEXT_SHAPE)
    assert doc.body == ("Rail strike halts trains\n\n"
                        "Trains across the region stopped on Monday as rail workers began a three-day strike over pay.\n\n"
                        "• Talks resume on Wednesday\n• Buses run every 20 minutes\n\n"
                        'Union leaders said the [strike] was "a last resort".')


def test_date_from_url_when_text_has_none():
    doc = clean_markdown("# A title\n\nSome body text here.\n\nOriginal url:\n\n<https://x.example/2020/08/19/a-b>")
    assert doc.published == date(2020, 8, 19)


@pytest.mark.parametrize("text", [SEED_SHAPE, TRAFILATURA_SHAPE, HTML2TEXT_SHAPE])
def test_cleaning_is_idempotent(text):
    body = clean_markdown(text).body
    assert clean_markdown(body).body == body


@pytest.mark.parametrize("text", ["", "   \n\n  ", "# Only a title", "Original url:\n\n<https://a.example/>"])
def test_empty_inputs_give_empty_body_with_warning(text):
    doc = clean_markdown(text)
    assert doc.body == ""
    assert "empty body after cleaning" in doc.warnings


# --- round 2: wire datelines, navigation above the title, taxonomy lists, credits before debris ----

WIRE_SHAPE = """Skip to main content

[Home](https://x.example/) > [Markets](https://x.example/markets)

# Port workers strike over pay

March 3, 2021

AP-US--Port-Strike, 2nd Ld-Writethru

The cranes stand still at the harbour. *© Reuters*

Harbourton (Reuters) - Dock workers walked out on Wednesday.

"We have waited long enough," union leader Ada Berg said.

Our Standards: The Trust Principles.

Topics

* Labour
* Shipping

*AFP*
"""


def test_wire_shape_fields_and_body():
    doc = clean_markdown(WIRE_SHAPE)
    assert doc.title == "Port workers strike over pay"
    assert doc.published == date(2021, 3, 3)
    assert doc.image_caption == "The cranes stand still at the harbour."
    assert doc.body == ("Dock workers walked out on Wednesday.\n\n"
                        '"We have waited long enough," union leader Ada Berg said.')
    roles = sorted((c.role, c.text) for c in doc.credits)
    assert ("wire", "Harbourton (Reuters)") in roles and ("wire", "AFP") in roles
    assert ("photo", "© Reuters") in roles


def test_dateline_in_any_paragraph_and_lone_dateline():
    doc = clean_markdown("# T\n\nA gallery label\n\nJuly 22 (Reuters) -\n\nRevenue rose 3%.\n\nOSLO (AP) — Later item.")
    assert doc.body == "Revenue rose 3%.\n\nLater item."
    assert sum(c.role == "wire" for c in doc.credits) == 2


@pytest.mark.parametrize("text, kept", [
    ("Tags: Energy, Funding, Ireland", False),
    ("Topics\n\n* NHS\n* Health policy", False),
    ("Topics: the council said it would decide later.", True),
    ("Topics\n\nThe council met on Tuesday to discuss the budget.", True),
])
def test_taxonomy_lists(text, kept):
    body = clean_markdown(f"# T\n\nThe story starts here.\n\n{text}").body
    assert (body != "The story starts here.") == kept


@pytest.mark.parametrize("text", [WIRE_SHAPE, "# # T\n\n(AP) — # The.", "A.\n\nTbilisi (AFP) - (AP)."])
def test_round2_idempotent(text):
    body = clean_markdown(text).body
    assert clean_markdown(body).body == body


@pytest.mark.parametrize("line, plain", [
    ("  The council met on Tuesday.  ", "The council met on Tuesday."),   # plain prose: only stripped
    ("The **council** [met](#) on\u00a0Tuesday.", "The council met on Tuesday."),
    ("Two  spaces\tand a tab", "Two spaces and a tab"),
    ("It costs 5\\_000 \\[sic\\]", "It costs 5_000 [sic]"),
])
def test_line_plain(line, plain):
    assert markdown.line_plain(line) == plain


@pytest.mark.parametrize("block, plain", [
    ("  One line of prose, nothing to do.  ", "One line of prose, nothing to do."),
    ("## A subhead", "A subhead"),
    ("- first\n- second", "• first\n• second"),
    ("A wrapped line\nof prose", "A wrapped line of prose"),
])
def test_block_plain(block, plain):
    assert markdown.block_plain(block) == plain


# --- issue #14: body shapes --------------------------------------------------------------------------

from newsdesk.clean.declared import Declared  # noqa: E402
from newsdesk.clean.markdown import clean_article  # noqa: E402


def test_teaser_above_the_repeated_headline_goes_and_the_lead_stays():
    text = ("Which harbour has the oldest lighthouse? We found out.\n\n"
            "## Ferry service resumes after winter\n\n"
            "The island ferry made its first crossing of the season on Friday.\n\n"
            "Forty passengers were on board, the operator said.")
    doc = clean_article(text, Declared(title="Ferry service resumes after winter"))
    assert doc.body.split("\n\n") == ["The island ferry made its first crossing of the season on Friday.",
                                      "Forty passengers were on board, the operator said."]


def test_a_long_body_above_a_repeated_headline_is_kept():
    lead = "\n\n".join(f"Paragraph {n} of the story tells what happened on the pier." for n in range(4))
    doc = clean_article(lead + "\n\n## Ferry service resumes\n\nThe rest of the story.",
                        Declared(title="Ferry service resumes"))
    assert doc.body.startswith("Paragraph 0 of the story")


def test_slideshow_and_its_heading_go():
    text = ("The ferry made its first crossing on Friday.\n\nHarbour news in pictures\n\n"
            "- ## 1/3 Boats in the bay. Sailors prepared for the season.\n- ## 2/3 The old pier. It closed in May.\n"
            "- ## 3/3 A new crane. It arrived on Monday.\n\nThe operator plans more sailings in June.")
    doc = clean_markdown("# Ferry returns\n\n" + text)
    assert doc.body.split("\n\n") == ["The ferry made its first crossing on Friday.",
                                      "The operator plans more sailings in June."]


def test_one_third_of_a_sentence_is_no_slide():
    doc = clean_markdown("# Ferry returns\n\n1/3 of the seats were taken.\n\n2/3 of the crew were new.")
    assert "1/3 of the seats" in doc.body and "2/3 of the crew" in doc.body


@pytest.mark.parametrize("line", ["This is a modal window.", "Play Video", "- descriptions off, selected",
                                  "Beginning of dialog window. Escape will cancel and close the window.",
                                  "Loaded: 0%", "Please wait..."])
def test_video_player_lines_go(line):
    doc = clean_markdown(f"# Ferry returns\n\nThe ferry is back.\n\n{line}\n\nMore sailings follow.")
    assert doc.body == "The ferry is back.\n\nMore sailings follow."


def test_posted_by_line_at_the_end_is_a_byline():
    doc = clean_markdown("# Ferry returns\n\nThe ferry is back.\n\nMore sailings follow.\n\nPosted by Jane Roe.")
    assert doc.body == "The ferry is back.\n\nMore sailings follow."
    assert [c.role for c in doc.credits] == ["byline"]


def test_section_heading_that_is_a_link_is_kept_above_its_prose():
    prose = ("This small charger powers a laptop and a phone at once from the car socket, and it folds "
             "flat enough to leave in the glove box all winter long.")
    doc = clean_markdown(f"# Gift guide\n\nOur picks for the season.\n\n### [Travel Charger 60W](https://shop.example/c)\n\n{prose}")
    assert doc.body.split("\n\n") == ["Our picks for the season.", "Travel Charger 60W", prose]


def test_teaser_link_heading_above_a_date_is_dropped():
    doc = clean_markdown("# Ferry returns\n\nThe ferry is back.\n\n### [Storm closes the pier](https://harbour.example/a)\n\n"
                         "April 20, 2018")
    assert doc.body == "The ferry is back."


def test_declared_byline_printed_with_a_job_title_is_no_body_text():
    text = "[Jane Roe](/bio/jane-roe), Senior Technologist, Harbour Project\n\nThe ferry is back on Friday."
    doc = clean_article(text, Declared(title="Ferry returns", authors=("Jane Roe",)))
    assert doc.body == "The ferry is back on Friday."
    # without a declared author the same line is left alone
    assert clean_article(text, Declared(title="Ferry returns")).body.startswith("Jane Roe, Senior")


@pytest.mark.parametrize("heading, url, title", [
    ("# Ferry returns | Harbour Post", "https://harbourpost.example/a", "Ferry returns"),
    ("# Ferry returns - Harbour Post", "https://harbourpost.example/a", "Ferry returns"),
    ("# Opinion | Ferries are a lifeline", "https://other.example/a", "Ferries are a lifeline"),
    ("# Ferry returns - Harbour Post", "https://other.example/a", "Ferry returns - Harbour Post"),  # no site known
])
def test_scraped_title_loses_the_site_name(heading, url, title):
    assert clean_markdown(f"{heading}\n\nThe ferry is back.\n\nOriginal url:\n\n<{url}>").title == title


@pytest.mark.parametrize("text, body, published", [
    # a text that is one dated sentence keeps it as its body (and its date)
    ("Officials said PUBLISHED MAY 1 2000", "Officials said PUBLISHED MAY 1 2000", date(2000, 5, 1)),
    ("0\n\na : : : PUBLISHED MAY 1 2000", "0 a : : : PUBLISHED MAY 1 2000", None),
    ("0 a : : : PUBLISHED MAY 1 2000", "0 a : : : PUBLISHED MAY 1 2000", date(2000, 5, 1)),
    # a date line and nothing else is still no article
    ("# Ferry back\n\nMarch 3, 2020", "", date(2020, 3, 3)),
    ("# Ferry back\n\nPosted on March 3, 2020 at 9 am", "", date(2020, 3, 3)),
    # with a body, the dated line still leaves it
    ("# Ferry back\n\nPosted on March 3, 2020 at 9 am\n\nThe ferry runs again.", "The ferry runs again.", date(2020, 3, 3)),
])
def test_a_text_of_one_dated_line(text, body, published):
    doc = clean_markdown(text)
    assert (doc.body, doc.published) == (body, published)
