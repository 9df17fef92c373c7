"""What an HTML page declares about its article, read from the page's tree: JSON-LD, `<meta>` tags,
microdata, `<time>` elements, byline elements, headings and `<title>`.

Each reader returns candidates in the order they are trusted; choosing among them (and cleaning a
title or a byline) is left to `newsdesk.formats.html` and `newsdesk.clean`. Pure functions over an
lxml tree; a page with broken JSON-LD or odd markup gives fewer candidates, never an error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml.etree import XPath
from lxml.html import HtmlElement

from newsdesk.clean.titles import RE_TITLE_SEPARATOR

# schema.org types whose JSON-LD object describes the article itself (a page also holds Organization,
# BreadcrumbList, VideoObject objects: their names and dates are not the article's)
ARTICLE_TYPES = frozenset({
    "article", "newsarticle", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
    "reviewnewsarticle", "backgroundnewsarticle", "askpublicnewsarticle", "blogposting", "liveblogposting",
    "socialmediaposting", "discussionforumposting", "techarticle", "scholarlyarticle", "report", "satiricalarticle",
})
PAGE_TYPES = frozenset({"webpage", "itempage"})
# <meta> names (name=, property= or itemprop=, lowercased) in the order they are trusted
TITLE_KEYS = ("og:title", "twitter:title", "parsely-title", "sailthru.title", "dc.title", "fulltitle", "headline")
DATE_KEYS = ("article:published_time", "article:published", "og:article:published_time", "parsely-pub-date",
             "datepublished", "dc.date.issued", "dcterms.issued", "publishdate", "publish-date", "pubdate",
             "publication_date", "date", "dc.date", "sailthru.date")
AUTHOR_KEYS = ("author", "article:author", "article:author_name", "byl", "parsely-author", "sailthru.author",
               "dc.creator", "dcterms.creator", "citation_author")
SITE_KEYS = ("og:site_name", "application-name", "apple-mobile-web-app-title", "publisher")
DESCRIPTION_KEYS = ("og:description", "description", "twitter:description")
LANGUAGE_KEYS = ("og:locale", "content-language", "language", "dc.language")
URL_KEYS = ("og:url", "twitter:url")

# class/id words of elements that hold a byline or a publication date (hAtom `published`, WordPress
# `entry-date`, `byline`, ...); comment threads and author bios hold other names and dates
RE_BYLINE_CLASS = re.compile(r"byline|(?<![a-z])author(?!iz|it|-?(?:bio|avatar|photo|image|img|follow|desc))", re.I)
RE_DATE_CLASS = re.compile(r"(?<![a-z])(?:published|pub-?date|publish-?date|post-?date|entry-?date|article-?date"
                           r"|story-?date|dateline|timestamp)(?![a-z])", re.I)
RE_NOT_ARTICLE_PART = re.compile(r"^(?:comments?|commentlist|disqus|related\w*|recommend\w*|sidebar|footer|promo\w*|trending"
                                 r"|popular|most-?read|newsletter|author-?bio|follow\w*|share|sharing|social)(?:$|[-_])",
                                 re.I)
BYLINE_MAX_CHARS = 200
RE_DIGIT = re.compile(r"\d")
RE_CDATA = re.compile(r"^\s*(?://\s*)?<!\[CDATA\[|(?://\s*)?\]\]>\s*$")


@dataclass
class PageMeta:
    """Candidates for each field, most trusted first (`(source, text)` pairs for the scored ones)."""

    titles: list[tuple[str, str]] = field(default_factory=list)  # og:title, JSON-LD headline, <title>, ...
    headings: list[str] = field(default_factory=list)  # the page's <h1> texts, in order
    dates: list[tuple[str, str]] = field(default_factory=list)
    authors: list[tuple[str, str]] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)
    urls: list[tuple[str, str]] = field(default_factory=list)  # canonical link, og:url, JSON-LD url
    languages: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)


def read_page_meta(page: HtmlElement) -> PageMeta:
    """Every declared candidate of one page."""
    meta = PageMeta()
    tags = meta_tags(page)
    for obj in json_ld_articles(page):
        _from_json_ld(obj, meta)
    meta.titles += [(key, value) for key in TITLE_KEYS for value in tags.get(key, [])]
    meta.titles += [("title", text) for text in _texts(page.xpath("//head//title | /html/title"))[:1]]
    meta.headings = [text for text in _texts(page.xpath("//body//h1")) if text]
    meta.dates += [(key, value) for key in DATE_KEYS for value in tags.get(key, [])]
    meta.dates += [("time", text) for text in time_texts(page)]
    marked = marked_elements(page)
    meta.dates += [("date element", text) for text in element_texts(marked, RE_DATE_CLASS)]
    meta.authors += [(key, value) for key in AUTHOR_KEYS for value in tags.get(key, [])]
    bylines = byline_texts(page, marked)
    meta.authors += [("byline element", text) for text in bylines]
    meta.dates += [("byline element", text) for text in bylines]  # "By Jane Roe | May 20, 2019"
    # a date as a whole segment of the title: "Headline - 07.12.2017 - Site"
    meta.dates += [("title", segment) for _, title in meta.titles
                   for segment in RE_TITLE_SEPARATOR.split(title)[1:] if RE_DIGIT.search(segment)]
    meta.site_names += [value for key in SITE_KEYS for value in tags.get(key, [])]
    meta.urls = ([("canonical", href) for href in page.xpath("//link[@rel='canonical']/@href")]
                 + [(key, v) for key in URL_KEYS for v in tags.get(key, [])] + meta.urls)
    meta.languages += page.xpath("/html/@lang") + [v for key in LANGUAGE_KEYS for v in tags.get(key, [])]
    meta.descriptions += [value for key in DESCRIPTION_KEYS for value in tags.get(key, [])]
    return meta


def meta_tags(page: HtmlElement) -> dict[str, list[str]]:
    """`<meta name|property|itemprop=K content=V>` -> {k (lowercased): [V, ...]} (non-empty values)."""
    tags: dict[str, list[str]] = {}
    for node in page.iter("meta"):
        content = " ".join((node.get("content") or "").split())
        if not content:
            continue
        for attr in ("property", "name", "itemprop"):
            if key := (node.get(attr) or "").strip().lower():
                tags.setdefault(key, []).append(content)
    return tags


def json_ld_articles(page: HtmlElement) -> list[dict]:
    """The JSON-LD objects of the page that describe an article, then those that describe the page
    (top level, lists and `@graph`)."""
    found = []
    for script in page.xpath("//script[@type='application/ld+json']"):
        try:
            data = json.loads(RE_CDATA.sub("", script.text or ""), strict=False)
        except (ValueError, RecursionError):
            continue
        found += _objects(data)
    # a graph names its author once ({"@type": "Person", "@id": X, "name": …}) and points at it ({"@id": X})
    by_id = {obj["@id"]: obj for obj in found if isinstance(obj.get("@id"), str) and "name" in obj}
    found = [{**obj, "author": _resolved(obj.get("author"), by_id)} if "author" in obj else obj for obj in found]
    # the article's own objects first; a WebPage object (Yoast's graph) may be all a page declares
    return ([obj for obj in found if _types(obj) & ARTICLE_TYPES]
            + [obj for obj in found if _types(obj) & PAGE_TYPES and not _types(obj) & ARTICLE_TYPES])


def _resolved(value: object, by_id: dict[str, dict]) -> object:
    """`{"@id": X}` references -> the objects they name (other values as they are)."""
    if isinstance(value, list):
        return [_resolved(v, by_id) for v in value[:20]]
    if isinstance(value, dict) and "name" not in value and isinstance(value.get("@id"), str):
        return by_id.get(value["@id"], value)
    return value


def _objects(data: object, depth: int = 0) -> list[dict]:
    if depth > 3:
        return []
    if isinstance(data, list):
        return [obj for item in data for obj in _objects(item, depth + 1)]
    if isinstance(data, dict):
        return [data, *_objects(data.get("@graph"), depth + 1)]
    return []


def _types(obj: dict) -> set[str]:
    kind = obj.get("@type")
    kinds = kind if isinstance(kind, list) else [kind]
    return {k.lower() for k in kinds if isinstance(k, str)}


def _names(value: object) -> list[str]:
    """A JSON-LD author/publisher value (a string, {"name": …}, or a list of them) -> names; organizations
    are left out of authors by the caller through `people_only`."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items[:20]:
        if isinstance(item, dict):
            item = item.get("name")
        if isinstance(item, str) and item.strip():
            names.append(" ".join(item.split()))
    return names


