"""The API as a client developer meets it: /docs and /redoc served from local files, response
schemas in the spec, one error shape and status for bad parameters, unknown parameters refused."""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from store_fixtures import corpus
from whimbrel.api import create_app
from whimbrel.store import Store


@pytest.fixture
def client(tmp_path, monkeypatch):
    path = str(tmp_path / "api.db")
    s = Store(path)
    s.add(corpus())
    s.close()
    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    with TestClient(create_app(path), base_url="http://localhost") as c:
        yield c


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_docs_pages_load_only_local_files_allowed_by_their_csp(client, page):
    r = client.get(page)
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    csp = r.headers["content-security-policy"]
    assert "http" not in csp and "script-src 'self';" in csp
    assert "<script>" not in r.text  # no inline script: script-src 'self' would block it
    sources = re.findall(r'(?:src|href)="([^"]+)"', r.text)
    assert sources and all(s.startswith("/") for s in sources), sources
    for src in sources:
        asset = client.get(src)
        assert asset.status_code == 200 and len(asset.content) > 100, src
    assert "SwaggerUIBundle" in client.get("/docs/assets/swagger-ui-bundle.js").text


def test_every_api_route_has_a_response_schema(client):
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            content = op["responses"].get("200", {}).get("content", {})
            assert content and all(c.get("schema") not in (None, {}) for c in content.values()), (method, path)
            # bad parameters are 400 everywhere: the spec says so, not FastAPI's default 422
            assert op["responses"]["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Error")
            assert "HTTPValidationError" not in str(op["responses"].get("422", "")), (method, path)
    events = spec["components"]["schemas"]["Page_Event_"]["properties"]
    assert {"total", "items"} <= set(events)


@pytest.mark.parametrize("url", ["/api/events?limit=100000", "/api/events?type=DANCE", "/api/events/abc",
                                 "/api/events?quad=9", "/api/events?since=yesterday", "/api/network?max_edges=0"])
def test_bad_parameters_get_one_status_and_shape(client, url):
    r = client.get(url)
    assert r.status_code == 400, (url, r.status_code)
    body = r.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert body["errors"] and all(isinstance(e["msg"], str) for e in body["errors"])


def test_unknown_parameters_are_refused(client):
    r = client.get("/api/events", params={"actr": "NOR"})
    assert r.status_code == 400 and "actr" in r.json()["detail"]
    assert client.get("/api/events", params={"actor": "NOR"}).status_code == 200
    assert client.get("/api/health", params={"x": "1"}).status_code == 400
