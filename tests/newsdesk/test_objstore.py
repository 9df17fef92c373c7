"""Object-store locations against a real S3 server (moto): the storage steps of the flow without
Prefect, compared with the same steps on a local folder."""

import json
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from itertools import count
from pathlib import Path

import pandas as pd
import polars as pl
import pyarrow.dataset as ds
import pyarrow.fs as pafs
import pytest

from newsdesk import batch, incremental, locations, storage
from newsdesk.targets import LocalFolder, ObjectStore
from tests.newsdesk.test_incremental import run, write
from tests.s3server import bucket, s3, upload  # noqa: F401 - fixtures

_RUNS = count()


def store(out: str, local: Path) -> ObjectStore:
    """The target of an object-store out location, with `local` as its replica."""
    return ObjectStore(out, LocalFolder(local))


def run_remote(raw: str, out: str, local: Path, full: bool = False) -> incremental.Plan:
    """The flow's steps for an object-store out: plan, stage on the store, build the snapshot
    locally, upload it and write CURRENT."""
    target = store(out, local)
    plan = incremental.plan_run(raw, target, full)
    if plan.is_noop:
        return plan
    run_id = f"run-{next(_RUNS):04d}"
    staged = batch.stage_paths(plan.to_process, raw, target.staging(run_id), 0)
    snapshot = target.snapshot(run_id)
    storage.write_snapshot([staged["batch_dir"]], snapshot, plan.carry)
    target.upload(snapshot)
    return plan


def tables(snapshot) -> dict[str, list[str]]:
    """Every table of a snapshot as sorted JSON rows; the manifest without mtime_ns and ctime_ns (an object's
    last-modified time is not the local file's)."""
    names = [*storage.PARTITIONED, "rejects", storage.MANIFEST]
    found = {}
    for name in names:
        rows = storage.published(snapshot, name).to_table().to_pylist()
        found[name] = sorted(json.dumps({k: v for k, v in r.items() if k not in ("mtime_ns", "ctime_ns")}, sort_keys=True, default=str)
                             for r in rows)
    return found


def local_tables(out: Path) -> dict[str, list[str]]:
    return tables((out / "current").resolve())


