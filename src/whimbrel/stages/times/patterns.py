"""Candidate time expressions: regular expressions built from the vocabulary, run over the text.

:func:`find_candidates` is pure (text only): it runs every pattern and keeps the
longest non-overlapping matches; :mod:`.filters` then drops the ones that need
syntax to rule out. A pattern runs only over a text that holds one of the
literals every match of it needs (:mod:`whimbrel.rxguard`; ``guarded=False``
runs them all, with the same result).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import TYPE_CHECKING

from ... import rxguard

if TYPE_CHECKING:
    from .vocab import Vocabulary


def _alt(words: Iterable[str]) -> str:
    """A regex alternation of ``words``, longest first so the longest form wins."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def _pieces(lex: Vocabulary) -> SimpleNamespace:
    """The parts the patterns share: month names, days, years, numbers, modifiers, boundaries."""
    # An abbreviation ("Oct", "Sept") may carry a full stop; a full name may not,
    # so a sentence-final "October." leaves its full stop outside the span.
    abbrs = [m for m in lex.months if any(o != m and o.startswith(m) for o in lex.months)]
    fulls = [m for m in lex.months if m not in abbrs]
    month = rf"(?P<month>(?:{_alt(abbrs)})\.?|{_alt(fulls)})"
    month_full = rf"(?P<everymonth>{_alt(fulls)})"
    wday_full = _alt(w for w in lex.weekdays if w not in lex.ambiguous_weekdays)
    wday_abbr = _alt(lex.ambiguous_weekdays)
    # A weekday introducing a full date: "Tuesday, October 20" or "Tue., Oct. 20".
    wday_prefix = rf"(?:(?P<wday>{wday_full}|(?:{wday_abbr})\.)\s*,?\s+)?"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
    ordword = rf"(?P<dayword>{_alt(lex.ordinals)})"
    year = r"(?P<year>1\d{3}|20\d{2}|2100)"
    # "nineteen ninety-six": a year spoken in a broadcast transcript (find_candidates adds its "year").
    spoken_year = (rf"(?P<century>nineteen|eighteen)\s+(?P<rest>(?:{_alt(lex.tens)})"
                   r"(?:-(?:one|two|three|four|five|six|seven|eight|nine))?"
                   r"|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)")
    pmod = rf"(?:(?P<pmod>{_alt(lex.point_modifiers)})[\s-]+)?"
    unit_alt = _alt(lex.unit_forms)
    num_words = list(lex.cardinals) + list(lex.vague)
    number = rf"(?P<num>(?<!\d,)\d+(?:,\d{{3}})*(?:\s+1/2)?|(?:{_alt(lex.tens)})(?:-(?:{_alt(lex.cardinals)})|\s+(?:one|two|three|four|five|six|seven|eight|nine)(?![\w-]))|{_alt(num_words)})"
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
    return SimpleNamespace(month=month, month_full=month_full, wday_full=wday_full, wday_abbr=wday_abbr,
                           wday_prefix=wday_prefix,
                           day=day, ordword=ordword, year=year, spoken_year=spoken_year, pmod=pmod,
                           unit_alt=unit_alt, number=number,
                           umod=umod, wmod=wmod, within=within, part=part, season=season, tz=tz,
                           quarter_words=quarter_words, ago_plain=ago_plain, ampm=ampm, end=end, start=start)


