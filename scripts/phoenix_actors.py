"""Convert the Phoenix actor and agent dictionaries (PETRARCH2, MIT) into whimbrel's actor data.

Reads, from a folder holding the PETRARCH2 dictionaries (default
``../shared/reference/petrarch2`` beside the repository):

* ``Phoenix.Countries.actors.txt``: named people with date-limited roles;
* ``Phoenix.International.actors.txt``: IGOs, NGOs, companies and international figures;
* ``Phoenix.MilNonState.actors.txt``: armed non-state groups;
* ``Phoenix.agents.txt``: generic agents ("police", "militant") and their sector codes;

and writes, under ``src/whimbrel/data/actors/phoenix/`` (each file has a schema
under ``data/schemas/actors/phoenix/`` and is read through ``whimbrel.lexicons``):

* ``people.tsv``: ``name  aliases  roles  source``, one person a row. Aliases are
  ``|``-separated; roles are ``;``-separated ``CODE`` (the default role, no dates) or
  ``CODE@FROM-TO`` with dates as YYYYMMDD and an empty side for an open end;
* ``organizations.tsv``: ``name  aliases  code  source``, one body or armed group a row;
* ``agents.tsv``: ``phrase  plural  code``, one generic agent a row (plural empty when
  the phrase has none of its own), ``code`` as in the dictionary (``~COP``, ``NGO~``).

Names are written in mixed case ("Barack Obama", "Bashar al-Assad"); the
actors stage compares them case-insensitively. Entries the stage cannot use are
left out: country names (whimbrel has its own country tables), aliases that are
titles or descriptions ("PRESIDENT_OBAMA", "THE_OBAMA_ADMINISTRATION"), one-word
person aliases shared by two people, and dates that do not parse.

    python scripts/phoenix_actors.py [--src DIR] [--out DIR] [--check]

``--check`` writes nothing and exits 1 when the committed files differ from
what the dictionaries give (the test suite runs the same comparison).
"""
from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SRC = ROOT.parent / "shared" / "reference" / "petrarch2"
DEFAULT_OUT = ROOT / "src" / "whimbrel" / "data" / "actors" / "phoenix"

ACTOR_FILES = {"countries": "Phoenix.Countries.actors.txt",
               "international": "Phoenix.International.actors.txt",
               "nonstate": "Phoenix.MilNonState.actors.txt"}
AGENT_FILE = "Phoenix.agents.txt"

# Words that make an alias a title or a description, not a name.
TITLE_WORDS = frozenset("""
MR MR. MRS MRS. MS MS. DR DR. SIR LORD LADY PRESIDENT PRESIDENT-ELECT VICE PRIME MINISTER SECRETARY
SENATOR SEN SEN. REP REP. CONGRESSMAN CONGRESSWOMAN GOVERNOR GOV. GENERAL GEN GEN. COLONEL COL.
ADMIRAL KING QUEEN PRINCE PRINCESS EMIR SHEIKH SHEIK AYATOLLAH CHANCELLOR AMBASSADOR ENVOY
ADMINISTRATION GOVERNMENT REGIME CABINET MINISTRY FOREIGN DEFENSE DEFENCE INTERIOR FINANCE
US U.S. AMERICAN UNITED STATES UN U.N. UNITED NATIONS SECRETARY-GENERAL SECRETARY_GENERAL CHIEF
LEADER SPOKESMAN SPOKESWOMAN OFFICIAL FORMER THE OF STATE JUDGE JUSTICE MAYOR POPE CARDINAL
BISHOP ARCHBISHOP REVEREND REV. REV PM FM DEPUTY ACTING INTERIM SPEAKER CHAIRMAN PREMIER
""".split())
# Words of names of bodies, not people ("WHITE_HOUSE", "NATIONAL_SECURITY_COUNCIL").
BODY_WORDS = frozenset("""
HOUSE COUNCIL STAFF MINISTRY DEPARTMENT OFFICE AGENCY COMMITTEE COMMISSION PARTY ARMY NAVY FORCE
FORCES COURT PARLIAMENT SENATE CONGRESS ASSEMBLY BANK BUREAU SERVICE SERVICES GUARD GUARDS POLICE
UNIVERSITY CHURCH UNION FRONT MOVEMENT ORGANIZATION ORGANISATION ASSOCIATION INSTITUTE FOUNDATION
CENTER CENTRE AUTHORITY BOARD CORPS MILITARY INTELLIGENCE TRIBUNAL CHAMBER ALLIANCE LEAGUE
COALITION BRIGADE BRIGADES GROUP NETWORK NEWS TIMES POST RADIO TELEVISION TV PRESS COMPANY
CORPORATION SECURITY DIVISION UNIT REPUBLIC KINGDOM STATES MISSION EMBASSY CONSULATE WING
PENTAGON KREMLIN JUNTA POLITBURO SECRETARIAT DIRECTORATE PRESIDENCY ACADEMY COMMAND
""".split())
# Lower-case particles inside names ("Bashar al-Assad", "Ursula von der Leyen").
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "de", "del", "della", "der", "van", "von",
                       "da", "dos", "das", "du", "le", "la", "of", "and", "the", "for", "in", "on"})
