#!/usr/bin/env python3
"""Score credits on hand-labelled gold: clean each article (newsdesk.clean) -> parse_credits -> P/R/F1.

Usage (from the project root):
    .venv/bin/python scripts/eval_credits.py [--gold eval/credits_annotated.jsonl]
        [--articles-dir ../shared/corpus/articles] [-v]

Matching follows ../shared/eval/score.py (task `credits`): same role (case-insensitive) and either the
last name tokens are equal, or both names are null and the organization sets intersect (agency
aliases folded). Greedy one-to-one per document. This script is a fast dev loop; the official number
comes from `newsdesk run` + `../shared/eval/score.py credits` (see docs/eval-credits.md).
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import sys
import unicodedata
from pathlib import Path

from newsdesk.clean.markdown import clean_markdown
from newsdesk.extract.credits import (RawCredit, classify_line, normalize_organization, parse_credits,
                                      split_dateline, split_trailing_photo_credit)


def _name_last(name: str | None) -> str | None:
    if not name:
        return None
    s = unicodedata.normalize("NFKD", name)
    toks = re.findall(r"[^\W_]+", "".join(c for c in s if not unicodedata.combining(c)).lower())
    while toks and toks[-1] in {"jr", "sr", "ii", "iii", "iv"}:
        toks.pop()
    return toks[-1] if toks else None


def _org(o: str) -> str:
    return (normalize_organization(o) or re.sub(r"\s+", " ", o.replace(".", "").replace("-", " "))).casefold().strip()


def match(g: dict, p: dict) -> bool:
    if (g.get("role") or "").lower() != (p.get("role") or "").lower():
        return False
    gn, pn = _name_last(g.get("name")), _name_last(p.get("name"))
    if gn and pn:
        return gn == pn
    if not g.get("name") and not p.get("name"):
        return bool({_org(o) for o in g.get("organizations") or []} & {_org(o) for o in p.get("organizations") or []})
    return False


def greedy(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    used_g, used_p, out = set(), set(), []
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            if i not in used_g and j not in used_p and match(g, p):
                used_g.add(i)
                used_p.add(j)
                out.append((i, j))
    return out


def prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def detect_all(text: str) -> list[RawCredit]:
    """Every paragraph (and every line of it) through classify_line, split_dateline, split_trailing_photo_credit."""
    found: list[RawCredit] = []
    for para in re.split(r"\n\s*\n", text.split("\nOriginal url:")[0]):
        para = re.sub(r"^\s*\|\s*|\s*\|\s*$", "", para.strip())  # a one-cell table row
        if not para:
            continue
        lines = [para] + (para.split("\n") if "\n" in para else [])
        hits = [c for c in map(classify_line, lines) if c]
        if hits:
            found += hits
            continue
        wire, _ = split_dateline(para)
        _, photo = split_trailing_photo_credit(para)
        found += [c for c in (wire, photo) if c]
    return found


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--gold", default="eval/credits_annotated.jsonl")
    ap.add_argument("--articles-dir", default="../shared/corpus/articles")
    ap.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    ap.add_argument("--detectors-only", action="store_true",
                    help="skip newsdesk.clean: run the three detectors on every raw paragraph (the module's own ceiling)")
    args = ap.parse_args(argv)
    t = collections.Counter()
    by_role: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    lines = []
    for row in map(json.loads, Path(args.gold).read_text("utf-8").splitlines()):
        text = (Path(args.articles_dir) / row["file"]).read_text("utf-8")
        raw = detect_all(text) if args.detectors_only else list(clean_markdown(text).credits)
        pred = [{"role": e.role, "name": e.name, "organizations": list(e.organizations)} for e in parse_credits(raw)]
        gold = row["credits"]
        m = greedy(gold, pred)
        t.update(gold=len(gold), pred=len(pred), tp=len(m))
        for g in gold:
            by_role[g["role"]]["gold"] += 1
        for p in pred:
            by_role[p["role"]]["pred"] += 1
        for i, j in m:
            by_role[gold[i]["role"]]["tp"] += 1
        mi, mj = {i for i, _ in m}, {j for _, j in m}
        lines += [f"  missed {row['doc_id']}: {g['role']} {g['name']} {g['organizations']}"
                  for i, g in enumerate(gold) if i not in mi]
        lines += [f"  extra  {row['doc_id']}: {p['role']} {p['name']} {p['organizations']}"
                  for j, p in enumerate(pred) if j not in mj]
    if args.verbose:
        print("\n".join(lines))
    for role, c in sorted(by_role.items()):
        p, r, f = prf(c["tp"], c["pred"], c["gold"])
        print(f"  {role:12} gold={c['gold']:3} pred={c['pred']:3} tp={c['tp']:3}  P={p:.3f} R={r:.3f} F1={f:.3f}")
    p, r, f = prf(t["tp"], t["pred"], t["gold"])
    print(f"credits: P={p:.3f} R={r:.3f} F1={f:.3f} n_gold={t['gold']} n_pred={t['pred']} tp={t['tp']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