def _calendar_patterns(p: SimpleNamespace, lex: Vocabulary) -> list[tuple[str, str]]:
    """Calendar dates, months, years, decades, centuries, seasons, quarters, halves and their edges."""
    return [
        # 2020-10-18 (ISO 8601), optionally with a clock time.
        ("iso", rf"{p.start}(?P<year>\d{{4}})-(?P<mon>\d{{2}})-(?P<day>\d{{2}})(?:T(?P<hh>\d{{2}}):(?P<mm>\d{{2}}))?{p.end}"),
        # 10/18/2020: numeric dates in US order (month first), as in US wire copy.
        ("numeric", rf"{p.start}(?P<mon>\d{{1,2}})/(?P<day>\d{{1,2}})/(?P<year>\d{{4}}|\d{{2}}){p.end}"),
        # October 18, 2020 / Tuesday, Oct. 18 / October 18th.
        # "the week of March 6": the (ISO) week of that day.
        ("md", rf"{p.start}(?P<weekof>the\s+week\s+of\s+)?{p.wday_prefix}{p.month}\s+{p.day}(?:\s*,?\s+{p.year})?{p.end}"),
        # 18 October 2020 / the 18th of October / the eighteenth of October.
        ("dm", rf"{p.start}{p.wday_prefix}(?:(?:the\s+)?{p.day}|the\s+{p.ordword})\s+(?:of\s+)?{p.month}(?:\s*,?\s+{p.year})?{p.end}"),
        # 22-23 October / October 22-23, 2020: a range of days is dated by its first day.
        ("md", rf"{p.start}{p.month}\s+{p.day}\s*(?:-|–)\s*(?P<day2>[0-3]?\d)(?:\s*,?\s+{p.year})?{p.end}"),
        ("dm", rf"{p.start}(?:the\s+)?{p.day}\s*(?:-|–|and|to)\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?{p.month}(?:\s*,?\s+{p.year})?{p.end}"),
        # May 2018 / early May 2018 / October of 2019; January this year / June last year
        # (the month of the year named from the anchor).
        ("my", rf"{p.start}{p.pmod}{p.month}(?:\s*,?\s+(?:of\s+)?(?:{p.year}|{p.spoken_year})|\s+(?P<umod>this|last|next)\s+year){p.end}"),
        # October / last October / mid-October: a month without day or year.
        ("month", rf"{p.start}(?:{p.umod}\s+)?{p.pmod}{p.month}{p.end}"),
        # the 1990s / the '90s / the 90s / the early 2000s.
        ("decade", rf"{p.start}(?:the\s+)?{p.pmod}(?:['’])?(?P<dec>1\d\d0|20\d0|\d0)['’]?s{p.end}"),
        ("decade_word", rf"{p.start}the\s+{p.pmod}(?P<decword>{_alt(lex.decade_words)}){p.end}"),
        # the 20th century / the twentieth century / "an 11th century temple".
        ("century", rf"{p.start}(?:the\s+)?{p.pmod}(?:(?P<cent>\d{{1,2}})(?:st|nd|rd|th)|(?P<centword>{_alt(lex.ordinals)}))[\s-]+century{p.end}"),
        # summer 2019 / the summer of 2019 / last summer / this spring.
        ("season", rf"{p.start}(?:(?:{p.umod}|the)\s+)?{p.pmod}{p.season}(?:\s+(?:of\s+)?(?:{p.year}|{p.spoken_year}))?{p.end}"),
        # the third quarter (of 2020) / Q3 2020.
        # "third-quarter profit": the quarter as a hyphenated modifier is the same quarter.
        # TimeML leaves the determiner of a hyphenated modifier outside ("the [third-quarter] loss").
        ("quarter", rf"{p.start}(?:the\s+(?=(?:fiscal[\s-]+)?\w+\s+quarter))?(?:fiscal[\s-]+)?(?P<qword>{p.quarter_words})(?:\s+quarter(?:\s+of\s+{p.year})?|-quarter){p.end}"),
        # the 1988 third quarter / this year's third quarter / next year's first quarter.
        ("quarter", rf"{p.start}(?:(?:the\s+)?{p.year}|(?P<umod>this|last|next)\s+year['’]s)\s+(?:fiscal\s+)?(?P<qword>{p.quarter_words})[\s-]+quarter{p.end}"),
        # the quarter: the quarter a business story reports (dated in .references).
        # the 1988 quarter / the 1989 period: the reported quarter of that year.
        # the year / the fiscal year / the full year (kind "theperiod" with a "year" part): the
        # anchor's year, or a duration when a business report closes it ("for the year ended
        # Sept. 30": P1Y).
        ("theperiod", rf"{p.start}the\s+(?:{p.year}\s+(?:quarter|period)|(?P<barequarter>quarter)(?!\s+(?:of|century)\b)|(?P<bareweek>week)(?![\w-])(?!\s+(?:of|before|after|earlier|later|ago|ahead|ended|ending)\b)|(?P<latest>latest)\s+period|(?:(?:current\s+|latest\s+)?fiscal\s+|full\s+)?(?P<wholeyear>year)(?![\w-])(?!\s+(?:of|before|after|earlier|later|ago|two)\b)(?:(?=(?P<closed>\s+(?:ended|ending)\b))|)){p.end}"),
        # fiscal 1990 / fiscal year 1990 / the 1990 fiscal year (TIMEX3 FY1990).
        ("fiscal", rf"{p.start}fiscal[\s-]+(?:year\s+)?{p.year}{p.end}"),
        ("fiscal", rf"{p.start}the\s+{p.year}\s+fiscal\s+year{p.end}"),
        ("quarter", rf"{p.start}Q(?P<qnum>[1-4])\s+{p.year}{p.end}"),
        # the first half of 2020 (TIMEX3 2020-H1).
        ("half", rf"{p.start}the\s+(?P<half>first|second|last)\s+half(?:\s+of\s+{p.year}|(?!\s+of\b)){p.end}"),
        # the end of the year / the start of next month: the edge of a calendar unit
        # has that unit's value (TIMEX3 would add mod=END/START).
        ("edge", rf"{p.start}the\s+(?:end|beginning|start|middle)\s+of\s+(?:the\s+|(?P<umod>this|next|last)\s+)(?P<unit>year|month|week|decade|century){p.end}(?!\s+of\b)"),
        # the end of June / the start of 1990 / the end of March 1991: the month's or year's value.
        ("my", rf"{p.start}(?P<pmod>the\s+(?:end|beginning|start|middle)\s+of)\s+{p.month}\s*,?\s+{p.year}{p.end}"),
        ("month", rf"{p.start}(?P<pmod>the\s+(?:end|beginning|start|middle)\s+of)\s+{p.month}{p.end}"),
        ("yearmod", rf"{p.start}the\s+(?:end|beginning|start|middle)\s+of\s+{p.year}(?![\w-]|[.,]\d|\s*%)"),
        # by year-end / since year end / by year's end: the year's end, the value of the year.
        ("yearend", rf"{p.start}year(?:['’]s)?[\s-]+end{p.end}"),
    ]


