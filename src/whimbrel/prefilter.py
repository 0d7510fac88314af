"""Sentence pre-filter: run the expensive pipeline only on sentences that can carry a record.

Most of whimbrel's time goes into the statistical parse (tok2vec, tagger,
parser, NER) and the stages after it. A news article also holds sentences that
can carry no actor, event, statement, time or place ("The streets were quiet
and the shops stayed shut until noon." carries a time, but "It was a long and
difficult process." carries nothing). This module decides cheaply, from the
tokenizer's output only, which sentences may carry something, and builds a
*reduced text* of those sentences for the pipeline:

* evidence (:meth:`Prefilter.evidence`): a capitalised word (a name: actors and
  places are mostly proper nouns), a digit or a calendar/time word (times), a
  form of an event trigger or reporting cue lemma (events, statements; lemmas
  from ``events/triggers.yaml`` and ``cues.yaml``, matched as stems because
  there is no lemmatizer at this point), an office phrase or a common noun that
  names a group ("police", "the rebels");
* context: the headline is always kept, and so is the sentence before a kept
  one that holds a pronoun or a definite description ("he", "the minister"),
  because the actors stage resolves those from the preceding sentences; sentences inside one open quotation
  are one unit, so a quote is never cut in half;
* the reduced text is the kept stretches of the original text, verbatim, with
  a blank line (a paragraph break) where sentences were left out, and an
  :class:`OffsetMap` from reduced to original offsets.

:func:`restore` maps every span of an :class:`~whimbrel.model.Analysis` made
on the reduced text back to the original text, so the contract's offsets stay
exact. Whether the filter is on by default, and what it costs in recall, is in
docs/scale.md.
"""
from __future__ import annotations

import bisect
import dataclasses
import os
from functools import lru_cache
from typing import Any

from spacy.language import Language
from spacy.lang.en.stop_words import STOP_WORDS
from spacy.matcher import PhraseMatcher
from spacy.pipeline import Sentencizer
from spacy.tokens import Doc

from . import lexicons
from .model import Actor, Analysis, Document, Event, Place, Span, Statement, Time

#: The filter is on when the command line or WHIMBREL_PREFILTER says so; this
#: is the default when neither does (see docs/scale.md for the measured cost).
DEFAULT_ENABLED = False

#: Separator put where sentences were left out: a blank line is a paragraph
#: break, so the sentence splitter never joins the stretches on either side.
GAP = "\n\n"

#: Quotation marks that open and close (curly) and the straight ones that do both.
_OPEN_QUOTES = frozenset("\u201c\u00ab")
_CLOSE_QUOTES = frozenset("\u201d\u00bb")
_STRAIGHT_QUOTE = '"'

#: Stems shorter than this are matched as whole words only: a 2-letter prefix
#: would match half the dictionary.
_MIN_STEM = 3


def enabled(explicit: bool | None = None) -> bool:
    """Whether to pre-filter: the explicit choice, else $WHIMBREL_PREFILTER (1/0), else the default."""
    if explicit is not None:
        return explicit
    env = os.environ.get("WHIMBREL_PREFILTER", "").strip().lower()
    if env in ("1", "true", "yes", "on"):
        return True
    if env in ("0", "false", "no", "off"):
        return False
    return DEFAULT_ENABLED


