"""The corpus report: one self-contained HTML page (inline SVG, no script, no network).

`query_report_data` is the only function that touches DuckDB; everything else turns plain data
into SVG/HTML strings, so each chart can be tested on its own.
"""

from __future__ import annotations

import html
import math
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

from newsdesk import database

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7")
ACCENT, MUTED, GRID = PALETTE[0], "#6b7280", "#e5e7eb"
TOP_SPEAKERS, TIMELINE_SPEAKERS, TOP_BARS, MAP_LABELS = 10, 5, 15, 12
MAP_WIDTH, MAP_NORTH, MAP_SOUTH = 960, 84.0, -58.0


# --- data -----------------------------------------------------------------------------------

def query_report_data(db_path: Path) -> dict:
    """Everything the report shows, read from the built database (read-only)."""
    con = database.connect(db_path)  # read-only; the views' relative paths resolve beside the file
    try:
        def rows(sql: str, *params) -> list[tuple]:
            return con.execute(sql, list(params)).fetchall()

        totals = dict(zip(
            ("articles", "outlets", "first_date", "last_date", "undated"),
            rows("select count(*), count(distinct outlet_domain), min(published), max(published), "
                 "count(*) filter (where published is null) from articles_summary")[0]))
        for table, view in (("quotes", "stg_quotes"), ("place_mentions", "stg_places"),
                            ("credits", "stg_credits"), ("rejects", "stg_rejects"), ("speakers", "speakers")):
            totals[table] = rows(f"select count(*) from {view}")[0][0]
        speakers = [dict(zip(("speaker", "role", "quotes", "articles"), r)) for r in rows(
            "select speaker, usual_role, count_quotes, count_articles from speakers "
            "order by count_quotes desc, speaker limit ?", TOP_SPEAKERS)]
        samples = dict(rows(
            "select speaker, arg_min(text, abs(length(text) - 140) * 100000 + quote_index) "
            "from stg_quotes where kind <> 'indirect' and speaker in (select unnest(?)) group by speaker",
            [s["speaker"] for s in speakers]))
        for s in speakers:
            s["sample"] = samples.get(s["speaker"], "")
        top = [s["speaker"] for s in speakers[:TIMELINE_SPEAKERS]]
        timeline: dict[str, list[tuple[date, int]]] = {name: [] for name in top}
        for name, day, n in rows(
                "select q.speaker, a.published, count(*) from stg_quotes q join stg_articles a using (article_id) "
                "where q.kind <> 'indirect' and a.published is not null and q.speaker in (select unnest(?)) "
                "group by all order by 2", top):
            timeline[name].append((day, n))
        return {
            "db_path": str(db_path),
            "totals": totals,
            "articles_per_day": rows("select published, count(*) from articles_summary "
                                     "where published is not null group by 1 order by 1"),
            "articles_per_outlet": rows("select coalesce(outlet_domain, '(unknown)'), count(*) from articles_summary "
                                        "group by 1 order by 2 desc, 1"),
            "speakers": speakers,
            "timeline": timeline,
            "places": [dict(zip(("name", "kind", "lat", "lon", "mentions", "articles"), r)) for r in rows(
                # one bubble per resolved place: Georgia (US) and Georgia (GE) are two places
                "select name, kind, any_value(latitude), any_value(longitude), sum(count_mentions), "
                "sum(count_articles) from place_mentions_daily where latitude is not null and longitude is not null "
                "group by name, kind, country_code order by 5 desc, 1")],
            "agencies": rows("select org, count(*) from (select unnest(organizations) as org from stg_credits) "
                             "group by 1 order by 2 desc, 1"),
            "credit_roles": rows("select role, count(*) from stg_credits group by 1 order by 2 desc, 1"),
            "rejects": rows("select reason_code, count(*) from stg_rejects group by 1 order by 2 desc, 1"),
            "reference_points": reference_points(),
        }
    finally:
        con.close()