def _anchored_patterns(p: SimpleNamespace, lex: Vocabulary) -> list[tuple[str, str]]:
    """Days and units named from the anchor or from the story's reference time, and sets."""
    return [
        # yesterday / today / tomorrow (morning) / tonight / last night / this morning.
        # "late yesterday", "early today": the modifier belongs to the expression, as with weekdays.
        ("deictic", rf"{p.start}{p.pmod}(?P<deixis>{_alt(lex.deictic_days)}){p.part}{p.end}"),
        ("tonight", rf"{p.start}tonight{p.end}"),
        ("lastnight", rf"{p.start}last\s+night{p.end}"),
        ("thispart", rf"{p.start}this\s+(?P<part>{_alt(k for k in lex.parts_of_day if k != 'night')}){p.end}"),
        # Tuesday / last Tuesday / next Tuesday / Tuesday night / on Tuesdays (a set).
        # "early Monday", "late Tuesday": the modifier belongs to the expression (TIMEX3 mod=START/END).
        ("weekday", rf"{p.start}{p.pmod}{p.wmod}(?P<wday>{p.wday_full})(?P<plural>s)?{p.part}{p.end}"),
        # the weekend: the nearest weekend in the direction of the clause's tense.
        ("theweekend", rf"{p.start}the\s+weekend{p.end}"),
        # overnight (an adverb): the night before the publication day, as "last night".
        ("overnight", rf"{p.start}overnight{p.end}"),
        # Christmas, New Year's Eve: fixed-date holidays.
        ("holiday", rf"{p.start}(?P<holiday>{_alt(lex.holidays)}){p.end}"),
        # Dated from the previous time expression (the narrative's reference time):
        # "the day before", "the previous day", "the following year", "the year-earlier period".
        ("refunit", rf"{p.start}the\s+(?P<unit>day|night|week|month|year)\s+(?P<rdir>before|after|earlier|later){p.end}"),
        ("refunit", rf"{p.start}the\s+(?P<rdir>previous|following|prior)\s+(?P<unit>day|night|week|month|quarter|year){p.end}"),
        # "down 4.5% from the previous Friday": that weekday before (after) the story's day.
        ("refunit", rf"{p.start}the\s+(?P<rdir>previous|following|prior)\s+(?P<wday>{p.wday_full}){p.end}"),
        # that year / that day: the unit of the story's reference time ("earlier" joins it in extract).
        # "year-earlier profit", "Year-ago results": the adjective alone is the expression.
        ("refunit", rf"{p.start}(?:(?P<that>that)\s+(?P<unit>day|week|month|quarter|year)|(?P<yearadj>year)-(?P<rdir>earlier|ago)){p.end}"),
        ("refunit", rf"{p.start}the\s+(?P<rdir>next)\s+(?P<unit>day|morning){p.end}"),
        # "in the morning", "by mid afternoon": that part of the story's day (kept after a preposition).
        ("refunit", rf"{p.start}(?:the\s+|mid[\s-]?)(?P<unit>morning|afternoon|evening){p.end}"),
        # "the year-earlier nine months": the same stretch of the year before.
        # "the comparable year-ago quarter", "the year-earlier third quarter": that quarter a year back.
        ("refunit", rf"{p.start}the\s+(?:comparable\s+)?(?P<unit>year|month|quarter|week|day)-(?P<rdir>earlier|ago|before)\s+(?:(?P<qword>{_alt(lex.quarters)})\s+quarter|{_alt(lex.comparison_nouns)}|(?P<cnum>{_alt(lex.cardinals)})\s+months){p.end}"),
        # "the quarter a year ago": the reported quarter a year back.
        ("refunit", rf"{p.start}the\s+quarter\s+a\s+(?P<unit>year)\s+(?P<rdir>ago|earlier){p.end}"),
        # "the same period last year", "last year's quarter": the reported period a year back.
        ("refunit", rf"{p.start}the\s+(?:same|corresponding|comparable)\s+(?:period|quarter)\s+(?P<rdir>last)\s+(?P<unit>year){p.end}"),
        ("refunit", rf"{p.start}(?P<rdir>last)\s+(?P<unit>year)['’]s\s+(?:period|quarter){p.end}"),
        # earlier this year / last week / next month / the past decade / this weekend.
        ("relunit", rf"{p.start}(?P<the>the\s+)?{p.within}{p.umod}\s+(?P<unit>{p.unit_alt}){p.end}"),
        # the past three years / the next two weeks / the last few months: durations.
        # "the first nine months (of 1989)": the stretch from the start of the year, a duration.
        ("pastn", rf"{p.start}the\s+(?P<umod>past|last|next|coming|previous|following|first|latest)\s+{p.number}\s+(?P<unit>{p.unit_alt})(?:\s+of\s+{p.year})?{p.end}"),
        # two days ago / a year ago / three weeks later.
        ("ago", rf"{p.start}{p.number}\s+(?P<unit>{p.unit_alt})\s+(?P<ago>{_alt(p.ago_plain)}|(?:{_alt(lex.prepositional_words)})(?!\s*\w)){p.end}"),
        # every week / each year / every two years / every Monday: sets.
        ("every", rf"{p.start}(?P<q>{_alt(lex.set_quantifiers)})\s+(?:(?P<num>other|\d+|{_alt(lex.cardinals)})\s+)?(?:(?P<unit>{p.unit_alt})|(?P<wday>{p.wday_full}))(?P<part2>{p.part}){p.end}"),
        # every July / each spring: that month or season of every year.
        ("every", rf"{p.start}(?P<q>{_alt(lex.set_quantifiers)})\s+(?:{p.month_full}|{p.season}){p.end}"),
        # once a year / twice a week / three times a day: sets with a frequency.
        ("freq", rf"{p.start}(?P<freq>once|twice|{p.number}\s+times)\s+(?:{_alt(lex.frequency_links)})\s+(?P<unit>{p.unit_alt}){p.end}"),
        ("setword", rf"{p.start}(?P<setword>{_alt(lex.set_words)}){p.end}"),
    ]


