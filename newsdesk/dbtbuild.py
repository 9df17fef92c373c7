"""newsdesk.duckdb, built by dbt: `dbt build` of the project in sql/ (dbt-duckdb) over one snapshot.

Staging views read the snapshot's Parquet by a path relative to the database's folder (the
`snapshot` var), so a database moved or copied with its folder still reads; readers set DuckDB's
file_search_path to that folder (newsdesk.database.connect). Marts are tables. `dbt build` runs
each model's data tests right after it; a failing test fails the build (BuildFailed names it), and
the file it was building is never renamed into place, so readers stay on the previous database.

The table `newsdesk_build` (written by the project's on-run-end hook) records the snapshot id and
its relative path; newsdesk.database reads it.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsdesk import checkpoints, layout
from newsdesk.sql import MODELS_DIR

PROJECT_DIR = MODELS_DIR  # the dbt project, in a checkout or an installed wheel
FAILED = ("error", "fail", "runtime error")  # dbt's statuses of a node that did not pass


class BuildFailed(RuntimeError):
    """dbt could not build the models, or a data test failed; `failed` names what did not pass."""

    def __init__(self, failed: list[str], detail: str = "") -> None:
        self.failed = failed
        names = ", ".join(failed) or "the build"
        super().__init__(f"dbt: {names} did not pass{': ' + detail if detail else ''}; "
                         "the new snapshot was not published")


@dataclass(frozen=True, slots=True)
class Build:
    """What one `dbt build` did: the models it built (views and tables), the tests it ran."""

    views: list[str]
    tables: list[str]
    tests: list[str]


def snapshot_path(snapshot_dir: Path, folder: Path) -> str:
    """The snapshot as the views will name it: relative to the database's folder when inside it
    (the database then travels with its folder), else absolute."""
    snapshot_dir, folder = snapshot_dir.resolve(), folder.resolve()
    if snapshot_dir == folder or folder in snapshot_dir.parents:
        return snapshot_dir.relative_to(folder).as_posix() or "."
    return snapshot_dir.as_posix()


def dbt_vars(db_path: Path, snapshot_dir: Path, memory_limit: str | None, snapshot_id: str) -> dict[str, str]:
    """The --vars of one build (sql/profiles.yml and sql/dbt_project.yml read them)."""
    folder = db_path.resolve().parent
    values = {"database": str(db_path.resolve()), "folder": str(folder),
              "snapshot": snapshot_path(snapshot_dir, folder), "snapshot_id": snapshot_id}
    if memory_limit:
        values["memory_limit"] = memory_limit
    return values


def invoke(command: list[str], values: dict[str, str], project_dir: Path = PROJECT_DIR,
           target_dir: Path | None = None):
    """Run one dbt command in this process, quietly, writing nothing into the project folder (it
    may be read-only, inside an installed package): dbt's files go to target_dir, or a temp folder.
    Returns dbt's result object."""
    # dbt costs ~1.4 s of CPU to import: only runs that build pay it, not the no-op path that imports this module
    from dbt.cli.main import dbtRunner

    with tempfile.TemporaryDirectory(prefix="newsdesk-dbt-") as work:
        where = str(target_dir or work)
        args = [*command, "--project-dir", str(project_dir), "--profiles-dir", str(project_dir),
                "--target-path", where, "--log-path", where, "--vars", json.dumps(values),
                "--quiet", "--no-use-colors", "--no-version-check", "--no-send-anonymous-usage-stats",
                "--log-level-file", "none", "--no-partial-parse"]
        try:
            return dbtRunner().invoke(args)
        finally:
            close_connections()


def close_connections() -> None:
    """Close the DuckDB file dbt-duckdb keeps open after a command (it would hold the file, with
    its write-ahead log, until garbage collection: a rename before that loses the log)."""
    from dbt.adapters.duckdb.connections import DuckDBConnectionManager  # as in invoke: dbt loads only to build

    env = DuckDBConnectionManager._ENV
    if env is not None:
        env.close()
    DuckDBConnectionManager.close_all_connections()


def failures(result) -> list[str]:
    """Names of the models and tests that did not pass in a dbt result."""
    results = getattr(result.result, "results", None) or []
    return [r.node.name for r in results if str(r.status) in FAILED]


def build_file(db_path: Path, snapshot_dir: Path, project_dir: Path = PROJECT_DIR,
               memory_limit: str | None = None, snapshot_id: str | None = None) -> tuple[Path, Build]:
    """`dbt build` into a temp file beside db_path; the caller renames it into place. Views read
    the (immutable) snapshot they were built from, so views and marts of one file agree.
    memory_limit: DuckDB's budget (it spills to disk beyond it); None: sql/profiles.yml's default.
    snapshot_id: recorded in newsdesk_build (default: the snapshot folder's name, its run id). Raises BuildFailed, leaving no temp file, when a model or a data test fails."""
    tmp = layout.tmp(db_path)
    remove_database(tmp)
    values = dbt_vars(tmp, snapshot_dir, memory_limit, snapshot_id or snapshot_dir.name)
    result = invoke(["build"], values, project_dir)
    failed = failures(result)
    if failed or not result.success:
        remove_database(tmp)
        raise BuildFailed(failed, "" if failed else str(result.exception or "see the dbt log above"))
    checkpoints.reached("models_run")
    return tmp, summarize(result.result.results)


def summarize(results) -> Build:
    """The models and tests of a successful dbt build's results, by kind."""
    models = [r.node for r in results if r.node.resource_type == "model"]
    return Build(views=[m.name for m in models if m.config.materialized == "view"],
                 tables=[m.name for m in models if m.config.materialized == "table"],
                 tests=[r.node.name for r in results if r.node.resource_type == "test"])


def build(db_path: Path, snapshot_dir: Path, project_dir: Path = PROJECT_DIR,
          memory_limit: str | None = None, snapshot_id: str | None = None) -> Build:
    """Build the database file and put it in place atomically (see build_file)."""
    tmp, done = build_file(db_path, snapshot_dir, project_dir, memory_limit, snapshot_id)
    os.replace(tmp, db_path)
    return done


def remove_database(path: Path) -> None:
    """A database file and its write-ahead log, if there."""
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def generate_docs(target_dir: Path, snapshot_dir: Path, project_dir: Path = PROJECT_DIR) -> Path:
    """Build the models over a snapshot into target_dir, then `dbt docs generate --static` there:
    the lineage site as one self-contained page (opens offline). Returns that page."""
    target_dir.mkdir(parents=True, exist_ok=True)
    build(target_dir / layout.DATABASE, snapshot_dir, project_dir)
    values = dbt_vars(target_dir / layout.DATABASE, snapshot_dir, None, snapshot_dir.name)
    result = invoke(["docs", "generate", "--static"], values, project_dir, target_dir)
    remove_database(target_dir / layout.DATABASE)  # only the catalog needed it; its views name a temp folder
    if not result.success:
        raise BuildFailed([], str(result.exception or "dbt docs generate failed"))
    return target_dir / "static_index.html"
