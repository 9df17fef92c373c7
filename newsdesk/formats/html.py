"""HTML pages: trafilatura extracts the main text as markdown plus metadata, then our cleaning runs."""

from __future__ import annotations

import logging

from newsdesk.clean import CleanDocument
from newsdesk.formats.scraped import clean_with_metadata

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


def main_text(html: str) -> str | None:
    """HTML -> the page's main text as markdown (trafilatura), None when nothing was found."""
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    return trafilatura.extract(html, **EXTRACT_OPTIONS)


def page_metadata(html: str) -> dict:
    """HTML -> declared metadata (title, date, authors, url, site_name, description) via trafilatura."""
    from trafilatura import extract_metadata

    meta = extract_metadata(html)
    if meta is None:
        return {}
    authors = tuple(a.strip() for a in (meta.author or "").split(";") if a.strip())
    return {"title": meta.title, "published": meta.date, "authors": authors, "url": meta.url,
            "site_name": meta.sitename, "description": meta.description}


FIGCAPTION_MAX_CHARS = 600


def figcaptions(html: str) -> list[str]:
    """The text of every `<figcaption>` inside the page's `<article>` (or `<main>`, or the whole page)."""
    import lxml.html

    try:
        tree = lxml.html.fromstring(html)
    except (ValueError, TypeError, lxml.etree.ParserError):
        return []
    for scope in ("//article", "//main", "/*"):
        roots = tree.xpath(scope)
        captions = [" ".join(node.text_content().split()) for root in roots[:1] for node in root.iter("figcaption")]
        if captions:
            return [c for c in captions if 0 < len(c) <= FIGCAPTION_MAX_CHARS]
    return []


def with_caption(body: str, html: str) -> str:
    """trafilatura drops `<figcaption>`: put the first credited caption it lost above the body, where
    cleaning reads a caption with its photo credit (uncredited captions are left out, as before)."""
    from newsdesk.extract.credits import split_trailing_photo_credit

    flat = " ".join(body.split())
    for caption in figcaptions(html):
        if caption in flat:
            continue
        if split_trailing_photo_credit(caption)[1] is not None:
            return f"{caption}\n\n{body}"
    return body


def clean_html(html: str) -> CleanDocument | None:
    """An HTML page -> CleanDocument; None when trafilatura finds no main text."""
    body = main_text(html)
    if not body or not body.strip():
        return None
    return clean_with_metadata(with_caption(body, html), **page_metadata(html))
