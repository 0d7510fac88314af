"""Quotation marks: paragraphs, the one-pass quote scanner, and pairing marks inside token runs.

The scanner is a single left-to-right pass over the characters (linear in the
text); everything else here looks at one quoted piece or one run of tokens.
"""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable

from spacy.tokens import Token

OPEN_MARKS = frozenset("\u201c\u00ab")          # “ «
CLOSE_MARKS = frozenset("\u201d\u00bb")         # ” »
STRAIGHT = '"'
#: Two apostrophes standing for a double quotation mark (``''like this,''`` in some news archives):
#: the scanner reads them through :func:`marks_view`; the tokenizer keeps them as one token.
DOUBLE_APOSTROPHE = "''"
ALL_MARKS = OPEN_MARKS | CLOSE_MARKS | {STRAIGHT, DOUBLE_APOSTROPHE}
#: Characters trimmed from the end of a content span (``?`` and ``!`` are kept).
TRAIL = " \t\r\n,;:."

_PARA_BREAK = re.compile(r"\n[ \t\r\f\v]*\n\s*")
_WORD = re.compile(r"\w+")


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


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` without leading white space and trailing :data:`TRAIL` characters."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1] in TRAIL:
        end -= 1
    return start, end


_DOUBLE_APOS = re.compile(r"''(?!')")


def marks_view(text: str) -> str:
    """``text`` with each ``''`` quotation mark written as a curly mark and a space (same length).

    An opening one (after a space, a bracket or the start, before a word)
    becomes space + “, a closing one ” + space, so every offset still points at
    the same character of the original text.
    """
    if DOUBLE_APOSTROPHE not in text:
        return text

    def one(m: re.Match) -> str:
        i = m.start()
        before = text[i - 1] if i else " "
        after = text[i + 2] if i + 2 < len(text) else " "
        if (before.isspace() or before in "([\u2014-") and not after.isspace():
            return " \u201c"
        return "\u201d "
    return _DOUBLE_APOS.sub(one, text)


def word_count(text: str, s: int, e: int) -> int:
    return len(_WORD.findall(text, s, e))


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
        s, e = trim(text, o + 1, end)
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
                elif (i == ps or prev == "\n") and nxt.isalnum():
                    open_at = i   # a closing mark typed at a line's start, before a word, opens
                # any other stray closing mark (nothing open) is ignored
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
    _link_continuations(pieces, paras)
    return pieces


def _link_continuations(pieces: list[Piece], paras: list[tuple[int, int]]) -> None:
    """Mark the piece opening the next paragraph as ``continued``; drop ``continues`` with none."""
    for a, b in zip(pieces, pieces[1:]):
        if a.continues and b.para == a.para + 1 and b.open == paras[b.para][0]:
            b.continued = True
        elif a.continues:
            a.continues = False


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


# --- where a piece stands in its text ---------------------------------------------------
def standalone(text: str, p: Piece, para_start: int, para_end: int) -> bool:
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


def opens_sentence(text: str, open_at: int) -> bool:
    """Whether the quotation mark at ``open_at`` starts a sentence, a paragraph or a colon-introduced quote."""
    j = open_at - 1
    while j >= 0 and text[j].isspace():
        if text[j] == "\n":
            return True
        j -= 1
    return j < 0 or text[j] in ".!?:" or text[j] in CLOSE_MARKS or text[j] == STRAIGHT


def char_before(text: str, pos: int, floor: int) -> str:
    """The last non-space character before ``pos`` (not before ``floor``), or ''."""
    j = pos - 1
    while j >= floor and text[j].isspace():
        j -= 1
    return text[j] if j >= floor else ""


# --- pairing marks inside a run of tokens (partial quotations in indirect content) --------
def unopened_close(toks: list[Token]) -> bool:
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


def opens_inner_quote(toks: list[Token]) -> bool:
    """Whether the first token, a quotation mark, opens a partial quote closed inside ``toks``."""
    first = toks[0].text
    if first in OPEN_MARKS:
        return any(t.text in CLOSE_MARKS for t in toks[1:])
    if first == STRAIGHT:
        return sum(1 for t in toks if t.text == STRAIGHT) % 2 == 0
    return False


def closes_inner_quote(toks: list[Token]) -> bool:
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
