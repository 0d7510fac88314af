"""Schema version 9 and the PostgreSQL explorer paths of round 5: ``document_lexemes`` (how
many documents hold each full-text lexeme) equals a count after batched ingest and after the
migration, and the document search's total read from it equals a count of the matches; events
by actor list the same events whether PostgreSQL walks the date index or sorts the actor's
set; sessions run without parallel workers."""
from __future__ import annotations

import pytest
from sqlalchemy import text

from store_fixtures import fill_in_batches, fresh_url, older_store
from whimbrel.store import Store, query, roles
from whimbrel.store.migrations import SCHEMA_VERSION

#: Words of the bench corpus from common (a third of the documents) to rare, a stop word, two words.
WORDS = ["border", "security", "talks", "embassy", "w0900", "the", "border security", "zzzunseen"]


def _pg_only(kind):
    if kind != "postgresql":
        pytest.skip("document_lexemes and these plans are PostgreSQL's")


def _lexemes_equal_a_count(store: Store) -> int:
    with store.engine.connect() as c:
        have = dict(c.execute(text("SELECT lexeme, n FROM document_lexemes")).all())
        want = dict(c.execute(text("SELECT l, count(*) FROM documents, unnest(tsvector_to_array(tsv)) AS l "
                                   "GROUP BY l")).all())
    assert have == want
    return len(have)


def _match_count(store: Store, q: str) -> int:
    with store.engine.connect() as c:
        return c.execute(text("SELECT count(*) FROM documents WHERE tsv @@ plainto_tsquery('english', :q)"),
                         {"q": q}).scalar_one()


@pytest.fixture
def filled(kind, tmp_path):
    _pg_only(kind)
    store = Store(fresh_url(kind, tmp_path))
    fill_in_batches(store, seed=29, n=240, again=20)  # the 20 again: skipped, not counted twice
    yield store
    store.close()


def test_lexeme_counts_equal_a_count_after_batches_and_skips(filled):
    assert _lexemes_equal_a_count(filled) > 1000


def test_document_search_total_is_the_count_of_matches(filled):
    seen = set()
    for q in WORDS:
        got = query.find_documents(filled.engine, q=q, limit=5)
        assert got["total"] == _match_count(filled, q), q
        seen.add(got["total"] > 0)
    assert seen == {True, False}  # some words match, the stop word and the unseen one do not
    # With an outlet the search is counted as before, and agrees.
    src = query.find_documents(filled.engine, limit=1)["items"][0]["source"]
    assert query.find_documents(filled.engine, q="border", source=src)["total"] <= _match_count(filled, "border")


def test_version_9_fills_the_lexeme_counts_of_an_older_store(kind, tmp_path):
    _pg_only(kind)
    url, corpus = older_store(kind, tmp_path, 8, ["DROP TABLE document_lexemes"])
    again = Store(url)
    assert _lexemes_equal_a_count(again) > 100
    again.add([corpus.next() for _ in range(16)])  # and the writer keeps them from there
    _lexemes_equal_a_count(again)
    with again.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar_one() == SCHEMA_VERSION >= 9
    again.close()


def _ids(store: Store, actor: str) -> tuple[int, list[int]]:
    got = query.find_events(store.engine, query.EventFilter(actor=actor), limit=50)
    return got["total"], [e["id"] for e in got["items"]]


def test_events_by_actor_are_the_same_by_walk_and_by_set(filled, monkeypatch):
    actors = ["ABC", "CDE", "C57", "Person3 Surname3"]
    walk = {}
    monkeypatch.setattr(roles, "PG_WALK_DIVISOR", 10**12)  # every actor by the date walk
    for a in actors:
        walk[a] = _ids(filled, a)
    monkeypatch.setattr(roles, "PG_WALK_DIVISOR", 10**-12)  # every actor by its set, sorted
    for a in actors:
        assert _ids(filled, a) == walk[a], a
    assert sum(1 for t, ids in walk.values() if t > 50 and len(ids) == 50) >= 2  # pages that were cut


def test_sessions_have_no_parallel_workers(filled):
    with filled.engine.connect() as c:
        assert c.execute(text("SHOW max_parallel_workers_per_gather")).scalar_one() == "0"
