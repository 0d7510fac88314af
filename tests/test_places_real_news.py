"""Places on real news (issue 15): the classes of errors found on the development
corpora, each checked on sentences written for these tests, the feature class of
every place, the development-format evaluation, and floors on the dev corpora.

The floor tests read ``../shared/eval/dev/`` beside the repository and are
skipped where it is absent. They run the actors and places stages only (about
20 CPU-s for both corpora) and sit one point below the figures measured when
they were last raised (geovirus span F1 91.2, within 161 km 81.3; trnews 87.5, 80.1;
GeoVirus without demonym places 95.3, 81.3).
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from whimbrel.evaluation import places_dev

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev"


def km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def places(nlp, text):
    doc = nlp(text)
    return {text[p.span[0]:p.span[1]]: p for p in doc._.places}


# --------------------------------------------------------------------------- the entry's own point and class

@pytest.mark.parametrize("text,surface,feature,where", [
    ("Exports to Canada fell sharply.", "Canada", "country", (60.1, -113.6)),
    ("Floods hit Russia and Turkey.", "Turkey", "country", (39.0, 35.0)),
    ("Wildfires spread across California.", "California", "adm1", (37.2, -119.5)),
    ("Swans died in Suffolk, England, last week.", "Suffolk", "adm2", (52.2, 1.1)),
    ("Cases were found in Anhui and Jiangsu provinces.", "Anhui", "adm1", (31.0, 118.2)),
    ("Talks were held in Geneva.", "Geneva", "city", (46.2, 6.15)),
    ("The Kremlin denied the report.", "Kremlin", "landmark", (55.75, 37.62)),
    ("The Pentagon said the drill was routine.", "Pentagon", "landmark", (38.9, -77.04)),
])
def test_coordinates_are_the_entrys_own_and_the_class_is_said(nlp, text, surface, feature, where):
    p = places(nlp, text)[surface]
    assert p.feature == feature
    assert km((p.lat, p.lon), where) < 60, (p.name, p.lat, p.lon)


def test_feature_is_in_the_contract_schema(nlp):
    import jsonschema

    from whimbrel import analyze

    schema = json.loads((Path(__file__).resolve().parents[1] / "src" / "whimbrel" / "schema"
                         / "contract.schema.json").read_text(encoding="utf-8"))
    out = analyze("Ebola spread from Guinea to Liberia.", nlp=nlp).to_dict()
    jsonschema.validate(out, schema)
    assert {p["feature"] for p in out["places"]} == {"country"}


# --------------------------------------------------------------------------- classes of errors

@pytest.mark.parametrize("text,surface", [
    ("On Sunday, Sen. Marco Rubio of Florida said he had doubts.", "Sen."),
    ("The EU imposed new tariffs.", "EU"),
    ("He told CNN on Saturday that he was worried.", "CNN"),
    ("Ali was prosecuted under the Chemical Weapons Act 1996.", "Act"),
    ("Ms Raggi is the populist movement's mayor.", "Ms Raggi"),
    ("He was arrested in March for a murder plot in Kentucky.", "March"),
    ("Two cases of West Nile virus were found. West Nile is spread by mosquitoes.", "West Nile"),
    ("Mr. Kemp told the New York Times that he was innocent.", "New York"),
    ("He studied at the University of Arizona.", "Arizona"),
    ("The crop value is $US 1.5 billion a year.", "US"),
    ("She said the machines cost $45,000 US each.", "US"),
])
def test_not_toponyms(nlp, text, surface):
    got = places(nlp, text)
    assert all(surface not in s and s not in surface for s in got), got


def test_a_state_abbreviation_the_model_reads_as_a_place_is_the_state(nlp):
    """The model's place label is the context that makes "Fla." a toponym: Florida, not Florencia."""
    got = places(nlp, "Gov. Rick Scott of Fla. signed the bill.")
    assert got["Fla."].name == "Florida" and got["Fla."].feature == "adm1"


def test_a_name_the_document_gives_a_person_is_that_person(nlp):
    text = ("INNISFAIL - Nine-year-old Georgia Stevens is lacing her skates for success. "
            "Georgia began skating at the age of four.")
    assert "Georgia" not in places(nlp, text)


