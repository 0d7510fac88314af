"""`whimbrel eval plover`: actor-code matching, main-event choice and scoring on records written for these tests."""
from __future__ import annotations

import json

from whimbrel.evaluation import plover
from whimbrel.model import Event, EventDate


def _event(event, modality="asserted", confidence=0.5, start=0, why=None):
    return Event(id="E1", event=event, mode=None, context=(), cameo=None, actor=("A1",), recipient=(),
                 date=EventDate(None, None), modality=modality, location=None, trigger=(start, start + 3),
                 sentence=(0, 10), confidence=confidence, why=why)


def test_legacy_codes_are_normalised_as_the_reference_scorer_does():
    assert plover.gold_codes([{"code": "JAP"}, {"code": "ITL"}, {"code": "VTN"}]) == {"JPN", "ITA", "VNM"}
    assert plover.gold_codes([{"code": "USAGOV"}, {"code": "NATO"}, {"code": None}]) == {"USA", "IGO"}
    assert plover.gold_codes([]) == set()


def test_igo_gold_matches_any_igo_prediction():
    class A:
        def __init__(self, country, code):
            self.country, self.code = country, code

    assert plover.predicted_codes([A("IGOUNO", "IGOUNO")]) == {"IGO"}
    assert plover.predicted_codes([A("EUR", "IGOEUR")]) == {"IGO"}
    assert plover.predicted_codes([A(None, "NGOAMN"), A(None, None)]) == {"NGO"}


def test_main_event_prefers_asserted_then_confidence_then_position():
    a = _event("ASSAULT", modality="hypothetical", confidence=0.9)
    t = _event("THREATEN", confidence=0.6, start=5)
    s = _event("SUPPORT", confidence=0.6, start=9)
    assert plover.main_event([a, s, t]).event == "THREATEN"
    assert plover.main_event([]) is None


def test_main_event_puts_background_after_foreground():
    bg = _event("ASSAULT", confidence=0.9, why="lexicon:ASSAULT:kidnap; background; modality=asserted")
    fg = _event("RETREAT", modality="future", confidence=0.5, start=5, why="modality=future(will)")
    assert plover.main_event([bg, fg]) is fg
    assert plover.main_event([bg]) is bg


def test_main_event_uses_plover_future_coding():
    f = _event("AID", modality="future", why="lexicon:AID:aid; modality=future(will)")
    n = _event("ACCUSE", modality="negated")
    assert plover.main_event([n, f]) is f


def test_score_on_own_records(nlp, tmp_path):
    records = [
        {"id": "t1", "text": "Norway sent humanitarian aid to Yemen.", "event": "AID",
         "source": [{"code": "NOR"}], "target": [{"code": "YEM"}]},
        {"id": "t2", "text": "Egypt and Jordan agreed to expand trade ties.", "event": "AGREE",
         "source": [{"code": "EGY"}, {"code": "JOR"}], "target": []},
        {"id": "t3", "text": "The minister was born in 1950.", "event": "ACCUSE",
         "source": [{"code": "USA"}], "target": []},
    ]
    result = plover.score(records, nlp)
    assert result["n"] == 3
    # joint counts only records with a gold source and target (t1), as the reference scorer does
    assert result["counts"] == {"records": 3, "with_source": 3, "with_target": 1, "controls": 0}
    assert result["hits"]["type"] == 2 and result["hits"]["joint"] == 1
    assert result["accuracy"]["joint"] == 1.0 and result["accuracy"]["no_event"] == 1 / 3
    assert result["confusion"][("ACCUSE", "NONE")] == 1
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\nnot json\n", encoding="utf-8")
    assert plover.main(path) == 0


def test_main_reports_missing_or_empty_file(tmp_path):
    assert plover.main(tmp_path / "missing.jsonl") == 2
    empty = tmp_path / "empty.jsonl"
    empty.write_text("", encoding="utf-8")
    assert plover.main(empty) == 1


def test_cameo_coverage_floor(nlp):
    """Records written for whimbrel, one or two per CAMEO code 03-20 (tests/fixtures/cameo_coverage.jsonl).

    Measured when written: type 89.2%, joint 65.0%; after the senses by actor class
    and place-country recipients: type 93.6%, joint 71.0% (main event over all records);
    with the reference scorer's definitions (issue 13 round 3): type 96.6%, joint 66.4%.
    The floors sit a little under so that a regression in any CAMEO category shows.
    """
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "cameo_coverage.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 250
    result = plover.score(records, nlp)
    assert result["accuracy"]["type"] >= 0.91
    assert result["accuracy"]["joint"] >= 0.64


def test_cameo_coverage_2_floor(nlp):
    """A second, independently written set (tests/fixtures/cameo_coverage_2.jsonl, 187 records,
    157 CAMEO codes): other verbs and synonyms, passives, nominalisations, headline style,
    attributions and 1990s wire copy, written without looking at whimbrel's output.

    Held-out, before any fix: type 73.8%, joint 51.9%. After the lexicon gaps it exposed were
    filled and visit/intent recipients found: type 88.2%,
    joint 65.2%; 87.2% / 64.2% after an agentless-passive rule was removed (issue 3 emits
    no event without an actor); with the reference scorer's definitions (issue 13 round 3):
    90.4% / 66.4%. The floors sit
    a little under the measured figures.
    """
    from pathlib import Path

    path = Path(__file__).parent / "fixtures" / "cameo_coverage_2.jsonl"
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(records) >= 150
    assert len({r["cameo"] for r in records}) >= 120
    result = plover.score(records, nlp)
    assert result["accuracy"]["type"] >= 0.86
    assert result["accuracy"]["joint"] >= 0.62


def test_symmetric_records_take_actors_and_recipients_together(nlp):
    """As the reference scorer: a record whose markup has SRC/TAR ("(SRC/TAR: A) and (SRC/TAR: B)
    agreed") matches its source set against the actors and recipients of the gold-type events."""
    text = "Egypt agreed with Jordan to expand trade ties."
    plain = {"id": "s1", "text": text, "event": "AGREE", "source": [{"code": "EGY"}, {"code": "JOR"}],
             "target": []}
    marked = {**plain, "id": "s2", "markup": "(SRC/TAR: Egypt) (EVT: agreed) with (SRC/TAR: Jordan) ..."}
    result = plover.score([plain, marked], nlp)
    assert result["hits"]["type"] == 2
    assert [r["ok"][1] for r in result["rows"]] == [False, True]
