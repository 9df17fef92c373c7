"""A real Prefect server (the session's `prefect server start` on loopback): the flow served with a
cron schedule runs when triggered and updates the tables; prefect.yaml deploys, and a worker on its
work pool runs the deployment; served and deployed runs keep their INFO logs and the summary table
artifact on the server; a transient I/O error in a task is retried and the run succeeds."""

from __future__ import annotations

import json
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


def run_logs(server, flow_run_id: str) -> list[str]:
    """The messages the server keeps for a flow run (its tasks' included), INFO and up."""
    logs = server.api("/logs/filter", {"logs": {"flow_run_id": {"any_": [flow_run_id]}, "level": {"ge_": 20}},
                                       "limit": 200})
    return [entry["message"] for entry in logs]


def assert_summary_kept(server, flow_run_id: str, articles: int) -> None:
    """The run's readable summary line is in its logs and its counts in a table artifact."""
    def summary_lines():  # a run's last logs reach the server shortly after its final state
        return [m for m in run_logs(server, flow_run_id) if m.startswith("newsdesk run ")]

    try:
        lines = wait_for(summary_lines, 30, "the run summary in the flow run's logs", step=1)
    except BaseException:
        pytest.fail(f"no summary line among the run's logs: {run_logs(server, flow_run_id)}")
    assert len(lines) == 1 and f"-> {articles} articles" in lines[0] and "reconciled" in lines[0], lines
    (artifact,) = server.api("/artifacts/filter", {"artifacts": {"flow_run_id": {"any_": [flow_run_id]}}})
    assert artifact["key"] == "newsdesk-run-summary" and artifact["type"] == "table"
    rows = json.loads(artifact["data"]) if isinstance(artifact["data"], str) else artifact["data"]
    assert {"what": "articles", "count": articles} in rows


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
        assert_summary_kept(prefect_server, run["id"], 30)  # `serve` logs at INFO by default
    finally:
        kill_group(serve, 15)
        log.close()


@pytest.fixture(scope="module")
def deployed(prefect_server, newsdesk) -> dict:
    """prefect.yaml's deployment, deployed the README's way: create its work pool, deploy --all."""
    (dep,) = yaml.safe_load((REPO / "prefect.yaml").read_text())["deployments"]
    for cmd in (["work-pool", "create", dep["work_pool"]["name"], "--type", "process", "--overwrite"],
                ["--no-prompt", "deploy", "--all"]):
        proc = subprocess.run([str(BIN / "prefect"), *cmd], cwd=REPO, env=newsdesk.env, capture_output=True,
                              text=True, timeout=180)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return dep


def test_prefect_yaml_declares_the_scheduled_deployment_and_deploys(prefect_server, deployed):
    dep = deployed
    assert dep["entrypoint"] == "flows/pipeline.py:newsdesk_flow"
    assert dep["schedules"][0]["cron"] and set(dep["parameters"]) <= {"raw_dir", "out_dir", "batch_size",
                                                                     "wait_for_lock", "full", "workers"}
    pool = dep["work_pool"]["name"]
    deployed = deployment(prefect_server, dep["name"])
    assert deployed["entrypoint"] == dep["entrypoint"]
    assert deployed["parameters"] == dep["parameters"]
    assert [s["schedule"]["cron"] for s in deployed["schedules"]] == [dep["schedules"][0]["cron"]]
    assert deployed["work_pool_name"] == pool


def test_a_worker_runs_the_prefect_yaml_deployment(prefect_server, newsdesk, deployed, tmp_path):
    """`prefect worker start --pool POOL` from the repository runs a flow run of the deployment."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    write_articles(raw, 0, 12)
    log = open(tmp_path / "worker.log", "w")
    worker = subprocess.Popen([str(BIN / "prefect"), "worker", "start", "--pool", deployed["work_pool"]["name"]],
                              cwd=REPO, env={**newsdesk.env, "PREFECT_WORKER_QUERY_SECONDS": "1"}, stdout=log,
                              stderr=subprocess.STDOUT, start_new_session=True)
    try:
        dep = deployment(prefect_server, deployed["name"])
        run = prefect_server.api(f"/deployments/{dep['id']}/create_flow_run",
                                 {"parameters": {"raw_dir": str(raw), "out_dir": str(out)}})
        finished = wait_for_flow_run(prefect_server, run["id"])
        assert finished["state_type"] == "COMPLETED", (finished["state"], (tmp_path / "worker.log").read_text()[-3000:])
        assert len(read_table(out, "articles")) == 12
        assert_summary_kept(prefect_server, run["id"], 12)  # a deployed run keeps its logs
    finally:
        kill_group(worker, 15)
        log.close()


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
