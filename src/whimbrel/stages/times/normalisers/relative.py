"""Normalisers of expressions dated from the anchor: deictic days, parts of the day, weekdays,
the weekend, "last week", "two days ago", and those the story's reference time dates later.

Each function takes a :class:`~.base.Reading` and answers (value, type),
:data:`~.base.NOT_A_TIME`, or None to let the next normaliser of the table
(:data:`whimbrel.stages.times.normalisers.NORMALISERS`) try.
"""
from __future__ import annotations

import datetime as dt

from ..anchoring import DATE, DURATION, FUTURE, PAST, SET, SINCE, TIME, shift, weekday_date
from .base import NOT_A_TIME, Answer, Reading, duration_value, with_part

# --------------------------------------------------------------------------- days and parts of days


def deictic_unanchored(r: Reading) -> Answer:
    """"yesterday", "tomorrow morning" without a publication date: no value."""
    return (None, (TIME if r.get("part") else DATE)) if r.anchor is None else None


def deictic_day(r: Reading) -> Answer:
    """"yesterday", "tomorrow morning": the day counted from the anchor, with its part of the day."""
    d = r.anchor + dt.timedelta(days=r.lex.deictic_days[r.get("deixis").lower()])
    return with_part(d.isoformat(), r.get("part"), r.lex)


def tonight(r: Reading) -> Answer:
    """"tonight": the anchor day's evening (calendar.yaml's convention)."""
    return (f"{r.anchor.isoformat()}T{r.lex.tonight}" if r.anchor else None), TIME


def night_before(r: Reading) -> Answer:
    """"last night", "shelled the city overnight" (the adverb): the night before the anchor day."""
    return (f"{(r.anchor - dt.timedelta(days=1)).isoformat()}TNI" if r.anchor else None), TIME


def this_part_of_day(r: Reading) -> Answer:
    """"this morning": the anchor day's morning."""
    return (f"{r.anchor.isoformat()}T{r.lex.parts_of_day[r.get('part').lower()]}" if r.anchor else None), TIME


# --------------------------------------------------------------------------- weekdays and the weekend


def _weekday(r: Reading) -> int:
    return r.lex.weekdays[r.get("wday").lower()]


def weekday_plural(r: Reading) -> Answer:
    """"on Tuesdays": every Tuesday, a set."""
    return (f"XXXX-WXX-{_weekday(r)}", SET) if r.get("plural") else None


def weekday_unanchored(r: Reading) -> Answer:
    """"on Tuesday" without a publication date: XXXX-WXX-2."""
    return with_part(f"XXXX-WXX-{_weekday(r)}", r.get("part"), r.lex) if r.anchor is None else None


def weekday_dated(r: Reading) -> Answer:
    """"on Tuesday", "last Tuesday", "next Friday night": the weekday near the anchor
    (the modifier fixes the direction, otherwise the tense does; see :func:`weekday_date`)."""
    mod = (r.get("wmod") or "").lower()
    direction = r.lex.weekday_modifiers.get(mod) if mod else None
    return with_part(weekday_date(_weekday(r), r.anchor, r.tense, direction).isoformat(), r.get("part"), r.lex)


def weekend_unanchored(r: Reading) -> Answer:
    """"the weekend" without a publication date: no value."""
    return (None, DATE) if r.anchor is None else None


def weekend_ahead(r: Reading) -> Answer:
    """"will meet at the weekend": the coming weekend (this one when the anchor is a weekday)."""
    if r.tense == FUTURE:
        return shift(r.anchor, 0 if r.anchor.isoweekday() < 6 else 1, "weekend"), DATE
    return None


def weekend_behind(r: Reading) -> Answer:
    """"met at the weekend", or any tense early in the week: the latest weekend that has begun."""
    if r.tense in (PAST, SINCE) or r.anchor.isoweekday() <= 3:
        return shift(r.anchor, 0 if r.anchor.isoweekday() >= 6 else -1, "weekend"), DATE
    return None


def weekend_this(r: Reading) -> Answer:
    """"talks open at the weekend" late in the week: this week's weekend, the nearest."""
    return shift(r.anchor, 0, "weekend"), DATE


# --------------------------------------------------------------------------- calendar units from the anchor


def latest_period(r: Reading) -> Answer:
    """"the latest period": the last completed quarter before the anchor (a reported quarter
    named earlier in the story takes precedence, see :mod:`..references`)."""
    if r.get("latest") and r.anchor is not None:
        return shift(r.anchor, -1, "quarter"), DATE
    return None


def quarter_unspecified(r: Reading) -> Answer:
    """"the quarter" in a story that has named no quarter yet, "the week": one of the anchor
    year's, which one unsaid (TIMEX3 1989-QX, 1989-WXX, as TimeBank). A quarter named before
    "the quarter" dates it instead (:mod:`..references`)."""
    if r.get("barequarter") and r.anchor is not None:
        return f"{r.anchor.year:04d}-QX", DATE
    if r.get("bareweek") and r.anchor is not None:
        return f"{r.anchor.year:04d}-WXX", DATE  # "For the week, the index dropped 3.8%"
    return None


