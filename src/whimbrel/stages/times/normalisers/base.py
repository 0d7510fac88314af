"""What every normaliser shares: the reading it is given, its answers, and value helpers."""
from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Union

from ..anchoring import DATE, SET, TIME

if TYPE_CHECKING:
    from ..patterns import Candidate
    from ..vocab import Vocabulary


class _NotATime:
    """The answer of a normaliser that rules the match out ("February 31")."""

    def __repr__(self) -> str:
        return "NOT_A_TIME"


#: Answer meaning "this match names no real time": :func:`normalise` gives None.
NOT_A_TIME = _NotATime()

#: What a normaliser answers: (TIMEX3 value or None, type), NOT_A_TIME, or None (not mine: try the next).
Answer = Union[tuple[Union[str, None], str], _NotATime, None]


class Reading:
    """A candidate as a normaliser sees it: its captured parts (:meth:`get`), the
    vocabulary, the anchor (publication date, or None) and the clause's tense."""

    __slots__ = ("cand", "get", "lex", "anchor", "tense")

    def __init__(self, cand: Candidate, lex: Vocabulary, anchor: dt.date | None, tense: str) -> None:
        self.cand = cand
        self.get = cand.get
        self.lex = lex
        self.anchor = anchor
        self.tense = tense


def fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(n: float | str, unit: str, lex: Vocabulary | None = None) -> str | None:
    """TIMEX3 duration value: (3, "year") -> P3Y, (48, "hour") -> PT48H, ("X", "year") -> PXY."""
    if lex is None:
        from ..vocab import packaged

        lex = packaged()
    if unit not in lex.durations:
        return None
    if n == "X":
        return lex.vague_durations.get(unit)
    letter, mult, is_time = lex.durations[unit]
    qty = float(n) * mult
    if not qty.is_integer():  # half a year -> P6M, 2 1/2 years -> P2Y6M: the rest in the next smaller unit
        whole, rest = int(qty), qty - int(qty)
        if letter == "Y":
            return f"P{whole}Y{fmt_num(rest * 12)}M" if whole else f"P{fmt_num(qty * 12)}M"
        if letter == "H":
            return f"PT{whole}H{fmt_num(rest * 60)}M" if whole else f"PT{fmt_num(qty * 60)}M"
        if letter == "D":
            return f"P{whole}DT{fmt_num(rest * 24)}H" if whole else f"PT{fmt_num(qty * 24)}H"
        if letter == "W":
            return f"P{fmt_num(qty * 7)}D"
    return f"P{'T' if is_time else ''}{fmt_num(qty)}{letter}"


def month_num(text: str | None, lex: Vocabulary) -> int | None:
    """The number of a month name or abbreviation ("Oct." -> 10)."""
    if not text:
        return None
    return lex.months.get(text.lower().rstrip("."))


def day_number(get, lex: Vocabulary) -> int | None:
    """The day of a month-day in digits or words ("18th", "the eighteenth")."""
    if get("day"):
        return int(get("day"))
    if get("dayword"):
        return lex.ordinals.get(get("dayword").lower())
    return None


def with_part(value: str | None, part: str | None, lex: Vocabulary) -> tuple[str | None, str]:
    """A day value with a part of the day ("Tuesday night" -> 2020-11-17TNI, a TIME)."""
    if part and value:
        return f"{value}T{lex.parts_of_day[part.lower()]}", TIME
    return value, (TIME if part else DATE)


def with_part_set(value: str, part: str | None, lex: Vocabulary) -> tuple[str, str]:
    """A set value with a part of the day ("every Monday morning" -> XXXX-WXX-1TMO)."""
    return (f"{value}T{lex.parts_of_day[part.lower()]}" if part else value), SET
