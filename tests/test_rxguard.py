"""The regex guard never skips a text a pattern matches, and the times stage finds the same candidates with it."""
from __future__ import annotations

import json
import re
import string
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from whimbrel import rxguard
from whimbrel.stages.times import patterns, vocab

ROOT = Path(__file__).resolve().parent.parent


def test_fold_covers_every_character_ignorecase_matches_to_ascii():
    """Brute force over all of Unicode: whatever re.IGNORECASE equates with an ASCII character folds to it."""
    ascii_chars = string.ascii_letters + string.digits + string.punctuation + " "
    any_ascii = re.compile("[" + re.escape(ascii_chars) + "]", re.IGNORECASE)
    for code in range(0x80, 0x110000):
        c = chr(code)
        if any_ascii.fullmatch(c):
            twins = [a for a in ascii_chars if re.fullmatch(re.escape(a), c, re.IGNORECASE)]
            assert rxguard.fold(c) in {a.lower() for a in twins}, (hex(code), twins)


def test_requirements_of_simple_patterns():
    # The longest of the required literals is chosen.
    assert rxguard.required(re.compile(r"(?<!\w)(\d+) years? ago", re.I)).literals == frozenset({" year"})
    assert rxguard.required(re.compile(r"(?:last|next) (?:week|month)")).literals == frozenset({"last", "next"})
    assert rxguard.required(re.compile(r"\d{4}-\d\d")).literals == frozenset({"-"})
    # Nothing every match needs: no guard.
    assert rxguard.required(re.compile(r"\d+|[a-z]+")).literals is None
    assert rxguard.required(re.compile(r"(?:ago)?\d")).literals is None
    assert rxguard.required(re.compile(r"(?=ago)\w+")).literals is None  # a lookahead consumes nothing
    g = rxguard.required(re.compile(r"o'clock", re.I))
    assert g.may_match(rxguard.fold("at FIVE O'CLOCK")) and not g.may_match(rxguard.fold("at five"))


# -- soundness on generated patterns ---------------------------------------------------------

ALPHABET = "abkisAK İıſK'- 1"
literal = st.text(alphabet="abkisAK'- 1", min_size=1, max_size=3).map(re.escape)
atom = st.one_of(literal, st.sampled_from([r"\d", r"\w", r"[ab]", r"[ks]", "[i']", ".", r"\s", "(?<!a)", "(?=b)", r"\b"]))


def _patterns(children):
    return st.one_of(
        st.lists(children, min_size=1, max_size=3).map("".join),
        st.lists(children, min_size=2, max_size=3).map(lambda xs: "(?:" + "|".join(xs) + ")"),
        st.tuples(children, st.sampled_from(["?", "*", "+", "{2}", "{0,2}", "+?", "{1,2}"])).map(
            lambda t: "(?:" + t[0] + ")" + t[1]),
        children.map(lambda x: "(?P<g>" + x + ")(?P=g)?"),
    )


pattern = st.recursive(atom, _patterns, max_leaves=8)


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(source=pattern, flags=st.sampled_from([0, re.IGNORECASE]),
       texts=st.lists(st.text(alphabet=ALPHABET, max_size=12), min_size=1, max_size=6))
def test_the_guard_never_refuses_a_text_the_pattern_matches(source, flags, texts):
    try:
        rx = re.compile(source, flags)
    except re.error:
        return
    guard = rxguard.required(rx)
    for text in texts:
        if rx.search(text):
            assert guard.may_match(rxguard.fold(text)), (source, flags, text, guard.literals)


# -- the times stage ------------------------------------------------------------------------------


def _texts() -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((ROOT / "tests/fixtures/times_articles").glob("*.txt"))]
    for name in ("times_gold.jsonl", "statements_gold.jsonl"):
        path = ROOT / "tests" / "fixtures" / name
        if path.exists():
            texts += [json.loads(line).get("text", "") for line in path.read_text(encoding="utf-8").splitlines()]
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        from corpus import corpus
    finally:
        sys.path.pop(0)
    texts += [doc["text"] for doc in corpus(40, 3)]
    texts += ["On İstanbul's day: ſeptember 5 at 10 o'clock, 3 WEEKS AGO; ın March; the 1990s.", ""]
    return texts


def test_times_candidates_are_the_same_with_and_without_the_guard():
    texts = _texts()
    assert len(texts) > 60
    skipped = 0
    lex = vocab.packaged()
    for text in texts:
        assert patterns.find_candidates(text, lex) == patterns.find_candidates(text, lex, guarded=False), text[:80]
        folded = rxguard.fold(text)
        skipped += sum(not g.may_match(folded) for g in lex.guards)
    assert skipped > len(texts) * 5  # the guard does skip patterns on ordinary text
