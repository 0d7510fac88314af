"""Actor floors on the PLOVER development records (``../shared/eval/dev/plover_dev.*``,
skipped when that folder is not beside the checkout).

Measured when the Phoenix lexicons, dated roles and the party/outlet context rules
came in (issue 13): source actor 81.1%, joint type+source+target 63.6%, joint with
sectors 47.6% (before: 79.7%, 62.9%, 45.5%). The floors sit one point below.
"""
from __future__ import annotations

import json
from pathlib import Path

import pytest

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def _records() -> list[dict]:
    texts = {}
    with open(DEV / "plover_dev.input.jsonl", encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            texts[d["id"]] = d["text"]
    out = []
    with open(DEV / "plover_dev.gold.jsonl", encoding="utf-8") as fh:
        for line in fh:
            g = json.loads(line)
            out.append({**g, "text": texts[g["id"]]})
    return out


@pytest.mark.skipif(not (DEV / "plover_dev.gold.jsonl").exists(), reason="../shared/eval/dev not beside the checkout")
def test_plover_dev_actor_floors(nlp):
    from whimbrel.evaluation import plover

    records = _records()
    assert len(records) >= 140
    acc = plover.score(records, nlp)["accuracy"]
    # scored as the reference scorer does since issue 13 round 3 (source over records with a
    # source, joint and joint_sector over records with a target): 75.4% / 62.6% / 44.7%; after
    # the round's event fixes: 78.9% / 65.0% / 45.5%; a group's nationality before where it
    # is: 78.9% / 66.7% / 47.2%; after issue 13 round 4 (ethnic groups where they live, the
    # recipient classes of branch events40): 80.3% / 71.5% / 51.2%
    assert acc["source"] >= 0.792
    assert acc["joint"] >= 0.705
    assert acc["joint_sector"] >= 0.502


EVENTS_DEV = Path(__file__).resolve().parent / "fixtures" / "events_real" / "dev.jsonl"


@pytest.mark.skipif(not (DEV / "polnear_train.input.jsonl").exists() or not EVENTS_DEV.exists(),
                    reason="../shared/eval/dev or the events gold not beside the checkout")
def test_events_dev_actor_floor(nlp):
    """The real-news event set's development half: the actor is right on 69 of the 94
    type matches (73.4%) with all issue-13 branches merged (71.0% of 62 before the second
    events round) (the events branch adds agentless
    and derived-pattern events, so more and harder matches: on the events stage of before it was
    27 of 35, 77.1%, against 73.5% without the Phoenix lexicons and dated roles). The floor sits
    one point below. After events round 3 (unnamed individuals, object pronouns, conjoined
    passives, judged gerunds): 82 of 102, 80.4%. After round 4 (unresolved pronouns, unnamed
    organizers and critics as parties): 92 of 105, 87.6%."""
    from whimbrel.evaluation import events

    result = events.evaluate(EVENTS_DEV, nlp=nlp)
    assert result["counts"]["type"] >= 20
    assert result["figures"]["actor_accuracy_on_type_matches"] >= 0.866
