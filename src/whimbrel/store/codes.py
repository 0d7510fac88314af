"""Quad class and conflict/cooperation (Goldstein) score of an event, from the data files.

Order of evidence: the event's CAMEO code (its Goldstein score in
``data/events/cameo.yaml``), else the PLOVER manual's score for the event type
and mode (``data/store/scores.yaml``).
"""
from __future__ import annotations

from functools import lru_cache
from typing import Any



def _load(*parts: str) -> dict[str, Any]:
    """A data file through the one lexicon loader (checked against its schema)."""
    from .. import lexicons

    return lexicons.load("/".join(parts)) or {}


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, float], dict[str, int], dict[str, float], dict[str, int]]:
    cameo = _load("events", "cameo.yaml")
    ours = _load("store", "scores.yaml")
    goldstein: dict[str, float] = {}
    for code, entry in (cameo.get("codes") or {}).items():
        if isinstance(entry, dict) and entry.get("goldstein") is not None:
            goldstein[str(code)] = float(entry["goldstein"])
    quad_names = {"verbal_cooperation": 1, "material_cooperation": 2,
                  "verbal_conflict": 3, "material_conflict": 4}
    quad: dict[str, int] = {k: int(v) for k, v in (ours.get("plover_quad") or {}).items()}
    for name, types in (cameo.get("quad") or {}).items():
        for t in types or ():
            if name in quad_names:
                quad[str(t)] = quad_names[name]
    scores = {str(k).upper(): float(v) for k, v in (ours.get("plover_scores") or {}).items()}
    roots = {str(k).zfill(2): int(v) for k, v in (ours.get("cameo_root_quad") or {}).items()}
    return goldstein, quad, scores, roots


def goldstein(cameo: str | None, event_type: str, mode: str | None = None) -> float | None:
    """The CAMEO code's Goldstein score, else the PLOVER score of type (and mode)."""
    gs, _, scores, _ = _tables()
    if cameo:
        # A code missing from the table falls back to its parent (0342 -> 034).
        code = str(cameo)
        while code:
            if code in gs:
                return gs[code]
            code = code[:-1] if len(code) > 2 else ""
    if mode and f"{event_type}:{mode}".upper() in scores:
        return scores[f"{event_type}:{mode}".upper()]
    return scores.get(event_type.upper())


def plover_quad(event_type: str) -> int | None:
    """PLOVER quad class: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict."""
    return _tables()[1].get(event_type.upper())


def gdelt_quad(cameo: str | None, event_type: str) -> int | None:
    """GDELT's QuadClass, by CAMEO root code when there is one, else the PLOVER quad."""
    if cameo and len(str(cameo)) >= 2:
        q = _tables()[3].get(str(cameo)[:2])
        if q:
            return q
    return plover_quad(event_type)