def reference_points() -> list[tuple[float, float]]:
    """One (lat, lon) per country (GeoNames, shipped in resources): faint dots that hint at land."""
    text = resources.files("newsdesk").joinpath("resources/places_country_points.tsv").read_text(encoding="utf-8")
    points = []
    for line in text.splitlines():
        parts = line.split("\t")
        if line.startswith("#") or len(parts) < 3:
            continue
        points.append((float(parts[1]), float(parts[2])))
    return points


# --- helpers --------------------------------------------------------------------------------

def esc(value) -> str:
    """HTML/SVG-escaped text."""
    return html.escape("" if value is None else str(value), quote=True)


def shorten(text: str, limit: int) -> str:
    """Cut text at a word boundary, with an ellipsis."""
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[:limit].rsplit(" ", 1)[0] + "…"


def nice_max(value: float) -> float:
    """A round axis maximum >= value (1, 2, 4 x 10^k, at least 2): its half is a whole number too."""
    if value <= 2:
        return 2
    base = 10 ** math.floor(math.log10(value))
    return next(m * base for m in (1, 2, 4, 10) if m * base >= value)


def date_unit(first: date, last: date) -> str:
    """Bucket size that keeps a time axis readable: day, week or month."""
    span = (last - first).days
    return "day" if span <= 92 else "week" if span <= 730 else "month"


def time_unit(points: list[tuple[date, int]]) -> str:
    """The bucket size a chart of these points uses ('day' when there are none)."""
    days = sorted(d for d, _ in points)
    return date_unit(days[0], days[-1]) if days else "day"


