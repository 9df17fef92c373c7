"""A local out folder: snapshots published by one rename of the `current` symlink, one writer at a
time (flock). Also the local replica of an object-store out location (targets.objstore)."""

from __future__ import annotations

import fcntl
import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from newsdesk import checkpoints, layout
from schemas import TABLES

KEEP_SNAPSHOTS = 3  # old snapshots kept so readers mid-query are not cut off


class LockedError(RuntimeError):
    """Another run holds the out folder."""


@dataclass(frozen=True, slots=True)
class LocalFolder:
    """An out folder on this machine (layout: newsdesk.layout)."""

    root: Path

    @property
    def location(self) -> Path:
        return self.root

    @property
    def replica(self) -> LocalFolder:
        """The local folder that holds the database: this one."""
        return self

    @property
    def database(self) -> Path:
        return self.root / layout.DATABASE

    def snapshot(self, run_id: str) -> Path:
        return layout.snapshot(self.root, run_id)

    def staging(self, run_id: str) -> Path:
        return layout.staging(self.root, run_id)

    def linked(self) -> Path | None:
        """The snapshot `current` links to, if the link exists (resolved once: snapshots are immutable)."""
        link = self.root / layout.CURRENT
        return link.resolve() if link.exists() else None

    def current(self) -> Path | None:
        """The published snapshot, if it has a manifest (a complete one always does)."""
        link = self.root / layout.CURRENT
        if not link.is_symlink():
            return None
        snapshot = link.resolve()
        return snapshot if (snapshot / layout.MANIFEST_FILE).is_file() else None

    def check_writable(self) -> None:
        """Raise OSError (with the reason, e.g. a read-only file system) unless a run can write here."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / layout.LOCK, "a"):
            pass

    @contextmanager
    def lock(self, wait_seconds: float = 0) -> Iterator[None]:
        """Exclusive lock on the folder; waits up to wait_seconds, then raises LockedError."""
        self.root.mkdir(parents=True, exist_ok=True)
        with open(self.root / layout.LOCK, "a+") as handle:
            deadline = time.monotonic() + wait_seconds
            while True:
                try:
                    fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        handle.seek(0)
                        holder = handle.read().strip() or "another process"
                        raise LockedError(f"{self.root} is being written by another newsdesk run ({holder}); "
                                          "try again when it finishes, or pass --wait SECONDS") from None
                    time.sleep(0.2)
            handle.seek(0)
            handle.truncate()
            handle.write(f"pid {os.getpid()}")
            handle.flush()
            try:
                yield
            finally:
                handle.truncate(0)
                fcntl.flock(handle, fcntl.LOCK_UN)

    def remove_leftovers(self) -> None:
        """Clear what killed runs left behind (call under the lock): staging folders, temp
        snapshots, and complete snapshots that were never published (newer than `current`), so they
        neither fill the pruning window nor get mistaken for published data."""
        shutil.rmtree(self.root / layout.STAGING, ignore_errors=True)
        layout.tmp(self.database).unlink(missing_ok=True)
        root = self.root / layout.SNAPSHOTS
        if not root.is_dir():
            return
        link = self.root / layout.CURRENT
        current = link.resolve().name if link.is_symlink() else ""
        for snap in root.iterdir():
            if snap.name.endswith(layout.TMP) or snap.name > current:
                shutil.rmtree(snap, ignore_errors=True)

    def upload(self, snapshot: Path) -> None:
        """Nothing to do: the snapshot was assembled where its readers find it."""

    def fetch(self, snapshot: Path) -> Path:
        """The local copy of a published snapshot: the snapshot itself."""
        return snapshot

    def switch(self, snapshot: Path, database: Path) -> None:
        """Publish: Parquet readers move to the snapshot, then SQL readers to its database (a file
        built beside the current one), each in one rename."""
        self.point_current(snapshot)
        os.replace(database, self.database)

    def point_current(self, snapshot: Path) -> None:
        """Point `current` at the snapshot in one atomic rename; create the stable table links once."""
        checkpoints.reached("before_switch")
        link_tmp = layout.tmp(self.root / layout.CURRENT)
        if link_tmp.is_symlink() or link_tmp.exists():
            link_tmp.unlink()
        link_tmp.symlink_to(snapshot.relative_to(self.root))
        os.replace(link_tmp, self.root / layout.CURRENT)
        for table in TABLES:
            link = self.root / table
            if not link.is_symlink():
                if link.exists():
                    shutil.rmtree(link)  # a plain directory from another layout: ours is the link
                link.symlink_to(Path(layout.CURRENT) / table)

    def prune(self, keep: int = KEEP_SNAPSHOTS) -> None:
        """Delete all but the newest `keep` published snapshots (never the current one) and temp dirs."""
        root = self.root / layout.SNAPSHOTS
        current = (self.root / layout.CURRENT).resolve()
        snaps = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.endswith(layout.TMP))
        for old in snaps[:-keep]:
            if old.resolve() != current:
                shutil.rmtree(old, ignore_errors=True)
        for tmp in root.glob(f"*{layout.TMP}"):
            shutil.rmtree(tmp, ignore_errors=True)

    def tidy(self, run_id: str) -> None:
        """After publishing: prune old snapshots, drop the run's staging files."""
        self.prune()
        self.drop_staging(run_id)

    def drop_staging(self, run_id: str) -> None:
        """Delete a run's staging files, and the staging folder once no run has any there."""
        shutil.rmtree(self.staging(run_id), ignore_errors=True)
        try:
            (self.root / layout.STAGING).rmdir()
        except OSError:  # absent, or another run's batches are there
            pass

    def discard(self, run_id: str) -> None:
        """Delete what a failed or stopped run wrote (staging, its snapshot unless published, the
        database it was building), so a full disk is not left full and nothing half-made stays."""
        self.drop_staging(run_id)
        snapshot = self.snapshot(run_id)
        shutil.rmtree(layout.tmp(snapshot), ignore_errors=True)
        if self.linked() != snapshot.resolve():
            shutil.rmtree(snapshot, ignore_errors=True)
        database_tmp = layout.tmp(self.database)
        for leftover in (database_tmp, database_tmp.with_name(database_tmp.name + ".wal")):
            leftover.unlink(missing_ok=True)
        try:
            (self.root / layout.SNAPSHOTS).rmdir()  # only when this failed run was the first
        except OSError:
            pass
