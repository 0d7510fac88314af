"""What other stages may read of the actors stage's results, and of its lexicon.

Results on the Doc (set by the ``whimbrel_actors`` component):

* ``doc._.actors``: list of :class:`whimbrel.model.Actor` (contract objects);
* ``doc._.actor_mentions``: list of :class:`Mention`, every resolved mention in text order;
* ``doc._.phrase_actors``: head token index of a collective noun phrase -> actor ids
  ("Hungarian and Romanian officials" -> both), read through :func:`actors_of_phrase`.

Functions: :func:`actor_at` (token -> actor id), :func:`mention_at`,
:func:`get_actor`, :func:`actors_of_phrase` (head token of a noun phrase ->
actor ids, following conjuncts); :func:`country_name` and :func:`lexicon_entry`
look up the packaged actors lexicon.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...syntax import amod, appos, cc, compound, nmod, npadvmod, pobj, poss, prep
from . import vocab

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ...model import Actor


@dataclass(frozen=True)
class Mention:
    start: int        # token index of the first token
    end: int          # token index after the last token
    start_char: int
    end_char: int
    actor_id: str
    how: str          # name | alias | demonym | metonym | epithet | description | pronoun | surname | org


# A private cache of this module (no other code reads it): token index -> actor id,
# built from doc._.actor_mentions on the first actor_at of a Doc, dropped by the
# component when it (re)sets the mentions.
_INDEX_KEY = "_whimbrel_actors_token_index"


def _index(doc: Doc) -> dict[int, str]:
    idx = doc.user_data.get(_INDEX_KEY)
    if idx is None:
        idx = {}
        for m in doc._.actor_mentions or ():
            for i in range(m.start, m.end):
                idx[i] = m.actor_id
        doc.user_data[_INDEX_KEY] = idx
    return idx


def forget_index(doc: Doc) -> None:
    """Drop the token index of ``doc`` (the actors component, before it sets new mentions)."""
    doc.user_data.pop(_INDEX_KEY, None)


def actor_at(doc: Doc, token: Token | int) -> str | None:
    """Id of the actor whose mention covers ``token``, or None."""
    i = token if isinstance(token, int) else token.i
    return _index(doc).get(i)


def mention_at(doc: Doc, token: Token | int) -> Mention | None:
    """The mention covering ``token``, or None."""
    i = token if isinstance(token, int) else token.i
    for m in doc._.actor_mentions or ():
        if m.start <= i < m.end:
            return m
    return None


def get_actor(doc: Doc, actor_id: str) -> Actor | None:
    """The actor with id ``actor_id`` ("A3"), or None."""
    for a in doc._.actors or ():
        if a.id == actor_id:
            return a
    return None


# -- noun phrases -> actors ----------------------------------------------------------------

# Modifiers through which a phrase names an actor: "Russian diplomats" (amod),
# "Iran's military" (poss), "the Tehran government" (compound).
MODIFIER_DEPS = frozenset({amod, compound, poss, nmod})
# Attachments that carry the actor of a head that names none itself:
# "the administration of President X", "officials from Iran".
OF_PREPS = frozenset({"of", "from"})
# Modifiers that are really conjuncts when they keep their "and" (see actors_of_phrase).
MISPARSED_CONJUNCT_DEPS = frozenset({nmod, compound, npadvmod})


def _own(doc: Doc, tok: Token) -> list[str]:
    """Actors named by ``tok`` itself (a group head, or a token inside a mention)."""
    heads = doc._.phrase_actors or {}
    if tok.i in heads and heads[tok.i]:
        return list(heads[tok.i])
    a = actor_at(doc, tok)
    return [a] if a else []


def actors_of_phrase(doc: Doc, head: Token) -> list[str]:
    """Actor ids a noun phrase headed by ``head`` refers to.

    "Russia" -> [RUS]; "the US and France" -> [USA, FRA] (conjuncts);
    "Russian diplomats" -> [RUS] (a demonym modifier stands for its country);
    "the administration of US President Donald Trump" -> [USA GOV] via the head's
    prepositional "of" attachment. Empty when nothing resolves.
    """
    out: list[str] = []

    def add(ids):
        for a in ids:
            if a not in out:
                out.append(a)

    for tok in [head, *head.conjuncts]:
        ids = _own(doc, tok) or _modifier_actors(doc, tok) or _of_phrase_actors(doc, tok) or _appositive(doc, tok)
        add(ids)
        # The small model often misparses "A and B agreed" with two titled names:
        # A hangs as a modifier of B and keeps the "and". Such a modifier is a conjunct.
        for child in tok.children:
            if child.dep in MISPARSED_CONJUNCT_DEPS and any(c.dep == cc for c in child.children):
                add(_own(doc, child))
    return out


def _appositive(doc: Doc, tok: Token) -> list[str]:
    """Actors of the first appositive of ``tok`` that names any: a description that names
    nothing itself is its appositive's referent ("the nominee, Donald Trump")."""
    for child in tok.children:
        if child.dep == appos:
            ids = _own(doc, child)
            if ids:
                return ids
    return []


def _modifier_actors(doc: Doc, tok: Token) -> list[str]:
    """Actors of the first modifier of ``tok`` that names any, with that modifier's conjuncts."""
    for child in tok.children:
        if child.dep in MODIFIER_DEPS:
            ids = _own(doc, child) or [a for c in child.conjuncts for a in _own(doc, c)]
            if ids:
                return ids + [a for c in child.conjuncts for a in _own(doc, c) if a not in ids]
    return []


def _of_phrase_actors(doc: Doc, tok: Token) -> list[str]:
    """Actors of the first "of"/"from" phrase of ``tok`` that names any."""
    ids: list[str] = []
    for child in tok.children:
        if child.dep == prep and child.lower_ in OF_PREPS:
            for obj in child.children:
                if obj.dep == pobj:
                    ids = actors_of_phrase(doc, obj)
            if ids:
                break
    return ids


# -- the lexicon ----------------------------------------------------------------------------

def country_name(iso3: str) -> str | None:
    """The actors lexicon's name of the country with ISO code ``iso3`` ("RUS" -> "Russia")."""
    return vocab.load().country_names.get(iso3)


def lexicon_entry(form: str) -> vocab.Entry | None:
    """The actors lexicon's entry for the name ``form`` (name, kind, country, sector, code), or None."""
    return vocab.load().forms.get(form)


__all__ = ["Mention", "actor_at", "actors_of_phrase", "country_name", "get_actor", "lexicon_entry", "mention_at"]
