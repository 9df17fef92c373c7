"""Extraction over a clean body: quotes, places, credits."""
