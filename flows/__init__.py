"""Prefect flows: thin wiring over the pure core package (newsdesk)."""
