"""The ``whimbrel_events`` component: PLOVER events with CAMEO codes, from triggers and the parse.

For each sentence:

1. **Triggers.** Every verb and noun whose lemma is in ``data/events/triggers.yaml``
   is a candidate; of the entries matching its lemma, the most specific one whose
   constraints hold (object, particle, preposition, modifier) wins.
2. **Absorption.** A noun trigger that is the object of a verb trigger is the verb's
   content, not a second event ("threatened sanctions" is one THREATEN whose
   mode comes from the SANCTION content); a noun trigger that is the object of a
   light verb ("imposed sanctions", "held talks") becomes one event whose
   predicate is the light verb.
3. **Roles** (:mod:`.roles`), resolved to actor ids through :mod:`whimbrel.actors`.
   An event with no resolvable actor is not emitted.
4. **Modality** (:mod:`.modality`), **context** (keywords near the trigger plus the
   CAMEO code's context), **date**, **location** and **statement** from the
   times, places and statements components when they are installed.

Confidence, in [0, 1], adds simple factors (documented in :func:`_confidence`).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from spacy.language import Language
from .deps import (acl, acomp, advmod, agent, amod, appos, attr, oprd, aux, compound, conj, dative, dobj, nmod, nsubj, nsubjpass,
                           pcomp, pobj, prep, prt, xcomp, ccomp, advcl, relcl)
from spacy.tokens import Doc, Span, Token

from .. import actors as actor_api
from ..model import Event, EventDate
from . import lexicon as lexicon_mod
from .lexicon import Entry, Lexicon
from .modality import modality_of
from .roles import (clause_subject, noun_actors, passive, reciprocal_parties, recipients_of)
from .senses import resense

try:  # optional stages written elsewhere; events work without them
    from ..stages.times import api as _times
except Exception:  # pragma: no cover - depends on which stages are installed
    _times = None
try:
    from .. import places as _places  # type: ignore[attr-defined]
except Exception:  # pragma: no cover
    _places = None
try:
    from .. import statements as _statements  # type: ignore[attr-defined]
except Exception:  # pragma: no cover
    _statements = None

_VERB_POS = {"VERB"}
_NOUN_POS = {"NOUN", "PROPN"}
#: Links by which a noun trigger is the content of a governing trigger (object, "of"/"for" complement).
_CONTENT_LINKS = {"dobj", "nsubjpass", "prep:of", "prep:for"}


@dataclass
class Trigger:
    token: Token
    entry: Entry
    predicate: Token            # the verb carrying tense/subject (light verb for nominal events)
    start: int                  # token span of the trigger words
    end: int
    content: list["Trigger"] = field(default_factory=list)   # absorbed content events
    light: bool = False
    why: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- trigger matching

def _object_lemmas(tok: Token) -> set[str]:
    """Lemmas of the direct object(s) / passive subject of a verb, or of a noun's "of" object."""
    out: set[str] = set()
    heads = []
    if tok.pos_ in _VERB_POS:
        heads = [c for c in tok.children if c.dep in (dobj, nsubjpass)]
        if not heads:
            # "allowed UN investigators to visit": with no object, the subject of the
            # verb's complement clause is the one allowed, ordered or admitted
            heads = [s for c in tok.children if c.dep in (ccomp, xcomp) for s in c.children
                     if s.dep in (nsubj, nsubjpass)]
        # particle verbs parsed with the object inside a prepositional phrase ("hand over X")
        for c in tok.children:
            if c.dep == prep and c.lower_ in ("over", "down", "off", "up", "out"):
                heads += [o for o in c.children if o.dep == pobj]
    else:
        for c in tok.children:
            if c.dep == prep and c.lower_ == "of":
                heads += [o for o in c.children if o.dep == pobj]
    for h in heads:
        for t in [h, *h.conjuncts]:
            out.add(t.lemma_.lower())
            # "arms embargo", "state of emergency": compounds and of-heads count too
            for c in t.children:
                if c.dep in (compound,) or (c.dep == prep and c.lower_ == "of"):
                    out.add(c.lemma_.lower())
                    out.update(o.lemma_.lower() for o in c.children if o.dep == pobj)
    return out


def _holds(entry: Entry, tok: Token, is_actor) -> bool:
    if entry.prt:
        prts = {c.lower_ for c in tok.children if c.dep == prt}
        prts |= {c.lower_ for c in tok.children if c.dep == prep and c.lower_ in entry.prt
                 and c.i == tok.i + 1}
        # the parser sometimes labels a particle right after its verb an adverb ("handed back")
        prts |= {c.lower_ for c in tok.children if c.dep == advmod and c.lower_ in entry.prt
                 and c.i == tok.i + 1}
        if not (prts & entry.prt):
            return False
    if entry.prep and not ({c.lower_ for c in tok.children if c.dep == prep} & entry.prep):
        return False
    if entry.mod and not ({c.lemma_.lower() for c in tok.children if c.dep in (amod, compound, nmod)} & entry.mod):
        return False
    if entry.obj and not (_object_lemmas(tok) & entry.obj):
        return False
    has_obj = any(c.dep in (dobj, nsubjpass) for c in tok.children)
    if entry.transitive is True and not has_obj:
        return False
    if entry.transitive is False and any(c.dep == dobj for c in tok.children):
        return False
    if entry.clause and not any(c.dep in (xcomp, ccomp) for c in tok.children):
        return False
    if entry.comp_aux and not any(c.dep == ccomp and any(a.dep == aux and a.lower_ in entry.comp_aux for a in c.children)
                                  for c in tok.children):
        return False
    if entry.obj_actor and not any(is_actor(c) for c in _addressees(tok)):
        return False
    return True