PARTICLE_PREFIXES = ("al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-")
CODE = re.compile(r"^[A-Z0-9]{3,}$")
DATE = re.compile(r"^\d{6}(\d{2})?$")
# A role line: "[USAGOV 090121-130201]", "[USAGOV >090120]", "[USAELI <780101]", "[USAELI]".
ROLE = re.compile(r"^\[\s*([A-Z0-9]+)\s*([<>]?\s*[\d]*\s*-?\s*[\d]*)\s*\]")
HEADER = re.compile(r"^([^\s#\[]+)\s*(?:\[([^\]]*)\])?")


@dataclass
class Record:
    """One dictionary record: a primary phrase, its synonyms, its code and dated roles."""

    phrases: list[str]
    code: str | None = None
    roles: list[str] = field(default_factory=list)


def norm_date(text: str) -> str | None:
    """YYYYMMDD from YYMMDD or YYYYMMDD (two-digit years below 40 are 20xx), or None."""
    text = text.strip()
    if not DATE.match(text):
        return None
    if len(text) == 6:
        yy = int(text[:2])
        text = ("20" if yy < 40 else "19") + text
    month, day = int(text[4:6]), int(text[6:8])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return text


def parse_role(line: str) -> str | None:
    """``CODE`` or ``CODE@FROM-TO`` of a role line; None when its dates do not parse."""
    m = ROLE.match(line.strip())
    if not m:
        return None
    code, span = m.group(1), m.group(2).replace(" ", "")
    if not CODE.match(code):
        return None
    if not span:
        return code
    if span.startswith(">"):
        d = norm_date(span[1:])
        return f"{code}@{d}-" if d else None
    if span.startswith("<"):
        d = norm_date(span[1:])
        return f"{code}@-{d}" if d else None
    if "-" in span:
        a, b = span.split("-", 1)
        da, db = norm_date(a), norm_date(b)
        return f"{code}@{da}-{db}" if da and db and da <= db else None
    return None


def read_records(path: Path) -> list[Record]:
    """The records of an actor dictionary, in file order."""
    records: list[Record] = []
    cur: Record | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip():
            continue
        if raw.startswith(("\t", " ")) and line.strip().startswith("["):
            if cur is not None:
                role = parse_role(line)
                if role:
                    cur.roles.append(role)
            continue
        stripped = line.strip()
        synonym = stripped.startswith("+")
        m = HEADER.match(stripped.lstrip("+"))
        if not m:
            continue
        phrase, code = m.group(1), (m.group(2) or "").strip() or None
        if synonym and cur is not None and not cur.roles:
            cur.phrases.append(phrase)
            if code and not cur.code:
                cur.code = code
            continue
        cur = Record([phrase], code)
        records.append(cur)
    return records


def words_of(phrase: str) -> list[str]:
    return [w for w in phrase.replace("_", " ").split() if w]


def mixed_case(phrase: str) -> str:
    """ "BASHAR_AL-ASSAD_" -> "Bashar al-Assad"; "MCCAIN" -> "Mccain" (compared case-insensitively)."""
    out = []
    for i, w in enumerate(words_of(phrase)):
        low = w.lower()
        if i > 0 and low in PARTICLES:
            out.append(low)
            continue
        parts = low.split("-")
        cased = "-".join(p[:1].upper() + p[1:] for p in parts)
        if i > 0 and low.startswith(PARTICLE_PREFIXES):
            cased = low[:low.index("-") + 1] + cased[low.index("-") + 1:]
        out.append(cased)
    return " ".join(out)


def is_name(phrase: str) -> bool:
    """Whether a phrase is a name (no title or description word, no bracketed acronym)."""
    ws = words_of(phrase)
    return bool(ws) and not any(w.upper() in TITLE_WORDS or "(" in w for w in ws)


