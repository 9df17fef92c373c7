"""A plain install works: the wheel built from this checkout, installed by the interpreter's own pip
(no lock, the ranges a user's pip resolves) in a fresh venv outside the checkout, runs the quickstart
on a copy of data/raw; tables and marts are non-empty and the SQL answers.

It costs ~2-3 minutes (mostly pip), so it runs in CI and when NEWSDESK_CHECK_WHEEL=1 (`make check-wheel`).
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
MARTS = {"speakers", "place_mentions_daily", "articles_summary"}

pytestmark = pytest.mark.skipif(not (os.environ.get("CI") or os.environ.get("NEWSDESK_CHECK_WHEEL")),
                                reason="the wheel check runs in CI, or with NEWSDESK_CHECK_WHEEL=1 (make check-wheel)")


def sh(*cmd, cwd: Path, env: dict, timeout: float = 900) -> subprocess.CompletedProcess:
    proc = subprocess.run([str(c) for c in cmd], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)
    assert proc.returncode == 0, f"{cmd} exited {proc.returncode}:\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    return proc


def checkout_copy(dest: Path) -> Path:
    """The files git knows (committed or new, not ignored): what a clean clone builds from."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        if (REPO / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / rel, dest / rel)
    return dest


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(venv bin, quickstart folder, environment, run) after the wheel was built, installed and run."""
    tmp = tmp_path_factory.mktemp("wheel")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PREFECT_", "NEWSDESK_", "VIRTUAL_ENV", "PYTHON", "XDG_STATE_HOME"))}
    env.update(HOME=str(tmp / "home"), CI="true", PATH=f"{tmp / 'venv' / 'bin'}{os.pathsep}{env.get('PATH', '')}")
    python = getattr(sys, "_base_executable", sys.executable)  # the interpreter, not this checkout's venv
    sh(python, "-m", "venv", tmp / "venv", cwd=tmp, env=env)
    bin_ = tmp / "venv" / "bin"
    src = checkout_copy(tmp / "src")
    sh(bin_ / "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", tmp / "dist", src, cwd=tmp, env=env)
    (wheel,) = (tmp / "dist").glob("newsdesk-*.whl")
    sh(bin_ / "pip", "install", "--quiet", wheel, cwd=tmp, env=env)
    work = tmp / "quickstart"
    shutil.copytree(REPO / "data" / "raw", work / "data" / "raw")
    run = subprocess.run([bin_ / "newsdesk", "run"], cwd=work, env=env, capture_output=True, text=True, timeout=600)
    return bin_, work, env, run


def query(installed, sql: str) -> list[dict]:
    bin_, work, env, _ = installed
    out = sh(bin_ / "newsdesk", "sql", sql, "--format", "csv", cwd=work, env=env).stdout
    return list(csv.DictReader(io.StringIO(out)))


def test_the_stock_pip_of_the_interpreter_installs_it(installed):
    bin_, work, env, _ = installed
    pip = sh(bin_ / "pip", "--version", cwd=work, env=env).stdout
    assert str(bin_.parent) in pip
    sh(bin_ / "pip", "check", cwd=work, env=env)  # every declared dependency installed, none conflicting
    where = sh(bin_ / "python", "-c", "import newsdesk; print(newsdesk.__file__)", cwd=work, env=env).stdout
    assert Path(where.strip()).is_relative_to(bin_.parent), "newsdesk came from the checkout, not the wheel"


def test_the_quickstart_runs_from_the_wheel(installed):
    _, work, env, run = installed
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert (work / "data" / "curated" / "newsdesk.duckdb").is_file()
    assert not (work / ".prefect").exists(), "Prefect's home was made in the current folder"
    assert (Path(env["HOME"]) / ".local" / "state" / "newsdesk" / "prefect").is_dir()


def test_every_table_and_mart_has_rows(installed):
    relations = {r["table_name"] for r in query(installed, "select table_name from information_schema.tables")}
    assert MARTS <= relations, relations
    for name in sorted(relations):
        assert int(query(installed, f'select count(*) as n from "{name}"')[0]["n"]) > 0, name


def test_html_inputs_are_read(installed):
    formats = {r["input_format"]: int(r["n"]) for r in query(
        installed, "select input_format, count(*) as n from stg_articles group by 1")}
    assert formats.get("html", 0) >= 1 and formats.get("markdown", 0) >= 1 and formats.get("jsonl", 0) >= 1, formats
    setup = query(installed, "select count(*) as n from stg_rejects where reason_code in "
                             "('missing_dependency', 'internal_error')")
    assert setup == [{"n": "0"}]


def test_the_report_is_written(installed):
    bin_, work, env, _ = installed
    sh(bin_ / "newsdesk", "report", "--out", work / "report.html", cwd=work, env=env)
    text = (work / "report.html").read_text(encoding="utf-8")
    assert 'class="chart map"' in text and "<path" in text