def _addressees(tok: Token) -> list[Token]:
    """The object of a verb, or the subject of its complement clause.

    "allowed the candidate to run" and "ordered Menem to appear" are parsed either
    with the person as object (plus an open complement) or as the subject of a
    clausal complement; either way that person is the one allowed or ordered.
    """
    out = [c for c in tok.children if c.dep in (dobj, nsubjpass)]
    for c in tok.children:
        if c.dep in (ccomp, xcomp):
            out += [s for s in c.children if s.dep in (nsubj, nsubjpass)]
    return out


def _lemma(tok: Token, lex: Lexicon) -> str:
    """The token's lemma, corrected where the statistical lemmatizer is known to slip
    ("staged" -> "stag"); the corrections are in roles.yaml."""
    fixes = lex.roles.get("lemma_corrections") or {}
    return str(fixes.get(tok.lower_, tok.lemma_)).lower()


def _match(tok: Token, lex: Lexicon, is_actor) -> Entry | None:
    if tok.pos_ in _VERB_POS:
        kind = "verb"
    elif tok.pos_ in _NOUN_POS:
        kind = "noun"
    else:
        return None
    lemma = _lemma(tok, lex)
    if kind == "noun":
        # "press release", "heart attack": a modifier that changes the noun's sense
        blocked = {str(w).lower() for w in (lex.roles.get("blocking_modifiers") or {}).get(lemma) or ()}
        if blocked and any(c.dep in (compound, amod) and c.lemma_.lower() in blocked for c in tok.children):
            return None
    cands = [e for e in lex.entries(lemma, kind) if _holds(e, tok, is_actor)]
    if not cands and kind == "noun" and lemma != tok.lower_:
        cands = [e for e in lex.entries(tok.lower_, kind) if _holds(e, tok, is_actor)]
    if not cands:
        return None
    cands.sort(key=lambda e: (-e.specificity, e.weak))
    return cands[0]