def _clock_and_number_patterns(p: SimpleNamespace, lex: Vocabulary) -> list[tuple[str, str]]:
    """Durations, clock times, reference words, and years on their own."""
    return [
        # three years / 48 hours / a three-year deal / several months / for years.
        ("duration", rf"{p.start}{p.number}[\s-]+(?:(?P<qual>{_alt(lex.count_qualifiers)})\s+)?(?P<unit>{p.unit_alt}){p.end}"),
        ("vaguedur", rf"(?<=\bfor\s)(?P<unit>years|decades|months|weeks|days|hours|centuries){p.end}"),
        # 3 p.m. / 3:30 pm / 15:00 GMT / 1500 GMT / noon / 8 o'clock.
        ("clock", rf"{p.start}(?P<hh>[01]?\d)(?::(?P<mm>[0-5]\d))?\s*{p.ampm}(?:(?<=\.)|{p.end}){p.tz}"),
        ("clock24", rf"{p.start}(?P<hh>[01]?\d|2[0-3]):(?P<mm>[0-5]\d){p.end}{p.tz}"),
        ("clockmil", rf"{p.start}(?P<hh>[01]\d|2[0-3])(?P<mm>[0-5]\d)\s+(?P<tz>gmt|utc|hrs|hours\s+gmt){p.end}"),
        ("clockword", rf"{p.start}(?P<clockword>{_alt(lex.clock_words)}){p.end}"),
        ("oclock", rf"{p.start}(?P<hh>[01]?\d|{_alt(lex.cardinals)})\s+o['’]clock{p.end}"),
        # "4 in the morning", "ten in the evening": the hour of that part of the day.
        ("oclock", rf"{p.start}(?P<hh>[01]?\d|{_alt(lex.cardinals)})\s+in\s+the\s+(?P<part>morning|afternoon|evening|night){p.end}"),
        # now / currently / in recent weeks / in the coming months / soon.
        ("ref", rf"{p.start}(?P<ref>{_alt(lex.references)}){p.end}"),
        # early 2019 / mid-2019 / late 2019: a year with a part-of-year modifier.
        ("yearmod", rf"{p.start}(?P<pmod>{_alt(lex.point_modifiers)})[\s-]+{p.year}(?![\w-]|[.,]\d|\s*%)"),
        # nineteen ninety-six / the year two thousand: years spoken in broadcast transcripts.
        ("yearword", rf"{p.start}(?:the\s+year\s+(?P<millennium>two)\s+thousand|{p.spoken_year}){p.end}"),
        # A bare year: 2015 (kept only in a date-like context, checked later).
        ("year", rf"{p.start}{p.year}(?![\w-]|[.,]\d|\s*%)"),
    ]


