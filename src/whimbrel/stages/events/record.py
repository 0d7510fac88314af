"""One event record from one trigger: its roles, sense, code, modality, context, date, place, statement.

Date, location and statement come from the times, places and statements stages'
results (through their ``api``); confidence adds simple factors
(:func:`confidence`).
"""
from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from spacy.tokens import Doc, Span, Token

from ...model import Event, EventDate
from ...syntax import (ROOT, acl, advcl, aux, auxpass, cc, ccomp, conj, det, dobj, mark, nsubj, nsubjpass, nummod, pobj,
                        poss, prep, punct, relcl)
from ..places import api as places_api
from ..statements import api as statements_api
from ..times import api as times_api
from .coding import HANDOVER_MODES
from .modality import modality_of
from .implied import find_actor
from .roles import find_roles
from .rules.actors import is_gapped_passive
from .senses import resense
from .triggers import Trigger
from .vocab import Lexicon

_RESOLUTIONS = {10: "day", 7: "month", 4: "year"}


def contexts(trig: Trigger, lex: Lexicon, extra: tuple[str, ...]) -> tuple[str, ...]:
    """The CAMEO code's context, plus contexts named by words around the trigger.

    Words counted: the trigger's own modifiers and complements (not its subject, so
    "the military attacked" is not "military" by its actor alone), and those of
    absorbed content and the light verb's object.
    """
    words: set[str] = set()
    toks = [trig.token, *[c.token for c in trig.content]]
    if trig.light:
        toks.append(trig.predicate)
    for t in toks:
        for c in t.children:
            # the subject names the actor, not the topic; conjoined clauses are other events
            if c.dep in (nsubj, conj, advcl, ccomp, relcl) or c.dep in (punct, cc, mark):
                continue
            for w in c.subtree:
                words.add(w.lemma_.lower())
        words.add(t.lemma_.lower())
    out = list(extra)
    for ctx, keys in lex.context_parts:
        if ctx in out:
            continue
        for parts in keys:
            if all(p in words for p in parts):
                out.append(ctx)
                break
    return tuple(out)


def date(doc: Doc, tok: Token) -> EventDate:
    """The date the times stage attaches to ``tok``, else the publication date."""
    t = times_api.time_for_token(doc, tok)
    # A time with no value ("hours before the summit") dates nothing: the
    # publication date is then the best estimate, as below.
    if t is not None and getattr(t, "value", None) is not None:
        d = times_api.date_of(t)
        if isinstance(d, EventDate):
            return d
        if isinstance(d, tuple) and len(d) == 2:
            return EventDate(d[0], d[1])
        if isinstance(d, str):
            return EventDate(d, _RESOLUTIONS.get(len(d)))
    pub = doc._.published
    if isinstance(pub, dt.datetime):
        pub = pub.date()
    if isinstance(pub, dt.date):
        return EventDate(pub.isoformat(), "day")
    return EventDate(None, None)


def location(doc: Doc, tok: Token) -> str | None:
    """Id of the place where the event at ``tok`` happened (places stage), or None."""
    p = places_api.location_for_token(doc, tok)
    return getattr(p, "id", p) if p is not None else None


def statement(doc: Doc, char: int) -> str | None:
    """Id of the statement whose content holds character ``char`` (statements stage), or None."""
    s = statements_api.statement_at(doc, char)
    return getattr(s, "id", s) if s is not None else None


def _background(trig: Trigger) -> bool:
    """A predicate in a relative or participial clause: background, not the news reported."""
    p = trig.predicate
    return p.dep in (relcl, acl) or (trig.entry.kind == "verb" and p.dep == conj and p.head.dep in (relcl, acl))


