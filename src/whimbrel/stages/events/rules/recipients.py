"""Who receives: the ordered recipient rules of an event.

The rules of :data:`RECIPIENT_RULES` are tried in order until one adds a
recipient; each returns at most one addition, the ids with their ``why`` label
(``recipient=<how>``). A recipient is never one of the event's actors. A
converse light verb ("X received support from Y") uses
:data:`CONVERSE_RECIPIENT_RULES` instead.

To add a rule: write one function here and put it in the table where it ranks.
"""
from __future__ import annotations

from collections.abc import Callable, Iterator

from spacy.tokens import Token

from ....syntax import (RELATIVE_PRONOUNS, acl, advcl, appos, ccomp, compound, conj, det, dobj, has_passive_subject, mark,
                        nsubj, nsubjpass, oprd, pobj, poss, prep, relcl, xcomp)
from ...places import api as places_api
from ...statements import api as statements_api
from ..implied import all_actors, country_actor, find_actor, named_actor
from .actors import gapped_patient, is_conjoined_passive, shared_subjects
from .context import NOTHING, Found, RoleContext, first_resolving, resolve
from .phrases import (complement_recipients, condition_subjects, content_owners, experiencer, locatives,
                      of_is_agent, owner_adjectives, phrase_owners, protest_purpose, recipients_of,
                      reciprocal_parties)


def passive_subject(c: RoleContext) -> Found:
    """A passive verb's subject receives: "Georgia was attacked by Russia" -> Georgia (``recipient=nsubjpass``)."""
    if c.nominal:
        return NOTHING
    if c.t.dep == acl and c.t.tag_ == "VBN" and c.e.event in c.lex.roles.agentless_types:
        # "those arrested", "rations donated by Britain": the participle's noun is its patient
        return first_resolving(c, [(c.t.head, "participle")], "recipient={}")
    if c.t is c.p and gapped_patient(c):
        # "four soldiers were killed and nine civilians wounded": the participle's own subject
        return first_resolving(c, [(d, "gapped-nsubjpass") for d in c.t.children if d.dep == nsubj], "recipient={}")
    if c.t.dep == conj and c.t.tag_ == "VBN" and not has_passive_subject(c.t) and has_passive_subject(c.t.head):
        # "was arrested and charged with theft": the shared passive subject receives both
        return first_resolving(c, [(d, "nsubjpass") for d in c.t.head.children if d.dep == nsubjpass], "recipient={}")
    if not c.nominal and is_conjoined_passive(c.t) and not has_passive_subject(c.t.head):
        # "X turned himself in and was taken into custody": the first verb's subject suffers it
        return first_resolving(c, [(d, "conj-nsubj") for d in shared_subjects(c.t)], "recipient={}")
    if not has_passive_subject(c.t):
        return NOTHING
    # "Michael Brown, who was fatally shot by an officer": the relative pronoun stands for its noun
    return first_resolving(c, [(c.t.head, "relcl-nsubjpass") if c.t.dep == relcl and d.lower_ in RELATIVE_PRONOUNS
                               else (d, "nsubjpass") for d in c.t.children if d.dep == nsubjpass], "recipient={}")


def mediated_parties(c: RoleContext) -> Found:
    """A mediator's parties receive (CAMEO 045: "the source is always the mediator"):
    "Qatar mediated between Israel and Hamas" -> Israel, Hamas (``recipient=prep:between``)."""
    if not c.third_party:
        return NOTHING
    candidates = list(c.parties)
    if not c.nominal:
        candidates += reciprocal_parties(c.t, c.lex)
    return first_resolving(c, candidates, "recipient={}")


