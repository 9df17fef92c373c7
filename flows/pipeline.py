"""The newsdesk flow: raw files -> batches -> staged rows -> one snapshot -> DuckDB models -> published.

Prefect wiring only: the steps are plain functions of the core package (newsdesk.run, and
newsdesk.batch for the batches, mapped as tasks: never one task per document). Runs are
incremental (newsdesk.incremental): only new or changed files are processed, the rest is carried
over from the published snapshot; `full=True` reprocesses everything. The out location is a
target (newsdesk.targets): a local folder, or an object store with a local replica for the database.

Parallelism: with the default thread runner, batch tasks hand their work to a local pool of
worker processes (newsdesk.workers; Python threads would share one core) that runs each file under
a time budget; with Dask, each task runs on a Dask worker, which hands it to a worker process of
its own for the same budget. A failed or stopped run kills its workers and removes what it wrote.
"""

from __future__ import annotations

import math
import os
import sys
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from prefect import flow, get_run_logger, task, unmapped
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.context import FlowRunContext
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from newsdesk import batch, dbtbuild, incremental, installation, locations, run, storage, workers
from newsdesk.locations import Location
from newsdesk.settings import Settings, worker_count
from newsdesk.targets import Target
from newsdesk.workers import Budget, Job, WorkerPool

MIN_BATCH_SIZE = 50
_POOL: WorkerPool | None = None  # the local worker pool of the running flow, if any


def worth_retrying(task, task_run, state) -> bool:
    """Prefect's retry condition: retry what may pass (an I/O hiccup, a lost connection), not a
    full disk, a read-only out dir or a run that is being stopped."""
    return run.is_transient(state.result(raise_on_failure=False))


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=worth_retrying, cache_policy=NO_CACHE)
def plan_inputs(raw_dir: Location, target: Target, full: bool) -> incremental.Plan:
    """Every input file under raw_dir, and which of them this run has to process."""
    return incremental.plan_run(raw_dir, target, full)


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=worth_retrying, cache_policy=NO_CACHE)
def process_batch(paths: list[Location], raw_dir: Location, staging_dir: Location, batch_no: int,
                  budget: Budget) -> dict:
    """Read, clean, extract and validate one batch in a worker process, each file under the time
    budget; stage its rows as Parquet."""
    pool = _POOL or workers.process_pool(budget)
    if pool is None:  # a daemonic Dask worker may not start processes: no budget there
        return batch.stage_paths(paths, raw_dir, staging_dir, batch_no)
    facts = pool.run(Job(paths, raw_dir, staging_dir, batch_no))
    for path, reason in facts["stopped"]:
        get_run_logger().warning("%s: %s", path, reason)
    return facts


@task(retries=1, retry_delay_seconds=2, retry_condition_fn=worth_retrying, cache_policy=NO_CACHE)
def publish_snapshot(staged: list[dict], snapshot: Path, carry: storage.Carry) -> dict[str, int]:
    """Assemble the staged batches and the carried-over rows into one complete snapshot."""
    return run.assemble(staged, snapshot, carry)


def retry_unless_build_failed(task, task_run, state) -> bool:
    """Retry I/O errors; a failed data test or model fails the same way again."""
    return not isinstance(state.result(raise_on_failure=False), dbtbuild.BuildFailed)


@task(retries=1, retry_delay_seconds=2, retry_condition_fn=retry_unless_build_failed, cache_policy=NO_CACHE)
def build_models(target: Target, snapshot: Path, settings: Settings) -> Path:
    """`dbt build` the next newsdesk.duckdb (staging views, marts, data tests) from the snapshot,
    into a temp file; a failed test raises before anything is published."""
    return run.build_database(target, snapshot, settings)


@task(retries=2, retry_delay_seconds=2, retry_condition_fn=worth_retrying, cache_policy=NO_CACHE)
def upload_snapshot(target: Target, snapshot: Path) -> None:
    """Make the snapshot readable at the out location (an object store: upload, then CURRENT)."""
    target.upload(snapshot)


def thread_runner(workers: int = 0) -> ThreadPoolTaskRunner:
    """Prefect's thread runner, bounded: one thread per worker process plus one. Its default is
    unbounded, so every batch of a 100k-file run would be in flight (and in memory) at once."""
    return ThreadPoolTaskRunner(max_workers=worker_count(workers) + 1)