def confidence(trig: Trigger, has_recipient: bool, direct: bool, lex: Lexicon, has_actor: bool = True) -> float:
    """Confidence of one event, from simple factors:

    base 0.40; +0.20 when a verb or light verb predicates the event (a bare noun
    is more often a mere reference); +0.10 for a pattern entry (more words
    agreeing); -0.15 for an entry marked weak (ambiguous word); +0.15 when the
    actor is a direct subject/agent/possessor, +0.05 when it is inherited
    (control, conjunction, clause subject); +0.10 with a recipient, or -0.10
    without one for the types the PLOVER manual says require a recipient;
    +0.05 when the predicate is the sentence's main verb; -0.15 when it is in a
    relative or participial clause (background); -0.15 for an entry derived from
    PETRARCH2's dictionary rather than written by hand; -0.20 when no actor resolved
    (an agentless passive or an unnamed doer: reported, with less weight).
    """
    e = trig.entry
    c = 0.40
    if e.kind == "verb" or trig.light:
        c += 0.20
    if e.specificity:
        c += 0.10
    if e.weak:
        c -= 0.15
    if e.derived:
        # the derived (PETRARCH2) net: wider and less checked than the hand entries; an
        # event it finds ranks below a hand event with the same evidence
        c -= 0.15
    if not has_actor:
        c -= 0.20
    c += 0.15 if direct else 0.05
    if has_recipient:
        c += 0.10
    elif e.event in lex.roles.requires_recipient:
        c -= 0.10
    p = trig.predicate
    if p.dep == ROOT or (p.dep == conj and p.head.dep == ROOT):
        c += 0.05
    if _background(trig):
        # a relative or participial clause gives background ("..., whom they had taken
        # hostage"), not the news the sentence reports
        c -= 0.15
    return round(max(0.05, min(0.99, c)), 2)


def apply_content(trig: Trigger, lex: Lexicon) -> tuple[str | None, str | None, tuple[str, ...]]:
    """CAMEO code, mode and context of ``trig`` refined by the event it governs."""
    e = trig.entry
    cameo, mode, ctx = e.cameo, e.mode, e.context
    table = lex.roles.content.get(e.event) or {}
    for inner in trig.content + trig.complements:
        spec = table.get(inner.entry.event)
        if spec:
            cameo = str(spec.get("cameo", cameo))
            mode = spec.get("mode", mode)
            row = lex.cameo.get(cameo, {})
            ctx = tuple(dict.fromkeys([*ctx, *(row.get("context") or ()), *inner.entry.context]))
            trig.why.append(f"content:{inner.entry.event}")
            break
    return cameo, mode, ctx


def agentless(trig: Trigger, lex: Lexicon) -> str | None:
    """Why an event with no resolvable actor is still reported, or None when it is not.

    PLOVER and ACLED code events whose doer the text does not name: an agentless
    passive ("three civilians were killed", "he was arrested") and a clause whose
    subject names no actor ("gunmen opened fire", "the offensive has killed 1600
    civilians"). Only a verbal predicate (a verb, or a light verb with its event noun)
    counts: a bare event noun with no owner is more often a mere reference. A passive
    counts for the material types of ``agentless_types`` and the codes of ``agentless_cameo``
    (criminal charges) and the verbs of ``agentless_verbs`` (acquittals) in roles.yaml only.
    """
    p = trig.predicate
    if trig.entry.kind == "noun" and not trig.light:
        return _nominal_agentless(trig, lex)
    if p.pos_ not in ("VERB", "AUX") or not (trig.entry.kind == "verb" or trig.light):
        return None
    kids = list(p.children)
    # "those arrested", "the men detained": a past participle modifying its patient is passive too
    participle = p.dep == acl and p.tag_ == "VBN" and trig.entry.kind == "verb"
    # "was arrested and charged with theft": a conjoined participle shares the passive
    # (the parser may tag such a participle a past tense, "lined up and shot": with no object of
    # its own it is still the passive's)
    participle = participle or (p.dep == conj and (p.tag_ == "VBN" or (p.tag_ == "VBD" and not any(c.dep == dobj for c in kids)))
                                and not any(c.dep in (nsubj, nsubjpass) for c in kids)
                                and any(c.dep == auxpass for c in p.head.children))
    # "... were killed and nine civilians wounded": a participle sharing the passive auxiliary
    participle = participle or is_gapped_passive(p, trig.entry.event in lex.roles.gapped_passive_types)
    if participle or any(c.dep == auxpass for c in kids) or (trig.light and trig.token.dep == nsubjpass):
        e = trig.entry
        material = e.event in lex.roles.agentless_types or (e.cameo or "") in lex.roles.agentless_cameo \
            or (e.kind == "verb" and p.lemma_.lower() in lex.roles.agentless_verbs)
        return "no-actor:passive" if material else None
    if _thing_relative(p, lex) and trig.entry.event not in lex.roles.agentless_types:
        # "his comments, which raised concerns", "attacks that challenged the claim": the doer
        # is the thing the relative clause is on, no political actor; only material acts
        # ("the offensive, which has killed 1600 civilians") have such doers
        return None
    if any(c.dep == nsubj for c in kids) or (p.dep == conj and any(c.dep == nsubj for c in p.head.children)):
        return "no-actor:unnamed"
    return None


