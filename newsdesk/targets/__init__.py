"""Out locations behind one interface (Target): where a run stages, assembles and publishes.

    LocalFolder   targets/folder.py     a folder here: `current` switched by one rename, an flock
    ObjectStore   targets/objstore.py   a prefix on a store: CURRENT written last; the snapshot is
                                        assembled, and the database built, in a local replica
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from pathlib import Path
from typing import Protocol

from newsdesk import locations
from newsdesk.locations import Location
from newsdesk.targets.folder import LocalFolder, LockedError
from newsdesk.targets.objstore import ObjectStore

__all__ = ["LocalFolder", "LockedError", "ObjectStore", "Target", "open_target"]


class Target(Protocol):
    """What a run does with an out location, in run order."""

    @property
    def location(self) -> Location: ...  # what the user named
    @property
    def replica(self) -> LocalFolder: ...  # the local folder of the database (the target, when local)
    @property
    def database(self) -> Path: ...

    def check_writable(self) -> None: ...  # OSError with the reason when a run could not write
    def lock(self, wait_seconds: float = 0) -> AbstractContextManager[None]: ...
    def remove_leftovers(self) -> None: ...
    def current(self) -> Location | None: ...  # the published snapshot
    def staging(self, run_id: str) -> Location: ...  # where the run's batches write
    def snapshot(self, run_id: str) -> Path: ...  # where the run's snapshot is assembled
    def upload(self, snapshot: Path) -> None: ...  # make it readable at the location
    def switch(self, snapshot: Path, database: Path) -> None: ...  # publish it, then its database
    def tidy(self, run_id: str) -> None: ...  # prune old snapshots, drop staging
    def discard(self, run_id: str) -> None: ...  # remove what a failed or stopped run wrote
    def fetch(self, snapshot: Location) -> Path: ...  # a local copy of a published snapshot


def open_target(out: Location, db_dir: Path | None = None) -> Target:
    """The target of a parsed out location (newsdesk.locations.parse). An object store needs
    db_dir, the local folder of its database."""
    if not locations.is_remote(out):
        return LocalFolder(out)
    if db_dir is None:
        raise ValueError(f"{out} is an object store: its database needs a local folder (--db-dir)")
    return ObjectStore(out, LocalFolder(db_dir))
