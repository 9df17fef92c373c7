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
SIBLING_SPREAD = 5  # a town name with at most this many readings is distinctive enough to place a neighbour
VOTING_KINDS = frozenset({"city", "admin2", "admin1", "country"})


@dataclass(slots=True)
class Evidence:
    """Votes of an article's place names, by the name (key) that cast them."""

    countries: dict[str, dict[str, float]] = field(default_factory=dict)  # cc -> {key: share}
    admins: dict[tuple, dict[str, float]] = field(default_factory=dict)  # (cc, admin1) -> {key: share}
    totals: dict = field(default_factory=dict)  # cc or (cc, admin1) -> sum of its votes
    ceiling: float = 0.0  # the most a candidate can gain from this evidence (set by the resolver)
    has_counties: bool = False  # whether any name may name a county or a town in one
    spread: dict[str, int] = field(default_factory=dict)  # name -> number of its readings
    distinctive: bool = False  # whether a town name with few readings voted (neighbours need one)
    counties: dict[tuple, set[str]] = field(default_factory=dict)  # (cc, admin1, county) -> keys naming it
    towns_in: dict[tuple, set[str]] = field(default_factory=dict)  # (cc, admin1, county) -> keys of its towns

    def country(self, cc: str | None, key: str) -> float:
        """Votes for a country from names other than `key`."""
        votes = self.countries.get(cc)
        return self.totals[cc] - votes.get(key, 0.0) if votes else 0.0

    def admin(self, cc: str | None, admin1: str | None, key: str) -> float:
        """Votes for a first-level division from names other than `key`."""
        votes = self.admins.get((cc, admin1))
        return self.totals[(cc, admin1)] - votes.get(key, 0.0) if votes else 0.0

    def add_country_vote(self, cc: str, key: str) -> None:
        """A whole vote for a country from outside the text (the outlet's domain)."""
        self.countries.setdefault(cc, {})[key] = 1.0
        self.totals[cc] = self.totals.get(cc, 0.0) + 1.0

    def in_named_county(self, g, rid: int, key: str) -> bool:
        """A town whose county another name of the article may name, or a county one of whose towns
        another name may name ("Paris" and "Henry County" back each other in Tennessee)."""
        county = g.admin2[rid]
        if not county:
            return False
        where = (g.cc[rid], g.admin1[rid], county)
        return _named_by_another((self.counties if g.kind[rid] == "city" else self.towns_in).get(where), key)

    def has_neighbour(self, g, rid: int, key: str) -> bool:
        """A town that shares its county with a town of another, distinctive name (one with few
        readings): "Myerstown" next to "Lebanon" in Lebanon County, Pennsylvania."""
        county = g.admin2[rid]
        if not county or not self.distinctive or g.kind[rid] != "city":
            return False
        towns = self.towns_in.get((g.cc[rid], g.admin1[rid], county))
        return bool(towns) and any(k != key and self.spread.get(k, SIBLING_SPREAD + 1) <= SIBLING_SPREAD for k in towns)


def _named_by_another(keys: set[str] | None, key: str) -> bool:
    """Some name other than `key` is among `keys`."""
    return bool(keys) and (len(keys) > 1 or key not in keys)


def _shares(g, ids: list[int]) -> list[tuple[int, float]]:
    """Each reading's share of one vote, by prior; readings come best prior first."""
    top = g.prior[ids[0]]
    raw = [(r, 10 ** (VOTE_SHARPNESS * (g.prior[r] - top))) for r in ids]
    total = sum(w for _, w in raw)
    return [(r, w / total) for r, w in raw if w / total >= MIN_SHARE]


@dataclass(slots=True, frozen=True)
class _Ballot:
    """What one name votes for; the same for every article, so it is worked out once per name."""

    countries: tuple[tuple[str, float], ...]
    admins: tuple[tuple[tuple, float], ...]
    counties: tuple[tuple, ...]  # counties among its readings
    towns_in: tuple[tuple, ...]  # counties its town readings lie in


_BALLOTS: dict[tuple, _Ballot] = {}  # (id of the gazetteer, name, first reading, number of readings) -> ballot
MAX_BALLOTS = 200_000  # a bound on the cache (about one entry per distinct name seen)


def _ballot(g, key: str, ids: list[int]) -> _Ballot:
    """The ballot of a name with these readings (cached: a name has the same readings in every article)."""
    cache_key = (id(g), key, ids[0], len(ids))
    ballot = _BALLOTS.get(cache_key)
    if ballot is not None:
        return ballot
    by_country: dict[str, float] = {}
    by_admin: dict[tuple, float] = {}
    counties, towns_in = [], []
    for r, share in _shares(g, ids):
        kind, cc = g.kind[r], g.cc[r]
        if kind not in VOTING_KINDS or cc is None:
            continue
        by_country[cc] = by_country.get(cc, 0.0) + share
        if kind != "country" and g.admin1[r]:
            by_admin[(cc, g.admin1[r])] = by_admin.get((cc, g.admin1[r]), 0.0) + share
        if kind == "admin2":
            counties.append((cc, g.admin1[r], g.name[r]))
        elif kind == "city" and g.admin2[r]:
            towns_in.append((cc, g.admin1[r], g.admin2[r]))
    ballot = _Ballot(tuple(by_country.items()), tuple(by_admin.items()), tuple(counties), tuple(towns_in))
    if len(_BALLOTS) < MAX_BALLOTS:
        _BALLOTS[cache_key] = ballot
    return ballot


def gather(g, matches, votes=lambda m: True) -> Evidence:
    """The votes of every distinct name among `matches` (objects with .key and .candidates) for
    which `votes(match)` holds (the caller leaves out words that are often no place at all)."""
    ev = Evidence()
    seen: set[str] = set()
    totals = ev.totals
    for m in matches:
        key = m.key
        if key in seen:
            continue
        seen.add(key)
        if not votes(m):
            continue
        ballot = _ballot(g, key, m.candidates)
        ev.spread[key] = len(m.candidates)
        if len(m.candidates) <= SIBLING_SPREAD and ballot.towns_in:
            ev.distinctive = True
        for cc, share in ballot.countries:
            ev.countries.setdefault(cc, {})[key] = share
            totals[cc] = totals.get(cc, 0.0) + share
        for admin, share in ballot.admins:
            ev.admins.setdefault(admin, {})[key] = share
            totals[admin] = totals.get(admin, 0.0) + share
        for county in ballot.counties:
            ev.counties.setdefault(county, set()).add(key)
        for county in ballot.towns_in:
            ev.towns_in.setdefault(county, set()).add(key)
    ev.has_counties = bool(ev.counties or ev.towns_in)
    return ev
