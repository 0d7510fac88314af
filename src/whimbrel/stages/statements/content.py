"""Content spans: what a reporting verb reports, found by an ordered table of complement rules.

A cue's content is the subtree of the token heading it (trimmed of a leading
complementizer, punctuation and unpaired quotation marks), less the parts that
are not the speaker's words (:func:`reported_aside`). Which token heads it is
decided by :data:`CONTENT_RULES`, tried in order; the first that finds one
wins, and its name is the statement's ``why``.
"""
from __future__ import annotations

from typing import Callable, Iterable, NamedTuple

from spacy.tokens import Doc, Token

from ... import syntax as dep
from ...ext import text_of
from .cues import cue_group, phrasal_prep
from .quotes import ALL_MARKS, closes_inner_quote, opens_inner_quote, trim, unopened_close
from .vocab import Cues

COMPLEMENTIZERS = frozenset({"that", "whether", "if"})
_TRAILING_PUNCT = frozenset({",", ";", ":", ".", "-", "\u2014", "\u2013"})
_DATE_ADVERBIAL_DEPS = (dep.prep, dep.npadvmod, dep.advmod)
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_ADJUNCT_DEPS = (dep.prep, dep.dobj, dep.dative, dep.npadvmod)
_THAT_CLAUSE_DEPS = (dep.acl, dep.ccomp, dep.relcl, dep.advcl)
_ADJUNCT_PATH_DEPS = (dep.pobj, dep.prep, dep.dobj)


class CueSite(NamedTuple):
    """A reporting verb in its document: its group, and the preposition of a phrasal cue."""

    doc: Doc
    cues: Cues
    tok: Token
    group: str
    phrasal: Token | None      # "called FOR": the preposition; None for a plain cue


class Content(NamedTuple):
    """What a content rule found: the token heading the content, or (surface rules) a span."""

    head: Token | None
    span: tuple[int, int] | None
    why: str


# --- the content rules, in order -------------------------------------------------------------
def phrasal_infinitive(site: CueSite) -> Content | None:
    """"The senator called on the administration to release the report.": the infinitive."""
    if site.phrasal is None:
        return None
    c = next((c for c in site.tok.children if c.dep == dep.xcomp), None)
    return Content(c, None, "phrasal cue, infinitive") if c is not None else None


def phrasal_object(site: CueSite) -> Content | None:
    """"The union called for a general strike.": the object of the cue's preposition."""
    if site.phrasal is None:
        return None
    c = next((c for c in site.phrasal.children if c.dep in (dep.pobj, dep.pcomp)), None)
    return Content(c, None, "phrasal cue, object") if c is not None else None


def clausal_complement(site: CueSite) -> Content | None:
    """"Lavrov said (that) Iran would respond.": the clausal complement is what was said."""
    if site.phrasal is not None:
        return None
    c = next((c for c in site.tok.children if c.dep == dep.ccomp), None)
    return Content(c, None, "clausal complement") if c is not None else None


def infinitive_complement(site: CueSite) -> Content | None:
    """"Tehran vowed to retaliate.", "urged both sides to return": the infinitive states the intent.

    Only for ``xcomp_groups``, and not for a passive cue ("are expected to take
    effect" is raising: nobody's expectation is reported). A cue of another group
    with an object and an infinitive after it is a request ("asked the network
    TO DONATE the profits", "told the crowd to go home").
    """
    if site.phrasal is not None or dep.has_passive_auxiliary(site.tok):
        return None
    if site.group not in site.cues.xcomp_groups and not any(c.dep == dep.dobj for c in site.tok.rights):
        return None
    for c in site.tok.children:
        if c.dep == dep.xcomp and any(x.lower_ == "to" for x in c.lefts):
            return Content(c, None, "infinitive complement")
    return None


def of_complement(site: CueSite) -> Content | None:
    """"Iran accused Washington of violating the deal.": the "of" complement is the charge.

    The parser may hang it from the accused object instead of the verb.
    """
    if site.phrasal is not None or site.group not in site.cues.of_groups:
        return None
    tok = site.tok
    for holder in [tok] + [c for c in tok.children if c.dep == dep.dobj]:
        for c in holder.children:
            if c.dep == dep.prep and c.lower_ in site.cues.of_preps:
                for g in c.children:
                    if g.dep in (dep.pcomp, dep.pobj):
                        return Content(g, None, "of complement")
    return None


