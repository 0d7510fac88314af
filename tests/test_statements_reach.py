"""Classes of attribution the candidate generator did not reach on PolNeAR's training split (issue 14,
round 4). Sentences written for these tests."""
from __future__ import annotations

import pytest


def found(nlp, text):
    doc = nlp(text)
    sl = lambda s: text[s[0]:s[1]] if s else None  # noqa: E731
    return [(s.kind, sl(s.cue_span), sl(s.content_span), sl(s.speaker_span)) for s in doc._.statements]


@pytest.mark.parametrize("title, content, speaker", [
    ("Sanders: Clinton email story has moved", "Clinton email story has moved", "Sanders"),   # a clause is no speaker
    ("Poll: Sanders leads Clinton for the first time", "Sanders leads Clinton for the first time", "Poll"),
    ("Historians: the senator was right about the war", "the senator was right about the war", "Historians"),
    ("Iran will not bow to pressure: Zarif", "Iran will not bow to pressure", "Zarif"),
])
def test_headline_speaker_and_claim_sides(nlp, title, content, speaker):
    text = title + "\n\nThe campaign went on in Iowa on Sunday."
    assert [(k, x, s) for k, _, x, s in found(nlp, text) if k == "headline"] == [("headline", content, speaker)]


def test_headline_label_that_is_no_source_gives_nothing(nlp):
    text = "The Latest: Sanders wins the Vermont primary\n\nThe campaign went on in Iowa on Sunday."
    assert [k for k, *_ in found(nlp, text) if k == "headline"] == []


def test_object_with_its_prepositional_phrase(nlp):
    got = found(nlp, "The senator criticized the governor as a friend of the big banks.")
    assert [(c, x) for _, c, x, _ in got] == [("criticized", "the governor as a friend of the big banks")]


def test_coordinated_participle_stays_in_the_reported_clause(nlp):
    got = found(nlp, "The senator says the governor is acting unlawfully and showing contempt for the courts.")
    assert [x for _, _, x, _ in got] == ["the governor is acting unlawfully and showing contempt for the courts"]


def test_coordinated_finite_cue_is_the_speakers_next_act(nlp):
    got = found(nlp, "The group said it believed the vote was rigged and called for an audit.")
    assert ("said", "it believed the vote was rigged") in [(c, x) for _, c, x, _ in got]


def test_request_with_object_and_infinitive(nlp):
    got = found(nlp, "In a letter, the governor asked the network to donate its profits to charity.")
    assert [(c, x, s) for _, c, x, s in got] == [("asked", "to donate its profits to charity", "the governor")]
