"""Worker processes: a file past its time budget is stopped (even inside one C-level call) and
becomes a too_slow reject while the rest of its batch goes on; a worker that dies on a file makes
that file an internal_error reject; closing the pool stops a busy batch at once."""

from __future__ import annotations

import json
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from newsdesk import storage, workers
from newsdesk.workers import Budget, Job, WorkerPool
from tests.newsdesk.test_incremental import write

def slow_export(records: int = 30_000) -> str:
    """A legitimate JSON Lines export that takes seconds: the budget applies to it like to any file."""
    line = {"title": "Ferry news", "maintext": "The harbour ferry resumed service on Wednesday, officials "
                                                "said.\n\"We are glad to be back,\" said Maria Lopez."}
    return "\n".join(json.dumps({**line, "url": f"https://news.example.org/{i}"}) for i in range(records))


@pytest.fixture(scope="module")
def forkserver():
    context = workers.forkserver_context()
    yield context
    workers.stop_forkserver()


@pytest.fixture()
def raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    write(raw, "a_first.md", "first")
    (raw / "b_export.jsonl").write_text(slow_export(), encoding="utf-8")
    (raw / "c_long.jsonl").write_text(slow_export(40_000), encoding="utf-8")  # ~15 s: past any budget here
    write(raw, "d_last.md", "last")
    return raw


def rows(batch_dir: Path, table: str) -> list[dict]:
    return storage.staged([batch_dir], table).to_table().to_pylist()


def test_files_past_their_budget_are_stopped_and_the_batch_goes_on(raw, tmp_path, forkserver):
    pool = WorkerPool(1, Budget(seconds=2.0, seconds_per_mb=0.0), forkserver)
    paths = sorted(raw.iterdir())
    started = time.monotonic()
    try:
        facts = pool.run(Job(paths, raw, tmp_path / "staging", 0))
    finally:
        pool.close()
    elapsed = time.monotonic() - started
    rejects = {r["source_path"]: r for r in rows(facts["batch_dir"], "rejects")}
    assert set(rejects) == {"b_export.jsonl", "c_long.jsonl"}
    assert {r["reason_code"] for r in rejects.values()} == {"too_slow"}
    assert "time budget" in rejects["c_long.jsonl"]["reason"] and "NEWSDESK_DOCUMENT_SECONDS" in rejects["c_long.jsonl"]["reason"]
    assert {r["source_path"] for r in rows(facts["batch_dir"], "articles")} == {"a_first.md", "d_last.md"}
    assert [Path(p).name for p, _ in facts["stopped"]] == ["b_export.jsonl", "c_long.jsonl"]
    assert len(rows(facts["batch_dir"], "manifest")) == 4  # every file accounted for
    assert elapsed < 45, f"two stalls under a 2 s budget took {elapsed:.0f} s"


def test_a_worker_that_dies_on_a_file_makes_it_an_internal_error_reject(raw, tmp_path, forkserver):
    pool = WorkerPool(1, Budget(seconds=600.0), forkserver)
    paths = [raw / "a_first.md", raw / "c_long.jsonl", raw / "d_last.md"]

    def kill_on_the_slow_file():
        while True:
            running = list(pool._running)
            if running and running[0].current() == 1:
                time.sleep(0.2)
                os.kill(running[0].process.pid, signal.SIGKILL)
                return
            time.sleep(0.05)

    killer = threading.Thread(target=kill_on_the_slow_file, daemon=True)
    killer.start()
    try:
        facts = pool.run(Job(paths, raw, tmp_path / "staging", 0))
    finally:
        pool.close()
    [reject] = rows(facts["batch_dir"], "rejects")
    assert (reject["source_path"], reject["reason_code"]) == ("c_long.jsonl", "internal_error")
    assert "died on this input (killed by signal 9)" in reject["reason"]
    assert {r["source_path"] for r in rows(facts["batch_dir"], "articles")} == {"a_first.md", "d_last.md"}


def test_closing_the_pool_stops_a_busy_batch_at_once(raw, tmp_path, forkserver):
    pool = WorkerPool(1, Budget(seconds=600.0), forkserver)
    outcome = {}

    def run_batch():
        try:
            pool.run(Job([raw / "c_long.jsonl"], raw, tmp_path / "staging", 0))
        except workers.Stopped as exc:
            outcome["stopped"] = exc

    thread = threading.Thread(target=run_batch)
    thread.start()
    time.sleep(3)
    [worker] = list(pool._running)
    started = time.monotonic()
    pool.close(stop_now=True)
    thread.join(10)
    assert not thread.is_alive() and "stopped" in outcome
    assert time.monotonic() - started < 3
    assert not worker.process.is_alive()
    with pytest.raises(workers.Stopped):
        pool.run(Job([raw / "a_first.md"], raw, tmp_path / "staging", 1))


def test_a_failing_batch_raises_its_error_and_the_worker_serves_the_next(raw, tmp_path, forkserver):
    pool = WorkerPool(1, Budget(), forkserver)
    blocked = tmp_path / "a file, not a folder"
    blocked.write_text("x")
    try:
        with pytest.raises(OSError):
            pool.run(Job([raw / "a_first.md"], raw, blocked / "staging", 0))
        facts = pool.run(Job([raw / "a_first.md"], raw, tmp_path / "staging", 1))
    finally:
        pool.close()
    assert facts["files"] == 1 and not facts["stopped"]


def test_workers_are_replaced_after_their_share_of_batches(raw, tmp_path, forkserver):
    pool = WorkerPool(1, Budget(), forkserver, batches_per_worker=2)
    pids = []
    try:
        for batch_no in range(3):
            pool.run(Job([raw / "a_first.md"], raw, tmp_path / "staging", batch_no))
            pids.append(next(iter(pool._running)).process.pid if pool._running else None)
    finally:
        pool.close()
    assert pids[0] is not None and pids[1] is None and pids[2] is not None and pids[2] != pids[0]


@pytest.mark.parametrize("size, seconds", [(0, 30.0), (2**20, 40.0), (20 * 2**20, 230.0)])
def test_the_budget_grows_with_the_file(size, seconds):
    assert Budget(30.0, 10.0).for_size(size) == pytest.approx(seconds)
