"""Metonymy: a toponym standing for the people who govern or act for the place.

Place-for-people metonymy (Markert & Nissim 2002): a toponym that fills a slot
wanting an animate, intentional participant stands for its government ("Moscow
said", "Tehran was ready", "sanctions against Iran") and is kept as a place with
``metonymy=True``. The lexical classes are in ``data/places/metonymy.yaml``.

:data:`RULES` are tried in order on the token whose role the toponym shares
(:func:`role_bearer`); the first that fires gives the reason. The last rule takes
the actors stage's word for capitals it read as metonyms.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple

from spacy.tokens import Doc, Span, Token

from whimbrel import syntax as dep

from .mentions import COORD, MODIFIER, OBJ, actor_metonym_at
from .vocab import Metonymy, Vocab


class Slot(NamedTuple):
    """The toponym's grammatical slot: its role bearer, that token's head and label, and the lexicon."""

    doc: Doc
    span: Span
    tok: Token
    head: Token
    dep: int
    lex: Metonymy
    vocab: Vocab


def is_metonymic(doc: Doc, span: Span, vocab: Vocab) -> tuple[bool, str | None]:
    """Whether the toponym ``span`` stands for the people governing the place, and why."""
    lex = vocab.metonymy
    tok = role_bearer(span.root, lex)
    slot = Slot(doc, span, tok, tok.head, tok.dep, lex, vocab)
    for rule in RULES:
        why = rule(slot)
        if why is not None:
            return True, why
    return False, None


def role_bearer(tok: Token, lex: Metonymy) -> Token:
    """The token whose grammatical role the toponym shares.

    A conjunct or apposition takes the role of the phrase it is coordinated with
    ("Moscow and Tehran were planning": Tehran is a subject of "planning" too); the
    name in "the US state of Georgia" / "the city of Kyiv" takes the role of the
    designating noun.
    """
    for _ in range(6):
        if tok.dep in COORD and tok.head is not tok and tok.head.i < tok.i:
            tok = tok.head
        elif (tok.dep == dep.pobj and tok.head.lower_ == "of"
              and tok.head.head.lemma_.lower() in lex.designator_nouns):
            tok = tok.head.head
        else:
            break
    return tok


# --------------------------------------------------------------------------- the rules, in order

def _subject_of_intentional_verb(s: Slot) -> str | None:
    """"Moscow said it would respond." -> subject of 'say' (speech, cognition, volition, politics)."""
    if s.dep == dep.nsubj and s.head.lemma_.lower() in s.lex.subject_verbs:
        return f"subject of '{s.head.lemma_}'"
    return None


def _subject_of_animate_adjective(s: Slot) -> str | None:
    """"Seoul was ready to resume talks." -> subject of 'be ready' (copula with an animate-subject adjective)."""
    if s.dep != dep.nsubj:
        return None
    for child in s.head.children:
        if child.dep in (dep.acomp, dep.attr) and child.lemma_.lower() in s.lex.subject_adjectives:
            return f"subject of 'be {child.lemma_}'"
    return None


def _passive_subject_of_object_verb(s: Slot) -> str | None:
    """"Tehran was sanctioned." -> passive subject of 'sanction' (the patient of an act aimed at a party)."""
    if s.dep == dep.nsubjpass and s.head.lemma_.lower() in s.lex.object_verbs:
        return f"passive subject of '{s.head.lemma_}'"
    return None


def _agent_of_intentional_verb(s: Slot) -> str | None:
    """"The offer was rejected by Tehran." -> agent of 'reject'."""
    if s.dep == dep.pobj and s.head.dep == dep.agent and s.head.head.lemma_.lower() in s.lex.subject_verbs:
        return f"agent of '{s.head.head.lemma_}'"
    return None


def _object_of_object_verb(s: Slot) -> str | None:
    """"The president withdrew Washington from the agreement." -> object of 'withdraw'."""
    if s.dep in OBJ and s.head.lemma_.lower() in s.lex.object_verbs:
        return f"object of '{s.head.lemma_}'"
    return None


def _owner_of_agent_noun(s: Slot) -> str | None:
    """"Moscow's position has not changed." -> owner of 'position'.

    The possessor or modifier of an attitude / act / agent noun ("the US threat",
    "Iran nuclear deal") is its intentional owner.
    """
    if s.dep in MODIFIER and s.head.lemma_.lower() in s.lex.agent_nouns:
        return f"owner of '{s.head.lemma_}'"
    return None


def _partner_of_relation(s: Slot) -> str | None:
    """"The embargo against Tehran expired." -> 'against' partner of 'embargo'.

    The partner or target of a political relation noun or verb ("cooperation with
    Moscow", "cooperate with Iran") is an actor.
    """
    if s.dep != dep.pobj or s.head.lemma_.lower() not in s.lex.relation_preps:
        return None
    gov = s.head.head
    if gov.lemma_.lower() in s.lex.relation_nouns or (
            gov.pos_ in ("VERB", "AUX") and gov.lemma_.lower() in s.lex.relation_verbs):
        return f"'{s.head.lower_}' partner of '{gov.lemma_}'"
    return None


def _target_of_verb_object_relation(s: Slot) -> str | None:
    """"The EU extended its sanctions on Russia." -> 'on' target of 'sanction'.

    The parser often hangs the preposition on the verb; the relation noun is its object.
    """
    if s.dep != dep.pobj or s.head.lemma_.lower() not in s.lex.relation_preps:
        return None
    gov = s.head.head
    if gov.pos_ in ("VERB", "AUX") and s.head.lower_ != "with":
        for obj in gov.children:
            if obj.dep in OBJ and obj.lemma_.lower() in s.lex.relation_nouns and obj.i < s.head.i:
                return f"'{s.head.lower_}' target of '{obj.lemma_}'"
    return None


def _actors_stage_metonym(s: Slot) -> str | None:
    """"Washington received support only from two allies." -> the actors stage's metonym.

    The actors stage marks capitals outside locative phrases as metonyms. Take its
    word unless the name is the subject of a verb that allows a place as mere
    setting ("Tbilisi saw protests", "Geneva hosted the talks", "Kyiv is the
    capital"), the object of a motion verb ("reached Kyiv"), or the object of a
    preposition the rules above did not read as a partner or agent: a setting or
    goal ("snow fell on Ankara", "a flight to Kyiv").
    """
    if not actor_metonym_at(s.doc, s.span.start, s.span.end):
        return None
    setting = s.dep == dep.nsubj and (s.head.lemma_.lower() in s.lex.setting_verbs or s.head.lemma_ == "be")
    moved_to = s.dep in OBJ and s.head.lemma_.lower() in s.vocab.settings.motion_verbs
    in_pp = s.dep == dep.pobj
    return None if setting or moved_to or in_pp else "actors: metonym mention"


#: The metonymy rules, tried in order; the first to return a reason decides.
RULES: list[Callable[[Slot], str | None]] = [
    _subject_of_intentional_verb,
    _subject_of_animate_adjective,
    _passive_subject_of_object_verb,
    _agent_of_intentional_verb,
    _object_of_object_verb,
    _owner_of_agent_noun,
    _partner_of_relation,
    _target_of_verb_object_relation,
    _actors_stage_metonym,
]