@pytest.mark.parametrize("text,surface,iso3", [
    ("Sweden's Minister of Agriculture said the birds died of H5N1.", "Sweden", "SWE"),
    ("New York Governor Andrew M. Cuomo declared a state of emergency.", "New York", "USA"),
    ("The U.S. Department of Justice said the man was sentenced.", "U.S.", "USA"),
    ("Mexico closed its schools as the flu spread.", "Mexico", "MEX"),
])
def test_toponyms_in_office_and_body_names(nlp, text, surface, iso3):
    p = places(nlp, text)[surface]
    assert p.country == iso3
    if surface == "Mexico":
        assert p.feature == "country"  # not Mexico City, which GeoNames also calls "Mexico"


def test_a_state_named_alone_is_the_state_not_its_namesake_town(nlp):
    got = places(nlp, "Cases were reported in Oregon, Nevada, Louisiana and Ohio.")
    for state in ("Oregon", "Nevada", "Louisiana"):
        assert got[state].feature == "adm1", (state, got[state].name, got[state].lat)


@pytest.mark.parametrize("text", [
    "The company also operates in the states of Texas and Georgia.",
    "The outbreak reached Arizona, Arkansas, California, Colorado, Georgia, Idaho and Illinois.",
])
def test_a_list_of_states_makes_its_members_states(nlp, text):
    got = places(nlp, text)["Georgia"]
    assert (got.country, got.feature) == ("USA", "adm1"), (got.name, got.country)


def test_a_country_in_a_list_of_countries_is_not_a_town_of_the_next(nlp):
    got = places(nlp, "Countries such as Mexico, China, Japan and Brazil also reported cases.")
    assert (got["China"].country, got["China"].feature) == ("CHN", "country")


def test_a_country_coordinated_with_a_country_stays_a_country(nlp):
    got = places(nlp, "Russia and Georgia fought a war in 2008.")
    assert got["Georgia"].country == "GEO"


def test_a_small_town_outside_the_us_is_known(nlp):
    """Towns of 1,000 people and more are in the gazetteer everywhere, not only in the US."""
    got = places(nlp, "Bushfires threatened Mallacoota in Victoria, Australia.")["Mallacoota"]
    assert got.country == "AUS" and km((got.lat, got.lon), (-37.56, 149.75)) < 20


def test_the_democratic_republic_of_the_congo_is_one_country(nlp):
    got = places(nlp, "Ebola broke out in the Democratic Republic of the Congo last week.")
    assert [p.country for p in got.values()] == ["COD"]


def test_a_canadian_province_abbreviation_qualifies_its_town(nlp):
    got = places(nlp, "She sold her home in Gatineau, Que., and moved to Ottawa.")
    assert got["Que."].name == "Quebec" and got["Gatineau"].country == "CAN"


def test_a_division_keeps_a_name_that_is_only_a_citys_alternate_spelling(nlp):
    """"Henan" is a GeoNames alternate name of the city of Hengyang; the bare name is the province."""
    got = places(nlp, "Hospitals in Henan reported more cases of the disease.")["Henan"]
    assert got.feature == "adm1" and got.country == "CHN", got


@pytest.mark.parametrize("geonames,bare", [
    ("Departement de la Somme", "Somme"), ("Departement de l'Aisne", "Aisne"), ("Provincia di Cuneo", "Cuneo"),
    ("Province de Namur", "Namur"), ("Regierungsbezirk Unterfranken", "Unterfranken"), ("Arhus Kommune", "Arhus"),
    ("Anhui Sheng", "Anhui"), ("Province of Pangasinan", "Pangasinan"), ("Canton de Vaud", "Vaud"),
])
def test_a_divisions_name_in_its_own_language_gives_the_bare_name(geonames, bare):
    from whimbrel.stages.places.gazetteer import division_names

    assert division_names(geonames) == [geonames, bare]


def test_a_french_department_is_placed(nlp):
    got = places(nlp, "Two ducks died in the Somme region in the north of France.")["Somme"]
    assert got.feature == "adm2" and km((got.lat, got.lon), (49.9, 2.3)) < 60, got


def test_a_place_no_entry_holds_lies_at_its_nearest_neighbour(nlp):
    """An unknown town qualified by its state takes the state's point, its own name, no geonameid or feature."""
    got = places(nlp, "Police searched a house in Grimbleton, Ohio, on Monday.")
    town, state = got["Grimbleton"], got["Ohio"]
    assert (town.lat, town.lon, town.country) == (state.lat, state.lon, "USA")
    assert town.name == "Grimbleton" and town.geonameid is None and town.feature is None


