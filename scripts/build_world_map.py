"""Build newsdesk/resources/world_110m.tsv, the country shapes under the report's map.

Input: countries-110m.json of the npm package world-atlas 2.0.2 (Natural Earth 1:110m countries,
version 4.1.0, as TopoJSON; Natural Earth is public domain, world-atlas is ISC):

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/build_world_map.py /tmp/package/countries-110m.json

Output: one line per country: ISO 3166-1 alpha-2 code (empty when it has none), name, and an SVG
path in an equirectangular plane of tenths of a degree (x = (lon + 180) * 10, y = (90 - lat) * 10),
relative integer moves, so the report projects it with one transform and the file stays small.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "newsdesk" / "resources" / "world_110m.tsv"
HEADER = ("# Country shapes for the report's map: ISO alpha-2, name, SVG path (x = (lon + 180) * 10, "
          "y = (90 - lat) * 10).\n# Made with Natural Earth (public domain), 1:110m countries 4.1.0, via the "
          "world-atlas 2.0.2 TopoJSON (ISC); built by scripts/build_world_map.py.\n")


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """TopoJSON's quantized, delta-encoded arcs -> lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring(indexes: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    """A closed ring from arc indexes (~i: arc i reversed); arcs share their end points."""
    points: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def polygons(geometry: dict) -> list[list[list[int]]]:
    if geometry["type"] == "Polygon":
        return [geometry["arcs"]]
    if geometry["type"] == "MultiPolygon":
        return geometry["arcs"]
    return []


def unwrap(points: list[tuple[float, float]]) -> list[list[tuple[float, float]]]:
    """A ring that crosses the antimeridian (Russia's Chukotka, Fiji) made continuous (longitudes
    past +-180), plus its copy shifted by 360 degrees: each copy shows the part on its side of the map."""
    out, shift = [points[0]], 0.0
    for (lon0, _), (lon, lat) in zip(points, points[1:]):
        if lon - lon0 > 180:
            shift -= 360
        elif lon0 - lon > 180:
            shift += 360
        out.append((lon + shift, lat))
    lons = [lon for lon, _ in out]
    if max(lons) > 180:
        return [out, [(lon - 360, lat) for lon, lat in out]]
    if min(lons) < -180:
        return [out, [(lon + 360, lat) for lon, lat in out]]
    return [out]


def svg_path(rings: list[list[tuple[float, float]]]) -> str:
    """Rings -> one SVG path in tenths of a degree, relative moves, repeated points dropped."""
    parts = []
    for points in (copy for ring_points in rings for copy in unwrap(ring_points)):
        grid = [(round((lon + 180) * 10), round((90 - lat) * 10)) for lon, lat in points]
        grid = [p for k, p in enumerate(grid) if k == 0 or p != grid[k - 1]]
        if len(grid) < 3:
            continue
        moves = [f"{x - px} {y - py}" for (px, py), (x, y) in zip(grid, grid[1:])]
        parts.append(f"M{grid[0][0]} {grid[0][1]}l" + " ".join(moves) + "z")
    return "".join(parts)


def alpha2(numeric: str | None) -> str:
    country = pycountry.countries.get(numeric=numeric) if numeric else None
    return country.alpha_2 if country else ""


def build(topojson: Path, out: Path = OUT) -> int:
    topology = json.loads(topojson.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    lines = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        rings = [ring(r, arcs) for polygon in polygons(geometry) for r in polygon]
        path = svg_path(rings)
        if path:
            name = geometry.get("properties", {}).get("name", "")
            lines.append(f"{alpha2(geometry.get('id'))}\t{name}\t{path}\n")
    out.write_text(HEADER + "".join(sorted(lines, key=lambda line: line.split("\t")[1])), encoding="utf-8")
    return len(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("topojson", type=Path, help="countries-110m.json of world-atlas 2.0.2")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    print(f"{build(args.topojson, args.out)} countries -> {args.out} ({args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
