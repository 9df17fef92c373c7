"""newsdesk: scraped news articles -> clean, validated tables.

Imports run one way, from the command line down to the contracts: cli -> run and batch (a run's
steps, a batch's work; flows/ wires them with Prefect) -> pipeline (one document) -> formats,
clean, extract (functions over text, no I/O) -> schemas. Below batch, the I/O: ingest and sources
read raw files, storage writes Parquet, targets publish snapshots, dbtbuild builds the database
(dbt over sql/) and database reads it.
identity, layout, settings, locations and checkpoints are leaves that any module may use.
"""

__version__ = "0.1.0"
