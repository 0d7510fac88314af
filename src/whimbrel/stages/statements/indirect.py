"""Indirect statements: reporting verbs with their content, and "according to X".

Every token outside the headline and outside quotations that is a cue (a
reporting verb, a phrasal cue, or "according") is tried against
:data:`CUE_RULES` in order. A rule answers None when its pattern does not
apply (the next one is tried), or a :class:`Found` whose result is the
statement (or None: the token reports nothing) and whose ``why`` names the
pattern; the first answer decides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from spacy.tokens import Doc, Token

from ... import syntax as dep
from ...ext import text_of
from .content import Content, CueSite, find_content, prev_end, reported_aside, subtree_chars, trailing_elaboration, concessive
from .content import naming_predicate
from .cues import cue_group, phrasal_prep
from .drafts import Draft, Found, draft_for_cue
from .quotes import ALL_MARKS, Quoted, trim
from .speakers import according_source, is_source, resolve_speaker
from .vocab import Cues

#: ``Draft.extra`` key: where the content opens in PolNeAR's convention when that is before the
#: complement the content rules found (the cue's object, a relative clause); applied after the
#: candidate model has judged the statement on its complement (:mod:`.extraction`).
OPENS_AT = "opens_at"
#: Heads at which the climb from "according to" to the clause it modifies stops.
_CLAUSE_DEPS = frozenset({dep.ROOT, dep.ccomp, dep.advcl, dep.conj, dep.relcl})


@dataclass
class Context:
    """One document's indirect pass: what the rules read, and the cues owning coordinated cues."""

    doc: Doc
    cues: Cues
    quoted: Quoted
    direct_cues: set[int]
    #: cues coordinated inside another cue's complement -> the cue whose subject speaks for them
    owner: dict[int, Token] = field(default_factory=dict)


# --- the rules, in order ----------------------------------------------------------------------
def according_to(ctx: Context, site: CueSite | None, tok: Token) -> Found | None:
    """"According to police, two men were paid.", "S, according to the ministry.": X is the source."""
    if tok.lower_ != "according":
        return None
    return Found(according_clause(ctx.doc, tok, ctx.cues, ctx.quoted), "according to")


def impersonal_infinitive(ctx: Context, site: CueSite | None, tok: Token) -> Found | None:
    """"It is too early to say whether the talks will resume.": nobody says anything.

    An infinitive under an adjective with an impersonal "it" judges the act of
    saying ("made it hard to predict whether ..."); "the minister was quick to
    say that" keeps its speaker.
    """
    if tok.dep in (dep.xcomp, dep.advcl) and tok.head.pos_ == "ADJ" and dep.own_subject(tok) is None \
            and any(c.lower_ == "to" for c in tok.lefts) and _impersonal(tok.head):
        return Found(None, "impersonal infinitive")
    return None


def reported_content(ctx: Context, site: CueSite | None, tok: Token) -> Found | None:
    """"Lavrov said Iran would respond.", "Tehran vowed to retaliate.", "The union called for a strike."

    The content is found by the content rules (:data:`content.CONTENT_RULES`).
    A content that is the cue's own quotation (a direct statement) or lies
    inside a quotation gives nothing; an empty one lets the next rule try.
    """
    assert site is not None
    found = find_content(site)
    if found is None:
        return None
    span = found.span
    if found.head is not None:
        span = _head_span(ctx, site, found.head)
    if span is None or span[0] >= span[1]:
        return None
    if tok.i in ctx.direct_cues and ctx.quoted.overlaps(span):
        return Found(None, "the quotation itself")  # a direct statement
    if ctx.quoted.contains(span):
        return Found(None, "inside a quotation")    # belongs to the quote
    d = draft_for_cue(ctx.doc, ctx.cues, tok, span, "indirect", speaker_cue=ctx.owner.get(tok.i))
    if found.head is not None and ctx.cues.object_content:
        opens = _object_start(ctx, site, found)
        if opens is not None and opens < span[0]:
            d.extra[OPENS_AT] = opens
    if site.phrasal is not None:
        d.cue_span = (tok.idx, site.phrasal.idx + len(site.phrasal))
        d.cue, d.cue_group = f"{tok.lemma_.lower()} {site.phrasal.lower_}", site.group
    return Found(d, found.why)


