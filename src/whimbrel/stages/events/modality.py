"""Decides whether an event happened: asserted, negated, future, hypothetical or attempted.

The cues are in ``data/events/modality.yaml``. For a verbal event the trigger's
own dependents are read (negation, auxiliaries, condition markers), then the
chain of verbs and nouns that govern it through open complements ("failed to
renew", "plans to expand", "attempts to keep"), stopping at a clause boundary
(a reported clause's modality is its own: "said it would continue" is future
because of "would", not because of "said"). Nominal events are asserted unless
negated by their own determiner ("no talks"), governed by a cue noun ("plans
for talks", "the possibility of sanctions") or inside a conditional clause or a
question. When several cues meet, the strongest wins: negated > attempted >
hypothetical > future (a failed attempt did not happen; a planned event that is
only hypothetical is hypothetical).

This follows the treatment of event factuality in FactBank (Saurí & Pustejovsky
2009): a governing predicate projects its factuality onto its complement.
"""
from __future__ import annotations

from spacy.tokens import Token

from ...syntax import acl, advcl, advmod, aux, auxpass, cc, ccomp, conj, det, dobj, mark, neg, nsubj, nsubjpass, pcomp, pobj, prep, relcl, xcomp
from .vocab import Lexicon

#: Strength order: the first listed wins when cues conflict.
PRIORITY = ("negated", "attempted", "hypothetical", "future")

#: Dependencies through which a governing word projects its modality onto a complement:
#: open complements ("try to X"), noun complements ("attempts to X", "threat of X"),
#: conjoined predicates share their first conjunct's auxiliaries ("will meet and sign").
_PROJECTING = {xcomp, acl, pobj, prep, pcomp, dobj, conj, nsubjpass}
#: Clause boundaries: a reported or adverbial clause carries its own modality.
_BOUNDARY = {ccomp, advcl, relcl}


def _own_cues(tok: Token, lex: Lexicon, verbal: bool) -> list[tuple[str, str]]:
    """Cues among ``tok``'s own dependents."""
    m = lex.modality
    fut_aux, hyp_aux, hyp_mark, neg_preps = (m.future_auxiliaries, m.hypothetical_auxiliaries,
                                             m.hypothetical_markers, m.negating_preps)
    out: list[tuple[str, str]] = []
    for c in tok.children:
        low = c.lower_
        if c.dep == neg or (c.dep == det and low == "no") or (verbal and c.dep == advmod and low in ("never",)):
            out.append(("negated", low))
        elif c.dep == advmod and low in ("longer", "more") and any(g.lower_ == "no" for g in c.children):
            # "no longer face": cessation is negation of the present event
            out.append(("negated", f"no {low}"))
        elif verbal and c.dep in (aux, auxpass) and low in fut_aux:
            out.append(("future", low))
        elif verbal and c.dep in (aux, auxpass) and low in hyp_aux:
            out.append(("hypothetical", low))
        elif c.dep == mark and low in hyp_mark:
            out.append(("hypothetical", low))
    # "is set to", "is about to", "is due to": be + adjective/participle + to-infinitive
    # are handled as governors below. A preposition "without" governing a gerund:
    if tok.dep == pcomp and tok.head.lower_ in neg_preps:
        out.append(("negated", tok.head.lower_))
    if tok.dep == pobj and tok.head.lower_ in neg_preps:
        out.append(("negated", tok.head.lower_))
    return out


def _governor_cue(gov: Token, lex: Lexicon) -> tuple[str, str] | None:
    """The modality a governing word projects onto its complement, if any."""
    m = lex.modality
    lemma = gov.lemma_.lower()
    if lemma in m.negating_governors:
        return ("negated", lemma)
    if lemma in m.attempting_governors:
        return ("attempted", lemma)
    if lemma in m.hypothetical_governors:
        return ("hypothetical", lemma)
    if lemma in m.future_governors or (gov.pos_ == "NOUN" and lemma in m.future_nouns):
        return ("future", lemma)
    return None


