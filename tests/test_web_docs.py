"""/docs and /redoc in Debian's Chromium: the operations are drawn, nothing is fetched from
elsewhere and the page's Content-Security-Policy blocks nothing they need.

Skipped where Chromium or playwright is missing (CI installs both). Screenshots go to the
test's temporary folder.
"""
from __future__ import annotations

import pytest

from browser_fixtures import chromium, needs_chromium
from store_fixtures import corpus, serving

pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from whimbrel.store import Store

    db = str(tmp_path_factory.mktemp("docs") / "docs.db")
    s = Store(db)
    s.add(corpus())
    s.close()
    with serving(db) as url:
        yield url


@pytest.fixture
def page(server):
    with chromium() as browser:
        pg = browser.new_page()
        seen = {"requests": [], "problems": []}
        pg.on("request", lambda r: seen["requests"].append(r.url))
        pg.on("pageerror", lambda e: seen["problems"].append(str(e)))
        pg.on("console", lambda m: seen["problems"].append(m.text)
              if m.type == "error" or "Content Security Policy" in m.text else None)
        pg.seen = seen
        yield pg
    outside = [u for u in seen["requests"] if not u.startswith((server, "data:", "blob:"))]
    assert not outside, outside
    assert not seen["problems"], seen["problems"]


def test_swagger_ui_draws_the_operations_offline(page, server, tmp_path):
    page.goto(server + "/docs")
    page.wait_for_selector(".opblock", timeout=20000)
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/events" in [p.replace("\u200b", "") for p in paths]
    page.screenshot(path=str(tmp_path / "docs.png"), full_page=False)


def test_redoc_draws_the_operations_offline(page, server, tmp_path):
    page.goto(server + "/redoc")
    page.locator("h2", has_text="Merged events, filtered, newest first").wait_for(timeout=20000)
    assert "whimbrel" in page.locator("h1").first.inner_text()
    page.screenshot(path=str(tmp_path / "redoc.png"), full_page=False)
