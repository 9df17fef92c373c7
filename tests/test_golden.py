"""Golden tests: every sample file under data/raw/ -> hand-written expectations in tests/golden/.

`tests/golden/<path under data/raw>.json` says what the pipeline must make of that file (the
articles in data/raw are invented; only the seed is a real scrape):

- `article`: title, published (YYYY-MM-DD or null), url, outlet_domain, image_caption,
  related_titles, body_must_contain / body_must_not_contain (snippets compared after folding
  curly quotes and collapsing whitespace), paragraph_count. Keys left out are not checked.
- `quotes`: each expected quote must be found (text containment after normalization; speaker by
  exact full name, cue case-insensitively, kind exactly, when given); `quotes_must_not_include`:
  texts that must not come out as a quote (scare quotes, nested quotes).
- `places` (name, country_code when given), `places_must_not_include` (names),
  `places_must_not_have_country` ({name: code} readings that would be wrong, e.g. Georgia -> GE).
- `credits`: role and name exact, expected organizations a subset of the row's.
- `reject: true` (optionally `reason_code`): the input must end as a reject, not an article.
- JSON Lines exports list one expectation per line under `documents`, each with its `locator`.

Article checks are hard assertions. A check named in a document's `pending` list is marked
xfail(strict=False) while its extractor is being written, so it reports as xfail/xpass instead
of being skipped; remove the name from `pending` once the extractor passes.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RAW_DIR = ROOT / "data" / "raw"
GOLDEN_DIR = Path(__file__).resolve().parent / "golden"
RAW_SUFFIXES = {".md", ".txt", ".html", ".jsonl"}
EXTRACTOR_CHECKS = ("quotes", "places", "credits")

QUOTE_FOLD = str.maketrans({
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"',
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u00a0": " ",
})
RE_SPACE = re.compile(r"\s+")
RE_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


# --- loading --------------------------------------------------------------------------------

def golden_files() -> list[Path]:
    return sorted(GOLDEN_DIR.rglob("*.json"))


def load_gold(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def golden_cases():
    """One pytest param per (document, check); extractor checks listed in `pending` are xfail."""
    for gold_path in golden_files():
        gold = load_gold(gold_path)
        rel = gold["source_path"]
        for index, doc in enumerate(gold.get("documents") or [gold]):
            locator = doc.get("locator", "")
            case = f"{rel}#{locator.replace(' ', '')}" if locator else rel
            if doc.get("reject"):
                yield pytest.param(rel, index, "reject", doc, id=f"{case}::reject")
                continue
            checks = ["article"] + [c for c in EXTRACTOR_CHECKS if any(k.startswith(c) for k in doc)]
            for check in checks:
                marks = ()
                if check in doc.get("pending", ()):
                    marks = pytest.mark.xfail(strict=False, reason=f"{check} extractor in progress")
                yield pytest.param(rel, index, check, doc, id=f"{case}::{check}", marks=marks)


@functools.lru_cache(maxsize=None)
def results_for(rel: str, multi: bool) -> tuple:
    """Run the pure pipeline on one raw file (cached: each file is processed once per session)."""
    from newsdesk import pipeline

    path = RAW_DIR / rel
    if not multi:
        return (pipeline.process_text(path.read_text(encoding="utf-8"), rel),)
    from newsdesk.ingest import read_raw  # bytes-level path: JSONL, empty and binary files

    return tuple(pipeline.process_raw(read_raw(path, RAW_DIR)))


def result_for(rel: str, index: int, doc: dict):
    gold = load_gold(GOLDEN_DIR / f"{rel}.json")
    multi = "documents" in gold or bool(gold.get("reject"))
    results = results_for(rel, multi)
    locator = doc.get("locator")
    if locator:
        for result in results:
            row = result.article or result.reject or {}
            if row.get("source_locator") == locator:
                return result
    assert index < len(results), f"{rel}: expected a result #{index}, the pipeline made {len(results)}"
    return results[index]


# --- comparison helpers ---------------------------------------------------------------------

def norm(text: str | None) -> str:
    """Fold curly quotes to straight ones and collapse whitespace."""
    return RE_SPACE.sub(" ", (text or "").translate(QUOTE_FOLD)).strip()


def norm_quote(text: str | None) -> str:
    """A quote's words for matching: normalized, casefolded, without edge quotes/punctuation."""
    return norm(text).strip(" \"'.,;:!?").casefold()


def quote_texts_match(expected: str, got: str) -> bool:
    e, g = norm_quote(expected), norm_quote(got)
    if not e or not g:
        return False
    return e in g or (g in e and len(g) >= 0.6 * len(e))


def as_iso_date(value) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)[:10]


def paragraphs(body: str) -> list[str]:
    return [p for p in RE_PARAGRAPH_BREAK.split(body.strip()) if p.strip()]


def show(rows: list[dict], keys: tuple[str, ...]) -> str:
    return "\n    ".join(repr({k: r.get(k) for k in keys}) for r in rows) or "(none)"


# --- checks ---------------------------------------------------------------------------------

