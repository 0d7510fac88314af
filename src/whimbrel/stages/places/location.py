"""Where things happened: the place a token's mention covers, and the setting of an event.

These read ``doc._.places`` after the places stage has run; later stages call
them through :mod:`.api`. The token -> place index is a private cache of this
stage in ``doc.user_data`` (:data:`INDEX_KEY`); the vocabulary a document was
read with is remembered per Doc (weakly), so a pipeline loaded with a custom
``settings.yaml`` places its events with the same prepositions.
"""
from __future__ import annotations

import weakref
from collections.abc import Iterable

from spacy.tokens import Doc, Token

from whimbrel import syntax as dep
from whimbrel.model import Place

from . import vocab as vocab_mod
from .vocab import Vocab

#: ``doc.user_data`` key of the token -> place index (private to this stage).
INDEX_KEY = "whimbrel_place_index"

#: Labels along which an event token climbs to the verb of its clause, or from a
#: conjunct to its first conjunct ("erupted in Aleppo and killed five": the place is shared).
_CLIMB = frozenset({dep.conj, dep.dobj, dep.nsubj, dep.nsubjpass, dep.pobj, dep.prep, dep.xcomp, dep.acl,
                    dep.compound, dep.attr})

_VOCAB_OF: "weakref.WeakKeyDictionary[Doc, Vocab]" = weakref.WeakKeyDictionary()


def remember(doc: Doc, index: dict[int, int], vocab: Vocab) -> None:
    """Keep the token index of ``doc``'s places and the vocabulary it was read with."""
    doc.user_data[INDEX_KEY] = index
    if vocab is not vocab_mod.packaged():
        _VOCAB_OF[doc] = vocab
    elif _VOCAB_OF:
        _VOCAB_OF.pop(doc, None)


def _vocab(doc: Doc) -> Vocab:
    return _VOCAB_OF.get(doc) or vocab_mod.packaged()


def place_at(doc: Doc, token: Token | int) -> Place | None:
    """The place whose mention covers ``token``, or None."""
    i = token if isinstance(token, int) else token.i
    places = doc._.places or []
    index = doc.user_data.get(INDEX_KEY)
    if index is None:  # places set without this component's index: rebuild from char spans
        index = {}
        for k, p in enumerate(places):
            span = doc.char_span(p.span[0], p.span[1], alignment_mode="expand")
            if span is not None:
                for t in span:
                    index[t.i] = k
        doc.user_data[INDEX_KEY] = index
    k = index.get(i)
    return places[k] if k is not None and k < len(places) else None


def _places_in_phrase(doc: Doc, noun: Token, preps: frozenset[str], depth: int = 0) -> Iterable[Place]:
    """Places a prepositional object names, following "of"/locative chains.

    "near the border town of Kobani" -> Kobani; "at the UN headquarters in New York" -> New York.
    """
    p = place_at(doc, noun)
    if p is not None:
        yield p
        return
    if depth >= 3:
        return
    for child in noun.children:
        if child.dep == dep.prep and (child.lower_ == "of" or child.lower_ in preps):
            for obj in child.children:
                if obj.dep == dep.pobj:
                    yield from _places_in_phrase(doc, obj, preps, depth + 1)
        elif child.dep in (dep.appos, dep.compound):
            q = place_at(doc, child)
            if q is not None:
                yield q


def _locative_places(doc: Doc, token: Token, preps: frozenset[str]) -> list[Place]:
    found: list[Place] = []
    for child in token.children:
        if child.dep == dep.prep and child.lower_ in preps:
            for obj in child.children:
                if obj.dep == dep.pobj:
                    found.extend(p for p in _places_in_phrase(doc, obj, preps) if not p.metonymy)
    return found


def _clause_chain(token: Token) -> list[Token]:
    """``token``, then up from a noun to the verb of its clause and from a conjunct to its first conjunct."""
    chain = [token]
    t = token
    for _ in range(4):
        if t.head is t:
            break
        if t.dep in _CLIMB:
            t = t.head
            chain.append(t)
            if t.pos_ in ("VERB", "AUX") and t.dep != dep.conj:
                break
        else:
            break
    return chain


def location_for_token(doc: Doc, token: Token) -> Place | None:
    """The non-metonymic place where the event expressed by ``token`` happened.

    Looks, in order, at locative prepositional phrases attached to the token
    itself ("fighting in Aleppo"), to the verb of its clause ("talks were held
    in Geneva"), and anywhere in the sentence, nearest first. Places used as
    actors or recipients ("Moscow said", "sanctions against Tehran") never count.
    """
    if not doc._.places:
        return None
    preps = _vocab(doc).settings.locative_preps
    seen: set[int] = set()
    for t in _clause_chain(token):
        if t.i in seen:
            continue
        seen.add(t.i)
        found = _locative_places(doc, t, preps)
        if found:
            return found[0]
    # Anywhere in the sentence: a place in a locative prepositional phrase, nearest first.
    best: tuple[int, Place] | None = None
    for tok in token.sent:
        if tok.dep == dep.prep and tok.lower_ in preps:
            for obj in tok.children:
                if obj.dep == dep.pobj:
                    for p in _places_in_phrase(doc, obj, preps):
                        if p.metonymy:
                            continue
                        d = abs(obj.i - token.i)
                        if best is None or d < best[0]:
                            best = (d, p)
    return best[1] if best else None