def _object_or_preposition_candidates(c: RoleContext) -> Iterator[tuple[Token, str]]:
    t, lex = c.t, c.lex
    if c.nominal:
        yield from recipients_of(t, lex, c.allowed, include_dobj=False,
                                 of_patient=not of_is_agent(t, lex))
        if c.trig.light:
            yield from recipients_of(c.p, lex, c.allowed, include_dobj=False)
        # a phrase after the "of" object may belong to the event noun: "the withdrawal
        # of some forces from Panama" (the parser attaches "from Panama" to "forces")
        if c.allowed:
            for d in t.children:
                if d.dep == prep and d.lower_ == "of":
                    for o in d.children:
                        yield from recipients_of(o, lex, c.allowed, include_dobj=False)
    else:
        yield from recipients_of(t, lex, c.allowed, include_dobj=True)
        if c.e.predicate:
            # "called Trump a jerk" is sometimes parsed with both nouns as object predicates:
            # the named party is the first of them
            yield from ((d, "oprd") for d in t.children if d.dep == oprd)
        # content nouns carry their own recipients: "threatened sanctions against X"
        for d in t.children:
            if d.dep in (dobj, nsubjpass):
                yield from recipients_of(d, lex, include_dobj=False)
        if c.allowed:
            # a purpose noun carries the type's own roles: "mobilized reservists for a
            # war against Iraq" (the force mobilized is no recipient, the enemy is)
            for d in t.children:
                if d.dep == prep and d.lower_ == "for":
                    for o in d.children:
                        if o.dep == pobj:
                            yield from recipients_of(o, lex, c.allowed, include_dobj=False)


def object_or_preposition(c: RoleContext) -> Found:
    """The object or a prepositional complement receives: "Norway sent aid to Yemen" ->
    Yemen (``recipient=prep:to``); "attacked Georgia" (``recipient=dobj``); "sanctions
    against Iran" (``recipient=prep:against``); "threatened sanctions against X" (the
    object's own complement). Only the roles the trigger entry allows, when it names any."""
    return first_resolving(c, _object_or_preposition_candidates(c), "recipient={}")


def content_event(c: RoleContext) -> Found:
    """An absorbed content event's complement receives: "threatened to impose sanctions on
    Iran" -> Iran."""
    return first_resolving(c, (x for ct in c.trig.content for x in recipients_of(ct.token, c.lex, include_dobj=False)),
                           "recipient={}")


def eased_object(c: RoleContext) -> Found:
    """The complement of an eased measure receives: "the lifting of sanctions on Iran" -> Iran."""
    if not c.nominal or not c.e.obj:
        return NOTHING
    candidates = (x for d in c.t.children if d.dep == prep and d.lower_ == "of"
                  for o in d.children for x in recipients_of(o, c.lex, include_dobj=False))
    return first_resolving(c, candidates, "recipient={}")


def complement(c: RoleContext) -> Found:
    """A verb of demanding, threatening, promising or refusing addresses its complement's
    party: "demanded that Iran stop X" -> Iran (``recipient=complement-subject``);
    "threatened to break off relations with Congo" -> Congo."""
    if c.t.lemma_.lower() in c.lex.roles.no_complement_recipient_verbs:
        return NOTHING
    if c.nominal:
        # "its demands that Burundi's government grant ...": a noun's content clause (marked
        # "that", not a relative clause) addresses its subject as the verb's does
        return first_resolving(c, ((s, "subject") for d in c.t.children if d.dep in (acl, ccomp)
                                   and any(m.dep == mark and m.lower_ == "that" for m in d.children)
                                   for s in d.children if s.dep in (nsubj, nsubjpass)), "recipient=complement-{}")
    candidates = complement_recipients(c.t, c.lex)
    if c.e.event == "ACCUSE":
        # "found evidence that X broke the law", "made claims that X lied": the object noun's
        # content clause says what X is accused of: marked by "that" (the parser may label it a
        # relative clause, but a relative "that" is the clause's subject or object, not its mark)
        candidates += [(s, "content-subject") for o in c.t.children if o.dep == dobj
                       for d in o.children if d.dep in (acl, ccomp, relcl) and _that_clause(d)
                       for s in d.children if s.dep in (nsubj, nsubjpass)]
    return first_resolving(c, candidates, "recipient=complement-{}")


def _that_clause(clause: Token) -> bool:
    return any(m.dep == mark and m.lower_ == "that" for m in clause.children)


