"""The store as an analyst reads it: the demo store plus the seed article, through the CLI.

By default every count and export holds only the events a PLOVER coder records
(``events.coded``); ``--all-modalities`` adds the negated, hypothetical and other
unrecorded ones, and the exports say each event's modality.
"""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "examples" / "seed-article.txt"
CLI = [sys.executable, "-m", "whimbrel.cli"]


def whimbrel(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    res = subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=600)
    if check:
        assert res.returncode == 0, res.stderr
    return res


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> str:
    """``make demo``'s store plus the seed article (published 2020-11-18)."""
    if not SEED.exists():
        pytest.skip("the seed article is not here")
    db = str(tmp_path_factory.mktemp("demo") / "demo.db")
    whimbrel("ingest", str(ROOT / "examples"), "--db", db, "--workers", "1")
    whimbrel("ingest", str(SEED), "--published", "2020-11-18", "--db", db, "--workers", "1")
    return db


def _events(db: str, *extra: str) -> list[dict]:
    return json.loads(whimbrel("query", "events", "--db", db, "--format", "json", "--limit", "500", *extra).stdout)


def test_lists_hold_recorded_events_unless_asked_for_all(demo):
    default, every = _events(demo), _events(demo, "--all-modalities")
    assert default and all(e["coded"] for e in default)
    unrecorded = [e for e in every if e["coded"] is None]
    assert {"negated", "hypothetical"} <= {e["modality"] for e in unrecorded}
    assert {e["id"] for e in default} == {e["id"] for e in every if e["coded"]}
    # naming a modality asks for its events, recorded or not
    negated = _events(demo, "--modality", "negated")
    assert negated and any(e["coded"] is None for e in negated)
    # a future cooperative act is recorded as the AGREE it announces
    assert any(e["modality"] == "future" and e["coded"] == "AGREE" for e in default)


def test_dyad_counts_leave_out_unrecorded_events_by_default(demo):
    def total(*extra: str) -> int:
        rows = json.loads(whimbrel("query", "dyad-counts", "--db", demo, "--format", "json", *extra).stdout)
        return sum(r["events"] for r in rows)

    every = _events(demo, "--all-modalities")
    dated_unrecorded = [e for e in every if e["coded"] is None and e["date"]["value"]]
    assert dated_unrecorded
    assert total("--all-modalities") - total() == len(dated_unrecorded)


def test_exports_leave_out_unrecorded_events_by_default_and_say_the_modality(demo):
    every = _events(demo, "--all-modalities")
    unrecorded = {f"whimbrel-{e['id']}" for e in every if e["coded"] is None}

    def plover(*extra: str) -> list[dict]:
        out = whimbrel("export", "--format", "plover-jsonl", "--db", demo, *extra).stdout
        return [json.loads(line) for line in out.splitlines()]

    default, full = plover(), plover("--all-modalities")
    assert not unrecorded & {r["id"] for r in default}
    assert unrecorded <= {r["id"] for r in full}
    assert {"negated", "hypothetical"} <= {r["modality"] for r in full if r["id"] in unrecorded}

    def gdelt(*extra: str) -> list[dict]:
        out = whimbrel("export", "--format", "gdelt", "--db", demo, *extra).stdout
        return list(csv.DictReader(io.StringIO(out), delimiter="\t", quoting=csv.QUOTE_NONE))

    rows, all_rows = gdelt(), gdelt("--all-modalities")
    left_out = {r["GLOBALEVENTID"] for r in all_rows} - {r["GLOBALEVENTID"] for r in rows}
    assert left_out == {i.removeprefix("whimbrel-") for i in unrecorded}
    assert {"negated", "hypothetical"} <= {r["Modality"] for r in all_rows if r["GLOBALEVENTID"] in left_out}
    # a negated attack leaves only with the switch, and then says it was negated
    assert [r for r in all_rows if r["Modality"] == "negated" and r["TextEventType"] == "ASSAULT"]