def _light_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The light verb whose object ``noun`` is ("held talks", "sanctions were imposed"), if any."""
    lights = lex.words("roles", "light_verbs")
    head = noun.head
    if noun.dep == pobj and head.dep == prep:
        # "engaged in fighting", "resorted to violence", "took part in the protest"
        verb = head.head
        if verb.lemma_.lower() == "part" and verb.head is not verb:
            verb = verb.head
        wanted = (lex.roles.get("light_verb_preps") or {}).get(verb.lemma_.lower())
        if verb.pos_ in ("VERB", "AUX") and wanted and head.lower_ == str(wanted).lower():
            return verb
    if noun.dep in (dobj, nsubjpass) and head.pos_ in ("VERB", "AUX") and _lemma(head, lex) in lights:
        return head
    # "called a general strike", "declared a boycott": verbs light only for some nouns; not
    # when they name the noun something ("called the strike illegal": a judgement)
    own = {str(w).lower() for w in ((lex.roles.get("noun_light_verbs") or {}).get(noun.lemma_.lower()) or ())}
    if noun.dep in (dobj, nsubjpass) and head.pos_ == "VERB" and _lemma(head, lex) in own \
            and not any(c.dep in (oprd, ccomp, xcomp, prt) for c in head.children):
        return head
    # coordinated objects share the verb: "imposed sanctions and an embargo"
    if noun.dep == conj and head.dep in (dobj, nsubjpass):
        return _light_verb(head, lex)
    return None


def find_triggers(doc: Doc, sent: Span, lex: Lexicon, is_actor) -> list[Trigger]:
    """Triggers of ``sent`` after absorption (see module docstring)."""
    found: dict[int, Trigger] = {}
    for tok in sent:
        entry = _match(tok, lex, is_actor)
        if entry is None:
            continue
        found[tok.i] = Trigger(tok, entry, tok, tok.i, tok.i + 1, why=[entry.source])
    # "mediation efforts", "a rescue mission": an event noun modifying a generic head
    # noun is the event; the head carries its syntax (light verb, "between", owner)
    heads = lex.words("roles", "event_head_nouns")
    for i, trig in list(found.items()):
        t = trig.token
        if trig.entry.kind == "noun" and t.dep == compound and t.head.lemma_.lower() in heads \
                and t.head.i not in found:
            del found[i]
            trig.token = trig.predicate = t.head
            trig.start, trig.end = min(t.i, t.head.i), max(t.i, t.head.i) + 1
            trig.why.append(f"head-noun:{t.head.lemma_.lower()}")
            found[t.head.i] = trig
    # particles and fixed parts belong to the trigger span ("pull out", "crack down")
    for trig in found.values():
        t = trig.token
        for c in t.children:
            if c.dep == prt and c.i == t.i + 1:
                trig.end = c.i + 1
    absorbed: set[int] = set()
    for i, trig in sorted(found.items()):
        t = trig.token
        if trig.entry.kind != "noun":
            continue
        gov, via = t.head, t.dep_
        if t.dep == pobj and gov.dep == prep:
            # a noun inside a prepositional phrase: "threat of X", "called for X"
            via, gov = f"prep:{gov.lower_}", gov.head
        if gov.i in found and gov.i != t.i and via in _CONTENT_LINKS:
            # the object of a trigger is its content, not a second event:
            # "threatened sanctions", "the threat of sanctions", "called for talks"
            found[gov.i].content.append(trig)
            absorbed.add(i)
            continue
        light = _light_verb(t, lex)
        if light is not None and light.i not in found:
            trig.predicate = light
            trig.light = True
            trig.start = min(light.i, t.i)
            trig.why.append(f"light-verb:{light.lemma_.lower()}")
    # the "lifting of sanctions" pattern already consumed its object noun
    for i, trig in found.items():
        if trig.entry.obj and trig.entry.kind == "noun":
            for c in trig.token.children:
                if c.dep == prep and c.lower_ == "of":
                    for o in c.children:
                        if o.i in found:
                            absorbed.add(o.i)
    # a verb trigger whose pattern names its object absorbs that object's noun trigger
    for i, trig in found.items():
        if trig.entry.kind == "verb" and trig.entry.obj:
            for c in trig.token.children:
                if c.dep in (dobj, nsubjpass) and c.i in found:
                    absorbed.add(c.i)
                    for cc in c.conjuncts:
                        absorbed.add(cc.i)
    return [t for i, t in sorted(found.items()) if i not in absorbed]


# ---------------------------------------------------------------- roles -> actor ids

def _resolve(doc: Doc, tok: Token) -> list[str]:
    try:
        ids = actor_api.actors_of_phrase(doc, tok)
    except Exception:  # a resolver bug must not sink the document
        ids = []
    if not ids:
        a = actor_api.actor_at(doc, tok)
        ids = [a] if a else []
    return list(ids)


def _experiencer(noun: Token, lex: Lexicon) -> tuple[Token | None, str]:
    """Subject of an experiencer predicate whose complement holds ``noun`` ("X faces sanctions")."""
    preds = lex.words("roles", "experiencer_predicates")
    node = noun
    for _ in range(4):
        head = node.head
        if head is node:
            break
        if head.lemma_.lower() in preds:
            verb = head
            while verb.pos_ not in ("VERB", "AUX") and verb.head is not verb and verb.dep in (acomp, attr, prep, pobj, dobj, xcomp):
                verb = verb.head
            subj, how = clause_subject(verb)
            if subj is not None:
                return subj, f"experiencer:{head.lemma_.lower()}"
            break
        if head.pos_ in ("VERB", "AUX") and head.lemma_.lower() not in preds:
            break
        node = head
    return None, ""


def _roles(doc: Doc, trig: Trigger, lex: Lexicon, is_actor) -> tuple[list[str], list[str], list[str], bool]:
    """(actor ids, recipient ids, why parts, direct) for one trigger."""
    t, p, e = trig.token, trig.predicate, trig.entry
    actors: list[str] = []
    recips: list[str] = []
    why: list[str] = []
    direct = True

    def add(ids, into, label):
        new = [a for a in ids if a not in into]
        if new:
            into.extend(new)
            why.append(label)
        return bool(new)

    nominal = e.kind == "noun"
    allowed = e.recipient or tuple((lex.roles.get("type_recipients") or {}).get(e.event) or ())
    own_preps = frozenset(r[5:] for r in allowed if r.startswith("prep:"))
    third_party = (e.cameo or "") in {str(c) for c in lex.roles.get("third_party_cameo") or ()}
    if trig.light and p.lemma_.lower() in lex.words("roles", "converse_light_verbs"):
        # "X received support from Y": Y acts, X receives
        for tok, rule in recipients_of(t, lex, ("prep:from",)) + recipients_of(p, lex, ("prep:from",)):
            add(_resolve(doc, tok), actors, f"actor={rule}(converse)")
        subj, rule = clause_subject(p)
        if subj is not None:
            add([a for a in _resolve(doc, subj) if a not in actors], recips, f"recipient={rule}(converse)")
        return actors, recips, why, True
    # ---- actor
    parties: list[tuple[Token, str]] = []
    if nominal:
        for tok, rule in noun_actors(t, lex, is_actor, with_of=False, exclude=own_preps):
            if add(_resolve(doc, tok), actors, f"actor={rule}"):
                if rule == "poss" and tok.lower_ in lex.words("roles", "possessive_pronouns") and not actors:
                    direct = False
        parties = reciprocal_parties(t, lex)
    if not third_party:
        # "talks between X and Y": all parties act; for a mediator they are the recipients
        for tok, rule in parties:
            add(_resolve(doc, tok), actors, f"actor={rule}(reciprocal)")
    if not actors and (not nominal or trig.light):
        if p.pos_ in ("VERB", "AUX"):
            subj, rule = clause_subject(p)
            if subj is None and rule == "acl":
                # "the US attempts to keep the ban": the noun that the infinitive completes acts
                for tok, r in noun_actors(p.head, lex, is_actor):
                    add(_resolve(doc, tok), actors, f"actor=acl-{r}")
                direct = False
            elif subj is not None:
                add(_resolve(doc, subj), actors, f"actor={rule}")
                direct = rule in ("nsubj", "agent")
                if not actors:
                    # "US attacks killed ...", "the army's shells hit ...": the subject is
                    # an instrument or event whose owner is the actor
                    for tok, r in noun_actors(subj, lex, is_actor):
                        add(_resolve(doc, tok), actors, f"actor=subject-{r}")
    if not actors and nominal and not trig.light:
        # "the withdrawal of US troops": the "of" object does an intransitive act,
        # read only when no light verb names the doer ("the US completed the withdrawal of ...")
        for tok, rule in noun_actors(t, lex, is_actor, exclude=own_preps):
            add(_resolve(doc, tok), actors, f"actor={rule}")
    if not actors and nominal:
        # a possessive pronoun or bare nominal: the clause's subject ("Russia observes ...
        # in its cooperation with Iran"), a weaker reading
        has_pron = any(c.dep_ == "poss" and c.lower_ in lex.words("roles", "possessive_pronouns") for c in t.children)
        if has_pron:
            node = t
            for _ in range(5):
                if node.head is node:
                    break
                node = node.head
                if node.pos_ in ("VERB", "AUX"):
                    subj, rule = clause_subject(node)
                    if subj is not None:
                        add(_resolve(doc, subj), actors, f"actor=clause-subject({rule})")
                        direct = False
                    break
    if not actors and nominal and e.obj:
        # "the expiry of a UN embargo": the eased sanction's own imposer is the actor
        for c in t.children:
            if c.dep == prep and c.lower_ == "of":
                for o in c.children:
                    for tok, rule in noun_actors(o, lex, is_actor):
                        add(_resolve(doc, tok), actors, f"actor=of-{rule}")
                    direct = False
    if nominal and e.weak and not trig.light and not direct:
        # an ambiguous noun ("commitments", "support") is only an event with a clear owner
        return [], [], why, direct
    # ---- recipient
    terminal = []
    if third_party:
        # CAMEO 045: the mediator acts, the parties mediated between receive
        terminal += parties
        if not nominal:
            terminal += reciprocal_parties(t, lex)
    if nominal:
        terminal += recipients_of(t, lex, allowed, include_dobj=False,
                                  of_patient=t.lemma_.lower() not in lex.words("roles", "of_is_agent"))
        if trig.light:
            terminal += recipients_of(p, lex, allowed, include_dobj=False)
        # a phrase after the "of" object may belong to the event noun: "the withdrawal
        # of some forces from Panama" (the parser attaches "from Panama" to "forces")
        if allowed:
            for c in t.children:
                if c.dep == prep and c.lower_ == "of":
                    for o in c.children:
                        terminal += recipients_of(o, lex, allowed, include_dobj=False)
    else:
        terminal += recipients_of(t, lex, allowed, include_dobj=not passive(t) or True)
        if passive(t):
            terminal = [(c, "nsubjpass") for c in t.children if c.dep == nsubjpass] + terminal
        # content nouns carry their own recipients: "threatened sanctions against X"
        for c in t.children:
            if c.dep in (dobj, nsubjpass):
                terminal += recipients_of(c, lex, include_dobj=False)
    for ct in trig.content:
        terminal += recipients_of(ct.token, lex, include_dobj=False)
    if nominal and e.obj:
        for c in t.children:
            if c.dep == prep and c.lower_ == "of":
                for o in c.children:
                    terminal += recipients_of(o, lex, include_dobj=False)
    for tok, rule in terminal:
        ids = [a for a in _resolve(doc, tok) if a not in actors]
        if ids:
            add(ids, recips, f"recipient={rule}")
            break
    if not recips and not nominal:
        # verbs of demanding, threatening, promising or refusing direct their act at the
        # party their complement is about: "demanded that Iran stop X" (complement subject),
        # "threatened to break off relations with Congo" (complement's own recipient)
        for tok, rule in _complement_recipients(t, lex):
            ids = [a for a in _resolve(doc, tok) if a not in actors]
            if ids:
                add(ids, recips, f"recipient=complement-{rule}")
                break
    if not recips and nominal:
        subj, rule = _experiencer(t, lex)
        if subj is not None:
            ids = [a for a in _resolve(doc, subj) if a not in actors]
            add(ids, recips, f"recipient={rule}")
    if not recips and e.event in _types(lex, "content_owner_types"):
        # "vetoed a Security Council resolution", "opposed French mediation",
        # "an investigation into crimes committed by X": an act aimed at a policy,
        # statement or deed is aimed at whoever owns it
        for tok, rule in _content_owners(trig, lex, is_actor):
            ids = [a for a in _resolve(doc, tok) if a not in actors]
            if ids:
                add(ids, recips, f"recipient=owner-{rule}")
                break
    if not recips and e.event in _types(lex, "partner_recipient_types"):
        # "expressed readiness to work with Tokyo", "a desire for closer cooperation with
        # Lithuania": the intended partner, named by "with" inside the stated intention, is
        # the party the intent is addressed to
        objs = [c for c in (*t.children, *p.children) if c.dep in (dobj, nsubjpass)]
        for o in objs:
            for w in o.subtree:
                if w.dep != prep or w.lower_ != "with":
                    continue
                ids = [a for x in w.children if x.dep == pobj for a in _resolve(doc, x) if a not in actors]
                if ids:
                    add(ids[:1], recips, "recipient=intent-partner(with)")
                    break
            if recips:
                break
    if not recips and e.event == "PROTEST":
        # a protest is aimed at the target of its purpose ("to protest X's failure",
        # "to demand the removal of Y") or of "in protest against/of Z"
        for tok, rule in _protest_purpose(trig, lex, is_actor):
            ids = [a for a in _resolve(doc, tok) if a not in actors]
            if ids:
                add(ids, recips, f"recipient=purpose-{rule}")
                break
    if not recips and e.event == "THREATEN":
        # "threatened to strike unless Israel rescinded ...": the party whose act would
        # avert the threat is the one threatened
        for tok, rule in _condition_subjects(t, lex):
            ids = [a for a in _resolve(doc, tok) if a not in actors]
            if ids:
                add(ids, recips, f"recipient={rule}")
                break
    if not recips and e.event in _types(lex, "locative_recipient_types"):
        # acts on a territory (curfews, blockades, bombings, protests, deployments)
        # with no named target are directed at the state where they happen
        for tok, rule in _locatives(trig, lex):
            ids = [a for a in _resolve(doc, tok) if a not in actors and _is_state(doc, a)]
            if ids:
                add(ids[:1], recips, f"recipient=location({rule})")
                break
    if not recips and e.event in _types(lex, "locative_recipient_types"):
        # the same act in a city, region or province ("rallied in Tbilisi", "a bombing at
        # a market in Peshawar") is directed at the state the place lies in; a place named
        # for its government ("Moscow's troops") is no location, and a country that is
        # itself the actor ("Egyptians demonstrated in Cairo") is not its own target
        for tok, rule in _locatives(trig, lex):
            # "in Idlib province", "in the Darfur region": the name modifies a generic head
            place = _place_of(doc, tok) or next(
                (p for c in tok.children if c.dep in (compound, appos) for p in [_place_of(doc, c)] if p), None)
            if place is None:
                continue
            aid = _country_actor(doc, place)
            if aid and aid not in actors:
                add([aid], recips, f"recipient=place-country({rule})")
            break
    if not recips and (e.cameo or "") in {str(c) for c in lex.roles.get("host_place_cameo") or ()}:
        # a visit to a city ("flew to Cairo", "arrived in Havana") is hosted by the state
        # the city lies in (CAMEO 042: the recipient is the host)
        for c in [*p.children, *t.children]:
            if c.dep != prep or c.lower_ not in ("to", "in", "at"):
                continue
            place = next((pl for o in c.children if o.dep == pobj for pl in [_place_of(doc, o)] if pl), None)
            # a leader arriving in his own country's city is coming home, not visiting
            home = {a.country for a in doc._.actors or () if a.id in actors}
            aid = _country_actor(doc, place) if place is not None and place.country not in home else None
            if aid and aid not in actors:
                add([aid], recips, f"recipient=host-country({c.lower_})")
                break
    if not recips and e.event in _types(lex, "content_owner_types"):
        # "rejected the European proposal": an adjective naming an organisation, not a
        # country, owns the content too (the actors stage knows only country demonyms)
        for tok, rule in _owner_adjectives(trig, lex):
            aid = _named_actor(doc, tok, lex)
            if aid and aid not in actors:
                add([aid], recips, f"recipient=owner-{rule}")
                break
    return actors, recips, why, direct


def _place_of(doc: Doc, tok: Token):
    """The places stage's non-metonymic place at ``tok`` with a country code, or None."""
    if _places is None or not hasattr(_places, "place_at"):
        return None
    try:
        p = _places.place_at(doc, tok)
    except Exception:  # the optional places stage must not break events
        return None
    if p is None or getattr(p, "metonymy", False):
        return None
    cc = getattr(p, "country", None)
    return p if isinstance(cc, str) and len(cc) == 3 and cc.isalpha() and cc.isupper() else None


