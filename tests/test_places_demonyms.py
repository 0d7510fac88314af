"""Places: demonyms as toponyms (TR-News's convention, ``settings.yaml``'s ``demonym_places``),
names the model tags NORP, one reading per qualified name, a division over its namesake city.

Sentences are written for these tests.
"""
from __future__ import annotations

import dataclasses

import pytest

from whimbrel.stages.places import vocab as vocab_mod
from whimbrel.stages.places.api import gazetteer
from whimbrel.stages.places.component import extract


def _places(nlp, text):
    doc = nlp(text)
    return doc, [(text[p.span[0]:p.span[1]], p) for p in doc._.places]


@pytest.mark.parametrize("text,surface,country", [
    ("Russian diplomats left the meeting early.", "Russian", "RUS"),
    ("Iranian officials denied the report.", "Iranian", "IRN"),
    ("The South African government said nothing.", "South African", "ZAF"),
])
def test_a_country_adjective_is_the_country(nlp, text, surface, country):
    _, got = _places(nlp, text)
    hits = [p for s, p in got if s == surface]
    assert hits, got
    assert hits[0].country == country and hits[0].feature == "country" and hits[0].lat is not None


def test_a_region_adjective_is_no_place_and_a_longer_one_is_not_its_last_word(nlp):
    """Off by default (``region_demonym_places``: GeoVirus marks 2 of 58, TR-News 9 of 14)."""
    text = "European leaders met North American delegates in Geneva."
    doc, got = _places(nlp, text)
    assert [s for s, _ in got] == ["Geneva"]
    vocab = vocab_mod.load()
    on = dataclasses.replace(vocab, settings=dataclasses.replace(vocab.settings, region_demonym_places=True))
    names = {text[p.span[0]:p.span[1]]: p.name for p in extract(doc, on, gazetteer())}
    assert names.get("European") == "Europe"
    assert names.get("North American") == "North America" and "American" not in names


@pytest.mark.parametrize("text,surface", [
    ("The Cubans protested outside the embassy.", "Cubans"),        # people, not a place
    ("She wrote for the Canadian Press for a decade.", "Canadian"),  # inside an organisation's name
    ("He ordered french fries.", "french"),                        # lower case
    ("The gunman shouted in Turkish before he fired.", "Turkish"),  # a language
])
def test_what_is_no_demonym_place(nlp, text, surface):
    _, got = _places(nlp, text)
    assert all(surface not in s for s, _ in got), got


def test_a_demonym_says_whose_not_where(nlp):
    """"Russian jets bombed the town": the event is not located in Russia."""
    from whimbrel.stages.places.api import place_at

    text = "Russian jets bombed the town."
    doc = nlp(text)
    assert any(text[p.span[0]:p.span[1]] == "Russian" for p in doc._.places)
    assert place_at(doc, 0) is None


def test_demonyms_off_reads_no_demonym(nlp):
    vocab = vocab_mod.load()
    off = dataclasses.replace(vocab, settings=dataclasses.replace(vocab.settings, demonym_places=False))
    text = "Russian diplomats met Iranian officials in Geneva."
    doc = nlp(text)
    spans = [text[p.span[0]:p.span[1]] for p in extract(doc, off, gazetteer())]
    assert spans == ["Geneva"]


def test_a_big_city_tagged_as_a_people_is_the_city(nlp):
    """The small model tags some cities NORP; no people is named after a big city."""
    for text in ("Civilians and rebels were evacuated from Aleppo.", "Shelling continued in Aleppo on Monday."):
        doc, got = _places(nlp, text)
        assert any(e.text == "Aleppo" and e.label_ == "NORP" for e in doc.ents)  # the case under test
        hits = [p for s, p in got if s == "Aleppo"]
        assert hits and hits[0].country == "SYR", (text, got)


def test_a_qualified_name_keeps_its_reading_in_the_document(nlp):
    text = ("LONDON, Ky. (AP) - London police arrested two men on Friday. "
            "The men were held in London overnight, the London Police Department said.")
    _, got = _places(nlp, text)
    londons = [p for s, p in got if s in ("LONDON", "London")]
    assert len(londons) >= 3 and {p.country for p in londons} == {"USA"}, got


def test_a_division_over_its_namesake_city(nlp):
    """"Quebec" is the province, "Quebec City" the city."""
    _, got = _places(nlp, "Quebec will hold an election next year, officials in Quebec City said.")
    by = {s: p for s, p in got}
    assert by["Quebec"].feature == "adm1"
    assert by["Quebec City"].feature == "city"