def speech_content(c: RoleContext) -> Found:
    """A verb of speech beside the act carries it out, and the party its content is about
    receives: "Lashing out, she said the minister's plan was a fraud" -> the minister
    (``recipient=speech-subject-poss``), "escalated his criticism, telling reporters that X is
    unfit" -> X (``recipient=speech-subject``). The speech verb is the act's governor (the act
    an adverbial of it) or an adverbial or conjoined verb of the act; only for the types of
    ``speech_recipient_types``, and only a party the actors stage names."""
    if c.e.event not in c.lex.roles.speech_recipient_types or (c.nominal and not c.trig.light):
        return NOTHING
    cues = statements_api.cue_lemmas()
    verbs = [d for d in c.p.children if d.dep in (advcl, conj)]
    if c.p.dep == advcl:
        verbs.append(c.p.head)
    candidates = []
    for v in verbs:
        if v.lemma_.lower() not in cues:
            continue
        for clause in (d for d in v.children if d.dep == ccomp):
            for subj in (d for d in clause.children if d.dep in (nsubj, nsubjpass)):
                candidates.append((subj, "speech-subject"))
                candidates += [(o, "speech-subject-poss") for o in subj.children if o.dep == poss]
    # only a party the actors stage names: "saying it would fail" is about the act's own object
    for tok, rule in candidates:
        ids = [a for a in resolve(c.doc, tok) if a not in c.actors]
        if ids:
            return Found(((ids, f"recipient={rule}"),))
    return NOTHING


def experiencer_subject(c: RoleContext) -> Found:
    """The subject of an experiencer predicate receives a nominal event: "Iran faces
    sanctions" -> Iran (``recipient=experiencer:face``)."""
    if not c.nominal:
        return NOTHING
    subj, rule = experiencer(c.t, c.lex)
    if subj is None:
        return NOTHING
    return Found(((c.others(subj), f"recipient={rule}"),))


def content_owner(c: RoleContext) -> Found:
    """An act aimed at a policy, statement or deed is aimed at its owner: "vetoed a
    Security Council resolution", "rejected the Cuban proposal" -> Cuba
    (``recipient=owner-amod``), "an investigation into crimes committed by X"."""
    if c.e.event not in c.lex.roles.content_owner_types:
        return NOTHING
    return first_resolving(c, content_owners(c.trig, c.lex, c.is_actor), "recipient=owner-{}")


#: How many sentences back an ownerless "the statement" looks for the utterance it names.
UTTERANCE_WINDOW = 6


def utterance_author(c: RoleContext) -> Found:
    """An act aimed at "the statement" or "the proposal" with no owner or content of its own is aimed at
    the author of the latest utterance before it in its sentence or the few before: "Trump
    proposed a ban. ... Rubio called the statement outlandish" -> Trump
    (``recipient=utterance-verb``); "Trump's proposal ... Clinton slammed the proposal"
    (``recipient=utterance-owner``). Only for ``content_owner_types``."""
    roles = c.lex.roles
    if c.e.event not in roles.content_owner_types:
        return NOTHING
    target = next((h for tok in {c.t, c.p} for h in tok.children if h.dep in (dobj, nsubjpass)
                   and h.lemma_.lower() in roles.utterance_nouns and h.i != c.t.i
                   and any(d.dep == det and d.lower_ in ("the", "this", "that", "these", "those") for d in h.children)),
                  None)
    if target is None or content_owners_of(target, c) or any(
            d.dep in (acl, ccomp, relcl, appos) or d.dep == prep and d.lower_ in ("of", "about", "on", "for")
            for d in target.children):
        return NOTHING  # "the idea that voting matters", "the idea of a database": its content is given
    sents = [s for s in c.doc.sents if s.start <= target.i]
    lo = sents[max(0, len(sents) - 1 - UTTERANCE_WINDOW)].start
    for tok in reversed(c.doc[lo:target.i]):
        if tok.i in (c.t.i, c.p.i):
            continue
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in roles.utterance_nouns:
            ids = [a for o, _ in phrase_owners(tok, c.lex, c.is_actor) for a in resolve(c.doc, o) if a not in c.actors]
            if ids:
                return Found(((ids[:1], "recipient=utterance-owner"),))
        elif tok.pos_ == "VERB" and lemma in roles.utterance_verbs:
            subj, _ = c.subject(tok)
            ids = [a for a in (resolve(c.doc, subj) if subj is not None else []) if a not in c.actors]
            if ids:
                return Found(((ids[:1], "recipient=utterance-verb"),))
    return NOTHING


def content_owners_of(noun: Token, c: RoleContext) -> bool:
    """Whether ``noun`` has an owner of its own (possessor, actor modifier, "by" agent)."""
    return bool(phrase_owners(noun, c.lex, c.is_actor))