def _thing_relative(p: Token, lex: Lexicon) -> bool:
    """Whether ``p`` heads a relative clause whose subject is "which" or "that" (a relative
    pronoun of things, tagged WDT), or a verb conjoined to one sharing its subject, on a noun
    that names no body of people (``collective_nouns``: "their countries, which backed ...")."""
    if p.dep == conj and not any(c.dep in (nsubj, nsubjpass) or c.tag_ == "TO" for c in p.children):
        p = p.head  # "which raised concerns and drew criticism"; not "to open talks", its own clause
    return p.dep == relcl and p.head.pos_ in ("NOUN", "PROPN") and p.head.ent_type_ == "" and \
        p.head.lemma_.lower() not in lex.roles.collective_nouns and \
        any(c.dep == nsubj and c.tag_ == "WDT" for c in p.children)


def _nominal_agentless(trig: Trigger, lex: Lexicon) -> str | None:
    """A material act named by a noun with its victim and no doer ("the killing of civilians",
    "atrocities against citizens", "her abduction") is reported like an agentless passive, and
    so is one whose course a verb reports ("the strike continued", ``aspectual_verbs``); a bare
    event noun ("the arrests", "an attack") is more often a mere reference."""
    t, e = trig.token, trig.entry
    if e.event not in lex.roles.agentless_types:
        return None
    # "the strike continued across the country": the noun is the subject of its own course
    if t.dep == nsubj and t.head.lemma_.lower() in lex.roles.aspectual_verbs:
        return "no-actor:nominal"
    if e.weak:
        return None
    patient = (t.lemma_.lower() in lex.roles.poss_is_patient and any(c.dep == poss for c in t.children)) or any(
        c.dep == prep and c.lower_ in ("of", "against") and any(o.dep == pobj for o in c.children)
        for c in t.children)
    return "no-actor:nominal" if patient else None


def _roles_after_sense(doc: Doc, trig: Trigger, lex: Lexicon, is_actor: Callable[[Token], bool]):
    """The trigger's roles; for a word whose sense depends on who acts ("strike" by workers
    or by an air force), re-coded by its actors' kind and sector and found again.
    None when the event has no actor and is not an agentless or unnamed-actor clause
    (:func:`agentless`); such events are reported with an empty actor list."""
    actors, recips, role_why, direct = find_roles(doc, trig, lex, is_actor)
    if not actors and agentless(trig, lex) is None:
        return None
    sensed = resense(doc, trig.token, trig.predicate, trig.light, trig.entry, actors, lex)
    if sensed is not None:
        trig.entry, label = sensed
        trig.why.append(label)
        actors, recips, role_why, direct = find_roles(doc, trig, lex, is_actor)
        if not actors and agentless(trig, lex) is None:
            return None
    if not actors:
        role_why.append(agentless(trig, lex))
    elif trig.entry.event in lex.roles.public_types and all(_private(doc, a) for a in actors):
        # "Zimmerman is selling the gun", "donors gave money to the foundation": a private
        # sale or gift, not the aid of a political actor
        return None
    return actors, recips, role_why, direct


#: Dependents that make a plural noun phrase particular ("the", "three", "his", "several").
_PARTICULAR = frozenset({det, nummod, poss})


def _habitual_present(trig: Trigger) -> bool:
    """A verb of a single act in the simple present (no auxiliary) with a bare plural object
    ("kills journalists and opponents") in a sentence closed by a stop: a habit or a kind of act,
    no event. A headline's present ("Gunmen kill villagers in raid", no stop) reports one."""
    p = trig.predicate
    if trig.light or p is not trig.token or p.tag_ not in ("VBZ", "VBP") or \
            any(c.dep in (aux, auxpass) for c in p.children):
        return False
    last = next((t for t in reversed(p.sent) if not t.is_space), None)
    if last is None or not (last.is_punct and (last.text in ".!?;" or last.is_quote)):
        return False
    objs = [c for c in p.children if c.dep == dobj]
    return bool(objs) and all(o.tag_ == "NNS" and not any(c.dep in _PARTICULAR or c.like_num for c in o.children)
                              for o in objs)


