"""The corpus report: one self-contained HTML page (inline SVG, no script, no network).

`query_report_data` is the only function that touches DuckDB; everything else turns plain data
into SVG/HTML strings, so each chart can be tested on its own.
"""

from __future__ import annotations

import html
import math
from collections import Counter
from datetime import date, datetime, timedelta, timezone
from importlib import resources
from pathlib import Path

from newsdesk import database

PALETTE = ("#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7")
ACCENT, MUTED, GRID = PALETTE[0], "#6b7280", "#e5e7eb"
TOP_SPEAKERS, TIMELINE_SPEAKERS, TOP_BARS, MAP_LABELS, REJECT_ROWS = 10, 5, 15, 20, 50
MAP_WIDTH, MAP_NORTH, MAP_SOUTH = 960, 84.0, -58.0
LAND, LAND_MENTIONED = "#e2e8f0", "#cbd5e1"
LABEL_FONT, LABEL_CHAR_WIDTH = 11, 6.4  # px; a label's box is estimated from its length
# A date at either end of a time axis is a lone outlier (a 1970 or 2099 date) when it holds few
# of the items and lies further from the others than they span (and over half a year).
OUTLIER_SHARE, OUTLIER_MIN_GAP_DAYS = 0.05, 183


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
        # people, not spellings: the speakers mart has one row per person (its spellings joined by the
        # people mart), and a person's quotes are found by person_id in the quotes mart
        speakers = [dict(zip(("person_id", "speaker", "role", "quotes", "articles"), r)) for r in rows(
            "select person_id, speaker, usual_role, count_quotes, count_articles from speakers "
            "order by count_quotes desc, speaker limit ?", TOP_SPEAKERS)]
        samples = dict(rows(
            "select person_id, arg_min(text, abs(length(text) - 140) * 100000 + quote_index) "
            "from quotes where kind <> 'indirect' and person_id in (select unnest(?)) group by person_id",
            [s["person_id"] for s in speakers]))
        for s in speakers:
            s["sample"] = samples.get(s["person_id"], "")
        top = speakers[:TIMELINE_SPEAKERS]
        names = {s["person_id"]: s["speaker"] for s in top}
        timeline: dict[str, list[tuple[date, int]]] = {s["speaker"]: [] for s in top}
        for person_id, day, n in rows(
                "select q.person_id, a.published, count(*) from quotes q join stg_articles a using (article_id) "
                "where q.kind <> 'indirect' and a.published is not null and q.person_id in (select unnest(?)) "
                "group by all order by 2", list(names)):
            timeline[names[person_id]].append((day, n))
        return {
            "db_path": str(db_path),
            "totals": totals,
            "articles_per_day": rows("select published, count(*) from articles_summary "
                                     "where published is not null group by 1 order by 1"),
            "articles_per_outlet": rows("select coalesce(outlet_domain, '(unknown)'), count(*) from articles_summary "
                                        "group by 1 order by 2 desc, 1"),
            "speakers": speakers,
            "timeline": timeline,
            "places": label_places([dict(zip(("name", "kind", "country", "lat", "lon", "mentions", "articles"), r))
                                    for r in rows(
                # one bubble per resolved place (name, kind, country and GeoNames id): Georgia the US state
                # and Georgia the country are two places, so are two Springfields
                "select name, kind, country_code, any_value(latitude), any_value(longitude), count(*), "
                "count(distinct article_id) from stg_places where latitude is not null and longitude is not null "
                "group by name, kind, country_code, geonames_id order by 6 desc, 1, 3")]),
            "agencies": rows("select org, count(*) from (select unnest(organizations) as org from stg_credits) "
                             "group by 1 order by 2 desc, 1"),
            "credit_roles": rows("select role, count(*) from stg_credits group by 1 order by 2 desc, 1"),
            "rejects": rows("select reason_code, count(*) from stg_rejects group by 1 order by 2 desc, 1"),
            "reject_files": [dict(zip(("path", "locator", "code", "reason"), r)) for r in rows(
                "select source_path, source_locator, reason_code, reason from stg_rejects "
                "order by reason_code, source_path, source_locator limit ?", REJECT_ROWS + 1)],
            "countries": world_shapes(),
        }
    finally:
        con.close()


def world_shapes() -> list[tuple[str, str, str]]:
    """(ISO alpha-2, name, SVG path) per country: Natural Earth 1:110m, shipped in resources
    (scripts/build_world_map.py); paths in tenths of a degree, x = (lon + 180) * 10, y = (90 - lat) * 10."""
    text = resources.files("newsdesk").joinpath("resources/world_110m.tsv").read_text(encoding="utf-8")
    return [tuple(line.split("\t")) for line in text.splitlines() if line and not line.startswith("#")]


