"""Storage: staged batches become one complete, hive-partitioned snapshot, switched atomically."""

import pyarrow.parquet as pq
import pytest

from newsdesk import storage
from tests.newsdesk.test_incremental import ARTICLE, run, write  # noqa: F401 - shared helpers


def test_snapshot_is_partitioned_by_month_and_counted(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write(raw, "a.md", "alpha")
    (raw / "b.md").write_text(ARTICLE.format(title="Other", town="Dover", slug="bravo").replace("2021", "2020"))
    run(raw, out)
    snap = (out / "current").resolve()
    assert sorted(p.name for p in (snap / "articles").iterdir()) == ["published_month=2020-03",
                                                                     "published_month=2021-03"]
    counts = storage.snapshot_counts(snap)
    assert (counts["articles"], counts["files"], counts["inputs"]) == (2, 2, 2)


def test_the_table_links_follow_the_current_snapshot(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    write(raw, "a.md", "alpha")
    run(raw, out)
    first = (out / "current").resolve()
    write(raw, "b.md", "bravo")
    run(raw, out)
    assert (out / "current").resolve() != first and first.is_dir()  # the old snapshot stays readable
    assert (out / "articles").resolve() == (out / "current").resolve() / "articles"
    assert storage.published(out / "current", "articles").count_rows() == 2


def test_an_empty_run_still_has_every_column(tmp_path):
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    run(raw, out)
    files = list((out / "current" / "quotes").rglob("*.parquet"))
    assert files and "speaker" in pq.read_schema(files[0]).names


def candidates(rows):
    """A candidates table from (article_id, source_path, is_carried) triples."""
    import pyarrow as pa

    ids, paths, carried = zip(*rows) if rows else ((), (), ())
    return pa.table({"article_id": pa.array(ids, pa.string()), "source_path": pa.array(paths, pa.string()),
                     "source_locator": pa.array([""] * len(ids), pa.string()),
                     "content_hash": pa.array(["h"] * len(ids), pa.string()),
                     "is_carried": pa.array(carried, pa.bool_())})


@pytest.mark.parametrize("rows, expected", [
    ([], []),
    ([("a", "x.md", False), ("b", "y.md", False)], []),  # no id twice: nothing leaves Arrow
    ([("a", "b/2.md", False), ("c", "c.md", False), ("a", "a.md", True)],
     [("a", "a.md", True), ("a", "b/2.md", False)]),  # by path, whatever the input order
    ([("a", "z.md", False), ("a", "z.md", False), ("b", "a/10.md", False), ("b", "a/9.md", False)],
     [("b", "a/10.md", False), ("b", "a/9.md", False), ("a", "z.md", False), ("a", "z.md", False)]),
])
def test_clashing_keeps_only_repeated_ids_in_input_order(rows, expected):
    got = storage.clashing(candidates(rows))
    assert [(r[2], r[3], r[6]) for r in got] == expected
    orders = [r[1] for r in got]
    assert all(rows[i][:2] == (r[2], r[3]) for i, r in zip(orders, got))  # order points back at the input row