def test_an_unknown_place_prefers_a_neighbour_smaller_than_a_country(nlp):
    """The country stands nearer the village, the town is the closer point."""
    got = places(nlp, "In Sierra Leone, cholera spread to the villages of Mbakwaziri and Kenema.")["Mbakwaziri"]
    assert km((got.lat, got.lon), (7.88, -11.19)) < 20 and got.country == "SLE"


@pytest.mark.parametrize("text", [
    "Cases were reported in Tennessee, Utah, Virginia, Washington, West Virginia and Wyoming.",
    "Officials are investigating cases in Washington, Pennsylvania and California.",
])
def test_a_state_listed_before_a_state_is_no_town_in_it(nlp, text):
    got = places(nlp, text)["Washington"]
    assert got.feature == "adm1" and km((got.lat, got.lon), (47.4, -120.5)) < 100, got


def test_a_state_qualifying_one_town_still_qualifies_it(nlp):
    got = places(nlp, "He lives in Washington, Pennsylvania.")["Washington"]
    assert got.feature == "city" and km((got.lat, got.lon), (40.17, -80.25)) < 30, got


def test_a_town_its_province_does_not_hold_is_no_namesake_abroad(nlp):
    """No Bradford of the gazetteer lies in Ontario: the town is placed in Ontario, not in England."""
    got = places(nlp, "He must appear in a Bradford, Ontario court on May 12.")
    town, province = got["Bradford"], got["Ontario"]
    assert town.country == "CAN" and (town.lat, town.lon) == (province.lat, province.lon) and town.feature is None


def test_a_settlement_nouns_of_names_a_place_the_gazetteer_lacks(nlp):
    """"the villages of X and Y", "the town of X": names tagged as people or firms that no entry holds."""
    got = places(nlp, "The virus was detected in the nearby villages of Bumbacari and Dudescu on Thursday.")
    assert {"Bumbacari", "Dudescu"} <= set(got)
    assert "Pulawy" in places(nlp, "The lab is in the town of Pulawy, officials said.")


def test_an_unknown_name_after_another_nouns_of_is_no_place(nlp):
    assert "Zorblex" not in places(nlp, "He met the president of Zorblex on Monday.")


def test_a_small_town_of_a_country_the_story_never_names_is_a_local_name(nlp):
    """Piccadilly, New South Wales is not the London street: in a story that names only
    Britain's places, the lone small namesake abroad is a local name placed by its neighbour."""
    got = places(nlp, "Police in London said the suspect met him at a sushi bar in Piccadilly.")
    street, city = got["Piccadilly"], got["London"]
    assert street.country == "GBR" and (street.lat, street.lon) == (city.lat, city.lon) and street.geonameid is None


def test_a_small_town_of_a_country_the_story_names_keeps_its_entry(nlp):
    got = places(nlp, "The outbreak began in Bundibugyo, a town of western Uganda, and spread to Kampala.")
    assert got["Bundibugyo"].country == "UGA" and got["Bundibugyo"].geonameid is not None


@pytest.mark.parametrize("text,surface,iso3", [
    ("Investigators traced the virus to the Pirbright laboratory, officials said.", "Pirbright", "GBR"),
    ("The first deaths were reported by Esperance resident Michelle Crisp.", "Esperance", "AUS"),
])
def test_a_known_name_modifying_a_site_noun_is_the_place(nlp, text, surface, iso3):
    """The model tags these names as organisations; the lower-case site noun says where."""
    got = places(nlp, text)
    assert surface in got and got[surface].country == iso3, got


def test_a_country_beside_a_sum_it_does_not_mark_is_a_place(nlp):
    assert "US" in places(nlp, "The company paid $5 million in US taxes.")


def test_a_firm_modifying_a_site_noun_is_no_place(nlp):
    assert places(nlp, "The Ford plant cut jobs.") == {}


def test_a_place_entity_cut_short_is_widened_to_its_province(nlp):
    """The model tags "Rio Grande" of "Rio Grande do Sul": the state, not the city Rio Grande."""
    got = places(nlp, "There were two cases in Bahia, and one apiece in Rio Grande do Sul, Tocantins, and Minas Gerais.")
    assert got["Rio Grande do Sul"].feature == "adm1" and got["Rio Grande do Sul"].country == "BRA", got


