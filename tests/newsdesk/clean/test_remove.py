import pytest

from newsdesk.clean import remove


@pytest.mark.parametrize("text_in, text_out", [
    ("The mayor [said](#) on Monday.", "The mayor said on Monday."),
    ("Read the [court filing](https://example.org/doc.pdf \"PDF\") here.", "Read the court filing here."),
    ("See <https://example.org/x> for more.", "See https://example.org/x for more."),
    ("A bracketed [sic] aside stays.", "A bracketed [sic] aside stays."),
])
def test_link_artifacts(text_in, text_out):
    assert remove.link_artifacts(text_in) == text_out


@pytest.mark.parametrize("text_in, text_out", [
    ("Before ![a harbour at dusk](https://img.example/1.jpg) after", "Before  after"),
    ('Text <img src="x.png" alt="x"> more', "Text  more"),
    ("No picture here [just brackets]", "No picture here [just brackets]"),
])
def test_images(text_in, text_out):
    assert remove.images(text_in) == text_out


@pytest.mark.parametrize("text_in, text_out", [
    ("**Breaking:** the bridge *reopened* today", "Breaking: the bridge reopened today"),
    ("She called it __remarkable__ and _overdue_.", "She called it remarkable and overdue."),
    ("The council's 'plan' was \"bold\", they're sure", "The council's 'plan' was \"bold\", they're sure"),
    ("Rates of 5 * 3 and snake_case_names stay", "Rates of 5 * 3 and snake_case_names stay"),
])
def test_emphasis(text_in, text_out):
    assert remove.emphasis(text_in) == text_out


@pytest.mark.parametrize("text_in, text_out", [
    (r"\[We\] will appeal", "[We] will appeal"),
    (r"costs \*only\* 5\_000", "costs *only* 5_000"),
    ("a plain backslash \\ stays", "a plain backslash \\ stays"),
])
def test_markdown_escapes(text_in, text_out):
    assert remove.markdown_escapes(text_in) == text_out


@pytest.mark.parametrize("line, expected", [
    ("Share this article", True),
    ("Advertisement", True),
    ("Sign up for our daily newsletter", True),
    ("We use cookies to improve your experience on our site.", True),
    ("The council will share this year's budget on Friday.", False),
])
def test_is_navigation(line, expected):
    assert remove.is_navigation(line) is expected


@pytest.mark.parametrize("paragraph, expected", [
    ("Follow the harbour desk on Twitter @harbourdesk for updates.", True),
    ("Get the morning briefing delivered to your inbox.", True),
    ("Follow-up inspections found no further damage to the pier.", False),
])
def test_is_promotion(paragraph, expected):
    assert remove.is_promotion(paragraph) is expected


@pytest.mark.parametrize("line, expected", [
    ("March 3, 2021 / 9:15 AM / Updated 2 hours ago", True),
    ("First Published: Thu, 4 Feb 2021 10:02", True),
    ("On March 3, 2021 the dam failed.", False),
])
def test_is_timestamp(line, expected):
    assert remove.is_timestamp(line) is expected


@pytest.mark.parametrize("paragraph, expected", [
    ("© 2021 Valley Wire Service. All rights reserved.", True),
    ("https://news.example.com/story/123", True),
    ("The mayor cuts a ribbon at the new library on Monday. less", True),
    ("The mayor cuts a ribbon at the new library ... more", True),
    ("The copyright dispute reached the appeals court in May after two years of hearings.", False),
])
def test_is_debris(paragraph, expected):
    assert remove.is_debris(paragraph) is expected


@pytest.mark.parametrize("text, expected", [
    ("© 2021 Valley Wire. ALL RIGHTS RESERVED.", True),
    ("This material may not be published or broadcast.", True),
    ("All rights reſerved", True),  # no lowercase shortcut for text with ſ, ı or İ: the regex decides
    ("The council reserved the right to appeal.", False),
])
def test_may_hold_legal_phrase(text, expected):
    assert remove.may_hold_legal_phrase(text) is expected


@pytest.mark.parametrize("paragraph, expected", [
    ("© 2021 Valley Wire Service. All rights reserved.", True),
    ("Copyright 2019 The Associated Press. This material may not be published.", True),
    ("For personal non-commercial use only.", True),
    ("The copyright dispute reached the appeals court in May after two years of hearings.", False),
    ("The judge said all rights reserved by the contract were void. " + "More words follow here. " * 15, False),
])
def test_is_legal_notice(paragraph, expected):
    assert remove.is_legal_notice(paragraph) is expected
