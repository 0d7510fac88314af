"""The sentence pre-filter: which sentences it keeps, exact offsets back into the original, same records."""
from __future__ import annotations

import pytest

from whimbrel.model import Actor, Analysis, Document, Event, EventDate, Place, Statement, Time
from whimbrel.pipeline import analyze_stream
from whimbrel.prefilter import GAP, OffsetMap, Prefilter, enabled, restore

TEXT = """Rebels attack army base near border

Rebel fighters attacked an army base near the northern border on Tuesday, the defence ministry said.

It was a long and difficult night for everybody. The sky was dark and the wind was cold. Nobody could sleep much.

“We will not surrender,” the general said. “Our troops will hold the line.”

Mr. Okafor, the interior minister, condemned the attack and promised to send more soldiers to the region.
"""
TITLE = "Rebels attack army base near border"


@pytest.fixture(scope="module")
def prefilter(nlp):
    return Prefilter(nlp)


def test_evidence_and_dropped_sentences(prefilter):
    red = prefilter.reduce(Document(id="t", text=TEXT, title=TITLE))
    assert red is not None
    assert red.kept < red.total
    # A sentence with no name, number, time word, trigger or cue is left out...
    assert "The sky was dark" not in red.document.text
    # ...the headline, event sentences and whole quotations are kept.
    for kept in (TITLE, "attacked an army base", "“We will not surrender,” the general said. “Our troops",
                 "condemned the attack"):
        assert kept in red.document.text
    # The sentence before one that refers back ("the general") stays for the actors stage.
    assert "Nobody could sleep much." in red.document.text


def test_offset_map_round_trip(prefilter):
    red = prefilter.reduce(Document(id="t", text=TEXT, title=TITLE))
    reduced, omap = red.document.text, red.offsets
    gaps = 0
    for i, ch in enumerate(reduced):
        o = omap.start(i)
        inside = any(r <= i < r + n for r, _, n in omap.segments)
        if inside:
            assert TEXT[o] == ch
            assert omap.end(i + 1) == o + 1
        else:
            gaps += 1
    assert gaps == len(GAP) * (len(omap.segments) - 1)
    # Whole stretches map to identical original text.
    for r, o, n in omap.segments:
        assert omap.span((r, r + n)) == (o, o + n)
        assert reduced[r:r + n] == TEXT[o:o + n]


def test_offset_map_spans_in_and_across_gaps():
    omap = OffsetMap(((0, 0, 10), (12, 30, 5)))  # reduced 10-11 is the gap
    assert omap.span((2, 5)) == (2, 5)
    assert omap.span((12, 14)) == (30, 32)
    assert omap.span((8, 14)) == (8, 32)        # across the gap: both ends exact
    assert omap.span((10, 14)) == (30, 32)      # starting in the gap: from the next stretch
    assert omap.span((3, 11)) == (3, 10)        # ending in the gap: cut at the stretch's end
    assert omap.span((5, 5)) == (5, 5)
    assert omap.span(None) is None
    assert OffsetMap(()).span((1, 3)) == (1, 3)


def test_restore_maps_every_contract_span():
    original = "Alpha met Beta.\n\nFILLER FILLER.\n\nGamma said Delta left Paris on 3 May."
    reduced = "Alpha met Beta.\n\n" + "Gamma said Delta left Paris on 3 May."
    o2 = original.index("Gamma")
    omap = OffsetMap(((0, 0, 17), (17, o2, len(original) - o2)))

    def at(word: str) -> tuple[int, int]:
        i = reduced.index(word)
        return (i, i + len(word))

    a = Analysis(
        document=Document(id="r", text=reduced),
        actors=(Actor("A1", "Gamma", "person", None, None, None, None, (at("Gamma"), at("Alpha"))),),
        events=(Event("E1", "CONSULT", None, (), "040", ("A1",), (), EventDate(None, None), "asserted", "P1",
                      at("left"), at("Gamma said Delta left Paris on 3 May."), 0.5),),
        statements=(Statement("S1", "A1", at("Gamma"), at("said"), at("Delta left Paris on 3 May"), "indirect"),),
        times=(Time(at("3 May"), "XXXX-05-03", "DATE"),),
        places=(Place("P1", at("Paris"), "Paris", 1, 0.0, 0.0, "FRA"),),
    )
    doc = Document(id="o", text=original)
    b = restore(a, omap, doc)
    assert b.document is doc
    spans = [*b.actors[0].mentions, b.events[0].trigger, b.events[0].sentence, b.statements[0].speaker_span,
             b.statements[0].cue_span, b.statements[0].content_span, b.times[0].span, b.places[0].span]
    words = ["Gamma", "Alpha", "left", "Gamma said Delta left Paris on 3 May.", "Gamma", "said",
             "Delta left Paris on 3 May", "3 May", "Paris"]
    assert [original[s:e] for s, e in spans] == words


def test_filtered_run_gives_the_same_records(nlp, prefilter):
    doc = Document(id="t", text=TEXT, title=TITLE)
    (full,) = analyze_stream(nlp, [doc])
    (filtered,) = analyze_stream(nlp, [doc], prefilter=prefilter)
    assert full.events, "the text must give events for the comparison to mean anything"
    assert filtered.to_dict() == full.to_dict()


def test_short_or_odd_input_is_not_reduced(prefilter, nlp):
    assert prefilter.reduce(Document(id="a", text="Iran and Iraq signed a deal.")) is None
    assert prefilter.reduce(Document(id="b", text="   \n\n  ")) is None
    odd = Document(id="c", text="“Unbalanced quote.\n\nStill quoted. Nothing here at all.\n\nAnd more.")
    prefilter.reduce(odd)  # must not raise
    (res,) = analyze_stream(nlp, [odd], prefilter=prefilter)
    assert res.document is odd


def test_setting(monkeypatch):
    monkeypatch.setenv("WHIMBREL_PREFILTER", "1")
    assert enabled() is True
    assert enabled(False) is False
    monkeypatch.setenv("WHIMBREL_PREFILTER", "off")
    assert enabled() is False