def bucket(day: date, unit: str) -> date:
    """Start of the day's bucket."""
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def next_bucket(day: date, unit: str) -> date:
    """Start of the following bucket."""
    if unit == "month":
        return (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return day + timedelta(days=7 if unit == "week" else 1)


def bucket_series(points: list[tuple[date, int]], unit: str, first: date, last: date) -> list[tuple[date, int]]:
    """Counts summed per bucket, every bucket from first to last present (zeros included)."""
    sums: dict[date, int] = {}
    for day, n in points:
        sums[bucket(day, unit)] = sums.get(bucket(day, unit), 0) + n
    out, cur = [], bucket(first, unit)
    while cur <= last:
        out.append((cur, sums.get(cur, 0)))
        cur = next_bucket(cur, unit)
    return out


def empty_svg(message: str, width: int = 760, height: int = 80) -> str:
    """A placeholder chart saying why it is empty."""
    return (f'<svg class="chart empty" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img">'
            f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}">{esc(message)}</text></svg>')


# --- charts ---------------------------------------------------------------------------------

def bar_chart(items: list[tuple[str, int]], label: str, width: int = 760, color: str = ACCENT) -> str:
    """Horizontal bars, largest first, value at the end of each bar."""
    items = items[:TOP_BARS]
    if not items:
        return empty_svg(f"no {label}")
    row, left, right = 24, 190, 60
    height = row * len(items) + 10
    top = nice_max(max(n for _, n in items))
    scale = (width - left - right) / top
    parts = [f'<svg class="chart bars" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{esc(label)}">']
    for i, (name, n) in enumerate(items):
        y = 5 + i * row
        parts.append(f'<text x="{left - 8}" y="{y + 15}" text-anchor="end">{esc(shorten(name, 28))}</text>'
                     f'<rect x="{left}" y="{y + 3}" width="{max(n * scale, 1):.1f}" height="{row - 8}" fill="{color}">'
                     f'<title>{esc(name)}: {n}</title></rect>'
                     f'<text x="{left + n * scale + 6:.1f}" y="{y + 15}" fill="{MUTED}">{n}</text>')
    return "".join(parts) + "</svg>"


def column_chart(points: list[tuple[date, int]], label: str, width: int = 760, height: int = 220) -> str:
    """Counts over time as columns, bucketed by day, week or month."""
    if not points:
        return empty_svg(f"no dated {label}")
    unit = date_unit(points[0][0], points[-1][0])
    series = bucket_series(points, unit, points[0][0], points[-1][0])
    left, bottom, pad = 40, 28, 10
    top = nice_max(max(n for _, n in series))
    plot_w, plot_h = width - left - 3 * pad, height - bottom - pad  # room for the last date label
    step = plot_w / len(series)
    parts = [f'<svg class="chart columns" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{esc(label)} per {unit}">', axis_y(top, left, pad, plot_w, plot_h)]
    for i, (day, n) in enumerate(series):
        h = n / top * plot_h
        parts.append(f'<rect x="{left + i * step + step * 0.1:.1f}" y="{pad + plot_h - h:.1f}" '
                     f'width="{max(step * 0.8, 1):.1f}" height="{h:.1f}" fill="{ACCENT}">'
                     f'<title>{unit} of {day.isoformat()}: {n}</title></rect>')
    parts.append(axis_x([d for d, _ in series], left, step, pad + plot_h))
    return "".join(parts) + "</svg>"


def axis_y(top: float, left: float, pad: float, plot_w: float, plot_h: float) -> str:
    """Horizontal grid lines with labels at 0, 1/2 and the top."""
    parts = []
    for frac in (0, 0.5, 1):
        y = pad + plot_h - frac * plot_h
        value = top * frac
        text = f"{value:g}" if value == int(value) else f"{value:.1f}"
        parts.append(f'<line x1="{left}" x2="{left + plot_w}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}"/>'
                     f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="{MUTED}" font-size="11">'
                     f'{text}</text>')
    return "".join(parts)


def axis_x(days: list[date], left: float, step: float, y: float) -> str:
    """Up to ~8 date labels under a time axis."""
    every = max(1, math.ceil(len(days) / 8))
    return "".join(f'<text x="{left + i * step + step / 2:.1f}" y="{y + 18:.1f}" text-anchor="middle" '
                   f'fill="{MUTED}" font-size="11">{day.isoformat()}</text>'
                   for i, day in enumerate(days) if i % every == 0)


def line_chart(series: dict[str, list[tuple[date, int]]], label: str, width: int = 760,
               height: int = 240) -> str:
    """One line (with point markers) per named series over a shared, bucketed time axis."""
    days = sorted(d for points in series.values() for d, _ in points)
    if not days:
        return empty_svg(f"no dated {label}")
    unit = date_unit(days[0], days[-1])
    buckets = {name: bucket_series(points, unit, days[0], days[-1]) for name, points in series.items()}
    axis = [d for d, _ in next(iter(buckets.values()))]
    left, bottom, pad, legend = 40, 28, 10, 210
    plot_w, plot_h = width - left - pad - legend, height - bottom - pad
    top = nice_max(max(n for b in buckets.values() for _, n in b))
    step = plot_w / len(axis)
    parts = [f'<svg class="chart lines" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{esc(label)} per {unit}">', axis_y(top, left, pad, plot_w, plot_h)]
    for k, (name, points) in enumerate(buckets.items()):
        color = PALETTE[k % len(PALETTE)]
        xy = [(left + i * step + step / 2, pad + plot_h - n / top * plot_h) for i, (_, n) in enumerate(points)]
        path = " ".join(f"{'M' if i == 0 else 'L'}{x:.1f},{y:.1f}" for i, (x, y) in enumerate(xy))
        parts.append(f'<path d="{path}" fill="none" stroke="{color}" stroke-width="2"/>')
        parts += [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{color}"><title>{esc(name)}, {unit} of '
                  f'{d.isoformat()}: {n}</title></circle>' for (x, y), (d, n) in zip(xy, points) if n]
        ly = pad + 8 + k * 20
        parts.append(f'<rect x="{width - legend + 30}" y="{ly - 9}" width="12" height="12" fill="{color}"/>'
                     f'<text x="{width - legend + 48}" y="{ly + 1}">{esc(shorten(name, 22))}</text>')
    parts.append(axis_x(axis, left, step, pad + plot_h))
    return "".join(parts) + "</svg>"


def project(lat: float, lon: float, width: float = MAP_WIDTH) -> tuple[float, float]:
    """Equirectangular projection onto the map's pixel space (north up, cropped at MAP_NORTH/SOUTH)."""
    scale = width / 360
    return (lon + 180) * scale, (MAP_NORTH - lat) * scale


def world_map(places: list[dict], reference: list[tuple[float, float]], width: int = MAP_WIDTH) -> str:
    """Bubbles (area ~ mentions) on an equirectangular graticule, with faint country points."""
    height = round((MAP_NORTH - MAP_SOUTH) * width / 360)
    parts = [f'<svg class="chart map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="place mentions"><rect width="{width}" height="{height}" fill="#f8fafc"/>']
    for lon in range(-180, 181, 30):
        x, _ = project(0, lon, width)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="0" y2="{height}" stroke="{GRID}"/>')
    for lat in range(-60, 91, 30):
        _, y = project(lat, 0, width)
        if 0 <= y <= height:
            weight = 2 if lat == 0 else 1
            parts.append(f'<line x1="0" x2="{width}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" '
                         f'stroke-width="{weight}"/>'
                         f'<text x="4" y="{y - 3:.1f}" fill="{MUTED}" font-size="10">{lat}°</text>')
    parts += [f'<circle class="ref" cx="{x:.1f}" cy="{y:.1f}" r="1.6" fill="#cbd5e1"/>'
              for x, y in (project(lat, lon, width) for lat, lon in reference)]
    if not places:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}">'
                     'no places with coordinates</text>')
        return "".join(parts) + "</svg>"
    most = max(p["mentions"] for p in places)
    for p in sorted(places, key=lambda p: -p["mentions"]):  # big first, so small bubbles stay clickable
        x, y = project(p["lat"], p["lon"], width)
        r = 3 + 25 * math.sqrt(p["mentions"] / most)
        parts.append(f'<circle class="bubble" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}" fill="{PALETTE[2]}" '
                     f'fill-opacity="0.45" stroke="{PALETTE[2]}"><title>{esc(p["name"])} ({esc(p["kind"])}): '
                     f'{p["mentions"]} mentions in {p["articles"]} article-days</title></circle>')
    for p in places[:MAP_LABELS]:
        x, y = project(p["lat"], p["lon"], width)
        parts.append(f'<text x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle" font-size="11" font-weight="600" '
                     f'paint-order="stroke" stroke="#fff" stroke-width="3">{esc(p["name"])}</text>')
    return "".join(parts) + "</svg>"


