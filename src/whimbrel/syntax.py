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

# --- from the times stage
# Labels the times stage reads that were not listed above: "cc" and "quantmod"
# (ClearNLP), and "case", "nummod", "obl", "tmod" (Universal Dependencies and
# ClearNLP's number modifier), through which a time expression may hang below
# the word it dates.
cc = _id("cc")
case = _id("case")
nummod = _id("nummod")
obl = _id("obl")
quantmod = _id("quantmod")
tmod = _id("tmod")
