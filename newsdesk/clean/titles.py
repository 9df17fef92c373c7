"""Headlines: the site name stripped from a title, and the headline chosen among a page's candidates.

A page names its article several times: `og:title`, the JSON-LD `headline`, `<h1>`, `<title>`. They
disagree in telling ways: `<title>` carries the site name ("… | Ars Technica", "… - The New York
Times"), an `<h1>` can be a section's name ("Allergies Health Center") and an `og:title` can be the
site's generic one ("Yahoo News - Latest News & Headlines"). The headline is the text most candidates
agree on, with the visible `<h1>` first among equals.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsdesk.clean import resources as R
from newsdesk.clean.metadata import date_line
from newsdesk.metadata import outlet_domain

# separators between a headline and a site or section name, widest first
RE_TITLE_SEPARATOR = re.compile(r"\s+(?:\||–|—|-{1,2}|::|·|•|/|»)\s+|\s*_\s*|\s+:\s+")
SITE_NAME_MAX_WORDS = 6
PIPE_SEGMENT_MAX_WORDS = 4  # "Headline | Site": a short segment after " | " is a site or section name
RE_NOT_ALNUM = re.compile(r"[\W_]+")
QUOTE_FOLD = str.maketrans({c: "'" for c in "‘’‚‛′`´"} | {c: '"' for c in "“”„‟″«»"} | {c: "-" for c in "‐‑‒–—―"})


@lru_cache(maxsize=1)
def section_labels() -> frozenset[str]:
    """Section labels a site puts before or after a headline ("Opinion | …"), from resources."""
    return frozenset(label.casefold() for label in R.data_lines("title_section_labels.txt"))


def key(text: str) -> str:
    """Comparison key of a title: NFKC, quotes and dashes folded, casefolded, letters and digits only."""
    return RE_NOT_ALNUM.sub("", unicodedata.normalize("NFKC", text).translate(QUOTE_FOLD).casefold())


def site_keys(site_names: list[str], url: str | None) -> set[str]:
    """Keys a site's name may take in a title: its declared names and its domain ("tmz" for tmz.com)."""
    keys = {key(name) for name in site_names if name and len(name.split()) <= SITE_NAME_MAX_WORDS}
    keys |= {key(name.rsplit(".", 1)[0]) for name in site_names if name and "." in name and " " not in name}
    try:
        domain = outlet_domain(url)
    except ValueError:
        domain = None
    if domain:
        keys.add(key(domain.split(".")[0]))
        keys.add(key(domain))
    return {k for k in keys if len(k) >= 2}


def _is_site(segment: str, keys: set[str]) -> bool:
    k = key(segment)
    return bool(k) and (k in keys or k.removeprefix("the") in keys or any(k == s.removeprefix("the") for s in keys))


def strip_site_name(title: str, site_names: list[str] = (), url: str | None = None) -> str:
    """`Headline | Site`, `Site - Headline`, `Opinion | Headline`, `Headline - 07.12.2017` -> `Headline`.
    Only whole segments that are the site's name (declared, or its domain), a section label, a date or
    a short segment after " | " go;
    the headline itself is never emptied."""
    title = " ".join(title.split())
    keys = site_keys(list(site_names), url)
    labels = section_labels()
    for _ in range(4):  # "Headline - Section - Site": one segment per pass
        parts = RE_TITLE_SEPARATOR.split(title)
        seps = RE_TITLE_SEPARATOR.findall(title)
        if len(parts) < 2:
            break
        first, last = parts[0], parts[-1]
        if _is_site(last, keys) or last.casefold() in labels or date_line(last) or (
                seps[-1].strip() == "|" and len(last.split()) <= PIPE_SEGMENT_MAX_WORDS and len(parts[0].split()) > len(last.split())):
            cut = title[: title.rfind(seps[-1])]
        elif _is_site(first, keys) or first.casefold() in labels:
            cut = title[title.find(seps[0]) + len(seps[0]):]
        else:
            break
        if not key(cut):
            break
        title = cut.strip()
    return title


def agrees(a: str, b: str) -> bool:
    """Two titles name the same headline: equal, or one is the other plus separated segments."""
    ka, kb = key(a), key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    short, long_ = (a, b) if len(ka) < len(kb) else (b, a)
    segments = RE_TITLE_SEPARATOR.split(" ".join(long_.split()))
    ks = key(short)
    # a run of whole segments of the longer one is the shorter one ("Headline - Site" holds "Headline")
    for i in range(len(segments)):
        for j in range(i + 1, len(segments) + 1):
            if key(" ".join(segments[i:j])) == ks:
                return True
    return False


def choose_title(candidates: list[str], headings: list[str], site_names: list[str] = (),
                 url: str | None = None) -> str | None:
    """The headline among a page's declared titles (most trusted first) and its `<h1>` texts.

    An `<h1>` that agrees with a declared title is the headline (as the reader sees it). Else the
    declared title that most other candidates agree with, the most trusted first; a title that is
    only the site's name ("Quanta Magazine") is no headline."""
    keys = site_keys(list(site_names), url)
    declared = [strip_site_name(c, site_names, url) for c in candidates if c and c.strip()]
    declared = [c for c in declared if c and not _is_site(c, keys)]
    for heading in headings:
        if heading and any(agrees(heading, c) for c in declared):
            return strip_site_name(heading, site_names, url)
    if not declared:
        return next((strip_site_name(h, site_names, url) for h in headings if h and not _is_site(h, keys)), None)
    votes = [sum(agrees(c, other) for other in declared) for c in declared]
    best = max(range(len(declared)), key=lambda i: (votes[i], -i))
    return declared[best]
