"""Parquet storage: per-batch staging files, then one atomic snapshot switch per run.

Layout of an out dir:
    _snapshots/<run_id>/<table>/published_month=YYYY-MM/part-0.parquet   immutable snapshots
    current -> _snapshots/<run_id>                                         swapped atomically
    <table> -> current/<table>                                             stable paths for readers
    newsdesk.duckdb                                                        replaced atomically
Readers therefore see the previous complete run or the new complete run, never a mix.

An object-store out location (newsdesk.locations: `s3://bucket/prefix`) has no symlinks or
renames. Staging files are written there (Dask workers elsewhere write them, the flow reads them);
the snapshot is built in a local folder (where newsdesk.duckdb is built too), uploaded below
`<out>/_snapshots/<run_id>/`, and published by writing the small object `<out>/CURRENT` (the run
id) last: one PUT, so readers that resolve CURRENT see the old snapshot or the new one.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pyarrow.parquet as pq

from newsdesk import checkpoints, layout, locations
from newsdesk.identity import SOURCE_KEY, input_order, reject_row, source_key
from newsdesk.incremental import current_run_id
from newsdesk.layout import MANIFEST, PARTITION, PARTITIONED, POINTER, SNAPSHOTS
from newsdesk.locations import Location
from schemas import TABLES, arrow_schema

CHILD_TABLES = ("quotes", "places", "credits")
# (min, max) rows per row group. The writer keeps up to `min` rows buffered per open month before
# it writes a group, so min x months bounds its memory; `max` caps a group. Files roll over at
# GROUPS_PER_FILE max-size groups. Measured at 100k articles over 36 months: 1,024 / 8,192 raised
# the publishing process by ~370 MB, 256 / 2,048 by ~170 MB, at the same speed (BENCHMARKS.md).
GROUP_ROWS = {"articles": (256, 16_384)}  # ~3 KB of body per row: a 256-row group is ~0.75 MB
DEFAULT_GROUP_ROWS = (2_048, 131_072)
GROUPS_PER_FILE = 8
KEEP_SNAPSHOTS = 3  # old snapshots kept so readers mid-query are not cut off

MANIFEST_SCHEMA = pa.schema([
    ("source_path", pa.string()), ("size", pa.int64()), ("mtime_ns", pa.int64()), ("content_hash", pa.string()),
    ("inputs", pa.int64()),  # article candidates in the file: 1, or one per JSONL line
])


class LockedError(RuntimeError):
    """Another run holds the out dir."""


@dataclass(frozen=True, slots=True)
class Carry:
    """Rows carried over from the previous snapshot: all of it except the `replaced` source paths."""

    previous: Location | None = None
    replaced: frozenset[str] = frozenset()


@dataclass(slots=True)
class Duplicates:
    """Articles whose id an earlier input already took: reject rows, and what to filter out."""

    rows: pa.Table
    new_keys: set[str] = field(default_factory=set)  # source keys of staged losers
    dropped_ids: set[str] = field(default_factory=set)  # article ids of carried rows to drop


def staging_schema(table: str) -> pa.Schema:
    """Arrow schema of a staging file: the table schema, plus the source key for child tables."""
    schema = arrow_schema(TABLES[table])
    return schema.append(pa.field(SOURCE_KEY, pa.string(), nullable=False)) if table in CHILD_TABLES else schema


def write_staging(rows, staging_dir: Location, batch_no: int) -> Location:
    """Write one batch's rows (newsdesk.batch.BatchRows) as one Parquet file per table under
    staging_dir/batch-NNNNN/."""
    if locations.is_remote(staging_dir):
        return write_staging_remote(rows, staging_dir, batch_no)
    batch_dir = layout.batch(staging_dir, batch_no)
    tmp = layout.tmp(batch_dir)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    for table in TABLES:
        data = pa.Table.from_pylist(getattr(rows, table), schema=staging_schema(table))
        # lz4: staging files live for one run, so cheap compression beats small files.
        pq.write_table(data, tmp / f"{table}.parquet", compression="lz4")
    pq.write_table(pa.Table.from_pylist(rows.files, schema=MANIFEST_SCHEMA), tmp / f"{MANIFEST}.parquet")
    shutil.rmtree(batch_dir, ignore_errors=True)
    tmp.rename(batch_dir)
    return batch_dir


def write_staging_remote(rows, staging_uri: str, batch_no: int) -> str:
    """write_staging onto an object store. No rename there: a retried batch overwrites the same
    objects, and the flow only reads the batches whose task returned."""
    batch_uri = layout.batch(staging_uri, batch_no)
    fs, path = locations.resolve(batch_uri)
    for table in TABLES:
        data = pa.Table.from_pylist(getattr(rows, table), schema=staging_schema(table))
        pq.write_table(data, f"{path}/{table}.parquet", compression="lz4", filesystem=fs)
    pq.write_table(pa.Table.from_pylist(rows.files, schema=MANIFEST_SCHEMA), f"{path}/{MANIFEST}.parquet",
                   filesystem=fs)
    return batch_uri


def _on_filesystem(location: Location) -> tuple[Path | str, pafs.FileSystem | None]:
    """(path, file system) for pyarrow: a local Path as is (default file system), a URI resolved."""
    if isinstance(location, Path):
        return location, None
    fs, path = locations.resolve(location)
    return path, fs


def staged(batch_dirs: list[Location], table: str) -> ds.Dataset:
    """The staging files of one table across batches, in batch order."""
    schema = MANIFEST_SCHEMA if table == MANIFEST else staging_schema(table)
    if batch_dirs and locations.is_remote(batch_dirs[0]):
        fs, _ = locations.resolve(batch_dirs[0])
        files = [locations.resolve(f"{d}/{table}.parquet")[1] for d in sorted(batch_dirs)]
        return ds.dataset(files, format="parquet", schema=schema, filesystem=fs)
    files = [str(Path(d) / f"{table}.parquet") for d in sorted(batch_dirs)]
    return ds.dataset(files, format="parquet", schema=schema)


def published(snapshot: Location, table: str) -> ds.Dataset:
    """One table of a published snapshot (partition column read back as a string)."""
    if table == MANIFEST:
        path, fs = _on_filesystem(locations.join(snapshot, f"{MANIFEST}.parquet"))
        return ds.dataset(path, format="parquet", schema=MANIFEST_SCHEMA, filesystem=fs)
    partitioning = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive") \
        if table in PARTITIONED else None
    path, fs = _on_filesystem(locations.join(snapshot, table))
    return ds.dataset(path, format="parquet", schema=arrow_schema(TABLES[table]), partitioning=partitioning,
                      filesystem=fs)


def not_replaced(carry: Carry) -> pc.Expression:
    """Filter for carried rows that have a source_path: keep those not replaced in this run."""
    return ~pc.field("source_path").isin(pa.array(sorted(carry.replaced), pa.string()))


CANDIDATE_COLUMNS = ["article_id", "source_path", "source_locator", "content_hash"]


def article_candidates(batch_dirs: list[Location], carry: Carry) -> pa.Table:
    """The id columns of every article (this run's staged rows, then the carried ones), with an
    is_carried flag. Kept in Arrow: ~100 bytes per article instead of a Python tuple each."""
    parts = [_flagged(staged(batch_dirs, "articles").to_table(columns=CANDIDATE_COLUMNS), False)]
    if carry.previous is not None:
        old = published(carry.previous, "articles").to_table(columns=CANDIDATE_COLUMNS, filter=not_replaced(carry))
        parts.append(_flagged(old, True))
    return pa.concat_tables(parts)


def _flagged(table: pa.Table, is_carried: bool) -> pa.Table:
    return table.append_column("is_carried", pa.repeat(pa.scalar(is_carried), table.num_rows))


def clashing(candidates: pa.Table) -> list[tuple]:
    """(sort key, order, article_id, source_path, locator, content_hash, is_carried) of the articles
    whose id occurs more than once, in input order: by path, then position in the file (like a full
    run). Only these few rows become Python objects."""
    ids = candidates["article_id"]
    counts = pc.value_counts(ids)
    repeated = counts.field("values").filter(pc.greater(counts.field("counts"), 1))
    mask = pc.is_in(ids, value_set=repeated)
    clash = candidates.filter(mask)
    columns = [clash[name].to_pylist() for name in [*CANDIDATE_COLUMNS, "is_carried"]]
    order = pc.indices_nonzero(mask).to_pylist()
    return sorted(zip(map(input_order, columns[1]), order, *columns))


def find_duplicates(batch_dirs: list[Location], carry: Carry = Carry()) -> Duplicates:
    """Articles whose id an earlier input (in path order) already took. A carried article can
    lose to a new file that sorts before it; carried articles never collide among themselves."""
    first_seen: dict[str, str] = {}
    found = Duplicates(rows=None)
    dup_rows = []
    for _, _, aid, path, loc, digest, is_carried in clashing(article_candidates(batch_dirs, carry)):
        key = source_key(path, loc)
        if aid not in first_seen:
            first_seen[aid] = key
            continue
        (found.dropped_ids.add(aid) if is_carried else found.new_keys.add(key))
        dup_rows.append(reject_row(path, "duplicate", f"same article as {first_seen[aid]} (same URL or identical "
                                                      "content)", digest, loc))
    found.rows = pa.Table.from_pylist(dup_rows, schema=arrow_schema(TABLES["rejects"]))
    return found


def removed_article_ids(carry: Carry, dups: Duplicates) -> pa.Array:
    """Ids of previous articles whose rows (and children) do not go into the new snapshot."""
    ids = set(dups.dropped_ids)
    if carry.previous is not None and carry.replaced:
        old = published(carry.previous, "articles").to_table(
            columns=["article_id"], filter=pc.field("source_path").isin(pa.array(sorted(carry.replaced))))
        ids.update(old["article_id"].to_pylist())
    return pa.array(sorted(ids), pa.string())


def new_rows(table: str, batch_dirs: list[Location], dups: Duplicates) -> ds.Scanner:
    """This run's staged rows of a table, minus duplicates."""
    data, schema = staged(batch_dirs, table), arrow_schema(TABLES[table])
    if not dups.new_keys:
        return data.scanner(columns=schema.names)
    keys = pa.array(sorted(dups.new_keys), pa.string())
    if table in CHILD_TABLES:
        keep = ~pc.field(SOURCE_KEY).isin(keys)
    else:
        article_keys = pc.binary_join_element_wise(pc.field("source_path"), pc.field("source_locator"), "#")
        keep = ~(article_keys.isin(keys) | pc.field("source_path").isin(keys))
    return data.scanner(columns=schema.names, filter=keep)


def carried_rows(table: str, carry: Carry, removed_ids: pa.Array) -> ds.Scanner | None:
    """Rows of the previous snapshot that stay: children by article id, the rest by source path."""
    if carry.previous is None:
        return None
    keep = ~pc.field("article_id").isin(removed_ids) if table in PARTITIONED else not_replaced(carry)
    return published(carry.previous, table).scanner(columns=arrow_schema(TABLES[table]).names, filter=keep)


def publish_table(table: str, batch_dirs: list[Location], dups: Duplicates, dest: Path,
                  carry: Carry = Carry(), removed_ids: pa.Array | None = None) -> int:
    """Write one table of the snapshot (carried + new rows, compacted, hive-partitioned by month)."""
    schema = arrow_schema(TABLES[table])
    removed_ids = pa.array([], pa.string()) if removed_ids is None else removed_ids
    scanners = [s for s in (carried_rows(table, carry, removed_ids), new_rows(table, batch_dirs, dups)) if s]
    batches = (b if b.schema.equals(schema) else b.cast(schema) for s in scanners for b in s.to_batches())
    return _write_dataset(pa.RecordBatchReader.from_batches(schema, batches), schema, dest / table, table)


def _write_dataset(reader: pa.RecordBatchReader, schema: pa.Schema, path: Path, table: str) -> int:
    """Stream record batches into a (partitioned) Parquet dataset; an empty table still gets a file."""
    count = 0

    def counted():
        nonlocal count
        for batch in reader:
            count += batch.num_rows
            yield batch

    partitioned = table in PARTITIONED
    least, most = GROUP_ROWS.get(table, DEFAULT_GROUP_ROWS)
    partitioning = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive") if partitioned else None
    ds.write_dataset(
        pa.RecordBatchReader.from_batches(schema, counted()), path, format="parquet", partitioning=partitioning,
        basename_template="part-{i}.parquet", preserve_order=True, max_rows_per_group=most,
        min_rows_per_group=least, max_rows_per_file=most * GROUPS_PER_FILE, existing_data_behavior="error",
        use_threads=False, file_options=ds.ParquetFileFormat().make_write_options(compression="zstd"),
    )
    if count == 0:  # readers still get the columns (and the partition key, as 'unknown')
        where = path / f"{PARTITION}=unknown" if partitioned else path
        where.mkdir(parents=True, exist_ok=True)
        empty = schema.remove(schema.get_field_index(PARTITION)) if partitioned else schema
        pq.write_table(empty.empty_table(), where / "part-0.parquet", compression="zstd")
    return count


def publish_small(table: str, batch_dirs: list[Location], carry: Carry, extra: pa.Table | None = None) -> pa.Table:
    """Rejects or manifest (small, one file): carried rows, this run's rows, and `extra` rows."""
    schema = MANIFEST_SCHEMA if table == MANIFEST else arrow_schema(TABLES[table])
    parts = [staged(batch_dirs, table).to_table(columns=schema.names)]
    if carry.previous is not None:
        parts.insert(0, published(carry.previous, table).to_table(columns=schema.names, filter=not_replaced(carry)))
    parts += [extra] if extra is not None else []
    return pa.concat_tables([p.cast(schema) for p in parts])


def write_snapshot(batch_dirs: list[Location], snapshot_dir: Path, carry: Carry = Carry()) -> dict[str, int]:
    """Assemble the staged batches (plus rows carried from the previous snapshot) into a complete
    snapshot directory, every table rewritten compacted. Returns row counts."""
    tmp = layout.tmp(snapshot_dir)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    dups = find_duplicates(batch_dirs, carry)
    removed = removed_article_ids(carry, dups)
    counts = {}
    for table in PARTITIONED:
        counts[table] = publish_table(table, batch_dirs, dups, tmp, carry, removed)
        pa.default_memory_pool().release_unused()  # hand the writer's buffers back before the next table
        checkpoints.reached("table_written")
    rejects = publish_small("rejects", batch_dirs, carry, dups.rows)
    (tmp / "rejects").mkdir()
    pq.write_table(rejects, tmp / "rejects" / "part-0.parquet", compression="zstd")
    pq.write_table(publish_small(MANIFEST, batch_dirs, carry), tmp / f"{MANIFEST}.parquet", compression="zstd")
    counts["rejects"], counts["duplicates"] = rejects.num_rows, dups.rows.num_rows
    tmp.rename(snapshot_dir)
    return counts


def snapshot_counts(snapshot: Path) -> dict:
    """Rows per table, rejects by reason code and inputs seen, read back from a snapshot."""
    counts = {t: published(snapshot, t).count_rows() for t in PARTITIONED}
    codes = pq.read_table(snapshot / "rejects", columns=["reason_code"])["reason_code"].to_pylist()
    manifest = pq.read_table(snapshot / f"{MANIFEST}.parquet", columns=["inputs"])["inputs"]
    return {**counts, "reason_codes": codes, "files": len(manifest), "inputs": pc.sum(manifest).as_py() or 0}


def switch_current(out_dir: Path, snapshot_dir: Path) -> None:
    """Point out/current at the snapshot in one atomic rename; create the stable table links once."""
    checkpoints.reached("before_switch")
    link_tmp = layout.tmp(out_dir / layout.CURRENT)
    if link_tmp.is_symlink() or link_tmp.exists():
        link_tmp.unlink()
    link_tmp.symlink_to(snapshot_dir.relative_to(out_dir))
    os.replace(link_tmp, out_dir / layout.CURRENT)
    for table in TABLES:
        link = out_dir / table
        if not link.is_symlink():
            if link.exists():
                shutil.rmtree(link)  # a plain directory from another layout: ours is the link
            link.symlink_to(Path(layout.CURRENT) / table)


def prune_snapshots(out_dir: Path, keep: int = KEEP_SNAPSHOTS) -> None:
    """Delete all but the newest `keep` published snapshots (never the current one) and temp dirs."""
    root = out_dir / SNAPSHOTS
    current = (out_dir / layout.CURRENT).resolve()
    snaps = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.endswith(layout.TMP))
    for old in snaps[:-keep]:
        if old.resolve() != current:
            shutil.rmtree(old, ignore_errors=True)
    for tmp in root.glob(f"*{layout.TMP}"):
        shutil.rmtree(tmp, ignore_errors=True)


