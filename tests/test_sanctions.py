"""The sanctions and embargo tracker: regimes (target, imposer, kind) and their timelines, read from
the store by ``whimbrel.store.sanctions``, ``whimbrel query sanctions`` and ``GET /api/sanctions``.

The rule tests use sentences written here, stored as hand-built analyses (what an events stage
could give), so the tracker's rules are tested apart from the stage; the seed test runs the
whole pipeline on the seed article (skipped where ../shared is absent).
"""
from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from store_fixtures import make_analysis
from whimbrel.store import Store, sanctions

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "examples" / "seed-article.txt"
CLI = [sys.executable, "-m", "whimbrel.cli"]
D = dt.date(2019, 6, 1)

# (doc id, text, event, trigger, modality, actor, recipient, date)
WRITTEN = [
    ("a", "Canada imposed an oil embargo on Syria after the vote.", "SANCTION", "imposed", "asserted",
     ("Canada", "CAN"), ("Syria", "SYR"), "2019-01-10"),
    ("b", "Brazil tried to renew the oil embargo on Syria at the council.", "SANCTION", "renew", "attempted",
     ("Brazil", "BRA"), ("Syria", "SYR"), "2019-03-02"),
    ("c", "Canada lifted the oil embargo on Syria.", "RETREAT", "lifted", "asserted",
     ("Canada", "CAN"), ("Syria", "SYR"), "2019-05-20"),
    ("d", "Japan failed to extend its travel ban on Syria.", "SANCTION", "extend", "negated",
     ("Japan", "JPN"), ("Syria", "SYR"), "2019-04-04"),
    ("e", "Norway threatened Chile with sanctions over the fishing dispute.", "THREATEN", "threatened",
     "asserted", ("Norway", "NOR"), ("Chile", "CHL"), "2019-02-14"),
    ("f", "Canada boosted trade with Syria past the end of the oil embargo.", "COOPERATE", "boosted",
     "asserted", ("Canada", "CAN"), ("Syria", "SYR"), "2019-06-01"),
    ("g", "Chile ended the ban on protests in Norway.", "RETREAT", "ended", "asserted",
     ("Chile", "CHL"), ("Norway", "NOR"), "2019-06-02"),
    ("h", "Peru imposed economic sanctions on Belarus.", "SANCTION", "imposed", "asserted",
     ("Peru", "PER"), ("Belarus", "BLR"), "2019-02-01"),
    ("i", "Germany backed the sanctions against Belarus.", "SUPPORT", "backed", "asserted",
     ("Germany", "DEU"), ("Belarus", "BLR"), "2019-02-03"),
    ("j", "Peru imposed new sanctions on Belarus.", "SANCTION", "imposed", "asserted",
     ("Peru", "PER"), ("Belarus", "BLR"), "2019-03-09"),
]


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("sanctions") / "s.db")
    s = Store(db)
    s.add([make_analysis(i, text, D, event=ev, trigger=trig, modality=mod, actor=a, recipient=r, date=d,
                         cameo=None) for i, text, ev, trig, mod, a, r, d in WRITTEN])
    yield s
    s.close()


def _by_key(found):
    return {(r["target"]["code"], r["imposer"]["code"], r["kind"]): r for r in found}


def test_regimes_are_target_imposer_and_kind(written):
    found = _by_key(sanctions.regimes(written.engine))
    assert set(found) == {("SYR", "CAN", "oil embargo"), ("SYR", "JPN", "travel ban"), ("CHL", "NOR", "sanctions"),
                          ("BLR", "PER", "economic sanctions")}
    oil = found[("SYR", "CAN", "oil embargo")]
    assert [(x["date"]["value"], x["action"]) for x in oil["timeline"]] == [
        ("2019-01-10", "imposed"), ("2019-03-02", "renewal attempted"), ("2019-05-20", "lifted")]
    assert oil["status"] == "lifted" and (oil["first"], oil["last"]) == ("2019-01-10", "2019-05-20")
    # the attempt is Brazil's, on Canada's regime: the entry says who acted
    assert [a["code"] for a in oil["timeline"][1]["by"]] == ["BRA"]


def test_a_negated_renewal_fails_and_a_threat_is_a_threat(written):
    found = _by_key(sanctions.regimes(written.engine))
    ban = found[("SYR", "JPN", "travel ban")]["timeline"]
    assert [(x["action"], x["modality"]) for x in ban] == [("renewal failed", "negated")]
    threat = found[("CHL", "NOR", "sanctions")]["timeline"]
    assert [x["action"] for x in threat] == ["threatened"]


def test_a_remark_about_sanctions_joins_the_targets_regime_without_imposing_it(written):
    found = _by_key(sanctions.regimes(written.engine))
    steps = found[("BLR", "PER", "economic sanctions")]["timeline"]
    assert [(x["action"], [a["code"] for a in x["by"]]) for x in steps] == [
        ("imposed", ["PER"]), ("supported", ["DEU"]), ("imposed", ["PER"])]
    # "new sanctions" by the same imposer are the economic sanctions' regime, not one of their own
    assert steps[-1]["kind"] == "sanctions"


def test_the_state_is_the_country_and_others_keep_their_code():
    assert sanctions.party_key({"code": "USAGOV", "country": "USA", "sector": "GOV"}) == "USA"
    assert sanctions.party_key({"code": "USABUS", "country": "USA", "sector": "BUS"}) == "USABUS"
    assert sanctions.party_key({"code": "IGOUNOSEC", "country": None, "sector": None}) == "IGOUNO"


def test_evidence_is_the_sentence_with_its_trigger(written):
    found = _by_key(sanctions.regimes(written.engine))
    ev = found[("SYR", "CAN", "oil embargo")]["timeline"][0]["evidence"][0]
    assert ev["sentence"] == WRITTEN[0][1]
    assert ev["sentence"][slice(*ev["trigger"])] == "imposed"


