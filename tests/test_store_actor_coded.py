"""Schema version 6: ``event_actors.coded``, each row's event's ``coded`` type, on SQLite and
PostgreSQL. After batched ingest, merges, re-dating, uncoded events and events coded by a later
mention (in a later batch and inside one) every row equals its event's ``coded``; events by
actor or recipient (read from it) list and count exactly what the previous conditions on
``events.coded`` selected; a version-5 store gets the column and index from the migration."""
from __future__ import annotations

import dataclasses

import pytest
from sqlalchemy import and_, func, inspect, select, text

from store_fixtures import fill_in_batches, fresh_url, make_analysis, older_store
from whimbrel.store import Store, query, roles
from whimbrel.store.migrations import SCHEMA_VERSION
from whimbrel.store.schema import event_actors, events


def _planned(doc_id: str, text: str, cue: str, **kw):
    """A future attack of Peru on Chile whose modality cue is ``cue``: a coder records 'will
    attack' (THREATEN) but not 'plans to attack' (store/modality.py)."""
    a = make_analysis(doc_id, text, None, event="ASSAULT", trigger="attack", modality="future",
                      actor=kw.pop("actor", ("Peru", "PER")), date="2022-02-01", **kw)
    return dataclasses.replace(a, events=(dataclasses.replace(a.events[0], why=f"modality=future({cue})"),))


def _rows(store: Store) -> tuple[list, list]:
    """(event_actors rows with their coded flag, the same rows with their event's coded)."""
    with store.engine.connect() as c:
        have = sorted(tuple(r) for r in c.execute(select(event_actors.c.event_id, event_actors.c.actor_id,
                                                         event_actors.c.role, event_actors.c.coded)))
        want = sorted(tuple(r) for r in c.execute(
            select(event_actors.c.event_id, event_actors.c.actor_id, event_actors.c.role, events.c.coded)
            .join(events, events.c.id == event_actors.c.event_id)))
    return have, want


@pytest.fixture
def filled(kind, tmp_path):
    store = Store(fresh_url(kind, tmp_path))
    fill_in_batches(store, seed=29, n=300, again=10)
    # Not recorded, then recorded by a later report of the same event: in a later batch ...
    store.add([_planned("plan", "Peru plans to attack Chile.", "plans")])
    store.add([_planned("will", "Peru will attack Chile, officials said.", "will")])
    # ... and inside one batch (another pair); and a denial that stays unrecorded.
    store.add([_planned("plan2", "Bolivia plans to attack Chile.", "plans", actor=("Bolivia", "BOL")),
               _planned("will2", "Bolivia will attack Chile soon.", "will", actor=("Bolivia", "BOL"))])
    t = "Norway denied it attacked Chile."
    store.add([make_analysis("denied", t, None, event="ASSAULT", trigger="attacked", modality="negated",
                             date="2021-06-01")])
    yield store
    store.close()


def test_flag_equals_the_events_coded_after_batches_merges_and_late_coding(filled):
    have, want = _rows(filled)
    assert len(want) > 1500 and have == want
    assert any(r[3] is None for r in have) and any(r[3] is not None for r in have)
    with filled.engine.connect() as c:
        late = c.execute(select(events.c.coded, events.c.num_mentions)
                         .where(events.c.actor_key.in_(["PER", "BOL"]), events.c.event_type == "ASSAULT")).all()
    assert sorted(late) == [("THREATEN", 2), ("THREATEN", 2)]  # merged, then coded by the second report


def _old_ids(conn, f: query.EventFilter, role: str, term: str) -> list[int]:
    """The events the previous conditions selected: the role's event_actors rows, then
    ``events.coded`` (and the type on it) checked on each event, newest first."""
    cond = [events.c.id.in_(select(event_actors.c.event_id).where(
        event_actors.c.role == role, event_actors.c.actor_id.in_(query._actor_ids(term))))]
    if not (f.all_modalities or f.modality):
        cond.append(events.c.coded.is_not(None))
        if f.type:
            cond.append(events.c.coded == f.type)
    else:
        if f.modality:
            cond.append(events.c.modality == f.modality)
        if f.type:
            cond.append(func.coalesce(events.c.coded, events.c.event_type) == f.type)
    if f.since:
        cond.append(events.c.date_end >= query._date(f.since, "since"))
    return list(conn.execute(select(events.c.id).where(and_(*cond)).order_by(*query._NEWEST_FIRST)).scalars())


