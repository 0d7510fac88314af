"""The web explorer in a real browser: Playwright driving Debian's Chromium against a live server.

Skipped (with the reason) where Chromium or the playwright package is missing;
CI installs both (.ci/run).
"""
from __future__ import annotations

import datetime as dt
import time

import pytest

from browser_fixtures import chromium, needs_chromium
from store_fixtures import corpus, make_analysis, serving

pytestmark = needs_chromium

HOSTILE = ('Norway accused Chile of hacking. The leaked page read <script>window.pwned=1</script> '
           'and <img src=x onerror="window.pwned=2"> in full.')


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from whimbrel.store import Store

    db = str(tmp_path_factory.mktemp("web") / "web.db")
    s = Store(db)
    s.add(corpus())
    hostile = make_analysis("hostile", HOSTILE, dt.date(2021, 6, 1), source="Leaks",
                            title="<script>window.pwned=3</script> headline", date="2021-06-01")
    s.add([hostile])
    s.close()
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def page(browser):
    ctx = browser.new_context()
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    yield pg
    ctx.close()
    assert not errors, errors


def _ready(page, view):
    page.wait_for_selector(f"body[data-ready='{view}']", timeout=15000)


def _until(condition, timeout: float = 15.0) -> None:
    """Poll ``condition`` from Python: the explorer's Content-Security-Policy forbids the
    string evaluation Playwright uses to poll a JavaScript predicate."""
    import time

    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError("condition not met in time")
        time.sleep(0.05)


def test_event_table_filters(page, server):
    page.goto(server + "/")
    _ready(page, "events")
    rows = page.locator("#events-table tbody tr")
    assert rows.count() == 3
    page.select_option("select[name=type]", "AGREE")
    page.click("form.filters button[type=submit]")
    _until(lambda: "type=AGREE" in page.url)
    _ready(page, "events")
    _until(lambda: rows.count() == 1)
    assert "AGREE" in rows.first.inner_text()
    page.fill("input[name=actor]", "no-such-actor")
    page.click("form.filters button[type=submit]")
    _until(lambda: rows.count() == 0)


def test_article_view_highlights_with_explanations(page, server):
    page.goto(server + "/#documents")
    _ready(page, "documents")
    page.locator("#documents-table tbody tr", has_text="Norway accuses Chile").click()
    _ready(page, "doc")
    trigger = page.locator("#article .hl-trigger").first
    assert trigger.inner_text() == "accused"
    assert "why:" in trigger.get_attribute("title") and "ACCUSE" in trigger.get_attribute("title")
    assert page.locator("#article .hl-actor").count() >= 2
    assert page.locator("#article .hl-place").first.inner_text() == "Oslo"
    assert page.locator("#article .hl-statement").count() >= 1
    # The article view shows the text exactly as stored.
    assert page.locator("#article").inner_text().startswith("Norway accused Chile")


def test_script_in_article_is_shown_as_text(page, server):
    page.goto(server + "/#documents?q=leaked")
    _ready(page, "documents")
    page.locator("#documents-table tbody tr").first.click()
    _ready(page, "doc")
    text = page.locator("#article").inner_text()
    assert "<script>window.pwned=1</script>" in text and '<img src=x onerror="window.pwned=2">' in text
    assert "<script>window.pwned=3</script>" in page.locator("h2").inner_text()
    assert page.evaluate("window.pwned") is None
    assert page.locator("#article script, #article img, h2 script").count() == 0


def test_timeline_network_and_statements(page, server):
    page.goto(server + "/#timeline?actor=NOR&recipient=CHL")
    _ready(page, "timeline")
    assert page.locator("#timeline rect.bar").count() >= 2  # a conflictual and a cooperative month
    page.goto(server + "/#network")
    _ready(page, "network")
    assert page.locator("#network .node").count() >= 2 and page.locator("#network path.edge").count() >= 1
    page.goto(server + "/#statements?speaker=Kari%20Nordmann")
    _ready(page, "statements")
    assert page.locator("#statements-table tbody tr").count() == 2


def test_api_error_is_shown_not_thrown(page, server):
    page.goto(server + "/#events?since=notadate")
    _ready(page, "error")
    assert "since" in page.locator("#status").inner_text()


