"""Actors the events imply that no mention names: ``doc._.event_actors``.

Three rules need an actor the actors stage did not emit: an unnamed individual who does or
suffers the event ("a man stabbed a woman", :func:`generic_person`); the state where an act
on a territory happens ("nurses protested in Lyon": France) or that hosts a
visit ("flew to Cairo": Egypt), and an organisation named by an adjective that
owns an event's content ("rejected the European plan": the European Union).
The events stage never rewrites ``doc._.actors``; it keeps these in its own
``doc._.event_actors``, numbered after the actors stage's (``A{max + 1}`` over
both lists). One that no emitted event uses is dropped at the end without
renumbering the rest. Every lookup of an existing actor searches
``doc._.actors`` first, then ``doc._.event_actors``.
"""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Token

from ...model import Actor, Event
from ...syntax import acl, compound, nsubj, nsubjpass, poss
from ..actors import api as actors_api
from .vocab import Lexicon

#: ``Actor.why`` of every implied actor starts so.
WHY_PREFIX = "events:"


def all_actors(doc: Doc) -> Iterator[Actor]:
    """The actors stage's actors, then the events' implied ones."""
    yield from doc._.actors or ()
    yield from doc._.event_actors or ()


def find_actor(doc: Doc, actor_id: str) -> Actor | None:
    """The actor with id ``actor_id`` in either list."""
    found = actors_api.get_actor(doc, actor_id)
    if found is not None:
        return found
    return next((a for a in doc._.event_actors or () if a.id == actor_id), None)


def _add(doc: Doc, **fields) -> str:
    """Append an actor the text implies but names no mention of; returns its id."""
    nums = [int(a.id[1:]) for a in all_actors(doc) if a.id[:1] == "A" and a.id[1:].isdigit()]
    aid = f"A{max(nums, default=0) + 1}"
    doc._.event_actors = [*(doc._.event_actors or ()), Actor(id=aid, **fields)]
    return aid


def country_actor(doc: Doc, place) -> str | None:
    """Id of the country actor for ``place``'s country, added when the text has none."""
    iso = place.country
    for a in all_actors(doc):
        if a.kind == "country" and a.country == iso:
            return a.id
    name = actors_api.country_name(iso)
    if not name:
        return None
    return _add(doc, name=name, kind="country", country=iso, sector=None, code=iso, role=None, mentions=(),
                why=f"{WHY_PREFIX} country of the event's location {place.name!r} ({place.id})")


def named_actor(doc: Doc, tok: Token, lex: Lexicon) -> str | None:
    """Id of the actor an owner adjective names (existing, or added with that word as mention)."""
    entry = actors_api.lexicon_entry(lex.roles.owner_adjectives.get(tok.lower_) or "")
    if entry is None:
        return None
    for a in all_actors(doc):
        if a.code == entry.code and a.kind == entry.kind:
            return a.id
    return _add(doc, name=entry.name, kind=entry.kind, country=entry.country, sector=entry.sector,
                code=entry.code, role=None, mentions=((tok.idx, tok.idx + len(tok.text)),),
                why=f"{WHY_PREFIX} owner adjective {tok.text!r} of an event's content")


#: ``Actor.why`` of an unnamed individual, then its noun in quotes.
GENERIC_WHY = f"{WHY_PREFIX} generic person "
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})


def generic_person(doc: Doc, tok: Token, lex: Lexicon) -> str | None:
    """Id of the unnamed individual(s) a noun like "a man", "the woman", "800 people" names, as an
    implied actor (its noun's sector, no country) with the phrase before the noun as its mention. A
    definite phrase ("the woman") is the latest earlier individual of the same noun; an
    indefinite one is a new individual. None when ``tok`` is no such noun."""
    lemma = tok.lemma_.lower()
    if tok.pos_ not in ("NOUN", "PRON") or lemma not in lex.roles.generic_persons or tok.ent_type_ in ("PERSON", "ORG"):
        return None
    span = (doc[tok.left_edge.i].idx, tok.idx + len(tok.text))
    why = f"{GENERIC_WHY}{lemma!r}"
    earlier = [a for a in doc._.event_actors or () if a.why == why]
    for a in earlier:
        if span in a.mentions:
            return a.id
    if any(d.lower_ in _DEFINITE for d in tok.children) and earlier:
        before = [a for a in earlier if a.mentions and a.mentions[-1][0] < span[0]]
        if before:
            last = max(before, key=lambda a: a.mentions[-1][0])
            doc._.event_actors = [replace(a, mentions=(*a.mentions, span)) if a is last else a
                                  for a in doc._.event_actors]
            return last.id
    kind = "group" if tok.tag_ in ("NNS", "NNPS") or lemma == "people" else "person"
    return _add(doc, name=doc.text[span[0]:span[1]], kind=kind, country=None, sector=lex.roles.generic_persons[lemma], code=None,
                role=None, mentions=(span,), why=why)


