"""Toponyms in a clean body, resolved against the offline gazetteer."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """One place mention. body[start:end] == surface."""

    surface: str  # as written: "Russian", "U.S.", "Minsk"
    name: str  # canonical: "Russia", "United States", "Minsk"
    kind: str  # "country" | "admin1" | "city" | "continent" | "region" | ...
    country_code: str | None  # ISO 3166-1 alpha-2
    geonames_id: int | None
    latitude: float | None
    longitude: float | None
    is_demonym: bool
    start: int
    end: int


def extract_places(body: str) -> list[PlaceMention]:
    """Every place mention in `body`, in reading order (one item per mention)."""
    return []
