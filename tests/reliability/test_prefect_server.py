"""A real Prefect server (the session's `prefect server start` on loopback): the flow served with a
cron schedule runs when triggered and updates the tables; prefect.yaml deploys; a transient I/O
error in a task is retried and the run succeeds."""

from __future__ import annotations

import subprocess
import time
from datetime import datetime, timezone
from pathlib import Path

import pytest
import yaml

from reliability_helpers import BIN, REPO, kill_group, read_table, wait_for, with_faults, write_articles

TERMINAL = {"COMPLETED", "FAILED", "CRASHED", "CANCELLED"}


def wait_for_flow_run(server, flow_run_id: str, timeout: float = 240) -> dict:
    def finished():
        run = server.api(f"/flow_runs/{flow_run_id}")
        return run if run["state_type"] in TERMINAL else None
    return wait_for(finished, timeout, f"flow run {flow_run_id} to finish", step=1)


def deployment(server, name: str) -> dict | None:
    try:
        return server.api(f"/deployments/name/newsdesk/{name}")
    except OSError:
        return None


def test_served_flow_runs_on_the_server_and_updates_the_tables(prefect_server, newsdesk, tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 30)
    log = open(tmp_path / "serve.log", "w")
    env = {**newsdesk.env, "PREFECT_RUNNER_POLL_FREQUENCY": "1"}
    serve = subprocess.Popen([str(BIN / "newsdesk"), "serve", "--cron", "0 3 * * *", "--name", "reliability-serve",
                              "--raw-dir", str(raw), "--out-dir", str(out)], cwd=REPO, env=env, stdout=log,
                             stderr=subprocess.STDOUT, start_new_session=True)
    try:
        dep = wait_for(lambda: serve.poll() is None and deployment(prefect_server, "reliability-serve")
                       or (serve.poll() is not None and pytest.fail((tmp_path / "serve.log").read_text()[-3000:])),
                       120, "the served deployment", step=1)
        assert [s["schedule"].get("cron") for s in dep["schedules"]] == ["0 3 * * *"]
        assert not (out / "current").exists()
        run = prefect_server.api(f"/deployments/{dep['id']}/create_flow_run", {})
        finished = wait_for_flow_run(prefect_server, run["id"])
        assert finished["state_type"] == "COMPLETED", (finished["state"], (tmp_path / "serve.log").read_text()[-3000:])
        assert len(read_table(out, "articles")) == 30
    finally:
        kill_group(serve, 15)
        log.close()


def test_prefect_yaml_declares_the_scheduled_deployment_and_deploys(prefect_server, newsdesk):
    spec = yaml.safe_load((REPO / "prefect.yaml").read_text())
    (dep,) = spec["deployments"]
    assert dep["entrypoint"] == "flows/pipeline.py:newsdesk_flow"
    assert dep["schedules"][0]["cron"] and set(dep["parameters"]) <= {"raw_dir", "out_dir", "batch_size",
                                                                     "wait_for_lock", "full", "workers"}
    pool = dep["work_pool"]["name"]
    for cmd in (["work-pool", "create", pool, "--type", "process", "--overwrite"], ["--no-prompt", "deploy", "--all"]):
        proc = subprocess.run([str(BIN / "prefect"), *cmd], cwd=REPO, env=newsdesk.env, capture_output=True,
                              text=True, timeout=180)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    deployed = deployment(prefect_server, dep["name"])
    assert deployed["entrypoint"] == dep["entrypoint"]
    assert deployed["parameters"] == dep["parameters"]
    assert [s["schedule"]["cron"] for s in deployed["schedules"]] == [dep["schedules"][0]["cron"]]
    assert deployed["work_pool_name"] == pool


def test_transient_io_error_is_retried_and_the_run_succeeds(prefect_server, newsdesk, tmp_path):
    raw, out, marker = tmp_path / "raw", tmp_path / "out", tmp_path / "failed-once"
    write_articles(raw, 0, 20)
    since = datetime.now(timezone.utc).isoformat()
    _, summary = newsdesk.run(raw, out, env=with_faults(FAIL_ONCE=f"extract:{marker}"))
    assert marker.exists(), "the injected I/O error never fired"
    assert summary["reconciled"] and summary["articles"] == 20
    task_runs = prefect_server.api("/task_runs/filter", {
        "task_runs": {"name": {"like_": "process_batch"}, "start_time": {"after_": since}}})
    assert [(t["run_count"], t["state_type"]) for t in task_runs] == [(2, "COMPLETED")], task_runs
