"""Coding: each actor's country, sector and CAMEO-style code, once all mentions are found.

What the text says wins; then the office-holder lexicon (for people), the owner
of a collective noun ("the government of President X"), and last the context:
ordered rules over the dateline, the actor's sentence and the whole document,
each adding its ``why`` label.
"""
from __future__ import annotations

import re
from collections.abc import Callable

from spacy.tokens import Doc, Token

from ...ext import text_of
from ...syntax import agent, attr, conj, dative, dobj, nsubj, nsubjpass, pobj, prep
from .state import Cluster, Run
from .vocab import Lexicon

# A dateline opens the body: "NAIROBI, Kenya (AP) — ", "SPRINGFIELD, Ill. - ", "TOKYO — ".
DATELINE = re.compile(r"^([A-Z][A-Za-z.'\- ]{1,40}?)(?:,\s*([A-Z][A-Za-z.' ]{1,30}?))?\s*(?:\([^)\n]{1,40}\))?\s*[\u2014\u2013-]{1,2}\s", re.M)
# Codes of actors that are no country: they give no country context.
NON_STATE_CODES = frozenset({"IGO", "NGO", "IMG", "MNC"})
# News outlets and channels give no country to anybody ("she told AFP").
MEDIA_SECTORS = frozenset({"JRN"})
# Mentions that describe an actor rather than name it.
DESCRIBED = frozenset({"description", "appositive", "group", "members"})
# Labels of a clause's parties: a country there is a counterpart, not context.
PARTY_DEPS = frozenset({nsubj, nsubjpass, dobj, dative, agent, attr})
# Prepositions whose object sets a scene ("in Peru", "across Syria"), not a party.
SCENE_PREPS = frozenset({"in", "inside", "across", "throughout", "within", "at", "near", "around"})

#: A context rule: the country it gives an actor and its ``why`` label, or None.
ContextRule = Callable[[Run, Cluster], "tuple[str, str] | None"]


def dateline_country(doc: Doc, lex: Lexicon) -> str | None:
    """Country of the dateline ("NAIROBI, Kenya (AP) —"), looked for in the first lines."""
    text = text_of(doc)[:600]
    for m in DATELINE.finditer(text):
        if m.start() > 400:
            break
        city, region = m.group(1).strip(), (m.group(2) or "").strip()
        for name in (region, city, city.title(), region.title()):
            if not name:
                continue
            if name in lex.dateline_regions:
                return lex.dateline_regions[name]
            e = lex.forms.get(name)
            if e is not None and e.kind == "country":
                return e.country
    return None


def code_actors(run: Run, live: list[Cluster]) -> None:
    """Country, sector and code of every actor that has mentions (persons first)."""
    persons = [c for c in live if c.kind == "person"]
    for c in persons:
        _from_lexicon(run, c)  # what is known about the person beats context
    for c in persons:
        _context_country(run, c)
    for c in live:
        # Groups after persons: "the government of President X" takes X's country.
        if c.kind in {"group", "organization"} and not c.country and (
                c.key.startswith("group:") or (c.key.startswith("org:?:") and c.sector)):
            owner = _owner_country(run, c)
            if owner:
                c.country = owner
                c.why += f"+owner:{owner}"
                demonym = run.lex.demonym_of.get(owner)
                c.name = f"{demonym} {c.name}" if demonym else c.name
            else:
                _context_country(run, c)
        _code(c)


def _from_lexicon(run: Run, c: Cluster) -> None:
    """Fill what the text left open from the office-holder lexicon (the text wins)."""
    if c.kind == "person":
        # Roles are valid only inside their dates, judged against the publication
        # day (no date: the person's latest role, see Lexicon.term_at).
        person, term = run.lex.term_at(c.name, run.date)
        if person is not None and c.gender and person.gender and c.gender != person.gender:
            return  # "Mrs Clinton" is not the Clinton the lexicon knows
        if term is not None:
            if not c.country:
                c.country = term.country
                c.org = c.org or term.org
            if not c.role:
                c.role = term.role
                c.sector = term.sector
            elif not c.sector:
                c.sector = term.sector
        if person is not None:
            c.why = (c.why + "; " if c.why else "") + f"people:{person.name}"
            c.gender = c.gender or person.gender


