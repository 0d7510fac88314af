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
