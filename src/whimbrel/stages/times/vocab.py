"""The times stage's vocabulary: the five files of ``data/times`` as typed tables (the patterns built from them
are :func:`.patterns.compiled`'s, which fills ``patterns`` and ``guards``).

Each file is read through :mod:`whimbrel.lexicons` (checked against its schema
under ``data/schemas/times/``). The package's vocabulary is built once per
process (:func:`packaged`); a pipeline saved with custom lexicons builds its own
(:func:`read` with the folder, see :class:`whimbrel.stages.base.Stage`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ... import lexicons, rxguard

#: The data files of the stage, relative to ``whimbrel/data/``.
FILES = ("times/calendar.yaml", "times/numbers.yaml", "times/units.yaml", "times/relative.yaml",
         "times/context.yaml")


@dataclass
class Vocabulary:
    """The vocabulary of ``data/times`` (``patterns``/``guards`` empty until :func:`.patterns.compiled`)."""

    months: dict[str, int]
    ambiguous_months: set[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: set[str]
    seasons: dict[str, str]
    ambiguous_seasons: set[str]
    parts_of_day: dict[str, str]
    clock_words: dict[str, str]
    time_zones: list[str]
    cardinals: dict[str, float]
    tens: list[str]
    vague: dict[str, str]
    ordinals: dict[str, int]
    decade_words: dict[str, int]
    unit_forms: dict[str, str]
    durations: dict[str, tuple[str, int, bool]]
    vague_durations: dict[str, str]
    count_qualifiers: list[str]
    deictic_days: dict[str, int]
    tonight: str
    references: dict[str, str]
    reference_strip: set[str]
    unit_modifiers: dict[str, int]
    weekday_modifiers: dict[str, int]
    within_modifiers: list[str]
    ago_words: list[str]
    later_words: list[str]
    duration_signals: list[str]
    prepositional_words: list[str]
    set_words: dict[str, str]
    set_quantifiers: list[str]
    frequency_links: list[str]
    point_modifiers: list[str]
    quarters: dict[str, int]
    strong_year_prepositions: set[str]
    duration_cues: set[str]
    duration_verbs: set[str]
    clock_prepositions: set[str]
    number_prefixes: set[str]
    approximators: set[str]
    year_subject_verbs: set[str]
    year_prepositions: set[str]
    identifier_nouns: set[str]
    count_words: set[str]
    future_predicates: set[str]
    future_auxiliaries: set[str]
    holidays: dict[str, tuple[int, int]]
    holiday_weekdays: dict[str, int]
    historic_dates: list[tuple[int, int, int, frozenset[str]]]
    future_heads: set[str]
    future_modals: set[str]
    age_suffixes: set[str]
    discourse_now_followers: set[str]
    reference_shifts: dict[str, int]
    comparison_nouns: list[str]
    rate_links: set[str]
    past_prepositions: set[str]
    extent_modifiers: set[str]
    forward_prepositions: set[str]
    #: identifier_nouns with and without their full stops ("no." -> "no" too).
    identifier_stems: set[str] = field(default_factory=set)
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    guards: list[rxguard.Guard] = field(default_factory=list)  # one per pattern

    def number(self, text: str) -> float | str | None:
        """The value of a number written in digits or words ("48", "three", "twenty-five", "several")."""
        t = text.lower().strip()
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+", t):  # "1,000 days"
            t = t.replace(",", "")
        if m := re.fullmatch(r"(\d+)\s+1/2", t):  # "2 1/2 years"
            return int(m.group(1)) + 0.5
        if t.isdigit():
            return int(t)
        if t in self.cardinals:
            return self.cardinals[t]
        if t in self.vague:
            return "X"
        parts = re.split(r"[-\s]+", t)
        if len(parts) == 2 and parts[0] in self.tens and parts[1] in self.cardinals:
            return self.cardinals[parts[0]] + self.cardinals[parts[1]]
        return None


def _words(values: Any) -> set[str]:
    return set(map(str, values or ()))


def _ints(table: dict) -> dict[str, int]:
    return {str(k): int(v) for k, v in table.items()}


def _strs(table: dict) -> dict[str, str]:
    return {str(k): str(v) for k, v in table.items()}


def _calendar(cal: dict[str, Any]) -> dict[str, Any]:
    return dict(
        months=_ints(cal["months"]),
        ambiguous_months=_words(cal.get("ambiguous_months")),
        weekdays=_ints(cal["weekdays"]),
        ambiguous_weekdays=_words(cal.get("ambiguous_weekdays")),
        seasons=_strs(cal["seasons"]),
        ambiguous_seasons=_words(cal.get("ambiguous_seasons")),
        parts_of_day=_strs(cal["parts_of_day"]),
        clock_words=_strs(cal["clock_words"]),
        time_zones=[str(z) for z in cal.get("time_zones", [])],
        holidays={str(k): (int(str(v)[:2]), int(str(v)[3:5])) for k, v in cal.get("holidays", {}).items()},
        holiday_weekdays={str(k): int(str(v)[6]) for k, v in cal.get("holidays", {}).items() if "/" in str(v)},
        historic_dates=[(int(h["month"]), int(h["day"]), int(h["year"]), frozenset(map(str, h.get("nouns", []))))
                        for h in cal.get("historic_dates", [])],
    )


def _numbers(num: dict[str, Any], units: dict[str, Any]) -> dict[str, Any]:
    return dict(
        cardinals={str(k): v for k, v in num["cardinals"].items()},
        tens=[str(t) for t in num.get("tens", [])],
        vague=_strs(num.get("vague", {})),
        ordinals=_ints(num["ordinals"]),
        decade_words=_ints(num["decades"]),
        unit_forms=_strs(units["forms"]),
        durations={str(k): (str(v[0]), int(v[1]), bool(v[2])) for k, v in units["durations"].items()},
        vague_durations=_strs(units["vague_durations"]),
        count_qualifiers=[str(w) for w in units.get("count_qualifiers", [])],
    )


def _relative(rel: dict[str, Any]) -> dict[str, Any]:
    return dict(
        deictic_days=_ints(rel["deictic_days"]),
        tonight=str(rel.get("tonight", "EV")),
        references=_strs(rel["references"]),
        reference_strip=_words(rel.get("reference_strip_prefix")),
        unit_modifiers=_ints(rel["unit_modifiers"]),
        weekday_modifiers=_ints(rel["weekday_modifiers"]),
        within_modifiers=[str(w) for w in rel.get("within_modifiers", [])],
        ago_words=[str(w) for w in rel.get("ago_words", [])],
        later_words=[str(w) for w in rel.get("later_words", [])],
        duration_signals=[str(w) for w in rel.get("duration_signals", [])],
        prepositional_words=[str(w) for w in rel.get("prepositional_words", [])],
        set_words=_strs(rel["set_words"]),
        set_quantifiers=[str(w) for w in rel.get("set_quantifiers", [])],
        frequency_links=[str(w) for w in rel.get("frequency_links", [])],
        point_modifiers=[str(w) for w in rel.get("point_modifiers", [])],
        quarters=_ints(rel.get("quarters", {})),
        reference_shifts=_ints(rel.get("reference_shifts", {})),
        comparison_nouns=[str(w) for w in rel.get("comparison_nouns", [])],
        rate_links=_words(rel.get("rate_links")),
    )


def _context(ctx: dict[str, Any]) -> dict[str, Any]:
    names = ("strong_year_prepositions", "duration_cues", "duration_verbs", "clock_prepositions",
             "number_prefixes", "approximators", "year_subject_verbs", "year_prepositions", "identifier_nouns",
             "count_words", "future_predicates", "future_auxiliaries", "future_heads", "future_modals",
             "age_suffixes", "past_prepositions", "extent_modifiers",
             "forward_prepositions", "discourse_now_followers")
    return {name: _words(ctx.get(name)) for name in names}


def read(root: Path | str | None = None) -> Vocabulary:
    """The vocabulary in ``root`` (a folder holding ``times/*.yaml``; None: the package's)."""
    cal, num, units, rel, ctx = (lexicons.load(name, root) or {} for name in FILES)
    lex = Vocabulary(**_calendar(cal), **_numbers(num, units), **_relative(rel), **_context(ctx))
    lex.identifier_stems = lex.identifier_nouns | {p.rstrip(".") for p in lex.identifier_nouns}
    return lex


@lru_cache(maxsize=1)
def packaged() -> Vocabulary:
    """The package's vocabulary, built once per process."""
    return read(None)