# --- page -----------------------------------------------------------------------------------

def speakers_table(speakers: list[dict]) -> str:
    """Top speakers with counts and a sample quote each."""
    if not speakers:
        return '<p class="muted">No attributed quotes.</p>'
    rows = "".join(
        f'<tr><td class="num">{i}</td><td><b>{esc(s["speaker"])}</b><br><span class="muted">{esc(s["role"] or "")}'
        f'</span></td><td class="num">{s["quotes"]}</td><td class="num">{s["articles"]}</td>'
        f'<td class="quote">“{esc(shorten(s["sample"], 240))}”</td></tr>'
        for i, s in enumerate(speakers, 1))
    return ('<table class="speakers"><thead><tr><th>#</th><th>speaker</th><th>quotes</th><th>articles</th>'
            f'<th>sample quote</th></tr></thead><tbody>{rows}</tbody></table>')


def tiles(totals: dict) -> str:
    """The headline numbers."""
    span = (f'{totals["first_date"]} → {totals["last_date"]}' if totals.get("first_date") else "no dates")
    items = [("articles", totals["articles"]), ("outlets", totals["outlets"]), ("quotes", totals["quotes"]),
             ("speakers", totals["speakers"]), ("place mentions", totals["place_mentions"]),
             ("credits", totals["credits"]), ("rejected inputs", totals["rejects"])]
    cells = "".join(f'<div class="tile"><div class="n">{n:,}</div><div class="muted">{esc(k)}</div></div>'
                    for k, n in items)
    undated = f' · {totals["undated"]} undated' if totals.get("undated") else ""
    return f'<div class="tiles">{cells}</div><p class="muted">Published {esc(span)}{esc(undated)}</p>'


