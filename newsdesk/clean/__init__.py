"""Cleaning: scraped markdown -> a CleanDocument (metadata + clean body + raw credit lines)."""

from __future__ import annotations

from newsdesk.clean.document import CleanDocument
from newsdesk.clean.markdown import clean_markdown

__all__ = ["CleanDocument", "clean_markdown"]