def label_places(places: list[dict]) -> list[dict]:
    """Give every place its label: the name, with the country code (or the kind) added when another
    place in the list has the same name."""
    def labels(p: dict) -> list[str]:  # ever longer labels, until one is unique
        country = [p["country"]] if p["country"] else []
        details = (country, [p["kind"], *country], [p["kind"], *country, f'{p["lat"]:.1f}, {p["lon"]:.1f}'])
        return [p["name"], *dict.fromkeys(f'{p["name"]} ({", ".join(d)})' for d in details if d)]

    options = {id(p): labels(p) for p in places}
    for p in places:
        p["label"] = p["name"]
    for _ in range(3):
        taken = Counter(p["label"] for p in places)
        for p in places:
            longer = options[id(p)]
            if taken[p["label"]] > 1 and p["label"] != longer[-1]:
                p["label"] = longer[longer.index(p["label"]) + 1]
    return places


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


def world_map(places: list[dict], countries: list[tuple[str, str, str]], width: int = MAP_WIDTH) -> str:
    """Bubbles (area ~ mentions) over the country shapes (countries with a mentioned place a shade
    darker), with labels for the biggest that fit without overlapping."""
    height = round((MAP_NORTH - MAP_SOUTH) * width / 360)
    scale = width / 360
    parts = [f'<svg class="chart map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="place mentions"><rect width="{width}" height="{height}" fill="#f8fafc"/>']
    mentioned = {p["country"] for p in places}
    parts.append(f'<g class="land" transform="translate(0 {-(90 - MAP_NORTH) * scale:.2f}) scale({scale / 10:.5f})" '
                 'stroke="#fff" stroke-width="0.6">')
    parts += [f'<path d="{path}" fill="{LAND_MENTIONED if code in mentioned else LAND}" '
              f'vector-effect="non-scaling-stroke"><title>{esc(name)}</title></path>'
              for code, name, path in countries if code != "AQ"]  # Antarctica lies below the map's edge
    parts.append("</g>")
    for lat in (-30, 0, 30, 60):
        _, y = project(lat, 0, width)
        parts.append(f'<text x="4" y="{y - 3:.1f}" fill="{MUTED}" font-size="10">{lat}°</text>')
    if not places:
        parts.append(f'<text x="{width / 2}" y="{height / 2}" text-anchor="middle" fill="{MUTED}">'
                     'no places with coordinates</text>')
        return "".join(parts) + "</svg>"
    most = max(p["mentions"] for p in places)
    radius = {id(p): 3 + 25 * math.sqrt(p["mentions"] / most) for p in places}
    for p in sorted(places, key=lambda p: -p["mentions"]):  # big first, so small bubbles stay clickable
        x, y = project(p["lat"], p["lon"], width)
        parts.append(f'<circle class="bubble" cx="{x:.1f}" cy="{y:.1f}" r="{radius[id(p)]:.1f}" fill="{PALETTE[2]}" '
                     f'fill-opacity="0.45" stroke="{PALETTE[2]}"><title>{esc(p["label"])}, {esc(p["kind"])}: '
                     f'{p["mentions"]} mentions in {p["articles"]} articles</title></circle>')
    boxes: list[tuple[float, float, float, float]] = []
    for p in places[:MAP_LABELS]:
        x, y = project(p["lat"], p["lon"], width)
        spot = label_spot(x, y, radius[id(p)], p["label"], boxes, width, height)
        if spot is not None:
            lx, ly, anchor = spot
            parts.append(f'<text class="label" x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}" '
                         f'font-size="{LABEL_FONT}" font-weight="600" paint-order="stroke" stroke="#fff" '
                         f'stroke-width="3">{esc(p["label"])}</text>')
    return "".join(parts) + "</svg>"


def label_spot(x: float, y: float, r: float, label: str, boxes: list, width: float,
               height: float) -> tuple[float, float, str] | None:
    """Where a bubble's label goes: right of it, left, above or below, the first spot inside the map
    that overlaps no label placed before (its box is added to boxes); None when none is free."""
    w, h = len(label) * LABEL_CHAR_WIDTH, LABEL_FONT + 2
    for lx, ly, anchor, left in ((x + r + 3, y + 4, "start", x + r + 3), (x - r - 3, y + 4, "end", x - r - 3 - w),
                                 (x, y - r - 4, "middle", x - w / 2), (x, y + r + 12, "middle", x - w / 2)):
        box = (left, ly - h + 3, left + w, ly + 3)
        inside = box[0] >= 0 and box[1] >= 0 and box[2] <= width and box[3] <= height
        if inside and not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes):
            boxes.append(box)
            return lx, ly, anchor
    return None


