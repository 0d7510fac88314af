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
ccomp = _id("ccomp")
compound = _id("compound")
conj = _id("conj")
csubj = _id("csubj")
dative = _id("dative")
det = _id("det")
dobj = _id("dobj")
mark = _id("mark")
neg = _id("neg")
nmod = _id("nmod")
npadvmod = _id("npadvmod")
nsubj = _id("nsubj")
nsubjpass = _id("nsubjpass")
oprd = _id("oprd")
pcomp = _id("pcomp")
pobj = _id("pobj")
poss = _id("poss")
prep = _id("prep")
prt = _id("prt")
relcl = _id("relcl")
xcomp = _id("xcomp")


# --- from the statements stage
cc = _id("cc")
expl = _id("expl")
nummod = _id("nummod")
parataxis = _id("parataxis")
ROOT = _id("ROOT")

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
