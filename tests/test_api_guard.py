"""The API under hostile clients and load (issue 17): the analysis pool, tokens, size limits,
Host/Origin checks, and the CLI's document checks. The pipeline is stubbed where only the
server's behaviour matters; no test asserts on time (latencies are printed)."""
from __future__ import annotations

import asyncio
import statistics
import threading
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from store_fixtures import corpus
from whimbrel.api import create_app
from whimbrel.model import Analysis
from whimbrel.server import AnalysisPool
from whimbrel.store import Store


@pytest.fixture
def db(tmp_path, monkeypatch):
    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    monkeypatch.delenv("WHIMBREL_ALLOWED_HOSTS", raising=False)
    path = str(tmp_path / "guard.db")
    s = Store(path)
    s.add(corpus())
    s.close()
    return path


@pytest.fixture
def gate(monkeypatch):
    """The pipeline replaced by one that waits until the test opens the gate (a slow analysis)."""
    import whimbrel.pipeline

    opened = threading.Event()
    started = threading.Semaphore(0)

    def stub(nlp, documents):
        started.release()
        opened.wait(60)
        return [Analysis(d) for d in documents]

    monkeypatch.setattr(whimbrel.pipeline, "analyze_stream", stub)
    opened.started = started
    yield opened
    opened.set()


def test_queued_analyses_do_not_starve_the_read_endpoints(db, gate):
    """41 analyses in progress used to hold the 40 threads the read endpoints share:
    /api/health waited for them (21 s in the report). Now they wait in their own pool."""
    app = create_app(db, nlp=object())

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
            analyses = [asyncio.ensure_future(c.post("/api/analyze", json={"text": f"Peru thanked Chile {i}."}))
                        for i in range(41)]
            while not gate.started.acquire(blocking=False):  # the first analysis is running
                await asyncio.sleep(0.01)
            latencies = []
            for _ in range(20):
                t0 = time.perf_counter()
                r = await asyncio.wait_for(c.get("/api/health"), 30)  # a hang guard, not a timing test
                latencies.append(time.perf_counter() - t0)
                assert r.status_code == 200 and r.json()["ok"]
            assert not any(a.done() for a in analyses)  # they were all still waiting meanwhile
            gate.set()
            results = await asyncio.wait_for(asyncio.gather(*analyses), 60)
            return latencies, [r.status_code for r in results]

    latencies, statuses = asyncio.run(scenario())
    assert statuses == [200] * 41
    print(f"/api/health during 41 analyses: p50 {statistics.median(latencies) * 1000:.1f} ms, "
          f"max {max(latencies) * 1000:.1f} ms")


def test_a_full_analysis_queue_answers_503_at_once(db, gate):
    app = create_app(db, nlp=object(), pool=AnalysisPool(workers=1, queue=1))

    async def scenario():
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://localhost") as c:
            first = asyncio.ensure_future(c.post("/api/analyze", json={"text": "Peru thanked Chile."}))
            while not gate.started.acquire(blocking=False):
                await asyncio.sleep(0.01)
            second = asyncio.ensure_future(c.post("/api/analyze", json={"text": "Chile thanked Peru."}))
            await asyncio.sleep(0.05)
            third = await asyncio.wait_for(c.post("/api/analyze", json={"text": "Japan thanked Peru."}), 30)
            gate.set()
            return third, await first, await second

    third, first, second = asyncio.run(scenario())
    assert third.status_code == 503 and third.headers["retry-after"]
    assert first.status_code == second.status_code == 200


def test_analysis_beyond_loopback_needs_the_token(db, gate):
    gate.set()
    body = {"text": "Peru thanked Chile for the aid shipment on Friday."}
    with TestClient(create_app(db, host="0.0.0.0", nlp=object(), token="s3cret")) as c:
        assert c.post("/api/analyze", json=body).status_code == 401
        assert c.post("/api/analyze", json=body, headers={"Authorization": "Bearer no"}).status_code == 401
        assert c.post("/api/analyze", json=body, headers={"Authorization": "Bearer s3cret"}).status_code == 200
        assert c.get("/api/health").status_code == 200  # reads stay open
    with TestClient(create_app(db, host="0.0.0.0", nlp=object())) as c:
        assert c.post("/api/analyze", json=body).status_code == 403  # no token set: no analysis at all