def _from_json_ld(obj: dict, meta: PageMeta) -> None:
    for key in ("headline", "name"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            meta.titles.append(("json-ld " + key, " ".join(obj[key].split())))
            break
    for key in ("datePublished", "dateCreated"):
        if isinstance(obj.get(key), str) and obj[key].strip():
            meta.dates.append(("json-ld", obj[key].strip()))
            break
    authors = obj.get("author")
    people = [a for a in (authors if isinstance(authors, list) else [authors])
              if not (isinstance(a, dict) and "organization" in str(a.get("@type", "")).lower())]
    meta.authors += [("json-ld", name) for name in _names(people)]
    publisher = obj.get("publisher")
    meta.site_names += _names(publisher)[:1]
    if isinstance(obj.get("inLanguage"), str):
        meta.languages.append(obj["inLanguage"])
    for key in ("url", "mainEntityOfPage"):
        value = obj.get(key)
        value = value.get("@id") if isinstance(value, dict) else value
        if isinstance(value, str) and value.startswith("http"):
            meta.urls.append(("json-ld", value))
    if isinstance(obj.get("description"), str):
        meta.descriptions.append(obj["description"])


def _texts(nodes: list) -> list[str]:
    return [" ".join(node.text_content().split()) for node in nodes]


def _in_article_part(node: HtmlElement) -> bool:
    """False when the node sits in a comment thread, a related-stories box, a sidebar or an author bio."""
    for ancestor in node.iterancestors():
        if ancestor.tag in ("article", "body", "html"):  # their classes describe the page, not a part
            return True
        for token in f"{ancestor.get('class', '')} {ancestor.get('id', '')}".split():
            if RE_NOT_ARTICLE_PART.match(token):
                return False
    return True


def _scope(page: HtmlElement) -> list[HtmlElement]:
    """Where an article's own byline and date are looked for: its `<article>`, else the page."""
    articles = page.xpath("//article")
    return [*articles[:1], page] if articles else [page]


def time_texts(page: HtmlElement) -> list[str]:
    """`<time>` elements of the article: the date the reader sees (the text) when it is a full date,
    then the machine-readable `datetime` (often the update time rather than the publication)."""
    out: list[str] = []
    for root in _scope(page):
        for node in root.iter("time"):
            if not _in_article_part(node):
                continue
            out += [text for text in (" ".join(node.text_content().split()), node.get("datetime", "").strip()) if text]
            if out:
                return out
    return out


# only elements with a class or an id can match a class/id pattern: XPath picks them (in document order)
# without a Python object for every element of the page
MARKED_ELEMENTS = XPath("descendant-or-self::*[@class or @id]")
NOT_MARKED_TAGS = frozenset(("script", "style", "meta", "link", "body", "html"))
Marked = list[list[tuple[HtmlElement, str, str]]]  # per scope root: (element, "its class its id", casefolded)
# every match of a class/id pattern contains one of its words (casefolded): a substring test skips most
# elements before the regex
CLASS_WORDS = {RE_BYLINE_CLASS: ("byline", "author"), RE_DATE_CLASS: ("date", "published", "timestamp")}
RE_ANY_CLASS_WORD = re.compile("|".join(sorted({word for words in CLASS_WORDS.values() for word in words})))


def marked_elements(page: HtmlElement) -> Marked:
    """The elements of each scope (`_scope`) whose class or id holds a word of a class/id pattern
    (`CLASS_WORDS`), with their class and id: read once per page for every class/id pattern. Of the
    hundreds of elements with a class or an id on a page, a few hold such a word."""
    marked = []
    for root in _scope(page):
        elements = []
        for node in MARKED_ELEMENTS(root):
            attributes = f"{node.get('class', '')} {node.get('id', '')}"
            folded = attributes.casefold()
            if RE_ANY_CLASS_WORD.search(folded) and node.tag not in NOT_MARKED_TAGS:
                elements.append((node, attributes, folded))
        marked.append(elements)
    return marked


def element_texts(marked: Marked, marks: re.Pattern[str]) -> list[str]:
    """Texts of the article's elements whose class or id matches `marks` (first ones first)."""
    out = []
    words = CLASS_WORDS[marks]
    for elements in marked:
        for node, attributes, folded in elements:
            if any(word in folded for word in words) and marks.search(attributes) and _in_article_part(node):
                text = node.get("title") if node.tag == "abbr" and node.get("title") else separated_text(node)
                if text and len(text) <= BYLINE_MAX_CHARS:
                    out.append(text)
                if len(out) >= 3:
                    return out
        if out:
            return out
    return out


AUTHOR_TAGGED = XPath("//*[@rel='author' or @itemprop='author']")
AUTHOR_LINKS = XPath("//a[contains(@href, '/author/')]")


def byline_texts(page: HtmlElement, marked: Marked) -> list[str]:
    """Byline elements: `rel="author"`, `itemprop="author"` and class/id "byline"/"author" (not bios)."""
    tagged = [n for n in AUTHOR_TAGGED(page) if _in_article_part(n)]
    texts = [t for n in tagged[:3] if n.tag not in ("link", "meta") and (t := separated_text(n))]
    texts += element_texts(marked, RE_BYLINE_CLASS)
    # WordPress and friends link the author's name to /author/<slug>/
    linked = [n for n in AUTHOR_LINKS(page) if _in_article_part(n)]
    return texts + [t for n in linked[:2] if (t := separated_text(n)) and len(t) <= BYLINE_MAX_CHARS]


BLOCK_TAGS = frozenset("address article aside blockquote br dd div dl dt figcaption figure footer h1 h2 h3 h4 h5 "
                       "h6 header hr li main nav ol p section table td th tr ul".split())
SEPARATOR = " | "


def separated_text(node: HtmlElement) -> str:
    """An element's text with block children kept apart (`Ben Silverman | Games Editor`, not `Ben
    Silverman Games Editor`: a name and a job title often sit in sibling blocks); inline children
    (`By <a>Jane Roe</a>`) run on."""
    parts: list[str] = []
    _walk(node, parts, top=True)
    text = " ".join("".join(parts).split())
    pieces = [piece.strip() for piece in text.split("|")]
    return SEPARATOR.join(piece for piece in pieces if piece)


def _walk(node: HtmlElement, parts: list[str], top: bool = False) -> None:
    block = not top and node.tag in BLOCK_TAGS
    if block:
        parts.append(" | ")
    if node.tag not in ("script", "style") and node.text:
        parts.append(node.text)
    for child in node:
        if isinstance(child.tag, str):
            _walk(child, parts)
        if child.tail:
            parts.append(child.tail)
    if block:
        parts.append(" | ")
