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
from typing import NamedTuple

import pyarrow.fs as pafs

from newsdesk import locations
from newsdesk.identity import content_hash
from newsdesk.locations import Location

FILE_TYPES = {stat_module.S_ISFIFO: "a named pipe (FIFO)", stat_module.S_ISSOCK: "a socket",
              stat_module.S_ISCHR: "a character device", stat_module.S_ISBLK: "a block device",
              stat_module.S_ISDIR: "a directory"}



class Listed(NamedTuple):
    """A file as the listing saw it."""

    location: Location
    size: int
    mtime_ns: int
    ctime_ns: int | None = None  # inode change time (local files): any write, chmod or utime moves it


Listing = dict[str, Listed]  # relative posix path -> what the listing saw


@dataclass(frozen=True, slots=True)
class Facts:
    """What a file's metadata says before it is read."""

    size: int
    mtime_ns: int
    ctime_ns: int | None = None
    problem: tuple[str, str] | None = None  # (reject code, reason) when it is not to be read as a file


@dataclass(frozen=True, slots=True)
class LocalFiles:
    """Files below a local folder."""

    root: Path
    changed = ("the file changed while it was being read (still being written?); "
               "it will be read again on the next run")

    def relative(self, path: Path) -> str:
        """The '/'-separated path below the root. A name that is not valid UTF-8 keeps its bytes
        visible as backslash escapes ('caf\\xe9.md'): tables hold text, and such a file is still read."""
        rel = path.relative_to(self.root).as_posix()
        try:
            rel.encode("utf-8")
        except UnicodeEncodeError:
            return os.fsencode(rel).decode("utf-8", "backslashreplace")
        return rel

    def list(self) -> Listing:
        """Every file (hidden entries skipped). Folders are walked where they are; a link to a
        folder, and a folder that cannot be listed (no permission, a path too long), are listed
        like files, so each becomes a reject that says why. os.scandir makes the walk and the
        stats one pass: ~1 s for 100k files."""
        found: Listing = {}
        stack = [self.root]
        while stack:
            folder = stack.pop()
            try:
                with os.scandir(folder) as listing:
                    entries = list(listing)
            except OSError:
                if folder == self.root:
                    raise
                found[self.relative(folder)] = Listed(folder, 0, 0)
                continue
            for entry in entries:
                if entry.name.startswith("."):
                    continue
                path = Path(entry.path)
                if _is_dir(entry) and not entry.is_symlink():
                    stack.append(path)
                else:
                    found[self.relative(path)] = Listed(path, *_stat_facts(entry))
        return found

    def facts(self, path: Path) -> Facts:
        st = path.stat()
        facts = (st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        if problem := self.link_problem(path):
            return Facts(*facts, problem)
        if stat_module.S_ISDIR(st.st_mode):
            return Facts(*facts, ("unreadable", self.unlistable(path)))
        kind = next((what for test, what in FILE_TYPES.items() if test(st.st_mode)), None)
        if kind:  # a FIFO would block the read
            return Facts(*facts, ("unreadable", f"not a regular file: {self.relative(path)} is {kind}"))
        return Facts(*facts)

    def link_problem(self, path: Path) -> tuple[str, str] | None:
        """Why a symbolic link is not followed: it leads to a folder, or out of the raw dir."""
        if not path.is_symlink():
            return None
        target = path.resolve()
        if target.is_dir():
            return ("not_followed", f"symbolic link to a folder ({os.readlink(path)}): folders are read where "
                                    "they are, never through links (which could loop or leave the raw directory)")
        if not target.is_relative_to(self.root):
            return ("not_followed", f"symbolic link to {target}, outside the raw directory: not read (copy the "
                                    "file into the raw directory to include it)")
        return None

    def unlistable(self, path: Path) -> str:
        """Why a folder could not be listed (it is one of the listing's entries only then)."""
        try:
            with os.scandir(path):
                pass
        except OSError as exc:
            return f"cannot list the folder: {self.unreadable(path, exc).removeprefix('cannot read the file: ')}"
        return "the folder could not be listed when the run started; it will be read on the next run"

    def read(self, path: Path, limit: int, facts: Facts) -> tuple[bytes, bool]:
        """Up to `limit` bytes, and whether the file is still the one `facts` describe (a scraper
        may be writing it: half an article now would be a wrong article for good)."""
        with open(path, "rb") as handle:
            data = handle.read(limit)
        after = path.stat()
        return data, (after.st_size, after.st_mtime_ns) == (facts.size, facts.mtime_ns) and len(data) == facts.size

    def digest(self, path: Path) -> str | None:
        """The content hash of the file's bytes now (None when it cannot be read)."""
        try:
            with open(path, "rb") as handle:
                return content_hash(handle.read())
        except OSError:
            return None

    def unreadable(self, path: Path, exc: OSError) -> str:
        """A plain reason (broken links, link loops and paths too long named as such)."""
        if exc.errno == errno.ENAMETOOLONG:
            return (f"cannot read the file: its path is {len(os.fsencode(path)):,} bytes long, more than the "
                    "system allows; move it higher up or shorten the folder names")
        if _is_link(path):
            target = os.readlink(path)
            if exc.errno == errno.ELOOP:
                return f"cannot read the file: it is a symbolic link loop (via {target})"
            if exc.errno == errno.ENOENT:
                return f"cannot read the file: broken symbolic link to {target}, which does not exist"
        return f"cannot read the file: {exc.strerror or exc}"


def _is_link(path: Path) -> bool:
    try:
        return path.is_symlink()
    except OSError:
        return False


def _is_dir(entry: os.DirEntry) -> bool:
    """Like os.walk: an entry that cannot be stat'ed (a symlink loop) is a file, and ingest turns
    it into a reject with its reason."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _stat_facts(entry: os.DirEntry) -> tuple[int, int, int | None]:
    try:
        st = entry.stat()
    except OSError:  # a dangling link, a path too long: ingest reports it as unreadable
        return 0, 0, None
    return st.st_size, st.st_mtime_ns, st.st_ctime_ns


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
            found[rel] = Listed(f"{self.root}/{rel}", info.size, info.mtime_ns or 0)
        return found

    def facts(self, uri: str) -> Facts:
        fs, path = locations.resolve(uri)
        info = fs.get_file_info(path)
        if info.type == pafs.FileType.NotFound:
            raise FileNotFoundError("it no longer exists (deleted after the listing?)")
        problem = None if info.type == pafs.FileType.File else ("unreadable", f"not an object: {self.relative(uri)} is a folder")
        return Facts(info.size or 0, info.mtime_ns or 0, None, problem)

    def read(self, uri: str, limit: int, facts: Facts) -> tuple[bytes, bool]:
        """Up to `limit` bytes, and whether they are the whole object the listing saw. An object is
        written in one PUT, so a read sees one version; another size means it was replaced meanwhile
        (its new mtime makes the next run read it again)."""
        fs, path = locations.resolve(uri)
        with fs.open_input_stream(path) as stream:
            data = stream.read(limit)
        return data, len(data) == facts.size

    def digest(self, uri: str) -> str | None:
        """The content hash of the object's bytes now (None when it cannot be read)."""
        try:
            fs, path = locations.resolve(uri)
            with fs.open_input_stream(path) as stream:
                return content_hash(stream.read())
        except OSError:
            return None

    def unreadable(self, uri: str, exc: OSError) -> str:
        return f"cannot read the object: {exc}"


def readable(source: LocalFiles | ObjectFiles, location: Location) -> bool:
    """Whether a file can be read now: the test before trying one rejected as unreadable again."""
    try:
        facts = source.facts(location)
        return facts.problem is None and source.read(location, 1, facts) is not None
    except OSError:
        return False


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
