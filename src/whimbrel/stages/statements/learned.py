"""Cue verbs learned from annotated news: ``data/statements/learned_cues.tsv``.

The table is written by ``scripts/train_statements.py`` from PolNeAR's
training split: for each verb lemma, how often annotators marked it as an
attribution cue (its *cue rate*) and the dependency relations that linked it
to its content, most frequent first. A verb whose cue rate is at least
:data:`MIN_RATE` is a cue even when ``cues.yaml`` does not list it ("decried
the decision", "pointed to the polls", "vouched for him"), and every cue, listed
or learned, may take its content through a learned relation when the
hand-written complement rules find none ("announced his resignation").

Without the table (a trimmed install) the stage runs on ``cues.yaml`` alone and
logs a warning once.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import NamedTuple

from ... import lexicons

LEARNED_FILE = "statements/learned_cues.tsv"
#: A learned verb is a cue from this observed cue rate on (tuned on polnear_train).
MIN_RATE = 0.2
#: ... and from this many annotated cues (the table holds words from 3 on, for the candidate model).
MIN_CUED = 4
#: Relations the content rules can follow from a cue to its content.
FOLLOWED = ("ccomp", "xcomp", "dobj")

log = logging.getLogger(__name__)


class Learned(NamedTuple):
    rate: float
    relations: tuple[str, ...]     # "ccomp", "xcomp", "dobj", "prep:to", ... most frequent first
    quotes: bool = False           # annotated with quoted content ("punct": the quotation mark)
    cued: int = 0                  # how often annotated as a cue


@lru_cache(maxsize=1)
def learned_verbs() -> dict[str, Learned]:
    """Verb lemma -> its learned cue rate and content relations (empty when the table is missing)."""
    try:
        rows = lexicons.load(LEARNED_FILE)
    except lexicons.LexiconError as exc:
        log.warning("statements: no learned cue table (%s); running on cues.yaml alone", exc)
        return {}
    out: dict[str, Learned] = {}
    for lemma, pos, _seen, cued, rate, rels in rows:
        if pos != "VERB":
            continue
        keep = tuple(r for r in rels.split(",") if r in FOLLOWED or r.startswith("prep:"))
        out[lemma.lower()] = Learned(float(rate), keep, "punct" in rels.split(","), int(cued))
    return out


@lru_cache(maxsize=1)
def learned_nouns() -> dict[str, Learned]:
    """Noun lemma -> its learned cue rate and content relations ("claim" acl, "criticism" prep:of)."""
    try:
        rows = lexicons.load(LEARNED_FILE)
    except lexicons.LexiconError:
        return {}
    out: dict[str, Learned] = {}
    for lemma, pos, _seen, _cued, rate, rels in rows:
        keep = tuple(r for r in rels.split(",") if r == "acl" or r.startswith("prep:"))
        if pos == "NOUN" and keep:
            out[lemma.lower()] = Learned(float(rate), keep)
    return out


def learned_cue_lemmas(min_rate: float = MIN_RATE, min_cued: int = MIN_CUED) -> dict[str, Learned]:
    """The learned verbs that count as cues: cue rate at least ``min_rate`` (and ``min_cued`` cues), and a
    content the rules can reach.

    A verb whose content the annotators linked otherwise (the "accord" of
    "according to", which has its own rule; "seem", whose content holds it)
    is left to the hand-written rules.
    """
    return {k: v for k, v in learned_verbs().items()
            if v.rate >= min_rate and v.cued >= min_cued and (v.relations or v.quotes)}
