"""Normalisers of durations, sets, clock times and reference words: values that need no anchor.

Each function takes a :class:`~.base.Reading` and answers (value, type),
:data:`~.base.NOT_A_TIME`, or None to let the next normaliser of the table
(:data:`whimbrel.stages.times.normalisers.NORMALISERS`) try.
"""
from __future__ import annotations

from ..anchoring import DATE, DURATION, SET, TIME
from .base import NOT_A_TIME, Answer, Reading, duration_value, with_part_set

# --------------------------------------------------------------------------- durations


def counted_duration(r: Reading) -> Answer:
    """"three years", "48 hours", "the past three years": P3Y, PT48H (none for an unreadable count)."""
    n = r.lex.number(r.get("num"))
    if n is None:
        return NOT_A_TIME
    return duration_value(n, r.lex.unit_forms[r.get("unit").lower()], r.lex), DURATION


def vague_duration(r: Reading) -> Answer:
    """"for years", "for decades": PXY, PXDE."""
    return duration_value("X", r.lex.unit_forms[r.get("unit").lower()], r.lex), DURATION


# --------------------------------------------------------------------------- sets


def every_month_or_season(r: Reading) -> Answer:
    """"each July", "every spring": that month or season of every year, XXXX-07, XXXX-SP
    (a lower-case month is no name: "each march")."""
    if r.get("everymonth"):
        name = r.get("everymonth")
        return (f"XXXX-{r.lex.months[name.lower()]:02d}", SET) if name[:1].isupper() else NOT_A_TIME
    if r.get("season"):
        return f"XXXX-{r.lex.seasons[r.get('season').lower()]}", SET
    return None


def every_weekday(r: Reading) -> Answer:
    """"every Monday", "each Friday night": XXXX-WXX-1, XXXX-WXX-5TNI."""
    if r.get("wday"):
        return with_part_set(f"XXXX-WXX-{r.lex.weekdays[r.get('wday').lower()]}", r.get("part"), r.lex)
    return None


def every_unit(r: Reading) -> Answer:
    """"every week", "every other year", "each two months": P1W, P2Y, P2M (none for "every few weeks")."""
    unit = r.lex.unit_forms[r.get("unit").lower()]
    num = (r.get("num") or "").lower()
    n = 2 if num == "other" else (r.lex.number(num) if num else 1)
    if n is None or n == "X":
        return NOT_A_TIME
    return duration_value(n, unit, r.lex), SET


def frequency(r: Reading) -> Answer:
    """"twice a year", "three times a week": the period, P1Y, P1W."""
    return duration_value(1, r.lex.unit_forms[r.get("unit").lower()], r.lex), SET


def set_word(r: Reading) -> Answer:
    """"daily", "annually": P1D, P1Y."""
    return r.lex.set_words[r.get("setword").lower()], SET


# --------------------------------------------------------------------------- clock times


def clock_ampm(r: Reading) -> Answer:
    """"3 p.m.", "10:30 am": T15:00, T10:30 (none for "13 pm")."""
    hh, mm = int(r.get("hh")), int(r.get("mm") or 0)
    if not 1 <= hh <= 12:
        return NOT_A_TIME
    hh = (hh % 12) + (12 if r.get("ampm").lower().startswith("p") else 0)
    return f"T{hh:02d}:{mm:02d}", TIME


def clock_24h(r: Reading) -> Answer:
    """"15:00 GMT", "1500 GMT": T15:00."""
    return f"T{int(r.get('hh')):02d}:{r.get('mm')}", TIME


def clock_word(r: Reading) -> Answer:
    """"noon", "midnight": T12:00, T24:00."""
    return f"T{r.lex.clock_words[r.get('clockword').lower()]}", TIME


def oclock(r: Reading) -> Answer:
    """"8 o'clock", "eight o'clock": T08:00; "4 in the morning", "ten in the evening": T04:00, T22:00
    (none beyond twelve)."""
    n = r.lex.number(r.get("hh"))
    if not isinstance(n, (int, float)) or not 1 <= n <= 12 or not float(n).is_integer():
        return NOT_A_TIME
    hh = int(n) % 12 + (12 if (r.get("part") or "morning").lower() != "morning" else 0)
    return f"T{hh:02d}:00", TIME


# --------------------------------------------------------------------------- reference words


def reference(r: Reading) -> Answer:
    """"now", "recently", "soon": PRESENT_REF, PAST_REF, FUTURE_REF; "in recent weeks": a stretch of
    unknown length (PXW), a duration."""
    value = r.lex.references[r.get("ref").lower()]
    return value, (DATE if value.endswith("_REF") else DURATION)