def test_a_feature_name_does_not_hide_a_town(nlp):
    got = places(nlp, "Cholera cases rose in the Rift Valley province.")
    assert all(p.name != "The Valley" for p in got.values()), got



def test_the_sentence_before_sets_the_frame_of_a_bare_name(nlp):
    """A Brazilian state and Brazil named thrice give Santiago, Rio Grande do Sul more story-wide
    evidence, but the sentence before the name speaks of Chile: the capital of Chile."""
    got = places(nlp, "Brazil reported new cases in Rio Grande do Sul, and Brazil's health ministry said Brazil "
                      "would close schools. Almost four hundred cases were reported in Chile. The health institute "
                      "in Santiago said more were expected.")
    assert got["Santiago"].country == "CHL", got["Santiago"]


def test_a_territory_without_its_own_point_or_capital_is_placed_in_it(nlp):
    """New Caledonia has no point in country_points.tsv and no capital in the city table:
    it lies at the mean of its own towns, not nowhere (nor at a neighbour's point)."""
    p = places(nlp, "Nickel exports from New Caledonia rose last year.")["New Caledonia"]
    assert p.feature == "country" and p.country == "NCL"
    assert km((p.lat, p.lon), (-21.5, 165.5)) < 100, (p.lat, p.lon)


def test_a_place_entity_cut_short_is_widened_to_its_towns_own_name(nlp):
    """The model tags "Beida" of "Goz Beida" (Chad): the town, not Al Bayda in Libya, whose
    alternate spelling "Beida" is."""
    p = places(nlp, "Refugees reached Goz Beida after a long walk.")["Goz Beida"]
    assert p.country == "TCD" and p.feature == "city", p


def test_a_tagged_name_in_a_state_that_holds_its_town_is_that_town(nlp):
    """"Warwick in Queensland" (Warwick tagged PERSON) is the Queensland town; after a title
    ("Senator Jackson in Mississippi") the name stays a person's."""
    got = places(nlp, "The virus may have reached Warwick in Queensland, where two horses fell ill.")
    assert got["Warwick"].country == "AUS" and got["Warwick"].feature == "city", got
    assert "Jackson" not in places(nlp, "Senator Jackson in Mississippi said no.")


def test_a_demonym_and_a_name_the_model_splits_are_one_country(nlp):
    """"French" (LANGUAGE) + "Guiana" (PERSON): French Guiana, not France."""
    got = places(nlp, "Dengue cases rose in French Guiana and Martinique this year.")
    assert got["French Guiana"].country == "GUF" and "French" not in got, got


def test_a_capital_tagged_as_an_organisation_is_the_city(nlp):
    got = places(nlp, "Officials said most of Harare was left without water after the city ran out of chemicals.")
    assert got["Harare"].country == "ZWE" and got["Harare"].feature == "city", got


def test_a_government_agency_names_its_country_a_news_agency_none(nlp):
    assert places(nlp, "The Japan Meteorological Agency issued a typhoon warning.")["Japan"].country == "JPN"
    assert places(nlp, "Kyodo News Agency said ten people died.") == {}


def test_an_institution_word_inside_the_place_name_does_not_veto_it(nlp):
    """"Bank" vetoes "the Bank of America", not "West Bank" of "a West Bank Health Ministry official"."""
    got = places(nlp, "A West Bank Health Ministry official said the clinics were closed.")
    assert got["West Bank"].country == "PSE", got
    assert places(nlp, "The Bank of America raised rates.") == {}


def test_a_persons_hometown_after_a_comma_is_a_place(nlp):
    """"Jane Doe, 41, of Evansville" (Evansville tagged ORG): news gives a hometown so."""
    got = places(nlp, "Jane Doe, 41, of Evansville, said the water was safe.")
    assert got["Evansville"].country == "USA" and got["Evansville"].feature == "city", got
    assert places(nlp, "Jane Doe, of Amnesty, said so.") == {}

# --------------------------------------------------------------------------- the development format

