"""Issue 13, full precision on real news: who acts and who receives, on sentences written for
these tests (none taken from an evaluation set)."""
from __future__ import annotations


def _events(nlp, text):
    doc = nlp(text)
    actors = {a.id: a for a in (*doc._.actors, *doc._.event_actors)}
    return doc, actors


def test_an_untyped_name_as_passive_subject_is_the_one_the_act_befalls(nlp):
    """A name the recogniser leaves untyped as a passive subject ("Hubbins was arrested") is an
    implied party in its own words; a capitalised common noun at a sentence's start is none."""
    text = "The stolen car belonged to Tillman, police said. Tillman was arrested at his home on Monday."
    doc, actors = _events(nlp, text)
    at = text.index("Tillman was")
    ev = next(e for e in doc._.events if e.event == "COERCE")
    assert ev.actor == () and len(ev.recipient) == 1, ev.why
    assert actors[ev.recipient[0]].mentions == ((at, at + len("Tillman")),)
    doc, actors = _events(nlp, "Aid was seized by the militia at the border.")
    ev = next(e for e in doc._.events if e.event in ("COERCE", "ASSAULT"))
    assert not [a for i in ev.recipient for a in [actors[i]] if a.name == "Aid"]
