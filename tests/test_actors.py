"""Actor resolution on sentences written for these tests (and the seed demo when shared/ is present)."""
from __future__ import annotations

from pathlib import Path

import pytest

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "examples" / "seed-article.txt"


def actors(analyze, text, published="2023-05-10"):
    result = analyze(text, published=published)
    return result, {a.name: a for a in result.actors}


def mention_texts(text, actor):
    return [text[s:e] for s, e in actor.mentions]


def by_country(result, iso3, kind=None):
    return [a for a in result.actors if a.country == iso3 and (kind is None or a.kind == kind)]


# -- countries, demonyms, capitals, seats, epithets -------------------------------------------
@pytest.mark.parametrize("text,iso3,form", [
    ("Beijing rejected the proposal on Monday.", "CHN", "Beijing"),
    ("The Kremlin denied the report.", "RUS", "Kremlin"),
    ("The White House said the talks would resume.", "USA", "White House"),
    ("Officials in Ankara were not available, but Turkiye said it would respond.", "TUR", "Turkiye"),
    ("The Jewish state struck back within hours.", "ISR", "Jewish state"),
    ("Kyiv accused Moscow of shelling the plant.", "UKR", "Kyiv"),
    ("The U.S. and the United Kingdom issued a joint statement.", "GBR", "United Kingdom"),
    ("Pyongyang fired two missiles.", "PRK", "Pyongyang"),
    ("Talks with Caracas collapsed.", "VEN", "Caracas"),
    ("South Korea protested to Tokyo.", "KOR", "South Korea"),
])
def test_country_forms_resolve_to_iso3(analyze, text, iso3, form):
    result, _ = actors(analyze, text)
    found = by_country(result, iso3, "country")
    assert found, f"{iso3} not found in {[(a.name, a.country) for a in result.actors]}"
    assert form in mention_texts(text, found[0])
    assert found[0].code == iso3


def test_capital_in_locative_phrase_is_not_the_government(analyze):
    text = "The delegation arrived in Moscow on Monday and flew to Tehran."
    result, _ = actors(analyze, text)
    assert not by_country(result, "RUS") and not by_country(result, "IRN")


def test_country_and_its_capital_are_one_actor(analyze):
    text = "Iran rejected the demand. Tehran said the Islamic Republic would not yield."
    result, _ = actors(analyze, text)
    iran = by_country(result, "IRN", "country")
    assert len(iran) == 1
    assert sorted(mention_texts(text, iran[0])) == ["Iran", "Islamic Republic", "Tehran"]


def test_demonym_group_with_two_countries(analyze):
    text = "Senior Polish and Lithuanian officials agreed to share intelligence."
    result, _ = actors(analyze, text)
    codes = {a.code for a in result.actors}
    assert {"POLGOV", "LTUGOV"} <= codes


def test_a_group_s_nationality_wins_over_where_it_is(analyze):
    # "in" gives the group's country only when no modifier names its nationality
    result, _ = actors(analyze, "The EU cut its aid to Albanian rebels in Macedonia.")
    groups = [a.code for a in result.actors if a.sector == "REB"]
    assert groups == ["ALBREB"], groups
    result, _ = actors(analyze, "Rebels in Macedonia seized a village.")
    assert [a.code for a in result.actors if a.sector == "REB"] == ["MKDREB"]


def test_an_ethnic_group_is_civilians_where_it_lives_not_the_state_of_its_name(analyze):
    # "ethnic Kurds" are a people, not Iraq or Turkey: civilians of the place they are in
    result, _ = actors(analyze, "Ethnic Armenians in northern Georgia blocked a road.")
    group = [a for a in result.actors if a.sector == "CVL"]
    assert [(a.country, a.kind) for a in group] == [("GEO", "group")], result.actors
    assert not [a for a in result.actors if a.country == "ARM"]
    # without "ethnic" the people is its country, as before
    result, _ = actors(analyze, "Armenians blocked a road in Georgia.")
    assert "ARM" in {a.country for a in result.actors}


