"""A small SQL model runner: staging views, then mart tables, built into one DuckDB file.

Models are plain `.sql` files in sql/staging (views over the Parquet) and sql/marts (tables),
run in name order within each layer. `{{ curated }}` is rendered to an absolute path, because
relative globs in views resolve against the reader's working directory (STACK_NOTES).
"""

from __future__ import annotations

import os
from pathlib import Path

import duckdb

from newsdesk import checkpoints

SQL_DIR = Path(os.environ.get("NEWSDESK_SQL_DIR", Path(__file__).resolve().parents[1] / "sql"))
LAYERS = ("staging", "marts")
# DuckDB's default budget is 80 % of RAM; building the marts inside the flow's process must keep the
# run's footprint bounded (issue #6: <= 1 GB in all), and DuckDB spills to disk beyond this.
MEMORY_LIMIT = os.environ.get("NEWSDESK_DUCKDB_MEMORY_LIMIT", "512MB")


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


def build_database(db_path: Path, snapshot_dir: Path, sql_dir: Path = SQL_DIR) -> list[str]:
    """Build the database file and put it in place atomically (see build_database_file)."""
    tmp, names = build_database_file(db_path, snapshot_dir, sql_dir)
    os.replace(tmp, db_path)
    return names


def build_database_file(db_path: Path, snapshot_dir: Path, sql_dir: Path = SQL_DIR) -> tuple[Path, list[str]]:
    """Build the models into a temp file beside db_path; the caller renames it into place.
    Views read the (immutable) snapshot they were built from, so views and marts of one file agree;
    the table `newsdesk_build` records which snapshot that is."""
    tmp = db_path.with_name(db_path.name + ".tmp")
    for leftover in (tmp, tmp.with_name(tmp.name + ".wal")):
        leftover.unlink(missing_ok=True)
    con = connect_for_build(tmp)
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


def connect_for_build(path: Path) -> duckdb.DuckDBPyConnection:
    """A read-write connection whose memory budget is MEMORY_LIMIT (it spills beyond that)."""
    return duckdb.connect(str(path), config={"memory_limit": MEMORY_LIMIT})


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
