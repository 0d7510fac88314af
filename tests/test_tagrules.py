"""The indexed attribute ruler finds exactly the matches spaCy's Matcher finds.

Three ways: the model's own rules on real and awkward text, token by token
against a plain spaCy pipeline; generated rules (every kind the index handles
itself, and kinds it hands back to a Matcher) on generated documents; and rules
added or cleared after the index was built.
"""
from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path

import pytest
import spacy
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc
from spacy.vocab import Vocab

from whimbrel import settings as wsettings
from whimbrel.tagrules import IndexedMatch, index_attribute_ruler

ROOT = Path(__file__).resolve().parent.parent

AWKWARD = [
    "Ain't nothin' gonna stop us, y'all. C'mon, let's go: there's work and there were doubts.",
    "He ain't here.  She isn't either.\n\n\nThey'd gotta leave; we're gonna stay, nuthin' else.",
    "   \n  leading spaces\t\ttabs and ALL CAPS WORDS, 12,000 troops, $4.5bn; e-mail: a@b.org ...",
    "That is what that was. Which one? Those that were there, these ones, all of them.",
    "",
    "\n",
]


def _texts() -> list[str]:
    texts = list(AWKWARD)
    for path in sorted((ROOT / "examples").glob("*.txt")):
        texts.append(path.read_text(encoding="utf-8"))
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import corpus
    finally:
        sys.path.pop(0)
    texts.extend(doc["text"] for doc in corpus(25, 11))
    gold = ROOT / "tests" / "fixtures" / "statements_gold.jsonl"
    if gold.exists():
        for line in gold.read_text(encoding="utf-8").splitlines()[:40]:
            texts.append(json.loads(line).get("text", ""))
    return texts


@pytest.fixture(scope="module")
def plain():
    """The model as spaCy ships it: its attribute ruler matches with the Matcher."""
    nlp = spacy.load(wsettings.model_name())
    assert "match" not in nlp.get_pipe("attribute_ruler").__dict__
    return nlp


def test_same_matches_as_the_matcher_on_real_text(plain):
    ruler = plain.get_pipe("attribute_ruler")
    indexed = IndexedMatch(ruler)
    before = [name for name in plain.pipe_names if name in ("tok2vec", "tagger", "parser")]
    compared = 0
    for doc in plain.pipe(_texts(), disable=[n for n in plain.pipe_names if n not in before]):
        expected = ruler.match(doc)
        assert indexed(doc) == expected, doc.text[:80]
        compared += len(expected)
    assert compared > 5000  # the texts exercised the rules


def test_token_attributes_equal_a_plain_pipeline(plain, nlp):
    """Whimbrel's pipeline (indexed ruler) and spaCy's give every token the same annotations."""
    assert isinstance(nlp.get_pipe("attribute_ruler").__dict__.get("match"), IndexedMatch)
    texts = _texts()
    model_pipes = [n for n in plain.pipe_names]
    theirs = plain.pipe(texts)
    ours = nlp.pipe(texts, disable=[n for n in nlp.pipe_names if n not in model_pipes])
    for a, b in zip(theirs, ours):
        assert [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in a] == \
               [(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i, t.ent_iob_, t.ent_type_) for t in b]


# -- generated rules on generated documents ------------------------------------------------

WORDS = ["a", "A", "ai", "n't", "nt", "gon", "na", "the", "The", "Rome", " ", "\n", "  ", "all", "y'"]
TAGS = ["NN", "VB", "DT", "VBZ", "_SP", "TO", ""]
DEPS = ["nsubj", "det", "aux", "dep", "ROOT", ""]

