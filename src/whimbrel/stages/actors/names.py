"""Names: the lexicon's matches in the text, names of countries and organisations, and
organisations the lexicon does not know (ORG entities)."""
from __future__ import annotations

from spacy.tokens import Span

from ...syntax import compound, dobj, nmod, pobj
from .groups import country_token
from .persons import in_headline
from .phoenix import group_matches
from .state import Run, ent_covering

# Prepositions whose object is a place where something happens, not a party to it:
# "in Moscow", "near Tehran". A capital there is a place, not its government.
LOCATIVE_PREPS = frozenset({"in", "at", "near", "inside", "outside", "around", "across",
                            "throughout", "within", "into", "via", "outside", "between", "from", "to",
                            "towards", "toward", "through", "beyond", "over", "across"})
# Nouns for settlements and regions: "the village of X" names a place.
PLACE_NOUNS = frozenset({"village", "town", "city", "region", "province", "district", "county", "state",
                         "area", "neighbourhood", "neighborhood", "suburb", "port", "island"})
# Prepositions after which a capital is a party ("talks with Tehran", "sanctions on Moscow").
PARTY_PREPS_AFTER_NOUN = frozenset({"with", "against", "on", "to", "from", "by", "of", "for"})
# Entity types whose longer name swallows a lexicon name inside it ("Washington Post").
NAME_ENTS = frozenset({"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW"})


def lexicon_matches(run: Run) -> list[tuple[int, int, str]]:
    """Step 1: the lexicon's forms and known people in the text, longest first, not overlapping."""
    doc = run.doc
    found = [(s, e, doc[s:e].text) for _, s, e in run.matcher(doc)]
    hand = {(s, e) for s, e, _ in found}
    # Armed non-state groups of the Phoenix dictionaries, in any case ("al-Shabab").
    groups = group_matches(run.lex.phoenix, [t.text for t in doc]) if run.lex.phoenix is not None else ()
    for s, e in groups:
        entry = run.lex.org(doc[s:e].text)
        # A name is written with a capital ("Taliban", "al-Shabab"); the hand lexicon wins.
        if entry is not None and (s, e) not in hand and any(c.isupper() for c in doc[s:e].text):
            run.span_entry[(s, e)] = entry
            found.append((s, e, doc[s:e].text))
    # Longest match first, then leftmost: "UN Security Council" beats "UN".
    found.sort(key=lambda m: (-(m[1] - m[0]), m[0]))
    used: set[int] = set()
    keep = []
    for s, e, text in found:
        if any(i in used for i in range(s, e)):
            continue
        # A lexicon name inside a longer named entity of another kind is part of
        # that name: "Washington" in "Washington Post", "Jordan" in "Michael Jordan".
        ent = ent_covering(doc, s, e, run.ents())
        ent_start = ent.start + (1 if ent is not None and ent[0].lower_ == "the" else 0) if ent is not None else 0
        if ent is not None and (ent.end - ent_start) > (e - s) and ent.label_ in NAME_ENTS:
            if not (ent.label_ == "ORG" and _org_with_country(run, ent)):
                continue
        used.update(range(s, e))
        keep.append((s, e, text))
    keep.sort()
    for s, e, text in keep:
        entry = run.entry(s, e)
        if entry is not None:
            for i in range(s, e):
                run.token_entry[i] = entry
    return keep


def _org_with_country(run: Run, ent: Span) -> bool:
    """An ORG entity made of a country word and a collective noun ("Russian Foreign Ministry")."""
    words = [t.lower_ for t in ent]
    return any(" ".join(words[i:]) in run.lex.groups for i in range(len(words)))


def find_names(run: Run, matches: list[tuple[int, int, str]]) -> None:
    """Step 5: names of countries and organisations still free (a capital only as a party)."""
    doc = run.doc
    for s, e, text in matches:
        if not run.free(s, e):
            continue
        entry = run.entry(s, e)
        if entry is None:
            continue
        if entry.how == "metonym" and not _metonymic(run, doc[s:e]):
            continue
        c = run.entity_cluster(entry)
        run.take(c, s, e, entry.how)


