"""Who acts: the ordered actor rules of an event.

Every rule of :data:`ACTOR_RULES` is tried in order; each looks at the trigger
(through a :class:`~.context.RoleContext`) and returns the actor ids it adds,
each with its ``why`` label (``actor=<how>``), and whether the actor is the
event's own (``direct``). A rule that only applies while no actor has been found
says so itself (``if c.actors: return NOTHING``). An event with no actor after
all of them is not emitted. A converse light verb ("X received support from Y")
has its own table, :data:`CONVERSE_ACTOR_RULES`, instead.

To add a rule: write one function here and put it in the table where it ranks.
"""
from __future__ import annotations

from collections.abc import Callable

from ....syntax import acl, appos, attr, aux, auxpass, cc, conj, dobj, nsubj, nsubjpass, pcomp, poss, prep, punct
from ..implied import find_actor
from .context import NOTHING, Found, RoleContext
from .phrases import noun_actors, recipients_of

_VERBAL = ("VERB", "AUX")


def possessor_or_modifier(c: RoleContext) -> Found:
    """A nominal event's possessor, actor modifier or agent phrase acts.

    "Russia's military cooperation with Iran" -> Russia (``actor=poss``); "the US
    threat" -> the US (``actor=compound``); "an attack by rebels" -> the rebels
    (``actor=prep:by``). Not the "of" object, and not a preposition the trigger
    uses for its recipient ("withdrawal from X").
    """
    if not c.nominal:
        return NOTHING
    found = noun_actors(c.t, c.lex, c.is_actor, with_of=False, exclude=c.own_preps)
    return Found(tuple((c.resolve(tok), f"actor={rule}") for tok, rule in found))


def reciprocal_parties(c: RoleContext) -> Found:
    """All parties named by "between"/"among" act: "talks between Israel and Syria".

    Not for a mediator's event (CAMEO 045, "mediated between X and Y"): there they
    are the recipients.
    """
    if c.third_party:
        return NOTHING
    return Found(tuple((c.resolve(tok), f"actor={rule}(reciprocal)") for tok, rule in c.parties))


def _verbal_subject_applies(c: RoleContext) -> bool:
    """Still no actor, and a verb (or a light verb) predicates the event."""
    return not c.actors and (not c.nominal or c.trig.light) and c.p.pos_ in _VERBAL


def infinitive_noun_owner(c: RoleContext) -> Found:
    """The owner of the noun an infinitive completes acts: "the US attempts to keep the ban" -> the US.

    The actor is inherited (not direct).
    """
    if not _verbal_subject_applies(c):
        return NOTHING
    subj, rule = c.predicate_subject
    if subj is not None or rule != "acl":
        return NOTHING
    found = noun_actors(c.p.head, c.lex, c.is_actor)
    return Found(tuple((c.resolve(tok), f"actor=acl-{r}") for tok, r in found), direct=False)


def participle_head(c: RoleContext) -> Found:
    """A present participle with its own object, modifying a noun, is done by that noun: "police
    dispersed demonstrators protesting election results" -> the demonstrators, "gunmen carrying
    rifles" -> the gunmen (``actor=acl-head``, inherited). Not a past participle, whose noun
    suffers the act, nor one with no object, which mostly describes the noun ("a woman visiting
    from Canada" is a visitor, no visit reported)."""
    if not _verbal_subject_applies(c):
        return NOTHING
    p = c.p
    if p.dep != acl or p.tag_ != "VBG" or p.head.pos_ not in ("NOUN", "PROPN") \
            or not any(d.dep == dobj for d in p.children):
        return NOTHING
    subj, _ = c.predicate_subject
    if subj is not None:
        return NOTHING
    return Found(((c.resolve(p.head), "actor=acl-head"),), direct=False)


def gerund_object(c: RoleContext) -> Found:
    """The object of a verb of judging does the gerund after "of"/"for": "accused Trump of showing
    support for Putin" -> Trump, "praised Merkel for welcoming refugees" -> Merkel
    (``actor=gerund(dobj)``), not the judge who is the clause's subject."""
    if not _verbal_subject_applies(c):
        return NOTHING
    p = c.p
    if p.dep != pcomp or p.head.dep != prep or p.head.lower_ not in ("of", "for"):
        return NOTHING
    gov = p.head.head
    if gov.pos_ != "VERB":
        return NOTHING
    objs = [d for d in gov.children if d.dep == dobj]
    if not objs:
        return NOTHING
    return Found(((c.resolve(objs[0]), "actor=gerund(dobj)"),), direct=False)


