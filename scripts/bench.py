"""Benchmark: build a corpus of N seed-style articles, run the real `newsdesk run` on it, compare
with a read+regex floor, and write the figures into BENCHMARKS.md (between the bench markers).

    .venv/bin/python scripts/bench.py                 # N = 20,000 and 100,000 (make bench)
    .venv/bin/python scripts/bench.py --n 2000 --no-write
    .venv/bin/python scripts/bench.py --server        # also time start-up against `prefect server start`
    .venv/bin/python scripts/bench.py --noop --n 20000  # only no-op reruns over 20k files (and after a touch)

The corpus recombines paragraphs of our own sample articles (data/raw), so it runs on a fresh
clone without ../shared. Every figure comes from the real CLI in a subprocess; per-stage seconds
come from the run summary (timers accumulated per batch) plus a small in-process sample that
splits "process" into parsing+cleaning and each extractor.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
from newsdesk.settings import prefect_environment, prefect_home  # noqa: E402 - the repository is on sys.path from here
from newsdesk.sources import LocalFiles  # noqa: E402
NEWSDESK = str(Path(sys.executable).parent / "newsdesk")
PREFECT = str(Path(sys.executable).parent / "prefect")
RE_FLOOR = re.compile(r'["\u201c][^"\u201d\n]{1,400}["\u201d]')  # the floor's single regex: quoted spans
FILES_PER_DIR = 1000
OUTLETS = ("dailyherald.example", "wirecourier.example", "metrotimes.example", "valleypost.example")
DATE_STYLES = ("%B %d, %Y", "%Y-%m-%d", "Published %B %d, %Y", "%m/%d/%Y")


# ---------------------------------------------------------------- corpus
def sample_pieces(raw_dir: Path) -> tuple[list[str], list[str]]:
    """(titles, body paragraphs) from the markdown/text samples in data/raw."""
    titles, paragraphs = [], []
    for path in sorted(raw_dir.rglob("*")):
        if path.suffix not in (".md", ".txt") or not path.is_file() or path.stat().st_size == 0:
            continue
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8", errors="replace")):
            block = block.strip()
            if block.startswith("# "):
                titles.append(block[2:].strip())
            elif len(block) > 80 and not block.startswith(("<http", "![", "By ", "**Related", "Original url")):
                paragraphs.append(block)
    return titles, paragraphs


def make_article(i: int, rng: random.Random, titles: list[str], paragraphs: list[str]) -> str:
    """One seed-style article (~2.6 KB): title, date, body paragraphs, 'Original url:' trailer."""
    day = date(2019, 1, 1) + timedelta(days=rng.randrange(3 * 365))
    body, size = [], 0
    while size < rng.randint(2000, 3000):
        body.append(rng.choice(paragraphs))
        size += len(body[-1])
    slug = re.sub(r"\W+", "-", rng.choice(titles).lower()).strip("-")[:60]
    url = f"https://www.{rng.choice(OUTLETS)}/{day:%Y/%m/%d}/{slug}-{i}"
    return "\n\n".join([f"# {rng.choice(titles)}", day.strftime(rng.choice(DATE_STYLES)), *body,
                        "Original url:", f"<{url}>"]) + "\n"


def build_corpus(n: int, dest: Path, seed: int = 6) -> int:
    """Write n articles under dest (1,000 per folder). Returns total bytes."""
    titles, paragraphs = sample_pieces(REPO / "data" / "raw")
    rng, total = random.Random(seed), 0
    for i in range(n):
        folder = dest / f"{i // FILES_PER_DIR:04d}"
        if i % FILES_PER_DIR == 0:
            folder.mkdir(parents=True, exist_ok=True)
        text = make_article(i, rng, titles, paragraphs).encode("utf-8")
        (folder / f"article_{i:06d}{'.md' if i % 3 else '.txt'}").write_bytes(text)
        total += len(text)
    return total


# ---------------------------------------------------------------- measuring
def floor_seconds(raw_dir: Path) -> float:
    """The floor: walk, read and decode every file, run one regex over it (one process)."""
    started, hits = time.perf_counter(), 0
    for root, _, files in os.walk(raw_dir):
        for name in files:
            hits += len(RE_FLOOR.findall(Path(root, name).read_bytes().decode("utf-8")))
    return time.perf_counter() - started


def tree_memory(root: int) -> int:
    """Proportional set size (PSS) of a process and all its descendants, in bytes (Linux /proc).
    PSS splits pages shared between processes (forked workers, the forkserver) among them, so
    the sum is the tree's real footprint; summing RSS would count shared pages once per process."""
    parents = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parents[int(entry)] = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    tree, frontier = {root}, [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, pp in parents.items() if pp == pid and p not in tree]
        tree.update(kids)
        frontier.extend(kids)
    return sum(_pss(pid) for pid in tree)


