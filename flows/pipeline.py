"""The newsdesk flow: raw files -> batches -> staged rows -> one atomic snapshot -> DuckDB models.

Tasks work on batches of files (never one task per document) and only call the core package.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pyarrow.parquet as pq
from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact

from newsdesk import ingest, sqlmodels, storage
from newsdesk.batch import process_paths
from newsdesk.summary import RunSummary, count_reasons

DEFAULT_BATCH_SIZE = 500


@task(retries=2, retry_delay_seconds=2)
def discover_inputs(raw_dir: Path) -> list[Path]:
    """Every input file under raw_dir, sorted."""
    return ingest.discover(raw_dir)


@task(retries=2, retry_delay_seconds=2)
def process_batch(paths: list[Path], raw_dir: Path, staging_dir: Path, batch_no: int) -> Path:
    """Read, clean, extract and validate one batch; stage its rows as Parquet."""
    return storage.write_staging(process_paths(paths, raw_dir), staging_dir, batch_no)


@task(retries=1, retry_delay_seconds=2)
def publish_snapshot(batch_dirs: list[Path], snapshot_dir: Path) -> dict[str, int]:
    """Assemble the staged batches into one complete snapshot."""
    return storage.write_snapshot(batch_dirs, snapshot_dir)


@task(retries=1, retry_delay_seconds=2)
def build_models(out_dir: Path, snapshot_dir: Path) -> list[str]:
    """Build newsdesk.duckdb (staging views, marts) from the snapshot."""
    return sqlmodels.build_database(out_dir / "newsdesk.duckdb", snapshot_dir)


@flow(name="newsdesk", log_prints=True)
def newsdesk_flow(raw_dir: str = "data/raw", out_dir: str = "data/curated",
                  batch_size: int = DEFAULT_BATCH_SIZE, wait_for_lock: float = 0) -> dict:
    """Turn every article under raw_dir into the curated tables and database under out_dir."""
    started = time.monotonic()
    raw, out = Path(raw_dir).resolve(), Path(out_dir).resolve()
    if not raw.is_dir():
        raise FileNotFoundError(f"raw directory {raw} does not exist")
    with storage.out_dir_lock(out, wait_for_lock):
        run_id = storage.new_run_id()
        staging, snapshot = out / "_staging" / run_id, out / "_snapshots" / run_id
        files = discover_inputs(raw)
        batches = [files[i:i + batch_size] for i in range(0, len(files), batch_size)] or [[]]
        futures = process_batch.map(batches, raw, staging, range(len(batches)))
        batch_dirs = [f.result() for f in futures]
        counts = publish_snapshot(batch_dirs, snapshot)
        build_models(out, snapshot)
        storage.switch_current(out, snapshot)
        storage.prune_snapshots(out)
        shutil.rmtree(staging, ignore_errors=True)
    summary = summarize(run_id, len(files), counts, snapshot, time.monotonic() - started)
    report(summary)
    return summary.as_dict()


def summarize(run_id: str, files_seen: int, counts: dict[str, int], snapshot: Path, seconds: float) -> RunSummary:
    """Counts of the published snapshot, with rejects by reason."""
    codes = pq.read_table(snapshot / "rejects", columns=["reason_code"])["reason_code"].to_pylist()
    inputs = pq.read_table(snapshot / f"{storage.MANIFEST}.parquet", columns=["inputs"])["inputs"]
    return RunSummary(
        run_id=run_id, files_seen=files_seen, inputs_seen=sum(inputs.to_pylist()),
        articles=counts["articles"], quotes=counts["quotes"], places=counts["places"], credits=counts["credits"],
        rejects=counts["rejects"] - counts["duplicates"], duplicates=counts["duplicates"],
        rejects_by_reason=count_reasons(codes), seconds=round(seconds, 2),
    )


def report(summary: RunSummary) -> None:
    """Log the summary and publish it as a Prefect artifact."""
    get_run_logger().info("run summary: %s", summary.as_dict())
    create_markdown_artifact(summary.markdown(), key="newsdesk-run-summary", description="newsdesk run summary")