def intent_partner(c: RoleContext) -> Found:
    """The "with" partner inside a stated intention is addressed: "expressed readiness to
    work with Tokyo" -> Japan (``recipient=intent-partner(with)``)."""
    if c.e.event not in c.lex.roles.partner_recipient_types:
        return NOTHING
    for o in (d for d in (*c.t.children, *c.p.children) if d.dep in (dobj, nsubjpass)):
        for w in o.subtree:
            if w.dep != prep or w.lower_ != "with":
                continue
            ids = [a for x in w.children if x.dep == pobj for a in c.resolve(x) if a not in c.actors]
            if ids:
                return Found(((ids[:1], "recipient=intent-partner(with)"),))
    return NOTHING


def protest_target(c: RoleContext) -> Found:
    """A protest is aimed at the target of its purpose: "rallied to protest Russia's
    annexation" -> Russia (``recipient=purpose-poss``), "in protest against Z"."""
    if c.e.event != "PROTEST":
        return NOTHING
    return first_resolving(c, protest_purpose(c.trig, c.lex, c.is_actor), "recipient=purpose-{}")


def threat_condition(c: RoleContext) -> Found:
    """The party whose act would avert a threat is threatened: "threatened to strike unless
    Israel rescinded ..." -> Israel (``recipient=condition-subject``)."""
    if c.e.event != "THREATEN":
        return NOTHING
    return first_resolving(c, condition_subjects(c.t, c.lex), "recipient={}")


def concessive_party(c: RoleContext) -> Found:
    """A refusal made despite a party's pressure rejects that party: "declined to resign despite
    growing pressure by the Anti-Corruption Commission", "refused despite calls from X"
    (``recipient=despite-by``, ``despite-poss``), on the refusing verb or its complement."""
    if c.e.event != "REJECT":
        return NOTHING
    heads = [c.p, c.t, *(d for d in (*c.p.children, *c.t.children) if d.dep in (xcomp, ccomp))]
    candidates = []
    for h in heads:
        for d in h.children:
            if d.dep != prep or d.lower_ != "despite":
                continue
            for noun in (o for o in d.children if o.dep == pobj):
                candidates += [(o, f"despite-{pp.lower_}") for pp in noun.children
                               if pp.dep == prep and pp.lower_ in ("by", "from", "of") for o in pp.children if o.dep == pobj]
                candidates += [(o, "despite-poss") for o in noun.children if o.dep == poss]
    return first_resolving(c, candidates, "recipient={}")


def purpose_beneficiary(c: RoleContext) -> Found:
    """Aid given "to help" someone is given to them: "rations donated by Britain to help survivors
    of the hurricane" -> the survivors, "willing to send material to help defend Saudi Arabia" ->
    Saudi Arabia (``recipient=purpose-help``): the object of a purpose infinitive of helping, or
    of the act it helps."""
    if c.e.event not in c.lex.roles.purpose_beneficiary_types:
        return NOTHING
    verbs = c.lex.roles.helping_verbs
    candidates = []
    for d in c.p.children:
        if d.dep in (advcl, xcomp) and d.lemma_.lower() in verbs and any(a.tag_ == "TO" for a in d.children):
            for w in (d, *(x for x in d.children if x.dep == xcomp)):
                candidates += [(o, f"purpose-{d.lemma_.lower()}") for o in w.children if o.dep == dobj]
    return first_resolving(c, candidates, "recipient={}")


def location_state(c: RoleContext) -> Found:
    """An act on a territory with no named target is directed at the state named where it
    happens: "imposed a curfew in Turkey" -> Turkey (``recipient=location(in)``)."""
    if c.e.event not in c.lex.roles.locative_recipient_types:
        return NOTHING
    for tok, rule in locatives(c.trig, c.lex):
        ids = [a for a in c.resolve(tok) if a not in c.actors and _is_state(c, a) and not _home_of_actor(c, a)]
        if ids:
            return Found(((ids[:1], f"recipient=location({rule})"),))
    return NOTHING