#: ``Actor.why`` of a party named only by a pronoun or an unknown name, then its text in quotes.
UNRESOLVED_WHY = f"{WHY_PREFIX} unresolved party "
#: Third-person pronouns that stand for a party of an event. A possessive is not one: it is
#: mostly the actor itself ("escalated her criticism", "to show their disapproval").
_PARTY_PRONOUNS = frozenset({"he", "she", "him", "her", "they", "them"})


def _bare_name_patient(tok: Token) -> bool:
    """An untyped name as a passive subject: the one the act befalls, a name the recogniser did
    not type ("Adkins was charged"). A name is a capitalised proper noun, or a capitalised
    word the tagger took for a common noun at the start of a sentence that the text also
    capitalises in mid-sentence ("... arrested Vernon Adkins. Adkins was charged")."""
    if tok.dep != nsubjpass or tok.ent_type_ or not tok.is_title or any(c.dep != compound for c in tok.children):
        return False
    if any(w.ent_type_ or not w.is_title for w in tok.subtree):
        return False
    if tok.pos_ == "PROPN":
        return True
    return tok.pos_ == "NOUN" and tok.i == tok.sent.start and any(
        w.text == tok.text and w.i != w.sent.start for w in tok.doc if w.i != tok.i)


def unresolved_party(doc: Doc, tok: Token) -> str | None:
    """Id of a party the text names but the actors stage left unresolved, as an implied actor with
    no country or sector and its own words as mention: a third-person pronoun whose antecedent
    is no actor ("a missing mother ... after she was abducted"; "it" only as the doer: "It killed
    more than 800 people", an organisation), never a possessive, a person's name the actors stage
    did not keep, or left untyped as a passive subject ("Adkins was arrested"), "those" of a participle ("those arrested"). None for
    any other token. The same mention gives the same actor."""
    low = tok.lower_
    if tok.pos_ == "PRON" and (low in _PARTY_PRONOUNS and tok.dep != poss or low == "it" and tok.dep == nsubj):
        span = (tok.idx, tok.idx + len(tok.text))
    elif tok.pos_ == "PROPN" and tok.ent_type_ == "PERSON":
        ent = next((e for e in doc.ents if e.start <= tok.i < e.end), None)
        span = (ent.start_char, ent.end_char) if ent is not None else (tok.idx, tok.idx + len(tok.text))
    elif _bare_name_patient(tok):
        # "Adkins was arrested": a name the recogniser left untyped, as the one the act befalls
        span = (doc[tok.left_edge.i].idx, tok.idx + len(tok.text))
    elif low in ("those", "these") and any(d.dep == acl and d.tag_ == "VBN" for d in tok.children):
        span = (tok.idx, tok.idx + len(tok.text))
    else:
        return None
    for a in doc._.event_actors or ():
        if span in a.mentions and (a.why or "").startswith(UNRESOLVED_WHY):
            return a.id
    text = doc.text[span[0]:span[1]]
    kind = "group" if low in ("they", "them", "those", "these") else ("organization" if low == "it" else "person")
    return _add(doc, name=text, kind=kind, country=None, sector=None, code=None, role=None, mentions=(span,),
                why=f"{UNRESOLVED_WHY}{text!r}")


def drop_unused(doc: Doc, events: list[Event]) -> None:
    """Implied actors stay only when an emitted event uses them; an event dropped later
    (no actor, a duplicate) leaves none behind."""
    used = {a for e in events for a in (*e.actor, *e.recipient)}
    implied = doc._.event_actors or []
    kept = [a for a in implied if a.id in used or not (a.why or "").startswith(WHY_PREFIX)]
    if len(kept) != len(implied):
        doc._.event_actors = kept
