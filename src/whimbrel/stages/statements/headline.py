"""Headline statements: 'CLAIM: SPEAKER', 'SPEAKER: CLAIM' and 'CLAIM, says SPEAKER'.

Headlines drop the verb of saying; a colon separates the claim from its
source, and a short side naming an actor is the source. The forms are
:data:`HEADLINE_RULES`, tried in order: a rule answers None when its form does
not fit (the next is tried), or a :class:`Found` holding the statement (or
None: the headline states nothing) and the form's name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from spacy.tokens import Doc, Token

from ... import syntax as dep
from ...ext import text_of
from .cues import cue_group
from .drafts import Draft, Found, span_chars
from .quotes import ALL_MARKS, TRAIL, trim, word_count
from .speakers import source_phrase, speaker_in
from .vocab import Cues

#: "..., says minister" / "..., minister says": a headline's trailing attribution clause
_SAYS_TAIL = re.compile(r",\s*([^,]{1,60})$")
#: words: a speaker part is a name with a title, not a clause
SHORT = 6


@dataclass(frozen=True)
class Title:
    """The headline line of a document: its characters ``[start, end)`` in ``text``."""

    doc: Doc
    cues: Cues
    text: str
    start: int
    end: int

    @property
    def body(self) -> str:
        return self.text[self.start:self.end]

    @property
    def line(self) -> tuple[int, int]:
        return self.start, self.end

    def words(self, lo: int, hi: int) -> int:
        return word_count(self.text, lo, hi)


# --- the rules, in order ------------------------------------------------------------------------
def claim_colon_speaker(t: Title) -> Found | None:
    """"Iran will not bow to pressure: Zarif": a short part after the last colon names the speaker."""
    colon = t.body.rfind(":")
    if colon <= 0:
        return None
    after = (t.start + colon + 1, t.end)
    if 0 < t.words(*after) <= SHORT and not _has_verb(t, *after):
        spk, sspan, ok = speaker_in(t.doc, *after)
        if ok:
            return Found(_headline_draft(t, spk, sspan, None, (t.start, t.start + colon)), "claim: speaker")
    return None


def speaker_colon_claim(t: Title) -> Found | None:
    """"Zarif: Iran will not bow to pressure": a short part before the first colon names the speaker."""
    if t.body.rfind(":") <= 0:
        return None
    first = t.body.find(":")
    before = (t.start, t.start + first)
    if 0 < t.words(*before) <= SHORT:
        spk, sspan, ok = speaker_in(t.doc, *before)
        if not ok and _source_noun(t, *before):
            ok, sspan = True, trim(t.text, *before)
        if ok and t.words(t.start + first + 1, t.end) > 0:
            return Found(_headline_draft(t, spk, sspan, None, (t.start + first + 1, t.end)), "speaker: claim")
    return None


def _has_verb(t: Title, lo: int, hi: int) -> bool:
    """Whether the part holds a verb: a clause ("Clinton: I support statehood"), not a speaker's name."""
    return any(tok.pos_ in ("VERB", "AUX") for tok in t.doc.char_span(lo, hi, alignment_mode="expand") or ())


def _source_noun(t: Title, lo: int, hi: int) -> bool:
    """A speaker part that is a source noun or people described in the plural ("Poll: ...",
    "Report: ...", "Insiders: ...", "Historians: ..."), at most :data:`SOURCE_WORDS` words."""
    toks = [tok for tok in t.doc.char_span(lo, hi, alignment_mode="expand") or () if tok.is_alpha]
    if not toks or len(toks) > SOURCE_WORDS or any(tok.pos_ in ("VERB", "AUX") for tok in toks):
        return False
    last = toks[-1]
    return last.lemma_.lower() in t.cues.source_nouns or (last.tag_ == "NNS" and last.lower_ not in _NOT_SOURCES)


#: words of a described (not named) source before a headline's colon
SOURCE_WORDS = 3
#: plural nouns that open headlines without speaking ("Updates: ...", "Highlights: ...")
_NOT_SOURCES = frozenset({"updates", "highlights", "takeaways", "things", "notes", "results", "photos", "videos"})


def claim_says_speaker(t: Title) -> Found | None:
    """"Iran will not bow to pressure, says Zarif" / "..., sources say": a trailing cue clause."""
    m = _SAYS_TAIL.search(t.body)
    if not m:
        return None
    tail_lo, tail_hi = t.start + m.start(1), t.start + m.end(1)
    if t.words(tail_lo, tail_hi) > SHORT:
        return None
    cue_tok = _tail_cue(t, tail_lo, tail_hi)
    if cue_tok is None:
        return None
    spk, sspan, _ = speaker_in(t.doc, tail_lo, tail_hi)
    subj = dep.own_subject(cue_tok)
    if sspan is None and subj is not None and tail_lo <= subj.idx < tail_hi:
        # "..., sources say": an anonymous source is still the source
        sspan = source_phrase(subj, t.cues)
    d = _headline_draft(t, spk, sspan, cue_tok, (t.start, t.start + m.start()))
    if d is not None:
        lemma = cue_tok.lemma_.lower()
        if lemma not in t.cues.group_of:
            lemma = cue_tok.lower_.rstrip("s")
        d.cue, d.cue_group = lemma, t.cues.group_of.get(lemma)
    return Found(d, "claim, says speaker")


def _tail_cue(t: Title, lo: int, hi: int) -> Token | None:
    """The reporting verb of a trailing clause ("says", also when tagged as a noun: "minister says")."""
    for tok in t.doc.char_span(lo, hi, alignment_mode="expand") or ():
        if cue_group(tok, t.cues) is not None or t.cues.group_of.get(tok.lower_.rstrip("s")):
            return tok
    return None


HeadlineRule = Callable[[Title], "Found | None"]
#: The headline forms, tried in this order.
HEADLINE_RULES: tuple[HeadlineRule, ...] = (claim_colon_speaker, speaker_colon_claim, claim_says_speaker)


def headline(doc: Doc, cues: Cues, paras: list[tuple[int, int]]) -> Draft | None:
    """The headline statement of ``doc``, or None (see the module docstring)."""
    line = title_line(doc, paras)
    if line is None:
        return None
    title = Title(doc, cues, text_of(doc), *line)
    for rule in HEADLINE_RULES:
        found = rule(title)
        if found is not None:
            if found.result is not None:
                found.result.why = found.why
            return found.result
    return None


def title_line(doc: Doc, paras: list[tuple[int, int]]) -> tuple[int, int] | None:
    """The headline's characters: ``doc._.title_span``, else a first line followed by a blank line."""
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
    s, e = trim(text, 0, nl)
    # a first line ending in a full stop is a lead sentence, not a headline:
    # headlines drop final punctuation; its quotes and cues are handled as body text
    if s >= e or text[:nl].rstrip().endswith("."):
        return None
    return s, e


def _headline_draft(t: Title, spk, sspan, cue_tok: Token | None, claim: tuple[int, int]) -> Draft | None:
    text = t.text
    s, e = claim
    # a quoted claim ("Iran 'will not bow'": Zarif) keeps its words, not its marks
    while s < e and (text[s].isspace() or text[s] in ALL_MARKS or text[s] in "'\u2018"):
        s += 1
    while e > s and (text[e - 1] in TRAIL or text[e - 1] in ALL_MARKS or text[e - 1] in "'\u2019"):
        e -= 1
    if s >= e:
        return None
    return Draft(spk, sspan, span_chars(cue_tok) if cue_tok is not None else None, (s, e),
                 "headline", None, None, cue_tok.i if cue_tok is not None else None,
                 extra={"line": t.line})