def _add_actor(doc: Doc, **fields) -> str | None:
    """Append an actor the text implies but names no mention of; returns its id."""
    from ..model import Actor

    current = list(doc._.actors or ())
    nums = [int(a.id[1:]) for a in current if a.id[:1] == "A" and a.id[1:].isdigit()]
    aid = f"A{max(nums, default=0) + 1}"
    try:
        current.append(Actor(id=aid, **fields))
    except TypeError:
        return None
    doc._.actors = current
    return aid


def _country_actor(doc: Doc, place) -> str | None:
    """Id of the country actor for ``place``'s country, added when the text has none."""
    iso = place.country
    for a in doc._.actors or ():
        if a.kind == "country" and a.country == iso:
            return a.id
    try:
        from ..actors.lexicon import load as actor_lexicon

        name = actor_lexicon().country_names.get(iso)
    except Exception:
        name = None
    if not name:
        return None
    return _add_actor(doc, name=name, kind="country", country=iso, sector=None, code=iso, role=None,
                      mentions=(), why=f"events: country of the event's location {place.name!r} ({place.id})")


def _owner_adjectives(trig: Trigger, lex: Lexicon) -> list[tuple[Token, str]]:
    """Modifiers of the event's content nouns listed in roles.yaml ``owner_adjectives``."""
    known = {str(k).lower() for k in (lex.roles.get("owner_adjectives") or {})}
    out: list[tuple[Token, str]] = []
    t, p = trig.token, trig.predicate
    heads = [c for tok in {t, p} for c in tok.children if c.dep in (dobj, nsubjpass)]
    heads += [ct.token for ct in trig.content]
    for h in heads:
        for c in h.children:
            if c.dep in (amod, compound, nmod) and c.lower_ in known:
                out.append((c, f"{c.dep_}-adjective"))
    return out


