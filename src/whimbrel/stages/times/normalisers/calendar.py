"""Normalisers of calendar expressions: dates, months, years, decades, centuries, seasons, quarters, halves, holidays.

Each function takes a :class:`~.base.Reading` and answers (value, type),
:data:`~.base.NOT_A_TIME`, or None to let the next normaliser of the table
(:data:`whimbrel.stages.times.normalisers.NORMALISERS`) try.
"""
from __future__ import annotations

import datetime as dt

from ..anchoring import (DATE, DURATION, FUTURE, SINCE, TIME, last_decade, nearest_date, safe_date, shift, year_for_month,
                         year_for_month_day)
from .base import NOT_A_TIME, Answer, Reading, day_number, month_num

# --------------------------------------------------------------------------- numeric dates


def iso_impossible(r: Reading) -> Answer:
    """"2020-13-45": an ISO date that does not exist is no time."""
    if not safe_date(int(r.get("year")), int(r.get("mon")), int(r.get("day"))):
        return NOT_A_TIME
    return None


def iso_with_clock(r: Reading) -> Answer:
    """"2020-10-18T15:00": an ISO date with a clock time is a TIME."""
    if r.get("hh"):
        y, m, d = int(r.get("year")), int(r.get("mon")), int(r.get("day"))
        return f"{y:04d}-{m:02d}-{d:02d}T{r.get('hh')}:{r.get('mm')}", TIME
    return None


def iso_date(r: Reading) -> Answer:
    """"2020-10-18": the date itself."""
    y, m, d = int(r.get("year")), int(r.get("mon")), int(r.get("day"))
    return f"{y:04d}-{m:02d}-{d:02d}", DATE


def numeric_date(r: Reading) -> Answer:
    """"10/18/2020", "3/5/19": month first; a two-digit year takes the century that puts it nearest the anchor."""
    m, d, y = int(r.get("mon")), int(r.get("day")), int(r.get("year"))
    if y < 100:  # two-digit year: the century that puts it nearest the anchor (or this one)
        anchor = r.anchor
        base = (anchor.year if anchor else 2000) // 100 * 100
        y = min((base - 100 + y, base + y, base + 100 + y), key=lambda v: abs(v - (anchor.year if anchor else 2000)))
    if not safe_date(y, m, d):
        return NOT_A_TIME
    return f"{y:04d}-{m:02d}-{d:02d}", DATE


# --------------------------------------------------------------------------- month and day


def _month_day(r: Reading) -> tuple[int | None, int | None]:
    return month_num(r.get("month"), r.lex), day_number(r.get, r.lex)


def monthday_impossible(r: Reading) -> Answer:
    """"October 32", "22-20 October": no month, a day out of range, or a range running backwards."""
    m, d = _month_day(r)
    if m is None or d is None or not 1 <= d <= 31:
        return NOT_A_TIME
    if r.get("day2") and not d < int(r.get("day2")) <= 31:
        return NOT_A_TIME  # "22-23 October" must run forwards within a month
    return None


def monthday_with_year(r: Reading) -> Answer:
    """"October 18, 2020", "18 October 2019": the date written out (none for "February 30, 2021")."""
    if r.get("year"):
        (m, d), y = _month_day(r), int(r.get("year"))
        return (f"{y:04d}-{m:02d}-{d:02d}", DATE) if safe_date(y, m, d) else NOT_A_TIME
    return None


def monthday_never(r: Reading) -> Answer:
    """"February 30": a month-day no year has is no time (2000, a leap year, has every real one)."""
    m, d = _month_day(r)
    return NOT_A_TIME if safe_date(2000, m, d) is None else None


def monthday_unanchored(r: Reading) -> Answer:
    """"October 18" without a publication date: XXXX-10-18."""
    if r.anchor is None:
        m, d = _month_day(r)
        return f"XXXX-{m:02d}-{d:02d}", DATE
    return None


