"""The pure per-document pipeline: decoded input -> table rows (plain dicts shaped like schemas/).

No Prefect and no file I/O here: the flow reads files (newsdesk.ingest), calls these functions
over batches, validates the rows against the schemas and writes them (newsdesk.storage).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import PurePosixPath

from newsdesk import formats
from newsdesk.clean import CleanDocument
from newsdesk.extract.credits import parse_credits
from newsdesk.extract.places import extract_places
from newsdesk.extract.quotes import extract_quotes
from newsdesk.identity import article_id_for, reject_row, text_hash
from newsdesk.ingest import RawFile
from newsdesk.metadata import month_of, outlet_domain

RE_WORD = re.compile(r"\w+")


@dataclass(slots=True)
class DocumentResult:
    """Rows made from one input document: an article with its children, or a reject."""

    article: dict | None = None
    quotes: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    credits: list[dict] = field(default_factory=list)
    reject: dict | None = None


def process_raw(raw: RawFile) -> list[DocumentResult]:
    """One read input file -> one result per article candidate in it (JSONL: one per line)."""
    if raw.error_code:
        return [DocumentResult(reject=reject_row(raw.source_path, raw.error_code, raw.error, raw.content_hash))]
    results = []
    for item in formats.parse(raw.text, raw.fmt):
        digest = text_hash(f"{raw.content_hash}#{item.locator}") if item.locator else raw.content_hash
        if item.document is None:
            results.append(DocumentResult(reject=reject_row(raw.source_path, "parse_error", item.error,
                                                            digest, item.locator)))
            continue
        results.append(build_result(item.document, raw.source_path, item.locator, digest, raw.fmt, raw.encoding))
    return results


def process_text(text: str, source_path: str) -> DocumentResult:
    """Convenience for one-article inputs (markdown, HTML): text + its path -> rows."""
    fmt = formats.FORMAT_BY_SUFFIX.get(PurePosixPath(source_path).suffix.lower(), "markdown")
    raw = RawFile(source_path, len(text), 0, text_hash(text), fmt, text=text, encoding="utf-8")
    return process_raw(raw)[0]


def build_result(doc: CleanDocument, source_path: str, locator: str, digest: str, fmt: str,
                 encoding: str) -> DocumentResult:
    """A cleaned document (with a body: formats.item is the one rule for "no body") -> the article row
    and its quotes, places and credits rows."""
    article_id = article_id_for(doc.url, digest)
    month = month_of(doc.published)
    article = {
        "article_id": article_id, "source_path": source_path, "source_locator": locator,
        "content_hash": digest, "input_format": fmt, "encoding": encoding,
        "title": doc.title, "published": doc.published, "published_month": month,
        "url": doc.url, "outlet_domain": outlet_domain(doc.url), "language": doc.language,
        "body": doc.body, "word_count": len(RE_WORD.findall(doc.body)),
        "paragraph_count": doc.body.count("\n\n") + 1, "image_caption": doc.image_caption,
        "related_titles": list(doc.related_titles), "warnings": list(doc.warnings),
    }
    common = {"article_id": article_id, "published_month": month}
    return DocumentResult(
        article=article,
        quotes=quote_rows(doc.body, common, doc.title or ""),
        places=place_rows(doc, common, article["outlet_domain"]),
        credits=credit_rows(doc, common),
    )


def quote_rows(body: str, common: dict, title: str = "") -> list[dict]:
    """Quotes rows of one article (the title may give a speaker's full name)."""
    rows = []
    for i, q in enumerate(extract_quotes(body, title)):
        rows.append({
            "quote_id": f"{common['article_id']}-q{i}", **common, "quote_index": i,
            "text": q.text, "speaker": q.speaker, "speaker_as_written": q.speaker_as_written,
            "speaker_role": q.speaker_role, "speaker_kind": q.speaker_kind, "cue": q.cue, "cue_lemma": q.cue_lemma,
            "kind": q.kind,
            "paragraph_index": q.paragraph_index, "start_char": q.start, "end_char": q.end,
        })
    return rows


def place_rows(doc: CleanDocument, common: dict, domain: str | None) -> list[dict]:
    """Places rows (one per mention) of one article; its wire datelines and outlet domain are evidence too."""
    datelines = [c.text for c in doc.credits if c.role == "wire"]
    rows = []
    for i, p in enumerate(extract_places(doc.body, datelines=datelines, domain=domain)):
        rows.append({
            "place_mention_id": f"{common['article_id']}-p{i}", **common, "mention_index": i,
            "surface": p.surface, "name": p.name, "kind": p.kind, "country_code": p.country_code,
            "geonames_id": p.geonames_id, "latitude": p.latitude, "longitude": p.longitude,
            "is_demonym": p.is_demonym, "is_dateline": p.is_dateline, "start_char": p.start, "end_char": p.end,
        })
    return rows


def credit_rows(doc: CleanDocument, common: dict) -> list[dict]:
    """Credits rows of one article."""
    rows = []
    for i, c in enumerate(parse_credits(list(doc.credits))):
        rows.append({
            "credit_id": f"{common['article_id']}-c{i}", **common, "credit_index": i,
            "role": c.role, "name": c.name, "organizations": list(c.organizations), "raw": c.raw,
        })
    return rows
