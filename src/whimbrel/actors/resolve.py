"""Placeholder: phrase -> actor ids. Replaced by the real resolver."""
from __future__ import annotations


def phrase_actors(doc, head):
    from . import actor_at

    out = []
    for tok in [head, *head.conjuncts]:
        a = actor_at(doc, tok)
        if a and a not in out:
            out.append(a)
    return out
