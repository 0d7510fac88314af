"""Time expressions in news text, normalised to TIMEX3 values anchored to the publication date.

What this module extracts: every date ("October 18", "the 1990s", "last week"),
time of day ("3 p.m.", "15:00 GMT", "tonight"), duration ("for three years",
"48 hours") and set ("every week", "daily") in a document, as
:class:`whimbrel.model.Time` objects ``(span, value, type)`` on ``doc._.times``,
in text order.

How it works:

1. :func:`find_candidates` (pure, text only) runs patterns built from the
   vocabulary in ``data/times/*.yaml`` over the text and keeps the longest
   non-overlapping matches. spaCy's DATE/TIME entities are used as a second
   source (they catch phrases like "the same day" that the patterns do not
   cover) but the patterns decide the bounds where both fire, because the
   statistical NER often mis-bounds ("three years and every week").
2. The component filters candidates that need syntax: a bare number is a year
   only in a date-like context ("in 2015", "the 2015 nuclear deal"), never after
   an identifier noun ("Resolution 2231") or before a counted noun
   ("2015 votes"); months that are also common words ("may", "march") need a
   temporal preposition or modifier.
3. :func:`normalise` (pure) turns a candidate into a TIMEX3 value given the
   anchor (``doc._.published``) and the tense of the governing verb. Calendar
   dates without a year follow the news convention described by Mani & Wilson
   (2000, "Robust temporal processing of news"): the year is chosen so the
   date lies nearest the anchor, with a past bias, because news mostly reports
   what already happened; a future-tense verb ("will meet on December 20")
   picks the next occurrence instead.

Without a publication date, calendar dates keep an underspecified year
(``XXXX-10-18``), weekdays become ``XXXX-WXX-2``, and expressions that only make
sense relative to the anchor ("yesterday", "last week", "two days ago") get
``value=None``; reference words ("now" -> ``PRESENT_REF``), absolute dates and
durations keep their values.

Helpers used by later stages: :func:`time_for_token` (the time expression that
dates a verb or noun) and :func:`date_of` (a Time as an event date value and
resolution).
"""
from __future__ import annotations

import datetime as dt
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, Iterable

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import rxguard
from .ext import text_of
from .model import Time

# libyaml's parser when PyYAML has it: the same documents, about 7x faster to
# parse than the pure-Python loader (lexicons are parsed in every worker process).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

log = logging.getLogger(__name__)

DATE, TIME, DURATION, SET = "DATE", "TIME", "DURATION", "SET"

#: Dependency labels through which a time expression attaches to the word it
#: dates ("met on Tuesday": prep + pobj; "met Tuesday": npadvmod; UD-style obl/tmod).
ATTACH_DEPS = frozenset({"prep", "pobj", "npadvmod", "obl", "tmod", "advmod", "nmod", "pcomp",
                         "compound", "nummod", "amod", "appos", "det", "case", "conj", "cc", "quantmod"})
#: Parts of speech that head a clause: a walk up the tree stops at the first one.
CLAUSE_HEADS = frozenset({"VERB", "AUX"})
#: Named-entity labels of names: a time word inside one of them is part of the name.
NAME_LABELS = ("ORG", "PERSON", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "FAC", "GPE", "NORP", "LOC")


# --------------------------------------------------------------------------- lexicon

def _load_yaml(name: str) -> dict[str, Any]:
    path = resources.files("whimbrel") / "data" / "times" / name
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER) or {}


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


@dataclass
class Lexicon:
    """The vocabulary of ``data/times`` and the patterns compiled from it."""

    months: dict[str, int]
    ambiguous_months: set[str]
    weekdays: dict[str, int]
    ambiguous_weekdays: set[str]
    seasons: dict[str, str]
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
    deictic_days: dict[str, int]
    tonight: str
    references: dict[str, str]
    reference_strip: set[str]
    unit_modifiers: dict[str, int]
    weekday_modifiers: dict[str, int]
    within_modifiers: list[str]
    ago_words: list[str]
    later_words: list[str]
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
    historic_dates: list[tuple[int, int, int, frozenset[str]]]
    future_heads: set[str]
    future_modals: set[str]
    age_suffixes: set[str]
    reference_shifts: dict[str, int]
    comparison_nouns: list[str]
    rate_links: set[str]
    past_prepositions: set[str]
    patterns: list[tuple[str, re.Pattern[str]]] = field(default_factory=list)
    guards: list[rxguard.Guard] = field(default_factory=list)  # one per pattern

    def number(self, text: str) -> float | str | None:
        """The value of a number written in digits or words ("48", "three", "twenty-five", "several")."""
        t = text.lower().strip()
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


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    cal, num, units = _load_yaml("calendar.yaml"), _load_yaml("numbers.yaml"), _load_yaml("units.yaml")
    rel, ctx = _load_yaml("relative.yaml"), _load_yaml("context.yaml")
    lex = Lexicon(
        months={str(k): int(v) for k, v in cal["months"].items()},
        ambiguous_months=set(map(str, cal.get("ambiguous_months", []))),
        weekdays={str(k): int(v) for k, v in cal["weekdays"].items()},
        ambiguous_weekdays=set(map(str, cal.get("ambiguous_weekdays", []))),
        seasons={str(k): str(v) for k, v in cal["seasons"].items()},
        parts_of_day={str(k): str(v) for k, v in cal["parts_of_day"].items()},
        clock_words={str(k): str(v) for k, v in cal["clock_words"].items()},
        time_zones=[str(z) for z in cal.get("time_zones", [])],
        cardinals={str(k): v for k, v in num["cardinals"].items()},
        tens=[str(t) for t in num.get("tens", [])],
        vague={str(k): str(v) for k, v in num.get("vague", {}).items()},
        ordinals={str(k): int(v) for k, v in num["ordinals"].items()},
        decade_words={str(k): int(v) for k, v in num["decades"].items()},
        unit_forms={str(k): str(v) for k, v in units["forms"].items()},
        durations={str(k): (str(v[0]), int(v[1]), bool(v[2])) for k, v in units["durations"].items()},
        vague_durations={str(k): str(v) for k, v in units["vague_durations"].items()},
        deictic_days={str(k): int(v) for k, v in rel["deictic_days"].items()},
        tonight=str(rel.get("tonight", "EV")),
        references={str(k): str(v) for k, v in rel["references"].items()},
        reference_strip=set(map(str, rel.get("reference_strip_prefix", []))),
        unit_modifiers={str(k): int(v) for k, v in rel["unit_modifiers"].items()},
        weekday_modifiers={str(k): int(v) for k, v in rel["weekday_modifiers"].items()},
        within_modifiers=[str(w) for w in rel.get("within_modifiers", [])],
        ago_words=[str(w) for w in rel.get("ago_words", [])],
        later_words=[str(w) for w in rel.get("later_words", [])],
        prepositional_words=[str(w) for w in rel.get("prepositional_words", [])],
        set_words={str(k): str(v) for k, v in rel["set_words"].items()},
        set_quantifiers=[str(w) for w in rel.get("set_quantifiers", [])],
        frequency_links=[str(w) for w in rel.get("frequency_links", [])],
        point_modifiers=[str(w) for w in rel.get("point_modifiers", [])],
        quarters={str(k): int(v) for k, v in rel.get("quarters", {}).items()},
        strong_year_prepositions=set(map(str, ctx.get("strong_year_prepositions", []))),
        duration_cues=set(map(str, ctx.get("duration_cues", []))),
        duration_verbs=set(map(str, ctx.get("duration_verbs", []))),
        clock_prepositions=set(map(str, ctx.get("clock_prepositions", []))),
        number_prefixes=set(map(str, ctx.get("number_prefixes", []))),
        approximators=set(map(str, ctx.get("approximators", []))),
        year_subject_verbs=set(map(str, ctx.get("year_subject_verbs", []))),
        year_prepositions=set(map(str, ctx.get("year_prepositions", []))),
        identifier_nouns=set(map(str, ctx.get("identifier_nouns", []))),
        count_words=set(map(str, ctx.get("count_words", []))),
        future_predicates=set(map(str, ctx.get("future_predicates", []))),
        future_auxiliaries=set(map(str, ctx.get("future_auxiliaries", []))),
        holidays={str(k): (int(str(v)[:2]), int(str(v)[3:5])) for k, v in cal.get("holidays", {}).items()},
        historic_dates=[(int(h["month"]), int(h["day"]), int(h["year"]), frozenset(map(str, h.get("nouns", []))))
                        for h in cal.get("historic_dates", [])],
        future_heads=set(map(str, ctx.get("future_heads", []))),
        future_modals=set(map(str, ctx.get("future_modals", []))),
        age_suffixes=set(map(str, ctx.get("age_suffixes", []))),
        reference_shifts={str(k): int(v) for k, v in rel.get("reference_shifts", {}).items()},
        comparison_nouns=[str(w) for w in rel.get("comparison_nouns", [])],
        rate_links=set(map(str, rel.get("rate_links", []))),
        past_prepositions=set(map(str, ctx.get("past_prepositions", []))),
    )
    lex.patterns = _compile(lex)
    lex.guards = [rxguard.required(rx) for _, rx in lex.patterns]
    return lex