@pytest.mark.parametrize("text,code,sector", [
    ("Russian troops crossed the border.", "RUSMIL", "MIL"),
    ("The Syrian army shelled the town.", "SYRMIL", "MIL"),
    ("Iran's parliament voted against the bill.", "IRNLEG", "LEG"),
    ("The government of Kenya ordered an inquiry.", "KENGOV", "GOV"),
    ("Colombian rebels released three hostages.", "COLREB", "REB"),
    ("Protesters marched through the capital.", "CVL", "CVL"),
    ("Egypt's Supreme Court overturned the ruling.", "EGYJUD", "JUD"),
])
def test_collective_actors_get_country_and_sector(analyze, text, code, sector):
    result, _ = actors(analyze, text)
    assert any(a.code == code and a.sector == sector for a in result.actors), \
        [(a.name, a.code) for a in result.actors]


# -- organisations ----------------------------------------------------------------------------
def test_igo_and_back_reference(analyze):
    text = ("The UN Security Council met on Friday. Diplomats said the Council would vote again. "
            "NATO said the alliance was ready.")
    result, _ = actors(analyze, text)
    unsc = next(a for a in result.actors if a.code == "IGOUNOSEC")
    assert unsc.country == "IGO"
    assert "Council" in mention_texts(text, unsc)
    nato = next(a for a in result.actors if a.code == "IGONATO")
    assert "alliance" in mention_texts(text, nato)


def test_back_reference_needs_an_antecedent(analyze):
    text = "The city council approved the budget."
    result, _ = actors(analyze, text)
    assert not any(a.country == "IGO" for a in result.actors)


@pytest.mark.parametrize("text,code", [
    ("The IAEA said inspectors had been denied access.", "IGOIAEA"),
    ("The European Union extended the measures.", "IGOEEC"),
    ("OPEC agreed to cut output.", "IGOOPEC"),
    ("The African Union suspended the country.", "IGOAFR"),
    ("ASEAN leaders met in Jakarta.", "IGOSEA"),
    ("Amnesty International accused the police of torture.", "NGOAMN"),
])
def test_organisations_by_name(analyze, text, code):
    result, _ = actors(analyze, text)
    assert any(a.code == code for a in result.actors), [(a.name, a.code) for a in result.actors]


# -- persons, offices, office holders ------------------------------------------------------------
def test_titled_person_from_text(analyze):
    text = "Kenyan Interior Minister Amina Wekesa said the border would stay closed."
    result, named = actors(analyze, text)
    p = named["Amina Wekesa"]
    assert (p.kind, p.country, p.sector, p.role, p.code) == ("person", "KEN", "GOV", "interior minister", "KENGOV")
    assert mention_texts(text, p) == ["Kenyan Interior Minister Amina Wekesa"]


def test_deputy_and_military_titles(analyze):
    text = ("Brazilian Deputy Foreign Minister Paulo Andrade met Gen. Rafael Ortiz. "
            "Andrade later spoke to reporters.")
    result, named = actors(analyze, text)
    assert named["Paulo Andrade"].role == "deputy foreign minister"
    assert named["Paulo Andrade"].country == "BRA"
    assert len(named["Paulo Andrade"].mentions) == 2
    assert named["Rafael Ortiz"].sector == "MIL"


def test_apposition_gives_office(analyze):
    text = "Lina Haddad, Jordan's foreign minister, told reporters the plan was unacceptable."
    result, named = actors(analyze, text)
    assert named["Lina Haddad"].country == "JOR"
    assert named["Lina Haddad"].role == "foreign minister"


def test_office_holder_lexicon_fills_unknown_person(analyze):
    text = "Macron said Europe must do more."
    _, named = actors(analyze, text, published="2022-03-01")
    assert named["Emmanuel Macron"].country == "FRA"
    assert named["Emmanuel Macron"].role == "president"


def test_office_holder_lexicon_respects_terms(analyze):
    text = "Donald Trump criticised the decision."
    _, named = actors(analyze, text, published="2019-06-01")
    assert named["Donald Trump"].sector == "GOV"
    _, named = actors(analyze, text, published="2022-06-01")
    assert named["Donald Trump"].sector == "ELI"


def test_text_overrides_lexicon(analyze):
    text = "Former Russian President Dmitry Medvedev warned the West."
    _, named = actors(analyze, text, published="2023-01-01")
    m = named["Dmitry Medvedev"]
    assert m.sector == "ELI" and m.role.startswith("former")
    assert m.country == "RUS"


