"""Skip a regular expression over a text that cannot hold a match of it.

:func:`required` reads a compiled pattern's syntax tree and finds a set of
literal strings such that every match contains at least one of them: the
month patterns need a month name, the "ago" pattern needs "ago", "before",
"after"... :meth:`Guard.may_match` then tests the text with substring
searches (fast, in C), and the regular expression runs only when one is
present. Where the analysis cannot prove a requirement (a pattern made of
character classes, ``\\d+``), the guard lets every text through.

The guard is sound, never only likely: it ignores lookarounds and
back-references (they consume nothing), treats an optional part as requiring
nothing, and compares case-insensitively in a way that admits everything
Python's ``re.IGNORECASE`` matches (see :func:`fold`). Only ASCII literals are
used. ``tests/test_rxguard.py`` checks soundness on generated patterns and
texts, and that the times stage finds the same candidates with and without it.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from re import _constants as C  # noqa: N812  (the standard library's own regex parser)
from re import _parser as P  # noqa: N812

#: The only non-ASCII characters that ``re.IGNORECASE`` matches to an ASCII
#: one (dotted and dotless i, long s, Kelvin sign). ``str.lower`` alone would
#: leave three of them, and turn "İ" into two characters.
_TO_ASCII = {0x130: "i", 0x131: "i", 0x17F: "s", 0x212A: "k"}


def fold(text: str) -> str:
    """``text`` lower-cased so that a case-insensitive literal match shows as a substring."""
    if text.isascii():
        return text.lower()
    return text.translate(_TO_ASCII).lower()


def _better(a: frozenset[str] | None, b: frozenset[str] | None) -> frozenset[str] | None:
    """The more selective of two requirements: longer shortest literal, then fewer literals."""
    if a is None:
        return b
    if b is None:
        return a
    return a if (min(map(len, a)), -len(a)) >= (min(map(len, b)), -len(b)) else b


def _sequence(items: Iterable[tuple]) -> frozenset[str] | None:
    """A requirement of a concatenation: the best of its parts' (any of them must be matched)."""
    best: frozenset[str] | None = None
    run: list[str] = []  # consecutive ASCII literals: one longer required string
    for op, av in items:
        if op is C.LITERAL and av < 128:
            run.append(chr(av))
            continue
        if run:
            best = _better(best, frozenset({"".join(run).lower()}))
            run = []
        best = _better(best, _item(op, av))
    if run:
        best = _better(best, frozenset({"".join(run).lower()}))
    return best


_REPEATS = tuple(op for op in (C.MAX_REPEAT, C.MIN_REPEAT, getattr(C, "POSSESSIVE_REPEAT", None)) if op)


def _item(op: object, av: object) -> frozenset[str] | None:
    if op is C.SUBPATTERN:
        return _sequence(av[-1])  # type: ignore[index]
    if op is getattr(C, "ATOMIC_GROUP", None):
        return _sequence(av)  # type: ignore[arg-type]
    if op is C.BRANCH:
        alternatives = [_sequence(alt) for alt in av[1]]  # type: ignore[index]
        if not alternatives or any(a is None for a in alternatives):
            return None
        return frozenset().union(*alternatives)  # type: ignore[arg-type]
    if op in _REPEATS:
        low, _, body = av  # type: ignore[misc]
        return _sequence(body) if low >= 1 else None
    if op is C.IN and av and all(o is C.LITERAL and a < 128 for o, a in av):  # type: ignore[union-attr]
        return frozenset(chr(a).lower() for _, a in av)  # type: ignore[union-attr]
    return None  # classes, any character, anchors, lookarounds, back-references: no literal


@dataclass(frozen=True)
class Guard:
    """Literals one of which every match contains (lower-cased), or None: no requirement known."""

    literals: frozenset[str] | None

    def may_match(self, folded: str) -> bool:
        """False only when the pattern cannot match the text whose :func:`fold` is ``folded``."""
        return self.literals is None or any(lit in folded for lit in self.literals)


def required(rx: re.Pattern[str]) -> Guard:
    """The guard of a compiled ``str`` pattern."""
    try:
        tree = P.parse(rx.pattern, rx.flags)
    except Exception:  # a pattern this parser version reads differently: no guard
        return Guard(None)
    literals = _sequence(tree)
    return Guard(literals if literals else None)


__all__ = ["Guard", "fold", "required"]