def article_problems(article: dict, exp: dict) -> list[str]:
    problems = []
    for key in ("title", "image_caption"):
        if key in exp and norm(article.get(key)) != norm(exp[key]):
            problems.append(f"{key}: {article.get(key)!r} != {exp[key]!r}")
    if "published" in exp and as_iso_date(article.get("published")) != exp["published"]:
        problems.append(f"published: {article.get('published')!r} != {exp['published']!r}")
    for key in ("url", "outlet_domain"):
        if key in exp and article.get(key) != exp[key]:
            problems.append(f"{key}: {article.get(key)!r} != {exp[key]!r}")
    if "related_titles" in exp:
        got = sorted(norm(t) for t in article.get("related_titles") or [])
        if got != sorted(norm(t) for t in exp["related_titles"]):
            problems.append(f"related_titles: {got!r} != {exp['related_titles']!r}")
    body = article.get("body") or ""
    flat = norm(body)
    for snippet in exp.get("body_must_contain", []):
        if norm(snippet) not in flat:
            problems.append(f"body lacks: {snippet!r}")
    for debris in exp.get("body_must_not_contain", []):
        if norm(debris) in flat:
            problems.append(f"body still contains: {debris!r}")
    if "paragraph_count" in exp and len(paragraphs(body)) != exp["paragraph_count"]:
        problems.append(f"paragraph_count: {len(paragraphs(body))} != {exp['paragraph_count']}")
    return problems


def quote_problems(quotes: list[dict], doc: dict) -> list[str]:
    problems = []
    for exp in doc.get("quotes", []):
        candidates = [q for q in quotes if quote_texts_match(exp["text"], q.get("text") or "")]
        if not candidates:
            problems.append(f"quote not found: {exp['text']!r}")
            continue
        wanted = {
            "speaker": lambda q: q.get("speaker") == exp["speaker"],
            "cue": lambda q: (q.get("cue") or "").casefold() == exp["cue"].casefold(),
            "kind": lambda q: q.get("kind") == exp["kind"],
        }
        tests = [fn for key, fn in wanted.items() if key in exp]
        if not any(all(t(q) for t in tests) for q in candidates):
            problems.append(f"quote {exp['text']!r}: wanted "
                            f"{ {k: exp[k] for k in wanted if k in exp} }, got\n    "
                            + show(candidates, ("speaker", "cue", "kind")))
    for text in doc.get("quotes_must_not_include", []):
        if any(norm_quote(q.get("text")) == norm_quote(text) for q in quotes):
            problems.append(f"not a quote, but extracted as one: {text!r}")
    return problems


def place_problems(places: list[dict], doc: dict) -> list[str]:
    problems = []
    for exp in doc.get("places", []):
        if not any(p.get("name") == exp["name"]
                   and ("country_code" not in exp or p.get("country_code") == exp["country_code"])
                   for p in places):
            problems.append(f"place not found: {exp}")
    for name in doc.get("places_must_not_include", []):
        if any(p.get("name") == name for p in places):
            problems.append(f"place must not be extracted: {name!r}")
    for name, code in doc.get("places_must_not_have_country", {}).items():
        if any(p.get("name") == name and p.get("country_code") == code for p in places):
            problems.append(f"place {name!r} wrongly resolved to {code}")
    if problems:
        problems.append("extracted:\n    " + show(places, ("surface", "name", "country_code")))
    return problems


def credit_problems(credits: list[dict], doc: dict) -> list[str]:
    problems = []
    for exp in doc.get("credits", []):
        if not any(c.get("role") == exp["role"] and c.get("name") == exp["name"]
                   and set(exp.get("organizations", [])) <= set(c.get("organizations") or [])
                   for c in credits):
            problems.append(f"credit not found: {exp}")
    if problems:
        problems.append("extracted:\n    " + show(credits, ("role", "name", "organizations")))
    return problems


# --- tests ----------------------------------------------------------------------------------

@pytest.mark.parametrize("rel, index, check, doc", list(golden_cases()))
def test_golden(rel: str, index: int, check: str, doc: dict):
    result = result_for(rel, index, doc)
    if check == "reject":
        assert result.article is None, f"{rel}: expected a reject, got an article"
        assert result.reject, f"{rel}: expected a reject row"
        if "reason_code" in doc:
            assert result.reject.get("reason_code") == doc["reason_code"], result.reject
        return
    assert result.reject is None, f"{rel}: rejected: {result.reject}"
    assert result.article is not None, f"{rel}: no article row"
    check_fn = {
        "article": lambda: article_problems(result.article, doc["article"]),
        "quotes": lambda: quote_problems(result.quotes, doc),
        "places": lambda: place_problems(result.places, doc),
        "credits": lambda: credit_problems(result.credits, doc),
    }[check]
    problems = check_fn()
    assert not problems, f"{rel} [{check}]:\n  " + "\n  ".join(problems)


def test_every_sample_file_has_a_golden_file():
    raw = {p.relative_to(RAW_DIR).as_posix() for p in RAW_DIR.rglob("*")
           if p.is_file() and p.suffix.lower() in RAW_SUFFIXES}
    gold = {load_gold(p)["source_path"] for p in golden_files()}
    assert raw - gold == set(), "sample files without golden expectations"
    assert gold - raw == set(), "golden files without a sample file"


def test_golden_files_are_named_after_their_source():
    for path in golden_files():
        assert path.relative_to(GOLDEN_DIR).as_posix() == load_gold(path)["source_path"] + ".json"
