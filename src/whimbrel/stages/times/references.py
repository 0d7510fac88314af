"""Times dated from each other within a document: the story's reference time, and a clock time joined to its day."""
from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from spacy.tokens import Span

from ... import syntax
from ...model import Time
from .anchoring import DATE, DURATION, RE_PERIOD_ONLY, RE_REF_DAY, RE_REF_PERIOD, SET, TIME, shift_reference

if TYPE_CHECKING:
    from .patterns import Candidate
    from .vocab import Vocabulary

#: Dependents that make "the day after [the election]" count from an event the text names.
_EVENT_OBJECTS = frozenset({syntax.pobj, syntax.pcomp})


def _counts_from_reference(cand: Candidate, lex: Vocabulary) -> tuple[str, float | str | None] | None:
    """(direction word, count) of an expression dated from the reference time, else None."""
    if cand.kind == "refunit":
        return (cand.get("rdir") or cand.get("that") or "").lower(), 1
    word = (cand.get("ago") or "").lower()
    if cand.kind == "ago" and word in lex.later_words and word not in lex.duration_signals:
        return cand.get("ago").lower(), lex.number(cand.get("num") or "")
    return None


#: A quarter or half: the reporting period a business story compares with "a year ago".
_RE_REPORT_PERIOD = re.compile(r"^\d{4}-(?:Q[1-4]|H[12])$")


def _report_period_shift(t: Time, cand: Candidate, period_ref: str | None, lex: Vocabulary) -> Time | None:
    """"a year ago" in a story about a quarter's results: that quarter a year before (TimeBank's
    1988-Q3 for "profit rose from $5 million a year ago" after "third-quarter profit" in 1989);
    "the quarter" is the quarter being reported. None when no reporting period was named before."""
    if period_ref is None or not _RE_REPORT_PERIOD.match(period_ref):
        return None
    if cand.kind == "theperiod" and cand.get("wholeyear"):
        return None  # "the year": the anchor's (normalisers.calendar.the_year)
    if cand.kind == "theperiod":  # "the quarter", "the 1988 period"
        value = (cand.get("year") or period_ref[:4]) + period_ref[4:] if period_ref[5] == "Q" else None
        return Time(span=t.span, value=value, type=t.type)
    if cand.kind != "ago" or (cand.get("ago") or "").lower() not in lex.ago_words:
        return None
    n = lex.number(cand.get("num") or "")
    if lex.unit_forms.get((cand.get("unit") or "").lower()) != "year" or not isinstance(n, (int, float)) \
            or not float(n).is_integer():
        return None
    return Time(span=t.span, value=shift_reference(period_ref, -int(n), "year"), type=t.type)


def _shifted(t: Time, cand: Candidate, span: Span, word: str, n, ref: str | None, period_ref: str | None,
             lex: Vocabulary) -> Time:
    """``t`` dated ``n`` units (the candidate's) in the direction of ``word`` from the reference time."""
    if cand.get("wday"):
        return _weekday_from(t, cand, ref, lex)
    value = None
    unit = (cand.get("unit") or cand.get("yearadj") or "").lower()
    part = lex.parts_of_day.get(unit)
    unit = "day" if part else lex.unit_forms.get(unit, unit)
    event_anchor = any(c.dep in _EVENT_OBJECTS for c in span[-1].children)
    if ref and isinstance(n, (int, float)) and float(n).is_integer() and not event_anchor:
        step = int(n) * lex.reference_shifts.get(word, 0)
        base = period_ref if unit == "year" and period_ref and step else ref
        value = shift_reference(base, step, unit)
        if value and not step and unit == "year":
            value = value[-4:] if value.startswith("FY") else value[:4]  # "that year" after "the third quarter"
        if value and part:
            value = f"{value}T{part}"
        if value and unit == "year" and cand.get("qword") and value[:4].isdigit():
            value = f"{value[:4]}-Q{lex.quarters[cand.get('qword').lower()]}"  # "the year-ago third quarter"
    return Time(span=t.span, value=value, type=TIME if part and value else t.type)


def _weekday_from(t: Time, cand: Candidate, ref: str | None, lex: Vocabulary) -> Time:
    """"the previous Friday": the Friday before the reference day (after it for "the following")."""
    m = RE_REF_DAY.match(ref or "")
    if m is None:
        return t
    day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    step = lex.reference_shifts.get((cand.get("rdir") or "").lower(), -1)
    wday = lex.weekdays[cand.get("wday").lower()]
    gap = ((day.isoweekday() - wday) % 7 or 7) if step < 0 else ((wday - day.isoweekday()) % 7 or 7)
    return Time(span=t.span, value=(day + dt.timedelta(days=gap * (1 if step > 0 else -1))).isoformat(), type=t.type)


