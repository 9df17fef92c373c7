"""The same flow on a local Dask cluster (2 worker processes) gives the default runner's tables."""

import json
import shutil
from pathlib import Path

import pytest

from flows.pipeline import newsdesk_flow, task_runner_for
from newsdesk import storage

pytestmark = pytest.mark.flow


def tables(out: Path) -> dict[str, list[str]]:
    snap = (out / "current").resolve()
    return {t: sorted(json.dumps(r, sort_keys=True, default=str) for r in storage.published(snap, t).to_table()
                      .to_pylist()) for t in [*storage.PARTITIONED, "rejects", storage.MANIFEST]}


def test_dask_runner_matches_the_default_runner(repo_root, tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(repo_root / "data" / "raw", raw)
    default = newsdesk_flow(raw_dir=str(raw), out_dir=str(tmp_path / "default"), batch_size=4, full=True)
    on_dask = newsdesk_flow.with_options(task_runner=task_runner_for("dask", workers=2))(
        raw_dir=str(raw), out_dir=str(tmp_path / "dask"), batch_size=4, full=True)
    ignore = ("run_id", "seconds", "wall_seconds", "stage_seconds")
    assert {k: v for k, v in default.items() if k not in ignore} == {k: v for k, v in on_dask.items() if k not in ignore}
    assert tables(tmp_path / "default") == tables(tmp_path / "dask")
    assert default["articles"] > 0
