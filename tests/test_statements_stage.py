"""The statements stage as a package: error policy, saved lexicons, vocabulary checks, rule tables."""
from __future__ import annotations

import logging

import pytest
import yaml

from whimbrel import lexicons, syntax
from whimbrel.stages.statements import content, direct, headline, indirect, vocab
from whimbrel.stages.statements.component import StatementExtractor


def test_a_failing_rule_leaves_statements_empty_and_warns(analyze, monkeypatch, caplog):
    def boom(ctx, site, tok):
        raise RuntimeError("rule exploded")

    monkeypatch.setattr(indirect, "CUE_RULES", (boom,))
    with caplog.at_level(logging.WARNING, logger="whimbrel.stages"):
        result = analyze("Lavrov said Iran would respond to the sanctions.", id="doc-err")
    assert result.statements == ()
    assert result.actors  # the other stages still ran
    assert result.warnings == ("whimbrel_statements: stage failed: RuntimeError: rule exploded",)
    lines = [r.getMessage() for r in caplog.records if r.name == "whimbrel.stages"]
    assert len(lines) == 1 and "doc-err" in lines[0] and "whimbrel_statements" in lines[0]
    assert result.to_dict()["warnings"] == list(result.warnings)


def test_saved_lexicon_round_trip_with_an_edit(nlp, tmp_path):
    text = "The minister muttered that the talks had failed."
    doc = nlp(text)
    assert doc._.statements == []  # "mutter" is no cue in the package's lexicon
    nlp.get_pipe("whimbrel_statements").to_disk(tmp_path)
    saved = tmp_path / vocab.CUES_FILE
    raw = yaml.safe_load(saved.read_text(encoding="utf-8"))
    assert raw == lexicons.load(vocab.CUES_FILE)
    raw["groups"]["neutral"].append("mutter")
    saved.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")

    custom = StatementExtractor(nlp, "custom_statements").from_disk(tmp_path)
    custom(doc)
    assert [(s.cue, s.cue_group, text[slice(*s.content_span)]) for s in doc._.statements] == \
        [("mutter", "neutral", "that the talks had failed")]
    # the package's lexicon (cached) is untouched
    assert "mutter" not in vocab.load_cues().group_of
    assert nlp(text)._.statements == []


def _write_cues(tmp_path, edit) -> None:
    raw = yaml.safe_load((lexicons.data_root() / vocab.CUES_FILE).read_text(encoding="utf-8"))
    edit(raw)
    path = tmp_path / vocab.CUES_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(raw, allow_unicode=True), encoding="utf-8")


def test_vocabulary_refuses_a_lemma_in_two_groups_and_unknown_groups(tmp_path):
    _write_cues(tmp_path, lambda raw: raw["groups"]["warn"].append("say"))
    with pytest.raises(lexicons.LexiconError, match=r"statements/cues.yaml: .*'say' is already in group 'neutral'"):
        vocab.load_cues(tmp_path)
    _write_cues(tmp_path, lambda raw: raw["xcomp_groups"].append("musing"))
    with pytest.raises(lexicons.LexiconError, match=r"statements/cues.yaml: xcomp_groups: unknown cue group 'musing'"):
        vocab.load_cues(tmp_path)
    _write_cues(tmp_path, lambda raw: raw["phrasal"]["call"].update(prep=["for"]))
    with pytest.raises(lexicons.LexiconError, match=r"Additional properties"):
        vocab.load_cues(tmp_path)


def test_cue_lemmas_for_the_prefilter():
    lemmas = vocab.cue_lemmas()
    assert {"say", "deny", "accuse", "vow"} <= lemmas
    assert lemmas == frozenset(vocab.load_cues().group_of)


@pytest.mark.parametrize("rule", [*indirect.CUE_RULES, *content.CONTENT_RULES,
                                  *direct.QUOTE_RULES, *headline.HEADLINE_RULES],
                         ids=lambda r: r.__name__)
def test_every_rule_shows_an_example(rule):
    doc = rule.__doc__ or ""
    assert any(q in doc for q in ('"', "'", "\u201c")), f"{rule.__name__}: no example sentence"


def test_passive_auxiliary_differs_from_a_passive_subject(nlp):
    doc = nlp("The talks were suspended and are expected to resume next week.")
    expected = next(t for t in doc if t.text == "expected")
    assert syntax.has_passive_auxiliary(expected)
    assert not any(c.dep == syntax.nsubjpass for c in expected.children)
