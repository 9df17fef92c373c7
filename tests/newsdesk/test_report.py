"""The report: pure chart functions, and the whole page rendered in headless Chromium."""

import json
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from newsdesk import report
from newsdesk.batch import BatchRows
from newsdesk.cli import main
from schemas import TABLES

REPO = Path(__file__).resolve().parents[2]
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run"]
CHARTS = ("columns", "bars", "lines", "map")


def row(table: str, **fields) -> dict:
    """A row validated by its table model (so the fixture follows the schema)."""
    return TABLES[table].model_validate(fields).model_dump(mode="python")


def tiny_rows() -> BatchRows:
    """Three articles from two outlets over three days, with quotes, places and credits."""
    rows = BatchRows()
    speakers = [("Sergei Lavrov", "Foreign Minister"), ("Dmitry Peskov", "Kremlin spokesman")]
    places = [("Moscow", "city", "RU", 55.75, 37.62), ("Georgia", "country", "GE", 42.0, 43.5),
              ("Georgia", "region", "US", 32.75, -83.5)]
    for i, (day, outlet) in enumerate([(date(2024, 5, 1), "example.com"), (date(2024, 5, 2), "example.com"),
                                       (date(2024, 5, 4), "wire.example.org")]):
        aid, month = f"a{i}", day.strftime("%Y-%m")
        body = "Lavrov said the talks went well. Peskov noted nothing new."
        rows.articles.append(row("articles", article_id=aid, source_path=f"{aid}.md", content_hash=f"{i:064d}",
                                 input_format="markdown", encoding="utf-8", title=f"Headline {i}", published=day,
                                 published_month=month, url=f"https://{outlet}/{aid}", outlet_domain=outlet,
                                 body=body, word_count=10, paragraph_count=1))
        for q in range(i + 1):
            name, role = speakers[q % 2]
            rows.quotes.append({**row("quotes", quote_id=f"{aid}-q{q}", article_id=aid, published_month=month,
                                      quote_index=q, text=f"We <b>never</b> comment on rumours, part {q}.",
                                      speaker=name, speaker_role=role, cue="said", cue_lemma="say",
                                      kind="direct", paragraph_index=0, start_char=0, end_char=10),
                                "_source": f"{aid}.md"})
        for p, (name, kind, cc, lat, lon) in enumerate(places[: i + 1]):
            rows.places.append({**row("places", place_mention_id=f"{aid}-p{p}", article_id=aid,
                                      published_month=month, mention_index=p, surface=name, name=name, kind=kind,
                                      country_code=cc, latitude=lat, longitude=lon, start_char=0, end_char=5),
                                "_source": f"{aid}.md"})
        rows.credits.append({**row("credits", credit_id=f"{aid}-c0", article_id=aid, published_month=month,
                                   credit_index=0, role="byline", name="Jane Doe",
                                   organizations=["AP"] if i else ["AFP", "AP"], raw="By Jane Doe, AP"),
                             "_source": f"{aid}.md"})
    rows.rejects.append(row("rejects", source_path="junk.bin", reason_code="binary", reason="file holds binary data"))
    rows.rejects.append(row("rejects", source_path="feeds/export.jsonl", source_locator="line 4",
                            reason_code="parse_error", reason="not valid JSON <at column 12>"))
    return rows


@pytest.fixture(scope="module")
def out_dir(tmp_path_factory, publish_rows) -> Path:
    """A built out dir (Parquet snapshot + newsdesk.duckdb), without Prefect."""
    return publish_rows(tiny_rows(), tmp_path_factory.mktemp("curated"))