def _dev_set(tmp_path: Path) -> Path:
    text = "Floods hit Turkey. The Kremlin said aid was sent to Ankara."
    (tmp_path / "mini.input.jsonl").write_text(json.dumps({"id": "d1", "text": text}) + "\n", encoding="utf-8")
    gold = {"id": "d1", "corpus": "TEST", "neutral": [[23, 30]], "toponyms": [
        {"span": [10, 16], "text": "Turkey", "lat": 39.0, "lon": 35.0, "geonameid": 298795},
        {"span": [52, 58], "text": "Ankara", "lat": 30.0, "lon": 60.0, "geonameid": None},
        {"span": [0, 6], "text": "Floods", "lat": None, "lon": None, "geonameid": None}]}
    path = tmp_path / "mini.gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return path


def test_dev_format_scored_like_the_reference_scorer(nlp, tmp_path):
    path = _dev_set(tmp_path)
    assert places_dev.is_dev_gold(path) and not places_dev.is_dev_gold(Path(__file__))
    result = places_dev.evaluate(path, nlp=nlp)
    s = result["dev"]
    # Turkey and Ankara matched, "Floods" missed; the Kremlin lies on a neutral span.
    assert (s.gold, s.matched, s.predicted) == (3, 2, 2)
    # Within 161 km: Turkey only (the gold Ankara is deliberately elsewhere), of 2 with coordinates.
    assert (s.within, s.with_coords) == (1, 2)
    assert s.classes["missed: untagged, not in the gazetteer"] == 1
    assert sum(v for k, v in s.classes.items() if k.startswith("far:")) == 1


def test_eval_places_command_on_the_dev_format(nlp, tmp_path, capsys):
    from whimbrel.evaluation import places as EV

    path = _dev_set(tmp_path)
    assert EV.main(path, nlp=nlp) == 0
    out = capsys.readouterr().out
    assert "span F1" in out and "within 161 km" in out and "most frequent error classes" in out


def test_dev_format_without_its_input_file_is_an_error(tmp_path, nlp):
    path = _dev_set(tmp_path)
    (tmp_path / "mini.input.jsonl").unlink()
    from whimbrel.evaluation import places as EV

    assert EV.main(path, nlp=nlp) == 1


# --------------------------------------------------------------------------- floors on the dev corpora

@pytest.fixture(scope="module")
def places_nlp():
    from whimbrel.pipeline import build

    return build(components=list(places_dev.COMPONENTS))


@pytest.mark.parametrize("name,f1,within", [("geovirus", 90.2, 80.3), ("trnews", 86.5, 79.1)])
def test_dev_corpus_floor(places_nlp, name, f1, within):
    gold = DEV / f"{name}.gold.jsonl"
    if not gold.is_file() or not places_dev.input_path(gold).is_file():
        pytest.skip(f"{gold} is not here")
    s = places_dev.evaluate(gold, nlp=places_nlp)["dev"]
    assert s.f1 >= f1, s.f1
    assert s.pct(s.within, s.with_coords) >= within, s.pct(s.within, s.with_coords)


def test_geovirus_floor_under_its_own_convention(places_nlp, monkeypatch):
    """GeoVirus marks no demonyms ("Turkish troops"); TR-News does, and whimbrel's
    default follows TR-News (settings.yaml's demonym_places), which costs GeoVirus
    about 4.6 points of span F1. Scored without demonym places, the rest of the
    machinery must hold GeoVirus at its level (95.3 span F1, 81.3 within 161 km when this was last raised)."""
    from whimbrel.stages.places import component

    gold = DEV / "geovirus.gold.jsonl"
    if not gold.is_file() or not places_dev.input_path(gold).is_file():
        pytest.skip(f"{gold} is not here")
    monkeypatch.setattr(component, "find_demonyms", lambda *a, **k: [])
    s = places_dev.evaluate(gold, nlp=places_nlp)["dev"]
    assert s.f1 >= 94.3, s.f1
    assert s.pct(s.within, s.with_coords) >= 80.3, s.pct(s.within, s.with_coords)


# --------------------------------------------------------------------------- the store keeps the feature

def test_a_version_1_store_gains_the_feature_column(tmp_path):
    from sqlalchemy import inspect, text

    from whimbrel.store import SCHEMA_VERSION, make_engine, migrate

    engine = make_engine(str(tmp_path / "old.db"))
    with engine.begin() as c:  # as a database written before places[].feature
        c.execute(text("ALTER TABLE places DROP COLUMN feature"))
        c.execute(text("UPDATE schema_version SET version = 1"))
    assert migrate(engine) == SCHEMA_VERSION >= 3
    with engine.connect() as c:
        assert "feature" in {col["name"] for col in inspect(c).get_columns("places")}
