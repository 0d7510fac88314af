"""Attribution extraction: who said what, as direct, indirect and headline statements.

The ``whimbrel_statements`` component fills ``doc._.statements`` with
:class:`whimbrel.model.Statement` objects, in text order, of three kinds:

* **direct**: words inside double quotation marks (straight ``"..."``, curly
  ``“...”`` or guillemets ``«...»``) attributed by an adjacent reporting verb
  (``“...,” the minister said``, ``said Lavrov``, ``he told reporters: “...”``),
  or a quotation sentence continuing the previous speaker's quote.
* **indirect**: a reporting verb from ``data/cues.yaml`` with a clausal
  complement (``Lavrov said Iran ...``, ``He emphasized that ...``), a
  subject-less participle (``..., saying Moscow respects ...``), a trailing
  parenthetical attribution (``Iran will respond, the minister said``), an
  infinitive of intent (``Tehran vowed to retaliate``), an accusation's
  ``of`` complement, or ``according to X``.
* **headline**: the title line written as ``CLAIM: SPEAKER``,
  ``CLAIM, says SPEAKER`` or ``SPEAKER: CLAIM``.

Choices, documented because consumers rely on them:

* **One statement per quoted piece.** A quotation interrupted by its cue
  (``“A,” Lavrov said, “B.”``) or running over several paragraphs (an opening
  mark at each paragraph start, one closing mark at the end) gives one
  statement per contiguous piece, all with the same speaker and cue. That keeps
  every ``content_span`` contiguous and free of quotation marks, so
  :func:`statement_at` answers exactly for any character.
* Content spans never include the quotation marks, the complementizer
  ``that``, or trailing ``, ; : .`` and spaces (``?`` and ``!`` are kept:
  they change what was said).
* ``speaker`` is an actor id from the actors component; when the subject of
  the cue does not resolve to an actor, ``speaker`` is ``null`` and
  ``speaker_span`` still points at the source phrase as written (anonymous
  "officials", "a senior diplomat", "the statement"), as attribution corpora
  annotate it; only a subject that names nobody ("somebody said", expletive
  "it was reported") leaves both ``null``. The statement is emitted either way.
* Quotation marks that are not speech produce nothing: titles and scare
  quotes (a quoted piece inside a sentence with no adjacent cue: the film
  “Red Dawn”, the “toughest ever” sanctions), and short cue-less quotes.
* An opening mark that is never closed ends at its paragraph's end (or just
  before the next opening mark), so it never swallows the rest of the article.

The quote scanner is a single left-to-right pass over the characters
(linear in the text); every later step looks only at a bounded window of
tokens around a quote or at one token's dependency neighbourhood.

The dependency rules follow the usual description of English reported speech
(Quirk et al. 1985, *A Comprehensive Grammar of the English Language*,
§14.29-14.31 on direct and indirect speech) and the news-attribution patterns
of Pareti (2016), "PARC 3.0: A Corpus of Attribution Relations" (source, cue,
content), without using that corpus.
"""
from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Iterable

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import ext
from .ext import text_of
from .model import Statement

# libyaml's parser when PyYAML has it: the same documents, about 7x faster to
# parse than the pure-Python loader (lexicons are parsed in every worker process).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

log = logging.getLogger(__name__)

# --- dependency labels (spaCy's English ClearNLP-style scheme) ----------------
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
CLAUSE_COMPLEMENT = "ccomp"
INF_COMPLEMENT = "xcomp"
PARATAXIS = "parataxis"
# Deps through which a subject-less cue inherits the subject of its head clause:
# coordination ("met Zarif and said ..."), participles ("..., saying ..."), open
# complements and prepositional gerunds ("quoted as saying").
INHERIT_SUBJECT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp", "prep", "acl", "ccomp"})
# Modifiers that may stand between a closing quote mark and its cue verb besides
# the subject: "“...,” he later said", "“...,” he has said".
CUE_MODIFIER_DEPS = frozenset({"advmod", "aux", "neg", "npadvmod", "auxpass"})
RELATIVE_PRONOUN_TAGS = frozenset({"WDT", "WP", "WP$"})
COMPLEMENTIZERS = frozenset({"that", "whether", "if"})

# --- quotation marks --------------------------------------------------------------
OPEN_MARKS = frozenset("\u201c\u00ab")          # “ «
CLOSE_MARKS = frozenset("\u201d\u00bb")         # ” »
STRAIGHT = '"'
ALL_MARKS = OPEN_MARKS | CLOSE_MARKS | {STRAIGHT}
#: A quoted piece of at most this many words with no cue is a title or scare quote.
SCARE_MAX_WORDS = 4
#: How many tokens may separate a cue from the quote it attributes.
MAX_CUE_GAP = 12

_TRAIL = " \t\r\n,;:."
_SENT_END = re.compile(r"[.!?]")
_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD = re.compile(r"\w+")
#: A news dateline opening a paragraph: "BRUSSELS - ", "NEW YORK (Reuters) — ",
#: "KYIV, Ukraine – ". It is the reporter's location, not the speaker's words.
_DATELINE = re.compile(r"[A-Z][A-Z.'\- ]{1,40}(?:,\s*[A-Z][A-Za-z.' ]{1,30})?\s*"
                       r"(?:\([^)\n]{1,40}\)\s*)?[-\u2013\u2014]+\s+")


# --- lexicon --------------------------------------------------------------------
@dataclass(frozen=True)
class Cues:
    """The reporting-cue lexicon read from ``data/cues.yaml``."""

    group_of: dict[str, str]
    xcomp_groups: frozenset[str]
    of_groups: frozenset[str]
    of_preps: frozenset[str]
    according_group: str
    source_nouns: frozenset[str]
    phrasal: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)
    non_sources: frozenset[str] = frozenset()
    comment_nouns: frozenset[str] = frozenset()
    elliptical_sources: frozenset[str] = frozenset()


@lru_cache(maxsize=1)
def load_cues() -> Cues:
    raw = yaml.load(resources.files("whimbrel.data").joinpath("cues.yaml").read_text("utf-8"), Loader=_YAML_LOADER)
    group_of: dict[str, str] = {}
    for group, lemmas in (raw.get("groups") or {}).items():
        for lemma in lemmas or ():
            group_of.setdefault(str(lemma).lower(), group)
    acc = raw.get("according_to") or {}
    return Cues(
        group_of=group_of,
        xcomp_groups=frozenset(raw.get("xcomp_groups") or ()),
        of_groups=frozenset(raw.get("of_groups") or ()),
        of_preps=frozenset(raw.get("of_preps") or ("of",)),
        according_group=str(acc.get("group") or "neutral"),
        source_nouns=frozenset(str(n).lower() for n in acc.get("source_nouns") or ()),
        phrasal={str(k).lower(): (str(v.get("group") or "neutral"),
                                  frozenset(str(p).lower() for p in v.get("preps") or ()))
                 for k, v in (raw.get("phrasal") or {}).items() if isinstance(v, dict)},
        non_sources=frozenset(str(n).lower() for n in raw.get("non_sources") or ()),
        comment_nouns=frozenset(str(n).lower() for n in raw.get("comment_nouns") or ()),
        elliptical_sources=frozenset(str(n).lower() for n in raw.get("elliptical_sources") or ()),
    )


