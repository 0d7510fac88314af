"""Attribution rules added for PolNeAR-style corpora: one test per rule, with sentences written for whimbrel."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from whimbrel.evaluation import statements as ev

FIXTURES = Path(__file__).parent / "fixtures"


def found(nlp, text):
    """(cue text, content text, speaker-span text) of each statement, in order."""
    doc = nlp(text)
    sl = lambda s: text[s[0]:s[1]] if s else None  # noqa: E731
    return [(sl(s.cue_span), sl(s.content_span), sl(s.speaker_span)) for s in doc._.statements]


RULES = [
    # anonymous and unresolved sources keep their phrase as speaker span (speaker null)
    ("Two sources close to the negotiations said the ceasefire would start at midnight.",
     [("said", "the ceasefire would start at midnight", "Two sources")]),
    # a belief cue with an infinitive: the hope is what is attributed
    ("The mediators hoped to conclude the agreement within a week.",
     [("hoped", "to conclude the agreement within a week", None)]),
    # appeal cues: "urged X to ...", the content opening at the object the appeal is made of
    ("The bishops urged the rival factions to lay down their weapons.",
     [("urged", "the rival factions to lay down their weapons", "The bishops")]),
    # phrasal cues: "called for NP", "called on X to ..."
    ("The union called for a general strike.",
     [("called for", "a general strike", "The union")]),
    ("The senator called on the administration to release the report.",
     [("called on", "the administration to release the report", "The senator")]),
    # a that-clause the parser hangs off an adjunct noun
    ("The ministry confirmed in a brief statement that the ambassador had been recalled.",
     [("confirmed", "that the ambassador had been recalled", "The ministry")]),
    # estimates are attributions
    ("The central bank estimated that inflation would peak in the spring.",
     [("estimated", "that inflation would peak in the spring", "The central bank")]),
    # "accused X of Y" with "of" parsed under the object: the one accused opens the content
    ("She accused the mayor of hiding the audit from the council.",
     [("accused", "the mayor of hiding the audit from the council", "She")]),
    # "it was reported that": a placeholder subject names no source
    ("It was reported that the convoy had crossed the border.",
     [("reported", "that the convoy had crossed the border", None)]),
    # a partial quotation inside indirect content keeps both marks
    ('The coach said his team had shown "real character" on the road.',
     [("said", 'his team had shown "real character" on the road', "The coach")]),
]


@pytest.mark.parametrize("text,expected", RULES, ids=lambda x: x[:40] if isinstance(x, str) else "")
def test_rule(nlp, text, expected):
    got = found(nlp, text)
    # the speaker span is compared only where the expectation names one
    assert [(c, t) for c, t, _ in got] == [(c, t) for c, t, _ in expected]
    for (_, _, g), (_, _, e) in zip(got, expected):
        if e is not None:
            assert g == e


def test_passive_raising_names_no_holder(nlp):
    # "X is expected to" reports nobody's expectation: no cue of its own and no speaker. PolNeAR
    # annotates the whole clause as an attribution with no source (84% of "be expected to" on its
    # training split), so under its convention it is a speakerless candidate the model judges
    # (stages/statements/raising.py); the subject is what the content is about, never the speaker
    assert found(nlp, "The president is expected to sign the bill on Friday.") in (
        [], [("expected", "The president is expected to sign the bill on Friday", None)])
    assert found(nlp, "The suspect is believed to have fled abroad.") == []


def test_somebody_names_no_source(nlp):
    (s,) = nlp("Somebody said that the bridge had collapsed.")._.statements
    assert (s.speaker, s.speaker_span) == (None, None)


def test_lemmatizer_slip_still_finds_cue(nlp):
    # the statistical lemmatizer may give "hop" for "hoped"; regular inflection recovers "hope"
    got = found(nlp, "The governor hoped the strike would end soon.")
    assert ("hoped", "the strike would end soon") in [(c, t) for c, t, _ in got]


def test_nested_attribution(nlp):
    # PolNeAR's convention: the report inside the reported clause is the minister's content, not a
    # second attribution (polnear_train: 9 of 89 such inner candidates annotated; st62)
    text = "The minister said the envoy had told him that the talks were over."
    got = [(c, t) for c, t, _ in found(nlp, text)]
    assert ("said", "the envoy had told him that the talks were over") in got
    assert "told" not in [c for c, _ in got]


def test_coordinated_cue_leaves_the_complement(nlp):
    # "said it believed X and called for Y": the appeal is the speaker's second act
    # (the belief inside the reported clause is the party's reported content, not a second attribution)
    text = "The party said it believed the count had been manipulated and called for a recount."
    got = [(c, t) for c, t, _ in found(nlp, text)]
    assert ("said", "it believed the count had been manipulated") in got
    assert ("called for", "a recount") in got


def test_backshifted_coordination(nlp):
    # a bare past verb cannot share "would": it is the speaker's next act
    text = "The agency confirmed that the flights would resume on Monday but gave no reason."
    got = [(c, t) for c, t, _ in found(nlp, text)]
    assert got == [("confirmed", "that the flights would resume on Monday")]


def test_reporter_comment_appositive(nlp):
    text = "He said the army had shelled the village, a claim that could not be verified."
    assert [(c, t) for c, t, _ in found(nlp, text)] == [("said", "the army had shelled the village")]


def test_interrupted_that_clause(nlp):
    text = "The envoy acknowledged, however, that the sanctions had failed."
    assert [(c, t) for c, t, _ in found(nlp, text)] == [("acknowledged", "that the sanctions had failed")]


def test_sentence_initial_according_to(nlp):
    text = "According to the police, three men hired through an online forum were paid to start the fire."
    got = found(nlp, text)
    assert [(c, t) for c, t, _ in got] == [
        ("According to", "three men hired through an online forum were paid to start the fire")]


def test_dateline_is_not_content(nlp):
    text = "Summit ends without deal\n\nGENEVA - The talks ended without agreement, a spokesman said."
    got = [(c, t) for c, t, _ in found(nlp, text)]
    assert ("said", "The talks ended without agreement") in got


def test_headline_anonymous_source(nlp):
    text = "Talks near collapse, sources say\n\nThe talks were close to collapse on Friday."
    doc = nlp(text)
    heads = [s for s in doc._.statements if s.kind == "headline"]
    assert heads and text[slice(*heads[0].speaker_span)] == "sources"


# --- the evaluation module ------------------------------------------------------------
def test_overlap_match_needs_half_of_longer_span():
    assert ev.overlap_match((0, 10), (0, 6))
    assert not ev.overlap_match((0, 10), (0, 4))


def test_scores_count_exact_overlap_cue_and_source():
    gold = [ev.Attribution((0, 10), (12, 16), (20, 25)), ev.Attribution((30, 40), (41, 45), None)]
    pred = [ev.Attribution((0, 10), (12, 16), None), ev.Attribution((30, 38), (41, 45), None),
            ev.Attribution((50, 60), None, None)]
    sc = ev.score([gold], [pred])
    assert (sc.n_gold, sc.n_pred, sc.exact_tp, sc.overlap_tp) == (2, 3, 1, 2)
    assert (sc.cue_correct, sc.source_correct) == (2, 1)


def test_read_gold_skips_bad_lines(tmp_path):
    p = tmp_path / "g.jsonl"
    p.write_text(json.dumps({"id": "a", "text": "He said no.", "attributions": [
        {"content": [8, 10], "cue": [3, 7], "source": [0, 2]},
        {"content": [5, 99], "cue": None, "source": None}]}) + "\nnot json\n", encoding="utf-8")
    docs, problems = ev.read_gold(p)
    assert len(docs) == 1 and len(docs[0].attributions) == 1
    assert len(problems) == 2


def test_eval_command_on_the_fixture(nlp, capsys):
    assert ev.main(FIXTURES / "statements_heldout.jsonl", nlp=nlp) == 0
    out = capsys.readouterr().out
    assert "content overlap F1" in out and "textacy" in out


def test_fixture_gold_matches_its_source():
    # the JSONL is built from the YAML; every content span must read as annotated
    for name in ("statements_gold", "statements_heldout", "statements_heldout2"):
        for line in (FIXTURES / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            for a in d["attributions"]:
                assert d["text"][slice(*a["content"])] == a["content_text"]


# --- rules added after the second held-out set (statements_heldout2); sentences written for these tests


def test_evidential_cues_with_a_that_clause(nlp):
    # an audit, poll or court reports a finding in a clausal complement
    assert found(nlp, "The audit found that the agency had overpaid contractors by millions.") == [
        ("found", "that the agency had overpaid contractors by millions", "The audit")]
    got = found(nlp, "The judges ruled that the law violated the right to free speech.")
    assert [(c, x) for c, x, _ in got] == [("ruled", "that the law violated the right to free speech")]


def test_evidential_cue_without_clause_is_not_attribution(nlp):
    # "showed reporters the new bridge": no clausal complement, nothing reported
    assert found(nlp, "The minister showed reporters the new bridge.") == []


def test_according_to_a_document(nlp):
    # documents, polls and rulings are sources of "according to"
    assert found(nlp, "According to the indictment, the mayor accepted cash from two developers.") == [
        ("According to", "the mayor accepted cash from two developers", "the indictment")]


@pytest.mark.parametrize("text,content", [
    ("Turnout fell to a record low, according to a survey published on Monday, "
     "a decline organisers blamed on the heat.", "Turnout fell to a record low"),
    ("Wages rose sharply last year, according to a study released on Friday, "
     "a rise unions credited to the strikes.", "Wages rose sharply last year"),
])
def test_according_to_leaves_out_trailing_appositive(nlp, text, content):
    # the reporter's appositive after "according to X" comments on the clause; it is not the content
    got = found(nlp, text)
    assert [(c, x) for c, x, _ in got] == [("according to", content)]


def test_partial_quote_keeps_closing_mark_hung_from_the_cue(nlp):
    # the parser hangs the closing mark from the main verb; the partial quotation keeps both marks
    text = 'The senator suggested in a speech to donors that his opponents were "trying to buy the election".'
    assert found(nlp, text) == [
        ("suggested", 'that his opponents were "trying to buy the election"', "The senator")]



def test_person_in_a_modifier_is_not_the_speaker(nlp):
    # "Avery's campaign manager", "a senior Avery aide": the named person employs the speaker
    text = ("Senator Tom Avery toured the plant on Monday. Avery's campaign manager, Rachel Obi, "
            "argued that the poll was flawed. A senior Avery aide said the campaign would appeal.")
    assert [s for _, _, s in found(nlp, text)] == ["Rachel Obi", "A senior Avery aide"]


def test_elliptical_subject_names_a_source(nlp):
    # "the other [diplomat] said": the adjective stands for the elided noun
    text = "Two diplomats briefed reporters. One said the talks had stalled. The other said a deal was close."
    assert found(nlp, text) == [("said", "the talks had stalled", "One"),
                                ("said", "a deal was close", "The other")]


@pytest.mark.parametrize("text", [
    "It is too early to say whether the ceasefire will hold.",
    "The ruling made it hard to predict whether the justices would intervene.",
])
def test_impersonal_adjective_infinitive_is_not_attribution(nlp, text):
    # "too early to say", "hard to predict": nobody is reported as saying or predicting
    assert found(nlp, text) == []


def test_personal_adjective_infinitive_stays_attribution(nlp):
    # "quick to say that": the minister did say it
    got = found(nlp, "The minister was quick to say that the report was wrong.")
    assert [(c, x) for c, x, _ in got] == [("say", "that the report was wrong")]


def test_quote_ending_its_sentence_takes_no_cue_from_the_next(nlp):
    # a partial quotation closing the sentence with its full stop; "She said" opens a new report
    text = 'The mayor called the plan "a reckless gamble." She said the city could not afford it.'
    got = found(nlp, text)
    assert ("said", "the city could not afford it", "She") in got
    # the partial quotation is the mayor's judgement (naming verb "called"), never credited to "She said"
    assert [(c, s) for c, x, s in got if "reckless" in x] == [("called", "The mayor")]


def test_according_to_a_measure_of_an_actor_is_not_attribution(nlp):
    # "according to the race of their residents": the residents are measured, they inform nobody
    text = ("Lawmakers diluted the voting power of Black residents. Greer said map drawers had moved "
            "precincts block by block according to the race of their residents.")
    assert [c for c, _, _ in found(nlp, text)] == ["said"]


def test_according_to_an_office_holder_of_an_organisation(nlp):
    # "according to a member of the committee": a post "of" an organisation is a source
    got = found(nlp, "Turnout was low in the north, according to a member of the election committee.")
    assert [(c, x) for c, x, _ in got] == [("according to", "Turnout was low in the north")]


@pytest.mark.parametrize("text,content", [
    ('The union accused the company of "gambling with jobs" in the north.', '"gambling with jobs" in the north'),
    ('The party said \u201ctax cuts for the rich\u201d were a mistake.', '\u201ctax cuts for the rich\u201d were a mistake'),
])
def test_partial_quote_at_content_start_keeps_opening_mark(nlp, text, content):
    # a partial quotation opening the content keeps both its marks
    assert [x for _, x, _ in found(nlp, text)] == [content]


def test_quotes_signed_with_a_dash_and_a_name(nlp):
    # a collection of quotes, each signed on its line with a dash and the speaker's name; the
    # first opens with a closing mark typed at the line's start
    text = ("Voters told us what they think.\n\n"
            "\u201dThe plan is a disaster for working families. It will fail.\u201d \u2015 Maria Lopez\n"
            "\u201cWe deserve a better choice than this one, and we will say so.\u201d\u2015 Tom Reyes\u00a0\n")
    got = [(c, x, s) for c, x, s in found(nlp, text) if c == "\u2015"]
    assert got == [("\u2015", "The plan is a disaster for working families. It will fail", "Maria Lopez"),
                   ("\u2015", "We deserve a better choice than this one, and we will say so", "Tom Reyes")]


@pytest.mark.parametrize("text,content", [
    ("The council criticized the mayor for closing the shelter.", "the mayor for closing the shelter"),
    ("The president urged Congress to pass the budget.", "Congress to pass the budget"),
    # an addressee before a that-clause is not reported
    ("The coach told reporters that the team would win.", "that the team would win"),
])
def test_content_opens_at_the_object_a_complement_is_said_of(nlp, text, content):
    assert content in [x for _, x, _ in found(nlp, text)]


@pytest.mark.parametrize("text,content", [
    # a trailing attribution reports its whole sentence, whichever conjunct the parser hangs it from
    ("The convoy was supposed to be escorted by the police, but the guards drove it away early, "
     "a source said.",
     "The convoy was supposed to be escorted by the police, but the guards drove it away early"),
    # an attribution set off by commas inside its sentence reports the sentence around it
    ("Though the first change was smooth, he said, replacing the chairman now would be much harder.",
     "Though the first change was smooth, he said, replacing the chairman now would be much harder"),
])
def test_attribution_clause_reports_its_whole_sentence(nlp, text, content):
    assert content in [x for _, x, _ in found(nlp, text)]


def test_dateline_with_a_horizontal_bar_is_not_content(nlp):
    text = "WASHINGTON \u2015 The trade talks have collapsed for the second time this year, officials said Friday."
    assert "The trade talks have collapsed for the second time this year" in [x for _, x, _ in found(nlp, text)]
