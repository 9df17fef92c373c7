"""The real flow with raw and out on S3 (a moto server): the tables of a local run, a database in the
local db_dir, no-op reruns, and a db_dir rebuilt from the bucket."""

import json
import shutil
from pathlib import Path

import pytest

from flows.pipeline import newsdesk_flow
from newsdesk import cli, database, locations, storage
from newsdesk.targets import LocalFolder, ObjectStore
from tests.s3server import bucket, s3, upload  # noqa: F401 - fixtures

pytestmark = pytest.mark.flow
IGNORE = ("run_id", "seconds", "wall_seconds", "stage_seconds")


def tables(snapshot) -> dict[str, list[str]]:
    """Rows of every table; the manifest without mtime_ns and ctime_ns (an object has no file times)."""
    return {t: sorted(json.dumps({k: v for k, v in r.items() if k not in ("mtime_ns", "ctime_ns")}, sort_keys=True, default=str)
                      for r in storage.published(snapshot, t).to_table().to_pylist())
            for t in [*storage.PARTITIONED, "rejects", storage.MANIFEST]}


def counts(summary: dict) -> dict:
    return {k: v for k, v in summary.items() if k not in IGNORE}


@pytest.fixture(scope="module")
def local_run(repo_root, tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(repo_root / "data" / "raw", raw, dirs_exist_ok=True)
    out = tmp_path_factory.mktemp("out")
    return raw, out, newsdesk_flow(raw_dir=str(raw), out_dir=str(out), batch_size=4)


def test_s3_run_matches_a_local_run_and_reruns_are_noops(local_run, bucket, tmp_path):
    raw, out_local, local_summary = local_run
    upload(raw, f"{bucket}/raw")
    raw_s3, out_s3, db_dir = f"{bucket}/raw", f"{bucket}/curated", tmp_path / "db"
    first = newsdesk_flow(raw_dir=raw_s3, out_dir=out_s3, batch_size=4, db_dir=str(db_dir))
    assert counts(first) == counts(local_summary) and first["articles"] > 0
    target = ObjectStore(out_s3, LocalFolder(db_dir))
    snapshot = target.current()
    assert locations.name(snapshot) == first["run_id"]
    assert tables(snapshot) == tables((out_local / "current").resolve())
    assert locations.list_dirs(out_s3) == ["_snapshots"]  # staging removed, CURRENT is an object

    db = db_dir / "newsdesk.duckdb"  # the database is local, over the local copy of the snapshot
    assert database.built_from(db) == first["run_id"]
    with database.connect(db) as con:
        assert con.sql("select count(*) from stg_articles").fetchall() == [(first["articles"],)]

    again = newsdesk_flow(raw_dir=raw_s3, out_dir=out_s3, batch_size=4, db_dir=str(db_dir))
    assert again["published"] is False and again["run_id"] == first["run_id"]
    assert cli.nothing_changed(raw_s3, target)  # the CLI's check before Prefect starts

    shutil.rmtree(db_dir)  # a new machine: the no-op run downloads the snapshot and builds the database
    assert not cli.nothing_changed(raw_s3, target)
    rebuilt = newsdesk_flow(raw_dir=raw_s3, out_dir=out_s3, batch_size=4, db_dir=str(db_dir))
    assert rebuilt["published"] is False and counts(rebuilt) == counts(again)
    assert database.built_from(db) == first["run_id"]
    assert cli.nothing_changed(raw_s3, target)


def test_cli_run_refuses_a_missing_prefix(bucket, tmp_path, capsys):
    code = cli.main(["run", "--raw-dir", f"{bucket}/nothing-here", "--out-dir", f"{bucket}/curated",
                     "--db-dir", str(tmp_path / "db")])
    assert code == cli.EXIT_USAGE and "does not exist" in capsys.readouterr().err


def test_file_uris_run_like_paths(local_run, tmp_path):
    raw, out_local, local_summary = local_run
    summary = newsdesk_flow(raw_dir=raw.as_uri(), out_dir=(tmp_path / "out").as_uri(), batch_size=4)
    assert counts(summary) == counts(local_summary)
    assert Path(tmp_path / "out" / "current").is_symlink()
