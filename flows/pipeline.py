"""The newsdesk flow: raw files -> batches -> staged rows -> one atomic snapshot -> DuckDB models.

Tasks work on batches of files (never one task per document) and only call the core package.
Runs are incremental: only new or changed files are processed, the rest is carried over from
the current snapshot (newsdesk.incremental); `full=True` reprocesses everything.

Locations: raw_dir and out_dir are local folders (or file:// URIs), or object-store URIs
(`s3://bucket/prefix`, newsdesk.locations). With an object-store out, the snapshot and the DuckDB
database are built in the local db_dir (which then looks like a local out dir), the snapshot is
uploaded, and `<out>/CURRENT` is written last to publish it (newsdesk.storage).

Parallelism: with the default thread runner, batch tasks hand their work to a local pool of
worker processes (Python threads would share one core); with Dask, each task runs in a worker.
"""

from __future__ import annotations

import math
import multiprocessing
import os
import shutil
import sys
import time
from collections import Counter
from concurrent.futures import Executor, ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from newsdesk import batch, incremental, layout, locations, sqlmodels, storage
from newsdesk.layout import DATABASE
from newsdesk.locations import Location
from newsdesk.settings import Settings
from newsdesk.summary import RunSummary, count_reasons

MIN_BATCH_SIZE = 50
POOL_MIN_FILES = 200  # below this, starting worker processes (~1-2 s) costs more than it saves
BATCHES_PER_WORKER = 20  # then the worker is replaced: caches in the extractors cannot grow with N
_POOL: Executor | None = None  # the local worker pool of the running flow, if any


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def plan_inputs(raw_dir: Location, out_dir: Location, full: bool) -> incremental.Plan:
    """Every input file under raw_dir, and which of them this run has to process."""
    return incremental.plan_run(raw_dir, out_dir, full)


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def process_batch(paths: list[Location], raw_dir: Location, staging_dir: Location, batch_no: int) -> dict:
    """Read, clean, extract and validate one batch; stage its rows as Parquet."""
    if _POOL is not None:
        return _POOL.submit(batch.stage_paths, paths, raw_dir, staging_dir, batch_no).result()
    return batch.stage_paths(paths, raw_dir, staging_dir, batch_no)


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def publish_snapshot(batch_dirs: list[Location], snapshot_dir: Path, carry: storage.Carry) -> dict[str, int]:
    """Assemble the staged batches and the carried-over rows into one complete snapshot."""
    return storage.write_snapshot(batch_dirs, snapshot_dir, carry)


@task(retries=1, retry_delay_seconds=2, cache_policy=NO_CACHE)
def build_models(out_dir: Path, snapshot_dir: Path, settings: Settings) -> Path:
    """Build the next newsdesk.duckdb (staging views, marts) from the snapshot, into a temp file."""
    tmp, _ = sqlmodels.build_database_file(out_dir / DATABASE, snapshot_dir, settings.sql_dir or sqlmodels.SQL_DIR,
                                           settings.duckdb_memory_limit)
    return tmp


@task(retries=2, retry_delay_seconds=2, cache_policy=NO_CACHE)
def upload_snapshot(snapshot_dir: Path, out_uri: str) -> str:
    """Object-store out: upload the snapshot, then publish it by writing <out>/CURRENT."""
    return storage.publish_remote(snapshot_dir, out_uri)


def ensure_database(out_dir: Path, snapshot_dir: Location, settings: Settings) -> Path:
    """Rebuild newsdesk.duckdb when it was not built from the current snapshot (a run killed
    between publishing the Parquet and replacing the database). For an object-store out, out_dir
    is the local db_dir: the snapshot is downloaded there first if it is missing (a new db_dir, or
    a run killed after writing CURRENT). Returns the local snapshot the database reads."""
    run_id = locations.name(snapshot_dir)
    local = layout.snapshot(out_dir, run_id)
    if sqlmodels.built_from(out_dir / DATABASE) == run_id and local.is_dir():
        return local
    if locations.is_remote(snapshot_dir):
        if not local.is_dir():
            tmp = layout.tmp(local)
            shutil.rmtree(tmp, ignore_errors=True)
            locations.download_dir(snapshot_dir, tmp)
            tmp.rename(local)
        storage.switch_current(out_dir, local)
    sqlmodels.build_database(out_dir / DATABASE, local, settings.sql_dir or sqlmodels.SQL_DIR,
                             settings.duckdb_memory_limit)
    return local