@pytest.fixture()
def raw_local(tmp_path) -> Path:
    raw = tmp_path / "raw"
    for i, slug in enumerate(("alpha", "bravo", "charlie")):
        write(raw, f"d{i}/{slug}.md", slug)
    write(raw, "d9/charlie again.md", "charlie")  # a duplicate
    (raw / "garbage.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (raw / "notes.pdf").write_bytes(b"%PDF-1.4")
    (raw / ".hidden").mkdir()
    (raw / ".hidden" / "skip.md").write_text("never read")
    return raw


@pytest.fixture()
def raw_s3(raw_local, bucket) -> str:
    upload(raw_local, f"{bucket}/raw")
    return f"{bucket}/raw"


def test_s3_to_s3_gives_the_tables_of_a_local_run(raw_local, raw_s3, bucket, tmp_path):
    out = f"{bucket}/curated"
    plan = run_remote(raw_s3, out, tmp_path / "db")
    run(raw_local, tmp_path / "out")
    assert len(plan.files) == 6 and all(f.startswith(f"{raw_s3}/") for f in plan.files)
    snapshot = store(out, tmp_path / "db").current()
    assert snapshot == f"{out}/_snapshots/{locations.read_text(f'{out}/CURRENT').strip()}"
    assert tables(snapshot) == local_tables(tmp_path / "out")
    assert '"reason_code": "duplicate"' in "".join(tables(snapshot)["rejects"])
    assert len(tables(snapshot)["articles"]) == 3
    assert locations.list_dirs(f"{out}/_staging/{locations.name(snapshot)}") == ["batch-00000"]


def test_raw_on_s3_into_a_local_out_dir(raw_local, raw_s3, tmp_path):
    run(raw_s3, tmp_path / "from-s3")
    run(raw_local, tmp_path / "local")
    assert local_tables(tmp_path / "from-s3") == local_tables(tmp_path / "local")


def test_an_unchanged_prefix_is_a_noop_and_a_changed_object_is_read_again(raw_local, raw_s3, bucket, tmp_path):
    out, db = f"{bucket}/curated", tmp_path / "db"
    run_remote(raw_s3, out, db)
    assert incremental.plan_run(raw_s3, store(out, tmp_path / "db")).is_noop
    write(raw_local, "d0/alpha.md", "alpha", town="Southampton")  # one more letter: the size changes
    upload(raw_local / "d0", f"{raw_s3}/d0")
    plan = run_remote(raw_s3, out, db)
    assert plan.counts == {"new": 0, "changed": 1, "deleted": 0, "unchanged": 5}
    # the duplicate is looked at again whenever anything changes (newsdesk.incremental)
    assert [locations.relative(p, raw_s3) for p in plan.to_process] == ["d0/alpha.md", "d9/charlie again.md"]
    run(raw_local, tmp_path / "full", full=True)
    assert tables(store(out, tmp_path / "db").current()) == local_tables(tmp_path / "full")
    assert "Southampton" in json.dumps(tables(store(out, tmp_path / "db").current())["articles"])


def test_an_object_deleted_after_the_listing_is_an_unreadable_reject(raw_s3, bucket, tmp_path):
    fs, path = locations.resolve(f"{raw_s3}/d1/bravo.md")
    plan = incremental.plan_run(raw_s3, store(f"{bucket}/curated", tmp_path / "db"))
    fs.delete_file(path)
    facts = batch.stage_paths(plan.to_process, raw_s3, f"{bucket}/staging", 0)
    rejects = storage.staged([facts["batch_dir"]], "rejects").to_table().to_pylist()
    gone = [r for r in rejects if r["source_path"] == "d1/bravo.md"]
    assert [r["reason_code"] for r in gone] == ["unreadable"] and "no longer exists" in gone[0]["reason"]


def test_a_fresh_worker_process_reads_the_objects_it_is_given(raw_s3, bucket, tmp_path):
    """What a Dask worker on another machine does: it gets URIs (not bytes) and opens the store
    with its own AWS_* settings. A spawned process shares nothing else with this one."""
    plan = incremental.plan_run(raw_s3, store(f"{bucket}/curated", tmp_path / "db"))
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as pool:
        facts = pool.submit(batch.stage_paths, plan.to_process, raw_s3, f"{bucket}/staging", 3).result()
    assert facts["batch_dir"] == f"{bucket}/staging/batch-00003" and facts["files"] == 6
    assert storage.staged([facts["batch_dir"]], "articles").count_rows() == 4  # the duplicate is dropped later


def test_a_failed_upload_leaves_readers_on_the_previous_snapshot(raw_local, raw_s3, bucket, tmp_path, monkeypatch):
    out, db = f"{bucket}/curated", tmp_path / "db"
    run_remote(raw_s3, out, db)
    before = locations.read_text(f"{out}/CURRENT")
    write(raw_local, "d5/echo.md", "echo")
    upload(raw_local / "d5", f"{raw_s3}/d5")

    def broken_upload(local, uri):
        raise OSError("connection reset")

    monkeypatch.setattr(locations, "upload_dir", broken_upload)
    with pytest.raises(OSError):
        run_remote(raw_s3, out, db)
    assert locations.read_text(f"{out}/CURRENT") == before


def test_leftovers_and_old_snapshots_are_removed_but_never_the_current_one(bucket, tmp_path):
    out = f"{bucket}/curated"
    snap = tmp_path / "snap"
    snap.mkdir()
    (snap / "x.parquet").write_bytes(b"x")
    for run_id in ("20200101T000000-1", "20200102T000000-2", "20200103T000000-3", "20200104T000000-4"):
        locations.upload_dir(snap, f"{out}/_snapshots/{run_id}")
    locations.upload_dir(snap, f"{out}/_staging/20200105T000000-5/batch-00000")
    locations.write_text(f"{out}/CURRENT", "20200103T000000-3\n")
    store(out, tmp_path / "db").remove_leftovers()
    assert locations.list_dirs(f"{out}/_snapshots") == ["20200101T000000-1", "20200102T000000-2",
                                                         "20200103T000000-3"]
    assert locations.list_dirs(out) == ["_snapshots"]
    store(out, tmp_path / "db").prune(keep=1)
    assert locations.list_dirs(f"{out}/_snapshots") == ["20200103T000000-3"]


def test_file_uris_are_local_paths(raw_local, tmp_path):
    plan = run(locations.parse(raw_local.as_uri()), locations.parse((tmp_path / "out").as_uri()))
    assert plan.files and all(isinstance(p, Path) for p in plan.files)
    run(raw_local, tmp_path / "plain")
    assert local_tables(tmp_path / "out") == local_tables(tmp_path / "plain")


def test_readers_resolve_the_pointer_with_plain_pyarrow(raw_s3, bucket, tmp_path, s3):
    """The recipe of docs/scaling.md, with no newsdesk import: read CURRENT, then the snapshot."""
    out = f"{bucket}/curated"
    run_remote(raw_s3, out, tmp_path / "db")
    fs = pafs.S3FileSystem(endpoint_override=os.environ["AWS_ENDPOINT_URL"])
    prefix = out.removeprefix("s3://")
    with fs.open_input_stream(f"{prefix}/CURRENT") as f:
        run_id = f.read().decode().strip()
    articles = ds.dataset(f"{prefix}/_snapshots/{run_id}/articles", filesystem=fs, partitioning="hive").to_table()
    assert articles.num_rows == 3 and "published_month" in articles.column_names
    titles = ["Ferry alpha", "Ferry bravo", "Ferry charlie"]
    assert sorted(articles.to_pandas()["title"]) == titles
    assert sorted(pl.from_arrow(articles)["title"]) == titles
    frame = pd.read_parquet(f"{prefix}/_snapshots/{run_id}/articles", filesystem=fs)
    assert sorted(frame["title"]) == titles
