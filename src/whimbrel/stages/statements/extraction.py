"""The whole extraction: headline, direct and indirect statements of one document, in text order.

Choices, documented because consumers rely on them:

* **One statement per attribution** (PolNeAR's convention, the default). A
  quotation interrupted by its cue (``“A,” Lavrov said, “B.”``) is one
  statement whose content is the hull of its pieces (the cue and marks between
  them included, as PolNeAR's ``content`` is the hull of its fragments), and
  so is a further quoted sentence of the same paragraph and the quoted
  paragraphs that continue it (“A,” he said. / “B.” / “C.”), as PolNeAR
  annotates a speaker's run of quotes; a quote after another speaker's cue is
  not merged across it (a cue inside the speaker's own clause, "who declined to
  be named", "when asked", is not another speaker's). A run of quoted sentences
  or paragraphs credited to nobody, with nothing but marks between, is one
  statement. A quote running over several paragraphs (left open at
  each paragraph's end) is one statement too. An indirect
  content keeps its opening complementizer ``that``. The speaker span is the
  cue's subject as written ("who", "he", "the report"); the speaker actor is
  the one it resolves to.
* With ``spans="pieces"`` (the older convention): one statement per contiguous
  quoted piece, all with the same speaker and cue, so every ``content_span``
  is free of quotation marks, and no complementizer ``that`` in a content.
* Content spans never include the outer quotation marks or trailing
  ``, ; : .`` and spaces (``?`` and ``!`` are kept: they change what was said).
* ``speaker`` is an actor id from the actors stage; when the subject of the
  cue does not resolve to an actor, ``speaker`` is ``null`` and
  ``speaker_span`` still points at the source phrase as written (anonymous
  "officials", "a senior diplomat", "the statement"), as attribution corpora
  annotate it; only a subject that names nobody ("somebody said", expletive
  "it was reported") leaves both ``null``. The statement is emitted either way.
* Quotation marks that are not speech produce nothing: titles and scare
  quotes (a quoted piece inside a sentence with no adjacent cue: the film
  “Red Dawn”, the “toughest ever” sanctions), and short cue-less quotes.
* An opening mark that is never closed ends at its paragraph's end (or just
  before the next opening mark), so it never swallows the rest of the article.
* A quotation that ends the sentence reporting it ('The plan was "a reckless
  gamble," the senator said') is, with PolNeAR's convention, one indirect
  statement whose content runs from the sentence's start, as PolNeAR marks it;
  with ``spans="pieces"`` it stays the quoted piece.
* When two rules find the same content span, the first (headline, direct,
  indirect) wins.
* With PolNeAR's convention, a class of finding (kind, cue lemma, rule) that
  was mostly wrong on PolNeAR's training split is dropped (:mod:`.precision`);
  headlines are always kept (PolNeAR rarely annotates them, consumers rely on them).
  With the candidate model (:mod:`.candidates`) the rules over-generate indirect
  candidates (learned cue verbs and nouns of low cue rate, evidential raising
  verbs (:mod:`.raising`), "according to" any source, the object or passive
  subject of a learned cue verb that found no other content (:mod:`.objects`))
  and the model, not the
  class table, decides which indirect candidates are kept.
* With PolNeAR's convention, a cue of saying or thinking inside another
  attribution's reported clause ("X said Y believes Z", "X said the vote was
  delayed after Y complained that Z") is no attribution of its own: X's content
  holds it (:func:`.precision.without_nested_reports`).
"""
from __future__ import annotations

import re

from spacy.tokens import Doc

from ... import syntax as dep
from ...ext import text_of
from ...model import Statement
from .direct import direct_statements
from .drafts import MIXED, Draft
from . import candidates, precision, weights
from .headline import headline
from .indirect import OPENS_AT, indirect_statements
from .nouns import noun_statements
from .objects import object_statements
from .raising import WHY as RAISING, raising_statements
from .quotes import Quoted, marks_view, paragraphs, scan_quotes
from .speakers import cue_subject
from .transcript import signed_posts, transcript_turns
from .vocab import Cues, load_cues

