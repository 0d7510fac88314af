"""The HTTP API through the real FastAPI app: queries, analysis, limits, tokens, hostile input."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from store_fixtures import corpus
from whimbrel.api import MAX_BODY, create_app
from whimbrel.store import Store


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "api.db")
    s = Store(path)
    s.add(corpus())
    s.close()
    return path


@pytest.fixture
def client(db, nlp, monkeypatch):
    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    with TestClient(create_app(db, nlp=nlp), base_url="http://localhost") as c:
        yield c


def _counts(c):
    return c.get("/api/health").json()["counts"]


def test_queries_and_pagination(client):
    r = client.get("/api/events", params={"dyad": "NOR,CHL", "type": "ACCUSE"})
    assert r.status_code == 200
    body = r.json()
    assert body["total"] == 1 and body["items"][0]["num_sources"] == 2
    ev = client.get(f"/api/events/{body['items'][0]['id']}").json()
    assert {m["duplicate"] for m in ev["mentions"]} == {True, False}
    assert client.get("/api/events", params={"limit": 1}).json()["limit"] == 1
    assert client.get("/api/events", params={"limit": 1, "offset": 1}).json()["items"][0]["event"] in ("AGREE", "ACCUSE")
    assert client.get("/api/statements", params={"speaker": "Kari Nordmann"}).json()["total"] == 2
    assert client.get("/api/statements", params={"q": "fishing accord"}).json()["total"] == 2
    assert client.get("/api/actors", params={"q": "nor"}).json()["items"][0]["name"] == "Norway"
    docs = client.get("/api/documents").json()
    assert docs["total"] == 4
    one = client.get(f"/api/documents/{docs['items'][0]['id']}").json()
    assert set(one) == {"analysis", "store"} and "events" in one["analysis"]
    months = client.get("/api/dyad-counts", params={"actor": "NOR", "recipient": "CHL"}).json()
    assert [m["month"] for m in months] == ["2021-03", "2021-04"]
    net = client.get("/api/network").json()
    assert net["edges"][0]["weight"] >= 1


def test_openapi_lists_the_endpoints(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/analyze", "/api/events", "/api/statements", "/api/actors", "/api/documents",
                 "/api/documents/{doc_id}"):
        assert path in spec["paths"]


def test_analyze_json_plain_and_store(client):
    text = "Kenya accused Uganda of closing the border on Tuesday, the foreign minister said."
    r = client.post("/api/analyze", json={"text": text, "published": "2023-01-11", "id": "k1"})
    assert r.status_code == 200
    out = r.json()
    assert out["id"] == "k1" and out["published"] == "2023-01-11" and "store" not in out
    for key in ("actors", "events", "statements", "times", "places"):
        assert isinstance(out[key], list)
    r = client.post("/api/analyze?published=2023-01-11", content=text.encode(),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 200 and r.json()["published"] == "2023-01-11"
    before = _counts(client)["documents"]
    r = client.post("/api/analyze?store=true", json={"text": text, "published": "2023-01-11"})
    assert r.status_code == 200 and r.json()["store"]["status"] == "stored"
    assert _counts(client)["documents"] == before + 1
    again = client.post("/api/analyze?store=true", json={"text": text}).json()
    assert again["store"]["status"] == "skipped"


@pytest.mark.parametrize("kwargs, status", [
    ({"content": b"{not json", "headers": {"content-type": "application/json"}}, 400),
    ({"json": {"text": 42}}, 422),
    ({"json": ["a", "list"]}, 422),
    ({"json": {"text": "Fine text.", "published": "last week"}}, 422),
    ({"json": {"text": "Fine text.", "title": {"x": 1}}}, 422),
    ({"json": {"text": "   "}}, 422),
    ({"content": b"\xff\xfe\x00bad", "headers": {"content-type": "text/plain"}}, 400),
    ({"content": b"<x/>", "headers": {"content-type": "application/xml"}}, 415),
])
def test_bad_analyze_bodies_are_4xx(client, kwargs, status):
    before = _counts(client)
    r = client.post("/api/analyze?store=true", **kwargs)
    assert r.status_code == status, r.text
    assert _counts(client) == before


def test_huge_body_is_413(client):
    before = _counts(client)
    r = client.post("/api/analyze?store=true", content=b"a " * (MAX_BODY // 2 + 10),
                    headers={"content-type": "text/plain"})
    assert r.status_code == 413
    # Without a Content-Length (chunked), the limit is counted as the body arrives.
    def chunks():
        for _ in range(40):
            yield b"x" * 65536
    r = client.post("/api/analyze", content=chunks(), headers={"content-type": "text/plain"})
    assert r.status_code == 413
    assert _counts(client) == before


@pytest.mark.parametrize("url", [
    "/api/documents/..%2F..%2Fetc%2Fpasswd", "/api/documents/1%3B%20DROP%20TABLE%20documents",
    "/api/documents/-1", "/api/documents/99999999999999999999999", "/api/events/abc",
    "/api/events?limit=100000", "/api/events?offset=-3", "/api/events?quad=9",
    "/api/events?type=DANCE", "/api/events?since=yesterday", "/api/events?dyad=justone",
    "/static/../../etc/passwd", "/api/documents/999999",
])
def test_hostile_queries_are_4xx_and_change_nothing(client, url):
    before = _counts(client)
    r = client.get(url)
    assert 400 <= r.status_code < 500, (url, r.status_code, r.text)
    assert _counts(client) == before


def test_sql_in_filters_is_only_a_value(client):
    before = _counts(client)
    for term in ("NOR' OR 1=1 --", "'; DELETE FROM events; --"):
        r = client.get("/api/events", params={"actor": term})
        assert r.status_code == 200 and r.json()["total"] == 0
        assert client.get("/api/statements", params={"q": term}).status_code in (200, 400)
        assert client.get("/api/documents", params={"q": term + ' "NEAR('}).status_code in (200, 400)
    assert _counts(client) == before


def test_writes_need_the_token_when_set(db, nlp):
    app = create_app(db, nlp=nlp, token="s3cret")
    with TestClient(app, base_url="http://localhost") as c:
        body = {"text": "Peru thanked Chile for the aid shipment on Friday."}
        assert c.post("/api/analyze?store=true", json=body).status_code == 401
        assert c.post("/api/analyze?store=true", json=body,
                      headers={"Authorization": "Bearer wrong"}).status_code == 401
        assert c.post("/api/analyze", json=body).status_code == 200  # reading is open
        r = c.post("/api/analyze?store=true", json=body, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 200 and r.json()["store"]["status"] == "stored"


def test_writes_refused_beyond_localhost_without_token(db, nlp, monkeypatch):
    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    with TestClient(create_app(db, host="0.0.0.0", nlp=nlp), base_url="http://localhost") as c:
        r = c.post("/api/analyze?store=true", json={"text": "Peru thanked Chile."})
        assert r.status_code == 403
        assert c.get("/api/events").status_code == 200


def test_explorer_page_is_served_with_a_strict_csp(client):
    r = client.get("/")
    assert r.status_code == 200 and "<script src=\"/static/app.js\">" in r.text
    assert "script-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/static/app.js").status_code == 200