def monthday_weekday(r: Reading) -> Answer:
    """"Saturday, April 25" without a year: the year near the anchor in which April 25 is a Saturday."""
    wday = (r.get("wday") or "").lower().rstrip(".")
    if not wday or wday not in r.lex.weekdays:
        return None
    m, d = _month_day(r)
    near = [dd for y in (r.anchor.year, r.anchor.year - 1, r.anchor.year + 1)
            if (dd := safe_date(y, m, d)) and dd.isoweekday() == r.lex.weekdays[wday]]
    return (min(near, key=lambda dd: abs((dd - r.anchor).days)).isoformat(), DATE) if near else None


def monthday_nearest(r: Reading) -> Answer:
    """"on October 18": the year that puts the date nearest the anchor, in the direction of the tense."""
    m, d = _month_day(r)
    picked = year_for_month_day(m, d, r.anchor, r.tense)
    return (picked.isoformat(), DATE) if picked else NOT_A_TIME


def month_year(r: Reading) -> Answer:
    """"May 2018", "the end of March 1991": the month of that year; "June last year": of the
    year before the anchor's (no value without an anchor)."""
    m = month_num(r.get("month"), r.lex)
    if not m:
        return NOT_A_TIME
    if r.get("umod"):
        if r.anchor is None:
            return None, DATE
        y = r.anchor.year + r.lex.unit_modifiers[r.get("umod").lower()]
        return (f"{y:04d}-{m:02d}" if 1 <= y <= 9999 else None), DATE
    return f"{int(r.get('year')):04d}-{m:02d}", DATE


# --------------------------------------------------------------------------- a month alone


def month_unknown(r: Reading) -> Answer:
    """A month word missing from the vocabulary ("Octobre") is no time (a guard: the pattern takes known ones)."""
    return NOT_A_TIME if month_num(r.get("month"), r.lex) is None else None


def month_unanchored(r: Reading) -> Answer:
    """"in October" without a publication date: XXXX-10."""
    if r.anchor is None:
        return f"XXXX-{month_num(r.get('month'), r.lex):02d}", DATE
    return None


def _month_direction(r: Reading) -> int | None:
    mod = (r.get("umod") or "").lower()
    return r.lex.unit_modifiers[mod] if mod in r.lex.unit_modifiers else None


def month_last(r: Reading) -> Answer:
    """"last October": the most recent October before this month."""
    direction = _month_direction(r)
    if direction is not None and direction < 0:
        m, anchor = month_num(r.get("month"), r.lex), r.anchor
        y = anchor.year if m < anchor.month else anchor.year - 1
        return f"{y:04d}-{m:02d}", DATE
    return None


def month_next(r: Reading) -> Answer:
    """"next May": the next May after this month."""
    direction = _month_direction(r)
    if direction is not None and direction > 0:
        m, anchor = month_num(r.get("month"), r.lex), r.anchor
        y = anchor.year if m > anchor.month else anchor.year + 1
        return f"{y:04d}-{m:02d}", DATE
    return None


def month_this(r: Reading) -> Answer:
    """"this March": the March of the anchor's year."""
    if _month_direction(r) == 0:
        return f"{r.anchor.year:04d}-{month_num(r.get('month'), r.lex):02d}", DATE
    return None


def month_nearest(r: Reading) -> Answer:
    """"in October", "mid-October": the October nearest the anchor, in the direction of the tense."""
    y, m = year_for_month(month_num(r.get("month"), r.lex), r.anchor, r.tense)
    return f"{y:04d}-{m:02d}", DATE


# --------------------------------------------------------------------------- years, decades, centuries


def year(r: Reading) -> Answer:
    """"in 2015", "early 2019", "the end of 2015": the year."""
    return f"{int(r.get('year')):04d}", DATE


def year_spoken(r: Reading) -> Answer:
    """"nineteen ninety-six": 1996; "the year two thousand": 2000."""
    if r.get("millennium"):
        return "2000", DATE
    rest = r.lex.number(r.get("rest"))
    if not isinstance(rest, (int, float)) or not 10 <= rest <= 99:
        return NOT_A_TIME
    return f"{int(r.lex.number(r.get('century'))) * 100 + int(rest):04d}", DATE


