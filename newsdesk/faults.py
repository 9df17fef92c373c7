"""Fault injection for the reliability tests; does nothing unless a NEWSDESK_TEST_* variable is set.

    NEWSDESK_TEST_PAUSE_AT=<stage>      block at <stage> (then the test SIGKILLs the run, or lets it go on)
    NEWSDESK_TEST_PAUSE_FILE=<path>     written when the pause starts, so the test knows where the run is
    NEWSDESK_TEST_PAUSE_SECONDS=<s>     how long to block (default: an hour, i.e. until killed)
    NEWSDESK_TEST_FAIL_ONCE=<stage>:<marker path>
                                        raise a transient OSError at <stage> once (the marker remembers it)

Stages, in run order: extract (a batch extracted, its rows not yet staged, other batches still
being processed; this one is an explicit call in storage.write_staging, so it works in worker
processes too), parquet (two tables of the snapshot written, the rest not), duckdb (models run,
the database not yet committed), switch (database built, neither it nor `current` switched yet). The last
three wrap module functions of the main process (install() runs at import of flows.pipeline).
"""

from __future__ import annotations

import errno
import functools
import os
import time
from pathlib import Path

STAGES = ("extract", "parquet", "duckdb", "switch")


def pause_at(stage: str) -> None:
    """Block here when NEWSDESK_TEST_PAUSE_AT names this stage."""
    if os.environ.get("NEWSDESK_TEST_PAUSE_AT") != stage:
        return
    if marker := os.environ.get("NEWSDESK_TEST_PAUSE_FILE"):
        Path(marker).write_text(f"{stage} {os.getpid()}\n")
    time.sleep(float(os.environ.get("NEWSDESK_TEST_PAUSE_SECONDS", "3600")))


def fail_once(stage: str) -> None:
    """Raise a transient I/O error the first time this stage runs, when NEWSDESK_TEST_FAIL_ONCE asks."""
    spec = os.environ.get("NEWSDESK_TEST_FAIL_ONCE", "")
    name, _, marker = spec.partition(":")
    if name != stage or not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # atomic: only the first call fails
    except FileExistsError:
        return
    os.close(fd)
    raise OSError(errno.EIO, f"injected transient I/O error at {stage}")


def _after_calls(stage: str, func, nth: int):
    """Wrap `func` so the stage's faults fire after its nth call (1-based) returns."""
    calls = 0

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        nonlocal calls
        result = func(*args, **kwargs)
        calls += 1
        if calls == nth:
            fail_once(stage)
            pause_at(stage)
        return result
    return wrapper


def _before(stage: str, func):
    """Wrap `func` so the stage's faults fire before each call."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        fail_once(stage)
        pause_at(stage)
        return func(*args, **kwargs)
    return wrapper


def inject(stage: str) -> None:
    """An explicit fault point: fail once and/or block here when the environment asks for this stage."""
    fail_once(stage)
    pause_at(stage)


def install() -> None:
    """Hook the main-process stages named in the environment into the run (a no-op when none is).
    The extract stage is an explicit inject() call in storage.write_staging, as it runs in workers."""
    stages = {os.environ.get("NEWSDESK_TEST_PAUSE_AT"), os.environ.get("NEWSDESK_TEST_FAIL_ONCE", "").partition(":")[0]}
    stages &= {"parquet", "duckdb", "switch"}
    if not stages or getattr(install, "done", False):
        return
    install.done = True
    from newsdesk import sqlmodels, storage

    for stage in stages:
        if stage == "parquet":  # two tables of the snapshot written, the others not yet
            storage.publish_table = _after_calls(stage, storage.publish_table, 2)
        elif stage == "duckdb":  # every model ran inside the open transaction of the new database
            sqlmodels.run_models = _after_calls(stage, sqlmodels.run_models, 1)
        elif stage == "switch":  # database built, out/current still on the old snapshot
            storage.switch_current = _before(stage, storage.switch_current)
