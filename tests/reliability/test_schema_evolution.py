"""Schema evolution: Parquet written by an older version (fewer columns) and by a newer one (an added
column) sit side by side in one table; DuckDB (union_by_name, as sql/staging does), the SQL models
and pyarrow readers all read both."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest

from newsdesk import database, dbtbuild
from newsdesk.pipeline import process_text
from schemas import TABLES, arrow_schema

OLD_VERSION_LACKS = ("outlet_domain", "image_caption")  # columns an older release did not write
NEW_COLUMN = "section"  # a column a newer release adds
TEXT = ("# Tram line opens\n\nPublished {day}\n\nThe mayor of Paris said on Monday that \u201cthe tram will run "
        "all night,\u201d adding that Lyon would follow.\n\nOriginal url:\n\n<https://www.example.com/news/{slug}>\n")


def rows(day: str, slug: str):
    result = process_text(TEXT.format(day=day, slug=slug), f"{slug}.md")
    assert result.article is not None, result.reject
    return result


def write_partition(root: Path, table: str, records: list[dict], schema: pa.Schema) -> None:
    """Hive layout like a snapshot: the partition key is in the directory name, not in the file."""
    for month in sorted({r["published_month"] for r in records}) or ["unknown"]:
        part = [{k: v for k, v in r.items() if k != "published_month"} for r in records if r["published_month"] == month]
        where = root / table / f"published_month={month}"
        where.mkdir(parents=True, exist_ok=True)
        file_schema = schema.remove(schema.get_field_index("published_month"))
        pq.write_table(pa.Table.from_pylist(part, schema=file_schema), where / f"part-{len(list(where.iterdir()))}.parquet")


@pytest.fixture
def mixed_snapshot(tmp_path) -> Path:
    """A snapshot whose articles span an old-version file and a new-version file."""
    old, new = rows("March 3, 2020", "old-tram"), rows("May 3, 2021", "new-tram")
    snap = tmp_path / "snapshot"
    schema = arrow_schema(TABLES["articles"])
    old_schema = pa.schema([f for f in schema if f.name not in OLD_VERSION_LACKS])
    old_article = {k: v for k, v in old.article.items() if k not in OLD_VERSION_LACKS}
    write_partition(snap, "articles", [old_article], old_schema)
    new_schema = schema.append(pa.field(NEW_COLUMN, pa.string()))
    write_partition(snap, "articles", [{**new.article, NEW_COLUMN: "city"}], new_schema)
    for table in ("quotes", "places", "credits"):
        write_partition(snap, table, getattr(old, table) + getattr(new, table), arrow_schema(TABLES[table]))
    (snap / "rejects").mkdir()
    pq.write_table(arrow_schema(TABLES["rejects"]).empty_table(), snap / "rejects" / "part-0.parquet")
    return snap


def test_staging_views_read_old_and_new_files(mixed_snapshot, tmp_path):
    dbtbuild.build(tmp_path / "newsdesk.duckdb", mixed_snapshot)
    con = database.connect(tmp_path / "newsdesk.duckdb")
    got = con.execute("select published_month, outlet_domain, image_caption from stg_articles "
                      "order by published_month").fetchall()
    assert got == [("2020-03", None, None), ("2021-05", "example.com", None)]


def test_new_column_is_readable_and_null_in_old_files(mixed_snapshot):
    con = duckdb.connect()
    got = con.execute(f"select published_month, {NEW_COLUMN} from read_parquet("
                      f"'{mixed_snapshot}/articles/**/*.parquet', hive_partitioning = true, union_by_name = true) "
                      "order by published_month").fetchall()
    assert got == [("2020-03", None), ("2021-05", "city")]


def test_the_whole_database_builds_over_mixed_versions(mixed_snapshot, tmp_path):
    built = dbtbuild.build(tmp_path / "newsdesk.duckdb", mixed_snapshot)
    assert "stg_articles" in built.views and built.tables
    con = database.connect(tmp_path / "newsdesk.duckdb")
    assert con.execute("select count(*) from stg_articles").fetchall() == [(2,)]
    for mart in built.tables:
        con.execute(f"select count(*) from {mart}").fetchall()  # every mart reads the mixed files


def test_pyarrow_readers_unify_the_versions(mixed_snapshot):
    files = sorted((mixed_snapshot / "articles").rglob("*.parquet"))
    schema = pa.unify_schemas([pq.read_schema(f) for f in files] + [pa.schema([("published_month", pa.string())])])
    table = ds.dataset(mixed_snapshot / "articles", format="parquet", partitioning="hive", schema=schema).to_table()
    by_month = {r["published_month"]: r for r in table.to_pylist()}
    assert by_month["2020-03"]["outlet_domain"] is None and by_month["2020-03"][NEW_COLUMN] is None
    assert by_month["2021-05"][NEW_COLUMN] == "city"