def place_country(c: RoleContext) -> Found:
    """The same act in a city, region or province is directed at the state the place lies in:
    "nurses protested in Lyon" -> France (``recipient=place-country(in)``), an implied actor
    when the text names none. A place named for its government ("Moscow's troops") is no
    location, and a country that is itself the actor ("Egyptians demonstrated in Cairo")
    is not its own target. Only the first place found counts."""
    if c.e.event not in c.lex.roles.locative_recipient_types:
        return NOTHING
    for tok, rule in locatives(c.trig, c.lex):
        # "in Idlib province", "in the Darfur region": the name modifies a generic head
        place = _place_of(c, tok) or next(
            (p for d in tok.children if d.dep in (compound, appos) for p in [_place_of(c, d)] if p), None)
        if place is None:
            continue
        aid = country_actor(c.doc, place)
        if aid and aid not in c.actors and not _home_of_actor(c, aid):
            return Found((([aid], f"recipient=place-country({rule})"),))
        break
    return NOTHING


def host_country(c: RoleContext) -> Found:
    """A visit to a city is hosted by the state the city lies in (CAMEO 042): "flew to
    Cairo" -> Egypt (``recipient=host-country(to)``). A leader arriving in his own
    country's city is coming home, not visiting."""
    if (c.e.cameo or "") not in c.lex.roles.host_place_cameo:
        return NOTHING
    for d in [*c.p.children, *c.t.children]:
        if d.dep != prep or d.lower_ not in ("to", "in", "at"):
            continue
        place = next((pl for o in d.children if o.dep == pobj for pl in [_place_of(c, o)] if pl), None)
        home = {a.country for a in all_actors(c.doc) if a.id in c.actors}
        aid = country_actor(c.doc, place) if place is not None and place.country not in home else None
        if aid and aid not in c.actors:
            return Found((([aid], f"recipient=host-country({d.lower_})"),))
    return NOTHING


def owner_adjective(c: RoleContext) -> Found:
    """An adjective naming an organisation (not a country: demonyms are actors already) owns
    the content: "rejected the European plan" -> the European Union
    (``recipient=owner-amod-adjective``), an implied actor when the text names none."""
    if c.e.event not in c.lex.roles.content_owner_types:
        return NOTHING
    for tok, rule in owner_adjectives(c.trig, c.lex):
        aid = named_actor(c.doc, tok, c.lex)
        if aid and aid not in c.actors:
            return Found((([aid], f"recipient=owner-{rule}"),))
    return NOTHING


def converse_subject(c: RoleContext) -> Found:
    """With a light verb of receiving, its subject receives: "Washington received support
    from Kyiv" -> Washington (``recipient=nsubj(converse)``)."""
    subj, rule = c.predicate_subject
    if subj is None:
        return NOTHING
    return Found(((c.others(subj), f"recipient={rule}(converse)"),))


def _home_of_actor(c: RoleContext, state_id: str) -> bool:
    """For the types of ``locative_foreign_types``: whether the state is an actor's own country."""
    if c.e.event not in c.lex.roles.locative_foreign_types:
        return False
    state = find_actor(c.doc, state_id)
    homes = {a.country for i in c.actors for a in [find_actor(c.doc, i)] if a is not None and a.country}
    return state is not None and state.country in homes


def _is_state(c: RoleContext, actor_id: str) -> bool:
    """Whether an actor is a country (or a place standing for one), not a person or group."""
    a = find_actor(c.doc, actor_id)
    return a is not None and a.kind == "country"


def _place_of(c: RoleContext, tok: Token):
    """The places stage's non-metonymic place at ``tok`` with a country code, or None."""
    p = places_api.place_at(c.doc, tok)
    if p is None or getattr(p, "metonymy", False):
        return None
    cc = getattr(p, "country", None)
    return p if isinstance(cc, str) and len(cc) == 3 and cc.isalpha() and cc.isupper() else None


Rule = Callable[[RoleContext], Found]

#: The recipient rules, in order: the first that adds a recipient ends the search.
RECIPIENT_RULES: tuple[Rule, ...] = (
    passive_subject,
    mediated_parties,
    object_or_preposition,
    content_event,
    eased_object,
    complement,
    experiencer_subject,
    content_owner,
    utterance_author,
    intent_partner,
    protest_target,
    threat_condition,
    concessive_party,
    purpose_beneficiary,
    speech_content,
    location_state,
    place_country,
    host_country,
    owner_adjective,
)

#: The recipient rules of a converse light verb, in order.
CONVERSE_RECIPIENT_RULES: tuple[Rule, ...] = (converse_subject,)
