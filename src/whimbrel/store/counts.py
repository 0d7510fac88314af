"""Events per month for a dyad or any filter (``whimbrel query dyad-counts``, ``/api/dyad-counts``).

A filter of a dyad alone (two actors, optionally a date range and ``all_modalities``)
is read from ``event_dyads``' index (store/dyads.py): one range per pair of actor ids,
no event row touched. Any other filter counts the events rows it selects. Both sum
in the database per (month, type, recorded type, quad class), so a busy dyad's
thousands of events cost no Python per event.
"""
from __future__ import annotations

import re
from typing import Any

from sqlalchemy import and_, func, select, true
from sqlalchemy.engine import Engine

from .dyads import dyad_rows
from .modality import coded_scores
from .query import EventFilter, _actor_ids, _date, _event_parts, events

#: Filter fields the index of event_dyads answers by itself.
_DYAD_ONLY = {"actor", "recipient", "dyad", "since", "until", "all_modalities"}


def dyad_counts(engine: Engine, actor: str | None = None, recipient: str | None = None,
                f: EventFilter | None = None) -> list[dict[str, Any]]:
    """Events per month for a dyad (or any filter): counts by quad class and type, cooperation vs
    conflict, every month from the first to the last (or the filter's since/until) with the
    months without events as zeros.

    Cooperation is quad classes 1-2, conflict 3-4; ``goldstein`` is the month's
    summed conflict/cooperation score, ``mentions`` its summed NumMentions; ``types``
    counts the recorded type (a future COOPERATE is an AGREE).
    """
    f = f or EventFilter()
    if actor:
        f.actor = actor
    if recipient:
        f.recipient = recipient
    _event_parts(f)  # a bad filter is a QueryError before any query runs
    months: dict[str, dict[str, Any]] = {}
    with engine.connect() as conn:
        for r in conn.execute(_groups(conn, f)):
            _add(months, r)
    from .analyst import month_range

    return [months.get(k) or _empty_month(k) for k in month_range(sorted(months), f.since, f.until)]


def _pair(f: EventFilter) -> tuple[str, str] | None:
    """The dyad's two terms when the filter is that dyad alone (and dates), else None."""
    used = {k for k, v in vars(f).items() if v not in (None, "", False)}
    if not used <= _DYAD_ONLY:
        return None
    if f.dyad and not (f.actor or f.recipient):
        parts = [p for p in re.split(r"[,;]", str(f.dyad)) if p.strip()]
        return (parts[0], parts[1]) if len(parts) == 2 else None
    if f.actor and f.recipient and not f.dyad:
        return f.actor, f.recipient
    return None


def _groups(conn, f: EventFilter):
    """SELECT month, event_type, coded, quad_class, n, goldstein, mentions: the filter's dated
    events summed per group."""
    pair = _pair(f)
    if pair is not None:
        ids = [sorted(conn.execute(_actor_ids(term)).scalars()) for term in pair]
        t = dyad_rows(ids[0], ids[1], _date(f.since, "since"), _date(f.until, "until"),
                      codable_only=not f.all_modalities)
        cols = t.c
        where: list = []
    else:
        sets, other = _event_parts(f, conn)
        cols = events.c
        where = [events.c.id.in_(q) for q in sets] + other + [events.c.date_start.is_not(None)]
        t = events
    month = _month_of(conn, cols.date_start)
    keys = (month, cols.event_type, cols.coded, cols.quad_class)
    return (select(month.label("month"), cols.event_type, cols.coded, cols.quad_class, func.count().label("n"),
                   func.sum(cols.goldstein).label("goldstein"), func.sum(cols.num_mentions).label("mentions"))
            .select_from(t).where(and_(true(), *where)).group_by(*keys).order_by(*keys))


def _add(months: dict[str, dict[str, Any]], r) -> None:
    """Add one group's sums to its month."""
    # A re-coded event takes its recorded type's constant scores (coded_scores).
    quad, goldstein = coded_scores(r.event_type, r.coded, r.quad_class, r.goldstein)
    if r.coded and r.coded != r.event_type and goldstein is not None:
        goldstein *= r.n
    m = months.setdefault(r.month, _empty_month(r.month))
    m["events"] += r.n
    t = r.coded or r.event_type
    m["types"][t] = m["types"].get(t, 0) + r.n
    if quad in (1, 2):
        m["cooperation"] += r.n
    elif quad in (3, 4):
        m["conflict"] += r.n
    if quad:
        m["quad"][str(quad)] += r.n
    m["goldstein"] = round(m["goldstein"] + float(goldstein or 0.0), 2)
    m["mentions"] += int(r.mentions or 0)


def _month_of(conn, column) -> Any:
    """SQL for the ``YYYY-MM`` of a date column (SQLite keeps dates as ISO text)."""
    if conn.dialect.name == "postgresql":
        return func.to_char(column, "YYYY-MM")
    return func.substr(column, 1, 7)


def _empty_month(key: str) -> dict[str, Any]:
    return {"month": key, "events": 0, "cooperation": 0, "conflict": 0, "quad": {"1": 0, "2": 0, "3": 0, "4": 0},
            "types": {}, "goldstein": 0.0, "mentions": 0}
