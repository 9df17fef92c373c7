#!/usr/bin/env python3
"""Differential dump of every table over the real corpora: what an extraction change changed.

    python scripts/diffdump.py dump OUT_DIR [--corpora polnear,trnews,...] [--shared ../shared]
    python scripts/diffdump.py diff OLD_DIR NEW_DIR [--show 20] [--table quotes]
    python scripts/diffdump.py score OUT_DIR [-v]      # the shared scorers on a dump, no flow run

`dump` materializes each corpus with the shared `materialize.py` (cached under
$NEWSDESK_DIFF_CACHE, default /tmp/newsdesk-diff-raw), runs every file through the pure core
(read, parse, clean, extract, validate: no Prefect, no storage) in a process pool, and writes one
sorted JSON Lines file per corpus and table. `diff` compares two dumps row by row, keyed by each
row's id, and prints per corpus and table how many rows were added, removed and changed, with
examples. `dump` also writes OUT/<corpus>/tables/<table>/data.parquet in the output contract, so
the shared scorers run without the flow: `score.py quotes --gold GOLD --out OUT/annotated/tables`.
The corpora are for measuring only: they are read in place, never copied into the repo.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

TABLES = ("articles", "quotes", "places", "credits", "rejects")
# corpus -> (materialize --corpus, gold file below shared/corpus, --articles-dir below shared/corpus)
CORPORA = {
    "seed": ("seed", "seed/000_1959c37fc4a78743.expected.json", None),
    "polnear": ("polnear", "quotes/polnear_traindev.jsonl", None),
    "trnews": ("trnews", "places/trnews.jsonl", None),
    "lgl": ("trnews", "places/lgl_dev.jsonl", None),
    "articles-md": ("articles-md", "articles/gold.jsonl", None),
    "articles-html": ("articles-html", "articles/gold.jsonl", None),
    "pages": ("articles-html", "pages/gold.jsonl", "pages"),
    "annotated": ("annotated", "annotated/dev.jsonl", "articles"),
}
# Columns that name where a file lives or when it was read, not what was extracted.
VOLATILE = {"mtime_ns"}
ROW_KEYS = {"articles": "article_id", "quotes": "quote_id", "places": "place_mention_id",
            "credits": "credit_id", "rejects": "source_path"}


def materialize(corpus: str, shared: Path, cache: Path) -> Path:
    """The corpus as pipeline input files (made once, then reused)."""
    kind, gold, articles_dir = CORPORA[corpus]
    raw = cache / corpus
    if raw.is_dir() and any(raw.iterdir()):
        return raw
    cmd = [sys.executable, str(shared / "eval" / "materialize.py"), "--corpus", kind,
           "--gold", str(shared / "corpus" / gold), "--out", str(raw)]
    if articles_dir:
        cmd += ["--articles-dir", str(shared / "corpus" / articles_dir)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return raw


def _rows_of(args: tuple[str, str]) -> dict[str, list[dict]]:
    """Every row one input file gives, per table (runs in a worker process)."""
    from newsdesk.batch import process_paths  # the core's own batch entry point

    path, raw_dir = args
    rows = process_paths([Path(path)], Path(raw_dir))
    return {t: [{k: v for k, v in r.items() if k not in VOLATILE} for r in getattr(rows, t)] for t in TABLES}


def dump(out: Path, corpora: list[str], shared: Path, cache: Path, workers: int) -> None:
    """Write OUT/<corpus>/<table>.jsonl for each corpus."""
    with ProcessPoolExecutor(workers) as pool:
        for corpus in corpora:
            raw = materialize(corpus, shared, cache)
            files = sorted(str(p) for p in raw.rglob("*") if p.is_file())
            tables: dict[str, list[str]] = defaultdict(list)
            for rows in pool.map(_rows_of, [(f, str(raw)) for f in files], chunksize=8):
                for table, found in rows.items():
                    tables[table] += [json.dumps(r, sort_keys=True, default=str, ensure_ascii=False) for r in found]
            (out / corpus).mkdir(parents=True, exist_ok=True)
            for table in TABLES:
                (out / corpus / f"{table}.jsonl").write_text("".join(sorted(x + "\n" for x in tables[table])),
                                                              encoding="utf-8")
                write_parquet(out / corpus / "tables" / table, table, [json.loads(x) for x in tables[table]])
            counts = ", ".join(f"{t} {len(tables[t])}" for t in TABLES)
            print(f"{corpus}: {len(files)} files -> {counts}", flush=True)


def write_parquet(folder: Path, table: str, rows: list[dict]) -> None:
    """The table as the shared scorers read it (score.py ... --out OUT/<corpus>/tables)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from schemas import TABLES as MODELS, arrow_schema

    schema = arrow_schema(MODELS[table])
    rows = [MODELS[table].model_validate({k: v for k, v in r.items() if k in schema.names}).model_dump() for r in rows]
    folder.mkdir(parents=True, exist_ok=True)
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), folder / "data.parquet")


