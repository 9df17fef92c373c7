"""The dbt project on tiny given rows: golden marts, the data tests that guard a publish, and a
database that still reads after its folder moved."""

import shutil
from datetime import date
from pathlib import Path
from typing import get_args

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from newsdesk import database, dbtbuild, dictionary
from newsdesk.extract.credits import ROLES
from schemas import TABLES, arrow_schema
from schemas.tables import RejectCode


def article(aid, day, outlet="example.com"):
    return dict(article_id=aid, source_path=f"{aid}.md", source_locator="", content_hash=aid * 4,
                input_format="markdown", encoding="utf-8", title=f"Title {aid}", published=day,
                published_month=day.strftime("%Y-%m") if day else "unknown", url=None, outlet_domain=outlet,
                language="en", body="Body.", word_count=1, paragraph_count=1, image_caption=None,
                related_titles=[], warnings=[])


def quote(aid, i, speaker, role=None, kind="direct", speaker_kind=None):
    return dict(quote_id=f"{aid}-q{i}", article_id=aid, published_month="x", quote_index=i, text=f"words {i}",
                speaker=speaker, speaker_as_written=speaker, speaker_role=role, speaker_kind=speaker_kind, cue="said",
                cue_lemma="say", kind=kind, paragraph_index=0, start_char=0, end_char=1)


def place(aid, i, name, cc="BY"):
    return dict(place_mention_id=f"{aid}-p{i}", article_id=aid, published_month="x", mention_index=i, surface=name,
                name=name, kind="city", country_code=cc, geonames_id=1, latitude=53.9, longitude=27.5,
                is_demonym=False, is_dateline=False, start_char=0, end_char=len(name))


def credit(aid, i, name, orgs):
    return dict(credit_id=f"{aid}-c{i}", article_id=aid, published_month="x", credit_index=i, role="photo",
                name=name, organizations=orgs, raw="raw")


def write_table(curated: Path, table: str, rows: list[dict]) -> None:
    """Write rows as one hive partition (the layout the pipeline writes)."""
    schema = arrow_schema(TABLES[table])
    where = curated / table
    if "published_month" in schema.names:
        schema = schema.remove(schema.get_field_index("published_month"))
        rows = [{k: v for k, v in r.items() if k != "published_month"} for r in rows]
        where = where / "published_month=2020-08"
    where.mkdir(parents=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), where / "part-0.parquet")


def build_rows(folder: Path, **changes) -> Path:
    """Write the fixture's rows (with `changes`: table -> rows) as a snapshot in folder/snap and
    build the database beside it; returns the database."""
    d1, d2 = date(2020, 8, 19), date(2020, 8, 20)
    tables = {
        "articles": [article("a1", d1), article("a2", d2), article("a3", None)],
        "quotes": [quote("a1", 0, "Sergei Lavrov", "Foreign Minister"), quote("a1", 1, "Sergei Lavrov"),
                   quote("a2", 0, "Sergei Lavrov", "Foreign Minister"), quote("a2", 1, "Dmitry Peskov", "spokesman"),
                   quote("a2", 2, None), quote("a2", 3, "Dmitry Peskov", kind="indirect")],
        "places": [place("a1", 0, "Minsk"), place("a1", 1, "Minsk"), place("a2", 0, "Minsk"),
                   place("a2", 1, "Poland", "PL")],
        "credits": [credit("a1", 0, "Ann Lee", ["AP"])],
        "rejects": [dict(source_path="bad.md", source_locator="", content_hash=None, reason_code="empty",
                         reason="file is empty")],
        **changes,
    }
    for table, rows in tables.items():
        write_table(folder / "snap", table, rows)
    dbtbuild.build(folder / "newsdesk.duckdb", folder / "snap", snapshot_id="run-1")
    return folder / "newsdesk.duckdb"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = database.connect(build_rows(tmp_path_factory.mktemp("models")))
    yield connection
    connection.close()


def rows(con, sql):
    return con.sql(sql).fetchall()


def test_speakers_mart_counts_direct_and_partial_quotes_per_speaker(con):
    assert rows(con, "select speaker, usual_role, count_quotes, count_articles, first_quoted_date, last_quoted_date "
                     "from speakers") == [
        ("Sergei Lavrov", "Foreign Minister", 3, 2, date(2020, 8, 19), date(2020, 8, 20)),
        ("Dmitry Peskov", "spokesman", 1, 1, date(2020, 8, 20), date(2020, 8, 20)),
    ]


def test_place_mentions_daily_has_one_row_per_place_per_day(con):
    assert rows(con, "select published, name, count_mentions, count_articles from place_mentions_daily") == [
        (date(2020, 8, 19), "Minsk", 2, 1),
        (date(2020, 8, 20), "Minsk", 1, 1),
        (date(2020, 8, 20), "Poland", 1, 1),
    ]


