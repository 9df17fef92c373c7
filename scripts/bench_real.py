"""Benchmark on real pages: per-stage CPU per page and pages/s end to end, with trafilatura alone as the peer.

    .venv/bin/python scripts/bench_real.py                    # make bench-real
    .venv/bin/python scripts/bench_real.py --no-run           # per-stage CPU only (no `newsdesk run`)
    .venv/bin/python scripts/bench_real.py --shared ../shared --copies 10 --workers 2 --write

Corpora (read in place, never copied into the repository): ../shared/corpus/articles/ (181 scraped
markdown `.md` and the same 181 pages as `.html`) and ../shared/corpus/pages/ (35 `.html`). Without
them the script says so and exits 2.

1. **Per-stage CPU per page** in this process, after a warm-up pass (lexicons, gazetteer, dateparser):
   read/decode (ingest), HTML parse, HTML main-text extraction, declared metadata, cleaning, quotes,
   places, credits, validation. `--rounds` passes are interleaved and the median of each stage kept
   (CPU time, `time.process_time`: other work on a shared machine does not count).
2. **trafilatura alone** on the same HTML (`extract(html, output_format="markdown", with_metadata=True)`,
   its text and metadata): CPU per page in this process, in the same rounds.
3. **End to end**: a real `newsdesk run --full --workers N` over `--copies` copies of each set in a
   temporary folder (copies are processed like new files; the duplicates are rejected at publishing),
   pages/s by the flow's own clock (plan .. SQL models; interpreter start and Prefect's server are
   left out, see BENCHMARKS.md), the part of it the SQL models took (`dbt build`: a fixed cost of
   every run, whatever its size) and the pages/s without it, and trafilatura alone over the same
   files in N processes (wall).
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import REPO, machine, prefect_env, run_cli, write_report  # noqa: E402 - scripts/ is on sys.path from here

SETS = {  # name -> (folder below shared/corpus, file suffix)
    "articles-md": ("articles", ".md"),
    "articles-html": ("articles", ".html"),
    "pages": ("pages", ".html"),
}
HTML_STAGES = ("read", "parse", "extract", "metadata", "clean", "quotes", "places", "credits", "validate")
MD_STAGES = ("read", "clean", "quotes", "places", "credits", "validate")
PEER_OPTIONS = {"output_format": "markdown", "with_metadata": True}


def corpus_files(shared: Path) -> dict[str, list[Path]]:
    """The files of each set; exit 2 with a clear message when a corpus is missing."""
    found = {}
    for name, (folder, suffix) in SETS.items():
        files = sorted(p for p in (shared / "corpus" / folder).glob(f"*{suffix}") if not p.name.startswith("README"))
        if not files:
            print(f"bench_real: no {suffix} files in {shared / 'corpus' / folder}: the real-page corpora "
                  "(../shared/corpus/articles and ../shared/corpus/pages) are absent, nothing measured. "
                  "Pass --shared DIR if they live elsewhere.", file=sys.stderr)
            raise SystemExit(2)
        found[name] = files
    return found


# ---------------------------------------------------------------- per-stage CPU, in this process
def stage_seconds(path: Path) -> dict[str, float]:
    """CPU seconds of each stage for one file (the same calls `newsdesk run` makes, split)."""
    from newsdesk import formats, ingest
    from newsdesk.clean import clean_article, clean_markdown
    from newsdesk.formats import html
    from newsdesk.metadata import outlet_domain
    from newsdesk.pipeline import build_result, credit_rows, place_rows, quote_rows
    from newsdesk.validate import validate_result

    clock = time.process_time
    spent: dict[str, float] = {}
    t = clock()
    raw = ingest.read_raw(path, path.parent)
    spent["read"] = clock() - t
    if raw.fmt == "html":
        t = clock()
        page = html.page_tree(raw.text)
        spent["parse"] = clock() - t
        t = clock()
        body = html.main_text(page) if page is not None else None
        found = bool(body) and html.has_article_text(body)
        spent["extract"] = clock() - t
        if not found:
            return spent
        t = clock()
        declared = html.page_declared(page, body)
        spent["metadata"] = clock() - t
        t = clock()
        doc = clean_article(body, declared)
        spent["clean"] = clock() - t
    else:
        t = clock()
        doc = clean_markdown(raw.text)
        spent["clean"] = clock() - t
    if not doc.body:
        return spent
    common = {"article_id": "0" * 16, "published_month": "2020-01"}
    domain = outlet_domain(doc.url)
    t = clock()
    quote_rows(doc.body, common, doc.title or "")
    spent["quotes"] = clock() - t
    t = clock()
    place_rows(doc, common, domain)
    spent["places"] = clock() - t
    t = clock()
    credit_rows(doc, common)
    spent["credits"] = clock() - t
    result = build_result(doc, raw.source_path, "", raw.content_hash, raw.fmt, raw.encoding)
    t = clock()
    validate_result(result)
    spent["validate"] = clock() - t
    assert formats.item("", doc).document is not None
    return spent


def peer_seconds(path: Path) -> float:
    """CPU seconds of trafilatura alone (text + metadata) on one HTML file, reading it included."""
    import trafilatura

    t = time.process_time()
    trafilatura.extract(path.read_text(encoding="utf-8", errors="replace"), **PEER_OPTIONS)
    return time.process_time() - t


def per_stage(files: dict[str, list[Path]], rounds: int) -> dict[str, dict[str, float]]:
    """Median over `rounds` interleaved passes of the mean CPU per page of each stage, per set
    (plus 'peer' for the HTML sets)."""
    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    for paths in files.values():  # warm-up: lexicons, gazetteer, dateparser's locales, trafilatura's caches
        for path in paths:
            stage_seconds(path)
            if path.suffix == ".html":
                peer_seconds(path)
    passes: dict[str, list[dict[str, float]]] = {name: [] for name in files}
    for _ in range(rounds):
        for name, paths in files.items():
            total: dict[str, float] = {}
            for path in paths:
                for stage, seconds in stage_seconds(path).items():
                    total[stage] = total.get(stage, 0.0) + seconds
                if path.suffix == ".html":
                    total["peer"] = total.get("peer", 0.0) + peer_seconds(path)
            passes[name].append({stage: seconds / len(paths) for stage, seconds in total.items()})
    return {name: {stage: statistics.median(p.get(stage, 0.0) for p in runs) for stage in runs[0]}
            for name, runs in passes.items()}


# ---------------------------------------------------------------- end to end
def copy_set(paths: list[Path], dest: Path, copies: int) -> int:
    """`copies` copies of the files under dest/copy-K/ (a temporary folder, never the repository)."""
    for k in range(copies):
        folder = dest / f"copy-{k:02d}"
        folder.mkdir(parents=True)
        for path in paths:
            shutil.copyfile(path, folder / path.name)
    return len(paths) * copies


def _peer_file(path: str) -> int:
    import trafilatura

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return int(trafilatura.extract(text, **PEER_OPTIONS) is not None)


def peer_rate(raw: Path, workers: int) -> float:
    """Files per second of trafilatura alone over the same files in `workers` processes (wall clock,
    warm pool: the first file of each process is excluded by a warm-up map)."""
    files = sorted(str(p) for p in raw.rglob("*.html"))
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_peer_file, files[:workers * 4]))
        started = time.perf_counter()
        list(pool.map(_peer_file, files, chunksize=16))
        return len(files) / (time.perf_counter() - started)


def end_to_end(files: dict[str, list[Path]], work: Path, copies: int, workers: int) -> dict[str, dict]:
    """A real `newsdesk run` over copies of each set; trafilatura alone over the same HTML files."""
    env, results = prefect_env(), {}
    for name, paths in files.items():
        raw, out = work / f"raw-{name}", work / f"out-{name}"
        n = copy_set(paths, raw, copies)
        batch = max(20, n // (workers * 8))  # a few batches per worker, so no worker idles at the end
        done = run_cli(["run", "--raw-dir", str(raw), "--out-dir", str(out), "--full", "--workers", str(workers),
                        "--batch-size", str(batch)], env)
        summary = done["summary"]
        results[name] = {"files": n, "flow_s": summary["seconds"], "wall_s": done["wall"],
                         "rate": n / summary["seconds"], "stage_seconds": summary.get("stage_seconds", {}),
                         "models_s": summary.get("wall_seconds", {}).get("sql_models", 0.0),
                         "peer_rate": peer_rate(raw, workers) if paths[0].suffix == ".html" else None}
        print(f"[bench-real] {name}: {n} files, {results[name]['rate']:.0f} pages/s (flow clock)", flush=True)
        shutil.rmtree(out, ignore_errors=True)
    return results


# ---------------------------------------------------------------- report
def render(stages: dict[str, dict[str, float]], counts: dict[str, int], runs: dict[str, dict] | None,
           argv: list[str], host: str, workers: int) -> str:
    ms = lambda seconds: f"{seconds * 1000:.2f}"  # noqa: E731
    lines = ["<!-- bench:real:start -->", "",
             f"Generated by `{' '.join(argv)}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
             f"Machine: {host}.", "",
             "CPU per page in one process, milliseconds (median of interleaved passes after warm-up):", "",
             "| set | pages | " + " | ".join(HTML_STAGES) + " | **total** | pages/s on 2 cores at this CPU "
             "| trafilatura alone (text + metadata) | its pages/s on 2 cores |",
             "|---|---:|" + "---:|" * (len(HTML_STAGES) + 4)]
    for name, split in stages.items():
        total = sum(v for k, v in split.items() if k != "peer")
        cells = [ms(split[s]) if s in split else "" for s in HTML_STAGES]
        peer = f"{ms(split['peer'])} | {2 / split['peer']:.0f}" if "peer" in split else "n/a | n/a"
        lines.append(f"| {name} | {counts[name]} | " + " | ".join(cells) + f" | **{ms(total)}** | **{2 / total:.0f}** "
                     f"| {peer} |")
    lines += ["", "(pages/s on 2 cores at this CPU = 2 / CPU per page: what two idle cores give when only the "
              "per-page stages count; the end-to-end table below adds the flow's fixed costs and the machine's load.)"]
    if runs:
        lines += ["", f"End to end, `newsdesk run --full --workers {workers}` over copies of each set "
                  "(pages/s by the flow's clock; trafilatura alone over the same files in "
                  f"{workers} processes, wall clock):", "",
                  "| set | files | newsdesk pages/s | flow clock | of which SQL models (dbt build) "
                  "| pages/s without the SQL models | run wall | worker CPU per page (process+validate) "
                  "| trafilatura alone pages/s |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for name, r in runs.items():
            cpu = sum(r["stage_seconds"].get(k, 0.0) for k in ("ingest", "process", "validate", "stage"))
            peer = f"{r['peer_rate']:.0f}" if r["peer_rate"] else "n/a"
            pages_only = r["files"] / max(r["flow_s"] - r["models_s"], 1e-9)
            lines.append(f"| {name} | {r['files']:,} | **{r['rate']:.0f}** | {r['flow_s']:.1f} s | {r['models_s']:.1f} s "
                         f"| {pages_only:.0f} | {r['wall_s']:.1f} s "
                         f"| {ms(cpu / r['files'])} ms | {peer} |")
    lines += ["", "<!-- bench:real:end -->"]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared", help="the shared folder (default ../shared)")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved passes for the per-stage CPU (default 3)")
    parser.add_argument("--copies", type=int, default=10, help="copies of each set for the end-to-end run (default 10)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes of the end-to-end run (default 2)")
    parser.add_argument("--no-run", action="store_true", help="per-stage CPU only, no `newsdesk run`")
    parser.add_argument("--write", action="store_true", help="also write the block into BENCHMARKS.md (bench:real markers)")
    args = parser.parse_args()
    files = corpus_files(args.shared)
    host = machine()
    stages = per_stage(files, args.rounds)
    runs = None
    if not args.no_run:
        work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-real-"))
        try:
            runs = end_to_end(files, work, args.copies, args.workers)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    block = render(stages, {name: len(paths) for name, paths in files.items()}, runs, [Path(sys.argv[0]).name, *sys.argv[1:]], host, args.workers)
    print(block)
    if args.write:
        write_report(block, "real")


if __name__ == "__main__":
    main()
