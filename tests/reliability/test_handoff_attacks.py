"""The hand-off under careless or hostile hands: `newsdesk sql` reads the out dir and nothing else
and writes nowhere; `export --force` never deletes what is not an earlier export; a database moved
or copied with its folder still reads, and a stale one is rebuilt by the next run; what
`newsdesk sql` prints cannot act on the terminal; a failing dbt data test publishes nothing. Each
test failed before these were fixed.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from newsdesk import cli, database, dbtbuild
from reliability_helpers import small_article, write_articles

ESCAPES = "\x1b[2J\x1b]0;owned\x07"  # clear the screen, retitle the window, ring the bell
ARTICLES = 6


@pytest.fixture(scope="module")
def published(newsdesk, tmp_path_factory) -> dict[str, Path]:
    """An out dir published by a real run over a few articles, one of them under a file name that
    carries terminal escape sequences."""
    root = tmp_path_factory.mktemp("handoff")
    raw, out = root / "raw", root / "out"
    write_articles(raw, 0, ARTICLES - 1)
    (raw / f"evil{ESCAPES}.md").write_text(small_article(99).replace("item 99", "item evil"), encoding="utf-8")
    newsdesk.run(raw, out)
    return {"root": root, "raw": raw, "out": out}


def sql(capsys, out: Path, query: str, *extra: str) -> tuple[int, str, str]:
    code = cli.main(["sql", query, "--out-dir", str(out), *extra])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def snapshot_files(out: Path) -> set[Path]:
    return {p for p in (out / "_snapshots").rglob("*")}


# --- ad-hoc SQL reads the out dir and nothing else, and writes nowhere -----------------------

def test_the_sample_file_names_are_as_intended(published):
    assert any("\x1b" in p.name for p in published["raw"].iterdir())


@pytest.mark.parametrize("target", ["{tmp}/escaped.csv", "{out}/current/articles/injected.parquet",
                                    "{out}/_snapshots/injected.csv"])
def test_sql_cannot_copy_to_any_file(published, capsys, target):
    before = snapshot_files(published["out"])
    path = target.format(tmp=published["root"], out=published["out"])
    code, _, err = sql(capsys, published["out"], f"copy (select * from stg_articles) to '{path}'")
    assert code == cli.EXIT_USAGE and "refused: copy" in err
    assert not Path(path).exists() and snapshot_files(published["out"]) == before


@pytest.mark.parametrize("query", [
    "select * from read_csv('/etc/passwd')",
    "select * from read_text('/etc/hostname')",
    "select * from read_text('{raw}/000/article-00001.md')",
    "select * from read_blob('{out}/../raw/000/article-00001.md')",
    "select * from read_text('_snapshots/../../raw/000/article-00001.md')",
])
def test_sql_cannot_read_files_outside_the_out_dir(published, capsys, query):
    code, printed, err = sql(capsys, published["out"], query.format(raw=published["raw"], out=published["out"]))
    assert code == cli.EXIT_FAILED and "Permission Error" in err and printed == ""


@pytest.mark.parametrize("query, refused", [
    ("attach '{root}/rw.duckdb' as rw (read_only false)", "attach"),
    ("install httpfs", "load"),
    ("load httpfs", "load"),
    ("set enable_external_access = true", "set"),
    ("select 1; copy (select 1) to '{root}/second.csv'", "copy"),
    ("export database '{root}/dump'", "export"),
])
def test_sql_cannot_attach_install_or_reconfigure(published, capsys, query, refused):
    code, _, err = sql(capsys, published["out"], query.format(root=published["root"]))
    assert code == cli.EXIT_USAGE and f"refused: {refused}" in err
    assert not list(published["root"].glob("rw.duckdb*")) and not (published["root"] / "second.csv").exists()


@pytest.mark.parametrize("statement, error", [
    ("set enable_external_access = true", "configuration has been locked"),
    ("set allowed_directories = ['/']", "configuration has been locked"),
    ("install httpfs", "disabled"),
    ("copy (select 1) to '{root}/outside.csv'", "Permission Error"),
])
def test_the_connection_itself_is_sandboxed(published, statement, error):
    """The second wall, behind the statement check: DuckDB's own settings, locked."""
    con = database.connect(published["out"] / "newsdesk.duckdb")
    try:
        with pytest.raises(duckdb.Error, match=error):
            con.execute(statement.format(root=published["root"]))
    finally:
        con.close()
    assert not (published["root"] / "outside.csv").exists()


