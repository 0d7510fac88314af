"""Interview transcripts ("TAPPER: ...") and signed social-media posts ("... — Paul Ryan (@SpeakerRyan)").

Broadcast transcripts quoted in news write each turn as a paragraph that
starts with the speaker's name in capitals and a colon ("JAKE TAPPER: Donald
Trump released a video ...", "FALLIN: Well, I think ..."). The rest of the
paragraph is what that speaker said; the colon is the cue. Labels that name
no speaker ("UPDATE:", "EDITOR'S NOTE:") are left out.

An embedded post is signed after its text with a dash, the author's name and
handle ("No one should be above the law. — Paul Ryan (@SpeakerRyan) July 5,
2016"): the text from the start of its paragraph (or of the embedding markup)
to the dash is the author's, the dash is the cue.
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


_SIGNED = re.compile(r"[ \t]+[\u2014\u2015\u2013-]{1,2}[ \t]+([A-Z][^()<>\n]{0,60}?)[ \t]+\(@\w{1,30}\)")


def signed_posts(doc: Doc, text: str, paras: list[tuple[int, int]]) -> list[Draft]:
    """One indirect statement per signed post (see the module docstring)."""
    out: list[Draft] = []
    if "(@" not in text:
        return out
    starts = [t.idx for t in doc]
    para_starts = [ps for ps, _ in paras]
    for m in _SIGNED.finditer(text):
        n = max(0, bisect.bisect_right(para_starts, m.start()) - 1)
        begin = max(para_starts[n], text.rfind(">", para_starts[n], m.start()) + 1)
        content = trim(text, begin, m.start())
        if content[1] - content[0] < 3:
            continue
        name = (m.start(1), m.end(1))
        i = max(0, bisect.bisect_right(starts, name[1] - 1) - 1)
        ids = resolve_ids(doc, doc[i]) if i < len(doc) else []
        dash = text.index(m.group(0).strip()[0], m.start())
        out.append(Draft(ids[0] if ids else None, name, (dash, dash + 1), content, "indirect", "\u2014",
                         "neutral", None, n, why="signed post"))
    return out


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
