"""Faults found by trying the store as an operator would (issue 17): edge dates, concurrent
writers, export quoting and partial files. SQLite, and PostgreSQL when WHIMBREL_TEST_PG is set."""
from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from store_fixtures import WIRE, db_urls, fresh_url, make_analysis
from whimbrel.store import Store, export, query


@pytest.fixture(params=db_urls())
def store(request, tmp_path):
    s = Store(fresh_url(request.param, tmp_path))
    yield s
    s.close()


EDGE_TEXTS = [
    "Norway accused Chile of breaking the accord, the ministry said.",
    "Officials said Norway accused Chile again over the fishing quotas.",
    "Chile was accused by Norway of ignoring the ruling, the paper wrote.",
]


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_edge_publication_dates_store_merge_and_export(store, published):
    """Go's zero time (0001-01-01) and 'never' (9999-12-31) as publication dates: the merger's
    date window used to overflow (OverflowError), rolling back the batch on every rerun."""
    day = published.isoformat()
    batch = [make_analysis("undated", EDGE_TEXTS[0], published, date=None),
             make_analysis("dated", EDGE_TEXTS[1], published, date=day),
             make_analysis("month", EDGE_TEXTS[2], published, date=day[:7])]
    results = store.add(batch)
    assert [r.status for r in results] == ["stored"] * 3
    page = query.find_events(store.engine, query.EventFilter(type="ACCUSE"))
    assert page["total"] == 1  # all three report one event on the edge day
    assert page["items"][0]["num_mentions"] == 3
    out = io.StringIO()
    assert export.export(store.engine, "gdelt", out) == 1
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert rows[0]["SQLDATE"] == day.replace("-", "")  # 00010101: strftime writes year 1 as "1"
    assert rows[0]["Year"] == str(published.year)


def test_gdelt_export_quotes_quote_marks(store):
    """A name beginning with '"' opened a quoted field for csv and pandas and swallowed the
    following rows: five events read back as three."""
    names = ['"Free Aceh" Movement', 'Chile', 'Tab"le', '"', 'Norway']
    batch = []
    for i, name in enumerate(names):
        text = f"{name} accused Peru of breaking accord number {i} in the capital, officials said."
        batch.append(make_analysis(f"q{i}", text, dt.date(2021, 5, 1 + 2 * i), date=f"2021-05-{1 + 2 * i:02d}",
                                   actor=(name, f"X{i}"), recipient=("Peru", "PER")))
    store.add(batch)
    out = io.StringIO()
    assert export.export(store.engine, "gdelt", out) == 5
    rows = list(csv.DictReader(io.StringIO(out.getvalue()), delimiter="\t"))
    assert len(rows) == 5 and all(len(r) == len(export.GDELT_COLUMNS) for r in rows)
    assert sorted(r["Actor1Name"] for r in rows) == sorted(names)
    pd = pytest.importorskip("pandas")
    frame = pd.read_csv(io.StringIO(out.getvalue()), sep="\t", dtype=str, keep_default_na=False)
    assert len(frame) == 5 and sorted(frame["Actor1Name"]) == sorted(names)


# --------------------------------------------------------------------------- many writers

def _overlap_corpus() -> list:
    """Thirty documents: ten countries accusing each other over three days (events that merge
    across documents), every text distinct, none a near-duplicate of another."""
    countries = [("Norway", "NOR"), ("Chile", "CHL"), ("Peru", "PER"), ("Kenya", "KEN"), ("Japan", "JPN")]
    out = []
    for i in range(30):
        # Acting and receiving countries kept apart: an actor row keeps the sector of its first
        # mention (order-dependent by design), and the fixture gives recipients none.
        a, r = countries[i % 2], countries[2 + i % 3]
        day = dt.date(2021, 6, 1 + i % 3)
        text = (f"Report {i}: {a[0]} accused {r[0]} of violating clause {i * 7} of the treaty, "
                f"according to statement number {i * 13} issued in the capital late on day {i}.")
        out.append(make_analysis(f"doc-{i}", text, day, source=f"Outlet {i % 4}", date=day.isoformat(),
                                 actor=a, recipient=r))
    return out


def _ingest_slice(url: str, start: int, stop: int, batch: int, barrier) -> list[str]:
    barrier.wait()
    s = Store(url)
    try:
        return [r.status for r in s.ingest(_overlap_corpus()[start:stop], batch_size=batch)]
    finally:
        s.close()


