"""Object and passive-subject contents of learned cue verbs the other rules left without a content.

PolNeAR annotates attitudes and acts toward a thing as attributions whose
content is the thing: "Clinton decried the decision", "Sanders cast himself
as a progressive", "the senator urged the party to drop the rule"; and, in the
passive with an agent, its subject: "the nominee was rejected by the
committee" (content "the nominee", source the agent; with a predicate, the
clause: "the senator was described by his rivals as reckless", also without
an agent, then with no speaker). The content
rules take an object only for a verb whose learned content is most often its
object; these candidates give
every verb of the learned cue table (``data/statements/learned_cues.tsv``)
whose annotated contents include its object that reading, when no other rule
found the verb a content. They exist only while the candidate model judges
them (:mod:`.candidates`), and only for an object that can be what is reported
(:func:`reportable`): a pronoun, a noun of content (a proposition, an utterance
or an attitude: "voiced concerns", "denied the rumors"), or any object followed
by a predicate ("called the plan a disaster", "urged the party to drop the
rule"). An object that names an act, event, measure or plan ("announced new
sanctions", "called a special session", "defended the decision") is what the
verb acts on, not what anybody said or thought.

A learned cue verb with no object, clause or infinitive of its own whose first
prepositional phrase is one of topic or target (:data:`TOPIC_PREPS`: "warned of a
crisis", "complained about the delays") gives the preposition's object as a
candidate too, for any learned verb, not only those whose table relations name
the preposition.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import syntax as dep
from ...ext import text_of
from .content import OBJECT_PREPS, subtree_chars
from .cues import cue_group, cue_lemma
from .drafts import Draft, span_chars
from .learned import learned_nouns, learned_verbs
from .quotes import Quoted, trim
from .speakers import implicit_subject, resolve_speaker
from .vocab import Cues

#: the rule names of these candidates
WHY_OBJECT = "object of a learned verb"
WHY_PASSIVE = "passive subject of a learned verb"
#: dependents of the verb right after its object that complete what is reported ("cast himself AS
#: a progressive", "urged the party TO DROP the rule", "called the plan A DISASTER")
_COMPLETING = frozenset({dep.xcomp, dep.oprd})


#: a learned cue noun (``learned_cues.tsv``) marked as a cue at least this often is a noun of content
CONTENT_NOUN_RATE = 0.1


def _has_predicate(verb: Token, head: Token) -> bool:
    """Whether the verb says something of ``head``: an infinitive, object predicate or "as" phrase after it."""
    return any(c.i > head.i and (c.dep in _COMPLETING or (c.dep == dep.prep and c.lower_ == "as"))
               for c in verb.rights)


def reportable(cues: Cues, verb: Token, head: Token) -> bool:
    """Whether the object (or passive subject) ``head`` of the cue verb can be what is reported.

    With a predicate the object and predicate are a proposition; without one, a naming verb
    reports nothing ("called a session"), and a common noun is reported only when it names
    content (the lexicon's ``content_nouns`` and ``comment_nouns``, and the learned cue nouns
    of a cue rate from :data:`CONTENT_NOUN_RATE`): a noun of an act, event, measure or plan is
    what the verb acts on. Pronouns and names are left to the model.
    """
    if _has_predicate(verb, head):
        return True
    if verb.lemma_.lower() in cues.naming_verbs:
        return False
    if head.pos_ != "NOUN":
        return True
    lemma = head.lemma_.lower()
    learned = learned_nouns().get(lemma)
    return lemma in cues.content_nouns or (learned is not None and learned.rate >= CONTENT_NOUN_RATE)


def _object_span(doc: Doc, verb: Token, obj: Token) -> tuple[int, int]:
    """The object's phrase, with the prepositional phrases, infinitive or predicate right after it."""
    last = obj.right_edge
    for c in verb.rights:
        if c.i <= last.i:
            continue
        if c.i != last.i + 1 and c.left_edge.i != last.i + 1:
            break
        if not (c.dep in _COMPLETING or (c.dep == dep.prep and c.lower_ in OBJECT_PREPS)):
            break
        last = c.right_edge
    toks = doc[obj.left_edge.i:last.i + 1]
    return trim(text_of(doc), toks[0].idx, toks[-1].idx + len(toks[-1]))


def _passive_span(doc: Doc, verb: Token, subj: Token) -> tuple[int, int]:
    """The passive subject; with a predicate after the verb ("was declared THE WINNER", "was described AS
    reckless", "is considered TO BE ..."), the whole clause from the subject to the predicate's end, which
    is what is judged."""
    pred = [c for c in verb.rights if c.dep in _COMPLETING or (c.dep == dep.prep and c.lower_ == "as")]
    if not pred:
        return subtree_chars(subj)
    last = max(c.right_edge.i for c in pred)
    return trim(text_of(doc), subj.left_edge.idx, doc[last].idx + len(doc[last]))


