"""The places stage's vocabulary: its data files under ``data/places/`` as typed values.

Every file is read through :mod:`whimbrel.lexicons`, which checks it against its
schema under ``data/schemas/places/`` (duplicates, unknown keys and wrong types
are errors naming the file and the entry). :func:`load` turns the parsed files
into frozen structures the rules read directly: word lists become lower-cased
frozensets, built once per load rather than per document.

* ``settings.yaml``: gazetteer coverage, disambiguation weights, designators and
  the preposition and verb lists of the locative rules (:class:`Settings`);
* ``metonymy.yaml``: the lemma classes of the place-for-people rules (:class:`Metonymy`);
* ``country_aliases.yaml``, ``regions.yaml``, ``seats.yaml``, ``us_states.tsv``:
  whimbrel's own gazetteer entries (read by :mod:`.gazetteer`);
* ``country_points.tsv``: each country's own GeoNames point (ISO2 -> lat, lon).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

from whimbrel import lexicons

#: The stage's data files, relative to ``whimbrel/data/`` (or to a saved pipeline's folder).
SETTINGS = "places/settings.yaml"
METONYMY = "places/metonymy.yaml"
COUNTRY_ALIASES = "places/country_aliases.yaml"
REGIONS = "places/regions.yaml"
SEATS = "places/seats.yaml"
US_STATES = "places/us_states.tsv"
COUNTRY_POINTS = "places/country_points.tsv"
FILES = (SETTINGS, METONYMY, COUNTRY_ALIASES, REGIONS, SEATS, US_STATES, COUNTRY_POINTS)
#: The files the gazetteer index is built from (its disk cache is keyed by their bytes).
GAZETTEER_FILES = (SETTINGS, COUNTRY_ALIASES, US_STATES, REGIONS, SEATS, COUNTRY_POINTS)


@dataclass(frozen=True)
class Weights:
    """Disambiguation weights (``settings.yaml`` explains each)."""

    population: float
    prominence: float
    context_country: float
    context_cap: int
    context_sentence: float
    context_admin: float
    dateline_country: float
    dateline_admin: float
    qualifier: float
    designator: float
    alternate_name_penalty: float
    short_form_penalty: float


@dataclass(frozen=True)
class Designator:
    """Words right before or after a name that say which kind of place it is."""

    kind: str                  # state | country | city | polity
    before: tuple[str, ...]
    after: tuple[str, ...]


@dataclass(frozen=True)
class Settings:
    city_table: int
    untagged_min_population: int
    alternate_min_population: int
    small_towns: bool
    weights: Weights
    feature: Mapping[str, float]             # entry kind (and "capital") -> score
    evidence_discount: Mapping[str, float]   # ISO2 -> fraction of its evidence that counts
    assumed_population: Mapping[str, int]    # state | region | seat -> population
    designators: tuple[Designator, ...]      # in file order: the first that matches wins
    place_of_nouns: frozenset[str]
    site_nouns: frozenset[str]               # "farm", "laboratory": a site a known name modifies is there
    institution_words: frozenset[str]        # as written: "Times", "University", "Corp."
    honorifics: frozenset[str]               # as written: "Mr", "Ms.", "Sen.", "Gov."
    feature_words: frozenset[str]            # "valley", "bay", "island": a feature's name
    time_words: frozenset[str]               # "march", "easter": times, never towns
    body_words: frozenset[str]               # "department", "police": a government body's name
    place_named_diseases: frozenset[str]     # "ebola", "west nile": diseases named after places
    disease_nouns: frozenset[str]            # "virus", "fever": "West Nile virus" names a disease
    locative_preps: frozenset[str]
    motion_preps: frozenset[str]
    motion_verbs: frozenset[str]
    place_preps: frozenset[str]              # locative and motion prepositions: their object is a place
    world_city_population: int = 1000000     # a city this big keeps its name against its division's
    demonym_places: bool = False             # a country's or region's adjective is a toponym (.demonyms)
    region_demonyms: Mapping[str, str] = field(default_factory=dict)  # "European" -> "Europe"
    region_demonym_places: bool = False      # a continent's or region's adjective is a toponym too


@dataclass(frozen=True)
class Metonymy:
    """Lemma classes of the place-for-people rules (``metonymy.yaml`` explains each)."""

    subject_verbs: frozenset[str]
    subject_adjectives: frozenset[str]
    object_verbs: frozenset[str]
    agent_nouns: frozenset[str]
    relation_nouns: frozenset[str]
    relation_verbs: frozenset[str]
    relation_preps: frozenset[str]
    setting_verbs: frozenset[str]
    designator_nouns: frozenset[str]


@dataclass(frozen=True)
class Region:
    name: str
    aliases: tuple[str, ...]
    lat: float
    lon: float
    country: str | None      # ISO2, None for an area spanning or disputed between countries
    admin1: str | None       # GeoNames admin1 code: a first-level division
    ap: tuple[str, ...] = ()  # abbreviations ("Ont."): qualifiers only


@dataclass(frozen=True)
class Seat:
    name: str                # "Kremlin"
    city: str                # GeoNames name of its city
    country: str             # ISO2


@dataclass(frozen=True)
class UsState:
    code: str
    name: str
    lat: float
    lon: float
    ap: tuple[str, ...]      # AP abbreviations ("Ill.", "N.J."): qualifiers only


@dataclass(frozen=True)
class Vocab:
    """Everything the places stage reads from its data files."""

    root: Path | None        # the folder the files came from; None: the package's
    settings: Settings
    metonymy: Metonymy
    country_aliases: Mapping[str, tuple[str, ...]]   # ISO2 -> extra names
    regions: tuple[Region, ...]
    seats: tuple[Seat, ...]
    us_states: tuple[UsState, ...]
    country_points: Mapping[str, tuple[float, float]]   # ISO2 -> the country's own GeoNames point

    def paths(self, names: tuple[str, ...] = GAZETTEER_FILES) -> list[Path]:
        """Where the files ``names`` are (for the gazetteer's cache key)."""
        base = self.root if self.root is not None else lexicons.data_root()
        return [base / n for n in names]


def _words(values: Any) -> frozenset[str]:
    return frozenset(str(x).lower() for x in values or ())


def _settings(raw: dict[str, Any]) -> Settings:
    return Settings(
        city_table=int(raw["city_table"]),
        untagged_min_population=int(raw["untagged_min_population"]),
        alternate_min_population=int(raw["alternate_min_population"]),
        small_towns=bool(raw["small_towns"]),
        weights=Weights(**raw["weights"]),
        feature=dict(raw["feature"]),
        evidence_discount=dict(raw["evidence_discount"] or {}),
        assumed_population={k: int(v) for k, v in raw["assumed_population"].items()},
        designators=tuple(Designator(kind, tuple(pat.get("before") or ()), tuple(pat.get("after") or ()))
                          for kind, pat in raw["designators"].items()),
        place_of_nouns=_words(raw["place_of_nouns"]),
        site_nouns=_words(raw.get("site_nouns") or ()),
        institution_words=frozenset(str(x) for x in raw["institution_words"]),
        honorifics=frozenset(str(x) for x in raw["honorifics"]),
        feature_words=_words(raw["feature_words"]),
        time_words=_words(raw["time_words"]),
        body_words=_words(raw["body_words"]),
        place_named_diseases=_words(raw["place_named_diseases"]),
        disease_nouns=_words(raw["disease_nouns"]),
        locative_preps=_words(raw["locative_preps"]),
        motion_preps=_words(raw["motion_preps"]),
        motion_verbs=_words(raw["motion_verbs"]),
        place_preps=_words(raw["locative_preps"]) | _words(raw["motion_preps"]),
        world_city_population=int(raw.get("world_city_population", 1000000)),
        demonym_places=bool(raw.get("demonym_places", False)),
        region_demonyms={str(k): str(v) for k, v in (raw.get("region_demonyms") or {}).items()},
        region_demonym_places=bool(raw.get("region_demonym_places", False)),
    )


def _us_state(row: list[str]) -> UsState:
    ap = row[4] if len(row) > 4 else ""
    return UsState(row[0], row[1], float(row[2]), float(row[3]),
                   tuple(a.strip() for a in ap.split("|") if a.strip()))


def _region(r: dict[str, Any]) -> Region:
    return Region(r["name"], tuple(r.get("aliases") or ()), float(r["lat"]), float(r["lon"]), r.get("country"),
                  str(r["admin1"]) if r.get("admin1") is not None else None, tuple(r.get("ap") or ()))


def read(root: Path | None = None) -> Vocab:
    """Read and check the files (from ``root``, else the package's); not cached."""
    raw = {name: lexicons.load(name, root) for name in FILES}
    return Vocab(
        root=Path(root) if root is not None else None,
        settings=_settings(raw[SETTINGS]),
        metonymy=Metonymy(**{k: _words(v) for k, v in raw[METONYMY].items()}),
        country_aliases={cc: tuple(str(a) for a in names or ()) for cc, names in (raw[COUNTRY_ALIASES] or {}).items()},
        regions=tuple(_region(r) for r in raw[REGIONS] or ()),
        seats=tuple(Seat(str(name), where["city"], where["country"]) for name, where in (raw[SEATS] or {}).items()),
        us_states=tuple(_us_state(row) for row in raw[US_STATES]),
        country_points={row[0]: (float(row[1]), float(row[2])) for row in raw[COUNTRY_POINTS]},
    )


@lru_cache(maxsize=1)
def packaged() -> Vocab:
    """The package's own vocabulary, read once per process."""
    return read(None)


def load(root: Path | str | None = None) -> Vocab:
    """The vocabulary in ``root`` (a folder holding ``places/...``), else the package's."""
    return packaged() if root is None else read(Path(root))
