"""From a noun phrase in the parse to the actors it names.

Used by the statements and events stages: given the head token of a subject,
object or prepositional object, which actors does the phrase refer to?
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

# Modifiers through which a phrase names an actor: "Russian diplomats" (amod),
# "Iran's military" (poss), "the Tehran government" (compound).
MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
# Attachments that carry the actor of a head that names none itself:
# "the administration of President X", "officials from Iran".
OF_PREPS = frozenset({"of", "from"})


def _own(doc: Doc, tok: Token) -> list[str]:
    """Actors named by ``tok`` itself (a group head, or a token inside a mention)."""
    from . import actor_at

    heads = doc.user_data.get("whimbrel_phrase_actors") or {}
    if tok.i in heads and heads[tok.i]:
        return list(heads[tok.i])
    a = actor_at(doc, tok)
    return [a] if a else []


def phrase_actors(doc: Doc, head: Token) -> list[str]:
    out: list[str] = []

    def add(ids):
        for a in ids:
            if a not in out:
                out.append(a)

    for tok in [head, *head.conjuncts]:
        ids = _own(doc, tok)
        if not ids:
            # The head names no actor: look at its modifiers, then its "of" phrase.
            for child in tok.children:
                if child.dep_ in MODIFIER_DEPS:
                    ids = _own(doc, child) or [a for c in child.conjuncts for a in _own(doc, c)]
                    if ids:
                        ids = ids + [a for c in child.conjuncts for a in _own(doc, c) if a not in ids]
                        break
        if not ids:
            for child in tok.children:
                if child.dep_ == "prep" and child.lower_ in OF_PREPS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            ids = phrase_actors(doc, pobj)
                    if ids:
                        break
        add(ids)
        # The small model often misparses "A and B agreed" with two titled names:
        # A hangs as a modifier of B and keeps the "and". Such a modifier is a conjunct.
        for child in tok.children:
            if child.dep_ in {"nmod", "compound", "npadvmod"} and any(c.dep_ == "cc" for c in child.children):
                add(_own(doc, child))
    return out