def that_clause_below(site: CueSite) -> Content | None:
    """"The ministry confirmed in a brief statement that the ambassador had been recalled."

    The parser often attaches the complement clause to the noun of an
    intervening adjunct ("in a statement", "on Twitter", "to reporters") as if
    it modified that noun. A clause introduced by the complementizer "that"
    (dep ``mark``; a relative "that" is a subject or object instead) is a
    complement, and after a reporting verb it is what was reported.
    """
    if site.phrasal is not None:
        return None
    frontier = [c for c in site.tok.rights if c.dep in _ADJUNCT_DEPS]
    for _ in range(3):
        nxt = []
        for node in frontier:
            for c in node.children:
                if c.dep in _THAT_CLAUSE_DEPS and c.i > node.i and _has_that_mark(c):
                    return Content(c, None, "that-clause below an adjunct")
                if c.dep in _ADJUNCT_PATH_DEPS:
                    nxt.append(c)
        frontier = nxt
    return None


def surface_that(site: CueSite) -> Content | None:
    """"He acknowledged, however, that the plan had failed.": the complementizer right after the cue.

    A fallback for parses that lose the complement clause when an adverbial
    interrupts it: only commas and the cue's own adverbs may stand between the
    cue and a ``that`` the parser itself tagged as a complementizer (``mark``).
    The content runs to the end of the sentence. Not for phrasal cues, nor for a
    parenthetical cue (dep ``parataxis``), which reports the clause around it.
    """
    if site.phrasal is not None or site.tok.dep == dep.parataxis:
        return None
    doc, cue = site.doc, site.tok
    j = cue.i + 1
    while j < len(doc) and (doc[j].is_punct and doc[j].text == "," or
                            (doc[j].head.i == cue.i and doc[j].dep == dep.advmod)):
        j += 1
    if j + 1 >= len(doc) or doc[j].lower_ != "that" or doc[j].dep != dep.mark:
        return None
    sent = doc[j].sent
    span = trim(text_of(doc), doc[j + 1].idx, sent.end_char)
    return Content(None, span, "surface that") if span[0] < span[1] else None


def naming_predicate(tok: Token, cues: Cues) -> Token | None:
    """The object predicate of a naming verb ("called Trump UNHINGED"), or None."""
    if tok.pos_ != "VERB" or tok.lemma_.lower() not in cues.naming_verbs or dep.has_passive_auxiliary(tok):
        return None
    return next((c for c in tok.rights if c.dep == dep.oprd), None)


def object_predicate(site: CueSite) -> Content | None:
    """"Bush called Trump 'unhinged'.": the object and its predicate are the judgement reported."""
    if site.phrasal is not None:
        return None
    pred = naming_predicate(site.tok, site.cues)
    if pred is None:
        return None
    obj = next((c for c in site.tok.rights if c.dep == dep.dobj and c.i < pred.i), None)
    start = (obj or pred).left_edge
    end = pred.right_edge
    text = text_of(site.doc)
    span = trim(text, start.idx, end.idx + len(end))
    return Content(None, span, "object predicate") if span[0] < span[1] else None


#: Pro-forms standing for what was said ("half said so", "72 percent said yes", "he said that").
PRO_FORMS = frozenset({"so", "yes", "no", "that", "this", "otherwise"})


def pro_form(site: CueSite) -> Content | None:
    """"55 percent said so.", "Democrats said yes.": the pro-form is the content (PolNeAR marks it).

    Only right after the cue and at the end of its clause (no clause follows it).
    """
    if site.phrasal is not None:
        return None
    tok = site.tok
    nxt = tok.nbor(1) if tok.i + 1 < len(site.doc) else None
    if nxt is None or nxt.lower_ not in PRO_FORMS or nxt.head.i != tok.i or list(nxt.children):
        return None
    after = nxt.nbor(1) if nxt.i + 1 < len(site.doc) else None
    if after is not None and not (after.is_punct or after.head.i != tok.i and after.head.i != nxt.i):
        return None
    return Content(None, (nxt.idx, nxt.idx + len(nxt)), "pro-form")