# -- coreference --------------------------------------------------------------------------------
def test_surname_description_and_pronoun_corefer(analyze):
    text = ("Indian Foreign Minister Ravi Menon arrived on Monday. Menon met his counterpart. "
            "The top Indian diplomat said the visit was useful. He added that trade would grow.")
    result, named = actors(analyze, text)
    p = named["Ravi Menon"]
    mt = mention_texts(text, p)
    assert "Menon" in mt and "The top Indian diplomat" in mt and "He" in mt
    assert sum(1 for a in result.actors if a.kind == "person") == 1


def test_pronoun_prefers_governing_subject(analyze):
    text = ("Chilean President Ana Soto met Peruvian envoy Luis Vega. "
            "Soto said she would visit Lima.")
    _, named = actors(analyze, text)
    assert "she" in mention_texts(text, named["Ana Soto"])
    assert "she" not in mention_texts(text, named["Luis Vega"])


def test_headline_surname_joins_later_full_name(analyze):
    text = "Talks will go on: PM Okafor\n\nNigerian Prime Minister Chidi Okafor said on Sunday talks would go on."
    _, named = actors(analyze, text)
    assert "PM Okafor" in mention_texts(text, named["Chidi Okafor"])


def test_country_pronoun_it(analyze):
    text = "Norway said it would send aid."
    result, _ = actors(analyze, text)
    nor = by_country(result, "NOR", "country")[0]
    assert "it" in mention_texts(text, nor)


def test_no_actors_in_plain_text(analyze):
    result, _ = actors(analyze, "The weather was cold and the river was high.")
    assert result.actors == ()


def test_mentions_are_character_offsets(analyze):
    text = "Germany and France agreed. Berlin said so."
    result, _ = actors(analyze, text)
    for a in result.actors:
        for s, e in a.mentions:
            assert 0 <= s < e <= len(text)
            assert text[s:e].strip() == text[s:e]


# -- the demo article ---------------------------------------------------------------------------
@pytest.mark.skipif(not SEED.exists(), reason="shared/examples not beside the checkout")
def test_seed_article_actors(analyze):
    text = SEED.read_text(encoding="utf-8")
    result, named = actors(analyze, text, published="2020-11-18")
    lav = named["Sergei Lavrov"]
    assert (lav.country, lav.sector) == ("RUS", "GOV")
    mt = mention_texts(text, lav)
    for m in ("FM Lavrov", "Lavrov", "the top Russian diplomat", "He"):
        assert m in mt
    assert (named["Sergei Ryabkov"].country, named["Sergei Ryabkov"].sector) == ("RUS", "GOV")
    assert (named["Donald Trump"].country, named["Donald Trump"].sector) == ("USA", "GOV")
    for iso3, forms in (("RUS", {"Russia", "Moscow"}), ("IRN", {"Iran", "Tehran", "Islamic Republic"}),
                        ("USA", {"US", "Washington"})):
        found = by_country(result, iso3, "country")
        assert len(found) == 1
        assert forms <= set(mention_texts(text, found[0]))
    unsc = next(a for a in result.actors if a.code == "IGOUNOSEC")
    assert unsc.country == "IGO" and "Council" in mention_texts(text, unsc)


def test_office_holder_without_country_takes_the_sentence_country(analyze):
    text = "Prime Minister Tomas Varga said Slovak farmers would get aid."
    _, named = actors(analyze, text)
    p = named["Tomas Varga"]
    assert p.country == "SVK" and p.code == "SVKGOV"
    assert "context:sentence-country" in p.why


def test_two_countries_in_sentence_leave_country_open(analyze):
    text = "President Tomas Varga met Polish and Czech envoys."
    _, named = actors(analyze, text)
    assert named["Tomas Varga"].country is None


def test_rights_group_is_ngo_and_they_follows_a_group(analyze):
    text = ("A human rights group accused Croatian authorities of abuses. "
            "Rebels seized the town on Monday. They demanded talks.")
    result, _ = actors(analyze, text)
    assert any(a.country == "NGO" for a in result.actors)
    rebels = next(a for a in result.actors if a.sector == "REB")
    assert "They" in mention_texts(text, rebels)