@pytest.mark.parametrize("walk", ["default", "probe"])
@pytest.mark.parametrize("extra", [{}, dict(type="ACCUSE"), dict(type="THREATEN"), dict(since="2023-01-01"),
                                   dict(all_modalities=True), dict(modality="negated"),
                                   dict(type="ASSAULT", all_modalities=True)])
def test_by_actor_pages_and_counts_equal_the_previous_query(filled, extra, walk, monkeypatch):
    if walk == "probe":  # SQLite: every list walks the dates, probing each event's actors
        monkeypatch.setattr(query, "DATE_DRIVEN_FROM", 1)
        monkeypatch.setattr(roles, "EXISTS_FROM", 0)
    with filled.engine.connect() as c:
        keys = [r[0] for r in c.execute(select(events.c.actor_key, func.count())
                                        .where(~events.c.actor_key.like("%+%")).group_by(events.c.actor_key)
                                        .order_by(func.count().desc(), events.c.actor_key))]
        terms = [keys[0], keys[len(keys) // 2], "PER", "Chile"]
        checked = 0
        for role in ("actor", "recipient"):
            for term in terms:
                f = query.EventFilter(**{role: term, **extra})
                want = _old_ids(c, f, role, term)
                first = query.find_events(filled.engine, f, limit=20)
                assert first["total"] == len(want), (role, term)
                assert [e["id"] for e in first["items"]] == want[:20]
                if first["next"]:
                    second = query.find_events(filled.engine, f, limit=20, after=first["next"])
                    assert [e["id"] for e in second["items"]] == want[20:40]
                checked += len(want)
    assert checked > 0


def test_version_6_fills_the_flag_of_a_version_5_store(kind, tmp_path):
    url, corpus = older_store(kind, tmp_path, 5, ["DROP INDEX ix_event_actors_coded",  # no index, no column
                                                  "ALTER TABLE event_actors DROP COLUMN coded"], seed=7)
    again = Store(url)
    with again.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar_one() == SCHEMA_VERSION >= 6
        assert "ix_event_actors_coded" in {ix["name"] for ix in inspect(c).get_indexes("event_actors")}
    have, want = _rows(again)
    assert len(want) > 100 and have == want and any(r[3] for r in have)
    again.add([corpus.next() for _ in range(16)])  # and the writer keeps it from there
    have, want = _rows(again)
    assert have == want
    again.close()


@pytest.mark.parametrize("walk", ["default", "probe"])
def test_a_term_naming_two_actors_of_one_event_counts_the_event_once(kind, tmp_path, walk, monkeypatch):
    """"NOR" names the country and its minister (country NOR); events where both act are one
    event each in the total and the list, whichever way the total and the page are read."""
    if walk == "probe":
        monkeypatch.setattr(query, "DATE_DRIVEN_FROM", 1)
        monkeypatch.setattr(roles, "EXISTS_FROM", 0)
    store = Store(fresh_url(kind, tmp_path))
    docs = []
    for i in range(12):
        t = f"Norway and Minister Kari Nordmann accused Chile of fraud number {i}, officials said."
        a = make_analysis(f"both{i}", t, None, speaker="Kari Nordmann", date=f"{2000 + i}-03-01")
        both = dataclasses.replace(a.events[0], actor=("A1", "A3"))  # the country and its minister
        docs.append(dataclasses.replace(a, events=(both,)))
    for i in range(5):  # the country alone, and the minister alone
        docs.append(make_analysis(f"nor{i}", f"Norway accused Chile of fraud {i}.", None,
                                  date=f"{2000 + i}-07-01"))
    for i in range(3):
        t = f"Minister Kari Nordmann of Norway accused Chile of theft {i}, officials said."
        a = make_analysis(f"min{i}", t, None, speaker="Kari Nordmann", date=f"{2000 + i}-11-01")
        docs.append(dataclasses.replace(a, events=(dataclasses.replace(a.events[0], actor=("A3",)),)))
    store.add(docs)
    with store.engine.connect() as c:
        want = _old_ids(c, query.EventFilter(actor="NOR"), "actor", "NOR")
        rows = c.execute(select(func.count()).select_from(event_actors).where(
            event_actors.c.role == "actor", event_actors.c.event_id.in_(want))).scalar_one()
    assert len(want) == 20 and rows == 32  # 12 events with two rows of the term's actors
    for lim in (5, 50):
        page = query.find_events(store.engine, query.EventFilter(actor="NOR"), limit=lim)
        assert page["total"] == 20
        assert [e["id"] for e in page["items"]] == want[:lim]
    store.close()
