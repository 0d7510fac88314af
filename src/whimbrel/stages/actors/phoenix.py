"""The lexicons derived from the Phoenix actor dictionaries (``data/actors/phoenix/``).

``scripts/phoenix_actors.py`` converts PETRARCH2's Phoenix dictionaries (MIT)
into three TSV files; this module reads them (through :func:`whimbrel.lexicons.load`,
so each is checked against its schema) into the structures the actors stage uses:

* people: name or alias (compared by :func:`key`) -> :class:`.entries.Person` with
  dated terms (CAMEO code -> country, sector, IGO/NGO organisation);
* organisations: name or alias -> :class:`.entries.Entry` (IGOs, NGOs, companies,
  bodies of a country, armed non-state groups); the armed groups' forms also go
  to a case-insensitive PhraseMatcher (:attr:`Phoenix.matcher_forms`);
* agents: generic agent noun ("suicide bomber", "gunmen") -> (sector, kind, fixed country).

The hand lexicons (people.yaml, organizations.yaml, offices.yaml) win where they
have an entry. Validating 28,000 rows against their schemas takes about two
seconds, so the built structures are cached on disk (:mod:`whimbrel.diskcache`)
keyed by the files' bytes and this module's source: the check runs once per
version of the data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import lexicons
from .entries import Entry, Person, Term

FILES = ("actors/phoenix/people.tsv", "actors/phoenix/organizations.tsv", "actors/phoenix/agents.tsv")

#: Codes whose first three letters are no country: the whole code names the body.
NON_STATE = frozenset({"IGO", "NGO", "IMG", "MNC", "NGM", "UIS"})
#: Phoenix sector codes that whimbrel (PLOVER) writes otherwise: MED is media, HLH health.
SECTOR_MAP = {"MED": "JRN", "HLH": "MED"}
#: Sectors of the state under GOV that are more specific than GOV ("USAGOVLEG" -> LEG).
SPECIFIC_UNDER_GOV = frozenset({"LEG", "JUD", "MIL", "COP", "SPY"})
#: Sectors of armed groups (their actors are groups, not organisations).
ARMED = frozenset({"REB", "UAF", "INS", "PRM", "SEP"})
#: Endings of nouns for people ("bomber", "gunman", "militant", "jihadist").
PERSON_NOUN = re.compile(r"(er|or|ist|man|men|woman|women|person|ian|ant|ent|ee|ite|ary|ic)$")

_DASHES = re.compile(r"[-_\u2010-\u2015]")
_SPACES = re.compile(r"\s+")


def key(name: str) -> str:
    """Comparison key of a name: case-folded, dashes as spaces, no leading "the"."""
    k = _SPACES.sub(" ", _DASHES.sub(" ", name.casefold())).strip()
    return k[4:] if k.startswith("the ") else k


@dataclass(frozen=True)
class Code:
    country: str | None
    sector: str | None
    org: str | None
    code: str


def parse_code(code: str, countries: frozenset[str]) -> Code:
    """ "USAGOVLEG" -> USA, LEG; "IGOUNO" -> IGO, org IGOUNO; "SOMREB" -> SOM, REB."""
    head = code[:3]
    if head in NON_STATE:
        return Code("NGO" if head == "NGM" else head, None, code, code)
    chunks = [code[i:i + 3] for i in range(3, len(code), 3) if len(code[i:i + 3]) == 3]
    sector = chunks[0] if chunks else None
    if sector == "GOV" and len(chunks) > 1 and chunks[1] in SPECIFIC_UNDER_GOV:
        sector = chunks[1]
    sector = SECTOR_MAP.get(sector, sector) if sector else None
    return Code(head if head in countries else None, sector, None, code)


def _date(text: str, default: int) -> int:
    return int(text) if text else default


def parse_roles(cell: str, countries: frozenset[str]) -> tuple[tuple[Term, ...], Term | None]:
    """Dated terms and the default term (a role without dates) of a people.tsv roles cell."""
    terms, default = [], None
    for part in cell.split(";"):
        code, _, span = part.partition("@")
        c = parse_code(code, countries)
        country = c.country if c.org is None else c.org[:3] if c.org[:3] != "NGM" else "NGO"
        if not span:
            default = Term(country, c.sector, None, 0, None, c.org)
            continue
        a, b = span.split("-")
        terms.append(Term(country, c.sector, None, _date(a, 0), _date(b, 99991231) if b else None, c.org))
    return tuple(terms), default


@dataclass
class Phoenix:
    """What the actors stage takes from the derived Phoenix files.

    People and organisations are kept as their rows' text (strings, which the
    garbage collector does not track: 28,000 objects would slow every collection
    of a worker's life) and made into :class:`.entries.Person` and :class:`.entries.Entry`
    objects when a text names them (:meth:`person`, :meth:`org`).
    """

    countries: frozenset[str] = frozenset()
    people: dict[str, str] = field(default_factory=dict)          # key -> "name TAB aliases TAB roles"
    orgs: dict[str, str] = field(default_factory=dict)            # key -> "name TAB code TAB source"
    group_keys: set[str] = field(default_factory=set)             # armed groups' names (keys)
    group_first: dict[str, int] = field(default_factory=dict)     # first word of such a key -> most words
    agents: dict[str, tuple[str | None, str, str | None]] = field(default_factory=dict)
    plurals: dict[str, str] = field(default_factory=dict)         # agent phrase -> its plural
    _made: dict[str, object] = field(default_factory=dict, repr=False, compare=False)

    def person(self, name: str) -> "PhoenixPerson | None":
        """The person named ``name`` (compared by :func:`key`), or None."""
        row = self.people.get(key(name))
        if row is None:
            return None
        made = self._made.get("p" + row)
        if made is None:
            pname, aliases, roles = row.split("\t")
            terms, default = parse_roles(roles, self.countries)
            made = self._made["p" + row] = PhoenixPerson(
                pname, tuple(a for a in aliases.split("|") if a), None, terms, default)
        return made

    def org(self, name: str) -> Entry | None:
        """The organisation or armed group named ``name`` (compared by :func:`key`), or None."""
        row = self.orgs.get(key(name))
        if row is None:
            return None
        made = self._made.get("o" + row)
        if made is None:
            oname, code, source = row.split("\t")
            c = parse_code(code, self.countries)
            armed = source == "nonstate" or c.sector in ARMED and c.country not in NON_STATE
            country = c.country if c.org is None else ("NGO" if code[:3] == "NGM" else code[:3])
            made = self._made["o" + row] = Entry(f"org:{code}:{oname}", oname, "group" if armed else "organization",
                                                 country, c.sector, code, "org")
        return made


def load(root: Path | None, countries: frozenset[str]) -> Phoenix:
    """The Phoenix lexicon from ``root`` (None: the package's), through the disk cache."""
    from ... import diskcache

    base = Path(root) if root is not None else lexicons.data_root()
    files = [base / f for f in FILES]
    from . import entries

    # the records' module too: the cache holds pickled Entry/Person/Term objects
    cache_key = diskcache.fingerprint(sorted(countries), [*files, Path(__file__), Path(entries.__file__)])
    return diskcache.load_or_build("phoenix-actors", cache_key, lambda: build(root, countries))


def build(root: Path | None, countries: frozenset[str]) -> Phoenix:
    """The Phoenix lexicon, each file checked against its schema."""
    ph = Phoenix(countries=countries)
    people, orgs, agents = (lexicons.load(f, root) for f in FILES)
    for name, aliases, roles, _source in people:
        row = f"{name}\t{aliases}\t{roles}"
        for form in (name, *(a for a in aliases.split("|") if a)):
            ph.people.setdefault(key(form), row)
    for name, aliases, code, source in orgs:
        row = f"{name}\t{code}\t{source}"
        forms = [name, *(a for a in aliases.split("|") if a)]
        for form in forms:
            ph.orgs.setdefault(key(form), row)
        if source == "nonstate":
            for k in (key(f) for f in forms):
                if len(k) >= 4:
                    ph.group_keys.add(k)
                    first, n = k.split()[0], len(k.split())
                    ph.group_first[first] = max(n, ph.group_first.get(first, 0))
    for row in agents:
        phrase, plural, code = (row + [""])[:3]
        _add_agent(ph, phrase, plural, code, countries)
    return ph


def _add_agent(ph: Phoenix, phrase: str, plural: str, code: str, countries: frozenset[str]) -> None:
    """An agent and its plural as collective nouns: "~REB" -> sector REB; "NGO~" -> country NGO."""
    if code.startswith("~"):
        c = parse_code("XXX" + code[1:], countries)
        sector, fixed = c.sector, None
    else:
        head = code[:-1][:3]
        if head not in NON_STATE:
            return
        sector, fixed = None, ("NGO" if head == "NGM" else head)
    for form in (phrase, plural):
        if form:
            ph.agents.setdefault(form, (sector, "group", fixed))
    if plural:
        ph.plurals.setdefault(phrase, plural)


def group_matches(ph: Phoenix, words: list[str]) -> list[tuple[int, int]]:
    """Token spans [s, e) of the armed groups' names in a text's tokens ``words``, compared
    by :func:`key` ("al-Shabab", "Al Shabab", "AL-SHABAB" alike), longest at each start.

    A dictionary lookup over the tokens: no matcher to build at start-up.
    """
    found = []
    keys = [key(w) for w in words]
    for i, k in enumerate(keys):
        most = ph.group_first.get(k)
        if not most:
            continue
        best, text = None, ""
        for j in range(i, min(len(words), i + 3 * most)):
            text = f"{text} {keys[j]}" if text and keys[j] else text or keys[j]
            n = len(text.split())
            if n > most:
                break
            if keys[j] and text in ph.group_keys:
                best = j + 1
        if best:
            found.append((i, best))
    return found


@dataclass(frozen=True)
class PhoenixPerson(Person):
    """A person of the Phoenix dictionaries: dated terms and a default role outside them."""

    default: Term | None = None

    def term_at(self, date: int | None) -> Term | None:
        """The role at ``date`` (YYYYMMDD): the dated term in force, else the default role.

        Without a date the latest dated term is taken (the dictionaries end in 2015,
        so the latest is the best guess for an undated text); then the default.
        """
        if date is None:
            return super().term_at(None) or self.default
        return super().term_at(date) or self.default


def person_noun(phrase: str) -> bool:
    """Whether an agent phrase names people by its last word ("suicide bomber", "gunmen")."""
    last = phrase.split()[-1]
    return bool(PERSON_NOUN.search(last) or last.endswith("s") and PERSON_NOUN.search(last[:-1]))
