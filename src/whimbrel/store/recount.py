"""NumMentions / NumArticles / NumSources of merged events, recounted from their stored mentions.

The writer recounts every event a batch touched once, at the batch's end (store/writer.py).
"""
from __future__ import annotations

import datetime as dt

from sqlalchemy import Connection, bindparam, select, update

from .schema import documents, event_mentions, events

_MENTIONS_OF_EVENTS = (
    select(event_mentions.c.event_id, event_mentions.c.duplicate, event_mentions.c.confidence, documents.c.id,
           documents.c.near_duplicate_of, documents.c.source, documents.c.published,
           documents.c.ingested_at)
    .select_from(event_mentions.join(documents, documents.c.id == event_mentions.c.document_id))
    .where(event_mentions.c.event_id.in_(bindparam("_ids", expanding=True)))
    .order_by(event_mentions.c.event_id, event_mentions.c.id))
_UPDATE_EVENT = update(events).where(events.c.id == bindparam("_id"))
#: Ids per ``IN (...)`` list.
IN_CHUNK = 500


def recount(conn: Connection, event_ids: list[int]) -> None:
    """NumMentions / NumArticles / NumSources of merged events, from their mentions.

    Mentions in near-duplicate documents (a wire story reprinted) are not
    extra reports: they count only when the event has no mention elsewhere.
    One query reads the mentions of all the events; one executemany writes
    their counts.
    """
    by_event: dict[int, list] = {event_id: [] for event_id in event_ids}
    for part in (event_ids[i:i + IN_CHUNK] for i in range(0, len(event_ids), IN_CHUNK)):
        for row in conn.execute(_MENTIONS_OF_EVENTS, {"_ids": part}):
            by_event[row.event_id].append(row)
    updates = []
    for event_id, rows in by_event.items():
        counted = [r for r in rows if not r.duplicate] or rows[:1]
        seen = [dt.datetime.combine(r.published, dt.time()) if r.published else r.ingested_at for r in rows]
        updates.append(dict(
            _id=event_id,
            num_mentions=len(counted),
            num_articles=len({r.id for r in counted}),
            num_sources=len({r.source or f"#{r.id}" for r in counted}),
            first_seen=min(seen) if seen else None,
            last_seen=max(seen) if seen else None,
            avg_confidence=sum(r.confidence for r in counted) / len(counted) if counted else None,
        ))
    if updates:
        conn.execute(_UPDATE_EVENT, updates)
