"""clean_article: a body text in any scraped-markdown shape plus what its source declares
(`Declared`) -> CleanDocument, each field decided once; clean_markdown: a scraped markdown file
(its `Original url:` block is its declaration) -> CleanDocument.

Shapes: the seed's (`# title`, a date line, a caption with a bold photo credit, `[text](#)` links,
`**Related article:**` lines, an `Original url:` block), trafilatura's (`By …` line, headings, real
link URLs, lists, tables) and html2text's (hard-wrapped lines, `* ` bullets, reference links).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from newsdesk.clean import metadata, normalize, paragraphs, remove, titles
from newsdesk.clean import resources as R
from newsdesk.clean.declared import Declared
from newsdesk.clean.document import CleanDocument
from newsdesk.extract import credits as credit_lines
from newsdesk.extract.credits import RawCredit

HEADER_MAX_BLOCKS = 8
BYLINE_MAX_WORDS = 14
RELATED_MAX_CHARS = 250
KICKER_MAX_CHARS = 30
PREAMBLE_MAX_BLOCKS = 2
DATELINE_MAX_PARAGRAPH = 6  # slug lines are dropped above a dateline among the first paragraphs only
SLUG_MAX_WORDS = 12
TEASERS_MAX_BLOCKS = 2  # short blocks above a repeated headline are another story's teaser


def inline_plain(text: str) -> str:
    """Inline markdown -> plain text: images, links, emphasis, escapes and HTML tags removed."""
    text = remove.link_artifacts(remove.images(remove.shortcodes(remove.html_tags(text))))
    text = remove.markdown_escapes(remove.stray_emphasis(remove.emphasis(text)))
    # unescaping can reveal new markup (`\*\*x\*\*`); one more pass makes cleaning idempotent
    return remove.stray_emphasis(remove.emphasis(remove.link_artifacts(text)))


def line_plain(line: str) -> str:
    """One line of inline markdown -> plain text with its spaces normalized."""
    # a line with nothing for inline_plain or whitespace to act on (most body lines) only needs stripping
    return normalize.whitespace(inline_plain(line)) if R.not_plain(line) else line.strip()


def block_plain(block: str) -> str:
    """A markdown block -> plain text (headings, quotes, lists and tables flattened)."""
    plain = block.strip()
    if not R.not_plain(plain) and paragraphs.starts_as_prose(plain):
        return plain  # one line of prose without markup: no step below would change it
    lines = [remove.heading_marker(remove.blockquote_marker(line)) for line in block.split("\n")]
    lines = [line for line in lines if not R.RE_SETEXT_UNDERLINE.match(line)] if len(lines) > 1 else lines
    flat = paragraphs.flatten("\n".join(lines))
    plain = [line_plain(line) for line in flat.split("\n")]
    # a line that only became a list item after unescaping (`\* item`) is normalized like one
    plain = [paragraphs.list_item(m.group(0), line[m.end():]) if (m := R.RE_LIST_ITEM.match(line)) else line
             for line in plain]
    return "\n".join(line for line in plain if line).strip()


def header_byline(line: str) -> RawCredit | None:
    """`By Jane Doe and John Roe` at the top of a scraped file -> a byline credit."""
    if "\n" in line or len(line.split()) > BYLINE_MAX_WORDS or not R.RE_BYLINE_HEAD.match(line):
        return None
    second = line.split()[1]
    return RawCredit("byline", line) if second[:1].isupper() else None


def related_title(plain: str) -> str | None:
    """`Related article: Some headline` (one short line) -> `Some headline`."""
    if "\n" in plain or len(plain) > RELATED_MAX_CHARS:
        return None
    match = R.RE_RELATED.match(plain)
    return match.group(1).strip() if match else None


def caption_split(block: str, plain: str) -> tuple[str | None, RawCredit | None]:
    """A caption paragraph with a trailing photo credit -> (caption, credit); (None, None) otherwise."""
    if R.RE_ONE_CELL_ROW.match(plain):  # a layout table's one-cell row: `| Caption. (credit: NASA/Name) |`
        plain = block = plain.strip("| ")
    caption, credit = credit_lines.split_trailing_photo_credit(plain)
    if credit is None and block != plain:  # the markup (a bold credit) may hold what the plain text lost
        caption, credit = credit_lines.split_trailing_photo_credit(block)
        caption = block_plain(caption) if credit else caption
    return (caption.strip(), credit) if credit else (None, None)


def bold_credit_split(block: str) -> tuple[str | None, RawCredit | None]:
    """`Caption text. **Name / Agency**` (structural fallback) -> (caption, photo credit)."""
    match = R.RE_TRAILING_BOLD.match(block)
    if not match or "\n" in block or "[" in match.group("credit"):
        return None, None
    credit = block_plain(match.group("credit"))
    if not credit or len(credit.split()) > 10 or paragraphs.ends_sentence(credit.rstrip(".")):
        return None, None
    return block_plain(match.group("caption")), RawCredit("photo", credit)


@dataclass
class _State:
    """Accumulates what one pass over the blocks finds."""

    title: str | None = None
    published: object = None  # the date line at the top of the text
    published_text: str | None = None  # that line (to tell an ambiguous numeric date)
    dayfirst: bool | None = None  # the site's locale for numeric dates (metadata.locale_dayfirst)
    authors: tuple[str, ...] = ()  # the declared authors (their byline printed above the text is no text)
    languages: object = None  # the languages dateparser tries (a callable: detected when first needed)
    body_date: object = None  # the first date line further down (a stray timestamp, a related item's date)
    dated_lines: list[str] = field(default_factory=list)  # lines read as a date (or dated byline) and dropped
    caption: str | None = None
    related: list[str] = field(default_factory=list)
    credits: list[RawCredit] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    description: str | None = None
    preamble: int = 0
    dateline: bool = False
    tag_label: bool = False  # the previous block was a bare "Topics"/"Tags" label


def _read_header(blocks: list[str], state: _State) -> int:
    """Consume title, date and byline blocks at the top; return the index of the first other block."""
    index = 0
    while index < min(len(blocks), HEADER_MAX_BLOCKS):
        block = blocks[index]
        plain = block_plain(block)
        title = metadata.heading_title(block) if state.title is None and not state.body else None
        if title:
            state.title = inline_plain(title).strip()
        elif not plain or (state.title is None and _is_furniture(block, plain)):
            pass  # navigation above the title: "Skip to main content", breadcrumbs "Home > Section"
        elif state.published is None and (day := metadata.date_line(plain, state.dayfirst, state.languages)):
            state.published, state.published_text = day, plain
            state.dated_lines.append(plain)
        elif credit := credit_lines.classify_line(plain) or (
                header_byline(plain) if (state.title or state.published) else None):
            state.credits.append(credit)
            if state.published is None and (day := metadata.byline_date(plain, state.dayfirst)):
                state.published, state.published_text = day, plain
        elif state.published is None and (day := metadata.byline_date(plain, state.dayfirst)):
            state.published, state.published_text = day, plain  # "Tuesday 15 October 2019 by Jane Roe"
            state.dated_lines.append(plain)
            if credit := _byline_after_date(plain):
                state.credits.append(credit)
        else:
            break
        index += 1
    return index


RE_BY_SPLIT = re.compile(r"\s(?=by\s)", re.IGNORECASE)


def _byline_after_date(line: str) -> RawCredit | None:
    """`Tuesday 15 October 2019 by Jane Roe` -> the byline credit of its `by …` part."""
    parts = RE_BY_SPLIT.split(line, maxsplit=1)
    return credit_lines.classify_line(parts[1]) if len(parts) == 2 else None


BYLINE_LINE_MAX_WORDS = 20
SECTION_PROSE_MIN_WORDS = 25


def _repeats_declared_byline(plain: str, authors: tuple[str, ...]) -> bool:
    """A short line that opens with a declared author's name and a comma or dash: the byline with
    the author's job title, printed above the text."""
    if "\n" in plain or len(plain.split()) > BYLINE_LINE_MAX_WORDS or paragraphs.ends_sentence(plain):
        return False
    names = [name for author in authors for name in credit_lines.declared_people(author)]
    return any(plain.startswith(name) and plain[len(name):len(name) + 2].strip()[:1] in (",", "|", "-", "–", "—")
               for name in names)


