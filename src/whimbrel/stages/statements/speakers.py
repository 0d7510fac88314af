"""Speakers: the subject a cue speaks for, and the actor (or unresolved source phrase) it names.

``speaker`` is an actor id from the actors stage (read through
:mod:`whimbrel.stages.actors.api`); when the subject does not resolve to an
actor, ``speaker`` is None and ``speaker_span`` still points at the source
phrase as written ("officials", "a senior diplomat"), unless the subject names
nobody ("somebody said", expletive "it was reported").
"""
from __future__ import annotations

import bisect
import weakref

from spacy.tokens import Doc, Span, Token

from ... import syntax as dep
from whimbrel.stages.actors import api as actors
from .vocab import Cues

RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP", "WP$"})
#: Deps through which a subject-less cue inherits the subject of its head clause:
#: coordination ("met Zarif and said ..."), participles ("..., saying ..."), open
#: complements and prepositional gerunds ("quoted as saying").
INHERIT_SUBJECT_DEPS = frozenset({dep.conj, dep.advcl, dep.xcomp, dep.pcomp, dep.prep, dep.acl, dep.ccomp, dep.acomp})
#: Heads of subject phrases that can name a source: nouns, names, personal pronouns,
#: and numerals heading partitives ("one of the sources", "two of the officials").
_SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
_CHUNK_DEPS = frozenset({dep.compound, dep.amod, dep.det, dep.poss, dep.nmod, dep.nummod})
_SUBJECT_NOUN_DEPS = (dep.nsubj, dep.nsubjpass)
#: An adnominal clause whose noun is its agent: a present participle ("calls SAYING"), or a finite
#: verb misparsed as one ("a man YELLED"); a past participle's noun is its object ("the plan BACKED by").
_ACTIVE_ACL_TAGS = frozenset({"VBG", "VBD", "VBZ", "VBP"})
#: Finite verb tags (a cue that should have a subject of its own).
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP"})
_NAMED_SOURCE_ENTS = ("PERSON", "ORG", "NORP", "GPE")

#: Each Doc's mention start offsets (this stage's private cache, built from
#: ``doc._.actor_mentions`` once per Doc; weak keys, so it goes with its Doc).
_MENTION_STARTS: "weakref.WeakKeyDictionary[Doc, list[int]]" = weakref.WeakKeyDictionary()


def implicit_subject(cue: Token, doc: Doc) -> Token | None:
    """The subject a cue speaks for: its own, or (participles, coordination) its head clause's.

    "Lavrov defended the ties, saying ..." -- a participle has no subject of its
    own; its understood subject is the matrix subject (subject control). We walk
    up at most four heads and prefer the first subject that resolves to an actor,
    so "Russia said it would continue ..., saying ..." credits Russia when "it"
    is unresolved.
    """
    own = cue_subject(cue)
    if own is not None:
        return own
    if cue.dep == dep.acl and cue.tag_ in _ACTIVE_ACL_TAGS and cue.head.pos_ in _SOURCE_POS \
            and cue.head.i < cue.i:
        # "911 calls SAYING shots were fired", "the Super PAC BACKING Bush", and a finite cue the
        # parser hung from its subject ("a man YELLED ..."): the noun the clause modifies acts
        return cue.head
    first: Token | None = None
    tok = cue
    for _ in range(4):
        if tok.dep not in INHERIT_SUBJECT_DEPS or tok.head is tok:
            break
        tok = tok.head
        subj = cue_subject(tok)
        if subj is not None:
            if first is None:
                first = subj
            if resolve_ids(doc, antecedent(subj)):
                return subj
    if first is None and cue.tag_ in _FINITE_TAGS and cue.dep in (dep.ROOT, dep.ccomp, dep.conj):
        first = _stranded_subject(cue)
    return first