def _load(path: Path, table: str) -> dict[str, dict]:
    """Rows of one dumped table keyed by their id (duplicates of a key get a #n suffix)."""
    rows: dict[str, dict] = {}
    if not path.exists():
        return rows
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        key = f"{row.get('source_path', '')}|{row.get(ROW_KEYS[table], '')}"
        while key in rows:
            key += "#"
        rows[key] = row
    return rows


def diff(old: Path, new: Path, show: int, only_table: str | None) -> int:
    """Print what changed between two dumps; the number of differing rows is the exit status (capped)."""
    total = 0
    in_old, in_new = ({p.name for p in d.iterdir() if p.is_dir()} for d in (old, new))
    for corpus in sorted(in_old ^ in_new):
        print(f"(corpus {corpus} is in one dump only: not compared)")
    for corpus in sorted(in_old & in_new):
        for table in TABLES:
            if only_table and table != only_table:
                continue
            a, b = _load(old / corpus / f"{table}.jsonl", table), _load(new / corpus / f"{table}.jsonl", table)
            removed = [k for k in a if k not in b]
            added = [k for k in b if k not in a]
            changed = [k for k in a if k in b and a[k] != b[k]]
            n = len(removed) + len(added) + len(changed)
            total += n
            if not n:
                continue
            print(f"== {corpus}/{table}: {len(a)} -> {len(b)} rows; -{len(removed)} +{len(added)} ~{len(changed)}")
            for k in changed[:show]:
                fields = {f: (a[k].get(f), b[k].get(f)) for f in sorted(set(a[k]) | set(b[k])) if a[k].get(f) != b[k].get(f)}
                print(f"  ~ {k}: " + "; ".join(f"{f}: {_short(x)} -> {_short(y)}" for f, (x, y) in fields.items()))
            for k in removed[:show]:
                print(f"  - {k}: {_summary(table, a[k])}")
            for k in added[:show]:
                print(f"  + {k}: {_summary(table, b[k])}")
    print(f"differing rows: {total}")
    return min(total, 1)


# corpus -> (scorer script, task or None for score_meta, extra arguments)
SCORERS = {
    "seed": [("score.py", "seed", [])],
    "polnear": [("score.py", "quotes", [])],
    "trnews": [("score.py", "places", [])],
    "lgl": [("score.py", "places", [])],
    "articles-md": [("score.py", "body", [])],
    "articles-html": [("score.py", "body", [])],
    "pages": [("score_meta.py", None, []), ("score.py", "body", [])],
    "annotated": [("score.py", "quotes", []), ("score.py", "places", []), ("score.py", "credits", [])],
}


def score(dumped: Path, shared: Path, verbose: bool) -> None:
    """Run the shared scorers on each corpus of a dump; print their summary lines (all with -v)."""
    for corpus in [c for c in CORPORA if (dumped / c / "tables").is_dir()]:
        gold = str(shared / "corpus" / CORPORA[corpus][1])
        for script, task, extra in SCORERS[corpus]:
            cmd = [sys.executable, str(shared / "eval" / script), *([task] if task else []), "--gold", gold,
                   "--out", str(dumped / corpus / "tables"), *extra, *(["-v"] if verbose else [])]
            res = subprocess.run(cmd, capture_output=True, text=True)
            lines = res.stdout.strip().splitlines() or [res.stderr.strip()]
            print(f"{corpus:14} " + ("\n".join(lines) if verbose else lines[-1]), flush=True)


def _summary(table: str, row: dict) -> str:
    fields = {"articles": ("title", "published", "url"), "quotes": ("speaker", "cue", "text"),
              "places": ("surface", "name", "country_code", "kind"), "credits": ("role", "name", "organizations", "raw"),
              "rejects": ("reason_code", "reason")}[table]
    return " | ".join(_short(row.get(f)) for f in fields)


def _short(value, n: int = 90) -> str:
    text = json.dumps(value, ensure_ascii=False, default=str)
    return text if len(text) <= n else text[: n - 1] + "…"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--corpora", default=",".join(CORPORA))
    d.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    d.add_argument("--cache", type=Path, default=Path(os.environ.get("NEWSDESK_DIFF_CACHE", "/tmp/newsdesk-diff-raw")))
    d.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    c = sub.add_parser("diff")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--show", type=int, default=20)
    c.add_argument("--table", choices=TABLES)
    sc = sub.add_parser("score")
    sc.add_argument("dump", type=Path)
    sc.add_argument("--shared", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared")
    sc.add_argument("-v", "--verbose", action="store_true")
    args = parser.parse_args(argv)
    if args.cmd == "score":
        score(args.dump, args.shared, args.verbose)
        return 0
    if args.cmd == "dump":
        dump(args.out, [c for c in args.corpora.split(",") if c], args.shared, args.cache, args.workers)
        return 0
    return diff(args.old, args.new, args.show, args.table)


if __name__ == "__main__":
    sys.exit(main())
