"""Events by actor or by recipient alone: their total and the condition a date walk checks.

An actor term (``RUS``) names the country, its persons and its government: at 1,000,000
events the bench's top country names 25 actors in 137,822 events. Reading the total and the
first page from the set of all those event ids took 160 and 135 ms; the total is now read per
actor along its index range and the page probes each event the date walk passes
(docs/scale.md, round 4).
"""
from __future__ import annotations

from typing import Protocol

from sqlalchemy import exists, func, select

from .schema import event_actors, events


class RoleFilter(Protocol):
    """What these functions read of a :class:`.query.EventFilter` (the filters this module serves;
    named by shape, so query.py imports this module and not the other way round)."""

    actor: str | None
    recipient: str | None
    type: str | None
    modality: str | None
    all_modalities: bool

#: An actor's (or recipient's) events alone: from ``total >= sqrt(EXISTS_FROM * page * events
#: listed)`` on, the date walk checks each event it passes with one probe of its own
#: event_actors rows (a correlated EXISTS) instead of first building the set of all the actor's
#: event ids. The walk passes about ``page * listed / total`` events at some 15-20 us each, the
#: set costs about 1 us per id: at 1,000,000 events the top country (137,576 events) took 8
#: against 135 ms, one with 28,823 events 25 against 32, one with 8,114 80 against 10
#: (docs/scale.md, round 4).
EXISTS_FROM = 16
#: On PostgreSQL the walk costs 4-8 us per event passed, and the set is read from
#: ``ix_event_actors_coded``, which holds each row's event date (schema version 10): about 1 us
#: per id, then only the page's events are read (:func:`role_page`). Before, the set cost a read
#: of each event's row (about 40 us where not in shared buffers), and the walk was taken from a
#: total 128 times smaller squared; at 1,000,000 events an actor of 3,712 events then took
#: 100-165 ms by the walk (docs/scale.md, round 6).
PG_WALK_DIVISOR = 2


def role_only_of(f: RoleFilter) -> tuple[str, str] | None:
    """(role, term) when ``f`` filters on an actor or a recipient (not both) and nothing else
    but a type, modality or ``all_modalities``: the events are one role set of event_actors."""
    if bool(f.actor) == bool(f.recipient):
        return None
    rest = ("dyad", "since", "until", "quad", "context", "place", "document")
    if any(getattr(f, k) not in (None, "") for k in rest):
        return None
    return ("actor", f.actor) if f.actor else ("recipient", f.recipient)


def role_total(conn, role: str, actor_ids: list[int], coded: list) -> int:
    """How many distinct events have one of ``actor_ids`` in ``role`` (and the ``coded``
    conditions on event_actors): the largest actor's rows counted along its index range (unique
    per event), plus the other actors' events that the largest one is not in.

    A DISTINCT over all the rows sorted every id (a top country's 137,576 ids at 1,000,000
    events: 160 ms); the term's other actors (its persons, its government) have few rows.
    """
    ea = event_actors
    base = [ea.c.role == role, *coded]
    per = dict(conn.execute(select(ea.c.actor_id, func.count()).where(ea.c.actor_id.in_(actor_ids), *base)
                            .group_by(ea.c.actor_id)).all())
    if not per:
        return 0
    big = max(sorted(per), key=per.get)
    rest = [a for a in sorted(per) if a != big]
    if not rest:
        return int(per[big])
    other = ea.alias("big")
    probe = select(other.c.event_id).where(other.c.event_id == ea.c.event_id, other.c.actor_id == big,
                                           other.c.role == role)
    if conn.dialect.name == "postgresql":
        # OFFSET 0 keeps the NOT EXISTS a probe per row of the few others' rows: as an anti
        # join PostgreSQL hashed all the largest actor's rows first (137,576 at 1,000,000
        # events: 50 of 92 ms; docs/scale.md, round 6).
        probe = probe.offset(0)
    extra = conn.execute(select(func.count(ea.c.event_id.distinct())).where(
        ea.c.actor_id.in_(rest), *base, ~probe.exists())).scalar_one()
    return int(per[big]) + int(extra)


def role_page(conn, role: str, actor_ids: list[int], coded: list, lim: int, off: int) -> list[int]:
    """The ids of a page of the events in which one of ``actor_ids`` plays ``role``, newest first
    (the list's order: date descending, undated last, then id), from event_actors' rows alone."""
    ea = event_actors
    return list(conn.execute(
        select(ea.c.event_id, ea.c.date_start).where(ea.c.role == role, ea.c.actor_id.in_(actor_ids), *coded)
        .distinct().order_by(ea.c.date_start.desc().nulls_last(), ea.c.event_id).limit(lim).offset(off)).scalars())


def role_coded_of(f: RoleFilter) -> list:
    """Conditions on event_actors.coded for an actor's or recipient's events: where only coded
    events are listed, the row's coded type (``= :type`` with a type); else none."""
    if f.all_modalities or f.modality:
        return []
    t = str(f.type).upper() if f.type else None
    return [event_actors.c.coded == t if t else event_actors.c.coded.is_not(None)]


def role_probe(role: str, actor_ids: list[int], coded: list):
    """The condition on ``events`` that one of ``actor_ids`` plays ``role`` in the event: one
    probe of the event's own event_actors rows."""
    ea = event_actors
    return exists().where(ea.c.event_id == events.c.id, ea.c.role == role, ea.c.actor_id.in_(actor_ids), *coded)