def test_a_store_made_before_coded_existed_gets_it_filled(tmp_path):
    import datetime as dt

    from sqlalchemy import text

    from store_fixtures import make_analysis
    from whimbrel.store import Store, query

    db = str(tmp_path / "old.db")
    s = Store(db)
    s.add([make_analysis("a", "Norway accused Chile of spying.", dt.date(2021, 5, 10), date="2021-05-10"),
           make_analysis("b", "Norway did not attack Chile.", dt.date(2021, 5, 10), date="2021-05-10",
                         event="ASSAULT", trigger="attack", modality="negated", cameo="190"),
           make_analysis("c", "Norway will cooperate with Chile.", dt.date(2021, 5, 10), date="2021-05-10",
                         event="COOPERATE", trigger="cooperate", modality="future", cameo="060")])
    with s.engine.begin() as conn:  # as version 1 left it (no coded column, nor version 5's index on it)
        conn.execute(text("DROP INDEX ix_events_coded_date"))
        conn.execute(text("ALTER TABLE events DROP COLUMN coded"))
        conn.execute(text("UPDATE schema_version SET version = 1"))
    s.close()
    s = Store(db)
    every = query.find_events(s.engine, query.EventFilter(all_modalities=True))["items"]
    assert sorted((e["event"], e["coded"]) for e in every) == [
        ("ACCUSE", "ACCUSE"), ("ASSAULT", None), ("COOPERATE", "AGREE")]
    assert query.find_events(s.engine)["total"] == 2
    s.close()


def test_the_api_takes_the_same_switch(tmp_path, monkeypatch):
    import datetime as dt

    from fastapi.testclient import TestClient

    from store_fixtures import corpus, make_analysis
    from whimbrel.api import create_app
    from whimbrel.store import Store

    db = str(tmp_path / "api.db")
    s = Store(db)
    s.add(corpus() + [make_analysis("n", "Norway did not attack Chile.", dt.date(2021, 3, 5),
                                    date="2021-03-05", event="ASSAULT", trigger="attack",
                                    modality="negated", cameo="190")])
    s.close()
    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    with TestClient(create_app(db), base_url="http://localhost") as c:
        for path, key in (("/api/events", "total"), ("/api/dyad-counts", None), ("/api/network", "edges")):
            def size(**params):
                body = c.get(path, params=params).json()
                if key == "total":
                    return body["total"]
                if key is None:
                    return sum(m["events"] for m in body)
                return sum(e["weight"] for e in body[key])

            assert size(all_modalities="true") == size() + 1, path
        gdelt = c.get("/api/export", params={"format": "gdelt"}).text
        assert "negated" not in gdelt
        assert "negated\tASSAULT" in c.get("/api/export", params={"format": "gdelt", "all_modalities": "true"}).text


# --------------------------------------------------------------------------- exports as their users read them

def _export_store(tmp_path):
    """Three stored reports: one in Oslo (a city), one placed only at a country (Taiwan, which
    the gazetteer puts at Taipei's coordinates), one with a month-only date; no URLs."""
    import dataclasses
    import datetime as dt

    from store_fixtures import make_analysis
    from whimbrel.model import Place
    from whimbrel.store import Store

    city = make_analysis("oslo", "Norway accused Chile in Oslo of spying.", dt.date(2021, 5, 10),
                         date="2021-05-10", source="Paper")
    t = "Norway accused Chile of spying in Taiwan."
    land = make_analysis("taiwan", t, dt.date(2021, 6, 10), date="2021-06-10")
    i = t.index("Taiwan")
    land = dataclasses.replace(
        land, document=dataclasses.replace(land.document, origin="news/taiwan.txt"), places=(Place("P1", (i, i + 6), "Taiwan", 1668284, 25.05306, 121.52639, "TWN"),),
        events=(dataclasses.replace(land.events[0], location="P1"),))
    month = make_analysis("month", "Chile accused Norway in March of spying.", dt.date(2021, 4, 2),
                          date="2021-03", actor=("Chile", "CHL"), recipient=("Norway", "NOR"))
    s = Store(str(tmp_path / "x.db"))
    s.add([city, land, month])
    return s


def _gdelt_rows(engine) -> dict[str, dict[str, str]]:
    from whimbrel.store import export

    buf = io.StringIO()
    export.export(engine, "gdelt", buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue()), delimiter="\t", quoting=csv.QUOTE_NONE))
    return {r["ActionGeo_FullName"] or r["MonthYear"]: r for r in rows}


