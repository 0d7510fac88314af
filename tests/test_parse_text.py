"""The text the model reads (``pipeline.parse_text``): typographic apostrophes inside words made
typewriter ones, one character for one, so offsets stay offsets into the original text."""
from __future__ import annotations

from whimbrel.model import Document
from whimbrel.pipeline import make_doc, parse_text


def test_word_internal_apostrophes_only_and_same_length():
    text = "It\u2019s O\u2019Malley\u2019s plan, the players\u2019 union said: \u2018Don\u2019t.\u2019"
    out = parse_text(text)
    assert len(out) == len(text)
    assert out == "It's O'Malley's plan, the players\u2019 union said: \u2018Don't.\u2019"


def test_curly_contractions_are_read_as_the_model_knows_them(nlp):
    doc = nlp(make_doc(nlp, Document(id="t", text="\u201cI\u2019m not a crook and he\u2019s a liar,\u201d she said.")))
    by_text = {t.text: t for t in doc}
    assert by_text["'m"].lemma_ == "be"
    assert by_text["'s"].lemma_ == "be"


def test_offsets_of_the_analysis_index_the_original_text(analyze):
    text = "Senator Tom Cotton said that Chuck Schumer\u2019s plan is a disaster and Schumer\u2019s a liar."
    a = analyze(text)
    assert a.document.text == text
    names = {text[s:e] for actor in a.actors for s, e in actor.mentions}
    assert any("Tom Cotton" in n for n in names) and "Chuck Schumer" in names
    for ev in a.events:
        s, e = ev.trigger
        assert text[s:e].strip() and s < e <= len(text)
    assert any(ev.event == "ACCUSE" and text[ev.trigger[0]:ev.trigger[1]] == "liar" for ev in a.events), a.events
