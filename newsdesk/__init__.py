"""newsdesk: scraped news articles -> clean, validated tables.

The core package is pure: functions over plain data, no Prefect, no I/O except in
`newsdesk.ingest` (reading raw files) and `newsdesk.storage` (writing tables).
"""

__version__ = "0.1.0"
