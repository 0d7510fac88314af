"""What other stages may read of the statements stage's results (``doc._.statements``), and its cue words."""
from __future__ import annotations

from spacy.tokens import Doc

from ...model import Statement
from .vocab import cue_lemmas


def statement_at(doc: Doc, char_offset: int) -> Statement | None:
    """The statement whose content span holds ``char_offset`` (the innermost, i.e. shortest)."""
    best: Statement | None = None
    for st in doc._.statements or ():
        s, e = st.content_span
        if s <= char_offset < e and (best is None or e - s < best.content_span[1] - best.content_span[0]):
            best = st
    return best


__all__ = ["cue_lemmas", "statement_at"]
