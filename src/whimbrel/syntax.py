"""Parse helpers every stage shares: dependency labels, label sets, clause subject, passive, spans.

Labels are the ClearNLP/spaCy English scheme, as ids comparable with
``Token.dep`` (built with ``spacy.strings.get_string_id`` because
``spacy.symbols`` lacks a few, such as ``compound`` and ``dative``). Conditions
use these named constants, never string literals. One definition of each
notion lives here; a stage that needs a variant names it here too, with the
reason, instead of keeping a private copy.
"""
from __future__ import annotations

from spacy.strings import get_string_id as _id

#: Labels of the ClearNLP/spaCy English scheme, plus the Universal Dependencies ones
#: a stage may meet from another model ("case", "nummod", "obl", "tmod", "iobj").
acl = _id("acl")
acomp = _id("acomp")
advcl = _id("advcl")
advmod = _id("advmod")
agent = _id("agent")
amod = _id("amod")
appos = _id("appos")
attr = _id("attr")
aux = _id("aux")
auxpass = _id("auxpass")
case = _id("case")
cc = _id("cc")
ccomp = _id("ccomp")
compound = _id("compound")
conj = _id("conj")
csubj = _id("csubj")
dative = _id("dative")
det = _id("det")
dobj = _id("dobj")
expl = _id("expl")
iobj = _id("iobj")
mark = _id("mark")
neg = _id("neg")
nmod = _id("nmod")
npadvmod = _id("npadvmod")
nsubj = _id("nsubj")
nsubjpass = _id("nsubjpass")
nummod = _id("nummod")
obl = _id("obl")
oprd = _id("oprd")
parataxis = _id("parataxis")
pcomp = _id("pcomp")
pobj = _id("pobj")
poss = _id("poss")
prep = _id("prep")
prt = _id("prt")
punct = _id("punct")
quantmod = _id("quantmod")
relcl = _id("relcl")
ROOT = _id("ROOT")
tmod = _id("tmod")
xcomp = _id("xcomp")


# --- subjects (clause subject through control, conjunction, relative clauses) and passives

#: Subject labels a clause's own subject carries (the passive subject is not one).
SUBJECTS = frozenset({nsubj, csubj})
#: Relative pronouns that stand for the noun their clause modifies ("the troops that attacked").
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})


def has_passive_subject(verb) -> bool:
    """Whether ``verb`` has a passive subject (an ``nsubjpass`` child): "X was attacked".

    The events stage's notion of a passive clause: the one whose subject is the
    patient, so that the "by" agent acts. It differs from a test for a passive
    auxiliary (``auxpass``): a passive with no subject of its own ("refused to
    be questioned", a participle modifying a noun: "sanctions imposed by X")
    is not one here.
    """
    return any(c.dep == nsubjpass for c in verb.children)


def for_to_clause(clause) -> bool:
    """Whether ``clause`` is a "for ... to" infinitive ("called for the minister to resign"),
    a complement the parser may hang on its verb as an adverbial clause."""
    return any(m.dep == mark and m.lower_ == "for" for m in clause.children) and \
        any(a.tag_ == "TO" for a in clause.children)


def clause_subject(verb, dispositional: frozenset[str] = frozenset(), depth: int = 0):
    """(subject token or None, how) of ``verb``, following control, conjunction and relative clauses.

    ``how`` names the path: "nsubj", "agent" (the "by" phrase of a passive),
    "relcl" (the noun a relative clause modifies), "control(...)", "conj(...)",
    "predicate(...)", "adjunct(...)", "gerund(...)" wrapping the governing
    clause's own path, or "acl" with no subject (an infinitive completing a
    noun: "attempts to keep the ban", whose owner acts). ``dispositional`` holds
    verb lemmas whose passive participle is an adjective of disposition ("X is
    committed to ..."): their passive subject acts.
    """
    if depth > 6:
        return None, ""
    for c in verb.children:
        if c.dep in SUBJECTS:
            if c.lower_ in RELATIVE_PRONOUNS and verb.dep == relcl:
                # "the troops that attacked": the relative pronoun stands for the noun
                return verb.head, "relcl"
            return c, "nsubj"
    if verb.dep == acl and verb.tag_ == "VBN" and not has_passive_subject(verb):
        # a participle modifying a noun: "the rations donated by Britain" -> Britain
        for c in verb.children:
            if c.dep == agent:
                for o in c.children:
                    if o.dep == pobj:
                        return o, "agent"
    if has_passive_subject(verb):
        for c in verb.children:
            if c.dep == agent:
                for o in c.children:
                    if o.dep == pobj:
                        return o, "agent"
        if verb.lemma_.lower() in dispositional:
            # "Vietnam is committed to ...": an adjectival passive of disposition
            for c in verb.children:
                if c.dep == nsubjpass:
                    return c, "nsubj"
        return None, ""
    head = verb.head
    if head is verb:
        return None, ""
    return _governed_subject(verb, head, dispositional, depth)


