"""Declared metadata of hand-written HTML pages: each shape of issue #14 (dates, titles, bylines, URLs)."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.formats import html, page_meta, parse

BODY = ("<p>The harbour council voted on Tuesday to rebuild the old ferry pier before the summer season, "
        "after storms damaged its wooden deck twice this winter.</p>"
        "<p>Work starts in March and should take eleven weeks, the council said in a statement.</p>")


def page(head: str = "", article_top: str = "", body: str = BODY, after: str = "", lang: str = "en") -> str:
    return (f'<!DOCTYPE html><html lang="{lang}"><head>{head}</head><body><nav><a href="/">Home</a></nav>'
            f"<article>{article_top}{body}</article>{after}</body></html>")


def document(text: str):
    [item] = parse(text, "html")
    assert item.document is not None, item.error
    return item.document


def bylines(doc) -> list[str]:
    from newsdesk.extract.credits import parse_credits
    return [c.name for c in parse_credits(list(doc.credits)) if c.role == "byline" and c.name]


JSON_LD = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
           '"headline": "Harbour council votes to rebuild ferry pier", "datePublished": "2021-03-04T09:30:00+00:00", '
           '"author": [{"@type": "Person", "name": "Mira Holm"}], '
           '"publisher": {"@type": "Organization", "name": "Harbour Post"}}</script>')


def test_declared_date_beats_an_older_date_in_the_body():
    related = '<aside class="related"><p>Older story</p><time datetime="2019-05-02">May 2, 2019</time></aside>'
    doc = document(page(JSON_LD, body="<p>February 12, 2018</p>" + BODY, after=related))
    assert doc.published == date(2021, 3, 4)


def test_json_ld_only_byline_is_a_credit():
    doc = document(page(JSON_LD))
    assert bylines(doc) == ["Mira Holm"]


def test_json_ld_graph_author_by_reference():
    graph = ('<script type="application/ld+json">{"@graph": [{"@type": "Person", "@id": "#p1", "name": "Ana Ruiz"}, '
             '{"@type": "Article", "headline": "Pier to be rebuilt", "author": {"@id": "#p1"}}]}</script>')
    assert bylines(document(page(graph))) == ["Ana Ruiz"]


@pytest.mark.parametrize("meta, names", [
    ('<meta name="author" content="Jane Roe">', ["Jane Roe"]),
    ('<meta name="author" content="Jane Roe (http://janeroe.example/)">', ["Jane Roe"]),  # a URL is no name
    ('<meta property="article:author" content="https://www.facebook.com/janeroe">', []),   # nor is a profile URL
    ('<meta name="byl" content="By JANE ROE">', ["Jane Roe"]),
])
def test_meta_author(meta, names):
    assert bylines(document(page(meta))) == names


def test_job_title_in_a_sibling_element_is_not_part_of_the_name():
    top = '<div class="author"><a class="author-link" href="/u/1">Ben Okafor</a><div class="author-title">Games Editor</div></div>'
    assert bylines(document(page(article_top=top))) == ["Ben Okafor"]


def test_byline_element_with_a_date_gives_both():
    top = '<p class="byline">By LENA ORTIZ March 11, 2015 3:46 PM</p>'
    doc = document(page(article_top=top))
    assert bylines(doc) == ["Lena Ortiz"] and doc.published == date(2015, 3, 11)


@pytest.mark.parametrize("head, h1, title", [
    ("<title>Harbour council votes to rebuild ferry pier | Harbour Post</title>", "", "Harbour council votes to rebuild ferry pier"),
    ("<title>Harbour council votes to rebuild ferry pier - Harbour Post</title>"
     '<meta property="og:site_name" content="Harbour Post">', "", "Harbour council votes to rebuild ferry pier"),
    ("<title>Opinion | Why the pier matters</title>", "", "Why the pier matters"),
    # the <h1> is a section's name: the page's title is the headline
    ("<title>Harbour council votes to rebuild ferry pier</title>", "<h1>Local News Center</h1>",
     "Harbour council votes to rebuild ferry pier"),
    # a site-generic og:title: the <h1> the <title> agrees with is the headline
    ('<meta property="og:title" content="Harbour Post - Latest News"><title>Pier will be rebuilt</title>',
     "<h1>Pier will be rebuilt</h1>", "Pier will be rebuilt"),
    # the visible <h1> wins over a differently worded og:title that agrees with nothing else
    ('<meta property="og:title" content="Council backs pier plan"><title>Pier rebuilt by June - Harbour Post</title>',
     "<h1>Pier rebuilt by June</h1>", "Pier rebuilt by June"),
])
def test_title(head, h1, title):
    doc = document(page(head + '<link rel="canonical" href="https://harbourpost.example/news/pier-rebuilt">',
                        article_top=h1))
    assert doc.title == title


@pytest.mark.parametrize("language, expected, ambiguous", [
    ("en-US", date(2015, 3, 9), False),
    ("en-GB", date(2015, 9, 3), False),
    ("en", date(2015, 3, 9), True),  # .example says nothing either: read month-first, flagged
])
def test_ambiguous_numeric_date_follows_the_locale(language, expected, ambiguous):
    top = '<div class="meta"><span class="published">3/09/15 8:00am</span></div>'
    doc = document(page('<link rel="canonical" href="https://harbourpost.example/a/pier">', article_top=top,
                        lang=language))
    assert doc.published == expected
    assert any("day and month may be swapped" in w for w in doc.warnings) is ambiguous


@pytest.mark.parametrize("links, url", [
    ('<link rel="canonical" href="https://harbourpost.example/news/pier-rebuilt#webpage">',
     "https://harbourpost.example/news/pier-rebuilt"),
    # a canonical link to the section front: the page's own og:url is the article's
    ('<link rel="canonical" href="https://harbourpost.example/news/">'
     '<meta property="og:url" content="https://harbourpost.example/news/pier-rebuilt.html">',
     "https://harbourpost.example/news/pier-rebuilt.html"),
    ('<link rel="canonical" href="//harbourpost.example/news/pier-rebuilt">', "https://harbourpost.example/news/pier-rebuilt"),
    ('<link rel="canonical" href="http://[::1">', None),
])
def test_url(links, url):
    assert document(page(links)).url == url


def test_broken_json_ld_is_ignored():
    doc = document(page('<script type="application/ld+json">{"@type": "NewsArticle", "headline": </script>'
                        "<title>Pier will be rebuilt</title>"))
    assert doc.title == "Pier will be rebuilt"


def test_separated_text_keeps_blocks_apart_and_inline_runs_on():
    tree = html.page_tree("<html><body><div class='byline'>By <a href='/a'>Jane Roe</a><div>Staff writer</div>"
                          "</div></body></html>")
    [node] = tree.xpath("//div[@class='byline']")
    assert page_meta.separated_text(node) == "By Jane Roe | Staff writer"


def test_comment_dates_and_names_are_not_the_articles():
    after = ('<section class="comments"><div class="comment-author">Sam Poster</div>'
             '<time datetime="2022-01-01">January 1, 2022</time></section>')
    doc = document(page(after=after))
    assert doc.published is None and bylines(doc) == []


def test_date_as_a_segment_of_the_title_when_nothing_else_declares_one():
    doc = document(page("<title>Pier will be rebuilt - 07.12.2017 - Harbour Post</title>"
                        '<meta property="og:site_name" content="Harbour Post">'))
    assert doc.published == date(2017, 12, 7) and doc.title == "Pier will be rebuilt"
    # a number inside the headline is no date
    doc = document(page("<title>Pier 39 reopens after 12 years - Harbour Post</title>"))
    assert doc.published is None


@pytest.mark.parametrize("markup, dates, authors", [
    # the article's own elements come first; elements outside it are read only when it has none
    ('<p class="Byline">By Mira Holm</p><span class="pub-date">March 4, 2021</span>',
     ["March 4, 2021"], ["By Mira Holm"]),
    ('<span id="author">Mira Holm</span><div class="entry-date">2021-03-04</div>', ["2021-03-04"], ["Mira Holm"]),
    # an element with neither word in its class or id is no candidate, whatever its text
    ('<span class="when">March 4, 2021</span><span class="who">By Mira Holm</span>', [], []),
    # "authorization", "author-bio" and "updated" are no byline or date marks
    ('<div class="authorization">Sign in</div><div class="author-bio">Mira writes about ports.</div>'
     '<div class="updated">May 1, 2021</div>', [], []),
])
def test_element_texts_by_class_or_id(markup, dates, authors):
    tree = html.page_tree(page(article_top=markup, after='<div class="byline">Outside Byline</div>'))
    marked = page_meta.marked_elements(tree)
    assert page_meta.element_texts(marked, page_meta.RE_DATE_CLASS) == dates
    texts = page_meta.element_texts(marked, page_meta.RE_BYLINE_CLASS)
    assert texts == (authors or ["Outside Byline"])


def test_element_texts_keeps_the_first_three():
    markup = "".join(f'<span class="byline">Writer {n}</span>' for n in range(5))
    marked = page_meta.marked_elements(html.page_tree(page(article_top=markup)))
    assert page_meta.element_texts(marked, page_meta.RE_BYLINE_CLASS) == ["Writer 0", "Writer 1", "Writer 2"]


@given(st.text(alphabet="abcdehilmnoprstuyABDHLPTſK -_0", max_size=30))
def test_class_words_are_in_every_match(attributes):
    """The substring test in front of each class/id pattern never hides a match of the pattern."""
    for pattern, words in page_meta.CLASS_WORDS.items():
        if pattern.search(attributes):
            assert any(word in attributes.casefold() for word in words)
