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

from ...syntax import agent, csubj, expl, nsubj, nsubjpass, pobj
from .vocab import Entry, Lexicon

# Labels of a clause's subject (a pronoun there can refer back; a mention there is salient).
SUBJECT_DEPS = frozenset({nsubj, nsubjpass, csubj, agent, expl})
DEFINITE = frozenset({"the", "this", "that", "these", "those"})
# Prepositions after which a proper noun is a place ("in Douma", "near Qamishli").
PLACE_PREPS = frozenset({"in", "near", "inside", "outside", "around", "across", "throughout", "within", "into"})
# Entity types of places.
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
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
        self._places: frozenset[str] | None = None
        self.cache: dict[str, object] = {}      # per-document values a rule computes once
        pub = doc._.published
        self.year = pub.year if isinstance(pub, (dt.date, dt.datetime)) else None
        # The publication day (YYYYMMDD) that roles are judged against; None when
        # the document has no date (the lexicon then takes each person's latest role).
        self.date = pub.year * 10000 + pub.month * 100 + pub.day if self.year is not None else None
        self.span_entry: dict[tuple[int, int], Entry] = {}  # Phoenix matches (s, e) -> their entry
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

    def place_words(self) -> frozenset[str]:
        """Names the document uses as places: tagged GPE/LOC/FAC somewhere, or the proper
        noun after "in", "near", ... ("residents in Douma"). Built once per document."""
        if self._places is None:
            words = {ent.text for ent in self.ents() if ent.label_ in PLACE_ENTS}
            for tok in self.doc:
                if tok.dep == pobj and tok.pos_ == "PROPN" and tok.head.lower_ in PLACE_PREPS:
                    ent = ent_covering(self.doc, tok.i, tok.i + 1, self.ents())
                    words.add(ent.text if ent is not None else tok.text)
            self._places = frozenset(words)
        return self._places

    def entry(self, s: int, e: int) -> Entry | None:
        """The lexicon entry of the match [s, e): the hand lexicon's form, else a Phoenix match."""
        return self.lex.forms.get(self.doc[s:e].text) or self.span_entry.get((s, e))

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
