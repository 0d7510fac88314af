"""Trigger senses that depend on the actor: re-codes an event by its actor's kind and sector.

The same word names different PLOVER events in different hands. A strike by
workers is a PROTEST (CAMEO 143), a strike by an air force an ASSAULT (190);
protesters occupying an airport obstruct it (PROTEST 144) where an army
occupying a town seizes it (ASSAULT 192); a government blocking social media
censors (COERCE 1721) where demonstrators blocking a road obstruct (PROTEST
144). The rules and the sector lists are data (``data/events/senses.yaml``);
this module only tests their conditions on the parse and the resolved actors
(kind and sector of the actor, from the actors stage's api or the events' own implied actors).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Iterable

from spacy.tokens import Doc, Token

from ...syntax import amod, ccomp, compound, conj, dobj, nmod, nsubj, nsubjpass, poss, prep, relcl, xcomp
from .implied import find_actor
from .vocab import Entry, Lexicon


def _words(v: Any) -> frozenset[str]:
    if v is None:
        return frozenset()
    if isinstance(v, (list, tuple, set, frozenset)):
        return frozenset(str(x).lower() for x in v)
    return frozenset([str(v).lower()])


def _in_class(doc: Doc, actor_id: str, spec: dict[str, Any]) -> bool:
    """Whether actor ``actor_id`` is of one of the class's kinds or sectors."""
    a = find_actor(doc, actor_id)
    if a is None:
        return False
    return (a.kind or "").lower() in _words(spec.get("kinds")) or (a.sector or "").upper() in \
        {w.upper() for w in _words(spec.get("sectors"))}


def _object_words(tok: Token) -> set[str]:
    """Lemmas in the phrases of a verb's object ("blocked access to social media": access,
    to, social, medium), or of a particle verb's object parsed as a prepositional phrase."""
    out: set[str] = set()
    heads = [c for c in tok.children if c.dep in (dobj, nsubjpass)]
    heads += [o for c in tok.children if c.dep == prep and c.lower_ in ("off", "down", "up", "out")
              for o in c.children]
    for h in heads:
        for w in h.subtree:
            out.add(w.lemma_.lower())
            out.add(w.lower_)
    return out


def _harm_heads(tok: Token) -> set[str]:
    """Verbs a noun is the doer of: its clause's verb when it is the subject ("a strike
    killed five"), or the verb of a relative clause on it ("the strike that hit ...")."""
    out: set[str] = set()
    if tok.dep == nsubj:
        out.add(tok.head.lemma_.lower())
        out.update(c.lemma_.lower() for c in tok.head.children if c.dep == conj)
    out.update(c.lemma_.lower() for c in tok.children if c.dep == relcl)
    return out


def _holds(rule: dict[str, Any], classes: dict[str, Any], doc: Doc, token: Token, predicate: Token,
           light: bool, entry: Entry, actors: Iterable[str]) -> bool:
    actors = list(actors)
    if str(rule.get("kind", entry.kind)) != entry.kind:
        return False
    if token.lemma_.lower() not in _words(rule.get("lemma")) and token.lower_ not in _words(rule.get("lemma")):
        return False
    if rule.get("from") and entry.event.lower() not in _words(rule.get("from")):
        return False
    if rule.get("actor"):
        spec = classes.get(str(rule["actor"])) or {}
        if not any(_in_class(doc, a, spec) for a in actors):
            return False
    if rule.get("not_actor"):
        spec = classes.get(str(rule["not_actor"])) or {}
        if any(_in_class(doc, a, spec) for a in actors):
            return False
    if rule.get("not_light") and light and predicate.lemma_.lower() in _words(rule.get("not_light")):
        return False
    if rule.get("not_mod"):
        mods = {c.lemma_.lower() for c in token.children if c.dep in (amod, compound, nmod, poss)}
        if mods & _words(rule.get("not_mod")):
            return False
    if rule.get("harm_head") and not (_harm_heads(token) & _words(rule.get("harm_head"))):
        return False
    if rule.get("obj") and not (_object_words(token) & _words(rule.get("obj"))):
        return False
    if rule.get("with_obj") and not ({o.lemma_.lower() for c in token.children if c.dep == prep and c.lower_ == "with"
                                      for o in c.children} & _words(rule.get("with_obj"))):
        return False
    if rule.get("comp_not") and not any(
            c.dep in (xcomp, ccomp) and any(a.tag_ == "TO" for a in c.children)
            and c.lemma_.lower() not in _words(rule.get("comp_not")) for c in token.children):
        return False
    return True


def resense(doc: Doc, token: Token, predicate: Token, light: bool, entry: Entry, actors: Iterable[str],
            lex: Lexicon) -> tuple[Entry, str] | None:
    """The entry ``entry`` becomes for these actors, and the why label, or None to keep it."""
    table = lex.senses or {}
    classes = table.get("actor_classes") or {}
    for n, rule in enumerate(table.get("rules") or ()):
        # the schema (schemas/events/senses.yaml) guarantees each rule's shape
        if not _holds(rule, classes, doc, token, predicate, light, entry, actors):
            continue
        to = rule["to"]
        cameo = str(to.get("cameo")) if to.get("cameo") is not None else entry.cameo
        row = lex.cameo.get(cameo or "", {})
        event = str(to.get("event") or row.get("event") or entry.event)
        mode = to.get("mode", row.get("mode") if row.get("event") == event else None)
        context = tuple(to.get("context") or row.get("context") or ())
        new = replace(entry, event=event, cameo=cameo, mode=mode, context=context)
        label = f"sense:{entry.event}->{event}({rule.get('actor') or rule.get('harm_head') and 'harm' or n})"
        return new, label
    return None