def _boundary_cues(node: Token, gov: Token, lex: Lexicon, depth: int) -> list[tuple[str, str]]:
    """Cues where the walk up from the predicate stops: at the root, or at a clause
    boundary (``node`` attached to ``gov`` as a reported, adverbial or relative clause)."""
    dep = node.dep
    cues: list[tuple[str, str]] = []
    if dep in _BOUNDARY:
        cues += [c for c in _own_cues(node, lex, True) if c[1] in ("if", "unless", "whether", "lest")]
    if dep == ccomp and gov.lemma_.lower() in lex.modality.mandative_governors \
            and (node.tag_ == "VB" and not any(c.dep in (aux, auxpass) for c in node.children)
                 or any(c.dep == aux and c.lower_ in ("should", "must") for c in node.children)):
        # mandative subjunctive: "demanded that Belarus release the prisoners" wants
        # a release; the base form (no tense, no auxiliary) or "should" marks it
        cues.append(("hypothetical", gov.lemma_.lower()))
    if dep == ccomp and any(c.tag_ == "TO" for c in node.children):
        # an object-control infinitive the parser makes a clause: "did not want troops to
        # fight X", "urged Iran to release them" hold only as the governor's
        cue = _governor_cue(gov, lex)
        if cue:
            cues.append(cue)
    if dep == ccomp and gov.lemma_.lower() in lex.modality.denying_governors:
        # "deny they are negotiating": the denied clause is not asserted
        cues.append(("negated", gov.lemma_.lower()))
    if dep == advcl and depth < 3 and any(c.tag_ == "TO" for c in node.children) \
            and gov.pos_ in ("VERB", "AUX"):
        # a purpose infinitive is only as real as the act it serves: "they would
        # blockade Paris to demand ..." (the demand is future too); "sent troops
        # to help" stays asserted with its asserted main verb
        level, words = modality_of(gov, gov, lex, True, _depth=depth + 1)
        if level != "asserted":
            cues += [(level, w) for w in words]
    return cues


def _irrealis_form(verb: Token) -> list[tuple[str, str]]:
    """Verb forms that state a wanted act, whatever governs them (the parser often loses the
    governor): a base form with a singular noun subject and no auxiliary, the mandative
    subjunctive ("demands Ginsburg resign"), and a "for X to" infinitive ("called for the
    minister to resign")."""
    kids = list(verb.children)
    if verb.tag_ == "VB" and not any(c.dep in (aux, auxpass) for c in kids) \
            and any(c.dep == nsubj and c.tag_ in ("NN", "NNP") for c in kids):
        return [("hypothetical", "subjunctive")]
    if any(c.dep == mark and c.lower_ == "for" for c in kids) and any(c.tag_ == "TO" for c in kids):
        return [("hypothetical", "for-to")]
    return []


def _authorized(noun: Token, lex: Lexicon) -> list[tuple[str, str]]:
    """An act a warrant is "for" is not done yet: the object of a "for" phrase on an authorizing
    noun, or on a verb whose object is one (the parser's attachment of "had warrants out for her
    arrest")."""
    if noun.dep != pobj or noun.head.lower_ != "for":
        return []
    host, nouns = noun.head.head, lex.modality.authorizing_nouns
    owners = [host] if host.pos_ == "NOUN" else [o for o in host.children if o.dep == dobj and o.pos_ == "NOUN"] \
        if host.pos_ in ("VERB", "AUX") else []
    return [("future", o.lemma_.lower()) for o in owners if o.lemma_.lower() in nouns][:1]


def _finite_pcomp(verb: Token) -> bool:
    """A tensed "that" clause with its own subject under a preposition ("given that Russia backs
    the regime", "in that it funds them"): a fact the sentence takes for granted, asserted by its
    own tense, not a content of the governing verb (an embedded question, "about how much it
    offers", is no fact and is left to the walk)."""
    kids = list(verb.children)
    return verb.dep == pcomp and verb.tag_ in ("VBD", "VBZ", "VBP") and any(c.dep == nsubj for c in kids) \
        and any(c.dep == mark and c.lower_ == "that" for c in kids)


