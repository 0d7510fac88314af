"""The event store: round trip, idempotence, near-duplicates, merging, queries, exports.

Every test runs on SQLite and, when WHIMBREL_TEST_PG is set, on PostgreSQL.
"""
from __future__ import annotations

import datetime as dt
import io
import json

import pytest

from store_fixtures import WIRE, corpus, db_urls, fresh_url, make_analysis, wire_copy
from whimbrel.store import SCHEMA_VERSION, Store, counts, dedup, export, merge, query


@pytest.fixture(params=db_urls())
def store(request, tmp_path):
    s = Store(fresh_url(request.param, tmp_path))
    yield s
    s.close()


@pytest.fixture
def filled(store):
    store.add(corpus())
    return store


def test_round_trip_rebuilds_the_contract_object(store):
    a = corpus()[0]
    (res,) = store.add([a])
    assert res.status == "stored"
    back = query.get_document(store.engine, res.id)
    assert back["analysis"] == json.loads(json.dumps(a.to_dict()))
    assert back["store"]["text"] == a.document.text


def test_ingest_twice_stores_once(store):
    first = store.add(corpus())
    counts = store.counts()
    again = store.add(corpus())
    assert [r.status for r in again] == ["skipped"] * 4
    assert [r.id for r in again] == [r.id for r in first]
    assert store.counts() == counts
    # Whitespace differences do not make a new article.
    a = corpus()[0]
    relaid = make_analysis("x", a.document.text.replace(" ", "  "), a.document.published)
    assert store.add_one(relaid).status == "skipped"


def test_near_duplicate_linked_and_not_counted_as_a_source(filled):
    docs = query.find_documents(filled.engine, limit=10)["items"]
    by_key = {d["doc_key"]: d for d in docs}
    assert by_key["wire-2"]["near_duplicate_of"] == by_key["wire-1"]["id"]
    assert by_key["own-3"]["near_duplicate_of"] is None
    ev = query.find_events(filled.engine, query.EventFilter(type="ACCUSE"))
    assert ev["total"] == 1
    e = ev["items"][0]
    # wire-1 and own-3 are two articles from two outlets; the reprint adds nothing.
    assert (e["num_mentions"], e["num_articles"], e["num_sources"]) == (2, 2, 2)
    detail = query.get_event(filled.engine, e["id"])
    assert len(detail["mentions"]) == 3
    assert sum(m["duplicate"] for m in detail["mentions"]) == 1
    m = next(m for m in detail["mentions"] if not m["duplicate"])
    doc = query.get_document(filled.engine, m["document"])
    assert doc["store"]["text"][m["trigger"][0]:m["trigger"][1]] == "accused"


def test_events_merge_only_when_type_dyad_modality_and_date_agree(store):
    base = dict(source="S", date="2021-05-10")
    t = "Norway accused Chile of spying."
    store.add([make_analysis("a", t, dt.date(2021, 5, 10), **base)])
    store.add([make_analysis("b", t + " Officials said so.", dt.date(2021, 5, 11), source="T", date="2021-05-11")])
    store.add([make_analysis("c", t + " A week later.", dt.date(2021, 5, 20), source="U", date="2021-05-20")])
    store.add([make_analysis("d", t + " Denied.", dt.date(2021, 5, 10), source="V", date="2021-05-10",
                             modality="negated")])
    store.add([make_analysis("e", "Chile accused Norway of spying.", dt.date(2021, 5, 10), source="W",
                             actor=("Chile", "CHL"), recipient=("Norway", "NOR"), date="2021-05-10")])
    store.add([make_analysis("f", t + " Some time in May.", dt.date(2021, 6, 1), source="X", date="2021-05")])
    evs = query.find_events(store.engine, query.EventFilter(dyad="NOR,CHL", modality="asserted"))["items"]
    counts = sorted((e["date"]["value"], e["num_articles"]) for e in evs)
    # a+b (one day apart) merge, and the month-only report "in May" joins them;
    # c (ten days later) is another event.
    assert counts == [("2021-05-10", 3), ("2021-05-20", 1)]
    assert query.find_events(store.engine, query.EventFilter(dyad="CHL,NOR"))["total"] == 1
    assert query.find_events(store.engine, query.EventFilter(modality="negated"))["total"] == 1


def test_event_filters(filled):
    e = filled.engine
    f = query.EventFilter
    assert query.find_events(e, f(actor="NOR"))["total"] == 2
    assert query.find_events(e, f(actor="Norway"))["total"] == 2
    assert query.find_events(e, f(recipient="NOR"))["total"] == 0
    assert query.find_events(e, f(type="AGREE"))["total"] == 1
    assert query.find_events(e, f(quad=3))["total"] == 1
    assert query.find_events(e, f(context="diplomatic"))["total"] == 2
    assert query.find_events(e, f(since="2021-04-01"))["total"] == 1
    assert query.find_events(e, f(until="2021-03-31"))["total"] == 1
    assert query.find_events(e, f(place="Oslo"))["total"] == 1
    assert query.find_events(e, f(place="NOR"))["total"] == 1
    page = query.find_events(e, None, limit=1, offset=1)
    assert page["total"] == 2 and len(page["items"]) == 1
    for bad in (f(type="DANCE"), f(since="yesterday"), f(quad=7), f(dyad="NOR"), f(modality="maybe")):
        with pytest.raises(query.QueryError):
            query.find_events(e, bad)