def _compile(lex: Lexicon) -> list[tuple[str, re.Pattern[str]]]:
    """The candidate patterns, in priority order (earlier wins a tie in length)."""
    # An abbreviation ("Oct", "Sept") may carry a full stop; a full name may not,
    # so a sentence-final "October." leaves its full stop outside the span.
    abbrs = [m for m in lex.months if any(o != m and o.startswith(m) for o in lex.months)]
    fulls = [m for m in lex.months if m not in abbrs]
    month = rf"(?P<month>(?:{_alt(abbrs)})\.?|{_alt(fulls)})"
    wday_full = _alt(w for w in lex.weekdays if w not in lex.ambiguous_weekdays)
    wday_abbr = _alt(lex.ambiguous_weekdays)
    # A weekday introducing a full date: "Tuesday, October 20" or "Tue., Oct. 20".
    wday_prefix = rf"(?:(?P<wday>{wday_full}|(?:{wday_abbr})\.)\s*,?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    ordword = rf"(?P<dayword>{_alt(lex.ordinals)})"
    year = r"(?P<year>1\d{3}|20\d{2}|2100)"
    pmod = rf"(?:(?P<pmod>{_alt(lex.point_modifiers)})[\s-]+)?"
    unit_alt = _alt(lex.unit_forms)
    num_words = list(lex.cardinals) + list(lex.vague)
    number = rf"(?P<num>\d+|(?:{_alt(lex.tens)})-(?:{_alt(lex.cardinals)})|{_alt(num_words)})"
    umod = rf"(?P<umod>{_alt(lex.unit_modifiers)})"
    wmod = rf"(?:(?P<wmod>{_alt(lex.weekday_modifiers)})\s+)?"
    within = rf"(?:(?P<within>{_alt(lex.within_modifiers)})\s+)?"
    part = rf"(?:\s+(?P<part>{_alt(lex.parts_of_day)}))?"
    season = rf"(?P<season>{_alt(lex.seasons)})"
    tz = rf"(?:\s+(?P<tz>{_alt(lex.time_zones)}))?"
    quarter_words = _alt([*lex.quarters, "last"])
    ago_plain = [w for w in lex.ago_words + lex.later_words if w not in lex.prepositional_words]
    ampm = r"(?P<ampm>a\.m\.|p\.m\.|a\.m|p\.m|am|pm)"
    end = r"(?![\w-])"  # the match must end at a word boundary (not "2020a", "18-member")
    start = r"(?<![\w$£€#./-])"  # and must not begin inside a word, a sum of money or a code
    defs: list[tuple[str, str]] = [
        # 2020-10-18 (ISO 8601), optionally with a clock time.
        ("iso", rf"{start}(?P<year>\d{{4}})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?:T(?P<hh>\d{{2}}):(?P<mm>\d{{2}}))?{end}"),
        # 10/18/2020: numeric dates in US order (month first), as in US wire copy.
        ("numeric", rf"{start}(?P<mon>\d{{1,2}})/(?P<day>\d{{1,2}})/(?P<year>\d{{4}}|\d{{2}}){end}"),
        # October 18, 2020 / Tuesday, Oct. 18 / October 18th.
        ("md", rf"{start}{wday_prefix}{month}\s+{day}(?:\s*,?\s+{year})?{end}"),
        # 18 October 2020 / the 18th of October / the eighteenth of October.
        ("dm", rf"{start}{wday_prefix}(?:(?:the\s+)?{day}|the\s+{ordword})\s+(?:of\s+)?{month}(?:\s*,?\s+{year})?{end}"),
        # 22-23 October / October 22-23, 2020: a range of days is dated by its first day.
        ("md", rf"{start}{month}\s+{day}\s*(?:-|–)\s*(?P<day2>[0-3]?\d)(?:\s*,?\s+{year})?{end}"),
        ("dm", rf"{start}(?:the\s+)?{day}\s*(?:-|–|and|to)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{month}(?:\s*,?\s+{year})?{end}"),
        # May 2018 / early May 2018 / October of 2019.
        ("my", rf"{start}{pmod}{month}\s*,?\s+(?:of\s+)?{year}{end}"),
        # October / last October / mid-October: a month without day or year.
        ("month", rf"{start}(?:{umod}\s+)?{pmod}{month}{end}"),
        # the 1990s / the '90s / the 90s / the early 2000s.
        ("decade", rf"{start}(?:the\s+)?{pmod}(?:['’])?(?P<dec>1\d\d0|20\d0|\d0)['’]?s{end}"),
        ("decade_word", rf"{start}the\s+{pmod}(?P<decword>{_alt(lex.decade_words)}){end}"),
        # the 20th century / the twentieth century.
        ("century", rf"{start}the\s+{pmod}(?:(?P<cent>\d{{1,2}})(?:st|nd|rd|th)|(?P<centword>{_alt(lex.ordinals)}))[\s-]+century{end}"),
        # summer 2019 / the summer of 2019 / last summer / this spring.
        ("season", rf"{start}(?:(?:{umod}|the)\s+)?{pmod}{season}(?:\s+(?:of\s+)?{year})?{end}"),
        # the third quarter (of 2020) / Q3 2020.
        # "third-quarter profit": the quarter as a hyphenated modifier is the same quarter.
        ("quarter", rf"{start}(?:the\s+)?(?P<qword>{quarter_words})[\s-]+quarter(?:\s+of\s+{year})?{end}"),
        # fiscal 1990 / fiscal year 1990 / the 1990 fiscal year (TIMEX3 FY1990).
        ("fiscal", rf"{start}fiscal[\s-]+(?:year\s+)?{year}{end}"),
        ("fiscal", rf"{start}the\s+{year}\s+fiscal\s+year{end}"),
        ("quarter", rf"{start}Q(?P<qnum>[1-4])\s+{year}{end}"),
        # the first half of 2020 (TIMEX3 2020-H1).
        ("half", rf"{start}the\s+(?P<half>first|second)\s+half(?:\s+of\s+{year}|(?!\s+of\b)){end}"),
        # the end of the year / the start of next month: the edge of a calendar unit
        # has that unit's value (TIMEX3 would add mod=END/START).
        ("edge", rf"{start}the\s+(?:end|beginning|start|middle)\s+of\s+(?:the\s+|(?P<umod>this|next|last)\s+)(?P<unit>year|month|week|decade|century){end}(?!\s+of\b)"),
        # the end of June / the start of 1990 / the end of March 1991: the month's or year's value.
        ("my", rf"{start}(?P<pmod>the\s+(?:end|beginning|start|middle)\s+of)\s+{month}\s*,?\s+{year}{end}"),
        ("month", rf"{start}(?P<pmod>the\s+(?:end|beginning|start|middle)\s+of)\s+{month}{end}"),
        ("yearmod", rf"{start}the\s+(?:end|beginning|start|middle)\s+of\s+{year}(?![\w-]|[.,]\d|\s*%)"),
        # yesterday / today / tomorrow (morning) / tonight / last night / this morning.
        ("deictic", rf"{start}(?P<deixis>{_alt(lex.deictic_days)}){part}{end}"),
        ("tonight", rf"{start}tonight{end}"),
        ("lastnight", rf"{start}last\s+night{end}"),
        ("thispart", rf"{start}this\s+(?P<part>{_alt(k for k in lex.parts_of_day if k != 'night')}){end}"),
        # Tuesday / last Tuesday / next Tuesday / Tuesday night / on Tuesdays (a set).
        # "early Monday", "late Tuesday": the modifier belongs to the expression (TIMEX3 mod=START/END).
        ("weekday", rf"{start}{pmod}{wmod}(?P<wday>{wday_full})(?P<plural>s)?{part}{end}"),
        # the weekend: the nearest weekend in the direction of the clause's tense.
        ("theweekend", rf"{start}the\s+weekend{end}"),
        # overnight (an adverb): the night before the publication day, as "last night".
        ("overnight", rf"{start}overnight{end}"),
        # Christmas, New Year's Eve: fixed-date holidays.
        ("holiday", rf"{start}(?P<holiday>{_alt(lex.holidays)}){end}"),
        # Dated from the previous time expression (the narrative's reference time):
        # "the day before", "the previous day", "the following year", "the year-earlier period".
        ("refunit", rf"{start}the\s+(?P<unit>day|night|week|month|year)\s+(?P<rdir>before|after|earlier|later){end}"),
        ("refunit", rf"{start}the\s+(?P<rdir>previous|following|prior)\s+(?P<unit>day|night|week|month|quarter|year){end}"),
        ("refunit", rf"{start}the\s+(?P<rdir>next)\s+(?P<unit>day|morning){end}"),
        ("refunit", rf"{start}the\s+(?P<unit>year|month|quarter|week|day)-(?P<rdir>earlier|ago|before)\s+(?:{_alt(lex.comparison_nouns)}){end}"),
        # earlier this year / last week / next month / the past decade / this weekend.
        ("relunit", rf"{start}(?P<the>the\s+)?{within}{umod}\s+(?P<unit>{unit_alt}){end}"),
        # the past three years / the next two weeks / the last few months: durations.
        # "the first nine months (of 1989)": the stretch from the start of the year, a duration.
        ("pastn", rf"{start}the\s+(?P<umod>past|last|next|coming|previous|following|first)\s+{number}\s+(?P<unit>{unit_alt})(?:\s+of\s+{year})?{end}"),
        # two days ago / a year ago / three weeks later.
        ("ago", rf"{start}{number}\s+(?P<unit>{unit_alt})\s+(?P<ago>{_alt(ago_plain)}|(?:{_alt(lex.prepositional_words)})(?!\s*\w)){end}"),
        # every week / each year / every two years / every Monday: sets.
        ("every", rf"{start}(?P<q>{_alt(lex.set_quantifiers)})\s+(?:(?P<num>other|\d+|{_alt(lex.cardinals)})\s+)?(?:(?P<unit>{unit_alt})|(?P<wday>{wday_full}))(?P<part2>{part}){end}"),
        # once a year / twice a week / three times a day: sets with a frequency.
        ("freq", rf"{start}(?P<freq>once|twice|{number}\s+times)\s+(?:{_alt(lex.frequency_links)})\s+(?P<unit>{unit_alt}){end}"),
        ("setword", rf"{start}(?P<setword>{_alt(lex.set_words)}){end}"),
        # three years / 48 hours / a three-year deal / several months / for years.
        ("duration", rf"{start}{number}[\s-]+(?P<unit>{unit_alt}){end}"),
        ("vaguedur", rf"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|days|hours|centuries){end}"),
        # 3 p.m. / 3:30 pm / 15:00 GMT / 1500 GMT / noon / 8 o'clock.
        ("clock", rf"{start}(?P<hh>[01]?\d)(?::(?P<mm>[0-5]\d))?\s*{ampm}(?:(?<=\.)|{end}){tz}"),
        ("clock24", rf"{start}(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d){end}{tz}"),
        ("clockmil", rf"{start}(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s+(?P<tz>gmt|utc|hrs|hours\s+gmt){end}"),
        ("clockword", rf"{start}(?P<clockword>{_alt(lex.clock_words)}){end}"),
        ("oclock", rf"{start}(?P<hh>[01]?\d|{_alt(lex.cardinals)})\s+o['’]clock{end}"),
        # now / currently / in recent weeks / in the coming months / soon.
        ("ref", rf"{start}(?P<ref>{_alt(lex.references)}){end}"),
        # early 2019 / mid-2019 / late 2019: a year with a part-of-year modifier.
        ("yearmod", rf"{start}(?P<pmod>{_alt(lex.point_modifiers)})[\s-]+{year}(?![\w-]|[.,]\d|\s*%)"),
        # A bare year: 2015 (kept only in a date-like context, checked later).
        ("year", rf"{start}{year}(?![\w-]|[.,]\d|\s*%)"),
    ]
    return [(kind, re.compile(src, re.IGNORECASE)) for kind, src in defs]


