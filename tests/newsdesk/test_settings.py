"""Settings: Prefect's home is resolved once (the checkout's .prefect/, else the user's state
directory, never the current folder), and the log level of `run` and `serve`."""

import os
import tempfile
from pathlib import Path

import pytest

from newsdesk import cli, settings
from newsdesk.settings import Settings


def make_checkout(folder: Path) -> Path:
    (folder / "newsdesk").mkdir(parents=True)
    for name in ("Makefile", "pyproject.toml", "newsdesk/__init__.py"):
        (folder / name).write_text("")
    return folder


def test_prefect_home_of_a_checkout_is_its_dot_prefect(tmp_path):
    checkout = make_checkout(tmp_path / "repo")
    assert settings.prefect_home(checkout) == checkout / ".prefect"


def test_prefect_home_of_an_installed_wheel_is_the_users_state_dir(tmp_path, monkeypatch):
    site_packages = tmp_path / "site-packages"
    (site_packages / "newsdesk").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    monkeypatch.chdir(tmp_path)
    home = settings.prefect_home(site_packages)
    if os.name == "posix" and os.uname().sysname == "Linux":
        assert home == tmp_path / "home" / ".local" / "state" / "newsdesk" / "prefect"
    assert not home.is_relative_to(Path.cwd() / "site-packages") and home != Path.cwd() / ".prefect"


def test_this_checkout_keeps_prefect_in_its_own_folder(repo_root):
    assert settings.is_checkout(repo_root) and settings.prefect_home() == repo_root / ".prefect"


@pytest.mark.parametrize("platform, environ, expected", [
    ("linux", {"HOME": "/home/ann"}, "/home/ann/.local/state/newsdesk"),
    ("linux", {"HOME": "/home/ann", "XDG_STATE_HOME": "/var/state/ann"}, "/var/state/ann/newsdesk"),
    ("linux", {"HOME": "/home/ann", "XDG_STATE_HOME": ""}, "/home/ann/.local/state/newsdesk"),
    ("darwin", {"HOME": "/Users/ann"}, "/Users/ann/Library/Application Support/newsdesk"),
    ("win32", {"HOME": "C:/Users/ann", "LOCALAPPDATA": "C:/Users/ann/AppData/Local"},
     "C:/Users/ann/AppData/Local/newsdesk"),
])
def test_user_state_dir(platform, environ, expected):
    assert settings.user_state_dir(platform, environ) == Path(expected)


@pytest.mark.parametrize("given, env, default, expected", [
    (None, {}, "WARNING", "WARNING"),  # `run` stays quiet: its summary is printed
    (None, {}, "INFO", "INFO"),  # `serve` keeps INFO logs on the server
    (None, {"PREFECT_LOGGING_LEVEL": "ERROR"}, "INFO", "ERROR"),  # the user's Prefect setting wins
    ("DEBUG", {"PREFECT_LOGGING_LEVEL": "ERROR"}, "WARNING", "DEBUG"),  # --log-level wins over everything
])
def test_prefect_log_level(monkeypatch, given, env, default, expected):
    monkeypatch.delenv("PREFECT_LOGGING_LEVEL")
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    cli.prefect_defaults(given, default)
    assert os.environ["PREFECT_LOGGING_LEVEL"] == expected
    assert os.environ["PREFECT_HOME"]  # already the test session's, left as it is


def test_log_level_setting_reads_any_case(monkeypatch):
    monkeypatch.setenv("NEWSDESK_LOG_LEVEL", "info")
    assert Settings.read().log_level == "INFO"
    assert Settings.read(log_level="debug").log_level == "DEBUG"
    monkeypatch.setenv("NEWSDESK_LOG_LEVEL", "loud")
    with pytest.raises(ValueError):
        Settings.read()


@pytest.mark.parametrize("argv", [["run", "--log-level", "info"], ["serve", "--cron", "0 * * * *", "--log-level", "INFO"]])
def test_run_and_serve_take_a_log_level(argv):
    assert cli.build_parser().parse_args(argv).log_level == "INFO"


def test_the_suite_never_uses_the_users_prefect():
    """conftest drops the shell's PREFECT_* variables: runs go to a temporary home and server."""
    assert Path(os.environ["PREFECT_HOME"]).is_relative_to(tempfile.gettempdir())
    assert "PREFECT_API_URL" not in os.environ and "PREFECT_PROFILE" not in os.environ
