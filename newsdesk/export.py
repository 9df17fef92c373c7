"""Handoff: copy the current snapshot's Parquet tables, with the data dictionary beside them.

An export is a plain folder (the contract documented in data-dictionary.md):
    <dest>/articles|quotes|places|credits/published_month=YYYY-MM/part-*.parquet
    <dest>/rejects/part-0.parquet
    <dest>/data-dictionary.md, <dest>/schemas/<table>.json, <dest>/export.json (version, counts)
It is written to <dest>.tmp and renamed into place, so a reader never sees half an export.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq

from newsdesk import dictionary, layout
from newsdesk.targets import LocalFolder
from schemas import SCHEMA_VERSION, TABLES

EXPORT_FILE = "export.json"


class NoSnapshotError(FileNotFoundError):
    """The out dir has no published snapshot yet."""


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


def export_snapshot(out_dir: Path, dest: Path, force: bool = False) -> dict:
    """Export the current snapshot of out_dir into dest; returns the manifest written beside it."""
    snapshot = current_snapshot(out_dir)
    if (dest.exists() or dest.is_symlink()) and not force:
        raise FileExistsError(f"{dest} already exists; pass --force to replace it")
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    manifest = {"schema_version": SCHEMA_VERSION, "snapshot": snapshot.name, "tables": {}}
    for table in TABLES:
        shutil.copytree(snapshot / table, tmp / table)
        manifest["tables"][table] = table_manifest(tmp / table, table in layout.PARTITIONED)
    dictionary.write_docs(tmp)
    (tmp / EXPORT_FILE).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    replace_dir(tmp, dest)
    return manifest


def replace_dir(new: Path, dest: Path) -> None:
    """Move new to dest; an existing dest is moved aside first and removed after the switch."""
    old = dest.with_name(dest.name + ".old.tmp")
    shutil.rmtree(old, ignore_errors=True)
    if dest.exists() or dest.is_symlink():
        if dest.is_dir() and not dest.is_symlink():
            dest.rename(old)
        else:
            dest.unlink()
    new.rename(dest)
    shutil.rmtree(old, ignore_errors=True)
