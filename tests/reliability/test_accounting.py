"""Accounting: every path an input can take ends as an article or a reject, on every run, and the run
checks it (files found = files recorded, inputs = articles + rejects + duplicates). Options and
folders that cannot make a sensible run are usage errors (exit 2) that say why, before any work."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from reliability_helpers import BIN, REPO, read_tables, write_articles
from newsdesk.summary import RunSummary
from tests.newsdesk.test_sources import make_deep  # folders nested past PATH_MAX

@pytest.fixture(scope="module")
def odd_raw(tmp_path_factory) -> Path:
    """Articles plus every odd path: links out of the raw dir and into folders, a name that is not
    UTF-8, a folder too deep to list."""
    raw = tmp_path_factory.mktemp("accounting") / "raw"
    write_articles(raw, 0, 4)
    (raw / "passwd.md").symlink_to("/etc/passwd")
    (raw / "linked_folder").symlink_to("000", target_is_directory=True)
    (raw / "copy_link.md").symlink_to("000/article-00000.md")  # inside: followed (a duplicate)
    Path(os.fsdecode(bytes(raw) + b"/caf\xe9.md")).write_text(
        "# Caf\u00e9 reopens\n\nMarch 3, 2021\n\nThe caf\u00e9 by the harbour reopened on Monday.\n", encoding="utf-8")
    make_deep(raw)
    return raw


@pytest.fixture(scope="module")
def odd_runs(odd_raw, newsdesk, tmp_path_factory):
    """A first run and an incremental rerun over the odd folder: [(process, summary), ...], tables."""
    out = tmp_path_factory.mktemp("accounting-out") / "out"
    first = newsdesk.run(odd_raw, out, check=False)
    again = newsdesk.run(odd_raw, out, check=False)
    return [first, again], read_tables(out)


def test_odd_paths_do_not_fail_the_run_now_or_on_the_next(odd_runs):
    ((first, summary), (again, _)), _ = odd_runs
    assert first.returncode == 0, first.stderr[-3000:]
    assert again.returncode == 0 and "nothing changed" in again.stdout, again.stdout + again.stderr[-2000:]
    assert summary["reconciled"] and summary["files_seen"] == summary["files_recorded"] == 9


@pytest.mark.parametrize("path, code, says", [
    ("passwd.md", "not_followed", "outside the raw directory"),
    ("linked_folder", "not_followed", "symbolic link to a folder"),
    ("copy_link.md", "duplicate", "same article as"),
    ("d" * 250 + "/" + "d" * 250, None, None),  # the deepest folder that lists, or a folder under it
])
def test_each_odd_path_is_a_reject_that_says_why(odd_runs, path, code, says):
    _, tables = odd_runs
    if code is None:  # the too-deep folder: one reject for the folder that could not be listed
        [reject] = [r for r in tables["rejects"] if r["source_path"].startswith(path)]
        assert reject["reason_code"] == "unreadable" and "more than the system allows" in reject["reason"]
        return
    [reject] = [r for r in tables["rejects"] if r["source_path"] == path]
    assert reject["reason_code"] == code and says in reject["reason"]


def test_a_name_that_is_not_utf8_is_an_article_with_its_bytes_shown(odd_runs):
    _, tables = odd_runs
    [article] = [r for r in tables["articles"] if r["source_path"] == "caf\\xe9.md"]
    assert article["title"] == "Caf\u00e9 reopens"


def test_the_passwd_file_is_never_read(odd_runs):
    _, tables = odd_runs
    assert not any("root:" in (r.get("body") or "") for r in tables["articles"])


def cli(*args: str, env: dict | None = None) -> tuple[subprocess.CompletedProcess, float]:
    started = time.monotonic()
    done = subprocess.run([str(BIN / "newsdesk"), *args], capture_output=True, text=True, cwd=REPO, timeout=120,
                          env={**os.environ, **(env or {})})
    return done, time.monotonic() - started


@pytest.mark.parametrize("option, says", [
    (["--batch-size", "-5"], "must be 1 or more, not -5"),
    (["--batch-size", "0"], "must be 1 or more, not 0"),
    (["--batch-size", "ten"], "'ten' is not a whole number"),
    (["--workers", "-1"], "must be 0 or more, not -1"),
    (["--wait", "-3"], "must be 0 or more"),
])
def test_out_of_range_options_are_usage_errors(tmp_path, option, says):
    write_articles(tmp_path / "raw", 0, 2)
    done, seconds = cli("run", "--raw-dir", str(tmp_path / "raw"), "--out-dir", str(tmp_path / "out"), *option)
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("variable, value, says", [
    ("NEWSDESK_BATCH_SIZE", "0", "NEWSDESK_BATCH_SIZE=0"),
    ("NEWSDESK_WORKERS", "-1", "NEWSDESK_WORKERS=-1"),
    ("NEWSDESK_DOCUMENT_SECONDS", "0", "NEWSDESK_DOCUMENT_SECONDS=0"),
])
def test_out_of_range_settings_are_usage_errors(tmp_path, variable, value, says):
    write_articles(tmp_path / "raw", 0, 2)
    done, _ = cli("run", "--raw-dir", str(tmp_path / "raw"), "--out-dir", str(tmp_path / "out"),
                  env={variable: value})
    assert done.returncode == 2 and says in done.stderr and "Traceback" not in done.stderr, done.stderr


def test_a_raw_dir_that_is_a_file_says_so(tmp_path):
    (tmp_path / "raw.md").write_text("# x\n")
    done, _ = cli("run", "--raw-dir", str(tmp_path / "raw.md"), "--out-dir", str(tmp_path / "out"))
    assert done.returncode == 2 and "is a file, not a folder" in done.stderr, done.stderr


def test_an_out_dir_inside_the_raw_dir_is_refused(tmp_path):
    raw = tmp_path / "raw"
    write_articles(raw, 0, 2)
    done, _ = cli("run", "--raw-dir", str(raw), "--out-dir", str(raw / "curated"))
    assert done.returncode == 2 and "inside the raw directory" in done.stderr, done.stderr
    assert not (raw / "curated").exists()


def test_a_hidden_out_dir_inside_the_raw_dir_is_fine(newsdesk, tmp_path):
    """Hidden folders are never listed, so the run cannot read its own output there."""
    raw = tmp_path / "raw"
    write_articles(raw, 0, 3)
    _, first = newsdesk.run(raw, raw / ".curated")
    again, _ = newsdesk.run(raw, raw / ".curated")
    assert first["files_seen"] == 3 and "nothing changed" in again.stdout


@pytest.mark.parametrize("files_seen, files_recorded, reconciled", [(3, 3, True), (2537, 0, False), (3, 2, False)])
def test_reconciliation_compares_files_found_with_files_recorded(files_seen, files_recorded, reconciled):
    summary = RunSummary("r", files_seen=files_seen, files_recorded=files_recorded)
    assert summary.reconciled is reconciled