def compile_patterns(lex: Vocabulary) -> list[tuple[str, re.Pattern[str]]]:
    """The candidate patterns, in priority order (earlier wins a tie in length)."""
    p = _pieces(lex)
    defs = _calendar_patterns(p, lex) + _anchored_patterns(p, lex) + _clock_and_number_patterns(p, lex)
    return [(kind, re.compile(src, re.IGNORECASE)) for kind, src in defs]


def compiled(lex: Vocabulary) -> Vocabulary:
    """``lex`` with its patterns compiled and their guards made (once per vocabulary object)."""
    if not lex.patterns:
        lex.patterns = compile_patterns(lex)
        lex.guards = [rxguard.required(rx) for _, rx in lex.patterns]
    return lex


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


def find_candidates(text: str, lex: Vocabulary | None = None, guarded: bool = True) -> list[Candidate]:
    """All pattern matches in ``text``, longest first where they overlap, in text order.

    Pure: knows nothing of syntax; :mod:`.filters` drops the matches that need
    context (bare years, ambiguous month names). ``lex``: the vocabulary (default:
    the package's).
    """
    if lex is None:
        from .vocab import packaged

        lex = packaged()
    lex = compiled(lex)
    found: list[Candidate] = []
    folded = rxguard.fold(text) if guarded else ""
    for prio, (kind, rx) in enumerate(lex.patterns):
        if guarded and not lex.guards[prio].may_match(folded):
            continue
        for m in rx.finditer(text):
            if m.end() <= m.start():
                continue
            parts = tuple((k, v) for k, v in m.groupdict().items() if v is not None)
            if kind != "yearword" and m.groupdict().get("century") and not m.groupdict().get("year"):
                parts += _spoken_year(m.group("century"), m.group("rest"), lex)
            found.append(Candidate(m.start(), m.end(), kind, parts, prio))
    return _longest_first(found)


def _spoken_year(century: str, rest: str, lex: Vocabulary) -> tuple[tuple[str, str], ...]:
    """The "year" part of a month or season named with a spoken year ("January nineteen ninety-seven")."""
    c, r = lex.number(century), lex.number(rest)
    if isinstance(c, (int, float)) and isinstance(r, (int, float)) and 10 <= r <= 99:
        return (("year", f"{int(c) * 100 + int(r):04d}"),)
    return ()


def _longest_first(cands: list[Candidate]) -> list[Candidate]:
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)

