"""Which candidate attributions to keep: a logistic regression learned on PolNeAR's training split.

With the model (``data/statements/candidate_model.json``, written by
``scripts/train_statement_model.py``) the rules over-generate: every learned
cue verb whose cue rate reaches the model's ``cue_rate`` is a cue (not only
those reaching :data:`learned.MIN_RATE`), and the per-class precision filter
(:mod:`.precision`) is off. Each candidate (after the attribution span
convention is applied) is described by categorical features (:func:`features`:
its kind, cue lemma, rule, content length and shape, the source's kind, the
cue's tag and position ...), scored by the model, and kept when its
probability reaches the model's threshold (tuned on a held-back slice of the
training split, never on ``polnear_dev``). Headlines are always kept.

Without the model file whimbrel runs on its rules (learned cues from
:data:`learned.MIN_RATE` on, the precision filter) and logs that once.
"""
from __future__ import annotations

import logging
import math
from functools import lru_cache
from typing import TYPE_CHECKING, NamedTuple

from spacy.tokens import Doc

from ... import lexicons
from ... import syntax as dep
from .drafts import MIXED
from .learned import MIN_RATE, learned_verbs
from . import weights
from .precision import MIN_SEEN, rule_precision

#: rule classes at least this precise on the training split are kept without the model's judgement
#: (0.5-0.7 all gave overlap F1 66.1-66.3 on the held-back slice, the model alone 66.2)
SURE_PRECISION = 0.6
if TYPE_CHECKING:
    from .drafts import Draft

log = logging.getLogger(__name__)

_QUOTES = "\"\u201c\u201d\u00ab\u00bb"
_THAT = {"that", "whether", "if"}
_FIRST_PERSON = {"i", "we", "me", "us", "my", "our"}
_CLAUSAL = frozenset({dep.xcomp, dep.advcl, dep.acl, dep.relcl, dep.pcomp})


def _bucket(n: int, edges: tuple[int, ...]) -> str:
    for e in edges:
        if n <= e:
            return str(e)
    return f">{edges[-1]}"


def _source_kind(doc: Doc, span: tuple[int, int] | None) -> str:
    if span is None:
        return "none"
    sp = doc.char_span(*span, alignment_mode="expand")
    if sp is None or len(sp) == 0:
        return "none"
    root = sp.root
    if root.ent_type_:
        return "ent:" + root.ent_type_
    if root.tag_ in ("PRP", "WP", "WDT"):
        return "pron:" + root.lower_
    return root.pos_ + ":" + root.lemma_.lower()


def _content_features(doc: Doc, d: Draft, text: str) -> list[str]:
    s, e = d.content_span
    sp = doc.char_span(s, e, alignment_mode="expand")
    toks = [t for t in sp if not t.is_space] if sp is not None else []
    n = len(toks)
    sents = len({t.sent.start for t in toks}) if toks else 0
    first = toks[0] if toks else None
    out = [f"len={_bucket(n, (1, 2, 3, 5, 8, 12, 20, 35, 60))}", f"sents={min(sents, 3)}",
           f"q={'open' if text[s - 1:s] in _QUOTES else ''}{'in' if any(c in text[s:e] for c in _QUOTES) else ''}",
           f"first={first.lower_ if first is not None and first.lower_ in _THAT else (first.pos_ if first else '-')}",
           f"end={text[e - 1:e] if e > s and not text[e - 1].isalnum() else 'w'}"]
    if first is not None:
        root = sp.root
        out += [f"root={root.pos_}:{root.ent_type_ or '-'}", f"rootdep={root.dep_}", f"lemma={root.lemma_.lower()}",
                f"pron={any(t.lower_ in _FIRST_PERSON for t in toks)}"]
        out.append(f"startsent={int(first.is_sent_start or first.i == first.sent.start)}")
        out.append(f"doc={_bucket(int(10 * s / max(len(text), 1)), (0, 1, 3, 6))}")
    return out


