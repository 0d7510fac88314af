"""Nominal cues learned from annotated news: "the claim THAT taxes rose", "his criticism OF the deal".

PolNeAR annotates a noun as the cue of an attribution when it reports what
someone said, believed or intended ("Trump's claim that ...", "their support
for the bill"). The learned cue table (``data/statements/learned_cues.tsv``)
gives each such noun's observed cue rate and the relation to its content: a
clause it governs (``acl``) or the object of a preposition (``prep:of``,
``prep:for`` ...). Nouns are candidates only while the candidate model judges
them (:mod:`.candidates`): their rates are low, so most occurrences report
nothing, and the model decides from the context. The speaker is the noun's
possessor ("Trump's claim"); a noun without one ("the claim that ...") names
no holder and gives nothing.

Nouns of content the table does not link through a preposition of topic or
target (the lexicon's ``content_nouns`` and ``comment_nouns``: "her remarks
ON trade", "his allegations AGAINST the board") take their content through
one (:data:`TOPIC_PREPS`) as well.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import syntax as dep
from .content import subtree_chars
from .drafts import Draft, span_chars
from .learned import Learned, learned_nouns
from .quotes import Quoted
from .speakers import resolve_speaker
from .vocab import Cues

#: prepositions introducing what a noun of content is about or aimed at ("concerns ABOUT the plan",
#: "criticism OF the deal", "allegations AGAINST the agency", "views ON trade", "support FOR the bill")
TOPIC_PREPS = ("about", "of", "on", "against", "for", "over", "toward", "towards")


def _content(tok: Token, rels: tuple[str, ...]) -> tuple[Token, str] | None:
    for rel in rels:
        if rel == "acl":
            c = next((c for c in tok.rights if c.dep == dep.acl and c.pos_ in ("VERB", "AUX")), None)
        else:
            prep = next((c for c in tok.rights if c.dep == dep.prep and c.lower_ == rel[5:]), None)
            c = next((g for g in prep.children if g.dep in (dep.pobj, dep.pcomp)), None) if prep is not None else None
        if c is not None:
            return c, rel
    return None


def noun_statements(doc: Doc, cues: Cues, quoted: Quoted, head_span: tuple[int, int] | None,
                    min_rate: float) -> list[Draft]:
    """Candidate statements of the learned cue nouns (cue rate at least ``min_rate``) of ``doc``."""
    nouns = {k: v for k, v in learned_nouns().items() if v.rate >= min_rate}
    topical = tuple(f"prep:{p}" for p in TOPIC_PREPS)
    for lemma in cues.content_nouns:
        had = nouns.get(lemma, Learned(0.0, ()))
        nouns[lemma] = had._replace(relations=had.relations + tuple(r for r in topical if r not in had.relations))
    out: list[Draft] = []
    for tok in doc:
        if tok.pos_ != "NOUN" or (head_span and head_span[0] <= tok.idx < head_span[1]) or quoted.inside(tok.idx):
            continue
        learned = nouns.get(tok.lemma_.lower())
        found = _content(tok, learned.relations) if learned is not None else None
        if found is None:
            continue
        span = subtree_chars(found[0], cue_i=tok.i)
        if span[0] >= span[1] or quoted.contains(span):
            continue
        poss = next((c for c in tok.lefts if c.dep == dep.poss), None)
        if poss is None:
            continue   # "the claim that ...": nobody named holds it
        spk, sspan = resolve_speaker(doc, poss, cues)
        out.append(Draft(spk, sspan, span_chars(tok), span, "indirect", tok.lemma_.lower(), "neutral", tok.i,
                         why=f"noun {found[1]}"))
    return out
