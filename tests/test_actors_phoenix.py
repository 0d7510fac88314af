"""The actors stage with the lexicons derived from the Phoenix dictionaries (issue 13).

Sentences written for these tests: generic agents with sector and country, roles
judged against the publication day, armed groups of the dictionaries, names that
are places, treaties or headline fragments, parties and news outlets that give no
country, and descriptions resolved by role, country and date. Then the derived
files themselves: their schemas, and that the conversion script reproduces them.
"""
from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from whimbrel import lexicons
from whimbrel.stages.actors import phoenix, vocab

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "petrarch2"


def actors(analyze, text, published="2016-05-10"):
    result = analyze(text, published=published)
    return result, {a.name: a for a in result.actors}


def mention_texts(text, actor):
    return [text[s:e] for s, e in actor.mentions]


def codes(result):
    return {a.code for a in result.actors}


# -- generic agents: sector from the agent, country from the text ----------------------------

@pytest.mark.parametrize("text,code", [
    ("Afghan police arrested three men on Tuesday.", "AFGCOP"),
    ("Syrian government forces shelled the town.", "SYRMIL"),
    ("Nigerian soldiers returned fire.", "NGAMIL"),
    ("Pakistani suicide bombers struck a market.", "PAKREB"),
    ("Kenyan villagers fled the fighting.", "KENCVL"),
    ("Turkish demonstrators marched to the square.", "TURCVL"),
])
def test_generic_agent_with_country_from_its_modifier(analyze, text, code):
    result, _ = actors(analyze, text)
    assert code in codes(result), [(a.name, a.code) for a in result.actors]


@pytest.mark.parametrize("text,sector", [
    ("Suicide bombers targeted a funeral on Friday.", "REB"),
    ("A gunman opened fire on the crowd.", "UAF"),
    ("Troops were deployed overnight.", "MIL"),
])
def test_generic_agent_without_country_keeps_its_sector(analyze, text, sector):
    result, _ = actors(analyze, text)
    found = [a for a in result.actors if a.sector == sector]
    assert found and all(a.country is None for a in found), [(a.name, a.code) for a in result.actors]


def test_agents_that_name_no_actor_are_left_out():
    lex = vocab.load()
    assert "suicide bombers" in lex.groups and "gunman" in lex.groups
    # heads listed in agent_exclusions.txt, and title words the offices lexicon owns
    assert "websites" not in lex.groups and "man" not in lex.groups
    assert "minister" not in lex.groups and "president" not in lex.groups


# -- non-state armed groups and bodies from the dictionaries ---------------------------------

@pytest.mark.parametrize("text,code", [
    ("Al-Shabaab fighters recaptured the village.", "SOMREB"),
    ("Boko Haram abducted dozens of girls.", "NGAREB"),
    ("The International Crisis Group published a report.", "NGOICG"),
])
def test_dictionary_groups_and_bodies_with_their_codes(analyze, text, code):
    result, _ = actors(analyze, text)
    assert code in codes(result), [(a.name, a.code) for a in result.actors]


def test_group_matched_in_any_spelling_case(analyze):
    # the dictionary writes AL-SHABAAB; news writes "al-Shabab", "Al Shabaab"
    for text in ("Officials said al-Shabab militants attacked the base.",
                 "Officials said Al Shabaab attacked the base."):
        result, _ = actors(analyze, text)
        assert "SOMREB" in codes(result), [(a.name, a.code) for a in result.actors]


# -- dated roles ------------------------------------------------------------------------------

def test_same_name_two_publication_dates_two_codes(analyze):
    text = "Trump attacked the plan on Monday."
    _, named_2016 = actors(analyze, text, published="2016-06-01")
    _, named_2018 = actors(analyze, text, published="2018-06-01")
    assert named_2016["Donald Trump"].code == "USAPTY"   # a candidate acts for a party
    assert named_2016["Donald Trump"].role == "presidential candidate"
    assert named_2018["Donald Trump"].code == "USAGOV"