def _is_section_link_heading(block: str, following: str) -> bool:
    """A heading that is one link, right above a paragraph of prose: a section title (a list of
    products, of places) whose text links somewhere, not a teaser for another story (those come in
    lists, or above a date or another link)."""
    heading = R.RE_HEADING.match(block)
    if not heading or "\n" in block or not R.RE_LINK.fullmatch(heading.group(2).strip(" *_")):
        return False
    nxt = following.strip()
    return (not R.RE_HEADING.match(nxt) and "](" not in nxt and "\n" not in nxt
            and len(nxt.split()) >= SECTION_PROSE_MIN_WORDS and paragraphs.ends_sentence(nxt))


def _is_furniture(block: str, plain: str) -> bool:
    """Site furniture: a debris line (navigation, widgets) or a block made only of links (breadcrumbs)."""
    return (remove.is_debris(plain) or not paragraphs.drop_link_lines(block).strip()
            or bool(R.RE_LINK.search(block) and R.RE_BREADCRUMB_REST.match(R.RE_LINK.sub("", block))))


def _same_text(a: str, b: str | None) -> bool:
    """True when two titles agree up to punctuation, case and a trailing site-name suffix."""
    a, b = (re.sub(r"\W+", "", x or "").casefold() for x in (a, b))
    return bool(a and b) and (a == b or (min(len(a), len(b)) >= 20 and (a.startswith(b) or b.startswith(a))))