# -- offsets --------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class OffsetMap:
    """Kept stretches: ``reduced[r:r+n] == original[o:o+n]`` for each (r, o, n) in ``segments``."""

    segments: tuple[tuple[int, int, int], ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", [r for r, _, _ in self.segments])

    def _segment(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self._starts, pos) - 1)  # type: ignore[attr-defined]

    def start(self, pos: int) -> int:
        """Original offset of a span starting at reduced ``pos`` (a gap moves to the next stretch)."""
        if not self.segments:
            return pos
        i = self._segment(pos)
        r, o, n = self.segments[i]
        if pos < r:
            return o
        if pos < r + n:
            return o + pos - r
        if i + 1 < len(self.segments):  # inside a gap: the span really begins after it
            return self.segments[i + 1][1]
        return o + n

    def end(self, pos: int) -> int:
        """Original offset of a span ending (exclusive) at reduced ``pos`` (a gap moves back)."""
        if not self.segments:
            return pos
        if pos <= 0:
            return self.start(pos)
        i = self._segment(pos - 1)
        r, o, n = self.segments[i]
        if pos - 1 < r + n:
            return o + pos - r
        return o + n  # ends inside the gap after segment i: cut at the stretch's end

    def span(self, span: Span | None) -> Span | None:
        if span is None:
            return None
        s, e = span
        if e <= s:
            p = self.start(s)
            return (p, p)
        a, b = self.start(s), self.end(e)
        return (a, max(a, b))


#: The span-valued fields of each contract object (shared/CONTRACT.md).
SPAN_FIELDS: dict[type, tuple[str, ...]] = {
    Event: ("trigger", "sentence"),
    Statement: ("speaker_span", "cue_span", "content_span"),
    Time: ("span",),
    Place: ("span",),
}


def restore(analysis: Analysis, omap: OffsetMap, document: Document) -> Analysis:
    """``analysis`` (made on the reduced text) with every span mapped into ``document.text``."""

    def fix(obj: Any) -> Any:
        if isinstance(obj, Actor):
            return dataclasses.replace(obj, mentions=tuple(omap.span(m) for m in obj.mentions))
        names = SPAN_FIELDS.get(type(obj))
        if not names:
            return obj
        return dataclasses.replace(obj, **{n: omap.span(getattr(obj, n)) for n in names})

    return Analysis(
        document=document,
        actors=tuple(fix(a) for a in analysis.actors),
        events=tuple(fix(e) for e in analysis.events),
        statements=tuple(fix(s) for s in analysis.statements),
        times=tuple(fix(t) for t in analysis.times),
        places=tuple(fix(p) for p in analysis.places),
        warnings=analysis.warnings,
    )


# -- vocabulary -----------------------------------------------------------------------------


def _data(*parts: str) -> Any:
    """A data file through the one lexicon loader: the stages' own reads share its parse."""
    return lexicons.load("/".join(parts)) or {}


@dataclasses.dataclass(frozen=True)
class Vocabulary:
    stems: frozenset[str]          # trigger/cue lemma stems, matched as word prefixes
    words: frozenset[str]          # whole lower-case words: short lemmas, irregular forms, time words, group nouns
    phrases: tuple[str, ...]       # lower-case multi-word office phrases
    anaphors: frozenset[str]       # pronouns that point back to an earlier mention
    determiners: frozenset[str]    # words that make a following noun a description ("the", "both")
    anaphor_heads: frozenset[str]  # nouns a description refers back with ("countries", "sides")


