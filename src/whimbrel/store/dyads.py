"""``event_dyads``: every (actor, recipient) pair of a merged event, with the event's dates.

The explorer's dyad queries (events of A on B in a month, A on B's counts per month)
read one range of ``ix_event_dyads_pair`` (actor, recipient, date) instead of
intersecting every event of A with every event of B: at 300,000 events a top
country's events are a sixth of the store, and those two queries took 120-190 ms
p95 (docs/scale.md).

The table is a function of ``event_actors`` (the pairs: an actor row times a
recipient row of the same event) and ``events`` (the dates). The writer rebuilds
the rows of every event a batch touched (created, merged into, re-dated) inside
the batch's transaction, from those two tables, so the function holds after
every commit; :func:`rebuild_dyads` with no ids does it for a whole store (the
version 4 migration).
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, and_, bindparam, delete, insert, select

from .schema import event_actors, event_dyads, events

_A = event_actors.alias("ea")
_R = event_actors.alias("er")
#: The rows event_dyads must hold: each event's actor x recipient pairs with its dates.
PAIRS = (select(_A.c.event_id, _A.c.actor_id, _R.c.actor_id.label("recipient_id"),
                events.c.date_start, events.c.date_end, events.c.event_type, events.c.coded,
                events.c.quad_class, events.c.goldstein, events.c.num_mentions)
         .select_from(_A.join(_R, and_(_R.c.event_id == _A.c.event_id, _R.c.role == "recipient"))
                      .join(events, events.c.id == _A.c.event_id))
         .where(_A.c.role == "actor"))
_COLUMNS = ["event_id", "actor_id", "recipient_id", "date_start", "date_end", "event_type", "coded",
            "quad_class", "goldstein", "num_mentions"]
_INSERT_FOR = insert(event_dyads).from_select(
    _COLUMNS, PAIRS.where(_A.c.event_id.in_(bindparam("_ids", expanding=True))))
_DELETE_FOR = delete(event_dyads).where(event_dyads.c.event_id.in_(bindparam("_ids", expanding=True)))
#: Ids per statement: well under any database's limit on bound values.
CHUNK = 500


def rebuild_dyads(conn: Connection, event_ids: Iterable[int] | None = None) -> None:
    """Make the rows of ``event_ids`` (every event when None) equal to :data:`PAIRS`'."""
    if event_ids is None:
        conn.execute(delete(event_dyads))
        conn.execute(insert(event_dyads).from_select(_COLUMNS, PAIRS))
        return
    ids = sorted(set(event_ids))
    for i in range(0, len(ids), CHUNK):
        part = ids[i:i + CHUNK]
        conn.execute(_DELETE_FOR, {"_ids": part})
        conn.execute(_INSERT_FOR, {"_ids": part})


def _range(actor_ids, recipient_ids, since, until) -> list:
    """Conditions on event_dyads: the pairs, dated into [since, until] when given.

    ``since`` also bounds the range's start from below: no stored date spans more than
    :data:`merge.MAX_SPAN_DAYS`, so an event ending on or after ``since`` starts at most that
    long before it.
    """
    from .merge import MAX_SPAN_DAYS, shift

    cond = [event_dyads.c.actor_id.in_(actor_ids), event_dyads.c.recipient_id.in_(recipient_ids)]
    if until is not None:
        cond.append(event_dyads.c.date_start <= until)
    if since is not None:
        cond += [event_dyads.c.date_start >= shift(since, -MAX_SPAN_DAYS), event_dyads.c.date_end >= since]
    return cond


def dyad_events(actor_ids, recipient_ids, since=None, until=None):
    """SELECT of the ids of the events where one of ``actor_ids`` acts on one of ``recipient_ids``
    (lists or subqueries), dated into [since, until] when given: one index range per pair."""
    return select(event_dyads.c.event_id).where(and_(*_range(actor_ids, recipient_ids, since, until)))


def dyad_rows(actor_ids, recipient_ids, since=None, until=None, codable_only=True):
    """Subquery: each dated event of the dyad once (a term may name two actors of one event)
    with what its monthly counts need, read from the index alone."""
    d = event_dyads.c
    cond = _range(actor_ids, recipient_ids, since, until) + [d.date_start.is_not(None)]
    if codable_only:
        cond.append(d.coded.is_not(None))
    return (select(d.event_id, d.date_start, d.event_type, d.coded, d.quad_class, d.goldstein, d.num_mentions)
            .where(and_(*cond)).distinct().subquery("dyad"))
