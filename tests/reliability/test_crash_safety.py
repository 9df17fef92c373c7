"""Crash safety: a run SIGKILLed (with its worker processes) during extraction, during the Parquet
write, during the DuckDB build and just before the switch leaves readers on complete tables (the
old ones, or the new ones), never a partial file; the next run completes and publishes exactly
what an uninterrupted run publishes. Readers keep working while runs come and go.

One module-wide scenario, in order: an old snapshot of OLD articles, then NEW more files arrive,
then one killed run per kill point, then a clean run (observed by readers), then a reference run
from scratch in another out dir.
"""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from reliability_helpers import (TABLES, canonical, duckdb_counts, kill_group, read_tables, wait_for,
                                 with_faults, write_articles)

# 200 new files: enough for the worker pool (>= 200), cheap to redo at each kill point.
# NEWSDESK_RELIABILITY_ARTICLES raises the total (e.g. 5000) for a longer soak than CI's.
TOTAL = int(os.environ.get("NEWSDESK_RELIABILITY_ARTICLES", "600"))
OLD = TOTAL - 200
KILL_POINTS = ("extract", "parquet", "duckdb", "switch")


def counts_of(tables: dict) -> dict[str, int]:
    return {t: len(rows) for t, rows in tables.items()}


def assert_complete(out: Path) -> None:
    """Every Parquet file readers can reach through out/current is whole (footer and all row groups)."""
    current = (out / "current").resolve()
    assert not current.name.endswith(".tmp")
    files = list(current.rglob("*.parquet"))
    assert files, f"no Parquet files under {current}"
    for path in files:
        meta = pq.read_metadata(path)
        pq.read_table(path)  # every page decodes
        assert meta.num_columns > 0


@pytest.fixture(scope="module")
def scenario(newsdesk, tmp_path_factory):
    root = tmp_path_factory.mktemp("crash")
    raw, out = root / "raw", root / "out"
    write_articles(raw, 0, OLD)
    newsdesk.run(raw, out)
    old = read_tables(out)
    write_articles(raw, OLD, TOTAL)
    return {"root": root, "raw": raw, "out": out, "old": old, "old_counts": counts_of(old),
            "old_snapshot": (out / "current").resolve(),
            "old_db": duckdb_counts(out), "killed": [], "refused": None}


def test_old_snapshot_is_complete(scenario):
    assert scenario["old_counts"]["articles"] == OLD
    assert scenario["old_db"] == scenario["old_counts"]
    assert_complete(scenario["out"])


@pytest.mark.parametrize("stage", KILL_POINTS)
def test_kill_leaves_readers_on_complete_tables(stage, scenario, newsdesk):
    out, root = scenario["out"], scenario["root"]
    marker = root / f"paused-{stage}"
    # extract: worker processes (the pool starts at 200 files) are killed with the run; the later
    # stages run in the main process, so those runs skip the pool's start-up cost
    workers = () if stage == "extract" else ("--workers", "1")
    proc = newsdesk.start(scenario["raw"], out, *workers, env=with_faults(PAUSE_AT=stage, PAUSE_FILE=str(marker)))
    try:
        wait_for(lambda: marker.exists() or proc.poll() is not None, 240, f"the run to reach {stage}")
        assert proc.poll() is None, f"the run ended before reaching {stage} (exit {proc.returncode})"
        if stage == "extract":  # while it holds the lock, a second run is refused (concurrency)
            refused, _ = newsdesk.run(scenario["raw"], out, check=False, timeout=120)
            scenario["refused"] = refused
        check_readers(scenario, stage)
    finally:
        kill_group(proc)  # SIGKILL: the run, its Prefect engine threads and its worker processes
    scenario["killed"].append(stage)
    check_readers(scenario, stage)