@flow(name="newsdesk", log_prints=True, task_runner=thread_runner())
def newsdesk_flow(raw_dir: str | None = None, out_dir: str | None = None, batch_size: int | None = None,
                  wait_for_lock: float = 0, full: bool = False, workers: int | None = None,
                  db_dir: str | None = None) -> dict:
    """Turn the articles under raw_dir into the curated tables and database under out_dir.
    workers: local worker processes (0 = one per CPU); ignored by a Dask task runner.
    db_dir: local folder for newsdesk.duckdb (and the snapshot copy it reads) when out_dir is an
    object store; ignored for a local out_dir. Parameters not given come from newsdesk.settings."""
    settings = Settings.read(raw_dir=raw_dir, out_dir=out_dir, db_dir=db_dir, batch_size=batch_size, workers=workers)
    clock = Stopwatch()
    raw, target = run.open_locations(settings)
    with target.lock(wait_for_lock):
        target.remove_leftovers()  # of killed runs
        plan = clock.time("plan", plan_inputs, raw, target, full)
        if plan.warning:
            get_run_logger().warning(plan.warning)
        if plan.is_noop:
            current = run.ensure_database(target, plan.previous, settings)
            return finish(locations.name(plan.previous), plan, current, clock, published=False)
        run_id = run.new_run_id()
        try:
            staged = clock.time("process", process_all, plan.to_process, raw, target.staging(run_id), settings)
            installation.check_formats(sum((facts["outcomes"] for facts in staged), Counter()))
            snapshot = target.snapshot(run_id)
            clock.time("publish", publish_snapshot, staged, snapshot, plan.carry)
            database = clock.time("sql_models", build_models, target, snapshot, settings)
            clock.time("upload", upload_snapshot, target, snapshot)  # object-store readers move here...
            target.switch(snapshot, database)  # ...then Parquet readers of the folder, then SQL readers
        except BaseException:  # failed (a full disk) or stopped (SIGTERM, Ctrl-C): leave nothing behind
            target.discard(run_id)
            raise
        target.tidy(run_id)
    return finish(run_id, plan, snapshot, clock, published=True, staged=staged)


def process_all(paths: list[Location], raw: Location, staging: Location, settings: Settings) -> list[dict]:
    """Map process_batch over batches of paths, run by a local pool of worker processes (each
    file under the time budget), with a progress bar."""
    global _POOL
    budget = Budget(settings.document_seconds, settings.document_seconds_per_mb)
    processes = pool_size(settings.workers)
    with local_pool(processes, budget) as pool:
        size = batch_size_for(len(paths), settings.batch_size, processes)
        batches = [paths[i:i + size] for i in range(0, len(paths), size)] or [[]]
        _POOL = pool
        try:
            futures = process_batch.map(batches, raw, staging, range(len(batches)), unmapped(budget))
            with progress_bar(len(paths)) as advance:
                for future in as_completed(futures):
                    advance(future.result()["files"])
            return [f.result() for f in futures]
        finally:
            _POOL = None


def batch_size_for(files: int, batch_size: int, processes: int) -> int:
    """Batches small enough that every worker gets ~4 of them (load balance), within bounds."""
    if processes < 1:
        return batch_size
    per_worker = math.ceil(files / (processes * 4))
    return max(min(batch_size, per_worker), min(MIN_BATCH_SIZE, batch_size))


def pool_size(workers: int) -> int:
    """Worker processes for the local pool (started as batches need them): 0 when the task
    runner is not local (Dask runs each batch in its own workers)."""
    context = FlowRunContext.get()
    local = context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)
    return worker_count(workers) if local else 0


@contextmanager
def local_pool(processes: int, budget: Budget):
    """A pool of worker processes (newsdesk.workers), or None. A failed or stopped run kills its
    workers at once, mid-file; the forkserver they fork from stops with the pool."""
    if processes < 1:
        yield None
        return
    pool = WorkerPool(processes, budget, workers.forkserver_context())
    try:
        yield pool
    except BaseException:
        pool.close(stop_now=True)
        raise
    else:
        pool.close()
    finally:
        workers.stop_forkserver()


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
        for facts in staged:
            self.stages.update(facts["seconds"])

    def report(self) -> dict:
        return {"wall_seconds": self.wall,
                "stage_seconds": {k: round(v, 3) for k, v in sorted(self.stages.items())}}


def finish(run_id: str, plan: incremental.Plan, snapshot: Path, clock: Stopwatch, published: bool,
           staged: list[dict] = ()) -> dict:
    """The run summary (counts of the snapshot now current), logged and kept as an artifact."""
    clock.add_stages(staged)
    summary = run.summarize(run_id, plan, snapshot, time.monotonic() - clock.started)
    result = {**summary.as_dict(), "published": published, "changes": plan.counts,
              "files_processed": len(plan.to_process), "warnings": [plan.warning] if plan.warning else [],
              **clock.report()}
    note = "published" if published else "nothing changed since this snapshot: nothing new published"
    get_run_logger().info("newsdesk %s; %s", summary.line(), note)
    create_table_artifact(summary.table(), key="newsdesk-run-summary",
                          description=f"newsdesk run {run_id}: {note}")
    return result


def task_runner_for(name: str, dask_address: str | None = None, workers: int = 0):
    """The Prefect task runner for `--task-runner`: bounded threads (default) or a Dask runner."""
    if name != "dask" and not dask_address:
        return thread_runner(workers)
    import dask
    from prefect_dask import DaskTaskRunner

    if dask_address:
        return DaskTaskRunner(address=dask_address)
    # workers that may start processes: each runs its batches in one, under the time budget
    dask.config.set({"distributed.worker.daemon": False})
    return DaskTaskRunner(cluster_kwargs={"n_workers": worker_count(workers), "threads_per_worker": 1,
                                          "processes": True, "dashboard_address": None})
