"""Incremental runs: plans from the manifest, and carried-over snapshots equal to full rebuilds."""

import json
import os
from itertools import count
from pathlib import Path

import pytest

from newsdesk import batch, incremental, storage
from newsdesk.identity import input_order
from newsdesk.incremental import Recorded
from newsdesk.sources import Listed, LocalFiles
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
    """The reference listing: os.walk, hidden entries skipped, links to folders listed (not
    followed: each becomes a reject), in path-parts order."""
    found = []
    for root, dirs, files in os.walk(raw, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        linked = [d for d in dirs if Path(root, d).is_symlink()]
        found.extend(Path(root, f).relative_to(raw).as_posix() for f in [*files, *linked] if not f.startswith("."))
    return sorted(found, key=input_order)


def test_the_listing_is_every_visible_file(raw):
    (raw / ".hidden").write_text("x")
    (raw / ".cache").mkdir()
    (raw / ".cache" / "skip.md").write_text("x")
    (raw / "linked").symlink_to(raw / "d0")  # a symlinked folder is listed, never walked
    assert sorted(LocalFiles(raw).list(), key=input_order) == walked(raw)
    assert "linked/alpha.md" not in LocalFiles(raw).list()


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


# --- change detection that timestamps cannot fool ------------------------------------------------

def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace text by text of the same length and set the mtime back, as `cp -p`, `touch -r` or
    an rsync --times would: only the ctime (which no call can set) shows the write."""
    assert len(old) == len(new)
    st = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)


def test_a_same_size_same_mtime_edit_is_seen_and_matches_a_full_run(raw, tmp_path):
    out, full = tmp_path / "out", tmp_path / "full"
    run(raw, out)
    same_size_edit(raw / "d0/alpha.md", "Portsmouth", "Plymouth!!")
    plan = run(raw, out)
    assert [p.name for p in plan.to_process] == ["alpha.md"] and plan.counts["changed"] == 1
    run(raw, full, full=True)
    assert tables(out) == tables(full) and "Plymouth!!" in json.dumps(tables(out)["articles"])


def test_a_touched_file_with_the_same_bytes_is_not_processed_again(raw, tmp_path):
    out = tmp_path / "out"
    run(raw, out)
    before = tables(out)
    os.utime(raw / "d1/bravo.md", ns=(10**18, 10**18))  # a new mtime, the same bytes
    os.chmod(raw / "d2/charlie.md", 0o600)  # a new ctime, the same bytes
    plan = run(raw, out)
    assert plan.to_process == [] and set(plan.refreshed) == {"d1/bravo.md", "d2/charlie.md"}
    after = tables(out)
    assert {t: rows for t, rows in after.items() if t != "manifest"} == {t: rows for t, rows in before.items()
                                                                         if t != "manifest"}
    assert '"mtime_ns": 1000000000000000000' in "".join(after["manifest"])  # the new facts are recorded...
    assert incremental.plan_run(raw, LocalFolder(out)).is_noop  # ...so the next run does not hash again


class Hashes:
    """A source whose digest is known, counting the files it hashes."""

    def __init__(self, digests: dict[str, str]):
        self.digests, self.hashed = digests, []

    def digest(self, location: str) -> str:
        self.hashed.append(location)
        return self.digests[location]


NOW = 1_700_000_000 * 10**9
S = 10**9


@pytest.mark.parametrize("listed, recorded, digest, verdict, hashed", [
    # (size, mtime, ctime) now vs (size, mtime, ctime, hash) recorded; the file was read after NOW
    ((10, NOW - 60 * S, NOW - 60 * S), (10, NOW - 60 * S, NOW - 60 * S, "h"), "h", "unchanged", False),
    ((11, NOW - 60 * S, NOW - 60 * S), (10, NOW - 60 * S, NOW - 60 * S, "h"), "h", "changed", False),
    ((10, NOW - 60 * S, NOW + 5 * S), (10, NOW - 60 * S, NOW - 60 * S, "h"), "h2", "changed", True),  # mtime set back
    ((10, NOW - 60 * S, NOW + 5 * S), (10, NOW - 60 * S, NOW - 60 * S, "h"), "h", "refreshed", True),  # chmod
    ((10, NOW + 9 * S, NOW + 9 * S), (10, NOW - 60 * S, NOW - 60 * S, "h"), "h", "refreshed", True),  # touch
    # written right before it was read: the next same-size write could keep both timestamps
    ((10, NOW - S, NOW - S), (10, NOW - S, NOW - S, "h"), "h2", "changed", True),
    ((10, NOW - S, NOW - S), (10, NOW - S, NOW - S, "h"), "h", "unchanged", True),
    ((10, NOW - S, NOW - S), (10, NOW - S, NOW - S, None), None, "unchanged", False),  # bytes never read
    ((10, NOW - 60 * S, None), (10, NOW - 60 * S, None, "h"), "h", "unchanged", False),  # object store: no ctime
    ((10, NOW - 60 * S, NOW + 5 * S), (10, NOW - 60 * S, None, "h"), "h2", "unchanged", False),  # older manifest
])
def test_compare(listed, recorded, digest, verdict, hashed):
    source = Hashes({"f": digest})
    changed, refreshed = incremental.compare({"f": Listed("f", *listed)}, {"f": Recorded(*recorded)}, NOW, source)
    found = "changed" if changed else "refreshed" if refreshed else "unchanged"
    assert (found, bool(source.hashed)) == (verdict, hashed)


def test_an_unreadable_file_is_tried_again_once_it_reads(raw, tmp_path, monkeypatch):
    out, full = tmp_path / "out", tmp_path / "full"
    real_read = LocalFiles.read

    def forbidden(self, path, limit, facts):
        if path.name == "bravo.md":
            raise PermissionError(13, "Permission denied")
        return real_read(self, path, limit, facts)

    with monkeypatch.context() as patched:
        patched.setattr(LocalFiles, "read", forbidden)
        run(raw, out)
        assert '"reason_code": "unreadable"' in "".join(tables(out)["rejects"])
        assert incremental.plan_run(raw, LocalFolder(out)).is_noop  # still unreadable: nothing to do
    plan = run(raw, out)  # permission fixed; size and mtime never changed
    assert [p.name for p in plan.to_process] == ["bravo.md"] and plan.counts["retried"] == 1
    run(raw, full, full=True)
    assert tables(out) == tables(full)


def test_a_damaged_manifest_makes_a_full_run_with_a_warning(raw, tmp_path):
    out = tmp_path / "out"
    run(raw, out)
    manifest = (out / "current").resolve() / storage.layout.MANIFEST_FILE
    manifest.write_bytes(manifest.read_bytes()[:40])  # truncated
    plan = incremental.plan_run(raw, LocalFolder(out))
    assert len(plan.to_process) == 4 and plan.previous is None
    assert "cannot be read" in plan.warning and "every file" in plan.warning
