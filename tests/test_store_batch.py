"""Storing in batches merges events exactly as storing the documents one at a time: the
same store for any batch size, and an event re-dated inside a batch still found by a later
mention of the same batch."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy import select

from store_fixtures import fresh_url, moving_dates
from whimbrel.store import Store, query
from whimbrel.store.schema import event_mentions, events

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))


def _open(kind, tmp_path, name):
    path = tmp_path / name
    path.mkdir()
    return Store(fresh_url(kind, path))


def _merged(store: Store) -> list[tuple]:
    """Every merged event with its dates and counts, and which event each mention was filed under."""
    with store.engine.connect() as c:
        evs = c.execute(select(events.c.id, events.c.event_type, events.c.modality, events.c.actor_key,
                               events.c.recipient_key, events.c.date_value, events.c.date_resolution,
                               events.c.num_mentions, events.c.num_articles, events.c.num_sources)
                        .order_by(events.c.id)).all()
        ms = c.execute(select(event_mentions.c.document_id, event_mentions.c.local_id, event_mentions.c.event_id)
                       .order_by(event_mentions.c.id)).all()
    return [tuple(r) for r in evs] + [tuple(r) for r in ms]


def test_events_merged_within_one_batch_as_across_batches(kind, tmp_path):
    one_by_one, together = _open(kind, tmp_path, "a"), _open(kind, tmp_path, "b")
    for a in moving_dates():
        one_by_one.add([a])
    together.add(moving_dates())
    assert _merged(together) == _merged(one_by_one)
    evs = query.find_events(together.engine, query.EventFilter(dyad="NOR,CHL"))["items"]
    # The first four reports are one event (dated by its earliest day); the two undated ones another.
    assert sorted((e["date"]["value"], e["num_articles"]) for e in evs if e["date"]["value"]) == [("2021-05-10", 4)]
    assert [e["num_articles"] for e in evs if not e["date"]["value"]] == [2]
    one_by_one.close()
    together.close()


def test_synthetic_corpus_stores_the_same_in_any_batch_size(kind, tmp_path):
    from store_scale import Corpus

    stores = {n: _open(kind, tmp_path, f"b{n}") for n in (1, 7, 64)}
    for n, store in stores.items():
        corpus = Corpus(seed=3)
        docs = [corpus.next() for _ in range(448)]
        for i in range(0, len(docs), n):
            store.add(docs[i:i + n])
    first = _merged(stores[1])
    assert len({r[0] for r in first if len(r) == 10}) < sum(1 for r in first if len(r) == 3)  # some merged
    for n in (7, 64):
        assert _merged(stores[n]) == first, f"batch size {n}"
    for store in stores.values():
        store.close()


def _tables(store: Store) -> dict[str, list]:
    """Every row (ids included) of the tables the writer fills at the end of a batch, and actors."""
    from whimbrel.store import schema

    out = {}
    with store.engine.connect() as c:
        for t in (schema.actors, schema.actor_aliases, schema.doc_actors, schema.actor_mentions, schema.places,
                  schema.times, schema.event_actors, schema.event_mentions, schema.statements):
            cols = [col for col in t.c if col.name != "tsv"]
            out[t.name] = [tuple(r) for r in c.execute(select(*cols).order_by(*cols))]
    return out


def test_batch_end_rows_are_those_written_one_document_at_a_time(kind, tmp_path):
    """Rows nothing reads during a batch are inserted at its end (one statement per table):
    the same rows and ids as a batch of one, alias counts of one alias in several documents
    of the batch added up."""
    from store_scale import Corpus

    corpus = Corpus(seed=11)
    docs = [corpus.next() for _ in range(96)]
    single, batched = _open(kind, tmp_path, "one"), _open(kind, tmp_path, "many")
    for a in docs:
        single.add([a])
    for i in range(0, len(docs), 32):
        batched.add(docs[i:i + 32])
    have, want = _tables(batched), _tables(single)
    assert have == want
    assert any(n > 1 for *_, n in want["actor_aliases"])  # an alias counted in several documents
    single.close()
    batched.close()


def test_one_insert_statement_per_table_per_batch(kind, tmp_path):
    from sqlalchemy import event

    from store_scale import Corpus

    store = _open(kind, tmp_path, "count")
    corpus = Corpus(seed=13)
    store.add([corpus.next() for _ in range(16)])  # actors known from here on
    seen: list[str] = []
    event.listen(store.engine, "before_cursor_execute",
                 lambda conn, cur, statement, *a: seen.append(" ".join(statement.split()[:3])))
    store.add([corpus.next() for _ in range(16)])
    for table in ("doc_actors", "actor_mentions", "actor_aliases", "places", "times", "event_actors",
                  "event_mentions", "document_bands"):
        # insertmanyvalues may split a very long list; 16 documents' rows fit in one statement
        assert seen.count(f"INSERT INTO {table}") == 1, (table, seen.count(f"INSERT INTO {table}"))
    assert seen.count("UPDATE actors SET") == 1
    store.close()