#: A news dateline opening a paragraph: "BRUSSELS - ", "NEW YORK (Reuters) — ",
#: "KYIV, Ukraine – ". It is the reporter's location, not the speaker's words.
_DATELINE = re.compile(r"[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30})?\s*"
                       r"(?:\([^)\n]{1,40}\)\s*)?[-\u2013\u2014\u2015]+\s+")


#: Span conventions: "attribution" (PolNeAR's, the default: one statement per attribution, its
#: content the hull of a quote split by its cue, a complementizer "that" kept) or "pieces" (above).
SPAN_CONVENTIONS = ("attribution", "pieces")
#: The complementizer opening a reported clause, right before its content: "said THAT ...",
#: "asked WHETHER ...", "did not say IF ..."; before a quotation's opening mark it also opens the
#: content of a cue that reports a quote as a clause ("Cruz says THAT “when you live ...”").
_THAT_BEFORE = re.compile(r"\b(?:that|whether|if)\s+$", re.IGNORECASE)
#: ... at most this many characters after the cue ("tells reporters that"), in its clause
_THAT_GAP = 60
_WORDS = re.compile(r"\w")
_CLAUSE_BREAK = re.compile(r"[.!?;:\n\u201c\u201d\u00ab\u00bb\"]")
_THAT_BEFORE_QUOTE = re.compile(r"\bthat\s+[\u201c\u00ab\"]\s*$")


def extract(doc: Doc, cues: Cues | None = None, spans: str = "attribution") -> list[Statement]:
    """All statements of ``doc`` in text order (see the module docstring); ``cues``: the package's by default.

    ``spans="pieces"`` gives the older span convention instead (:data:`SPAN_CONVENTIONS`).
    """
    cues = cues or load_cues(objects=spans == "attribution")
    text = marks_view(text_of(doc))   # offsets unchanged; ''quote'' marks read as curly ones
    if not text or len(doc) == 0:
        return []
    paras = paragraphs(text)
    tok_starts = [t.idx for t in doc]
    drafts: list[Draft] = []

    head = headline(doc, cues, paras)
    head_span = None
    if head is not None:
        drafts.append(head)
        head_span = head.extra.get("line")

    pieces = scan_quotes(text, paras)
    if head_span:  # quote marks in the headline belong to the headline statement
        pieces = [p for p in pieces if not (head_span[0] <= p.open < head_span[1])]
    direct = direct_statements(doc, cues.rules or cues, pieces, tok_starts, text)
    drafts.extend(direct)

    quoted = Quoted((p.start, p.end) for p in pieces)
    direct_cues = {d.cue_token for d in direct if d.cue_token is not None}
    drafts.extend(indirect_statements(doc, cues, quoted, direct_cues, head_span))
    if spans == "attribution" and weights.active():
        drafts.extend(noun_statements(doc, cues, quoted, head_span, weights.cue_rate()))
        drafts.extend(raising_statements(doc, quoted, head_span))
        taken = {d.cue_token for d in drafts if d.cue_token is not None}
        drafts.extend(object_statements(doc, cues, quoted, head_span, taken, weights.cue_rate()))
    drafts.extend(transcript_turns(doc, paras, text, head_span))
    drafts.extend(signed_posts(doc, text, paras))
    if spans == "attribution" and precision.ENABLED:
        # with the candidate model, the model judges indirect candidates (candidates.keep)
        judged = ("headline", "indirect") if weights.active() else ("headline",)
        drafts = [d for d in drafts if d.kind in judged or not precision.weak(d.kind, d.cue, d.why)]
    _drop_datelines(drafts, paras, text)
    if spans == "attribution":
        drafts = _attribution_spans(doc, drafts, text, (cues.rules or cues).group_of)
        _sources_as_written(doc, drafts, cues)
        drafts = candidates.keep(doc, drafts, text, (cues.rules or cues).group_of)
        drafts = precision.without_nested_reports(doc, drafts)
        for d in drafts:   # the content as PolNeAR bounds it, once the model has judged the complement
            if OPENS_AT in d.extra and d.kind == "indirect":
                d.content_span = (d.extra[OPENS_AT], d.content_span[1])
    return _numbered(drafts, text)