def clause_subject(c: RoleContext) -> Found:
    """The predicate's subject acts: "Russia attacked Georgia" (``actor=nsubj``), "was
    attacked by rebels" (``actor=agent``), "Russia plans to expand ..."
    (``actor=control(nsubj)``), "X met Y and signed ..." (``actor=conj(nsubj)``).

    Direct only for the predicate's own subject or "by" agent.
    """
    if not _verbal_subject_applies(c):
        return NOTHING
    subj, rule = c.predicate_subject
    if subj is None:
        return NOTHING
    if rule == "nsubj" and gapped_patient(c):
        # "... were killed and nine civilians wounded": the subject suffers the act
        return NOTHING
    if rule.startswith("conj") and is_conjoined_passive(c.p):
        # "X claimed self-defence and was acquitted": the shared subject suffers the passive act
        return NOTHING
    ids = c.resolve(subj)
    if not ids and rule.endswith("relcl"):
        # "Angela Corey is the state attorney who charged Zimmerman": the description the
        # relative clause modifies is predicated of the copula's subject, who acts
        owner = predicated_of(subj)
        if owner is not None:
            return Found(((c.resolve(owner), f"actor={rule}(copula-subject)"),), direct=False)
    return Found(((ids, f"actor={rule}"),), direct=rule in ("nsubj", "agent"))


def predicated_of(noun):
    """The subject a predicate noun describes ("X is the attorney", "X is a liar and a birther"
    -> X), or None when ``noun`` is no predicate of a copula."""
    node = noun
    for _ in range(6):
        if node.dep in (conj, appos) and node.head is not node:
            node = node.head
            continue
        break
    if node.dep != attr:
        return None
    return next((d for d in node.head.children if d.dep == nsubj), None)


def is_conjoined_passive(verb) -> bool:
    """A passive verb conjoined to an earlier one with no subject of its own ("... and was acquitted")."""
    return verb.dep == conj and any(d.dep == auxpass for d in verb.children) and \
        not any(d.dep in (nsubj, nsubjpass) for d in verb.children)


def is_gapped_passive(verb, past_ok: bool = False) -> bool:
    """A participle conjoined to a passive whose auxiliary it shares, with a subject of its own:
    "four soldiers were killed and nine civilians wounded" (the civilians suffer the wounding,
    as the soldiers the killing); the parser labels that subject an active one."""
    if verb.dep != conj or verb.tag_ not in ("VBN", "VBD") or any(d.dep in (aux, auxpass) for d in verb.children):
        return False
    if not any(d.dep == nsubj for d in verb.children) or any(d.dep == dobj for d in verb.children):
        return False
    if verb.tag_ == "VBD" and (not past_ok or any(d.dep not in (nsubj, cc, punct) for d in verb.children)):
        # a past form the tagger did not take for a participle: only a bare verb of the types
        # whose subject-less reading is their patient's ("and women raped", ``gapped_passive_types``),
        # never "and protesters marched"
        return False
    node = verb
    for _ in range(6):
        if node.dep != conj or node.head is node:
            return False
        node = node.head
        if any(d.dep == auxpass for d in node.children):
            return True
        if any(d.dep in (aux, nsubj) for d in node.children):
            return False
    return False


def gapped_patient(c: RoleContext) -> bool:
    """:func:`is_gapped_passive` for the event's predicate; a bare past verb (see there) only
    of the types of ``gapped_passive_types`` and with a subject of civilians ("and women
    raped"), since an armed subject acts ("and rebels attacked")."""
    if is_gapped_passive(c.p):
        return True
    if c.e.event not in c.lex.roles.gapped_passive_types or not is_gapped_passive(c.p, True):
        return False
    ids = [a for s in c.p.children if s.dep == nsubj for a in c.resolve(s)]
    return bool(ids) and all((find_actor(c.doc, a) is not None and find_actor(c.doc, a).sector == "CVL") for a in ids)


