"""Helpers of the reliability tests (conftest.py holds the fixtures): one real Prefect server per session (`prefect server start` on loopback),
shared by every run of the `newsdesk` CLI in a subprocess, so no run pays for a temporary server.

Runs go through the CLI in subprocesses because the tests kill them, lock out dirs against them
and serve flows from them; the per-document properties run in-process (no Prefect at all).
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import date, timedelta
from pathlib import Path

import pyarrow.dataset as ds
import pytest

from newsdesk import database
from newsdesk.settings import prefect_environment

REPO = Path(__file__).resolve().parents[2]
FAULTS = Path(__file__).resolve().parent / "faults"  # sitecustomize.py: fault injection at checkpoints
BIN = Path(sys.executable).parent
TABLES = ("articles", "quotes", "places", "credits", "rejects")
KEYS = {"articles": "article_id", "quotes": "quote_id", "places": "place_mention_id", "credits": "credit_id",
        "rejects": "source_path"}


def free_port() -> int:
    """A TCP port nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(prefect_home: Path, api_url: str | None = None) -> dict[str, str]:
    """The environment of every subprocess: quiet, local Prefect, no test faults inherited."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK_TEST_", "PREFECT_"))}
    env.update({**prefect_environment(prefect_home), "CI": "1", "PYTHONUNBUFFERED": "1"})
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def with_faults(**variables: str) -> dict[str, str]:
    """Environment of a run that loads the fault injection (faults/sitecustomize.py) in every
    process it starts; `variables` are its NEWSDESK_TEST_* settings, e.g. PAUSE_AT="parquet"."""
    return {"PYTHONPATH": str(FAULTS), **{f"NEWSDESK_TEST_{name}": value for name, value in variables.items()}}


def wait_for(predicate, timeout: float, what: str, step: float = 0.2):
    """Poll until predicate() is truthy; fail the test naming `what` after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := predicate():
            return value
        time.sleep(step)
    pytest.fail(f"timed out after {timeout:.0f} s waiting for {what}")


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Send `sig` to the process group of proc (it was started in its own session), then reap it."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass
    try:
        proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)