def _sources_as_written(doc: Doc, drafts: list[Draft], cues: Cues) -> None:
    """The speaker span as PolNeAR marks a source: the cue's own subject as written.

    A relative pronoun ("Graham, WHO has vowed"), a pronoun or a description
    stands for the speaker where it is the cue's subject, rather than the
    name it resolves to; the speaker (actor id) is unchanged.
    """
    for d in drafts:
        if d.cue_token is None or d.cue_token >= len(doc) or d.why == RAISING:
            continue
        subj = cue_subject(doc[d.cue_token])
        if subj is None or subj.dep != dep.nsubj or subj.lower_ in cues.non_sources or subj.lower_ == "it":
            continue
        span = (subj.left_edge.idx, subj.right_edge.idx + len(subj.right_edge))
        if d.speaker_span is None or not (d.speaker_span[0] < span[1] and span[0] < d.speaker_span[1]):
            d.speaker_span = span


def _attribution_spans(doc: Doc, drafts: list[Draft], text: str, rule_cues: dict[str, str]) -> list[Draft]:
    """One draft per attribution: quoted pieces sharing a cue become their hull; "that" opens a content.

    Another speaker's cue between two quoted pieces keeps them apart: a cue of the rules' own
    lexicon ``rule_cues``, not one of the candidate model's over-generated candidates, and not a
    participle without a subject of its own, which is the same speaker's next act ('“A,” said
    Acosta, REFERRING to the chapter. “B.”').
    """
    out: list[Draft] = []
    by_cue: dict[tuple[int, int], Draft] = {}
    cue_at = {d.cue_span[0]: d.cue_token for d in drafts if d.cue_span is not None
              and (d.kind != "indirect" or (d.cue or "").split(" ")[0] in rule_cues)
              and not _speakers_participle(doc, d)}
    cue_starts = sorted(cue_at)
    run: Draft | None = None     # the last quote nobody is credited with
    for d in sorted(drafts, key=lambda d: d.content_span):
        if d.kind == "direct" and d.cue_span is None and d.speaker_span is None:
            # consecutive quoted sentences or paragraphs credited to nobody, with nothing but
            # marks and spaces between, are one speaker's run (a transcript, a quoted list)
            if run is not None and not _WORDS.search(text, run.content_span[1], d.content_span[0]):
                run.content_span = (run.content_span[0], max(run.content_span[1], d.content_span[1]))
                continue
            run = d
        if d.kind == "direct" and d.cue_span is not None:
            first = by_cue.get(d.cue_span)
            gap = (first.content_span[1], d.content_span[0]) if first is not None else (0, 0)
            # the pieces of one quote: only its own cue (or nothing but marks) stands between
            # ... but a cue inside the shared cue's own clause ('“A,” said an adviser, who DECLINED
            # to be named / when ASKED about it / ASKING for anonymity. “B.”') is part of the same
            # attribution, not another speaker's
            others = [c for c in cue_starts if gap[0] <= c < gap[1] and c != d.cue_span[0]
                      and not _under(doc, cue_at[c], first.cue_token if first is not None else d.cue_token)]
            # ... across paragraphs too: PolNeAR makes one attribution of a speaker's run of
            # quoted paragraphs ('“A,” he said. “B.”\n\n“C.”' is one, and so is a quote
            # left open at a paragraph's end and continued in the next)
            cue_between = gap[0] <= d.cue_span[0] < gap[1]
            if first is not None and not others and (cue_between or gap[1] - gap[0] < 8):
                first.content_span = (first.content_span[0], max(first.content_span[1], d.content_span[1]))
                continue
            by_cue[d.cue_span] = d
            s = d.content_span[0]
            m = _THAT_BEFORE_QUOTE.search(text, max(0, s - 10), s)
            if m is not None and m.start() >= d.cue_span[1] and m.start() - d.cue_span[1] <= _THAT_GAP \
                    and not _CLAUSE_BREAK.search(text, d.cue_span[1], m.start()):
                d.content_span = (m.start(), d.content_span[1])
        elif d.kind == "indirect" and d.cue_span is not None and d.cue_span[1] <= d.content_span[0]:
            s = d.content_span[0]
            m = _THAT_BEFORE.search(text, max(0, s - 10), s)
            if m is not None and m.start() >= d.cue_span[1]:
                d.content_span = (m.start(), d.content_span[1])
        out.append(d)
    for d in out:
        if d.kind == "direct" and "lead" in d.extra and d.extra["lead"] < d.content_span[0]:
            # a reported sentence whose last words are quoted: the whole sentence, as PolNeAR marks it
            d.content_span, d.kind, d.why = (d.extra["lead"], d.content_span[1]), "indirect", MIXED
    return out


