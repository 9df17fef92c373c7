"""The five tables newsdesk writes. Each model is one row; field descriptions are the data
dictionary (docs/data-dictionary.md and the Parquet schema metadata are generated from them)."""

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from schemas.types import Count, CountryCode, Latitude, Longitude, Month, NonEmptyStr, Offset

SCHEMA_VERSION = "1.0"


class Row(BaseModel):
    """Base of every table row: unknown fields are errors, rows are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Article(Row):
    """One row per article (a file, or one line of a JSON Lines export)."""

    article_id: NonEmptyStr = Field(description="Stable id: hash of the normalized URL, else of the content.")
    source_path: NonEmptyStr = Field(description="Input file, relative to the raw directory.")
    source_locator: str = Field("", description="Position inside the file: '' for a whole file, 'line N' in JSONL.")
    content_hash: NonEmptyStr = Field(description="SHA-256 of the input file (for a JSONL line: of the file hash and line number).")
    input_format: Literal["markdown", "html", "jsonl", "json"] = Field(description="Parser that read the input (json: one JSON article file, as news-please writes them).")
    encoding: NonEmptyStr = Field(description="Character encoding the input was decoded from.")
    title: str | None = Field(None, description="Headline.")
    published: date | None = Field(None, description="Publication date.")
    published_month: Month = Field(description="'YYYY-MM' of `published`, or 'unknown': the partition key.")
    url: str | None = Field(None, description="Canonical URL of the article, when known.")
    outlet_domain: str | None = Field(None, description="Registered domain of the URL, e.g. 'themoscowtimes.com'.")
    language: str | None = Field(None, description="ISO 639-1 language of the body.")
    body: str = Field(description="Clean text: paragraphs separated by one blank line.")
    word_count: Count = Field(description="Words in `body`.")
    paragraph_count: Count = Field(description="Paragraphs in `body`.")
    image_caption: str | None = Field(None, description="Caption of the lead image, its credit moved to credits.")
    related_titles: list[str] = Field(default_factory=list, description="Headlines of 'Related article' links.")
    warnings: list[str] = Field(default_factory=list, description="What looked odd but did not reject the input.")


class Quote(Row):
    """One row per quotation."""

    quote_id: NonEmptyStr = Field(description="'<article_id>-q<index>'.")
    article_id: NonEmptyStr = Field(description="The article the quote is in.")
    published_month: Month = Field(description="Partition key, copied from the article.")
    quote_index: Count = Field(description="Position of the quote in the article, from 0.")
    text: NonEmptyStr = Field(description="The quoted words, without quotation marks.")
    speaker: str | None = Field(None, description="Resolved speaker: a full name ('Sergei Lavrov') or an organization.")
    speaker_as_written: str | None = Field(None, description="The speaker as the sentence names it ('Lavrov', 'he').")
    speaker_role: str | None = Field(None, description="Role or title of the speaker ('Kremlin spokesman').")
    cue: str | None = Field(None, description="Cue verb as written ('noted').")
    cue_lemma: str | None = Field(None, description="Cue verb lemma ('note').")
    kind: Literal["direct", "partial", "indirect"] = Field(
        description="direct: a quoted utterance; partial: a quoted fragment; indirect: reported speech."
    )
    paragraph_index: Count = Field(description="Paragraph of `body` that holds the quote, from 0.")
    start_char: Offset = Field(description="Offset of the quote's first character in `body`.")
    end_char: Offset = Field(description="Offset just past the quote's last character in `body`.")


class Place(Row):
    """One row per place mention (a place named three times has three rows)."""

    place_mention_id: NonEmptyStr = Field(description="'<article_id>-p<index>'.")
    article_id: NonEmptyStr = Field(description="The article the mention is in.")
    published_month: Month = Field(description="Partition key, copied from the article.")
    mention_index: Count = Field(description="Position of the mention in the article, from 0.")
    surface: NonEmptyStr = Field(description=(
        "The mention as written ('Russian', 'U.S.'). A place inside an organisation's name counts when the "
        "organisation is a body of that place ('Bank of Canada', 'S.C. Highway Patrol', 'Indiana University'), "
        "not when a publication, company, brand or team borrows the name ('Wells Fargo', 'The Moscow Times')."))
    name: NonEmptyStr = Field(description="Canonical gazetteer name ('Russia').")
    kind: NonEmptyStr = Field(description=(
        "country, admin1 (state, province), admin2 (county), city (any populated place), continent, region, "
        "ocean, sea; street (streets, roads, highways) and water (rivers, lakes, creeks, bays): these two have "
        "no coordinates and carry the article's country only when the article is clearly about one."))
    country_code: CountryCode | None = Field(None, description="ISO 3166-1 alpha-2 code.")
    geonames_id: int | None = Field(None, description="GeoNames id of the resolved entry.")
    latitude: Latitude | None = Field(None, description="WGS84 latitude.")
    longitude: Longitude | None = Field(None, description="WGS84 longitude.")
    is_demonym: bool = Field(False, description=(
        "True for demonyms resolved to their place: adjectives ('Russian') and people ('Ontarians')."))
    is_dateline: bool = Field(False, description=(
        "True when the mention is the story's dateline ('CHARLESTON, W.Va. —', 'NEWARK (AP) —'): where it was "
        "filed, often its main location. A dateline the cleaner moved to a wire credit is emitted too, with "
        "null offsets."))
    start_char: Offset | None = Field(None, description=(
        "Offset of the mention in `body`; null for a dateline read from a wire credit (not in the body)."))
    end_char: Offset | None = Field(None, description="Offset just past the mention in `body`; null as start_char.")


class Credit(Row):
    """One row per credited person, or per organization-only credit."""

    credit_id: NonEmptyStr = Field(description="'<article_id>-c<index>'.")
    article_id: NonEmptyStr = Field(description="The article credited.")
    published_month: Month = Field(description="Partition key, copied from the article.")
    credit_index: Count = Field(description="Position of the credit in the article, from 0.")
    role: NonEmptyStr = Field(description="byline, photo, wire, contributor, editor, ...")
    name: str | None = Field(None, description="The person credited; null for organization-only credits.")
    organizations: list[str] = Field(default_factory=list, description="Normalized organizations ('AP', 'AFP').")
    raw: str = Field(description="The credit line as found.")


RejectCode = Literal[
    "unreadable", "too_large", "binary", "undecodable", "empty", "unsupported_type",
    "parse_error", "no_body", "duplicate", "internal_error", "missing_dependency", "too_slow",
    "not_followed",
]


class Reject(Row):
    """One row per input that did not become an article, with a reason a person understands."""

    source_path: NonEmptyStr = Field(description="Input file, relative to the raw directory.")
    source_locator: str = Field("", description="Position inside the file ('line N' in JSONL).")
    content_hash: str | None = Field(None, description="SHA-256 of the input bytes, when readable.")
    reason_code: RejectCode = Field(description="Machine-readable reason.")
    reason: NonEmptyStr = Field(description="Why the input was rejected, in plain words.")


TABLES: dict[str, type[Row]] = {
    "articles": Article,
    "quotes": Quote,
    "places": Place,
    "credits": Credit,
    "rejects": Reject,
}
