"""JSON Lines exports (news-please and friends): one article per non-blank line."""

from __future__ import annotations

import json
from datetime import date, datetime, timezone

from newsdesk.clean import CleanDocument, metadata
from newsdesk.clean.declared import Declared
from newsdesk.clean.markdown import clean_article

# field names seen in common scrapers' exports, in order of preference
TEXT_FIELDS = ("maintext", "text", "body", "content", "article", "article_text", "markdown")
TITLE_FIELDS = ("title", "title_page", "headline", "title_rss")
URL_FIELDS = ("url", "link", "source_url", "canonical_url")
DATE_FIELDS = ("date_publish", "date", "published", "published_at", "publish_date", "pubDate", "datePublished",
               "date_modify", "date_download")
AUTHOR_FIELDS = ("authors", "author", "byline", "creator")
SITE_FIELDS = ("source_domain", "site_name", "sitename", "source", "publisher")
DESCRIPTION_FIELDS = ("description", "summary", "excerpt", "lead")
LANGUAGE_FIELDS = ("language", "lang", "locale", "inLanguage")


EPOCH_MIN_SECONDS = 100_000_000  # 1973-03-03: a smaller epoch number is a placeholder, not a publication time


def declared_date(value: object) -> date | None:
    """A declared date (ISO string, `2019-11-19 13:03:00`, epoch seconds, free text) -> date."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        if value < EPOCH_MIN_SECONDS:  # 0, -1: an exporter's "no date", not a time in 1970
            return None
        try:
            return datetime.fromtimestamp(value / 1000 if value > 1e11 else value, tz=timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
    return metadata.parse_date(str(value)[:60]) if str(value).strip() else None


def text_or_none(value: object) -> str | None:
    """A declared string field -> its text; any other value (a number, a list) -> None."""
    return value if isinstance(value, str) and value.strip() else None


def first_field(record: dict, names: tuple[str, ...]) -> object:
    """The first present, non-empty value among `names` (None if none)."""
    for name in names:
        value = record.get(name)
        if value not in (None, "", [], {}):
            return value
    return None


def as_text(value: object) -> str | None:
    """A string field (or a list of strings, joined as paragraphs) -> text; other values -> None.

    Exporters (news-please's `maintext`) separate paragraphs with a single newline; text without
    any blank line gets one blank line per newline so each line stays its own paragraph."""
    if isinstance(value, str):
        return value if "\n\n" in value.strip() else value.replace("\n", "\n\n")
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def author_names(value: object) -> tuple[str, ...]:
    """`["A", "B"]`, `"A, B"`, `"A and B"`, `[{"name": "A"}]` -> ("A", "B")."""
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list):
        return ()
    names = []
    for item in value:
        item = item.get("name") if isinstance(item, dict) else item
        if isinstance(item, str) and item.strip():
            names.append(" ".join(item.split()))
    return tuple(dict.fromkeys(names))


def record_error(record: object) -> str | None:
    """Why a decoded JSON value cannot be an article (None when it can)."""
    if not isinstance(record, dict):
        return f"expected a JSON object per article record, got a JSON {type(record).__name__}"
    if as_text(first_field(record, TEXT_FIELDS)) is None:
        return "no article text: none of the fields " + ", ".join(TEXT_FIELDS) + " holds text"
    return None


def read_record(record: dict) -> tuple[str, Declared]:
    """One decoded JSON object -> (its text, what its fields declare) (caller checks record_error first)."""
    return as_text(first_field(record, TEXT_FIELDS)) or "", Declared(
        title=text_or_none(first_field(record, TITLE_FIELDS)), url=text_or_none(first_field(record, URL_FIELDS)),
        published=declared_date(first_field(record, DATE_FIELDS)),
        authors=author_names(first_field(record, AUTHOR_FIELDS)),
        site_name=text_or_none(first_field(record, SITE_FIELDS)),
        description=text_or_none(first_field(record, DESCRIPTION_FIELDS)),
        language=text_or_none(first_field(record, LANGUAGE_FIELDS)),
    )


def parse_record(record: dict) -> CleanDocument:
    """One decoded JSON object -> CleanDocument (caller checks record_error first)."""
    return clean_article(*read_record(record))


def parse_lines(text: str) -> list:
    """JSONL text -> one ParsedItem per non-blank line; a bad line gets an error, never an exception."""
    lines = enumerate(text.lstrip("\ufeff").splitlines(), start=1)
    return [parse_json_item(line, f"line {number}") for number, line in lines if line.strip()]


def parse_json_file(text: str) -> list:
    """One JSON document (news-please writes one `.json` file per article) -> its article: an object
    is one item, an array one item per element ("item N"); never an exception."""
    from newsdesk.formats import ParsedItem

    decoded = _decode(text.lstrip("\ufeff"), "")
    if isinstance(decoded, ParsedItem):
        return [decoded]
    if isinstance(decoded, list) and decoded:
        return [record_item(record, f"item {n}") for n, record in enumerate(decoded, start=1)]
    return [record_item(decoded, "")]


def parse_json_item(text: str, locator: str):
    """One JSON text (a JSONL line) -> its ParsedItem."""
    from newsdesk.formats import ParsedItem

    decoded = _decode(text, locator)
    return decoded if isinstance(decoded, ParsedItem) else record_item(decoded, locator)


def _decode(text: str, locator: str) -> object:
    """JSON text -> the decoded value, or a ParsedItem saying why it is not valid JSON."""
    from newsdesk.formats import ParsedItem

    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        return ParsedItem(locator, None, f"not valid JSON ({error.msg} at column {error.colno})")
    except RecursionError:  # `[[[[…]]]]` 100,000 deep: the decoder recurses once per level
        return ParsedItem(locator, None, "JSON nested too deeply to be an article record "
                                         "(arrays or objects inside each other thousands of levels deep)")
    except (ValueError, MemoryError) as error:  # anything else the decoder refuses stays this item's reason
        return ParsedItem(locator, None, f"not valid JSON ({type(error).__name__}: {error})"[:300])


def record_item(record: object, locator: str):
    """A decoded JSON value -> its article, or a reject that says why (never an exception)."""
    from newsdesk.formats import ParsedItem, item

    if error := record_error(record):
        return ParsedItem(locator, None, error)
    try:
        return item(locator, parse_record(record))
    except RecursionError:  # a nested value in a field we read (e.g. authors)
        return ParsedItem(locator, None, "JSON nested too deeply to be an article record")
    except ImportError:  # an incomplete install, not a bad record: newsdesk.batch reports it
        raise
    except Exception as error:  # a cleaning bug must not lose the other records
        return ParsedItem(locator, None, f"could not be cleaned ({type(error).__name__}: {error})")
