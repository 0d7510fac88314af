"""Keyset pagination of /api/events: following ``next`` gives every event once, in list order."""
from __future__ import annotations

import datetime as dt

import pytest
from fastapi.testclient import TestClient

from store_fixtures import make_analysis
from whimbrel.api import create_app
from whimbrel.store import Store


@pytest.fixture
def client(tmp_path, monkeypatch):
    path = str(tmp_path / "pages.db")
    s = Store(path)
    pairs = [("Norway", "NOR"), ("Chile", "CHL"), ("Peru", "PER"), ("Japan", "JPN")]
    docs = []
    for i in range(23):
        a, r = pairs[i % 4], pairs[(i + 1) % 4]
        day = dt.date(2021, 1, 1) + dt.timedelta(days=(i // 3) * 3)  # three events (three dyads) a day
        date = None if i % 7 == 0 else day.isoformat()
        docs.append(make_analysis(f"d{i}", f"{a[0]} accused {r[0]} of spying, report {i} said.", day,
                                  source=f"S{i}", actor=a, recipient=r, date=date))
    s.add(docs)
    s.close()
    monkeypatch.delenv("WHIMBREL_TOKEN", raising=False)
    with TestClient(create_app(path), base_url="http://localhost") as c:
        yield c


def test_following_next_walks_the_offset_order(client):
    everything = client.get("/api/events", params={"limit": 100}).json()
    order = [e["id"] for e in everything["items"]]
    assert everything["total"] == len(order) > 10
    walked, after = [], None
    for _ in range(20):
        params = {"limit": 4, **({"after": after} if after else {})}
        page = client.get("/api/events", params=params).json()
        walked += [e["id"] for e in page["items"]]
        after = page["next"]
        if after is None:
            break
    assert walked == order
    assert client.get("/api/events", params={"after": "not-a-cursor"}).status_code == 400
