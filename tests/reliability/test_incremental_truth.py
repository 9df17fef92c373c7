"""Incremental equals full: edits that keep a file's size and mtime are still seen, a damaged manifest
makes a full run with a warning instead of a crash, and after either the published tables equal a
`--full` run's row for row. (Retrying an unreadable file once it reads is tested in-process, in
tests/newsdesk/test_incremental.py: tests run as root, where chmod cannot make a file unreadable.)"""

from __future__ import annotations

import os
from pathlib import Path

from reliability_helpers import canonical, read_tables, write_articles


def full_tables(newsdesk, raw: Path, out: Path) -> dict:
    newsdesk.run(raw, out, "--full")
    return canonical(read_tables(out))


def test_a_same_size_edit_with_the_mtime_set_back_is_published(newsdesk, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 6)
    newsdesk.run(raw, out)
    path = raw / "000" / "article-00000.md"  # about bus fares
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert "bus fares" in text
    path.write_text(text.replace("bus fares", "tram fare"), encoding="utf-8")  # same length
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))  # as cp -p, touch -r or rsync --times leave it
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    proc, summary = newsdesk.run(raw, out)
    assert summary is not None and summary["changes"]["changed"] == 1, proc.stdout
    tables = canonical(read_tables(out))
    assert any("tram fare" in r["body"] for r in tables["articles"])
    assert tables == full_tables(newsdesk, raw, tmp_path / "full")


def test_a_truncated_manifest_makes_a_full_run_with_a_warning(newsdesk, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 6)
    newsdesk.run(raw, out)
    manifest = (out / "current").resolve() / "manifest.parquet"
    manifest.write_bytes(manifest.read_bytes()[:100])
    write_articles(raw, 6, 7)
    proc, summary = newsdesk.run(raw, out, check=False)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert summary["files_processed"] == 7 and summary["reconciled"]
    assert "cannot be read" in proc.stdout + proc.stderr
    assert canonical(read_tables(out)) == full_tables(newsdesk, raw, tmp_path / "full")
    rerun, _ = newsdesk.run(raw, out)
    assert "nothing changed" in rerun.stdout  # the new snapshot's manifest is whole again


def test_touching_every_file_reprocesses_nothing(newsdesk, tmp_path):
    """New timestamps with the same bytes (a restore, chmod -R) are recorded, not extracted again."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 6)
    newsdesk.run(raw, out)
    before = canonical(read_tables(out))
    for path in raw.rglob("*.md"):
        os.utime(path, ns=(10**18, 10**18))
    _, summary = newsdesk.run(raw, out)
    assert summary["files_processed"] == 0 and summary["changes"]["unchanged"] == 6
    assert canonical(read_tables(out)) == before
    rerun, _ = newsdesk.run(raw, out)
    assert "nothing changed" in rerun.stdout
