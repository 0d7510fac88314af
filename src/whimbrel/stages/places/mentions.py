"""A toponym candidate (:class:`Mention`), the label sets the places rules share,
and what the actors stage said about a span.

The actors stage's results are read through :mod:`whimbrel.stages.actors.api`
only. Without that stage in the pipeline ``doc._.actors`` and
``doc._.actor_mentions`` are None, which those functions read as "no actor here":
the places rules then go on without that evidence.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from whimbrel import syntax as dep
from whimbrel.stages.actors.api import get_actor, mention_at

from .gazetteer import Entry, Hit

# Entity labels that name places in spaCy's OntoNotes scheme.
PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# Entity labels under which a place name is part of something else: a person
# ("Jordan Peterson"), an organisation ("Washington Post"), a demonym ("Russian").
NOT_PLACE_LABELS = frozenset({"PERSON", "NORP", "ORG", "WORK_OF_ART", "PRODUCT", "EVENT", "LAW", "LANGUAGE"})

# Dependency labels of the candidate, metonymy and location rules.
#: A conjunct or apposition: shares the role of its head ("Moscow and Tehran", "Nyala, the capital").
COORD = frozenset({dep.conj, dep.appos})
#: Objects of a verb.
OBJ = frozenset({dep.dobj, dep.dative, dep.iobj})
#: Modifiers of a noun that may be its owner ("Moscow's position", "the US threat").
#: The same set as the actors stage's ``MODIFIER_DEPS``.
MODIFIER = frozenset({dep.poss, dep.compound, dep.nmod, dep.amod})


@dataclass
class Mention:
    """A toponym candidate: a token span and the gazetteer entries its name may denote."""

    start: int            # token indices [start, end)
    end: int
    text: str
    label: str            # entity label, or "" for an untagged gazetteer match
    hits: list[Hit]
    key: str
    choice: Entry | None = None
    qualifier: tuple[str, str | None] | None = None  # (cc, admin1) demanded by "X, Y"
    designator: str | None = None                     # state | country | city | polity


def strip_span(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop a leading determiner and trailing possessive/punctuation from a name span."""
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
        start += 1
    while end > start and (doc[end - 1].tag_ == "POS" or doc[end - 1].is_punct):
        end -= 1
    return start, end


def name_token(tok: Token) -> bool:
    """A token that can be part of a proper name: a capitalised proper noun."""
    return tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.ent_type_ not in NOT_PLACE_LABELS


# --------------------------------------------------------------------------- what the actors stage read

def person_actor_at(doc: Doc, i: int) -> bool:
    """True when the actors stage resolved token ``i`` to a person (a place-named person)."""
    m = mention_at(doc, i)
    if m is None or m.how == "metonym":
        return False
    a = get_actor(doc, m.actor_id)
    return a is not None and a.kind == "person"


def person_named_by(doc: Doc, start: int, end: int) -> bool:
    """True when the actors stage read the span itself as a person's name ("Jordan
    scored twice"), not when the span is only part of a longer person mention that
    names an office holder by place: "Sweden's Minister of Agriculture", "New York
    Governor Andrew M. Cuomo", "a Wisconsin health official" (there the place is a place)."""
    for i in range(start, end):
        m = mention_at(doc, i)
        if m is None or m.how == "metonym" or m.start < start or m.end > end:
            continue
        a = get_actor(doc, m.actor_id)
        if a is not None and a.kind == "person":
            return True
    return False


def country_actor_at(doc: Doc, start: int, end: int) -> str | None:
    """ISO3 of a country actor whose mention covers the span ("the Islamic Republic")."""
    m = mention_at(doc, start)
    # Only a mention of exactly this name: "British" inside "British Columbia" is no answer.
    if m is not None and m.start == start and m.end == end:
        a = get_actor(doc, m.actor_id)
        if a is not None and a.kind == "country" and a.country:
            return a.country
    return None


def actor_metonym_at(doc: Doc, start: int, end: int) -> bool:
    """True when the actors stage read a token of the span as a place standing for its government."""
    return any((m := mention_at(doc, i)) is not None and m.how == "metonym" for i in range(start, end))
