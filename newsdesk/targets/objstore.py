"""An object-store out location (`s3://bucket/prefix`), which has no symlinks, renames or locks.

A run stages its batches on the store (workers elsewhere write them there), assembles the snapshot
in a local folder (the replica, which also holds newsdesk.duckdb and the lock), uploads it below
`_snapshots/<run_id>/`, and publishes it by writing the small object `CURRENT` (the run id) last:
one PUT, so readers that resolve CURRENT see the old snapshot or the new one, never a partial
upload. Only safe with one writer per location: nothing locks a bucket.
"""

from __future__ import annotations

import shutil
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path

import pyarrow.fs as pafs

from newsdesk import layout, locations
from newsdesk.targets.folder import KEEP_SNAPSHOTS, LocalFolder


@dataclass(frozen=True, slots=True)
class ObjectStore:
    """A prefix on an object store, and the local folder that holds its database."""

    uri: str
    replica: LocalFolder

    @property
    def location(self) -> str:
        return self.uri

    @property
    def database(self) -> Path:
        return self.replica.database

    def snapshot(self, run_id: str) -> Path:
        """Where the run's snapshot is assembled: in the replica (it is uploaded from there)."""
        return self.replica.snapshot(run_id)

    def staging(self, run_id: str) -> str:
        return layout.staging(self.uri, run_id)

    def current_run_id(self) -> str | None:
        """The run id the CURRENT object names (None before any run)."""
        text = locations.read_text(locations.join(self.uri, layout.POINTER))
        return (text or "").strip() or None

    def current(self) -> str | None:
        """The published snapshot, if it has a manifest."""
        run_id = self.current_run_id()
        if run_id is None:
            return None
        snapshot = layout.snapshot(self.uri, run_id)
        fs, path = locations.resolve(snapshot)
        return snapshot if fs.get_file_info(f"{path}/{layout.MANIFEST_FILE}").type == pafs.FileType.File else None

    def lock(self, wait_seconds: float = 0) -> AbstractContextManager[None]:
        """The replica's lock: it keeps two runs on this machine apart, not runs on other hosts."""
        return self.replica.lock(wait_seconds)

    def remove_leftovers(self) -> None:
        """The replica's leftovers, then the store's: staging objects, and snapshots newer than the
        one CURRENT names (uploads of killed runs)."""
        self.replica.remove_leftovers()
        locations.delete_dir(locations.join(self.uri, layout.STAGING))
        current = self.current_run_id() or ""
        for run_id in locations.list_dirs(locations.join(self.uri, layout.SNAPSHOTS)):
            if run_id > current:
                locations.delete_dir(layout.snapshot(self.uri, run_id))

    def upload(self, snapshot: Path) -> None:
        """Upload a complete local snapshot, then write CURRENT last: the PUT that publishes it."""
        snapshot_uri = layout.snapshot(self.uri, snapshot.name)
        locations.delete_dir(snapshot_uri)  # a killed upload of this run id (a retried task) starts over
        locations.upload_dir(snapshot, snapshot_uri)
        locations.write_text(locations.join(self.uri, layout.POINTER), snapshot.name + "\n")

    def fetch(self, snapshot: str) -> Path:
        """The replica's copy of a published snapshot, downloaded when missing (a new replica, or a
        run killed after writing CURRENT), and made the replica's `current`."""
        local = self.replica.snapshot(locations.name(snapshot))
        if not local.is_dir():
            tmp = layout.tmp(local)
            shutil.rmtree(tmp, ignore_errors=True)
            locations.download_dir(snapshot, tmp)
            tmp.rename(local)
        self.replica.point_current(local)
        return local

    def switch(self, snapshot: Path, database: Path) -> None:
        """The replica follows the store: its `current`, then its database."""
        self.replica.switch(snapshot, database)

    def prune(self, keep: int = KEEP_SNAPSHOTS) -> None:
        """Delete all but the newest `keep` snapshots on the store (never the one CURRENT names)."""
        current = self.current_run_id()
        for old in locations.list_dirs(locations.join(self.uri, layout.SNAPSHOTS))[:-keep]:
            if old != current:
                locations.delete_dir(layout.snapshot(self.uri, old))

    def check_writable(self) -> None:
        """The replica must be writable (the store's permissions show at the first upload)."""
        self.replica.check_writable()

    def discard(self, run_id: str) -> None:
        """Delete what a failed or stopped run wrote: in the replica, its staging objects, and its
        uploaded snapshot unless CURRENT names it."""
        self.replica.discard(run_id)
        locations.delete_dir(self.staging(run_id))
        if self.current_run_id() != run_id:
            locations.delete_dir(layout.snapshot(self.uri, run_id))

    def tidy(self, run_id: str) -> None:
        """After publishing: prune here and on the store, drop all staging objects (a store would
        keep an empty parent)."""
        self.replica.prune()
        self.prune()
        locations.delete_dir(locations.join(self.uri, layout.STAGING))