def _cue_features(doc: Doc, d: Draft) -> list[str]:
    if d.cue_token is None or d.cue_token >= len(doc):
        return ["cue=none"]
    cue = doc[d.cue_token]
    s, e = d.content_span
    order = "before" if cue.idx < s else ("after" if cue.idx >= e else "inside")
    gap = (doc.char_span(s, e, alignment_mode="expand") or doc[cue.i:cue.i + 1])
    dist = gap.start - cue.i if order == "before" else (cue.i - gap.end if order == "after" else 0)
    rate = learned_verbs().get((d.cue or "").split(" ")[0])
    out = [f"tag={cue.tag_}", f"dep={cue.dep_}", f"order={order}", f"gap={_bucket(dist, (0, 1, 2, 4, 8, 16))}",
           f"rate={'-' if rate is None else _bucket(int(rate.rate * 10), (1, 2, 3, 5, 7))}"]
    if any(c.dep == dep.neg for c in cue.children):
        out.append("neg")
    if any(c.dep == dep.aux and c.tag_ == "MD" for c in cue.children):
        out.append("modal")
    if cue.dep in _CLAUSAL:
        out.append(f"headpos={cue.head.pos_}")
    return out


def _nesting(d: Draft, others: list[tuple[int, int]]) -> list[str]:
    """How the candidate's content and cue sit among the other candidates' contents ("said it believed X")."""
    s, e = d.content_span
    c = d.cue_span[0] if d.cue_span is not None else -1
    spans = [o for o in others if o != d.content_span]
    return [f"inside={any(a <= s and e <= b for a, b in spans)}", f"contains={any(s <= a and b <= e for a, b in spans)}",
            f"cross={any(a < s < b < e or s < a < e < b for a, b in spans)}",
            f"cuein={any(a <= c < b for a, b in spans)}"]


def features(doc: Doc, d: Draft, text: str, others: list[tuple[int, int]] = ()) -> list[str]:
    """The categorical features of one candidate (strings; their weights are the model).

    ``others``: the content spans of the document's other candidates.
    """
    kind, cue, why = d.kind, d.cue or "-", d.why or "-"
    src = _source_kind(doc, d.speaker_span)
    out = ["bias", f"k={kind}", f"c={cue}", f"kc={kind}|{cue}", f"w={why}", f"kw={kind}|{why}",
           f"kcw={kind}|{cue}|{why}", f"g={d.cue_group}", f"src={src}", f"srck={src.split(':')[0]}",
           f"actor={d.speaker is not None}"]
    shape = _content_features(doc, d, text) + _cue_features(doc, d) + _nesting(d, list(others))
    # the same shape means different things for different rules ("learned dobj" & a PERSON object)
    return out + shape + [f"{why}&{f}" for f in shape + [f"srck={src.split(':')[0]}"]]


def score(weights: dict[str, float], feats: list[str]) -> float:
    z = sum(weights.get(f, 0.0) for f in feats)
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def keep(doc: Doc, drafts: list[Draft], text: str, rule_cues: dict[str, str] | None = None) -> list[Draft]:
    """The candidates the model keeps (all of them while recording, or without a model).

    The model judges indirect candidates only: quotations and headlines are the rules' (direct
    quotes found by the rules were right 90% of the time on the training split, and judging them
    too gained nothing on its held-back slice). A cue of the rules' lexicon ``rule_cues`` that the
    model never saw (a lexicon edited by its user: "mutter") is the rules' too.
    """
    rule_cues = rule_cues or {}
    spans = [d.content_span for d in drafts]
    if weights.RECORD is not None:
        for d in drafts:
            if _judged(d):
                weights.RECORD.setdefault(d.content_span, (features(doc, d, text, spans), _sure(d)))
        return drafts
    m = weights.model()
    if m is None:
        return drafts
    return [d for d in drafts if not _judged(d) or _sure(d)
            or (d.cue in rule_cues and f"c={d.cue}" not in m.weights)
            or score(m.weights, features(doc, d, text, spans)) >= m.threshold]


def _judged(d: Draft) -> bool:
    """Indirect candidates are the model's; a quotation ending its reported sentence is the rules'."""
    return d.kind == "indirect" and d.why != MIXED


def _sure(d: Draft) -> bool:
    """A candidate of a rule class that was right at least :data:`SURE_PRECISION` of the time on the
    training split (``rule_precision.tsv``, at least ``precision.MIN_SEEN`` findings) is kept whatever
    the model says ("accused the government of rigging the vote")."""
    n, p = rule_precision().get((d.kind, d.cue or "-", d.why or "-"), (0, 0.0))
    return n >= MIN_SEEN and p >= SURE_PRECISION