# --- component ------------------------------------------------------------------
@Language.factory("whimbrel_statements", assigns=["doc._.statements"], requires=["doc._.actors"])
def make_statements(nlp: Language, name: str) -> "StatementExtractor":
    return StatementExtractor()


class StatementExtractor:
    """Pipeline component: sets ``doc._.statements``."""

    def __init__(self) -> None:
        self.cues = load_cues()

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.statements = extract(doc, self.cues)
        except Exception as exc:  # a parse we did not foresee must not sink the document
            log.warning("statements: extraction failed on %s: %s: %s",
                        doc._.doc_id, type(exc).__name__, exc)
            doc._.statements = []
        return doc


def statement_at(doc: Doc, char_offset: int) -> Statement | None:
    """The statement whose content span holds ``char_offset`` (the innermost, i.e. shortest)."""
    best: Statement | None = None
    for st in doc._.statements or ():
        s, e = st.content_span
        if s <= char_offset < e and (best is None or e - s < best.content_span[1] - best.content_span[0]):
            best = st
    return best


# --- working records ------------------------------------------------------------
@dataclass
class Piece:
    """One contiguous quoted stretch: marks at ``open`` (and ``close`` when closed)."""

    open: int
    close: int | None          # index of the closing mark, None when the paragraph ended first
    start: int                 # content start (after the mark, trimmed)
    end: int                   # content end (trimmed)
    para: int                  # paragraph number
    continues: bool = False    # unclosed at a paragraph end and the next paragraph reopens
    continued: bool = False    # opens a paragraph that continues the previous paragraph's quote


@dataclass
class Draft:
    speaker: str | None
    speaker_span: tuple[int, int] | None
    cue_span: tuple[int, int] | None
    content_span: tuple[int, int]
    kind: str
    cue: str | None
    cue_group: str | None
    cue_token: int | None = None
    para: int = 0
    extra: dict = field(default_factory=dict)


# --- the whole extraction ---------------------------------------------------------
def extract(doc: Doc, cues: Cues | None = None) -> list[Statement]:
    """All statements of ``doc`` in text order (see the module docstring)."""
    cues = cues or load_cues()
    text = text_of(doc)
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
    direct = direct_statements(doc, cues, pieces, tok_starts, text)
    drafts.extend(direct)

    quoted = Quoted((p.start, p.end) for p in pieces)
    direct_cues = {d.cue_token for d in direct if d.cue_token is not None}
    drafts.extend(indirect_statements(doc, cues, quoted, direct_cues, head_span))

    para_starts = {ps for ps, _ in paras}
    for d in drafts:
        if d.kind == "indirect" and d.content_span[0] in para_starts:
            m = _DATELINE.match(text, d.content_span[0], d.content_span[1])
            if m and m.end() < d.content_span[1]:
                d.content_span = (m.end(), d.content_span[1])
    # one statement per content span: the first rule that found it wins
    seen: set[tuple[int, int]] = set()
    unique: list[Draft] = []
    for d in drafts:
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


