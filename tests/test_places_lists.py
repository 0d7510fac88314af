"""Places the context decides: names in a list with a place, a name qualified by its country
after a comma, and place-tagged names no gazetteer entry has. Sentences written for these tests."""
from __future__ import annotations

import pytest

from whimbrel.stages.places import pending as PE
from whimbrel.stages.places.api import gazetteer
from whimbrel.stages.places.gazetteer import normalize
from whimbrel.stages.places.mentions import Mention


def _places(nlp, text):
    return [text[p.span[0]:p.span[1]] for p in nlp(text)._.places]


def test_untagged_provinces_in_a_list_with_a_place_are_places(nlp):
    text = ("Poultry in the following counties has to be kept indoors: Rogaland, Vestfold, Buskerud, "
            "Telemark, Akershus, Oslo and Hedmark.")
    doc = nlp(text)
    assert not any("Buskerud" in e.text for e in doc.ents)  # the model leaves it untagged
    assert {"Vestfold", "Buskerud", "Telemark"} <= set(_places(nlp, text))


@pytest.mark.parametrize("qualifier,kept", [("Russia", True), ("France", False)])
def test_a_name_qualified_by_its_country_after_a_comma_is_a_place(nlp, qualifier, kept):
    """"Krasnodar, Russia officials said" (Krasnodar tagged ORG): the comma and a country
    that holds one of the name's readings make it that place; a country that holds none does not."""
    gaz = gazetteer()
    doc = nlp.make_doc(f"Krasnodar , {qualifier} officials said")
    m = Mention(0, 1, "Krasnodar", "ORG", gaz.lookup("Krasnodar"), normalize("Krasnodar"))
    q = Mention(2, 3, qualifier, "GPE", gaz.lookup(qualifier), normalize(qualifier))
    pend = PE._Pending(doc, None, {2}, None, frozenset(), frozenset(), {2: q})
    assert PE._qualified_by_a_place(pend, m, doc[0], [doc[0]]) is kept
    if kept:
        assert m.hits and all(h.entry.cc == "RU" for h in m.hits)


@pytest.mark.parametrize("text,name", [
    ("Harden had been ill for a week before she died.", "Harden"),
    ("Zhvania had joined the Green Party before the election.", "Zhvania"),
])
def test_an_unknown_name_tagged_gpe_without_place_context_is_no_place(nlp, text, name):
    """The small model tags people GPE; a name no gazetteer entry has, in no place slot and
    with no place word, is not kept."""
    doc = nlp(text)
    assert any(e.text == name and e.label_ == "GPE" for e in doc.ents)  # the case this rule is for
    assert name not in _places(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("Officials confirmed the outbreak in the village of Pongpongaro on Monday.", "Pongpongaro"),
])
def test_an_unknown_name_in_a_place_slot_stays_a_place(nlp, text, name):
    assert name in _places(nlp, text)


def test_untagged_names_joined_by_and_before_a_province_noun_are_both_places(nlp):
    """A run "Manicaland and Midlands" the gazetteer does not know whole coordinates two names;
    together they modify "provinces", so both are the provinces."""
    text = "Drought has hit the Matabeleland South, Manicaland and Midlands provinces hardest."
    doc = nlp(text)
    assert not any("Manicaland" in e.text or "Midlands" in e.text for e in doc.ents)  # untagged
    found = {text[p.span[0]:p.span[1]]: p for p in doc._.places}
    assert {"Manicaland", "Midlands"} <= set(found)
    assert found["Midlands"].country == "ZWE" and found["Midlands"].feature == "adm1"


def test_a_name_known_whole_with_and_stays_one_place(nlp):
    text = "Flights to Trinidad and Tobago resumed on Friday."
    assert "Trinidad and Tobago" in _places(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("Farmers across the provinces of Masvingo province lost their maize.", "Masvingo"),
])
def test_a_name_before_a_division_word_is_that_division_whatever_its_label(nlp, text, name):
    """"Masvingo province" with Masvingo tagged PRODUCT: the division word makes it a place."""
    doc = nlp(text)
    assert any(e.text == name and e.label_ not in ("GPE", "LOC", "FAC") for e in doc.ents)  # mislabelled
    assert name in _places(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("The WHO stated that the outbreak was over.", "WHO"),       # a verb 'state' is no division word
    ("The Sparks police department said two men were held.", "Sparks"),  # nor an office's 'department'
])
def test_a_verb_or_an_office_after_a_name_makes_no_division(nlp, text, name):
    assert name not in _places(nlp, text)


def test_a_known_name_listed_with_places_is_a_place_whatever_its_label(nlp):
    """"Migori" tagged PRODUCT in a list whose other members the model tags as places."""
    text = "Floods hit Homa Bay, Kisumu, Siaya and Migori on Sunday."
    doc = nlp(text)
    assert any(e.text == "Migori" and e.label_ not in ("GPE", "LOC", "FAC") for e in doc.ents)  # mislabelled
    assert "Migori" in _places(nlp, text)


def test_a_list_of_people_makes_no_place_of_a_name_in_it(nlp):
    text = "Ms Ann Smith, John Baker and Paris Jackson spoke at the rally in London."
    assert _places(nlp, text) == ["London"]


def test_a_place_a_disease_is_named_after_stays_a_place_where_its_state_qualifies_it(nlp):
    """The document names a disease after the town ("the Reston virus"), yet "Reston, Virginia"
    is the town; its bare mention before the disease noun stays the disease."""
    text = ("Lab monkeys were flown to Reston, Virginia, in 1989. "
            "Weeks later the Reston virus was found in them.")
    found = [(text[p.span[0]:p.span[1]], p.span[0]) for p in nlp(text)._.places]
    assert ("Reston", text.index("Reston")) in found
    assert ("Reston", text.index("Reston virus")) not in found


def test_a_name_placed_by_a_comma_and_in_county_state_is_the_town_there(nlp):
    """"Madison, in Jefferson County, Indiana" (Madison tagged PERSON): the town of that state."""
    text = "Madison, in Jefferson County, Indiana, was flooded on Monday."
    places = {text[p.span[0]:p.span[1]]: p for p in nlp(text)._.places}
    assert "Madison" in places
    madison = places["Madison"]
    assert madison.country == "USA" and 37.7 < madison.lat < 41.8 and -88.1 < madison.lon < -84.8  # in Indiana


def test_a_well_known_city_tagged_product_is_pending_like_an_org(nlp):
    """"in a Winnipeg jail" (Winnipeg tagged PRODUCT): a city naming the setting of a common noun."""
    text = "The suspect spent the night in a Winnipeg jail."
    doc = nlp(text)
    assert any(e.text == "Winnipeg" and e.label_ == "PRODUCT" for e in doc.ents)  # the case of this rule
    assert "Winnipeg" in _places(nlp, text)


@pytest.mark.parametrize("text,name", [
    ("The cyclone battered a long stretch of Java's northern coast.", "Java"),  # tagged PERSON
    ("Flooding hit Mombasa's northern suburbs.", "Mombasa"),                    # tagged ORG
])
def test_the_owner_of_a_part_of_a_territory_is_a_place(nlp, text, name):
    doc = nlp(text)
    assert any(e.text == name and e.label_ in ("PERSON", "ORG") for e in doc.ents)  # the case of this rule
    assert name in _places(nlp, text)
