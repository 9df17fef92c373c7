"""An incomplete install: inputs that fail on an ImportError are `missing_dependency` rejects that say
what to install, and a run in which every input of a format failed that way exits 1 unpublished."""

import os
from collections import Counter
from importlib import metadata

import pytest

from newsdesk import batch, installation
from newsdesk.cli import main
from newsdesk.formats import html

LXML_CLEAN = ImportError("lxml.html.clean module is now a separate project lxml_html_clean.")
PAGE = "<html><head><title>Dam opens</title></head><body><article><p>The dam opened today.</p></article></body></html>"
ARTICLE = "# Dam opens\n\nMarch 3, 2021\n\nThe dam opened on Wednesday after two years of work, officials said.\n"


@pytest.mark.parametrize("declared, installed, unmet", [
    (["lxml_html_clean~=0.4"], {"lxml_html_clean": "0.4.7"}, []),
    (["lxml_html_clean~=0.4"], {}, ["lxml_html_clean~=0.4"]),
    (["duckdb~=1.5.6"], {"duckdb": "2.0.1"}, ["duckdb~=1.5.6"]),  # another version than declared
    (['pytest~=9.2; extra == "dev"'], {}, []),  # an extra's requirement is not the run's
    (['pywin32>=300; sys_platform == "win32"'], {}, []),  # another platform's
])
def test_unmet_requirements(monkeypatch, declared, installed, unmet):
    def version(name):
        if name not in installed:
            raise metadata.PackageNotFoundError(name)
        return installed[name]

    monkeypatch.setattr(metadata, "requires", lambda dist: declared)
    monkeypatch.setattr(metadata, "version", version)
    assert installation.unmet_requirements() == unmet


def test_the_installed_newsdesk_meets_its_requirements():
    assert installation.unmet_requirements() == []


@pytest.mark.parametrize("error, unmet, advice", [
    (LXML_CLEAN, ["lxml_html_clean~=0.4"], "install what newsdesk needs: pip install 'lxml_html_clean~=0.4'"),
    (ModuleNotFoundError("No module named 'trafilatura.core'", name="trafilatura.core"), [],
     "install the missing module: pip install trafilatura"),
    (LXML_CLEAN, [], "reinstall newsdesk with its dependencies"),
])
def test_install_advice(monkeypatch, error, unmet, advice):
    monkeypatch.setattr(installation, "unmet_requirements", lambda: unmet)
    assert installation.install_advice(error).startswith(advice)


SAME = "a library newsdesk needs is missing (ImportError: x); install y"


@pytest.mark.parametrize("outcomes, fails", [
    ({("html", SAME): 3, ("markdown", None): 5}, True),  # every HTML input, one reason
    ({("html", SAME): 1}, True),
    ({("html", SAME): 2, ("html", None): 1}, False),  # one page parsed: not the install
    ({("html", SAME): 1, ("html", SAME + "!"): 1}, False),  # two different failures
    ({("markdown", None): 4}, False),
    ({}, False),
])
def test_check_formats(outcomes, fails):
    if fails:
        with pytest.raises(installation.IncompleteInstallError, match=r"every html input \(\d\) failed"):
            installation.check_formats(Counter(outcomes))
    else:
        installation.check_formats(Counter(outcomes))


@pytest.fixture
def lxml_clean_missing(monkeypatch):
    """HTML pages fail the way they do when lxml_html_clean is not installed."""
    def read_html(text):
        raise LXML_CLEAN

    monkeypatch.setattr(html, "read_html", read_html)


@pytest.fixture
def raw(tmp_path):
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "page.html").write_text(PAGE, encoding="utf-8")
    (folder / "page2.htm").write_text(PAGE.replace("Dam", "Weir"), encoding="utf-8")
    (folder / "dam.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def test_a_missing_library_rejects_the_input_with_what_to_install(raw, lxml_clean_missing):
    rows = batch.process_paths(sorted(raw.iterdir()), raw)
    assert len(rows.articles) == 1
    assert {r["reason_code"] for r in rows.rejects} == {"missing_dependency"}
    assert all("lxml_html_clean" in r["reason"] and "install" in r["reason"] for r in rows.rejects)
    reason = rows.rejects[0]["reason"]
    assert rows.outcomes == Counter({("html", reason): 2, ("markdown", None): 1})


# The same failure in the worker processes of a run (newsdesk.workers): they start afresh, so a
# sitecustomize module on their PYTHONPATH patches it in, as tests/reliability/faults does.
WORKER_SITE = f"""
from newsdesk.formats import html


def read_html(text):
    raise ImportError({str(LXML_CLEAN)!r})


html.read_html = read_html
"""


@pytest.fixture
def lxml_clean_missing_in_workers(tmp_path, monkeypatch):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(WORKER_SITE, encoding="utf-8")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(site), os.environ.get("PYTHONPATH")])))


@pytest.mark.flow
def test_a_run_whose_html_inputs_all_fail_on_an_import_exits_1_unpublished(raw, tmp_path, lxml_clean_missing_in_workers,
                                                                           capsys):
    out = tmp_path / "out"
    assert main(["run", "--raw-dir", str(raw), "--out-dir", str(out), "--workers", "1"]) == 1
    err = capsys.readouterr().err
    assert "every html input (2) failed the same way, so nothing was published" in err
    assert "lxml_html_clean" in err and "run again" in err
    assert not (out / "newsdesk.duckdb").exists() and not (out / "current").exists()
