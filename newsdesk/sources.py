"""Where raw input lives: a local folder, or a prefix on an object store. Each lists its files with
their size and modification time, and reads one file's facts and bytes; newsdesk.ingest decides
what those bytes are.
"""

from __future__ import annotations

import errno
import os
import stat as stat_module
from dataclasses import dataclass
from pathlib import Path

import pyarrow.fs as pafs

from newsdesk import locations
from newsdesk.locations import Location

FILE_TYPES = {stat_module.S_ISFIFO: "a named pipe (FIFO)", stat_module.S_ISSOCK: "a socket",
              stat_module.S_ISCHR: "a character device", stat_module.S_ISBLK: "a block device",
              stat_module.S_ISDIR: "a directory"}

Listing = dict[str, tuple[Location, int, int]]  # relative posix path -> (location, size, mtime_ns)


@dataclass(frozen=True, slots=True)
class Facts:
    """What a file's metadata says before it is read."""

    size: int
    mtime_ns: int
    not_a_file: str | None = None  # why it cannot be read as a file (a FIFO, a folder), if so


@dataclass(frozen=True, slots=True)
class LocalFiles:
    """Files below a local folder."""

    root: Path
    changed = ("the file changed while it was being read (still being written?); "
               "it will be read again on the next run")

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()

    def list(self) -> Listing:
        """Every file (hidden entries skipped, symlinked folders not followed). os.scandir makes
        the walk and the stats one pass: ~1 s for 100k files."""
        found: Listing = {}
        stack = [self.root]
        while stack:
            with os.scandir(stack.pop()) as entries:
                for entry in entries:
                    if entry.name.startswith("."):
                        continue
                    if _is_dir(entry):
                        if not entry.is_symlink():
                            stack.append(Path(entry.path))
                        continue
                    path = Path(entry.path)
                    found[self.relative(path)] = (path, *_size_mtime(entry))
        return found

    def facts(self, path: Path) -> Facts:
        st = path.stat()
        kind = next((what for test, what in FILE_TYPES.items() if test(st.st_mode)), None)
        problem = f"not a regular file: {self.relative(path)} is {kind}" if kind else None  # a FIFO would block
        return Facts(st.st_size, st.st_mtime_ns, problem)

    def read(self, path: Path, limit: int, facts: Facts) -> tuple[bytes, bool]:
        """Up to `limit` bytes, and whether the file is still the one `facts` describe (a scraper
        may be writing it: half an article now would be a wrong article for good)."""
        with open(path, "rb") as handle:
            data = handle.read(limit)
        after = path.stat()
        return data, (after.st_size, after.st_mtime_ns) == (facts.size, facts.mtime_ns) and len(data) == facts.size

    def unreadable(self, path: Path, exc: OSError) -> str:
        """A plain reason (broken links and link loops named as such)."""
        if path.is_symlink():
            target = os.readlink(path)
            if exc.errno == errno.ELOOP:
                return f"cannot read the file: it is a symbolic link loop (via {target})"
            if exc.errno == errno.ENOENT:
                return f"cannot read the file: broken symbolic link to {target}, which does not exist"
        return f"cannot read the file: {exc.strerror or exc}"


def _is_dir(entry: os.DirEntry) -> bool:
    """Like os.walk: an entry that cannot be stat'ed (a symlink loop) is a file, and ingest turns
    it into a reject with its reason."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _size_mtime(entry: os.DirEntry) -> tuple[int, int]:
    try:
        st = entry.stat()
    except OSError:  # a dangling link: ingest reports it as unreadable
        return 0, 0
    return st.st_size, st.st_mtime_ns


@dataclass(frozen=True, slots=True)
class ObjectFiles:
    """Objects below a prefix on an object store (newsdesk.locations)."""

    root: str
    changed = "the object changed while it was being read (replaced?); it will be read again on the next run"

    def relative(self, uri: str) -> str:
        return locations.relative(uri, self.root)

    def list(self) -> Listing:
        """Every object, from one recursive listing (no request per object); keys below a hidden
        'folder' are skipped too."""
        fs, base = locations.resolve(self.root)
        found: Listing = {}
        for info in fs.get_file_info(pafs.FileSelector(base, recursive=True, allow_not_found=True)):
            rel = info.path[len(base) + 1:]
            if info.type != pafs.FileType.File or any(part.startswith(".") for part in rel.split("/")):
                continue
            found[rel] = (f"{self.root}/{rel}", info.size, info.mtime_ns or 0)
        return found

    def facts(self, uri: str) -> Facts:
        fs, path = locations.resolve(uri)
        info = fs.get_file_info(path)
        if info.type == pafs.FileType.NotFound:
            raise FileNotFoundError("it no longer exists (deleted after the listing?)")
        problem = None if info.type == pafs.FileType.File else f"not an object: {self.relative(uri)} is a folder"
        return Facts(info.size or 0, info.mtime_ns or 0, problem)

    def read(self, uri: str, limit: int, facts: Facts) -> tuple[bytes, bool]:
        """Up to `limit` bytes, and whether they are the whole object the listing saw. An object is
        written in one PUT, so a read sees one version; another size means it was replaced meanwhile
        (its new mtime makes the next run read it again)."""
        fs, path = locations.resolve(uri)
        with fs.open_input_stream(path) as stream:
            data = stream.read(limit)
        return data, len(data) == facts.size

    def unreadable(self, uri: str, exc: OSError) -> str:
        return f"cannot read the object: {exc}"


def is_listed_below(location: Location, raw_dir: Location) -> bool:
    """Whether the listing of raw_dir would see `location` (inside it or the folder itself, and
    no part of the way down hidden: hidden entries are never listed)."""
    if locations.is_remote(location) != locations.is_remote(raw_dir):
        return False
    if locations.is_remote(location):
        inside = location == raw_dir or location.startswith(raw_dir + "/")
        rest = location[len(raw_dir):].split("/") if inside else []
    else:
        inside = location == raw_dir or location.is_relative_to(raw_dir)
        rest = location.relative_to(raw_dir).parts if inside else []
    return inside and not any(part.startswith(".") for part in rest)


def source_for(raw_dir: Location) -> LocalFiles | ObjectFiles:
    """The files below a parsed raw location (newsdesk.locations.parse)."""
    return ObjectFiles(raw_dir) if locations.is_remote(raw_dir) else LocalFiles(raw_dir)
