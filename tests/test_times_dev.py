"""Times on real news: ``whimbrel eval times`` on the development corpus's own format, its
error classes, the issue's audit sentences, and floors on the TimeBank development set
(``../shared/eval/dev/``, skipped when it is not beside the checkout)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from whimbrel.evaluation import times as E
from whimbrel.evaluation.times_errors import error_classes

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"
TIMEBANK = DEV / "timebank.gold.jsonl"
PUB = dt.date(2018, 3, 22)  # a Thursday


@pytest.fixture(scope="module")
def times_nlp():
    """A pipeline with only the times stage: what the scorer needs, at a fraction of the cost."""
    from whimbrel.pipeline import build

    return build(components=["whimbrel_times"])


def _times(nlp, text, published=PUB):
    from whimbrel.model import Document
    from whimbrel.pipeline import make_doc

    doc = nlp(make_doc(nlp, Document(id="t", text=text, published=published)))
    return {text[t.span[0]:t.span[1]]: t for t in doc._.times}


# --- the issue's audit: each sentence stands for a class of errors


@pytest.mark.parametrize("text,word", [
    ("Douma's fall would seal the government's control of Eastern Ghouta.", "fall"),
    ("Analysts expect prices to fall further.", "fall"),
    ("The fall of the city ended the siege.", "fall"),
    ("Negotiators said a deal would come as soon as the talks resumed.", "soon"),
])
def test_common_words_are_no_times(times_nlp, text, word):
    assert not [s for s in _times(times_nlp, text) if word in s.split()]


@pytest.mark.parametrize("text,surface,value", [
    ("Prices rose in the fall.", "the fall", "2017-FA"),
    ("Prices rose last fall.", "last fall", "2017-FA"),
    ("The siege has lasted 1,000 days.", "1,000 days", "P1000D"),
    ("Protesters set off Wednesday on a march to the capital.", "Wednesday", "2018-03-21"),
    ("Thousands of protesters set off on Wednesday on a march to the capital, organisers said.",
     "Wednesday", "2018-03-21"),
    ("The talks lasted nearly two years.", "nearly two years", "P2Y"),
    ("The offer, which had expired, was extended through April 5.", "April 5", "2018-04-05"),
    ("The New York Times said in an editorial on Saturday, March 24:", "Saturday, March 24", "2018-03-24"),
    ("Atlanta, nineteen ninety-six. A bomb blast shocks the games.", "nineteen ninety-six", "1996"),
    # a month or season named with a spoken year is one expression
    ("The war ended in May nineteen forty-five.", "May nineteen forty-five", "1945-05"),
    ("Oil fell to levels last seen in the winter of nineteen eighty-six.", "the winter of nineteen eighty-six",
     "1986-WI"),
    ("The company cited current market conditions.", "current", "PRESENT_REF"),
    ("A ruling is expected in the week of April 2.", "the week of April 2", "2018-W14"),
])
def test_audit_classes(times_nlp, text, surface, value):
    found = _times(times_nlp, text)
    assert surface in found, sorted(found)
    assert found[surface].value == value


def test_a_count_before_later_is_a_duration_without_the_signal(times_nlp):
    """TimeBank: "[three days] later", "[a few weeks] later" are durations; "later" stays outside."""
    text = "The rebels took the town on Monday. Three days later, and again a few weeks later, they left it."
    found = _times(times_nlp, text)
    assert found["Three days"].value == "P3D" and found["Three days"].type == "DURATION"
    assert found["a few weeks"].value == "PXW"
    assert not [s for s in found if s.endswith("later")]


def test_a_rate_of_an_amount_is_no_time_but_a_set_adverb_is(times_nlp):
    text = ("The mill turns out 40,000 tonnes a year and its output grows 5% annually; "
            "the board meets annually and inspectors call twice a month.")
    from whimbrel.model import Document
    from whimbrel.pipeline import make_doc

    doc = times_nlp(make_doc(times_nlp, Document(id="t", text=text, published=PUB)))
    found = [(text[t.span[0]:t.span[1]], t.span[0], t.value) for t in doc._.times]
    assert not [f for f in found if f[0] == "a year"]
    assert [f for f in found if f[0] == "annually"] == [("annually", text.index("annually and"), "P1Y")]
    assert ("twice a month", text.index("twice"), "P1M") in found


def test_counted_quarters_are_written_in_quarters(times_nlp):
    found = _times(times_nlp, "The lender lost money in the past two quarters and pays interest every quarter.")
    assert found["the past two quarters"].value == "P2Q"
    assert found["every quarter"].value == "P1Q"


def test_a_month_or_season_after_each_or_every_is_a_set(times_nlp):
    found = _times(times_nlp, "Pilgrims gather each June, and the fair opens every autumn.")
    assert (found["each June"].value, found["each June"].type) == ("XXXX-06", "SET")
    assert (found["every autumn"].value, found["every autumn"].type) == ("XXXX-FA", "SET")


def test_a_quarter_report_compares_with_the_same_quarter_a_year_back(times_nlp):
    text = ("Third-quarter profit rose 19% to $5 million from $4.2 million a year ago. "
            "Revenue in the quarter rose, and year-earlier results included a gain.")
    found = _times(times_nlp, text, dt.date(1989, 10, 26))
    assert found["Third-quarter"].value == "1989-Q3"
    assert found["a year ago"].value == "1988-Q3"
    assert found["the quarter"].value == "1989-Q3"
    assert found["year-earlier"].value == "1988-Q3"


def test_the_same_period_last_year_is_the_reported_period_a_year_back(times_nlp):
    text = ("Second-quarter sales fell to $3 million from $4 million in the corresponding period last year. "
            "Last year's quarter included a gain.")
    found = _times(times_nlp, text, dt.date(1995, 8, 2))
    assert found["the corresponding period last year"].value == "1994-Q2"
    assert found["Last year's quarter"].value == "1994-Q2"
    alone = _times(times_nlp, "Sales were flat in the same period last year.", dt.date(1995, 8, 2))
    assert alone["the same period last year"].value == "1994"


def test_the_period_of_a_named_year_is_that_year_until_a_quarter_is_reported(times_nlp):
    text = "For the nine months, net rose to $9 million from $7 million in the 1993 period."
    assert _times(times_nlp, text, dt.date(1994, 10, 20))["the 1993 period"].value == "1993"
    text = "Third-quarter net rose to $3 million from $2 million in the 1993 period."
    assert _times(times_nlp, text, dt.date(1994, 10, 20))["the 1993 period"].value == "1993-Q3"


def test_a_year_ago_without_a_reported_quarter_counts_from_publication(times_nlp):
    assert _times(times_nlp, "The plant opened a year ago.", dt.date(1989, 10, 26))["a year ago"].value == "1988"


# --- whimbrel eval times on a development corpus pair


def _write_pair(tmp_path):
    text = "Talks ended on Tuesday. They had lasted nearly two years."
    (tmp_path / "mini.input.jsonl").write_text(json.dumps(
        {"id": "d1", "text": text, "published": "2020-11-18"}) + "\n", encoding="utf-8")
    (tmp_path / "mini.gold.jsonl").write_text(json.dumps({"id": "d1", "dct": "2020-11-18", "timexes": [
        {"span": [15, 22], "text": "Tuesday", "value": "2020-11-17", "type": "DATE"},
        {"span": [40, 56], "text": "nearly two years", "value": "P2Y", "type": "DURATION"},
    ]}) + "\n" + json.dumps({"id": "missing", "dct": "2020-11-18", "timexes": []}) + "\n", encoding="utf-8")
    return tmp_path / "mini.gold.jsonl"


def test_eval_reads_the_development_corpus_format(tmp_path, times_nlp):
    path = _write_pair(tmp_path)
    docs, problems = E.read_gold(path)
    assert [d.id for d in docs] == ["d1"] and len(problems) == 1  # the line without an input is reported
    assert docs[0].published == dt.date(2020, 11, 18)
    assert docs[0].times[1][:3] == (40, 56, "P2Y")
    result = E.evaluate(path, nlp=times_nlp)
    s = result["whimbrel"]
    assert (s.n_gold, s.overlap_tp, s.exact_tp, s.value_correct) == (2, 2, 2, 2)
    assert s.value_f1 == pytest.approx(2 * 2 / (s.n_pred + 2))


def test_eval_main_prints_the_issue_table_and_error_classes(tmp_path, times_nlp, capsys):
    path = _write_pair(tmp_path)
    assert E.main(path, nlp=times_nlp) == 0
    out = capsys.readouterr().out
    assert "relaxed span F1" in out and "strict span F1" in out and "value F1" in out


def test_strict_matching_trims_whitespace_and_is_one_to_one():
    gold = [[(0, 8, "a", "DATE"), (10, 14, "b", "DATE")]]
    pred = [[(0, 9, "a", "DATE"), (10, 14, "c", "DATE"), (10, 14, "b", "DATE")]]
    s = E.score(gold, pred, ["Tuesday   next week"])
    assert s.exact_tp == 2 and s.overlap_tp == 2


def test_error_classes_name_kinds_of_mistake_with_one_example():
    text = "Prices fell nearly two years ago and now on Tuesday."

    def at(words, value):
        start = text.index(words)
        return (start, start + len(words), value, "DATE")

    doc = E.GoldDoc("d", text, None, (at("nearly two years ago", "2018"), at("Tuesday", "2020-11-17")))
    pred = [at("two years ago", "2018-11"), at("now", "PRESENT_REF"), at("Tuesday", "2020-11-10")]
    classes = {cls: (n, ex) for cls, n, ex in error_classes([doc], [pred])}
    assert "span: prediction leaves out leading 'nearly'" in classes
    assert "value granularity: 9999 given as 9999-99" in classes
    assert "spurious DATE: 'now'" in classes
    assert "value anchoring: 9999-99-99 earlier than gold" in classes
    assert "[Tuesday]" in classes["value anchoring: 9999-99-99 earlier than gold"][1]


# --- floors on the TimeBank development set (measured minus one point)


@pytest.mark.skipif(not TIMEBANK.exists(), reason="../shared/eval/dev not beside the checkout")
def test_timebank_floors(times_nlp):
    result = E.evaluate(TIMEBANK, nlp=times_nlp)
    s = result["whimbrel"]
    assert s.n_gold == 1822 and result["problems"] == []
    assert s.overlap[2] >= RELAXED_FLOOR
    assert s.exact[2] >= STRICT_FLOOR
    assert s.value_f1 >= VALUE_FLOOR


#: Measured on the TimeBank development set when the floors were last raised, minus one point
#: (whimbrel eval times: strict 88.77 / value 82.05 after "the week of March 6";
#: value 82.00 after "the 1988 period" is the year without a reported quarter;
#: strict 88.72 / value 81.95 after "each July", "every spring" as sets;
#: value 81.89 after counted quarters in quarters (P2Q);
#: strict 88.66 / value 81.84 after "the same period last year", "last year's quarter";
#: relaxed 94.47 / strict 88.55 / value 81.73 after months and seasons with a spoken year;
#: relaxed 94.41 / strict 88.40 / value 81.58 after rates of an amount are no times;
#: value 81.41 / strict 88.26 after "[three days] later" is a duration;
#: value 81.25 after vague counts with "ago" are PAST_REF (relaxed / strict unchanged);
#: value 81.20 after the weekday tenses of round 4 (relaxed / strict unchanged);
#: relaxed 94.2 / strict 88.2 / value 81.0 after "the past year" (was 94.25 / 88.15 /
#: 80.88); the session before: 93.52 / 86.78 /
#: 78.65; before that 92.82 / 86.02 / 77.20; before issue 15: 91.63 / 82.36 / 72.81).
RELAXED_FLOOR, STRICT_FLOOR, VALUE_FLOOR = 0.9345, 0.8775, 0.8105


@pytest.mark.parametrize("published", [dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_new_expressions_at_the_edges_of_the_calendar(times_nlp, published):
    """Issue 17's edge dates: the new readings never fail the stage; a date out of range gives no value."""
    text = ("Third-quarter profit fell from a year ago. In the quarter, this year's first quarter and "
            "January this year, the year ended in June; earlier that day, on Saturday, March 24, "
            "sales fell until Nov. 20 and in the fall.")
    found = _times(times_nlp, text, published)
    assert "Third-quarter" in found and "Saturday, March 24" in found
    edge = _times(times_nlp, "Sales will rise in next year's first quarter and in January next year.", published)
    for t in edge.values():
        assert t.value is None or not t.value[:5].isdigit()  # never a five-digit year
