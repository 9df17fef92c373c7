"""Raw sources: every path the listing can meet ends as a file to read or a reject that says why
(links not followed out of the raw dir or into folders, folders that cannot be listed, names that
are not UTF-8, paths too long, reads that fail)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from newsdesk.ingest import read_raw
from newsdesk.sources import LocalFiles, is_listed_below, readable

ARTICLE = "# Ferry back\n\nMarch 3, 2021\n\nThe harbour ferry resumed service on Wednesday.\n"


@pytest.fixture()
def raw(tmp_path) -> Path:
    raw = tmp_path / "raw"
    (raw / "news").mkdir(parents=True)
    (raw / "news" / "ferry.md").write_text(ARTICLE)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "secret.md").write_text(ARTICLE)
    return raw


def outcome(raw: Path, rel: str) -> tuple[str | None, str | None]:
    found = read_raw(LocalFiles(raw).list()[rel].location, raw)
    return found.error_code, found.error


@pytest.mark.parametrize("name, target, code, says", [
    ("inside.md", "news/ferry.md", None, None),  # followed: a link inside the raw dir is read
    ("outside.md", "../elsewhere/secret.md", "not_followed", "outside the raw directory"),
    ("etc.md", "/etc/passwd", "not_followed", "outside the raw directory"),
    ("folder", "news", "not_followed", "symbolic link to a folder"),
    ("folder_outside", "../elsewhere", "not_followed", "symbolic link to a folder"),
    ("dangling.md", "gone.md", "unreadable", "broken symbolic link"),
])
def test_symbolic_links(raw, name, target, code, says):
    (raw / name).symlink_to(target)
    found_code, reason = outcome(raw, name)
    assert found_code == code and (says is None or says in reason), reason


def test_a_linked_folder_is_listed_once_never_walked(raw):
    (raw / "again").symlink_to("news", target_is_directory=True)
    assert sorted(LocalFiles(raw).list()) == ["again", "news/ferry.md"]


def test_a_name_that_is_not_utf8_is_read_and_shown_escaped(raw):
    path = Path(os.fsdecode(bytes(raw / "news") + b"/caf\xe9.md"))
    path.write_text(ARTICLE)
    listing = LocalFiles(raw).list()
    assert "news/caf\\xe9.md" in listing
    found = read_raw(listing["news/caf\\xe9.md"].location, raw)
    assert found.error_code is None and found.source_path == "news/caf\\xe9.md"
    found.source_path.encode("utf-8")  # storable as text


def test_a_folder_that_cannot_be_listed_is_a_reject(raw, monkeypatch):
    (raw / "private").mkdir()
    (raw / "private" / "hidden.md").write_text(ARTICLE)
    real_scandir = os.scandir

    def scandir(path="."):
        if Path(path).name == "private":
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)
    listing = LocalFiles(raw).list()
    assert sorted(listing) == ["news/ferry.md", "private"]
    code, reason = outcome(raw, "private")
    assert code == "unreadable" and reason == "cannot list the folder: Permission denied"


def make_deep(raw: Path, depth: int = 20) -> Path:
    """Folders of 250 characters nested past PATH_MAX (4,096 bytes), made relative to each other's
    descriptors, with an article at the bottom."""
    fd = os.open(raw, os.O_RDONLY)
    for _ in range(depth):
        os.mkdir("d" * 250, dir_fd=fd)
        inner = os.open("d" * 250, os.O_RDONLY, dir_fd=fd)
        os.close(fd)
        fd = inner
    with open(os.open("deep.md", os.O_WRONLY | os.O_CREAT, dir_fd=fd), "w") as handle:
        handle.write(ARTICLE)
    return raw


def test_a_path_too_long_for_the_system_is_a_reject_not_a_crash(raw):
    listing = LocalFiles(make_deep(raw)).list()
    [deep] = [rel for rel in listing if rel.startswith("d")]
    code, reason = outcome(raw, deep)
    assert code == "unreadable" and "more than the system allows" in reason


def test_an_io_error_is_an_unreadable_reason():
    source = LocalFiles(Path("/proc/self").resolve())  # /proc/<pid>/mem: reading at offset 0 fails with EIO
    path = source.root / "mem"
    with pytest.raises(OSError) as failed:
        source.read(path, 10, source.facts(path))
    assert source.unreadable(path, failed.value) == "cannot read the file: Input/output error"


def test_readable_tells_whether_a_retry_can_read_the_file(raw):
    source = LocalFiles(raw)
    os.mkfifo(raw / "pipe.md")
    (raw / "dangling.md").symlink_to("gone.md")
    assert readable(source, raw / "news" / "ferry.md")
    assert not readable(source, raw / "pipe.md")  # never opened: a FIFO would block
    assert not readable(source, raw / "dangling.md")


@pytest.mark.parametrize("location, folder, listed", [
    (Path("/data/raw/out"), Path("/data/raw"), True),
    (Path("/data/raw"), Path("/data/raw"), True),
    (Path("/data/raw/.cache/out"), Path("/data/raw"), False),  # hidden: never listed
    (Path("/data/curated"), Path("/data/raw"), False),
    (Path("/data/raw-old"), Path("/data/raw"), False),
    ("s3://b/raw/out", "s3://b/raw", True),
    ("s3://b/raw-out", "s3://b/raw", False),
    (Path("/data/raw/out"), "s3://b/raw", False),
])
def test_is_listed_below(location, folder, listed):
    assert is_listed_below(location, folder) is listed