def test_articles_summary_counts_children_and_keeps_articles_without_any(con):
    assert rows(con, "select article_id, count_quotes, count_speakers, count_place_mentions, count_places, "
                     "count_credits from articles_summary order by article_id") == [
        ("a1", 2, 1, 2, 1, 1), ("a2", 4, 2, 2, 2, 0), ("a3", 0, 0, 0, 0, 0),
    ]


@pytest.mark.parametrize("table", sorted(TABLES))
def test_staging_views_have_the_parquet_columns_under_the_parquet_names(con, table):
    columns = [row[0] for row in rows(con, f"describe stg_{table}")]
    assert columns == list(TABLES[table].model_fields)


def test_staging_views_expose_the_partition_key_as_text(con):
    assert rows(con, "select distinct published_month from stg_articles order by 1") == [("2020-08",)]


def test_the_build_records_its_snapshot_relative_to_the_database(con):
    assert rows(con, "select snapshot_id, snapshot from newsdesk_build") == [("run-1", "snap")]


@pytest.mark.parametrize("bad, failed_test", [
    ({"quotes": [quote("a9", 0, "Nobody")]}, "relationships_stg_quotes_article_id"),
    ({"places": [place("a1", 0, "Minsk", "by")]}, "matches_pattern_stg_places_country_code"),
    ({"credits": [credit("a1", 0, "Ann Lee", []), {**credit("a1", 1, "Bo Ek", []), "credit_id": "a1-c0"}]},
     "unique_stg_credits_credit_id"),
    ({"credits": [{**credit("a1", 0, "Ann Lee", []), "role": "ghostwriter"}]}, "accepted_values_stg_credits_role"),
])
def test_a_failing_data_test_fails_the_build_and_names_the_test(tmp_path, bad, failed_test):
    with pytest.raises(dbtbuild.BuildFailed) as failure:
        build_rows(tmp_path, **bad)
    assert any(name.startswith(failed_test) for name in failure.value.failed), failure.value.failed
    assert failed_test in str(failure.value)
    assert not list(tmp_path.glob("newsdesk.duckdb*"))  # nothing to rename into place, no temp file left


@pytest.mark.parametrize("there", ["there", "it's [a] *copy*"])  # quotes and glob characters: the views never name it
def test_a_database_moved_with_its_folder_still_reads(tmp_path, there):
    build_rows(tmp_path / "here")
    shutil.move(tmp_path / "here", tmp_path / there)
    con = database.connect(tmp_path / there / "newsdesk.duckdb")
    try:
        assert rows(con, "select count(*) from stg_articles") == [(3,)]
    finally:
        con.close()


def accepted_values(model: str, column: str) -> list[str]:
    spec = yaml.safe_load((dbtbuild.PROJECT_DIR / "models" / "staging" / "_staging.yml").read_text())
    columns = next(m["columns"] for m in spec["models"] if m["name"] == model)
    tests = next(c["data_tests"] for c in columns if c["name"] == column)
    return next(t["accepted_values"]["arguments"]["values"] for t in tests if "accepted_values" in t)


@pytest.mark.parametrize("model, column, expected", [
    ("stg_quotes", "kind", get_args(TABLES["quotes"].model_fields["kind"].annotation)),
    ("stg_credits", "role", ROLES),
    ("stg_rejects", "reason_code", get_args(RejectCode)),
])
def test_accepted_values_are_the_sets_the_code_writes(model, column, expected):
    assert sorted(accepted_values(model, column)) == sorted(expected)


def test_models_are_staging_then_marts():
    layers = [p.parent.name for p in dictionary.model_files()]
    assert layers == sorted(layers, key=["staging", "marts"].index)
    assert {"stg_articles", "speakers", "place_mentions_daily", "articles_summary"} <= {
        p.stem for p in dictionary.model_files()}


@pytest.mark.parametrize("snapshot, folder, expected", [
    ("/out/_snapshots/r1", "/out", "_snapshots/r1"),
    ("/out", "/out", "."),
    ("/elsewhere/r1", "/out", "/elsewhere/r1"),
])
def test_snapshot_path_is_relative_inside_the_database_folder(snapshot, folder, expected):
    assert dbtbuild.snapshot_path(Path(snapshot), Path(folder)) == expected


@pytest.mark.parametrize("limit, reported", [("256MB", "244.1 MiB"), ("1GB", "953.6 MiB")])
def test_the_build_runs_within_the_memory_limit(tmp_path, limit, reported):
    dictionary.write_empty_tables(tmp_path / "snap")
    dbtbuild.build(tmp_path / "newsdesk.duckdb", tmp_path / "snap", memory_limit=limit)
    assert database.build_record(tmp_path / "newsdesk.duckdb") is not None
    con = database.connect(tmp_path / "newsdesk.duckdb")
    try:
        assert rows(con, "select memory_limit from newsdesk_build") == [(reported,)]  # DuckDB reports MiB
    finally:
        con.close()
