"""Statements on real news: the PolNeAR-format scorer of ``whimbrel eval statements``, its error
classes, the classes of attribution the data taught (learned cue verbs, ``''`` quotation marks),
and floors on PolNeAR's development split (``../shared/eval/dev/``, skipped when it is not beside
the checkout)."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from whimbrel.evaluation import statements_polnear as P
from whimbrel.evaluation.statements_errors import ErrorLog
from whimbrel.stages.statements.learned import learned_verbs
from whimbrel.stages.statements.quotes import marks_view

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
POLNEAR_DEV = DEV / "polnear_dev.gold.jsonl"


# --- the scorer, on made-up documents -------------------------------------------------------
TEXT = 'Kim said the plan would fail. "We will win," Lee said. Park praised the deal.'


def _gold(content, kind="indirect", source=None, fragments=None):
    return {"content": list(content), "content_fragments": [list(f) for f in (fragments or [content])],
            "source": [list(source)] if source else [], "cue": [[4, 8]], "kind": kind}


def _score(golds, preds, actors=()):
    counts: Counter = Counter()
    errors = ErrorLog()
    P.score_document(TEXT, golds, {"statements": preds, "actors": list(actors)}, counts, errors)
    return P.figures(counts), errors


def test_overlap_exact_kind_and_speaker():
    s = TEXT.index("the plan")
    q = TEXT.index("We will")
    golds = [_gold((s, TEXT.index(".")), source=(0, 3)),
             _gold((q - 1, TEXT.index('," Lee') + 2), kind="direct", source=(TEXT.index("Lee"), TEXT.index("Lee") + 3))]
    preds = [{"content_span": [s + 4, TEXT.index(".")], "speaker_span": [0, 3]},          # "plan would fail": overlap only
             {"content_span": [q, TEXT.index('," Lee')], "speaker": "A1"},                  # exact after trimming
             {"content_span": [TEXT.index("the deal"), len(TEXT) - 1]}]                      # spurious
    f, errors = _score(golds, preds, [{"id": "A1", "mentions": [[TEXT.index("Lee"), TEXT.index("Lee") + 3]]}])
    assert (f["all"]["matched"], f["all"]["predicted"], f["all"]["gold"]) == (2, 3, 2)
    assert f["all"]["exact_f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))
    assert f["direct"]["predicted"] == 1 and f["direct"]["exact_f1"] == 1.0
    assert f["all"]["speaker_accuracy"] == 1.0   # one by its span, one through its actor's mention
    names = dict((k, n) for n, k, _ in errors.top())
    assert names['boundary indirect: start too late, one word'] == 1
    assert names['spurious indirect, cue "(none)"'] == 1


def test_below_half_the_words_is_a_miss_and_a_wrong_speaker_is_classed():
    s = TEXT.index("the plan")
    f, errors = _score([_gold((s, TEXT.index(".")), source=(0, 3))],
                       [{"content_span": [s + 15, TEXT.index(".")], "speaker_span": [TEXT.index("Park"), TEXT.index("Park") + 4]}])
    assert f["all"]["matched"] == 0 and f["all"]["speaker_accuracy"] is None
    assert [k for _, k, _ in errors.top()] == ['missed indirect, cue "said"', 'spurious indirect, cue "(none)"']
    f, errors = _score([_gold((s, TEXT.index(".")), source=(0, 3))],
                       [{"content_span": [s, TEXT.index(".")], "speaker_span": [TEXT.index("Park"), TEXT.index("Park") + 4]}])
    assert f["all"]["speaker_accuracy"] == 0.0
    assert [k for _, k, _ in errors.top()] == ["speaker indirect: gold name, predicted name"]


def test_polnear_format_is_recognised_by_the_input_file_beside_it(tmp_path):
    gold = tmp_path / "x.gold.jsonl"
    gold.write_text(json.dumps({"id": "d", "attributions": []}) + "\n")
    assert not P.is_polnear(gold)                     # no input file beside it
    (tmp_path / "x.input.jsonl").write_text(json.dumps({"id": "d", "text": "Hi."}) + "\n")
    assert P.is_polnear(gold)
    other = tmp_path / "y.jsonl"
    other.write_text(json.dumps({"id": "d", "text": "Hi.", "attributions": []}) + "\n")
    assert not P.is_polnear(other)


# --- classes the training data taught --------------------------------------------------------
def test_double_apostrophe_marks_keep_offsets_and_direction():
    text = "''We will win,'' Lee said. He called it ''a disgrace.'' Don't."
    view = marks_view(text)
    assert len(view) == len(text)
    assert view[view.index("We") - 1] == "\u201c" and view[view.index(",") + 1] == "\u201d"
    assert view.count("\u201c") == 2 and view.count("\u201d") == 2
    assert "Don't" in view                      # an apostrophe is not a mark


def test_learned_table_has_rates_and_relations():
    table = learned_verbs()
    if not table:
        pytest.skip("learned cue table not shipped")
    assert table["say"].rate > 0.5 and "ccomp" in table["say"].relations
    assert all(0 < v.rate <= 1 for v in table.values())


@pytest.mark.parametrize("text,cue,content", [
    ("''We are ready for a long fight,'' Senator Hale said on Monday.", "said", "We are ready for a long fight"),
    ("The governor refused to sign the spending bill.", "refused", "to sign the spending bill"),
    ("The senator pointed to the rising cost of insurance.", "pointed", "the rising cost of insurance"),
])
def test_learned_classes(nlp, text, cue, content, monkeypatch):
    if not learned_verbs() and "''" not in text:
        pytest.skip("learned cue table not shipped")
    from whimbrel.model import Document
    from whimbrel.pipeline import make_doc
    from whimbrel.stages.statements import weights

    # the classes reach these candidates; whether the candidate model keeps one on a made-up
    # sentence is its own judgement (stmt40's retrained model scores "pointed to ..." 0.35,
    # under its threshold 0.475 tuned on polnear_train's held-back fifth), so all are recorded
    monkeypatch.setattr(weights, "RECORD", {})
    doc = nlp(make_doc(nlp, Document(id="t", text=text)))
    got = [(text[s.cue_span[0]:s.cue_span[1]] if s.cue_span else None, text[slice(*s.content_span)])
           for s in doc._.statements]
    assert (cue, content) in got


def test_attribution_span_convention(nlp):
    from whimbrel.stages.statements.extraction import extract

    text = ("Intro.\n\n\u201cIn this situation,\u201d Berg said, \u201cthe government has no choice.\u201d "
            "She added that the talks were over. \u201cWe are done.\u201d")
    doc = nlp(text)

    def contents(spans):
        return [(s.kind, text[slice(*s.content_span)]) for s in extract(doc, spans=spans)]

    pieces = contents("pieces")
    assert ("direct", "In this situation") in pieces and ("indirect", "the talks were over") in pieces
    attribution = contents("attribution")
    # one statement for the quote split by its cue; the complementizer kept; a quote after
    # another speaker's cue is not merged across it
    assert ("direct", "In this situation,\u201d Berg said, \u201cthe government has no choice") in attribution
    assert ("indirect", "that the talks were over") in attribution
    assert ("direct", "We are done") in attribution and len(attribution) == 3


# --- floors on PolNeAR's development split ----------------------------------------------------
@pytest.fixture(scope="module")
def dev_result(nlp):
    if not POLNEAR_DEV.exists():
        pytest.skip("../shared/eval/dev is not beside the checkout")
    return P.evaluate(POLNEAR_DEV, nlp=nlp)


FLOORS = {  # PolNeAR's span convention, the default; measured on polnear_dev when set
    # (issue 14, stmt20, reference scorer: 63.87, 50.70, 86.16, 92.33), minus one point;
    # overall and exact F1 raised with the candidate model (stmt30: 64.9, 51.0, 86.0, 92.0);
    # raised with the round-4 candidate classes (stmt40: 66.1, 53.4, 87.0, 92.2);
    # a speaker's run of quotes joined as PolNeAR joins it (stmt41: 66.1, 53.7, 87.7, 92.5; direct exact 82.1)
    # quotes signed with a dash and a name (st51: 66.9, 54.5, 90.2, 92.7; direct exact 84.6);
    # a content opening at the object it is said of ("urged X to ...") (st51: 67.0, 55.3);
    # an attribution clause closing or interrupting its sentence reports all of it (st51: 67.05, 55.5);
    # a parenthetical cue reports a clause holding a quoted phrase (st50 alone: 66.2, 53.7, 87.6, 92.7);
    # st50 and st51 merged: 67.2, 55.5, 90.1, 92.9 (direct exact 84.6);
    # objects of learned cue verbs that name content, not acts (st60: 67.8, 55.7, 90.2, 93.1; direct exact 84.7);
    # nouns of content take a preposition of topic or target (st60: 68.0, 55.9, 90.2, 93.1);
    # the reporter's comma-set elaboration left out of a content (st61 alone: 67.44, 55.64, 90.1, 93.0);
    # st60 and st61 merged: 68.3, 56.3, 90.2, 93.1 (direct exact 84.7);
    # the verb of a reported clause is no second attribution (st62: 69.5, 57.2, 90.3, 93.1; direct exact 84.8);
    # a preposition of topic gives a cue verb its content ("warned of ...") (st62: 69.7, 57.3, 90.3, 93.0);
    # nor is a cue deeper in a reported clause ("said X was delayed after Y complained") (st62: 70.0, 57.6, 90.4, 93.0; direct exact 84.9)
    ("all", "f1"): 69.0,
    ("all", "exact_f1"): 56.5,
    ("direct", "f1"): 89.2,
    ("direct", "exact_f1"): 83.7,
    ("all", "speaker_accuracy"): 92.1,
}


@pytest.mark.parametrize("key", sorted(FLOORS))
def test_polnear_dev_floor(dev_result, key):
    kind, metric = key
    assert 100 * dev_result["figures"][kind][metric] >= FLOORS[key]


@pytest.fixture(scope="module")
def dev_result_pieces():
    """The same with the older span convention (spans="pieces", set through its environment variable)."""
    if not POLNEAR_DEV.exists():
        pytest.skip("../shared/eval/dev is not beside the checkout")
    from whimbrel.pipeline import build
    from whimbrel.stages.statements.component import SPANS_ENV

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv(SPANS_ENV, "pieces")
        nlp = build()
    assert nlp.get_pipe("whimbrel_statements").spans == "pieces"
    return P.evaluate(POLNEAR_DEV, nlp=nlp)


FLOORS_PIECES = {  # the older convention's floors, measured with it (issue 14, stmt20: 60.0, 32.3, 75.1, 91.9;
    # stmt40: 60.3, 32.5, 75.5, 91.8)
    ("all", "f1"): 59.3,
    ("all", "exact_f1"): 31.5,
    ("direct", "f1"): 74.5,
    ("all", "speaker_accuracy"): 90.9,
}


@pytest.mark.parametrize("key", sorted(FLOORS_PIECES))
def test_polnear_dev_floor_pieces_convention(dev_result_pieces, key):
    kind, metric = key
    assert 100 * dev_result_pieces["figures"][kind][metric] >= FLOORS_PIECES[key]


def test_polnear_dev_error_classes_are_reported(dev_result):
    top = dev_result["errors"].top(10)
    assert len(top) == 10 and all(n > 0 and example for n, _, example in top)


# --- classes from polnear_train's errors (issue 14, stmt20) -----------------------------------
def _statements(nlp, text):
    from whimbrel.model import Document
    from whimbrel.pipeline import make_doc

    doc = nlp(make_doc(nlp, Document(id="t", text=text)))
    return [(text[slice(*s.speaker_span)] if s.speaker_span else None, text[slice(*s.content_span)])
            for s in doc._.statements]


@pytest.mark.parametrize("text,content", [
    ("The senator was asked whether the bill would pass.", "whether the bill would pass"),
    ("Cruz says that \u201cwhen you live by the pen, you die by the pen.\u201d",
     "that \u201cwhen you live by the pen, you die by the pen.\u201d"),
])
def test_complementizer_opens_the_content(nlp, text, content):
    got = [c for _, c in _statements(nlp, text)]
    assert any(c.rstrip("\u201d.") == content.rstrip("\u201d.") for c in got), got


def test_nested_quote_at_the_end_still_takes_its_cue(nlp):
    text = "\u201cI just said, \u2018Thank you for voting,\u2019\u201d Bennett explained."
    got = _statements(nlp, text)
    assert got and got[0][0] == "Bennett" and got[0][1].startswith("I just said")


def test_cue_after_a_long_subject_phrase(nlp):
    text = ("\u201cThey expect us to know this,\u201d Terrie Rizzo, the Democratic chair of "
            "Florida\u2019s Palm Beach County, said on Monday.")
    got = _statements(nlp, text)
    assert got and got[0][1] == "They expect us to know this" and "Rizzo" in (got[0][0] or "")


def test_participle_modifying_its_source(nlp):
    text = "Police received 911 calls saying that shots had been fired inside the building."
    got = _statements(nlp, text)
    assert ("911 calls", "that shots had been fired inside the building") in got


def test_clause_before_a_colon_names_the_speaker_of_an_uncued_quote(nlp):
    text = ("The debate turned when Cruz called them on it: \u201cThe questions asked in this debate "
            "illustrate why the American people do not trust the media.\u201d")
    got = _statements(nlp, text)
    assert any(s == "Cruz" and c.startswith("The questions asked") for s, c in got), got


def test_cue_ending_in_a_colon_introduces_the_next_quote(nlp):
    text = ("\u201cWe are refugees,\u201d Ms. Alawee said. \u201cWe are not terrorists.\u201d Mr. Zahed said: "
            "\u201cNobody here wants a war.\u201d")
    got = _statements(nlp, text)
    zahed = [c for s, c in got if s and "Zahed" in s]
    assert zahed and all("terrorists" not in c for c in zahed), got


@pytest.mark.parametrize("text,speaker", [
    ("Advisers to the senator are quick to point out that he has placed second in two states.", "Advisers"),
    ("But the investor is convinced that the company will recover next year.", "investor"),
])
def test_cue_under_a_predicate_adjective_speaks_for_the_clause_subject(nlp, text, speaker):
    got = _statements(nlp, text)
    assert got and all(s is not None and speaker in s for s, _ in got), got


# --- the reporter's elaboration at a content's end (issue 14, st61) ---------------------------
@pytest.mark.parametrize("text,content", [
    ("The ministry said the letters came from Hale, who was his deputy at the time.",
     "the letters came from Hale"),
    ("The mayor has vowed to close the old bridge, a crossing built in 1890.", "to close the old bridge"),
    ("Most farmers say they will plant more wheat, though prices have fallen all year.",
     "they will plant more wheat"),
])
def test_trailing_elaboration_is_not_the_content(nlp, text, content):
    got = [c for _, c in _statements(nlp, text)]
    assert content in got, got


def test_restrictive_clause_and_quoted_elaboration_stay(nlp):
    got = [c for _, c in _statements(nlp, "The mayor said the plan that failed was costly.")]
    assert "the plan that failed was costly" in got, got
