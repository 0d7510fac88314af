"""Schema version 10: ``event_actors.date_start``, each row's event's date, on SQLite and
PostgreSQL. After batched ingest with merges and events re-dated across batches and inside one,
every row holds its event's date; an actor's pages read from it (PostgreSQL's set path) are the
pages the events' own dates give, at any offset; a version-9 store gets the column and the
index from the migration."""
from __future__ import annotations

import pytest
from sqlalchemy import inspect, select, text

from store_fixtures import fill_in_batches, fresh_url, older_store
from whimbrel.store import Store, query, roles
from whimbrel.store.migrations import SCHEMA_VERSION
from whimbrel.store.schema import event_actors, events


def _rows(store: Store) -> tuple[list, list]:
    """(event_actors rows with their date, the same rows with their event's date)."""
    with store.engine.connect() as c:
        cols = (event_actors.c.event_id, event_actors.c.actor_id, event_actors.c.role)
        have = sorted(tuple(r) for r in c.execute(select(*cols, event_actors.c.date_start)))
        want = sorted(tuple(r) for r in c.execute(select(*cols, events.c.date_start)
                                                  .join(events, events.c.id == event_actors.c.event_id)))
    return have, want


@pytest.fixture
def filled(kind, tmp_path):
    store = Store(fresh_url(kind, tmp_path))
    fill_in_batches(store, seed=31, n=300, again=10)  # ends with events re-dated (moving_dates)
    yield store
    store.close()


def test_dates_equal_the_events_after_batches_merges_and_re_dating(filled):
    have, want = _rows(filled)
    assert len(want) > 1500 and have == want
    assert any(r[3] is None for r in have) and any(r[3] is not None for r in have)
    with filled.engine.connect() as c:  # the re-dated event (moving_dates) moved to 2021-05-10
        moved = c.execute(select(event_actors.c.date_start).join(events, events.c.id == event_actors.c.event_id)
                          .where(events.c.actor_key == "NOR", events.c.recipient_key == "CHL",
                                 events.c.date_resolution == "day")).scalars().all()
    assert moved and set(moved) == {events.c.date_start.type.python_type(2021, 5, 10)}


@pytest.mark.parametrize("extra", [{}, dict(type="ACCUSE"), dict(all_modalities=True)])
def test_pages_from_the_actor_rows_are_the_newest_first_pages_at_any_offset(filled, extra, monkeypatch):
    """Every actor by its set (PostgreSQL reads the page's ids from event_actors; SQLite's path
    is the same set, sorted on events): pages of 5 at offsets 0, 3 and 8 are the events'
    own newest-first order."""
    monkeypatch.setattr(roles, "PG_WALK_DIVISOR", 10 ** -12)
    monkeypatch.setattr(query, "DATE_DRIVEN_FROM", 10 ** 9)
    checked = 0
    with filled.engine.connect() as c:
        keys = list(c.execute(text("SELECT actor_key FROM events WHERE actor_key NOT LIKE '%+%' "
                                   "GROUP BY actor_key ORDER BY count(*) DESC, actor_key")).scalars())
    for role in ("actor", "recipient"):
        for term in keys[:2]:
            f = query.EventFilter(**{role: term, **extra})
            every = query.find_events(filled.engine, f, limit=500)
            assert every["total"] == len(every["items"]) > 10
            want = [e["id"] for e in every["items"]]
            with filled.engine.connect() as c:
                dated = {r.id: r.date_start for r in c.execute(select(events.c.id, events.c.date_start)
                                                                .where(events.c.id.in_(want)))}
            order = sorted(want, key=lambda i: (dated[i] is None, -(dated[i].toordinal() if dated[i] else 0), i))
            assert want == order
            for off in (0, 3, 8):
                page = query.find_events(filled.engine, f, limit=5, offset=off)
                assert [e["id"] for e in page["items"]] == want[off:off + 5], (role, term, off)
                assert page["offset"] == off
            checked += 1
    assert checked == 4


def test_version_10_fills_the_dates_of_a_version_9_store(kind, tmp_path):
    url, corpus = older_store(kind, tmp_path, 9, [
        "DROP INDEX ix_event_actors_coded",
        "CREATE INDEX ix_event_actors_coded ON event_actors (actor_id, role, coded, event_id)",
        "DROP INDEX ix_event_actors_coded",  # SQLite drops no column an index names
        "ALTER TABLE event_actors DROP COLUMN date_start",
        "CREATE INDEX ix_event_actors_coded ON event_actors (actor_id, role, coded, event_id)"], seed=7)
    again = Store(url)
    with again.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar_one() == SCHEMA_VERSION >= 10
        ix = {i["name"]: i["column_names"] for i in inspect(c).get_indexes("event_actors")}
    assert ix["ix_event_actors_coded"] == ["actor_id", "role", "coded", "date_start", "event_id"]
    have, want = _rows(again)
    assert len(want) > 100 and have == want and any(r[3] for r in have)
    again.add([corpus.next() for _ in range(16)])  # and the writer keeps it from there
    have, want = _rows(again)
    assert have == want
    again.close()
