"""The command line: arguments, output formats and exit codes (no Prefect: a tiny out dir is built directly)."""

import csv
import io
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from newsdesk import cli
from newsdesk.batch import process_paths

ARTICLE = """# Council Approves New Park

June 1, 2021

"This park is for everyone," Mayor Jane Holt said on Tuesday.

Original url:

<https://news.example.org/2021/06/01/park>
"""


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory, publish_rows) -> Path:
    raw = tmp_path_factory.mktemp("raw")
    (raw / "park.md").write_text(ARTICLE, encoding="utf-8")
    (raw / "empty.md").write_text("", encoding="utf-8")
    return publish_rows(process_paths(sorted(raw.iterdir()), raw), tmp_path_factory.mktemp("out"))


def run_cli(capsys, *argv):
    code = cli.main([str(a) for a in argv])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_sql_prints_a_readable_table(out_dir, capsys):
    code, out, _ = run_cli(capsys, "sql", "select title, outlet_domain from articles_summary", "--out-dir", out_dir)
    assert code == cli.EXIT_OK
    assert "Council Approves New Park" in out and "example.org" in out and "1 row" in out


def test_sql_csv(out_dir, capsys):
    code, out, _ = run_cli(capsys, "sql", "select reason_code from stg_rejects", "--format", "csv", "--out-dir", out_dir)
    assert code == cli.EXIT_OK
    assert list(csv.reader(io.StringIO(out))) == [["reason_code"], ["empty"]]


def test_sql_csv_writes_lists_as_json_arrays(out_dir, capsys):
    query = "select ['AP', 'Agence France-Presse'] as organizations, [] as none, null as missing"
    code, out, _ = run_cli(capsys, "sql", query, "--format", "csv", "--out-dir", out_dir)
    assert code == cli.EXIT_OK
    header, row = list(csv.reader(io.StringIO(out)))
    assert header == ["organizations", "none", "missing"]
    assert json.loads(row[0]) == ["AP", "Agence France-Presse"] and row[1:] == ["[]", ""]


@pytest.mark.parametrize("query, expected", [
    ("select article_id, word_count > 5 as long from stg_articles", [{"article_id": "*", "long": True}]),
    ("select 1 as n where false", []),
    ("select date '2021-06-01' as published, ['a'] as tags", [{"published": "2021-06-01", "tags": ["a"]}]),
])
def test_sql_json_is_one_array(out_dir, capsys, query, expected):
    code, out, _ = run_cli(capsys, "sql", query, "--format", "json", "--out-dir", out_dir)
    rows = json.loads(out)
    assert code == cli.EXIT_OK and isinstance(rows, list) and len(rows) == len(expected)
    for got, want in zip(rows, expected):
        assert got == {k: got[k] if v == "*" else v for k, v in want.items()}


def test_sql_jsonl_is_one_object_per_line(out_dir, capsys):
    code, out, _ = run_cli(capsys, "sql", "select * from (values (1, 'a'), (2, 'b')) t(n, s)", "--format", "jsonl",
                           "--out-dir", out_dir)
    assert code == cli.EXIT_OK and [json.loads(line) for line in out.splitlines()] == [
        {"n": 1, "s": "a"}, {"n": 2, "s": "b"}]


def test_sql_uses_the_parquet_column_names(out_dir, capsys):
    query = ("select a.published, q.text, q.kind from stg_quotes q join stg_articles a using (article_id) "
             "where q.speaker = 'Jane Holt'")
    code, out, _ = run_cli(capsys, "sql", query, "--format", "jsonl", "--out-dir", out_dir)
    row = json.loads(out.splitlines()[0])
    assert code == cli.EXIT_OK and row == {"published": "2021-06-01", "text": row["text"], "kind": "direct"}
    assert "This park is for everyone" in row["text"]


def test_sql_from_file_to_parquet(out_dir, tmp_path, capsys):
    query = tmp_path / "q.sql"
    query.write_text("select 42 as answer", encoding="utf-8")
    target = tmp_path / "answer.parquet"
    code, _, _ = run_cli(capsys, "sql", "-f", query, "--format", "parquet", "-o", target, "--out-dir", out_dir)
    assert code == cli.EXIT_OK and pq.read_table(target).to_pylist() == [{"answer": 42}]


@pytest.mark.parametrize("argv, code, message", [
    (["sql", "select nonsense from nowhere"], cli.EXIT_FAILED, "nowhere"),
    (["sql"], cli.EXIT_USAGE, "give a query"),
    (["sql", "drop table speakers"], cli.EXIT_USAGE, "refused: drop"),
])
def test_sql_errors_are_one_line_and_coded(out_dir, capsys, argv, code, message):
    got, _, err = run_cli(capsys, *argv, "--out-dir", out_dir)
    assert got == code and message in err


def test_sql_without_a_database_says_what_to_do(tmp_path, capsys):
    code, _, err = run_cli(capsys, "sql", "select 1", "--out-dir", tmp_path)
    assert code == cli.EXIT_NO_DATABASE and "newsdesk run" in err


def test_run_refuses_a_missing_raw_dir(tmp_path, capsys):
    code, _, err = run_cli(capsys, "run", "--raw-dir", tmp_path / "nope", "--out-dir", tmp_path / "out")
    assert code == cli.EXIT_USAGE and "does not exist" in err


def test_help_lists_every_command(capsys):
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["--help"])
    out = capsys.readouterr().out
    assert exit_info.value.code == 0
    for command in ("run", "sql", "serve"):
        assert command in out


@pytest.mark.parametrize("raw, message", [
    ("s3://", "needs a bucket"),
    ("file://otherhost/raw", "another host"),
])
def test_run_refuses_a_malformed_location(tmp_path, capsys, raw, message):
    code, _, err = run_cli(capsys, "run", "--raw-dir", raw, "--out-dir", tmp_path / "out")
    assert code == cli.EXIT_USAGE and message in err


def test_run_refuses_a_missing_file_uri(tmp_path, capsys):
    code, _, err = run_cli(capsys, "run", "--raw-dir", (tmp_path / "nope").as_uri(), "--out-dir", tmp_path / "out")
    assert code == cli.EXIT_USAGE and "does not exist" in err


@pytest.mark.parametrize("out_dir, db_dir, tables, database", [
    ("data/curated", None, "data/curated/{articles,", "database: data/curated/newsdesk.duckdb"),
    ("s3://news/curated", "data/db", "s3://news/curated/_snapshots/run-7/", "database: data/db/newsdesk.duckdb"),
])
def test_run_summary_says_where_tables_and_database_are(capsys, out_dir, db_dir, tables, database):
    summary = {"run_id": "run-7", "seconds": 1.0, "files_seen": 1, "inputs_seen": 1, "articles": 1, "quotes": 0,
               "places": 0, "credits": 0, "rejects": 0, "duplicates": 0, "rejects_by_reason": {}, "reconciled": True}
    cli.print_summary(summary, out_dir, db_dir)
    out = " ".join(capsys.readouterr().out.split())
    assert f"tables: {tables}" in out and database in out