def _named_actor(doc: Doc, tok: Token, lex: Lexicon) -> str | None:
    """Id of the actor an owner adjective names (existing, or added with that word as mention)."""
    name = str((lex.roles.get("owner_adjectives") or {}).get(tok.lower_) or "")
    try:
        from ..actors.lexicon import load as actor_lexicon

        entry = actor_lexicon().forms.get(name)
    except Exception:
        entry = None
    if entry is None:
        return None
    for a in doc._.actors or ():
        if a.code == entry.code and a.kind == entry.kind:
            return a.id
    return _add_actor(doc, name=entry.name, kind=entry.kind, country=entry.country, sector=entry.sector,
                      code=entry.code, role=None, mentions=((tok.idx, tok.idx + len(tok.text)),),
                      why=f"events: owner adjective {tok.text!r} of an event's content")


def _condition_subjects(tok: Token, lex: Lexicon) -> list[tuple[Token, str]]:
    marks = lex.words("roles", "condition_marks")
    out: list[tuple[Token, str]] = []
    for w in tok.subtree:
        if w.dep == advcl and any(m.dep_ == "mark" and m.lower_ in marks for m in w.children):
            out += [(c, "condition-subject") for c in w.children if c.dep in (nsubj, nsubjpass)]
    return out


def _types(lex: Lexicon, key: str) -> set[str]:
    """A list of PLOVER event types from roles.yaml."""
    return {str(x).upper() for x in lex.roles.get(key) or ()}