def test_gdelt_geography_as_gdelt_fills_it(tmp_path):
    s = _export_store(tmp_path)
    rows = _gdelt_rows(s.engine)
    oslo, taiwan = rows["Oslo"], rows["Taiwan"]
    assert (oslo["ActionGeo_Type"], oslo["ActionGeo_ADM1Code"], oslo["ActionGeo_Lat"]) == ("4", "NO12", "59.91")
    # a country is a country (type 1), not a city at its capital's coordinates
    assert (taiwan["ActionGeo_Type"], taiwan["ActionGeo_Lat"], taiwan["ActionGeo_CountryCode"]) == ("1", "", "TWN")
    # each actor's geography is its country's
    assert (oslo["Actor1Geo_Type"], oslo["Actor1Geo_FullName"], oslo["Actor1Geo_CountryCode"]) == ("1", "Norway", "NOR")
    assert (oslo["Actor2Geo_FullName"], oslo["Actor2Geo_FeatureID"]) == ("Chile", "3895114")
    s.close()


def test_gdelt_dates_tone_and_source_as_gdelt_fills_them(tmp_path):
    import datetime as dt

    s = _export_store(tmp_path)
    rows = _gdelt_rows(s.engine)
    march = rows["202103"]
    # a month-only date is flagged, not passed off as the first of the month
    assert (march["SQLDATE"], march["DateResolution"]) == ("20210301", "month")
    assert rows["Oslo"]["DateResolution"] == "day"
    for r in rows.values():
        assert -10 <= float(r["AvgTone"]) <= 10
        # added to the store today, whenever the event happened
        assert r["DATEADDED"][:8] == dt.datetime.now().strftime("%Y%m%d")
        assert r["SOURCEURL"] not in ("oslo", "taiwan", "month")  # never an internal key
    # no URL: the file it was read from
    assert rows["Taiwan"]["SOURCEURL"] == "news/taiwan.txt"
    s.close()


def test_plover_records_have_the_parquet_types_and_what_an_analyst_needs(tmp_path):
    import pyarrow.parquet as pq

    from whimbrel.store import export

    s = _export_store(tmp_path)
    buf = io.StringIO()
    export.export(s.engine, "plover-jsonl", buf)
    recs = {r["id"]: r for r in map(json.loads, buf.getvalue().splitlines())}
    out = tmp_path / "x.parquet"
    export.export(s.engine, "parquet", out)
    table = {r["id"]: r for r in pq.read_table(out).to_pylist()}
    assert recs.keys() == table.keys()
    for key, rec in recs.items():
        flat = table[key]
        for name in set(rec) & set(flat):
            if rec[name] is not None and flat[name] is not None:
                assert type(rec[name]) is type(flat[name]), name
        assert isinstance(rec["event"], str) and rec["mode"] is None
        assert rec["publication_date"] and rec["raw_text"] and rec["raw_text"] == flat["raw_text"]
        assert all("role" in a for a in rec["actor"] + rec["recipient"])
    assert {r["publication_date"] for r in recs.values()} == {"2021-05-10", "2021-06-10", "2021-04-02"}
    taiwan = next(r for r in recs.values() if (r["event_loc"] or {}).get("resolved_place") == "Taiwan")
    assert taiwan["event_loc"]["feature"] == "country"
    s.close()


def test_export_into_a_closed_pipe_ends_quietly(demo):
    """``whimbrel export | head -1``: the reader goes away; no error message, no traceback."""
    proc = subprocess.Popen([*CLI, "export", "--format", "plover-jsonl", "--all-modalities", "--db", demo],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert json.loads(proc.stdout.readline())["id"]
    proc.stdout.close()  # more than a pipe's buffer is still to come
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) != 0
    assert "Broken pipe" not in err and "Traceback" not in err and "Exception ignored" not in err


def test_the_type_filter_means_the_type_a_coder_records(tmp_path):
    import datetime as dt

    from store_fixtures import make_analysis
    from whimbrel.store import Store, query

    s = Store(str(tmp_path / "t.db"))
    s.add([make_analysis("c", "Norway will cooperate with Chile.", dt.date(2021, 5, 10), date="2021-05-10",
                         event="COOPERATE", trigger="cooperate", modality="future", cameo="060")])
    agree = query.find_events(s.engine, query.EventFilter(type="AGREE"))["items"]
    assert [(e["event"], e["coded"]) for e in agree] == [("COOPERATE", "AGREE")]
    assert query.find_events(s.engine, query.EventFilter(type="COOPERATE"))["total"] == 0
    s.close()
