"""Parquet tables: a batch's staging files, and the complete snapshot a run assembles from the staged
rows and the rows it carries over from the previous snapshot (duplicates found, every table
compacted and hive-partitioned by month; layout: newsdesk.layout). Staging files and previous
snapshots are read with pyarrow.fs, on a local folder or an object store alike; the snapshot is
written to a local folder, which a target (newsdesk.targets) then publishes.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from newsdesk import checkpoints, layout, locations
from newsdesk.identity import SOURCE_KEY, input_order, reject_row, source_key
from newsdesk.layout import MANIFEST, PARTITION, PARTITIONED
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

MANIFEST_SCHEMA = pa.schema([
    ("source_path", pa.string()), ("size", pa.int64()), ("mtime_ns", pa.int64()), ("content_hash", pa.string()),
    ("inputs", pa.int64()),  # article candidates in the file: 1, or one per JSONL line
    ("ctime_ns", pa.int64()),  # inode change time (local files; null on object stores and in older manifests)
])
# Manifest file metadata: the wall clock (ns) before the run that wrote it listed the raw files;
# every file it read, it read after that (newsdesk.incremental's test for racy timestamps).
READ_AFTER_KEY = b"newsdesk.read_after_ns"


@dataclass(frozen=True, slots=True)
class Carry:
    """Rows carried over from the previous snapshot: all of it except the `replaced` source paths;
    `refreshed` source path -> (size, mtime_ns, ctime_ns) its manifest row takes (same bytes, new
    facts); `read_after_ns` goes into the new manifest."""

    previous: Location | None = None
    replaced: frozenset[str] = frozenset()
    refreshed: dict[str, tuple] = field(default_factory=dict)
    read_after_ns: int | None = None


@dataclass(slots=True)
class Duplicates:
    """Articles whose id an earlier input already took: reject rows, and what to filter out."""

    rows: pa.Table
    new_keys: set[str] = field(default_factory=set)  # source keys of staged losers
    dropped_ids: set[str] = field(default_factory=set)  # article ids of carried rows to drop


def staging_schema(table: str) -> pa.Schema:
    """Arrow schema of a staging file: the table schema, plus the source key for child tables."""
    if table == MANIFEST:
        return MANIFEST_SCHEMA
    schema = arrow_schema(TABLES[table])
    return schema.append(pa.field(SOURCE_KEY, pa.string(), nullable=False)) if table in CHILD_TABLES else schema


def write_staging(tables: dict[str, list[dict]], batch_dir: Location) -> Location:
    """Write one batch's rows, table -> rows (the manifest included), as one Parquet file per table
    in batch_dir. Written in place, locally or on an object store: a retried batch overwrites the
    same files, and a run only reads the batches whose task returned."""
    fs, path = locations.on_filesystem(batch_dir)
    fs.create_dir(path)
    for table, rows in tables.items():
        data = pa.Table.from_pylist(rows, schema=staging_schema(table))
        # lz4: staging files live for one run, so cheap compression beats small files.
        pq.write_table(data, f"{path}/{table}.parquet", compression="lz4", filesystem=fs)
    return batch_dir


def staged(batch_dirs: list[Location], table: str) -> ds.Dataset:
    """The staging files of one table across batches, in batch order."""
    fs, files = locations.on_filesystem_all([locations.join(d, f"{table}.parquet") for d in sorted(batch_dirs)])
    return ds.dataset(files, format="parquet", schema=staging_schema(table), filesystem=fs)


def published(snapshot: Location, table: str) -> ds.Dataset:
    """One table of a published snapshot (partition column read back as a string)."""
    if table == MANIFEST:
        fs, path = locations.on_filesystem(locations.join(snapshot, layout.MANIFEST_FILE))
        return ds.dataset(path, format="parquet", schema=MANIFEST_SCHEMA, filesystem=fs)
    partitioning = ds.partitioning(pa.schema([(PARTITION, pa.string())]), flavor="hive") \
        if table in PARTITIONED else None
    fs, path = locations.on_filesystem(locations.join(snapshot, table))
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
        old = published(carry.previous, table).to_table(columns=schema.names, filter=not_replaced(carry))
        parts.insert(0, refresh(old, carry.refreshed) if table == MANIFEST else old)
    parts += [extra] if extra is not None else []
    return pa.concat_tables([p.cast(schema) for p in parts])


def refresh(manifest: pa.Table, facts: dict[str, tuple]) -> pa.Table:
    """Carried manifest rows with the new size, mtime and ctime of files whose bytes did not change."""
    if not facts:
        return manifest
    rows = manifest.to_pylist()
    for row in rows:
        if row["source_path"] in facts:
            row["size"], row["mtime_ns"], row["ctime_ns"] = facts[row["source_path"]]
    return pa.Table.from_pylist(rows, schema=manifest.schema)


def read_after(snapshot: Location) -> int | None:
    """The time a snapshot's files were read after (None when its manifest does not say)."""
    fs, path = locations.on_filesystem(locations.join(snapshot, layout.MANIFEST_FILE))
    metadata = pq.read_schema(path, filesystem=fs).metadata or {}
    return int(metadata[READ_AFTER_KEY]) if READ_AFTER_KEY in metadata else None


def with_read_after(manifest: pa.Table, read_after_ns: int | None) -> pa.Table:
    if read_after_ns is None:
        return manifest
    return manifest.replace_schema_metadata({**(manifest.schema.metadata or {}), READ_AFTER_KEY: str(read_after_ns)})


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
    manifest = with_read_after(publish_small(MANIFEST, batch_dirs, carry), carry.read_after_ns)
    pq.write_table(manifest, tmp / layout.MANIFEST_FILE, compression="zstd")
    counts["rejects"], counts["duplicates"] = rejects.num_rows, dups.rows.num_rows
    tmp.rename(snapshot_dir)
    return counts


def snapshot_counts(snapshot: Path) -> dict:
    """Rows per table, rejects by reason code and inputs seen, read back from a snapshot."""
    counts = {t: published(snapshot, t).count_rows() for t in PARTITIONED}
    codes = pq.read_table(snapshot / "rejects", columns=["reason_code"])["reason_code"].to_pylist()
    manifest = pq.read_table(snapshot / layout.MANIFEST_FILE, columns=["inputs"])["inputs"]
    return {**counts, "reason_codes": codes, "files": len(manifest), "inputs": pc.sum(manifest).as_py() or 0}
