"""Incremental runs: plans from the manifest, and carried-over snapshots equal to full rebuilds."""

import json
import os
from itertools import count
from pathlib import Path

import pytest

from newsdesk import batch, incremental, storage
from newsdesk.identity import input_order
from newsdesk.sources import LocalFiles
from newsdesk.targets import LocalFolder

ARTICLE = """# {title}

March 3, 2021

The harbour ferry resumed service on Wednesday after two days of closures, officials in {town} said.

"We are glad to be back," said Maria Lopez, the ferry operator's director.

Original url:

<https://news.example.org/2021/03/03/{slug}>
"""
_RUNS = count()


def write(raw: Path, rel: str, slug: str, town: str = "Portsmouth") -> None:
    path = raw / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(ARTICLE.format(title=f"Ferry {slug}", town=town, slug=slug), encoding="utf-8")


def run(raw: Path, out: Path, full: bool = False) -> incremental.Plan:
    """The flow's storage steps without Prefect: plan, stage, snapshot, switch."""
    target = LocalFolder(out)
    plan = incremental.plan_run(raw, target, full)
    if plan.is_noop:
        return plan
    run_id = f"run-{next(_RUNS):04d}"
    staged = batch.stage_paths(plan.to_process, raw, target.staging(run_id), 0)
    snapshot = target.snapshot(run_id)
    storage.write_snapshot([staged["batch_dir"]], snapshot, plan.carry)
    target.point_current(snapshot)
    return plan


def tables(out: Path) -> dict[str, list[str]]:
    """Every table of the current snapshot as sorted JSON rows (order-insensitive comparison)."""
    snap = (out / "current").resolve()
    names = [*storage.PARTITIONED, "rejects", storage.MANIFEST]
    return {t: sorted(json.dumps(r, sort_keys=True, default=str) for r in storage.published(snap, t).to_table()
                      .to_pylist()) for t in names}


@pytest.fixture()
def raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    for i, slug in enumerate(("alpha", "bravo", "charlie")):
        write(raw, f"d{i}/{slug}.md", slug)
    (raw / "garbage.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    return raw


def test_first_plan_processes_everything(raw, tmp_path):
    plan = incremental.plan_run(raw, LocalFolder(tmp_path / "out"))
    assert len(plan.to_process) == 4 and plan.previous is None and not plan.is_noop


def test_unchanged_folder_is_a_noop(raw, tmp_path):
    out = tmp_path / "out"
    run(raw, out)
    plan = incremental.plan_run(raw, LocalFolder(out))
    assert plan.is_noop and plan.counts == {"new": 0, "changed": 0, "deleted": 0, "unchanged": 4}
    assert not incremental.plan_run(raw, LocalFolder(out), full=True).is_noop


def test_new_changed_and_deleted_files_match_a_full_rebuild(raw, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    run(raw, out)
    write(raw, "d0/alpha.md", "alpha", town="Southampton")  # changed: same URL, new body
    os.utime(raw / "d0/alpha.md", ns=(1, 1))
    write(raw, "d3/delta.md", "delta")  # new
    (raw / "d1/bravo.md").unlink()  # deleted
    plan = run(raw, out)
    assert plan.counts == {"new": 1, "changed": 1, "deleted": 1, "unchanged": 2}
    assert [p.name for p in plan.to_process] == ["alpha.md", "delta.md"]
    run(raw, full, full=True)
    assert tables(out) == tables(full)
    assert "Southampton" in json.dumps(tables(out)["articles"])


def test_a_new_file_sorting_first_takes_over_a_carried_article(raw, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    run(raw, out)
    write(raw, "a/bravo copy.md", "bravo")  # same URL as d1/bravo.md, and earlier in path order
    run(raw, out)
    run(raw, full, full=True)
    assert tables(out) == tables(full)
    assert '"reason_code": "duplicate"' in "".join(tables(out)["rejects"])


def test_deleting_the_original_brings_back_its_duplicate(raw, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    write(raw, "d9/charlie again.md", "charlie")  # a duplicate of d2/charlie.md
    run(raw, out)
    (raw / "d2/charlie.md").unlink()
    run(raw, out)
    run(raw, full, full=True)
    assert tables(out) == tables(full)
    assert not any('"duplicate"' in r for r in tables(out)["rejects"])


def walked(raw: Path) -> list[str]:
    """The reference listing: os.walk, hidden entries skipped, in path-parts order."""
    found = []
    for root, dirs, files in os.walk(raw, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f).relative_to(raw).as_posix() for f in files if not f.startswith("."))
    return sorted(found, key=input_order)


def test_the_listing_is_every_visible_file(raw):
    (raw / ".hidden").write_text("x")
    (raw / ".cache").mkdir()
    (raw / ".cache" / "skip.md").write_text("x")
    (raw / "linked").symlink_to(raw / "d0")  # a symlinked folder is not followed
    assert sorted(LocalFiles(raw).list(), key=input_order) == walked(raw)


def _no_scan(*_):
    raise AssertionError("the raw folder was scanned again")


@pytest.fixture()
def handed_over(raw, tmp_path):
    """(raw, out, plan): a published run, one new file, and the plan for it handed over."""
    out = tmp_path / "out"
    run(raw, out)
    write(raw, "d9/delta.md", "delta")
    plan = incremental.plan_run(raw, LocalFolder(out))
    incremental.hand_over(plan, raw, LocalFolder(out))
    return raw, out, plan


def test_a_handed_over_plan_is_used_once_without_a_second_scan(handed_over, monkeypatch):
    raw, out, plan = handed_over
    with monkeypatch.context() as patched:
        patched.setattr(LocalFiles, "list", _no_scan)
        assert incremental.plan_run(raw, LocalFolder(out)) is plan
    assert incremental.plan_run(raw, LocalFolder(out)) is not plan  # one use only: the next call scans


@pytest.mark.parametrize("what_came_between", ["another run published", "a --full run"])
def test_a_handed_over_plan_is_dropped_when_it_may_be_stale(handed_over, what_came_between):
    raw, out, plan = handed_over
    if what_came_between == "another run published":
        run(raw, out)  # the current snapshot moved on: the plan's `previous` is no longer it
        assert incremental.plan_run(raw, LocalFolder(out)) is not plan
    else:
        assert incremental.plan_run(raw, LocalFolder(out), full=True).to_process == plan.files
