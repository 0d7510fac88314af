"""The writer's merge-candidate index (schema version 8, ``ix_events_merge``): the lookup of a key's
events in a date window reads the index alone (date_end and date_resolution are in it), and a
version-7 store gets the index from the migration with the merges unchanged."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from store_fixtures import fresh_url, older_store
from whimbrel.store import Store, writer
from whimbrel.store.migrations import SCHEMA_VERSION
from whimbrel.store.schema import events

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from store_scale import Corpus  # noqa: E402


def _event_rows(store: Store) -> list[tuple]:
    with store.engine.connect() as c:
        return [tuple(r) for r in c.execute(select(
            events.c.id, events.c.event_type, events.c.actor_key, events.c.recipient_key, events.c.date_value,
            events.c.num_mentions).order_by(events.c.id))]


def test_version_8_replaces_the_candidate_index_and_merges_the_same(kind, tmp_path):
    # A version-7 store: the old index instead of the new one.
    undo = ["DROP INDEX ix_events_merge",
            "CREATE INDEX ix_events_key_date ON events (event_type, modality, actor_key, recipient_key, date_start)"]
    url, corpus = older_store(kind, tmp_path, 7, undo, seed=41)
    again = Store(url)
    with again.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar_one() == SCHEMA_VERSION >= 8
        names = {ix["name"] for ix in inspect(c).get_indexes("events")}
    assert "ix_events_merge" in names and "ix_events_key_date" not in names
    # The writer goes on merging into the events stored before the migration as a store that was
    # never downgraded does: the same 64 + 48 documents, the same events and counts.
    more = [corpus.next() for _ in range(48)]
    again.add(more)
    ref_dir = tmp_path / "ref"
    ref_dir.mkdir()
    ref = Store(fresh_url(kind, ref_dir))
    ref_corpus = Corpus(seed=41)
    ref.add([ref_corpus.next() for _ in range(64)])
    ref.add(more)
    got, want = _event_rows(again), _event_rows(ref)
    assert got == want
    with again.engine.connect() as c:  # and some of them were merges (a reprint's events, at least)
        assert c.execute(text("SELECT count(*) FROM (SELECT event_id FROM event_mentions GROUP BY event_id "
                              "HAVING count(*) > 1) m")).scalar_one() > 0
    again.close()
    ref.close()


def test_the_candidate_lookup_reads_the_index_alone(tmp_path):
    """SQLite's plan of the writer's lookup: a covering index range, no read of the event rows."""
    store = Store(fresh_url("sqlite", tmp_path))
    params = {"_type": "ACCUSE", "_modality": "asserted", "_akey": "c:NOR", "_rkey": "c:CHL",
              "_hi": "2024-02-01", "_first": "2023-01-01", "_lo": "2024-01-01"}
    compiled = writer._EVENTS_NEAR.compile(dialect=store.engine.dialect)
    with store.engine.connect() as c:
        plan = " ".join(r[3] for r in c.exec_driver_sql(
            "EXPLAIN QUERY PLAN " + str(compiled), tuple(params[k] for k in compiled.positiontup)))
    assert "COVERING INDEX ix_events_merge" in plan, plan
    store.close()
