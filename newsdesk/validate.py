"""Validation of a document's rows against the table schemas (schemas/)."""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError

from newsdesk.identity import reject_row
from newsdesk.pipeline import DocumentResult
from schemas import Article, Credit, Place, Quote, Reject

# Built once: TypeAdapters are compiled validators.
_ARTICLE = TypeAdapter(Article)
_QUOTES = TypeAdapter(list[Quote])
_PLACES = TypeAdapter(list[Place])
_CREDITS = TypeAdapter(list[Credit])
_REJECT = TypeAdapter(Reject)


def validate_result(result: DocumentResult) -> DocumentResult:
    """The result itself when every row fits its schema, else a reject naming the first problem."""
    if result.reject is not None:
        _REJECT.validate_python(result.reject)
        return result
    try:
        _ARTICLE.validate_python(result.article)
        _QUOTES.validate_python(result.quotes)
        _PLACES.validate_python(result.places)
        _CREDITS.validate_python(result.credits)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        art = result.article or {}
        return DocumentResult(reject=reject_row(
            art.get("source_path", "?"), "internal_error",
            f"extracted rows failed validation ({where}: {first['msg']}); please report this input",
            art.get("content_hash"), art.get("source_locator", "")))
    return result