def _passive(verb: Token) -> bool:
    return any(c.dep == dep.auxpass for c in verb.children)


def _candidate(doc: Doc, cues: Cues, verb: Token, taken: set[int]) -> Draft | None:
    if verb.dep == dep.xcomp:
        # a verb that is itself another verb's complement ("proposed RAISING the wage") is inside
        # that verb's content, as the content rules have it
        return None
    if _passive(verb):
        subj = next((c for c in verb.lefts if c.dep == dep.nsubjpass), None)
        if subj is None or subj.tag_ in ("WDT", "WP") or not reportable(cues, verb, subj):
            return None
        span = _passive_span(doc, verb, subj)
        agent = next((c for c in verb.rights if c.dep == dep.agent), None)
        by = next((g for g in agent.children if g.dep == dep.pobj), None) if agent is not None else None
        if by is None and not _has_predicate(verb, subj):
            # "the rules were announced": whose act or judgement is not said (polnear_dev: speaker
            # accuracy 92.3 with these, 92.7 without, overlap F1 67.3 and 67.1); with a predicate the
            # subject and predicate are a proposition ("was described as reckless"), nobody's named
            return None
        spk, sspan = resolve_speaker(doc, by, cues) if by is not None else (None, None)
        why = WHY_PASSIVE
    else:
        obj = next((c for c in verb.rights if c.dep == dep.dobj), None)
        if obj is None or obj.i in taken or not reportable(cues, verb, obj):
            # an object that is itself a noun cue ("voiced CONCERNS about the plan") reports its own content
            return None
        span = _object_span(doc, verb, obj)
        spk, sspan = resolve_speaker(doc, implicit_subject(verb, doc), cues)
        why = WHY_OBJECT
    lemma = cue_lemma(verb, cues) or verb.lemma_.lower()
    return Draft(spk, sspan, span_chars(verb), span, "indirect", lemma, cue_group(verb, cues) or "neutral",
                 verb.i, why=why)


#: prepositions whose object is what a cue verb with no other content reports ("warned OF a crisis",
#: "complained ABOUT the delays", "spoke AGAINST the plan"); "at", "over" and "on" are more often the
#: place, occasion or medium of the act on polnear_train ("spoke AT a rally", "listed ON his records")
TOPIC_PREPS = ("about", "of", "against")
#: dependents that give the verb a content of its own, which the content rules read instead
_OWN_CONTENT = frozenset({dep.dobj, dep.ccomp, dep.xcomp, dep.nsubjpass})


def _topic_candidate(doc: Doc, cues: Cues, verb: Token) -> Draft | None:
    """"warned of a crisis": the object of the cue verb's first preposition of topic or target, for a
    verb with no object, clause or infinitive of its own; its rule name is the learned one of the same
    shape (``learned prep:of``), as verbs whose table relation it is read it."""
    if verb.dep == dep.xcomp or any(c.dep in _OWN_CONTENT for c in verb.children):
        return None
    prep = next((c for c in verb.rights if c.dep == dep.prep), None)
    if prep is None or prep.lower_ not in TOPIC_PREPS:
        return None
    obj = next((g for g in prep.children if g.dep in (dep.pobj, dep.pcomp)), None)
    if obj is None:
        return None
    span = subtree_chars(obj, cue_i=verb.i)
    spk, sspan = resolve_speaker(doc, implicit_subject(verb, doc), cues)
    lemma = cue_lemma(verb, cues) or verb.lemma_.lower()
    return Draft(spk, sspan, span_chars(verb), span, "indirect", lemma, cue_group(verb, cues) or "neutral",
                 verb.i, why=f"learned prep:{prep.lower_}")


def object_statements(doc: Doc, cues: Cues, quoted: Quoted, head_span: tuple[int, int] | None,
                      taken: set[int], min_rate: float) -> list[Draft]:
    """Candidates of the learned verbs of ``doc`` (cue rate at least ``min_rate``): the object or passive
    subject of those whose learned contents include their object, the object of a preposition of topic
    of any; outside quotations and the headline, not for the cue of a finding ``taken``."""
    verbs = {k for k, v in learned_verbs().items() if v.rate >= min_rate}
    objects = {k for k, v in learned_verbs().items() if v.rate >= min_rate and "dobj" in v.relations}
    out: list[Draft] = []
    for tok in doc:
        if tok.pos_ != "VERB" or tok.i in taken or tok.lemma_.lower() not in verbs:
            continue
        if (head_span and head_span[0] <= tok.idx < head_span[1]) or quoted.inside(tok.idx):
            continue
        d = _candidate(doc, cues, tok, taken) if tok.lemma_.lower() in objects else None
        d = d or _topic_candidate(doc, cues, tok)
        if d is None or d.content_span[0] >= d.content_span[1] or quoted.contains(d.content_span):
            continue
        out.append(d)
    return out
