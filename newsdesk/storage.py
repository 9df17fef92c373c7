"""Parquet storage: per-batch staging files, then one atomic snapshot switch per run.

Layout of an out dir:
    _snapshots/<run_id>/<table>/published_month=YYYY-MM/part-0.parquet   immutable snapshots
    current -> _snapshots/<run_id>                                         swapped atomically
    <table> -> current/<table>                                             stable paths for readers
    newsdesk.duckdb                                                        replaced atomically
Readers therefore see the previous complete run or the new complete run, never a mix.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from newsdesk.batch import SOURCE_KEY, BatchRows, source_key
from schemas import TABLES, arrow_schema

PARTITION = "published_month"
PARTITIONED = ("articles", "quotes", "places", "credits")
CHILD_TABLES = ("quotes", "places", "credits")
ROWS_PER_GROUP = 128 * 1024
KEEP_SNAPSHOTS = 3  # old snapshots kept so readers mid-query are not cut off
MANIFEST = "manifest"

MANIFEST_SCHEMA = pa.schema([
    ("source_path", pa.string()), ("size", pa.int64()), ("mtime_ns", pa.int64()), ("content_hash", pa.string()),
    ("inputs", pa.int64()),  # article candidates in the file: 1, or one per JSONL line
])


class LockedError(RuntimeError):
    """Another run holds the out dir."""


def staging_schema(table: str) -> pa.Schema:
    """Arrow schema of a staging file: the table schema, plus the source key for child tables."""
    schema = arrow_schema(TABLES[table])
    return schema.append(pa.field(SOURCE_KEY, pa.string(), nullable=False)) if table in CHILD_TABLES else schema


def write_staging(rows: BatchRows, staging_dir: Path, batch_no: int) -> Path:
    """Write one batch's rows as one Parquet file per table under staging_dir/batch-NNNNN/."""
    batch_dir = staging_dir / f"batch-{batch_no:05d}"
    tmp = batch_dir.with_suffix(".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for table in TABLES:
        data = pa.Table.from_pylist(getattr(rows, table), schema=staging_schema(table))
        pq.write_table(data, tmp / f"{table}.parquet", compression="zstd")
    pq.write_table(pa.Table.from_pylist(rows.files, schema=MANIFEST_SCHEMA), tmp / f"{MANIFEST}.parquet")
    shutil.rmtree(batch_dir, ignore_errors=True)
    tmp.rename(batch_dir)
    return batch_dir


def staged(batch_dirs: list[Path], table: str) -> ds.Dataset:
    """The staging files of one table across batches, in batch order."""
    files = [str(d / f"{table}.parquet") for d in sorted(batch_dirs)]
    schema = MANIFEST_SCHEMA if table == MANIFEST else staging_schema(table)
    return ds.dataset(files, format="parquet", schema=schema)


def find_duplicates(batch_dirs: list[Path]) -> tuple[pa.Table, set[str]]:
    """Articles whose id was already taken by an earlier input: (their rows, their source keys)."""
    arts = staged(batch_dirs, "articles").to_table(columns=["article_id", "source_path", "source_locator",
                                                             "content_hash"])
    first_seen: dict[str, str] = {}
    dup_rows, dup_keys = [], set()
    for aid, path, loc, digest in zip(*(arts[c].to_pylist() for c in arts.column_names)):
        key = source_key(path, loc)
        if aid in first_seen:
            dup_keys.add(key)
            dup_rows.append({"source_path": path, "source_locator": loc, "content_hash": digest,
                             "reason_code": "duplicate",
                             "reason": f"same article as {first_seen[aid]} (same URL or identical content)"})
        else:
            first_seen[aid] = key
    return pa.Table.from_pylist(dup_rows, schema=arrow_schema(TABLES["rejects"])), dup_keys


def publish_table(table: str, batch_dirs: list[Path], dup_keys: set[str], dest: Path) -> int:
    """Write one table of the snapshot (duplicates removed, hive-partitioned by month). Returns rows."""
    data = staged(batch_dirs, table)
    schema = arrow_schema(TABLES[table])
    if dup_keys:
        keys = pa.array(sorted(dup_keys), pa.string())
        column = SOURCE_KEY if table in CHILD_TABLES else None
        if column:
            data = data.filter(~pc.field(column).isin(keys))
        else:
            article_keys = pc.binary_join_element_wise(
                pc.field("source_path"), pc.field("source_locator"), "#")
            data = data.filter(~(article_keys.isin(keys) | pc.field("source_path").isin(keys)))
    scanner = data.scanner(columns=schema.names)
    count = _write_dataset(scanner.to_reader(), schema, dest / table, table in PARTITIONED)
    return count


def _write_dataset(reader: pa.RecordBatchReader, schema: pa.Schema, path: Path, partitioned: bool) -> int:
    """Stream record batches into a (partitioned) Parquet dataset; an empty table still gets a file."""
    count = 0

    def counted():
        nonlocal count
        for batch in reader:
            count += batch.num_rows
            yield batch

    partitioning = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive") if partitioned else None
    ds.write_dataset(
        pa.RecordBatchReader.from_batches(schema, counted()), path, format="parquet", partitioning=partitioning,
        basename_template="part-{i}.parquet", preserve_order=True, max_rows_per_group=ROWS_PER_GROUP,
        min_rows_per_group=ROWS_PER_GROUP, existing_data_behavior="error", use_threads=False,
        file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
    )
    if count == 0:  # readers still get the columns (and the partition key, as 'unknown')
        where = path / f"{PARTITION}=unknown" if partitioned else path
        where.mkdir(parents=True, exist_ok=True)
        empty = schema.remove(schema.get_field_index(PARTITION)) if partitioned else schema
        pq.write_table(empty.empty_table(), where / "part-0.parquet", compression="zstd")
    return count


def publish_rejects(batch_dirs: list[Path], duplicates: pa.Table, dest: Path) -> int:
    """Rejects of the run plus the duplicates found at publish time."""
    rejects = pa.concat_tables([staged(batch_dirs, "rejects").to_table(), duplicates])
    (dest / "rejects").mkdir(parents=True)
    pq.write_table(rejects, dest / "rejects" / "part-0.parquet", compression="zstd")
    return rejects.num_rows


def publish_manifest(batch_dirs: list[Path], dest: Path) -> None:
    """What each input file looked like when read (for incremental runs and audits)."""
    pq.write_table(staged(batch_dirs, MANIFEST).to_table(), dest / f"{MANIFEST}.parquet", compression="zstd")


def write_snapshot(batch_dirs: list[Path], snapshot_dir: Path) -> dict[str, int]:
    """Assemble all staged batches into a complete snapshot directory. Returns row counts."""
    tmp = snapshot_dir.with_name(snapshot_dir.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    duplicates, dup_keys = find_duplicates(batch_dirs)
    counts = {t: publish_table(t, batch_dirs, dup_keys, tmp) for t in PARTITIONED}
    counts["rejects"] = publish_rejects(batch_dirs, duplicates, tmp)
    counts["duplicates"] = duplicates.num_rows
    publish_manifest(batch_dirs, tmp)
    tmp.rename(snapshot_dir)
    return counts


def switch_current(out_dir: Path, snapshot_dir: Path) -> None:
    """Point out/current at the snapshot in one atomic rename; create the stable table links once."""
    link_tmp = out_dir / "current.tmp"
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    link_tmp.symlink_to(snapshot_dir.relative_to(out_dir))
    os.replace(link_tmp, out_dir / "current")
    for table in TABLES:
        link = out_dir / table
        if not link.is_symlink():
            if link.exists():
                shutil.rmtree(link)  # a plain directory from another layout: ours is the link
            link.symlink_to(Path("current") / table)


def prune_snapshots(out_dir: Path, keep: int = KEEP_SNAPSHOTS) -> None:
    """Delete all but the newest `keep` snapshots (never the current one) and stale temp dirs."""
    root = out_dir / "_snapshots"
    current = (out_dir / "current").resolve()
    snaps = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.endswith(".tmp"))
    for old in snaps[:-keep]:
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in root.glob("*.tmp"):
        shutil.rmtree(tmp, ignore_errors=True)


def new_run_id() -> str:
    """Sortable, unique id of a run: UTC time + pid."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}"


@contextmanager
def out_dir_lock(out_dir: Path, wait_seconds: float = 0):
    """Exclusive lock on an out dir; waits up to wait_seconds, then raises LockedError."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / ".newsdesk.lock"
    with open(path, "a+") as handle:
        deadline = time.monotonic() + wait_seconds
        while True:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    handle.seek(0)
                    holder = handle.read().strip() or "another process"
                    raise LockedError(f"{out_dir} is being written by another newsdesk run ({holder}); "
                                      "try again when it finishes, or pass --wait SECONDS") from None
                time.sleep(0.2)
        handle.seek(0)
        handle.truncate()
        handle.write(f"pid {os.getpid()}")
        handle.flush()
        try:
            yield
        finally:
            handle.truncate(0)
            fcntl.flock(handle, fcntl.LOCK_UN)
