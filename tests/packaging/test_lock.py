"""pyproject.toml and requirements.lock agree, and the wheel lists every package (fast, offline).

After a change to the dependencies in pyproject.toml, `make lock` regenerates the lock."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

REPO = Path(__file__).resolve().parents[2]
PROJECT = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
LOCKED_EXTRAS = ("dev", "dask")  # what `make install` and CI install (`build` is for scripts/ only)


def locked() -> dict[str, tuple[str, int]]:
    """Package -> (pinned version, number of hashes) of requirements.lock."""
    pins: dict[str, tuple[str, int]] = {}
    for entry in re.split(r"\n(?=\S)", (REPO / "requirements.lock").read_text(encoding="utf-8")):
        match = re.match(r"([A-Za-z0-9_.\-]+)(?:\[[^\]]*\])?==(\S+)", entry)  # a name may carry extras
        if match:
            pins[canonicalize_name(match[1])] = (match[2], entry.count("--hash=sha256:"))
    return pins


def declared() -> list[Requirement]:
    deps = PROJECT["project"]["dependencies"]
    deps += [d for extra in LOCKED_EXTRAS for d in PROJECT["project"]["optional-dependencies"][extra]]
    return [Requirement(d) for d in deps]


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_every_declared_dependency_is_locked_inside_its_range(requirement):
    pins = locked()
    name = canonicalize_name(requirement.name)
    assert name in pins, f"{requirement} is not in requirements.lock: run `make lock`"
    version, hashes = pins[name]
    assert requirement.specifier.contains(version, prereleases=True), \
        f"requirements.lock pins {name}=={version}, outside {requirement}: run `make lock`"
    assert hashes >= 1


def test_runtime_dependencies_are_ranges_not_pins():
    pinned = [d for d in PROJECT["project"]["dependencies"] if "==" in d]
    assert not pinned, f"exact pins belong in requirements.lock, not in the project's dependencies: {pinned}"


def test_every_lock_entry_has_hashes():
    assert all(hashes for _, hashes in locked().values())


def test_the_wheel_lists_every_package():
    """setuptools is given the package list (sql/ is mapped to newsdesk.sql): a new subpackage must be added."""
    listed = set(PROJECT["tool"]["setuptools"]["packages"])
    mapped = PROJECT["tool"]["setuptools"]["package-dir"]
    found = {".".join(p.parent.relative_to(REPO).parts) for top in ("newsdesk", "schemas", "flows")
             for p in (REPO / top).rglob("__init__.py")}
    found |= {package for package, folder in mapped.items() if (REPO / folder / "__init__.py").is_file()}
    assert found == listed
