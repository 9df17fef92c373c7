"""Fixtures of the reliability tests: one real Prefect server per session, and a CLI runner on it."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # the helpers module next to this file

from reliability_helpers import Newsdesk, PrefectServer, wait_for


@pytest.fixture(scope="session")
def prefect_server():
    """One real Prefect server for the whole session (~15 s to start)."""
    home = Path(tempfile.mkdtemp(prefix="newsdesk-rel-prefect-"))
    server = PrefectServer(home)
    try:
        wait_for(server.healthy, 150, "prefect server start", step=0.5)
        yield server
    finally:
        server.stop()
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="session")
def newsdesk(prefect_server) -> Newsdesk:
    return Newsdesk(prefect_server)