def _is_preamble(block: str, plain: str) -> bool:
    """A heading (standfirst) or a one-to-three-word label (kicker) before the first body paragraph."""
    kicker = len(plain) <= KICKER_MAX_CHARS and len(plain.split()) <= 3 and not paragraphs.ends_sentence(plain)
    return bool(R.RE_HEADING.match(block)) or kicker


def _is_slug(paragraph: str) -> bool:
    """A short non-sentence line above a wire dateline (`AP-US--Storm-Name, 2nd Ld-Writethru`, a kicker)."""
    return "\n" not in paragraph and len(paragraph.split()) <= SLUG_MAX_WORDS and not paragraphs.ends_sentence(paragraph)


def _split_datelines(plain: str, state: _State) -> str:
    """Wire datelines leave the body for a `wire` credit, the paragraph keeping its first word.

    Every paragraph is tried (the first real one may come after a slug, a gallery or a caption;
    roundups carry one per item), so a second pass finds none left: cleaning stays idempotent.
    Short non-sentence lines above the first dateline (`AP-US--Storm, 2nd Ld-Writethru`) go too."""
    for _ in range(100):  # `(AP) — (AP) — The …`: each pass strips one; bounded all the same
        dateline, rest = credit_lines.split_dateline(plain)
        if dateline is None:
            break
        # what followed the dateline may start like markup (`# `, `- `); a lone dateline goes whole
        plain = block_plain(rest) if rest != plain else ""
        state.credits.append(dateline)
        if not state.dateline and len(state.body) < DATELINE_MAX_PARAGRAPH:
            state.body = [p for p in state.body if not _is_slug(p)]
        state.dateline = True
    return plain


def _is_tag_list(plain: str, state: _State) -> bool:
    """A "Topics"/"Tags: a, b, c" label and the short list under it (site taxonomy, not text)."""
    label = R.RE_TAG_LABEL.match(plain)
    after_label, state.tag_label = state.tag_label, False
    if label and not label.group(1):
        state.tag_label = True
        return True
    if label:
        return R.is_tag_items(label.group(1).split(","))
    if after_label:
        items = [R.RE_BULLET_PREFIX.sub("", line) for line in plain.split("\n")]
        return R.is_tag_items(items) if len(items) > 1 or "," in plain else R.is_tag_items(plain.split(","))
    return False


