"""``event_dyads`` (schema version 4) is a function of ``event_actors`` and the events' dates:
after ingest in batches, merges and re-dating, on SQLite and PostgreSQL, its rows equal a
recount from those tables, and the dyad queries that read it give what the intersection of
the two actors' events gave."""
from __future__ import annotations

import datetime as dt
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import and_, select, text

from store_fixtures import fill_in_batches, fresh_url, moving_dates
from whimbrel.store import Store, counts, query
from whimbrel.store.dyads import PAIRS
from whimbrel.store.migrations import SCHEMA_VERSION
from whimbrel.store.schema import event_dyads, events

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def _rows(store: Store) -> tuple[Counter, Counter]:
    """(the table's rows, the rows a recount from event_actors and events gives), as multisets."""
    with store.engine.connect() as c:
        have = Counter(tuple(r) for r in c.execute(select(*(event_dyads.c[k] for k in PAIRS.selected_columns.keys()))))
        want = Counter(tuple(r) for r in c.execute(PAIRS))
    return have, want


@pytest.fixture
def filled(kind, tmp_path):
    store = Store(fresh_url(kind, tmp_path))
    fill_in_batches(store, seed=11, n=400)
    yield store
    store.close()


def test_dyad_rows_equal_a_recount_after_ingest_merges_and_redating(filled):
    have, want = _rows(filled)
    assert sum(want.values()) > 1000 and have == want
    with filled.engine.connect() as c:
        merged = c.execute(select(events.c.id).where(events.c.num_mentions > 1)).first()
        norway = c.execute(select(event_dyads.c.date_start).join(events, events.c.id == event_dyads.c.event_id)
                           .where(events.c.actor_key.like("%NOR%"), events.c.date_start.is_not(None))).all()
    assert merged is not None  # merges happened, so rows were rebuilt for existing events
    assert [r.date_start for r in norway] == [dt.date(2021, 5, 10)]  # moved with its event


def _old_ids(store: Store, a: str, r: str, since=None, until=None) -> list[int]:
    """The events by dyad as before version 4: the intersection of the two actors' role sets."""
    f = query.EventFilter(since=since, until=until)
    cond = query._event_conditions(f) + [events.c.id.in_(query._role_events("actor", a)),
                                         events.c.id.in_(query._role_events("recipient", r))]
    with store.engine.connect() as c:
        return sorted(c.execute(select(events.c.id).where(and_(*cond))).scalars())


def _old_counts(store: Store, a: str, r: str) -> dict[str, tuple]:
    """Events and mentions per month of the dyad, counted in Python from the events' rows."""
    out: dict[str, list] = {}
    with store.engine.connect() as c:
        for e in c.execute(select(events).where(events.c.id.in_(_old_ids(store, a, r)),
                                                events.c.date_start.is_not(None))):
            m = out.setdefault(e.date_start.isoformat()[:7], [0, 0, Counter()])
            m[0] += 1
            m[1] += e.num_mentions
            m[2][e.coded or e.event_type] += 1
    return {k: (v[0], v[1], dict(v[2])) for k, v in out.items()}


def test_dyad_queries_give_what_the_intersection_gave(filled):
    with filled.engine.connect() as c:
        pairs = c.execute(select(events.c.actor_key, events.c.recipient_key, events.c.date_start)
                          .where(events.c.date_start.is_not(None), events.c.coded.is_not(None))
                          .order_by(events.c.num_mentions.desc(), events.c.id).limit(12)).all()
    assert pairs
    for akey, rkey, day in pairs:
        a, r = akey.split(":")[-1], rkey.split(":")[-1]
        first = day.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        got = query.find_events(filled.engine, query.EventFilter(dyad=f"{a},{r}", since=first.isoformat(),
                                                                 until=last.isoformat()), limit=500)
        old = _old_ids(filled, a, r, first.isoformat(), last.isoformat())
        assert old and sorted(e["id"] for e in got["items"]) == old and got["total"] == len(old)
        months = {m["month"]: (m["events"], m["mentions"], m["types"])
                  for m in counts.dyad_counts(filled.engine, actor=a, recipient=r) if m["events"]}
        assert months == _old_counts(filled, a, r)


def test_version_4_fills_the_table_of_an_older_store(kind, tmp_path):
    from store_scale import Corpus

    store = Store(fresh_url(kind, tmp_path))
    corpus = Corpus(seed=5)
    store.add([corpus.next() for _ in range(64)])
    with store.engine.begin() as c:  # as a version-3 store: no dyad rows
        c.execute(event_dyads.delete())
        c.execute(text("UPDATE schema_version SET version = 3"))
    url = store.url
    store.close()
    again = Store(url)
    have, want = _rows(again)
    assert sum(want.values()) > 100 and have == want
    with again.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar_one() == SCHEMA_VERSION >= 4
    again.close()
