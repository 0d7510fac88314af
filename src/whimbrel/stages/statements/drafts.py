"""The working record of a statement before ids are given, and the result of a rule."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from spacy.tokens import Doc, Token

from .cues import cue_group, cue_lemma
from .speakers import implicit_subject, resolve_speaker
from .vocab import Cues


#: the rule name of a quotation that ends the sentence reporting it ('X was "a disgrace," he said'):
#: an indirect statement of the attribution convention that the candidate model does not judge
MIXED = "quote ending a reported sentence"


@dataclass
class Draft:
    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    content_span: tuple[int, int]
    kind: str
    cue: str | None
    cue_group: str | None
    cue_token: int | None = None
    para: int = 0
    extra: dict = field(default_factory=dict)
    why: str | None = None     # the rule that found it (for debugging; not in the output)


class Found(NamedTuple):
    """What a rule of an ordered table decided: its result (None: nothing, and stop) and why."""

    result: object
    why: str


def span_chars(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok)


def draft_for_cue(doc: Doc, cues: Cues, cue: Token, content: tuple[int, int], kind: str,
                  para: int = 0, speaker_cue: Token | None = None) -> Draft:
    """A statement of ``kind`` reported by the verb ``cue``, its speaker the cue's (implicit) subject.

    ``speaker_cue``: another cue whose subject speaks for this one (a cue
    coordinated inside that cue's complement).
    """
    subj = implicit_subject(speaker_cue if speaker_cue is not None else cue, doc)
    spk, sspan = resolve_speaker(doc, subj, cues)
    group = cue_group(cue, cues)
    lemma = cue_lemma(cue, cues) or cue.text.lower()
    return Draft(spk, sspan, span_chars(cue), content, kind, lemma, group, cue.i, para)
