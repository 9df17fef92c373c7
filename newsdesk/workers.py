"""Worker processes that run batches (newsdesk.batch), each input file under a time budget.

A worker writes into shared memory which file of its batch it is on and by when it must be done
with it (Budget: a fixed allowance plus one per MB). The thread that handed it the batch watches
that deadline. A worker past it is killed: the one stop that also ends a C-level call (lxml
parsing a tag of 100,000 attributes, one long regex match), which no signal or thread can
interrupt. The batch then runs again in a fresh worker with that file marked too_slow, so one
pathological file costs one budget, never a stalled run. A worker that dies on a file (a crash in
a C library, the OOM killer) is handled the same way, the file becoming an internal_error reject.

Workers fork from a forkserver that preloaded and warmed the pipeline (flows.warmup): they start
in milliseconds and share its ~160 MB of resources copy-on-write. prestart() starts that server
early, while the CLI is still importing Prefect.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import queue
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from multiprocessing import forkserver
from typing import NamedTuple

from newsdesk import batch, locations
from newsdesk.locations import Location

PRELOAD = ["newsdesk.workers", "flows.warmup"]  # imported (and one document run) in the forkserver
BATCHES_PER_WORKER = 20  # then the worker is replaced: caches in the extractors cannot grow with N
CHECK_SECONDS = 0.5  # how often a watching thread looks at its worker's deadline
NO_DOCUMENT = -1.0  # slot index while a worker is between documents (reading the job, staging)
PR_SET_PDEATHSIG = 1


class Stopped(RuntimeError):
    """The pool was closed (the run is stopping) while a batch was running or waiting."""


class WorkerFailed(RuntimeError):
    """A worker died outside any document (while staging a batch): the batch fails (and is retried)."""


@dataclass(frozen=True, slots=True)
class Budget:
    """The time one input file may take: `seconds`, plus `seconds_per_mb` for each MB of it."""

    seconds: float = 30.0
    seconds_per_mb: float = 10.0

    def for_size(self, size: int) -> float:
        return self.seconds + self.seconds_per_mb * size / 2**20

    def reason(self, size: int) -> str:
        """The too_slow reject's reason for a file of `size` bytes."""
        return (f"processing stopped after {self.for_size(size):.0f} s, this file's time budget "
                f"({self.seconds:g} s plus {self.seconds_per_mb:g} s per MB; NEWSDESK_DOCUMENT_SECONDS sets it): "
                "a pathological input, not an article. The run went on without it")


class Job(NamedTuple):
    """One batch for a worker: newsdesk.batch.stage_paths' arguments, plus the files not to process."""

    paths: list[Location]
    raw_dir: Location
    staging_dir: Location
    batch_no: int
    skip: dict[int, tuple[str, str]] = {}  # index in paths -> (reject code, reason)


# --- inside a worker ---------------------------------------------------------------------------

class Deadline:
    """batch.Watch in a worker: publishes the file it is on and its deadline in the shared slot
    (index, started, deadline). The deadline is written first, so a watcher never pairs a new
    file's index with the previous file's deadline."""

    def __init__(self, slot, budget: Budget):
        self.slot, self.budget, self.started_at = slot, budget, 0.0

    def started(self, index: int) -> None:
        self.started_at = time.monotonic()
        self.slot[2] = self.started_at + self.budget.seconds
        self.slot[1] = self.started_at
        self.slot[0] = index

    def sized(self, size: int) -> None:
        self.slot[2] = self.started_at + self.budget.for_size(size)

    def finished(self) -> None:
        self.slot[0] = NO_DOCUMENT
        self.slot[2] = 0.0


def serve(conn, slot, budget: Budget) -> None:
    """A worker's loop: run each Job it receives, answer ("done", facts) or ("failed", error)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C reaches the whole group: the parent stops us
    die_with_parent()
    watch = Deadline(slot, budget)
    while True:
        try:
            job = conn.recv()
        except EOFError:
            return
        if job is None:
            return
        try:
            answer = ("done", batch.stage_paths(job.paths, job.raw_dir, job.staging_dir, job.batch_no,
                                                skip=job.skip, watch=watch))
        except Exception as exc:  # noqa: BLE001 - the parent re-raises it in the batch's task
            answer = ("failed", exc)
        watch.finished()
        try:
            conn.send(answer)
        except Exception:  # noqa: BLE001 - an exception that does not pickle: send what it said
            conn.send(("failed", RuntimeError(f"{type(answer[1]).__name__}: {answer[1]}")))


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent (the forkserver) exits: a worker must not
    outlive a killed run while it grinds through a pathological file."""
    if sys.platform.startswith("linux"):
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            pass


# --- in the process that hands out batches -----------------------------------------------------

