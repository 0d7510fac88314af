"""From a candidate to its TIMEX3 value: an ordered table of small normalisers.

:data:`NORMALISERS` lists, in order, the pattern kinds each normaliser reads
and the function. :func:`normalise` tries the normalisers of a candidate's kind
in that order; the first that answers wins. A normaliser answers
``(value, type)`` (value None when the expression has no value without more
context), :data:`NOT_A_TIME` (the match names no real time, "February 31"), or
None to pass to the next one. The last normaliser of every kind always answers.

Pure: the inputs are the candidate, the anchor (``doc._.published``; None when
unknown) and the tense of the clause (:mod:`..tense`). Without an anchor,
calendar dates keep an underspecified year (``XXXX-10-18``), weekdays become
``XXXX-WXX-2``, and expressions that only make sense relative to the anchor
("yesterday", "last week", "two days ago") get ``value=None``; reference words
("now" -> ``PRESENT_REF``), absolute dates and durations keep their values.
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING

from ..anchoring import UNKNOWN
from . import calendar as cal
from . import periods as per
from . import relative as rel
from .base import NOT_A_TIME, Answer, Reading, duration_value

if TYPE_CHECKING:
    from ..patterns import Candidate
    from ..vocab import Vocabulary

Normaliser = Callable[[Reading], Answer]

#: (pattern kinds, normaliser), tried in this order for a candidate of one of the kinds.
NORMALISERS: tuple[tuple[tuple[str, ...], Normaliser], ...] = (
    (("iso",), cal.iso_impossible),
    (("iso",), cal.iso_with_clock),
    (("iso",), cal.iso_date),
    (("numeric",), cal.numeric_date),
    (("md", "dm"), cal.monthday_impossible),
    (("md", "dm"), cal.monthday_with_year),
    (("md", "dm"), cal.monthday_never),
    (("md", "dm"), cal.monthday_unanchored),
    (("md", "dm"), cal.monthday_weekday),
    (("md", "dm"), cal.monthday_nearest),
    (("my",), cal.month_year),
    (("month",), cal.month_unknown),
    (("month",), cal.month_unanchored),
    (("month",), cal.month_last),
    (("month",), cal.month_next),
    (("month",), cal.month_this),
    (("month",), cal.month_nearest),
    (("decade",), cal.decade_full),
    (("decade",), cal.decade_short),
    (("decade_word",), cal.decade_word),
    (("century",), cal.century),
    (("season",), cal.season_with_year),
    (("season",), cal.season_unanchored),
    (("season",), cal.season_this),
    (("season",), cal.season_last),
    (("season",), cal.season_next),
    (("season",), cal.season_nearest),
    (("quarter",), cal.quarter_last_of_year),
    (("quarter",), cal.quarter_last),
    (("quarter",), cal.quarter_of_year_named),
    (("quarter",), cal.quarter_with_year),
    (("quarter",), cal.quarter_unanchored),
    (("quarter",), cal.quarter_nearest),
    (("deictic",), rel.deictic_unanchored),
    (("deictic",), rel.deictic_day),
    (("tonight",), rel.tonight),
    (("lastnight",), rel.night_before),
    (("thispart",), rel.this_part_of_day),
    (("weekday",), rel.weekday_plural),
    (("weekday",), rel.weekday_unanchored),
    (("weekday",), rel.weekday_dated),
    (("relunit",), rel.relunit_plural),
    (("relunit",), rel.relunit_stretch),
    (("relunit",), rel.relunit_past),
    (("relunit",), rel.relunit_unanchored),
    (("relunit",), rel.relunit_point),
    (("pastn", "duration"), per.counted_duration),
    (("ago",), rel.ago_unknown_number),
    (("ago",), rel.ago_measured),
    (("ago",), rel.ago_undated),
    (("ago",), rel.ago_decades),
    (("ago",), rel.ago_shift),
    (("every",), per.every_month_or_season),
    (("every",), per.every_weekday),
    (("every",), per.every_unit),
    (("freq",), per.frequency),
    (("setword",), per.set_word),
    (("vaguedur",), per.vague_duration),
    (("clock",), per.clock_ampm),
    (("clock24", "clockmil"), per.clock_24h),
    (("clockword",), per.clock_word),
    (("oclock",), per.oclock),
    (("ref",), per.reference),
    (("year", "yearmod"), cal.year),
    (("half",), cal.half_with_year),
    (("half",), cal.half_unanchored),
    (("half",), cal.half_nearest),
    (("edge",), rel.edge_unanchored),
    (("edge",), rel.edge_of_unit),
    (("fiscal",), cal.fiscal_year),
    (("yearend",), cal.year_end),
    (("theweekend",), rel.weekend_unanchored),
    (("theweekend",), rel.weekend_ahead),
    (("theweekend",), rel.weekend_behind),
    (("theweekend",), rel.weekend_this),
    (("overnight",), rel.night_before),
    (("holiday",), cal.holiday_unanchored),
    (("holiday",), cal.holiday_nearest),
    (("theperiod",), cal.the_year),
    (("theperiod",), rel.latest_period),
    (("theperiod",), rel.quarter_unspecified),
    (("theperiod",), rel.period_of_year),
    (("refunit", "theperiod"), rel.counted_from_reference),
    (("yearword",), cal.year_spoken),
)


def _by_kind() -> dict[str, tuple[Normaliser, ...]]:
    kinds: dict[str, list[Normaliser]] = {}
    for names, fn in NORMALISERS:
        for kind in names:
            kinds.setdefault(kind, []).append(fn)
    return {kind: tuple(fns) for kind, fns in kinds.items()}


#: The normalisers of each kind, in table order (built once).
BY_KIND = _by_kind()


def normalise(cand: Candidate, anchor: dt.date | None, tense: str = UNKNOWN,
              lex: Vocabulary | None = None) -> tuple[str | None, str] | None:
    """The (TIMEX3 value, type) of a candidate, or None when it is not a time expression.

    ``anchor`` is the publication date (None when unknown); ``tense`` is the
    tense of the clause the expression sits in (past/present/future/unknown).
    """
    if lex is None:
        from ..vocab import packaged

        lex = packaged()
    reading = Reading(cand, lex, anchor, tense)
    try:
        for fn in BY_KIND[cand.kind]:
            answer = fn(reading)
            if answer is not None:
                return None if answer is NOT_A_TIME else answer
    except (ValueError, KeyError, TypeError, OverflowError):  # a malformed match is no time, not a crash
        return None
    return None


__all__ = ["BY_KIND", "NORMALISERS", "NOT_A_TIME", "Normaliser", "Reading", "duration_value", "normalise"]