def _metonymic(run: Run, span: Span) -> bool:
    """Whether a capital or seat of government stands for its government here.

    "Moscow said", "talks with Tehran", "sanctions against Tehran" -> yes;
    "in Moscow", "flew to Tehran" -> no (a place).
    """
    root = span.root
    if root.dep == pobj:
        prep = root.head
        if prep.lower_ in PARTY_PREPS_AFTER_NOUN and prep.head.pos_ == "NOUN":
            return True
        if prep.lower_ in LOCATIVE_PREPS:
            return False
        return prep.lower_ not in {"of"} or prep.head.pos_ == "NOUN"
    if root.dep == dobj and root.head.lemma_ in run.lex.place_verbs:
        return False
    if root.dep in (compound, nmod) and root.head.pos_ in {"NOUN", "PROPN"}:
        # "the Tehran government", "Moscow talks": a modifier, not an actor.
        return root.head.lower_ in run.lex.groups
    return True


def find_unknown_orgs(run: Run, matches: list[tuple[int, int, str]]) -> None:
    """Step 7: ORG entities the lexicon does not know (an organ of a known one joins it)."""
    doc, lex = run.doc, run.lex
    for ent in doc.ents:
        if ent.label_ != "ORG" or not run.free(ent.start, ent.end):
            continue
        s = ent.start + (1 if ent[0].lower_ == "the" else 0)
        if s >= ent.end or doc[s:ent.end].text in lex.forms:
            continue  # a known name in a non-actor use ("in Vilnius")
        root = ent.root
        if root.dep == pobj and (root.head.lower_ in LOCATIVE_PREPS - {"from", "to", "between"} or (
                root.head.lower_ == "of" and root.head.head.lower_ in PLACE_NOUNS)):
            continue  # "near the village of Kherbet Selm": a place the model took for an ORG
        if ent[-1].text in lex.not_actor_heads:
            continue  # "the Paris Agreement", "the Trade and Investment Partnership": no actor
        if doc[s:ent.end].text in run.place_words() and lex.org(doc[s:ent.end].text) is None:
            continue  # "Qamishli" where the story says "in Qamishli": a place, not an organisation
        if in_headline(run, s, ent.end) and lex.org(doc[s:ent.end].text) is None:
            continue  # a fragment of a title-case headline the body never names
        # "African Union Commission": an organ of a known organisation.
        for k in range(ent.end - 1, s, -1):
            known = lex.forms.get(doc[s:k].text)
            if known is not None and known.kind in {"organization", "group"}:
                c = run.entity_cluster(known)
                run.take(c, s, ent.end, "org")
                break
        else:
            known = None
        if known is not None:
            continue
        # A body the Phoenix dictionaries know (IGOs, NGOs, companies, armed groups).
        known = run.lex.org(doc[s:ent.end].text)
        if known is not None:
            run.take(run.entity_cluster(known), s, ent.end, "org")
            continue
        _take_unknown_org(run, ent, s)


def _take_unknown_org(run: Run, ent: Span, s: int) -> None:
    """An actor for an unknown organisation: country from its words, kind from its head word."""
    doc, lex = run.doc, run.lex
    countries = [country_token(run, t) for t in ent]
    country = next((c for c in countries if c), None)
    name = doc[s:ent.end].text
    sector = None
    # The head word of an unknown organisation's name ("... Association",
    # "... Liberation Front", "... Party") gives its kind (data: org_heads.yaml).
    heads = [t.text for t in ent if t.text in lex.org_heads]
    if heads:
        spec = lex.org_heads[heads[-1]]
        if spec.get("country") and not country:
            country = spec["country"]
        sector = spec.get("sector")
    if sector == "PTY" and any(t.lower_ == "opposition" for t in doc[max(0, ent.start - 3):ent.start]):
        sector = "OPP"  # an opposition party
    if sector == "PTY":
        country = country or run.home
    c = run.cluster(f"org:?:{name}", name=name, kind="organization", country=country,
                    sector=sector, why="ner:ORG" + (f"+{sector}" if sector else ""), from_text=True)
    run.take(c, s, ent.end, "org")