def learned_relation(site: CueSite) -> Content | None:
    """"Clinton decried the decision.", "He pointed to the polls.": a relation learned from annotated news.

    The relations PolNeAR's annotators linked this cue lemma to its content
    (``data/statements/learned_cues.tsv``), most frequent first: an infinitive,
    the object of a given preposition, or (PolNeAR's convention, only with
    ``Cues.object_content``) a direct object, only for a lemma whose content is
    most often its object ("criticized the plan", not "announced new
    sanctions" or "showed reporters the bridge", whose contents are mostly
    clauses). Not for a passive cue (its object is its subject).
    """
    tok = site.tok
    rels = site.cues.learned.get(tok.lemma_.lower())
    if site.phrasal is not None or not rels or dep.has_passive_auxiliary(tok):
        return None
    for rel in rels:
        if rel == "xcomp":
            c = next((c for c in tok.children if c.dep == dep.xcomp and any(x.lower_ == "to" for x in c.lefts)), None)
        elif rel == "dobj" and rels[0] == "dobj" and _object_reported(site):
            c = next((c for c in tok.rights if c.dep == dep.dobj and c.pos_ != "PRON"), None)
        elif rel.startswith("prep:"):
            prep = next((c for c in tok.rights if c.dep == dep.prep and c.lower_ == rel[5:]), None)
            c = next((g for g in prep.children if g.dep in (dep.pobj, dep.pcomp)), None) if prep is not None else None
        else:
            c = None
        if c is not None:
            if rel == "dobj":
                end = _object_phrase_end(tok, c)
                if end is not None:
                    return Content(None, (subtree_chars(c, cue_i=tok.i)[0], end), "learned dobj")
            return Content(c, None, f"learned {rel}")
    return None


#: Prepositions whose phrase after a reported object completes what was said or judged
#: ("criticized the Clintons AS part of the establishment", "thanked Nevadans FOR their support",
#: "blamed the attack ON ..."): on PolNeAR's training split the annotated content runs over the
#: phrase 137 times in 145 for "as", 54 in 57 for "for", 84 in 95 for "to"; "at", "on", "after",
#: "during" are more often the act's time or place and are not here.
OBJECT_PREPS = frozenset({"as", "for", "to", "about", "against", "over", "with", "by", "into", "in"})


def _object_phrase_end(cue: Token, obj: Token) -> int | None:
    """The end of the cue's prepositional phrases right after its object, or None when there are none."""
    nxt, last = obj.right_edge.i + 1, None
    for c in cue.rights:
        if c.i < nxt:
            continue
        if c.dep != dep.prep or c.lower_ not in OBJECT_PREPS or c.left_edge.i != nxt \
                or not any(g.dep in (dep.pobj, dep.pcomp) for g in c.children):
            break
        last, nxt = c.right_edge, c.right_edge.i + 1
    if last is None:
        return None
    toks = [t for t in cue.doc[obj.i:last.i + 1]]
    while toks and (toks[-1].is_space or toks[-1].text in _TRAILING_PUNCT or toks[-1].text in ALL_MARKS):
        toks = toks[:-1]
    return toks[-1].idx + len(toks[-1])


def _reports_by_participle(site: CueSite) -> bool:
    """"defended the decision, saying ...": a participial cue of the verb's own clause says what was said."""
    return any(c.dep == dep.advcl and c.tag_ == "VBG" and c.lemma_.lower() in site.cues.group_of
               for c in site.tok.rights)


def _object_reported(site: CueSite) -> bool:
    """Whether the cue's direct object may be its content: not for a verb that is itself reported.

    "urged the factions to lay down their weapons": "lay" is inside the appeal
    (an infinitive complement), not a cue of its own; nor with a participial
    cue ("defended the decision, saying ..."), which says what was said.
    """
    tok = site.tok
    return site.cues.object_content and tok.dep != dep.xcomp and not _reports_by_participle(site)


#: The content rules, tried in this order; the first that finds something decides.
CONTENT_RULES: tuple[Callable[[CueSite], Content | None], ...] = (
    phrasal_infinitive,
    phrasal_object,
    clausal_complement,
    infinitive_complement,
    of_complement,
    that_clause_below,
    surface_that,
    object_predicate,
    pro_form,
    learned_relation,
)


def find_content(site: CueSite) -> Content | None:
    for rule in CONTENT_RULES:
        found = rule(site)
        if found is not None:
            return found
    return None


def _has_that_mark(clause: Token) -> bool:
    return any(c.dep == dep.mark and c.lower_ == "that" for c in clause.children)


def _has_modal(verb: Token) -> bool:
    return any(c.dep == dep.aux and c.tag_ == "MD" for c in verb.children)


