"""Ingest: find input files, read their bytes, decode them. The only module that reads raw files."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import charset_normalizer

from newsdesk.formats import FORMAT_BY_SUFFIX

MAX_FILE_BYTES = 20 * 1024 * 1024  # larger inputs are not articles (a 50 MB dump is rejected)

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
    encoding: str | None = None
    error_code: str | None = None
    error: str | None = None


def discover(raw_dir: Path) -> list[Path]:
    """Every regular file under raw_dir (recursive, hidden entries skipped), sorted by path."""
    found = []
    for root, dirs, files in os.walk(raw_dir, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f) for f in files if not f.startswith("."))
    return sorted(found)


def content_hash(data: bytes) -> str:
    """SHA-256 hex digest of raw bytes."""
    return hashlib.sha256(data).hexdigest()


def sniff_binary(data: bytes) -> str | None:
    """A description of the binary format of `data`, or None when it may be text."""
    for magic, what in BINARY_SIGNATURES.items():
        if data.startswith(magic):
            return what
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None  # UTF-16 with BOM: text with NULs
    if b"\x00" in data[:8192]:
        return "binary data (NUL bytes)"
    return None


def decode(data: bytes) -> tuple[str, str] | None:
    """Bytes -> (text, encoding): UTF-8 (BOM or not), else the encoding charset-normalizer detects."""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
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


def read_raw(path: Path, raw_dir: Path) -> RawFile:
    """Read and decode one input file; every failure becomes an error with a plain reason."""
    rel = path.relative_to(raw_dir).as_posix()
    fmt = FORMAT_BY_SUFFIX.get(path.suffix.lower())
    try:
        stat = path.stat()
    except OSError as exc:
        return RawFile(rel, 0, 0, None, fmt, error_code="unreadable", error=f"cannot read the file: {exc.strerror}")
    meta = dict(source_path=rel, size=stat.st_size, mtime_ns=stat.st_mtime_ns, fmt=fmt)
    if fmt is None:
        return RawFile(**meta, content_hash=None, error_code="unsupported_type",
                       error=f"not an article format ({path.suffix or 'no extension'}); "
                             f"newsdesk reads {', '.join(sorted(FORMAT_BY_SUFFIX))}")
    if stat.st_size > MAX_FILE_BYTES:
        return RawFile(**meta, content_hash=None, error_code="too_large",
                       error=f"file is {stat.st_size / 2**20:.0f} MB, over the {MAX_FILE_BYTES // 2**20} MB limit "
                             "for one article")
    try:
        data = path.read_bytes()
    except OSError as exc:
        return RawFile(**meta, content_hash=None, error_code="unreadable",
                       error=f"cannot read the file: {exc.strerror}")
    return decode_raw(data, meta)


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
    return RawFile(**meta, content_hash=digest, text=text.replace("\x00", ""), encoding=encoding)