def thread_runner(workers: int = 0) -> ThreadPoolTaskRunner:
    """Prefect's thread runner, bounded: one thread per worker process plus one. Its default is
    unbounded, so every batch of a 100k-file run would be in flight (and in memory) at once."""
    return ThreadPoolTaskRunner(max_workers=(workers or os.cpu_count() or 1) + 1)


@flow(name="newsdesk", log_prints=True, task_runner=thread_runner())
def newsdesk_flow(raw_dir: str | None = None, out_dir: str | None = None, batch_size: int | None = None,
                  wait_for_lock: float = 0, full: bool = False, workers: int | None = None,
                  db_dir: str | None = None) -> dict:
    """Turn the articles under raw_dir into the curated tables and database under out_dir.
    workers: local worker processes (0 = one per CPU); ignored by a Dask task runner.
    db_dir: local folder for newsdesk.duckdb (and the snapshot copy it reads) when out_dir is an
    object store; ignored for a local out_dir. Parameters not given come from newsdesk.settings."""
    settings = Settings.read(raw_dir=raw_dir, out_dir=out_dir, batch_size=batch_size, workers=workers, db_dir=db_dir)
    clock = Stopwatch()
    raw, out = locations.parse(settings.raw_dir), locations.parse(settings.out_dir)
    local = locations.parse(settings.db_dir) if locations.is_remote(out) else out
    if not locations.is_dir(raw):
        raise FileNotFoundError(f"raw directory {raw} does not exist")
    with storage.out_dir_lock(local, wait_for_lock):  # an object store has no flock: one writer per out URI
        storage.remove_leftovers(local)
        if locations.is_remote(out):
            storage.remove_remote_leftovers(out)
        plan = clock.time("plan", plan_inputs, raw, out, full)
        if plan.is_noop:
            current = ensure_database(local, plan.previous, settings)
            return finish(locations.name(plan.previous), plan, current, clock, published=False)
        run_id = storage.new_run_id()
        staging, snapshot = layout.staging(out, run_id), layout.snapshot(local, run_id)
        with local_pool(pool_size(settings.workers, len(plan.to_process))) as pool:
            staged = clock.time("process", process_all, plan.to_process, raw, staging, settings.batch_size, pool)
        clock.add_stages(staged)
        carry = storage.Carry(plan.previous, plan.replaced)
        batch_dirs = [s["batch_dir"] if locations.is_remote(out) else Path(s["batch_dir"]) for s in staged]
        clock.time("publish", publish_snapshot, batch_dirs, snapshot, carry)
        next_database = clock.time("sql_models", build_models, local, snapshot, settings)
        if locations.is_remote(out):
            clock.time("upload", upload_snapshot, snapshot, out)  # object-store readers move here
        storage.switch_current(local, snapshot)  # Parquet readers move to the new run...
        os.replace(next_database, local / DATABASE)  # ...and SQL readers right after
        storage.prune_snapshots(local)
        if locations.is_remote(out):
            storage.prune_remote(out)
            locations.delete_dir(locations.join(out, layout.STAGING))  # all of it: S3 would keep an empty parent
        else:
            shutil.rmtree(staging, ignore_errors=True)
    return finish(run_id, plan, snapshot, clock, published=True)


def process_all(paths: list[Location], raw: Location, staging: Location, batch_size: int,
                pool: Executor | None) -> list[dict]:
    """Map process_batch over batches of paths (in the pool, if any), with a progress bar."""
    global _POOL
    size = batch_size_for(len(paths), batch_size, pool)
    batches = [paths[i:i + size] for i in range(0, len(paths), size)] or [[]]
    _POOL = pool
    try:
        futures = process_batch.map(batches, raw, staging, range(len(batches)))
        with progress_bar(len(paths)) as advance:
            for future in as_completed(futures):
                advance(future.result()["files"])
        return [f.result() for f in futures]
    finally:
        _POOL = None


def batch_size_for(files: int, batch_size: int, pool: Executor | None) -> int:
    """Batches small enough that every worker gets ~4 of them (load balance), within bounds."""
    if pool is None:
        return batch_size
    per_worker = math.ceil(files / (pool._max_workers * 4))
    return max(min(batch_size, per_worker), min(MIN_BATCH_SIZE, batch_size))


