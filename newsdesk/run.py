"""The steps of one run that are not about a single batch, as plain functions over settings and an
out target: open the locations, name the run, assemble and build, check the database, summarize.
flows/pipeline.py runs them (and the batches, newsdesk.batch) as Prefect tasks; the tests call
them directly.
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from newsdesk import database, dbtbuild, locations, storage
from newsdesk.incremental import Plan
from newsdesk.locations import Location
from newsdesk.settings import Settings
from newsdesk.sources import is_listed_below
from newsdesk.summary import RunSummary, count_reasons
from newsdesk.targets import Target, open_target
from newsdesk.workers import Stopped

# Failures that trying again cannot fix: the disk or quota is full, the out dir is read-only or not ours.
PERMANENT_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM})


def open_locations(settings: Settings) -> tuple[Location, Target]:
    """The parsed raw location and the out target. FileNotFoundError (NotADirectoryError) when the
    raw folder is missing (a file); ValueError when the run would read its own output."""
    raw, out = locations.parse(settings.raw_dir), locations.parse(settings.out_dir)
    if not locations.is_dir(raw):
        if not locations.is_remote(raw) and raw.exists():
            raise NotADirectoryError(f"raw directory {raw} is a file, not a folder")
        raise FileNotFoundError(f"raw directory {raw} does not exist")
    target = open_target(out, locations.parse(settings.db_dir))
    for folder, what in ((target.location, "out dir"), (target.replica.location, "database dir")):
        if is_listed_below(folder, raw):
            raise ValueError(f"the {what} {folder} is inside the raw directory {raw}: every run would read "
                             "its own output as input. Choose an out dir outside it")
    return raw, target


def new_run_id() -> str:
    """Sortable, unique id of a run: UTC time + pid."""
    return time.strftime("%Y%m%dT%H%M%S", time.gmtime()) + f"-{os.getpid()}"


def assemble(staged: list[dict], snapshot: Path, carry: storage.Carry) -> dict[str, int]:
    """The run's snapshot from its staged batches (newsdesk.batch.stage_paths) and the rows it
    carries over from the previous one."""
    return storage.write_snapshot([facts["batch_dir"] for facts in staged], snapshot, carry)


def build_database(target: Target, snapshot: Path, settings: Settings) -> Path:
    """The next newsdesk.duckdb (`dbt build`: staging views, marts, data tests) over the snapshot,
    in a temp file beside the current one: the switch renames it into place. Raises
    dbtbuild.BuildFailed, naming the failed tests, before anything is published."""
    tmp, _ = dbtbuild.build_file(target.database, snapshot, settings.sql_dir or dbtbuild.PROJECT_DIR,
                                 settings.duckdb_memory_limit)
    return tmp


def database_is_current(target: Target, run_id: str) -> bool:
    """The database was built from this snapshot, the snapshot's local copy is there, and the
    views still read it (a database from before relative paths, moved since, is rebuilt)."""
    return (database.built_from(target.database) == run_id and target.replica.snapshot(run_id).is_dir()
            and database.views_read(target.database))


def ensure_database(target: Target, snapshot: Location, settings: Settings) -> Path:
    """Rebuild newsdesk.duckdb when it was not built from the published snapshot (a run killed
    between publishing the Parquet and replacing the database, a new replica of an object store).
    Returns the local snapshot the database reads."""
    run_id = locations.name(snapshot)
    if database_is_current(target, run_id):
        return target.replica.snapshot(run_id)
    local = target.fetch(snapshot)
    dbtbuild.build(target.database, local, settings.sql_dir or dbtbuild.PROJECT_DIR, settings.duckdb_memory_limit)
    return local


def summarize(run_id: str, plan: Plan, snapshot: Path, seconds: float) -> RunSummary:
    """The counts of the snapshot now current, as the run's summary."""
    counts = storage.snapshot_counts(snapshot)
    codes = counts["reason_codes"]
    return RunSummary(
        run_id=run_id, files_seen=len(plan.files), files_recorded=counts["files"], inputs_seen=counts["inputs"],
        articles=counts["articles"], quotes=counts["quotes"], places=counts["places"], credits=counts["credits"],
        rejects=sum(1 for c in codes if c != "duplicate"), duplicates=sum(1 for c in codes if c == "duplicate"),
        rejects_by_reason=count_reasons(codes), seconds=round(seconds, 2),
    )


def is_transient(error: BaseException | None) -> bool:
    """Whether a failed step may pass when tried again (Prefect's retries ask)."""
    return not isinstance(error, Stopped) and storage_failure(error) is None


def storage_failure(error: BaseException | None) -> OSError | None:
    """The full disk, read-only file system or missing permission behind an error, if that is what
    it is: an OSError (Python, pyarrow), or another library's error that says so (DuckDB's)."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in PERMANENT_ERRNOS:
            return error
        text = str(error)
        for number in PERMANENT_ERRNOS:
            if os.strerror(number) in text:
                return OSError(number, os.strerror(number))
        error = error.__cause__ or error.__context__
    return None


def failure_sentence(error: OSError, out: Location) -> str:
    """What a run that failed on its storage says (it left nothing behind: Target.discard)."""
    what = os.strerror(error.errno) if error.errno else str(error)
    where = error.filename or out
    return (f"{what} (writing {where}). Nothing was published: the previous snapshot, if any, is still "
            "current, and this run's files were removed")