def check_readers(scenario: dict, stage: str) -> None:
    """Parquet and DuckDB readers both still see the old tables: the database is replaced only
    after out/current moved, so a kill at any of these points leaves the two in agreement."""
    out = scenario["out"]
    assert_complete(out)
    assert canonical(read_tables(out)) == canonical(scenario["old"]), f"Parquet readers saw a change at {stage}"
    assert duckdb_counts(out) == scenario["old_db"], f"DuckDB readers saw a change at {stage}"


def test_second_run_is_refused_while_one_runs(scenario):
    refused = scenario["refused"]
    assert refused is not None, "the extract kill point did not run"
    assert refused.returncode == 3, refused.stderr[-2000:]
    assert "is being written by another newsdesk run" in refused.stderr
    assert "--wait" in refused.stderr


def test_next_run_completes_and_equals_an_uninterrupted_run(scenario, newsdesk):
    assert scenario["killed"] == list(KILL_POINTS)
    out = scenario["out"]
    seen, naive, errors, stop = [], [], [], threading.Event()

    def reader():  # an analyst querying in a loop while the run publishes
        while not stop.is_set():
            try:  # resolve out/current once, then read that snapshot: the documented way
                snapshot = (out / "current").resolve()
                seen.append((counts_of(read_tables(snapshot)), duckdb_counts(out)))
                naive.append(counts_of(read_tables(out)))  # through out/<table> links, file by file
            except Exception as exc:  # noqa: BLE001 - recorded, asserted below
                errors.append(repr(exc))
            time.sleep(0.05)

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        _, summary = newsdesk.run(scenario["raw"], out)
    finally:
        stop.set()
        thread.join(timeout=60)
    resumed = read_tables(out)
    assert summary["reconciled"] and summary["articles"] == TOTAL, summary
    assert_complete(out)

    reference_out = scenario["root"] / "reference"
    _, reference_summary = newsdesk.run(scenario["raw"], reference_out)
    reference = read_tables(reference_out)
    assert canonical(resumed) == canonical(reference)
    for table in TABLES:  # same order too (ids in read order)
        key = {"articles": "article_id", "quotes": "quote_id", "places": "place_mention_id",
               "credits": "credit_id", "rejects": "source_path"}[table]
        assert [r[key] for r in resumed[table]] == [r[key] for r in reference[table]], table
    assert duckdb_counts(out) == duckdb_counts(reference_out) == counts_of(reference)
    assert {k: v for k, v in summary.items() if k in ("articles", "quotes", "places", "credits", "rejects",
                                                       "duplicates", "inputs_seen")} == \
           {k: v for k, v in reference_summary.items() if k in ("articles", "quotes", "places", "credits",
                                                                 "rejects", "duplicates", "inputs_seen")}

    new_counts = counts_of(reference)
    scenario["naive_reads"], scenario["reader_errors"] = naive, errors
    scenario["allowed_counts"] = (scenario["old_counts"], new_counts)
    for parquet_counts, db_counts in seen:
        assert parquet_counts in scenario["allowed_counts"], f"a reader saw a partial table: {parquet_counts}"
        assert db_counts["articles"] in (OLD, TOTAL), f"a DuckDB reader saw a partial table: {db_counts}"
    assert len(seen) >= 3


def test_the_previous_snapshot_survives_the_switch(scenario):
    """KEEP_SNAPSHOTS exists so readers mid-query are not cut off: the snapshot they were on must stay."""
    assert scenario["old_snapshot"].exists(), f"{scenario['old_snapshot'].name} was pruned at the switch"
    assert not scenario.get("reader_errors"), scenario["reader_errors"][:3]


def test_killed_runs_leave_no_temp_snapshot_after_the_next_run(scenario):
    out = scenario["out"]
    assert not list((out / "_snapshots").glob("*.tmp"))
    assert not (out / "newsdesk.duckdb.tmp").exists()


def test_killed_runs_leave_no_staging_after_the_next_run(scenario):
    leftovers = [p.name for p in (scenario["out"] / "_staging").iterdir()] if (scenario["out"] / "_staging").exists() else []
    assert not leftovers, f"staging dirs of killed runs left behind: {leftovers}"
