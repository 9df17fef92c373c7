"""What a source declares about an article apart from its text: the input of cleaning with the body.

Each input format fills one `Declared` record: an HTML page from its JSON-LD, `<meta>` tags, `<time>`
and headings; a JSON Lines record from its fields; scraped markdown from its `Original url:` block
(its `# title`, date line and `By …` line are read by cleaning from the top of the text, the same
reader that finds such lines at the top of any body). Cleaning then decides each field once
(`newsdesk.clean.markdown.clean_article`): declared values first, lines of the text next.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Declared:
    """Metadata a source declares. Every field is optional; None/() means "not declared"."""

    title: str | None = None  # the headline, site name already stripped
    url: str | None = None  # canonical URL of the article
    published: date | None = None  # publication day the source declares (JSON-LD, meta tags, a record field)
    published_note: str | None = None  # a warning about that day (e.g. day and month may be swapped)
    authors: tuple[str, ...] = ()  # author names as declared ("Jane Roe", "By JANE ROE, AP Writer")
    caption: str | None = None  # a figure caption the extractor left out of the text (with its credit)
    site_name: str | None = None  # the outlet's own name ("The Seattle Times")
    language: str | None = None  # declared language tag ("en-US", "pt_BR"), a locale hint for dates
    description: str | None = None  # standfirst/summary, not part of the body