def _canonical(url: str) -> dict[str, list]:
    """Every table's rows with ids replaced by natural keys (content hash, actor key, event key)."""
    from sqlalchemy import select

    from whimbrel.store import schema

    t = schema.metadata.tables
    with Store(url).engine.connect() as c:
        doc = {r.id: r.content_hash for r in c.execute(select(t["documents"]))}
        act = {r.id: r.actor_key for r in c.execute(select(t["actors"]))}
        evk = {r.id: (r.event_type, r.modality, r.actor_key, r.recipient_key, r.date_value)
               for r in c.execute(select(t["events"]))}
        keys = {"document_id": doc, "near_duplicate_of": doc, "actor_id": act, "recipient_id": act, "speaker_id": act,
                "event_id": evk}
        out = {}
        for name, table in t.items():
            if name == "schema_version":
                continue
            rows = []
            for r in c.execute(select(table)).mappings():
                rows.append(tuple(sorted(
                    (k, keys[k].get(v) if k in keys else v) for k, v in r.items()
                    if k not in ("id", "ingested_at", "tsv") and not (name == "documents" and k == "minhash"))))
            out[name] = sorted(rows, key=repr)
    return out


@pytest.mark.parametrize("kind", db_urls())
def test_two_concurrent_ingests_of_overlapping_input_store_what_one_does(kind, tmp_path):
    """Two writers over overlapping slices (0-20 and 10-30) at once: no UNIQUE-constraint abort,
    each shared document stored once and 'skipped' by the other, the same store as one ingest."""
    import multiprocessing as mp

    (tmp_path / "one").mkdir()
    one = fresh_url(kind, tmp_path / "one")
    single = Store(one)
    assert [r.status for r in single.add(_overlap_corpus())] == ["stored"] * 30
    single.close()
    expected = _canonical(one)
    ctx = mp.get_context("spawn")
    for attempt in range(2):  # a race can be won by luck once: two fresh stores
        (tmp_path / f"two{attempt}").mkdir()
        two = fresh_url(kind, tmp_path / f"two{attempt}")
        Store(two).close()  # the schema exists before the writers race
        with ctx.Manager() as manager, ctx.Pool(2) as pool:
            barrier = manager.Barrier(2)
            jobs = [pool.apply_async(_ingest_slice, (two, 0, 20, 1, barrier)),
                    pool.apply_async(_ingest_slice, (two, 10, 30, 2, barrier))]
            statuses = [j.get(timeout=300) for j in jobs]
        flat = statuses[0] + statuses[1]
        assert flat.count("stored") == 30 and flat.count("skipped") == 10
        assert _canonical(two) == expected


def test_export_with_an_invalid_filter_leaves_the_existing_file_alone(store, tmp_path):
    from whimbrel.commands import export as export_cmd

    store.add([make_analysis("one", WIRE, dt.date(2021, 3, 2), date="2021-03-01")])
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    out = tmp_path / "events.jsonl"
    out.write_text("yesterday's export\n")
    with pytest.raises(query.QueryError):
        export.export(store.engine, "plover-jsonl", out, query.EventFilter(since="last week"))
    assert out.read_text() == "yesterday's export\n"
    assert export_cmd.run(store.url, "gdelt", out, type="DANCE") == 2
    assert out.read_text() == "yesterday's export\n"
    assert [p.name for p in tmp_path.iterdir()] == ["events.jsonl"]  # no temporary file left

    class Boom(Exception):
        pass

    real = export.iter_events

    def failing(*_a, **_k):
        yield from real(store.engine)
        raise Boom()

    export.iter_events = failing
    try:
        with pytest.raises(Boom):
            export.export(store.engine, "plover-jsonl", out)
    finally:
        export.iter_events = real
    assert out.read_text() == "yesterday's export\n"
    assert export.export(store.engine, "plover-jsonl", out) == 1 and '"whimbrel-' in out.read_text()
    assert export.export(store.engine, "parquet", tmp_path / "e.parquet") == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["e.parquet", "events.jsonl"]


def test_csv_cells_that_would_be_formulas_are_neutralised(store):
    from whimbrel import render

    name = '=HYPERLINK("http://evil.example","Norway")'
    text = f"{name} accused Chile of breaking the accord, officials said."
    store.add([make_analysis("f", text, dt.date(2021, 3, 2), date="2021-03-01", actor=(name, "NOR"))])
    page = query.find_events(store.engine)
    buf = io.StringIO()
    w = render.open_writer("csv", buf, render.ROWS, query="events")
    for item in page["items"]:
        w.write(item)
    w.close()
    w = render.open_writer("csv", buf, render.ROWS, query="events")
    w.write({"id": 2, "goldstein": -5.0, "label": "-3", "note": "@SUM(A1)", "plain": "fine"})
    w.close()
    rows = list(csv.reader(io.StringIO(buf.getvalue())))
    cells = [c for r in rows for c in r]
    assert not any(c.startswith(("=", "@", "+")) for c in cells)
    assert any(c.startswith("'=HYPERLINK") for c in cells) and "'@SUM(A1)" in cells
    assert "-5.0" in cells and "-3" in cells and "fine" in cells


