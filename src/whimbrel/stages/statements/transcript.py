"""Interview transcripts: a paragraph opening with a speaker label in capitals ("TAPPER: ...").

Broadcast transcripts quoted in news write each turn as a paragraph that
starts with the speaker's name in capitals and a colon ("JAKE TAPPER: Donald
Trump released a video ...", "FALLIN: Well, I think ..."). The rest of the
paragraph is what that speaker said; the colon is the cue. Labels that name
no speaker ("UPDATE:", "EDITOR'S NOTE:") are left out.
"""
from __future__ import annotations

import bisect
import re

from spacy.tokens import Doc

from .drafts import Draft
from .quotes import trim
from .speakers import resolve_ids

_LABEL = re.compile(r"([A-Z][A-Z.'\u2019\-]+(?: [A-Z][A-Z.'\u2019\-]+){0,3}):[ \t]+(?=\S)")
#: Capitalised labels that introduce no speaker.
NOT_SPEAKERS = frozenset({"UPDATE", "UPDATED", "NOTE", "EDITOR'S NOTE", "EDITOR\u2019S NOTE", "CORRECTION", "WATCH",
                          "RELATED", "READ MORE", "VIDEO", "PHOTOS", "PHOTO", "SOURCE", "SOURCES", "ABSTRACT",
                          "FULL TEXT", "BREAKING", "EXCLUSIVE", "ANALYSIS", "OPINION", "Q", "A", "QUESTION",
                          "ANSWER", "TRANSCRIPT", "LINK", "MORE", "ALSO", "PS", "P.S."})


def transcript_turns(doc: Doc, paras: list[tuple[int, int]], text: str,
                     head_span: tuple[int, int] | None) -> list[Draft]:
    """One indirect statement per labelled paragraph (see the module docstring)."""
    out: list[Draft] = []
    starts = [t.idx for t in doc]
    for n, (ps, pe) in enumerate(paras):
        if head_span and head_span[0] <= ps < head_span[1]:
            continue
        m = _LABEL.match(text, ps, pe)
        if m is None or m.group(1).strip(".") in NOT_SPEAKERS:
            continue
        content = trim(text, m.end(), pe)
        if content[0] >= content[1]:
            continue
        name = (m.start(1), m.end(1))
        i = max(0, bisect.bisect_right(starts, name[1] - 1) - 1)
        ids = resolve_ids(doc, doc[i]) if i < len(doc) else []
        colon = (m.end(1), m.end(1) + 1)
        out.append(Draft(ids[0] if ids else None, name, colon, content, "indirect", ":", "neutral", None, n,
                         why="transcript turn"))
    return out
