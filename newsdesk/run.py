"""The steps of one run that are not about a single batch, as plain functions over settings and an
out target: open the locations, name the run, assemble and build, check the database, summarize.
flows/pipeline.py runs them (and the batches, newsdesk.batch) as Prefect tasks; the tests call
them directly.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from newsdesk import database, dbtbuild, locations, storage
from newsdesk.incremental import Plan
from newsdesk.locations import Location
from newsdesk.settings import Settings
from newsdesk.summary import RunSummary, count_reasons
from newsdesk.targets import Target, open_target


def open_locations(settings: Settings) -> tuple[Location, Target]:
    """The parsed raw location and the out target; FileNotFoundError when there is no raw folder."""
    raw, out = locations.parse(settings.raw_dir), locations.parse(settings.out_dir)
    if not locations.is_dir(raw):
        raise FileNotFoundError(f"raw directory {raw} does not exist")
    return raw, open_target(out, locations.parse(settings.db_dir))


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
        run_id=run_id, files_seen=len(plan.files), inputs_seen=counts["inputs"],
        articles=counts["articles"], quotes=counts["quotes"], places=counts["places"], credits=counts["credits"],
        rejects=sum(1 for c in codes if c != "duplicate"), duplicates=sum(1 for c in codes if c == "duplicate"),
        rejects_by_reason=count_reasons(codes), seconds=round(seconds, 2),
    )
