"""Incremental runs: compare the raw files with the manifest of the published snapshot.

A file is unchanged when its path, size, mtime and ctime match the manifest and it was not
modified within RACY_SECONDS of the run that read it. The ctime (inode change time) is what
catches a same-size edit whose mtime was set back (`touch -d`, `cp -p`, an rsync with --times):
the kernel moves it on every write and utime, and no call sets it. A file that passes on size but
not on the rest, or that was written right before it was read (its next same-size edit could keep
the same timestamps), is hashed: the same bytes mean unchanged, and its new facts are recorded;
other bytes mean changed. Hashing only those keeps a no-op run over 100k files at a listing.

Changed and new files are processed again; rows of unchanged files are carried over from the
previous snapshot; deleted files drop out. Files rejected as unreadable are tried again when they
can be read now (a permission fixed, a disk back): that leaves no trace in size or mtime.

Files that were rejected as duplicates are re-processed whenever anything changes: the article
they duplicated may be the one that changed or went away, and only a fresh look can tell.
A manifest that cannot be read (a truncated file) makes a full run, with a warning.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import NamedTuple

import pyarrow as pa
import pyarrow.compute as pc

from newsdesk import locations, storage
from newsdesk.identity import input_order
from newsdesk.layout import MANIFEST
from newsdesk.locations import Location
from newsdesk.sources import Listed, Listing, readable, source_for
from newsdesk.targets import Target

RACY_SECONDS = 2  # timestamps this close to a read may not show the next write (FAT keeps 2 s, ext4 ~4 ms)
RETRIED_CODES = ("unreadable",)  # rejects tried again once the file reads: what failed may have passed


class Recorded(NamedTuple):
    """A file as a snapshot's manifest recorded it."""

    size: int
    mtime_ns: int
    ctime_ns: int | None
    content_hash: str | None


@dataclass(frozen=True, slots=True)
class Plan:
    """What a run has to do: which files to process, which old rows to drop, what to carry."""

    files: list[Location]  # every input file now under raw_dir, sorted (Paths, or URIs on an object store)
    to_process: list[Location]  # new or changed files (all files on a full run)
    replaced: frozenset[str] = frozenset()  # source paths whose rows in `previous` are dropped
    previous: Location | None = None  # the current snapshot, when rows are carried over from it
    counts: dict[str, int] = field(default_factory=dict)  # new / changed / deleted / unchanged (/ retried)
    refreshed: dict[str, tuple] = field(default_factory=dict)  # unchanged files with new facts (size, mtime, ctime)
    listed_at_ns: int = 0  # wall clock before the listing: every file this run reads, it reads after it
    warning: str | None = None  # said in the run's log and summary (a damaged manifest)

    @property
    def is_noop(self) -> bool:
        """Nothing new, changed or deleted: the current snapshot is already up to date."""
        return self.previous is not None and not self.to_process and not self.replaced and not self.refreshed

    @property
    def carry(self) -> storage.Carry:
        """What the new snapshot takes over from the previous one."""
        return storage.Carry(self.previous, self.replaced, self.refreshed, self.listed_at_ns)


def read_manifest(snapshot: Location) -> tuple[dict[str, Recorded], int | None]:
    """source_path -> what a snapshot's manifest recorded, and the time its files were read after
    (None for a manifest from before that was recorded)."""
    dataset = storage.published(snapshot, MANIFEST)
    table = dataset.to_table(columns=["source_path", "size", "mtime_ns", "ctime_ns", "content_hash"])
    columns = [table[name].to_pylist() for name in table.column_names]
    return dict(zip(columns[0], map(Recorded._make, zip(*columns[1:])))), storage.read_after(snapshot)


def paths_rejected_as(snapshot: Location, codes: tuple[str, ...]) -> set[str]:
    """Source paths that had an input rejected with one of these reason codes in a snapshot."""
    rejects = storage.published(snapshot, "rejects").to_table(columns=["source_path", "reason_code"])
    mask = pc.is_in(rejects["reason_code"], value_set=pa.array(codes, pa.string()))
    return set(rejects.filter(mask)["source_path"].to_pylist())