def test_events_near_sanctions_words_but_not_about_them_stay_out(written):
    ids = {x["event"] for r in sanctions.regimes(written.engine) for x in r["timeline"]}
    with written.engine.connect() as conn:
        from sqlalchemy import select

        from whimbrel.store.schema import event_mentions
        by_doc = {r.event_id: r.trigger for r in conn.execute(select(event_mentions))}
    assert {by_doc[i] for i in ids} == {"imposed", "renew", "lifted", "extend", "threatened", "backed"}
    assert len(ids) == 8  # every written sanctions sentence but the two that are not about one


def test_filters_by_target_and_imposer(written):
    assert {r["imposer"]["code"] for r in sanctions.regimes(written.engine, target="SYR")} == {"CAN", "JPN"}
    assert {r["target"]["code"] for r in sanctions.regimes(written.engine, target="chile")} == {"CHL"}
    assert [r["kind"] for r in sanctions.regimes(written.engine, imposer="JPN")] == ["travel ban"]


@pytest.mark.parametrize("words, kind", [
    ("an arms embargo", "arms embargo"), ("the weapons ban", "arms embargo"), ("new economic sanctions", "economic sanctions"),
    ("a travel ban", "travel ban"), ("sanctions", "sanctions"), ("the embargo", "embargo"), ("a ban", None),
])
def test_kind_from_the_words_before_the_keyword(words, kind):
    found = sanctions.find_keyword("They announced " + words + " today.", 5, 14)
    assert (found[0] if found else None) == kind


@pytest.mark.parametrize("event_type, modality, words, action", [
    ("SANCTION", "asserted", "imposed sanctions", "imposed"),
    ("SANCTION", "asserted", "extended the embargo", "extended"),
    ("SANCTION", "negated", "renew the embargo", "renewal failed"),
    ("SANCTION", "future", "will prolong the embargo", "extension planned"),
    ("RETREAT", "asserted", "embargo expired", "expired"),
    ("RETREAT", "negated", "lift the sanctions", "not lifted"),
    ("RETREAT", "asserted", "eased sanctions", "eased"),
    ("THREATEN", "asserted", "threat", "threatened"),
    ("DEMAND", "asserted", "called for sanctions", "demanded"),
])
def test_action_from_words_type_and_modality(event_type, modality, words, action):
    assert sanctions.action_of(event_type, modality, words) == action


def test_the_api_answers_regimes_and_refuses_unknown_parameters(written, monkeypatch):
    from fastapi.testclient import TestClient

    from whimbrel.api import create_app

    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    with TestClient(create_app(str(written.engine.url.database)), base_url="http://localhost") as c:
        body = c.get("/api/sanctions", params={"target": "SYR"}).json()
        assert {(r["imposer"]["code"], r["kind"]) for r in body} == {("CAN", "oil embargo"), ("JPN", "travel ban")}
        assert c.get("/api/sanctions", params={"targte": "SYR"}).status_code == 400
        assert "/api/sanctions" in c.get("/openapi.json").json()["paths"]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory) -> str:
    if not SEED.exists():
        pytest.skip("the seed article is not here")
    db = str(tmp_path_factory.mktemp("seed") / "seed.db")
    res = subprocess.run([*CLI, "ingest", str(SEED), "--published", "2020-10-18", "--db", db, "--workers", "1"],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    return db


def test_the_seed_article_through_the_cli(seed_db):
    res = subprocess.run([*CLI, "query", "sanctions", "--db", seed_db, "--format", "json"],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    found = json.loads(res.stdout)
    steps = {(r["target"]["code"], r["imposer"]["code"], r["kind"], x["date"]["value"], x["action"],
              tuple(a["code"][:3] for a in x["by"])) for r in found for x in r["timeline"]}
    # the UN arms embargo on Iran expired on 2020-10-18; the US failed to renew it on 2020-08-14
    assert ("IRN", "IGOUNO", "arms embargo", "2020-10-18", "expired", ("IGO",)) in steps
    assert ("IRN", "IGOUNO", "arms embargo", "2020-08-14", "renewal failed", ("USA",)) in steps
    # the US sanctions against Iran of May 2018; the US threat of sanctions against Russia
    assert ("IRN", "USA", "sanctions", "2018-05", "imposed", ("USA",)) in steps
    assert any(s[:3] == ("RUS", "USA", "sanctions") and s[4] == "threatened" for s in steps)
    only_iran = json.loads(subprocess.run([*CLI, "query", "sanctions", "--db", seed_db, "--target", "IRN",
                                           "--format", "json"], capture_output=True, text=True).stdout)
    assert only_iran and {r["target"]["code"] for r in only_iran} == {"IRN"}


def test_the_cli_pages_regimes_and_tables_their_steps(written):
    db = str(written.engine.url.database)

    def cli(*args):
        res = subprocess.run([*CLI, "query", "sanctions", "--db", db, *args], capture_output=True, text=True, timeout=300)
        assert res.returncode == 0, res.stderr
        return res.stdout

    every = json.loads(cli("--format", "json"))
    assert len(every) == 4
    assert json.loads(cli("--format", "json", "--limit", "1", "--offset", "1")) == every[1:2]
    import csv
    import io

    rows = list(csv.DictReader(io.StringIO(cli("--format", "csv", "--target", "SYR"))))
    assert [(r["imposer"], r["action"]) for r in rows] == [
        ("CAN", "imposed"), ("CAN", "renewal attempted"), ("CAN", "lifted"), ("JPN", "renewal failed")]
    assert rows[0]["sentence"] == WRITTEN[0][1]
