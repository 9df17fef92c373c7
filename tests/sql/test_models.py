"""SQL models on tiny given rows: golden outputs, keys and relationships, in an in-memory DuckDB."""

from datetime import date
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from newsdesk.sqlmodels import model_files, render, run_models
from schemas import TABLES, arrow_schema


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
                is_demonym=False, start_char=0, end_char=len(name))


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


@pytest.fixture
def con(tmp_path):
    d1, d2 = date(2020, 8, 19), date(2020, 8, 20)
    write_table(tmp_path, "articles", [article("a1", d1), article("a2", d2), article("a3", None)])
    write_table(tmp_path, "quotes", [
        quote("a1", 0, "Sergei Lavrov", "Foreign Minister"), quote("a1", 1, "Sergei Lavrov"),
        quote("a2", 0, "Sergei Lavrov", "Foreign Minister"), quote("a2", 1, "Dmitry Peskov", "spokesman"),
        quote("a2", 2, None), quote("a2", 3, "Dmitry Peskov", kind="indirect"),
    ])
    write_table(tmp_path, "places", [place("a1", 0, "Minsk"), place("a1", 1, "Minsk"), place("a2", 0, "Minsk"),
                                     place("a2", 1, "Poland", "PL")])
    write_table(tmp_path, "credits", [credit("a1", 0, "Ann Lee", ["AP"])])
    write_table(tmp_path, "rejects", [dict(source_path="bad.md", source_locator="", content_hash=None,
                                           reason_code="empty", reason="file is empty")])
    connection = duckdb.connect()
    run_models(connection, tmp_path)
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
    assert rows(con, "select published_date, place_name, count_mentions, count_articles "
                     "from place_mentions_daily") == [
        (date(2020, 8, 19), "Minsk", 2, 1),
        (date(2020, 8, 20), "Minsk", 1, 1),
        (date(2020, 8, 20), "Poland", 1, 1),
    ]


def test_articles_summary_counts_children_and_keeps_articles_without_any(con):
    assert rows(con, "select article_id, count_quotes, count_speakers, count_place_mentions, count_places, "
                     "count_credits from articles_summary order by article_id") == [
        ("a1", 2, 1, 2, 1, 1), ("a2", 4, 2, 2, 2, 0), ("a3", 0, 0, 0, 0, 0),
    ]


@pytest.mark.parametrize("table, key", [("articles_summary", "article_id"), ("speakers", "speaker"),
                                        ("stg_quotes", "quote_id"), ("stg_places", "place_mention_id")])
def test_keys_are_unique_and_not_null(con, table, key):
    assert rows(con, f"select count(*) - count(distinct {key}) from {table}") == [(0,)]


@pytest.mark.parametrize("child", ["stg_quotes", "stg_places", "stg_credits"])
def test_every_child_row_belongs_to_an_article(con, child):
    assert rows(con, f"select count(*) from {child} left join stg_articles using (article_id) "
                     "where stg_articles.article_id is null") == [(0,)]


def test_staging_views_expose_the_partition_key_as_text(con):
    assert rows(con, "select distinct published_month from stg_articles") == [("2020-08",)]


def test_render_quotes_paths_safely(tmp_path):
    odd = tmp_path / "it's here"
    assert "it''s here" in render("select '{{ curated }}'", odd)


def test_models_are_staging_then_marts():
    layers = [p.parent.name for p in model_files()]
    assert layers == sorted(layers, key=["staging", "marts"].index)
    assert {"stg_articles", "speakers", "place_mentions_daily", "articles_summary"} <= {p.stem for p in model_files()}


@pytest.mark.parametrize("limit", ["256MB", "1GB"])
def test_build_connection_bounds_duckdb_memory(tmp_path, limit):
    from newsdesk import sqlmodels

    con = sqlmodels.connect_for_build(tmp_path / "x.duckdb", limit)
    try:
        budget = con.execute("select current_setting('memory_limit')").fetchone()[0]
    finally:
        con.close()
    expected = {"256MB": "244.1 MiB", "1GB": "953.6 MiB"}[limit]  # DuckDB reports in MiB
    assert budget == expected