def test_office_holder_after_the_term_is_a_former_holder(analyze):
    text = "Hillary Clinton and Barack Obama spoke at the rally."
    _, named = actors(analyze, text, published="2014-09-01")
    assert named["Hillary Clinton"].code == "USAELI"      # secretary of state 2009-2013 only
    assert named["Hillary Clinton"].role == "former secretary of state"
    assert named["Barack Obama"].code == "USAGOV"
    _, named = actors(analyze, text, published="2019-09-01")
    assert named["Barack Obama"].code == "USAELI" and named["Barack Obama"].role == "former president"


def test_dictionary_person_role_by_date(analyze):
    # Phoenix: Hosni Mubarak EGYGOV until 2011-02-11, EGYELI by default after
    text = "Hosni Mubarak met the delegation."
    _, before = actors(analyze, text, published="2005-03-01")
    _, after = actors(analyze, text, published="2013-03-01")
    assert before["Hosni Mubarak"].code == "EGYGOV"
    assert after["Hosni Mubarak"].code == "EGYELI"


def test_without_a_publication_date_the_latest_role_counts(analyze):
    result = analyze("Barack Obama spoke.", published=None)
    obama = next(a for a in result.actors if a.name == "Barack Obama")
    assert obama.role == "former president"


def test_middle_initial_and_form_of_address(analyze):
    text = "Donald J. Trump praised the plan. Mrs Clinton disagreed."
    _, named = actors(analyze, text, published="2016-03-01")
    assert "Donald J. Trump" in mention_texts(text, named["Donald Trump"])
    assert "Bill Clinton" not in named          # "Mrs" is not the Clinton of the lexicon


def test_term_bounds_are_days():
    lex = vocab.load()
    _, on_the_eve = lex.term_at("Donald Trump", 20170119)
    _, inaugurated = lex.term_at("Donald Trump", 20170120)
    assert on_the_eve.sector == "ELI" and inaugurated.sector == "GOV"


# -- no actors from places, treaties, headline fragments; no country from outlets -------------

def test_place_used_as_a_place_elsewhere_is_not_a_person(analyze):
    text = "Residents in Talbiseh fled on Sunday. Talbiseh was shelled again on Monday."
    result, _ = actors(analyze, text)
    assert not any("Talbiseh" in a.name for a in result.actors), [(a.name, a.kind) for a in result.actors]


def test_treaty_is_not_an_actor(analyze):
    text = "The Pacific Fisheries Partnership faces strong opposition from fishermen."
    result, _ = actors(analyze, text)
    assert not any("Partnership" in a.name for a in result.actors)


def test_headline_fragment_is_not_an_actor(analyze):
    text = "Governor Slams Rivals Over Budget Vote\n\nThe vote was delayed again, officials said."
    result, _ = actors(analyze, text)
    assert not any("Rivals" in a.name or "Slams" in a.name for a in result.actors)


def test_news_agency_gives_no_country_to_a_person(analyze):
    text = "Speaking to AFP, Maria Nunes said she feared for her family."
    _, named = actors(analyze, text)
    assert named["Maria Nunes"].country is None
    assert named["Agence France-Presse"].country == "FRA"


def test_counterpart_country_is_not_the_actors_country(analyze):
    text = "Senator Paul Whitby said Russia had hacked the emails."
    _, named = actors(analyze, text)
    assert named["Paul Whitby"].country != "RUS"
    text = "The administration accuses Moscow of interfering in the election."
    result, _ = actors(analyze, text)
    assert not any(a.code == "RUSGOV" for a in result.actors), [(a.name, a.code) for a in result.actors]


def test_description_resolves_by_role_country_and_date(analyze):
    text = ("Russian President Vladimir Putin met American officials on Monday. Obama said the talks "
            "went well. The president said he would call again.")
    _, named = actors(analyze, text, published="2016-06-01")
    assert "The president" in mention_texts(text, named["Barack Obama"])
    assert "The president" not in mention_texts(text, named["Vladimir Putin"])


# -- the derived files -------------------------------------------------------------------------

@pytest.mark.parametrize("name", phoenix.FILES)
def test_derived_files_pass_their_schemas(name):
    rows = lexicons.load(name)
    assert len(rows) > 1000
    sch = lexicons.schema(name)
    assert sch["type"] == "array"


