"""All time expressions of a document, anchored to its publication date, in text order.

How it works:

1. :func:`~.patterns.find_candidates` (text only) runs the patterns built from
   the vocabulary and keeps the longest non-overlapping matches. spaCy's
   DATE/TIME entities are a second source (they catch phrases like "the same
   day" that the patterns do not cover), but the patterns decide the bounds
   where both fire, because the statistical NER often mis-bounds ("three years
   and every week").
2. :func:`~.filters.keep` drops the matches that are no times in their sentence.
3. :data:`VALUE_RULES`, then :func:`~.normalisers.normalise`, give each match its
   TIMEX3 value from the anchor (``doc._.published``) and the tense of the
   clause (:mod:`.tense`).
4. :mod:`.references` dates "the day before" from the story's reference time and
   joins a clock time to its day.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ... import syntax
from ...ext import text_of
from ...model import Time
from .anchoring import (DATE, FUTURE, PAST, RE_REF_DAY, SINCE, TIME, UNKNOWN, anchor_of, safe_date, shift,
                        week)
from .filters import keep, next_token, prev_token
from .normalisers import normalise
from .normalisers.base import day_number, month_num
from .patterns import Candidate, find_candidates
from .references import date_clock_times, join_clock_and_day, resolve_references
from .tense import clause_tense
from .vocab import Vocabulary

#: Heads of a hyphenated unit modifier ("a full-year forecast", "multi-year talks").
_MODIFIER_HEADS = frozenset({syntax.amod, syntax.compound, syntax.nmod})

ValueRule = Callable[[Doc, Candidate, Span, "dt.date | None", str, Vocabulary], "tuple[str | None, str] | None"]


def extract(doc: Doc, lex: Vocabulary) -> list[Time]:
    """All time expressions of ``doc`` anchored to ``doc._.published``, in text order."""
    text = text_of(doc)
    found, taken, rejected = _pattern_times(doc, text, lex)
    found = resolve_references(found, lex, anchor_of(doc._.published))
    out = join_clock_and_day(text, [t for t, _, _ in found])
    out += _entity_times(doc, taken + rejected, lex)
    out = date_clock_times(out, [(s.start_char, s.end_char) for s in doc.sents], anchor_of(doc._.published))
    out.sort(key=lambda t: t.span)
    return out


def _pattern_times(doc: Doc, text: str, lex: Vocabulary) -> tuple[
        list[tuple[Time, Candidate, Span]], list[tuple[int, int]], list[tuple[int, int]]]:
    """(times with their candidate and tokens, character spans taken, spans ruled out) from the patterns."""
    anchor = anchor_of(doc._.published)
    found: list[tuple[Time, Candidate, Span]] = []
    taken: list[tuple[int, int]] = []
    rejected: list[tuple[int, int]] = []  # pattern matches ruled out by context: spaCy may not bring them back
    for cand in find_candidates(text, lex):
        span = doc.char_span(cand.start, cand.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        if not keep(doc, cand, span, text, lex):
            rejected.append((cand.start, cand.end))
            continue
        start, end = cand.start, cand.end
        if cand.kind == "ref":
            # "in recent weeks" -> "recent weeks": the preposition is not part of the expression.
            words = text[start:end].split(maxsplit=1)
            if len(words) == 2 and words[0].lower() in lex.reference_strip:
                start = start + text[start:end].index(words[1])
        start = _extent_start(doc, span, cand, start, lex)
        if cand.kind == "ago" and (cand.get("ago") or "").lower() in lex.duration_signals:
            end = start + len(text[start:end].rsplit(maxsplit=1)[0])  # "[three days] later"
        tense = clause_tense(span, lex)
        prev = prev_token(doc, span)
        forward = prev is not None and prev.lower_ in lex.forward_prepositions
        if prev is not None and prev.lower_ in lex.past_prepositions:
            tense = SINCE  # "since March": a March already past
        elif forward:
            tense = UNKNOWN if tense == PAST else FUTURE  # "extended to Nov. 20", "has until Tuesday"
        res = value_of(doc, cand, span, anchor, tense, lex)
        if res is None:  # matched the pattern but names no real time ("February 31")
            rejected.append((cand.start, cand.end))
            continue
        value, typ = res
        if cand.kind in ("md", "dm") and not cand.get("year"):
            value = _historic(doc, cand, span, lex) or (_just_passed(value, anchor) if forward else value)
        if cand.get("weekof") and value and RE_REF_DAY.match(value):
            value = week(dt.date.fromisoformat(value[:10]))  # "the week of March 6": 2000-W10
        found.append((Time(span=(start, end), value=value, type=typ), cand, span))
        taken.append((start, end))
    return found, taken, rejected


#: Kinds of match whose count a modifier may qualify ("nearly two years", "more than a year ago").
_COUNTED = frozenset({"duration", "ago", "pastn", "vaguedur"})


def _extent_start(doc: Doc, span: Span, cand: Candidate, start: int, lex: Vocabulary) -> int:
    """Where the TIMEX3 starts: TimeML puts a count's modifier ("[nearly two years]"), a
    counted duration's determiner ("[the nine months] ended Sept. 30") and the modifier of an
    anaphoric unit ("[earlier that day]") inside the expression, but not the determiner of a
    hyphenated modifier ("the [30-day] rate")."""
    i = span.start
    if cand.get("that") and i > 0 and doc[i - 1].lower_ in lex.within_modifiers:
        return doc[i - 1].idx  # "[earlier that day]"
    if cand.kind not in _COUNTED:
        return start
    if cand.kind == "duration" and i > 0 and doc[i - 1].lower_ == "the" and "-" not in doc[i:span.end].text:
        return doc[i - 1].idx
    for n in (3, 2, 1):
        if i - n >= 0 and " ".join(t.lower_ for t in doc[i - n:i]) in lex.extent_modifiers:
            return doc[i - n].idx
    return start


def duration_ahead(doc: Doc, cand: Candidate, span: Span, anchor: dt.date | None, tense: str,
                   lex: Vocabulary) -> tuple[str | None, str] | None:
    """"will meet in two weeks": a duration after "in" with a future verb is a point ahead (no value
    for a vague or fractional count, or without a publication date)."""
    if cand.kind != "duration" or not _future_in(doc, span, tense):
        return None
    n = lex.number(cand.get("num") or "")
    unit = lex.unit_forms.get((cand.get("unit") or "").lower())
    if n is None or unit is None or n == "X" or not float(n).is_integer():
        return None, DATE
    if anchor is None:
        return None, DATE
    return shift(anchor, int(n), unit), DATE


#: Rules that read a match's value from its sentence, tried in order before the
#: text-only normalisers (:func:`~.normalisers.normalise`). Unlike those, a failure
#: here is not a malformed match and goes to the stage's error policy.
VALUE_RULES: tuple[ValueRule, ...] = (duration_ahead,)


def value_of(doc: Doc, cand: Candidate, span: Span, anchor: dt.date | None, tense: str,
             lex: Vocabulary) -> tuple[str | None, str] | None:
    """The (value, type) of a kept match, or None when it names no real time."""
    for rule in VALUE_RULES:
        answer = rule(doc, cand, span, anchor, tense, lex)
        if answer is not None:
            return answer
    return normalise(cand, anchor, tense, lex)


def _future_in(doc: Doc, span: Span, tense: str) -> bool:
    prev = prev_token(doc, span)
    return tense == FUTURE and prev is not None and prev.lower_ == "in"


def _shift_year(day: dt.date, n: int) -> dt.date | None:
    return safe_date(day.year + n, day.month, day.day)


def _just_passed(value: str | None, anchor: dt.date | None) -> str | None:
    """A deadline read ahead ("must leave by Jan. 14") that lies most of a year away when the same
    day fell within the last month: written on Jan. 15, it is the day before, not next year's."""
    if value is None or anchor is None or len(value) != 10 or not value[:4].isdigit():
        return value
    day = dt.date.fromisoformat(value)
    before = _shift_year(day, -1)
    if (day - anchor).days > 183 and before is not None and 0 < (anchor - before).days <= 31:
        return before.isoformat()
    return value