def _is_state(doc: Doc, actor_id: str) -> bool:
    """Whether an actor is a country (or a place standing for one), not a person or group."""
    a = actor_api.get_actor(doc, actor_id)
    return a is not None and a.kind == "country"


def _phrase_owners(noun: Token, lex: Lexicon, is_actor, depth: int = 0) -> list[tuple[Token, str]]:
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
                    out += _phrase_owners(o, lex, is_actor, depth + 1)
    return out


def _content_owners(trig: Trigger, lex: Lexicon, is_actor) -> list[tuple[Token, str]]:
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
        out += _phrase_owners(h, lex, is_actor)
    return out


def _protest_purpose(trig: Trigger, lex: Lexicon, is_actor) -> list[tuple[Token, str]]:
    out: list[tuple[Token, str]] = []
    p = trig.predicate
    for c in p.children:
        if c.dep == advcl and any(a.tag_ == "TO" for a in c.children):
            out += recipients_of(c, lex)
            out += [(o, r) for d in c.children if d.dep == dobj for o, r in _phrase_owners(d, lex, is_actor)]
        if c.dep == prep:
            for o in c.children:
                if o.dep == pobj and o.lemma_.lower() in ("protest", "defiance", "opposition", "support"):
                    out += recipients_of(o, lex, include_dobj=False, of_patient=True)
                    for oo in o.children:
                        if oo.dep == prep:
                            out += [x for pp in oo.children if pp.dep == pobj for x in _phrase_owners(pp, lex, is_actor)]
    return out


def _locatives(trig: Trigger, lex: Lexicon) -> list[tuple[Token, str]]:
    """Place phrases of the event: "in/at/into X" on the predicate, trigger or object."""
    preps = lex.words("roles", "locative_preps")
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


def _complement_recipients(verb: Token, lex: Lexicon, depth: int = 0) -> list[tuple[Token, str]]:
    """Recipient candidates inside ``verb``'s clausal complement(s), best first."""
    out: list[tuple[Token, str]] = []
    if depth > 2:
        return out
    for c in verb.children:
        if c.dep == ccomp:
            # "demanded that X do Y": the complement's own subject is the one addressed
            out += [(s, "subject") for s in c.children if s.dep in (nsubj, nsubjpass)]
            out += recipients_of(c, lex)
        elif c.dep == xcomp:
            # "threatened to break off relations with X": shared subject, so the recipient
            # is whoever the complement's action is directed at
            out += recipients_of(c, lex)
            for o in c.children:
                if o.dep in (dobj,):
                    out += recipients_of(o, lex, include_dobj=False)
            out += _complement_recipients(c, lex, depth + 1)
    return out


# ---------------------------------------------------------------- context, date, place

