"""HTML pages: trafilatura extracts the main text as markdown; what the page declares (page_meta) is chosen
here into a `Declared` record; cleaning takes both."""

from __future__ import annotations

import logging
import re
from datetime import date
from itertools import groupby
from urllib.parse import urlsplit

import trafilatura
from lxml.html import HtmlElement

from newsdesk.clean import metadata, remove, titles
from newsdesk.clean.declared import Declared
from newsdesk.clean.markdown import inline_plain
from newsdesk.extract.credits import declared_organizations, declared_people, split_trailing_photo_credit
from newsdesk.formats import page_meta
from newsdesk.metadata import outlet_domain

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
    from its own copy)."""
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return trafilatura.load_html(html)


def main_text(page: HtmlElement) -> str | None:
    """A page's tree -> its main text as markdown (trafilatura), None when nothing was found."""
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return trafilatura.extract(page, **EXTRACT_OPTIONS)


def page_declared(page: HtmlElement, body: str) -> Declared:
    """A page's tree (and the main text extracted from it) -> what the page declares, each field chosen
    among its candidates (`page_meta.read_page_meta`) in the order they are trusted."""
    meta = page_meta.read_page_meta(page)
    url = choose_url(meta.urls)
    language = next((x.strip() for x in meta.languages if x.strip()), None)
    dayfirst = metadata.locale_dayfirst(language, url)
    site_names = [x for x in meta.site_names if not RE_URL_LIKE.search(x)]
    published, note = declared_day(meta.dates, dayfirst)
    return Declared(
        title=titles.choose_title([text for _, text in meta.titles], meta.headings, site_names, url),
        url=url, published=published, published_note=note, authors=declared_authors(meta.authors),
        caption=lost_caption(body, page), site_name=site_names[0] if site_names else None,
        language=language, description=next((x for x in meta.descriptions if x.strip()), None),
    )


RE_URL_LIKE = re.compile(r"^\s*(?:https?:)?//|^\s*www\.", re.IGNORECASE)


def absolute_url(url: str) -> str | None:
    """A declared URL as an absolute http(s) URL without its fragment (`//host/path` gets `https:`,
    `…/story/#webpage` loses `#webpage`); None for anything else."""
    url = "".join((url or "").split()).split("#", 1)[0]
    url = "https:" + url if url.startswith("//") else url
    host = metadata.urlsplit_host(url) if url.lower().startswith(("http://", "https://")) else None
    return url if host and "." in host else None


def choose_url(candidates: list[tuple[str, str]]) -> str | None:
    """The article's URL among the page's canonical link, `og:url` and JSON-LD urls (in that order).

    A canonical link can point at a section front (`/news/`) or the home page, or at the original of
    a syndicated copy on another site: the page's own `og:url` is taken then when it is deeper on the
    same site, or on another site."""
    urls = [(source, url) for source, raw in candidates if (url := absolute_url(raw))]
    if not urls:
        return None
    best = urls[0][1]
    own = next((url for source, url in urls if source == "og:url"), None)
    if own and own != best:
        same_site = outlet_domain(own) == outlet_domain(best)
        if not same_site or _path(best) in _path_prefixes(own):
            best = own
    return best


def _path(url: str) -> str:
    return urlsplit(url).path.rstrip("/")


def _path_prefixes(url: str) -> set[str]:
    """`/a/b/c` -> {"", "/a", "/a/b"}: the proper prefixes of a URL's path (its sections)."""
    parts = _path(url).split("/")
    return {"/".join(parts[:i]) for i in range(1, len(parts))}


def declared_day(texts: list[tuple[str, str]], dayfirst: bool | None) -> tuple[date | None, str | None]:
    """The first declared date that reads as a full day, and a warning when its day and month could
    be swapped (`3/09/15` on a site whose locale does not say)."""
    for source, text in texts:
        reader = metadata.date_line if source == "title" else metadata.parse_date  # a title segment: only a date
        if day := reader(text[:metadata.DATE_LINE_MAX_CHARS], dayfirst):
            if metadata.is_ambiguous(text, dayfirst):
                return day, metadata.ambiguous_warning(day, text)
            return day, None
    return None, None


MAX_BYLINE_SEGMENTS = 4  # "By | Jane Roe | Staff reporter"; a menu ("Sign In | Sign Up | …") has more
BYLINE_ELEMENTS_TRIED = 3
AUTHOR_SOURCES = ("json-ld", "meta", "byline element")


def declared_authors(candidates: list[tuple[str, str]]) -> tuple[str, ...]:
    """The authors of the most trusted source that names a person: JSON-LD, then meta tags (in
    page_meta.AUTHOR_KEYS order), then the visible byline (of the first byline elements, the one naming
    the most people: the others are often a menu or a bio). A page that names no person keeps its
    first organization byline ("By Reuters")."""
    values = [(source, text) for source, text in candidates if text.count("|") < MAX_BYLINE_SEGMENTS]
    kind = {source: source if source in AUTHOR_SOURCES else "meta" for source, _ in values}
    values.sort(key=lambda c: AUTHOR_SOURCES.index(kind[c[0]]))  # (stable: meta tags keep their order)
    for source, group in groupby(values, key=lambda c: kind[c[0]] if kind[c[0]] != "meta" else c[0]):
        texts = [text for _, text in group]
        if source == "byline element":
            counts = [len(declared_people(text)) for text in texts[:BYLINE_ELEMENTS_TRIED]]
            if counts and max(counts):
                return (texts[counts.index(max(counts))],)
            continue
        if people := [text for text in texts if declared_people(text)]:
            return tuple(dict.fromkeys(people))
    organization = next((text for _, text in values if declared_organizations(text)), None)
    return (organization,) if organization else ()


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
    plain = " ".join(inline_plain(remove.heading_marker(line)).split())
    words = len(plain.split())
    return (not plain or remove.is_debris(plain)
            or (words <= BOILERPLATE_MAX_WORDS and bool(RE_CONSENT.search(plain)))
            or (words <= NOT_FOUND_MAX_WORDS and bool(RE_NOT_FOUND.search(plain))))


def has_article_text(text: str, minimum: int = MIN_ARTICLE_LETTERS) -> bool:
    """True when the extracted text holds at least `minimum` letters outside boilerplate lines.

    Lines are read from the top and the count stops at `minimum`: an article passes within its first
    lines, so the boilerplate test (the costly part) never sees the rest of a long text."""
    letters = 0
    for line in text.split("\n"):
        if line.strip() and not is_boilerplate_line(line):
            letters += sum(map(str.isalpha, line))
            if letters >= minimum:
                return True
    return False


NO_ARTICLE = "no article text found in this HTML page"


def read_html(html: str) -> tuple[str, Declared] | None:
    """An HTML page -> (its main text as markdown, what the page declares); None when trafilatura
    finds no main text, or only boilerplate (a 404 page's cookie banner and menu is no article)."""
    page = page_tree(html)
    body = main_text(page) if page is not None else None
    if not body or not has_article_text(body):
        return None
    return body, page_declared(page, body)
