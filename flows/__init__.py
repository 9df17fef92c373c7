"""Prefect flows: thin wiring over the core package (newsdesk)."""