# --- what is not the speaker's words ------------------------------------------------------
def reported_aside(doc: Doc, content: Token, cues: Cues, cue: Token) -> list[Token]:
    """Parts of a complement's subtree that are not the speaker's words.

    * A subject-less participle cue hung from the complement ("..., adding that ...").
    * A subject-less finite verb coordinated inside the complement that is itself a
      reporting cue ("said it believed the vote was rigged AND CALLED FOR an
      audit"): coordination of two acts of the same speaker, which the parser
      hung from the reported clause. A base form or participle shares the
      clause's auxiliary and stays reported ("says he'd sit Putin down and TELL
      him ...", "says Obama is acting unlawfully and SHOWING disregard").
    * After a past-tense cue, a subject-less past-tense conjunct of a modal verb
      ("confirmed that the talks WOULD continue but GAVE no details").
    * An appositive comment noun of the reporter at the end ("..., A CLAIM that
      could not be verified").
    """
    out: list[Token] = []
    # the rules' own cues: the candidate model's over-generated cue verbs ("show", "act") are
    # mostly plain verbs, which a coordinated predicate of the reported clause often is
    cues = cues.rules or cues
    cue_past = cue.tag_ == "VBD" or any(c.dep == dep.aux and c.tag_ == "VBD" for c in cue.children)
    content_verbs = {t.i for t in content.subtree if t.pos_ in ("VERB", "AUX")}
    for t in content.subtree:
        if t is content:
            continue
        if t.dep == dep.conj and t.pos_ == "VERB" and dep.own_subject(t) is None and t.tag_ in _FINITE and \
                (cue_group(t, cues) is not None or phrasal_prep(t, cues) is not None):
            out.append(t)
        elif t.dep == dep.advcl and t.tag_ == "VBG" and dep.own_subject(t) is None and t.head.i == content.i \
                and t.i > content.i and cue_group(t, cues) is not None:
            # "said the talks had failed, ADDING that ...": the speaker's next act, which
            # the parser hung from the reported clause
            out.append(t)
        elif t.dep == dep.conj and t.tag_ == "VBD" and dep.own_subject(t) is None and \
                t.head.i in content_verbs and _has_modal(t.head) and cue_past:
            # a past tense form cannot share the modal of its conjunct ("would gave"),
            # so after a past-tense cue it narrates the speaker's own next act,
            # coordinated with the cue, not a further reported clause ("had engaged
            # and had 72 hours" shares no modal and stays reported)
            out.append(t)
        elif t.dep == dep.appos and t.lemma_.lower() in cues.comment_nouns and \
                t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",":
            out.append(t)
    return out


# --- from a head token to a character span ---------------------------------------------------
def _is_leading_filler(toks: list[Token]) -> bool:
    first = toks[0]
    return first.is_punct or first.is_space or (first.dep == dep.mark and first.lower_ in COMPLEMENTIZERS)


def subtree_chars(tok: Token, exclude: Iterable[Token] = (), cue_i: int | None = None) -> tuple[int, int]:
    """Character span of ``tok``'s subtree, trimmed of a leading complementizer and punctuation."""
    toks = [t for t in tok.subtree]
    for x in exclude:
        drop = set(t.i for t in x.subtree)
        toks = [t for t in toks if t.i not in drop]
    if not toks:
        return tok.idx, tok.idx
    # drop leading "that"/"whether" (mark) and punctuation, but not the opening mark
    # of a partial quotation that closes inside the content ('accused her of
    # "rewriting her record" on farm subsidies')
    while toks and _is_leading_filler(toks) and not opens_inner_quote(toks):
        toks = toks[1:]
    toks = _drop_date_adverbial(tok, toks, cue_i)
    # 'said "tax cuts for the rich" were a mistake': the opening mark of a partial
    # quotation at the start of the content may hang outside the complement's subtree
    if toks and toks[0].i > 0 and tok.doc[toks[0].i - 1].text in ALL_MARKS \
            and unopened_close(toks) and opens_inner_quote([tok.doc[toks[0].i - 1]] + toks):
        toks = [tok.doc[toks[0].i - 1]] + toks
    # ... and trailing punctuation, or a conjunction left dangling by an exclusion
    while toks and (toks[-1].is_space or toks[-1].text in _TRAILING_PUNCT
                    or (toks[-1].text in ALL_MARKS and not closes_inner_quote(toks))
                    or (exclude and toks[-1].dep == dep.cc)):
        toks = toks[:-1]
    if not toks:
        return tok.idx, tok.idx
    # 'said Democrats were "trying to win ... ballot box".': a partial quotation
    # opened inside the content closes right after it; the parser often hangs the
    # closing mark from the main verb, outside the complement's subtree
    nxt = toks[-1].i + 1
    if nxt < len(tok.doc) and tok.doc[nxt].text in ALL_MARKS and \
            closes_inner_quote(toks + [tok.doc[nxt]]) and not closes_inner_quote(toks):
        toks = toks + [tok.doc[nxt]]
    # the subtree may be non-contiguous after exclusion: keep the part holding the head
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    return s, e


