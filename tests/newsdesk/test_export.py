"""The handoff folder: complete, atomic, and readable by pandas, polars and DuckDB."""

import json
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import polars as pl
import pyarrow.parquet as pq
import pytest

from newsdesk.batch import BatchRows
from newsdesk.cli import main
from newsdesk.export import export_snapshot
from schemas import SCHEMA_VERSION, TABLES

MONTHS = ("2024-04", "2024-05")


def row(table: str, **fields) -> dict:
    return TABLES[table].model_validate(fields).model_dump(mode="python")


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory, publish_rows) -> Path:
    """Two articles in two months (one quote, place, credit each) and an undated one; one reject."""
    rows = BatchRows()
    for i, day in enumerate([date(2024, 4, 30), date(2024, 5, 1), None]):
        aid, month = f"a{i}", day.strftime("%Y-%m") if day else "unknown"
        rows.articles.append(row("articles", article_id=aid, source_path=f"{aid}.md", content_hash=f"{i:064d}",
                                 input_format="markdown", encoding="utf-8", title=f"T{i}", published=day,
                                 published_month=month, body="Body.", word_count=1, paragraph_count=1,
                                 related_titles=["Other story"]))
        key = {"_source": f"{aid}.md"}
        rows.quotes.append({**row("quotes", quote_id=f"{aid}-q0", article_id=aid, published_month=month,
                                  quote_index=0, text="Fine.", speaker="A Person", kind="direct",
                                  paragraph_index=0, start_char=0, end_char=5), **key})
        rows.places.append({**row("places", place_mention_id=f"{aid}-p0", article_id=aid, published_month=month,
                                  mention_index=0, surface="Oslo", name="Oslo", kind="city", country_code="NO",
                                  latitude=59.9, longitude=10.7, start_char=0, end_char=4), **key})
        rows.credits.append({**row("credits", credit_id=f"{aid}-c0", article_id=aid, published_month=month,
                                   credit_index=0, role="wire", organizations=["AP"], raw="(AP)"), **key})
    rows.rejects.append(row("rejects", source_path="x.bin", reason_code="binary", reason="binary data"))
    return publish_rows(rows, tmp_path_factory.mktemp("curated"))


@pytest.fixture(scope="module")
def exported(out_dir, tmp_path_factory) -> Path:
    dest = tmp_path_factory.mktemp("handoff") / "export"
    assert main(["export", "--out-dir", str(out_dir), "--to", str(dest)]) == 0
    return dest


def test_export_holds_tables_dictionary_and_manifest(exported):
    assert (exported / "data-dictionary.md").read_text().startswith("# newsdesk data dictionary")
    assert sorted(p.name for p in (exported / "schemas").iterdir()) == sorted(f"{t}.json" for t in TABLES)
    manifest = json.loads((exported / "export.json").read_text())
    assert manifest["schema_version"] == SCHEMA_VERSION and manifest["snapshot"] == "run-1"
    assert {t: m["rows"] for t, m in manifest["tables"].items()} == {
        "articles": 3, "quotes": 3, "places": 3, "credits": 3, "rejects": 1}
    assert {m: facts["rows"] for m, facts in manifest["marts"].items()} == {
        "articles_summary": 3, "people": 1, "quotes": 3, "speakers": 1, "place_mentions_daily": 3}
    assert (exported / "newsdesk.duckdb").is_file() and not (exported / "newsdesk.duckdb.wal").exists()
    partitions = sorted(p.name for p in (exported / "articles").iterdir())
    assert partitions == [f"published_month={m}" for m in (*MONTHS, "unknown")]
    assert not list(exported.parent.glob("*.tmp"))


def test_pandas_reads_the_export(exported):
    articles = pd.read_parquet(exported / "articles")
    assert sorted(articles["article_id"]) == ["a0", "a1", "a2"]
    assert sorted(articles["published_month"].astype(str)) == [*MONTHS, "unknown"]
    assert list(articles.sort_values("article_id")["related_titles"].iloc[0]) == ["Other story"]
    assert pd.read_parquet(exported / "rejects")["reason_code"].tolist() == ["binary"]


def test_polars_reads_the_export(exported):
    quotes = pl.read_parquet(str(exported / "quotes" / "**" / "*.parquet"), hive_partitioning=True)
    assert quotes.height == 3 and set(quotes["published_month"].cast(pl.Utf8)) == {*MONTHS, "unknown"}
    credits = pl.read_parquet(str(exported / "credits" / "**" / "*.parquet"), hive_partitioning=True)
    assert credits["organizations"].to_list() == [["AP"]] * 3


def test_duckdb_reads_the_export(exported):
    con = duckdb.connect()
    glob = str(exported / "places" / "**" / "*.parquet")
    rows = con.execute(f"select published_month, count(*) from read_parquet('{glob}', hive_partitioning = true, "
                       "hive_types = {'published_month': varchar}) group by 1 order by 1").fetchall()
    assert rows == [("2024-04", 1), ("2024-05", 1), ("unknown", 1)]
    joined = con.execute(
        f"select count(*) from read_parquet('{exported}/quotes/**/*.parquet', hive_partitioning = true) q "
        f"join read_parquet('{exported}/articles/**/*.parquet', hive_partitioning = true) a using (article_id)"
    ).fetchone()[0]
    assert joined == 3


def test_export_refuses_to_overwrite_without_force(out_dir, exported, capsys):
    assert main(["export", "--out-dir", str(out_dir), "--to", str(exported)]) == 2
    assert "--force" in capsys.readouterr().err
    (exported / "marts" / "retired_mart.parquet").write_text("left from before")
    export_snapshot(out_dir, exported, force=True)
    assert not (exported / "marts" / "retired_mart.parquet").exists() and (exported / "export.json").exists()


def test_export_without_snapshot_exits_4(tmp_path):
    assert main(["export", "--out-dir", str(tmp_path / "empty"), "--to", str(tmp_path / "dest")]) == 4
    assert not (tmp_path / "dest").exists()


def test_marts_are_exported_as_parquet(exported):
    speakers = pq.read_table(exported / "marts" / "speakers.parquet")
    assert [{k: v for k, v in row.items() if k != "person_id"} for row in speakers.to_pylist()] == [
                                           {"speaker": "A Person", "usual_role": None, "count_quotes": 3,
                                            "count_articles": 3, "first_quoted_date": date(2024, 4, 30),
                                            "last_quoted_date": date(2024, 5, 1)}]
    daily = pd.read_parquet(exported / "marts" / "place_mentions_daily.parquet")
    assert list(daily.columns[:4]) == ["published", "name", "kind", "country_code"]


def test_a_moved_export_answers_sql_from_another_folder(exported, tmp_path, monkeypatch, capsys):
    moved = tmp_path / "elsewhere" / "handoff"
    shutil.copytree(exported, moved)
    monkeypatch.chdir(tmp_path)
    query = ("select (select count(*) from stg_quotes q join stg_articles a using (article_id)), "
             "(select count(*) from speakers), (select count(*) from stg_rejects)")
    assert main(["sql", "--from", str(moved), query, "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[1] == "3,1,1"