def pool_size(workers: int, files: int) -> int:
    """Worker processes for the local pool: 0 when the run is small or the runner is not local."""
    context = FlowRunContext.get()
    local = context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
    wanted = workers or os.cpu_count() or 1
    return wanted if local and wanted > 1 and files >= POOL_MIN_FILES else 0


@contextmanager
def local_pool(workers: int):
    """A pool of worker processes, or None. forkserver: workers fork from a clean process that
    preloaded and warmed the pipeline (flows.warmup): fast start, resources shared copy-on-write,
    and no fork of this process's Prefect threads."""
    if workers < 2:
        yield None
        return
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["newsdesk.batch", "flows.warmup"])
    try:
        with ProcessPoolExecutor(workers, mp_context=context, max_tasks_per_child=BATCHES_PER_WORKER) as pool:
            yield pool
    finally:
        stop_forkserver()


def stop_forkserver() -> None:
    """Stop the forkserver once the pool is done. It outlives the pool otherwise, and while
    publishing it would hold the ~300 MB of preloaded resources its workers no longer share.
    (A private hook of multiprocessing, present in 3.8-3.13; a later pool starts a new server.)"""
    from multiprocessing import forkserver

    getattr(forkserver._forkserver, "_stop", lambda: None)()


@contextmanager
def progress_bar(total: int):
    """Yields advance(n). A rich bar with rate and ETA on a terminal; silent otherwise or in CI."""
    quiet = not sys.stderr.isatty() or os.environ.get("CI", "").lower() in ("1", "true") or total < 1000
    if quiet:
        yield lambda n: None
        return
    from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TaskProgressColumn, TextColumn,
                               TimeElapsedColumn, TimeRemainingColumn)

    columns = (TextColumn("processing"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
               TextColumn("{task.fields[rate]} files/s"), TimeElapsedColumn(), TextColumn("ETA"),
               TimeRemainingColumn())
    with Progress(*columns, transient=True) as bar:
        job = bar.add_task("files", total=total, rate="-")
        started = time.monotonic()

        def advance(n: int) -> None:
            done = bar.tasks[0].completed + n
            bar.update(job, advance=n, rate=f"{done / max(time.monotonic() - started, 1e-6):,.0f}")

        yield advance


class Stopwatch:
    """Wall seconds per flow step, plus the per-stage seconds the batches measured."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.wall: dict[str, float] = {}
        self.stages: Counter = Counter()

    def time(self, step: str, fn, *args):
        started = time.monotonic()
        try:
            return fn(*args)
        finally:
            self.wall[step] = round(time.monotonic() - started, 3)

    def add_stages(self, staged: list[dict]) -> None:
        for batch in staged:
            self.stages.update(batch["seconds"])

    def report(self) -> dict:
        return {"wall_seconds": self.wall,
                "stage_seconds": {k: round(v, 3) for k, v in sorted(self.stages.items())}}


def finish(run_id: str, plan: incremental.Plan, snapshot: Path, clock: Stopwatch, published: bool) -> dict:
    """The run summary (counts of the snapshot now current), logged and kept as an artifact."""
    counts = storage.snapshot_counts(snapshot)
    summary = RunSummary(
        run_id=run_id, files_seen=len(plan.files), inputs_seen=counts["inputs"],
        articles=counts["articles"], quotes=counts["quotes"], places=counts["places"], credits=counts["credits"],
        rejects=sum(1 for c in counts["reason_codes"] if c != "duplicate"),
        duplicates=sum(1 for c in counts["reason_codes"] if c == "duplicate"),
        rejects_by_reason=count_reasons(counts["reason_codes"]), seconds=round(time.monotonic() - clock.started, 2),
    )
    result = {**summary.as_dict(), "published": published, "changes": plan.counts,
              "files_processed": len(plan.to_process), **clock.report()}
    get_run_logger().info("run summary: %s", result)
    note = "" if published else "\n\nNothing changed since this snapshot: nothing new was published."
    create_markdown_artifact(summary.markdown() + note, key="newsdesk-run-summary",
                             description="newsdesk run summary")
    return result


def task_runner_for(name: str, dask_address: str | None = None, workers: int = 0):
    """The Prefect task runner for `--task-runner`: bounded threads (default) or a Dask runner."""
    if name != "dask" and not dask_address:
        return thread_runner(workers)
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    return DaskTaskRunner(cluster_kwargs={"n_workers": workers or os.cpu_count() or 1, "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})
