"""What a role rule sees (:class:`RoleContext`) and what it returns (:class:`Found`)."""
from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc, Token

from ....syntax import clause_subject
from ...actors import api as actors_api
from ..implied import generic_person, unresolved_party
from ..vocab import Lexicon
from .phrases import reciprocal_parties

if TYPE_CHECKING:
    from ..triggers import Trigger


class Found(NamedTuple):
    """What one rule adds: ``(actor ids, why label)`` pairs in order, and the new
    ``direct`` flag (None: unchanged; False: the actor is inherited, not the event's
    own subject, agent or possessor, which lowers confidence)."""

    adds: tuple[tuple[list[str], str], ...] = ()
    direct: bool | None = None


#: A rule that finds nothing.
NOTHING = Found()


def resolve(doc: Doc, tok: Token) -> list[str]:
    """Actor ids of the noun phrase headed by ``tok``, else of the mention covering it."""
    ids = actors_api.actors_of_phrase(doc, tok)
    if not ids:
        a = actors_api.actor_at(doc, tok)
        ids = [a] if a else []
    return list(ids)


@dataclass
class RoleContext:
    """One trigger's role finding: its parse, the lexicon, and the ids found so far."""

    doc: Doc
    trig: "Trigger"
    lex: Lexicon
    is_actor: Callable[[Token], bool]
    actors: list[str] = field(default_factory=list)
    recips: list[str] = field(default_factory=list)
    why: list[str] = field(default_factory=list)
    direct: bool = True

    def __post_init__(self) -> None:
        trig, roles = self.trig, self.lex.roles
        self.t, self.p, self.e = trig.token, trig.predicate, trig.entry
        self.nominal = self.e.kind == "noun"
        #: recipient roles the entry (or its event type) allows, e.g. ("prep:from",); () for any
        self.allowed: tuple[str, ...] = self.e.recipient or roles.type_recipients.get(self.e.event) or ()
        self.own_preps = frozenset(r[5:] for r in self.allowed if r.startswith("prep:"))
        #: a mediator's event (CAMEO 045): the parties named by "between" receive
        self.third_party = (self.e.cameo or "") in roles.third_party_cameo

    @cached_property
    def parties(self) -> list[tuple[Token, str]]:
        """The "between"/"among" objects of a nominal trigger ("talks between X and Y")."""
        return reciprocal_parties(self.t, self.lex) if self.nominal else []

    @cached_property
    def predicate_subject(self) -> tuple[Token | None, str]:
        """:func:`whimbrel.syntax.clause_subject` of the predicate."""
        return self.subject(self.p)

    def subject(self, verb: Token) -> tuple[Token | None, str]:
        return clause_subject(verb, self.lex.roles.dispositional_passives)

    def resolve(self, tok: Token) -> list[str]:
        """Actor ids of ``tok``'s phrase; an unnamed individual ("a man") as an implied actor."""
        ids = resolve(self.doc, tok)
        if not ids:
            aid = generic_person(self.doc, tok, self.lex) or unresolved_party(self.doc, tok)
            ids = [aid] if aid else []
        return ids

    def others(self, tok: Token) -> list[str]:
        """Ids of ``tok``'s phrase that are not actors of this event (recipient candidates)."""
        return [a for a in self.resolve(tok) if a not in self.actors]

    def add(self, ids: Iterable[str], into: list[str], label: str) -> bool:
        """Add the ids not yet in ``into``; record ``label`` in ``why`` when any was new."""
        new = [a for a in ids if a not in into]
        if new:
            into.extend(new)
            self.why.append(label)
        return bool(new)

    def apply(self, found: Found, into: list[str]) -> None:
        for ids, label in found.adds:
            self.add(ids, into, label)
        if found.direct is not None:
            self.direct = found.direct


def first_resolving(c: RoleContext, candidates: Iterable[tuple[Token, str]], label: str) -> Found:
    """The first candidate whose phrase names an actor other than the event's, as one
    addition labelled ``label.format(rule)``; nothing when none does."""
    for tok, rule in candidates:
        ids = c.others(tok)
        if ids:
            return Found(adds=((ids, label.format(rule)),))
    return NOTHING
