"""formats.html reads one parsed tree per page: the same answers as parsing the page's text each time."""

import pytest
import trafilatura

from newsdesk.formats import html

PAGE = """<!DOCTYPE html><html lang="en"><head>
<title>Ferry service resumes after winter break | Island Post</title>
<meta name="author" content="Mira Holm">
<meta property="article:published_time" content="2021-04-02T08:00:00Z">
<link rel="canonical" href="https://islandpost.example/2021/04/02/ferry-resumes">
</head><body><nav><a href="/">Home</a></nav>
<article><h1>Ferry service resumes after winter break</h1>
<figure><img src='/f.jpg'><figcaption>The ferry leaves the pier. Photo: Ines Okafor/Island Post</figcaption></figure>
<p>The island ferry made its first crossing of the season on Friday morning, carrying forty passengers.</p>
<p>“We have waited all winter for this,” said the harbour master, who greeted the crew at the pier.</p>
</article><footer>Share this article.</footer></body></html>"""
NO_ARTICLE = "<html><body><main><figure><figcaption>A lone caption</figcaption></figure><p>Short.</p></main></body></html>"


@pytest.mark.parametrize("page", [PAGE, NO_ARTICLE])
def test_one_tree_gives_what_the_text_gives(page):
    tree = html.page_tree(page)
    assert html.main_text(tree) == trafilatura.extract(page, **html.EXTRACT_OPTIONS)
    # extraction works on a copy: metadata read afterwards from the same tree equals a fresh parse's
    body = html.main_text(tree) or ""
    assert html.page_declared(tree, body) == html.page_declared(html.page_tree(page), body)


@pytest.mark.parametrize("page, captions", [
    (PAGE, ["The ferry leaves the pier. Photo: Ines Okafor/Island Post"]),
    (NO_ARTICLE, ["A lone caption"]),                 # no <article>: the <main> one
    ("<html><body><p>No figure at all.</p></body></html>", []),
])
def test_figcaptions(page, captions):
    assert html.figcaptions(html.page_tree(page)) == captions


@pytest.mark.parametrize("text", ["", "   ", "not html at all"])
def test_no_page_is_no_document(text):
    assert html.read_html(text) is None


ARTICLE_LINE = "The island ferry made its first crossing of the season on Friday morning, carrying forty passengers."


@pytest.mark.parametrize("text, found", [
    (ARTICLE_LINE, True),
    ("\n\n".join(["Home", "Skip to main content", ARTICLE_LINE]), True),      # furniture above the text
    ("Page not found\n\nThe page you are looking for no longer exists.", False),  # a 404 page
    ("This site uses cookies. Accept all cookies to continue.", False),       # a consent notice
    ("Ferry crossing resumes.", False),                                       # too few letters for an article
    ("\n".join(["Ferry crossing resumes on the island."] * 3), True),        # letters add up over lines
    ("", False),
    ("   \n  ", False),
])
def test_has_article_text(text, found):
    assert html.has_article_text(text) is found


@pytest.mark.parametrize("minimum", [1, 20, 79, 80, 81, 200])
def test_has_article_text_counts_letters_up_to_the_minimum(minimum):
    letters = sum(ch.isalpha() for ch in ARTICLE_LINE)
    assert html.has_article_text(ARTICLE_LINE, minimum) is (letters >= minimum)