def the_year(r: Reading) -> Answer:
    """"the year": the anchor's year; "for the year ended Sept. 30" (a report's closing period): P1Y."""
    if not r.get("wholeyear"):
        return None
    if r.get("closed") is not None:
        return "P1Y", DURATION
    return (f"{r.anchor.year:04d}" if r.anchor else None), DATE


def year_end(r: Reading) -> Answer:
    """"by year-end", "since year end": the end of the anchor's year, or of the year before after
    "since"; the value of that year (TIMEX3 would add mod=END), none without an anchor."""
    if r.anchor is None:
        return None, DATE
    return f"{r.anchor.year - (1 if r.tense == SINCE else 0):04d}", DATE


def fiscal_year(r: Reading) -> Answer:
    """"fiscal 1990", "the 1990 fiscal year": 1990. TimeBank gives a fiscal year the value of
    the year it is named by (TIMEX3 has no fiscal-year value; "FY1990" was this stage's own)."""
    return f"{int(r.get('year')):04d}", DATE


def decade_full(r: Reading) -> Answer:
    """"the 1990s": 199."""
    dec = r.get("dec")
    return (dec[:3], DATE) if len(dec) == 4 else None


def decade_short(r: Reading) -> Answer:
    """"the '90s", "the 90s": the last such decade not after the anchor ("the 20s" in 2020 -> 202)."""
    return last_decade(int(r.get("dec")[0]), r.anchor), DATE


def decade_word(r: Reading) -> Answer:
    """"the nineties": like "the 90s"."""
    return last_decade(r.lex.decade_words[r.get("decword").lower()], r.anchor), DATE


def century(r: Reading) -> Answer:
    """"the 20th century", "the twentieth century": 19 (none beyond the 30th)."""
    n = int(r.get("cent")) if r.get("cent") else r.lex.ordinals.get((r.get("centword") or "").lower())
    if not n or not 1 <= n <= 30:
        return NOT_A_TIME
    return f"{n - 1:02d}", DATE


# --------------------------------------------------------------------------- seasons

#: Season start months (northern hemisphere): they place the season relative to the anchor.
_SEASON_START = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def _season(r: Reading) -> tuple[str, int | None]:
    code = r.lex.seasons[r.get("season").lower()]
    return code, r.lex.unit_modifiers.get((r.get("umod") or "").lower())


def season_with_year(r: Reading) -> Answer:
    """"summer 2019", "the summer of 2019": 2019-SU."""
    if r.get("year"):
        return f"{int(r.get('year')):04d}-{_season(r)[0]}", DATE
    return None


def season_unanchored(r: Reading) -> Answer:
    """"last summer" without a publication date: XXXX-SU."""
    return (f"XXXX-{_season(r)[0]}", DATE) if r.anchor is None else None


def season_this(r: Reading) -> Answer:
    """"this spring": the season of the anchor's year."""
    code, direction = _season(r)
    return (f"{r.anchor.year:04d}-{code}", DATE) if direction == 0 else None


def season_last(r: Reading) -> Answer:
    """"last summer": the latest such season that has ended."""
    code, direction = _season(r)
    if direction is not None and direction < 0:
        y = r.anchor.year if _SEASON_START[code] + 3 <= r.anchor.month else r.anchor.year - 1
        return f"{y:04d}-{code}", DATE
    return None


def season_next(r: Reading) -> Answer:
    """"next winter": the next such season that has not begun."""
    code, direction = _season(r)
    if direction is not None and direction > 0:
        y = r.anchor.year if _SEASON_START[code] > r.anchor.month else r.anchor.year + 1
        return f"{y:04d}-{code}", DATE
    return None


def season_nearest(r: Reading) -> Answer:
    """"in the spring": the season whose start lies nearest the anchor, in the direction of the tense."""
    code = _season(r)[0]
    y, _ = year_for_month(_SEASON_START[code], r.anchor, r.tense)
    return f"{y:04d}-{code}", DATE


# --------------------------------------------------------------------------- quarters and halves


def _is_last_quarter(r: Reading) -> bool:
    return not r.get("qnum") and (r.get("qword") or "").lower() == "last"


