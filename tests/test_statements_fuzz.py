"""Property tests: random text full of quotation marks never breaks the statements stage."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whimbrel.stages.statements.api import statement_at
from whimbrel.stages.statements.extraction import extract
from whimbrel.stages.statements.quotes import paragraphs, scan_quotes

DOUBLE_MARKS = "\u201c\u201d\"\u00ab\u00bb"
PIECES = st.sampled_from([
    "\u201c", "\u201d", '"', "\u2018", "\u2019", "'", "\u00ab", "\u00bb",
    " ", " ", "\n", "\n\n", ",", ".", ":", "?",
    "said", "he said", "Russia", "Lavrov", "told reporters", "according to", "the minister",
    "that", "we will", "respond", "sanctions", "saying", "warned", "Iran",
])
TEXTS = st.lists(PIECES, min_size=0, max_size=60).map("".join)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(TEXTS)
def test_random_quoting_gives_well_formed_statements(nlp, text):
    doc = nlp(text)
    sts = doc._.statements
    # the stage's error policy turns an exception into a warning on the document;
    # call the extractor itself so that an exception fails this test instead of hiding
    assert extract(doc) == sts
    for s in sts:
        a, b = s.content_span
        assert 0 <= a < b <= len(text)
        # no stray double mark at either end: a content may end with a closing mark only when it
        # holds that quotation's opening mark too (a partial quotation keeps both marks)
        inside = text[a:b]
        assert text[a] not in DOUBLE_MARKS or sum(ch in DOUBLE_MARKS for ch in inside) % 2 == 0, inside
        assert text[b - 1] not in DOUBLE_MARKS or sum(ch in DOUBLE_MARKS for ch in inside) % 2 == 0, inside
        assert text[a] not in "\u201d\u00bb" and text[b - 1] not in "\u201c\u00ab", inside
        for span in (s.speaker_span, s.cue_span):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        assert s.kind in ("direct", "indirect", "headline")
        assert statement_at(doc, a) is not None
    assert [s.id for s in sts] == [f"S{i}" for i in range(1, len(sts) + 1)]
    # with one statement per quoted piece, a direct quotation's content never contains a double
    # quotation mark (PolNeAR's convention, the default, joins the pieces of one attribution:
    # '“A,” he said, “B' holds marks by design)
    for s in extract(doc, spans="pieces"):
        if s.kind == "direct":
            assert not any(ch in DOUBLE_MARKS for ch in text[slice(*s.content_span)])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list(DOUBLE_MARKS) + ["a", " ", "\n", "\n\n", "."]), max_size=400).map("".join))
def test_scanner_pieces_are_clean_and_inside_paragraphs(text):
    paras = paragraphs(text)
    for p in scan_quotes(text, paras):
        ps, pe = paras[p.para]
        # content sits after its opening mark, inside its paragraph, without marks
        assert ps <= p.open < p.start < p.end <= pe
        assert not any(ch in DOUBLE_MARKS for ch in text[p.start:p.end])
        if p.close is not None:
            assert p.end <= p.close < pe


def test_a_content_ending_in_stray_marks_stops_before_them(nlp):
    # found by the property test above: the sentence's end held three marks no quotation opened
    text = "said:we will\u201c\u201c\u201d"
    (s,) = nlp(text)._.statements
    assert text[slice(*s.content_span)] == "we will"