def _governed_subject(verb, head, dispositional: frozenset[str], depth: int):
    """The subject ``verb`` shares with the clause governing it (see :func:`clause_subject`)."""
    if verb.pos_ == "ADJ" and verb.dep == acomp and head.pos_ in ("VERB", "AUX"):
        # a predicative adjective governing a complement ("X is willing/ready/able to
        # send ..."): the copula's subject is the adjective's, and so the complement's
        s, how = clause_subject(head, dispositional, depth + 1)
        return s, (f"predicate({how})" if s is not None else "")
    if verb.dep in (xcomp, conj) and head.pos_ in ("VERB", "AUX", "ADJ"):
        # control ("X plans to expand": X expands) and shared subjects ("X met Y and signed")
        s, how = clause_subject(head, dispositional, depth + 1)
        return s, (f"{'control' if verb.dep == xcomp else 'conj'}({how})" if s is not None else "")
    if verb.dep == xcomp and head.pos_ in ("NOUN", "PROPN"):
        return None, ""
    if verb.dep == relcl:
        return head, "relcl"
    if verb.dep == advcl and (verb.tag_ in ("VBG", "VBN") or any(c.tag_ == "TO" for c in verb.children)):
        # purpose infinitives ("sent troops to help X") are controlled by the main subject too
        # participial adjunct ("..., saying ...", "..., killing five"): shares the main subject
        s, how = clause_subject(head, dispositional, depth + 1)
        if s is None and any(c.tag_ == "TO" for c in verb.children) and has_passive_subject(head):
            # "police were called to investigate", "troops were sent to protect X": the one
            # sent does the purpose
            s, how = next((c for c in head.children if c.dep == nsubjpass)), "nsubjpass"
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
            s, how = clause_subject(gov, dispositional, depth + 1)
            return s, (f"gerund({how})" if s is not None else "")
    return None, ""


#: A clause's own subject: nominal, passive nominal or clausal (``expl`` is not one).
#: The events stage's ``SUBJECTS`` leaves the passive subject out; this set keeps it.
SUBJECTS_WITH_PASSIVE = frozenset({nsubj, nsubjpass, csubj})


def own_subject(verb):
    """The first child of ``verb`` labelled as its subject (:data:`SUBJECTS_WITH_PASSIVE`), or None.

    Only the token's own subject: unlike events' ``clause_subject`` it follows no
    control, conjunction or relative clause ("Lavrov met Zarif and said ...":
    "said" has no subject of its own here).
    """
    for c in verb.children:
        if c.dep in SUBJECTS_WITH_PASSIVE:
            return c
    return None


def has_passive_auxiliary(verb) -> bool:
    """Whether ``verb`` has a passive auxiliary child (``auxpass``: "are EXPECTED to", "was TOLD").

    Not the same test as the events stage's passive (``has_passive_subject`` on
    its branch, ``events.roles.passive`` before: an ``nsubjpass`` child, i.e. a
    passive *subject*). They part on a passive conjunct that shares the subject
    of the first verb: it has the auxiliary but no subject of its own ("the talks
    were suspended and ARE EXPECTED to resume": only ``has_passive_auxiliary``
    holds for "expected"); a passive subject without its auxiliary holds only
    for the subject test. The statements stage uses this one to refuse raising
    passives ("the tariffs are expected to take effect") as cues of intent or belief.
    """
    return any(c.dep == auxpass for c in verb.children)
