from datetime import date

import pytest

from newsdesk.clean import metadata


@pytest.mark.parametrize("text, expected", [
    ("March 3, 2021", date(2021, 3, 3)),
    ("2019-11-19", date(2019, 11, 19)),
    ("Published: 04.02.2021 10:02", date(2021, 2, 4)),
    ("The committee met twice", None),
    ("The 2021.", None),  # a year alone is not a date line
    ("It happened on March 3, 2021.", None),  # a sentence, not a date line
    ("9:45 AM PST 3/3/2021 by Jo Lund", date(2021, 3, 3)),
])
def test_date_line(text, expected):
    assert metadata.date_line(text) == expected


@pytest.mark.parametrize("url, expected", [
    ("https://news.example.com/2021/03/03/dam-fails", date(2021, 3, 3)),
    ("https://example.org/world/20210304/story.html", date(2021, 3, 4)),
    ("https://example.org/world/story-2021", None),
    (None, None),
])
def test_date_from_url(url, expected):
    assert metadata.date_from_url(url) == expected


@pytest.mark.parametrize("text, url, rest", [
    ("Body.\n\nOriginal url:\n\n<https://example.com/a>", "https://example.com/a", "Body.\n\n"),
    ("Body.\n\nOriginal url: https://example.com/b\n", "https://example.com/b", "Body.\n\n\n"),
    ("Body without a url block.", None, "Body without a url block."),
])
def test_original_url(text, url, rest):
    assert metadata.original_url(text) == (url, rest)


@pytest.mark.parametrize("text, expected", [
    ("The harbour authority said on Tuesday that the new ferry route would open in spring.", "en"),
    ("Die Hafenbehörde teilte am Dienstag mit, dass die neue Fährverbindung im Frühjahr öffnet.", "de"),
    ("ok", None),
])
def test_language(text, expected):
    assert metadata.language(text) == expected
