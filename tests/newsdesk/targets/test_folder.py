"""A local out folder: leftovers of killed runs removed, old snapshots pruned, never the current one."""

from newsdesk.targets import LocalFolder


def test_remove_leftovers_clears_staging_and_unpublished_snapshots(tmp_path):
    out = tmp_path
    for name in ("20200101T000000-1", "20200102T000000-2", "20200103T000000-3", "20200103T000001-4.tmp"):
        (out / "_snapshots" / name).mkdir(parents=True)
    (out / "_staging" / "20200103T000000-3" / "batch-00000").mkdir(parents=True)
    (out / "current").symlink_to("_snapshots/20200102T000000-2")
    LocalFolder(out).remove_leftovers()
    assert sorted(p.name for p in (out / "_snapshots").iterdir()) == ["20200101T000000-1", "20200102T000000-2"]
    assert not (out / "_staging").exists()


def test_remove_leftovers_before_any_published_run_keeps_nothing(tmp_path):
    (tmp_path / "_snapshots" / "20200101T000000-1").mkdir(parents=True)
    LocalFolder(tmp_path).remove_leftovers()
    assert not list((tmp_path / "_snapshots").iterdir())


def test_prune_keeps_the_newest_and_the_current_snapshot(tmp_path):
    names = ("20200101T000000-1", "20200102T000000-2", "20200103T000000-3", "20200104T000000-4")
    for name in (*names, "20200105T000000-5.tmp"):
        (tmp_path / "_snapshots" / name).mkdir(parents=True)
    (tmp_path / "current").symlink_to("_snapshots/20200101T000000-1")  # an old one readers still use
    LocalFolder(tmp_path).prune(keep=2)
    assert sorted(p.name for p in (tmp_path / "_snapshots").iterdir()) == [names[0], *names[2:]]


def test_current_needs_a_manifest(tmp_path):
    folder = LocalFolder(tmp_path)
    assert folder.current() is None and folder.linked() is None
    (tmp_path / "_snapshots" / "run-1").mkdir(parents=True)
    folder.point_current(tmp_path / "_snapshots" / "run-1")
    assert folder.current() is None and folder.linked() == tmp_path / "_snapshots" / "run-1"
    (tmp_path / "_snapshots" / "run-1" / "manifest.parquet").write_bytes(b"")
    assert folder.current() == tmp_path / "_snapshots" / "run-1"
    assert (tmp_path / "articles").resolve() == tmp_path / "_snapshots" / "run-1" / "articles"
