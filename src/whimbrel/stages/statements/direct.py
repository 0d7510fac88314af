"""Direct statements: quoted pieces credited to the cue next to them, or to the previous speaker.

Each piece is tried against :data:`QUOTE_RULES` in order (a cue before a
colon, a cue after the closing mark, a cue before the opening mark, "according
to" after it); the first that finds a cue credits the piece. A piece with no
cue of its own may continue a multi-paragraph quote, be the second half of a
split quote or a further quote sentence of the same speaker
(:func:`_credit_uncued`); a whole quoted sentence nobody is credited with is
speech with an unknown speaker, and a short quote inside a sentence is a title
or scare quote, not speech.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import Callable

from spacy.tokens import Doc, Token

from ... import syntax as dep

from .cues import MAX_CUE_GAP, according_after_quote, cue_after_quote, cue_before_quote, cue_group, tok_at
from .drafts import Draft, Found, draft_for_cue
from .quotes import ALL_MARKS, Piece, char_before, paragraphs, standalone, word_count
from .speakers import according_source, resolve_ids, resolve_speaker
from .vocab import Cues

#: A quoted piece of at most this many words with no cue is a title or scare quote.
SCARE_MAX_WORDS = 4
#: A sentence end: ., ! or ?, but not the full stop of a title or an initial ("Mr. Hutto said",
#: "James B. Comey said") or of an abbreviation closing a parenthesis ("Rep. Earl Blumenauer
#: (D-Ore.) said"), which would cut the attribution off from its quote.
_SENT_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bMs)(?<!\bDr)(?<!\bSt)(?<!\bSen)(?<!\bRep)(?<!\bGov)"
                       r"(?<!\bGen)(?<!\bGens)(?<!\bLt)(?<!\bCol)(?<!\bSgt)(?<!\bJr)(?<!\bSr)(?<!\bProf)"
                       r"(?<!\bRev)(?<!\bAmb)(?<!\bSec)(?<!\bAtty)(?<!\bU\.S)(?<!\b[A-Z])[.!?](?!\))")


@dataclass
class Quote:
    """One quoted piece in its document, with the character window its attribution may use."""

    doc: Doc
    cues: Cues
    piece: Piece
    starts: list[int]      # token start offsets
    text: str
    floor: int             # the attribution may not look back before this
    after_limit: int       # ... nor forward past this (the end of the sentence after the quote)

    @cached_property
    def before(self) -> Token | None:
        return cue_before_quote(self.doc, self.cues, self.piece, self.starts, self.text, self.floor)

    def credit(self, cue: Token, why: str) -> Found:
        p = self.piece
        return Found(draft_for_cue(self.doc, self.cues, cue, (p.start, p.end), "direct", p.para), why)


# --- the rules, in order -------------------------------------------------------------------------
def cue_before_colon(q: Quote) -> Found | None:
    """'The general said: "Our troops are ready for any scenario."': a colon introduces the quote."""
    if q.before is not None and char_before(q.text, q.piece.open, q.floor) == ":":
        return q.credit(q.before, "cue before a colon")
    return None


def cue_after(q: Quote) -> Found | None:
    """'"The talks were productive," said the German chancellor.': the cue follows the closing mark."""
    cue = cue_after_quote(q.doc, q.cues, q.piece, q.starts, q.text, q.after_limit)
    if cue is None:
        return None
    found = q.credit(cue, "cue after the quote")
    lead = _lead_in(q)
    if lead is not None:
        found.result.extra["lead"] = lead
    return found


def _lead_in(q: Quote) -> int | None:
    """Where the words before the opening mark start, when the quote only ends its sentence.

    'Trump's remarks were "the textbook definition of a racist comment," Mr. Ryan said.':
    the speaker's sentence is reported with its last words quoted; the attribution
    convention (:mod:`.extraction`) makes the whole sentence its content. Only words
    since the sentence's start (after a full stop or the paragraph's start, no other
    quotation between) and not ending in a colon or comma (an introduction) count.
    """
    text, p, floor = q.text, q.piece, q.floor
    if floor > 0 and text[floor - 1] not in ".!?" and text[floor - 1] != "\n":
        return None
    lead = text[floor:p.open]
    if any(m in lead for m in ALL_MARKS) or not any(c.isalnum() for c in lead) or lead.rstrip()[-1:] in ":,":
        return None
    return floor + len(lead) - len(lead.lstrip())


def cue_before(q: Quote) -> Found | None:
    """'He told reporters, "We are ready."': the cue precedes the opening mark."""
    return q.credit(q.before, "cue before the quote") if q.before is not None else None


def according_after(q: Quote) -> Found | None:
    """'"The border is closed," according to a statement from the interior ministry.'"""
    doc, p = q.doc, q.piece
    acc = according_after_quote(doc, p, q.starts, q.after_limit, q.cues)
    if acc is None:
        return None
    to = doc[acc.i + 1]
    spk, sspan = resolve_speaker(doc, according_source(to), q.cues)
    return Found(Draft(spk, sspan, (acc.idx, to.idx + len(to)), (p.start, p.end), "direct",
                       "according to", q.cues.according_group, para=p.para), "according to")


def colon_paragraph(q: Quote) -> Found | None:
    """'Cruz continued:' and the quote as the next paragraph: the cue ends the paragraph before it.

    The piece opens its paragraph and the previous paragraph ends with a colon;
    the cue is the last reporting verb of the words before that colon.
    """
    p, text = q.piece, q.text
    if p.para == 0 or q.floor > p.open or char_before(text, p.open, 0) != ":":
        return None
    colon = text.rfind(":", 0, p.open)
    if text[colon + 1:p.open].strip() or "\n" not in text[colon:p.open]:
        return None
    last = tok_at(q.doc, q.starts, colon)
    for i in range(last, max(-1, last - MAX_CUE_GAP), -1):
        tok = q.doc[i]
        if tok.text in (".", "!", "?") or tok.is_space:
            break
        if cue_group(tok, q.cues) is not None:
            return q.credit(tok, "cue before a colon ending the previous paragraph")
    return None


#: A signature after a quotation: a dash, then a name of one to six capitalised words (initials and
#: particles such as "de" allowed), then the line's end or a full stop ('“...” ― Maria Lopez').
_BYLINE = re.compile(r"[ \t\u00a0]*[\u2015\u2014\u2013][ \t\u00a0]*"
                     r"((?:[A-Z][\w'\u2019.\-]*|de|del|da|van|von|la|le)(?:[ \t\u00a0]+(?:[A-Z][\w'\u2019.\-]*|de|del|da"
                     r"|van|von|la|le)){0,5})[ \t\u00a0]*(?:\.[ \t\u00a0]*)?(?=\n|$|[\u201c\u00ab\"])")


def dash_byline(q: Quote) -> Found | None:
    """'“We deserve better.” ― Ana Ruiz': a quotation signed with a dash and its speaker's name.

    The name ends its line (or runs into the next quotation); the dash is the cue,
    the name the speaker, as under a collected set of readers' or voters' quotes.
    """
    p, text = q.piece, q.text
    if p.close is None:
        return None
    m = _BYLINE.match(text, p.close + 1)
    if m is None or not m.group(1)[:1].isupper():
        return None
    name = (m.start(1), m.end(1) - (1 if m.group(1).endswith(".") else 0))
    dash = next(i for i in range(p.close + 1, m.start(1)) if text[i] in "\u2015\u2014\u2013")
    i = tok_at(q.doc, q.starts, name[1] - 1)
    ids = resolve_ids(q.doc, q.doc[i]) if 0 <= i < len(q.doc) else []
    return Found(Draft(ids[0] if ids else None, name, (dash, dash + 1), (p.start, p.end), "direct",
                       "\u2015", "neutral", None, para=p.para), "signed with a dash")


def quoted_mark(t: Token) -> bool:
    return t.text in ALL_MARKS


QuoteRule = Callable[[Quote], "Found | None"]
#: The rules crediting a quoted piece, tried in this order.
QUOTE_RULES: tuple[QuoteRule, ...] = (dash_byline, cue_before_colon, cue_after, cue_before, according_after, colon_paragraph)


def direct_statements(doc: Doc, cues: Cues, pieces: list[Piece], starts: list[int],
                      text: str) -> list[Draft]:
    """Direct statements of the quoted ``pieces`` (see the module docstring), in piece order."""
    paras = paragraphs(text)
    found: list[tuple[Piece, Draft | None]] = []
    for n, p in enumerate(pieces):
        q = _quote(doc, cues, pieces, n, paras, starts, text)
        draft = None
        for rule in QUOTE_RULES:
            hit = rule(q)
            if hit is not None:
                draft = hit.result
                draft.why = hit.why
                break
        found.append((p, draft))
    _credit_uncued(found, paras, text)
    for p, d in found:
        if d is not None and d.cue_span is None and d.speaker_span is None:
            _speaker_before_colon(doc, cues, p, d, starts, text)
    return [d for _, d in found if d is not None]


def _speaker_before_colon(doc: Doc, cues: Cues, p: Piece, d: Draft, starts: list[int], text: str) -> None:
    """The speaker of a quote introduced by a clause with no reporting verb, in place.

    "Cruz called them on it: “...”", "the Christie supporter retorted: “...”",
    "... doesn't surprise pollster Daron Shaw: “...”": the clause ending in the colon
    introduces the quote. Its subject speaks when it names an actor (or is a pronoun);
    otherwise the last person or organisation named in the clause does.
    """
    ps = paragraphs(text)[p.para][0]
    if char_before(text, p.open, ps) != ":":
        return
    colon = text.rfind(":", ps, p.open)
    last = tok_at(doc, starts, colon)
    if last <= 0:
        return
    sent = doc[last - 1].sent
    clause = [t for t in doc[sent.start:last] if not quoted_mark(t)]
    if not clause:
        return
    root = sent.root
    subj = dep.own_subject(root) if sent.start <= root.i < last else None
    if subj is not None and subj.pos_ in ("PRON", "PROPN", "NOUN"):
        spk, span = resolve_speaker(doc, subj, cues)
        if spk is not None or (subj.pos_ == "PRON" and span is not None):
            d.speaker, d.speaker_span = spk, span
            return
    for t in reversed(clause):
        if t.ent_type_ in ("PERSON", "ORG"):
            spk, span = resolve_speaker(doc, t, cues)
            if span is not None:
                d.speaker, d.speaker_span = spk, span
                return


def _quote(doc: Doc, cues: Cues, pieces: list[Piece], n: int, paras: list[tuple[int, int]],
           starts: list[int], text: str) -> Quote:
    """Piece ``n`` with the window its attribution may use (its sentence, its paragraph)."""
    p = pieces[n]
    ps, pe = paras[p.para]
    nxt_open = pieces[n + 1].open if n + 1 < len(pieces) and pieces[n + 1].para == p.para else pe
    # the attribution may only look back to the previous quote of its paragraph
    floor = ps
    if n > 0 and pieces[n - 1].para == p.para:
        prev = pieces[n - 1]
        floor = max(ps, (prev.close + 1) if prev.close is not None else prev.end)
    # the end of the sentence the attribution may live in
    after_limit = nxt_open
    m = _SENT_END.search(text, (p.close + 1) if p.close is not None else pe, nxt_open)
    if m:
        after_limit = m.end()
    back = [m.end() for m in _SENT_END.finditer(text, floor, p.open)]
    if back:
        floor = back[-1]
    return Quote(doc, cues, p, starts, text, floor, after_limit)


def _credit_uncued(found: list[tuple[Piece, Draft | None]], paras: list[tuple[int, int]], text: str) -> None:
    """Credit the pieces without a cue of their own, in place.

    A multi-paragraph quote attributed only in a later paragraph takes the first
    credited piece further along its chain of continuing paragraphs. Otherwise,
    in one forward pass, the latest credited piece is the candidate (the second
    half of a split quote, a further quote sentence of the same speaker) unless
    an uncredited whole quote of an earlier paragraph (someone else's words, or
    nobody's) stands between.
    """
    forward: list[Draft | None] = [None] * (len(found) + 1)
    for n in range(len(found) - 1, -1, -1):
        p, d = found[n]
        forward[n] = d if d is not None else (forward[n + 1] if p.continues else None)
    last: int | None = None
    block_before, block_here, here = -1, -1, -1
    for n, (p, draft) in enumerate(found):
        if p.para != here:
            block_before, block_here, here = max(block_before, block_here), -1, p.para
        if draft is None:
            ps, pe = paras[p.para]
            src: Draft | None = forward[n + 1] if p.continues else None
            whole = standalone(text, p, ps, pe)
            if src is None and (p.continued or whole) and last is not None and last > block_before:
                q, d = found[last]
                if q.para == p.para or (q.para == p.para - 1 and (p.continued or p.open == ps)):
                    src = d
            if src is not None:
                draft = Draft(src.speaker, src.speaker_span, src.cue_span, (p.start, p.end),
                              "direct", src.cue, src.cue_group, None, p.para, why="continues a credited quote")
            elif whole and word_count(text, p.start, p.end) > SCARE_MAX_WORDS:
                # a whole quoted sentence nobody is credited with: speech, speaker unknown
                draft = Draft(None, None, None, (p.start, p.end), "direct", None, None, None, p.para,
                              why="uncredited quoted sentence")
            # otherwise: a title or scare quote inside a sentence, not speech
            found[n] = (p, draft)
        if draft is not None and draft.cue_span is not None:
            last = n
        elif not p.continues:
            block_here = n
