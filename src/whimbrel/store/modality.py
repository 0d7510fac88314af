"""What a PLOVER coder records of a stored event: its ``coded`` type, and the default filter.

Whimbrel keeps what the text says (a COOPERATE event with modality ``future``);
a PLOVER coder records that as AGREE, records a refused meeting as REJECT, and
records nothing at all for a denied attack or an "if" the text only imagines.
:func:`whimbrel.stages.events.api.coded_type` and ``is_codable`` hold those
rules; this module applies them to the store:

* ``events.coded`` is the type a coder records for the merged event, NULL when
  a coder records nothing (set by the writer, back-filled by :func:`migrate_coded`);
* every list, count and export shows only events with a ``coded`` type unless the
  caller asks for all modalities (``all_modalities``: ``--all-modalities`` on the
  command line, ``all_modalities=true`` in the API).
"""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, inspect, select, text, update

from ..model import Event, EventDate


def coded_of(event_type: str, modality: str, why: str | None) -> str | None:
    """The PLOVER type a coder records for an event of this type, modality and evidence; None if none."""
    from ..stages.events.api import coded_type, is_codable

    ev = Event(id="E", event=event_type, mode=None, context=(), cameo=None, actor=(), recipient=(),
               date=EventDate(None, None), modality=modality, location=None, trigger=(0, 0),
               sentence=(0, 0), confidence=0.0, why=why)
    return coded_type(ev) if is_codable(ev) else None


def codable_condition(events_table: Any):
    """SQL condition: the event is one a PLOVER coder records."""
    return events_table.c.coded.is_not(None)


def migrate_coded(conn: Connection) -> None:
    """Add ``events.coded`` to a store made before it existed, and fill it from the mentions."""
    from .schema import event_mentions, events

    if "coded" not in {c["name"] for c in inspect(conn).get_columns("events")}:
        conn.execute(text("ALTER TABLE events ADD COLUMN coded VARCHAR(16)"))
    rows = conn.execute(select(event_mentions.c.event_id, event_mentions.c.event_type,
                               event_mentions.c.modality, event_mentions.c.why)
                        .order_by(event_mentions.c.id)).all()
    coded: dict[int, str] = {}
    for r in rows:
        c = coded_of(r.event_type, r.modality, r.why)
        if c and r.event_id not in coded:
            coded[r.event_id] = c
    for event_id, c in coded.items():
        conn.execute(update(events).where(events.c.id == event_id).values(coded=c))


def coded_scores(event_type: str, coded: str | None, quad: int | None,
                 goldstein: float | None) -> tuple[int | None, float | None]:
    """Quad class and Goldstein score of what a coder records: a re-coded event (future COOPERATE
    recorded as AGREE) takes its recorded type's, not the stored ones of the type the text said."""
    from . import codes

    if coded and coded != event_type:
        return codes.plover_quad(coded), codes.goldstein(None, coded)
    return quad, goldstein
