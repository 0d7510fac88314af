"""The contract JSON Schema: it is a valid schema, matches model.py, accepts real output, rejects bad objects."""
from __future__ import annotations

import copy
import datetime as dt

import pytest
from jsonschema import Draft202012Validator

from whimbrel.model import (
    ACTOR_KINDS, MODALITIES, PLOVER_EVENTS, Actor, Analysis, Document, DocumentError, Event, EventDate,
    Place, Statement, Time,
)
from whimbrel.schema import ContractError, schema, validate

TEXT = ("Kenya accuses Somalia of border raid\n\nKenyan Interior Minister Kithure Kindiki said on "
        "Friday that Somali militants had attacked a police post near Mandera.")


def full_analysis() -> Analysis:
    """An Analysis with every section filled, built from model.py's own classes."""
    return Analysis(
        document=Document(id="ke-1", text=TEXT, title="Kenya accuses Somalia of border raid",
                          published=dt.date(2023, 6, 10), url="https://example.org/ke", source="Wire"),
        actors=(
            Actor("A1", "Kithure Kindiki", "person", "KEN", "GOV", "KENGOV", "interior minister",
                  ((45, 60),), why="office: interior minister"),
            Actor("A2", "Somali militants", "group", "SOM", "REB", "SOMREB", None, ((86, 102),)),
            Actor("A3", "somebody", "organization", None, None, None, None, ()),  # unresolved
        ),
        events=(
            Event("E1", "ASSAULT", None, ("military",), "190", ("A2",), (), EventDate("2023-06-09", "day"),
                  "asserted", "P1", (111, 119), (38, 141), 0.8, why="trigger: attack", statement="S1"),
            Event("E2", "ACCUSE", None, (), None, ("A1",), ("A2",), EventDate(None, None),
                  "asserted", None, (61, 65), (38, 141), 0.5),
        ),
        statements=(
            Statement("S1", "A1", (45, 60), (61, 65), (71, 140), "indirect", cue="say", cue_group="neutral"),
            Statement("S2", None, None, None, (0, 36), "headline"),
        ),
        times=(Time((69, 75), "2023-06-09", "DATE"),),
        places=(Place("P1", (134, 141), "Mandera", 187585, 3.94, 41.86, "KEN", False),),
    )


def test_the_schema_is_valid_draft_2020_12():
    Draft202012Validator.check_schema(schema())


def test_enums_match_the_model():
    defs = schema()["$defs"]
    assert tuple(defs["plover"]["enum"]) == PLOVER_EVENTS
    assert tuple(defs["actor"]["properties"]["kind"]["enum"]) == ACTOR_KINDS
    assert tuple(defs["event"]["properties"]["modality"]["enum"]) == MODALITIES


def test_a_full_analysis_from_the_model_validates():
    obj = full_analysis().to_dict()
    validate(obj)
    assert obj["actors"][2]["code"] is None  # unresolved actors are allowed


def test_error_objects_validate():
    validate(DocumentError("doc-9", "binary file, not text", "x.txt").to_dict())
    validate({"id": "doc-9", "error": "empty document"})


def test_extra_keys_are_allowed():
    obj = full_analysis().to_dict()
    obj["language"] = "en"
    obj["actors"][0]["wikidata"] = "Q123"
    obj["events"][0]["notes"] = ["x"]
    validate(obj)


def test_real_pipeline_output_validates(analyze):
    result = analyze(TEXT, published="2023-06-10")
    validate(result.to_dict())


def _mutated(mutate):
    obj = full_analysis().to_dict()
    mutate(obj)
    return obj


@pytest.mark.parametrize("mutate, where", [
    (lambda o: o.pop("events"), "events"),
    (lambda o: o.update(published="10 June 2023"), "published"),
    (lambda o: o.update(id=7), "id"),
    (lambda o: o["actors"][0].update(kind="alien"), "actors/0/kind"),
    (lambda o: o["actors"][0].pop("role"), "role"),
    (lambda o: o["actors"][0].update(mentions=[[1, 2, 3]]), "actors/0/mentions/0"),
    (lambda o: o["actors"][0].update(mentions=[["1", 2]]), "actors/0/mentions/0/0"),
    (lambda o: o["actors"][0].update(mentions=[[-1, 2]]), "actors/0/mentions/0/0"),
    (lambda o: o["events"][0].update(event="PARTY"), "events/0/event"),
    (lambda o: o["events"][0].update(modality="maybe"), "events/0/modality"),
    (lambda o: o["events"][0].update(cameo="19x"), "events/0/cameo"),
    (lambda o: o["events"][0].update(confidence=1.5), "events/0/confidence"),
    (lambda o: o["events"][0]["date"].update(resolution="week"), "events/0/date/resolution"),
    (lambda o: o["events"][0]["date"].update(value="June 9"), "events/0/date/value"),
    (lambda o: o["statements"][0].update(kind="rumour"), "statements/0/kind"),
    (lambda o: o["statements"][0].update(cue_span=[1]), "statements/0/cue_span"),
    (lambda o: o["times"][0].update(type="DAY"), "times/0/type"),
    (lambda o: o["places"][0].update(metonymy="no"), "places/0/metonymy"),
    (lambda o: o["places"][0].update(lat=123.0), "places/0/lat"),
])
def test_invalid_objects_are_rejected_with_their_path(mutate, where):
    with pytest.raises(ContractError) as info:
        validate(_mutated(mutate))
    assert where in str(info.value)


@pytest.mark.parametrize("mutate, message", [
    (lambda o: o["events"][0].update(actor=["A9"]), "events/0/actor/0"),
    (lambda o: o["events"][0].update(location="P7"), "events/0/location"),
    (lambda o: o["events"][0].update(statement="S9"), "events/0/statement"),
    (lambda o: o["statements"][0].update(speaker="A9"), "statements/0/speaker"),
    (lambda o: o["actors"].append(copy.deepcopy(o["actors"][0])), "duplicate id"),
    (lambda o: o["times"][0].update(span=[80, 70]), "ends before it starts"),
])
def test_dangling_references_and_backward_spans_are_rejected(mutate, message):
    with pytest.raises(ContractError) as info:
        validate(_mutated(mutate))
    assert message in str(info.value)


@pytest.mark.parametrize("obj", [None, [], "text", {"id": "x"}, {"id": "x", "error": ""},
                                 {"id": "x", "error": "boom", "actors": []}])
def test_neither_document_nor_error_is_rejected(obj):
    with pytest.raises(ContractError):
        validate(obj)