def test_the_views_still_read_inside_the_sandbox(published, capsys):
    code, printed, _ = sql(capsys, published["out"], "select count(*) from stg_articles", "--format", "csv")
    assert code == cli.EXIT_OK and printed.splitlines()[1] == str(ARTICLES)


# --- what reaches the terminal --------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["table", "csv"])
def test_sql_output_strips_control_characters(published, capsys, fmt):
    code, printed, _ = sql(capsys, published["out"],
                           "select source_path, title from stg_articles where title like '%evil%'", "--format", fmt)
    assert code == cli.EXIT_OK and "item evil" in printed
    assert fmt != "csv" or "evil[2J]0;owned.md" in printed
    assert not any(char in printed for char in "\x1b\x07\x9b\r")


def test_sql_errors_strip_control_characters(published, capsys):
    code, _, err = sql(capsys, published["out"], f"select * from stg_articles where {ESCAPES} = 1")
    assert code != cli.EXIT_OK and "\x1b" not in err and "\x07" not in err


def test_a_file_written_with_o_keeps_the_data_as_is(published, capsys, tmp_path):
    target = tmp_path / "paths.csv"
    code, _, _ = sql(capsys, published["out"], "select source_path from stg_articles", "--format", "csv",
                     "-o", str(target))
    assert code == cli.EXIT_OK and f"evil{ESCAPES}.md" in target.read_text(encoding="utf-8")


# --- a failing data test blocks the publish ------------------------------------------------

def test_a_failing_data_test_keeps_readers_on_the_previous_snapshot(newsdesk, published, capsys, tmp_path):
    project = tmp_path / "sql"
    shutil.copytree(dbtbuild.PROJECT_DIR, project)
    (project / "tests").mkdir()
    (project / "tests" / "articles_are_in_latin.sql").write_text(
        "select article_id from {{ ref('stg_articles') }} where language is distinct from 'la'\n")
    out = tmp_path / "out"
    shutil.copytree(published["out"], out, symlinks=True)
    before = (out / "current").resolve()
    proc, _ = newsdesk.run(published["raw"], out, "--full", env={"NEWSDESK_SQL_DIR": str(project)}, check=False)
    assert proc.returncode == cli.EXIT_FAILED
    assert "newsdesk run: dbt: articles_are_in_latin did not pass; the new snapshot was not published" in proc.stderr
    assert (out / "current").resolve() == before and database.built_from(out / "newsdesk.duckdb") == before.name
    code, printed, _ = sql(capsys, out, "select count(*) from stg_articles", "--format", "csv")
    assert code == cli.EXIT_OK and printed.splitlines()[1] == str(ARTICLES)


# --- a database moved or copied with its folder ---------------------------------------------

def test_a_copied_out_dir_answers_sql_from_anywhere(published, capsys, tmp_path, monkeypatch):
    copy = tmp_path / "elsewhere" / "curated"
    shutil.copytree(published["out"], copy, symlinks=True)
    monkeypatch.chdir(tmp_path)
    code, printed, err = sql(capsys, copy, "select (select count(*) from stg_articles), (select count(*) from "
                                           "articles_summary)", "--format", "csv")
    assert code == cli.EXIT_OK, err
    assert printed.splitlines()[1] == f"{ARTICLES},{ARTICLES}"


