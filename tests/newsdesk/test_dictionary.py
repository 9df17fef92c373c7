"""The data dictionary is generated, committed and current; Parquet files carry the descriptions."""

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsdesk import dictionary
from newsdesk.batch import BatchRows
from newsdesk.storage import write_snapshot, write_staging
from schemas import SCHEMA_VERSION, TABLES

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    return dictionary.generated_files()


def test_committed_docs_are_current(generated):
    stale = dictionary.stale_files(REPO / "docs", generated)
    assert not stale, f"stale generated docs {stale}: run `newsdesk docs` and commit docs/"


def test_every_table_and_model_is_documented(generated):
    text = generated["data-dictionary.md"]
    for table in TABLES:
        assert f"### {table}\n" in text
        assert f"schemas/{table}.json" in generated
    for name in ("stg_articles", "stg_quotes", "speakers", "place_mentions_daily", "articles_summary"):
        assert f"### {name}\n" in text
    assert f"Schema version **{SCHEMA_VERSION}**" in text


def test_sql_models_have_grain_and_typed_columns():
    models = {m.name: m for m in dictionary.sql_models()}
    speakers = models["speakers"]
    assert speakers.grain.lower().startswith("one row per speaker")
    types = {c.name: c.type for c in speakers.columns}
    assert types["count_quotes"] == "BIGINT" and types["first_quoted_date"] == "DATE"
    described = {c.name: c.description for c in models["stg_quotes"].columns}
    assert described["text"] == TABLES["quotes"].model_fields["text"].description  # the Parquet name


@pytest.mark.parametrize("sql, expected", [
    ("select\n    text as quote_text,\n    speaker\nfrom source", {"quote_text": "T", "speaker": "S"}),
    ("select cast(published as date) as published_date from source", {"published_date": "P"}),
    ("select count(*) as count_rows,  -- rows seen\n  from x", {"count_rows": "rows seen"}),
    ("select min(p.published) as first_date from x", {"first_date": "Computed as `min(p.published)`."}),
])
def test_column_lineage(sql, expected):
    known = {"text": "T", "speaker": "S", "published": "P"}
    assert dictionary.column_lineage(sql, known) == expected


def test_json_schemas_describe_every_column(generated):
    for table, model in TABLES.items():
        schema = json.loads(generated[f"schemas/{table}.json"])
        assert schema["x-newsdesk-schema-version"] == SCHEMA_VERSION
        assert list(schema["properties"]) == list(model.model_fields)
        assert all(prop.get("description") for prop in schema["properties"].values())


def test_check_mode_reports_stale_files(tmp_path, generated):
    assert dictionary.main([str(tmp_path), "--check"]) == 1
    dictionary.write_docs(tmp_path, generated)
    assert dictionary.stale_files(tmp_path, generated) == []
    (tmp_path / "schemas" / "gone.json").write_text("{}")
    assert dictionary.stale_files(tmp_path, generated) == ["schemas/gone.json"]


def test_written_parquet_carries_descriptions_and_version(tmp_path):
    article = {
        "article_id": "a1", "source_path": "a1.md", "content_hash": "0" * 64, "input_format": "markdown",
        "encoding": "utf-8", "title": "T", "published_month": "2024-05", "body": "Body text.",
        "word_count": 2, "paragraph_count": 1,
    }
    row = TABLES["articles"].model_validate(article).model_dump(mode="python")
    batch = write_staging(BatchRows(articles=[row]).tables(), tmp_path / "staging" / "batch-00000")
    write_snapshot([batch], tmp_path / "snap")
    files = sorted((tmp_path / "snap" / "articles").rglob("*.parquet"))
    assert files, "no Parquet file written"
    schema = pq.read_schema(files[0])
    assert schema.metadata[b"newsdesk.schema_version"].decode() == SCHEMA_VERSION
    for name in ("article_id", "body", "word_count"):
        expected = TABLES["articles"].model_fields[name].description
        assert schema.field(name).metadata[b"description"].decode() == expected


def test_docs_command_writes_then_checks(tmp_path):
    from newsdesk.cli import main

    assert main(["docs", "--docs-dir", str(tmp_path), "--check"]) == 1  # nothing there yet: stale
    assert main(["docs", "--docs-dir", str(tmp_path)]) == 0
    assert main(["docs", "--docs-dir", str(tmp_path), "--check"]) == 0
    assert (tmp_path / "data-dictionary.md").is_file() and (tmp_path / "schemas" / "quotes.json").is_file()
