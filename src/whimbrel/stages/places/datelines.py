"""Datelines: the place a wire story is filed from ("SPRINGFIELD, Ill. (AP) —", "BRUSSELS —").

The place a story is filed from is its default setting: every other ambiguous
name is read in its state and country first (see :mod:`.resolve`).
"""
from __future__ import annotations

from spacy.tokens import Doc

from whimbrel.ext import text_of

from .gazetteer import Entry, Gazetteer, Hit, normalize
from .mentions import Mention

#: (country ISO2, admin1) of a dateline's qualifier; (None, None) when only the city
#: is written (its country is taken from its resolution); None without a dateline.
Dateline = tuple[str | None, str | None] | None

_DASHES = frozenset({"\u2014", "\u2013", "-", "--", "_"})
# The city is written in capitals: "COLUMBUS", "ST. LOUIS", "NEW DELHI".
_CITY_ABBREVS = ("ST.", "FT.")


def find_dateline(doc: Doc, gaz: Gazetteer, out: list[Mention]) -> Dateline:
    """The wire-story dateline at the start of the text or of its first paragraph after a title.

    Returns (country ISO2, admin1) of the qualifier when one is written, (None,
    None) when only the city is, None without a dateline. The dateline city is
    added to ``out`` as a mention when the model missed it, and so is its qualifier.
    """
    starts = [0]
    para = text_of(doc).find("\n\n")
    if 0 <= para < 400:
        starts.append(para)
    for char in starts:
        i = next((t.i for t in doc if t.idx >= char and not t.is_space), None)
        if i is None:
            continue
        j = i
        while j < len(doc) and j - i < 5 and (doc[j].text.isupper() and doc[j].is_alpha
                                              or doc[j].text in _CITY_ABBREVS):
            j += 1
        if j == i or j >= len(doc):
            continue
        qual, q_end, k = _qualifier(doc, gaz, j)
        if k < len(doc) and doc[k].text == "(":  # "(AP)", "(Reuters)"
            close = next((t.i for t in doc[k:k + 6] if t.text == ")"), None)
            k = close + 1 if close is not None else k
        if k >= len(doc) or doc[k].text not in _DASHES:
            continue
        hits = gaz.lookup(doc[i:j].text)
        if not hits:
            return None
        return _record(doc, out, i, j, hits, qual, q_end)
    return None


def _qualifier(doc: Doc, gaz: Gazetteer, k: int) -> tuple[Entry | None, int, int]:
    """The state or country after the dateline city's comma ("COLUMBUS, Ohio"):
    (its entry or None, the end of its tokens, the token after the qualifier)."""
    qual: Entry | None = None
    q_end = k
    if doc[k].text == ",":
        for q_end in range(k + 2, min(k + 5, len(doc)) + 1):
            qt = doc[k + 1:q_end].text
            qual = gaz.state_abbrevs.get(qt) or next(
                (h.entry for h in gaz.lookup(qt) if h.entry.kind in ("state", "country", "province")), None)
            if qual is not None:
                break
        k = q_end if qual is not None else k
    return qual, q_end, k


def _record(doc: Doc, out: list[Mention], i: int, j: int, hits: list[Hit],
            qual: Entry | None, q_end: int) -> Dateline:
    """Adds the dateline city (tokens ``i:j``) and its qualifier to ``out``; returns the dateline."""
    city = next((m for m in out if m.start == i and m.end == j), None)
    if city is None:
        out[:] = [m for m in out if m.end <= i or m.start >= j]
        city = Mention(i, j, doc[i:j].text, "", hits, normalize(doc[i:j].text))
        out.append(city)
    if qual is None:
        return (None, None)
    q = (qual.cc, qual.admin1 if qual.kind != "country" else None)
    city.qualifier = q
    if not any(m.start == j + 1 for m in out):
        out.append(Mention(j + 1, q_end, doc[j + 1:q_end].text, "", [Hit(qual, False)], normalize(qual.name)))
    for m in out:
        if m.start == j + 1:
            m.qualifier = q
    return q
