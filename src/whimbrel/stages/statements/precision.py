"""Which rule findings to keep: each (kind, cue lemma, rule)'s precision measured on annotated news.

``data/statements/rule_precision.tsv`` is written by ``scripts/train_statements.py
--precision``: it runs the stage over PolNeAR's training split and counts, for
every class of finding (its kind, its cue's lemma and the rule that found it,
e.g. ``indirect / find / learned dobj``), how many findings there were and how
many matched an annotated attribution (word-token Jaccard >= 0.5). A class seen
at least :data:`MIN_SEEN` times whose precision is below :data:`MIN_PRECISION`
is dropped: adding findings of precision p raises F1 only when p exceeds half
the F1 already reached, and the stage's F1 on PolNeAR is about 0.6.

Without the table the stage keeps every finding and logs a warning once.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import TYPE_CHECKING

from spacy.tokens import Doc

from ... import lexicons
from ... import syntax as dep

PRECISION_FILE = "statements/rule_precision.tsv"
#: a class is judged from this many findings on ...
MIN_SEEN = 8
#: ... and dropped below this precision (tuned on polnear_train)
MIN_PRECISION = 0.3

#: off while the table itself is measured (scripts/train_statements.py --precision)
ENABLED = True

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from .drafts import Draft


@lru_cache(maxsize=1)
def rule_precision() -> dict[tuple[str, str, str], tuple[int, float]]:
    """(kind, cue lemma or "-", rule) -> (findings, precision) on the training split; empty without the table."""
    try:
        rows = lexicons.load(PRECISION_FILE)
    except lexicons.LexiconError as exc:
        log.warning("statements: no rule precision table (%s); keeping every finding", exc)
        return {}
    return {(kind, cue, why): (int(n), float(p)) for kind, cue, why, n, p in rows}


def weak(kind: str, cue: str | None, why: str | None) -> bool:
    """Whether findings of this class were mostly wrong on the training split."""
    n, p = rule_precision().get((kind, cue or "-", why or "-"), (0, 1.0))
    return n >= MIN_SEEN and p < MIN_PRECISION


def _within(outer: tuple[int, int], inner: tuple[int, int]) -> bool:
    return outer[0] <= inner[0] and inner[1] <= outer[1]


def without_nested_reports(doc: Doc, drafts: list[Draft]) -> list[Draft]:
    """Drop an indirect attribution whose cue lies inside another attribution's reported clause.

    In "X said (that) Y believes / wants / plans Z" the reported clause's own verb
    is a verb of saying or thinking, but PolNeAR annotates one attribution there,
    X's, whose content is the whole clause "Y believes Z": what Y believes is only
    what X reports; and so deeper in the clause ("X said the vote was delayed after
    Y complained that Z"). The inner candidate is dropped when its cue lies in the
    clausal complement (``ccomp``) of the other attribution's cue, other than as a
    conjunct of the clause's verb (:func:`_reporting`), and both its cue and its
    content lie inside that attribution's content. On polnear_train (first 150
    documents), 9 of the 89 inner candidates that were the clause's verb matched an
    annotated attribution, and 31 of 140 deeper ones (documents 1-450); as the
    clause's verb's conjunct ("said she supports X and believes Y") 11 of 24.
    """
    by_cue = {d.cue_token: d for d in drafts if d.cue_token is not None}
    out = []
    for d in drafts:
        if d.kind == "indirect" and d.cue_token is not None and d.cue_token < len(doc) \
                and d.cue_span is not None:
            outer = _reporting(doc, doc[d.cue_token], by_cue)
            if outer is not None and outer is not d and _within(outer.content_span, d.content_span) \
                    and _within(outer.content_span, d.cue_span):
                continue
        out.append(d)
    return out


def _reporting(doc: Doc, cue, by_cue: dict[int, Draft]) -> Draft | None:
    """The attribution whose reported clause (the ``ccomp`` of its cue) holds the verb ``cue`` anywhere
    but as a conjunct of the clause's own verb ("said he would run AND VOWED to win" stays)."""
    path, t = [], cue
    while t.head.i != t.i:
        path.append(t.dep)
        t = t.head
        if t.i in by_cue:
            if path[-1] == dep.ccomp and path != [dep.conj, dep.ccomp]:
                return by_cue[t.i]
            return None
    return None
