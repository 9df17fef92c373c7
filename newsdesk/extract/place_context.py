"""What an article says about where it is: the evidence that resolves its ambiguous place names.

Every distinct place name of the article votes for the countries, first-level divisions (states,
provinces) and counties its gazetteer readings lie in. A name with one reading ("Kentucky",
"Shreveport") gives that reading a whole vote; an ambiguous one ("Springfield") shares its vote
among its readings by population (a reading of 10x the people gets ~3x the share), so a famous
reading keeps most of it and a common town name gives each state a little. A reading is then
supported by the votes of the *other* names of the article: "Paris" next to "Henry County" is the
Paris in Henry County, Tennessee, because that county is one of Henry County's readings.
"""

from __future__ import annotations

from dataclasses import dataclass, field

VOTE_SHARPNESS = 0.5  # share of a reading ~ population ** 0.5 (priors are log10 population)
MIN_SHARE = 0.02  # shares below this are dropped: they would only add noise
VOTING_KINDS = frozenset({"city", "admin2", "admin1", "country"})


@dataclass(slots=True)
class Evidence:
    """Votes of an article's place names, by the name (key) that cast them."""

    countries: dict[str, dict[str, float]] = field(default_factory=dict)  # cc -> {key: share}
    admins: dict[tuple, dict[str, float]] = field(default_factory=dict)  # (cc, admin1) -> {key: share}
    counties: dict[tuple, set[str]] = field(default_factory=dict)  # (cc, admin1, county) -> keys naming it
    towns_in: dict[tuple, set[str]] = field(default_factory=dict)  # (cc, admin1, county) -> keys of its towns

    def country(self, cc: str | None, key: str) -> float:
        """Votes for a country from names other than `key`."""
        return _others(self.countries.get(cc), key)

    def admin(self, cc: str | None, admin1: str | None, key: str) -> float:
        """Votes for a first-level division from names other than `key`."""
        return _others(self.admins.get((cc, admin1)), key) if admin1 else 0.0

    def in_named_county(self, g, rid: int, key: str) -> bool:
        """A town whose county another name of the article may name, or a county one of whose towns
        another name may name ("Paris" and "Henry County" back each other in Tennessee)."""
        county = g.admin2[rid]
        if not county:
            return False
        where = (g.cc[rid], g.admin1[rid], county)
        table = self.counties if g.kind[rid] == "city" else self.towns_in
        keys = table.get(where)
        return bool(keys) and (len(keys) > 1 or key not in keys)


def _others(votes: dict[str, float] | None, key: str) -> float:
    """Sum of the votes not cast by `key` (a name does not support itself)."""
    if not votes:
        return 0.0
    return sum(v for k, v in votes.items() if k != key)


def _shares(g, ids: list[int]) -> list[tuple[int, float]]:
    """Each reading's share of one vote, by prior; readings come best prior first."""
    top = g.prior[ids[0]]
    raw = [(r, 10 ** (VOTE_SHARPNESS * (g.prior[r] - top))) for r in ids]
    total = sum(w for _, w in raw)
    return [(r, w / total) for r, w in raw if w / total >= MIN_SHARE]


def gather(g, matches, votes=lambda m: True) -> Evidence:
    """The votes of every distinct name among `matches` (objects with .key and .candidates) for
    which `votes(match)` holds (the caller leaves out words that are often no place at all)."""
    ev = Evidence()
    seen: set[str] = set()
    for m in matches:
        key = m.key
        if key in seen:
            continue
        seen.add(key)
        if not votes(m):
            continue
        by_country: dict[str, float] = {}
        by_admin: dict[tuple, float] = {}
        for r, share in _shares(g, m.candidates):
            kind, cc = g.kind[r], g.cc[r]
            if kind not in VOTING_KINDS or cc is None:
                continue
            by_country[cc] = by_country.get(cc, 0.0) + share
            if kind != "country" and g.admin1[r]:
                by_admin[(cc, g.admin1[r])] = by_admin.get((cc, g.admin1[r]), 0.0) + share
            if kind == "admin2":
                ev.counties.setdefault((cc, g.admin1[r], g.name[r]), set()).add(key)
            elif kind == "city" and g.admin2[r]:
                ev.towns_in.setdefault((cc, g.admin1[r], g.admin2[r]), set()).add(key)
        for cc, share in by_country.items():
            ev.countries.setdefault(cc, {})[key] = share
        for admin, share in by_admin.items():
            ev.admins.setdefault(admin, {})[key] = share
    return ev