# --- paragraphs and quote scanning ----------------------------------------------------
def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans: blank-line separated; if the text has no blank line, one per line."""
    breaker = _PARA_BREAK if _PARA_BREAK.search(text) else re.compile(r"\n\s*")
    out: list[tuple[int, int]] = []
    pos = 0
    for m in breaker.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text):
        out.append((pos, len(text)))
    return out or [(0, len(text))]


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in _TRAIL:
        end -= 1
    return start, end


def scan_quotes(text: str, paras: list[tuple[int, int]]) -> list[Piece]:
    """Quoted pieces, in one pass over the characters of each paragraph.

    Curly marks and guillemets have a direction. A straight mark opens when a
    quote is not open and text follows it, and closes an open quote unless it
    looks like a fresh opening (space before, word after), in which case the
    open quote was never closed. Nested single quotes are content. A quote
    still open at its paragraph's end stops there; when the next paragraph
    starts with an opening mark it is the multi-paragraph convention and the
    pieces are linked (``continues``/``continued``).
    """
    pieces: list[Piece] = []
    n = len(text)

    def emit(o: int, c: int | None, end: int, para: int) -> None:
        s, e = _trim(text, o + 1, end)
        if s < e:
            pieces.append(Piece(open=o, close=c, start=s, end=e, para=para))

    for pi, (ps, pe) in enumerate(paras):
        open_at: int | None = None
        for i in range(ps, pe):
            ch = text[i]
            if ch not in ALL_MARKS:
                continue
            prev = text[i - 1] if i > 0 else " "
            nxt = text[i + 1] if i + 1 < n else " "
            if ch in OPEN_MARKS:
                if open_at is not None:  # a new opening while open: the first was never closed
                    emit(open_at, None, i, pi)
                open_at = i
            elif ch in CLOSE_MARKS:
                if open_at is not None:
                    emit(open_at, i, i, pi)
                    open_at = None
                # a stray closing mark (nothing open) is ignored
            else:  # straight mark: infer its direction from its neighbours
                if open_at is None:
                    if not nxt.isspace() and i + 1 < pe:
                        open_at = i
                elif prev.isspace() and (nxt.isalnum()) and i > open_at + 1:
                    emit(open_at, None, i, pi)   # looks like a new opening: previous never closed
                    open_at = i
                else:
                    emit(open_at, i, i, pi)
                    open_at = None
        if open_at is not None:
            emit(open_at, None, pe, pi)
            if pieces and pieces[-1].open == open_at and pi + 1 < len(paras):
                ns = paras[pi + 1][0]
                if text[ns] in OPEN_MARKS or text[ns] == STRAIGHT:
                    pieces[-1].continues = True
    # link continuations
    for a, b in zip(pieces, pieces[1:]):
        if a.continues and b.para == a.para + 1 and b.open == paras[b.para][0]:
            b.continued = True
        elif a.continues:
            a.continues = False
    return pieces


# --- tokens helpers -------------------------------------------------------------------
def _tok_at(doc: Doc, starts: list[int], char: int) -> int:
    """Index of the token holding ``char`` (or the nearest one before it)."""
    return max(0, min(len(doc) - 1, bisect.bisect_right(starts, char) - 1))


def _base_forms(word: str) -> list[str]:
    """Candidate base forms of an inflected English verb form (regular inflection only).

    The statistical lemmatizer sometimes strips too much ("hoped" -> "hop"); the
    regular -s/-es/-ies, -ed/-d/-ied and -ing endings (with a restored silent
    "e" or an undoubled final consonant) give the candidates to look up instead.
    """
    out: list[str] = []
    if word.endswith("ies") or word.endswith("ied"):
        out.append(word[:-3] + "y")
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        out += [stem, stem + "e"] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if word.endswith("ed") and len(word) > 4:
        stem = word[:-2]
        out += [stem, word[:-1]] + ([stem[:-1]] if len(stem) > 2 and stem[-1] == stem[-2] else [])
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s"):
        out.append(word[:-1])
    return out


def _cue_lemma(tok: Token, cues: Cues) -> str | None:
    """The cues.yaml lemma of ``tok`` when it is a reporting verb used as a verb, else None."""
    if tok.pos_ not in ("VERB", "AUX") and tok.tag_ not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB"):
        return None
    for cand in (tok.lemma_.lower(), tok.text.lower(), *_base_forms(tok.text.lower())):
        if cand in cues.group_of:
            return cand
    return None


def _cue_group(tok: Token, cues: Cues) -> str | None:
    """Group of ``tok`` when it is a reporting verb (lemma in cues.yaml, used as a verb)."""
    lemma = _cue_lemma(tok, cues)
    return cues.group_of[lemma] if lemma is not None else None


def _phrasal_prep(tok: Token, cues: Cues) -> Token | None:
    """The preposition that makes ``tok`` a phrasal cue ("called FOR", "called ON"), or None."""
    if tok.pos_ != "VERB":
        return None
    entry = cues.phrasal.get(tok.lemma_.lower())
    if entry is None:
        return None
    for c in tok.rights:
        if c.dep_ in ("prep", "prt") and c.lower_ in entry[1]:
            return c
    return None


def _subject(tok: Token) -> Token | None:
    for c in tok.children:
        if c.dep_ in SUBJ_DEPS:
            return c
    return None


def _implicit_subject(cue: Token, doc: Doc) -> Token | None:
    """The subject a cue speaks for: its own, or (participles, coordination) its head clause's.

    "Lavrov defended the ties, saying ..." -- a participle has no subject of its
    own; its understood subject is the matrix subject (subject control). We walk
    up at most four heads and prefer the first subject that resolves to an actor,
    so "Russia said it would continue ..., saying ..." credits Russia when "it"
    is unresolved.
    """
    own = _subject(cue)
    if own is not None:
        return own
    first: Token | None = None
    tok = cue
    for _ in range(4):
        if tok.dep_ not in INHERIT_SUBJECT_DEPS or tok.head is tok:
            break
        tok = tok.head
        subj = _subject(tok)
        if subj is not None:
            if first is None:
                first = subj
            if _resolve_ids(doc, _antecedent(subj)):
                return subj
    return first


def _antecedent(subj: Token) -> Token:
    """A relative pronoun subject ("Lavrov, who said ...") stands for the noun its clause modifies."""
    if subj.tag_ in RELATIVE_PRONOUN_TAGS and subj.head.dep_ == "relcl":
        return subj.head.head
    return subj


def _resolve_ids(doc: Doc, head: Token) -> list[str]:
    from .stages.actors.api import actor_at, actors_of_phrase

    try:
        ids = list(actors_of_phrase(doc, head) or ())
    except Exception:  # the actor API must not take statements down with it
        ids = []
    if not ids:
        try:
            a = actor_at(doc, head)
        except Exception:
            a = None
        if a:
            ids = [a]
    return ids


def resolve_speaker(doc: Doc, subj: Token | None) -> tuple[str | None, tuple[int, int] | None]:
    """(actor id, span of its mention) for a subject phrase head, or (None, None)."""
    if subj is None:
        return None, None
    head = _antecedent(subj)
    ids = _resolve_ids(doc, head)
    if ids and head.pos_ == "NOUN" and _kind(doc, ids[0]) == "person" and _actor_on(doc, head) != ids[0]:
        # "Dean's campaign manager", "a senior Hartley adviser": a person named in a
        # modifier of a common noun is whom the speaker works for, not the speaker
        ids = []
    # "the opposition leader, Paolo Ricci, said": an appositive name identifies the
    # speaker more precisely than the description it renames
    for app in head.children:
        if app.dep_ != "appos":
            continue
        app_ids = _resolve_ids(doc, app)
        if app_ids and (not ids or (_kind(doc, app_ids[0]) == "person" and _kind(doc, ids[0]) != "person")):
            head, ids = app, app_ids
            break
    if not ids:
        return None, _source_phrase(head)
    actor = ids[0]
    lo, hi = head.left_edge.idx, head.right_edge.idx + len(head.right_edge)
    best = None
    mentions = doc._.actor_mentions or []
    # mentions are in text order: start from the first one that may reach the phrase
    starts = doc.user_data.get("whimbrel_mention_starts")
    if starts is None or len(starts) != len(mentions):
        starts = doc.user_data["whimbrel_mention_starts"] = [m.start_char for m in mentions]
    k = max(0, bisect.bisect_left(starts, lo) - 2)
    for m in mentions[k:]:
        if m.start_char >= hi:
            break
        if m.actor_id != actor or m.end_char <= lo:
            continue
        covers = m.start <= head.i < m.end
        if best is None or (covers and not best[0]):
            best = (covers, (m.start_char, m.end_char))
    if best is not None:
        return actor, best[1]
    chunk = _noun_chunk(head)
    return actor, (chunk.start_char, chunk.end_char)


def _actor_on(doc: Doc, tok: Token) -> str | None:
    from .stages.actors.api import actor_at

    try:
        return actor_at(doc, tok)
    except Exception:  # the actor API must not take statements down with it
        return None


#: Heads of subject phrases that can name a source: nouns, names, personal pronouns,
#: and numerals heading partitives ("one of the sources", "two of the officials").
_SOURCE_POS = frozenset({"NOUN", "PROPN", "PRON", "NUM"})


def _source_phrase(head: Token) -> tuple[int, int] | None:
    """Span of an unresolved source phrase, or None when it names nobody.

    Attribution corpora annotate anonymous and unresolved sources ("officials",
    "sources close to the talks", "the statement", an unresolved "she") as
    sources: who spoke is unknown to the actor component but still written in
    the text. Expletive subjects ("it was reported that") and indefinite
    pronouns ("somebody said") name nobody.
    """
    # "it was reported that ...": the subject of a passive reporting verb is a
    # placeholder even when the parser does not label it expletive
    if head.dep_ == "nsubjpass" and head.lower_ == "it":
        return None
    # "The other said ...", "the latter added": an adjective or determiner standing
    # for an elided noun ("the other [official]") names a source; listed in cues.yaml
    elliptical = head.pos_ in ("ADJ", "DET") and head.lower_ in load_cues().elliptical_sources \
        and head.dep_ in ("nsubj", "nsubjpass")
    if head.dep_ == "expl" or (head.pos_ not in _SOURCE_POS and not elliptical) \
            or head.tag_ in RELATIVE_PRONOUN_TAGS:
        return None
    if head.lower_ in load_cues().non_sources:
        return None
    chunk = _noun_chunk(head)
    end = head.idx + len(head)
    # a partitive keeps its "of" phrase: "one of the sources"
    for c in head.rights:
        if c.dep_ == "prep" and c.lower_ == "of":
            end = c.right_edge.idx + len(c.right_edge)
            break
    return chunk.start_char, end


def _kind(doc: Doc, actor_id: str) -> str | None:
    from .stages.actors.api import get_actor

    a = get_actor(doc, actor_id)
    return a.kind if a is not None else None


def _noun_chunk(head: Token) -> Span:
    left = head
    for c in head.lefts:
        if c.dep_ in ("compound", "amod", "det", "poss", "nmod", "nummod"):
            left = c.left_edge if c.left_edge.i < left.i else left
    return head.doc[left.i: head.i + 1]


def _span_chars(tok: Token) -> tuple[int, int]:
    return tok.idx, tok.idx + len(tok)


# --- direct speech ----------------------------------------------------------------------
def _words(text: str, s: int, e: int) -> int:
    return len(_WORD.findall(text, s, e))


def _standalone(text: str, p: Piece, para_start: int, para_end: int) -> bool:
    """The piece is a whole sentence: starts its paragraph or follows a sentence end."""
    j = p.open - 1
    while j >= para_start and text[j].isspace():
        j -= 1
    starts = j < para_start or text[j] in ".!?:" or text[j] in CLOSE_MARKS or text[j] == STRAIGHT
    k = (p.close + 1) if p.close is not None else para_end
    while k < para_end and text[k].isspace():
        k += 1
    ends = k >= para_end or text[k] in ".!?" or (p.close is not None and text[p.close - 1] in ".!?")
    return starts and ends


def _impersonal(adj: Token) -> bool:
    """Whether an adjective's subject is a placeholder "it" (or the clause it heads has no subject)."""
    holder = adj if _subject(adj) is not None else adj.head
    subj = _subject(holder)
    return subj is None or subj.lower_ == "it"


