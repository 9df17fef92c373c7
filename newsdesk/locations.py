"""Where raw input and curated output live: a local folder, or a prefix on an object store.

A location is either a `Path` (a local folder; `file://` URIs become one) or a `str` URI on an
object store (`s3://bucket/prefix`, or any scheme pyarrow.fs knows, e.g. `gs://`). Parquet is read
and written through pyarrow.fs on either (on_filesystem); what differs between the two kinds (the
symlinks, renames and locks of a local folder) lives in newsdesk.sources and newsdesk.targets.

S3 settings come from the usual AWS environment variables, read in the process that touches the
store (so a Dask worker on another machine uses its own credentials): AWS_ACCESS_KEY_ID,
AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN, AWS_REGION / AWS_DEFAULT_REGION, and
AWS_ENDPOINT_URL_S3 or AWS_ENDPOINT_URL for an S3-compatible server (MinIO, Ceph, moto).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pyarrow.fs as pafs

Location = Path | str  # Path: a local folder or file; str: an object-store URI
RE_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]+)://")  # two letters at least: 'C:/' is a path
ENDPOINT_VARS = ("AWS_ENDPOINT_URL_S3", "AWS_ENDPOINT_URL")
LOCAL = pafs.LocalFileSystem()


def parse(location: str | Path) -> Location:
    """A user-given location -> an absolute local Path (plain paths and file:// URIs), or the
    object-store URI without a trailing slash ('s3://bucket/prefix')."""
    if isinstance(location, Path):
        return location.resolve()
    match = RE_SCHEME.match(location)
    if match is None:
        return Path(location).resolve()
    if match.group(1).lower() == "file":
        parts = urlsplit(location)
        if parts.netloc not in ("", "localhost"):
            raise ValueError(f"file:// URI of another host is not a local path: {location}")
        return Path(unquote(parts.path)).resolve()
    scheme, rest = location.split("://", 1)
    rest = rest.strip("/")
    if not rest:
        raise ValueError(f"object-store location needs a bucket: {location}")
    return f"{scheme.lower()}://{rest}"


def is_remote(location: Location) -> bool:
    """True for an object-store URI (as returned by parse)."""
    return isinstance(location, str)


def join(location: Location, *parts: str) -> Location:
    """location/part/...: a Path for a Path, a URI for a URI."""
    if isinstance(location, Path):
        return location.joinpath(*parts)
    return "/".join([location, *parts])


def name(location: Location) -> str:
    """The last part of a location (a snapshot's run id, a file's name)."""
    return location.name if isinstance(location, Path) else location.rsplit("/", 1)[-1]


def relative(location: str, base: str) -> str:
    """The '/'-separated path of a URI below the URI `base`."""
    prefix = base + "/"
    if not location.startswith(prefix):
        raise ValueError(f"{location} is not below {base}")
    return location[len(prefix):]


def resolve(uri: str) -> tuple[pafs.FileSystem, str]:
    """An object-store URI -> (file system, path on it) for pyarrow readers and writers."""
    scheme, rest = uri.split("://", 1)
    return filesystem(scheme, _endpoint() if scheme == "s3" else None), rest


@functools.lru_cache(maxsize=8)
def filesystem(scheme: str, endpoint: str | None = None) -> pafs.FileSystem:
    """One file system per scheme and process (a static resource: clients, connection pools).
    S3 gets the endpoint from the environment; other schemes are pyarrow's defaults."""
    if scheme == "s3":
        return pafs.S3FileSystem(endpoint_override=endpoint) if endpoint else pafs.S3FileSystem()
    fs, _ = pafs.FileSystem.from_uri(f"{scheme}://")
    return fs


def _endpoint() -> str | None:
    return next((os.environ[v] for v in ENDPOINT_VARS if os.environ.get(v)), None)


def on_filesystem(location: Location) -> tuple[pafs.FileSystem, str]:
    """(file system, path on it) for pyarrow readers and writers: local folders and object stores alike."""
    if isinstance(location, Path):
        return LOCAL, str(location)
    return resolve(location)


def on_filesystem_all(locations: list[Location]) -> tuple[pafs.FileSystem, list[str]]:
    """on_filesystem for several locations of one kind (the file system of the first)."""
    if not locations:
        return LOCAL, []
    fs, _ = on_filesystem(locations[0])
    return fs, [on_filesystem(location)[1] for location in locations]


def is_dir(location: Location) -> bool:
    """A local folder, or a prefix that holds at least one object."""
    if isinstance(location, Path):
        return location.is_dir()
    fs, path = resolve(location)
    return fs.get_file_info(path).type == pafs.FileType.Directory


def read_text(location: str) -> str | None:
    """A small object's text (a pointer), or None when there is none."""
    fs, path = resolve(location)
    try:
        with fs.open_input_stream(path) as stream:
            return stream.read().decode("utf-8")
    except FileNotFoundError:
        return None


def write_text(location: str, text: str) -> None:
    """Write a small object in one PUT: readers see the old content or the new, never a mix."""
    fs, path = resolve(location)
    with fs.open_output_stream(path) as stream:
        stream.write(text.encode("utf-8"))


def delete_dir(location: str) -> None:
    """Delete every object below a prefix (nothing there is fine)."""
    fs, path = resolve(location)
    if fs.get_file_info(path).type == pafs.FileType.Directory:
        fs.delete_dir(path)


def list_dirs(location: str) -> list[str]:
    """Names of the immediate 'folders' below a prefix, sorted."""
    fs, path = resolve(location)
    infos = fs.get_file_info(pafs.FileSelector(path, allow_not_found=True))
    return sorted(info.base_name for info in infos if info.type == pafs.FileType.Directory)


def upload_dir(local: Path, location: str) -> None:
    """Copy a local folder's files below a prefix (parallel, pyarrow's own thread pool)."""
    fs, path = resolve(location)
    pafs.copy_files(str(local), path, source_filesystem=LOCAL, destination_filesystem=fs)


def download_dir(location: str, local: Path) -> None:
    """Copy the objects below a prefix into a local folder."""
    fs, path = resolve(location)
    local.mkdir(parents=True, exist_ok=True)
    pafs.copy_files(path, str(local), source_filesystem=fs, destination_filesystem=LOCAL)