def remove_leftovers(out_dir: Path) -> None:
    """Clear what killed runs left behind (call under the out dir lock): staging folders, temp
    snapshots, and complete snapshots that were never published (newer than `current`), so they
    neither fill the pruning window nor get mistaken for published data."""
    shutil.rmtree(out_dir / layout.STAGING, ignore_errors=True)
    root = out_dir / SNAPSHOTS
    if not root.is_dir():
        return
    link = out_dir / layout.CURRENT
    current = link.resolve().name if link.is_symlink() else ""
    for snap in root.iterdir():
        if snap.name.endswith(layout.TMP) or snap.name > current:
            shutil.rmtree(snap, ignore_errors=True)


def publish_remote(snapshot_dir: Path, out_uri: str) -> str:
    """Upload a complete local snapshot below <out>/_snapshots/<run_id>/, then write the pointer
    <out>/CURRENT last: the single PUT that publishes it. Returns the snapshot's URI."""
    snapshot_uri = f"{out_uri}/{SNAPSHOTS}/{snapshot_dir.name}"
    locations.delete_dir(snapshot_uri)  # a killed upload of this run id (a retried task) starts over
    locations.upload_dir(snapshot_dir, snapshot_uri)
    locations.write_text(f"{out_uri}/{POINTER}", snapshot_dir.name + "\n")
    return snapshot_uri