def _opens_sentence(text: str, open_at: int) -> bool:
    """Whether the quotation mark at ``open_at`` starts a sentence, a paragraph or a colon-introduced quote."""
    j = open_at - 1
    while j >= 0 and text[j].isspace():
        if text[j] == "\n":
            return True
        j -= 1
    return j < 0 or text[j] in ".!?:" or text[j] in CLOSE_MARKS or text[j] == STRAIGHT


def _after_cue(doc: Doc, cues: Cues, p: Piece, starts: list[int], text: str,
               limit: int) -> Token | None:
    """A cue right after the closing mark: “...,” the top Russian diplomat said / said Lavrov."""
    if p.close is None:
        return None
    inside = text[p.open + 1: p.close].rstrip()
    after = text[p.close + 1: p.close + 3].lstrip()
    # quoted speech ends in , ! ? . or a dash before its attribution; a quoted noun
    # phrase used as a subject ("the “reformers” said") does not
    if not (inside[-1:] in ",!?.\u2026-\u2014" or after[:1] == ","):
        return None
    if inside[-1:] == "." and not _opens_sentence(text, p.open):
        # 'called the plan "a reckless gamble." She said ...': a quotation inside a
        # sentence that closes with the sentence's full stop ends that sentence; the
        # cue after it opens the next one and reports something else
        return None
    first = _tok_at(doc, starts, p.close) + 1
    last = min(len(doc), first + MAX_CUE_GAP)
    for i in range(first, last):
        tok = doc[i]
        if tok.idx >= limit:
            break
        if tok.text in ALL_MARKS or (tok.is_sent_start and i > first and tok.text[:1] not in ",;"):
            break
        if _cue_group(tok, cues) is None:
            if tok.text in (".", "!", "?"):
                break
            continue
        subj = _subject(tok)
        # every token between the mark and the cue is punctuation, the cue's subject
        # phrase or one of its adverbs/auxiliaries
        sub = set(t.i for t in subj.subtree) if subj is not None else set()
        ok = all(
            doc[j].is_punct or doc[j].is_space or j in sub
            or (doc[j].head.i == tok.i and doc[j].dep_ in CUE_MODIFIER_DEPS)
            for j in range(first, i)
        )
        # the quote must not be the cue's own subject
        if ok and not (sub and min(sub) <= _tok_at(doc, starts, p.start) <= max(sub)):
            return tok
        return None
    return None


def _before_cue(doc: Doc, cues: Cues, p: Piece, starts: list[int], text: str,
                floor: int) -> Token | None:
    """A cue before the opening mark: Lavrov said: “...” / he told reporters, “...”."""
    j = p.open - 1
    while j >= floor and text[j].isspace():
        j -= 1
    if j < floor:
        return None
    lead = text[j]
    open_tok = _tok_at(doc, starts, p.open)
    lo = max(0, open_tok - MAX_CUE_GAP)
    for i in range(open_tok - 1, lo - 1, -1):
        tok = doc[i]
        if tok.idx < floor or tok.text in (".", "!", "?") or tok.text in ALL_MARKS:
            break
        if _cue_group(tok, cues) is None:
            continue
        if lead == ":":
            # "X said on Tuesday: “...”": a colon introduces the quote whatever lies between
            return tok
        gap = range(i + 1, open_tok)
        subtree = set(t.i for t in tok.subtree)
        ccomp = set()
        for c in tok.children:
            if c.dep_ == CLAUSE_COMPLEMENT and c.idx < p.open:
                ccomp.update(t.i for t in c.subtree)
        if not all((g in subtree and g not in ccomp) or doc[g].is_space for g in gap):
            return None
        if lead in ",":
            return tok
        if doc[i].i == open_tok - 1 or text[j - 3: j + 1].lower().endswith("that"):
            # 'he said “no”' / 'said that “...”': the quote must end its clause
            k = (p.close + 1) if p.close is not None else p.end
            while k < len(text) and text[k].isspace():
                k += 1
            if k >= len(text) or text[k] in ".,;:!?\n" or (p.close and text[p.close - 1] in ".,!?"):
                return tok
        return None
    return None


def _according_in(doc: Doc, p: Piece, starts: list[int], limit: int, cues: Cues) -> Token | None:
    """'“...,” according to the ministry': the source noun of "according to" after the quote."""
    if p.close is None:
        return None
    first = _tok_at(doc, starts, p.close) + 1
    for i in range(first, min(len(doc), first + 4)):
        tok = doc[i]
        if tok.idx >= limit:
            break
        if tok.lower_ == "according" and i + 1 < len(doc) and doc[i + 1].lower_ == "to":
            src = _according_source(doc[i + 1])
            if src is not None and _is_source(doc, src, cues):
                return tok
    return None


