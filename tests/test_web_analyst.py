"""The analyst's pages of the explorer in Debian's Chromium: sanctions tracker, map, dyad timeline,
actor page. Every test fails on any request that leaves the machine (each is also aborted),
on a page error and on a Content-Security-Policy complaint; each writes a screenshot to the
test's output folder ($WHIMBREL_SCREENSHOTS, else the test's temporary folder).

The store holds the hand-built corpus (store_fixtures) plus the seed article run through the
pipeline (skipped where ../shared is absent). Skipped where Chromium or playwright is missing.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from browser_fixtures import chromium, needs_chromium
from store_fixtures import corpus, serving

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT.parent / "shared" / "examples" / "seed-article.txt"
pytestmark = needs_chromium


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from whimbrel.store import Store

    if not SEED.exists():
        pytest.skip("the seed article is not here")
    db = str(tmp_path_factory.mktemp("analyst") / "analyst.db")
    s = Store(db)
    s.add(corpus())
    s.close()
    res = subprocess.run([sys.executable, "-m", "whimbrel.cli", "ingest", str(SEED), "--published", "2020-10-18",
                          "--db", db, "--workers", "1"], capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr
    with serving(db) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    with chromium() as b:
        yield b


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("WHIMBREL_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    problems: list[str] = []

    def guard(route):
        url = route.request.url
        if url.startswith((server, "data:", "blob:")):
            route.continue_()
        else:
            outside.append(url)
            route.abort()

    ctx.route("**/*", guard)
    pg = ctx.new_page()
    pg.on("pageerror", lambda e: problems.append(str(e)))
    pg.on("console", lambda m: problems.append(m.text)
          if m.type == "error" or "Content Security Policy" in m.text else None)
    yield pg
    ctx.close()
    assert not outside, outside
    assert not problems, problems


def _ready(page, view):
    page.wait_for_selector(f"body[data-ready='{view}']", timeout=20000)


def _unready(page):
    """Clear the ready mark before a click that opens the view already shown: the router sets it
    again once the new route has loaded (until then the old mark would satisfy ``_ready``)."""
    page.evaluate("delete document.body.dataset.ready")


def test_sanctions_tracker_on_the_seed(page, server, shots):
    page.goto(server + "/#sanctions")
    _ready(page, "sanctions")
    un = page.locator("section.regime[data-target='IRN'][data-imposer='IGOUNO'][data-kind='arms embargo']")
    assert un.count() == 1
    assert un.locator("li.step[data-action='expired'][data-date='2020-10-18']").count() == 1
    failed = un.locator("li.step[data-action='renewal failed'][data-date='2020-08-14']")
    assert failed.count() == 1
    assert failed.locator("mark").first.inner_text() == "renew the arms embargo"  # the trigger, marked
    assert "negated" in failed.inner_text()
    us = page.locator("section.regime[data-target='IRN'][data-imposer='USA']")
    assert us.locator("li.step[data-action='imposed'][data-date='2018-05']").count() == 1
    threat = page.locator("section.regime[data-target='RUS'][data-imposer='USA'] li.step[data-action='threatened']")
    assert threat.count() == 1
    page.screenshot(path=str(shots / "sanctions.png"), full_page=True)
    # the filter narrows to one target; a step's event link opens the event
    page.fill("input[name=target]", "RUS")
    page.click("form.filters button[type=submit]")
    page.wait_for_url("**#sanctions?target=RUS")
    _ready(page, "sanctions")
    page.wait_for_selector("#sanctions-summary")
    assert {page.locator("section.regime").nth(i).get_attribute("data-target")
            for i in range(page.locator("section.regime").count())} == {"RUS"}
    page.locator("li.step a[href^='#event']").first.click()
    _ready(page, "event")
    assert "THREATEN" in page.locator("h2").inner_text()


VENDOR = ROOT / "src" / "whimbrel" / "web" / "vendor"


def test_map_draws_the_basemap_and_markers_offline(page, server, shots):
    import json
    import urllib.request

    if not (VENDOR / "d3-geo.min.js").exists():
        if os.environ.get("CI"):
            pytest.fail("the map's libraries are not installed: make setup runs webdeps/vendor.py")
        pytest.skip("the map's libraries are not installed (make setup, or npm ci + webdeps/vendor.py)")

    page.goto(server + "/#map")
    _ready(page, "map")
    assert page.locator("#map path.country").count() > 150  # Natural Earth 1:110m has 177 countries
    api = json.loads(urllib.request.urlopen(server + "/api/map").read())
    located = {p["name"]: p["events"] for p in api["events"]}
    assert located, "the corpus has located events"
    drawn = {page.locator("#map g.marker.event").nth(i).get_attribute("data-place"):
             int(page.locator("#map g.marker.event").nth(i).get_attribute("data-events"))
             for i in range(page.locator("#map g.marker.event").count())}
    assert drawn == located
    # the count is written on the marker, and named places are drawn too (the seed's Tehran among them)
    oslo = page.locator("#map g.marker.event[data-place='Oslo']")
    assert oslo.locator("text").text_content() == str(located["Oslo"])
    assert any("Tehran" in t for t in page.locator("#map g.marker.place title").all_text_contents())
    page.screenshot(path=str(shots / "map.png"), full_page=True)
    # markers sit inside the drawing, not at its corner (the projection placed them)
    box = oslo.locator("circle").bounding_box()
    map_box = page.locator("#map").bounding_box()
    assert map_box["x"] + 0.4 * map_box["width"] < box["x"] < map_box["x"] + 0.6 * map_box["width"]
    assert box["y"] < map_box["y"] + 0.3 * map_box["height"]  # Oslo is far north
    oslo.click()
    _ready(page, "events")
    assert "place=Oslo" in page.url
    assert page.locator("#events-table tbody tr").count() == located["Oslo"]


def test_dyad_timeline_has_a_time_axis_counts_and_a_goldstein_line(page, server, shots):
    import json
    import urllib.request

    months = json.loads(urllib.request.urlopen(server + "/api/dyad-counts").read())
    assert any(m["events"] == 0 for m in months), "the store's months have gaps"
    page.goto(server + "/#timeline")
    _ready(page, "timeline")
    assert "Events per month" in page.locator("#timeline-title").inner_text()
    groups = page.locator("#timeline g.month")
    assert groups.count() == len(months)  # one band per calendar month, empty ones included
    drawn = [(groups.nth(i).get_attribute("data-month"), int(groups.nth(i).get_attribute("data-events")))
             for i in range(groups.count())]
    assert drawn == [(m["month"], m["events"]) for m in months]
    busy = [m for m in months if m["events"]]
    assert sorted(page.locator("#timeline text.count").all_text_contents()) == sorted(str(m["events"]) for m in busy)
    points = page.locator("#timeline polyline.goldstein").get_attribute("points").split()
    assert len(points) == len(months)
    assert page.locator("#timeline text.month-label").count() >= 2  # the axis is labelled
    # bands are evenly spaced in time: equal steps between consecutive months
    xs = [float(p.split(",")[0]) for p in points]
    steps = {round(b - a, 3) for a, b in zip(xs, xs[1:])}
    assert len(steps) == 1
    page.screenshot(path=str(shots / "timeline.png"), full_page=True)
    # stacking by type names the types in the legend; a month's bar opens its events
    page.goto(server + "/#timeline?by=type&all_modalities=true")
    _ready(page, "timeline")
    assert "SANCTION" in page.locator(".legend").inner_text()
    page.screenshot(path=str(shots / "timeline-types.png"), full_page=True)
    month = busy[-1]
    page.locator(f"#timeline g.month[data-month='{month['month']}'] rect.hit").click()
    _ready(page, "events")
    assert f"since={month['month']}-01" in page.url
    page.wait_for_selector("#events-table")
    assert page.locator("#events-table tbody tr").count() >= month["events"]


def test_actor_page_from_the_list_and_the_event_page(page, server, shots):
    import json
    import urllib.request

    page.goto(server + "/#actors?q=Norway")
    _ready(page, "actors")
    page.locator("#actors-table a.actor-link", has_text="Norway").first.click()
    _ready(page, "actor")
    actor_id = int(page.url.split("id=")[1].split("&")[0])
    profile = json.loads(urllib.request.urlopen(f"{server}/api/actors/{actor_id}").read())
    assert page.locator("#actor-name").inner_text().startswith("Norway")
    months = page.locator("#actor-chart g.actor-month")
    assert months.count() == len(profile["months"])  # every month, empty ones too
    drawn = sum(int(months.nth(i).get_attribute("data-actor")) for i in range(months.count()))
    assert drawn == sum(m["as_actor"] for m in profile["months"]) > 0
    assert "Chile" in page.locator("#actor-partners").inner_text()
    assert page.locator("#actor-statements li").count() == min(20, profile["statements"]["total"])
    assert "ACCUSE" in page.locator("#actor-types").inner_text()
    page.screenshot(path=str(shots / "actor.png"), full_page=True)
    # a partner opens its own page; the event page links its parties to theirs
    _unready(page)  # the view is already ready: wait for the new route, not the old
    page.locator("#actor-partners a.actor-link", has_text="Chile").click()
    _ready(page, "actor")
    assert page.locator("#actor-name").inner_text().startswith("Chile")
    page.locator("#actor-events a").first.click()
    _ready(page, "event")
    assert page.locator("#event-parties a.actor-link").count() >= 1
    # a speaker's page lists what it said
    page.goto(server + "/#actors?q=Kari")
    _ready(page, "actors")
    page.locator("#actors-table a.actor-link").first.click()
    _ready(page, "actor")
    assert page.locator("#actor-statements li").count() == 2
    assert "fishing" in page.locator("#actor-statements").inner_text() or "talks" in page.locator("#actor-statements").inner_text()


def test_event_table_snippet_sorting_and_download_of_the_filter(page, server, shots):
    import csv
    import json
    import urllib.request

    page.goto(server + "/#events?actor=USA&all_modalities=true")
    _ready(page, "events")
    rows = page.locator("#events-table tbody tr")
    api = json.loads(urllib.request.urlopen(server + "/api/events?actor=USA&all_modalities=true&limit=500").read())
    assert rows.count() == api["total"] > 0
    # the summary divides the same events, and a chip narrows the filter
    assert page.locator("#events-summary strong").inner_text() == f"{api['total']} event(s)"
    _unready(page)  # the view is already ready: wait for the new route, not the old
    page.locator("#events-summary a.chip[data-key='modality'][data-value='negated']").click()
    _ready(page, "events")
    assert "modality=negated" in page.url and rows.count() == sum(e["modality"] == "negated" for e in api["items"])
    page.go_back()
    _ready(page, "events")
    # each row shows its sentence with the trigger marked, and its CAMEO code
    first = api["items"][0]
    row = page.locator(f"#events-table tbody tr[data-event='{first['id']}']")
    assert row.locator("mark").inner_text() == first["trigger_text"]
    assert first["cameo"] and first["cameo"] in row.inner_text()
    # sorting by Goldstein orders the rows by it
    page.locator("#events-table th", has_text="Goldstein").click()
    scores = [float(t) for t in page.locator("#events-table tbody tr td:nth-child(9)").all_inner_texts() if t]
    assert scores == sorted(scores)
    page.screenshot(path=str(shots / "events.png"), full_page=True)
    # the download holds exactly the filtered events
    with page.expect_download() as info:
        page.locator("a.download[data-format='csv']").click()
    with open(info.value.path(), newline="", encoding="utf-8") as fh:
        got = list(csv.DictReader(fh))
    assert sorted(int(r["id"]) for r in got) == sorted(e["id"] for e in api["items"])
    assert all("USA" in r["actor"] for r in got)
    assert {r["modality"] for r in got} >= {"asserted", "negated"}  # the switch came along


def test_event_page_says_its_evidence_in_words_and_the_article_singles_out_the_trigger(page, server, shots):
    import json
    import urllib.request

    found = json.loads(urllib.request.urlopen(server + "/api/events?type=THREATEN").read())["items"]
    threat = next(e for e in found if e["recipient"] and e["recipient"][0]["code"] == "RUS")
    page.goto(server + f"/#event?id={threat['id']}")
    _ready(page, "event")
    facts = page.locator("#event-facts").inner_text()
    assert threat["cameo"] in facts and "Modality" in facts and "recorded" in facts
    mention = page.locator("#event-mentions li").first
    assert mention.locator("mark").inner_text() == threat["trigger_text"]
    words = mention.locator(".why").inner_text()
    assert f"triggered by \u201c{threat['trigger_text']}\u201d" in words
    assert "actor from" in words and "lexicon:" not in words
    page.screenshot(path=str(shots / "event.png"), full_page=True)
    mention.locator("a").first.click()
    _ready(page, "doc")
    focused = page.locator("#article .hl-trigger.focused")
    assert focused.count() >= 1 and "".join(focused.all_inner_texts()) == threat["trigger_text"]


def test_network_merges_actors_with_legend_hover_and_click_through(page, server, shots):
    page.goto(server + "/#network")
    _ready(page, "network")
    assert page.locator(".network-legend").count() == 1
    separate = page.locator("#network g.node").count()
    page.screenshot(path=str(shots / "network.png"), full_page=True)
    page.goto(server + "/#network?by=country")
    _ready(page, "network")
    merged = page.locator("#network g.node")
    assert merged.count() < separate
    usa = page.locator("#network g.node[data-node='USA']")
    assert "Donald Trump" in usa.locator("title").text_content()  # the president is part of the country
    usa.hover()
    lit = page.locator("#network path.edge.lit")
    assert lit.count() >= 1
    assert all("USA" in (lit.nth(i).get_attribute("data-source"), lit.nth(i).get_attribute("data-target"))
               for i in range(lit.count()))
    page.screenshot(path=str(shots / "network-by-country.png"), full_page=True)
    page.goto(server + "/#network")
    _ready(page, "network")
    page.locator("#network g.node", has_text="Chile").first.locator("circle").click()
    _ready(page, "actor")
    assert page.locator("#actor-name").inner_text().startswith("Chile")


@pytest.mark.parametrize("view, ready, selector", [
    ("documents", "documents", "#documents-table tbody tr"),
    ("statements", "statements", "#statements-table tbody tr"),
    ("actors", "actors", "#actors-table tbody tr"),
])
def test_the_other_pages_draw_offline(page, server, shots, view, ready, selector):
    page.goto(f"{server}/#{view}")
    _ready(page, ready)
    assert page.locator(selector).count() >= 1
    page.screenshot(path=str(shots / f"{view}.png"), full_page=True)
    if view == "documents":  # and the seed article's own page, annotations and all
        page.locator("#documents-table tbody tr", has_text="Lavrov").first.click()
        _ready(page, "doc")
        assert page.locator("#article .hl-trigger").count() >= 5
        evidence = page.locator("#doc-events .why").all_inner_texts()
        assert evidence and all(t.startswith("Evidence: triggered by") and "lexicon:" not in t for t in evidence)
        page.screenshot(path=str(shots / "article.png"), full_page=True)
