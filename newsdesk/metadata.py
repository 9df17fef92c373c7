"""Small metadata helpers shared by cleaning and the pipeline."""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

import tldextract

# The bundled Public Suffix List snapshot only: no download at run time.
_EXTRACT = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None)


def month_of(published: date | None) -> str:
    """'YYYY-MM' partition key of a date, or 'unknown'."""
    return published.strftime("%Y-%m") if published else "unknown"


@lru_cache(maxsize=65536)
def outlet_domain(url: str | None) -> str | None:
    """Registered domain of a URL ('https://www.bbc.co.uk/news/x' -> 'bbc.co.uk'), or None."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:  # "http://[::1": not a URL (cleaning drops such URLs; this never raises all the same)
        return None
    if not host:
        return None
    parts = _EXTRACT(host)
    return parts.top_domain_under_public_suffix or host.removeprefix("www.")
