"""Whether newsdesk is installed completely. An input that fails with an ImportError says something
about the install, not about the input: the batch rejects it as `missing_dependency` with a reason
that says what to install, and a run in which every input of one format failed that same way stops
before publishing (check_formats), so the next run, after the install is fixed, reads them again.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from importlib import metadata

from packaging.requirements import Requirement

DISTRIBUTION = "newsdesk"


class IncompleteInstallError(RuntimeError):
    """Every input of a format failed for the same missing or broken library."""


def unmet_requirements(distribution: str = DISTRIBUTION) -> list[str]:
    """The distribution's declared runtime requirements (extras left out) that this environment
    does not satisfy: not installed, or installed in a version outside the declared range."""
    try:
        declared = metadata.requires(distribution) or []
    except metadata.PackageNotFoundError:  # running from a folder that was never installed
        return []
    unmet = []
    for text in declared:
        requirement = Requirement(text)
        if requirement.marker is not None and not requirement.marker.evaluate({"extra": ""}):
            continue  # an extra's requirement (dev, dask, build) or another platform's
        try:
            version = metadata.version(requirement.name)
        except metadata.PackageNotFoundError:
            unmet.append(str(requirement))
            continue
        if not requirement.specifier.contains(version, prereleases=True):
            unmet.append(str(requirement))
    return unmet


def install_advice(error: ImportError) -> str:
    """What to install, as a sentence: newsdesk's unmet requirements when there are any, else the
    missing module itself, else a reinstall with dependencies."""
    unmet = unmet_requirements()
    if unmet:
        return "install what newsdesk needs: pip install " + " ".join(f"'{r}'" for r in unmet)
    if isinstance(error, ModuleNotFoundError) and error.name:
        return f"install the missing module: pip install {error.name.split('.')[0]}"
    return ("reinstall newsdesk with its dependencies (pip install --force-reinstall newsdesk, "
            "or `make install` in a checkout)")


def missing_dependency_reason(error: ImportError) -> str:
    """The reject reason of an input that failed on an ImportError."""
    return f"a library newsdesk needs is missing or broken ({type(error).__name__}: {error}); {install_advice(error)}"


def check_formats(outcomes: Counter) -> None:
    """Raise IncompleteInstallError when every input of some format failed with the same
    missing-dependency reason. outcomes: (format, reason or None) -> inputs, summed over the run's
    batches; None counts the inputs of that format that did not fail on a missing library."""
    by_format: dict[str, Counter] = defaultdict(Counter)
    for (fmt, reason), n in outcomes.items():
        by_format[fmt][reason] += n
    for fmt, reasons in sorted(by_format.items()):
        if None not in reasons and len(reasons) == 1:
            (reason, n), = reasons.items()
            raise IncompleteInstallError(
                f"every {fmt} input ({n}) failed the same way, so nothing was published: {reason}, then run again")