def _historic(doc: Doc, cand: Candidate, span: Span, lex: Vocabulary) -> str | None:
    """The full date of a month-day that names one historical day ("the Sept. 11 attacks")."""
    nxt = next_token(doc, span)
    if nxt is None:
        return None
    m, d = month_num(cand.get("month"), lex), day_number(cand.get, lex)
    for hm, hd, hy, nouns in lex.historic_dates:
        if (m, d) == (hm, hd) and (nxt.lower_ in nouns or nxt.lemma_.lower() in nouns):
            return f"{hy:04d}-{hm:02d}-{hd:02d}"
    return None


def _entity_times(doc: Doc, covered: list[tuple[int, int]], lex: Vocabulary) -> list[Time]:
    """spaCy DATE/TIME entities the patterns missed, when they hold a time word:
    "the same day", "that week" (value unknown without an event anchor)."""
    out: list[Time] = []
    for ent in doc.ents:
        if ent.label_ not in (DATE, TIME):
            continue
        if any(not (ent.end_char <= s or ent.start_char >= e) for s, e in covered):
            continue
        if not any(_is_time_word(t, lex) for t in ent) or _is_modifier_compound(ent, lex):
            continue
        stretch = _vague_stretch(ent, lex)
        if stretch is not None:
            out.append(stretch)
    return out


def _vague_stretch(ent: Span, lex: Vocabulary) -> Time | None:
    """"for years", "within weeks", "over the years": a plural unit without a count is a
    stretch of unknown length (TIMEX3 PXY, PXW), a duration."""
    last = ent[-1].lower_
    unit = lex.unit_forms.get(last)
    if unit is None or last == unit or any(t.like_num or t.lower_ in lex.cardinals for t in ent):
        return None
    value = lex.vague_durations.get(unit)
    # "in the [weeks] before the shooting": TimeBank mostly leaves the article out.
    start = ent[1].idx if len(ent) == 2 and ent[0].lower_ == "the" else ent.start_char
    return Time(span=(start, ent.end_char), value=value, type="DURATION") if value else None


def _is_time_word(tok: Token, lex: Vocabulary) -> bool:
    w = tok.lower_.rstrip(".")
    return (w in lex.unit_forms or w in lex.months and tok.text[:1].isupper()
            or w in lex.weekdays and tok.text[:1].isupper()
            or w in lex.seasons or w in lex.parts_of_day or w in lex.deictic_days)


def _is_modifier_compound(ent: Span, lex: Vocabulary) -> bool:
    """A hyphenated adjective built on a unit is no time expression of its own:
    ages ("a 30-year-old man": TimeML leaves ages out) and "full-year"/"multi-year"
    modifiers, whose first part is no number (numbered ones, "three-year", are durations)."""
    words = [t for t in ent if t.text != "-"]
    if ent[-1].lower_ in lex.age_suffixes and len(ent) >= 3 and ent[-2].text == "-":
        return True
    hyphenated = len(ent) == 3 and ent[1].text == "-" and not ent.text.count(" ")
    return hyphenated and not words[0].like_num and words[0].lower_ not in lex.cardinals \
        and words[-1].lower_ in lex.unit_forms and ent.root.dep in _MODIFIER_HEADS
