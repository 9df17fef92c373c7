#!/usr/bin/env python3
"""CPU time per article of one extractor, this checkout against an older commit, on the same bodies.

    .venv/bin/python scripts/time_extractors.py --dump /tmp/dump-base --old main
    .venv/bin/python scripts/time_extractors.py --dump /tmp/dump-base --old HEAD~3 --extractor places --rounds 6
    .venv/bin/python scripts/time_extractors.py --raw /tmp/newsdesk-diff-raw --old main --extractor pipeline

Bodies are the `body` column of a diffdump dump (`scripts/diffdump.py dump OUT`), by default the
polnear and annotated corpora; `--extractor pipeline` times the whole per-document pipeline
(`newsdesk.pipeline.process_text`: parse, clean, every extractor) on the raw input files of those
corpora below `--raw` (the diffdump cache). The old code is `git archive REF newsdesk` unpacked in a temporary
directory. Each round runs one worker process for the old code and one for the new, in turn
(old, new, old, new, ...), so both see the same load on a shared machine. A worker warms up with
one pass over the bodies, then times `--passes` passes with time.process_time and reports its best
pass. The summary gives each side's median over rounds and the median of the per-round ratios
new/old (below 1.0: the new code is faster). Only `--title` is passed when the extractor takes it.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXTRACTORS = {
    "quotes": ("newsdesk.extract.quotes", "extract_quotes"),
    "places": ("newsdesk.extract.places", "extract_places"),
    "pipeline": ("newsdesk.pipeline", "process_text"),
}


def load_bodies(dump: Path, corpora: list[str]) -> list[tuple[str, str]]:
    """(title, body) of every article of the given corpora of a dump."""
    out = []
    for corpus in corpora:
        for line in (dump / corpus / "articles.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            out.append((row.get("title") or "", row["body"]))
    return out


def load_raw(raw: Path, corpora: list[str]) -> list[tuple[str, str]]:
    """(path, text) of every raw input file of the given corpora (text files only)."""
    out = []
    for corpus in corpora:
        for path in sorted(p for p in (raw / corpus).rglob("*") if p.is_file()):
            out.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    return out


def unpack(ref: str, into: Path) -> Path:
    """The `newsdesk` and `schemas` packages of a commit, unpacked below `into`."""
    archive = subprocess.run(["git", "archive", ref, "newsdesk", "schemas"], cwd=REPO, check=True,
                             capture_output=True).stdout
    with tarfile.open(fileobj=BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into


def worker(bodies_file: str, extractor: str, passes: int) -> None:
    """Print the best CPU seconds of one pass over the bodies (run inside a worker process)."""
    import importlib

    module, name = EXTRACTORS[extractor]
    func = getattr(importlib.import_module(module), name)
    items = json.loads(Path(bodies_file).read_text(encoding="utf-8"))
    if extractor == "pipeline":  # items are (file name, raw text)
        calls = [(lambda t=t, n=n: func(t, n)) for n, t in items]
    else:
        with_title = "title" in inspect.signature(func).parameters
        calls = [(lambda b=b, t=t: func(b, title=t)) if with_title else (lambda b=b: func(b)) for t, b in items]
    for call in calls:  # warm-up: imports, compiled regexes, caches
        call()
    best = float("inf")
    for _ in range(passes):
        started = time.process_time()
        for call in calls:
            call()
        best = min(best, time.process_time() - started)
    print(json.dumps({"seconds": best, "n": len(calls), "file": sys.modules[module].__file__}))


def run_worker(path: Path | None, bodies_file: Path, extractor: str, passes: int) -> dict:
    """One worker process with `path` (an unpacked old tree) first on sys.path, or this checkout."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(path) if path else str(REPO)
    cmd = [sys.executable, __file__, "--worker", str(bodies_file), "--extractor", extractor, "--passes", str(passes)]
    out = subprocess.run(cmd, env=env, check=True, capture_output=True, text=True, cwd="/").stdout
    return json.loads(out.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", type=Path, help="a diffdump dump directory")
    parser.add_argument("--raw", type=Path, help="the diffdump raw cache (for --extractor pipeline)")
    parser.add_argument("--corpora", default="polnear,annotated")
    parser.add_argument("--old", default="main", help="git ref of the code to compare with")
    parser.add_argument("--extractor", default="quotes", choices=sorted(EXTRACTORS))
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(args.worker, args.extractor, args.passes)
        return 0
    if args.extractor == "pipeline":
        if args.raw is None:
            parser.error("--raw is required for the pipeline")
        bodies = load_raw(args.raw, args.corpora.split(","))
    elif args.dump is None:
        parser.error("--dump is required")
    else:
        bodies = load_bodies(args.dump, args.corpora.split(","))
    with tempfile.TemporaryDirectory(prefix="time-extractors-") as tmp:
        bodies_file = Path(tmp) / "bodies.json"
        bodies_file.write_text(json.dumps(bodies), encoding="utf-8")
        old_tree = unpack(args.old, Path(tmp) / "old")
        olds, news, ratios = [], [], []
        for k in range(args.rounds):
            old = run_worker(old_tree, bodies_file, args.extractor, args.passes)
            new = run_worker(None, bodies_file, args.extractor, args.passes)
            if k == 0:
                print(f"old code: {old['file']}\nnew code: {new['file']}")
            n = new["n"]
            olds.append(old["seconds"] / n * 1e3)
            news.append(new["seconds"] / n * 1e3)
            ratios.append(news[-1] / olds[-1])
            print(f"round {k + 1}: old {olds[-1]:.3f} ms/article  new {news[-1]:.3f} ms/article  "
                  f"new/old {ratios[-1]:.3f}", flush=True)
    print(f"{args.extractor} on {len(bodies)} bodies ({args.corpora}), old = {args.old}: "
          f"median old {statistics.median(olds):.3f} ms, new {statistics.median(news):.3f} ms, "
          f"median ratio new/old {statistics.median(ratios):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