def _stranded_subject(cue: Token) -> Token | None:
    """The noun right before a finite cue the parser left without a subject.

    "..., her senior policy adviser, Jake Sullivan, SAID: ..." parsed with the
    names as appositions of an earlier noun: the phrase that ends right before
    the cue (commas aside) is its subject.
    """
    k = cue.i - 1
    while k >= cue.sent.start and cue.doc[k].text in (",", "\u2014", "-") :
        k -= 1
    if k < cue.sent.start:
        return None
    tok = cue.doc[k]
    if tok.pos_ not in ("NOUN", "PROPN") or tok.dep not in (dep.appos, dep.pobj, dep.conj, dep.npadvmod, dep.dobj):
        return None
    return tok


def cue_subject(verb: Token) -> Token | None:
    """The subject of ``verb``: of two, the one nearest before it.

    A dateline the parser took for a second subject ("Washington (AFP) – Democrat
    Hillary Clinton has taken a swipe ..., saying") comes first; the clause's own
    subject is the one next to its verb.
    """
    subj = dep.own_subject(verb)
    if subj is None:
        return None
    before = [c for c in verb.lefts if c.dep in dep.SUBJECTS_WITH_PASSIVE]
    return before[-1] if len(before) > 1 else subj


def antecedent(subj: Token) -> Token:
    """A relative pronoun subject ("Lavrov, who said ...") stands for the noun its clause modifies."""
    if subj.tag_ in RELATIVE_PRONOUN_TAGS and subj.head.dep == dep.relcl:
        return subj.head.head
    return subj


def resolve_ids(doc: Doc, head: Token) -> list[str]:
    """Actor ids of the phrase headed by ``head``, or of the mention covering it."""
    ids = list(actors.actors_of_phrase(doc, head) or ())
    if not ids:
        a = actors.actor_at(doc, head)
        if a:
            ids = [a]
    return ids


def actor_on(doc: Doc, tok: Token) -> str | None:
    return actors.actor_at(doc, tok)


def kind_of(doc: Doc, actor_id: str) -> str | None:
    a = actors.get_actor(doc, actor_id)
    return a.kind if a is not None else None


def resolve_speaker(doc: Doc, subj: Token | None, cues: Cues) -> tuple[str | None, tuple[int, int] | None]:
    """(actor id, span of its mention) for a subject phrase head, or (None, source phrase span)."""
    if subj is None:
        return None, None
    head = antecedent(subj)
    ids = resolve_ids(doc, head)
    if ids and head.pos_ == "NOUN" and kind_of(doc, ids[0]) == "person" and actor_on(doc, head) != ids[0]:
        # "Dean's campaign manager", "a senior Hartley adviser": a person named in a
        # modifier of a common noun is whom the speaker works for, not the speaker
        ids = []
    # "the opposition leader, Paolo Ricci, said": an appositive name identifies the
    # speaker more precisely than the description it renames
    for app in head.children:
        if app.dep != dep.appos:
            continue
        app_ids = resolve_ids(doc, app)
        if app_ids and (not ids or (kind_of(doc, app_ids[0]) == "person" and kind_of(doc, ids[0]) != "person")):
            head, ids = app, app_ids
            break
    if not ids:
        return None, source_phrase(head, cues)
    return ids[0], _mention_span(doc, head, ids[0])


def _mention_span(doc: Doc, head: Token, actor: str) -> tuple[int, int]:
    """The span of ``actor``'s mention in the phrase of ``head`` (one covering ``head`` first)."""
    lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    best = None
    mentions = doc._.actor_mentions or []
    # mentions are in text order: start from the first one that may reach the phrase
    starts = _MENTION_STARTS.get(doc)
    if starts is None or len(starts) != len(mentions):
        starts = _MENTION_STARTS[doc] = [m.start_char for m in mentions]
    k = max(0, bisect.bisect_left(starts, lo) - 2)
    for m in mentions[k:]:
        if m.start_char >= hi:
            break
        if m.actor_id != actor or m.end_char <= lo:
            continue
        covers = m.start <= head.i < m.end
        if best is None or (covers and not best[0]):
            best = (covers, (m.start_char, m.end_char))
    if best is not None:
        return best[1]
    chunk = noun_chunk(head)
    return chunk.start_char, chunk.end_char


