"""Object and passive-subject candidates of learned cue verbs (:mod:`whimbrel.stages.statements.objects`):
the attitudes and acts toward a thing that PolNeAR annotates with the thing as content, for verbs whose
learned contents include their object but are more often a clause. Sentences written for these tests."""
from __future__ import annotations

import pytest

from whimbrel.stages.statements.objects import WHY_OBJECT, WHY_PASSIVE, object_statements
from whimbrel.stages.statements.quotes import Quoted
from whimbrel.stages.statements.vocab import load_cues


@pytest.fixture(scope="module")
def parse():
    import spacy

    from whimbrel.settings import DEFAULT_MODEL

    return spacy.load(DEFAULT_MODEL)


def _found(parse, text, taken=()):
    doc = parse(text)
    return [(text[slice(*d.cue_span)], text[slice(*d.content_span)], d.speaker_span and text[slice(*d.speaker_span)],
             d.why) for d in object_statements(doc, load_cues(), Quoted([]), None, set(taken), 0.04)]


def test_object_of_a_verb_whose_content_is_mostly_a_clause(parse):
    got = _found(parse, "The governor announced her concerns on Friday.")
    assert got == [("announced", "her concerns", "The governor", WHY_OBJECT)]


def test_object_with_its_completing_phrase(parse):
    got = _found(parse, "The mayor announced her concerns about the budget.")
    assert got == [("announced", "her concerns about the budget", "The mayor", WHY_OBJECT)]


def test_passive_subject_with_its_agent_as_source(parse):
    got = _found(parse, "The rumors were confirmed by the Senate after a long debate.")
    assert got == [("confirmed", "The rumors", "the Senate", WHY_PASSIVE)]


@pytest.mark.parametrize("text", [
    "The governor announced her resignation on Friday.",          # an act
    "The ministry announced new sanctions against the regime.",   # a measure
    "The council rejected the budget plan on Tuesday.",           # a plan
    "The treaty was confirmed by the Senate after a long debate.",  # an instrument, not a proposition
    "The governor called an emergency meeting.",                  # a naming verb without its predicate
])
def test_object_naming_an_act_event_or_measure_is_no_candidate(parse, text):
    assert _found(parse, text) == []


def test_object_with_a_predicate_is_a_candidate_whatever_its_noun(parse):
    got = _found(parse, "The senator described the budget plan as a disaster.")
    assert [(c, x) for c, x, _, _ in got] == [("described", "the budget plan as a disaster")]


def test_passive_subject_without_agent_is_no_candidate(parse):
    # who judged is not said: on polnear_dev these cost speaker accuracy more than they gave recall
    assert _found(parse, "The new rules were announced last week.") == []


@pytest.mark.parametrize("text", [
    "The governor washed her car on Friday.",             # not a learned cue verb
    "The governor announced that she would resign.",      # no object: the clause is the rules'
])
def test_no_candidate_without_a_learned_verb_and_its_object(parse, text):
    assert _found(parse, text) == []


def test_a_verb_already_reporting_something_is_left_alone(parse):
    text = "The governor announced her concerns on Friday."
    assert _found(parse, text, taken=[2]) == []


def test_passive_with_a_predicate_gives_the_whole_judgement(parse):
    text = "The senator was described by his rivals as a reckless spender."
    assert _found(parse, text) == [("described", text[:-1], "his rivals", WHY_PASSIVE)]


def test_complement_verb_is_inside_its_cues_content(parse):
    # "raise" takes its object as content, but here it is what was proposed
    assert [x for _, x, _, _ in _found(parse, "The senator proposed raising the minimum wage.")] == []


def test_an_object_that_is_a_noun_cue_reports_its_own_content(parse):
    # "concerns" found as a noun cue ("her concerns ABOUT the budget") is not the verb's content too
    text = "The governor announced her concerns about the budget."
    assert _found(parse, text, taken=[4]) == []


def test_agentless_passive_with_a_predicate_is_a_candidate_without_a_speaker(parse):
    # the subject and its predicate are a proposition ("was described as ..."), whoever holds it
    text = "The senator was described as a reckless spender."
    assert _found(parse, text) == [("described", text[:-1], None, WHY_PASSIVE)]


@pytest.mark.parametrize("text, cue, content", [
    ("The minister warned of a looming fuel shortage.", "warned", "a looming fuel shortage"),
    ("The farmers complained bitterly about the new tariffs.", "complained", "the new tariffs"),
])
def test_object_of_a_preposition_of_topic_when_the_verb_has_no_other_content(parse, text, cue, content):
    got = _found(parse, text)
    assert [(c, x) for c, x, _, _ in got] == [(cue, content)]
    assert got[0][3].startswith("learned prep:")


@pytest.mark.parametrize("text", [
    "The senator spoke at a rally in Ohio.",                       # the place of the act
    "The minister warned that the fuel would run out by March.",   # the verb's own clause is its content
])
def test_no_topic_candidate_for_a_place_or_a_verb_with_its_own_content(parse, text):
    assert not any(w.startswith("learned prep:") for *_, w in _found(parse, text))