def _contexts(trig: Trigger, lex: Lexicon, extra: tuple[str, ...]) -> tuple[str, ...]:
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
            if c.dep in (nsubj, conj, advcl, ccomp, relcl) or c.dep_ in ("punct", "cc", "mark"):
                continue
            for w in c.subtree:
                words.add(w.lemma_.lower())
        words.add(t.lemma_.lower())
    out = list(extra)
    for ctx, keys in lex.context_parts():
        if ctx in out:
            continue
        for parts in keys:
            if all(p in words for p in parts):
                out.append(ctx)
                break
    return tuple(out)


def _date(doc: Doc, tok: Token) -> EventDate:
    if _times is not None and hasattr(_times, "time_for_token"):
        try:
            t = _times.time_for_token(doc, tok)
            # A time with no value ("hours before the summit") dates nothing: the
            # publication date is then the best estimate, as below.
            if t is not None and getattr(t, "value", None) is not None:
                d = _times.date_of(t) if hasattr(_times, "date_of") else t
                if isinstance(d, EventDate):
                    return d
                if isinstance(d, tuple) and len(d) == 2:
                    return EventDate(d[0], d[1])
                if isinstance(d, str):
                    return EventDate(d, {10: "day", 7: "month", 4: "year"}.get(len(d)))
        except Exception:  # the optional times stage must not break events
            pass
    pub = doc._.published
    if isinstance(pub, dt.datetime):
        pub = pub.date()
    if isinstance(pub, dt.date):
        return EventDate(pub.isoformat(), "day")
    return EventDate(None, None)


def _location(doc: Doc, tok: Token) -> str | None:
    if _places is not None and hasattr(_places, "location_for_token"):
        try:
            p = _places.location_for_token(doc, tok)
            return getattr(p, "id", p) if p is not None else None
        except Exception:
            return None
    return None


def _statement(doc: Doc, char: int) -> str | None:
    if _statements is not None and hasattr(_statements, "statement_at"):
        try:
            s = _statements.statement_at(doc, char)
            return getattr(s, "id", s) if s is not None else None
        except Exception:
            return None
    return None


def _confidence(trig: Trigger, has_recipient: bool, direct: bool, lex: Lexicon) -> float:
    """Confidence of one event, from simple factors:

    base 0.40; +0.20 when a verb or light verb predicates the event (a bare noun
    is more often a mere reference); +0.10 for a pattern entry (more words
    agreeing); -0.15 for an entry marked weak (ambiguous word); +0.15 when the
    actor is a direct subject/agent/possessor, +0.05 when it is inherited
    (control, conjunction, clause subject); +0.10 with a recipient, or -0.10
    without one for the types the PLOVER manual says require a recipient;
    +0.05 when the predicate is the sentence's main verb; -0.15 when it is in a
    relative or participial clause (background).
    """
    e = trig.entry
    c = 0.40
    if e.kind == "verb" or trig.light:
        c += 0.20
    if e.specificity:
        c += 0.10
    if e.weak:
        c -= 0.15
    c += 0.15 if direct else 0.05
    if has_recipient:
        c += 0.10
    elif e.event in lex.words("roles", "requires_recipient") or e.event in set(lex.roles.get("requires_recipient", ())):
        c -= 0.10
    p = trig.predicate
    if p.dep_ == "ROOT" or (p.dep == conj and p.head.dep_ == "ROOT"):
        c += 0.05
    if p.dep in (relcl, acl) or (e.kind == "verb" and p.dep == conj and p.head.dep in (relcl, acl)):
        # a relative or participial clause gives background ("..., whom they had taken
        # hostage"), not the news the sentence reports
        c -= 0.15
    return round(max(0.05, min(0.99, c)), 2)


# ---------------------------------------------------------------- the component

def _apply_content(trig: Trigger, lex: Lexicon) -> tuple[str | None, str | None, tuple[str, ...]]:
    """CAMEO code, mode and context of ``trig`` refined by the event it governs."""
    e = trig.entry
    cameo, mode, ctx = e.cameo, e.mode, e.context
    table = (lex.roles.get("content") or {}).get(e.event) or {}
    for inner in trig.content + _verb_complements(trig, lex):
        spec = table.get(inner.entry.event)
        if spec:
            cameo = str(spec.get("cameo", cameo))
            mode = spec.get("mode", mode)
            row = lex.cameo.get(cameo, {})
            ctx = tuple(dict.fromkeys([*ctx, *(row.get("context") or ()), *inner.entry.context]))
            trig.why.append(f"content:{inner.entry.event}")
            break
    return cameo, mode, ctx


def _verb_complements(trig: Trigger, lex: Lexicon) -> list[Trigger]:
    return [c for c in trig.__dict__.get("_complements", [])]


def extract(doc: Doc, lex: Lexicon | None = None) -> list[Event]:
    """All events of ``doc`` (needs ``doc._.actors`` set by the actors component)."""
    lex = lex or lexicon_mod.load()
    from . import roles as roles_mod

    roles_mod.DISPOSITIONAL.update(lex.words("roles", "dispositional_passives"))
    def is_actor(tok: Token) -> bool:
        # a mention may cover only a modifier of the head ("opposition leaders")
        return actor_api.actor_at(doc, tok) is not None or bool(_resolve(doc, tok))
    events: list[Event] = []
    seen: set[tuple] = set()
    for sent in doc.sents:
        triggers = find_triggers(doc, sent, lex, is_actor)
        by_token = {t.token.i: t for t in triggers}
        # verb complements: "threatened to impose sanctions" refines THREATEN's mode
        for t in triggers:
            gov = t.predicate.head
            if t.predicate.dep in (xcomp, ccomp) and gov.i in by_token and gov.i != t.token.i:
                by_token[gov.i].__dict__.setdefault("_complements", []).append(t)
        for trig in triggers:
            try:
                ev = _event(doc, trig, sent, lex, is_actor, len(events) + 1)
            except Exception:  # one odd parse must not lose the document's other events
                ev = None
            if ev is None:
                continue
            key = (ev.event, ev.trigger, ev.actor, ev.recipient)
            if key in seen:
                continue
            seen.add(key)
            events.append(ev)
    _drop_unused_added_actors(doc, events)
    return events