def _code(c: Cluster) -> None:
    """CAMEO-style code: country (or IGO organisation) then sector: RUSGOV, IGOUNO, USA."""
    if c.code is None:
        base = c.org or c.country or ""
        if c.kind == "country" or (c.org and c.kind == "person"):
            c.code = base or None
        else:
            c.code = (base + (c.sector or "")) or None


def _owner_country(run: Run, c: Cluster) -> str | None:
    """Country of the person a collective noun belongs to ("the government of President X")."""
    for s, e, _ in c.mentions:
        head = run.doc[e - 1]
        for child in head.children:
            if child.dep == prep and child.lower_ == "of":
                for pobj in child.children:
                    key = run.taken.get(pobj.i)
                    if key and run.clusters[key].kind == "person" and run.clusters[key].country:
                        return run.clusters[key].country
    return None


# -- context ------------------------------------------------------------------------------------

def _country_counts(run: Run, c: Cluster, lo: int, hi: int, parties: bool = True) -> dict[str, int]:
    """Mentions per country of the other actors named in tokens [lo, hi) (not IGO/NGO/...).

    News outlets never count ("she told AFP" says nothing of her country).
    ``parties=False`` leaves out the mentions that are parties of a clause
    (its subject or object: "accuses Moscow of", "said Russia hacked"): a
    party is a counterpart of the actor, not where the actor is from; what
    remains describes the scene ("Slovak farmers", "in Peru's election").
    """
    counts: dict[str, int] = {}
    own = {run.doc[s:e].root.i for s, e, _ in c.mentions}
    verbs = {v.i for v in (_clause_verb(run.doc[s:e].root) for s, e, _ in c.mentions) if v is not None}
    for other in run.clusters.values():
        if other is c or not other.country or other.country in NON_STATE_CODES or other.sector in MEDIA_SECTORS:
            continue
        if "context:" in other.why:
            continue  # a country guessed from context is no evidence for another actor
        # A collective noun with its demonym ("Slovak farmers") or a description
        # ("Cairo's security chief") describes the scene even as a party; a named
        # country, person or organisation as a party does not, unless it stands
        # beside the actor ("both the military and the MILF").
        described = other.key.startswith("group:")
        for s, e, how in other.mentions:
            if not lo <= s < hi:
                continue
            root = run.doc[s:e].root
            if parties or not _is_party(root) or _beside(root, own):
                counts[other.country] = counts.get(other.country, 0) + 1
            elif (described or how in DESCRIBED) and not _same_clause(root, verbs):
                # described, and not the actor's own counterpart ("the gunman shot
                # Russia's ambassador": the ambassador's country is not the gunman's)
                counts[other.country] = counts.get(other.country, 0) + 1
    return counts


def _clause_verb(root: Token) -> Token | None:
    """The verb a mention is a party of (through conjuncts and prepositions), or None."""
    while root.dep == conj and root.head.i != root.i:
        root = root.head
    if root.dep == pobj and root.head.dep == prep:
        root = root.head
    head = root.head
    return head if head.pos_ in {"VERB", "AUX"} and head.i != root.i else None


def _same_clause(root: Token, verbs: set[int]) -> bool:
    v = _clause_verb(root)
    return v is not None and v.i in verbs


def _beside(root: Token, own: set[int]) -> bool:
    """Whether ``root`` is a conjunct of one of the actor's own mention heads."""
    return any(t.i in own for t in root.conjuncts)