def quarter_last_of_year(r: Reading) -> Answer:
    """"the last quarter of 2019": 2019-Q4."""
    if _is_last_quarter(r) and r.get("year"):
        return f"{int(r.get('year')):04d}-Q4", DATE
    return None


def quarter_last(r: Reading) -> Answer:
    """"last quarter": the quarter before the anchor's (no value without an anchor)."""
    if _is_last_quarter(r):
        return (shift(r.anchor, -1, "quarter"), DATE) if r.anchor else (None, DATE)
    return None


def _quarter(r: Reading) -> int:
    return int(r.get("qnum")) if r.get("qnum") else r.lex.quarters[r.get("qword").lower()]


def quarter_of_year_named(r: Reading) -> Answer:
    """"this year's third quarter", "next year's first quarter": 1989-Q3, 1990-Q1 (from the anchor's year)."""
    if r.get("umod") and r.anchor is not None:
        y = r.anchor.year + r.lex.unit_modifiers[r.get("umod").lower()]
        return (f"{y:04d}-Q{_quarter(r)}" if 1 <= y <= 9999 else None), DATE
    return None


def quarter_with_year(r: Reading) -> Answer:
    """"the third quarter of 2020", "Q3 2020": 2020-Q3."""
    q = _quarter(r)
    return (f"{int(r.get('year')):04d}-Q{q}", DATE) if r.get("year") else None


def quarter_unanchored(r: Reading) -> Answer:
    """"the third quarter" without a publication date: XXXX-Q3."""
    q = _quarter(r)
    return (f"XXXX-Q{q}", DATE) if r.anchor is None else None


def quarter_nearest(r: Reading) -> Answer:
    """"the third quarter": this year's, unless it has not begun yet and the clause is not future (last year's)."""
    q, anchor = _quarter(r), r.anchor
    cur = (anchor.month - 1) // 3 + 1
    y = anchor.year if q <= cur or r.tense == FUTURE else anchor.year - 1
    return f"{y:04d}-Q{q}", DATE


def _half(r: Reading) -> int:
    return 1 if r.get("half").lower() == "first" else 2


def half_with_year(r: Reading) -> Answer:
    """"the first half of 2020": 2020-H1."""
    return (f"{int(r.get('year')):04d}-H{_half(r)}", DATE) if r.get("year") else None


def half_unanchored(r: Reading) -> Answer:
    """"the second half" without a publication date: XXXX-H2."""
    return (f"XXXX-H{_half(r)}", DATE) if r.anchor is None else None


def half_nearest(r: Reading) -> Answer:
    """"the second half": this year's, unless it has not begun yet (then last year's)."""
    h, anchor = _half(r), r.anchor
    y = anchor.year if h == 1 or anchor.month > 6 or r.tense == FUTURE else anchor.year - 1
    return f"{y:04d}-H{h}", DATE


# --------------------------------------------------------------------------- holidays


def holiday_unanchored(r: Reading) -> Answer:
    """"at Christmas" without a publication date: XXXX-12-25 (a weekday-rule holiday: no value)."""
    if r.anchor is None:
        name = r.get("holiday").lower()
        m, d = r.lex.holidays[name]
        return (None if name in r.lex.holiday_weekdays else f"XXXX-{m:02d}-{d:02d}"), DATE
    return None


def holiday_nearest(r: Reading) -> Answer:
    """"before Christmas", "on Thanksgiving Day": the year is chosen like any month-day without a year."""
    name = r.get("holiday").lower()
    m, d = r.lex.holidays[name]
    weekday = r.lex.holiday_weekdays.get(name)
    if weekday is None:
        return year_for_month_day(m, d, r.anchor, r.tense).isoformat(), DATE
    opts = []
    for y in (r.anchor.year - 1, r.anchor.year, r.anchor.year + 1):
        first = dt.date(y, m, d)
        opts.append(first + dt.timedelta(days=(weekday - first.isoweekday()) % 7))
    return nearest_date(opts, r.anchor, r.tense).isoformat(), DATE
