"""Settings of a run, read once: NEWSDESK_* environment variables, overridden by what the command
line or the flow's parameters give. Nothing reads the environment at import; whoever starts a run
reads a Settings and passes its values down.

Also the environment Prefect needs to stay local and offline (STACK_NOTES), for every process
that imports it: the CLI, the tests and the benchmark set it from here, with one PREFECT_HOME
(prefect_home: the checkout's .prefect/, else a folder in the user's state directory; never the
current directory).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Literal

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # else failed telemetry calls and "database is locked"
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",  # the 20 s default is close to a loaded start
}
LogLevel = Literal["DEBUG", "INFO", "WARNING", "ERROR"]
CHECKOUT = Path(__file__).resolve().parents[1]  # the repository, when newsdesk runs from a checkout


class Settings(BaseSettings):
    """Where a run reads and writes, and how much it does at once."""

    model_config = SettingsConfigDict(env_prefix="NEWSDESK_", frozen=True)

    raw_dir: str = "data/raw"
    out_dir: str = "data/curated"
    db_dir: str = "data/curated"  # local folder of the database when out_dir is an object store
    batch_size: int = Field(500, gt=0)  # files per task: seconds of work each, so Prefect's per-task cost stays small
    workers: int = Field(0, ge=0)  # local worker processes; 0: one per CPU
    # The time budget of one input file (newsdesk.workers): a file still being processed after
    # document_seconds, plus document_seconds_per_mb for each MB it holds, is stopped and becomes a
    # too_slow reject. Normal articles take milliseconds and the slowest legitimate one seconds
    # (a loaded machine, a first non-English date); a 20 MB JSONL export gets its 230 s.
    document_seconds: float = Field(30.0, gt=0)
    document_seconds_per_mb: float = Field(10.0, ge=0)
    # DuckDB's own budget is 80 % of RAM; the marts are built inside the flow's process, whose
    # footprint stays bounded this way (DuckDB spills to disk beyond it).
    duckdb_memory_limit: str = "512MB"
    sql_dir: Path | None = None  # a dbt project other than the packaged one (newsdesk.dbtbuild.PROJECT_DIR)
    early_server: bool = True  # start Prefect's temporary server while the CLI imports (flows.ephemeral)
    # Prefect's log level (PREFECT_LOGGING_LEVEL) for `run` and `serve`; None: the command's default
    # (run: WARNING, its summary is printed; serve: INFO, so served runs keep their logs on the server)
    log_level: LogLevel | None = None

    @field_validator("log_level", mode="before")
    @classmethod
    def _upper(cls, value):
        return value.upper() if isinstance(value, str) else value

    @classmethod
    def read(cls, **given) -> Settings:
        """The environment's settings, overridden by the values given (None: not given)."""
        return cls(**{name: value for name, value in given.items() if value is not None})

    @property
    def worker_count(self) -> int:
        """Worker processes to use: `workers`, or one per CPU."""
        return worker_count(self.workers)


def worker_count(workers: int) -> int:
    """Worker processes to use: `workers`, or one per CPU when it is 0."""
    return workers or os.cpu_count() or 1


def prefect_environment(home: Path) -> dict[str, str]:
    """The Prefect variables a newsdesk process sets when they are not set: PREFECT_HOME (see
    prefect_home, not ~/.prefect) and PREFECT_DEFAULTS."""
    return {"PREFECT_HOME": str(home), **PREFECT_DEFAULTS}


def prefect_home(checkout: Path = CHECKOUT) -> Path:
    """Where Prefect keeps newsdesk's flow runs, logs and artifacts: the .prefect/ folder of the
    checkout newsdesk runs from (git-ignored), else newsdesk/prefect in the user's state directory."""
    if is_checkout(checkout):
        return checkout / ".prefect"
    return user_state_dir() / "prefect"


def is_checkout(folder: Path) -> bool:
    """A newsdesk source checkout: the package beside the Makefile and pyproject.toml (an installed
    wheel has none of those next to it)."""
    return all((folder / name).exists() for name in ("Makefile", "pyproject.toml", "newsdesk/__init__.py"))


def user_state_dir(platform: str = sys.platform, environ: dict[str, str] = os.environ) -> Path:
    """newsdesk's folder for state it keeps between runs, as each platform places it."""
    home = Path(environ.get("HOME") or Path.home())
    if platform == "win32":
        return Path(environ.get("LOCALAPPDATA") or home / "AppData" / "Local") / "newsdesk"
    if platform == "darwin":
        return home / "Library" / "Application Support" / "newsdesk"
    return Path(environ.get("XDG_STATE_HOME") or home / ".local" / "state") / "newsdesk"