CSS = """
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#111827;
max-width:1000px;margin:24px auto;padding:0 16px;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:32px 0 8px;border-bottom:1px solid #e5e7eb;
padding-bottom:4px}h3{font-size:14px;margin:16px 0 6px;color:#374151}
.muted{color:#6b7280}.tiles{display:flex;flex-wrap:wrap;gap:8px}.tile{border:1px solid #e5e7eb;
border-radius:6px;padding:8px 12px;min-width:100px}.tile .n{font-size:22px;font-weight:600}
svg.chart{display:block;max-width:100%;height:auto;font-size:12px}svg text{fill:#111827}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #e5e7eb;padding:6px;text-align:left;
vertical-align:top}td.num,th.num{text-align:right;white-space:nowrap}td.quote{font-style:italic;color:#374151}
.grid2{display:grid;grid-template-columns:1fr 1fr;gap:16px}.grid2 svg.chart{width:100%}
footer{margin:32px 0;color:#6b7280;font-size:12px}
"""


def render_html(data: dict, generated_at: datetime | None = None) -> str:
    """The whole report page."""
    t = data["totals"]
    when = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<header><h1>newsdesk corpus report</h1>",
        f'<p class="muted">From {esc(data["db_path"])} · generated {esc(when)}</p></header>',
        '<section id="overview"><h2>Corpus overview</h2>', tiles(t),
        f"<h3>Articles per {time_unit(data['articles_per_day'])}</h3>",
        column_chart(data["articles_per_day"], "articles"),
        "<h3>Articles per outlet</h3>", bar_chart(data["articles_per_outlet"], "outlets"), "</section>",
        f'<section id="speakers"><h2>Top speakers</h2><p class="muted">Direct and partial quotes with a resolved '
        f'speaker (the <code>speakers</code> mart).</p>{speakers_table(data["speakers"])}',
        f"<h3>Quotes per {time_unit([p for s in data['timeline'].values() for p in s])}, top speakers</h3>",
        line_chart(data["timeline"], "quotes"), "</section>",
        '<section id="places"><h2>Places mentioned</h2><p class="muted">Bubble area ∝ mentions; grey dots mark '
        'countries for orientation.</p>', world_map(data["places"], data["reference_points"]),
        "<h3>Most mentioned places</h3>",
        bar_chart([(p["name"], p["mentions"]) for p in data["places"]], "places", color=PALETTE[2]), "</section>",
        '<section id="credits"><h2>Credits</h2><div class="grid2"><div><h3>By agency</h3>',
        bar_chart(data["agencies"], "agency credits", width=480, color=PALETTE[4]),
        "</div><div><h3>By role</h3>", bar_chart(data["credit_roles"], "credits", width=480, color=PALETTE[6]),
        "</div></div></section>",
        '<section id="rejects"><h2>Rejected inputs</h2>',
        bar_chart(data["rejects"], "rejected inputs", color=MUTED), "</section>",
        '<footer>Country points: GeoNames (CC BY 4.0). Columns are documented in data-dictionary.md.</footer>',
    ]
    return ('<!doctype html><html lang="en"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>newsdesk report</title><style>{CSS}</style></head><body>{"".join(body)}</body></html>\n')


def write_report(db_path: Path, out: Path) -> Path:
    """Query the database and write the report atomically."""
    text = render_html(query_report_data(db_path))
    tmp = out.with_name(out.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    return out