def duplicate_paths(snapshot: Location) -> set[str]:
    """Source paths that had an input rejected as a duplicate in a snapshot."""
    return paths_rejected_as(snapshot, ("duplicate",))


_handed_over: dict[tuple, Plan] = {}


def hand_over(plan: Plan, raw_dir: Location, target: Target) -> None:
    """Keep a plan just made for the next plan_run of the same folders in this process: the CLI's
    quick "nothing changed?" check and then the flow scan the raw folder once, not twice (~1-2 s
    per 100k files)."""
    _handed_over[(raw_dir, target.location)] = plan


def plan_run(raw_dir: Location, target: Target, full: bool = False) -> Plan:
    """Decide what this run processes, from the raw files and the published snapshot's manifest."""
    handed = _handed_over.pop((raw_dir, target.location), None)
    if handed is not None and not full and handed.previous == target.current():
        return handed  # still planned against the published snapshot (no other run came between)
    listed_at = time.time_ns()
    source = source_for(raw_dir)
    now = source.list()
    files = [now[p].location for p in sorted(now, key=input_order)]
    everything = Plan(files, files, counts={"new": len(files), "changed": 0, "deleted": 0, "unchanged": 0},
                      listed_at_ns=listed_at)
    previous = None if full else target.current()
    if previous is None:
        return everything
    try:
        (seen, read_after), retry = read_manifest(previous), paths_rejected_as(previous, RETRIED_CODES)
    except (pa.ArrowInvalid, OSError) as exc:  # a truncated or unreadable manifest: start over
        return Plan(**{**plan_fields(everything), "warning": (
            f"the manifest of the published snapshot {locations.name(previous)} cannot be read ({exc}); "
            "this run processes every file again")})
    new = [p for p in now if p not in seen]
    changed, refreshed = compare(now, seen, read_after, source)
    retried = [p for p in sorted(retry & now.keys()) if p not in changed and readable(source, now[p].location)]
    deleted = [p for p in seen if p not in now]
    counts = {"new": len(new), "changed": len(changed), "deleted": len(deleted),
              "unchanged": len(now) - len(new) - len(changed) - len(retried)}
    counts.update({"retried": len(retried)} if retried else {})
    if not (new or changed or deleted or retried):
        return Plan(files, [], previous=previous, counts=counts, refreshed=refreshed, listed_at_ns=listed_at)
    redo = set(new) | set(changed) | set(retried) | (duplicate_paths(previous) & now.keys())
    to_process = [now[p].location for p in sorted(redo, key=input_order)]
    replaced = frozenset((redo | set(deleted)) & seen.keys())
    refreshed = {p: facts for p, facts in refreshed.items() if p not in redo}
    return Plan(files, to_process, replaced, previous, counts, refreshed, listed_at)


def plan_fields(plan: Plan) -> dict:
    return {name: getattr(plan, name) for name in Plan.__dataclass_fields__}


def compare(now: Listing, seen: dict[str, Recorded], read_after: int | None, source) -> tuple[list[str], dict]:
    """(changed paths, refreshed facts) of the files the manifest knows. Cheap checks first; only a
    file whose size matches but whose timestamps moved, or were too close to its read, is hashed."""
    changed, refreshed = [], {}
    racy_from = None if read_after is None else read_after - RACY_SECONDS * 10**9
    for path, listed in now.items():
        old = seen.get(path)
        if old is None:
            continue
        if listed.size != old.size:
            changed.append(path)
            continue
        ctime = listed.ctime_ns if old.ctime_ns is not None else None  # an older manifest has none
        same_times = listed.mtime_ns == old.mtime_ns and ctime in (None, old.ctime_ns)
        # racy: read so soon after a write that the next same-size write may keep the timestamps.
        # Files whose bytes were never read (rejected on name or size) have no content to race.
        racy = (racy_from is not None and old.content_hash is not None
                and max(listed.mtime_ns, ctime or 0) >= racy_from)
        if same_times and not racy:
            continue
        if old.content_hash is None or source.digest(listed.location) != old.content_hash:
            changed.append(path)
        elif not same_times:
            refreshed[path] = facts_of(listed)
    return changed, refreshed


def facts_of(listed: Listed) -> tuple[int, int, int | None]:
    return listed.size, listed.mtime_ns, listed.ctime_ns
