"""Noun cues (:mod:`whimbrel.stages.statements.nouns`): a noun of content reports what its preposition or
clause introduces, held by its possessor.
Sentences written for these tests."""
from __future__ import annotations

import pytest

from whimbrel.stages.statements.nouns import noun_statements
from whimbrel.stages.statements.quotes import Quoted
from whimbrel.stages.statements.vocab import load_cues


@pytest.fixture(scope="module")
def parse():
    import spacy

    from whimbrel.settings import DEFAULT_MODEL

    return spacy.load(DEFAULT_MODEL)


def _found(parse, text):
    doc = parse(text)
    return [(text[slice(*d.cue_span)], text[slice(*d.content_span)], d.speaker_span and text[slice(*d.speaker_span)])
            for d in noun_statements(doc, load_cues(), Quoted([]), None, 0.04)]


def test_possessor_holds_the_noun(parse):
    assert _found(parse, "The mayor repeated her criticism of the budget.") == [
        ("criticism", "the budget", "her")]


def test_content_noun_takes_a_preposition_of_its_target(parse):
    # "allegation": the learned table links it by "of" only; as a noun of content "against" gives its target
    assert _found(parse, "The senator repeated her allegations against the agency.") == [
        ("allegations", "the agency", "her")]


def test_content_noun_of_the_lexicon_takes_its_topic(parse):
    # "remark" as a noun of content: what the remarks were about is the content
    assert _found(parse, "The governor defended his remarks on immigration.") == [
        ("remarks", "immigration", "his")]


@pytest.mark.parametrize("text", [
    "The allegations against the agency were dropped.",   # nobody named holds them
    "The senator visited the agency on Monday.",          # no noun of content
    "The senator made serious allegations against the agency.",  # no possessor (the verb's subject is not taken)
])
def test_no_holder_or_no_content_noun_gives_nothing(parse, text):
    assert _found(parse, text) == []