def parenthetical(ctx: Context, site: CueSite | None, tok: Token) -> Found | None:
    """"Iran will respond, the minister said.": a parenthetical attribution reports the clause it interrupts.

    A trailing attribution ends the report before its subject and comma; one in
    mid-clause ("Mexico, the ministry added, will send aid") reports the whole
    clause around it, quoted phrases in it included.
    """
    if tok.dep != dep.parataxis or tok.i in ctx.direct_cues or dep.own_subject(tok) is None:
        return None
    host = tok.head
    span = subtree_chars(host, exclude=[tok])
    if ctx.cues.object_content:
        wide = _around_aside(ctx, tok, span)
        if wide != span and not ctx.quoted.overlaps(wide):
            return Found(draft_for_cue(ctx.doc, ctx.cues, tok, wide, "indirect"), "parenthetical")
    # a clause holding a quoted phrase is still the reporter's paraphrase ('The governor, the senator said,
    # had served for "far too many years"'); one inside a quotation is the quotation's (a direct statement)
    if span[0] >= tok.idx or ctx.quoted.contains(span) or ctx.quoted.inside(span[0]):
        return Found(None, "parenthetical")
    if span[1] <= tok.idx + len(tok):
        first = _sentence_start(ctx, tok, span[0]) if ctx.cues.object_content else span[0]
        span = (first, min(span[1], prev_end(ctx.doc, tok)))
    return Found(draft_for_cue(ctx.doc, ctx.cues, tok, span, "indirect"), "parenthetical")


def as_clause(ctx: Context, site: CueSite | None, tok: Token) -> Found | None:
    """"As Pollak observed, the real winner was the network.": an "as" clause attributes the clause it modifies.

    The cue heads an adverbial clause introduced by "as" and has a subject of
    its own; the content is the host clause without the "as" clause.
    """
    if tok.dep != dep.advcl or dep.own_subject(tok) is None or tok.i in ctx.direct_cues \
            or not any(c.dep == dep.mark and c.lower_ == "as" for c in tok.children):
        return None
    span = subtree_chars(tok.head, exclude=[tok])
    if span[0] >= span[1] or ctx.quoted.overlaps(span):
        return None
    return Found(draft_for_cue(ctx.doc, ctx.cues, tok, span, "indirect"), "as clause")


Rule = Callable[[Context, "CueSite | None", Token], "Found | None"]
#: The cue rules, tried in this order for each candidate token.
CUE_RULES: tuple[Rule, ...] = (according_to, impersonal_infinitive, reported_content, parenthetical, as_clause)


def indirect_statements(doc: Doc, cues: Cues, quoted: Quoted,
                        direct_cues: set[int], head_span: tuple[int, int] | None) -> list[Draft]:
    """Indirect statements of ``doc`` (see the module docstring), in token order."""
    ctx = Context(doc, cues, quoted, direct_cues)
    out: list[Draft] = []
    for tok in doc:
        if head_span and head_span[0] <= tok.idx < head_span[1]:
            continue  # the headline has its own rule
        if quoted.inside(tok.idx):
            continue  # a reporting verb inside a quotation is the quoted speaker's words
        site = None
        if tok.lower_ != "according":  # is it a reporting verb, plain or phrasal? (inline: every token)
            group, phrasal = cue_group(tok, cues), None
            if group is None:
                phrasal, named = phrasal_prep(tok, cues), naming_predicate(tok, cues)
                if named is not None and phrasal is not None and named.i < phrasal.i:
                    phrasal = None   # "called the plan a disaster FOR farms": a judgement, not an appeal
                if phrasal is None:
                    if named is None:
                        continue
                    group = "neutral"
                else:
                    group = cues.phrasal[tok.lemma_.lower()][0]
            site = CueSite(doc, cues, tok, group, phrasal)
        for rule in CUE_RULES:
            found = rule(ctx, site, tok)
            if found is not None:
                if found.result is not None:
                    found.result.why = found.why
                    out.append(found.result)
                break
    return out


def _head_span(ctx: Context, site: CueSite, head: Token) -> tuple[int, int]:
    """The content span of the subtree of ``head``, less what is not the speaker's words."""
    tok = site.tok
    aside = reported_aside(ctx.doc, head, ctx.cues, tok)
    for a in aside:
        if a.dep in (dep.conj, dep.advcl):
            ctx.owner[a.i] = tok
    extra = [t for t in trailing_elaboration(ctx.doc, head)
             if not ctx.quoted.inside(t.idx)]
    span = subtree_chars(head, exclude=aside + extra, cue_i=tok.i)
    if span[0] <= tok.idx < span[1]:
        # "laws which he said were strict": the complement's subject is the
        # relative pronoun before the cue; what was said is what follows it
        span = trim(text_of(ctx.doc), tok.idx + len(tok), span[1])
    elif head.dep == dep.ccomp and head.head.i == tok.i and head.i > tok.i and not aside and not extra:
        span = (span[0], _trailing_end(ctx, tok, head, span[1]))
    elif head.i < tok.i and span[1] <= tok.idx and ctx.cues.object_content:
        if _closes_sentence(ctx.doc, tok):
            span = (_sentence_start(ctx, tok, span[0]), span[1])
        else:
            span = _around_aside(ctx, tok, span)
    return span


