"""Reading newsdesk.duckdb (built by newsdesk.dbtbuild): which snapshot it was built from, whether
its views still read, and a connection for ad-hoc SQL.

A database's views name its snapshot relative to the database's folder, so every reader sets
DuckDB's file_search_path to that folder (`connect`). The same connection is the sandbox of
`newsdesk sql`: external access limited to that folder and the paths its views name, read-only,
no extensions installed or loaded, configuration locked; and only statements that read run.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path

import duckdb

from schemas import TABLES

BUILD_TABLE = "newsdesk_build"
READING = {duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN}  # also describe/show/summarize/pragma


class NotReadOnlyError(ValueError):
    """A statement that could write or change the session (copy, attach, install, set, ...)."""


@dataclass(frozen=True, slots=True)
class BuildRecord:
    """What a database file was built from: the snapshot's id and its path as the views name it."""

    snapshot_id: str
    snapshot: str


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def read_record(con: duckdb.DuckDBPyConnection) -> BuildRecord | None:
    """The build record of an open database; None when it has none (not built, or built by an
    older newsdesk whose views held absolute paths: such a database is rebuilt)."""
    try:
        row = con.execute(f"select snapshot_id, snapshot from {BUILD_TABLE}").fetchone()
    except duckdb.Error:
        return None
    return BuildRecord(*row) if row else None


def build_record(db_path: Path) -> BuildRecord | None:
    """The build record of a database file; None when missing, unreadable or without one."""
    try:
        con = duckdb.connect(str(db_path), read_only=True)
    except duckdb.Error:
        return None
    try:
        return read_record(con)
    finally:
        con.close()


def built_from(db_path: Path) -> str | None:
    """The snapshot id a database file was built from, or None."""
    record = build_record(db_path)
    return record.snapshot_id if record else None


def views_read(db_path: Path) -> bool:
    """Every staging view of the database still finds its Parquet (binding a view lists its files
    and reads their schemas, not their rows)."""
    try:
        con = connect(db_path)
    except duckdb.Error:
        return False
    try:
        for table in TABLES:
            con.execute(f"select * from stg_{table} limit 0").fetchall()
        return True
    except duckdb.Error:
        return False
    finally:
        con.close()


def allowed_paths(folder: Path, record: BuildRecord | None) -> list[str]:
    """What a reader of the database may open: its folder, and the relative paths its views name
    (DuckDB checks a relative path as written, before file_search_path resolves it)."""
    allowed = [str(folder) + "/"]
    if record and not posixpath.isabs(record.snapshot):
        named = {f"{record.snapshot}/{table}/" for table in TABLES}  # as the views write them ('./articles/')
        allowed += sorted(named | {posixpath.normpath(path) + "/" for path in named})
    return allowed


def connect(db_path: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection to a database file whose views read, sandboxed (see the module doc)."""
    folder = db_path.resolve().parent
    con = duckdb.connect(str(db_path), read_only=True,
                         config={"autoinstall_known_extensions": False, "autoload_known_extensions": False})
    try:
        record = read_record(con)
        con.execute(f"set file_search_path = {quote(str(folder))}")
        con.execute(f"set allowed_directories = [{', '.join(quote(p) for p in allowed_paths(folder, record))}]")
        con.execute("set enable_external_access = false")
        con.execute("set lock_configuration = true")
    except BaseException:
        con.close()
        raise
    return con


def check_read_only(query: str) -> None:
    """Raise NotReadOnlyError unless every statement of the query only reads."""
    refused = sorted({s.type.name for s in duckdb.extract_statements(query) if s.type not in READING})
    if refused:
        raise NotReadOnlyError(f"only queries that read are run here (select, describe, show, summarize, explain); "
                               f"refused: {', '.join(refused).lower()}")