def _is_party(root: Token) -> bool:
    """Whether a mention's head is a party of a clause: its subject, object or the object
    of a non-locative preposition on a verb ("called on Russia", "talks with Iran")."""
    while root.dep == conj and root.head.i != root.i:
        root = root.head
    if root.dep in PARTY_DEPS:
        return True
    if root.dep == pobj and root.head.dep == prep and root.head.lower_ not in SCENE_PREPS:
        return root.head.head.pos_ in {"VERB", "AUX"} or root.head.head.dep in PARTY_DEPS
    return False


def sentence_country(run: Run, c: Cluster) -> tuple[str, str] | None:
    """The one country named in the actor's first sentence.

    "The court allowed candidate Ana Soto to run in Peru's election" -> PER.
    """
    sent = run.doc[min(s for s, _, _ in c.mentions)].sent
    found = set(_country_counts(run, c, sent.start, sent.end, parties=False))
    if len(found) == 1:
        return found.pop(), "context:sentence-country"
    return None


def dateline_home(run: Run, c: Cluster) -> tuple[str, str] | None:
    """The dateline's country, for an office holder.

    "NAIROBI, Kenya (AP) — The interior minister said ..." -> KEN.
    """
    if run.home:
        return run.home, "context:dateline-country"
    return None


def document_country(run: Run, c: Cluster) -> tuple[str, str] | None:
    """The country that dominates the document's country mentions (half of them, twice the next).

    Every mention counts here, parties too: over a whole story the country named
    most is the story's ("U.S." and its politicians in US political news).

    "Prime Minister X said ... Fiji ... Fijian rebels ... Fiji's parliament" -> FJI.
    """
    overall = _country_counts(run, c, 0, len(run.doc))
    total = sum(overall.values())
    if total >= 2:
        ranked = sorted(overall.values(), reverse=True)
        iso, n = max(overall.items(), key=lambda kv: kv[1])
        if n / total >= 0.5 and (len(ranked) == 1 or n >= 2 * ranked[1]):
            return iso, "context:document-country"
    return None


def dateline_institution(run: Run, c: Cluster) -> tuple[str, str] | None:
    """The dateline's country, for an institution (not for people in the plural).

    "NAIROBI, Kenya (AP) — The ministry said ..." -> KEN; "the two leaders" stays open.
    """
    if run.home and c.kind == "organization":
        return run.home, "context:dateline"
    return None


#: A person without a title: their sentence's country, the document's.
UNTITLED_PERSON_RULES: tuple[ContextRule, ...] = (sentence_country, document_country)
#: An office holder: the dateline, their sentence, the document.
OFFICE_HOLDER_RULES: tuple[ContextRule, ...] = (dateline_home, sentence_country, document_country)
#: A collective actor ("police", "Darfur rebels", "protesters"): its sentence, the dateline, the document.
COLLECTIVE_RULES: tuple[ContextRule, ...] = (sentence_country, dateline_institution, document_country)


def _context_country(run: Run, c: Cluster) -> None:
    """Country of an actor the text and the lexicon leave without one, from context.

    News about domestic politics names the country once and the officials by
    title only ("Prime Minister X said ... Fijian rebels"). The first rule of the
    actor's table that gives a country sets it, marked in ``why`` ("; " after a
    person's, "+" after a collective's). Actors with no sector get none, except
    untitled persons.
    """
    if c.country:
        return
    if c.kind == "person":
        rules = OFFICE_HOLDER_RULES if c.sector else UNTITLED_PERSON_RULES
    elif c.sector:
        rules = COLLECTIVE_RULES
    else:
        return
    for rule in rules:
        found = rule(run, c)
        if found is not None:
            break
    else:
        return
    c.country, label = found
    if c.kind == "person":
        c.why += f"; {label}:{c.country}"
        return
    c.why += f"+{label}:{c.country}"
    demonym = run.lex.demonym_of.get(c.country)
    if demonym and not c.name.startswith(demonym):
        c.name = f"{demonym} {c.name}"
