"""Trigger finding: the words that announce an event in a sentence, after absorption.

1. **Triggers.** Every verb and noun whose lemma is in ``data/events/triggers.yaml``
   is a candidate; of the entries matching its lemma, the most specific one whose
   constraints hold (object, particle, preposition, modifier) wins.
2. **Absorption.** A noun trigger that is the object of a verb trigger is the verb's
   content, not a second event ("threatened sanctions" is one THREATEN whose
   mode comes from the SANCTION content); a noun trigger that is the object of a
   light verb ("imposed sanctions", "held talks") becomes one event whose
   predicate is the light verb.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ...syntax import (acl, acomp, advcl, advmod, amod, attr, aux, auxpass, ccomp, compound, conj, det, dobj, for_to_clause,
                       mark, neg, nmod, npadvmod, nsubj, nsubjpass, oprd, pcomp, pobj, prep, prt, xcomp)
from .vocab import Entry, Lexicon

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
    complements: list["Trigger"] = field(default_factory=list)  # verb complements ("threatened to impose")
    light: bool = False
    why: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- trigger matching

def _object_lemmas(tok: Token, clause: bool = True) -> set[str]:
    """Lemmas of the direct object(s) / passive subject of a verb, or of a noun's "of" object;
    ``clause`` False leaves out the subject of a complement clause (the fallback below)."""
    out: set[str] = set()
    heads = []
    if tok.pos_ in _VERB_POS:
        heads = [c for c in tok.children if c.dep in (dobj, nsubjpass)]
        if not heads and clause:
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


def _direct_objects(tok: Token) -> set[str]:
    """Lemmas of a verb's object or passive subject, and of the "of" object of a quantity there
    ("killed thousands of birds")."""
    out = set()
    if tok.dep == acl and tok.tag_ == "VBN":
        # a participle's noun is its patient: "in a statement released Thursday"
        out.add(tok.head.lemma_.lower())
    heads = [c for c in tok.children if c.dep in (dobj, nsubjpass)]
    if not heads and tok.dep in (xcomp, advcl) and any(c.dep == auxpass for c in tok.children):
        # "arranged for the emails to be released": the "for" object of the governor is the
        # passive infinitive's patient
        heads = [o for p in tok.head.children if p.dep == prep and p.lower_ == "for" for o in p.children
                 if o.dep == pobj]
    for c in heads:
        out.add(c.lemma_.lower())
        out.update(o.lemma_.lower() for p in c.children if p.dep == prep and p.lower_ == "of"
                   for o in p.children if o.dep == pobj)
    return out


def _holds(entry: Entry, tok: Token, is_actor) -> bool:
    if entry.prt:
        prts = {c.lower_ for c in tok.children if c.dep == prt}
        # a preposition right after the verb read as its particle; not after a passive ("was
        # pressed on why ...": a question put to the subject, not "pressed on" with an offensive)
        if not any(c.dep == nsubjpass for c in tok.children):
            prts |= {c.lower_ for c in tok.children if c.dep == prep and c.lower_ in entry.prt
                     and c.i == tok.i + 1}
        # the parser sometimes labels a particle right after its verb an adverb ("handed back")
        prts |= {c.lower_ for c in tok.children if c.dep == advmod and c.lower_ in entry.prt
                 and c.i == tok.i + 1}
        # a particle split from its verb by the object, parsed as an adverb or a preposition
        # ("took the troops out of Iraq", "brought the soldiers back from Kabul"); only for a
        # pattern naming its object, which then fixes the sense ("pulled him out of bed" is none)
        obj_end = max((c.right_edge.i for c in tok.children if c.dep == dobj), default=None)
        if obj_end is not None and entry.obj and not entry.derived:
            prts |= {c.lower_ for c in tok.children if c.dep in (advmod, prep) and c.lower_ in entry.prt
                     and c.i == obj_end + 1}
        if not (prts & entry.prt):
            return False
    if entry.prep and not (_governed_preps(tok) & entry.prep):
        return False
    if entry.mod and not ({c.lemma_.lower() for c in tok.children if c.dep in (amod, compound, nmod)} & entry.mod):
        return False
    # a derived pattern's object is the verb's own ("he added" with a reported clause about
    # "the firearm" grants no firearm)
    if entry.obj and not (_object_lemmas(tok, clause=not entry.derived) & entry.obj):
        return False
    if entry.derived and not _derived_holds(entry, tok):
        return False
    has_obj = any(c.dep in (dobj, nsubjpass) for c in tok.children)
    if entry.transitive is True and not has_obj:
        return False
    if entry.transitive is False and has_obj:
        # an intransitive sense has no object, nor a passive subject ("police were called")
        return False
    # a gerund of an act after "to" is one too: "admitted to taking bribes" (not a state:
    # "confessed to being nervous"; not "claimed credit for hacking", a claim of a thing)
    if entry.clause and not any(c.dep in (xcomp, ccomp) or (c.dep == prep and c.lower_ == "to" and any(
            g.dep == pcomp and g.tag_ == "VBG" and g.lemma_.lower() not in ("be", "have", "feel")
            for g in c.children)) for c in tok.children):
        return False
    if entry.comp_aux and not any(c.dep in (ccomp, xcomp) and any(a.dep == aux and a.lower_ in entry.comp_aux for a in c.children)
                                  and (not _MODALS & entry.comp_aux or _acting_clause(c)) for c in tok.children):
        return False
    if entry.comp and not (_complements(tok) & entry.comp):
        return False
    if entry.obj_actor and not any(is_actor(c) for c in _addressees(tok)):
        return False
    if entry.predicate and not _names_object(tok):
        return False
    return True


#: Modal auxiliaries of obligation: a reported clause with one says what its subject must do.
_MODALS = frozenset({"must", "should", "ought"})


def _acting_clause(verb: Token) -> bool:
    """Whether a reported "must/should" clause asks its subject to act: not a passive ("the
    foundation must be shut down" asks no one named), nor a bare copula ("the killer should be
    in prison"); a copula with an infinitive ("the US must be ready to mediate") does."""
    if any(c.dep in (auxpass, nsubjpass) for c in verb.children):
        return False
    if verb.lemma_.lower() == "be":
        return any(x.dep == xcomp for c in verb.children if c.dep in (acomp, attr) for x in c.children)
    return True


def _governed_preps(tok: Token) -> set[str]:
    """Prepositions a trigger governs; for a verb also those the parser hangs on its object
    ("charged an Edmonton woman with fraud": "with" attached to "woman")."""
    out = {c.lower_ for c in tok.children if c.dep == prep}
    if tok.pos_ in _VERB_POS:
        out |= {p.lower_ for c in tok.children if c.dep == dobj for p in c.children if p.dep == prep}
        # a "for ... to" infinitive clause: "called for the minister to resign" (the parser marks
        # "for" as the clause's subordinator, not as the verb's preposition)
        out |= {"for" for c in tok.children if c.dep in (advcl, ccomp, xcomp) and for_to_clause(c)
                and c.left_edge.lower_ == "for"}
    return out


def _complements(tok: Token) -> set[str]:
    """Lemmas of a verb's adjective complements ("pleaded guilty", "was found guilty", "found him
    guilty", "set the car ablaze"), "not guilty" when the complement is negated."""
    out = set()
    for c in tok.children:
        # the parser sometimes hangs a resulting adjective on the verb as an adverb ("set the car ablaze")
        if c.dep in (acomp, oprd) or (c.dep == ccomp and c.pos_ == "ADJ") or (c.dep == advmod and c.tag_ == "JJ"):
            negated = any(n.dep == neg for n in c.children) or any(
                n.dep == neg and n.i == c.i - 1 for n in tok.children)
            out.add(("not " if negated else "") + c.lemma_.lower())
    return out


def _names_object(tok: Token) -> bool:
    """The verb names its object something: an object predicate ("called him a liar", "called the
    plan reckless", "was called a fraud") or an "as" phrase with an object ("described X as vile",
    "referred to X as the founder")."""
    if any(c.dep == oprd for c in tok.children):
        return True
    has_obj = any(c.dep in (dobj, nsubjpass) for c in tok.children)
    # "branded X a hypocrite" is sometimes parsed with the predicate as a second object or a
    # noun-phrase adverbial: an indefinite noun after the object
    first = min((c.i for c in tok.children if c.dep in (dobj, nsubjpass)), default=None)
    if first is not None and any(
            c.dep in (npadvmod, dobj) and c.pos_ == "NOUN" and c.i > first
            and any(d.dep == det and d.lower_ in ("a", "an") for d in c.children) for c in tok.children):
        return True
    has_obj = has_obj or any(c.dep == prep and c.lower_ == "to" for c in tok.children)
    return has_obj and any(c.dep == prep and c.lower_ == "as" for c in tok.children)


def _derived_holds(entry: Entry, tok: Token) -> bool:
    """The constraints only derived (PETRARCH) patterns carry: subject head, object modifier,
    object of the governed preposition."""
    if entry.subj:
        subs = [c for c in tok.children if c.dep in (nsubj, nsubjpass)]
        words = {w.lemma_.lower() for s in subs for w in (s, *s.children) if w is s or w.dep in (amod, compound)}
        if not words & entry.subj:
            return False
    if entry.obj_mod:
        objs = [c for c in tok.children if c.dep in (dobj, nsubjpass)]
        if not {m.lemma_.lower() for o in objs for m in o.children if m.dep in (amod, compound, nmod)} & entry.obj_mod:
            return False
    if entry.pobj:
        heads = {o.lemma_.lower() for c in tok.children if c.dep == prep and (not entry.prep or c.lower_ in entry.prep)
                 for o in c.children if o.dep == pobj}
        if not heads & entry.pobj:
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
    fixed = lex.roles.lemma_corrections.get(tok.lower_)
    return fixed if fixed is not None else tok.lemma_.lower()


#: Entity labels of names (organisations, laws, works, places...) in which a word is no event;
#: an EVENT entity ("the G20 Summit") names an event and is kept.
_NAME_LABELS = {"ORG", "LAW", "WORK_OF_ART", "FAC", "PRODUCT", "GPE", "LOC", "NORP", "PERSON"}
#: Entity labels of titles and names a capitalised verb can stand in.
_TITLE_LABELS = {"ORG", "LAW", "WORK_OF_ART", "FAC", "PRODUCT"}


def _in_name(tok: Token) -> bool:
    """A noun inside a proper name ("the Transatlantic Trade and Investment Partnership",
    "the Paris Agreement" as a law's name) names no event. An EVENT entity is kept, and a
    country's or people's name ("Iranian") is no trigger anyway."""
    if tok.ent_type_ in _NAME_LABELS and not (tok.ent_iob_ == "B" and tok.ent_type_ in ("GPE", "NORP")):
        return True
    if tok.pos_ == "PROPN" and tok.text[:1].isupper() and (
            any(c.pos_ == "PROPN" and c.dep in (compound, conj) for c in tok.children)
            or (tok.dep == compound and tok.head.pos_ == "PROPN")):
        return True
    return False


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
        blocked = lex.roles.blocking_modifiers.get(lemma) or frozenset()
        if blocked and any(c.dep in (compound, amod) and c.lemma_.lower() in blocked for c in tok.children):
            return None
    if kind == "verb" and tok.text[:1].isupper() and tok.ent_type_ in _TITLE_LABELS:
        # a verb inside a title or a name: "on NBC's Meet the Press", "the Stop Hate Campaign"
        return None
    if kind == "verb":
        # sense by object: "released hacked emails" publishes, "offered no evidence" offers nothing
        blocked = lex.roles.blocking_objects.get(lemma) or frozenset()
        if blocked and _direct_objects(tok) & blocked:
            return None
        # "agrees (that) Trump is an opportunist": agreeing with a judgement (a copular clause
        # with no modal) shares an opinion; agreeing that talks would resume is an agreement
        if lemma in lex.roles.opinion_verbs and any(
                c.dep == ccomp and c.lemma_.lower() == "be" and not any(a.dep == aux for a in c.children)
                for c in tok.children):
            return None
        # "I promise.": a promise of nothing (no object, complement or "to" party) promises no act
        if lemma in lex.roles.content_verbs and not any(
                c.dep in (dobj, ccomp, xcomp, nsubjpass) or (c.dep == prep and c.lower_ in ("to", "for"))
                for c in tok.children):
            return None
        # "we recognize (that) this is happening": knowing, not recognising a party
        if lemma in lex.roles.object_verbs and not any(c.dep in (dobj, nsubjpass) for c in tok.children) \
                and not (tok.dep == acl and tok.tag_ == "VBN"):
            return None
        # "declined to comment", "refused to answer questions": withholding words is no refusal
        blocked = lex.roles.blocking_complements.get(lemma) or frozenset()
        if blocked and any(c.dep == xcomp and c.lemma_.lower() in blocked for c in tok.children):
            return None
    elif lex.roles.blocking_objects.get(lemma) and _object_lemmas(tok) & lex.roles.blocking_objects[lemma]:
        # the noun's "of" object likewise: "the release of the emails" publishes them
        return None
    elif _in_name(tok) or (tok.dep == compound and tok.head.pos_ in _NOUN_POS
                           and tok.head.lemma_.lower() not in lex.roles.event_head_nouns):
        # a proper name's word, or a noun modifying another noun ("a sanctions bill",
        # "protest songs"): a topic, not an event ("peace mission": the head noun carries it)
        return None
    cands = [e for e in lex.entries(lemma, kind) if _holds(e, tok, is_actor)]
    if not cands and kind == "noun" and lemma != tok.lower_:
        cands = [e for e in lex.entries(tok.lower_, kind) if _holds(e, tok, is_actor)]
    if not cands:
        # the hand lexicon first; PETRARCH2's patterns are the wider net. A word the hand
        # lexicon knows only under conditions ("call for") is not coded by a bare derived verb.
        known = bool(lex.entries(lemma, kind))
        cands = [e for e in lex.derived(lemma, kind) if (e.specificity or not known) and _holds(e, tok, is_actor)]
    if not cands:
        return None
    cands.sort(key=lambda e: (-e.specificity, e.weak))
    return cands[0]


def _light_verb(noun: Token, lex: Lexicon) -> Token | None:
    """The light verb whose object ``noun`` is ("held talks", "sanctions were imposed"), if any."""
    lights = lex.roles.light_verbs
    head = noun.head
    if noun.dep == pobj and head.dep == prep:
        # "engaged in fighting", "resorted to violence", "took part in the protest"
        verb = head.head
        if verb.lemma_.lower() == "part" and verb.head is not verb:
            verb = verb.head
        wanted = lex.roles.light_verb_preps.get(verb.lemma_.lower())
        if verb.pos_ in ("VERB", "AUX") and wanted and head.lower_ == wanted:
            return verb
    if noun.dep in (dobj, nsubjpass) and head.pos_ in ("VERB", "AUX") and _lemma(head, lex) in lights:
        return head
    # "called a general strike", "declared a boycott": verbs light only for some nouns; not
    # when they name the noun something ("called the strike illegal": a judgement)
    own = lex.roles.noun_light_verbs.get(noun.lemma_.lower()) or frozenset()
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
    heads = lex.roles.event_head_nouns
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
    # a derived verb does not take a hand trigger as its object or complement: the hand
    # entries code such pairs ("organized a general strike", "imposed sanctions" through the
    # light verb; "decided to allow", "failing to uphold" through their complement rules)
    for i, trig in list(found.items()):
        if trig.entry.derived and any(c.dep in (dobj, nsubjpass, xcomp, ccomp) and c.i in found
                                      and not found[c.i].entry.derived for c in trig.token.children):
            del found[i]
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
    # "pledged to ban all Muslims", "vowed to crush the rebels": a promise of a conflict act is
    # that act announced (future), not an agreement; the complement is coded in its own right
    for i, trig in found.items():
        if trig.entry.event == "AGREE" and trig.token.lemma_.lower() in _PROMISES and any(
                c.dep == xcomp and c.i in found and found[c.i].entry.event in _CONFLICT for c in trig.token.children):
            absorbed.add(i)
    return [t for i, t in sorted(found.items()) if i not in absorbed]


#: Event types of conflict acts: a promise of one is no AGREE ("pledged to send troops" is
#: MOBILIZE, which a state offers an ally, so it is not among them).
_CONFLICT = frozenset({"COERCE", "ASSAULT", "SANCTION", "PROTEST", "THREATEN"})
#: Verbs of promising (not offering or agreeing, which a party does with another).
_PROMISES = frozenset({"pledge", "promise", "vow", "swear"})