def person_name(rec: Record) -> str | None:
    """The first of a record's phrases that is a person's name (two to five words, no
    title or body word): "BAN_KI-MOON" in "SECRETARY-GENERAL_BAN_KI-MOON", "+BAN_KI-MOON"."""
    for p in rec.phrases:
        words = words_of(p)
        if is_name(p) and 2 <= len(words) <= 5 and not any(w.upper() in BODY_WORDS for w in words):
            return p
    return None


def is_person(rec: Record) -> bool:
    """A person: role lines, no code of its own (bodies carry one), a phrase that is a
    name and no body word in its first phrase ("WHITE_HOUSE" is a body)."""
    return (bool(rec.roles) and rec.code is None and person_name(rec) is not None
            and not any(w.upper() in BODY_WORDS for w in words_of(rec.phrases[0])))


def name_key(name: str) -> str:
    return " ".join(name.casefold().replace("-", " ").split())


def people_rows(records: list[tuple[str, Record]]) -> list[list[str]]:
    """Rows of people.tsv; one-word aliases that are not the surname, or that two people
    share, are dropped.

    Two records of one name ("BAN_KI_MOON" among the Korean ministers, "BAN_KI-MOON"
    among the UN's people) make one person with the roles of both.
    """
    single: dict[str, int] = {}
    for _, rec in records:
        for p in {mixed_case(x).casefold() for x in rec.phrases if is_name(x) and len(words_of(x)) == 1}:
            single[p] = single.get(p, 0) + 1
    rows: list[list[str]] = []
    by_key: dict[str, list[str]] = {}
    for source, rec in records:
        name = mixed_case(person_name(rec) or rec.phrases[0])
        row = by_key.get(name_key(name))
        if row is not None:
            roles = row[2].split(";") + [r for r in rec.roles if r not in row[2].split(";")]
            undated = [r for r in roles if "@" not in r]
            row[2] = ";".join([r for r in roles if "@" in r] + undated[-1:])
            continue
        aliases = []
        for x in rec.phrases:
            a = mixed_case(x)
            if not is_name(x) or name_key(a) == name_key(name) or a in aliases:
                continue
            # A one-word alias is a surname ("OBAMA"), never a given name alone ("EMANUEL").
            if len(words_of(x)) == 1 and (single.get(a.casefold(), 0) > 1
                                          or name_key(a) != name_key(name.split()[-1])):
                continue
            aliases.append(a)
        row = [name, "|".join(aliases), ";".join(dict.fromkeys(rec.roles)), source]
        by_key[name_key(name)] = row
        rows.append(row)
    return rows


def given_names(people: list[tuple[str, Record]]) -> frozenset[str]:
    """First words of the people's names that open three names or more ("Ahmed", "Hassan")."""
    counts: dict[str, int] = {}
    for _, rec in people:
        first = mixed_case(rec.phrases[0]).split()[0].casefold()
        counts[first] = counts.get(first, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= 3 and len(w) > 2)


def split_members(rec: Record, given: frozenset[str]) -> tuple[list[str], list[list[str]]]:
    """An organisation's synonyms that are its members' names become people of that code.

    The dictionaries code a group's leaders as the group ("HASSAN_NASRALLAH" under
    Hezbollah): a synonym of two to five words opening with a given name, and a
    one-word synonym that is such a name's last word, name a person.
    """
    people, keep = [], []
    for p in rec.phrases[1:]:
        ws = mixed_case(p).split()
        if 2 <= len(ws) <= 5 and ws[0].casefold() in given and is_name(p):
            people.append(mixed_case(p))
        else:
            keep.append(p)
    lasts = {n.split()[-1].casefold() for n in people}
    keep = [p for p in keep if not (len(words_of(p)) == 1 and mixed_case(p).casefold() in lasts)]
    return [rec.phrases[0], *keep], [[n] for n in people]


def org_rows(records: list[tuple[str, Record]], given: frozenset[str] = frozenset()) -> list[list[str]]:
    """Rows of organizations.tsv: bodies with one code (their first role when given on a line)."""
    rows, seen = [], set()
    for source, rec in records:
        code = rec.code or next((r for r in rec.roles if "@" not in r), None) or (
            rec.roles[-1].split("@")[0] if rec.roles else None)
        if not code or not CODE.match(code) or len(code) == 3:
            continue  # a country (whimbrel's own tables name those)
        phrases, _ = split_members(rec, given)
        names = [mixed_case(p) for p in phrases if "(" not in p]
        names = [n for n in dict.fromkeys(names) if n.casefold() not in seen]
        if not names:
            continue
        seen.update(n.casefold() for n in names)
        rows.append([names[0], "|".join(names[1:]), code, source])
    return rows


