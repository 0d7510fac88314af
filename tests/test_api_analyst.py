"""The analyst's API routes over a hand-built store (SQLite, and PostgreSQL where WHIMBREL_TEST_PG
is set, as CI sets it): /api/map, /api/actors/{id}, /api/summary, /api/network?by=, /api/sanctions,
through FastAPI's test client."""
from __future__ import annotations

import datetime as dt

import pytest

from store_fixtures import corpus, db_urls, fresh_url, make_analysis


@pytest.fixture(params=db_urls())
def client(request, tmp_path, monkeypatch):
    from fastapi.testclient import TestClient

    from whimbrel.api import create_app
    from whimbrel.store import Store

    db = fresh_url(request.param, tmp_path)
    s = Store(db)
    s.add(corpus() + [
        make_analysis("oslo-2", "Chile accused Norway in Oslo of stalling.", dt.date(2021, 5, 4),
                      actor=("Chile", "CHL"), recipient=("Norway", "NOR"), date="2021-05-04"),
        make_analysis("oslo-neg", "Norway did not attack Chile in Oslo.", dt.date(2021, 5, 6), date="2021-05-06",
                      event="ASSAULT", trigger="attack", modality="negated", cameo="190"),
        make_analysis("embargo", "Norway imposed an arms embargo on Chile.", dt.date(2021, 5, 10), date="2021-05-10",
                      event="SANCTION", trigger="imposed", cameo="163"),
    ])
    s.close()
    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    with TestClient(create_app(db), base_url="http://localhost") as c:
        yield c


def test_map_groups_located_events_by_place_with_counts(client):
    body = client.get("/api/map").json()
    listed = client.get("/api/events", params={"place": "Oslo"}).json()["total"]
    (oslo,) = [p for p in body["events"] if p["name"] == "Oslo"]
    assert oslo["events"] == listed == 2
    assert oslo["types"] == {"ACCUSE": 2}
    assert (round(oslo["lat"], 2), round(oslo["lon"], 2)) == (59.91, 10.75)
    # the negated attack counts only with the switch, as in every other view
    every = client.get("/api/map", params={"all_modalities": "true"}).json()
    assert [p["events"] for p in every["events"] if p["name"] == "Oslo"] == [3]
    # named places: every mention of Oslo, with the documents that name it
    (named,) = [p for p in body["places"] if p["name"] == "Oslo"]
    assert named["mentions"] == named["documents"] == 4


def test_map_filters_and_refuses_unknown_parameters(client):
    only = client.get("/api/map", params={"type": "AGREE"}).json()
    assert only["events"] == []  # the AGREE of the corpus has no place
    assert client.get("/api/map", params={"typ": "AGREE"}).status_code == 400
    assert client.get("/api/map", params={"type": "NOPE"}).status_code == 400


def test_actor_profile(client):
    norway = client.get("/api/actors", params={"q": "Norway"}).json()["items"][0]
    p = client.get(f"/api/actors/{norway['id']}").json()
    assert p["actor"]["name"] == "Norway" and "Norway" in p["actor"]["aliases"]
    # as actor: the March accusation (two wire copies, one event) and the April agreement, and
    # the other report of March; as recipient: Chile's May accusation. Every month is there.
    listed_as_actor = client.get("/api/events", params={"actor": "NOR"}).json()["total"]
    assert sum(m["as_actor"] for m in p["months"]) == listed_as_actor
    assert sum(m["as_recipient"] for m in p["months"]) == client.get("/api/events", params={"recipient": "NOR"}).json()["total"]
    assert [m["month"] for m in p["months"]] == ["2021-03", "2021-04", "2021-05"]
    (chile,) = [q for q in p["partners"] if q["name"] == "Chile"]
    assert chile["acts_on"] == listed_as_actor and chile["acted_on_by"] == 1
    assert p["statements"]["total"] == 0  # the statements are the minister's
    minister = client.get("/api/actors", params={"q": "Kari"}).json()["items"][0]
    assert client.get(f"/api/actors/{minister['id']}").json()["statements"]["total"] == 2
    # the negated attack joins only with the switch
    every = client.get(f"/api/actors/{norway['id']}", params={"all_modalities": "true"}).json()
    assert every["types"]["as_actor"].get("ASSAULT") == 1 and "ASSAULT" not in p["types"]["as_actor"]
    assert client.get("/api/actors/999999").status_code == 404


def test_network_merged_by_code_or_country(client):
    plain = client.get("/api/network").json()
    by_country = client.get("/api/network", params={"by": "country"}).json()
    assert {n["id"] for n in by_country["nodes"]} <= {"NOR", "CHL"}
    total = sum(e["weight"] for e in plain["edges"])
    assert sum(e["weight"] for e in by_country["edges"]) == total  # no edge within one country here
    assert client.get("/api/network", params={"by": "planet"}).status_code == 400


def test_summary_divides_the_filtered_events(client):
    s = client.get("/api/summary").json()
    assert s["total"] == client.get("/api/events").json()["total"]
    assert sum(s["types"].values()) == s["total"] == sum(s["modalities"].values())
    from collections import Counter

    listed = client.get("/api/events", params={"limit": 500}).json()["items"]
    assert s["types"] == dict(Counter(e["coded"] for e in listed)) and set(s["modalities"]) == {"asserted"}
    assert s["types"]["SANCTION"] == 1
    every = client.get("/api/summary", params={"all_modalities": "true"}).json()
    assert every["modalities"].get("negated") == 1 and every["types"]["ASSAULT"] == 1
    assert client.get("/api/summary", params={"actor": "CHL"}).json()["total"] == 1
    assert client.get("/api/summary", params={"limit": "5"}).status_code == 400


def test_sanctions_route_on_this_store(client):
    (regime,) = client.get("/api/sanctions").json()  # the accusations and the attack are not about sanctions
    assert (regime["target"]["code"], regime["imposer"]["code"], regime["kind"]) == ("CHL", "NOR", "arms embargo")
    assert [(x["date"]["value"], x["action"]) for x in regime["timeline"]] == [("2021-05-10", "imposed")]
    assert client.get("/api/sanctions", params={"target": "NOR"}).json() == []
