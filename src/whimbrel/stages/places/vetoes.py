"""Vetoes: candidate toponyms that their own words or the document say are something else.

:data:`VETO_RULES` are tried on every candidate after :mod:`.candidates` has
found them, in order; the first that fires drops the candidate. Each rule
reads one class of evidence that holds whatever the gazetteer offers:

* a time word is a time, not a town ("in March", "over Easter");
* a name the document puts before a disease noun is the disease throughout
  ("West Nile virus ... West Nile cases"), and so is a place-named disease of the
  lexicon in a document that speaks of a disease ("a virus ... to combat Ebola");
* a name is capitalised ("cheddar cheese" is no Cheddar), and a name no
  gazetteer entry has must not be a dotted or numbered code ("E.U.", "M.D.", "H5N1");
* a country's mark on a currency amount is no place ("$US 1.5 billion", "$45,000 US").
"""
from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc

from .mentions import Mention
from .vocab import Vocab

_CODE = re.compile(r"^(?:[A-Za-z]\.){2,}$|\d")


@dataclass
class _Document:
    doc: Doc
    vocab: Vocab
    diseases: frozenset[str]   # lower-cased names the document puts before a disease noun
    by_start: dict[int, Mention]  # the candidates by first token


def _time_word(d: _Document, m: Mention) -> bool:
    """"arrested in March", "deaths on the roads over Easter" -> times (March, Cambridgeshire is no answer)."""
    return m.text.lower() in d.vocab.settings.time_words


def _disease_name(d: _Document, m: Mention) -> bool:
    """"cases of West Nile virus ... West Nile is bad" -> the disease, in every mention, except
    where a state or country after a comma says place: "monkeys shipped to Reston, Virginia"
    is the town the Ebola-Reston virus is named after."""
    return m.text.lower() in d.diseases and not _qualified(d, m)


def _qualified(d: _Document, m: Mention) -> bool:
    """Whether ``m`` is followed by a comma and a candidate that is a country, state or province."""
    if m.end + 1 >= len(d.doc) or d.doc[m.end].text != ",":
        return False
    q = d.by_start.get(m.end + 1)
    return q is not None and any(h.entry.kind in ("country", "state", "province") for h in q.hits)


def _common_word(d: _Document, m: Mention) -> bool:
    """"cheddar cheese", "medical marijuana" tagged as places -> words (a name is capitalised)."""
    return not any(ch.isupper() for ch in m.text)


def _unknown_code(d: _Document, m: Mention) -> bool:
    """"Charles W. Murphy, M.D.", "the E.U.", "H5N1" tagged as places, with no gazetteer entry -> codes."""
    return not m.hits and (not m.text[:1].isupper() or bool(_CODE.search(m.text)))


def _currency_mark(d: _Document, m: Mention) -> bool:
    """"$US 1.5 billion", "US$20", "cost $45,000 US each" -> a currency's country mark, no place."""
    doc = d.doc
    before = doc[m.start - 1] if m.start > 0 else None
    if before is not None and before.text in _CURRENCY and not before.whitespace_:
        return True  # "$US"
    if m.end < len(doc) and doc[m.end].text in _CURRENCY and not doc[m.end - 1].whitespace_:
        return True  # "US$"
    return (before is not None and before.like_num and before.i > 0
            and any(t.text in _CURRENCY for t in doc[max(0, before.i - 2):before.i]))  # "$45,000 US"


#: Currency symbols a country's mark is written against.
_CURRENCY = frozenset({"$", "£", "€", "¥"})

#: The veto rules, tried in order on each candidate; the first that fires drops it.
VETO_RULES: list[Callable[[_Document, Mention], bool]] = [
    _time_word,
    _disease_name,
    _common_word,
    _unknown_code,
    _currency_mark,
]


def _diseases(doc: Doc, vocab: Vocab, mentions: list[Mention]) -> frozenset[str]:
    """Names the document uses for diseases: those it puts before a disease noun, and
    the place-named diseases of the lexicon when it speaks of any disease at all."""
    nouns = vocab.settings.disease_nouns
    named = {m.text.lower() for m in mentions if m.end < len(doc) and doc[m.end].lower_ in nouns}
    if any(t.lower_ in nouns for t in doc):
        named |= vocab.settings.place_named_diseases
    return frozenset(named)


def apply(doc: Doc, vocab: Vocab, mentions: list[Mention]) -> list[Mention]:
    """``mentions`` without the vetoed ones, in the same order."""
    d = _Document(doc, vocab, _diseases(doc, vocab, mentions), {m.start: m for m in mentions})
    return [m for m in mentions if not any(rule(d, m) for rule in VETO_RULES)]
