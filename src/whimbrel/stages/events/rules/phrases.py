"""Candidate actors and recipients of an event in the dependency parse.

Returns *tokens* (heads of noun phrases), each with the rule that found it; the
role rules (:mod:`.actors`, :mod:`.recipients`) turn them into actor ids through
the actors stage's api. Rules, each
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

from typing import TYPE_CHECKING

from spacy.tokens import Token

from ....syntax import (acl, acomp, advcl, agent, amod, attr, ccomp, clause_subject, compound, dative, det, dobj, for_to_clause,
                        mark, nmod, nsubj, nsubjpass, pcomp, pobj, poss, prep, relcl, xcomp)
from ..vocab import Lexicon

if TYPE_CHECKING:
    from ..triggers import Trigger


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


def noun_actors(noun: Token, lex: Lexicon, is_actor, with_of: bool = True,
                exclude: frozenset[str] | set[str] = frozenset()) -> list[tuple[Token, str]]:
    """Actors of a nominal event from its own dependents.

    ``with_of`` False leaves out the "of" doer ("the withdrawal of US troops"), a
    weaker reading than a light verb's subject; ``exclude`` names prepositions
    that this trigger uses for its recipient ("withdrawal from X").
    """
    out: list[tuple[Token, str]] = []
    agent_preps = lex.roles.agent_preps - set(exclude)
    of_agents = lex.roles.of_is_agent
    for c in noun.children:
        if c.dep == poss and noun.lemma_.lower() not in lex.roles.poss_is_patient:
            out.append((_whose_antecedent(c), "poss"))
        elif c.dep in (compound, amod, nmod) and is_actor(c):
            # "the US threat", "Russian military cooperation": a modifier naming an actor
            out.append((c, c.dep_))
    out += [(o, r) for o, r in _pobjs(noun, agent_preps) if o.lower_ not in ("which", "that")]
    if with_of and of_is_agent(noun, lex):
        out += _pobjs(noun, {"of"})
    return out


def of_is_agent(noun: Token, lex: Lexicon) -> bool:
    """Whether the "of" object of event noun ``noun`` does it ("the support of Russia"). Not in
    the adverbial idiom "in <noun> of X" ("a rally in support of the people", "marched in
    protest of the verdict"), where X is what the act is for or against."""
    if noun.lemma_.lower() not in lex.roles.of_is_agent:
        return False
    idiom = noun.dep == pobj and noun.head.lower_ == "in" and not any(c.dep in (det, poss) for c in noun.children)
    return not idiom


def _whose_antecedent(poss_tok: Token) -> Token:
    """"Obama, whose criticism of Trump ...": the relative "whose" stands for the noun its
    clause modifies; any other possessor stands for itself."""
    if poss_tok.lower_ != "whose":
        return poss_tok
    node = poss_tok.head
    for _ in range(4):
        if node.dep == relcl:
            return node.head
        if node.head is node:
            break
        node = node.head
    return poss_tok


def reciprocal_parties(tok: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """Parties of a reciprocal event: "talks between Israel and Syria"."""
    return _pobjs(tok, lex.roles.reciprocal_preps)


def recipients_of(tok: Token, lex: Lexicon, allowed: tuple[str, ...] = (), include_dobj: bool = True,
                  of_patient: bool = False) -> list[tuple[Token, str]]:
    """Candidate recipients among ``tok``'s dependents, best first."""
    preps = lex.roles.recipient_preps
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
    order = lex.roles.recipient_prep_order
    found = _pobjs(tok, preps)
    found.sort(key=lambda x: order.index(x[1][5:]) if x[1][5:] in order else 99)
    out += found
    if of_patient:
        out += [(o, "of-patient") for o, _ in _pobjs(tok, {"of"})]
        if tok.lemma_.lower() in lex.roles.poss_is_patient:
            out += [(c, "poss-patient") for c in tok.children if c.dep == poss]
    return out


def experiencer(noun: Token, lex: Lexicon) -> tuple[Token | None, str]:
    """Subject of an experiencer predicate whose complement holds ``noun`` ("X faces sanctions")."""
    preds = lex.roles.experiencer_predicates
    node = noun
    for _ in range(4):
        head = node.head
        if head is node:
            break
        if head.lemma_.lower() in preds:
            verb = head
            while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and verb.dep in (acomp, attr, prep, pobj, dobj, xcomp):
                verb = verb.head
            subj, how = clause_subject(verb, lex.roles.dispositional_passives)
            if subj is not None:
                return subj, f"experiencer:{head.lemma_.lower()}"
            break
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in preds:
            break
        node = head
    return None, ""


def owner_adjectives(trig: "Trigger", lex: Lexicon) -> list[tuple[Token, str]]:
    """Modifiers of the event's content nouns listed in roles.yaml ``owner_adjectives``."""
    known = lex.roles.owner_adjective_words
    out: list[tuple[Token, str]] = []
    t, p = trig.token, trig.predicate
    heads = [c for tok in {t, p} for c in tok.children if c.dep in (dobj, nsubjpass)]
    heads += [ct.token for ct in trig.content]
    for h in heads:
        for c in h.children:
            if c.dep in (amod, compound, nmod) and c.lower_ in known:
                out.append((c, f"{c.dep_}-adjective"))
    return out


def condition_subjects(tok: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    """Subjects of conditions under ``tok``: "unless Israel rescinded ..." -> Israel."""
    marks = lex.roles.condition_marks
    out: list[tuple[Token, str]] = []
    for w in tok.subtree:
        if w.dep == advcl and any(m.dep == mark and m.lower_ in marks for m in w.children):
            out += [(c, "condition-subject") for c in w.children if c.dep in (nsubj, nsubjpass)]
    return out


def phrase_owners(noun: Token, lex: Lexicon, is_actor, depth: int = 0) -> list[tuple[Token, str]]:
    """Actors that own a non-actor noun: possessor, actor modifier, "by" agent, or the
    agent of a participle modifying it ("crimes committed by X"); then those of its
    own "of"/"for" complement ("the return of property seized by X")."""
    if depth > 2 or is_actor(noun):
        return [(noun, "self")] if is_actor(noun) and depth else []
    out = list(noun_actors(noun, lex, is_actor, with_of=False))
    for c in noun.children:
        if c.dep == acl:
            out += [(o, "acl-agent") for a in c.children if a.dep == agent for o in a.children if o.dep == pobj]
    for c in noun.children:
        if c.dep == prep and c.lower_ in ("of", "for", "into", "on", "against", "over"):
            for o in c.children:
                if o.dep == pobj:
                    out += phrase_owners(o, lex, is_actor, depth + 1)
    return out


def content_owners(trig: "Trigger", lex: Lexicon, is_actor) -> list[tuple[Token, str]]:
    """Owners of what an act is aimed at: "vetoed a Security Council resolution"."""
    t, p = trig.token, trig.predicate
    heads: list[Token] = []
    for tok in {t, p}:
        heads += [c for c in tok.children if c.dep in (dobj, nsubjpass) and tok is not t or c.dep == dobj]
        for c in tok.children:
            if c.dep in (prep, dative) and c.lower_ in ("into", "to", "of", "for", "against", "on", "over"):
                heads += [o for o in c.children if o.dep == pobj]
    heads += [ct.token for ct in trig.content]
    out: list[tuple[Token, str]] = []
    for h in heads:
        out += phrase_owners(h, lex, is_actor)
    return out


def protest_purpose(trig: "Trigger", lex: Lexicon, is_actor) -> list[tuple[Token, str]]:
    """Targets of a protest's purpose: "to protest X's failure", "in protest against Z"."""
    out: list[tuple[Token, str]] = []
    p = trig.predicate
    for c in p.children:
        if c.dep == advcl and any(a.tag_ == "TO" for a in c.children):
            out += recipients_of(c, lex)
            out += [(o, r) for d in c.children if d.dep == dobj for o, r in phrase_owners(d, lex, is_actor)]
        if c.dep == prep:
            for o in c.children:
                if o.dep == pobj and o.lemma_.lower() in ("protest", "defiance", "opposition", "support"):
                    out += recipients_of(o, lex, include_dobj=False, of_patient=True)
                    for oo in o.children:
                        if oo.dep == prep:
                            out += [x for pp in oo.children if pp.dep == pobj for x in phrase_owners(pp, lex, is_actor)]
    return out


def locatives(trig: "Trigger", lex: Lexicon) -> list[tuple[Token, str]]:
    """Place phrases of the event: "in/at/into X" on the predicate, trigger or object."""
    preps = lex.roles.locative_preps
    toks = [trig.predicate, trig.token]
    toks += [c for tok in (trig.predicate, trig.token) for c in tok.children if c.dep in (dobj, nsubj, nsubjpass)]
    out: list[tuple[Token, str]] = []
    seen: set[int] = set()
    for tok in toks:
        if tok.i in seen:
            continue
        seen.add(tok.i)
        for c in tok.children:
            if c.dep == prep and c.lower_ in preps:
                for o in c.children:
                    if o.dep == pobj:
                        out.append((o, c.lower_))
                        # "in the town of Cizre in southeastern Turkey"
                        out += [(oo, c.lower_) for pp in o.children if pp.dep == prep and pp.lower_ in preps | {"of"}
                                for oo in pp.children if oo.dep == pobj]
    return out


def complement_recipients(verb: Token, lex: Lexicon, depth: int = 0) -> list[tuple[Token, str]]:
    """Recipient candidates inside ``verb``'s clausal complement(s), best first."""
    out: list[tuple[Token, str]] = []
    if depth > 2:
        return out
    for c in verb.children:
        if c.dep == ccomp or (c.dep == advcl and for_to_clause(c)):
            # "demanded that X do Y": the complement's own subject is the one addressed;
            # so in a "for ... to" clause: "called for the minister to resign"
            out += [(s, "subject") for s in c.children if s.dep in (nsubj, nsubjpass)]
            out += recipients_of(c, lex)
        elif c.dep == xcomp:
            # "threatened to break off relations with X": shared subject, so the recipient
            # is whoever the complement's action is directed at
            out += recipients_of(c, lex)
            for o in c.children:
                if o.dep in (dobj,):
                    out += recipients_of(o, lex, include_dobj=False)
            out += complement_recipients(c, lex, depth + 1)
    return out
