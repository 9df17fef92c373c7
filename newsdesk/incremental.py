"""Incremental runs: compare the raw folder with the manifest of the current snapshot.

A file is unchanged when its path, size and mtime_ns match the manifest (the same test rsync and
make use; reading every byte to hash 100k files would cost more than the no-op budget). Changed
and new files are processed again; rows of unchanged files are carried over from the previous
snapshot; deleted files drop out.

Files that were rejected as duplicates are re-processed whenever anything changes: the article
they duplicated may be the one that changed or went away, and only a fresh look can tell.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow.compute as pc
import pyarrow.parquet as pq

MANIFEST_FILE = "manifest.parquet"


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run has to do: which files to process, which old rows to drop, what to carry."""

    files: list[Path]  # every input file now under raw_dir, sorted
    to_process: list[Path]  # new or changed files (all files on a full run)
    replaced: frozenset[str] = frozenset()  # source paths whose rows in `previous` are dropped
    previous: Path | None = None  # the current snapshot, when rows are carried over from it
    counts: dict[str, int] = field(default_factory=dict)  # new / changed / deleted / unchanged

    @property
    def is_noop(self) -> bool:
        """Nothing new, changed or deleted: the current snapshot is already up to date."""
        return self.previous is not None and not self.to_process and not self.replaced


def scan(raw_dir: Path) -> dict[str, tuple[Path, int, int]]:
    """Relative posix path -> (path, size, mtime_ns) of every input file, the same files as
    ingest.discover (hidden entries skipped, symlinked dirs not followed). os.scandir makes the
    walk and the stats one pass: ~1 s for 100k files."""
    found: dict[str, tuple[Path, int, int]] = {}
    stack = [raw_dir]
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
                found[path.relative_to(raw_dir).as_posix()] = (path, *_size_mtime(entry))
    return found


def _is_dir(entry: os.DirEntry) -> bool:
    """Like os.walk: an entry that cannot be stat'ed (a symlink loop) is a file, and ingest
    turns it into a reject with its reason."""
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


def sort_key(source_path: str) -> tuple[str, ...]:
    """The order of ingest.discover (pathlib order: by path parts), so 'first seen' is stable."""
    return tuple(source_path.split("/"))


def read_manifest(snapshot: Path) -> dict[str, tuple[int, int]]:
    """source_path -> (size, mtime_ns) as recorded in a snapshot's manifest."""
    table = pq.read_table(snapshot / MANIFEST_FILE, columns=["source_path", "size", "mtime_ns"])
    return dict(zip(table["source_path"].to_pylist(), zip(table["size"].to_pylist(),
                                                            table["mtime_ns"].to_pylist())))


def duplicate_paths(snapshot: Path) -> set[str]:
    """Source paths that had an input rejected as a duplicate in a snapshot."""
    rejects = pq.read_table(snapshot / "rejects", columns=["source_path", "reason_code"])
    mask = pc.equal(rejects["reason_code"], "duplicate")
    return set(rejects.filter(mask)["source_path"].to_pylist())


def current_snapshot(out_dir: Path) -> Path | None:
    """The snapshot out_dir/current points at, if it has a manifest."""
    current = out_dir / "current"
    if not current.is_symlink():
        return None
    snapshot = current.resolve()
    return snapshot if (snapshot / MANIFEST_FILE).is_file() else None


def plan_run(raw_dir: Path, out_dir: Path, full: bool = False) -> Plan:
    """Decide what this run processes, from the raw folder and the current snapshot's manifest."""
    now = scan(raw_dir)
    files = [now[p][0] for p in sorted(now, key=sort_key)]
    previous = None if full else current_snapshot(out_dir)
    if previous is None:
        return Plan(files, files, counts={"new": len(files), "changed": 0, "deleted": 0, "unchanged": 0})
    seen = read_manifest(previous)
    new = [p for p in now if p not in seen]
    changed = [p for p in now if p in seen and seen[p] != now[p][1:]]
    deleted = [p for p in seen if p not in now]
    counts = {"new": len(new), "changed": len(changed), "deleted": len(deleted),
              "unchanged": len(now) - len(new) - len(changed)}
    if not (new or changed or deleted):
        return Plan(files, [], previous=previous, counts=counts)
    redo = set(new) | set(changed) | (duplicate_paths(previous) & now.keys())
    to_process = [now[p][0] for p in sorted(redo, key=sort_key)]
    replaced = frozenset((redo | set(deleted)) & seen.keys())
    return Plan(files, to_process, replaced, previous, counts)