def _pss(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


# Plumbing mode: parsing/cleaning and the extractors replaced by trivial stand-ins (--workers 1), so
# the run measures only what the flow, ingest, validation and storage cost. The stand-ins are a
# sitecustomize module on PYTHONPATH: loaded by every process of the run, the worker processes too.
STUBS = """
import re
from datetime import date

from newsdesk import formats, pipeline
from newsdesk.clean import CleanDocument

RE_URL = re.compile(r"<(https?://[^>]+/(\\d{4})/(\\d{2})/(\\d{2})/[^>]+)>")


def parse(text, fmt):
    title, _, rest = text.partition("\\n")
    url = RE_URL.search(text)
    day = date(*map(int, url.groups()[1:])) if url else None
    return [formats.ParsedItem("", CleanDocument(body=rest.strip(), title=title.lstrip("# "),
                                                  url=url.group(1) if url else None, published=day))]


formats.parse = parse
pipeline.extract_quotes = pipeline.extract_places = lambda body: []
pipeline.parse_credits = lambda credits: []
"""


def stub_env(env: dict, work: Path) -> dict:
    """The environment of a plumbing-only run: STUBS as the sitecustomize of every process."""
    folder = work / "stubs"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sitecustomize.py").write_text(STUBS, encoding="utf-8")
    return {**env, "PYTHONPATH": os.pathsep.join(filter(None, [str(folder), env.get("PYTHONPATH")]))}


def run_cli(args: list[str], env: dict) -> dict:
    """Run `newsdesk ...`; returns wall seconds, peak tree PSS, the JSON summary if any, stdout."""
    summary_file = Path(tempfile.mkstemp(suffix=".json")[1])
    started, cpu_before = time.perf_counter(), _children_cpu()
    proc = subprocess.Popen([NEWSDESK, *args, "--json", str(summary_file)], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak, output = 0, []
    reader = threading.Thread(target=lambda: output.extend(proc.stdout), daemon=True)
    reader.start()
    while proc.poll() is None:
        peak = max(peak, tree_memory(proc.pid))
        time.sleep(0.25)
    reader.join()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"newsdesk {' '.join(args)} failed ({proc.returncode}):\n{''.join(output)[-3000:]}")
    text = summary_file.read_text() if summary_file.stat().st_size else ""
    summary_file.unlink()
    return {"wall": wall, "cpu": _children_cpu() - cpu_before, "peak_rss": peak, "summary": json.loads(text) if text else None,
            "stdout": "".join(output)}


def _children_cpu() -> float:
    """User + system CPU seconds of finished child processes (and the children they waited for)."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def prefect_env(api_url: str | None = None) -> dict:
    env = {**prefect_environment(prefect_home()), **os.environ, "CI": "true"}
    if api_url:
        env["PREFECT_API_URL"] = api_url
    return env


def startup_seconds(work: Path, env: dict) -> list[tuple[float, float]]:
    """(wall, CPU) seconds of `newsdesk run` on one file, three times (the first may create
    PREFECT_HOME). CPU time is the steadier figure when other work shares the machine."""
    raw = work / "one"
    raw.mkdir(exist_ok=True)
    shutil.copy(REPO / "data" / "raw" / "000_1959c37fc4a78743.txt", raw)
    times = []
    for i in range(3):
        done = run_cli(["run", "--raw-dir", str(raw), "--out-dir", str(work / f"one-out-{i}"), "--full"], env)
        times.append((done["wall"], done["cpu"]))
    return times


def with_prefect_server(env: dict):
    """Start `prefect server start` on a free port; returns (process, api_url)."""
    port = 4290 + os.getpid() % 100
    proc = subprocess.Popen([PREFECT, "server", "start", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/api"
    import urllib.request

    for _ in range(240):
        try:
            urllib.request.urlopen(f"{url}/health", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise SystemExit("prefect server did not start in 120 s")


def sample_stage_split(raw_dir: Path, files: int = 300) -> dict[str, float]:
    """Seconds per document for each step inside 'process', on a sample, in this process."""
    from newsdesk import formats, ingest
    from newsdesk.pipeline import DocumentResult, credit_rows, place_rows, process_raw, quote_rows
    from newsdesk.validate import validate_result

    paths = sorted(raw_dir.rglob("*.*"))[:files]
    for path in paths[:20]:  # load lexicons and the gazetteer first: a fixed cost, not per document
        process_raw(ingest.read_raw(path, raw_dir))
    spent = dict.fromkeys(("ingest", "parse_clean", "quotes", "places", "credits", "validate"), 0.0)
    for path in paths:
        t0 = time.perf_counter()
        raw = ingest.read_raw(path, raw_dir)
        t1 = time.perf_counter()
        doc = formats.parse(raw.text, raw.fmt)[0].document
        t2 = time.perf_counter()
        if doc is None:
            continue
        common = {"article_id": "0" * 16, "published_month": "2020-01"}
        quotes = quote_rows(doc.body, common, doc.title or "")
        t3 = time.perf_counter()
        places = place_rows(doc, common, None)
        t4 = time.perf_counter()
        credits = credit_rows(doc, common)
        t5 = time.perf_counter()
        article = {"article_id": "0" * 16, "source_path": raw.source_path, "source_locator": "",
                   "content_hash": raw.content_hash, "input_format": raw.fmt, "encoding": "utf-8",
                   "title": doc.title, "published": doc.published, "published_month": "2020-01", "url": doc.url,
                   "outlet_domain": None, "language": doc.language, "body": doc.body, "word_count": 1,
                   "paragraph_count": 1, "image_caption": doc.image_caption, "related_titles": [], "warnings": []}
        validate_result(DocumentResult(article, quotes, places, credits))
        t6 = time.perf_counter()
        for key, seconds in zip(spent, (t1 - t0, t2 - t1, t3 - t2, t4 - t3, t5 - t4, t6 - t5)):
            spent[key] += seconds
    return {k: v / len(paths) for k, v in spent.items()}


def explain_pruning(out: Path) -> str:
    """DuckDB's plan for a one-month query over the partitioned articles: files skipped."""
    import duckdb

    month = sorted(p.name for p in (out / "articles").iterdir())[len(list((out / "articles").iterdir())) // 2]
    sql = (f"select count(*), avg(word_count) from read_parquet('{out}/articles/**/*.parquet', hive_partitioning = true, "
           f"hive_types = {{'published_month': varchar}}) where published_month = '{month.split('=')[1]}'")
    con = duckdb.connect()
    plan = con.sql("explain analyze " + sql).fetchall()[0][1]
    scan = plan.find("TABLE_SCAN")
    return sql + "\n\n" + (plan[plan.rfind("┌", 0, scan):].strip() if scan >= 0 else plan)


def du(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


# ---------------------------------------------------------------- one size
def bench_size(n: int, work: Path, env: dict, workers: int, startup: float) -> dict:
    """Corpus of n, floor, full run, no-op rerun, 1% changed rerun."""
    raw, out = work / f"raw-{n}", work / f"out-{n}"
    t0 = time.perf_counter()
    corpus_bytes = build_corpus(n, raw)
    print(f"[bench] corpus of {n:,} articles ({corpus_bytes / 2**20:.0f} MB) in {time.perf_counter() - t0:.0f} s",
          flush=True)
    floor = min(floor_seconds(raw) for _ in range(2))
    full = run_cli(["run", "--raw-dir", str(raw), "--out-dir", str(out), "--full", "--workers", str(workers)], env)
    snapshot = (out / "current").resolve()
    noop = run_cli(["run", "--raw-dir", str(raw), "--out-dir", str(out)], env)
    changed = touch_some(raw, n // 100)
    incremental = run_cli(["run", "--raw-dir", str(raw), "--out-dir", str(out), "--workers", str(workers)], env)
    result = {
        "n": n, "corpus_mb": corpus_bytes / 2**20, "floor_s": floor, "wall_s": full["wall"],
        "startup_s": startup, "work_s": full["wall"] - startup, "peak_rss_mb": full["peak_rss"] / 2**20,
        "summary": full["summary"], "output_mb": du(snapshot) / 2**20,
        "duckdb_mb": (out / "newsdesk.duckdb").stat().st_size / 2**20,
        "noop_s": noop["wall"], "noop_says": noop["stdout"].strip().splitlines()[-1],
        "changed_files": changed, "incremental_s": incremental["wall"], "incremental": incremental["summary"],
        "incremental_rss_mb": incremental["peak_rss"] / 2**20,
    }
    # The flow's own clock (plan .. SQL models) excludes interpreter start, imports and the Prefect
    # server; on a shared machine it is steadier than subtracting a separately timed start-up.
    result["flow_s"] = full["summary"]["seconds"]
    result["rate"] = n / result["flow_s"]
    result["ratio"] = result["flow_s"] / floor
    result["explain"] = explain_pruning(out)
    print(f"[bench] N={n:,}: {result['rate']:,.0f} articles/s, {result['ratio']:.1f}x floor, "
          f"peak PSS {result['peak_rss_mb']:.0f} MB, no-op {noop['wall']:.2f} s", flush=True)
    return result


def touch_some(raw: Path, count: int) -> int:
    """Append a paragraph to `count` files (a 1% update between scheduled runs)."""
    files = sorted(raw.rglob("*.md"))[::max(1, len(list(raw.rglob('*.md'))) // max(count, 1))][:count]
    for path in files:
        with open(path, "a", encoding="utf-8") as handle:
            handle.write("\nThe article was updated with a correction.\n")
    return len(files)


# ---------------------------------------------------------------- report
def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    mem = int(Path("/proc/meminfo").read_text().split()[1]) / 2**20
    load = os.getloadavg()
    return (f"{os.cpu_count()} CPUs ({cpu}), {mem:.0f} GB RAM, Linux {platform.release()}, "
            f"Python {platform.python_version()}; load average at start {load[0]:.1f} "
            f"({'shared with other work' if load[0] > 1.5 else 'quiet'})")


def render(results: list[dict], startups: dict, split: dict, argv: list[str], host: str, mode: str) -> str:
    mark_start, mark_end = marks(mode)
    lines = [mark_start, "", f"Generated by `{' '.join(argv)}` on {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.",
             f"Machine: {host}.", "", "| N | corpus | articles/s (flow clock) | × floor | floor | flow clock | run wall | "
             "peak memory (tree PSS) | output (Parquet) | duckdb | no-op rerun | 1% changed rerun |",
             "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r['n']:,} | {r['corpus_mb']:.0f} MB | **{r['rate']:,.0f}** | **{r['ratio']:.1f}×** | "
                     f"{r['floor_s']:.2f} s | {r['flow_s']:.1f} s | {r['wall_s']:.1f} s | **{r['peak_rss_mb']:.0f} MB** | "
                     f"{r['output_mb']:.0f} MB | {r['duckdb_mb']:.1f} MB | **{r['noop_s']:.2f} s** | "
                     f"{r['incremental_s']:.1f} s ({r['changed_files']} files) |")
    lines += ["", "Start-up (`newsdesk run --full` on one file, 3 runs, wall / CPU of the process tree): "
              + "; ".join(f"{k}: {', '.join(f'{w:.1f} / {c:.1f}' for w, c in v)} s" for k, v in startups.items())
              + ".", ""]
    for r in results:
        s = r["summary"]
        lines += [f"Stages at N = {r['n']:,} (wall seconds of the flow steps; stage seconds are summed over "
                  "worker processes):", "", "```", json.dumps({k: s[k] for k in ("wall_seconds", "stage_seconds")}),
                  f"articles {s['articles']:,}  quotes {s['quotes']:,}  places {s['places']:,}  credits "
                  f"{s['credits']:,}  rejects {s['rejects']:,}  duplicates {s['duplicates']:,}",
                  f"1% changed rerun: {json.dumps(r['incremental']['wall_seconds'])}, changes "
                  f"{json.dumps(r['incremental']['changes'])}, peak PSS {r['incremental_rss_mb']:.0f} MB",
                  f"no-op rerun says: {r['noop_says']}", "```", ""]
    total = sum(split.values())
    lines += ["Per-document CPU inside one worker (sample of 300 corpus files, milliseconds):", "",
              "| " + " | ".join(split) + " | total |", "|" + "---:|" * (len(split) + 1),
              "| " + " | ".join(f"{v * 1000:.2f} ({v / total:.0%})" for v in split.values())
              + f" | {total * 1000:.2f} |", "",
              "Partition pruning (last N above):", "", "```sql", results[-1]["explain"], "```", "", mark_end]
    return "\n".join(lines)


def marks(mode: str) -> tuple[str, str]:
    """The markers around the generated block of one mode (full pipeline, or plumbing only)."""
    return f"<!-- bench:{mode}:start -->", f"<!-- bench:{mode}:end -->"


def write_report(block: str, mode: str, path: Path = REPO / "BENCHMARKS.md") -> None:
    """Replace the generated block of this mode in BENCHMARKS.md (append it if missing)."""
    start, end = marks(mode)
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start not in text:
        text += f"\n{start}\n{end}\n"
    head, rest = text.split(start, 1)
    path.write_text(head + block + rest.split(end, 1)[1], encoding="utf-8")


def bench_noop(n: int, work: Path, env: dict, reruns: int = 3) -> dict:
    """The cost of a scheduled run with nothing to do over n files: the corpus is published once with
    the stand-in extractors (plumbing only: the no-op path never extracts), then the real CLI reruns
    `reruns` times; then every file is touched (new timestamps, the same bytes: a restore, chmod -R),
    which makes one run hash them all and record their new facts, and the no-op reruns are timed
    again. Also what hashing every file on every run would cost, measured in this process."""
    raw, out = work / f"noop-raw-{n}", work / f"noop-out-{n}"
    build_corpus(n, raw)
    run_cli(["run", "--raw-dir", str(raw), "--out-dir", str(out), "--full", "--workers", "1"], stub_env(env, work))
    args = ["run", "--raw-dir", str(raw), "--out-dir", str(out)]
    noop = [run_cli(args, env) for _ in range(reruns)]
    for path in raw.rglob("*.*"):
        os.utime(path, ns=(10**18, 10**18))
    touched = run_cli(args, env)
    after = [run_cli(args, env) for _ in range(reruns)]
    hashed = hash_everything(raw)
    result = {"n": n, "noop_wall_s": [r["wall"] for r in noop], "noop_cpu_s": [r["cpu"] for r in noop],
              "touched_wall_s": touched["wall"], "touched_says": next((line for line in touched["stdout"].splitlines() if line.startswith("files:")), ""),
              "after_touch_noop_wall_s": [r["wall"] for r in after], "hash_all_s": hashed,
              "noop_says": noop[-1]["stdout"].strip().splitlines()[-1]}
    print(f"[bench] no-op over {n:,} files: wall {', '.join(f'{w:.2f}' for w in result['noop_wall_s'])} s "
          f"(CPU {', '.join(f'{c:.2f}' for c in result['noop_cpu_s'])} s); all touched: {touched['wall']:.1f} s, "
          f"then no-op {', '.join(f'{w:.2f}' for w in result['after_touch_noop_wall_s'])} s; hashing every file "
          f"would add {hashed:.2f} s", flush=True)
    return result


def hash_everything(raw: Path) -> float:
    """Seconds to read and hash every file under raw (what content-hashing each no-op run would add)."""
    source = LocalFiles(raw)
    listing = source.list()
    started = time.perf_counter()
    for listed in listing.values():
        source.digest(listed.location)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, action="append", help="corpus size (repeatable; default 20000 and 100000)")
    parser.add_argument("--workers", type=int, default=0, help="passed to newsdesk run (0: one per CPU)")
    parser.add_argument("--keep", action="store_true", help="keep the corpus and outputs")
    parser.add_argument("--out", type=Path, help="work folder (default: a temp dir)")
    parser.add_argument("--server", action="store_true", help="also time start-up with `prefect server start`")
    parser.add_argument("--no-write", action="store_true", help="print, do not update BENCHMARKS.md")
    parser.add_argument("--stub-extractors", action="store_true",
                        help="plumbing only: trivial parse/clean and no extractors, --workers 1")
    parser.add_argument("--noop", action="store_true",
                        help="only time no-op reruns over --n files (published once with the stand-in extractors); "
                             "prints, never writes BENCHMARKS.md")
    args = parser.parse_args()
    work = args.out or Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    host, env = machine(), prefect_env()
    if args.noop:
        try:
            for n in args.n or [20_000]:
                print(json.dumps(bench_noop(n, work, env), indent=2))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        return
    try:
        startups = {"temporary server": startup_seconds(work, env)}
        if args.server:
            server, url = with_prefect_server(env)
            try:
                startups["running server (PREFECT_API_URL)"] = startup_seconds(work, prefect_env(url))
            finally:
                server.terminate()
                server.wait(30)
        print(f"[bench] start-up: {startups}", flush=True)
        if args.stub_extractors:  # after the start-up runs: those use the real CLI
            env, args.workers = stub_env(env, work), 1
        fixed = min(wall for wall, _ in startups["temporary server"][1:])
        results = [bench_size(n, work, env, args.workers, fixed) for n in (args.n or [20_000, 100_000])]
        split = sample_stage_split(work / f"raw-{results[0]['n']}")
        block = render(results, startups, split, [Path(sys.argv[0]).name, *sys.argv[1:]], host,
                       "plumbing" if args.stub_extractors else "full")
        print(block)
        if not args.no_write:
            write_report(block, "plumbing" if args.stub_extractors else "full")
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
