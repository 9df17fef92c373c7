"""The names under an out location, each defined once.

    _snapshots/<run_id>/<table>/published_month=YYYY-MM/part-N.parquet   immutable snapshots (rejects:
    _snapshots/<run_id>/manifest.parquet                                  one file, no partitions)
    _staging/<run_id>/batch-NNNNN/<table>.parquet                         a run's batches, while it runs
    current -> _snapshots/<run_id>         local folder: the published snapshot, switched by one rename
    <table> -> current/<table>             local folder: stable paths for readers
    CURRENT                                object store: a small object naming the published run id
    newsdesk.duckdb                        the SQL models over the published snapshot (always local)
    .newsdesk.lock                         local folder: held by the one run writing it

Anything whose name ends in `.tmp` is being written and is not part of the layout yet.
"""

from __future__ import annotations

from pathlib import Path

from newsdesk.locations import Location, join

SNAPSHOTS = "_snapshots"
STAGING = "_staging"
CURRENT = "current"
POINTER = "CURRENT"
DATABASE = "newsdesk.duckdb"
LOCK = ".newsdesk.lock"
MANIFEST = "manifest"  # the inputs a snapshot was made from (path, size, mtime, hash), beside its tables
MANIFEST_FILE = f"{MANIFEST}.parquet"
PARTITION = "published_month"
PARTITIONED = ("articles", "quotes", "places", "credits")  # by PARTITION; rejects is one small file
TMP = ".tmp"


def snapshot(out: Location, run_id: str) -> Location:
    """The snapshot of one run."""
    return join(out, SNAPSHOTS, run_id)


def staging(out: Location, run_id: str) -> Location:
    """Where one run's batches stage their rows."""
    return join(out, STAGING, run_id)


def batch(staging_dir: Location, batch_no: int) -> Location:
    """The staging folder of one batch."""
    return join(staging_dir, f"batch-{batch_no:05d}")


def tmp(path: Path) -> Path:
    """The name a file or folder is written under before it is renamed into place."""
    return path.with_name(path.name + TMP)
