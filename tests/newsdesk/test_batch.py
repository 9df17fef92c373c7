"""A batch: files in, validated rows per table out, staged as Parquet with the time per stage."""

from newsdesk import batch, storage
from tests.newsdesk.test_incremental import write


def test_stage_paths_reports_time_per_stage(tmp_path):
    raw = tmp_path / "raw"
    write(raw, "a.md", "alpha")
    (raw / "empty.md").write_text("")
    facts = batch.stage_paths([raw / "a.md", raw / "empty.md"], raw, tmp_path / "staging", 0)
    assert facts["files"] == 2 and facts["batch_dir"] == tmp_path / "staging" / "batch-00000"
    assert {"ingest", "process", "validate", "stage"} <= set(facts["seconds"])
    counts = {t: storage.staged([facts["batch_dir"]], t).count_rows() for t in ("articles", "rejects", "manifest")}
    assert counts == {"articles": 1, "rejects": 1, "manifest": 2}


def test_child_rows_carry_the_source_key_of_their_input(tmp_path):
    raw = tmp_path / "raw"
    write(raw, "d/a.md", "alpha")
    rows = batch.process_paths([raw / "d" / "a.md"], raw)
    assert rows.quotes and {q["_source"] for q in rows.quotes} == {"d/a.md"}
    assert set(rows.tables()) == {"articles", "quotes", "places", "credits", "rejects", "manifest"}
