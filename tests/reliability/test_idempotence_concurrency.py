"""Idempotence and determinism: runs over the same input publish identical tables (rows, ids,
order). Concurrency: a run started while another holds the out dir waits for it with --wait (the
refusal without --wait is tested in test_crash_safety, against a paused run)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reliability_helpers import KEYS, TABLES, canonical, read_tables, wait_for, with_faults, write_articles


def snapshot_tables(snapshot: Path) -> dict[str, list[dict]]:
    """The tables of one snapshot directory (what out/current pointed at after that run)."""
    return read_tables(snapshot)


def in_order(tables: dict) -> dict[str, list]:
    return {t: [r[KEYS[t]] for r in tables[t]] for t in TABLES}


@pytest.fixture(scope="module")
def raw(tmp_path_factory) -> Path:
    """150 articles, two copies of one under other names, and a JSONL export with a duplicate line."""
    raw = tmp_path_factory.mktemp("determinism") / "raw"
    write_articles(raw, 0, 150)
    first = next(raw.rglob("article-00000.md"))
    shutil.copy(first, raw / "copy-of-first.md")
    shutil.copy(first, raw / "zz-another-copy.md")
    lines = [{"title": f"Export item {i}", "url": f"https://www.example-news.com/2022/01/0{i % 9 + 1}/item-{i}",
              "maintext": f"The harbour in Bergen handled {i} ships on Monday, the port authority said."}
             for i in range(5)]
    (raw / "export.jsonl").write_text("\n".join(json.dumps(x) for x in lines + lines[:1]) + "\n")
    return raw


def test_run_waits_for_the_lock_and_reruns_are_identical(raw, newsdesk, tmp_path):
    out = tmp_path / "out"
    marker, summary_a = tmp_path / "paused", tmp_path / "a.json"
    first = newsdesk.start(raw, out, "--json", str(summary_a),
                           env=with_faults(PAUSE_AT="parquet", PAUSE_FILE=str(marker), PAUSE_SECONDS="10"))
    wait_for(lambda: marker.exists() or first.poll() is not None, 180, "the first run to hold the lock")
    assert first.poll() is None
    proc, summary_b = newsdesk.run(raw, out, "--full", "--wait", "240")  # waits, then reprocesses everything
    assert first.wait(timeout=120) == 0
    a = json.loads(summary_a.read_text())
    assert a["run_id"] != summary_b["run_id"] and summary_b["reconciled"] and a["reconciled"]
    assert a["duplicates"] == summary_b["duplicates"] == 3  # two file copies, one JSONL line
    tables_a = snapshot_tables(out / "_snapshots" / a["run_id"])
    tables_b = read_tables(out)
    assert canonical(tables_a) == canonical(tables_b)
    assert in_order(tables_a) == in_order(tables_b)

    # (a fresh out dir gives the same tables too: test_crash_safety compares one with an incremental run)
    current = (out / "current").resolve()  # nothing changed: the next run publishes nothing new
    again, none = newsdesk.run(raw, out)
    assert none is None and "nothing changed" in again.stdout
    assert (out / "current").resolve() == current