def _around_aside(ctx: Context, tok: Token, span: tuple[int, int]) -> tuple[int, int]:
    """"Though the change was smooth, he said, replacing her would be harder.": the whole sentence.

    An attribution set off by commas inside its sentence reports the sentence
    around it (PolNeAR's content is the hull of the two sides), when the words
    after it hold no quotation and no other cue of the rules.
    """
    doc, sent = ctx.doc, tok.sent
    subj = dep.own_subject(tok)
    lo = subj.left_edge.i if subj is not None and subj.i < tok.i else tok.i
    hi = max([c.right_edge.i for c in tok.rights if not c.is_punct] + [tok.i])
    if lo == 0 or doc[lo - 1].text != "," or hi + 1 >= sent.end or doc[hi + 1].text != ",":
        return span
    rest = [t for t in doc[hi + 2:sent.end] if not (t.is_punct or t.is_space)]
    if len(rest) < 3 or any(t.text in ALL_MARKS for t in doc[hi + 2:sent.end]) \
            or any(cue_group(t, ctx.cues.rules or ctx.cues) is not None for t in rest):
        return span
    end = trim(text_of(doc), rest[0].idx, rest[-1].idx + len(rest[-1]))[1]
    if lo >= 2 and doc[lo - 2].tag_ in ("WDT", "WP"):
        return doc[lo - 2].idx, end   # "the stadium, which, she said, is full": the relative clause
    return _sentence_start(ctx, tok, span[0]), end


def _closes_sentence(doc: Doc, tok: Token) -> bool:
    """Whether the attribution clause of ``tok`` ends its sentence ("..., a source said.")."""
    sent = tok.sent
    return all(t.is_punct or t.is_space for t in doc[tok.right_edge.i + 1:sent.end])


def _sentence_start(ctx: Context, tok: Token, start: int) -> int:
    """Where a trailing attribution's report starts: the first word of its sentence.

    "The van was to be escorted, but the agents left early, a source said.": the
    attribution closing a sentence reports all of it, whichever conjunct the
    parser hung it from. Not across a quotation mark.
    """
    first = next((t for t in tok.sent if not (t.is_punct or t.is_space)), None)
    if first is None or first.idx >= start or ctx.quoted.overlaps((first.idx, start)) \
            or any(t.text in ALL_MARKS for t in ctx.doc[first.i:tok.i]):
        return start
    if any(cue_group(t, ctx.cues.rules or ctx.cues) is not None for t in ctx.doc[first.i:tok.i] if t.idx < start):
        return start   # the words before hold another attribution ("Bamberg said ..., the footage showed")
    return first.idx


#: Content rules whose complement is predicated of the cue's object ("urged THE FACTIONS to ...",
#: "called on CONGRESS to ...", "accused THE COMPANY of ...", "blamed WORKERS for ...").
_OBJECT_RULES = ("phrasal cue, infinitive", "infinitive complement", "of complement", "learned xcomp")


def _object_start(ctx: Context, site: CueSite, found: Content) -> int | None:
    """Where the content starts when the complement is said of the cue's object, or None.

    "urged the factions to lay down their weapons": the appeal is that the
    factions lay down their weapons; the object is the infinitive's understood
    subject (or, after "accused", "blamed", "criticized", the one charged), and
    PolNeAR's content runs from it. Only for an object between the cue and the
    complement (an addressee before a that-clause, "told reporters that ...", is
    not reported).
    """
    if not (found.why in _OBJECT_RULES or found.why.startswith("learned prep:")):
        return None
    tok, head = site.tok, found.head
    holder = site.phrasal if site.phrasal is not None else tok
    deps = (dep.pobj,) if site.phrasal is not None else (dep.dobj,)
    obj = next((c for c in holder.rights if c.dep in deps and c.i < head.i), None)
    if obj is None:
        return None
    start = obj.left_edge
    if start.i <= tok.i or ctx.quoted.inside(start.idx) \
            or any(t.text in ALL_MARKS or t.text in (".", ";", ":") for t in ctx.doc[start.i:head.left_edge.i]):
        return None
    return start.idx


#: Dependents of a cue that the parser hangs after its complement but that continue the reported
#: clause ("said he had been inundated with email, SOME OF IT MENTIONING Mr. Trump by name").
_TRAILING_DEPS = frozenset({dep.advcl, dep.npadvmod, dep.oprd, dep.acomp, dep.ccomp})