def split_outliers(points: list[tuple[date, int]]) -> tuple[list[tuple[date, int]], list[tuple[date, int]]]:
    """(points on the axis, lone outliers left off it): a first or last date is left off while it holds
    at most OUTLIER_SHARE of the items and lies further from the next date than the rest spans
    (and over OUTLIER_MIN_GAP_DAYS)."""
    kept, dropped = sorted(points), []
    while len(kept) >= 3:
        total = sum(n for _, n in kept)
        for end, inner, other in ((0, 1, -1), (-1, -2, 0)):
            gap = abs((kept[inner][0] - kept[end][0]).days)
            rest = abs((kept[other][0] - kept[inner][0]).days)
            if kept[end][1] <= OUTLIER_SHARE * total and gap > max(rest, OUTLIER_MIN_GAP_DAYS):
                dropped.append(kept.pop(end))
                break
        else:
            return kept, sorted(dropped)
    return kept, sorted(dropped)


def daily_totals(series: dict[str, list[tuple[date, int]]]) -> list[tuple[date, int]]:
    """The series summed per date."""
    sums: Counter = Counter()
    for points in series.values():
        for day, n in points:
            sums[day] += n
    return sorted(sums.items())


def outlier_note(dropped: list[tuple[date, int]], what: str) -> str:
    """The sentence under a time chart that left lone outliers off its axis ('' when none)."""
    if not dropped:
        return ""
    n = sum(count for _, count in dropped)
    days = ", ".join(day.isoformat() for day, _ in dropped)
    return (f'<p class="muted note">{n} {esc(what)} with a date far from the rest ({esc(days)}) '
            'left off this axis.</p>')


def rejects_table(files: list[dict], total: int) -> str:
    """Every rejected file (up to REJECT_ROWS) with its reason."""
    if not files:
        return '<p class="muted">Nothing was rejected.</p>'
    rows = "".join(f'<tr><td><code>{esc(f["path"])}</code>{" " + esc(f["locator"]) if f["locator"] else ""}</td>'
                   f'<td>{esc(f["code"])}</td><td>{esc(f["reason"])}</td></tr>' for f in files[:REJECT_ROWS])
    more = (f'<p class="muted">… and {total - REJECT_ROWS} more: <code>newsdesk sql "select * from stg_rejects"'
            '</code> lists them all.</p>' if total > REJECT_ROWS else "")
    return (f'<table class="rejects"><thead><tr><th>input</th><th>reason code</th><th>reason</th></tr></thead>'
            f'<tbody>{rows}</tbody></table>{more}')


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
table.rejects td{font-size:13px}table.rejects code{word-break:break-all}p.note{font-size:12px;margin:2px 0}
"""


def render_html(data: dict, generated_at: datetime | None = None) -> str:
    """The whole report page."""
    t = data["totals"]
    articles, articles_off = split_outliers(data["articles_per_day"])
    quote_days, quote_days_off = split_outliers(daily_totals(data["timeline"]))
    timeline = {name: [(d, n) for d, n in points if quote_days[0][0] <= d <= quote_days[-1][0]]
                for name, points in data["timeline"].items()} if quote_days else data["timeline"]
    when = (generated_at or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC")
    body = [
        "<header><h1>newsdesk corpus report</h1>",
        f'<p class="muted">From {esc(data["db_path"])} · generated {esc(when)}</p></header>',
        '<section id="overview"><h2>Corpus overview</h2>', tiles(t),
        f"<h3>Articles per {time_unit(articles)}</h3>",
        column_chart(articles, "articles"), outlier_note(articles_off, "articles"),
        "<h3>Articles per outlet</h3>", bar_chart(data["articles_per_outlet"], "outlets"), "</section>",
        f'<section id="speakers"><h2>Top speakers</h2><p class="muted">Direct and partial quotes with a resolved '
        f'speaker (the <code>speakers</code> mart).</p>{speakers_table(data["speakers"])}',
        f"<h3>Quotes per {time_unit(quote_days)}, top speakers</h3>",
        line_chart(timeline, "quotes"), outlier_note(quote_days_off, "quotes"), "</section>",
        '<section id="places"><h2>Places mentioned</h2><p class="muted">Bubble area ∝ mentions; countries with '
        'a mentioned place are a shade darker.</p>', world_map(data["places"], data["countries"]),
        "<h3>Most mentioned places</h3>",
        bar_chart([(p["label"], p["mentions"]) for p in data["places"]], "places", color=PALETTE[2]), "</section>",
        '<section id="credits"><h2>Credits</h2><div class="grid2"><div><h3>By agency</h3>',
        bar_chart(data["agencies"], "agency credits", width=480, color=PALETTE[4]),
        "</div><div><h3>By role</h3>", bar_chart(data["credit_roles"], "credits", width=480, color=PALETTE[6]),
        "</div></div></section>",
        '<section id="rejects"><h2>Rejected inputs</h2>',
        bar_chart(data["rejects"], "rejected inputs", color=MUTED),
        rejects_table(data["reject_files"], t["rejects"]), "</section>",
        '<footer>Country shapes: Natural Earth (public domain). Columns are documented in data-dictionary.md.'
        '</footer>',
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
