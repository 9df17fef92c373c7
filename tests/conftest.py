"""Test-wide settings: Prefect stays local and quiet, and out of the user's Prefect history: every
PREFECT_* variable of the calling shell (a PREFECT_API_URL of the user's server, a profile, a home)
is dropped, and the session gets a Prefect home of its own in a temporary folder."""

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from newsdesk.settings import prefect_environment

# CI explores a fixed, reproducible set of examples (a red build must be reproducible from the
# log); locally every run explores new ones, and a failure found there becomes a table-driven case.
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

TEST_PREFECT_HOME = Path(tempfile.mkdtemp(prefix="newsdesk-prefect-"))
for key in [key for key in os.environ if key.startswith(("PREFECT_", "NEWSDESK_LOG_LEVEL"))]:
    del os.environ[key]
os.environ.update({**prefect_environment(TEST_PREFECT_HOME), "PREFECT_LOGGING_LEVEL": "WARNING"})

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository root."""
    return REPO


@pytest.fixture(scope="session")
def publish_rows():
    """Publish one batch of rows into an out dir without Prefect, in the flow's order: snapshot,
    database file, switch `current`, then replace the database. Returns the out dir."""
    from newsdesk import dbtbuild, layout, storage
    from newsdesk.targets import LocalFolder

    def publish(rows, out: Path, run_id: str = "run-1") -> Path:
        target = LocalFolder(out)
        staged = storage.write_staging(rows.tables(), layout.batch(target.staging(run_id), 0))
        snapshot = target.snapshot(run_id)
        snapshot.parent.mkdir(parents=True, exist_ok=True)
        storage.write_snapshot([staged], snapshot)
        database, _ = dbtbuild.build_file(target.database, snapshot)
        target.switch(snapshot, database)
        return out

    return publish
