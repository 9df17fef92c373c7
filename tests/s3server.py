"""A real S3-compatible server for tests: moto's server (dev extra) on a free local port.

Import the fixtures into a test module (`from tests.s3server import s3, bucket  # noqa: F401`).
`s3` starts one server per session and points the AWS environment variables at it (as a user
would with AWS_ENDPOINT_URL); `bucket` makes an empty bucket per test and yields 's3://<name>'.
"""

import atexit
import functools
import os
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pyarrow.fs as pafs
import pytest

AWS_ENV = {"AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_REGION": "us-east-1",
           "AWS_EC2_METADATA_DISABLED": "true"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"moto_server exited with {process.returncode}")
        try:
            urllib.request.urlopen(f"{url}/moto-api/", timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"moto_server did not answer on {url} within {timeout} s")


@functools.cache
def start_server() -> str:
    """Start moto_server once per test process (test modules each import the fixture, so a plain
    session fixture would start one per module); it is stopped when the process exits."""
    server = Path(sys.executable).with_name("moto_server")
    if not server.exists():
        pytest.fail("moto_server is not installed: pip install -e '.[dev]' (moto[server])")
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen([str(server), "-H", "127.0.0.1", "-p", str(port)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    atexit.register(process.terminate)
    wait_until_up(url, process)
    return url


@pytest.fixture(scope="session")
def s3() -> str:
    """The endpoint URL of a running moto server; AWS_* variables point at it while tests use it."""
    url = start_server()
    saved = {k: os.environ.get(k) for k in [*AWS_ENV, "AWS_ENDPOINT_URL"]}
    os.environ.update(AWS_ENV, AWS_ENDPOINT_URL=url)
    yield url
    for key, value in saved.items():
        if value is None:
            os.environ.pop(key, None)
        else:
            os.environ[key] = value


@pytest.fixture()
def bucket(s3) -> str:
    """A new empty bucket on the test server, as 's3://<name>'."""
    name = f"news-{uuid.uuid4().hex[:12]}"
    pafs.S3FileSystem(endpoint_override=s3, allow_bucket_creation=True).create_dir(name)
    return f"s3://{name}"


def upload(local: Path, uri: str) -> None:
    """Copy a local folder below an s3:// prefix (what a scraper writing to the bucket does)."""
    from newsdesk import locations

    locations.upload_dir(local, uri)