class PrefectServer:
    """A `prefect server start` process on 127.0.0.1 with its own PREFECT_HOME."""

    def __init__(self, home: Path):
        self.home, self.port = home, free_port()
        self.api_url = f"http://127.0.0.1:{self.port}/api"
        env = base_env(home)
        env["PREFECT_SERVER_API_HOST"] = "127.0.0.1"
        self.log = open(home / "server.log", "w")
        self.proc = subprocess.Popen([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1",
                                      "--port", str(self.port), "--no-ui"], env=env, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)

    def healthy(self) -> bool:
        if self.proc.poll() is not None:
            pytest.fail(f"prefect server exited: {(self.home / 'server.log').read_text()[-2000:]}")
        try:
            with urllib.request.urlopen(self.api_url + "/health", timeout=2) as response:
                return response.status == 200
        except OSError:
            return False

    def api(self, path: str, body: dict | None = None, attempts: int = 10) -> object:
        """POST (with body) or GET a JSON endpoint of the server; retries 5xx answers and refused
        connections (a loaded CI machine makes the server answer 503 now and then)."""
        data = json.dumps(body).encode() if body is not None else None
        for attempt in range(attempts):
            request = urllib.request.Request(self.api_url + path, data=data, method="POST" if data else "GET",
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    return json.loads(response.read() or "null")
            except urllib.error.HTTPError as exc:
                if exc.code < 500 or attempt == attempts - 1:
                    raise
            except urllib.error.URLError:
                if attempt == attempts - 1:
                    raise
            time.sleep(1)

    def stop(self) -> None:
        kill_group(self.proc, signal.SIGTERM)
        self.log.close()


class Newsdesk:
    """Runs the `newsdesk` CLI in subprocesses against the session's Prefect server."""

    def __init__(self, server: PrefectServer):
        self.server = server
        self.env = base_env(server.home, server.api_url)

    def command(self, raw: Path, out: Path, *extra: str, summary: Path | None = None) -> list[str]:
        cmd = [str(BIN / "newsdesk"), "run", "--raw-dir", str(raw), "--out-dir", str(out), *extra]
        return cmd + (["--json", str(summary)] if summary else [])

    def run(self, raw: Path, out: Path, *extra: str, env: dict | None = None, timeout: float = 300,
            check: bool = True) -> tuple[subprocess.CompletedProcess, dict | None]:
        """One run to completion; returns the process and the JSON run summary (None on no-op/failure)."""
        summary = out.parent / f".summary-{out.name}-{time.monotonic_ns()}.json"
        proc = subprocess.run(self.command(raw, out, *extra, summary=summary), env={**self.env, **(env or {})},
                              cwd=REPO, capture_output=True, text=True, timeout=timeout)
        if check and proc.returncode != 0:
            pytest.fail(f"newsdesk run failed ({proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
        data = json.loads(summary.read_text()) if summary.exists() else None
        summary.unlink(missing_ok=True)
        return proc, data

    def start(self, raw: Path, out: Path, *extra: str, env: dict | None = None) -> subprocess.Popen:
        """A run in the background, in its own process group (so a kill takes its workers too)."""
        log = open(out.parent / f".run-{out.name}-{time.monotonic_ns()}.log", "w")
        return subprocess.Popen(self.command(raw, out, *extra), env={**self.env, **(env or {})}, cwd=REPO,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


# --- reading what analysts read ------------------------------------------------------------

def read_table(out: Path, table: str) -> list[dict]:
    """A table as a reader sees it through the stable out/<table> path (pyarrow.dataset), in read order."""
    partitioning = None if table == "rejects" else "hive"
    dataset = ds.dataset(out / table, format="parquet", partitioning=partitioning)
    return dataset.to_table().to_pylist()


def read_tables(out: Path) -> dict[str, list[dict]]:
    return {t: read_table(out, t) for t in TABLES}


def duckdb_counts(out: Path) -> dict[str, int]:
    """Row counts per staging view of newsdesk.duckdb, opened read-only like an analyst would."""
    con = database.connect(out / "newsdesk.duckdb")
    try:
        return {t: con.execute(f"select count(*) from stg_{t}").fetchall()[0][0] for t in TABLES}
    finally:
        con.close()


def canonical(tables: dict[str, list[dict]]) -> dict[str, list[dict]]:
    """Rows sorted by key: what must be identical between two runs over the same input."""
    return {t: sorted(rows, key=lambda r: (str(r[KEYS[t]]), str(r.get("source_locator")), str(r.get("reason_code"))))
            for t, rows in tables.items()}


# --- generated articles --------------------------------------------------------------------

CITIES = ["Paris", "Berlin", "Madrid", "Lisbon", "Vienna", "Warsaw", "Dublin", "Oslo", "Prague", "Athens"]
PEOPLE = ["Anna Berg", "Tomas Novak", "Lucia Ferreira", "Jonas Weber", "Marta Kowalska", "Sean Byrne"]
TOPICS = ["bus fares", "school meals", "bridge repairs", "park lighting", "library hours", "bike lanes"]


def small_article(i: int) -> str:
    """Article number i: a few sentences with a quote, a place, a byline and a date (deterministic)."""
    city, person, topic = CITIES[i % len(CITIES)], PEOPLE[i % len(PEOPLE)], TOPICS[i % len(TOPICS)]
    day = date(2021, 1, 1) + timedelta(days=(i * 7) % 700)
    return (f"# {city} council debates {topic}, item {i}\n\nBy {person}\n\nPublished {day:%B %d, %Y}\n\n"
            f"The council in {city} voted on {topic} on Tuesday after a debate of {i % 5 + 2} hours.\n\n"
            f"\"We listened to every resident who wrote to us,\" said {person}, who chairs the committee.\n")


def write_articles(raw: Path, start: int, stop: int) -> None:
    """Articles start..stop-1 as markdown files in raw/<hundreds>/article-NNNNN.md."""
    for i in range(start, stop):
        path = raw / f"{i // 500:03d}" / f"article-{i:05d}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(small_article(i), encoding="utf-8")
