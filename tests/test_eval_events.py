"""``whimbrel eval events``: matching, role checks and figures on a corpus written for the test."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.evaluation import events as ev

TEXT = ("Police arrested three protesters in the capital on Monday. "
        "Russia later accused Ukraine of organising the march.")


def _span(needle: str) -> list[int]:
    i = TEXT.index(needle)
    return [i, i + len(needle)]


def _role(words, country=None, sector=None):
    return {"span": _span(words), "text": words, "refers_to": None, "country": country, "sector": sector}


def _gold(tmp_path: Path, events: list[dict]) -> Path:
    data = tmp_path / "data"
    data.mkdir()
    (data / "trnews.input.jsonl").write_text(json.dumps({"id": "d1", "text": TEXT, "published": "2016-05-03"}) + "\n")
    gold = tmp_path / "dev.jsonl"
    gold.write_text(json.dumps({"corpus": "trnews", "doc": "d1", "split": "dev", "events": events}) + "\n")
    return gold


def _event(trigger, etype, actor=None, recipient=None, coded=True, modality="asserted"):
    return {"trigger": _span(trigger), "trigger_text": trigger, "event": etype, "coded": coded,
            "modality": modality, "actor": actor, "recipient": recipient}


def test_scores_matching_events_and_counts_misses(tmp_path, nlp):
    gold = _gold(tmp_path, [
        _event("arrested", "COERCE", _role("Police", sector="COP"), _role("three protesters")),
        _event("accused", "ACCUSE", _role("Russia"), _role("Ukraine")),
        # a gold event nothing in the text can give (the wrong type on purpose): a certain miss
        _event("organising", "AID", _role("Ukraine")),
    ])
    result = ev.evaluate(gold, data=tmp_path / "data", nlp=nlp)
    c, f = result["counts"], result["figures"]
    assert c["gold"] == 3
    assert c["type"] == 2, result["patterns"]
    assert f["type_recall"] == pytest.approx(2 / 3)
    assert any(k.startswith("missed AID") for k in result["patterns"])
    assert c["pred"] >= 2 and f["type_precision"] == pytest.approx(2 / c["pred"])


def test_uncoded_gold_events_count_only_for_modality(tmp_path, nlp):
    gold = _gold(tmp_path, [_event("accused", "ACCUSE", _role("Russia"), _role("Ukraine"),
                                   coded=False, modality="negated")])
    result = ev.evaluate(gold, data=tmp_path / "data", nlp=nlp)
    assert result["counts"]["gold"] == 0
    assert result["counts"]["modality_n"] == 1 and result["counts"]["modality"] == 0
    assert "modality: gold negated -> asserted" in result["patterns"]


def test_role_check_by_span_or_code():
    class A:
        def __init__(self, mentions, country=None, sector=None):
            self.mentions, self.country, self.sector = mentions, country, sector

    gold = {"span": [0, 6], "country": "USA", "sector": "GOV"}
    assert ev.role_ok(gold, [A([(0, 6)])])
    assert ev.role_ok(gold, [A([(50, 60)], "USA", "GOV")])
    assert not ev.role_ok(gold, [A([(50, 60)], "USA", "MIL")])
    assert not ev.role_ok(gold, [])
    assert ev.role_ok(None, []) and not ev.role_ok(None, [A([(0, 1)])])


def test_match_is_one_to_one_and_prefers_same_type():
    gold = [{"event": "ASSAULT", "trigger": (10, 15)}, {"event": "COERCE", "trigger": (12, 14)}]
    pred = [{"type": "COERCE", "trigger": (10, 15), "sentence": (0, 40)}]
    assert ev.match(gold, pred) == [(1, 0)]


def test_missing_corpora_is_a_clear_error(tmp_path, monkeypatch):
    gold = tmp_path / "dev.jsonl"
    gold.write_text("")
    monkeypatch.delenv(ev.DATA_ENV, raising=False)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(RuntimeError, match="no development corpora"):
        ev.find_data(gold, tmp_path / "nowhere")