def period_of_year(r: Reading) -> Answer:
    """"the 1988 period": that year's reporting period; the year itself until a reported quarter
    narrows it (:func:`whimbrel.stages.times.references.resolve_references` gives 1988-Q3)."""
    return (f"{int(r.get('year')):04d}", DATE) if r.get("year") else None


def counted_from_reference(r: Reading) -> Answer:
    """"the day before", "the following year": no value yet; dated later from the story's
    reference time (:func:`whimbrel.stages.times.references.resolve_references`)."""
    return None, DATE


def edge_unanchored(r: Reading) -> Answer:
    """"the end of the year" without a publication date: no value."""
    return (None, DATE) if r.anchor is None else None


def edge_of_unit(r: Reading) -> Answer:
    """"the end of the year", "the start of next month": the unit's value (TIMEX3 would add mod=END/START)."""
    direction = r.lex.unit_modifiers.get((r.get("umod") or "this").lower(), 0)
    return shift(r.anchor, direction, r.get("unit").lower()), DATE


def relunit_plural(r: Reading) -> Answer:
    """"last years": a plural after "last"/"next" is not a calendar unit; a reference phrase of the
    vocabulary ("coming quarters", "past years") has its reference value."""
    unit = r.lex.unit_forms[r.get("unit").lower()]
    if r.get("unit").lower().endswith("s") and r.get("unit").lower() != unit:
        ref = r.lex.references.get(f"{r.get('umod')} {r.get('unit')}".lower())
        return (ref, DATE if ref.endswith("_REF") else DURATION) if ref else NOT_A_TIME
    return None


_STRETCH_MODIFIERS = ("past", "last", "previous", "next", "coming", "following")


#: Modifiers after which "the ... year" names the calendar year before the anchor.
_PREVIOUS_YEAR_MODIFIERS = ("past", "last")


def relunit_stretch(r: Reading) -> Answer:
    """"the past decade", "the last week", "the next year": a stretch of time (a duration), not a point.

    "the past year", "the last year" are the exception: TimeBank annotates them as the calendar
    year before the anchor (a DATE, as "last year"; 1997 for "over the past year" in March 1998),
    while "the past two years" and "the past decade" stay durations."""
    mod = r.get("umod").lower()
    if r.get("the") and mod in _STRETCH_MODIFIERS and not (r.get("within") or "").lower():
        unit = r.lex.unit_forms[r.get("unit").lower()]
        if unit == "year" and mod in _PREVIOUS_YEAR_MODIFIERS:
            return (None, DATE) if r.anchor is None else (shift(r.anchor, -1, unit), DATE)
        return duration_value(1, unit, r.lex), DURATION
    return None


def relunit_past(r: Reading) -> Answer:
    """"past week" without "the" (headlinese): also a stretch."""
    if r.get("umod").lower() == "past":
        return duration_value(1, r.lex.unit_forms[r.get("unit").lower()], r.lex), DURATION
    return None


def relunit_unanchored(r: Reading) -> Answer:
    """"last week" without a publication date: no value."""
    return (None, DATE) if r.anchor is None else None


def relunit_point(r: Reading) -> Answer:
    """"last week", "next month", "earlier this year" (the modifier narrows the unit, TIMEX3
    mod=START/END, and keeps its value): the unit counted from the anchor."""
    direction = r.lex.unit_modifiers[r.get("umod").lower()]
    return shift(r.anchor, direction, r.lex.unit_forms[r.get("unit").lower()]), DATE


# --------------------------------------------------------------------------- "two days ago"


def ago_unknown_number(r: Reading) -> Answer:
    """A count the vocabulary cannot read ("umpteen days ago") is no time (a guard: the pattern takes known ones)."""
    return NOT_A_TIME if r.lex.number(r.get("num")) is None else None


def ago_measured(r: Reading) -> Answer:
    """"three days later": TimeBank marks the count alone as a duration (P3D) that the signal
    word relates to an event; the extractor leaves "later" outside the expression."""
    if r.get("ago").lower() not in r.lex.duration_signals:
        return None
    unit = r.lex.unit_forms[r.get("unit").lower()]
    return duration_value(r.lex.number(r.get("num")), unit, r.lex), DURATION


def ago_undated(r: Reading) -> Answer:
    """"three days later" (counts from an event, not the publication date), "half a year ago",
    or no publication date: no value; "several years ago", a count that names no number, is
    some unsaid time before the publication: PAST_REF, as TimeML writes a vague past."""
    n = r.lex.number(r.get("num"))
    if r.get("ago").lower() in r.lex.later_words or r.anchor is None:
        return None, DATE
    if n == "X":
        return "PAST_REF", DATE
    if not float(n).is_integer():
        return None, DATE
    return None


def ago_decades(r: Reading) -> Answer:
    """"a decade ago": a year (2010 from 2020), not the whole previous decade."""
    unit = r.lex.unit_forms[r.get("unit").lower()]
    if unit in ("decade", "century"):
        n = r.lex.number(r.get("num"))
        return f"{r.anchor.year - int(n) * (10 if unit == 'decade' else 100):04d}", DATE
    return None


def ago_shift(r: Reading) -> Answer:
    """"two days ago", "a year ago": the unit that many units before the anchor."""
    n = r.lex.number(r.get("num"))
    return shift(r.anchor, -int(n), r.lex.unit_forms[r.get("unit").lower()]), DATE
