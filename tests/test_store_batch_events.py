"""The writer's batched events (:class:`whimbrel.store.writer.BatchEvents`, PostgreSQL's default):
a batch's merge candidates read in one statement, its new events inserted in one statement and its
changed ones updated at its end give the same store, ids included, as a SELECT per mention and an
INSERT or UPDATE per event (SQLite's default), on SQLite and PostgreSQL."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import event as sa_event
from sqlalchemy import select

from store_fixtures import fill_in_batches, fresh_url
from whimbrel.store import Store
from whimbrel.store.schema import event_actors, event_dyads, event_mentions, events, store_totals

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from store_scale import Corpus  # noqa: E402


def _dump(store: Store) -> dict[str, list]:
    with store.engine.connect() as c:
        return {
            # every column but first_seen / last_seen (an undated document's: its ingestion time)
            "events": [tuple(r) for r in c.execute(select(
                *[col for col in events.c if col.name not in ("first_seen", "last_seen")]).order_by(events.c.id))],
            "event_actors": sorted(tuple(r) for r in c.execute(select(event_actors))),
            "event_mentions": [tuple(r) for r in c.execute(select(
                event_mentions.c.id, event_mentions.c.event_id, event_mentions.c.document_id,
                event_mentions.c.local_id).order_by(event_mentions.c.id))],
            "event_dyads": sorted(tuple(r) for r in c.execute(select(event_dyads))),
            "store_totals": sorted(tuple(r) for r in c.execute(select(store_totals))),
        }


def _filled(kind, tmp_path, name: str, batched: frozenset, monkeypatch) -> dict[str, list]:
    monkeypatch.setattr(Store, "BATCHED_EVENTS", batched)
    d = tmp_path / name
    d.mkdir()
    store = Store(fresh_url(kind, d))
    # 300 bench documents in batches of 16 (merges, reprints), 10 of them again (skipped), and
    # events re-dated by later mentions across batches and inside one.
    fill_in_batches(store, seed=53, n=300, again=10)
    out = _dump(store)
    store.close()
    return out


def test_batched_events_make_the_same_store(kind, tmp_path, monkeypatch):
    one_by_one = _filled(kind, tmp_path, "single", frozenset(), monkeypatch)
    batched = _filled(kind, tmp_path, "batched", frozenset({"sqlite", "postgresql"}), monkeypatch)
    # The corpus merges: some events have several mentions, some were re-dated.
    mentions = [r[1] for r in one_by_one["event_mentions"]]
    assert len(set(mentions)) < len(mentions)
    for table, rows in one_by_one.items():
        assert batched[table] == rows, table


def test_a_batch_reads_its_candidates_once_and_inserts_its_events_once(kind, tmp_path, monkeypatch):
    monkeypatch.setattr(Store, "BATCHED_EVENTS", frozenset({"sqlite", "postgresql"}))
    store = Store(fresh_url(kind, tmp_path))
    corpus = Corpus(seed=59)
    store.add([corpus.next() for _ in range(64)])
    seen: list[str] = []

    @sa_event.listens_for(store.engine, "before_cursor_execute")
    def _count(conn, cursor, statement, parameters, context, executemany):  # noqa: ANN001
        seen.append(" ".join(statement.split()))

    batch = [corpus.next() for _ in range(16)]
    store.add(batch)
    mentions = sum(len(a.events) for a in batch)
    on_events = [s for s in seen if s.startswith(("SELECT events.", "INSERT INTO events ", "UPDATE events SET"))]
    # one candidate SELECT for the batch, not one per mention, and no SELECT of a joined event
    assert sum(s.startswith("SELECT events.") for s in on_events) == 1
    if kind == "postgresql":
        # one multi-row INSERT of the new events (SQLAlchemy's insertmanyvalues; SQLite has no
        # INSERT form that returns new ids in the rows' order, so SQLAlchemy sends one per row),
        # a few UPDATEs of changed events (one per set of columns) and the recount's
        assert sum(s.startswith("INSERT INTO events ") for s in on_events) == 1
        assert len(on_events) < mentions / 4, (len(on_events), mentions)
    store.close()
