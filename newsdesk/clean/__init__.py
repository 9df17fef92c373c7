"""Cleaning: a body text and what its source declares -> a CleanDocument (metadata + clean body + raw credit lines)."""

from __future__ import annotations

from newsdesk.clean.document import CleanDocument
from newsdesk.clean.declared import Declared
from newsdesk.clean.markdown import clean_article, clean_markdown

__all__ = ["CleanDocument", "Declared", "clean_article", "clean_markdown"]
