"""The writer's events of a batch, read and written once per batch (PostgreSQL's writer).

On PostgreSQL every statement is a round trip: the per-mention candidate SELECT, the SELECT of
a joined event's row and the per-event INSERT or UPDATE were about 155 of a batch's 227
statements (docs/scale.md, round 4). :class:`BatchEvents` reads a batch's candidates in one
statement and writes its events at the batch's end, with the same outcome.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, bindparam, insert, or_, select, update

from ..model import Actor, Analysis, Event
from . import merge
from .schema import events

_INSERT_EVENTS = insert(events).returning(events.c.id, sort_by_parameter_order=True)
#: UPDATE events SET <the keys of the parameters> WHERE id = :_id
_UPDATE_EVENT = update(events).where(events.c.id == bindparam("_id"))


def _event_key(ev: Event, actor_by_id: dict[str, Actor]) -> tuple[str, str, str, str]:
    """(type, modality, actor key, recipient key): the merged event a mention may join is one of its key's."""
    side_a = [actor_by_id[x] for x in ev.actor if x in actor_by_id]
    side_r = [actor_by_id[x] for x in ev.recipient if x in actor_by_id]
    return ev.event, ev.modality, merge.dyad_side(side_a)[:600], merge.dyad_side(side_r)[:600]


class _Pending:
    """A merged event of the batch: its row (stored: as read; new: the INSERT's values) and id
    (a new one's is a placeholder, ``-n``, until the batch's INSERT gives it its id)."""

    __slots__ = ("id", "order", "row")

    def __init__(self, id: int, order: tuple[int, int], row: dict) -> None:
        self.id, self.order, self.row = id, order, row


class BatchEvents:
    """The merge candidates of a whole batch, read in one statement, and its event writes, made
    at the batch's end: one multi-row INSERT of the new events (ids in creation order, as one
    INSERT per event gave) and one UPDATE per set of changed columns of the stored ones.

    Every stored event a mention of the batch could join (its key, its date within the window
    of one of the key's mentions, or undated) is read at the start; the events the batch
    creates or changes are kept here, so each mention sees what a SELECT of its own would have
    seen after the batch's earlier mentions, and picks the same event (earliest id first, new
    events after stored ones in creation order). An event outside every window is never a
    candidate and is never changed (only candidates are merged into and re-dated).

    On PostgreSQL the per-mention SELECT, the SELECT of a joined event's row and the per-event
    INSERT or UPDATE were about 155 of a batch's 245 round trips (docs/scale.md, round 4).
    """

    #: Keys per candidate statement (each key binds 6 values).
    KEYS_PER_STATEMENT = 150

    def __init__(self, conn: Connection, analyses: Iterable[Analysis]) -> None:
        windows: dict[tuple, list] = {}  # key -> [earliest first day, latest day, any undated]
        for analysis in analyses:
            by_id = {a.id: a for a in analysis.actors}
            for ev in analysis.events:
                key = _event_key(ev, by_id)
                w = windows.setdefault(key, [None, None, False])
                rng = merge.date_range(ev.date.value if ev.date else None, analysis.document.published)
                if rng is None:
                    w[2] = True
                    continue
                lo, hi = merge.search_window(rng)
                first = merge.shift(lo, -merge.MAX_SPAN_DAYS)
                w[0] = first if w[0] is None else min(w[0], first)
                w[1] = hi if w[1] is None else max(w[1], hi)
        self.by_key: dict[tuple, list[_Pending]] = {key: [] for key in windows}
        self.new: list[_Pending] = []
        self.changed: dict[int, dict] = {}
        items = sorted(windows.items())
        for i in range(0, len(items), self.KEYS_PER_STATEMENT):
            conds = []
            for (t, m, a, r), (first, hi, undated) in items[i:i + self.KEYS_PER_STATEMENT]:
                when = []
                if first is not None:
                    when.append(and_(events.c.date_start >= first, events.c.date_start <= hi))
                if undated:
                    when.append(events.c.date_start.is_(None))
                conds.append(and_(events.c.event_type == t, events.c.modality == m, events.c.actor_key == a,
                                  events.c.recipient_key == r, or_(*when)))
            for row in conn.execute(select(events).where(or_(*conds))).mappings():
                key = (row["event_type"], row["modality"], row["actor_key"], row["recipient_key"])
                self.by_key[key].append(_Pending(row["id"], (0, row["id"]), dict(row)))

    def candidates(self, key: tuple, rng: merge.DateRange | None) -> list[_Pending]:
        """What ``_EVENTS_UNDATED`` / ``_EVENTS_NEAR`` select for ``key`` and ``rng`` now."""
        rows = self.by_key.get(key, [])
        if rng is None:
            out = [p for p in rows if p.row["date_start"] is None]
        else:
            lo, hi = merge.search_window(rng)
            first = merge.shift(lo, -merge.MAX_SPAN_DAYS)
            out = [p for p in rows if p.row["date_start"] is not None and first <= p.row["date_start"] <= hi
                   and p.row["date_end"] is not None and p.row["date_end"] >= lo]
        return sorted(out, key=lambda p: p.order)

    def create(self, key: tuple, row: dict) -> _Pending:
        p = _Pending(-(len(self.new) + 1), (1, len(self.new)), row)
        self.new.append(p)
        self.by_key.setdefault(key, []).append(p)
        return p

    def change(self, p: _Pending, values: dict) -> None:
        p.row.update(values)
        if p.id > 0:
            self.changed.setdefault(p.id, {}).update(values)

    def write(self, conn: Connection) -> dict[int, int]:
        """INSERT the new events, UPDATE the changed ones; returns placeholder -> id."""
        ids: dict[int, int] = {}
        if self.new:
            got = conn.execute(_INSERT_EVENTS, [p.row for p in self.new]).scalars().all()
            ids = {p.id: i for p, i in zip(self.new, got)}
        groups: dict[tuple, list[dict]] = {}
        for event_id, values in sorted(self.changed.items()):
            groups.setdefault(tuple(sorted(values)), []).append({"_id": event_id, **values})
        for rows in groups.values():
            conn.execute(_UPDATE_EVENT, rows)
        return ids
