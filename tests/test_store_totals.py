"""Schema version 5: ``store_totals`` (the writer's running totals of events and coded events)
and the type-and-date filter rewritten onto ``ix_events_coded_date``, on SQLite and
PostgreSQL. The totals equal a count after batched ingest with merges and re-dating; an
unfiltered list's ``total`` is that count; a type/date filter selects the events the
previous conditions selected; a version-4 store gets its totals from the migration."""
from __future__ import annotations

import pytest
from sqlalchemy import and_, func, select, text

from store_fixtures import fill_in_batches, fresh_url, make_analysis, moving_dates, older_store
from whimbrel.store import Store, query
from whimbrel.store.migrations import SCHEMA_VERSION
from whimbrel.store.schema import events, store_totals


def _totals(store: Store) -> tuple[dict, dict]:
    """(store_totals, a count of the events table)."""
    with store.engine.connect() as c:
        have = dict(c.execute(select(store_totals.c.name, store_totals.c.n)).all())
        want = {"events": c.execute(select(func.count()).select_from(events)).scalar_one(),
                "events_coded": c.execute(select(func.count()).select_from(events)
                                          .where(events.c.coded.is_not(None))).scalar_one()}
    return have, want


@pytest.fixture
def filled(kind, tmp_path):
    store = Store(fresh_url(kind, tmp_path))
    fill_in_batches(store, seed=23, n=300, again=20)  # the 20 again: skipped, nothing counted twice
    # Not recorded by a coder (denied), then the same denial again: merged, still not coded.
    t = "Norway denied it attacked Chile."
    store.add([make_analysis("denied", t, None, event="ASSAULT", trigger="attacked", modality="negated",
                             date="2021-06-01"),
               make_analysis("denied2", t + " Again.", None, event="ASSAULT", trigger="attacked",
                             modality="negated", date="2021-06-01")])
    yield store
    store.close()


def test_totals_equal_a_count_after_batches_merges_and_skips(filled):
    have, want = _totals(filled)
    assert want["events"] > 900 and want["events_coded"] < want["events"]  # some not coded
    assert have == want


def test_unfiltered_list_total_is_the_count(filled):
    _, want = _totals(filled)
    assert query.find_events(filled.engine, limit=5)["total"] == want["events_coded"]
    assert query.find_events(filled.engine, query.EventFilter(all_modalities=True), limit=5)["total"] == want["events"]
    page = query.find_events(filled.engine, limit=5, after=query.find_events(filled.engine, limit=5)["next"])
    assert page["total"] == want["events_coded"] and len(page["items"]) == 5


@pytest.mark.parametrize("flt", [dict(type="SANCTION", since="2023-06-15"), dict(type="ACCUSE"),
                                 dict(type="AGREE", since="2019-02-01", until="2020-01-31"),
                                 dict(since="2024-03-01"), dict(type="ASSAULT", all_modalities=True),
                                 dict(type="ASSAULT", modality="negated", since="2021-01-01")])
def test_type_and_date_filters_select_what_the_previous_conditions_did(filled, flt):
    f = query.EventFilter(**flt)
    since, until = query._date(f.since, "since"), query._date(f.until, "until")
    old = [] if f.all_modalities or f.modality else [events.c.coded.is_not(None)]
    if f.type:
        old.append(func.coalesce(events.c.coded, events.c.event_type) == f.type)
    if f.modality:
        old.append(events.c.modality == f.modality)
    if since:
        old.append(events.c.date_end >= since)
    if until:
        old.append(events.c.date_start <= until)
    with filled.engine.connect() as c:
        want = sorted(c.execute(select(events.c.id).where(and_(*old))).scalars())
    got = query.find_events(filled.engine, f, limit=500)
    assert 0 < len(want) <= 500
    assert got["total"] == len(want) and sorted(e["id"] for e in got["items"]) == want


def test_version_5_fills_the_totals_of_an_older_store(kind, tmp_path):
    url, corpus = older_store(kind, tmp_path, 4, ["DROP INDEX ix_events_coded_date",  # no index, no totals
                                                  "DROP TABLE store_totals"])
    again = Store(url)
    have, want = _totals(again)
    assert want["events"] > 100 and have == want
    again.add([corpus.next() for _ in range(16)])  # and the writer keeps them from there
    have, want = _totals(again)
    assert have == want
    with again.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar_one() == SCHEMA_VERSION >= 5
    again.close()