def direct_statements(doc: Doc, cues: Cues, pieces: list[Piece], starts: list[int],
                      text: str) -> list[Draft]:
    paras = paragraphs(text)
    out: list[Draft] = []
    found: list[tuple[Piece, Draft | None]] = []
    for n, p in enumerate(pieces):
        ps, pe = paras[p.para]
        nxt_open = pieces[n + 1].open if n + 1 < len(pieces) and pieces[n + 1].para == p.para else pe
        # the attribution may only look back to the previous quote of its paragraph
        floor = ps
        if n > 0 and pieces[n - 1].para == p.para:
            q = pieces[n - 1]
            floor = max(ps, (q.close + 1) if q.close is not None else q.end)
        # the end of the sentence the attribution may live in
        after_limit = nxt_open
        m = _SENT_END.search(text, (p.close + 1) if p.close is not None else pe, nxt_open)
        if m:
            after_limit = m.end()
        back = max(text.rfind(mark, floor, p.open) for mark in ".!?")
        if back >= floor:
            floor = back + 1

        cue = None
        before = _before_cue(doc, cues, p, starts, text, floor)
        if before is not None and _char_before(text, p.open, floor) == ":":
            cue = before
        if cue is None:
            cue = _after_cue(doc, cues, p, starts, text, after_limit)
        if cue is None:
            cue = before
        draft = None
        if cue is not None:
            draft = _draft_for_cue(doc, cues, cue, (p.start, p.end), "direct", p.para)
        else:
            acc = _according_in(doc, p, starts, after_limit, cues)
            if acc is not None:
                src = _according_source(doc[acc.i + 1])
                spk, sspan = resolve_speaker(doc, src)
                draft = Draft(spk, sspan, (acc.idx, doc[acc.i + 1].idx + len(doc[acc.i + 1])),
                              (p.start, p.end), "direct", "according to", cues.according_group,
                              para=p.para)
        found.append((p, draft))

    # a multi-paragraph quote attributed only in a later paragraph: the first
    # credited piece further along its chain of continuing paragraphs
    forward: list[Draft | None] = [None] * (len(found) + 1)
    for n in range(len(found) - 1, -1, -1):
        p, d = found[n]
        forward[n] = d if d is not None else (forward[n + 1] if p.continues else None)

    # pieces without a cue of their own: continuation of a multi-paragraph quote,
    # the second half of a split quote, or a further quote sentence of the same
    # speaker. One forward pass: the latest credited piece is the candidate unless
    # an uncredited whole quote of an earlier paragraph (someone else's words, or
    # nobody's) stands between.
    last: int | None = None
    block_before, block_here, here = -1, -1, -1
    for n, (p, draft) in enumerate(found):
        if p.para != here:
            block_before, block_here, here = max(block_before, block_here), -1, p.para
        if draft is None:
            ps, pe = paras[p.para]
            src: Draft | None = forward[n + 1] if p.continues else None
            standalone = _standalone(text, p, ps, pe)
            if src is None and (p.continued or standalone) and last is not None and last > block_before:
                q, d = found[last]
                if q.para == p.para or (q.para == p.para - 1 and (p.continued or p.open == ps)):
                    src = d
            if src is not None:
                draft = Draft(src.speaker, src.speaker_span, src.cue_span, (p.start, p.end),
                              "direct", src.cue, src.cue_group, None, p.para)
            elif standalone and _words(text, p.start, p.end) > SCARE_MAX_WORDS:
                # a whole quoted sentence nobody is credited with: speech, speaker unknown
                draft = Draft(None, None, None, (p.start, p.end), "direct", None, None, None, p.para)
            # otherwise: a title or scare quote inside a sentence, not speech
            found[n] = (p, draft)
        if draft is not None and draft.cue_span is not None:
            last = n
        elif not p.continues:
            block_here = n
    for p, d in found:
        if d is not None:
            out.append(d)
    return out


def _char_before(text: str, pos: int, floor: int) -> str:
    """The last non-space character before ``pos`` (not before ``floor``), or ''."""
    j = pos - 1
    while j >= floor and text[j].isspace():
        j -= 1
    return text[j] if j >= floor else ""


def _draft_for_cue(doc: Doc, cues: Cues, cue: Token, content: tuple[int, int], kind: str,
                   para: int = 0, speaker_cue: Token | None = None) -> Draft:
    subj = _implicit_subject(speaker_cue if speaker_cue is not None else cue, doc)
    spk, sspan = resolve_speaker(doc, subj)
    group = _cue_group(cue, cues)
    lemma = _cue_lemma(cue, cues) or cue.text.lower()
    return Draft(spk, sspan, _span_chars(cue), content, kind, lemma, group, cue.i, para)


# --- indirect speech ----------------------------------------------------------------------
def _subtree_chars(tok: Token, exclude: Iterable[Token] = (), cue_i: int | None = None) -> tuple[int, int]:
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
    while toks and (toks[0].is_punct or toks[0].is_space or
                    (toks[0].dep_ == "mark" and toks[0].lower_ in COMPLEMENTIZERS)) \
            and not _opens_inner_quote(toks):
        toks = toks[1:]
    # "Kenya said on Thursday it would ...": a date adverbial between the cue and the
    # complement's subject dates the saying, not the content (the parser often hangs
    # it inside the complement)
    subj = _subject(tok)
    if subj is not None and toks and toks[0].i < subj.left_edge.i and cue_i is not None \
            and toks[0].i == cue_i + 1:
        for c in tok.lefts:
            if c.i >= subj.left_edge.i or c.i != toks[0].i and c.left_edge.i != toks[0].i:
                continue
            piece = list(c.subtree)
            if c.dep_ in ("prep", "npadvmod", "advmod") and any(t.ent_type_ in ("DATE", "TIME") for t in piece):
                drop = set(t.i for t in piece)
                toks = [t for t in toks if t.i not in drop]
                while toks and (toks[0].is_punct or toks[0].is_space or
                                (toks[0].dep_ == "mark" and toks[0].lower_ in COMPLEMENTIZERS)):
                    toks = toks[1:]
            break
    # 'said "tax cuts for the rich" were a mistake': the opening mark of a partial
    # quotation at the start of the content may hang outside the complement's subtree
    if toks and toks[0].i > 0 and tok.doc[toks[0].i - 1].text in ALL_MARKS \
            and _unopened_close(toks) and _opens_inner_quote([tok.doc[toks[0].i - 1]] + toks):
        toks = [tok.doc[toks[0].i - 1]] + toks
    # ... and trailing punctuation, or a conjunction left dangling by an exclusion
    while toks and (toks[-1].is_space or toks[-1].text in {",", ";", ":", ".", "-", "\u2014", "\u2013"}
                    or (toks[-1].text in ALL_MARKS and not _closes_inner_quote(toks))
                    or (exclude and toks[-1].dep_ == "cc")):
        toks = toks[:-1]
    if not toks:
        return tok.idx, tok.idx
    # 'said Democrats were "trying to win ... ballot box".': a partial quotation
    # opened inside the content closes right after it; the parser often hangs the
    # closing mark from the main verb, outside the complement's subtree
    nxt = toks[-1].i + 1
    if nxt < len(tok.doc) and tok.doc[nxt].text in ALL_MARKS and \
            _closes_inner_quote(toks + [tok.doc[nxt]]) and not _closes_inner_quote(toks):
        toks = toks + [tok.doc[nxt]]
    # the subtree may be non-contiguous after exclusion: keep the part holding the head
    s, e = toks[0].idx, toks[-1].idx + len(toks[-1])
    return s, e


