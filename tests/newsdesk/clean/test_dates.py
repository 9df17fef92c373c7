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
