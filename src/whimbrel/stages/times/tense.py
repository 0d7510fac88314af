"""The tense of the clause a time expression sits in: the direction an anchored date is read in."""
from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from ... import syntax
from .anchoring import FUTURE, PAST, PRESENT, UNKNOWN

if TYPE_CHECKING:
    from .vocab import Vocabulary

#: Parts of speech that head a clause: a walk up the tree stops at the first one.
CLAUSE_HEADS = frozenset({"VERB", "AUX"})
#: Auxiliaries of a verb.
_AUX = frozenset({syntax.aux, syntax.auxpass})
#: Reduced relatives ("the deal signed on Tuesday").
_REDUCED_RELATIVE = frozenset({syntax.acl, syntax.relcl})


def clause_tense(span: Span, lex: Vocabulary) -> str:
    """Tense of the clause governing ``span``: past, present, future or unknown.

    Walks from the span's syntactic root up to the first verb. Future is marked
    by a future auxiliary ("will meet"), by "going to", or by an infinitive under
    a planning predicate ("plans to meet", "is due to vote") or heading a
    headline ("Lavrov to visit Tehran on Friday"). Past is a past-tense verb or
    auxiliary ("met", "has met", "was signed").
    """
    tok = span.root
    for _ in range(12):
        if tok not in span and _looks_ahead(tok, lex):
            return FUTURE  # "a dividend payable Nov. 15", "the vote set for Thursday"
        if tok.pos_ in CLAUSE_HEADS and tok not in span:
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in CLAUSE_HEADS:
        return UNKNOWN
    return _verb_tense(tok, lex)


def _looks_ahead(tok: Token, lex: Vocabulary) -> bool:
    """An adjective or participle that points forward ("payable", "due", "scheduled"),
    unless a past auxiliary makes it a report ("the fire was set on Tuesday")."""
    if tok.lower_ not in lex.future_heads or tok.tag_ not in ("JJ", "VBN"):
        return False
    if any(c.dep == syntax.prt for c in tok.children):
        return False  # a phrasal verb is no plan: "protesters set off on Wednesday on a march"
    return not any(c.dep in _AUX and c.tag_ == "VBD" for c in tok.children)


def _verb_tense(verb: Token, lex: Vocabulary, depth: int = 0) -> str:
    auxes = [c for c in verb.children if c.dep in _AUX]
    lowers = {a.lower_ for a in auxes}
    if lowers & lex.future_auxiliaries or (verb.tag_ == "MD" and verb.lower_ in lex.future_auxiliaries):
        return FUTURE
    # A possibility modal with a bare infinitive looks ahead ("passage could come
    # on Friday", "he might run in two years"); with "have" or a negation it does not
    # ("could have left", "could not agree on Friday").
    if lowers & lex.future_modals and verb.tag_ == "VB" and "have" not in lowers \
            and not any(c.dep == syntax.neg for c in verb.children):
        return FUTURE
    if "to" in lowers or verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        return _infinitive_tense(verb, lex, depth)
    if any(a.lower_ == "would" for a in auxes):
        # Reported future-in-the-past ("said the father would travel Thursday"): the report is
        # recent, so the event is the nearest such day, which may lie either side of the anchor.
        return PRESENT
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return PAST
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PRESENT
    if verb.tag_ == "VBN" and verb.dep in _REDUCED_RELATIVE:
        return PAST  # reduced relative: "the deal signed on Tuesday"
    return UNKNOWN


def _past_perfect(tok: Token) -> bool:
    """Whether ``tok`` (or the copula it complements: "had been due") has the auxiliary "had"."""
    holders = [tok] + ([tok.head] if tok.dep in (syntax.acomp, syntax.attr) else [])
    return any(c.dep in _AUX and c.lower_ == "had" for h in holders for c in h.children)


def _infinitive_tense(verb: Token, lex: Vocabulary, depth: int) -> str:
    """An infinitive ("to meet") looks ahead under a planning predicate, a noun or in a headline;
    otherwise it takes the tense of its head, a past head giving unknown."""
    head = verb.head
    # Infinitive under a planning predicate, or a headline infinitive: future; a plan in the past
    # perfect is over ("the offer had been due to expire Friday", "had been scheduled to end").
    if head.i != verb.i and head.lemma_.lower() in lex.future_predicates and _past_perfect(head):
        return UNKNOWN
    if head.i == verb.i or head.lemma_.lower() in lex.future_predicates:
        return FUTURE
    # "is to resume trading Tuesday": "be" with an infinitive is an arrangement ahead.
    if head.lemma_ == "be" and head.tag_ in ("VBZ", "VBP") and verb.dep == syntax.xcomp:
        return FUTURE
    if head.pos_ in ("NOUN", "PROPN"):
        return FUTURE  # infinitive on a noun: "plans to meet", headline "Lavrov to visit ..."
    if depth < 3 and head.pos_ in CLAUSE_HEADS | {"ADJ"}:
        t = _verb_tense(head, lex, depth + 1)
        return FUTURE if t == FUTURE else (UNKNOWN if t == PAST else t)
    return UNKNOWN
