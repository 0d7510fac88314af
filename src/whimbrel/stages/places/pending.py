"""Pending names: known place names under another label (ORG, PERSON, NORP) or untagged,
kept as places only where their context says place.

:func:`accept_pending` runs after every entity of the document is read (by
:mod:`.candidates`), so a pending name can lean on the places accepted around it:
coordination with a place, a qualifier after a comma, a place noun's "of", a
place-kind noun, the dateline's state (:data:`PENDING_RULES`; a name the model did
not tag at all goes through the stricter :data:`UNTAGGED_PENDING_RULES`).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from whimbrel import syntax as dep

from .datelines import Dateline
from .gazetteer import Hit
from .listing import list_members, modifies_a_site_noun
from .mentions import COORD, Mention, person_actor_at
from .vocab import Vocab

#: Nouns that name a kind of place besides ``metonymy.yaml``'s designator nouns ("Gezira state",
#: "the Scioto valley town").
EXTRA_PLACE_HEADS = frozenset({"county", "river", "valley"})


def plausible(vocab: Vocab, hits: list[Hit]) -> list[Hit]:
    """Entries safe to accept without a place label: no small towns, whose names
    are often ordinary words or surnames ("Police", "Of", "Reading")."""
    min_pop = vocab.settings.untagged_min_population
    # Provinces and districts outside the US are left to the model's place labels
    # too: many are named by plain words ("Centre", "Capital", "Western").
    return [h for h in hits if h.entry.kind != "province" and (h.entry.kind != "county" or h.entry.cc == "US") and (
        h.entry.kind != "city" or h.entry.capital or h.entry.population >= min_pop)]


@dataclass
class _Pending:
    """What the pending rules read: the document, the vocabulary, the tokens of accepted places."""

    doc: Doc
    vocab: Vocab
    place_tokens: set[int]
    dateline: Dateline
    heads: frozenset[str]        # nouns naming a kind of place ("state", "county", "valley")
    appos_heads: frozenset[str]  # ... and the nouns whose "of" is a place ("outskirts", "capital")
    by_start: dict[int, Mention] = field(default_factory=dict)  # accepted places by first token


def _conjunct_chain(tok: Token) -> list[Token]:
    """``tok`` and the heads up its chain of conjuncts or appositions, at most four steps."""
    chain = [tok]
    for _ in range(4):
        t = chain[-1]
        if t.dep in COORD and t.head is not t:
            chain.append(t.head)
        else:
            break
    return chain


def _coordinated_with_place(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"Heat records fell in Lahore and Amritsar." -> Amritsar (a conjunct of a place);
    "counties to be kept indoors: Rogaland, Vestfold, ..., Oslo" -> every member of a list
    with a place in it."""
    return (any(t.dep in COORD and t.head.i in p.place_tokens for t in chain[:4])
            or any(c.dep in COORD and c.i in p.place_tokens for c in tok.children)
            or any(t.i in p.place_tokens for t in list_members(tok) if t is not tok))


#: Gazetteer kinds of a qualifier after a comma ("Krasnodar, Russia", "Pandi, Bulacan").
_QUALIFIER_KINDS = frozenset({"country", "state", "province", "region", "county"})


