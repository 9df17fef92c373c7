"""Stalls: one pathological file cannot stall a batch or the run. Each file runs under a time budget
in a worker process (newsdesk.workers); a file past it is stopped (its worker killed, which also
ends a C-level call) and becomes a too_slow reject naming the file, and the run goes on. Shapes that
would stall a parser are rejected before it (an HTML tag of 100,000 attributes: lxml takes minutes).
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from reliability_helpers import read_tables, write_articles
from tests.newsdesk.test_workers import slow_export

GOOD = 220  # enough for a pool of two workers with several batches
BUDGET = {"NEWSDESK_DOCUMENT_SECONDS": "5", "NEWSDESK_DOCUMENT_SECONDS_PER_MB": "0"}

# A legitimate export too long for a 5 s budget (40,000 articles, ~15 s), and pathological inputs
# (each took minutes before the budget and the shape limits):
LONG_EXPORT = slow_export(40_000)
ATTRIBUTE_BOMB = ("<html><head><title>Ferry</title></head><body><article><p "
                  + " ".join(f'a{i}="x"' for i in range(100_000)) + ">The ferry is back.</p></article></body></html>")
DOTS_EXPORT = "\n".join([json.dumps({"title": "Dots", "maintext": "." * 300_000}),
                         json.dumps({"title": "Ferry back", "maintext": "The harbour ferry resumed service on "
                                     "Wednesday after two days of closures, officials said."})])


@pytest.fixture(scope="module")
def stalled_run(newsdesk, tmp_path_factory):
    """One CLI run over good articles and pathological files: (process, summary, tables, seconds)."""
    root = tmp_path_factory.mktemp("stalls")
    raw, out = root / "raw", root / "out"
    write_articles(raw, 0, GOOD)
    (raw / "zz").mkdir()
    (raw / "zz" / "long_export.jsonl").write_text(LONG_EXPORT, encoding="utf-8")
    (raw / "zz" / "attribute_bomb.html").write_text(ATTRIBUTE_BOMB, encoding="utf-8")
    (raw / "zz" / "dots_export.jsonl").write_text(DOTS_EXPORT, encoding="utf-8")
    started = time.monotonic()
    proc, summary = newsdesk.run(raw, out, "--workers", "2", env=BUDGET, timeout=400, check=False)
    return proc, summary, read_tables(out), time.monotonic() - started


def test_the_run_finishes_in_bounded_time_and_reconciles(stalled_run):
    proc, summary, _, seconds = stalled_run
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert summary["reconciled"] and summary["files_seen"] == GOOD + 3
    assert seconds < 150, f"{seconds:.0f} s for {GOOD + 3} files with a 5 s budget"


def test_every_good_article_is_published(stalled_run):
    _, summary, tables, _ = stalled_run
    good = {r["source_path"] for r in tables["articles"] if not r["source_path"].startswith("zz/")}
    assert len(good) == GOOD


@pytest.mark.parametrize("path, codes", [
    ("zz/long_export.jsonl", {"too_slow"}),
    ("zz/attribute_bomb.html", {"too_large"}),  # before lxml sees it
])
def test_pathological_files_are_rejects_that_say_why(stalled_run, path, codes):
    _, _, tables, _ = stalled_run
    [reject] = [r for r in tables["rejects"] if r["source_path"] == path]
    assert reject["reason_code"] in codes
    if reject["reason_code"] == "too_slow":
        assert "time budget" in reject["reason"] and "5 s" in reject["reason"]


def test_the_export_is_accounted_for_line_by_line_or_as_a_whole(stalled_run):
    """The dots line is slow on today's cleaning (newsdesk/clean/remove.py RE_ONLY_URL), fixed on branch
    metadata: either the file is a too_slow reject, or each line is its own article or reject."""
    _, _, tables, _ = stalled_run
    rows = [(r["source_locator"], "reject", r["reason_code"]) for r in tables["rejects"]
            if r["source_path"] == "zz/dots_export.jsonl"]
    rows += [(r["source_locator"], "article", None) for r in tables["articles"]
             if r["source_path"] == "zz/dots_export.jsonl"]
    whole_file = rows == [("", "reject", "too_slow")]
    line_by_line = sorted(loc for loc, _, _ in rows) == ["line 1", "line 2"]
    assert whole_file or line_by_line, rows


def test_the_stop_is_in_the_run_log(stalled_run):
    proc, _, _, _ = stalled_run
    assert "long_export.jsonl: processing stopped after" in proc.stderr


def test_the_budget_costs_nothing_on_normal_files(newsdesk, tmp_path):
    """Normal articles are never stopped, even under a budget of one second."""
    raw = tmp_path / "raw"
    write_articles(raw, 0, 60)
    _, summary = newsdesk.run(raw, tmp_path / "out", env={"NEWSDESK_DOCUMENT_SECONDS": "1"})
    assert summary["articles"] == 60 and summary["rejects"] == 0
