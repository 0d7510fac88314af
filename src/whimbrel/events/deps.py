"""Dependency labels (ClearNLP/spaCy English scheme) as ids comparable with ``Token.dep``.

Named constants rather than string literals in conditions; built with
``spacy.strings.get_string_id`` because ``spacy.symbols`` lacks a few labels
(``compound``, ``dative``).
"""
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
