"""The resolution state of one document: actors under construction and the tokens they hold.

Every rule module works on a :class:`Run`: it reads the parse and the lexicon,
makes or finds a :class:`Cluster` (one actor) and ``take``s the tokens of each
mention for it. A token taken by one actor is not free for a later rule.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from ...syntax import agent, csubj, expl, nsubj, nsubjpass
from .vocab import Entry, Lexicon

# Labels of a clause's subject (a pronoun there can refer back; a mention there is salient).
SUBJECT_DEPS = frozenset({nsubj, nsubjpass, csubj, agent, expl})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
POSSESSIVE_MARK = frozenset({"'s", "’s", "'", "’"})


@dataclass
class Cluster:
    """One actor under construction."""

    key: str
    name: str
    kind: str
    country: str | None = None
    sector: str | None = None
    code: str | None = None
    role: str | None = None
    why: str = ""
    gender: str | None = None
    org: str | None = None          # IGO code of a person's organisation
    surname: str | None = None
    from_text: bool = False         # attributes stated in the text (beat the lexicon)
    mentions: list[tuple[int, int, str]] = field(default_factory=list)  # token start, end, how

    def add(self, start: int, end: int, how: str) -> None:
        if not any(s == start and e == end for s, e, _ in self.mentions):
            self.mentions.append((start, end, how))


class Run:
    """The resolution state for one document."""

    def __init__(self, doc: Doc, lex: Lexicon, matcher: PhraseMatcher):
        self.doc = doc
        self.lex = lex
        self.matcher = matcher
        self._ent_spans: tuple[Span, ...] | None = None
        pub = doc._.published
        self.year = pub.year if isinstance(pub, (dt.date, dt.datetime)) else None
        self.clusters: dict[str, Cluster] = {}
        self.taken: dict[int, str] = {}          # token index -> cluster key
        self.heads: dict[int, list[str]] = {}    # head token of a group phrase -> cluster keys
        self.token_entry: dict[int, Entry] = {}  # token index -> lexicon entry of the match covering it
        self.provisional: set[str] = set()      # clusters dropped unless context gives a country
        self.home: str | None = None            # the country a dateline puts the story in

    def cluster(self, key: str, **attrs) -> Cluster:
        c = self.clusters.get(key)
        if c is None:
            c = self.clusters[key] = Cluster(key=key, **attrs)
        return c

    def take(self, c: Cluster, start: int, end: int, how: str) -> None:
        c.add(start, end, how)
        for i in range(start, end):
            self.taken.setdefault(i, c.key)

    def free(self, start: int, end: int) -> bool:
        return all(i not in self.taken for i in range(start, end))

    def entity_cluster(self, e: Entry) -> Cluster:
        return self.cluster(e.key, name=e.name, kind=e.kind, country=e.country, sector=e.sector,
                            code=e.code, role=e.role, why=f"lexicon:{e.how}:{e.name}", from_text=True)

    def ents(self) -> tuple[Span, ...]:
        """``doc.ents``, built once: spaCy makes a new Span per entity on every read."""
        if self._ent_spans is None:
            self._ent_spans = tuple(self.doc.ents)
        return self._ent_spans


def ent_covering(doc: Doc, s: int, e: int, ents: tuple[Span, ...] | None = None) -> Span | None:
    """The named entity covering tokens [s, e), or None."""
    # Only a token tagged B (3) or I (1) lies inside an entity: for any other
    # first token no entity can cover the span, and building doc.ents (a Span
    # per entity, every call) is skipped.
    if 0 <= s < e and s < len(doc) and doc[s].ent_iob not in (1, 3):
        return None
    for ent in (doc.ents if ents is None else ents):
        if ent.start <= s and e <= ent.end:
            return ent
    return None


def sentences_between(doc: Doc, a: int, b: int) -> int:
    return sum(1 for sent in doc.sents if a <= sent.start < b)


def governs(mention_tok: Token, pronoun: Token) -> bool:
    """Whether the clause of ``mention_tok`` governs the pronoun's clause ("X said he ...")."""
    head = mention_tok.head
    return head.is_ancestor(pronoun)
