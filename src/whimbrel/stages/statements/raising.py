"""Evidential raising verbs: "Trump is expected to win", "the senator seemed to reflect sadness".

PolNeAR annotates a raising verb of appearance or expectation as the cue of
an attribution with no named source (the writer's or an unnamed
expectation), its content the whole clause: the subject, the verb and its
infinitive ("The birth is expected to coincide with the conventions", "who
are expected to support candidates"). On its training split, "be expected
to" is a cue 84% of the time, "seemed/appeared to" 55-72%, "seem to" (plain
present) 21%; the candidate model (:mod:`.candidates`) judges each one from
its tag and context, so these candidates exist only while the model is
active. "It seems/appears that S" reports S.
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from ... import syntax as dep
from ...ext import text_of
from .drafts import Draft, span_chars
from .quotes import ALL_MARKS, Quoted, trim

#: the rule name of these candidates (their source is nobody: the subject is what the content is about)
WHY = "raising verb"
#: verbs of appearance whose raised subject and infinitive are the content
_APPEAR = frozenset({"seem", "appear"})
#: passive verbs of expectation ("is expected to"), the same
_EXPECT = frozenset({"expect"})


def _infinitive(tok: Token) -> Token | None:
    """The cue's "to"-infinitive complement ("seemed TO reflect")."""
    return next((c for c in tok.rights if c.dep == dep.xcomp and c.pos_ in ("VERB", "AUX")
                 and any(a.lower_ == "to" for a in c.lefts)), None)


def _content(tok: Token) -> tuple[int, int] | None:
    lemma = tok.lemma_.lower()
    if lemma in _EXPECT and not any(c.dep == dep.auxpass for c in tok.children):
        return None
    if lemma not in _APPEAR and lemma not in _EXPECT:
        return None
    subj = next((c for c in tok.lefts if c.dep in (dep.nsubj, dep.nsubjpass)), None)
    if subj is not None and subj.lower_ == "it" and lemma in _APPEAR:
        # "it seems that S": the clause is the content
        comp = next((c for c in tok.rights if c.dep == dep.ccomp), None)
        if comp is None:
            return None
        toks = list(comp.subtree)
    else:
        inf = _infinitive(tok)
        if subj is None or inf is None or subj.lower_ == "it":
            return None
        toks = [t for t in tok.doc[subj.left_edge.i:inf.right_edge.i + 1]]
    while toks and (toks[0].is_punct or toks[0].is_space) and toks[0].text not in ALL_MARKS:
        toks = toks[1:]
    if not toks:
        return None
    return trim(text_of(tok.doc), toks[0].idx, toks[-1].idx + len(toks[-1]))


def raising_statements(doc: Doc, quoted: Quoted, head_span: tuple[int, int] | None) -> list[Draft]:
    """Candidate statements of the raising verbs of ``doc`` outside quotations and the headline."""
    out: list[Draft] = []
    for tok in doc:
        if tok.pos_ not in ("VERB", "AUX") or tok.lemma_.lower() not in _APPEAR | _EXPECT:
            continue
        if (head_span and head_span[0] <= tok.idx < head_span[1]) or quoted.inside(tok.idx):
            continue
        span = _content(tok)
        if span is None or span[0] >= span[1] or quoted.contains(span):
            continue
        out.append(Draft(None, None, span_chars(tok), span, "indirect", tok.lemma_.lower(), "neutral", tok.i,
                         why=WHY))
    return out