def _unopened_close(toks: list[Token]) -> bool:
    """Whether ``toks`` hold a closing quotation mark whose opening mark is not among them."""
    if sum(1 for t in toks if t.text == STRAIGHT) % 2 == 1:
        return True
    depth = 0
    for t in toks:
        if t.text in OPEN_MARKS:
            depth += 1
        elif t.text in CLOSE_MARKS:
            if depth == 0:
                return True
            depth -= 1
    return False


def _opens_inner_quote(toks: list[Token]) -> bool:
    """Whether the first token, a quotation mark, opens a partial quote closed inside ``toks``."""
    first = toks[0].text
    if first in OPEN_MARKS:
        return any(t.text in CLOSE_MARKS for t in toks[1:])
    if first == STRAIGHT:
        return sum(1 for t in toks if t.text == STRAIGHT) % 2 == 0
    return False


def _closes_inner_quote(toks: list[Token]) -> bool:
    """Whether the last token, a quotation mark, closes a partial quote opened inside ``toks``.

    'said her party had made "every reasonable concession"': the quoted words are
    part of the reported content and keep both their marks; only a mark without
    its partner inside the span is trimmed.
    """
    last = toks[-1].text
    if last in CLOSE_MARKS:
        return any(t.text in OPEN_MARKS for t in toks[:-1])
    if last == STRAIGHT:
        return sum(1 for t in toks if t.text == STRAIGHT) % 2 == 0
    return False


class Quoted:
    """The quoted pieces' content spans (disjoint, in text order), searched by bisection."""

    def __init__(self, spans: Iterable[tuple[int, int]]) -> None:
        self.spans = sorted(spans)
        self.starts = [s for s, _ in self.spans]

    def _around(self, pos: int) -> tuple[int, int] | None:
        k = bisect.bisect_right(self.starts, pos) - 1
        return self.spans[k] if k >= 0 else None

    def inside(self, pos: int) -> bool:
        q = self._around(pos)
        return q is not None and q[0] <= pos < q[1]

    def overlaps(self, span: tuple[int, int]) -> bool:
        q = self._around(span[0])
        if q is not None and q[1] > span[0]:
            return True
        k = bisect.bisect_left(self.starts, span[0])
        return k < len(self.starts) and self.starts[k] < span[1]

    def contains(self, span: tuple[int, int]) -> bool:
        q = self._around(span[0])
        return q is not None and q[0] <= span[0] and span[1] <= q[1]


def _according_source(to: Token) -> Token | None:
    for c in to.children:
        if c.dep_ == "pobj":
            return c
    # the parser sometimes hangs the noun off "according" itself
    for c in to.head.children:
        if c.dep_ == "pobj":
            return c
    return None


def _is_source(doc: Doc, src: Token, cues: Cues) -> bool:
    """Whether "according to X" names a source of information (not a plan or a law)."""
    # "according to the race of their residents": an actor reached only through the
    # "of" phrase of a common noun is what is measured, not who informs; the noun
    # itself must be a source (an actor mention, a name or a source noun below)
    through_of = src.pos_ == "NOUN" and _actor_on(doc, src) is None and \
        any(c.dep_ == "prep" and c.lower_ == "of" for c in src.children)
    if not through_of and _resolve_ids(doc, src):
        return True
    if src.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
        return True
    return src.lemma_.lower() in cues.source_nouns or src.lower_ in cues.source_nouns


def _is_passive(tok: Token) -> bool:
    return any(c.dep_ == "auxpass" for c in tok.children)


def _has_that_mark(clause: Token) -> bool:
    return any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children)


def _that_clause_below(cue: Token) -> Token | None:
    """A "that" clause hung off a phrase after the cue: "confirmed in a statement THAT ...".

    The parser often attaches the complement clause to the noun of an
    intervening adjunct ("in a statement", "on Twitter", "to reporters") as if
    it modified that noun. A clause introduced by the complementizer "that"
    (dep ``mark``; a relative "that" is a subject or object instead) is a
    complement, and after a reporting verb it is what was reported.
    """
    frontier = [c for c in cue.rights if c.dep_ in ("prep", "dobj", "dative", "npadvmod")]
    for _ in range(3):
        nxt = []
        for node in frontier:
            for c in node.children:
                if c.dep_ in ("acl", "ccomp", "relcl", "advcl") and c.i > node.i and _has_that_mark(c):
                    return c
                if c.dep_ in ("pobj", "prep", "dobj"):
                    nxt.append(c)
        frontier = nxt
    return None


def _surface_that(doc: Doc, cue: Token) -> tuple[int, int] | None:
    """'He acknowledged, however, that S': the complementizer right after the cue opens the content.

    A fallback for parses that lose the complement clause when an adverbial
    interrupts it: only commas and the cue's own adverbs may stand between the
    cue and a ``that`` the parser itself tagged as a complementizer (``mark``).
    The content runs to the end of the sentence.
    """
    j = cue.i + 1
    while j < len(doc) and (doc[j].is_punct and doc[j].text == "," or
                            (doc[j].head.i == cue.i and doc[j].dep_ == "advmod")):
        j += 1
    if j + 1 >= len(doc) or doc[j].lower_ != "that" or doc[j].dep_ != "mark":
        return None
    sent = doc[j].sent
    span = _trim(text_of(doc), doc[j + 1].idx, sent.end_char)
    return span if span[0] < span[1] else None