def test_the_next_run_on_a_moved_out_dir_keeps_it_readable(newsdesk, published, capsys, tmp_path):
    moved = tmp_path / "moved"
    shutil.copytree(published["out"], moved, symlinks=True)
    proc, _ = newsdesk.run(published["raw"], moved)
    assert "nothing changed since run" in proc.stdout  # nothing is stale: the views name the snapshot relatively
    assert sql(capsys, moved, "select count(*) from stg_quotes")[0] == cli.EXIT_OK


@pytest.mark.parametrize("record", [
    "select '{run_id}' as snapshot_id",  # built by a newsdesk whose views held absolute paths
    "select '{run_id}' as snapshot_id, '_snapshots/{run_id}' as snapshot",  # right record, broken views
])
def test_a_stale_database_is_rebuilt_by_the_next_run(newsdesk, published, capsys, tmp_path, record):
    before, moved = tmp_path / "before", tmp_path / "moved"
    shutil.copytree(published["out"], before, symlinks=True)
    run_id = (before / "current").resolve().name
    db = before / "newsdesk.duckdb"
    db.unlink()
    con = duckdb.connect(str(db))  # a database whose views name the snapshot by its absolute path
    for table in ("articles", "quotes", "places", "credits", "rejects"):
        con.execute(f"create view stg_{table} as select * from read_parquet("
                    f"'{before}/_snapshots/{run_id}/{table}/**/*.parquet', union_by_name = true)")
    con.execute(f"create table newsdesk_build as {record.format(run_id=run_id)}")
    con.close()
    shutil.move(before, moved)
    proc, _ = newsdesk.run(published["raw"], moved)
    assert "nothing changed since run" not in proc.stdout  # the flow ran, and rebuilt the database
    rebuilt = moved / "newsdesk.duckdb"
    assert database.build_record(rebuilt) == database.BuildRecord(run_id, f"_snapshots/{run_id}")
    assert database.views_read(rebuilt)
    code, printed, err = sql(capsys, moved, "select count(*) from stg_articles", "--format", "csv")
    assert code == cli.EXIT_OK and printed.splitlines()[1] == str(ARTICLES), err


# --- export --force replaces only an earlier export -----------------------------------------

def export(*argv: str) -> int:
    return cli.main(["export", *argv])


@pytest.mark.parametrize("victim", ["thesis", "out", "raw", "root"])
def test_export_force_never_replaces_what_is_not_an_export(published, capsys, tmp_path, victim):
    thesis = tmp_path / "thesis"
    thesis.mkdir()
    (thesis / "chapter1.tex").write_text("years of work")
    dest = {"thesis": thesis, "out": published["out"], "raw": published["raw"], "root": published["root"]}[victim]
    before = sorted(p.name for p in dest.iterdir())
    assert export("--out-dir", str(published["out"]), "--to", str(dest), "--force") == cli.EXIT_USAGE
    assert "newsdesk export:" in capsys.readouterr().err
    assert sorted(p.name for p in dest.iterdir()) == before
    assert (thesis / "chapter1.tex").read_text() == "years of work"


def test_export_to_the_current_folder_is_refused_in_a_sentence(published, capsys, tmp_path, monkeypatch):
    here = tmp_path / "here"
    here.mkdir()
    monkeypatch.chdir(here)
    for extra in ([], ["--force"]):
        assert export("--out-dir", str(published["out"]), "--to", ".", *extra) == cli.EXIT_USAGE
        assert "current folder" in capsys.readouterr().err
    assert here.is_dir()


def test_export_force_replaces_an_earlier_export_but_not_one_with_other_files(published, capsys, tmp_path):
    dest = tmp_path / "handoff"
    assert export("--out-dir", str(published["out"]), "--to", str(dest)) == cli.EXIT_OK
    assert export("--out-dir", str(published["out"]), "--to", str(dest), "--force") == cli.EXIT_OK
    (dest / "my-notes.txt").write_text("mine")
    assert export("--out-dir", str(published["out"]), "--to", str(dest), "--force") == cli.EXIT_USAGE
    assert (dest / "my-notes.txt").read_text() == "mine" and (dest / "export.json").is_file()
