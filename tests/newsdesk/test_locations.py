"""Locations: local paths stay Paths, object-store URIs become canonical strings."""

from pathlib import Path

import pytest

from newsdesk import locations


@pytest.mark.parametrize("given, expected", [
    ("data/raw", Path("data/raw").resolve()),
    (Path("data/raw"), Path("data/raw").resolve()),
    ("/srv/news/raw", Path("/srv/news/raw")),
    ("file:///srv/news/raw", Path("/srv/news/raw")),
    ("file://localhost/srv/news/raw", Path("/srv/news/raw")),
    ("file:///srv/my%20news/raw", Path("/srv/my news/raw")),
    ("s3://news/raw", "s3://news/raw"),
    ("s3://news/raw/", "s3://news/raw"),
    ("S3://news", "s3://news"),
    ("gs://bucket/a/b", "gs://bucket/a/b"),
    ("C:/data/raw", Path("C:/data/raw").resolve()),  # a one-letter 'scheme' is a drive, not a URI
])
def test_parse(given, expected):
    assert locations.parse(given) == expected


@pytest.mark.parametrize("given", ["s3://", "s3:///", "file://otherhost/srv/raw"])
def test_parse_refuses(given):
    with pytest.raises(ValueError):
        locations.parse(given)


@pytest.mark.parametrize("location, parts, joined, name", [
    (Path("/out"), ("_snapshots", "run-1"), Path("/out/_snapshots/run-1"), "run-1"),
    ("s3://news/out", ("_snapshots", "run-1"), "s3://news/out/_snapshots/run-1", "run-1"),
    ("s3://news", ("CURRENT",), "s3://news/CURRENT", "CURRENT"),
])
def test_join_and_name(location, parts, joined, name):
    assert locations.join(location, *parts) == joined
    assert locations.name(joined) == name
    assert locations.is_remote(joined) == isinstance(location, str)


@pytest.mark.parametrize("uri, base, rel", [
    ("s3://news/raw/a/b.md", "s3://news/raw", "a/b.md"),
    ("s3://news/raw/b.md", "s3://news/raw", "b.md"),
    ("s3://news/rawer/b.md", "s3://news/raw", None),
])
def test_relative(uri, base, rel):
    if rel is None:
        with pytest.raises(ValueError):
            locations.relative(uri, base)
    else:
        assert locations.relative(uri, base) == rel


def test_s3_endpoint_comes_from_the_environment(monkeypatch):
    monkeypatch.delenv("AWS_ENDPOINT_URL_S3", raising=False)
    monkeypatch.setenv("AWS_ENDPOINT_URL", "http://127.0.0.1:9")
    fs, path = locations.resolve("s3://news/raw/a.md")
    assert path == "news/raw/a.md" and fs.type_name == "s3"
    monkeypatch.setenv("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:10")  # the S3-specific one wins
    assert locations.resolve("s3://news")[0] is not fs