def source_phrase(head: Token, cues: Cues) -> tuple[int, int] | None:
    """Span of an unresolved source phrase, or None when it names nobody.

    Attribution corpora annotate anonymous and unresolved sources ("officials",
    "sources close to the talks", "the statement", an unresolved "she") as
    sources: who spoke is unknown to the actor component but still written in
    the text. Expletive subjects ("it was reported that") and indefinite
    pronouns ("somebody said") name nobody.
    """
    # "it was reported that ...": the subject of a passive reporting verb is a
    # placeholder even when the parser does not label it expletive
    if head.dep == dep.nsubjpass and head.lower_ == "it":
        return None
    # "The other said ...", "the latter added": an adjective or determiner standing
    # for an elided noun ("the other [official]") names a source; listed in cues.yaml
    elliptical = head.pos_ in ("ADJ", "DET") and head.lower_ in cues.elliptical_sources \
        and head.dep in _SUBJECT_NOUN_DEPS
    if head.dep == dep.expl or (head.pos_ not in _SOURCE_POS and not elliptical) \
            or head.tag_ in RELATIVE_PRONOUN_TAGS:
        return None
    if head.lower_ in cues.non_sources:
        return None
    chunk = noun_chunk(head)
    end = head.idx + len(head)
    # a partitive keeps its "of" phrase: "one of the sources"
    for c in head.rights:
        if c.dep == dep.prep and c.lower_ == "of":
            end = c.right_edge.idx + len(c.right_edge)
            break
    return chunk.start_char, end


def noun_chunk(head: Token) -> Span:
    """``head`` with its left modifiers (compound, amod, det, poss, nmod, nummod)."""
    left = head
    for c in head.lefts:
        if c.dep in _CHUNK_DEPS:
            left = c.left_edge if c.left_edge.i < left.i else left
    return head.doc[left.i: head.i + 1]


# --- "according to X" ---------------------------------------------------------------------
def according_source(to: Token) -> Token | None:
    """X of "according to X" (the object of "to", or of "according" when the parser put it there)."""
    for c in to.children:
        if c.dep == dep.pobj:
            return c
    # the parser sometimes hangs the noun off "according" itself
    for c in to.head.children:
        if c.dep == dep.pobj:
            return c
    return None


def is_source(doc: Doc, src: Token, cues: Cues) -> bool:
    """Whether "according to X" names a source of information (not a plan or a law)."""
    # "according to the race of their residents": an actor reached only through the
    # "of" phrase of a common noun is what is measured, not who informs; the noun
    # itself must be a source (an actor mention, a name or a source noun below)
    through_of = src.pos_ == "NOUN" and actor_on(doc, src) is None and \
        any(c.dep == dep.prep and c.lower_ == "of" for c in src.children)
    if not through_of and resolve_ids(doc, src):
        return True
    if src.ent_type_ in _NAMED_SOURCE_ENTS:
        return True
    return src.lemma_.lower() in cues.source_nouns or src.lower_ in cues.source_nouns


# --- headlines ------------------------------------------------------------------------------
def speaker_in(doc: Doc, lo: int, hi: int) -> tuple[str | None, tuple[int, int] | None, bool]:
    """(actor, mention span, looks like a speaker) for the characters [lo, hi) of a headline part."""
    best = None
    for m in doc._.actor_mentions or ():
        if m.start_char >= lo and m.end_char <= hi:
            a = actors.get_actor(doc, m.actor_id)
            person = a is not None and a.kind == "person"
            if best is None or (person and not best[2]):
                best = (m.actor_id, (m.start_char, m.end_char), person)
    if best is not None:
        return best[0], best[1], True
    # no resolved actor: a person or organisation name still marks a speaker part
    for ent in doc.ents:
        if ent.start_char >= lo and ent.end_char <= hi and ent.label_ in _NAMED_SOURCE_ENTS:
            return None, None, True
    # ... and so does a verbless run of proper names ("FM Lavrov", "UN chief Guterres"),
    # headline shorthand for a titled speaker that the NER model often misses
    part = doc.char_span(lo, hi, alignment_mode="contract")
    if part is not None and len(part):
        words = [t for t in part if not (t.is_punct or t.is_space)]
        names = [t for t in words if t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS")]
        verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
        if names and not verbs and words[-1] in names:
            return None, None, True
    return None, None, False
