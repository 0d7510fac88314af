"""Finds the actor and recipient of an event in the dependency parse.

Returns *tokens* (heads of noun phrases), each with the rule that found it; the
component turns them into actor ids through :mod:`whimbrel.actors`. Rules, each
with its linguistic reason, follow the usual mapping of grammatical functions to
semantic roles (the agent is the active subject or the passive "by" phrase; the
patient/goal is the object or a prepositional complement), as in the PETRARCH
and TABARI coders' source/target conventions:

* active clause: actor = subject, recipient = direct object, dative, or a
  prepositional object (with/against/on/to/...);
* passive clause ("was attacked by X"): actor = the "by" agent, recipient =
  the passive subject;
* control and raising ("Russia plans to expand ..."), conjoined predicates
  ("X met Y and signed ...") and relative clauses ("troops that attacked ...")
  take the subject of the governing predicate or the modified noun;
* nominal events ("Russia's cooperation with Iran", "the US threat",
  "an attack by rebels on X", "talks between X and Y"): possessor,
  actor-denoting modifiers and "by" phrases are actors, prepositional objects
  are recipients, "between" objects are all actors (reciprocal events);
* an event noun that is the object of a light verb ("imposed sanctions on X")
  takes its actor from the verb and its recipient from either.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .deps import (acl, advcl, agent, amod, appos, attr, acomp, compound, conj, dative, dobj, nmod,
                           nsubj, nsubjpass, pcomp, pobj, poss, prep, relcl, xcomp, csubj, ccomp, oprd)
from spacy.tokens import Token

from .lexicon import Lexicon

_SUBJECTS = {nsubj, csubj}
_RELATIVE_PRONOUNS = {"who", "which", "that", "whom"}


@dataclass
class Roles:
    actors: list[tuple[Token, str]] = field(default_factory=list)      # (head token, rule)
    recipients: list[tuple[Token, str]] = field(default_factory=list)
    reciprocal: bool = False


def _pobjs(tok: Token, preps: set[str] | frozenset[str]) -> list[tuple[Token, str]]:
    """Objects of ``tok``'s prepositional dependents whose preposition is in ``preps``."""
    out = []
    for c in tok.children:
        # spaCy labels "to"/"for" before a goal as dative ("sent inspectors to Syria")
        if c.dep in (prep, dative) and c.lower_ in preps:
            for o in c.children:
                if o.dep in (pobj, pcomp):
                    out.append((o, f"prep:{c.lower_}"))
    return out


def passive(verb: Token) -> bool:
    return any(c.dep == nsubjpass for c in verb.children)


#: Set by the component from roles.yaml: passives read as dispositions ("is committed to").
DISPOSITIONAL: set[str] = set()