def test_opposition_groups_in_country(analyze):
    text = "Opposition groups in Zimbabwe rejected the result."
    result, _ = actors(analyze, text)
    assert any(a.code == "ZWEOPP" for a in result.actors), [(a.name, a.code) for a in result.actors]


def test_dateline_gives_home_country_to_untitled_institutions_and_officials(analyze):
    text = ("Minister warns of drought\n\nLUSAKA, Zambia (Reuters) — Agriculture Minister Peter Banda said on "
            "Monday the harvest would fall. The ministry said Malawian traders had stopped buying. "
            "Police arrested two men in the capital.")
    result, named = actors(analyze, text)
    assert named["Peter Banda"].country == "ZMB"
    assert "dateline" in named["Peter Banda"].why
    codes = {a.code for a in result.actors}
    assert "ZMBGOV" in codes and "ZMBCOP" in codes


def test_specific_description_needs_the_same_office(analyze):
    text = ("Interior Minister Ana Costa arrived on Monday. Portugal's prime minister, Rui Lopes, "
            "welcomed her. The prime minister said talks would go on.")
    _, named = actors(analyze, text)
    assert "The prime minister" in mention_texts(text, named["Rui Lopes"])
    assert "The prime minister" not in mention_texts(text, named["Ana Costa"])


def test_unknown_name_modifying_a_common_noun_is_not_a_person(analyze):
    text = "Fighters of the Radwan force fired rockets near the village of Kherbet Selm."
    result, _ = actors(analyze, text)
    assert not any(a.kind == "person" for a in result.actors)
    assert not any(a.name == "Kherbet Selm" for a in result.actors)


def test_collective_without_country_takes_the_sentence_country_or_owner(analyze):
    text = "Police fired tear gas at protesters in Nairobi, Kenyan officials said."
    result, _ = actors(analyze, text)
    police = next(a for a in result.actors if a.sector == "COP")
    assert police.country == "KEN" and "context:sentence-country" in police.why
    text = "The military government of President Jean Dorval declared a curfew in Haiti."
    result, _ = actors(analyze, text)
    gov = next(a for a in result.actors if a.sector == "GOV" and a.kind != "person")
    assert gov.country == "HTI"


def test_more_collective_nouns_and_people_needs_a_country(analyze):
    text = "Palestinian youths threw stones. The Afghan people rejected the plan. People gathered in the square."
    result, _ = actors(analyze, text)
    codes = {a.code for a in result.actors}
    assert {"PSECVL", "AFGCVL"} <= codes
    assert not any(a.name == "people" for a in result.actors)


def test_of_phrase_modifier_gives_country(analyze):
    text = "Kurdish inhabitants of the Syrian border region protested."
    result, _ = actors(analyze, text)
    assert any(a.code == "SYRCVL" for a in result.actors), [(a.name, a.code) for a in result.actors]


def test_unknown_organisation_kind_from_its_head_word(analyze):
    text = "The Association of Andean Lawyers criticised the ruling. The Popular Liberation Front attacked a convoy in Peru."
    result, _ = actors(analyze, text)
    named = {a.name: a for a in result.actors}
    assert named["Association of Andean Lawyers"].country == "NGO"
    front = next(a for a in result.actors if "Front" in a.name)
    assert front.sector == "REB" and front.country == "PER"


def test_untitled_person_takes_the_sentence_country(analyze):
    text = "The Bolivian court allowed candidate Juan Carlos Mamani to run."
    _, named = actors(analyze, text)
    assert named["Juan Carlos Mamani"].country == "BOL"


def test_region_modifier_and_known_armed_groups(analyze):
    text = "Tigray forces clashed with government troops. The Tamil Tigers and FARC were named in the report."
    result, _ = actors(analyze, text)
    codes = {a.code for a in result.actors}
    assert "ETHMIL" in codes or "ETHREB" in codes, codes
    assert {"LKAREB", "COLREB"} <= codes


