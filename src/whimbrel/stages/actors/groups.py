"""Collective nouns with their country: "Russian troops", "Hungarian and Romanian officials",
"the government of Iran", "Houthi fighters" (members of a named group)."""
from __future__ import annotations

from spacy.tokens import Token

from ...syntax import amod, compound, det, nmod, npadvmod, pobj, poss, prep
from .state import Cluster, Run, ent_covering

# Sectors of the state: a collective noun of these with no country belongs to the
# dateline's country ("the ministry", "police", "the court").
STATE_SECTORS = frozenset({"GOV", "MIL", "COP", "JUD", "LEG", "SPY"})
# Armed collectives that name a state's forces only with a country ("government forces").
PROVISIONAL_MIL = frozenset({"forces", "government forces", "government troops", "armed forces"})
# Modifiers through which a collective noun names its country or its organisation.
COUNTRY_MODIFIER_DEPS = frozenset({amod, compound, poss, nmod, npadvmod})
OWNER_MODIFIER_DEPS = frozenset({compound, amod, nmod, poss})
OBJECT_MODIFIER_DEPS = frozenset({amod, compound, poss})
# "the Saudi-led coalition", "Iranian-backed militias".
LED_WORDS = frozenset({"led", "backed", "sponsored", "funded", "allied"})


def find_groups(run: Run, matches: list[tuple[int, int, str]]) -> None:
    """Step 3: collective nouns, each taken for its named organisation or its countries."""
    doc, lex = run.doc, run.lex
    for tok in doc:
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.i in run.taken or (
                tok.i in run.token_entry and run.token_entry[tok.i].kind != "country"):
            continue
        if _ethnic_group(run, tok):
            continue
        phrase, start = group_phrase(run, tok)
        if phrase is None or not _names_a_group(run, tok):
            continue
        named = _named_owner(run, tok, start)
        if named is not None:
            # "Houthi fighters", "Hamas militants", "UN peacekeepers": members of a
            # named organisation are that organisation acting.
            c, first = named
            run.take(c, first, tok.i + 1, "members")
            run.heads[tok.i] = [c.key]
            continue
        _take_group(run, tok, phrase, start)


def _ethnic_group(run: Run, tok: Token) -> bool:
    """A people named as an ethnic group ("ethnic Albanians in south Serbia") is that group of
    civilians, not the state of the same name: its country is where the text puts it ("in"/"of"
    a place), else the context's (:data:`.coding.COLLECTIVE_RULES`). Returns whether it took it."""
    entry = run.token_entry.get(tok.i)
    if entry is None or entry.how != "demonym" or tok.tag_ not in {"NNS", "NNPS"}:
        return False
    ethnic = [c for c in tok.children if c.dep == amod and c.lower_ == "ethnic" and c.i < tok.i]
    if not ethnic:
        return False
    country = None
    for child in tok.children:
        if child.dep == prep and child.lower_ in {"in", "of", "from"}:
            for o in child.children:
                if o.dep == pobj:
                    country = country or next((iso for t in [o, *o.children] for iso in [country_token(run, t)]
                                               if iso and iso != entry.country), None)
    phrase = f"ethnic {tok.text}"
    c = run.cluster(f"group:{country}:CVL:{phrase.lower()}", name=phrase, kind="group", country=country,
                    sector="CVL", why="group:ethnic" + (f"+country:{country}" if country else ""), from_text=True)
    run.take(c, ethnic[0].i, tok.i + 1, "group")
    run.heads[tok.i] = [c.key]
    return True


def _names_a_group(run: Run, tok: Token) -> bool:
    """Whether the collective noun at ``tok`` (its phrase found) stands for an actor here."""
    doc, lex = run.doc, run.lex
    if tok.i > 0 and f"{doc[tok.i - 1].lower_} {tok.lower_}" in lex.not_groups:
        return False  # "social media" names no actor
    ent = ent_covering(doc, tok.i, tok.i + 1, run.ents())
    if ent is not None and ent.label_ == "ORG" and ent.root.i != tok.i:
        return False  # "Lawyers" in "the Association of Andean Lawyers" names no group
    # "opposition" in "the main opposition party": part of its head's phrase.
    if tok.dep in (compound, amod) and tok.head.i > tok.i and \
            group_phrase(run, tok.head)[0] is not None and group_phrase(run, tok.head)[1] <= tok.i:
        return False
    return True