def _drop_unused_added_actors(doc: Doc, events: list[Event]) -> None:
    """Country actors this stage added for a location ("arrived in Moscow") stay only when
    an emitted event uses them; an event dropped later (no actor) leaves none behind."""
    used = {a for e in events for a in (*e.actor, *e.recipient)}
    actors = doc._.actors or []
    kept = [a for a in actors if a.id in used or not (a.why or "").startswith("events:")]
    if len(kept) != len(actors):
        doc._.actors = kept


def _event(doc: Doc, trig: Trigger, sent: Span, lex: Lexicon, is_actor, n: int) -> Event | None:
    e = trig.entry
    actors, recips, role_why, direct = _roles(doc, trig, lex, is_actor)
    if not actors:  # issue 3: an event with no resolvable actor is not emitted
        return None
    # a word whose sense depends on who acts ("strike" by workers or by an air force):
    # re-code it by its actors' kind and sector, then find its roles again for the new type
    sensed = resense(doc, trig.token, trig.predicate, trig.light, e, actors, lex)
    if sensed is not None:
        trig.entry, label = sensed
        trig.why.append(label)
        e = trig.entry
        actors, recips, role_why, direct = _roles(doc, trig, lex, is_actor)
        if not actors:
            return None
    event_type = e.event
    cameo, mode, ctx = _apply_content(trig, lex)
    p0 = trig.predicate
    skip = frozenset({trig.token.i, trig.predicate.i})
    modality, cues = modality_of(trig.predicate, trig.token, lex, verbal=(e.kind == "verb" or trig.light), skip=skip)
    if event_type == "CONSULT" and recips and modality == "asserted" \
            and (cameo or "") in {str(c) for c in lex.roles.get("symmetric_cameo") or ()}:
        # meetings, talks and calls have no host/visitor: PLOVER codes all participants
        # as actors and no recipient (manual, CONSULT). A meeting only offered or planned
        # is coded AGREE, whose recipient is the party offered the meeting, so it keeps it.
        actors = actors + [r for r in recips if r not in actors]
        recips = []
        role_why.append("symmetric-consult")
    # a sanction that ends by itself ("the embargo expired") is an easing of it
    if event_type == "SANCTION" and trig.token.dep == nsubj and \
            trig.token.head.lemma_.lower() in lex.words("roles", "terminative_verbs"):
        event_type, cameo, mode = "RETREAT", "085", None
        trig.why.append(f"terminative:{trig.token.head.lemma_.lower()}")
        trig.predicate = trig.token.head
        trig.light = True
    if trig.predicate is not p0:
        skip = frozenset({trig.token.i, trig.predicate.i})
        modality, cues = modality_of(trig.predicate, trig.token, lex, verbal=(e.kind == "verb" or trig.light), skip=skip)
    # reciprocal events: several actors and no recipient (PLOVER: all parties are actors)
    if len(actors) > 1 and not recips:
        role_why.append("reciprocal")
    contexts = _contexts(trig, lex, ctx)
    p = trig.predicate
    if p.dep in (relcl, acl) or (e.kind == "verb" and p.dep == conj and p.head.dep in (relcl, acl)):
        role_why.append("background")
    start_tok = doc[trig.start]
    end_tok = doc[max(trig.start, trig.end - 1)]
    if trig.light and trig.predicate.i > trig.token.i:
        end_tok = trig.predicate
    trigger_span = (start_tok.idx, end_tok.idx + len(end_tok.text))
    why = "; ".join([*trig.why, *role_why, f"modality={modality}" + (f"({','.join(cues)})" if cues else "")])
    return Event(
        id=f"E{n}",
        event=event_type,
        mode=mode,
        context=contexts,
        cameo=cameo,
        actor=tuple(actors),
        recipient=tuple(recips),
        date=_date(doc, trig.token),
        modality=modality,
        location=_location(doc, trig.token),
        trigger=trigger_span,
        sentence=(sent.start_char, sent.end_char),
        confidence=_confidence(trig, bool(recips), direct, lex),
        why=why,
        statement=_statement(doc, trigger_span[0]),
    )


@Language.factory("whimbrel_events", assigns=["doc._.events"], requires=["doc._.actors"])
def make_events(nlp: Language, name: str):
    lex = lexicon_mod.load()

    def run(doc: Doc) -> Doc:
        try:
            doc._.events = extract(doc, lex)
        except Exception:  # degrade to no events rather than fail the document
            doc._.events = []
        return doc

    return run