def _struggle_for_cause(trig: Trigger, lex: Lexicon) -> bool:
    """A fight "for" a goal with no opponent (no object, no "against"/"with" party): a struggle
    for a cause, not an attack ("fought for our right to bear arms"); a fight for a named place or
    a ``battle_goal_nouns`` goal ("for control of the town") is a battle."""
    t, roles = trig.token, lex.roles
    if trig.entry.event != "ASSAULT" or t.lemma_.lower() not in roles.cause_struggle_words:
        return False
    kids = list(t.children)
    if any(c.dep in (dobj, nsubjpass) or c.dep == prep and c.lower_ in ("against", "with", "between", "among")
           for c in kids):
        return False
    goals = [o for c in kids if c.dep == prep and c.lower_ == "for" for o in c.children if o.dep == pobj]
    return bool(goals) and not any(o.pos_ == "PROPN" or o.ent_type_ in ("GPE", "LOC", "FAC")
                                   or o.lemma_.lower() in roles.battle_goal_nouns for o in goals)


def _private(doc: Doc, actor_id: str) -> bool:
    """A private individual or an unnamed group of them: a person or group with no sector, or
    of the civilian sector, and no office (role) or code."""
    a = find_actor(doc, actor_id)
    return a is not None and a.kind in ("person", "group") and (a.sector or "CVL") == "CVL" and not a.role


def _modality(trig: Trigger, lex: Lexicon) -> tuple[str, list[str]]:
    skip = frozenset({trig.token.i, trig.predicate.i})
    verbal = trig.entry.kind == "verb" or trig.light
    return modality_of(trig.predicate, trig.token, lex, verbal=verbal, skip=skip)


def build(doc: Doc, trig: Trigger, sent: Span, lex: Lexicon, is_actor: Callable[[Token], bool],
          n: int) -> Event | None:
    """Event ``E{n}`` of ``trig``, or None when it has no actor."""
    roles = _roles_after_sense(doc, trig, lex, is_actor)
    if roles is None:
        return None
    actors, recips, role_why, direct = roles
    if not recips and _struggle_for_cause(trig, lex):
        return None
    e = trig.entry
    event_type = e.event
    if event_type in lex.roles.habitual_present_types and _habitual_present(trig):
        return None
    cameo, mode, ctx = apply_content(trig, lex)
    p0 = trig.predicate
    modality, cues = _modality(trig, lex)
    if event_type == "CONSULT" and recips and modality == "asserted" and (cameo or "") in lex.roles.symmetric_cameo:
        # meetings, talks and calls have no host/visitor: PLOVER codes all participants
        # as actors and no recipient (manual, CONSULT). A meeting only offered or planned
        # is coded AGREE, whose recipient is the party offered the meeting, so it keeps it.
        actors = actors + [r for r in recips if r not in actors]
        recips = []
        role_why.append("symmetric-consult")
    # a sanction that ends by itself ("the embargo expired") is an easing of it
    if event_type == "SANCTION" and trig.token.dep == nsubj and \
            trig.token.head.lemma_.lower() in lex.roles.terminative_verbs:
        event_type, cameo, mode = "RETREAT", "085", None
        trig.why.append(f"terminative:{trig.token.head.lemma_.lower()}")
        trig.predicate = trig.token.head
        trig.light = True
    if trig.predicate is not p0:
        modality, cues = _modality(trig, lex)
    if event_type == "RETREAT" and mode in HANDOVER_MODES:
        role_why.append("handover")  # a release or return: promised, a coder records AGREE
    # reciprocal events: several actors and no recipient (PLOVER: all parties are actors)
    if len(actors) > 1 and not recips:
        role_why.append("reciprocal")
    ctx = contexts(trig, lex, ctx)
    if _background(trig):
        role_why.append("background")
    start_tok = doc[trig.start]
    end_tok = doc[max(trig.start, trig.end - 1)]
    if trig.light and trig.predicate.i > trig.token.i:
        end_tok = trig.predicate
    trigger_span = (start_tok.idx, end_tok.idx + len(end_tok.text))
    why = "; ".join([*trig.why, *role_why, f"modality={modality}" + (f"({','.join(cues)})" if cues else "")])
    return Event(
        id=f"E{n}", event=event_type, mode=mode, context=ctx, cameo=cameo,
        actor=tuple(actors), recipient=tuple(recips),
        date=date(doc, trig.token), modality=modality, location=location(doc, trig.token),
        trigger=trigger_span, sentence=(sent.start_char, sent.end_char),
        confidence=confidence(trig, bool(recips), direct, lex, bool(actors)), why=why,
        statement=statement(doc, trigger_span[0]),
    )
