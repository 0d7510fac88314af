"""The statements stage's candidate model: its packaged file and the switches around it.

``data/statements/candidate_model.json`` (written by ``scripts/train_statement_model.py``)
holds the logistic regression that :mod:`.candidates` applies. Whether it is there decides
how the rules generate: with it they over-generate (learned cue verbs from the model's
``cue_rate`` on) and the model judges; without it whimbrel runs on its rules and logs that
once. The cue lexicon (:mod:`.vocab`) and the extraction read :func:`active` and
:func:`cue_rate` from here, so they do not depend on the model's features.
"""
from __future__ import annotations

import logging
from functools import lru_cache
from typing import NamedTuple

from ... import lexicons
from .learned import MIN_RATE

log = logging.getLogger(__name__)

MODEL_FILE = "statements/candidate_model.json"
#: the cue rate from which learned verbs are candidate cues while the model is trained (and used)
GEN_RATE = 0.04
#: off: the stage runs on its rules alone even with the model file (tests, measurements)
ENABLED = True
#: while training: a dict that receives every indirect candidate's (features, sure) by content span
#: (nothing is dropped)
RECORD: dict | None = None


class Model(NamedTuple):
    weights: dict[str, float]
    threshold: float
    cue_rate: float


@lru_cache(maxsize=1)
def _load() -> Model | None:
    try:
        raw = lexicons.load(MODEL_FILE)
    except lexicons.LexiconError as exc:
        log.warning("statements: no candidate model (%s); running on the rules alone", exc)
        return None
    return Model({str(k): float(v) for k, v in raw["weights"].items()}, float(raw["threshold"]),
                 float(raw["cue_rate"]))


def model() -> Model | None:
    """The packaged candidate model, or None (missing file, or :data:`ENABLED` off)."""
    return _load() if ENABLED else None


def active() -> bool:
    """Whether the rules over-generate (the model decides, or its training records them)."""
    return RECORD is not None or model() is not None


def cue_rate() -> float:
    """The learned cue rate from which a verb is a cue: lower when a model judges the candidates."""
    if RECORD is not None:
        return GEN_RATE
    m = model()
    return m.cue_rate if m is not None else MIN_RATE