def _under(doc: Doc, tok: int | None, cue: int | None) -> bool:
    """Whether token ``tok`` lies in the syntactic subtree of the cue token ``cue`` (same sentence)."""
    if tok is None or cue is None or tok >= len(doc) or cue >= len(doc) or tok == cue:
        return False
    t = doc[tok]
    while t.head.i != t.i:
        t = t.head
        if t.i == cue:
            return True
    return False


def _speakers_participle(doc: Doc, d: Draft) -> bool:
    """Whether the draft's cue is a participle with no subject of its own ("..., adding that ...")."""
    if d.cue_token is None or d.cue_token >= len(doc):
        return False
    cue = doc[d.cue_token]
    return cue.tag_ == "VBG" and cue.dep == dep.advcl and dep.own_subject(cue) is None


def _drop_datelines(drafts: list[Draft], paras: list[tuple[int, int]], text: str) -> None:
    """An indirect content opening a paragraph starts after the paragraph's dateline, if any."""
    para_starts = {ps for ps, _ in paras}
    for d in drafts:
        if d.kind == "indirect" and d.content_span[0] in para_starts:
            m = _DATELINE.match(text, d.content_span[0], d.content_span[1])
            if m and m.end() < d.content_span[1]:
                d.content_span = (m.end(), d.content_span[1])


#: Double quotation marks: a content never starts or ends with one it does not pair (a content
#: running to its sentence's end stops before a stray closing mark: 'we will”' ends at "will"),
#: while a partial quotation keeps both of its marks ('were "trying to buy the election"').
_DOUBLE_MARKS = frozenset("\u201c\u201d\"\u00ab\u00bb")
_OPENING = frozenset("\u201c\u00ab")
_CLOSING = frozenset("\u201d\u00bb")


def _bare(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """``span`` without white space and unpaired double quotation marks at its two ends."""
    a, b = span
    while a < b:
        inner = sum(ch in _DOUBLE_MARKS for ch in text[a + 1:b])
        if text[a].isspace() or text[a] in _CLOSING or (text[a] in _DOUBLE_MARKS and inner % 2 == 0):
            a += 1
        elif text[b - 1].isspace() or text[b - 1] in _OPENING or (
                text[b - 1] in _DOUBLE_MARKS and sum(ch in _DOUBLE_MARKS for ch in text[a:b - 1]) % 2 == 0):
            b -= 1
        else:
            break
    return a, b


def _numbered(drafts: list[Draft], text: str) -> list[Statement]:
    """One statement per non-empty content span (the first draft wins), in text order, ids S1, S2, ..."""
    seen: set[tuple[int, int]] = set()
    unique: list[Draft] = []
    for d in drafts:
        d.content_span = _bare(text, d.content_span)
        if d.content_span in seen or d.content_span[0] >= d.content_span[1]:
            continue
        seen.add(d.content_span)
        unique.append(d)
    unique.sort(key=lambda d: (d.content_span[0], d.content_span[1]))
    return [
        Statement(
            id=f"S{i}", speaker=d.speaker, speaker_span=d.speaker_span, cue_span=d.cue_span,
            content_span=d.content_span, kind=d.kind, cue=d.cue, cue_group=d.cue_group,
        )
        for i, d in enumerate(unique, 1)
    ]