def _body_lines(plain: str, state: _State) -> str:
    """Drop debris lines and whole-line credits from a (possibly multi-line) plain block."""
    kept = []
    for line in plain.split("\n"):
        # credits first: `© Reuters` is a photo credit, not copyright debris (classify_line itself
        # rejects "© 2019 … All Rights Reserved" boilerplate)
        if credit := credit_lines.classify_line(line):
            state.credits.append(credit)
            continue
        if remove.is_debris(line):
            continue
        kept.append(line)
    return "\n".join(kept)


def _read_body(blocks: list[str], state: _State) -> None:
    """Sort the remaining blocks into body paragraphs, caption, related titles and credits."""
    for index, block in enumerate(blocks):
        plain = block_plain(block)
        if not plain:
            continue
        if state.authors and not state.body and _repeats_declared_byline(plain, state.authors):
            continue  # "Jane Roe, Senior Staff Technologist, …": the declared byline, printed
        if _is_section_link_heading(block, blocks[index + 1] if index + 1 < len(blocks) else ""):
            state.body.append(plain)  # "### [Rez Infinite ($30)](…)" above its section's prose
            continue
        if title := related_title(plain):
            state.related.append(title)
            continue
        if day := metadata.date_line(plain, state.dayfirst, state.languages):  # a stray date/time line inside the text
            state.body_date = state.body_date or day
            state.dated_lines.append(plain)
            continue
        if not state.body and state.published is None and (day := metadata.leading_date(plain, state.dayfirst, state.languages)):
            state.published, state.published_text = day, plain  # "Feb. 23, 2015 -- The study …" opens the body
        if R.RE_HEADING.match(block) and _same_text(plain, state.title):  # the title repeated
            if len(state.body) <= TEASERS_MAX_BLOCKS and not state.dateline:
                state.body.clear()  # what came above the headline is a teaser or a kicker, not the article
            continue
        if (not state.body and state.preamble < PREAMBLE_MAX_BLOCKS
                and (state.title or state.published or state.body_date)
                and _is_preamble(block, plain)):
            state.preamble += 1  # a standfirst or kicker above the body
            state.description = state.description or (plain if R.RE_HEADING.match(block) else None)
            continue
        if (without_links := paragraphs.drop_link_lines(block)) != block:
            plain = block_plain(without_links)
        caption, credit = caption_split(block, plain)
        if credit is None and not state.body and state.caption is None:
            caption, credit = bold_credit_split(block)
        if credit is not None:
            state.credits.append(credit)
            state.caption = state.caption or caption or None
            continue
        if _is_tag_list(plain, state):
            continue
        if remove.is_slideshow(plain):
            if state.body and R.RE_GALLERY_HEADING.search(state.body[-1]):
                state.body.pop()  # "Business news in pictures": the slideshow's heading
            continue
        plain = _body_lines(_split_datelines(plain, state), state)
        if plain.strip():
            state.body.append(plain.strip())


def clean_markdown(text: str) -> CleanDocument:
    """Scraped markdown (the seed's shape and friends) -> CleanDocument. Its only declaration outside
    the text is the `Original url:` block; title, date and byline lines are read from the text."""
    url, text = metadata.original_url(normalize.line_endings(text or ""))
    return clean_article(text, Declared(url=url))


