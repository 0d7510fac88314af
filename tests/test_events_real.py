"""The hand-coded real-news event set (tests/fixtures/events_real): built from its annotations,
big enough to mean something, and whimbrel's floor on its development half.

Needs the development corpora beside the checkout (../shared/eval/dev); skipped without them.
"""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "tests" / "fixtures" / "events_real"
DEV_DATA = ROOT.parent / "shared" / "eval" / "dev"

pytestmark = pytest.mark.skipif(not (DEV_DATA / "trnews.input.jsonl").exists(),
                                reason="development corpora (../shared/eval/dev) not beside the checkout")


def _build_module():
    spec = importlib.util.spec_from_file_location("events_real_build", GOLD / "build.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _read(split: str) -> list[dict]:
    return [json.loads(line) for line in (GOLD / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]


def test_committed_gold_is_the_build_of_the_annotations():
    built = _build_module().build(DEV_DATA)
    for split in ("dev", "sealed"):
        assert built[split] == _read(split), f"{split}.jsonl is stale: run tests/fixtures/events_real/build.py"


def test_gold_covers_what_the_issue_asks():
    articles = _read("dev") + _read("sealed")
    assert len(articles) >= 50
    assert sum(len(a["events"]) for a in articles) >= 400
    assert sum(a["violence"] for a in articles) >= 20
    assert {a["corpus"] for a in articles} == {"polnear_train", "trnews", "geovirus"}
    dev_docs = {(a["corpus"], a["doc"]) for a in _read("dev")}
    assert not dev_docs & {(a["corpus"], a["doc"]) for a in _read("sealed")}


def test_an_actor_anchor_is_a_whole_word_not_part_of_one():
    """An actor written "he" is the word "he", not the "he" of "the" nearer the trigger."""
    build = _build_module()
    text = "After he left, the police arrested them."
    trigger = (text.index("arrested"), text.index("arrested") + 8)
    got = build._actor(text, {"text": "he"}, trigger, "actor")
    assert got["span"] == [6, 8], got
    near = build._actor(text, {"text": "he", "near": "After he left, the"}, trigger, "actor")
    assert near["span"] == [6, 8], near
    assert build._actor("the one", {"text": "one"}, (0, 3), "actor")["span"] == [4, 7]
