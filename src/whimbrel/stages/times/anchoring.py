"""Calendar arithmetic anchored to a date: the publication date, or an earlier time of the story.

Pure functions of dates and TIMEX3 values, no text and no syntax. Calendar
dates without a year follow the news convention described by Mani & Wilson
(2000, "Robust temporal processing of news"): the year is chosen so the date
lies nearest the anchor, with a past bias, because news mostly reports what
already happened; a future-tense verb ("will meet on December 20") picks the
next occurrence instead.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any

#: TIMEX3 types.
DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"
#: Tenses of the clause a time expression sits in (see :mod:`.tense`).
PAST, PRESENT, FUTURE, UNKNOWN = "past", "present", "future", "unknown"
#: Past without exception: the object of "since" ("since March" is never the next March).
SINCE = "since"

#: A day value, possibly with a time of day: the reference time of the story moves to it.
RE_REF_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
#: Reporting periods: a year's shift from the story's reference time counts from the latest one.
RE_PERIOD_ONLY = re.compile(r"^(?:FY\d{4}|\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI))$")
#: A year, fiscal year, quarter, half, season or month value.
RE_REF_PERIOD = re.compile(r"^(FY)?(\d{4})(?:-(Q[1-4]|H[12]|SP|SU|FA|WI|\d{2}))?$")


def anchor_of(value: Any) -> dt.date | None:
    """The anchor date of ``doc._.published`` (a date, datetime or ISO string), or None."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    """The date (y, m, d), or None when it does not exist."""
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _pick(candidates: list[Any], anchor: Any, tense: str, dist, window: tuple[int, int] | None = None) -> Any:
    """Choose among dated readings: past tense -> latest on/before the anchor,
    future -> earliest after it, otherwise nearest with a past bias (a future
    reading counts double the distance, since news mostly reports past events).

    ``window`` (far, near), in ``dist``'s units: a past-tense clause still takes the
    reading just ahead (within ``near``) when the past one lies beyond ``far``: "the
    accession was planned for early March" written in February is this March."""
    if not candidates:
        return None
    if tense in (PAST, SINCE):
        past = [c for c in candidates if c <= anchor]
        ahead = [c for c in candidates if c > anchor]
        if past and window and ahead and tense == PAST and dist(max(past), anchor) > window[0] \
                and dist(min(ahead), anchor) <= window[1]:
            return min(ahead)
        if past:
            return max(past)
    if tense == FUTURE:
        fut = [c for c in candidates if c >= anchor]
        if fut:
            return min(fut)
    return min(candidates, key=lambda c: dist(c, anchor) * (2 if c > anchor else 1))


def year_for_month_day(month: int, day: int, anchor: dt.date, tense: str = UNKNOWN) -> dt.date | None:
    """The full date of a month-day written without a year, anchored to ``anchor``."""
    opts = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := safe_date(y, month, day))]
    return _pick(opts, anchor, tense, lambda a, b: abs((a - b).days), window=(183, 31))


def nearest_date(dates: list[dt.date], anchor: dt.date, tense: str = UNKNOWN) -> dt.date | None:
    """The reading among ``dates`` (one per year) that a month-day without a year would take."""
    return _pick(dates, anchor, tense, lambda a, b: abs((a - b).days), window=(183, 31))


def year_for_month(month: int, anchor: dt.date, tense: str = UNKNOWN) -> tuple[int, int]:
    """(year, month) of a month named alone ("in October"), anchored to ``anchor``."""
    here = (anchor.year, anchor.month)
    opts = [(y, month) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick(opts, here, tense, lambda a, b: abs((a[0] - b[0]) * 12 + a[1] - b[1]), window=(6, 1))


def weekday_date(weekday: int, anchor: dt.date, tense: str = UNKNOWN, direction: int | None = None) -> dt.date:
    """The date of a weekday (ISO number) near ``anchor``.

    News convention: "on Tuesday" in a past-tense clause is the most recent
    Tuesday on or before the publication date; with a future verb or "next" it is
    the next Tuesday after it; "last Tuesday" is the most recent one before it.
    """
    back = (anchor.isoweekday() - weekday) % 7  # days back to the most recent such day (0 = today)
    fwd = (weekday - anchor.isoweekday()) % 7 or 7  # days forward to the next one, strictly after
    if direction is None and tense == FUTURE and back == 0:
        return anchor  # wire style names the day, not "today": "will travel Thursday" written on a Thursday
    if direction == -1:
        return anchor - dt.timedelta(days=back or 7)
    if direction == 1 or (direction is None and tense == FUTURE) or (direction == 0 and tense == FUTURE):
        return anchor + dt.timedelta(days=fwd)
    if tense in (PAST, SINCE, UNKNOWN) or direction == 0 and tense != PRESENT:
        return anchor - dt.timedelta(days=back)
    # Present tense ("talks open on Friday"): the nearest one, ties to the past.
    return anchor + dt.timedelta(days=fwd) if 2 * fwd < back else anchor - dt.timedelta(days=back)


def week(d: dt.date) -> str:
    """The ISO week of ``d`` as a TIMEX3 value (2020-W47)."""
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    """(year, month) ``n`` months from (y, m)."""
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def last_decade(digit: int, anchor: dt.date | None) -> str:
    """The last decade ending in ``digit`` that begins no later than the anchor's year
    ("the 90s" -> 199; "the 20s" in 2020 -> 202; 2000 stands in for an unknown anchor)."""
    ref = anchor.year if anchor else 2000
    century = ref // 100
    if century * 100 + digit * 10 > ref:
        century -= 1
    return f"{century:02d}{digit}"


def shift(anchor: dt.date, n: int, unit: str) -> str | None:
    """The calendar unit ``n`` units away from ``anchor``, at that unit's resolution.

    ("day", -2) -> the date two days back; ("week", -1) -> last week's ISO week;
    ("month", 1) -> next month; ("year", 0) -> this year; ("decade", -1) -> "201".
    """
    if unit in ("day", "night"):
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit in ("week", "fortnight"):
        return week(anchor + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "weekend":
        return week(anchor + dt.timedelta(weeks=n)) + "-WE"
    if unit == "month":
        y, m = shift_month(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + n
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + n:02d}"
    if unit in ("hour", "minute", "second"):
        return anchor.isoformat()  # "two hours ago": the anchor day; the hour is unknown
    return None


def shift_reference(ref: str, n: int, unit: str) -> str | None:
    """The value ``n`` units from a reference value ``ref``, or None when the
    reference is too coarse for the unit ("the day before" a month).

    A year's shift keeps a quarter, half, season or fiscal year ("a year
    earlier" than 1989-Q3 is 1988-Q3, the period business reports compare
    with); from a day or month it gives the year.
    """
    if m := RE_REF_DAY.match(ref):
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return shift(day, n, unit)
        except (ValueError, OverflowError):
            return None
    m = RE_REF_PERIOD.match(ref)
    if m is None:
        return None
    fy, y, sub = m.group(1), int(m.group(2)), m.group(3)
    if unit == "year":
        if sub and not sub.isdigit():
            return f"{y + n:04d}-{sub}"
        return f"{'FY' if fy else ''}{y + n:04d}"
    if fy:
        return None
    if unit == "month" and sub and sub.isdigit():
        yy, mm = shift_month(y, int(sub), n)
        return f"{yy:04d}-{mm:02d}"
    if unit == "quarter" and sub and sub.startswith("Q"):
        return shift(dt.date(y, (int(sub[1]) - 1) * 3 + 1, 1), n, "quarter")
    return None
