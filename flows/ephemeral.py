"""Start Prefect's temporary API server early, in parallel with our imports.

Without PREFECT_API_URL, Prefect starts a temporary server (a uvicorn subprocess) the first time
a flow needs the API, and waits for it: ~5-10 s of the fixed cost of `newsdesk run`. Importing
Prefect and our modules in this process costs another ~3-5 s. Launching the same server command
ourselves *before* those imports lets the two overlap on the second core; we then point
PREFECT_API_URL at it and stop it at exit. This module imports nothing heavy on purpose.

The command mirrors prefect.server.api.server.SubprocessASGIServer (Prefect 3.9).
"""

from __future__ import annotations

import atexit
import os
import socket
import subprocess
import sys
import time
import urllib.request
from importlib.util import find_spec
from pathlib import Path


_STARTED: dict[str, subprocess.Popen] = {}  # API URL -> the server process start() launched


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start() -> str | None:
    """Launch the temporary server when no PREFECT_API_URL is set; returns its API URL (or None)."""
    if os.environ.get("PREFECT_API_URL"):
        return None
    port = free_port()
    site_packages = Path(find_spec("prefect").origin).parents[1]
    env = {**os.environ, "PREFECT_UI_ENABLED": "0", "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "--app-dir", str(site_packages), "--factory",
         "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port),
         "--log-level", "error", "--lifespan", "on"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    atexit.register(stop, proc)
    _STARTED[f"http://127.0.0.1:{port}/api"] = proc
    return f"http://127.0.0.1:{port}/api"


def wait_until_ready(api_url: str, timeout: float) -> bool:
    """Poll the server's health endpoint until it answers (True), or the timeout passes or the
    server we started exits (False)."""
    deadline = time.monotonic() + timeout
    proc = _STARTED.get(api_url)
    while time.monotonic() < deadline and (proc is None or proc.poll() is None):
        try:
            with urllib.request.urlopen(f"{api_url}/health", timeout=2):
                return True
        except OSError:
            time.sleep(0.1)
    return False


def stop(proc: subprocess.Popen) -> None:
    """Stop the server we started (at exit)."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
