"""Settings of a run, read once: NEWSDESK_* environment variables, overridden by what the command
line or the flow's parameters give. Nothing reads the environment at import; whoever starts a run
reads a Settings and passes its values down.

Also the environment Prefect needs to stay local, quiet and offline (STACK_NOTES), for every
process that imports it: the CLI, the tests and the benchmark set it from here.
"""

from __future__ import annotations

import os
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

PREFECT_DEFAULTS = {
    "DO_NOT_TRACK": "1",
    "PREFECT_SERVER_ANALYTICS_ENABLED": "false",  # else failed telemetry calls and "database is locked"
    "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90",  # the 20 s default is close to a loaded start
    "PREFECT_LOGGING_LEVEL": "WARNING",
}


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
    sql_dir: Path | None = None  # SQL models other than the packaged ones (newsdesk.sqlmodels.SQL_DIR)
    early_server: bool = True  # start Prefect's temporary server while the CLI imports (flows.ephemeral)

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
    """The Prefect variables a newsdesk process sets when they are not set: PREFECT_HOME (a
    project-local folder, not ~/.prefect) and PREFECT_DEFAULTS."""
    return {"PREFECT_HOME": str(home), **PREFECT_DEFAULTS}
