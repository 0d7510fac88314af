"""``dyad-counts`` as an analyst reads it: every calendar month in the range (empty ones as zeros),
counts by quad class and by type, and a CSV with one value per cell."""
from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys

import pytest

from store_fixtures import make_analysis
from whimbrel.model import PLOVER_EVENTS
from whimbrel.store import Store, counts, query


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    path = str(tmp_path_factory.mktemp("dyad") / "d.db")
    s = Store(path)
    s.add([make_analysis("jan", "Norway accused Chile of spying.", dt.date(2021, 1, 5), date="2021-01-05"),
           make_analysis("apr", "Norway agreed with Chile on quotas.", dt.date(2021, 4, 5), date="2021-04-05",
                         event="AGREE", trigger="agreed", cameo="030"),
           make_analysis("neg", "Norway did not attack Chile.", dt.date(2021, 6, 5), date="2021-06-05",
                         event="ASSAULT", trigger="attack", modality="negated", cameo="190")])
    s.close()
    return path


def test_months_without_events_are_zeros(db):
    s = Store(db)
    months = counts.dyad_counts(s.engine, actor="NOR", recipient="CHL")
    assert [(m["month"], m["events"]) for m in months] == [
        ("2021-01", 1), ("2021-02", 0), ("2021-03", 0), ("2021-04", 1)]
    assert months[0]["types"] == {"ACCUSE": 1} and months[0]["quad"]["3"] == 1
    assert months[1]["types"] == {} and months[1]["goldstein"] == 0.0
    every = counts.dyad_counts(s.engine, f=query.EventFilter(all_modalities=True))
    assert [m["month"] for m in every][-1] == "2021-06" and every[-1]["types"] == {"ASSAULT": 1}
    # the filter's own range is drawn in full
    ranged = counts.dyad_counts(s.engine, f=query.EventFilter(since="2020-11-15", until="2021-02-01"))
    assert [m["month"] for m in ranged] == ["2020-11", "2020-12", "2021-01", "2021-02"]
    s.close()


def test_the_csv_has_a_column_per_quad_and_type_and_no_json(db):
    out = subprocess.run([sys.executable, "-m", "whimbrel.cli", "query", "dyad-counts", "--db", db,
                          "--format", "csv"], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    rows = list(csv.DictReader(io.StringIO(out.stdout)))
    assert [r["month"] for r in rows] == ["2021-01", "2021-02", "2021-03", "2021-04"]
    assert {"quad_1", "quad_2", "quad_3", "quad_4", *PLOVER_EVENTS} <= set(rows[0])
    assert not any(c in v for r in rows for v in r.values() for c in "{[")
    assert (rows[0]["ACCUSE"], rows[3]["AGREE"], rows[1]["events"]) == ("1", "1", "0")


def test_month_range_is_bounded():
    from whimbrel.store.analyst import MAX_MONTHS, month_range

    assert month_range(["2020-11", "2021-02"]) == ["2020-11", "2020-12", "2021-01", "2021-02"]
    long = month_range(["1066-10", "2021-02"])
    assert len(long) == MAX_MONTHS and long[-1] == "2021-02"
    assert month_range([]) == []
