"""Ingest: what an input file is. Reads its bytes (newsdesk.sources: a local folder or an object
store), decodes them, and turns anything that is not article text into a plain reason."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath

import charset_normalizer

from newsdesk.formats import FORMAT_BY_SUFFIX
from newsdesk.identity import content_hash
from newsdesk.locations import Location
from newsdesk.sources import Facts, source_for

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger inputs are not articles (a 50 MB dump is rejected)
# Markdown shapes that are not articles and cost cleaning seconds to minutes (tests/reliability):
MAX_LINE_CHARS = 100_000  # a 5 MB single line is a dump, not a paragraph
MAX_TEXT_LINES = 20_000  # non-blank lines; 100k lines of links is a link farm
MAX_EMPHASIS_MARKERS = 1_000  # `*`, `_`, `~` on one line; emphasis regexes scan each one to the line end
RE_EMPHASIS_MARKER = re.compile(r"[*_~]")
# lxml compares each attribute of a tag with the ones before it: 5,000 attributes take 45 ms,
# 20,000 seconds, 100,000 minutes. Real tags have a few dozen.
MAX_TAG_ATTRIBUTES = 1_000
RE_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)

# Magic numbers of binary formats scrapers leave behind, so the reason names the format.
BINARY_SIGNATURES = {
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"%PDF": "a PDF document",
    b"\x1f\x8b": "a gzip archive",
    b"PK\x03\x04": "a zip archive",
}


@dataclass(frozen=True, slots=True)
class RawFile:
    """One input file: decoded text, or the reason it could not be read."""

    source_path: str  # relative to the raw dir, '/'-separated
    size: int
    mtime_ns: int
    content_hash: str | None
    fmt: str | None  # markdown | html | jsonl; None for unsupported types
    text: str | None = None
    ctime_ns: int | None = None  # inode change time, when the source has one (local files)
    encoding: str | None = None
    error_code: str | None = None
    error: str | None = None


def sniff_binary(data: bytes) -> str | None:
    """A description of the binary format of `data`, or None when it may be text."""
    for magic, what in BINARY_SIGNATURES.items():
        if data.startswith(magic):
            return what
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or utf16_without_bom(data):
        return None  # UTF-16: text with NULs
    if b"\x00" in data[:8192] and not _is_utf8(data.replace(b"\x00", b"")):
        return "binary data (NUL bytes)"
    return None


def utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when `data` looks like BOM-less UTF-16 text (every other byte NUL)."""
    sample = data[:8192]
    if len(data) % 2 or len(sample) < 16:
        return None
    for enc, zeros, chars in (("utf-16-le", sample[1::2], sample[0::2]), ("utf-16-be", sample[0::2], sample[1::2])):
        if zeros.count(0) >= 0.9 * len(zeros) and chars.count(0) <= 0.1 * len(chars):
            return enc
    return None


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def decode(data: bytes) -> tuple[str, str] | None:
    """Bytes -> (text, encoding): UTF-8 (BOM or not), else the encoding charset-normalizer detects."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(enc), enc
            except UnicodeDecodeError:
                return None
    if enc := utf16_without_bom(data):
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError:
            return None
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return None
    return str(best), best.encoding


def read_raw(location: Location, raw_dir: Location) -> RawFile:
    """Read and decode one input file (a path below a local raw_dir, or an object URI below an
    object-store raw_dir); every failure becomes an error with a plain reason."""
    source = source_for(raw_dir)
    rel = source.relative(location)
    suffix = PurePosixPath(rel).suffix
    fmt = FORMAT_BY_SUFFIX.get(suffix.lower())
    try:
        facts = source.facts(location)
    except OSError as exc:
        return RawFile(rel, 0, 0, None, fmt, error_code="unreadable", error=source.unreadable(location, exc))
    meta = dict(source_path=rel, size=facts.size, mtime_ns=facts.mtime_ns, ctime_ns=facts.ctime_ns, fmt=fmt)
    if facts.problem:
        return RawFile(**meta, content_hash=None, error_code=facts.problem[0], error=facts.problem[1])
    if fmt is None:
        return RawFile(**meta, content_hash=None, error_code="unsupported_type",
                       error=f"not an article format ({suffix or 'no extension'}); "
                             f"newsdesk reads {', '.join(sorted(FORMAT_BY_SUFFIX))}")
    if facts.size > MAX_FILE_BYTES:
        return RawFile(**meta, content_hash=None, error_code="too_large", error=too_large_reason(facts.size))
    try:
        data, unchanged = source.read(location, MAX_FILE_BYTES + 1, facts)
    except OSError as exc:  # FileNotFoundError included: deleted between stat and read
        return RawFile(**meta, content_hash=None, error_code="unreadable", error=source.unreadable(location, exc))
    if len(data) > MAX_FILE_BYTES:
        return RawFile(**meta, content_hash=None, error_code="too_large", error=too_large_reason(len(data)))
    if not unchanged:
        return RawFile(**meta, content_hash=None, error_code="unreadable", error=source.changed)
    return decode_raw(data, meta)


def not_read(location: Location, raw_dir: Location, code: str, reason: str) -> RawFile:
    """An input rejected without reading it again (it ran out of time in an earlier attempt): its
    size and mtime from the file system, no content hash."""
    source = source_for(raw_dir)
    rel = source.relative(location)
    try:
        facts = source.facts(location)
    except OSError:
        facts = Facts(0, 0)
    return RawFile(rel, facts.size, facts.mtime_ns, None, FORMAT_BY_SUFFIX.get(PurePosixPath(rel).suffix.lower()),
                   ctime_ns=facts.ctime_ns, error_code=code, error=reason)


def too_large_reason(size: int) -> str:
    """Why a file over MAX_FILE_BYTES is not read."""
    return (f"file is {size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit for one article")


def markdown_shape_error(text: str) -> str | None:
    """Why a markdown text is not an article but a dump that would stall cleaning (None when fine)."""
    lines = 0
    for number, line in enumerate(text.splitlines(), start=1):
        if len(line) > MAX_LINE_CHARS:
            return (f"line {number} is {len(line):,} characters long, over the {MAX_LINE_CHARS:,}-character "
                    "limit for a line of article text (a dump, not an article)")
        if line.strip():
            lines += 1
        if len(line) > MAX_EMPHASIS_MARKERS and len(RE_EMPHASIS_MARKER.findall(line)) > MAX_EMPHASIS_MARKERS:
            return (f"line {number} holds more than {MAX_EMPHASIS_MARKERS:,} markdown emphasis markers "
                    "(*, _ or ~): markup debris, not article text")
    if lines > MAX_TEXT_LINES:
        return (f"{lines:,} lines of text, over the {MAX_TEXT_LINES:,}-line limit for one article "
                "(a link list or a log, not an article)")
    return None


def html_shape_error(text: str) -> str | None:
    """Why an HTML page is not an article but markup that would stall parsing (None when fine).
    One pass: a tag ends at the next '>', and only a long one is split into words to count."""
    for segment in text.split(">"):
        start = segment.rfind("<")
        if start < 0 or len(segment) - start < 4 * MAX_TAG_ATTRIBUTES or not segment[start + 1:start + 2].isalpha():
            continue
        attributes = len(segment[start:].split()) - 1
        if attributes > MAX_TAG_ATTRIBUTES:
            return (f"an HTML tag with {attributes:,} attributes, over the {MAX_TAG_ATTRIBUTES:,}-attribute limit "
                    "(markup debris or an attack, not a page an article comes from)")
    return None


def shape_error(text: str, fmt: str | None) -> str | None:
    """Why a decoded text is no article but a shape that would stall cleaning or parsing."""
    if fmt == "markdown":
        return markdown_shape_error(text)
    if fmt == "html":
        return html_shape_error(text)
    return None


def decode_raw(data: bytes, meta: dict) -> RawFile:
    """Bytes of a supported file -> RawFile with text, or with the reason it is not text."""
    digest = content_hash(data)
    if not data.strip():
        return RawFile(**meta, content_hash=digest, error_code="empty", error="file is empty or only whitespace")
    binary = sniff_binary(data)
    if binary:
        return RawFile(**meta, content_hash=digest, error_code="binary",
                       error=f"file holds {binary}, not text")
    decoded = decode(data)
    if decoded is None:
        return RawFile(**meta, content_hash=digest, error_code="undecodable",
                       error="bytes are not text in any encoding we could detect")
    text, encoding = decoded
    text = text.replace("\x00", "")
    if meta.get("fmt") == "markdown" and RE_HTML_START.match(text[:2000]):
        meta = {**meta, "fmt": "html"}  # an HTML page saved as .md/.txt: read it as the HTML it is
    if problem := shape_error(text, meta.get("fmt")):
        return RawFile(**meta, content_hash=digest, error_code="too_large", error=problem)
    return RawFile(**meta, content_hash=digest, text=text, encoding=encoding)