class Worker:
    """One worker process, the pipe to it and its shared slot."""

    def __init__(self, context: BaseContext, budget: Budget):
        self.conn, child = context.Pipe()
        self.slot = context.RawArray("d", 3)
        self.slot[0] = NO_DOCUMENT
        self.process = context.Process(target=serve, args=(child, self.slot, budget), daemon=True,
                                       name="newsdesk-worker")
        self.process.start()
        child.close()
        self.batches = 0

    def overdue(self) -> tuple[int, float] | None:
        """(index, seconds spent) of the file the worker is past its deadline on, if any."""
        deadline = self.slot[2]
        if not deadline or time.monotonic() <= deadline:
            return None
        index, started = int(self.slot[0]), self.slot[1]
        if index < 0 or self.slot[2] != deadline:  # moved on meanwhile
            return None
        return index, time.monotonic() - started

    def current(self) -> int:
        return int(self.slot[0])

    def retire(self) -> None:
        """Let the worker finish and exit (it is idle)."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        self.kill()

    def kill(self) -> None:
        """Stop the process and close the pipe (by the thread that owns the worker, or for an idle one)."""
        if self.process.is_alive():
            self.process.kill()
        self.process.join(5)
        self.conn.close()


@dataclass
class WorkerPool:
    """Up to `size` worker processes, started when first needed, shared by the threads that run
    batch tasks (each thread takes one worker for its batch)."""

    size: int
    budget: Budget
    context: BaseContext
    batches_per_worker: int = BATCHES_PER_WORKER
    _idle: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    _running: set = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _closed: bool = False

    def __post_init__(self) -> None:
        for _ in range(self.size):
            self._idle.put(None)  # a free place; its worker starts when a batch needs it

    def run(self, job: Job) -> dict:
        """Run one batch to its staged facts. A file past its budget (or one its worker died on)
        becomes a reject and the batch runs again without it in a fresh worker; facts["stopped"]
        lists those files' paths and reasons."""
        worker = self._take()
        skip = dict(job.skip)
        stopped = []
        try:
            while True:
                worker = worker or self._start()
                kind, value = self._run_once(worker, job._replace(skip=skip))
                if kind == "done":
                    worker.batches += 1
                    if worker.batches >= self.batches_per_worker:
                        self._forget(worker)
                        worker.retire()
                        worker = None
                    return {**value, "stopped": stopped}
                if kind == "failed":
                    raise value
                index, reason = value
                skip[index] = reason
                stopped.append((str(job.paths[index]), reason[1]))
                self._forget(worker)
                worker.kill()
                worker = None
        finally:
            self._give_back(worker)

    def _run_once(self, worker: Worker, job: Job) -> tuple[str, object]:
        """("done", facts), ("failed", exception), or ("skip", (index, (code, reason)))."""
        worker.conn.send(job)
        while True:
            try:
                if worker.conn.poll(CHECK_SECONDS):
                    return worker.conn.recv()
            except (EOFError, OSError):
                pass  # the worker died: below
            if self._closed:
                raise Stopped("the run is stopping")
            if not worker.process.is_alive():
                return self._died(worker, job)
            if overdue := worker.overdue():
                index, _ = overdue
                return "skip", (index, ("too_slow", self.budget.reason(file_size(job.paths[index]))))

    def _died(self, worker: Worker, job: Job) -> tuple[str, object]:
        worker.process.join(1)
        code, index = worker.process.exitcode, worker.current()
        how = f"killed by signal {-code}" if code is not None and code < 0 else f"exit code {code}"
        if index < 0:
            return "failed", WorkerFailed(f"a worker process died ({how}) while staging batch {job.batch_no}")
        return "skip", (index, ("internal_error", f"newsdesk's worker process died on this input ({how}); "
                                                  "please report it"))

    def _take(self) -> Worker | None:
        place = self._idle.get()
        if self._closed:
            self._idle.put(place)
            raise Stopped("the run is stopping")
        return place

    def _start(self) -> Worker:
        worker = Worker(self.context, self.budget)
        with self._lock:
            self._running.add(worker)
        if self._closed:
            worker.kill()
            raise Stopped("the run is stopping")
        return worker

    def _forget(self, worker: Worker) -> None:
        with self._lock:
            self._running.discard(worker)

    def _give_back(self, worker: Worker | None) -> None:
        if worker is not None and (self._closed or not worker.process.is_alive()):
            self._forget(worker)
            worker.kill()
            worker = None
        self._idle.put(worker)

    def close(self, stop_now: bool = False) -> None:
        """Retire the idle workers; with stop_now (a failed or stopped run) kill the busy ones too,
        mid-file: the thread watching each sees it die, raises Stopped and cleans up. Threads
        waiting for a worker wake up and raise Stopped."""
        self._closed = True
        while True:
            try:
                idle = self._idle.get_nowait()
            except queue.Empty:
                break
            if idle is not None:
                self._forget(idle)
                idle.retire()
        for _ in range(self.size):
            self._idle.put(None)
        with self._lock:
            busy = list(self._running)
        for worker in busy if stop_now else ():
            worker.process.kill()


def file_size(location: Location) -> int:
    """A file's size for its budget (0 when it cannot be told)."""
    try:
        if locations.is_remote(location):
            fs, path = locations.resolve(location)
            return fs.get_file_info(path).size or 0
        return location.stat().st_size
    except OSError:
        return 0


def forkserver_context() -> BaseContext:
    """The forkserver context, preloading the warmed pipeline."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    return context


def prestart() -> None:
    """Start the forkserver now (it imports and warms the pipeline in the background), so a run's
    first worker does not wait for it."""
    forkserver_context()
    forkserver.ensure_running()


def stop_forkserver() -> None:
    """Stop the forkserver once a pool is done. It outlives the pool otherwise, and while publishing
    it would hold the ~300 MB of preloaded resources its workers no longer share. (A private hook
    of multiprocessing, present in 3.8-3.13; the next pool starts a new server.)"""
    getattr(forkserver._forkserver, "_stop", lambda: None)()


_process_pool: WorkerPool | None = None


def process_pool(budget: Budget) -> WorkerPool | None:
    """A one-worker pool for batches that run outside a local pool (on a Dask worker), kept for
    the life of this process; None where this process may not start processes (a daemonic Dask
    worker: the batch then runs in its thread, without a budget)."""
    global _process_pool
    if multiprocessing.current_process().daemon:
        return None
    if _process_pool is None or _process_pool.budget != budget:
        _process_pool = WorkerPool(1, budget, forkserver_context())
    return _process_pool