def _qualified_by_a_place(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"Krasnodar, Russia officials said", "pigs at Pandi, Bulacan", "Austin, in Scott County" ->
    Krasnodar, Pandi, Austin: a known name followed by a comma (and "in") and a place that contains
    one of its readings (its country, or its state, province or county's state) is that place,
    whatever the model tagged it (keeps only those readings)."""
    doc, kinds = p.doc, _QUALIFIER_KINDS
    if m.end + 1 < len(doc) and doc[m.end].lower_ == "in" and m.label and m.label != "NORP" and not (
            # a one-word name is a person's only after a title: news introduces people by full name
            m.end - m.start > 1 and any(person_actor_at(doc, i) for i in range(m.start, m.end))
            or m.start and doc[m.start - 1].text in p.vocab.settings.honorifics):
        # "spread to Warwick in Queensland" (Warwick tagged PERSON): a name the model tagged,
        # no person's, followed by "in" and a state or province that holds one of its towns,
        # is that town ("Senator Jackson in Mississippi" stays a person).
        q, kinds = p.by_start.get(m.end + 1), frozenset({"state", "province"})
    elif m.end + 1 >= len(doc) or doc[m.end].text != ",":
        return False
    else:
        q = p.by_start.get(m.end + 1)
        if q is None and doc[m.end + 1].lower_ == "in":  # "Austin, in Scott County, Indiana, was ..."
            q = p.by_start.get(m.end + 2)
    if q is None:
        return False
    areas = [h.entry for h in q.hits if h.entry.kind in kinds]
    inside = [h for h in m.hits if h.entry.kind not in ("country", "continent") and any(
        h.entry.cc == a.cc and (a.kind == "country" or (a.admin1 is not None and h.entry.admin1 == a.admin1))
        for a in areas)]
    if inside:
        m.hits = inside
    return bool(inside)


def _of_a_place_noun(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"Residents of Zanesville were told to stay home.", "the island of Java", "the
    state of Maharashtra" -> a place (the "of" of a place noun or a place-kind noun)."""
    t = chain[-1]
    return (t.dep == dep.pobj and t.head.lower_ == "of"
            and t.head.head.lemma_.lower() in p.appos_heads)


def _hometown_of_a_person(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"Mark Smith, 54, of Tyler said ...", "Jane Doe, of Evansville, said" -> Tyler, Evansville:
    news gives a person's hometown in an "of" set off by a comma after the name."""
    t = chain[-1]
    of = t.head
    return (t.dep == dep.pobj and of.lower_ == "of" and of.i > 0 and p.doc[of.i - 1].text == ","
            and of.head.ent_type_ == "PERSON")


#: Nouns naming a part of a territory, besides the place nouns of ``settings.yaml`` ("Java's southern coast").
_PART_NOUNS = frozenset({"coast", "coastline", "border", "shore", "interior", "highlands", "heartland"})


def _owner_of_a_place_part(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"a stretch of Java's southern coast", "Harare's eastern suburbs" -> Java, Harare: the
    possessor of a part of a territory is a place."""
    return tok.dep == dep.poss and tok.head.lemma_.lower() in p.appos_heads | _PART_NOUNS


def _modifies_a_place_kind(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"an attack near Wad Madani in Gezira state" -> Gezira (modifies a place-kind noun);
    "the Manicaland and Midlands provinces" -> both (conjuncts that together modify one)."""
    return any(t.dep in (dep.compound, dep.nmod) and t.head.i > t.i and t.head.lemma_.lower() in p.heads
               for t in chain)


def _modifies_a_common_noun(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"an Edmonton woman", "the Cairns police force", "Montreal Mayor Denis Coderre" ->
    a well-known city or polity named as the setting of a common noun or an office."""
    head = tok.head
    if tok.dep not in (dep.compound, dep.nmod, dep.amod) or head.i <= tok.i:
        return False
    if not (head.pos_ == "NOUN" or head.lower_ in p.vocab.settings.body_words or head.text in p.vocab.settings.honorifics):
        return False
    known = plausible(p.vocab, m.hits)
    if known:
        m.hits = known
    return bool(known)


def _apposition_names_a_place_kind(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"Nyala, the capital of South Darfur, ..." -> Nyala (an apposition names the kind of place)."""
    return any(c.dep == dep.appos and c.lemma_.lower() in p.appos_heads for c in tok.children)


def _town_of_the_dateline_state(p: _Pending, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """"COLUMBUS, Ohio (AP) — ... in Circleville" -> the Ohio town (keeps only its local readings)."""
    dateline, doc = p.dateline, p.doc
    if not (dateline and dateline[1]) or any(person_actor_at(doc, i) for i in range(m.start, m.end)):
        return False
    local = [h for h in m.hits if h.entry.cc == dateline[0] and h.entry.admin1 == dateline[1]
             and h.entry.kind in ("city", "county")]
    if local:
        m.hits = local
    return bool(local)


#: The rules that may keep a pending name the model did not tag at all: the syntax names it a place.
UNTAGGED_PENDING_RULES: list[Callable[[_Pending, Mention, Token, list[Token]], bool]] = [
    _qualified_by_a_place,
    _coordinated_with_place,
    _of_a_place_noun,
    _modifies_a_place_kind,
    _apposition_names_a_place_kind,
]

#: Rules that keep a pending name as a place, tried in order; the first that says yes keeps it.
PENDING_RULES: list[Callable[[_Pending, Mention, Token, list[Token]], bool]] = [
    _qualified_by_a_place,
    _coordinated_with_place,
    _of_a_place_noun,
    _hometown_of_a_person,
    _owner_of_a_place_part,
    _modifies_a_place_kind,
    modifies_a_site_noun,
    _modifies_a_common_noun,
    _apposition_names_a_place_kind,
    _town_of_the_dateline_state,
]


def accept_pending(doc: Doc, vocab: Vocab, out: list[Mention], pending: list[Mention], dateline: Dateline) -> None:
    """Known names the model labelled ORG, PERSON or NORP, kept where the context says place."""
    heads = vocab.metonymy.designator_nouns | EXTRA_PLACE_HEADS
    p = _Pending(doc, vocab, {i for m in out for i in range(m.start, m.end)}, dateline,
                 heads, heads | vocab.settings.place_of_nouns, {o.start: o for o in out})
    for m in pending:
        if any(o.start < m.end and m.start < o.end for o in out):
            continue
        tok = doc[m.start:m.end].root
        chain = _conjunct_chain(tok)
        rules = PENDING_RULES if m.label else UNTAGGED_PENDING_RULES
        if any(rule(p, m, tok, chain) for rule in rules):
            out.append(m)
            p.place_tokens.update(range(m.start, m.end))
            p.by_start[m.start] = m