def resolve_references(found: list[tuple[Time, Candidate, Span]], lex: Vocabulary,
                       anchor: dt.date | None = None) -> list[tuple[Time, Candidate, Span]]:
    """Date the expressions that count from the narrative's reference time.

    "three days later", "the day before", "the following year", "the
    year-earlier period" shift the last calendar date mentioned before them
    (Reichenbach's reference time, as in news narrative: "Troops attacked on
    Saturday, and the day before ..."). Expressions resolved this way do not
    become references themselves, so "a year earlier ... the year-earlier
    period" both count from the same quarter. "the day after the election"
    counts from an event the text names, not from a date: no value.
    """
    out: list[tuple[Time, Candidate, Span]] = []
    ref: str | None = None
    # "the (first) nine months": a stretch of the year to date; after it, "a year earlier" compares
    # with the year before (TimeBank's 1988, not 1988-Q3) and "the year-earlier period" is the
    # same stretch (P9M).
    stretch: str | None = None
    # A year's shift compares reporting periods ("a year earlier", "the year-ago
    # quarter"): it counts from the latest quarter, half, season or fiscal year
    # when there is one, not from the day the results were announced.
    period_ref: str | None = None
    for t, cand, span in sorted(found, key=lambda f: f[0].span):
        if stretch is not None and cand.kind == "refunit" and _compares(cand):
            out.append((Time(span=t.span, value=stretch, type=DURATION), cand, span))
            continue
        if _year_to_date(t, cand):
            stretch, period_ref = t.value, (period_ref[:4] if period_ref and period_ref[:4].isdigit() else None)
            out.append((t, cand, span))
            continue
        reported = _report_period_shift(t, cand, period_ref, lex)
        if reported is not None:
            out.append((reported, cand, span))
            continue
        counted = _counts_from_reference(cand, lex)
        if counted is None:
            out.append((t, cand, span))
            if t.value and t.type in (DATE, TIME) and (RE_REF_DAY.match(t.value) or RE_REF_PERIOD.match(t.value)):
                ref = t.value
                if RE_PERIOD_ONLY.match(t.value):
                    period_ref, stretch = t.value, None
            continue
        word, n = counted
        # "by mid afternoon" before any day is named: that part of the publication day
        start = ref or (anchor.isoformat() if anchor and cand.get("unit", "").lower() in lex.parts_of_day
                        and not cand.get("rdir") else None)
        if start is None and anchor and word == "last":
            start = f"{anchor.year:04d}"  # "the same period last year" with no period named: the year before
        out.append((_shifted(t, cand, span, word, n, start, period_ref, lex), cand, span))
    return out


#: A stretch of months within a year: "the nine months", "the first six months".
_RE_MONTHS = re.compile(r"^P(?:[1-9]|1[01])M$")


def _year_to_date(t: Time, cand: Candidate) -> bool:
    """"the first nine months", "the latest nine months", "the nine months (ended Sept. 30)": a
    reporting stretch of months, named with its article (not "a three-month delay")."""
    if t.type != DURATION or not t.value or not _RE_MONTHS.match(t.value):
        return False
    if cand.kind == "pastn":
        return (cand.get("umod") or "").lower() in ("first", "latest")
    return cand.kind == "duration" and t.span[0] < cand.start  # the article joined in extract


def _compares(cand: Candidate) -> bool:
    """"the year-earlier period", "the year-ago nine months": the comparison period of a report."""
    return (cand.get("rdir") or "").lower() in ("earlier", "ago", "before") and (cand.get("unit") or "") == "year" \
        and not cand.get("yearadj")


_RE_CLOCK_ONLY = re.compile(r"^T\d{2}:\d{2}$")
#: A clock time without its day ("T10:35", "T17"), as the clock normalisers give it.
_RE_BARE_CLOCK = re.compile(r"^T\d{2}(?::\d{2})?$")
_RE_DAY_ONLY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")


def join_clock_and_day(text: str, times: list[Time]) -> list[Time]:
    """"3 p.m. Thursday", "noon today": a clock time followed directly by its day
    is one TIMEX3 of type TIME with the day's date (2019-11-07T15:00)."""
    times = sorted(times, key=lambda t: t.span)
    out: list[Time] = []
    i = 0
    while i < len(times):
        a = times[i]
        b = times[i + 1] if i + 1 < len(times) else None
        if b is not None and a.type == TIME and a.value and _RE_CLOCK_ONLY.match(a.value) \
                and b.value and _RE_DAY_ONLY.match(b.value) and not text[a.span[1]:b.span[0]].strip():
            out.append(Time(span=(a.span[0], b.span[1]), value=b.value + a.value, type=TIME))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def date_clock_times(times: list[Time], sentences: list[tuple[int, int]], anchor: dt.date | None) -> list[Time]:
    """"at about 10:35 a.m. (0735 GMT) Friday", "closed at 7:15 p.m.": TimeML dates a clock time
    (TimeBank's 1998-08-07T10:35, never a bare T10:35): by the day named nearest to it in its
    sentence, else by the publication date. A clock time in a sentence with a set ("open every
    day from 9 a.m.") names no one day and stays bare, as does one without an anchor."""
    times = sorted(times, key=lambda t: t.span)
    out: list[Time] = []
    for t in times:
        if t.value and _RE_BARE_CLOCK.match(t.value):
            sent = next(((s, e) for s, e in sentences if s <= t.span[0] < e), (t.span[0], t.span[1]))
            same = [o for o in times if o is not t and sent[0] <= o.span[0] < sent[1]]
            if any(o.type == SET for o in same):
                out.append(t)
                continue
            days = [o for o in same if o.value and RE_REF_DAY.match(o.value)]
            near = min(days, key=lambda o: min(abs(o.span[0] - t.span[1]), abs(t.span[0] - o.span[1])), default=None)
            day = near.value[:10] if near is not None else (anchor.isoformat() if anchor else None)
            out.append(Time(span=t.span, value=day + t.value, type=t.type) if day else t)
            continue
        out.append(t)
    return out