@lru_cache(maxsize=1)
def vocabulary() -> Vocabulary:
    """Trigger lemmas (events), cue lemmas (statements), calendar words (times), offices (actors)."""
    lemmas: set[str] = set()
    triggers = _data("events", "triggers.yaml")
    for spec in triggers.values() if isinstance(triggers, dict) else ():
        if not isinstance(spec, dict):
            continue
        for kind in ("verb", "noun"):
            if isinstance(spec.get(kind), dict):
                lemmas.update(str(k) for k in spec[kind])
        for pattern in spec.get("pattern") or ():
            if isinstance(pattern, dict):
                for kind in ("verb", "noun"):
                    val = pattern.get(kind)
                    lemmas.update([val] if isinstance(val, str) else (val or ()))
    from .stages.statements import api as statements_api

    lemmas.update(statements_api.cue_lemmas())
    stems: set[str] = set()
    words: set[str] = set()
    for lemma in lemmas:
        for part in lemma.lower().split():
            # Inflection without a lemmatizer: "agree" -> agre(ed|es|eing),
            # "carry" -> carr(ied|ies), "attack" -> attack(s|ed|ing).
            stem = part[:-1] if part.endswith(("e", "y")) else part
            if len(stem) >= _MIN_STEM:
                stems.add(stem)
            words.update({part, part + "s", part + "ed", part + "ing"})
    extra = _data("prefilter", "words.yaml")
    words.update(str(w).lower() for w in extra.get("irregular") or ())
    words.update(str(w).lower() for w in extra.get("time_words") or ())
    words.update(str(w).lower() for w in extra.get("actor_nouns") or ())
    calendar = _data("times", "calendar.yaml")
    for section in ("months", "weekdays", "seasons", "parts_of_day"):
        if isinstance(calendar.get(section), dict):
            words.update(str(k).lower() for k in calendar[section])
    offices = _data("actors", "offices.yaml").get("offices") or {}
    phrases = tuple(sorted({str(k).lower() for k in offices if " " in str(k)}))
    words.update(str(k).lower() for k in offices if " " not in str(k))
    lower = lambda key: frozenset(str(w).lower() for w in extra.get(key) or ())  # noqa: E731
    return Vocabulary(frozenset(stems), frozenset(words), phrases,
                      lower("anaphors"), lower("determiners"), lower("anaphor_heads"))


# -- the filter -----------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Reduction:
    document: Document     # the reduced document the pipeline runs on
    offsets: OffsetMap
    kept: int              # sentences kept
    total: int             # sentences in the original