def modality_of(predicate: Token, trigger: Token, lex: Lexicon, verbal: bool,
                skip: frozenset[int] = frozenset(), _depth: int = 0) -> tuple[str, list[str]]:
    """(modality, cue words) of the event whose predicate is ``predicate``.

    ``verbal`` is False for a bare nominal event (no light verb): then only its own
    determiner, governing cue nouns/verbs of its complement chain and conditional
    clause markers count. ``skip`` holds token indices of governors that are the
    event's own light verb or trigger (they never cue themselves).
    """
    cues: list[tuple[str, str]] = []
    cues += _own_cues(predicate, lex, verbal)
    if not verbal:
        cues += _authorized(predicate, lex)
    # a condition attached to the event itself ("may halt the talks if X ...", "will attack
    # unless Y ...") holds only under that condition: added after the walk (below)
    if verbal:
        cues += _irrealis_form(predicate)
    if trigger is not predicate:
        cues += [c for c in _own_cues(trigger, lex, False) if c[0] == "negated"]
    node = predicate
    steps = 0
    decided = False
    while steps < 8:
        steps += 1
        dep = node.dep
        gov = node.head
        if gov is node or dep in _BOUNDARY or (dep == acl and node.tag_ == "VBN") or _finite_pcomp(node):
            # a participle modifying a noun is a reduced relative clause with its own
            # modality: "denied plans to incinerate the rations donated by Britain" (donated);
            # so is a "that" clause after a preposition ("urged talks, given that Russia backs X")
            cues += _boundary_cues(node, gov, lex, _depth)
            decided = dep == ccomp and gov.lemma_.lower() in lex.modality.deciding_governors
            break
        if dep not in _PROJECTING and not (dep in (nsubj,) and not verbal):
            break
        if dep == conj:
            # shared auxiliaries: "will meet and sign" -> sign is future too; but a
            # conjunct with its own tense ("would not withdraw the bill but promised to
            # listen") or after a contrastive "but" keeps its own modality
            own_tense = node.tag_ in ("VBD", "VBZ", "VBP")
            contrast = any(c.dep == cc and c.lower_ in ("but", "yet") for c in gov.children)
            if not (own_tense or contrast):
                cues += [c for c in _own_cues(gov, lex, True) if c[0] in ("future", "hypothetical", "negated")]
            node = gov
            continue
        if gov.i not in skip:
            cue = _governor_cue(gov, lex)
            if cue and cue[0] == "future" and dep == dobj and gov.lemma_.lower() not in \
                    lex.modality.future_object_governors:
                # "aimed his criticism at Obama": the object of "aim" happened
                cue = None
            if cue and dep in (xcomp, acl, pobj, prep, pcomp, dobj):
                cues.append(cue)
        if gov.pos_ in ("VERB", "AUX") and dep in (xcomp,):
            cues += _own_cues(gov, lex, True)
        elif gov.pos_ in ("VERB", "AUX") and not verbal:
            # a nominal event only takes its clause's conditions, not its tense or negation,
            # nor the modality of verbs further up ("tried to block the investigation":
            # the investigation itself happened)
            cues += [c for c in _own_cues(gov, lex, True) if c[1] in ("if", "unless", "whether", "lest")]
            node = gov
            while node.head is not node and node.dep not in _BOUNDARY and steps < 8:
                steps += 1
                node = node.head
            if node.dep in _BOUNDARY:
                cues += [c for c in _own_cues(node, lex, True) if c[1] in ("if", "unless", "whether", "lest")]
            break
        node = gov
    # an "if"/"unless" the event sits inside ("if he has killed reporters") is its condition's
    # protasis, recorded "if-clause"; only a condition attached to the event ("will attack if
    # ...", collected below) keeps the bare word, which makes a conditional threat or offer
    cues = [(lv, f"{w}-clause" if w in ("if", "unless") else w) for lv, w in cues]
    if verbal:
        for c in predicate.children:
            if c.dep == advcl:
                cues += [("hypothetical", m.lower_) for m in c.children
                         if m.dep == mark and m.lower_ in ("if", "unless")]
    if trigger.sent.text.rstrip().endswith("?"):
        cues.append(("hypothetical", "?"))
    return _strongest(cues, decided)


def _strongest(cues: list[tuple[str, str]], decided: bool) -> tuple[str, list[str]]:
    """The strongest level among ``cues`` (:data:`PRIORITY`) with its cue words; a future act
    in a clause reported by a verb of decision ("announced it would prohibit all aid") also
    carries the cue "announced": the decision is made public."""
    for level in PRIORITY:
        found = [w for lv, w in cues if lv == level]
        if found:
            if level == "future" and decided:
                found.append("announced")
            return level, found
    return "asserted", []
