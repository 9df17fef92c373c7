"""Storage failures: a full disk or a read-only out dir ends the run with one sentence and a non-zero
exit, leaves the previous snapshot current, and leaves nothing of the failed run behind (no *.tmp
snapshot, no staging, no half-built database) so a full disk is not kept full. A successful run
leaves no empty _staging/ either.

The full disk is a small tmpfs and the read-only dir a read-only bind mount, both in a private
mount namespace (`unshare -m`) that ends with the test; skipped where mounting is not allowed.
"""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from reliability_helpers import read_tables, write_articles


def can_mount() -> bool:
    try:
        return subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c",
                               "mount -t tmpfs -o size=64k tmpfs /mnt"], capture_output=True, timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return False


pytestmark = pytest.mark.skipif(not can_mount(), reason="needs `unshare -m` and mount (root in a container)")


def in_private_mounts(newsdesk, script: str, timeout: float = 400) -> subprocess.CompletedProcess:
    """Run a shell script in a private mount namespace with the environment of newsdesk runs."""
    return subprocess.run(["unshare", "-m", "--propagation", "private", "sh", "-c", script], env=newsdesk.env,
                          capture_output=True, text=True, timeout=timeout)


def run_line(newsdesk, raw: Path, out: Path) -> str:
    return " ".join(shlex.quote(part) for part in newsdesk.command(raw, out))


def leftovers(out: Path) -> list[str]:
    """What is in the out dir besides a published run's own names."""
    published = {".newsdesk.lock", "newsdesk.duckdb", "current", "articles", "quotes", "places", "credits", "rejects"}
    found = [p.relative_to(out).as_posix() for p in out.iterdir() if p.name not in published]
    snapshots = out / "_snapshots"
    if snapshots.is_dir():
        current = (out / "current").resolve() if (out / "current").exists() else None
        found.remove("_snapshots")
        found += [f"_snapshots/{p.name}" for p in snapshots.iterdir() if p != current]
    return sorted(found)


def test_a_full_disk_fails_in_one_sentence_and_leaves_the_previous_snapshot(newsdesk, tmp_path):
    raw, more, out, copy = tmp_path / "raw", tmp_path / "more", tmp_path / "out", tmp_path / "after"
    write_articles(raw, 0, 30)
    write_articles(more, 0, 400)  # the same 30 files and 370 new ones
    newsdesk.run(raw, tmp_path / "sized")  # how much the first run needs: ~2 MB, mostly its database
    needed = sum(p.stat().st_size for p in (tmp_path / "sized").rglob("*") if p.is_file() and not p.is_symlink())
    size_kb = int(needed * 1.3 / 1024) + 256  # room for the first run, not for the second (a second database)
    out.mkdir()
    script = (f"mount -t tmpfs -o size={size_kb}k tmpfs {shlex.quote(str(out))} && "
              f"{run_line(newsdesk, raw, out)} > /dev/null 2>&1 && echo first=ok; "
              f"{run_line(newsdesk, more, out)} 2> {tmp_path}/second.err > /dev/null; echo second=$?; "
              f"cp -a {shlex.quote(str(out))} {shlex.quote(str(copy))}")
    done = in_private_mounts(newsdesk, script)
    assert "first=ok" in done.stdout, done.stdout + done.stderr
    assert "second=1" in done.stdout, done.stdout
    last = (tmp_path / "second.err").read_text().strip().splitlines()[-1]
    assert last.startswith("newsdesk run: No space left on device") and "Nothing was published" in last, last
    assert leftovers(copy) == []
    assert len(read_tables(copy)["articles"]) == 30  # the first run's snapshot, whole


def test_a_full_disk_on_a_first_run_leaves_an_empty_out_dir(newsdesk, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 300)
    out.mkdir()
    script = (f"mount -t tmpfs -o size=400k tmpfs {shlex.quote(str(out))} && "
              f"{run_line(newsdesk, raw, out)} 2> {tmp_path}/run.err > /dev/null; echo exit=$?; "
              f"ls -A {shlex.quote(str(out))}")
    done = in_private_mounts(newsdesk, script)
    lines = done.stdout.split()
    assert lines[0] == "exit=1", done.stdout
    assert lines[1:] == [".newsdesk.lock"], f"left behind: {lines[1:]}"
    assert (tmp_path / "run.err").read_text().strip().splitlines()[-1].startswith("newsdesk run: No space left")


def test_a_read_only_out_dir_is_one_sentence_not_a_traceback(newsdesk, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 10)
    newsdesk.run(raw, out)
    before = read_tables(out)
    write_articles(raw, 10, 11)
    quoted = shlex.quote(str(out))
    script = (f"mount --bind {quoted} {quoted} && mount -o remount,ro,bind {quoted} && "
              f"{run_line(newsdesk, raw, out)}; echo exit=$?")
    done = in_private_mounts(newsdesk, script, timeout=120)
    assert done.stdout.strip().endswith("exit=1"), done.stdout + done.stderr
    assert done.stderr.strip() == f"newsdesk run: cannot write to {out}: Read-only file system"
    assert read_tables(out) == before


def test_a_read_only_out_dir_with_nothing_new_is_still_a_no_op(newsdesk, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 5)
    newsdesk.run(raw, out)
    quoted = shlex.quote(str(out))
    script = (f"mount --bind {quoted} {quoted} && mount -o remount,ro,bind {quoted} && "
              f"{run_line(newsdesk, raw, out)}; echo exit=$?")
    done = in_private_mounts(newsdesk, script, timeout=120)
    assert done.stdout.strip().endswith("exit=0") and "nothing changed" in done.stdout, done.stdout + done.stderr


def test_a_successful_run_leaves_no_staging_folder(newsdesk, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 5)
    newsdesk.run(raw, out)
    assert leftovers(out) == []