def clause_subject(verb: Token, depth: int = 0) -> tuple[Token | None, str]:
    """The subject of ``verb``, following control, conjunction and relative clauses."""
    if depth > 6:
        return None, ""
    for c in verb.children:
        if c.dep in _SUBJECTS:
            if c.lower_ in _RELATIVE_PRONOUNS and verb.dep == relcl:
                # "the troops that attacked": the relative pronoun stands for the noun
                return verb.head, "relcl"
            return c, "nsubj"
    if passive(verb):
        for c in verb.children:
            if c.dep == agent:
                for o in c.children:
                    if o.dep == pobj:
                        return o, "agent"
        if verb.lemma_.lower() in DISPOSITIONAL:
            # "Vietnam is committed to ...": an adjectival passive of disposition
            for c in verb.children:
                if c.dep == nsubjpass:
                    return c, "nsubj"
        return None, ""
    head = verb.head
    if head is verb:
        return None, ""
    if verb.pos_ == "ADJ" and verb.dep == acomp and head.pos_ in ("VERB", "AUX"):
        # a predicative adjective governing a complement ("X is willing/ready/able to
        # send ..."): the copula's subject is the adjective's, and so the complement's
        s, how = clause_subject(head, depth + 1)
        return s, (f"predicate({how})" if s is not None else "")
    if verb.dep in (xcomp, conj) and head.pos_ in ("VERB", "AUX", "ADJ"):
        # control ("X plans to expand": X expands) and shared subjects ("X met Y and signed")
        s, how = clause_subject(head, depth + 1)
        return s, (f"{'control' if verb.dep == xcomp else 'conj'}({how})" if s is not None else "")
    if verb.dep == xcomp and head.pos_ in ("NOUN", "PROPN"):
        return None, ""
    if verb.dep == relcl:
        return head, "relcl"
    if verb.dep == advcl and (verb.tag_ in ("VBG", "VBN") or any(c.tag_ == "TO" for c in verb.children)):
        # purpose infinitives ("sent troops to help X") are controlled by the main subject too
        # participial adjunct ("..., saying ...", "..., killing five"): shares the main subject
        s, how = clause_subject(head, depth + 1)
        return s, (f"adjunct({how})" if s is not None else "")
    if verb.dep == acl and head.pos_ in ("NOUN", "PROPN"):
        # "attempts to keep the ban", "plans to expand": the noun's owner acts
        return None, "acl"
    if verb.dep == pcomp and head.dep == prep:
        # "resorted to throwing stones", "are guilty of violating the truce", "by sending
        # troops": a gerund after a preposition shares the subject of the clause it is in
        gov = head.head
        if gov.pos_ in ("ADJ", "NOUN") and gov.dep in (acomp, attr) and gov.head.pos_ in ("VERB", "AUX"):
            gov = gov.head
        if gov.pos_ in ("VERB", "AUX"):
            s, how = clause_subject(gov, depth + 1)
            return s, (f"gerund({how})" if s is not None else "")
    return None, ""


def noun_actors(noun: Token, lex: Lexicon, is_actor, with_of: bool = True,
                exclude: frozenset[str] | set[str] = frozenset()) -> list[tuple[Token, str]]:
    """Actors of a nominal event from its own dependents.

    ``with_of`` False leaves out the "of" doer ("the withdrawal of US troops"), a
    weaker reading than a light verb's subject; ``exclude`` names prepositions
    that this trigger uses for its recipient ("withdrawal from X").
    """
    out: list[tuple[Token, str]] = []
    agent_preps = lex.words("roles", "agent_preps") - set(exclude)
    of_agents = lex.words("roles", "of_is_agent")
    for c in noun.children:
        if c.dep == poss:
            out.append((c, "poss"))
        elif c.dep in (compound, amod, nmod) and is_actor(c):
            # "the US threat", "Russian military cooperation": a modifier naming an actor
            out.append((c, c.dep_))
    out += [(o, r) for o, r in _pobjs(noun, agent_preps) if o.lower_ not in ("which", "that")]
    if with_of and noun.lemma_.lower() in of_agents:
        out += _pobjs(noun, {"of"})
    return out


def reciprocal_parties(tok: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    return _pobjs(tok, lex.words("roles", "reciprocal_preps"))


def recipients_of(tok: Token, lex: Lexicon, allowed: tuple[str, ...] = (), include_dobj: bool = True,
                  of_patient: bool = False) -> list[tuple[Token, str]]:
    """Candidate recipients among ``tok``'s dependents, best first."""
    preps = lex.words("roles", "recipient_preps")
    out: list[tuple[Token, str]] = []
    if allowed:
        for role in allowed:
            if role.startswith("prep:"):
                out += _pobjs(tok, {role[5:]})
            elif role == "dobj":
                out += [(c, "dobj") for c in tok.children if c.dep == dobj]
        return out
    if include_dobj:
        out += [(c, "dobj") for c in tok.children if c.dep in (dobj, dative)]
        out += [(c, "nsubjpass") for c in tok.children if c.dep == nsubjpass]
    order = [p for p in lex.roles.get("recipient_preps", ())]
    found = _pobjs(tok, preps)
    found.sort(key=lambda x: order.index(x[1][5:]) if x[1][5:] in order else 99)
    out += found
    if of_patient:
        out += [(o, "of-patient") for o, _ in _pobjs(tok, {"of"})]
    return out
