#!/usr/bin/env python3
"""Places extraction speed and gazetteer load on real article bodies, optionally against an older commit.

    .venv/bin/python scripts/time_places.py --dump /tmp/NAME-dump-X                 # this checkout
    .venv/bin/python scripts/time_places.py --dump /tmp/NAME-dump-X --old main      # interleaved with main
    valgrind --tool=callgrind --callgrind-out-file=/tmp/cg.out \
        .venv/bin/python scripts/time_places.py --dump /tmp/NAME-dump-X --inline --passes 1   # instructions

Inputs are what the pipeline's `place_rows` passes to `extract_places`: the `body` and
`outlet_domain` of every article of the chosen corpora of a diffdump dump (`scripts/diffdump.py
dump OUT`), with the raw text of its wire credits as datelines. By default the four corpora with
places gold (TR-News, LGL, annotated, PolNeAR: 1,031 bodies).

Each measurement runs in a fresh worker process: `gazetteer.load()` is timed with
time.process_time (CPU seconds) and resident memory is read from /proc/self/status before and after;
then one warm-up pass over the bodies (compiled regexes, per-name caches), then `--passes` timed
passes; the best pass gives articles/s on one core. With `--old REF` the old code (`git archive REF
newsdesk schemas`, unpacked in a temporary directory) and this checkout run in turn, `--rounds`
times (old, new, old, new, ...), so both see the same load on a shared machine; the summary gives
medians and the median per-round ratio new/old (below 1: the new code is faster). `--inline`
measures in this process with no worker (for valgrind or cProfile; `--profile` prints cProfile's
top functions of the timed passes).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from time_extractors import unpack  # noqa: E402 - scripts/ is on sys.path when a script runs

REPO = Path(__file__).resolve().parents[1]
DEFAULT_CORPORA = "trnews,lgl,annotated,polnear"


def load_items(dump: Path, corpora: list[str]) -> list[tuple[str, list[str], str | None]]:
    """(body, wire credit texts, outlet domain) of every article of the given corpora of a dump."""
    items = []
    for corpus in corpora:
        wires: dict[str, list[str]] = {}
        for line in (dump / corpus / "credits.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row["role"] == "wire":
                wires.setdefault(row["article_id"], []).append(row["raw"])
        for line in (dump / corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            items.append((row["body"], wires.get(row["article_id"], []), row.get("outlet_domain")))
    return items


def _rss_mb() -> float:
    """Resident memory of this process in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def measure(items: list, passes: int, profile: bool = False) -> dict:
    """Load the gazetteer, warm up, time `passes` passes over the items; best pass in CPU seconds."""
    from newsdesk.extract import gazetteer
    from newsdesk.extract.places import extract_places

    rss = _rss_mb()
    started = time.process_time()
    gazetteer.load()
    load_seconds = time.process_time() - started
    load_mb = _rss_mb() - rss
    for body, datelines, domain in items:  # warm-up
        extract_places(body, datelines=datelines, domain=domain)
    profiler = None
    if profile:
        import cProfile

        profiler = cProfile.Profile()
        profiler.enable()
    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        for body, datelines, domain in items:
            extract_places(body, datelines=datelines, domain=domain)
        best = min(best, time.process_time() - started)
    if profiler is not None:
        import pstats

        profiler.disable()
        pstats.Stats(profiler, stream=sys.stderr).sort_stats("tottime").print_stats(25)
    return {"seconds": best, "n": len(items), "load_seconds": load_seconds, "load_mb": load_mb,
            "file": sys.modules["newsdesk.extract.places"].__file__}


def run_worker(tree: Path, items_file: Path, passes: int) -> dict:
    """One fresh worker process with `tree` first on sys.path."""
    env = dict(os.environ, PYTHONPATH=str(tree))
    cmd = [sys.executable, __file__, "--worker", str(items_file), "--passes", str(passes)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, cwd="/").stdout
    return json.loads(out.strip().splitlines()[-1])


def _line(label: str, r: dict) -> str:
    """One measurement as text."""
    ms = r["seconds"] / r["n"] * 1e3
    return (f"{label}: {r['n'] / r['seconds']:,.0f} articles/s ({ms:.3f} ms/article), "
            f"load {r['load_seconds']:.2f} s CPU, +{r['load_mb']:.0f} MB")


def main(argv: list[str] | None = None) -> int:
    """Parse arguments and measure."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", type=Path, help="a diffdump dump directory")
    parser.add_argument("--corpora", default=DEFAULT_CORPORA)
    parser.add_argument("--old", help="git ref of the code to compare with (interleaved rounds)")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=5)
    parser.add_argument("--inline", action="store_true", help="measure in this process (valgrind, cProfile)")
    parser.add_argument("--profile", action="store_true", help="with --inline: cProfile's top functions")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        print(json.dumps(measure(json.loads(Path(args.worker).read_text(encoding="utf-8")), args.passes)))
        return 0
    if args.dump is None:
        parser.error("--dump is required")
    items = load_items(args.dump, args.corpora.split(","))
    if args.inline:
        sys.path.insert(0, str(REPO))
        print(_line("this checkout", measure(items, args.passes, args.profile)))
        return 0
    with tempfile.TemporaryDirectory(prefix="time-places-") as tmp:
        items_file = Path(tmp) / "items.json"
        items_file.write_text(json.dumps(items), encoding="utf-8")
        old_tree = unpack(args.old, Path(tmp) / "old") if args.old else None
        news, olds = [], []
        for k in range(args.rounds):
            if old_tree is not None:
                olds.append(run_worker(old_tree, items_file, args.passes))
                print(_line(f"round {k + 1} old", olds[-1]), flush=True)
            news.append(run_worker(REPO, items_file, args.passes))
            print(_line(f"round {k + 1} new", news[-1]), flush=True)
    rate = statistics.median(r["n"] / r["seconds"] for r in news)
    load = statistics.median(r["load_seconds"] for r in news)
    mb = statistics.median(r["load_mb"] for r in news)
    print(f"places on {len(items)} bodies ({args.corpora}): median {rate:,.0f} articles/s on one core, "
          f"gazetteer load {load:.2f} s CPU, +{mb:.0f} MB")
    if olds:
        ratios = [n["seconds"] / o["seconds"] for n, o in zip(news, olds)]
        old_rate = statistics.median(r["n"] / r["seconds"] for r in olds)
        print(f"old = {args.old}: median {old_rate:,.0f} articles/s; median ratio of CPU time new/old "
              f"{statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
