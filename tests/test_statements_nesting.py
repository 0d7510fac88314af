"""Attributions nested inside another attribution's content (issue 14): which inner ones PolNeAR's
convention leaves to the outer attribution. Sentences written for these tests."""
from __future__ import annotations

import pytest

from whimbrel.stages.statements.drafts import Draft
from whimbrel.stages.statements.precision import without_nested_reports


def found(nlp, text):
    doc = nlp(text)
    sl = lambda s: text[s[0]:s[1]] if s else None  # noqa: E731
    return [(sl(s.cue_span), sl(s.content_span)) for s in doc._.statements]


@pytest.fixture(scope="module")
def parse():
    import spacy

    from whimbrel.settings import DEFAULT_MODEL

    return spacy.load(DEFAULT_MODEL)


@pytest.mark.parametrize("text, cue, content", [
    ("The senator said she believes the tax cut will hurt small farmers.",
     "said", "she believes the tax cut will hurt small farmers"),
    ("Local officials say they expect the new bridge to open in the spring.",
     "say", "they expect the new bridge to open in the spring"),
])
def test_verb_of_a_reported_clause_is_not_a_second_attribution(nlp, text, cue, content):
    assert found(nlp, text) == [(cue, content)]


def _draft(text, doc, cue, content):
    s = text.index(content)
    c = text.index(cue)
    tok = next(t.i for t in doc if t.idx == c)
    return Draft(None, None, (c, c + len(cue)), (s, s + len(content)), "indirect", cue, None, tok)


def test_inner_cue_dropped_only_inside_the_outer_content(parse):
    text = "The mayor said the council thinks the budget is too small."
    doc = parse(text)
    outer = _draft(text, doc, "said", "the council thinks the budget is too small")
    inner = _draft(text, doc, "thinks", "the budget is too small")
    assert doc[inner.cue_token].head.i == outer.cue_token          # the parse the rule relies on
    assert without_nested_reports(doc, [outer, inner]) == [outer]
    # an outer candidate whose content stops before the inner cue does not swallow it
    short = _draft(text, doc, "said", "the council")
    assert without_nested_reports(doc, [short, inner]) == [short, inner]
    # with no attribution at the governing verb the inner one stays
    assert without_nested_reports(doc, [inner]) == [inner]


def test_cue_deeper_in_the_reported_clause_is_dropped_but_not_a_conjunct_of_its_verb(parse):
    text = "The mayor said the vote was delayed after the council complained that the room was too small."
    doc = parse(text)
    outer = _draft(text, doc, "said", "the vote was delayed after the council complained that the room was too small")
    inner = _draft(text, doc, "complained", "that the room was too small")
    assert doc[inner.cue_token].dep_ == "advcl"                   # inside the clause, not its verb
    assert without_nested_reports(doc, [outer, inner]) == [outer]
    # "said she supports X and believes Y": the speaker's own second report, a conjunct of the clause's verb
    text = "The senator said she supports the bill and believes it will pass."
    doc = parse(text)
    outer = _draft(text, doc, "said", "she supports the bill and believes it will pass")
    inner = _draft(text, doc, "believes", "it will pass")
    assert doc[inner.cue_token].dep_ == "conj"
    assert without_nested_reports(doc, [outer, inner]) == [outer, inner]