def test_appositive_office_and_group_members(analyze):
    text = ("The United Nations special envoy for Libya, Karl Jensen, condemned the attack. "
            "Hamas fighters fired rockets.")
    result, named = actors(analyze, text)
    jensen = named["Karl Jensen"]
    assert jensen.country == "IGO" and jensen.code == "IGOUNO"
    assert "The United Nations special envoy" in mention_texts(text, jensen)
    hamas = next(a for a in result.actors if a.code == "PSEREB")
    assert "Hamas fighters" in mention_texts(text, hamas)


@pytest.mark.parametrize("text,code", [
    ("The Saudi-led coalition carried out air strikes.", "SAUMIL"),
    ("Lawyers in Peshawar protested against the ruling.", "PAKJUD"),
    ("The Pope called on both sides to talk.", "VATREL"),
    ("Ecowas gave the junta an ultimatum.", "IGOWAF"),
    ("Al Shabaab threatened Kenya.", "SOMREB"),
    ("Niger's junta expelled the ambassador.", "NERGOV"),
])
def test_led_coalitions_cities_fixed_offices_and_spellings(analyze, text, code):
    result, _ = actors(analyze, text)
    assert any(a.code == code for a in result.actors), [(a.name, a.code) for a in result.actors]


def test_the_group_refers_back_to_the_latest_named_group(analyze):
    text = "Hezbollah fired rockets at a base. The group said the attack was a warning."
    result, _ = actors(analyze, text)
    hez = next(a for a in result.actors if a.code == "LBNREB")
    assert "group" in mention_texts(text, hez)


def test_misparsed_coordination_of_titled_names_gives_both(nlp):
    from whimbrel.stages.actors.api import actors_of_phrase, get_actor

    doc = nlp("Japanese Prime Minister Taro Sato and South Korean President Min Ho Park agreed on Thursday.")
    subj = next(t for t in doc if t.dep_ == "nsubj")
    codes = {get_actor(doc, a).code for a in actors_of_phrase(doc, subj)}
    assert codes == {"JPNGOV", "KORGOV"}


def test_plural_people_do_not_take_the_dateline_country(analyze):
    text = "Leaders meet\n\nTOKYO (AP) — The two leaders met in Tokyo. The ministry said talks went well."
    result, _ = actors(analyze, text)
    assert not any(a.name.endswith("leaders") for a in result.actors)
    assert any(a.code == "JPNGOV" and a.kind == "organization" for a in result.actors)


def test_dateline_is_its_own_sentence(nlp):
    doc = nlp("Headline here\n\nNAIROBI, Kenya (Reuters) — Kenyan police fired tear gas on Tuesday.")
    sents = [s.text.strip() for s in doc.sents]
    assert "NAIROBI, Kenya (Reuters) —" in sents
    assert any(s.startswith("Kenyan police fired") for s in sents)


# -- the stage: phrase heads, error policy, lexicons on disk ------------------------------------
def test_phrase_heads_are_a_declared_extension(nlp):
    from whimbrel import ext

    assert "phrase_actors" in ext.DOC_EXTENSIONS
    doc = nlp("Hungarian and Romanian officials met on Monday.")
    head = next(t for t in doc if t.text == "officials")
    assert len(doc._.phrase_actors[head.i]) == 2
    assert not any(isinstance(k, str) and k.startswith("whimbrel_phrase") for k in doc.user_data)


def test_a_failing_rule_leaves_the_actors_empty_and_warns(nlp, monkeypatch, caplog):
    import whimbrel
    from whimbrel.stages.actors import component

    def boom(run, matches):
        raise RuntimeError("rule broke")

    monkeypatch.setattr(component, "STEPS", (component.find_persons, boom))
    with caplog.at_level("WARNING", logger="whimbrel.stages"):
        result = whimbrel.analyze("Russia said it would respond. Sergei Lavrov spoke.", published="2023-05-10",
                                  id="doc-boom", nlp=nlp)
    assert result.actors == ()
    assert result.warnings == ("whimbrel_actors: stage failed: RuntimeError: rule broke",)
    assert result.to_dict()["warnings"] == list(result.warnings)
    lines = [r.getMessage() for r in caplog.records if r.name == "whimbrel.stages"]
    assert len(lines) == 1 and "doc-boom" in lines[0] and "whimbrel_actors" in lines[0]
    monkeypatch.undo()
    doc = nlp("Russia said it would respond.")  # the next document is resolved as usual
    assert [a.code for a in doc._.actors] == ["RUS"] and not doc._.warnings