@pytest.fixture(scope="module")
def page(out_dir, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("report") / "report.html"
    assert main(["report", "--out-dir", str(out_dir), "--out", str(out)]) == 0
    return out


def test_report_data_reads_the_marts(out_dir):
    data = report.query_report_data(out_dir / "newsdesk.duckdb")
    assert data["totals"]["articles"] == 3 and data["totals"]["rejects"] == 2
    assert data["speakers"][0]["speaker"] == "Sergei Lavrov" and data["speakers"][0]["quotes"] == 4
    assert data["speakers"][0]["sample"].startswith("We <b>never</b>")
    assert data["agencies"] == [("AP", 3), ("AFP", 1)]
    assert data["places"][0]["name"] == "Moscow" and data["places"][0]["mentions"] == 3
    assert [(p["label"], p["mentions"], p["articles"]) for p in data["places"]] == [
        ("Moscow", 3, 3), ("Georgia (GE)", 2, 2), ("Georgia (US)", 1, 1)]  # two places, two labels
    assert [f["path"] for f in data["reject_files"]] == ["junk.bin", "feeds/export.jsonl"]
    assert len(data["countries"]) > 150 and all(len(c) == 3 for c in data["countries"])


def place(name, kind, country, lat=10.0, lon=20.0, mentions=1) -> dict:
    return {"name": name, "kind": kind, "country": country, "lat": lat, "lon": lon, "mentions": mentions,
            "articles": 1}


@pytest.mark.parametrize("places, labels", [
    ([place("Paris", "city", "FR")], ["Paris"]),
    ([place("Georgia", "country", "GE"), place("Georgia", "region", "US")], ["Georgia (GE)", "Georgia (US)"]),
    ([place("Paris", "city", "FR"), place("Paris", "city", "US", 33.7, -95.6), place("Paris", "region", "US")],
     ["Paris (FR)", "Paris (city, US)", "Paris (region, US)"]),
    ([place("Springfield", "city", "US", 39.8, -89.6), place("Springfield", "city", "US", 42.1, -72.6)],
     ["Springfield (city, US, 39.8, -89.6)", "Springfield (city, US, 42.1, -72.6)"]),
    ([place("Lagos", "city", None), place("Lagos", "city", "NG")], ["Lagos (city)", "Lagos (NG)"]),
])
def test_every_distinct_place_gets_its_own_label(places, labels):
    assert [p["label"] for p in report.label_places(places)] == labels


def test_map_labels_do_not_overlap_and_stay_inside():
    crowded = [{**place(f"Town number {i}", "city", "FR", 48.8 + i * 0.05, 2.3), "label": f"Town number {i}"}
               for i in range(8)]
    svg = report.world_map(crowded, [("FR", "France", "M1800 400l10 0 0 10z")])
    labels = re.findall(r'<text class="label" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)"[^>]*>([^<]+)<', svg)
    assert 1 <= len(labels) < 8  # some fit around the cluster; the rest are left to the bubbles' tooltips
    boxes = []
    for x, y, anchor, text in labels:
        w = len(text) * report.LABEL_CHAR_WIDTH
        left = float(x) - {"start": 0, "end": w, "middle": w / 2}[anchor]
        box = (left, float(y) - report.LABEL_FONT, left + w, float(y))
        assert box[0] >= 0 and box[2] <= report.MAP_WIDTH
        assert not any(box[0] < b[2] and b[0] < box[2] and box[1] < b[3] and b[1] < box[3] for b in boxes)
        boxes.append(box)


def test_map_draws_the_countries_and_darkens_the_mentioned_ones():
    shapes = [("FR", "France", "M1800 400l10 0 0 10z"), ("DE", "Germany", "M1900 380l10 0 0 10z"),
              ("AQ", "Antarctica", "M0 1700l10 0 0 10z")]
    svg = report.world_map([{**place("Paris", "city", "FR", 48.85, 2.35), "label": "Paris"}], shapes)
    assert svg.count("<path") == 2  # Antarctica lies below the map's southern edge
    assert f'fill="{report.LAND_MENTIONED}" vector-effect="non-scaling-stroke"><title>France' in svg
    assert f'fill="{report.LAND}" vector-effect="non-scaling-stroke"><title>Germany' in svg


def test_world_shapes_resource_is_small_and_projects_onto_the_map():
    shapes = report.world_shapes()
    codes = {code for code, _, _ in shapes}
    assert {"US", "GE", "FR", "RU", "BR", "AU", "ZA", "IN"} <= codes
    size = report.resources.files("newsdesk").joinpath("resources/world_110m.tsv").stat().st_size
    assert size < 200_000
    paths = {code: path for code, _, path in shapes}
    germany = [(x / 10 - 180, 90 - y / 10) for ring in path_points(paths["DE"]) for x, y in ring]
    assert all(5.5 <= lon <= 15.5 and 47 <= lat <= 55.5 for lon, lat in germany), germany
    russia = path_points(paths["RU"])  # crosses the antimeridian: drawn at both edges, no line across
    assert any(min(x for x, _ in ring) < 0 for ring in russia) and any(max(x for x, _ in ring) > 3500 for ring in russia)
    assert all(max(x for x, _ in ring) - min(x for x, _ in ring) < 1800 for ring in russia)


def path_points(path: str) -> list[list[tuple[int, int]]]:
    """The rings of a world_110m path ('Mx yl dx dy ...z'), as absolute points."""
    rings = []
    for start, moves in re.findall(r"M(-?\d+ -?\d+)l([-\d ]*)z", path):
        x, y = map(int, start.split())
        ring, steps = [(x, y)], list(map(int, moves.split()))
        for dx, dy in zip(steps[::2], steps[1::2]):
            x, y = x + dx, y + dy
            ring.append((x, y))
        rings.append(ring)
    return rings


D = date


@pytest.mark.parametrize("points, kept, dropped", [
    # a 1970 date (a zero epoch) and a 2099 typo around three weeks of news
    ([(D(1970, 1, 1), 1), (D(2024, 5, 1), 10), (D(2024, 5, 20), 12), (D(2099, 1, 1), 1)],
     [(D(2024, 5, 1), 10), (D(2024, 5, 20), 12)], [(D(1970, 1, 1), 1), (D(2099, 1, 1), 1)]),
    # two real periods of equal weight stay
    ([(D(2015, 3, 1), 10), (D(2015, 3, 5), 10), (D(2024, 3, 1), 10)],
     [(D(2015, 3, 1), 10), (D(2015, 3, 5), 10), (D(2024, 3, 1), 10)], []),
    # a month apart is no outlier
    ([(D(2024, 1, 1), 1), (D(2024, 2, 1), 30), (D(2024, 2, 3), 30)],
     [(D(2024, 1, 1), 1), (D(2024, 2, 1), 30), (D(2024, 2, 3), 30)], []),
    ([(D(2024, 1, 1), 1), (D(2099, 1, 1), 1)], [(D(2024, 1, 1), 1), (D(2099, 1, 1), 1)], []),  # too few to judge
    ([], [], []),
])
def test_split_outliers(points, kept, dropped):
    assert report.split_outliers(points) == (kept, dropped)


def test_time_axis_leaves_lone_outliers_off_and_says_so():
    data = {"articles_per_day": [(D(1970, 1, 1), 1), (D(2024, 5, 1), 10), (D(2024, 5, 3), 9)], "timeline": {}}
    kept, dropped = report.split_outliers(data["articles_per_day"])
    assert report.time_unit(kept) == "day"
    note = report.outlier_note(dropped, "articles")
    assert "1 articles with a date far from the rest (1970-01-01) left off this axis" in note


def test_rejects_table_lists_files_and_reasons():
    files = [{"path": f"bad/{i}.md", "locator": "", "code": "empty", "reason": "file is empty"} for i in range(3)]
    html = report.rejects_table(files, 3)
    assert html.count("<tr>") == 4 and "bad/2.md" in html and "file is empty" in html
    assert "and 10 more" in report.rejects_table(files * 20, 60)
    assert "Nothing was rejected" in report.rejects_table([], 0)


@pytest.mark.parametrize("first, last, unit", [
    (date(2024, 1, 1), date(2024, 2, 1), "day"),
    (date(2024, 1, 1), date(2024, 9, 1), "week"),
    (date(2020, 1, 1), date(2024, 1, 1), "month"),
])
def test_date_unit(first, last, unit):
    assert report.date_unit(first, last) == unit


def test_bucket_series_fills_gaps():
    points = [(date(2024, 1, 30), 2), (date(2024, 3, 2), 1), (date(2024, 3, 9), 4)]
    assert report.bucket_series(points, "month", date(2024, 1, 30), date(2024, 3, 9)) == [
        (date(2024, 1, 1), 2), (date(2024, 2, 1), 0), (date(2024, 3, 1), 5)]


@pytest.mark.parametrize("lat, lon, xy", [(report.MAP_NORTH, -180, (0.0, 0.0)), (0, 0, (480.0, 224.0))])
def test_project_equirectangular(lat, lon, xy):
    x, y = report.project(lat, lon, 960)
    assert (round(x, 1), round(y, 1)) == xy


def test_charts_escape_text_and_handle_empty_data():
    svg = report.bar_chart([("<script>", 3)], "things")
    assert "<script>" not in svg and "&lt;script&gt;" in svg and "<rect" in svg
    assert "no things" in report.bar_chart([], "things")
    assert "no dated quotes" in report.line_chart({}, "quotes")
    assert "no places" in report.world_map([], [("FR", "France", "M1800 400l10 0 0 10z")])


def test_page_is_self_contained(page):
    text = page.read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", text), "external resource in report"
    assert "<script" not in text.lower()
    assert "We &lt;b&gt;never&lt;/b&gt;" in text  # quote text escaped, sample quote shown
    assert "feeds/export.jsonl</code> line 4" in text and "not valid JSON &lt;at column 12&gt;" in text
    assert ">Georgia (GE)</text>" in text and ">Georgia (US)</text>" in text
    assert all(f'class="chart {kind}"' in text for kind in CHARTS)


def test_report_without_database_exits_4(tmp_path):
    assert main(["report", "--out-dir", str(tmp_path), "--out", str(tmp_path / "r.html")]) == 4


# --- headless Chromium ----------------------------------------------------------------------

# Injected into a copy of the page (the report itself has no script): records console errors and
# uncaught errors from the first moment, then measures every chart after layout and writes the
# result into the DOM, which --dump-dom prints. No DevTools protocol needed.
PROBE = """<script>
window.__errors = [];
const __err = console.error.bind(console);
console.error = (...a) => { window.__errors.push(a.join(' ')); __err(...a); };
window.addEventListener('error', e => window.__errors.push(String(e.message || e.target.src || e.type)), true);
window.addEventListener('load', () => {
  const charts = [...document.querySelectorAll('svg.chart')].map(svg => {
    const shapes = [...svg.querySelectorAll('rect,circle,path,line')].filter(s => {
      const b = s.getBBox(); return b.width > 0 || b.height > 0; });
    const box = svg.getBoundingClientRect();
    return {cls: svg.getAttribute('class'), shapes: shapes.length, width: box.width, height: box.height};
  });
  const pre = document.createElement('pre');
  pre.id = '__probe';
  pre.textContent = JSON.stringify({charts, errors: window.__errors,
                                    resources: performance.getEntriesByType('resource').map(r => r.name)});
  document.body.appendChild(pre);
});
</script>"""


def chromium() -> str | None:
    """The Chromium binary; skip (only outside CI) when it is not installed."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if not found and not os.environ.get("CI"):
        pytest.skip("chromium not installed (apt-get install -y chromium); CI installs it and runs this test")
    assert found, "CI must install chromium (see .ci/run)"
    return found


def run_chromium(binary: str, url: str, profile: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([binary, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", "--enable-logging=stderr",
                           "--v=0", *extra, url], capture_output=True, text=True, timeout=120)


def test_report_renders_in_headless_chromium(page, tmp_path):
    binary = chromium()
    probed = tmp_path / "probed.html"
    probed.write_text(page.read_text(encoding="utf-8").replace("<head>", "<head>" + PROBE, 1), encoding="utf-8")
    done = run_chromium(binary, probed.as_uri(), tmp_path / "profile", "--dump-dom")
    assert done.returncode == 0, done.stderr[-2000:]
    match = re.search(r'<pre id="__probe">(.*?)</pre>', done.stdout, re.S)
    assert match, f"probe did not run:\n{done.stderr[-2000:]}"
    result = json.loads(match[1].replace("&quot;", '"').replace("&amp;", "&"))
    assert result["errors"] == [] and result["resources"] == []
    assert {c["cls"] for c in result["charts"]} == {f"chart {kind}" for kind in CHARTS}
    for chart in result["charts"]:  # every chart laid out with visible shapes (none is a placeholder)
        assert chart["shapes"] > 0 and chart["width"] > 100 and chart["height"] > 20, chart
    assert len(result["charts"]) == 8
    console = [line for line in done.stderr.splitlines() if ":CONSOLE" in line and "__probe" not in line]
    assert not console, console  # the page itself logs nothing


def test_report_screenshot(page, tmp_path):
    binary = chromium()
    shot = tmp_path / "report.png"
    done = run_chromium(binary, page.as_uri(), tmp_path / "profile", f"--screenshot={shot}",
                        "--window-size=1100,1800", "--hide-scrollbars")
    assert done.returncode == 0 and shot.stat().st_size > 10_000, done.stderr[-2000:]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_of_an_empty_corpus_says_so(tmp_path, publish_rows):
    publish_rows(BatchRows(), tmp_path, "run-0")
    text = report.render_html(report.query_report_data(tmp_path / "newsdesk.duckdb"))
    for message in ("no dated articles", "no outlets", "No attributed quotes", "no places with coordinates",
                    "no agency credits"):
        assert message in text


def test_top_speakers_count_people_not_spellings(publish_rows, tmp_path):
    rows = tiny_rows()
    for quote in rows.quotes:  # one article writes only the surname: still the same person
        if quote["article_id"] == "a1" and quote["speaker"] == "Sergei Lavrov":
            quote["speaker"] = "Lavrov"
    data = report.query_report_data(publish_rows(rows, tmp_path) / "newsdesk.duckdb")
    first = data["speakers"][0]
    assert (first["speaker"], first["quotes"], first["articles"]) == ("Sergei Lavrov", 4, 3)
    assert data["totals"]["speakers"] == 2
    assert sum(n for _, n in data["timeline"]["Sergei Lavrov"]) == 4
