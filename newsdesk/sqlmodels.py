"""A small SQL model runner: staging views, then mart tables, built into one DuckDB file.

Models are plain `.sql` files in sql/staging (views over the Parquet) and sql/marts (tables),
run in name order within each layer. `{{ curated }}` is rendered to an absolute path, because
relative globs in views resolve against the reader's working directory (STACK_NOTES).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from newsdesk import checkpoints, layout
from newsdesk.sql import MODELS_DIR

SQL_DIR = MODELS_DIR  # the packaged models: sql/ in a checkout, newsdesk/sql in an installed wheel
LAYERS = ("staging", "marts")


def model_files(sql_dir: Path = SQL_DIR) -> list[Path]:
    """Every model file, staging before marts, by name within a layer."""
    return [p for layer in LAYERS for p in sorted((sql_dir / layer).glob("*.sql"))]


def render(sql: str, curated: Path) -> str:
    """Fill in the curated directory (absolute, with single quotes escaped)."""
    return sql.replace("{{ curated }}", str(curated.resolve()).replace("'", "''"))


def run_models(con: duckdb.DuckDBPyConnection, curated: Path, sql_dir: Path = SQL_DIR,
               layers: tuple[str, ...] = LAYERS) -> list[str]:
    """Run the models of `layers` on an open connection; returns the model names run."""
    names = []
    for path in model_files(sql_dir):
        if path.parent.name in layers:
            con.execute(render(path.read_text(encoding="utf-8"), curated))
            names.append(path.stem)
    return names


def build_database(db_path: Path, snapshot_dir: Path, sql_dir: Path = SQL_DIR,
                   memory_limit: str | None = None) -> list[str]:
    """Build the database file and put it in place atomically (see build_database_file)."""
    tmp, names = build_database_file(db_path, snapshot_dir, sql_dir, memory_limit)
    os.replace(tmp, db_path)
    return names


def build_database_file(db_path: Path, snapshot_dir: Path, sql_dir: Path = SQL_DIR,
                        memory_limit: str | None = None) -> tuple[Path, list[str]]:
    """Build the models into a temp file beside db_path; the caller renames it into place.
    Views read the (immutable) snapshot they were built from, so views and marts of one file agree;
    the table `newsdesk_build` records which snapshot that is. memory_limit: DuckDB's budget for
    the build (it spills to disk beyond it); None leaves DuckDB's default, 80 % of RAM."""
    tmp = layout.tmp(db_path)
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = connect_for_build(tmp, memory_limit)
    try:
        con.execute("begin transaction")
        names = run_models(con, snapshot_dir, sql_dir)
        checkpoints.reached("models_run")
        con.execute("create table newsdesk_build as select ? as snapshot_id", [snapshot_dir.name])
        con.execute("commit")
        con.execute("checkpoint")
    finally:
        con.close()
    return tmp, names


def connect_for_build(path: Path, memory_limit: str | None = None) -> duckdb.DuckDBPyConnection:
    """A read-write connection, with a memory budget when one is given."""
    return duckdb.connect(str(path), config={"memory_limit": memory_limit} if memory_limit else {})


def built_from(db_path: Path) -> str | None:
    """The snapshot id a database file was built from, or None (missing or unreadable file)."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return con.execute("select snapshot_id from newsdesk_build").fetchone()[0]
    except duckdb.Error:
        return None
    finally:
        con.close()