def _drop_date_adverbial(tok: Token, toks: list[Token], cue_i: int | None) -> list[Token]:
    """"Kenya said on Thursday it would ...": a date adverbial right after the cue dates the saying.

    It stands between the cue and the complement's subject (the parser often
    hangs it inside the complement); it is not part of the content.
    """
    subj = dep.own_subject(tok)
    if subj is None or not toks or toks[0].i >= subj.left_edge.i or cue_i is None \
            or toks[0].i != cue_i + 1:
        return toks
    for c in tok.lefts:
        if c.i >= subj.left_edge.i or c.i != toks[0].i and c.left_edge.i != toks[0].i:
            continue
        piece = list(c.subtree)
        if c.dep in _DATE_ADVERBIAL_DEPS and any(t.ent_type_ in ("DATE", "TIME") for t in piece):
            drop = set(t.i for t in piece)
            toks = [t for t in toks if t.i not in drop]
            while toks and _is_leading_filler(toks):
                toks = toks[1:]
        break
    return toks


def prev_end(doc: Doc, cue: Token) -> int:
    """End of the text before the attribution clause (before its subject and comma)."""
    first = min(t.i for t in cue.subtree)
    i = first - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    return doc[i].idx + len(doc[i]) if i >= 0 else cue.idx


# --- the reporter's elaboration at the end of a content ---------------------------------------
#: Relative words opening a non-restrictive relative clause ("..., who ...", "..., where ...").
_WH_RELATIVES = frozenset({"who", "whom", "whose", "which", "where", "when"})
#: Subordinators of a concessive or contrastive clause set off after the content.
_CONCESSIVE = frozenset({"though", "although", "whereas", "while"})


def trailing_elaboration(doc: Doc, content: Token) -> list[Token]:
    """Modifiers set off by a comma at the end of a content that are the reporter's, not the speaker's.

    After a comma, and running to the content's end, with no quotation mark in them:

    * a non-restrictive relative clause opened by a wh-word ("said the emails were
      from Fanning, WHO WAS HIS CHIEF OF STAFF"; a restrictive "that" clause stays);
    * an appositive noun phrase ("vowed to repeal the Hyde Amendment, A FEDERAL
      PROVISION THAT ...");
    * a concessive clause ("..., THOUGH voters are ...").

    On polnear_dev (st61) the three together raise overlap F1 67.16 -> 67.44. Two
    further classes measured and left out: a subject-less participle clause
    (", PUTTING HIM AHEAD ...", no change) and a conjunct clause whose own verb
    is a reporting cue (", AND 40 PERCENT SAID ...", -0.28: PolNeAR often keeps it).
    """
    toks = [t for t in content.subtree if not (t.is_punct or t.is_space)]
    if not toks:
        return []
    last = toks[-1].i
    out: list[Token] = []
    for t in content.subtree:
        if t is content or t.i < content.i:
            continue
        lo = t.left_edge.i
        if lo == 0 or t.right_edge.i < last or any(x.text in ALL_MARKS for x in doc[lo:t.right_edge.i + 1]):
            continue
        comma = doc[lo - 1].text in (",", "\u2014", "\u2013", "-")
        first = doc[lo].lower_
        if t.dep == dep.relcl and comma and first in _WH_RELATIVES:
            out.append(t)
        elif t.dep == dep.appos and comma and t.pos_ in ("NOUN", "PROPN"):
            out.append(t)
        elif t.dep == dep.advcl and comma and concessive(t):
            out.append(t)
        if out:
            break
    return out


def concessive(clause: Token) -> bool:
    """Whether an adverbial clause is concessive or contrastive ("though ...", "while ...")."""
    return clause.dep == dep.advcl and any(c.dep == dep.mark and c.lower_ in _CONCESSIVE for c in clause.children)