def _trailing_end(ctx: Context, cue: Token, head: Token, end: int) -> int:
    """The content end, extended over the cue's trailing dependents that continue the complement.

    Only dependents after the complement, separated from it by punctuation at
    most, that are not the speaker's next act (a subject-less cue: "..., adding
    that ...") and hold no quotation.
    """
    doc = ctx.doc
    nxt = head.right_edge.i + 1
    for c in cue.rights:
        if c.i < nxt:
            continue
        if any(not doc[k].is_punct or doc[k].text in ALL_MARKS for k in range(nxt, c.left_edge.i)):
            break
        if c.is_punct:
            nxt = c.i + 1
            continue
        if c.dep not in _TRAILING_DEPS or (cue_group(c, ctx.cues) is not None and dep.own_subject(c) is None) \
                or concessive(c) \
                or ctx.quoted.inside(c.idx) or any(t.text in ALL_MARKS for t in c.subtree):
            break
        last = c.right_edge
        end = trim(text_of(doc), 0, last.idx + len(last))[1]
        nxt = last.i + 1
    return end


def _impersonal(adj: Token) -> bool:
    """Whether an adjective's subject is a placeholder "it" (or the clause it heads has no subject)."""
    holder = adj if dep.own_subject(adj) is not None else adj.head
    subj = dep.own_subject(holder)
    return subj is None or subj.lower_ == "it"


# --- "according to X" ---------------------------------------------------------------------------
def according_clause(doc: Doc, acc: Token, cues: Cues, quoted: Quoted) -> Draft | None:
    """'According to X, S' / 'S, according to X': X is the source of the clause S."""
    if acc.i + 1 >= len(doc) or doc[acc.i + 1].lower_ != "to":
        return None
    to = doc[acc.i + 1]
    src = according_source(to)
    if src is None or not is_source(doc, src, cues):
        return None
    host = _according_host(doc, acc, to, quoted)
    acc_toks = set(t.i for t in acc.subtree) | set(t.i for t in to.subtree) | {acc.i, to.i}
    if host.dep == dep.conj and host.i > acc.i and host.head.i < acc.i and acc.i > 0 \
            and doc[acc.i - 1].text == ",":
        # "S, according to X, a rise her campaign attributed to ...": set off by a
        # comma after a complete clause, the phrase sources that clause; the parser
        # often hangs it from a verb after it that it took for a second conjunct
        acc_toks |= set(t.i for t in host.subtree)
        host = host.head
    toks = [t for t in host.subtree if t.i not in acc_toks]
    if not toks:
        return None
    side = _reported_side(host, toks, acc_toks)
    if not side:
        return None
    span = (side[0].idx, side[-1].idx + len(side[-1]))
    if quoted.contains(span):
        return None
    spk, sspan = resolve_speaker(doc, src, cues)
    return Draft(spk, sspan, (acc.idx, to.idx + len(to)), span, "indirect", "according to",
                 cues.according_group, acc.i)


def _according_host(doc: Doc, acc: Token, to: Token, quoted: Quoted) -> Token:
    """The clause "according to" modifies: the head verb of "according" (or of "to")."""
    host = acc.head if acc.head is not acc else to.head
    while host.dep not in _CLAUSE_DEPS and host.head is not host:
        if host.pos_ in ("VERB", "AUX"):
            break
        host = host.head
    first = acc.sent[0]
    while first.i < acc.i and (first.is_space or first.is_punct or first.text in ALL_MARKS):
        first = doc[first.i + 1]
    if first.i == acc.i and not quoted.inside(acc.sent.root.idx):
        # a sentence-initial "According to X," frames the whole sentence, whatever
        # clause the parser hung it from ("According to police, two men recruited
        # online were paid ...")
        host = acc.sent.root
    end = max(t.i for t in to.subtree)
    if acc.i > acc.sent.start and doc[acc.i - 1].text == "," and acc.sent.root.i < acc.i \
            and all(t.is_punct or t.is_space for t in doc[end + 1:acc.sent.end]):
        # a sentence-final ", according to X." frames the whole sentence before it too, not
        # the last conjunct the parser hung it from ("A won 37 percent, B had 36 percent and
        # C snagged 13 percent, according to the results")
        host = acc.sent.root
    return host


def _reported_side(host: Token, toks: list[Token], acc_toks: set[int]) -> list[Token]:
    """The part of the clause on the longer side of the "according to" phrase, trimmed."""
    a_lo, a_hi = min(acc_toks), max(acc_toks)
    left = [t for t in toks if t.i < a_lo]
    right = [t for t in toks if t.i > a_hi]
    side = right if len(right) >= len(left) else left
    # the reported clause is the side holding its own verb: in "S, according to X,
    # a rise her campaign attributed to ..." the trailing noun phrase is the
    # reporter's appositive comment on S, however long it is
    if host.i not in acc_toks and host.pos_ in ("VERB", "AUX"):
        side = left if host.i < a_lo else right
    if len([t for t in side if not t.is_punct]) < 3:
        side = toks
    while side and (side[0].is_punct or side[0].is_space or side[0].text in ALL_MARKS):
        side = side[1:]
    while side and (side[-1].is_space or side[-1].text in {",", ";", ":", "."} or side[-1].text in ALL_MARKS):
        side = side[:-1]
    return side