string_test = st.one_of(
    st.sampled_from(TAGS[:-1]).map(lambda v: ("TAG", v)),
    st.lists(st.sampled_from(TAGS), min_size=1, max_size=3).map(lambda v: ("TAG", {"IN": v})),
    st.lists(st.sampled_from(TAGS), min_size=1, max_size=3).map(lambda v: ("TAG", {"NOT_IN": v})),
    st.sampled_from([w.lower() for w in WORDS]).map(lambda v: ("LOWER", v)),
    st.sampled_from(WORDS).map(lambda v: ("ORTH", v)),
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=3).map(lambda v: ("LOWER", {"IN": v})),
    st.sampled_from(["^n'?t$", "^a", "o", "^$", r"\s"]).map(lambda v: ("LOWER", {"REGEX": v})),
    st.sampled_from(DEPS[:-1]).map(lambda v: ("DEP", v)),
    st.lists(st.sampled_from(DEPS), min_size=1, max_size=3).map(lambda v: ("DEP", {"NOT_IN": v})),
    st.booleans().map(lambda v: ("IS_SPACE", v)),
    st.booleans().map(lambda v: ("IS_TITLE", v)),
    # Handed back to a Matcher: an operator and an attribute the index does not read.
    st.sampled_from(["?", "+", "!"]).map(lambda v: ("OP", v)),
    st.integers(1, 3).map(lambda v: ("LENGTH", v)),
)
token_spec = st.lists(string_test, max_size=3).map(dict)
pattern = st.lists(token_spec, min_size=1, max_size=3)
rule = st.lists(pattern, min_size=1, max_size=2)
document = st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(TAGS), st.sampled_from(DEPS)),
                    min_size=0, max_size=14)


def _doc(vocab: Vocab, tokens: list[tuple[str, str, str]]) -> Doc:
    words = [w for w, _, _ in tokens]
    doc = Doc(vocab, words=words, spaces=[False] * len(words))
    for token, (_, tag, dep) in zip(doc, tokens):
        token.tag_ = tag
        token.dep_ = dep
    return doc


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(rules=st.lists(rule, min_size=1, max_size=6), docs=st.lists(document, min_size=1, max_size=4))
def test_same_matches_as_the_matcher_on_generated_rules(rules, docs):
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    for patterns in rules:
        try:
            ruler.add(patterns, {"LEMMA": "x"})
        except (ValueError, KeyError):  # a pattern the Matcher itself refuses: not a case to compare
            return
    indexed = IndexedMatch(ruler)
    for tokens in docs:
        doc = _doc(vocab, tokens)
        assert indexed(doc) == ruler.match(doc), (rules, tokens)


def test_rules_added_or_cleared_later_are_used():
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
    indexed = IndexedMatch(ruler)
    doc = _doc(vocab, [("Rome", "NN", "ROOT"), ("gon", "VB", "aux"), ("na", "VB", "dep")])
    assert indexed(doc) == ruler.match(doc) and len(indexed(doc)) == 1
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "go"})
    assert indexed(doc) == ruler.match(doc) and len(indexed(doc)) == 2
    ruler.clear()
    with warnings.catch_warnings():  # spaCy warns (W036) that the cleared ruler's Matcher is empty
        warnings.simplefilter("ignore", UserWarning)
        assert indexed(doc) == ruler.match(doc) == []


def test_index_attribute_ruler_installs_once_and_keeps_the_rules():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "rome"}]], {"TAG": "NNP"})
    assert index_attribute_ruler(nlp) == 1
    assert index_attribute_ruler(nlp) == 0  # already indexed
    doc = nlp("Rome and rome")
    assert [t.tag_ for t in doc] == ["NNP", "", "NNP"]
    assert "match" not in AttributeRuler.__dict__ or AttributeRuler.match is not ruler.match
    # Serialisation is spaCy's: the patterns round-trip and a fresh ruler matches the same.
    again = spacy.blank("en").add_pipe("attribute_ruler")
    again.from_bytes(ruler.to_bytes())
    assert again.patterns == ruler.patterns


def test_two_regex_tests_of_one_rule_do_not_share_their_answers():
    """Found by the generated-rules test: the rule's regex answers were kept per string only,
    so "n't" took the answer of the first token's REGEX 'o' instead of its own."""
    vocab = spacy.blank("en").vocab
    ruler = AttributeRuler(vocab)
    ruler.add([[{"LOWER": {"REGEX": "o"}}, {"LOWER": {"REGEX": "^n'?t$"}}]], {"LEMMA": "x"})
    doc = _doc(vocab, [("gon", "NN", "nsubj"), ("n't", "NN", "nsubj")])
    assert IndexedMatch(ruler)(doc) == ruler.match(doc) and len(ruler.match(doc)) == 1
