"""Fault injection for the reliability tests: pauses or fails a run at a named checkpoint.

A test that starts `newsdesk run` with this folder on PYTHONPATH (reliability_helpers.with_faults)
gets it loaded into every Python process of the run: Python imports `sitecustomize` at start-up,
in the CLI's process and in the forkserver its workers fork from. It registers an observer of
newsdesk.checkpoints when a NEWSDESK_TEST_* variable asks for one; newsdesk itself holds no hook.

    NEWSDESK_TEST_PAUSE_AT=<stage>      block at <stage> (then the test SIGKILLs the run, or lets it go on)
    NEWSDESK_TEST_PAUSE_FILE=<path>     written when the pause starts, so the test knows where the run is
    NEWSDESK_TEST_PAUSE_SECONDS=<s>     how long to block (default: an hour, i.e. until killed)
    NEWSDESK_TEST_FAIL_ONCE=<stage>:<marker path>
                                        raise a transient OSError at <stage> once (the marker remembers it)
"""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

from newsdesk import checkpoints

# stage -> (checkpoint, the call that fires it: None for every call)
STAGES = {
    "extract": ("batch_extracted", None),  # a batch extracted, its rows not yet staged (in worker processes)
    "parquet": ("table_written", 2),  # two tables of the snapshot written, the others not yet
    "duckdb": ("models_run", 1),  # every model ran inside the open transaction of the new database
    "switch": ("before_switch", None),  # database built, out/current still on the old snapshot
}


def pause(stage: str) -> None:
    """Block when NEWSDESK_TEST_PAUSE_AT names this stage."""
    if os.environ.get("NEWSDESK_TEST_PAUSE_AT") != stage:
        return
    if marker := os.environ.get("NEWSDESK_TEST_PAUSE_FILE"):
        Path(marker).write_text(f"{stage} {os.getpid()}\n")
    time.sleep(float(os.environ.get("NEWSDESK_TEST_PAUSE_SECONDS", "3600")))


def fail_once(stage: str) -> None:
    """Raise a transient I/O error the first time this stage runs, when NEWSDESK_TEST_FAIL_ONCE asks."""
    name, _, marker = os.environ.get("NEWSDESK_TEST_FAIL_ONCE", "").partition(":")
    if name != stage or not marker:
        return
    try:
        fd = os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY)  # atomic: only the first call fails
    except FileExistsError:
        return
    os.close(fd)
    raise OSError(errno.EIO, f"injected transient I/O error at {stage}")


def observer(wanted: set[str]):
    """An observer of the checkpoints that fires the faults of the wanted stages."""
    calls: dict[str, int] = {}

    def at(checkpoint: str) -> None:
        calls[checkpoint] = calls.get(checkpoint, 0) + 1
        for stage in wanted:
            name, nth = STAGES[stage]
            if name == checkpoint and nth in (None, calls[checkpoint]):
                fail_once(stage)
                pause(stage)
    return at


def install() -> None:
    wanted = {os.environ.get("NEWSDESK_TEST_PAUSE_AT"), os.environ.get("NEWSDESK_TEST_FAIL_ONCE", "").partition(":")[0]}
    wanted &= STAGES.keys()
    if wanted:
        checkpoints.observe(observer(wanted))


install()
