"""Which event mentions, across documents, report the same real-world event.

Two mentions are taken to report one event when they have the same PLOVER type,
the same modality (a denied attack is not the attack), the same set of actor
countries and of recipient countries, and compatible dates. This follows the
usual event-data practice of collapsing reports by (date, dyad, event code)
(GDELT's NumMentions/NumSources; ICEWS de-duplication by source, target, code
and day), loosened to tolerate the day-or-two drift between an event and its
reports and the coarser "last month" dates that articles give.
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..model import Actor

#: Two day-resolution dates at most this many days apart can be one event: a
#: report published the next morning often dates the event "yesterday" or "today".
WINDOW_DAYS = 1
#: The longest a date range can be, less a day: a leap year (for index range bounds).
MAX_SPAN_DAYS = 366

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")


@dataclass(frozen=True)
class DateRange:
    """The days an event date can mean: one day, a whole month, or a whole year."""

    start: dt.date
    end: dt.date
    resolution: str  # day | month | year

    @property
    def value(self) -> str:
        if self.resolution == "day":
            return self.start.isoformat()
        if self.resolution == "month":
            return self.start.isoformat()[:7]
        return str(self.start.year)


def date_range(value: str | None, fallback: dt.date | None = None) -> DateRange | None:
    """The range of a TIMEX3-style date value; the publication date when the value is unknown.

    Values the store cannot place on the calendar (``XXXX-10-18``, ``PRESENT_REF``,
    weeks) fall back to the publication date: the event was reported then.
    """
    v = (value or "").strip()
    try:
        if m := _DAY.match(v):
            d = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return DateRange(d, d, "day")
        if m := _MONTH.match(v):
            y, mo = int(m[1]), int(m[2])
            return DateRange(dt.date(y, mo, 1), dt.date(y, mo, calendar.monthrange(y, mo)[1]), "month")
        if m := _YEAR.match(v):
            y = int(m[1])
            return DateRange(dt.date(y, 1, 1), dt.date(y, 12, 31), "year")
    except ValueError:  # 2020-13-45 and the like
        pass
    if fallback is not None:
        return DateRange(fallback, fallback, "day")
    return None


def shift(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held at the ends of the calendar (0001-01-01, 9999-12-31).

    Feeds carry edge dates (Go's zero time 0001-01-01, "never" as 9999-12-31):
    plain ``date + timedelta`` raises OverflowError there, which rolled back the
    whole batch and stopped every rerun at the same document.
    """
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max if days > 0 else dt.date.min


def search_window(rng: DateRange, window: int = WINDOW_DAYS) -> tuple[dt.date, dt.date]:
    """(earliest, latest) day a stored event compatible with ``rng`` can touch."""
    return shift(rng.start, -window), shift(rng.end, window)


def compatible(a: DateRange | None, b: DateRange | None, window: int = WINDOW_DAYS) -> bool:
    """Whether two event dates can be the same event."""
    if a is None or b is None:
        return a is None and b is None  # undated only merges with undated
    if a.resolution == "day" and b.resolution == "day":
        return abs((a.start - b.start).days) <= window
    if "year" in (a.resolution, b.resolution):
        # A bare year says too little to join a dated report; years join years.
        return a.resolution == b.resolution and a.start == b.start
    # A month-resolution date ("in March") is compatible with any day in it.
    return (a.start.year, a.start.month) == (b.start.year, b.start.month)


def finer(a: DateRange | None, b: DateRange | None) -> DateRange | None:
    """The more precise of two compatible dates (the earlier one on ties)."""
    rank = {"day": 0, "month": 1, "year": 2}
    if a is None:
        return b
    if b is None:
        return a
    if rank[b.resolution] < rank[a.resolution]:
        return b
    if rank[b.resolution] == rank[a.resolution] and b.start < a.start:
        return b
    return a


def _norm(s: str | None) -> str:
    return " ".join((s or "").lower().split())


def actor_key(actor: Actor) -> str:
    """Canonical identity of an actor across documents.

    Countries and coded organisations are the same actor wherever they appear
    (their code says so); persons and uncoded groups are known by their name.
    """
    kind = actor.kind or "group"
    if kind == "country" and (actor.country or actor.code):
        return f"country:{actor.country or actor.code}"
    if kind == "organization" and actor.code and actor.code != actor.country:
        return f"organization:{actor.code}"
    code = actor.code or ""
    return f"{kind}:{code}:{_norm(actor.name)}"


@lru_cache(maxsize=1)
def _non_state() -> frozenset[str]:
    from .codes import _load

    return frozenset(str(c).upper() for c in _load("store", "aliases.yaml").get("non_state_countries") or ())


def party(actor: Actor | None) -> str:
    """How an actor counts in an event's dyad: its country, its organisation code, else its name."""
    if actor is None:
        return "?"
    if actor.country and actor.country.upper() in _non_state() and actor.code:
        return actor.code[:6]  # IGO + organisation: the EU and the UN stay apart
    return actor.country or actor.code or _norm(actor.name) or "?"


def dyad_side(actors: Iterable[Actor | None]) -> str:
    """One side of the dyad: the sorted set of its parties ("" when there is none)."""
    return "+".join(sorted({party(a) for a in actors}))
