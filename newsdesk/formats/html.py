"""HTML pages: trafilatura extracts the main text as markdown plus metadata, then our cleaning runs."""

from __future__ import annotations

import logging
import re

from lxml.html import HtmlElement

from newsdesk.clean import remove
from newsdesk.clean.declared import Declared
from newsdesk.formats.scraped import declared_date

# trafilatura settings that keep the most article text (links/formatting are cleaned afterwards)
EXTRACT_OPTIONS = {
    "output_format": "markdown",
    "include_links": True,
    "include_images": False,
    "include_tables": True,
    "include_formatting": True,
    "include_comments": False,
    "favor_recall": True,
    "with_metadata": False,
}


def page_tree(html: str) -> HtmlElement | None:
    """HTML -> the page's tree as trafilatura parses it (None when it is no HTML page).

    Parsed once per page: extraction, metadata and captions all read this tree (trafilatura extracts
    from its own copy), where each used to parse the page again."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return trafilatura.load_html(html)


def main_text(page: HtmlElement) -> str | None:
    """A page's tree -> its main text as markdown (trafilatura), None when nothing was found."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return trafilatura.extract(page, **EXTRACT_OPTIONS)


def page_metadata(page: HtmlElement) -> dict:
    """A page's tree -> declared metadata (title, date, authors, url, site_name, description) via trafilatura."""
    from trafilatura import extract_metadata

    meta = extract_metadata(page)
    if meta is None:
        return dict.fromkeys(("title", "published", "url", "site_name", "description"), None) | {"authors": ()}
    authors = tuple(a.strip() for a in (meta.author or "").split(";") if a.strip())
    return {"title": meta.title, "published": meta.date, "authors": authors, "url": meta.url,
            "site_name": meta.sitename, "description": meta.description}


FIGCAPTION_MAX_CHARS = 600


def figcaptions(page: HtmlElement) -> list[str]:
    """The text of every `<figcaption>` inside the page's `<article>` (or `<main>`, or the whole page)."""
    for scope in ("//article", "//main", "/*"):
        roots = page.xpath(scope)
        captions = [" ".join(node.text_content().split()) for root in roots[:1] for node in root.iter("figcaption")]
        if captions:
            return [c for c in captions if 0 < len(c) <= FIGCAPTION_MAX_CHARS]
    return []


def lost_caption(body: str, page: HtmlElement) -> str | None:
    """trafilatura drops `<figcaption>`: the first credited caption it lost (cleaning splits it into the
    image caption and its photo credit; uncredited captions are left out, so bodies never gain them)."""
    from newsdesk.extract.credits import split_trailing_photo_credit

    flat = " ".join(body.split())
    for caption in figcaptions(page):
        if caption in flat:
            continue
        if split_trailing_photo_credit(caption)[1] is not None:
            return caption
    return None


# A page with no article (a 404 page, a consent wall) still gives trafilatura (favor_recall) some text:
# its cookie banner, "Page not found", the menu. Such lines are boilerplate; what is left must be at
# least one sentence's worth of letters to be an article. The threshold is measured: the shortest of
# the 181 real pages of the articles benchmark keeps 352 letters (a 64-word English brief), a 404 page
# keeps none. 80 letters is about 15 English words (one short sentence), under a quarter of that minimum.
MIN_ARTICLE_LETTERS = 80
BOILERPLATE_MAX_WORDS = 80  # a consent notice is a paragraph, not an article
RE_CONSENT = re.compile(
    r"\b(?:uses? cookies|accept (?:all |the )?cookies|cookies? (?:policy|settings|preferences|notice|consent)|"
    r"manage (?:your )?(?:cookies|consent|privacy)|consent to|privacy (?:policy|settings|preferences)|gdpr)\b",
    re.IGNORECASE,
)
RE_NOT_FOUND = re.compile(
    r"^\W*(?:error\W*)?404\b|\berror\W*404\b|\b404\W*(?:error|not found|page)\b|\bpage (?:was |is )?not found\b|^\W*not found\W*$|"
    r"\b(?:page|content|article|story)(?: that)? you(?:'re| are| were)? (?:looking for|trying to reach|requested)\b|"
    r"\b(?:no longer (?:exists|available)|(?:does not|doesn't|does no longer) exist|(?:could|can)(?:no|')?t be found|"
    r"could not be found|has been (?:moved|removed|deleted))\b",
    re.IGNORECASE,
)
NOT_FOUND_MAX_WORDS = 30


def is_boilerplate_line(line: str) -> bool:
    """A line of extracted text that is page furniture, not article text: navigation, a cookie/consent
    notice, a "page not found" notice."""
    from newsdesk.clean.markdown import inline_plain

    plain = " ".join(inline_plain(remove.heading_marker(line)).split())
    words = len(plain.split())
    return (not plain or remove.is_debris(plain)
            or (words <= BOILERPLATE_MAX_WORDS and bool(RE_CONSENT.search(plain)))
            or (words <= NOT_FOUND_MAX_WORDS and bool(RE_NOT_FOUND.search(plain))))


def article_letters(text: str) -> int:
    """Letters in the extracted text outside boilerplate lines."""
    return sum(ch.isalpha() for line in text.split("\n") if not is_boilerplate_line(line) for ch in line)


NO_ARTICLE = "no article text found in this HTML page"


def read_html(html: str) -> tuple[str, Declared] | None:
    """An HTML page -> (its main text as markdown, what the page declares); None when trafilatura
    finds no main text, or only boilerplate (a 404 page's cookie banner and menu is no article)."""
    page = page_tree(html)
    body = main_text(page) if page is not None else None
    if not body or not body.strip() or article_letters(body) < MIN_ARTICLE_LETTERS:
        return None
    meta = page_metadata(page)
    return body, Declared(title=meta["title"], url=meta["url"], published=declared_date(meta["published"]),
                          authors=meta["authors"], caption=lost_caption(body, page), site_name=meta["site_name"],
                          description=meta["description"])