def _through_model(nlp, text):
    doc = nlp.make_doc(text)
    for name, proc in nlp.pipeline:
        if name == "whimbrel_actors":
            return doc
        doc = proc(doc)
    raise AssertionError("no whimbrel_actors in the pipeline")


def test_lexicons_round_trip_through_disk_and_an_edit_changes_the_result(nlp, tmp_path):
    from whimbrel.lexicons import LexiconError
    from whimbrel.stages.actors.component import ActorResolver

    text = "The Zorbian Liberation Council rejected the ceasefire on Monday."
    stage = ActorResolver(nlp, "whimbrel_actors")
    stage.to_disk(tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*") if p.is_file()) == \
        sorted(stage.lexicon_files)
    before = stage(_through_model(nlp, text))._.actors
    assert not any(a.code == "ZRBREB" for a in before)

    orgs = tmp_path / "actors" / "organizations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8") + "- name: Zorbian Liberation Council\n"
                    "  aliases: [ZLC]\n  country: ZRB\n  code: ZRBREB\n  kind: group\n  sector: REB\n",
                    encoding="utf-8")
    edited = ActorResolver(nlp, "whimbrel_actors").from_disk(tmp_path)
    after = edited(_through_model(nlp, text))._.actors
    assert [(a.name, a.code) for a in after] == [("Zorbian Liberation Council", "ZRBREB")]
    # The packaged lexicon is untouched.
    assert not any(a.code == "ZRBREB" for a in stage(_through_model(nlp, text))._.actors)

    orgs.write_text(orgs.read_text(encoding="utf-8") + "  colour: red\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"actors/organizations.yaml: .*colour"):
        ActorResolver(nlp, "whimbrel_actors").from_disk(tmp_path)


def test_country_tables_come_from_the_disk_cache(tmp_path, monkeypatch):
    from whimbrel.stages.actors import vocab

    monkeypatch.setenv("WHIMBREL_CACHE_DIR", str(tmp_path))
    built = vocab._country_tables()
    assert [p.name.split("-")[:2] for p in tmp_path.iterdir()] == [["country", "names"]]
    loaded = vocab._country_tables()
    assert loaded is not built and loaded == built
    assert vocab.build(None).forms == vocab.load().forms


def test_api_lexicon_lookups():
    from whimbrel.stages.actors.api import country_name, lexicon_entry

    assert country_name("RUS") == "Russia" and country_name("XXX") is None
    kremlin = lexicon_entry("Kremlin")
    assert (kremlin.name, kremlin.kind, kremlin.country, kremlin.code) == ("Russia", "country", "RUS", "RUS")
    assert lexicon_entry("not a name") is None


def test_the_actors_lexicon_does_not_depend_on_the_hash_seed(tmp_path):
    """A form two countries share ("Congolese": COD and COG) went to whichever the process's
    set order met last, so the same article coded Congo differently from run to run."""
    import os
    import subprocess
    import sys

    code = ("import hashlib\nfrom whimbrel.stages.actors import vocab\nlex = vocab.load()\n"
            "print(lex.demonyms['congolese'], lex.forms['Congolese'].code, hashlib.sha1(repr(sorted("
            "(k, repr(v)) for k, v in lex.forms.items())).encode() + repr(sorted(lex.demonyms.items()))"
            ".encode()).hexdigest())")
    outs = set()
    for seed in ("1", "2", "3"):
        env = dict(os.environ, PYTHONHASHSEED=seed, WHIMBREL_CACHE_DIR=str(tmp_path / seed))
        outs.add(subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                                check=True, timeout=120).stdout)
    assert len(outs) == 1, outs


def test_a_one_line_sentence_full_of_names_is_not_a_title_case_headline():
    from whimbrel.stages.actors.persons import headline_lines

    sentence = "John Smith criticized Barack Obama on Friday."
    assert headline_lines(sentence) == []
    assert headline_lines("Trump Slams Rivals Over Debt") == [(0, 28)]
    assert headline_lines("Pope Says Migrants Deserve Welcome\n\nBody text here.") == [(0, 34)]
