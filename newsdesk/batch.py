"""A batch of input files -> validated rows per table, staged as Parquet: the unit of work a
worker process runs (read, clean, extract, validate, stage)."""

from __future__ import annotations

import time
import traceback
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from newsdesk import checkpoints, layout, storage
from newsdesk.identity import SOURCE_KEY, reject_row, source_key
from newsdesk.installation import missing_dependency_reason
from newsdesk.ingest import RawFile, not_read, read_raw
from newsdesk.locations import Location
from newsdesk.pipeline import DocumentResult, process_raw
from newsdesk.validate import validate_result


@dataclass(slots=True)
class BatchRows:
    """Rows of one batch, per table, plus what was read (for the manifest)."""

    articles: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    places: list[dict] = field(default_factory=list)
    credits: list[dict] = field(default_factory=list)
    rejects: list[dict] = field(default_factory=list)
    files: list[dict] = field(default_factory=list)
    # stage -> CPU seconds of this thread (thread_time: batches running in threads of one process
    # do not count each other's turns on the GIL); cheap enough to keep on in production
    seconds: Counter = field(default_factory=Counter)
    # (format, missing-dependency reason or None) -> inputs: newsdesk.installation.check_formats
    outcomes: Counter = field(default_factory=Counter)

    def add(self, result: DocumentResult) -> None:
        """Append one document's rows."""
        if result.reject is not None:
            self.rejects.append(result.reject)
            return
        art = result.article
        key = source_key(art["source_path"], art["source_locator"])
        self.articles.append(art)
        for table in ("quotes", "places", "credits"):
            getattr(self, table).extend({**row, SOURCE_KEY: key} for row in getattr(result, table))

    def tables(self) -> dict[str, list[dict]]:
        """Table name -> rows, the manifest (the files read) included: what a batch stages."""
        return {"articles": self.articles, "quotes": self.quotes, "places": self.places,
                "credits": self.credits, "rejects": self.rejects, layout.MANIFEST: self.files}


class Watch(Protocol):
    """Told where a batch is, file by file (newsdesk.workers turns it into a deadline per file)."""

    def started(self, index: int) -> None: ...  # the batch starts reading paths[index]
    def sized(self, size: int) -> None: ...  # ...which holds `size` bytes
    def finished(self) -> None: ...  # no file is being processed (staging follows)


class Unwatched:
    """A Watch that does nothing: a batch run in this process, with no budget."""

    def started(self, index: int) -> None:
        pass

    def sized(self, size: int) -> None:
        pass

    def finished(self) -> None:
        pass


def process_file_safely(raw: RawFile, seconds: Counter | None = None) -> list[DocumentResult]:
    """process_raw + validation; an unexpected exception becomes a reject, never a crashed run.
    When `seconds` is given, time spent is added to its 'process' and 'validate' entries."""
    seconds = Counter() if seconds is None else seconds
    try:
        started = time.thread_time()
        results = process_raw(raw)
        checked = time.thread_time()
        seconds["process"] += checked - started
        valid = [validate_result(r) for r in results]
        seconds["validate"] += time.thread_time() - checked
        return valid
    except ImportError as exc:  # an incomplete install, not a bad input
        reason = missing_dependency_reason(exc)[:500]
        return [DocumentResult(reject=reject_row(raw.source_path, "missing_dependency", reason, raw.content_hash))]
    except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
        where = traceback.extract_tb(exc.__traceback__)[-1]
        reason = (f"newsdesk failed on this input ({type(exc).__name__}: {exc} at "
                  f"{Path(where.filename).name}:{where.lineno}); please report it")
        return [DocumentResult(reject=reject_row(raw.source_path, "internal_error", reason[:500], raw.content_hash))]


def process_paths(paths: list[Location], raw_dir: Location, skip: dict[int, tuple[str, str]] | None = None,
                  watch: Watch = Unwatched()) -> BatchRows:
    """Read, clean, extract and validate a batch of files (time per stage in rows.seconds).
    Paths below a local raw_dir, or object URIs below an object-store raw_dir. `skip`: index ->
    (reject code, reason) of files not to read (one that ran out of time in an earlier attempt);
    `watch` is told which file the batch is on."""
    rows = BatchRows()
    skip = skip or {}
    for index, path in enumerate(paths):
        started = time.thread_time()
        if index in skip:
            raw = not_read(path, raw_dir, *skip[index])
        else:
            watch.started(index)
            raw = read_raw(path, raw_dir)
            watch.sized(raw.size)
        rows.seconds["ingest"] += time.thread_time() - started
        results = process_file_safely(raw, rows.seconds)
        rows.files.append({"source_path": raw.source_path, "size": raw.size, "mtime_ns": raw.mtime_ns,
                           "ctime_ns": raw.ctime_ns, "content_hash": raw.content_hash, "inputs": len(results)})
        for result in results:
            rows.add(result)
            if not raw.error_code:
                missing = result.reject is not None and result.reject["reason_code"] == "missing_dependency"
                rows.outcomes[raw.fmt, result.reject["reason"] if missing else None] += 1
    watch.finished()
    return rows


def stage_paths(paths: list[Location], raw_dir: Location, staging_dir: Location, batch_no: int,
                skip: dict[int, tuple[str, str]] | None = None, watch: Watch = Unwatched()) -> dict:
    """Process one batch of files and stage its rows. Runs in worker processes (newsdesk.workers):
    returns only small, picklable facts (the staging dir, file count, seconds per stage). On an
    object store paths and dirs are URIs, and the worker reads and writes the store itself."""
    rows = process_paths(paths, raw_dir, skip, watch)
    checkpoints.reached("batch_extracted")
    started = time.thread_time()
    batch_dir = storage.write_staging(rows.tables(), layout.batch(staging_dir, batch_no))
    rows.seconds["stage"] += time.thread_time() - started
    return {"batch_dir": batch_dir, "files": len(rows.files), "seconds": dict(rows.seconds),
            "outcomes": rows.outcomes}