def shared_subjects(verb) -> list:
    """The active subject a conjoined verb shares with the first verb of its chain ("X shot Y,
    claimed self-defence and was acquitted" -> X)."""
    node = verb
    for _ in range(6):
        if node.dep != conj or node.head is node:
            break
        node = node.head
        subs = [d for d in node.children if d.dep == nsubj]
        if subs:
            return subs
        if any(d.dep == nsubjpass for d in node.children):
            break
    return []


def subject_owner(c: RoleContext) -> Found:
    """When the subject names no actor, its owner acts: "US attacks killed ..." -> the US;
    "the army's shells hit ..." -> the army (``actor=subject-poss``)."""
    if not _verbal_subject_applies(c):
        return NOTHING
    subj, rule = c.predicate_subject
    if subj is None or rule.startswith("conj") and is_conjoined_passive(c.p):
        return NOTHING
    found = noun_actors(subj, c.lex, c.is_actor)
    return Found(tuple((c.resolve(tok), f"actor=subject-{r}") for tok, r in found))


def of_doer(c: RoleContext) -> Found:
    """The "of" object of an intransitive act's noun does it: "the withdrawal of US troops" -> the US.

    Read only when no light verb names the doer ("the US completed the withdrawal of ...").
    """
    if c.actors or not c.nominal or c.trig.light:
        return NOTHING
    found = noun_actors(c.t, c.lex, c.is_actor, exclude=c.own_preps)
    return Found(tuple((c.resolve(tok), f"actor={rule}") for tok, rule in found))


def pronoun_owner_clause_subject(c: RoleContext) -> Found:
    """A possessive pronoun points back to its clause's subject: "Russia observes ... in its
    cooperation with Iran" -> Russia (``actor=clause-subject(nsubj)``), a weaker reading."""
    if c.actors or not c.nominal:
        return NOTHING
    pronouns = c.lex.roles.possessive_pronouns
    if not any(d.dep == poss and d.lower_ in pronouns for d in c.t.children):
        return NOTHING
    node = c.t
    for _ in range(5):
        if node.head is node:
            break
        node = node.head
        if node.pos_ in _VERBAL:
            subj, rule = c.subject(node)
            # "her criticism of Putin drew ...": the event is inside the subject itself,
            # so the pronoun points outside the clause, never to the subject's words
            if subj is not None and c.t.i not in {w.i for w in subj.subtree}:
                return Found(((c.resolve(subj), f"actor=clause-subject({rule})"),), direct=False)
            break
    return NOTHING


def eased_sanction_imposer(c: RoleContext) -> Found:
    """The owner of an eased measure acts when nothing else does: "the expiry of a UN
    embargo" -> the UN (``actor=of-compound``), an inherited reading."""
    if c.actors or not c.nominal or not c.e.obj:
        return NOTHING
    adds: list[tuple[list[str], str]] = []
    direct = None
    for d in c.t.children:
        if d.dep == prep and d.lower_ == "of":
            for o in d.children:
                adds += [(c.resolve(tok), f"actor=of-{rule}") for tok, rule in noun_actors(o, c.lex, c.is_actor)]
                direct = False
    return Found(tuple(adds), direct)


def converse_giver(c: RoleContext) -> Found:
    """With a light verb of receiving, the "from" party acts: "Washington received support
    from Kyiv" -> Kyiv (``actor=prep:from(converse)``)."""
    found = recipients_of(c.t, c.lex, ("prep:from",)) + recipients_of(c.p, c.lex, ("prep:from",))
    if not found:
        # "earned the Russian president's praise": the noun's possessor gives it (not a
        # possessive pronoun, which mostly points back at the receiver: "won its support")
        found = [(d, "poss") for d in c.t.children if d.dep == poss and d.pos_ != "PRON"]
    return Found(tuple((c.resolve(tok), f"actor={rule}(converse)") for tok, rule in found))


Rule = Callable[[RoleContext], Found]

#: The actor rules, in order.
ACTOR_RULES: tuple[Rule, ...] = (
    possessor_or_modifier,
    reciprocal_parties,
    infinitive_noun_owner,
    participle_head,
    gerund_object,
    clause_subject,
    subject_owner,
    of_doer,
    pronoun_owner_clause_subject,
    eased_sanction_imposer,
)

#: The actor rules of a converse light verb ("received", "won", "obtained"), in order.
CONVERSE_ACTOR_RULES: tuple[Rule, ...] = (converse_giver,)