def agent_rows(path: Path) -> list[list[str]]:
    """Rows of agents.tsv: ``phrase  plural  code`` with substitution markers expanded."""
    subs: dict[str, list[str]] = {}
    rows, seen = [], set()
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line or line.startswith("<"):
            continue
        m = re.match(r"^!(\w+)!\s*=\s*(.+)$", line)
        if m:
            subs[m.group(1)] = [x.strip() for x in m.group(2).split(",") if x.strip()]
            continue
        m = re.match(r"^([^\[{]+?)\s*(\{[^}]*\})?\s*\[([^\]]+)[\]}]", line)
        if not m:
            continue
        phrase, plural, code = m.group(1).strip(), m.group(2), m.group(3).strip()
        if not re.match(r"^~?[A-Z]{3,}~?$", code):
            continue
        marker = re.search(r"!(\w+)!", phrase)
        forms = [(phrase.replace(marker.group(0), s), "{}") for s in subs.get(marker.group(1), [])] \
            if marker else [(phrase, plural)]
        for form, pl in forms:
            words = " ".join(words_of(form)).lower()
            if not words or words in seen or not re.match(r"^[a-z][a-z .'-]*$", words):
                continue
            seen.add(words)
            if pl is None:
                plural_form = regular_plural(words)
            else:
                plural_form = " ".join(words_of(pl[1:-1])).lower()
            rows.append([words, plural_form, code])
    return rows


def regular_plural(phrase: str) -> str:
    """The dictionary's automatic plural: +S, Y -> IES, SS -> SSES."""
    if phrase.endswith("y") and not phrase.endswith(("ay", "ey", "oy", "uy")):
        return phrase[:-1] + "ies"
    if phrase.endswith(("ss", "sh", "ch", "x")):
        return phrase + "es"
    return phrase + "s"


def write_tsv(path: Path, header: str, rows: list[list[str]]) -> str:
    text = header + "".join("\t".join(r) + "\n" for r in rows)
    return text


HEADERS = {
    "people.tsv": "# Derived from the Phoenix actor dictionaries (PETRARCH2, MIT): see README.md and LICENSE.\n"
                  "# name\taliases (|)\troles (; CODE or CODE@YYYYMMDD-YYYYMMDD)\tsource\n",
    "organizations.tsv": "# Derived from the Phoenix actor dictionaries (PETRARCH2, MIT): see README.md and LICENSE.\n"
                         "# name\taliases (|)\tcode\tsource\n",
    "agents.tsv": "# Derived from Phoenix.agents.txt (PETRARCH2, MIT): see README.md and LICENSE.\n"
                  "# phrase\tplural (empty: none of its own)\tcode\n",
}


def convert(src: Path) -> dict[str, str]:
    """File name -> text of every derived file (LICENSE included)."""
    people, orgs = [], []
    for source, fname in ACTOR_FILES.items():
        for rec in read_records(src / fname):
            (people if is_person(rec) else orgs).append((source, rec))
    given = given_names(people)
    members = []
    for source, rec in orgs:
        code = rec.code or next((r.split("@")[0] for r in rec.roles), None)
        if code and CODE.match(code) and len(code) > 3:
            members += [(source, Record(n, None, [code])) for n in split_members(rec, given)[1]]
    return {
        "people.tsv": write_tsv(Path("people.tsv"), HEADERS["people.tsv"], people_rows(people + members)),
        "organizations.tsv": write_tsv(Path("organizations.tsv"), HEADERS["organizations.tsv"], org_rows(orgs, given)),
        "agents.tsv": write_tsv(Path("agents.tsv"), HEADERS["agents.tsv"], agent_rows(src / AGENT_FILE)),
        "LICENSE": (src / "LICENSE").read_text(encoding="utf-8"),
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--src", type=Path, default=DEFAULT_SRC)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = ap.parse_args(argv)
    files = convert(args.src)
    if args.check:
        stale = [n for n, t in files.items()
                 if not (args.out / n).exists() or (args.out / n).read_text(encoding="utf-8") != t]
        print("up to date" if not stale else "differ: " + ", ".join(stale))
        return 1 if stale else 0
    args.out.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (args.out / name).write_text(text, encoding="utf-8")
        print(f"{name}: {text.count(chr(10))} lines, {len(text.encode()) / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