def test_sql_in_filters_is_just_a_value(filled):
    before = filled.counts()
    for term in ("NOR' OR '1'='1", "x); DROP TABLE events; --", "%", "_"):
        assert query.find_events(filled.engine, query.EventFilter(actor=term))["total"] == 0
        query.find_statements(filled.engine, q=term + " fishing")
        query.find_documents(filled.engine, q='"' + term + ' NEAR(')
    assert filled.counts() == before


def test_statements_by_speaker_and_words(filled):
    e = filled.engine
    by_speaker = query.find_statements(e, speaker="Kari Nordmann")
    assert by_speaker["total"] == 2  # the story and its reprint both carry the quote
    assert "fishing accord" in by_speaker["items"][0]["content"]
    assert query.find_statements(e, q="fishing accord")["total"] == 2
    assert query.find_statements(e, q="volcano")["total"] == 0
    assert query.find_documents(e, q="Santiago")["total"] == 1


def test_actors_are_canonical_with_aliases(filled):
    res = query.find_actors(filled.engine)
    names = [a["name"] for a in res["items"]]
    assert names.count("Norway") == 1 and names.count("Chile") == 1
    norway = next(a for a in res["items"] if a["name"] == "Norway")
    assert norway["mentions"] == 4 and "Norway" in norway["aliases"]


def test_dyad_counts_by_month(filled):
    months = counts.dyad_counts(filled.engine, actor="NOR", recipient="CHL")
    assert [(m["month"], m["cooperation"], m["conflict"]) for m in months] == [("2021-03", 0, 1), ("2021-04", 1, 0)]


def test_exports(filled, tmp_path):
    buf = io.StringIO()
    assert export.export(filled.engine, "plover-jsonl", buf) == 2
    recs = [json.loads(line) for line in buf.getvalue().splitlines()]
    accuse = next(r for r in recs if r["event"] == "ACCUSE")
    assert accuse["date"] == "2021-03-01" and accuse["actor"][0]["code"] == "NOR"
    assert accuse["recipient"][0]["code"] == "CHL" and accuse["quad_code"] == 3
    assert accuse["num_sources"] == 2 and sorted(accuse["source_text_ids"]) == ["own-3", "wire-1"]
    assert accuse["event_loc"]["geonameid"] == 3143244

    buf = io.StringIO()
    export.export(filled.engine, "gdelt", buf)
    lines = buf.getvalue().splitlines()
    header, rows = lines[0].split("\t"), [line.split("\t") for line in lines[1:]]
    # GDELT's 61 columns, then whimbrel's modality, the type as the text said it, the date's precision
    assert len(header) == 64 and all(len(r) == 64 for r in rows)
    assert header[61:] == ["Modality", "TextEventType", "DateResolution"] and header[60] == "SOURCEURL"
    row = dict(zip(header, next(r for r in rows if r[header.index("EventCode")] == "112")))
    assert row["SQLDATE"] == "20210301" and row["Actor1CountryCode"] == "NOR"
    assert row["QuadClass"] == "3" and float(row["GoldsteinScale"]) < 0
    assert row["NumArticles"] == "2" and row["SOURCEURL"] == "https://one.example/a1"
    assert row["AvgTone"] != ""

    import pyarrow.parquet as pq

    out = tmp_path / "events.parquet"
    assert export.export(filled.engine, "parquet", out) == 2
    table = pq.read_table(out)
    assert table.num_rows == 2 and "actor_codes" in table.column_names


def test_schema_version_recorded_and_reopen_is_a_no_op(store):
    from sqlalchemy import text

    with store.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar() == SCHEMA_VERSION
    store.add(corpus()[:1])
    again = Store(store.url)  # migrating an up-to-date store changes nothing
    assert again.counts()["documents"] == 1
    again.close()


def test_dedup_and_date_rules_are_pure():
    a, b = dedup.signature(WIRE), dedup.signature(wire_copy(WIRE, "Other Paper"))
    assert a.jaccard(b) > dedup.THRESHOLD
    assert dedup.signature("Something else entirely about weather and sports.").jaccard(a) < 0.2
    d = merge.date_range
    assert merge.compatible(d("2021-05-10"), d("2021-05-11"))
    assert not merge.compatible(d("2021-05-10"), d("2021-05-13"))
    assert merge.compatible(d("2021-05"), d("2021-05-30"))
    assert not merge.compatible(d("2021"), d("2021-05-30"))
    assert d("XXXX-10-18", dt.date(2020, 1, 2)).value == "2020-01-02"
    assert d("2020-13-45") is None


def test_pipeline_output_stores(store, analyze):
    """Whatever the real stages find, the store keeps it and gives it back."""
    a = analyze("Canada's prime minister met the French president in Paris on Monday. "
                "\"We will work together,\" he said.", published="2022-06-07")
    (res,) = store.add([a])
    back = query.get_document(store.engine, res.id)["analysis"]
    assert back == json.loads(json.dumps(a.to_dict()))


def test_near_duplicate_found_after_reopening_the_store(store):
    first, copy = corpus()[0], corpus()[1]
    store.add([first])
    reopened = Store(store.url)  # a new process: the LSH index is rebuilt from stored signatures
    (res,) = reopened.add([copy])
    reopened.close()
    assert res.status == "duplicate" and res.near_duplicate_of is not None