def test_keyset_pages_give_the_offset_pages(store):
    """find_events(after=next) walks the list in the same order as offsets, undated events last."""
    batch = _overlap_corpus()[:12]
    batch.append(make_analysis("undated", "Japan accused Peru of spying, a source said.", None, date=None,
                               actor=("Japan", "JPN"), recipient=("Peru", "PER")))
    store.add(batch)
    by_offset = [e["id"] for off in range(0, 40, 4)
                 for e in query.find_events(store.engine, limit=4, offset=off)["items"]]
    by_key, cursor = [], None
    while True:
        page = query.find_events(store.engine, limit=4, after=cursor)
        by_key += [e["id"] for e in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert by_key == by_offset and len(by_key) == query.find_events(store.engine)["total"]
    with pytest.raises(query.QueryError):
        query.find_events(store.engine, after="yesterday")


def test_a_version_1_store_is_migrated_to_the_indexes_of_version_2(tmp_path):
    from sqlalchemy import create_engine

    from whimbrel.store import migrations, schema

    url = schema.normalise_url(str(tmp_path / "v1.db"))
    eng = create_engine(url)
    with eng.begin() as c:  # a store as version 1 made it: its indexes, not version 2's
        migrations._v1(c)
        for name in migrations._V2_INDEXES:
            c.exec_driver_sql(f"DROP INDEX {name}")
        c.exec_driver_sql("CREATE INDEX ix_events_key ON events (event_type, modality, actor_key, recipient_key)")
        c.execute(schema.schema_version.insert().values(version=1))
    eng.dispose()
    s = Store(str(tmp_path / "v1.db"))
    with s.engine.connect() as c:  # (the inspector leaves out expression indexes on SQLite)
        names = set(c.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'index'").scalars())
    assert set(migrations._V2_INDEXES) <= names and "ix_events_key" not in names
    assert "ix_events_merge" in names  # version 8's, which replaced version 2's ix_events_key_date
    assert [r.status for r in s.add(_overlap_corpus()[:3])] == ["stored"] * 3
    s.close()


def test_date_driven_pages_are_the_same_pages(store, monkeypatch):
    """The plans chosen for large result sets (SQLite) give exactly the default plans' pages."""
    store.add(_overlap_corpus())

    def pages():
        out = []
        for f, off in ((query.EventFilter(actor="NOR"), 1), (query.EventFilter(dyad="CHL,PER"), 0),
                       (query.EventFilter(recipient="KEN", since="2021-06-02"), 0)):
            out.append(query.find_events(store.engine, f, limit=2, offset=off))
        out.append(query.find_documents(store.engine, q="treaty", limit=5, offset=3))
        return out

    monkeypatch.setattr(query, "DATE_DRIVEN_FROM", 10**9)
    default = pages()
    monkeypatch.setattr(query, "DATE_DRIVEN_FROM", 1)
    assert pages() == default
    assert all(p["items"] for p in default) and default[-1]["total"] == 30


@pytest.mark.skipif(not __import__("store_fixtures").PG_URL, reason="WHIMBREL_TEST_PG not set")
def test_fresh_postgresql_databases_are_dropped(tmp_path):
    """fresh_url's PostgreSQL databases are dropped at the test's end, even with a store still
    connected to one (hundreds of whimbrel_t_* databases had piled up on the test server)."""
    from sqlalchemy import create_engine, text

    from store_fixtures import PG_URL, drop_created

    url = fresh_url("postgresql", tmp_path)
    name = url.rsplit("/", 1)[1]
    held = Store(url)
    held.add([make_analysis("held", EDGE_TEXTS[0], dt.date(2021, 5, 1), date="2021-05-01")])
    assert name in drop_created()
    admin = create_engine(PG_URL)
    with admin.connect() as c:
        left = c.execute(text("SELECT count(*) FROM pg_database WHERE datname = :n"), {"n": name}).scalar_one()
    admin.dispose()
    held.engine.dispose()
    assert left == 0
