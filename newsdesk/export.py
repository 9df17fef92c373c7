"""Handoff: one folder that works wherever it is moved or copied to.

    <dest>/articles|quotes|places|credits/published_month=YYYY-MM/part-*.parquet
    <dest>/rejects/part-0.parquet
    <dest>/marts/<mart>.parquet          speakers, place_mentions_daily, articles_summary, ...
    <dest>/newsdesk.duckdb               staging views (paths relative to <dest>) and marts:
                                         `newsdesk sql --from <dest>`
    <dest>/data-dictionary.md, <dest>/schemas/<table>.json
    <dest>/export.json                   format, schema version, snapshot id, row counts

The current snapshot's tables are copied, and the dbt project is built over the copy (its data
tests included), so the export's database and marts describe exactly the exported rows. It is
written to <dest>.tmp and renamed into place, so a reader never sees half an export. An existing
<dest> is replaced (with force) only when it holds an earlier export and nothing else.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from newsdesk import database, dbtbuild, dictionary, layout
from newsdesk.targets import LocalFolder
from schemas import SCHEMA_VERSION, TABLES

EXPORT_FILE = "export.json"
EXPORT_FORMAT = "newsdesk-export"
MARTS_DIR = "marts"
# Everything an export holds: a folder with anything else in it is not replaced.
EXPORT_NAMES = {*TABLES, MARTS_DIR, dictionary.SCHEMAS_DIR, dictionary.DICTIONARY_FILE, EXPORT_FILE, layout.DATABASE}


class NoSnapshotError(FileNotFoundError):
    """The out dir has no published snapshot yet."""


class RefusedError(ValueError):
    """The destination is not one an export may be written to or replace."""


def current_snapshot(out_dir: Path) -> Path:
    """The snapshot directory `out_dir/current` points at (resolved once: snapshots are immutable)."""
    snapshot = LocalFolder(out_dir).linked()
    if snapshot is None:
        raise NoSnapshotError(f"no snapshot in {out_dir}; run `newsdesk run` first")
    return snapshot


def table_manifest(table_dir: Path, partitioned: bool) -> dict:
    """Row and file counts of one exported table (from the Parquet footers)."""
    files = sorted(table_dir.rglob("*.parquet"))
    return {"rows": sum(pq.ParquetFile(f).metadata.num_rows for f in files), "files": len(files),
            "partitioned_by": layout.PARTITION if partitioned else None}


def is_export(folder: Path) -> bool:
    """The folder holds an earlier export (its export.json) and nothing an export does not hold."""
    try:
        manifest = json.loads((folder / EXPORT_FILE).read_text(encoding="utf-8"))
        names = {p.name for p in folder.iterdir()}
    except (OSError, ValueError):
        return False
    known = isinstance(manifest, dict) and (manifest.get("format") == EXPORT_FORMAT
                                            or {"schema_version", "snapshot", "tables"} <= manifest.keys())
    return known and names <= EXPORT_NAMES


def check_destination(dest: Path, out_dir: Path, force: bool) -> None:
    """Refuse a destination whose replacement would delete what is not an earlier export: the
    current folder or one holding it, the out dir or one holding it, a link, a file, a folder
    with other things in it. FileExistsError: an earlier export, and no force."""
    here, out = Path.cwd().resolve(), out_dir.resolve()
    if dest.is_symlink():
        raise RefusedError(f"{dest} is a link; name the folder itself")
    real = dest.resolve()
    if real == here or real in here.parents:
        raise RefusedError(f"{dest} is the current folder or holds it; export into a new folder, e.g. --to export")
    if real == out or real in out.parents:
        raise RefusedError(f"{dest} is the out dir or holds it; export into a folder of its own")
    if not dest.exists() or (dest.is_dir() and not any(dest.iterdir())):
        return
    if not dest.is_dir() or not is_export(dest):
        raise RefusedError(f"{dest} exists and is not an earlier newsdesk export; it is left as it is "
                           "(--force replaces only an earlier export)")
    if not force:
        raise FileExistsError(f"{dest} holds an earlier export; pass --force to replace it")


def export_snapshot(out_dir: Path, dest: Path, force: bool = False) -> dict:
    """Export the current snapshot of out_dir into dest; returns the manifest written beside it."""
    snapshot = current_snapshot(out_dir)
    dest = Path(os.path.abspath(dest))  # `--to .` names the current folder, whose Path has no name
    check_destination(dest, out_dir, force)
    tmp = layout.tmp(dest)
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    try:
        manifest = write_export(snapshot, tmp)
        replace_dir(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def write_export(snapshot: Path, folder: Path) -> dict:
    """Tables, database, marts, dictionary and manifest of a snapshot, into an empty folder."""
    manifest = {"format": EXPORT_FORMAT, "schema_version": SCHEMA_VERSION, "snapshot": snapshot.name,
                "tables": {}, "marts": {}}
    for table in TABLES:
        shutil.copytree(snapshot / table, folder / table)
        manifest["tables"][table] = table_manifest(folder / table, table in layout.PARTITIONED)
    built = dbtbuild.build(folder / layout.DATABASE, folder, snapshot_id=snapshot.name)
    manifest["marts"] = write_marts(folder / layout.DATABASE, built.tables, folder / MARTS_DIR)
    dictionary.write_docs(folder)
    (folder / EXPORT_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return manifest


def write_marts(db_path: Path, marts: list[str], where: Path) -> dict:
    """Each mart table of the database as one Parquet file; their row counts."""
    where.mkdir()
    counts = {}
    con = database.connect(db_path)
    try:
        for mart in marts:
            data = con.execute(f'select * from "{mart}"').to_arrow_table()
            pq.write_table(data, where / f"{mart}.parquet", compression="zstd")
            counts[mart] = {"rows": data.num_rows, "file": f"{MARTS_DIR}/{mart}.parquet"}
    finally:
        con.close()
    return counts


def replace_dir(new: Path, dest: Path) -> None:
    """Move new to dest; an existing dest (checked: an earlier export, or empty) is moved aside
    first and removed after the switch."""
    old = dest.with_name(dest.name + ".old" + layout.TMP)
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists():
        dest.rename(old)
    new.rename(dest)
    shutil.rmtree(old, ignore_errors=True)
