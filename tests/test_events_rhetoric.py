"""Issue 13, round 2: verbal events of political rhetoric as classes, on sentences written for
these tests (none taken from an evaluation set): naming a party something ("called X a Y"),
the sharp verbs and phrasal verbs of attack, allegations by "claim that", rebuttals, and
interview questions that are no requests."""
from __future__ import annotations

import pytest

from whimbrel.stages.events import vocab


def events_of(nlp, text):
    doc = nlp(text)
    names = {a.id: a.name for a in (*doc._.actors, *doc._.event_actors)}
    return [(e.event, text[e.trigger[0]:e.trigger[1]], [names[i] for i in e.actor],
             [names[i] for i in e.recipient]) for e in doc._.events]


def of_type(evs, etype):
    return [e for e in evs if e[0] == etype]


@pytest.mark.parametrize("text,recipient", [
    ("Senator Elizabeth Warren called Mitt Romney a coward on Friday.", "Mitt Romney"),
    ("Governor Andrew Cuomo described Mayor Bill de Blasio as incompetent.", "Bill de Blasio"),
    ("Senator Tom Cotton branded Senator Chuck Schumer a hypocrite.", "Chuck Schumer"),
])
def test_naming_a_party_something_is_an_accusation_with_that_party_as_recipient(nlp, text, recipient):
    evs = of_type(events_of(nlp, text), "ACCUSE")
    assert evs, events_of(nlp, text)
    assert any(recipient in r for e in evs for r in e[3]), evs


def test_a_time_phrase_with_on_does_not_make_naming_a_call_on_someone(nlp):
    """"called X a Y on Sunday" names X; it is no "call on" (REQUEST)."""
    evs = events_of(nlp, "Senator Lindsey Graham called Ted Cruz a liar on Sunday.")
    assert of_type(evs, "ACCUSE")
    assert not of_type(evs, "REQUEST")


def test_calling_for_something_stays_a_request(nlp):
    evs = events_of(nlp, "Senator Rand Paul called for an end to the surveillance program.")
    assert of_type(evs, "REQUEST") and not of_type(evs, "ACCUSE")


@pytest.mark.parametrize("text,trigger", [
    ("Senator Chuck Schumer blasted the Pentagon for the delay.", "blasted"),
    ("Governor Chris Christie lashed out at Senator Rand Paul.", "lashed"),
    ("Mayor Eric Garcetti spoke out against the governor's plan.", "spoke"),
    ("Senator Ted Cruz questioned the integrity of Jeb Bush.", "questioned"),
    ("Jeb Bush claimed that Donald Trump had lied about his record.", "claimed"),
])
def test_rhetorical_attacks_are_accusations(nlp, text, trigger):
    evs = of_type(events_of(nlp, text), "ACCUSE")
    assert any(e[1].startswith(trigger) for e in evs), events_of(nlp, text)


@pytest.mark.parametrize("text", [
    "The rebels claimed responsibility for the attack.",
    "The company took on new debt last year.",
    "The lawyer questioned the witness for two hours.",
])
def test_the_same_verbs_in_other_senses_are_no_accusation(nlp, text):
    assert not of_type(events_of(nlp, text), "ACCUSE"), events_of(nlp, text)


@pytest.mark.parametrize("text,trigger", [
    ("Prime Minister Boris Johnson pushed back against critics of the deal.", "pushed"),
    ("The foreign minister stood by his remarks about the border.", "stood"),
])
def test_rebuttals_are_rejections(nlp, text, trigger):
    evs = of_type(events_of(nlp, text), "REJECT")
    assert any(e[1].startswith(trigger) for e in evs), events_of(nlp, text)


def test_a_question_put_to_a_candidate_is_no_request_nor_attack(nlp):
    evs = events_of(nlp, "Donald Trump was pressed on why he had praised the Russian leader.")
    assert not [e for e in evs if e[1] == "pressed"], evs


def test_pressing_a_party_to_act_stays_a_request(nlp):
    evs = events_of(nlp, "The United States pressed Iran to release the sailors.")
    assert [e for e in of_type(evs, "REQUEST") if e[1] == "pressed"], evs


def test_predicate_constraint_is_validated_lexicon_data():
    lex = vocab.load()
    entries = [e for e in lex.entries("call", "verb") if e.predicate]
    assert entries and all(e.event == "ACCUSE" for e in entries)
    # naming is more specific than a bare preposition ("call on")
    on = [e for e in lex.entries("call", "verb") if "on" in e.prep]
    assert on and entries[0].specificity > on[0].specificity


def test_whose_criticism_belongs_to_the_noun_the_relative_clause_modifies(nlp):
    evs = of_type(events_of(nlp, "Chancellor Angela Merkel, whose criticism of Viktor Orban has grown, "
                                 "spoke in Berlin."), "ACCUSE")
    assert evs and any("Angela Merkel" in a for a in evs[0][2]), evs


@pytest.mark.parametrize("text,etype,giver", [
    ("The Hungarian plan drew sharp criticism from Chancellor Angela Merkel.", "ACCUSE", "Angela Merkel"),
    ("The Kenyan president earned Ban Ki-moon's praise for the deal.", "SUPPORT", "Ban Ki-moon"),
])
def test_verbs_of_attracting_take_the_giver_as_actor(nlp, text, etype, giver):
    evs = events_of(nlp, text)
    found = of_type(evs, etype)
    assert found and any(giver in a for a in found[0][2]), evs


def test_police_summoned_to_a_place_is_no_call_on_anyone(nlp):
    evs = events_of(nlp, "Officers were called to a motel on Route 9 to check on a guest.")
    assert not [e for e in of_type(evs, "REQUEST") if e[1] == "called"], evs


