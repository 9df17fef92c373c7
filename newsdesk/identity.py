"""Document identity: the hashes, ids and keys that tie every row to the input it came from.

An input is a file, or one line of a JSONL file (its locator). Its content hash names its bytes,
its source key names where it is, and its article id names the article it holds: the same inputs
give the same ids on every run, which is what makes runs repeatable and duplicates findable.
A reject row is an input's identity plus the reason it is not an article.
"""

from __future__ import annotations

import hashlib

SOURCE_KEY = "_source"  # hidden staging column tying child rows to their input, dropped when publishing


def content_hash(data: bytes) -> str:
    """SHA-256 hex digest of raw bytes."""
    return hashlib.sha256(data).hexdigest()


def text_hash(text: str) -> str:
    """SHA-256 hex digest of a text (lone surrogates kept, so any decoded input has one)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def article_id_for(url: str | None, content_hash: str) -> str:
    """Stable id: from the normalized URL when there is one, else from the content hash."""
    if url:
        key = "url:" + url.strip().lower().split("#")[0].rstrip("/")
        return hashlib.sha256(key.encode()).hexdigest()[:16]
    return content_hash[:16]


def source_key(source_path: str, locator: str) -> str:
    """One string naming an input document (a file, or a line of a JSONL file)."""
    return f"{source_path}#{locator}" if locator else source_path


def input_order(source_path: str) -> tuple[str, ...]:
    """The order inputs are read in (by path parts, like pathlib), so 'first seen' is stable."""
    return tuple(source_path.split("/"))


def reject_row(source_path: str, code: str, reason: str, content_hash: str | None = None,
               locator: str = "") -> dict:
    """A rejects row."""
    return {"source_path": source_path, "source_locator": locator, "content_hash": content_hash,
            "reason_code": code, "reason": reason}