def test_text_over_the_analysis_limit_is_413(db, gate):
    gate.set()
    with TestClient(create_app(db, nlp=object(), max_chars=1000), base_url="http://localhost") as c:
        r = c.post("/api/analyze", content=("Peru thanked Chile. " * 60).encode(),
                   headers={"content-type": "text/plain"})
        assert r.status_code == 413 and "1,000 characters" in r.json()["detail"]
        assert c.post("/api/analyze", json={"text": "Peru thanked Chile."}).status_code == 200


def test_cross_site_writes_and_foreign_hosts_are_refused(db, gate):
    """Any page could POST text/plain to a default local server (no preflight) and store a
    document; a rebinding DNS name reached it through the victim's browser."""
    gate.set()
    with TestClient(create_app(db, nlp=object()), base_url="http://localhost:8000") as c:
        before = c.get("/api/health").json()["counts"]["documents"]
        text, ctype = b"Peru thanked Chile for the aid.", {"content-type": "text/plain"}

        def post(url, **headers):
            return c.post(url, content=text, headers={**ctype, **headers})

        assert post("/api/analyze?store=true", origin="http://evil.example").status_code == 403
        assert post("/api/analyze?store=true", origin="null").status_code == 403
        assert post("/api/analyze", origin="http://localhost:3000").status_code == 403
        fetch = post("/api/analyze", **{"sec-fetch-site": "cross-site"})
        assert fetch.status_code == 403
        assert c.get("/api/health").json()["counts"]["documents"] == before
        own = post("/api/analyze?store=true", origin="http://localhost:8000", **{"sec-fetch-site": "same-origin"})
        assert own.status_code == 200 and own.json()["store"]["status"] == "stored"
        assert c.get("/api/events", headers={"host": "rebound.evil.example"}).status_code == 400
        assert c.get("/api/events", headers={"host": "127.0.0.1:8000"}).status_code == 200
        assert c.get("/api/events", headers={"host": "[::1]:8000"}).status_code == 200
    with TestClient(create_app(db, nlp=object(), allowed_hosts=["whimbrel.lan"]),
                    base_url="http://whimbrel.lan") as c:
        assert c.get("/api/health").status_code == 200


@pytest.mark.parametrize("body, fragment", [
    ({"text": "Die Regierung hat am Montag beschlossen, die Grenze zu schließen, sagte der Minister. "
              "Die Opposition kritisierte die Entscheidung scharf und forderte eine Debatte im Parlament."},
     "German"),
    ({"text": "Peru thanked Chile.", "language": "fr"}, "English text only"),
    ({"text": "Peru \x01\x02\x03\x04\x05\x06\x07\x08 thanked \x0e\x0f\x10\x11\x12 Chile \x13\x14\x15\x16\x17."},
     "binary"),
])
def test_api_applies_the_clis_document_checks(db, gate, body, fragment):
    gate.set()
    with TestClient(create_app(db, nlp=object()), base_url="http://localhost") as c:
        r = c.post("/api/analyze?store=true", json=body)
        assert r.status_code == 422 and fragment in r.json()["detail"]


def test_json_nested_a_thousand_deep_is_400(db, gate):
    gate.set()
    with TestClient(create_app(db, nlp=object()), base_url="http://localhost") as c:
        r = c.post("/api/analyze", content=("[" * 100_000 + "]" * 100_000).encode(),
                   headers={"content-type": "application/json"})
        assert r.status_code == 400 and "nested too deeply" in r.json()["detail"]


@pytest.mark.parametrize("published", ["0001-01-01", "9999-12-31"])
def test_storing_an_edge_publication_date_through_the_api(db, monkeypatch, published):
    """POST /api/analyze?store=true answered 500 (OverflowError in the merger) for these dates."""
    import whimbrel.pipeline
    from store_fixtures import make_analysis

    monkeypatch.setattr(whimbrel.pipeline, "analyze_stream", lambda nlp, docs: [
        make_analysis(d.id, d.text, d.published, date=None) for d in docs])
    text = "Norway accused Chile of breaking the fishing accord, officials said."
    with TestClient(create_app(db, nlp=object()), base_url="http://localhost") as c:
        r = c.post("/api/analyze?store=true", json={"text": text, "published": published})
        assert r.status_code == 200 and r.json()["store"]["status"] == "stored"
        events = c.get("/api/events", params={"document": r.json()["store"]["document_id"]}).json()
        assert events["items"][0]["date"]["value"] == published
