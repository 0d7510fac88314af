"""The sentence an event was found in, for lists of events (the explorer's rows, CSV exports)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import select

from .schema import event_mentions


def add_snippets(conn, items: list[dict[str, Any]]) -> None:
    """Give each event of a list its first mention's sentence (an original's before a copy's) as
    ``snippet``, with ``trigger_text`` and its offset in the snippet, ``trigger_at`` (plain values,
    so a CSV row has no JSON in them)."""
    ids = [e["id"] for e in items]
    first: dict[int, Any] = {}
    if ids:
        rows = conn.execute(select(event_mentions.c.event_id, event_mentions.c.sentence, event_mentions.c.trigger,
                                   event_mentions.c.trigger_start, event_mentions.c.sentence_start,
                                   event_mentions.c.duplicate)
                            .where(event_mentions.c.event_id.in_(ids))
                            .order_by(event_mentions.c.duplicate, event_mentions.c.id))
        for r in rows:
            first.setdefault(r.event_id, r)
    for e in items:
        m = first.get(e["id"])
        text = (m.sentence or "").strip() if m is not None else ""
        lead = len(m.sentence or "") - len((m.sentence or "").lstrip()) if m is not None else 0
        e["snippet"] = text
        e["trigger_text"] = m.trigger if m is not None else None
        e["trigger_at"] = (m.trigger_start - m.sentence_start - lead) if m is not None and text else None