def _has_modal(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


def _reported_aside(doc: Doc, content: Token, cues: Cues, cue: Token) -> list[Token]:
    """Parts of a complement's subtree that are not the speaker's words.

    * A subject-less verb coordinated inside the complement that is itself a
      reporting cue ("said it believed the vote was rigged AND CALLED FOR an
      audit"): coordination of two acts of the same speaker, which the parser
      hung from the reported clause.
    * An appositive comment noun of the reporter at the end ("..., A CLAIM that
      could not be verified").
    """
    out: list[Token] = []
    cue_past = cue.tag_ == "VBD" or any(c.dep_ == "aux" and c.tag_ == "VBD" for c in cue.children)
    content_verbs = {t.i for t in content.subtree if t.pos_ in ("VERB", "AUX")}
    for t in content.subtree:
        if t is content:
            continue
        if t.dep_ == "conj" and t.pos_ == "VERB" and _subject(t) is None and \
                (_cue_group(t, cues) is not None or _phrasal_prep(t, cues) is not None):
            out.append(t)
        elif t.dep_ == "conj" and t.tag_ == "VBD" and _subject(t) is None and \
                t.head.i in content_verbs and _has_modal(t.head) and cue_past:
            # "confirmed that the talks WOULD continue but GAVE no details": a past
            # tense form cannot share the modal of its conjunct ("would gave"), so
            # after a past-tense cue it narrates the speaker's own next act,
            # coordinated with the cue, not a further reported clause ("had engaged
            # and had 72 hours" shares no modal and stays reported)
            out.append(t)
        elif t.dep_ == "appos" and t.lemma_.lower() in cues.comment_nouns and \
                t.left_edge.i > 0 and doc[t.left_edge.i - 1].text == ",":
            out.append(t)
    return out


def _complement(doc: Doc, tok: Token, group: str, cues: Cues) -> Token | None:
    """The token heading what ``tok`` reports, by the rules of its cue group."""
    # "said (that) S": the clausal complement is what was said
    for c in tok.children:
        if c.dep_ == CLAUSE_COMPLEMENT:
            return c
    if group in cues.xcomp_groups and not _is_passive(tok):
        # "vowed to retaliate", "urged both sides to return": an infinitive
        # complement states the intent, hope or appeal. A passive cue ("are
        # expected to take effect") is raising: nobody's expectation is reported.
        for c in tok.children:
            if c.dep_ == INF_COMPLEMENT and any(x.lower_ == "to" for x in c.lefts):
                return c
    if group in cues.of_groups:
        # "accused Washington of violating ...": the "of" complement is the charge;
        # the parser may hang it from the accused object instead of the verb
        for holder in [tok] + [c for c in tok.children if c.dep_ == "dobj"]:
            for c in holder.children:
                if c.dep_ == "prep" and c.lower_ in cues.of_preps:
                    for g in c.children:
                        if g.dep_ in ("pcomp", "pobj"):
                            return g
    return _that_clause_below(tok)


def indirect_statements(doc: Doc, cues: Cues, quoted: Quoted,
                        direct_cues: set[int], head_span: tuple[int, int] | None) -> list[Draft]:
    out: list[Draft] = []
    # cues coordinated inside another cue's complement -> the cue whose subject speaks for them
    owner: dict[int, Token] = {}
    for tok in doc:
        if head_span and head_span[0] <= tok.idx < head_span[1]:
            continue  # the headline has its own rule
        if quoted.inside(tok.idx):
            continue  # a reporting verb inside a quotation is the quoted speaker's words
        if tok.lower_ == "according":
            d = _according(doc, tok, cues, quoted)
            if d is not None:
                out.append(d)
            continue
        group = _cue_group(tok, cues)
        phrasal = None
        if group is None:
            phrasal = _phrasal_prep(tok, cues)
            if phrasal is None:
                continue
            group = cues.phrasal[tok.lemma_.lower()][0]
        if tok.dep_ in (INF_COMPLEMENT, "advcl") and tok.head.pos_ == "ADJ" and _subject(tok) is None \
                and any(c.lower_ == "to" for c in tok.lefts) and _impersonal(tok.head):
            # "it is too early to say whether ...", "made it hard to predict whether ...":
            # an infinitive under an adjective with an impersonal "it" judges the act
            # of saying and nobody says anything ("the minister was quick to say that"
            # keeps its speaker)
            continue
        content = None
        span = None
        if phrasal is not None:
            # "called on the government to act": the infinitive; "called for an audit": the object
            content = next((c for c in tok.children if c.dep_ == INF_COMPLEMENT), None)
            if content is None:
                content = next((c for c in phrasal.children if c.dep_ in ("pobj", "pcomp")), None)
        else:
            content = _complement(doc, tok, group, cues)
        if content is not None:
            aside = _reported_aside(doc, content, cues, tok)
            for a in aside:
                if a.dep_ == "conj":
                    owner[a.i] = tok
            span = _subtree_chars(content, exclude=aside, cue_i=tok.i)
            if span[0] <= tok.idx < span[1]:
                # "laws which he said were strict": the complement's subject is the
                # relative pronoun before the cue; what was said is what follows it
                span = _trim(text_of(doc), tok.idx + len(tok), span[1])
        elif phrasal is None and tok.dep_ != PARATAXIS:
            span = _surface_that(doc, tok)
        if span is not None and span[0] < span[1]:
            if tok.i in direct_cues and quoted.overlaps(span):
                continue  # the complement is the quotation itself: a direct statement
            if quoted.contains(span):
                continue  # a complement wholly inside a quotation belongs to the quote
            d = _draft_for_cue(doc, cues, tok, span, "indirect", speaker_cue=owner.get(tok.i))
            if phrasal is not None:
                d.cue_span = (tok.idx, phrasal.idx + len(phrasal))
                d.cue, d.cue_group = f"{tok.lemma_.lower()} {phrasal.lower_}", group
            out.append(d)
            continue
        if tok.dep_ == PARATAXIS and tok.i not in direct_cues and _subject(tok) is not None:
            # "Iran will respond, the minister said": a parenthetical attribution
            # (parataxis) reports the clause it interrupts
            host = tok.head
            span = _subtree_chars(host, exclude=[tok])
            if span[0] < tok.idx and not quoted.overlaps(span):
                if span[1] <= tok.idx + len(tok):
                    # trailing attribution: the report ends before its subject and comma
                    span = (span[0], min(span[1], _prev_end(doc, tok)))
                # else a parenthetical in mid-clause ("Mexico, the ministry added, will
                # send aid"): the content is the whole clause around it
                out.append(_draft_for_cue(doc, cues, tok, span, "indirect"))
    return out


def _prev_end(doc: Doc, cue: Token) -> int:
    """End of the text before the attribution clause (before its subject and comma)."""
    first = min(t.i for t in cue.subtree)
    i = first - 1
    while i >= 0 and (doc[i].is_punct or doc[i].is_space):
        i -= 1
    return doc[i].idx + len(doc[i]) if i >= 0 else cue.idx


def _according(doc: Doc, acc: Token, cues: Cues, quoted: Quoted) -> Draft | None:
    """'According to X, S' / 'S, according to X': X is the source of the clause S."""
    if acc.i + 1 >= len(doc) or doc[acc.i + 1].lower_ != "to":
        return None
    to = doc[acc.i + 1]
    src = _according_source(to)
    if src is None or not _is_source(doc, src, cues):
        return None
    # the clause "according to" modifies: the head verb of "according" (or of "to")
    host = acc.head if acc.head is not acc else to.head
    while host.dep_ not in ("ROOT", "ccomp", "advcl", "conj", "relcl") and host.head is not host:
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
    acc_toks = set(t.i for t in acc.subtree) | set(t.i for t in to.subtree) | {acc.i, to.i}
    if host.dep_ == "conj" and host.i > acc.i and host.head.i < acc.i and acc.i > 0 \
            and doc[acc.i - 1].text == ",":
        # "S, according to X, a rise her campaign attributed to ...": set off by a
        # comma after a complete clause, the phrase sources that clause; the parser
        # often hangs it from a verb after it that it took for a second conjunct
        acc_toks |= set(t.i for t in host.subtree)
        host = host.head
    toks = [t for t in host.subtree if t.i not in acc_toks]
    if not toks:
        return None
    # the part of the clause on the longer side of the "according to" phrase
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
    if not side:
        return None
    span = (side[0].idx, side[-1].idx + len(side[-1]))
    if quoted.contains(span):
        return None
    spk, sspan = resolve_speaker(doc, src)
    return Draft(spk, sspan, (acc.idx, to.idx + len(to)), span, "indirect", "according to",
                 cues.according_group, acc.i)


# --- headline attributions --------------------------------------------------------------------
#: "..., says minister" / "..., minister says": a headline's trailing attribution clause
_SAYS_TAIL = re.compile(r",\s*([^,]{1,60})$")


def _title_line(doc: Doc, paras: list[tuple[int, int]]) -> tuple[int, int] | None:
    span = doc._.title_span
    text = text_of(doc)
    if span and 0 <= span[0] < span[1] <= len(text):
        return tuple(span)  # type: ignore[return-value]
    nl = text.find("\n")
    if nl <= 0:
        return None
    # the first line is a headline only when a blank line follows it
    rest = text[nl + 1:]
    if not rest.lstrip(" \t\r").startswith("\n"):
        return None
    s, e = _trim(text, 0, nl)
    # a first line ending in a full stop is a lead sentence, not a headline:
    # headlines drop final punctuation; its quotes and cues are handled as body text
    if s >= e or text[:nl].rstrip().endswith("."):
        return None
    return s, e


def _speaker_in(doc: Doc, lo: int, hi: int) -> tuple[str | None, tuple[int, int] | None, bool]:
    """(actor, mention span, looks like a speaker) for the characters [lo, hi) of a headline part."""
    from .stages.actors.api import get_actor

    best = None
    for m in doc._.actor_mentions or ():
        if m.start_char >= lo and m.end_char <= hi:
            a = get_actor(doc, m.actor_id)
            person = a is not None and a.kind == "person"
            if best is None or (person and not best[2]):
                best = (m.actor_id, (m.start_char, m.end_char), person)
    if best is not None:
        return best[0], best[1], True
    # no resolved actor: a person or organisation name still marks a speaker part
    for ent in doc.ents:
        if ent.start_char >= lo and ent.end_char <= hi and ent.label_ in ("PERSON", "ORG", "NORP", "GPE"):
            return None, None, True
    # ... and so does a verbless run of proper names ("FM Lavrov", "UN chief Guterres"),
    # headline shorthand for a titled speaker that the NER model often misses
    part = doc.char_span(lo, hi, alignment_mode="contract")
    if part is not None and len(part):
        words = [t for t in part if not (t.is_punct or t.is_space)]
        names = [t for t in words if t.pos_ == "PROPN" or t.tag_ in ("NNP", "NNPS")]
        verbs = [t for t in words if t.pos_ in ("VERB", "AUX")]
        if names and not verbs and words[-1] in names:
            return None, None, True
    return None, None, False


def headline(doc: Doc, cues: Cues, paras: list[tuple[int, int]]) -> Draft | None:
    """A headline attribution: 'CLAIM: SPEAKER', 'CLAIM, says SPEAKER', 'SPEAKER: CLAIM'.

    Headlines drop the verb of saying; a colon separates the claim from its
    source, and a short side naming an actor is the source.
    """
    line = _title_line(doc, paras)
    if line is None:
        return None
    text = text_of(doc)
    ls, le = line
    body = text[ls:le]
    short = 6  # words: a speaker part is a name with a title, not a clause

    colon = body.rfind(":")
    if colon > 0:
        after = (ls + colon + 1, le)
        before = (ls, ls + colon)
        if 0 < _words(text, *after) <= short:
            spk, sspan, ok = _speaker_in(doc, *after)
            if ok:
                return _headline_draft(text, spk, sspan, None, before, line)
        first = body.find(":")
        before = (ls, ls + first)
        if 0 < _words(text, *before) <= short:
            spk, sspan, ok = _speaker_in(doc, *before)
            if ok and _words(text, ls + first + 1, le) > 0:
                return _headline_draft(text, spk, sspan, None, (ls + first + 1, le), line)
    m = _SAYS_TAIL.search(body)
    if m:
        tail_lo, tail_hi = ls + m.start(1), ls + m.end(1)
        if _words(text, tail_lo, tail_hi) <= short:
            cue_tok = None
            for t in doc.char_span(tail_lo, tail_hi, alignment_mode="expand") or ():
                if _cue_group(t, cues) is not None or cues.group_of.get(t.lower_.rstrip("s")):
                    cue_tok = t
                    break
            if cue_tok is not None:
                spk, sspan, _ = _speaker_in(doc, tail_lo, tail_hi)
                subj = _subject(cue_tok)
                if sspan is None and subj is not None and tail_lo <= subj.idx < tail_hi:
                    # "..., sources say": an anonymous source is still the source
                    sspan = _source_phrase(subj)
                d = _headline_draft(text, spk, sspan, cue_tok, (ls, ls + m.start()), line)
                if d is not None:
                    lemma = cue_tok.lemma_.lower()
                    if lemma not in cues.group_of:
                        lemma = cue_tok.lower_.rstrip("s")
                    d.cue, d.cue_group = lemma, cues.group_of.get(lemma)
                return d
    return None


def _headline_draft(text: str, spk, sspan, cue_tok, claim: tuple[int, int], line) -> Draft | None:
    s, e = claim
    # a quoted claim ("Iran 'will not bow'": Zarif) keeps its words, not its marks
    while s < e and (text[s].isspace() or text[s] in ALL_MARKS or text[s] in "'\u2018"):
        s += 1
    while e > s and (text[e - 1] in _TRAIL or text[e - 1] in ALL_MARKS or text[e - 1] in "'\u2019"):
        e -= 1
    if s >= e:
        return None
    return Draft(spk, sspan, _span_chars(cue_tok) if cue_tok is not None else None, (s, e),
                 "headline", None, None, cue_tok.i if cue_tok is not None else None,
                 extra={"line": line})


ext.register()