def clean_article(text: str, declared: Declared = Declared(), _settle: bool = True) -> CleanDocument:
    """A body text in any scraped-markdown shape and what its source declares -> CleanDocument.

    Each field is decided once, here: the title declared, else the text's `# title`; the day
    declared, else the text's date line, else the URL's date, else a date line further down the text
    (only when nothing else says when); byline credits from the text, else from the declared authors."""
    text = normalize.unicode(normalize.line_endings(text or ""))
    text = R.RE_HTML_COMMENT.sub("", text) if "<!--" in text else text
    blocks = paragraphs.split(text)
    url = declared_url(declared.url)
    url_warning = [f"url {declared.url.strip()[:200]!r} is not a web address: left out"] if declared.url and not url else []
    state = _State(title=declared_title(declared.title), dayfirst=metadata.locale_dayfirst(declared.language, url),
                   languages=_date_languages(declared.language, text), authors=declared.authors)
    if declared.caption:
        _read_caption(normalize.unicode(declared.caption), state)
    start = _read_header(blocks, state)
    _read_body(blocks[start:], state)
    if not state.body and len(state.dated_lines) == 1 and _has_words_besides_the_date(state.dated_lines[0]):
        state.body.append(state.dated_lines[0])  # a text of one dated sentence: that sentence is its body
    # dropping a repeated paragraph can bring a broken sentence's two halves together: rejoin once more
    body = normalize.whitespace(paragraphs.join(paragraphs.rejoin(paragraphs.dedupe(paragraphs.rejoin(state.body)))))
    if _settle and normalize.unicode(body) != body:
        # joining lines made a new mojibake-looking pair ('Â' + newline -> 'Â '): clean the body
        # once more now, so that cleaning a clean body changes nothing
        body = clean_article(body, _settle=False).body
    published = declared.published or state.published or metadata.date_from_url(url) or state.body_date
    has_byline = any(credit.role == "byline" for credit in state.credits)
    credits = tuple(state.credits) if has_byline else byline_credits(declared.authors) + tuple(state.credits)
    title = titles.strip_site_name(state.title, [declared.site_name or ""], url) if state.title else None
    return CleanDocument(
        body=body, title=title, published=published, url=url, image_caption=state.caption,
        related_titles=tuple(state.related), credits=credits, language=metadata.language(body),
        warnings=tuple(url_warning + _warnings(declared, state, published, body)), authors=declared.authors,
        site_name=declared.site_name or None, description=state.description or declared.description or None,
    )


def _has_words_besides_the_date(line: str) -> bool:
    """A word that is not part of a date, a time or its label ("Officials said …", not "Posted on
    March 3, 2021 at 9 am")."""
    return any(word.isalpha() and not R.RE_TIMESTAMP_WORD.match(word)
               for word in (w.strip("()[],|/·•:;-–—*_.") for w in line.split()))


def _warnings(declared: Declared, state: _State, published, body: str) -> list[str]:
    """What a reader of the article row should know: a missing title or date, a publication day
    that may have its day and month swapped, or one in the future."""
    warnings = [msg for msg, missing in (("no title found", state.title is None),
                                         ("no publication date found", published is None),
                                         ("empty body after cleaning", not body)) if missing]
    if declared.published and declared.published_note:
        warnings.append(declared.published_note)
    elif published and published == state.published and metadata.is_ambiguous(state.published_text, state.dayfirst):
        warnings.append(metadata.ambiguous_warning(published, state.published_text))
    if future := metadata.future_warning(published):
        warnings.append(future)
    return warnings


def _date_languages(declared: str | None, text: str):
    """The languages to read a non-English date line in: the declared one, else the text's (detected
    once, and only when such a line needs dateparser), and English."""
    if declared:
        return metadata.date_languages(declared)
    return functools.cache(lambda: metadata.date_languages(metadata.language(text)))


def _read_caption(caption: str, state: _State) -> None:
    """A declared figure caption ending in a photo credit -> the image caption and the credit."""
    caption, credit = caption_split(caption, block_plain(caption))
    if credit is None:
        caption, credit = bold_credit_split(caption)
    if credit is not None:
        state.credits.append(credit)
        state.caption = caption or None


def declared_title(title: str | None) -> str | None:
    """A declared headline as cleaning reads a `# title` line: one line, inline markup dropped."""
    heading = metadata.heading_title("# " + " ".join(normalize.unicode(title).split())) if title else None
    return inline_plain(heading).strip() or None if heading else None


def declared_url(url: str | None) -> str | None:
    """A declared URL without the whitespace scrapers leave in it; None when it is no web address."""
    url = "".join((url or "").split()).rstrip(".,;")
    return url if url and web_address(url) else None


def web_address(url: str) -> bool:
    """An absolute http(s) URL with a host that parses (`http://[::1` does not)."""
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 (reading it checks the port: `http://host:x/` raises here)
        return parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:
        return False


def byline_credits(authors: tuple[str, ...]) -> tuple[RawCredit, ...]:
    """Declared authors -> byline credits (the same cleaning for every format: credits.declared_byline)."""
    return tuple(credit for name in authors if (credit := credit_lines.declared_byline(name)))
