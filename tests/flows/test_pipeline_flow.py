"""End to end: the real Prefect flow on a small raw folder, then the real DuckDB file."""

import shutil
from pathlib import Path

import pyarrow.dataset as ds
import pytest
from prefect.states import Failed

from flows.pipeline import newsdesk_flow, retry_unless_build_failed
from newsdesk import database
from newsdesk.dbtbuild import BuildFailed
from schemas import TABLES

SEED = "000_1959c37fc4a78743.txt"

OTHER_ARTICLE = """# Harbour Ferry Service Resumes After Storm

March 3, 2021

The harbour ferry resumed service on Wednesday after two days of closures.

"We are glad to be back," said Maria Lopez, the ferry operator's director.

Original url:

<https://news.example.org/2021/03/03/ferry-resumes>
"""


@pytest.fixture(scope="module")
def raw_dir(tmp_path_factory, repo_root) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    shutil.copy(repo_root / "data" / "raw" / SEED, raw / SEED)
    (raw / "local").mkdir()
    (raw / "local" / "ferry.md").write_text(OTHER_ARTICLE, encoding="utf-8")
    (raw / "local" / "ferry copy.md").write_text(OTHER_ARTICLE, encoding="utf-8")  # same URL: a duplicate
    (raw / "garbage.md").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (raw / "notes.pdf").write_bytes(b"%PDF-1.4")
    return raw


@pytest.fixture(scope="module")
def run(raw_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    first = newsdesk_flow(raw_dir=str(raw_dir), out_dir=str(out), batch_size=2)
    first_tables = {name: table(out, name) for name in TABLES}
    noop = newsdesk_flow(raw_dir=str(raw_dir), out_dir=str(out), batch_size=2)
    full = newsdesk_flow(raw_dir=str(raw_dir), out_dir=str(out), batch_size=2, full=True)
    return out, first, noop, full, first_tables


def table(out: Path, name: str):
    return ds.dataset(out / name, format="parquet", partitioning="hive").to_table()


def test_every_input_is_an_article_a_reject_or_a_duplicate(run):
    out, summary, *_ = run
    assert summary["files_seen"] == 5
    assert (summary["articles"], summary["rejects"], summary["duplicates"]) == (2, 2, 1)
    assert summary["reconciled"]
    assert summary["rejects_by_reason"] == {"binary": 1, "unsupported_type": 1}


def test_rejects_say_why_in_plain_words(run):
    out, *_ = run
    reasons = dict(zip(*(table(out, "rejects")[c].to_pylist() for c in ("source_path", "reason"))))
    assert "PNG image" in reasons["garbage.md"]
    assert "not an article format" in reasons["notes.pdf"]
    assert "same article as local/ferry copy.md" in reasons["local/ferry.md"]


def test_the_seed_article_is_clean_and_complete(run):
    out, *_ = run
    arts = {r["source_path"]: r for r in table(out, "articles").to_pylist()}
    seed = arts[SEED]
    assert seed["title"].startswith("Russia Slams")
    assert seed["outlet_domain"] == "themoscowtimes.com"
    assert seed["published_month"] == "2020-08"
    assert "](#)" not in seed["body"] and "Original url" not in seed["body"]


COUNTS = ("files_seen", "inputs_seen", "articles", "quotes", "places", "credits", "rejects", "duplicates")


def test_a_rerun_with_nothing_changed_publishes_nothing(run):
    out, first, noop, _, _ = run
    assert noop["published"] is False and noop["run_id"] == first["run_id"]
    assert [noop[k] for k in COUNTS] == [first[k] for k in COUNTS]


def test_a_full_rerun_gives_identical_tables(run):
    out, first, _, full, first_tables = run
    assert full["published"] is True and full["run_id"] != first["run_id"]
    for name in TABLES:
        assert table(out, name).equals(first_tables[name]), name
    assert len(list((out / "_snapshots").iterdir())) == 2


def test_database_marts_answer_sql(run):
    out, *_ = run
    con = database.connect(out / "newsdesk.duckdb")
    try:
        summary = con.sql("select count(*), sum(count_credits) from articles_summary").fetchall()
        rejects = con.sql("select count(*) from stg_rejects").fetchall()
        tables = {r[0] for r in con.sql("select table_name from information_schema.tables").fetchall()}
    finally:
        con.close()
    assert summary[0][0] == 2 and summary[0][1] >= 2
    assert rejects == [(3,)]
    assert {"speakers", "place_mentions_daily", "articles_summary", "stg_articles", "stg_quotes"} <= tables


def test_the_analyst_cli_opens_the_database(run):
    cli = shutil.which("duckdb") or str(Path(__import__("sys").executable).parent / "duckdb")
    if not Path(cli).exists():
        pytest.fail("the duckdb CLI (duckdb-cli, dev extra) is not installed")
    import subprocess

    out, *_ = run
    done = subprocess.run([cli, "-readonly", str(out / "newsdesk.duckdb"), "-csv", "-c",
                           "select count(*) from articles_summary"], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["count_star()", "2"]
    views = subprocess.run([cli, "-readonly", "-cmd", f"set file_search_path = '{out}'", str(out / "newsdesk.duckdb"),
                            "-csv", "-c", "select count(*) from stg_articles"], capture_output=True, text=True, timeout=60)
    assert views.stdout.split() == ["count_star()", "2"], views.stderr  # views read relative to the database


@pytest.mark.parametrize("error, retried", [(BuildFailed(["unique_stg_quotes_quote_id"]), False),
                                            (OSError(5, "I/O error"), True)])
def test_build_models_retries_io_errors_but_not_failed_data_tests(error, retried):
    assert retry_unless_build_failed(None, None, Failed(data=error)) is retried