# --------------------------------------------------------------------------- candidates

@dataclass(frozen=True)
class Candidate:
    """A pattern match: character span, pattern kind and the named parts it captured."""

    start: int
    end: int
    kind: str
    parts: tuple[tuple[str, str], ...]
    priority: int = 0

    def get(self, name: str, default: str | None = None) -> str | None:
        for k, v in self.parts:
            if k == name:
                return v
        return default


def find_candidates(text: str, guarded: bool = True) -> list[Candidate]:
    """All pattern matches in ``text``, longest first where they overlap, in text order.

    Pure: knows nothing of syntax; :class:`TimesComponent` filters the matches
    that need context (bare years, ambiguous month names). A pattern runs only
    when the text holds one of the literals every match of it needs
    (:mod:`whimbrel.rxguard`; ``guarded=False`` runs them all, same result).
    """
    lex = lexicon()
    found: list[Candidate] = []
    folded = rxguard.fold(text) if guarded else ""
    for prio, (kind, rx) in enumerate(lex.patterns):
        if guarded and not lex.guards[prio].may_match(folded):
            continue
        for m in rx.finditer(text):
            if m.end() <= m.start():
                continue
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            found.append(Candidate(m.start(), m.end(), kind, parts, prio))
    return _longest_first(found)


def _longest_first(cands: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


# --------------------------------------------------------------------------- normalisation

PAST, PRESENT, FUTURE, UNKNOWN = "past", "present", "future", "unknown"


def _month_num(text: str | None) -> int | None:
    if not text:
        return None
    return lexicon().months.get(text.lower().rstrip("."))


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _pick(candidates: list[Any], anchor: Any, tense: str, dist) -> Any:
    """Choose among dated readings: past tense -> latest on/before the anchor,
    future -> earliest after it, otherwise nearest with a past bias (a future
    reading counts double the distance, since news mostly reports past events)."""
    if not candidates:
        return None
    if tense == PAST:
        past = [c for c in candidates if c <= anchor]
        if past:
            return max(past)
    if tense == FUTURE:
        fut = [c for c in candidates if c >= anchor]
        if fut:
            return min(fut)
    return min(candidates, key=lambda c: dist(c, anchor) * (2 if c > anchor else 1))


def year_for_month_day(month: int, day: int, anchor: dt.date, tense: str = UNKNOWN) -> dt.date | None:
    """The full date of a month-day written without a year, anchored to ``anchor``."""
    opts = [d for y in (anchor.year - 1, anchor.year, anchor.year + 1) if (d := _safe_date(y, month, day))]
    return _pick(opts, anchor, tense, lambda a, b: abs((a - b).days))


def year_for_month(month: int, anchor: dt.date, tense: str = UNKNOWN) -> tuple[int, int]:
    """(year, month) of a month named alone ("in October"), anchored to ``anchor``."""
    here = (anchor.year, anchor.month)
    opts = [(y, month) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    return _pick(opts, here, tense, lambda a, b: abs((a[0] - b[0]) * 12 + a[1] - b[1]))


def weekday_date(weekday: int, anchor: dt.date, tense: str = UNKNOWN, direction: int | None = None) -> dt.date:
    """The date of a weekday (ISO number) near ``anchor``.

    News convention: "on Tuesday" in a past-tense clause is the most recent
    Tuesday on or before the publication date; with a future verb or "next" it is
    the next Tuesday after it; "last Tuesday" is the most recent one before it.
    """
    back = (anchor.isoweekday() - weekday) % 7  # days back to the most recent such day (0 = today)
    fwd = (weekday - anchor.isoweekday()) % 7 or 7  # days forward to the next one, strictly after
    if direction == -1:
        return anchor - dt.timedelta(days=back or 7)
    if direction == 1 or (direction is None and tense == FUTURE) or (direction == 0 and tense == FUTURE):
        return anchor + dt.timedelta(days=fwd)
    if tense in (PAST, UNKNOWN) or direction == 0 and tense != PRESENT:
        return anchor - dt.timedelta(days=back)
    # Present tense ("talks open on Friday"): the nearest one, ties to the past.
    return anchor + dt.timedelta(days=fwd) if 2 * fwd < back else anchor - dt.timedelta(days=back)


def _week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _shift_month(y: int, m: int, n: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + n
    return k // 12, k % 12 + 1


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def duration_value(n: float | str, unit: str) -> str | None:
    """TIMEX3 duration value: (3, "year") -> P3Y, (48, "hour") -> PT48H, ("X", "year") -> PXY."""
    lex = lexicon()
    if unit not in lex.durations:
        return None
    if n == "X":
        return lex.vague_durations.get(unit)
    letter, mult, is_time = lex.durations[unit]
    qty = float(n) * mult
    if not qty.is_integer():  # half a year -> P6M: move to the next smaller unit that makes it whole
        if letter == "Y":
            return f"P{_fmt_num(qty * 12)}M"
        if letter == "H":
            return f"PT{_fmt_num(qty * 60)}M"
        if letter == "D":
            return f"PT{_fmt_num(qty * 24)}H"
        if letter == "W":
            return f"P{_fmt_num(qty * 7)}D"
    return f"P{'T' if is_time else ''}{_fmt_num(qty)}{letter}"


def shift(anchor: dt.date, n: int, unit: str) -> str | None:
    """The calendar unit ``n`` units away from ``anchor``, at that unit's resolution.

    ("day", -2) -> the date two days back; ("week", -1) -> last week's ISO week;
    ("month", 1) -> next month; ("year", 0) -> this year; ("decade", -1) -> "201".
    """
    if unit in ("day", "night"):
        return (anchor + dt.timedelta(days=n)).isoformat()
    if unit in ("week", "fortnight"):
        return _week(anchor + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "weekend":
        return _week(anchor + dt.timedelta(weeks=n)) + "-WE"
    if unit == "month":
        y, m = _shift_month(anchor.year, anchor.month, n)
        return f"{y:04d}-{m:02d}"
    if unit == "quarter":
        q = (anchor.year * 4 + (anchor.month - 1) // 3) + n
        return f"{q // 4:04d}-Q{q % 4 + 1}"
    if unit == "year":
        return f"{anchor.year + n:04d}"
    if unit == "decade":
        return f"{anchor.year // 10 + n:03d}"
    if unit == "century":
        return f"{anchor.year // 100 + n:02d}"
    if unit in ("hour", "minute", "second"):
        return anchor.isoformat()  # "two hours ago": the anchor day; the hour is unknown
    return None


def normalise(cand: Candidate, anchor: dt.date | None, tense: str = UNKNOWN) -> tuple[str | None, str] | None:
    """The (TIMEX3 value, type) of a candidate, or None when it is not a time expression.

    ``anchor`` is the publication date (None when unknown); ``tense`` is the
    tense of the clause the expression sits in (past/present/future/unknown).
    """
    lex = lexicon()
    k, g = cand.kind, cand.get
    try:
        return _NORMALISERS[k](cand, g, lex, anchor, tense)
    except (ValueError, KeyError, TypeError, OverflowError):  # a malformed match is no time, not a crash
        return None


def _n_iso(c, g, lex, anchor, tense):
    y, m, d = int(g("year")), int(g("mon")), int(g("day"))
    if not _safe_date(y, m, d):
        return None
    if g("hh"):
        return f"{y:04d}-{m:02d}-{d:02d}T{g('hh')}:{g('mm')}", TIME
    return f"{y:04d}-{m:02d}-{d:02d}", DATE


def _n_numeric(c, g, lex, anchor, tense):
    m, d, y = int(g("mon")), int(g("day")), int(g("year"))
    if y < 100:  # two-digit year: the century that puts it nearest the anchor (or this one)
        base = (anchor.year if anchor else 2000) // 100 * 100
        y = min((base - 100 + y, base + y, base + 100 + y), key=lambda v: abs(v - (anchor.year if anchor else 2000)))
    if not _safe_date(y, m, d):
        return None
    return f"{y:04d}-{m:02d}-{d:02d}", DATE


def _day_number(g, lex) -> int | None:
    if g("day"):
        return int(g("day"))
    if g("dayword"):
        return lex.ordinals.get(g("dayword").lower())
    return None


def _n_monthday(c, g, lex, anchor, tense):
    m, d = _month_num(g("month")), _day_number(g, lex)
    if m is None or d is None or not 1 <= d <= 31:
        return None
    if g("day2") and not d < int(g("day2")) <= 31:
        return None  # "22-23 October" must run forwards within a month
    if g("year"):
        y = int(g("year"))
        return (f"{y:04d}-{m:02d}-{d:02d}", DATE) if _safe_date(y, m, d) else None
    if _safe_date(2000, m, d) is None:  # 2000 is a leap year: any real month-day exists in it
        return None
    if anchor is None:
        return f"XXXX-{m:02d}-{d:02d}", DATE
    picked = year_for_month_day(m, d, anchor, tense)
    return (picked.isoformat(), DATE) if picked else None


def _n_half(c, g, lex, anchor, tense):
    h = 1 if g("half").lower() == "first" else 2
    if g("year"):
        return f"{int(g('year')):04d}-H{h}", DATE
    if anchor is None:
        return f"XXXX-H{h}", DATE
    # "the first half" without a year: this year's, unless it has not begun yet (then last year's).
    y = anchor.year if h == 1 or anchor.month > 6 or tense == FUTURE else anchor.year - 1
    return f"{y:04d}-H{h}", DATE


def _n_fiscal(c, g, lex, anchor, tense):
    return f"FY{int(g('year')):04d}", DATE


def _n_theweekend(c, g, lex, anchor, tense):
    if anchor is None:
        return None, DATE
    # Past tense: the latest weekend that has begun (this one on a Saturday or
    # Sunday); future: the coming one; otherwise the nearest, ties to the past.
    wd = anchor.isoweekday()
    if tense == FUTURE:
        n = 0 if wd < 6 else 1
    elif tense == PAST or wd <= 3:
        n = 0 if wd >= 6 else -1
    else:
        n = 0
    return shift(anchor, n, "weekend"), DATE


def _n_overnight(c, g, lex, anchor, tense):
    return (f"{(anchor - dt.timedelta(days=1)).isoformat()}TNI" if anchor else None), TIME


def _n_holiday(c, g, lex, anchor, tense):
    m, d = lex.holidays[g("holiday").lower()]
    if anchor is None:
        return f"XXXX-{m:02d}-{d:02d}", DATE
    return year_for_month_day(m, d, anchor, tense).isoformat(), DATE


def _n_refunit(c, g, lex, anchor, tense):
    return None, DATE  # dated later from the reference time (see _resolve_references)


def _n_edge(c, g, lex, anchor, tense):
    if anchor is None:
        return None, DATE
    return shift(anchor, lex.unit_modifiers.get((g("umod") or "this").lower(), 0), g("unit").lower()), DATE


def _n_monthyear(c, g, lex, anchor, tense):
    m = _month_num(g("month"))
    return (f"{int(g('year')):04d}-{m:02d}", DATE) if m else None


def _n_month(c, g, lex, anchor, tense):
    m = _month_num(g("month"))
    if m is None:
        return None
    mod = (g("umod") or "").lower()
    if anchor is None:
        return f"XXXX-{m:02d}", DATE
    if mod in lex.unit_modifiers:
        direction = lex.unit_modifiers[mod]
        # "last October": the most recent October before this month; "next May": the next one.
        if direction < 0:
            y = anchor.year if m < anchor.month else anchor.year - 1
        elif direction > 0:
            y = anchor.year if m > anchor.month else anchor.year + 1
        else:
            y = anchor.year
        return f"{y:04d}-{m:02d}", DATE
    y, m = year_for_month(m, anchor, tense)
    return f"{y:04d}-{m:02d}", DATE


def _n_decade(c, g, lex, anchor, tense):
    dec = g("dec")
    if len(dec) == 4:
        return dec[:3], DATE
    # "the 90s": the last such decade not after the anchor ("the 20s" in 2020 -> 202).
    ref = anchor.year if anchor else 2000
    digit = int(dec[0])
    century = ref // 100
    if century * 100 + digit * 10 > ref:
        century -= 1
    return f"{century:02d}{digit}", DATE


def _n_decade_word(c, g, lex, anchor, tense):
    digit = lex.decade_words[g("decword").lower()]
    ref = anchor.year if anchor else 2000
    century = ref // 100
    if century * 100 + digit * 10 > ref:
        century -= 1
    return f"{century:02d}{digit}", DATE


def _n_century(c, g, lex, anchor, tense):
    n = int(g("cent")) if g("cent") else lex.ordinals.get((g("centword") or "").lower())
    if not n or not 1 <= n <= 30:
        return None
    return f"{n - 1:02d}", DATE


def _n_season(c, g, lex, anchor, tense):
    code = lex.seasons[g("season").lower()]
    if g("year"):
        return f"{int(g('year')):04d}-{code}", DATE
    mod = (g("umod") or "").lower()
    if anchor is None:
        return f"XXXX-{code}", DATE
    # Season start months (northern hemisphere) place the season relative to the anchor.
    start_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[code]
    direction = lex.unit_modifiers.get(mod)
    if direction == 0:
        return f"{anchor.year:04d}-{code}", DATE
    if direction is not None and direction < 0:
        y = anchor.year if start_month + 3 <= anchor.month else anchor.year - 1
        return f"{y:04d}-{code}", DATE
    if direction is not None and direction > 0:
        y = anchor.year if start_month > anchor.month else anchor.year + 1
        return f"{y:04d}-{code}", DATE
    y, _ = year_for_month(start_month, anchor, tense)
    return f"{y:04d}-{code}", DATE


def _n_quarter(c, g, lex, anchor, tense):
    words = lex.quarters
    if g("qnum"):
        q = int(g("qnum"))
    elif (g("qword") or "").lower() == "last":
        if g("year"):
            return f"{int(g('year')):04d}-Q4", DATE
        return (shift(anchor, -1, "quarter"), DATE) if anchor else (None, DATE)
    else:
        q = words[g("qword").lower()]
    if g("year"):
        return f"{int(g('year')):04d}-Q{q}", DATE
    if anchor is None:
        return f"XXXX-Q{q}", DATE
    cur = (anchor.month - 1) // 3 + 1
    y = anchor.year if q <= cur or tense == FUTURE else anchor.year - 1
    return f"{y:04d}-Q{q}", DATE


def _with_part(value: str | None, part: str | None, lex) -> tuple[str | None, str]:
    if part and value:
        return f"{value}T{lex.parts_of_day[part.lower()]}", TIME
    return value, (TIME if part else DATE)


def _n_deictic(c, g, lex, anchor, tense):
    if anchor is None:
        return None, (TIME if g("part") else DATE)
    d = anchor + dt.timedelta(days=lex.deictic_days[g("deixis").lower()])
    return _with_part(d.isoformat(), g("part"), lex)


def _n_tonight(c, g, lex, anchor, tense):
    return (f"{anchor.isoformat()}T{lex.tonight}" if anchor else None), TIME


def _n_lastnight(c, g, lex, anchor, tense):
    return (f"{(anchor - dt.timedelta(days=1)).isoformat()}TNI" if anchor else None), TIME


def _n_thispart(c, g, lex, anchor, tense):
    return (f"{anchor.isoformat()}T{lex.parts_of_day[g('part').lower()]}" if anchor else None), TIME


def _n_weekday(c, g, lex, anchor, tense):
    wd = lex.weekdays[g("wday").lower()]
    if g("plural"):  # "on Tuesdays": every Tuesday
        return f"XXXX-WXX-{wd}", SET
    mod = (g("wmod") or "").lower()
    direction = lex.weekday_modifiers.get(mod) if mod else None
    if anchor is None:
        return _with_part(f"XXXX-WXX-{wd}", g("part"), lex)
    return _with_part(weekday_date(wd, anchor, tense, direction).isoformat(), g("part"), lex)


def _n_relunit(c, g, lex, anchor, tense):
    unit = lex.unit_forms[g("unit").lower()]
    if g("unit").lower().endswith("s") and g("unit").lower() != unit:
        return None  # a plural after "last"/"next" ("last years") is not a calendar unit
    mod = g("umod").lower()
    direction = lex.unit_modifiers[mod]
    within = (g("within") or "").lower()
    # "early next year", "late last month", "earlier this week": the modifier
    # narrows the unit (TIMEX3 mod=START/END) and keeps its value.
    if g("the") and mod in ("past", "last", "previous", "next", "coming", "following") and not within:
        # "the past decade", "the last week", "the next year": a stretch of time, not a point.
        return duration_value(1, unit), DURATION
    if mod == "past":  # "past week" without "the" (headlinese) is also a stretch
        return duration_value(1, unit), DURATION
    if anchor is None:
        return None, DATE
    return shift(anchor, direction, unit), DATE


def _n_pastn(c, g, lex, anchor, tense):
    n = lex.number(g("num"))
    unit = lex.unit_forms[g("unit").lower()]
    if n is None:
        return None
    return duration_value(n, unit), DURATION


def _n_ago(c, g, lex, anchor, tense):
    n = lex.number(g("num"))
    unit = lex.unit_forms[g("unit").lower()]
    if n is None:
        return None
    if g("ago").lower() in lex.later_words or n == "X" or anchor is None:
        # "three days later" counts from an event, not the publication date: date unknown.
        return None, DATE
    if not float(n).is_integer():
        return None, DATE
    if unit in ("decade", "century"):
        # "a decade ago" is a year (2010 from 2020), not the whole previous decade.
        return f"{anchor.year - int(n) * (10 if unit == 'decade' else 100):04d}", DATE
    value = shift(anchor, -int(n), unit)
    return value, DATE


def _n_every(c, g, lex, anchor, tense):
    if g("wday"):
        wd = lex.weekdays[g("wday").lower()]
        return _with_part_set(f"XXXX-WXX-{wd}", g("part"), lex)
    unit = lex.unit_forms[g("unit").lower()]
    num = (g("num") or "").lower()
    n = 2 if num == "other" else (lex.number(num) if num else 1)
    if n is None or n == "X":
        return None
    return duration_value(n, unit), SET


def _with_part_set(value, part, lex):
    return (f"{value}T{lex.parts_of_day[part.lower()]}" if part else value), SET


def _n_freq(c, g, lex, anchor, tense):
    unit = lex.unit_forms[g("unit").lower()]
    return duration_value(1, unit), SET


def _n_setword(c, g, lex, anchor, tense):
    return lex.set_words[g("setword").lower()], SET


def _n_duration(c, g, lex, anchor, tense):
    n = lex.number(g("num"))
    unit = lex.unit_forms[g("unit").lower()]
    if n is None:
        return None
    return duration_value(n, unit), DURATION


def _n_vaguedur(c, g, lex, anchor, tense):
    return duration_value("X", lex.unit_forms[g("unit").lower()]), DURATION


def _n_clock(c, g, lex, anchor, tense):
    hh = int(g("hh"))
    mm = int(g("mm") or 0)
    if not 1 <= hh <= 12:
        return None
    pm = g("ampm").lower().startswith("p")
    hh = (hh % 12) + (12 if pm else 0)
    return f"T{hh:02d}:{mm:02d}", TIME


def _n_clock24(c, g, lex, anchor, tense):
    return f"T{int(g('hh')):02d}:{g('mm')}", TIME


def _n_clockword(c, g, lex, anchor, tense):
    return f"T{lex.clock_words[g('clockword').lower()]}", TIME


def _n_oclock(c, g, lex, anchor, tense):
    n = lex.number(g("hh"))
    if not isinstance(n, (int, float)) or not 1 <= n <= 12:
        return None
    return f"T{int(n):02d}:00", TIME


def _n_ref(c, g, lex, anchor, tense):
    return lex.references[g("ref").lower()], DATE


def _n_year(c, g, lex, anchor, tense):
    return f"{int(g('year')):04d}", DATE


_NORMALISERS = {
    "iso": _n_iso, "numeric": _n_numeric, "md": _n_monthday, "dm": _n_monthday, "my": _n_monthyear,
    "month": _n_month, "decade": _n_decade, "decade_word": _n_decade_word, "century": _n_century,
    "season": _n_season, "quarter": _n_quarter, "deictic": _n_deictic, "tonight": _n_tonight,
    "lastnight": _n_lastnight, "thispart": _n_thispart, "weekday": _n_weekday, "relunit": _n_relunit,
    "pastn": _n_pastn, "ago": _n_ago, "every": _n_every, "freq": _n_freq, "setword": _n_setword,
    "duration": _n_duration, "vaguedur": _n_vaguedur, "clock": _n_clock, "clock24": _n_clock24,
    "clockmil": _n_clock24, "clockword": _n_clockword, "oclock": _n_oclock, "ref": _n_ref, "year": _n_year,
    "yearmod": _n_year, "half": _n_half, "edge": _n_edge, "fiscal": _n_fiscal, "theweekend": _n_theweekend,
    "overnight": _n_overnight, "holiday": _n_holiday, "refunit": _n_refunit,
}


# --------------------------------------------------------------------------- syntax-aware filters

def _tokens(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _prev_token(doc: Doc, span: Span) -> Token | None:
    return doc[span.start - 1] if span.start > 0 else None


def _next_token(doc: Doc, span: Span) -> Token | None:
    return doc[span.end] if span.end < len(doc) else None


def clause_tense(doc: Doc, span: Span) -> str:
    """Tense of the clause governing ``span``: past, present, future or unknown.

    Walks from the span's syntactic root up to the first verb. Future is marked
    by a future auxiliary ("will meet"), by "going to", or by an infinitive under
    a planning predicate ("plans to meet", "is due to vote") or heading a
    headline ("Lavrov to visit Tehran on Friday"). Past is a past-tense verb or
    auxiliary ("met", "has met", "was signed").
    """
    lex = lexicon()
    tok = span.root
    for _ in range(12):
        if tok not in span and _looks_ahead(tok, lex):
            return FUTURE  # "a dividend payable Nov. 15", "the vote set for Thursday"
        if tok.pos_ in CLAUSE_HEADS and tok not in span:
            break
        if tok.head.i == tok.i:
            break
        tok = tok.head
    if tok.pos_ not in CLAUSE_HEADS:
        return UNKNOWN
    return _verb_tense(tok, lex)


def _looks_ahead(tok: Token, lex: Lexicon) -> bool:
    """An adjective or participle that points forward ("payable", "due", "scheduled"),
    unless a past auxiliary makes it a report ("the fire was set on Tuesday")."""
    if tok.lower_ not in lex.future_heads or tok.tag_ not in ("JJ", "VBN"):
        return False
    return not any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in tok.children)


def _verb_tense(verb: Token, lex: Lexicon, depth: int = 0) -> str:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & lex.future_auxiliaries or (verb.tag_ == "MD" and verb.lower_ in lex.future_auxiliaries):
        return FUTURE
    # A possibility modal with a bare infinitive looks ahead ("passage could come
    # on Friday", "he might run in two years"); with "have" or a negation it does not
    # ("could have left", "could not agree on Friday").
    if lowers & lex.future_modals and verb.tag_ == "VB" and "have" not in lowers \
            and not any(c.dep_ == "neg" for c in verb.children):
        return FUTURE
    if "to" in lowers or verb.tag_ == "VB" and any(a.tag_ == "TO" for a in auxes):
        head = verb.head
        # Infinitive under a planning predicate, or a headline infinitive: future.
        if head.i == verb.i or head.lemma_.lower() in lex.future_predicates:
            return FUTURE
        if head.pos_ in ("NOUN", "PROPN"):
            return FUTURE  # infinitive on a noun: "plans to meet", headline "Lavrov to visit ..."
        if depth < 3 and head.pos_ in CLAUSE_HEADS | {"ADJ"}:
            t = _verb_tense(head, lex, depth + 1)
            return FUTURE if t == FUTURE else (UNKNOWN if t == PAST else t)
        return UNKNOWN
    if any(a.lower_ == "would" for a in auxes):
        return UNKNOWN  # reported future-in-the-past ("said it would meet on Friday")
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return PAST
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return PRESENT
    if verb.tag_ == "VBN" and verb.dep_ in ("acl", "relcl"):
        return PAST  # reduced relative: "the deal signed on Tuesday"
    return UNKNOWN


def _in_ents(doc: Doc, start: int, end: int, labels: tuple[str, ...]) -> bool:
    return any(e.label_ in labels and e.start_char <= start and end <= e.end_char for e in doc.ents)


def _keep(doc: Doc, cand: Candidate, span: Span, doc_text: str) -> bool:
    """Context checks a pattern cannot make on its own (``doc_text`` is ``doc.text``, built once)."""
    lex = lexicon()
    text = doc_text[cand.start:cand.end]
    prev, nxt = _prev_token(doc, span), _next_token(doc, span)
    prev_l = prev.lower_ if prev is not None else ""
    # A number after an identifier noun names a thing: "Resolution 2231", "Article 5".
    first_is_number = text[:1].isdigit()
    if first_is_number and prev_l.rstrip(".") in lex.identifier_nouns | {p.rstrip(".") for p in lex.identifier_nouns}:
        return False
    # A number before a unit of money or a percentage is a quantity: "2015 dollars", "15%".
    if first_is_number and nxt is not None and nxt.lower_ in lex.count_words:
        return False
    if first_is_number and prev is not None and prev.text in lex.number_prefixes:
        return False
    # Names and titles are not times: "Russia Today", "Friday Prayers" mid-name,
    # "Tuesday Group". A capitalised time word right after a capitalised
    # non-initial word is part of a proper name.
    if cand.kind in ("deictic", "ref", "setword", "weekday") and text[:1].isupper() and prev is not None \
            and prev.text[:1].isupper() and prev.pos_ == "PROPN" \
            and cand.kind != "weekday":
        return False
    # A word inside a named entity of another kind is part of a name: "The Sunday
    # Times", "Russia Today", "the Daily Mail", "May Day". Numbers are exempt
    # because spaCy often swallows a year into an EVENT or LAW name.
    if cand.kind in ("deictic", "ref", "setword", "weekday", "month", "season") and _in_ents(
            doc, cand.start, cand.end, NAME_LABELS):
        return False
    if cand.kind == "year":
        return _keep_year(doc, cand, span, prev, nxt)
    if cand.kind in ("month", "my", "md", "dm", "season"):
        return _keep_month(doc, cand, span, prev)
    if cand.kind == "weekday":
        # Weekdays are capitalised in English; a lower-case "sunday" is not a date.
        return (cand.get("wday") or "")[:1].isupper()
    if cand.kind == "overnight":
        # Only the adverb dates an event ("shelled the city overnight"); the adjective
        # names a kind of thing ("an overnight stay", "the overnight rate").
        return span[0].pos_ == "ADV" or span[0].dep_ in ("advmod", "npadvmod", "pobj")
    if cand.kind == "holiday":
        # Lower-case "christmas" is rare in news; a capital initial keeps out other words.
        return text[:1].isupper()
    if cand.kind == "duration":
        return _keep_duration(doc, cand, span, prev)
    if cand.kind == "ref" and cand.get("ref", "").lower() in ("now",):
        # "now" as a discourse particle opening a clause ("Now, ...") still refers to
        # the present in news; but "now-defunct" and similar compounds are excluded by the pattern.
        return True
    if cand.kind == "setword" \
            and text[:1].isupper() and not span[0].is_sent_start:
        return False  # "Daily Mail", "Weekly Standard": newspaper names
    if cand.kind in ("clock24",):
        # "2:1" scores and verse numbers: a 24-hour time needs a zone, "at", or spaCy's TIME label.
        return cand.get("tz") is not None or prev_l in lex.clock_prepositions \
            or _in_ents(doc, cand.start, cand.end, ("TIME",))
    return True


def _keep_year(doc: Doc, cand: Candidate, span: Span, prev: Token | None, nxt: Token | None) -> bool:
    """A bare four-digit number is a year only in a date-like context.

    Accepted: after a temporal preposition or modifier ("in 2015", "since 2015",
    "between 2010 and 2015", "the end of 2015"); as a modifier between a
    determiner and a noun ("the 2015 nuclear deal", "its 2019 report"); before a
    possessive ("2015's deal"); as a clause subject ("2015 was ..."); or when
    spaCy's NER also calls it a DATE.
    """
    lex = lexicon()
    prev_l = prev.lower_ if prev is not None else ""
    tok = span[0]
    strong = prev_l in lex.strong_year_prepositions
    # "2015 troops", "2000 people": a plural noun right after a bare number counts it.
    if nxt is not None and nxt.tag_ in ("NNS", "NNPS") and nxt.lower_ not in lex.unit_forms and not strong:
        if prev is None or prev.pos_ not in ("DET", "PRON") or prev_l in lex.approximators:
            return False
    if prev_l in lex.year_prepositions:
        return True
    if prev is not None and (prev.pos_ in ("DET",) or prev.tag_ in ("PRP$", "POS")) \
            and nxt is not None and nxt.pos_ in ("NOUN", "ADJ", "PROPN"):
        return True  # adjectival year: "the 2015 nuclear deal"
    if nxt is not None and nxt.tag_ == "POS":
        return True  # "2015's deal"
    if tok.dep_ in ("nsubj", "nsubjpass") and tok.head.lemma_ in lex.year_subject_verbs:
        return True  # "2015 was the hottest year"
    if _in_ents(doc, cand.start, cand.end, ("DATE",)) and (prev is None or prev.pos_ != "PROPN"):
        return True
    return False


def _keep_month(doc: Doc, cand: Candidate, span: Span, prev: Token | None) -> bool:
    """Month names must be capitalised; "May"/"March" alone also need a temporal cue."""
    lex = lexicon()
    mtext = cand.get("month") or ""
    if cand.kind == "season":
        return True
    if not mtext[:1].isupper():
        return False
    name = mtext.lower().rstrip(".")
    if cand.kind != "month":
        return True  # with a day or a year attached the reading is safe
    if cand.get("umod") or cand.get("pmod"):
        return True
    # A month abbreviation alone ("Dec", "Mar.") is too ambiguous outside a date.
    if name not in lex.months or any(o != name and o.startswith(name) for o in lex.months):
        return False
    prev_l = prev.lower_ if prev is not None else ""
    if name in lex.ambiguous_months:
        # "in May", "since March", "by May": the month reading needs a temporal preposition,
        # and the word must not be a verb in the parse ("Iran may ..." is lower-case anyway).
        return prev_l in lex.year_prepositions and span[0].pos_ in ("PROPN", "NOUN")
    return True


def _keep_duration(doc: Doc, cand: Candidate, span: Span, prev: Token | None) -> bool:
    """Number + unit is a duration; "a year" alone needs a duration preposition.

    "a decade" is a duration when governed by "for", "over", "within", "nearly",
    etc.; otherwise ("a year that ...", "$2,000 a year") it is not tagged.
    """
    lex = lexicon()
    num = (cand.get("num") or "").lower()
    if num in ("a", "an"):
        prev_l = prev.lower_ if prev is not None else ""
        # "lasted a decade", "took a year", "spent a week": verbs of duration take one too.
        return prev_l in lex.duration_cues \
            or (prev is not None and prev.lemma_.lower() in lex.duration_verbs) \
            or _is_rate(doc, cand, span, lex)
    return True


# --------------------------------------------------------------------------- component

def extract(doc: Doc) -> list[Time]:
    """All time expressions of ``doc`` anchored to ``doc._.published``, in text order."""
    anchor = _anchor(doc._.published)
    text = text_of(doc)
    found: list[tuple[Time, Candidate, Span]] = []
    taken: list[tuple[int, int]] = []
    rejected: list[tuple[int, int]] = []  # pattern matches ruled out by context: spaCy may not bring them back
    lex = lexicon()
    for cand in find_candidates(text):
        span = _tokens(doc, cand.start, cand.end)
        if span is None or len(span) == 0:
            continue
        if not _keep(doc, cand, span, text):
            rejected.append((cand.start, cand.end))
            continue
        start, end = cand.start, cand.end
        if cand.kind == "ref":
            # "in recent weeks" -> "recent weeks": the preposition is not part of the expression.
            words = text[start:end].split(maxsplit=1)
            if len(words) == 2 and words[0].lower() in lex.reference_strip:
                start = start + text[start:end].index(words[1])
        tense = clause_tense(doc, span)
        prev = _prev_token(doc, span)
        if prev is not None and prev.lower_ in lex.past_prepositions:
            tense = PAST  # "since March": a March already past
        if cand.kind == "duration" and _future_in(doc, span, tense):
            res = _future_offset(cand, anchor)
        elif cand.kind == "duration" and _is_rate(doc, cand, span, lex):
            # "two million passengers a day", "$500 a year": a rate, i.e. a set (TimeML SET P1D).
            res = duration_value(1, lex.unit_forms[(cand.get("unit") or "").lower()]), SET
        else:
            res = normalise(cand, anchor, tense)
        if res is None:  # matched the pattern but names no real time ("February 31")
            rejected.append((cand.start, cand.end))
            continue
        value, typ = res
        if cand.kind in ("md", "dm") and not cand.get("year"):
            value = _historic(doc, cand, span, lex) or value
        found.append((Time(span=(start, end), value=value, type=typ), cand, span))
        taken.append((start, end))
    found = _resolve_references(doc, found, lex)
    out = _join_clock_and_day(text, [t for t, _, _ in found])
    # spaCy DATE/TIME entities the patterns missed, when they hold a time word:
    # "the same day", "that week" (value unknown without an event anchor).
    for ent in doc.ents:
        if ent.label_ not in (DATE, TIME):
            continue
        if any(not (ent.end_char <= s or ent.start_char >= e) for s, e in taken + rejected):
            continue
        if not any(_is_time_word(t, lex) for t in ent) or _is_modifier_compound(ent, lex):
            continue
        out.append(Time(span=(ent.start_char, ent.end_char), value=None, type=ent.label_))
    out.sort(key=lambda t: t.span)
    return out


def _is_modifier_compound(ent: Span, lex: Lexicon) -> bool:
    """A hyphenated adjective built on a unit is no time expression of its own:
    ages ("a 30-year-old man": TimeML leaves ages out) and "full-year"/"multi-year"
    modifiers, whose first part is no number (numbered ones, "three-year", are durations)."""
    words = [t for t in ent if t.text != "-"]
    if ent[-1].lower_ in lex.age_suffixes and len(ent) >= 3 and ent[-2].text == "-":
        return True
    hyphenated = len(ent) == 3 and ent[1].text == "-" and not ent.text.count(" ")
    return hyphenated and not words[0].like_num and words[0].lower_ not in lex.cardinals \
        and words[-1].lower_ in lex.unit_forms and ent.root.dep_ in ("amod", "compound", "nmod")


def _is_rate(doc: Doc, cand: Candidate, span: Span, lex: Lexicon) -> bool:
    """"a day" after a counted amount is a rate ("two million passengers a day",
    "$500 a year", "three meals a day"), not a duration."""
    if (cand.get("num") or "").lower() not in lex.rate_links:
        return False
    prev = _prev_token(doc, span)
    if prev is None:
        return False
    if prev.like_num or prev.pos_ == "NUM":
        return True
    return prev.pos_ in ("NOUN", "PROPN") and any(c.dep_ == "nummod" or c.like_num for c in prev.children)


def _historic(doc: Doc, cand: Candidate, span: Span, lex: Lexicon) -> str | None:
    """The full date of a month-day that names one historical day ("the Sept. 11 attacks")."""
    nxt = _next_token(doc, span)
    if nxt is None:
        return None
    m, d = _month_num(cand.get("month")), _day_number(cand.get, lex)
    for hm, hd, hy, nouns in lex.historic_dates:
        if (m, d) == (hm, hd) and (nxt.lower_ in nouns or nxt.lemma_.lower() in nouns):
            return f"{hy:04d}-{hm:02d}-{hd:02d}"
    return None


_RE_REF_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_RE_PERIOD_ONLY = re.compile(r"^(?:FY\d{4}|\d{4}-(?:Q[1-4]|H[12]|SP|SU|FA|WI))$")
_RE_REF_PERIOD = re.compile(r"^(FY)?(\d{4})(?:-(Q[1-4]|H[12]|SP|SU|FA|WI|\d{2}))?$")


def shift_reference(ref: str, n: int, unit: str) -> str | None:
    """The value ``n`` units from a reference value ``ref``, or None when the
    reference is too coarse for the unit ("the day before" a month).

    A year's shift keeps a quarter, half, season or fiscal year ("a year
    earlier" than 1989-Q3 is 1988-Q3, the period business reports compare
    with); from a day or month it gives the year.
    """
    if m := _RE_REF_DAY.match(ref):
        try:
            day = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            return shift(day, n, unit)
        except (ValueError, OverflowError):
            return None
    m = _RE_REF_PERIOD.match(ref)
    if m is None:
        return None
    fy, y, sub = m.group(1), int(m.group(2)), m.group(3)
    if unit == "year":
        if sub and not sub.isdigit():
            return f"{y + n:04d}-{sub}"
        return f"{'FY' if fy else ''}{y + n:04d}"
    if fy:
        return None
    if unit == "month" and sub and sub.isdigit():
        yy, mm = _shift_month(y, int(sub), n)
        return f"{yy:04d}-{mm:02d}"
    if unit == "quarter" and sub and sub.startswith("Q"):
        return shift(dt.date(y, (int(sub[1]) - 1) * 3 + 1, 1), n, "quarter")
    return None


def _resolve_references(doc: Doc, found: list[tuple[Time, Candidate, Span]],
                        lex: Lexicon) -> list[tuple[Time, Candidate, Span]]:
    """Date the expressions that count from the narrative's reference time.

    "three days later", "the day before", "the following year", "the
    year-earlier period" shift the last calendar date mentioned before them
    (Reichenbach's reference time, as in news narrative: "Troops attacked on
    Saturday, and the day before ..."). Expressions resolved this way do not
    become references themselves, so "a year earlier ... the year-earlier
    period" both count from the same quarter. "the day after the election"
    counts from an event the text names, not from a date: no value.
    """
    out: list[tuple[Time, Candidate, Span]] = []
    ref: str | None = None
    # A year's shift compares reporting periods ("a year earlier", "the year-ago
    # quarter"): it counts from the latest quarter, half, season or fiscal year
    # when there is one, not from the day the results were announced.
    period_ref: str | None = None
    for t, cand, span in sorted(found, key=lambda f: f[0].span):
        word = None
        if cand.kind == "refunit":
            word, n = (cand.get("rdir") or "").lower(), 1
        elif cand.kind == "ago" and (cand.get("ago") or "").lower() in lex.later_words:
            word, n = cand.get("ago").lower(), lex.number(cand.get("num") or "")
        if word is None:
            out.append((t, cand, span))
            if t.value and t.type in (DATE, TIME) and (_RE_REF_DAY.match(t.value) or _RE_REF_PERIOD.match(t.value)):
                ref = t.value
                if _RE_PERIOD_ONLY.match(t.value):
                    period_ref = t.value
            continue
        value = None
        unit = (cand.get("unit") or "").lower()
        part = lex.parts_of_day.get(unit)
        unit = "day" if part else lex.unit_forms.get(unit, unit)
        event_anchor = any(c.dep_ in ("pobj", "pcomp") for c in span[-1].children)
        if ref and isinstance(n, (int, float)) and float(n).is_integer() and not event_anchor:
            base = period_ref if unit == "year" and period_ref else ref
            value = shift_reference(base, int(n) * lex.reference_shifts.get(word, 0), unit)
            if value and part:
                value = f"{value}T{part}"
        out.append((Time(span=t.span, value=value, type=TIME if part and value else t.type), cand, span))
    return out


_RE_CLOCK_ONLY = re.compile(r"^T\d{2}:\d{2}$")
_RE_DAY_ONLY = re.compile(r"^(?:\d{4}|XXXX)-\d{2}-\d{2}$")


def _join_clock_and_day(text: str, times: list[Time]) -> list[Time]:
    """"3 p.m. Thursday", "noon today": a clock time followed directly by its day
    is one TIMEX3 of type TIME with the day's date (2019-11-07T15:00)."""
    times = sorted(times, key=lambda t: t.span)
    out: list[Time] = []
    i = 0
    while i < len(times):
        a = times[i]
        b = times[i + 1] if i + 1 < len(times) else None
        if b is not None and a.type == TIME and a.value and _RE_CLOCK_ONLY.match(a.value) \
                and b.value and _RE_DAY_ONLY.match(b.value) and not text[a.span[1]:b.span[0]].strip():
            out.append(Time(span=(a.span[0], b.span[1]), value=b.value + a.value, type=TIME))
            i += 2
            continue
        out.append(a)
        i += 1
    return out


def _is_time_word(tok: Token, lex: Lexicon) -> bool:
    w = tok.lower_.rstrip(".")
    return (w in lex.unit_forms or w in lex.months and tok.text[:1].isupper() or w in lex.weekdays and tok.text[:1].isupper()
            or w in lex.seasons or w in lex.parts_of_day or w in lex.deictic_days)


def _future_in(doc: Doc, span: Span, tense: str) -> bool:
    """"in two weeks" with a future verb is a point ahead ("will meet in two weeks")."""
    prev = _prev_token(doc, span)
    return tense == FUTURE and prev is not None and prev.lower_ == "in"


def _future_offset(cand: Candidate, anchor: dt.date | None) -> tuple[str | None, str] | None:
    lex = lexicon()
    n = lex.number(cand.get("num") or "")
    unit = lex.unit_forms.get((cand.get("unit") or "").lower())
    if n is None or unit is None or n == "X" or not float(n).is_integer():
        return None, DATE
    if anchor is None:
        return None, DATE
    return shift(anchor, int(n), unit), DATE


def _anchor(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


class TimesComponent:
    """spaCy component: sets ``doc._.times``. Never raises on odd text: a failure leaves an empty list."""

    def __init__(self, nlp: Language, name: str = "whimbrel_times"):
        self.name = name
        lexicon()  # load and compile the vocabulary once, at pipeline build time

    def __call__(self, doc: Doc) -> Doc:
        try:
            doc._.times = extract(doc)
        except Exception:  # degrade gracefully: no times rather than no document, but say so
            log.warning("whimbrel_times failed on document %r", doc._.doc_id, exc_info=True)
            doc._.times = []
        return doc


@Language.factory("whimbrel_times", assigns=["doc._.times"], requires=["doc.ents", "token.dep"])
def make_times(nlp: Language, name: str) -> TimesComponent:
    return TimesComponent(nlp, name)


# --------------------------------------------------------------------------- helpers for later stages

def _time_spans(doc: Doc) -> list[tuple[Time, Span]]:
    cache = doc.user_data.get("whimbrel_time_spans")
    if cache is None:
        cache = []
        for t in doc._.times or ():
            sp = doc.char_span(t.span[0], t.span[1], alignment_mode="expand")
            if sp is not None and len(sp):
                cache.append((t, sp))
        doc.user_data["whimbrel_time_spans"] = cache
    return cache


def _attaches_to(sp: Span, target: Token) -> bool:
    """True when the time span hangs (directly, or through a preposition) below ``target``
    without crossing another clause head: "met [on Tuesday]" dates "met"."""
    tok = sp.root
    for _ in range(6):
        if tok.head.i == tok.i or tok.dep_ not in ATTACH_DEPS:
            return False
        tok = tok.head
        if tok == target:
            return True
        if tok.pos_ in CLAUSE_HEADS:
            return False
    return False


def time_for_token(doc: Doc, token: Token) -> Time | None:
    """The DATE/TIME expression that dates ``token`` (a verb or event noun), or None.

    Order of preference: an expression attached to the token itself
    ("signed [on Tuesday]"); one attached to the verb governing a noun token
    ("signed the deal [on Tuesday]" for "deal"); then the nearest dated
    expression in the same sentence.
    """
    spans = [(t, sp) for t, sp in _time_spans(doc) if t.type in (DATE, TIME)]
    if not spans:
        return None
    for t, sp in spans:
        if token not in sp and _attaches_to(sp, token):
            return t
        if token in sp:
            return t
    gov = token
    for _ in range(4):
        if gov.head.i == gov.i:
            break
        gov = gov.head
        if gov.pos_ in CLAUSE_HEADS:
            for t, sp in spans:
                if _attaches_to(sp, gov):
                    return t
            break
    sent = token.sent
    same = [(t, sp) for t, sp in spans if sp.start >= sent.start and sp.end <= sent.end]
    if not same:
        return None
    with_value = [(t, sp) for t, sp in same if t.value] or same
    return min(with_value, key=lambda p: min(abs(p[1].start - token.i), abs(p[1].end - 1 - token.i)))[0]


_RE_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_RE_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RE_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
_RE_YEARISH = re.compile(r"^(\d{4})(?:-(?:SP|SU|FA|WI|Q[1-4]|H[12]))?$")


def date_of(time: Time | None) -> tuple[str | None, str | None]:
    """A Time as an event date: (value, resolution day|month|year|None).

    "2020-11-17TEV" -> ("2020-11-17", "day"); "2018-05" -> ("2018-05", "month");
    "2015", "2019-SU", "2020-Q3" -> year. An ISO week becomes its month when the
    week lies in one month, else its year. Decades, references (PRESENT_REF),
    durations, sets and values with an unknown year (XXXX-10-18) give (None, None).
    """
    if time is None or not time.value or time.type in (DURATION, SET):
        return None, None
    v = time.value
    if m := _RE_DAY.match(v):
        return f"{m.group(1)}-{m.group(2)}-{m.group(3)}", "day"
    if _RE_MONTH.match(v):
        return v, "month"
    if m := _RE_WEEK.match(v):
        y, w = int(m.group(1)), int(m.group(2))
        try:
            first = dt.date.fromisocalendar(y, w, 1)
        except ValueError:
            return None, None
        last = first + dt.timedelta(days=6)
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}", "month"
        return (f"{first.year:04d}", "year") if first.year == last.year else (None, None)
    if m := _RE_YEARISH.match(v):
        return m.group(1), "year"
    return None, None


__all__ = [
    "Candidate", "TimesComponent", "clause_tense", "date_of", "duration_value", "extract", "find_candidates",
    "lexicon", "make_times", "normalise", "shift", "shift_reference", "time_for_token", "weekday_date", "year_for_month",
    "year_for_month_day",
]
