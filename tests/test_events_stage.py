"""The events stage as a package: declared reads and writes, the error policy, saved lexicons,
implied actors in their own list, and the role rule tables."""
from __future__ import annotations

import logging

import pytest

from whimbrel import lexicons, pipeline, syntax
from whimbrel.model import Document
from whimbrel.stages.events import component, roles
from whimbrel.stages.events.component import EventsStage
from whimbrel.stages.events.rules.actors import ACTOR_RULES, CONVERSE_ACTOR_RULES
from whimbrel.stages.events.rules.recipients import CONVERSE_RECIPIENT_RULES, RECIPIENT_RULES


def test_declared_reads_and_writes_have_no_problems(nlp):
    meta = nlp.get_pipe_meta("whimbrel_events")
    assert meta.assigns == ["doc._.events", "doc._.event_actors"]
    assert {"doc._.actors", "doc._.actor_mentions", "doc._.times", "doc._.places",
            "doc._.statements"} <= set(meta.requires)
    assert nlp.analyze_pipes(pretty=False)["problems"]["whimbrel_events"] == []
    doc = nlp("Norway sent humanitarian aid to Yemen.")
    assert isinstance(doc._.events, list) and doc._.events
    assert doc._.event_actors == []


def test_a_failing_rule_leaves_the_document_and_warns(nlp, monkeypatch, caplog):
    def broken(c):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(roles, "ACTOR_RULES", (broken,))
    document = Document(id="doc-7", text="Norway sent humanitarian aid to Yemen. Thousands of nurses protested in Lyon.")
    with caplog.at_level(logging.WARNING, logger="whimbrel.stages"):
        doc = nlp(pipeline.make_doc(nlp, document))
    assert doc._.events == [] and doc._.event_actors == []
    assert doc._.actors  # the earlier stages' results stay
    assert doc._.warnings == ["whimbrel_events: stage failed: RuntimeError: rule exploded"]
    lines = [r.getMessage() for r in caplog.records if "whimbrel_events" in r.getMessage()]
    assert len(lines) == 1 and "doc-7" in lines[0]
    record = pipeline.to_analysis(doc, document)
    assert record.events == () and record.warnings == tuple(doc._.warnings)


def test_saved_lexicon_round_trip_changes_a_result(nlp, tmp_path):
    text = "Norway scolded Sweden over its fishing quotas."
    stage = EventsStage(nlp, "whimbrel_events")
    assert not [e for e in stage(nlp(text))._.events if e.event == "ACCUSE"]
    stage.to_disk(tmp_path)
    assert sorted(p.name for p in (tmp_path / "events").iterdir()) == sorted(
        n.split("/")[1] for n in stage.lexicon_files)
    triggers = tmp_path / "events" / "triggers.yaml"
    triggers.write_text(triggers.read_text(encoding="utf-8").replace(
        '    rebuke: "111"\n', '    rebuke: "111"\n    scold: "111"\n', 1), encoding="utf-8")
    edited = EventsStage(nlp, "whimbrel_events").from_disk(tmp_path)
    events = [e for e in edited(nlp(text))._.events if e.event == "ACCUSE"]
    assert events and events[0].cameo == "111" and "lexicon:ACCUSE:scold" in events[0].why
    # a saved lexicon is checked like the package's: the error names file and entry
    triggers.write_text(triggers.read_text(encoding="utf-8").replace('    scold: "111"\n', '    scold: {cameo: "111", sold: 1}\n'),
                        encoding="utf-8")
    with pytest.raises(lexicons.LexiconError, match=r"events/triggers.yaml: .*'sold'"):
        EventsStage(nlp, "whimbrel_events").from_disk(tmp_path)


def test_implied_actors_are_numbered_after_the_actors_and_kept_apart(nlp):
    document = Document(id="d", text="Thousands of nurses protested in Lyon. Serbia rejected the European plan.")
    doc = nlp(pipeline.make_doc(nlp, document))
    first = max(int(a.id[1:]) for a in doc._.actors)
    assert [a.id for a in doc._.event_actors] == [f"A{first + 1}", f"A{first + 2}"]
    assert [a.code for a in doc._.event_actors] == ["FRA", "IGOEEC"]
    assert not {a.id for a in doc._.actors} & {a.id for a in doc._.event_actors}
    record = pipeline.to_analysis(doc, document)
    assert record.actors == (*doc._.actors, *doc._.event_actors)


def test_unused_implied_actors_are_dropped(nlp):
    # agreeing in a capital is no act on a territory: no country actor is left behind
    doc = nlp("Hungary and Serbia agreed in Budapest to expand trade.")
    assert doc._.event_actors == []


@pytest.mark.parametrize("table", [ACTOR_RULES, RECIPIENT_RULES, CONVERSE_ACTOR_RULES, CONVERSE_RECIPIENT_RULES])
def test_every_role_rule_has_an_example_sentence(table):
    for rule in table:
        assert rule.__doc__ and '"' in rule.__doc__, rule.__name__
    assert len({r.__name__ for r in table}) == len(table)


def test_the_rule_tables_are_what_find_roles_runs(monkeypatch, nlp):
    seen = []

    def spy(c):
        seen.append(c.t.text)
        from whimbrel.stages.events.rules.context import NOTHING
        return NOTHING

    monkeypatch.setattr(roles, "ACTOR_RULES", (*ACTOR_RULES, spy))
    nlp("Norway sent humanitarian aid to Yemen.")
    assert seen == ["sent"]
    assert component.ASSIGNS == ["doc._.events", "doc._.event_actors"]


def test_dispositional_passives_are_passed_explicitly(nlp):
    doc = nlp("Vietnam is committed to expanding trade.")
    verb = next(t for t in doc if t.lemma_ == "commit")
    assert syntax.clause_subject(verb) == (None, "")
    subj, how = syntax.clause_subject(verb, frozenset({"commit"}))
    assert subj.text == "Vietnam" and how == "nsubj"
    assert syntax.has_passive_subject(verb)
