"""JSON Lines exports (news-please and friends): one article per non-blank line."""

from __future__ import annotations

import json

from newsdesk.formats.scraped import clean_with_metadata

# field names seen in common scrapers' exports, in order of preference
TEXT_FIELDS = ("maintext", "text", "body", "content", "article", "article_text", "markdown")
TITLE_FIELDS = ("title", "title_page", "headline", "title_rss")
URL_FIELDS = ("url", "link", "source_url", "canonical_url")
DATE_FIELDS = ("date_publish", "date", "published", "published_at", "publish_date", "pubDate", "datePublished",
               "date_modify", "date_download")
AUTHOR_FIELDS = ("authors", "author", "byline", "creator")
SITE_FIELDS = ("source_domain", "site_name", "sitename", "source", "publisher")
DESCRIPTION_FIELDS = ("description", "summary", "excerpt", "lead")


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
        return f"expected a JSON object per line, got a JSON {type(record).__name__}"
    if as_text(first_field(record, TEXT_FIELDS)) is None:
        return "no article text: none of the fields " + ", ".join(TEXT_FIELDS) + " holds text"
    return None


def parse_record(record: dict):
    """One decoded JSON object -> CleanDocument (caller checks record_error first)."""
    title, url = first_field(record, TITLE_FIELDS), first_field(record, URL_FIELDS)
    site, description = first_field(record, SITE_FIELDS), first_field(record, DESCRIPTION_FIELDS)
    return clean_with_metadata(
        as_text(first_field(record, TEXT_FIELDS)) or "",
        title=title if isinstance(title, str) else None, url=url if isinstance(url, str) else None,
        published=first_field(record, DATE_FIELDS), authors=author_names(first_field(record, AUTHOR_FIELDS)),
        site_name=site if isinstance(site, str) else None,
        description=description if isinstance(description, str) else None,
    )


def parse_lines(text: str) -> list:
    """JSONL text -> one ParsedItem per non-blank line; a bad line gets an error, never an exception."""
    from newsdesk.formats import ParsedItem

    items = []
    for number, line in enumerate(text.lstrip("\ufeff").splitlines(), start=1):
        if not line.strip():
            continue
        locator = f"line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            items.append(ParsedItem(locator, None, f"not valid JSON ({error.msg} at column {error.colno})"))
            continue
        except RecursionError:  # `[[[[…]]]]` 100,000 deep: the decoder recurses once per level
            items.append(ParsedItem(locator, None, "JSON nested too deeply to be an article record "
                                                   "(arrays or objects inside each other thousands of levels deep)"))
            continue
        except (ValueError, MemoryError) as error:  # anything else the decoder refuses stays this line's reason
            items.append(ParsedItem(locator, None, f"not valid JSON ({type(error).__name__}: {error})"[:300]))
            continue
        if error := record_error(record):
            items.append(ParsedItem(locator, None, error))
            continue
        try:
            document = parse_record(record)
        except RecursionError:  # a nested value in a field we read (e.g. authors)
            items.append(ParsedItem(locator, None, "JSON nested too deeply to be an article record"))
            continue
        except ImportError:  # an incomplete install, not a bad line: newsdesk.batch reports it
            raise
        except Exception as error:  # a cleaning bug must not lose the other lines
            items.append(ParsedItem(locator, None, f"could not be cleaned ({type(error).__name__}: {error})"))
            continue
        items.append(ParsedItem(locator, document) if document.body
                     else ParsedItem(locator, None, "the article text is empty after cleaning"))
    return items