def prune_remote(out_uri: str, keep: int = KEEP_SNAPSHOTS) -> None:
    """prune_snapshots for an object-store out location (never the snapshot CURRENT names)."""
    current = current_run_id(out_uri)
    for old in locations.list_dirs(f"{out_uri}/{SNAPSHOTS}")[:-keep]:
        if old != current:
            locations.delete_dir(f"{out_uri}/{SNAPSHOTS}/{old}")


def remove_remote_leftovers(out_uri: str) -> None:
    """remove_leftovers for an object-store out location: staging objects, and snapshots newer
    than the one CURRENT names (uploads of killed runs). Only safe with one writer per location."""
    locations.delete_dir(f"{out_uri}/{layout.STAGING}")
    current = current_run_id(out_uri) or ""
    for snap in locations.list_dirs(f"{out_uri}/{SNAPSHOTS}"):
        if snap > current:
            locations.delete_dir(f"{out_uri}/{SNAPSHOTS}/{snap}")


def new_run_id() -> str:
    """Sortable, unique id of a run: UTC time + pid."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}"


@contextmanager
def out_dir_lock(out_dir: Path, wait_seconds: float = 0):
    """Exclusive lock on an out dir; waits up to wait_seconds, then raises LockedError."""
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / layout.LOCK
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
