"""What the actors lexicon holds, as records: a surface form's :class:`Entry`, a :class:`Person`
with dated :class:`Term` s of office.

Both the hand lexicon (:mod:`.vocab`) and the derived Phoenix tables (:mod:`.phoenix`) make
these, so they live apart from either.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Entry:
    """What a surface form names: one actor, and how the form names it."""

    key: str            # cluster key: "country:RUS", "org:IGOUNOSEC", "person:Sergei Lavrov"
    name: str           # canonical name
    kind: str           # person | country | organization | group
    country: str | None
    sector: str | None
    code: str | None
    how: str            # name | alias | demonym | metonym | epithet | org | person
    role: str | None = None


@dataclass(frozen=True)
class Term:
    country: str | None
    sector: str | None
    role: str | None
    start: int          # first day, YYYYMMDD
    end: int | None     # last day, YYYYMMDD (None: still held)
    org: str | None = None


@dataclass(frozen=True)
class Person:
    name: str
    aliases: tuple[str, ...]
    gender: str | None
    terms: tuple[Term, ...]

    def term_at(self, date: int | None) -> Term | None:
        """The office held on ``date`` (YYYYMMDD), None when no term covers it.

        A role is valid only inside its dates: in a 2016 text the 2017-2021 US
        president is not the president. Without a publication date (None) the
        latest term is taken: an undated text is most likely recent.
        """
        if not self.terms:
            return None
        if date is not None:
            for t in self.terms:
                if t.start <= date and (t.end is None or date <= t.end):
                    return t
            return None
        return max(self.terms, key=lambda t: (t.end is None, t.end or 0, t.start))