def test_derived_files_are_small():
    total = sum((lexicons.data_root() / f).stat().st_size for f in phoenix.FILES)
    assert total < 4 * 1024 * 1024
    folder = lexicons.data_root() / "actors" / "phoenix"
    assert (folder / "LICENSE").read_text().startswith("The MIT License")
    assert "scripts/phoenix_actors.py" in (folder / "README.md").read_text()


def test_role_codes_parse_into_country_sector_and_organisation():
    countries = frozenset({"USA", "SOM"})
    c = phoenix.parse_code("USAGOVLEG", countries)
    assert (c.country, c.sector, c.org) == ("USA", "LEG", None)
    c = phoenix.parse_code("IGOUNO", countries)
    assert (c.country, c.sector, c.org) == ("IGO", None, "IGOUNO")
    terms, default = phoenix.parse_roles("USAELI@19650101-20000101;USAGOV@20090121-;USAELI", countries)
    assert terms[1].start == 20090121 and terms[1].end is None and default.sector == "ELI"


def _script():
    spec = importlib.util.spec_from_file_location("phoenix_actors", ROOT / "scripts" / "phoenix_actors.py")
    mod = importlib.util.module_from_spec(spec)
    sys.modules["phoenix_actors"] = mod
    spec.loader.exec_module(mod)
    return mod


@pytest.mark.skipif(not REFERENCE.exists(), reason="../shared/reference/petrarch2 not beside the checkout")
def test_conversion_script_reproduces_the_committed_files():
    files = _script().convert(REFERENCE)
    folder = lexicons.data_root() / "actors" / "phoenix"
    for name, text in files.items():
        assert (folder / name).read_text(encoding="utf-8") == text, f"{name} differs: rerun scripts/phoenix_actors.py"


def test_conversion_rules_on_a_small_dictionary(tmp_path):
    mod = _script()
    (tmp_path / "LICENSE").write_text("The MIT License (MIT)\n")
    (tmp_path / "Phoenix.Countries.actors.txt").write_text(
        "NOLAND_ [NLD]\n+NOLANDIAN_\n"
        "ANA_PEREZ_DE_LA_TORRE_\n+PRESIDENT_PEREZ\n+ANA_PEREZ\n\t[NLDGOV 090121-130201]\n\t[NLDELI]\n"
        "BAD_DATES_PERSON_\n\t[NLDGOV 2004017-20061201]\n")
    (tmp_path / "Phoenix.International.actors.txt").write_text("WIDGET_CORP_ [MNCNLDBUS]\n+WIDGETCO\n")
    (tmp_path / "Phoenix.MilNonState.actors.txt").write_text(
        "NOLAND_FRONT_ [NLDREB]\n+FRONT_OF_NOLAND_\n+ANA_GOMEZ_\n")
    (tmp_path / "Phoenix.agents.txt").write_text(
        "!PERSON! = MAN, MEN\nPOLICE {} [~COP]\nMILITANT [~REB]\nCONGRESS!PERSON! [~LEG]\n")
    files = mod.convert(tmp_path)
    people = [r.split("\t") for r in files["people.tsv"].splitlines() if not r.startswith("#")]
    orgs = [r.split("\t") for r in files["organizations.tsv"].splitlines() if not r.startswith("#")]
    agents = [r.split("\t") for r in files["agents.tsv"].splitlines() if not r.startswith("#")]
    assert ["Ana Perez de la Torre", "Ana Perez", "NLDGOV@20090121-20130201;NLDELI", "countries"] in people
    assert not any(r[0] == "Bad Dates Person" and "@" in r[2] for r in people)   # a 7-digit date is dropped
    assert not any(r[0] == "Noland" for r in orgs)                                  # a country
    assert ["Widget Corp", "Widgetco", "MNCNLDBUS", "international"] in orgs
    assert any(r[0] == "Noland Front" and r[2] == "NLDREB" for r in orgs)
    assert {tuple(r) for r in agents} >= {("police", "", "~COP"), ("militant", "militants", "~REB"),
                                          ("congressman", "", "~LEG"), ("congressmen", "", "~LEG")}
