"""Date lines in other languages, and publication dates in the future (kept, with a warning)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from newsdesk.clean import clean_markdown, metadata
from newsdesk.formats import parse


@pytest.mark.parametrize("line, expected", [
    ("Опубликовано 12 апреля 2021", date(2021, 4, 12)),   # a label word dateparser does not skip
    ("Обновлено: 5 мая 2020 года", date(2020, 5, 5)),
    ("Publié le 3 mai 2021", date(2021, 5, 3)),
    ("Veröffentlicht am 3. Mai 2021", date(2021, 5, 3)),
    ("Published March 3, 2021", date(2021, 3, 3)),          # English: the dateutil fast path
    ("Foo bar 2021", None),                                 # a year alone is no date
])
def test_date_line_in_other_languages(line, expected):
    assert metadata.date_line(line) == expected


@pytest.mark.parametrize("text, expected", [
    ("12 апреля 2021", True),
    ("2021年4月12日", True),
    ("3. Mai 2021", True),
    ("2019 American Music Awards", False),   # a year, no day
    ("Viera d. Rockledge 3-1", False),       # numbers, no year
    ("Score 4.5 out of 5", False),
    ("12021 and 5", False),                  # five digits are no year
    ("апреля", False),
])
def test_dateparser_is_only_tried_on_a_year_and_a_day(text, expected):
    assert metadata.may_hold_full_date(text) is expected


@pytest.mark.parametrize("day, today, warned", [
    (date(2099, 1, 5), date(2021, 6, 1), True),
    (date(2021, 6, 3), date(2021, 6, 1), True),
    (date(2021, 6, 2), date(2021, 6, 1), False),   # one day ahead: a time zone, not the future
    (date(2021, 6, 1), date(2021, 6, 1), False),
    (date(2020, 1, 1), date(2021, 6, 1), False),
    (None, date(2021, 6, 1), False),
])
def test_future_warning(day, today, warned):
    warning = metadata.future_warning(day, today)
    assert (warning is not None) == warned
    if warned:
        assert warning == f"publication date {day.isoformat()} is in the future"


FUTURE = "# Floating bus stops\n\nPublished January 5, 2099\n\nThe city transport office unveiled plans on Tuesday."


def test_future_date_is_kept_with_a_warning():
    document = clean_markdown(FUTURE)
    assert document.published == date(2099, 1, 5)
    assert "publication date 2099-01-05 is in the future" in document.warnings


def test_future_declared_date_warns_once():
    ahead = (date.today() + timedelta(days=400)).isoformat()
    record = ('{"title": "Plans", "maintext": "The city transport office unveiled plans on Tuesday.", '
              f'"date_publish": "{ahead}"}}')
    [item] = parse(record, "jsonl")
    assert [w for w in item.document.warnings if "in the future" in w] == [f"publication date {ahead} is in the future"]


def test_russian_article_gets_its_date():
    text = ("# Городской совет утвердил бюджет\n\nОпубликовано 12 апреля 2021\n\n"
            "Городской совет во вторник утвердил бюджет на ремонт дорог.")
    document = clean_markdown(text)
    assert document.published == date(2021, 4, 12) and "no publication date found" not in document.warnings


# --- issue #14: dates in bylines and datelines, numeric dates in the site's locale ---------------------

from newsdesk.clean import metadata as date_metadata  # noqa: E402
from newsdesk.clean.declared import Declared  # noqa: E402
from newsdesk.clean.markdown import clean_article  # noqa: E402


@pytest.mark.parametrize("line, expected", [
    ("Oct 18, 2019 · 8 min read", date(2019, 10, 18)),      # the "8" is no year
    ("Jane Roe · Oct 18, 2019 · 8 min read", None),          # a byline, not a date line
    ("Updated Sept. 3, 2020, 10:15 AM", date(2020, 9, 3)),
    ("— Harbour Post (@harbourpost) November 4, 2019", None),  # an embedded tweet's signature
])
def test_date_line_shapes(line, expected):
    assert date_metadata.date_line(line) == expected


def test_medium_style_read_time_line_in_a_scraped_file():
    doc = clean_markdown("# Why ferries matter\n\nJane Roe\n\nOct 18, 2019 · 8 min read\n\nThe ferry is a lifeline.")
    assert doc.published == date(2019, 10, 18)


@pytest.mark.parametrize("text, dayfirst, expected", [
    ("3/09/15", False, (date(2015, 3, 9), False)),
    ("3/09/15", True, (date(2015, 9, 3), False)),
    ("3/09/15", None, (date(2015, 3, 9), True)),
    ("13/09/2015", None, (date(2015, 9, 13), False)),   # 13 can only be the day
    ("09.03.2015", None, (date(2015, 3, 9), False)),    # dotted dates are day-first
    ("2015-03-09T08:00:00Z", None, (date(2015, 3, 9), False)),
    ("18 October 2019", None, (date(2019, 10, 18), False)),
    ("no date here", None, None),
])
def test_explicit_date(text, dayfirst, expected):
    assert date_metadata.explicit_date(text, dayfirst) == expected


@pytest.mark.parametrize("language, url, dayfirst", [
    ("en-US", None, False),
    ("en_GB", None, True),
    ("pt-BR", None, True),
    ("de", None, True),
    (None, "https://news.example.co.uk/a", True),
    (None, "https://news.example.com/a", None),
    ("en", "https://news.example.com/a", None),
    (None, "http://[::1", None),
])
def test_locale_dayfirst(language, url, dayfirst):
    assert date_metadata.locale_dayfirst(language, url) == dayfirst


@pytest.mark.parametrize("text, expected", [
    ("Tuesday 15 October 2019 by Jane Roe\n\nThe ferry is back.", date(2019, 10, 15)),
    ("Posted by Jane Roe on 2019-02-15\n\nThe ferry is back.", date(2019, 2, 15)),
    ("Feb. 23, 2015 -- The ferry is back after a long winter.", date(2015, 2, 23)),
])
def test_date_in_a_byline_or_opening_the_text(text, expected):
    assert clean_article(text, Declared(title="Ferry returns")).published == expected


def test_declared_date_first_then_date_line_then_url_then_body():
    text = "The ferry is back.\n\nMarch 2, 2018\n\nMore text follows here."
    url = "https://harbour.example/2020/05/06/ferry"
    assert clean_article(text, Declared(url=url, published=date(2021, 1, 1))).published == date(2021, 1, 1)
    assert clean_article("# Ferry\n\nMay 1, 2019\n\n" + text, Declared(url=url)).published == date(2019, 5, 1)
    assert clean_article(text, Declared(url=url)).published == date(2020, 5, 6)   # the URL before the body
    assert clean_article(text, Declared()).published == date(2018, 3, 2)          # the body when nothing else


def test_ambiguous_date_line_is_flagged():
    doc = clean_article("3/09/15\n\nThe ferry is back.", Declared(title="Ferry", url="https://harbour.example/a"))
    assert doc.published == date(2015, 3, 9)
    assert any("day and month may be swapped" in w for w in doc.warnings)
    uk = clean_article("3/09/15\n\nThe ferry is back.", Declared(title="Ferry", url="https://harbour.example.co.uk/a"))
    assert uk.published == date(2015, 9, 3) and not any("swapped" in w for w in uk.warnings)


@pytest.mark.parametrize("codes, expected", [
    (("en-US",), ("en",)),
    (("pt_BR",), ("pt", "en")),
    (("ru", "ru"), ("ru", "en")),
    (("no",), ("nb", "en")),  # py3langid's Norwegian is dateparser's nb
])
def test_date_languages(codes, expected):
    assert date_metadata.date_languages(*codes) == expected


def test_date_languages_fall_back_to_the_resource_list():
    assert date_metadata.date_languages(None) == date_metadata.fallback_date_languages()
    assert "en" in date_metadata.fallback_date_languages()


def test_dateparser_is_asked_only_in_the_article_language():
    doc = clean_article("Опубликовано 12 апреля 2021\n\nВ понедельник паром снова вышел в море, сообщил оператор.",
                        Declared(title="Паром", language="ru"))
    assert doc.published == date(2021, 4, 12)
    # a declared language the date is not written in: no date rather than a search of every locale
    doc = clean_article("Publié le 3 mai 2021\n\nLe ferry a repris la mer lundi.", Declared(title="Ferry", language="ja"))
    assert doc.published is None
