"""Actor resolution: political actors in the text, resolved to country, sector and code.

Public API used by later stages (statements, events, places):

* ``doc._.actors``: list of :class:`whimbrel.model.Actor` (contract objects);
* ``doc._.actor_mentions``: list of :class:`Mention`, every resolved mention in text order;
* :func:`actor_at` (token -> actor id), :func:`actors_of_phrase` (head token of a
  noun phrase -> actor ids, following conjuncts), :func:`get_actor`.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Token

from ..model import Actor


@dataclass(frozen=True)
class Mention:
    start: int        # token index of the first token
    end: int          # token index after the last token
    start_char: int
    end_char: int
    actor_id: str
    how: str          # name | alias | demonym | metonym | epithet | description | pronoun | surname | org


def _index(doc: Doc) -> dict[int, str]:
    idx = doc.user_data.get("whimbrel_actor_index")
    if idx is None:
        idx = {}
        for m in doc._.actor_mentions or ():
            for i in range(m.start, m.end):
                idx[i] = m.actor_id
        doc.user_data["whimbrel_actor_index"] = idx
    return idx


def actor_at(doc: Doc, token: Token | int) -> str | None:
    """Id of the actor whose mention covers ``token``, or None."""
    i = token if isinstance(token, int) else token.i
    return _index(doc).get(i)


def mention_at(doc: Doc, token: Token | int) -> Mention | None:
    i = token if isinstance(token, int) else token.i
    for m in doc._.actor_mentions or ():
        if m.start <= i < m.end:
            return m
    return None


def get_actor(doc: Doc, actor_id: str) -> Actor | None:
    for a in doc._.actors or ():
        if a.id == actor_id:
            return a
    return None


def actors_of_phrase(doc: Doc, head: Token) -> list[str]:
    """Actor ids a noun phrase headed by ``head`` refers to.

    "Russia" -> [RUS]; "the US and France" -> [USA, FRA] (conjuncts);
    "Russian diplomats" -> [RUS] (a demonym modifier stands for its country);
    "the administration of US President Donald Trump" -> [USA GOV] via the head's
    prepositional "of" attachment. Empty when nothing resolves.
    """
    from .resolve import phrase_actors

    return phrase_actors(doc, head)


from .component import make_actors  # noqa: E402,F401  (registers the factory)
