"""What other stages may read of the times stage's results (``doc._.times``).

:func:`time_for_token` finds the time expression that dates a verb or noun;
:func:`date_of` turns a Time into an event date value and resolution.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from ... import syntax
from ...model import Time
from .anchoring import DATE, DURATION, SET, TIME
from .tense import CLAUSE_HEADS

#: Dependency labels through which a time expression attaches to the word it
#: dates ("met on Tuesday": prep + pobj; "met Tuesday": npadvmod; UD-style obl/tmod).
ATTACH_DEPS = frozenset({syntax.prep, syntax.pobj, syntax.npadvmod, syntax.obl, syntax.tmod, syntax.advmod,
                         syntax.nmod, syntax.pcomp, syntax.compound, syntax.nummod, syntax.amod, syntax.appos,
                         syntax.det, syntax.case, syntax.conj, syntax.cc, syntax.quantmod})

#: ``doc.user_data`` key of this module's private cache: each Time of ``doc._.times``
#: with its tokens, built on the first call. Only this module reads it.
_SPANS_KEY = "whimbrel_time_spans"


def _time_spans(doc: Doc) -> list[tuple[Time, Span]]:
    cache = doc.user_data.get(_SPANS_KEY)
    if cache is None:
        cache = []
        for t in doc._.times or ():
            sp = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
            if sp is not None and len(sp):
                cache.append((t, sp))
        doc.user_data[_SPANS_KEY] = cache
    return cache


def _attaches_to(sp: Span, target: Token) -> bool:
    """True when the time span hangs (directly, or through a preposition) below ``target``
    without crossing another clause head: "met [on Tuesday]" dates "met"."""
    tok = sp.root
    for _ in range(6):
        if tok.head.i == tok.i or tok.dep not in ATTACH_DEPS:
            return False
        tok = tok.head
        if tok == target:
            return True
        if tok.pos_ in CLAUSE_HEADS:
            return False
    return False


def time_for_token(doc: Doc, token: Token) -> Time | None:
    """The DATE/TIME expression that dates ``token`` (a verb or event noun), or None.

    Order of preference: an expression attached to the token itself
    ("signed [on Tuesday]"); one attached to the verb governing a noun token
    ("signed the deal [on Tuesday]" for "deal"); then the nearest dated
    expression in the same sentence.
    """
    spans = [(t, sp) for t, sp in _time_spans(doc) if t.type in (DATE, TIME)]
    if not spans:
        return None
    for t, sp in spans:
        if token not in sp and _attaches_to(sp, token):
            return t
        if token in sp:
            return t
    gov = token
    for _ in range(4):
        if gov.head.i == gov.i:
            break
        gov = gov.head
        if gov.pos_ in CLAUSE_HEADS:
            for t, sp in spans:
                if _attaches_to(sp, gov):
                    return t
            break
    sent = token.sent
    same = [(t, sp) for t, sp in spans if sp.start >= sent.start and sp.end <= sent.end]
    if not same:
        return None
    with_value = [(t, sp) for t, sp in same if t.value] or same
    return min(with_value, key=lambda p: min(abs(p[1].start - token.i), abs(p[1].end - 1 - token.i)))[0]


_RE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_RE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RE_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_RE_YEARISH = re.compile(r"^(\d{4})(?:-(?:SP|SU|FA|WI|Q[1-4]|H[12]))?$")


def date_of(time: Time | None) -> tuple[str | None, str | None]:
    """A Time as an event date: (value, resolution day|month|year|None).

    "2020-11-17TEV" -> ("2020-11-17", "day"); "2018-05" -> ("2018-05", "month");
    "2015", "2019-SU", "2020-Q3" -> year. An ISO week becomes its month when the
    week lies in one month, else its year. Decades, references (PRESENT_REF),
    durations, sets and values with an unknown year (XXXX-10-18) give (None, None).
    """
    if time is None or not time.value or time.type in (DURATION, SET):
        return None, None
    v = time.value
    if m := _RE_DAY.match(v):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    if _RE_MONTH.match(v):
        return v, "month"
    if m := _RE_WEEK.match(v):
        y, w = int(m.group(1)), int(m.group(2))
        try:
            first = dt.date.fromisocalendar(y, w, 1)
        except ValueError:
            return None, None
        last = first + dt.timedelta(days=6)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}", "month"
        return (f"{first.year:04d}", "year") if first.year == last.year else (None, None)
    if m := _RE_YEARISH.match(v):
        return m.group(1), "year"
    return None, None


__all__ = ["date_of", "time_for_token"]