def _take_group(run: Run, tok: Token, phrase: str, start: int) -> None:
    """One actor per country of the collective noun (none known: one without a country)."""
    lex = run.lex
    sector, kind = lex.groups[phrase]
    countries, cstart = _countries_of(run, tok, start)
    if phrase in lex.group_country:
        countries = [lex.group_country[phrase]]
    context = ""
    if not countries and run.home and sector in STATE_SECTORS and kind == "organization":
        # "The ministry said", "police arrested" under a Kenyan dateline: Kenya's.
        countries, context = [run.home], "+context:dateline"
    if not countries and phrase in lex.group_needs_country:
        return  # "people" alone names nobody; "the Afghan people" does
    if not countries:
        # Without a country only clear collective actors count ("protesters",
        # "police", "rebels", "troops": agents with a sector); "officials" alone
        # names nobody in particular. "the government", "officials", "government
        # forces" wait for their country from context at the end and are dropped
        # without one.
        if sector == "GOV" or phrase in PROVISIONAL_MIL:
            run.provisional.add(f"group:None:{sector}:{phrase}")
        countries = [None]
    keys = []
    for country in countries:
        key = f"group:{country}:{sector}:{phrase}"
        cname = (lex.demonym_of.get(country) or lex.country_names.get(country, country)
                 if country and phrase not in lex.group_country else None)
        name = f"{cname} {phrase}" if cname else phrase
        c = run.cluster(key, name=name, kind=kind, country=country, sector=sector,
                        why=f"group:{phrase}" + (f"+country:{country}" if country else "") + context,
                        from_text=True)
        run.take(c, cstart, tok.i + 1, "group")
        keys.append(key)
    run.heads[tok.i] = keys


def group_phrase(run: Run, tok: Token) -> tuple[str | None, int]:
    """The collective noun phrase ending at ``tok`` ("riot police", "armed forces")."""
    words = [tok.lower_]
    best, start = (tok.lower_ if tok.lower_ in run.lex.groups else None), tok.i
    i = tok.i - 1
    while i >= 0 and len(words) < 3 and run.doc[i].pos_ in {"NOUN", "ADJ", "PROPN", "VERB"}:
        words.insert(0, run.doc[i].lower_)
        p = " ".join(words)
        if p in run.lex.groups:
            best, start = p, i
        i -= 1
    return best, start


def _named_owner(run: Run, head: Token, start: int) -> tuple[Cluster, int] | None:
    """The named armed group or organisation a collective noun belongs to, if any."""
    for child in head.children:
        if child.dep in OWNER_MODIFIER_DEPS and child.i < start:
            e = run.token_entry.get(child.i)
            if e is not None and e.kind in {"group", "organization"}:
                return run.entity_cluster(e), min(child.left_edge.i, start)
    return None


def _countries_of(run: Run, head: Token, start: int) -> tuple[list[str], int]:
    """Countries a collective noun belongs to, and where its mention starts.

    Looks at modifiers ("Russian troops", "Iran's government", "US and French
    officials") and an "of" attachment ("the government of Iran").
    """
    doc = run.doc
    out: list[str] = []
    first = start

    def add(iso: str | None) -> bool:
        if iso and iso not in out:
            out.append(iso)
            return True
        return False

    for child in head.children:
        if child.dep in COUNTRY_MODIFIER_DEPS and child.i < start:
            for t in [child, *child.conjuncts]:
                if add(country_token(run, t)):
                    first = min(first, t.left_edge.i, child.left_edge.i)
        if child.dep == amod and child.lower_ in LED_WORDS:
            # "the Saudi-led coalition", "Iranian-backed militias": the leading country
            for t in child.children:
                if add(country_token(run, t)):
                    first = min(first, t.i)
        if child.dep == prep and (child.lower_ in {"of", "from"} or (child.lower_ == "in" and not out)):
            # "in" gives where the group is, its country only when no modifier gave its
            # nationality: "Albanian rebels in Macedonia" are Albanian rebels
            for pobj_tok in child.children:
                if pobj_tok.dep == pobj:
                    # "the government of Iran", "inhabitants of the Syrian Golan Heights"
                    mods = [c for c in pobj_tok.children if c.dep in OBJECT_MODIFIER_DEPS]
                    for t in [pobj_tok, *pobj_tok.conjuncts, *mods]:
                        add(country_token(run, t))
    # Country words inside the same named entity ("the Russian Foreign Ministry").
    if not out and head.ent_type_ in {"ORG", "NORP"}:
        for t in doc[head.i - 3 if head.i >= 3 else 0:head.i]:
            iso = country_token(run, t)
            if iso:
                out.append(iso)
                first = min(first, t.i)
    if out:
        # Include determiners and adjectives before the first country word.
        while first > 0 and doc[first - 1].head.i == head.i and doc[first - 1].dep in (det, amod) \
                and first - 1 >= head.left_edge.i:
            first -= 1
    return out, first


def country_token(run: Run, t: Token) -> str | None:
    """ISO3 of a country named or described by this token ("Russian", "Iran", "Moscow", "Trump")."""
    e = run.token_entry.get(t.i) or run.lex.forms.get(t.text)
    if e is not None and e.kind == "country":
        return e.country
    # A large city where a group is ("protesters in Peshawar"): only for the
    # object of a preposition, never as an actor itself.
    if t.dep == pobj and t.text in run.lex.cities:
        return run.lex.cities[t.text]
    # A region of one country as a modifier ("Darfur rebels", "Tigray forces");
    # two-word regions are matched on the token and the one before it.
    for name in (t.text, run.doc[t.i - 1:t.i + 1].text if t.i > 0 else None):
        if name and name in run.lex.regions:
            return run.lex.regions[name]
    key = run.taken.get(t.i)
    if key is not None:
        c = run.clusters[key]
        if c.kind == "person" and c.country:
            return c.country
    return None