def test_calling_on_a_party_to_act_stays_a_request(nlp):
    evs = events_of(nlp, "The European Union called on Russia to withdraw its troops.")
    assert [e for e in of_type(evs, "REQUEST") if e[1].startswith("called")], evs


@pytest.mark.parametrize("text,speaker,target", [
    ("Senator Tom Cotton said that Chuck Schumer is a liar.", "Tom Cotton", "Chuck Schumer"),
    ("Governor Chris Christie told reporters that Senator Rand Paul was incompetent.", "Chris Christie", "Rand Paul"),
    ("“Senator Ted Cruz is a coward,” Governor John Kasich said on Monday.", "John Kasich", "Ted Cruz"),
    # a negating prefix on a praised quality ("fit") disparages as much as a negative word
    ("Senator Tom Cotton said that Chuck Schumer is unfit to lead the Senate.", "Tom Cotton", "Chuck Schumer"),
    # insults VADER's general lexicon lacks
    ("Senator Tom Cotton said that Chuck Schumer is a demagogue.", "Tom Cotton", "Chuck Schumer"),
    # where the speaker says the party ought to be
    ("Senator Tom Cotton said that Chuck Schumer should be in jail.", "Tom Cotton", "Chuck Schumer"),
    # an extraposed judgement of the party's act
    ("Senator Tom Cotton said it was inappropriate for Chuck Schumer to attack the judge.", "Tom Cotton",
     "Chuck Schumer"),
])
def test_a_speakers_disparaging_predication_of_a_party_is_an_accusation(nlp, text, speaker, target):
    """PLOVER: criticism of a party inside a statement is the speaker's ACCUSE of it, with no verb of criticism."""
    evs = of_type(events_of(nlp, text), "ACCUSE")
    assert any(speaker in a for e in evs for a in e[2]) and any(target in r for e in evs for r in e[3]), \
        events_of(nlp, text)


@pytest.mark.parametrize("text", [
    "Senator Tom Cotton said that Chuck Schumer's killer is in prison.",  # an agent noun's owner is its victim
    "Chuck Schumer is a liar.",  # no speaker
    "Senator Tom Cotton said that Chuck Schumer is not a liar.",
    "Senator Tom Cotton said that Chuck Schumer is in jail.",  # where he is, not where he ought to be
    "Senator Tom Cotton said that if Chuck Schumer were a bigot he would have lost.",  # a supposition
    "Senator Tom Cotton said it will be difficult for Chuck Schumer to win.",  # judges the task
])
def test_no_accusation_without_a_speaker_disparaging_the_party(nlp, text):
    evs = of_type(events_of(nlp, text), "ACCUSE")
    assert not any("Chuck Schumer" in r for e in evs for r in e[3]), evs


@pytest.mark.parametrize("text,recipient", [
    ("\"It's nonsense,\" Senator John McCain said on Sunday.", None),
    ("\"That is simply not true,\" Governor Jerry Brown told reporters.", None),
    ("Senator Bernie Sanders said Hillary Clinton's claims are baseless.", "Hillary Clinton"),
])
def test_declaring_a_claim_false_rejects_it(nlp, text, recipient):
    """A speaker declaring what was said false rejects it (REJECT); the claim's owner receives."""
    evs = of_type(events_of(nlp, text), "REJECT")
    assert evs, events_of(nlp, text)
    assert recipient is None or any(recipient in r for r in evs[0][3]), evs


@pytest.mark.parametrize("text", [
    "\"It is ridiculous that the state pays for this,\" Governor Jerry Brown said.",
    "Governor Jerry Brown said he admires somebody that is not politically correct.",
    "Senator Bernie Sanders said the report is accurate.",
])
def test_judgements_that_deny_no_claim_are_no_rejections(nlp, text):
    assert not of_type(events_of(nlp, text), "REJECT"), events_of(nlp, text)


@pytest.mark.parametrize("text,actor", [
    ("Governor Jerry Brown has faced sharp criticism over the water plan.", None),
    ("Senator Ted Cruz faced criticism from Senator John McCain for the shutdown.", "John McCain"),
])
def test_criticism_faced_is_received_by_the_subject(nlp, text, actor):
    """"X has faced criticism (from Y)": criticism of X, by Y or by critics not named."""
    evs = of_type(events_of(nlp, text), "ACCUSE")
    assert evs, events_of(nlp, text)
    target = "Jerry Brown" if "Brown" in text else "Ted Cruz"
    assert any(target in r for r in evs[0][3]) and not any(target in a for a in evs[0][2]), evs
    assert actor is None or any(actor.lower() in a.lower() for a in evs[0][2]), evs


@pytest.mark.parametrize("text", [
    "“I'm not a crook,” Senator Ted Cruz said on Monday.",
    "Senator Ted Cruz told reporters that he is not a liar.",
    "“We are not terrorists,” the Hamas spokesman Sami Abu Zuhri said.",
])
def test_a_speaker_denying_a_disparaging_predication_of_themselves_rejects_it(nlp, text):
    """PLOVER's REJECT covers denials of accusations: a speaker's negated insult of themselves."""
    assert of_type(events_of(nlp, text), "REJECT"), events_of(nlp, text)


@pytest.mark.parametrize("text", [
    "“I am not that cynical,” Senator Ted Cruz said.",  # a degree, no charge denied
    "Senator Ted Cruz said that Donald Trump is not a liar.",  # not the speaker himself
    "“Are we not tough enough?” Senator Ted Cruz asked.",
])
def test_graded_or_others_qualities_denied_are_no_rejections(nlp, text):
    assert not of_type(events_of(nlp, text), "REJECT"), events_of(nlp, text)