class Prefilter:
    """Decides which sentences of a document the pipeline needs, from tokens alone."""

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.vocab = vocabulary()
        self._sentencizer = Sentencizer()
        self._matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        if self.vocab.phrases:
            self._matcher.add("OFFICE", [nlp.make_doc(p) for p in self.vocab.phrases])
        from .paragraphs import Paragraphs  # the same paragraph rule the pipeline applies

        self._paragraphs = Paragraphs()

    # The cheap pass: tokenizer + punctuation/paragraph sentence splitting.
    def units(self, doc: Doc) -> list[tuple[int, int]]:
        """Token ranges of the units the filter keeps or drops: sentences, quotes kept whole."""
        doc = self._sentencizer(doc)
        doc = self._paragraphs(doc)
        starts = [t.i for t in doc if t.is_sent_start or t.i == 0]
        bounds = list(zip(starts, starts[1:] + [len(doc)]))
        units: list[tuple[int, int]] = []
        open_quote = False
        for start, end in bounds:
            if units and all(t.is_space for t in doc[start:end]):
                # White space between paragraphs belongs to the sentence before
                # it, so "the sentence before" is always a real sentence.
                units[-1] = (units[-1][0], end)
                continue
            if open_quote and units:
                # Inside a quotation that spans sentences: one unit, so the
                # statements stage sees both quote marks and the attribution.
                units[-1] = (units[-1][0], end)
            else:
                units.append((start, end))
            open_quote = _quote_open_after(doc[start:end].text, open_quote)
            # A paragraph break closes a runaway straight quote (news style reopens it).
            if "\n\n" in doc[max(start, end - 1):end].text_with_ws:
                open_quote = False
        return units

    def evidence(self, doc: Doc, start: int, end: int) -> bool:
        """Whether tokens [start, end) may carry an actor, event, statement, time or place."""
        v = self.vocab
        first = True
        for tok in doc[start:end]:
            if tok.is_space or tok.is_punct:
                continue
            text = tok.text
            low = tok.lower_
            if any(ch.isdigit() for ch in text):
                return True  # dates, years, clock times, casualty counts
            if low in v.words:
                return True
            if any(low[:k] in v.stems for k in range(_MIN_STEM, len(low) + 1)):
                return True  # an inflected trigger or cue verb/noun
            if text[:1].isupper() and not (first and low in STOP_WORDS):
                return True  # a name (a sentence-initial function word is not one)
            first = False
        return False

    def refers_back(self, doc: Doc, start: int, end: int) -> bool:
        """Whether tokens [start, end) hold a word whose referent may be in the sentence before.

        Third-person pronouns ("he", "their") and definite descriptions ("the
        minister", "the rebels", "the two countries") are resolved by the
        actors stage from earlier sentences; a sentence without them stands alone.
        """
        v = self.vocab
        prev = ""
        for tok in doc[start:end]:
            low = tok.lower_
            if low in v.anaphors:
                return True
            if prev in v.determiners and (low in v.words or low in v.anaphor_heads):
                return True
            if not tok.is_space:
                prev = low
        return False

    def reduce(self, document: Document) -> Reduction | None:
        """The reduced document, or None when every sentence is needed (run the original then)."""
        text = document.text
        doc = self.nlp.make_doc(text)
        if len(doc) == 0:
            return None
        units = self.units(doc)
        if len(units) <= 2:
            return None
        # A unit of nothing but white space costs nothing: keep it out of the decision.
        blank = [all(t.is_space for t in doc[s:e]) for s, e in units]
        keep = [b or self.evidence(doc, s, e) for (s, e), b in zip(units, blank)]
        for _, m_start, m_end in self._matcher(doc):
            keep[_unit_of(units, m_start)] = True
        keep[0] = True  # the headline (or the first sentence): the statements stage reads it
        if document.title:
            pos = text.find(document.title)
            if pos >= 0:
                tok = doc.char_span(pos, pos + len(document.title), alignment_mode="expand")
                if tok is not None:
                    keep[_unit_of(units, tok.start)] = True
        needed = list(keep)
        for i in range(1, len(units)):
            if keep[i] and self.refers_back(doc, *units[i]):
                needed[i - 1] = True  # the antecedent sentence of its pronouns and descriptions
        if all(n or b for n, b in zip(needed, blank)):
            return None
        pieces: list[str] = []
        segments: list[tuple[int, int, int]] = []
        length = 0
        i = 0
        while i < len(units):
            if not needed[i]:
                i += 1
                continue
            j = i
            while j + 1 < len(units) and needed[j + 1]:
                j += 1  # consecutive kept sentences stay one verbatim stretch
            # The stretch runs to where the next unit begins, trailing white
            # space included: the parser puts that space in the sentence, so
            # sentence spans come out as in the unfiltered run.
            o_start = doc[units[i][0]].idx
            o_end = doc[units[j + 1][0]].idx if j + 1 < len(units) else len(text)
            segments.append((length, o_start, o_end - o_start))
            pieces.append(text[o_start:o_end])
            length += o_end - o_start
            if j + 1 < len(units):  # sentences left out after this stretch: a paragraph break
                pieces.append(GAP)
                length += len(GAP)
            i = j + 1
        reduced = "".join(pieces)
        title = document.title if document.title and document.title in reduced else None
        return Reduction(dataclasses.replace(document, text=reduced, title=title), OffsetMap(tuple(segments)),
                         kept=sum(n and not b for n, b in zip(needed, blank)),
                         total=sum(not b for b in blank))


def _unit_of(units: list[tuple[int, int]], token: int) -> int:
    return max(0, bisect.bisect_right([s for s, _ in units], token) - 1)


def _quote_open_after(text: str, open_quote: bool) -> bool:
    """Whether a quotation is still open after ``text`` (given whether one was open before it)."""
    for ch in text:
        if ch in _OPEN_QUOTES:
            open_quote = True
        elif ch in _CLOSE_QUOTES or ch == _STRAIGHT_QUOTE:
            open_quote = not open_quote if ch == _STRAIGHT_QUOTE else False
    return open_quote


__all__ = ["DEFAULT_ENABLED", "GAP", "OffsetMap", "Prefilter", "Reduction", "SPAN_FIELDS", "enabled",
           "restore", "vocabulary"]
