"""Syntax-aware filters: which pattern matches are time expressions in their sentence.

A pattern cannot see context. A bare number is a year only in a date-like
context ("in 2015", "the 2015 nuclear deal"), never after an identifier noun
("Resolution 2231") or before a counted noun ("2015 votes"); months that are
also common words ("may", "march") need a temporal preposition or modifier;
a time word inside a name ("The Sunday Times") is part of the name.

:data:`KEEP_RULES` is an ordered table: each rule answers True (keep), False
(drop) or None (no opinion: ask the next); a candidate no rule decides is kept.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ... import syntax
from .anchoring import PAST
from .tense import clause_tense

if TYPE_CHECKING:
    from .patterns import Candidate
    from .vocab import Vocabulary

#: Named-entity labels of names: a time word inside one of them is part of the name.
NAME_LABELS = ("ORG", "PERSON", "WORK_OF_ART", "LAW", "EVENT", "PRODUCT", "FAC", "GPE", "NORP", "LOC")
#: Where the adverb "overnight" dates an event.
_ADVERBIAL = frozenset({syntax.advmod, syntax.npadvmod, syntax.pobj})
#: A year as a clause subject ("2015 was the hottest year").
_SUBJECTS = frozenset({syntax.nsubj, syntax.nsubjpass})


def prev_token(doc: Doc, span: Span) -> Token | None:
    return doc[span.start - 1] if span.start > 0 else None


def next_token(doc: Doc, span: Span) -> Token | None:
    return doc[span.end] if span.end < len(doc) else None


def in_ents(doc: Doc, start: int, end: int, labels: tuple[str, ...]) -> bool:
    """True when characters start..end lie inside a named entity with one of ``labels``."""
    return any(e.label_ in labels and e.start_char <= start and end <= e.end_char for e in doc.ents)


@dataclass(slots=True)
class Context:
    """A candidate in its sentence, as the keep rules see it (``text``: the matched text)."""

    doc: Doc
    cand: Candidate
    span: Span
    text: str
    prev: Token | None
    nxt: Token | None
    prev_l: str
    lex: Vocabulary


KeepRule = Callable[[Context], "bool | None"]


def identifier_number(c: Context) -> bool | None:
    """"Resolution 2231", "Article 5": a number after an identifier noun names a thing."""
    if c.text[:1].isdigit() and c.prev_l.rstrip(".") in c.lex.identifier_stems:
        return False
    return None


def counted_number(c: Context) -> bool | None:
    """"2015 dollars", "15%": a number before a unit of money or a percentage is a quantity."""
    if c.text[:1].isdigit() and c.nxt is not None and c.nxt.lower_ in c.lex.count_words:
        return False
    return None


def prefixed_number(c: Context) -> bool | None:
    """"$2015", "#2020", "No. 1999": a number after a money or number sign."""
    if c.text[:1].isdigit() and c.prev is not None and c.prev.text in c.lex.number_prefixes:
        return False
    return None


def after_capitalised_name(c: Context) -> bool | None:
    """"Russia Today", "Friday Prayers" mid-name: a capitalised time word right after a
    capitalised proper noun is part of a name (weekdays excepted: "Iran Friday")."""
    if c.cand.kind in ("deictic", "ref", "setword") and c.text[:1].isupper() and c.prev is not None \
            and c.prev.text[:1].isupper() and c.prev.pos_ == "PROPN":
        return False
    return None


def capitalised_title(c: Context) -> bool | None:
    """"ABC News' "This Week"", "CBS's "60 Minutes"": a unit word capitalised inside a sentence
    names a programme or a title (a capitalised unit opening the sentence, "Last Week", does not)."""
    unit = c.cand.get("unit") or ""
    if c.cand.kind in ("relunit", "duration") and unit[:1].isupper() and not c.span[0].is_sent_start \
            and not (c.prev is not None and c.prev.is_punct and c.prev.is_sent_start and c.prev.text not in "\"“'`"):
        words = c.text.split()
        if not all(w[:1].isupper() or w[:1].isdigit() for w in words):
            return None
        alpha = [t for t in c.span.sent if t.is_alpha]
        headline = sum(t.text[:1].isupper() for t in alpha) > 0.6 * len(alpha)  # "Talks To Resume Next Week"
        return None if headline else False
    return None


def inside_a_name(c: Context) -> bool | None:
    """"The Sunday Times", "the Daily Mail", "May Day": a word inside a named entity of another
    kind is part of a name. Numbers are exempt because spaCy often swallows a year into an
    EVENT or LAW name."""
    if c.cand.kind in ("deictic", "ref", "setword", "weekday", "month", "season") and in_ents(
            c.doc, c.cand.start, c.cand.end, NAME_LABELS):
        return False
    return None


def bare_year(c: Context) -> bool | None:
    """"in 2015", "the 2015 nuclear deal" but not "2015 troops": see :func:`keep_year`."""
    return keep_year(c) if c.cand.kind == "year" else None


def month_name(c: Context) -> bool | None:
    """"in May" but not "Iran may ...": see :func:`keep_month`."""
    return keep_month(c) if c.cand.kind in ("month", "my", "md", "dm", "season") else None


def weekday_capitalised(c: Context) -> bool | None:
    """"on Sunday" but not "sunday": weekdays are capitalised in English."""
    return (c.cand.get("wday") or "")[:1].isupper() if c.cand.kind == "weekday" else None


def overnight_adverb(c: Context) -> bool | None:
    """"shelled the city overnight" but not "an overnight stay", "the overnight rate":
    only the adverb dates an event."""
    if c.cand.kind == "overnight":
        return c.span[0].pos_ == "ADV" or c.span[0].dep in _ADVERBIAL
    return None


def holiday_capitalised(c: Context) -> bool | None:
    """"before Christmas": lower-case "christmas" is rare in news; a capital initial keeps out other words."""
    return c.text[:1].isupper() if c.cand.kind == "holiday" else None


def duration(c: Context) -> bool | None:
    """"for a decade", "three years" but not "a year of crisis": see :func:`keep_duration`."""
    return keep_duration(c) if c.cand.kind == "duration" else None


def rate_of_an_amount(c: Context) -> bool | None:
    """"$500 million a year", "four flights a week", "sales rising 8% annually": the unit after a
    counted amount divides the amount (a rate); it dates nothing and TimeBank leaves most of them
    unmarked (8 of 11 "a year" rates and 3 of 4 set adverbs after an amount in its development
    set), while "twice a year", "every week" and "meets annually" stay sets."""
    if c.cand.kind == "duration" and is_rate(c.doc, c.cand, c.span, c.lex):
        return False
    if c.cand.kind == "setword" and after_amount(c.doc, c.span):
        return False
    return None


def now(c: Context) -> bool | None:
    """"now" refers to the present in news, opening a clause too ("Now officials are
    investigating"); "now-defunct" and similar compounds are excluded by the pattern. But a
    sentence-opening "Now," set off by a comma, or "Now for ...", is a discourse marker that
    turns to the next point (TimeBank annotates none of them)."""
    if c.cand.kind == "ref" and c.cand.get("ref", "").lower() in ("now",):
        opening = c.span[0].is_sent_start or c.prev is not None and c.prev.is_punct and c.prev.is_sent_start
        return not (opening and c.nxt is not None and c.nxt.lower_ in c.lex.discourse_now_followers)
    return None


def newspaper_name(c: Context) -> bool | None:
    """"the Daily Mail", "Weekly Standard": a capitalised set word inside a sentence is a newspaper name."""
    if c.cand.kind == "setword" and c.text[:1].isupper() and not c.span[0].is_sent_start:
        return False
    return None


def age_or_fraction(c: Context) -> bool | None:
    """"Mr. Reupke, 52 years old", "three-quarters of its food": an age (TimeML leaves ages out)
    and a fraction are counts that look like durations."""
    if c.cand.kind != "duration" or c.nxt is None:
        return None
    if c.nxt.lower_ in c.lex.age_suffixes:
        return False
    unit = (c.cand.get("unit") or "").lower()
    if c.lex.unit_forms.get(unit) == "quarter" and c.nxt.lower_ == "of":
        return False  # "three-quarters of its food", "more than a quarter of the market"
    return None


def as_soon_as(c: Context) -> bool | None:
    """"as soon as the talks end": "soon" inside the conjunction "as soon as" is no time of its own."""
    if c.cand.kind == "ref" and c.text.lower() == "soon" and c.prev_l == "as" \
            and c.nxt is not None and c.nxt.lower_ == "as":
        return False
    return None


def soon_in_the_past(c: Context) -> bool | None:
    """"He was soon released", "killed soon after being captured": FUTURE_REF is the future of the
    publication date, so "soon" in a past clause, or before "after" (a relation to an event), is no
    time of its own; "prosecutors may soon seek an indictment" is."""
    if c.cand.kind != "ref" or c.text.lower() != "soon":
        return None
    if c.nxt is not None and c.nxt.lower_ in c.lex.prepositional_words:
        return False
    return False if clause_tense(c.span, c.lex) == PAST else None


def year_end_adverbial(c: Context) -> bool | None:
    """"by year-end", "since year end" but not "year-end net was below ...": only the object of a
    preposition dates something; the modifier of a noun classifies it."""
    if c.cand.kind == "yearend":
        return c.prev is not None and c.prev.tag_ == "IN"
    return None


def part_of_the_story_day(c: Context) -> bool | None:
    """"placed orders in the morning", "by mid afternoon" but not "the morning papers", "a morning
    talk show": a part of the day alone dates something only as the object of a preposition."""
    if c.cand.kind == "refunit" and (c.cand.get("unit") or "").lower() in c.lex.parts_of_day \
            and not c.cand.get("rdir"):
        return c.prev is not None and c.prev.tag_ == "IN" and (c.nxt is None or c.nxt.pos_ not in ("NOUN", "PROPN"))
    return None


def clock_24h(c: Context) -> bool | None:
    """"at 20:00", "15:00 GMT" but not the score "2:1": a 24-hour time needs a zone, a clock
    preposition, or spaCy's TIME label."""
    if c.cand.kind in ("clock24",):
        return c.cand.get("tz") is not None or c.prev_l in c.lex.clock_prepositions \
            or in_ents(c.doc, c.cand.start, c.cand.end, ("TIME",))
    return None


#: The keep rules, in order: the first that answers True or False decides.
KEEP_RULES: tuple[KeepRule, ...] = (
    identifier_number, counted_number, prefixed_number, after_capitalised_name, capitalised_title, inside_a_name,
    bare_year,
    month_name, weekday_capitalised, overnight_adverb, holiday_capitalised, age_or_fraction, rate_of_an_amount,
    duration, now,
    newspaper_name, as_soon_as, soon_in_the_past, year_end_adverbial, part_of_the_story_day, clock_24h,
)


def keep(doc: Doc, cand: Candidate, span: Span, doc_text: str, lex: Vocabulary) -> bool:
    """Whether the match ``cand`` (tokens ``span``) is a time expression here (``doc_text``: ``doc.text``)."""
    prev = prev_token(doc, span)
    c = Context(doc, cand, span, doc_text[cand.start:cand.end], prev, next_token(doc, span),
                prev.lower_ if prev is not None else "", lex)
    for rule in KEEP_RULES:
        verdict = rule(c)
        if verdict is not None:
            return verdict
    return True


def keep_year(c: Context) -> bool:
    """A bare four-digit number is a year only in a date-like context.

    Accepted: after a temporal preposition or modifier ("in 2015", "since 2015",
    "between 2010 and 2015", "the end of 2015"); as a modifier between a
    determiner and a noun ("the 2015 nuclear deal", "its 2019 report"); before a
    possessive ("2015's deal"); as a clause subject ("2015 was ..."); or when
    spaCy's NER also calls it a DATE.
    """
    lex, prev, nxt, prev_l = c.lex, c.prev, c.nxt, c.prev_l
    tok = c.span[0]
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
    if tok.dep in _SUBJECTS and tok.head.lemma_ in lex.year_subject_verbs:
        return True  # "2015 was the hottest year"
    if in_ents(c.doc, c.cand.start, c.cand.end, ("DATE",)) and (prev is None or prev.pos_ != "PROPN"):
        return True
    return False


def keep_month(c: Context) -> bool:
    """Month names must be capitalised; "May"/"March" alone also need a temporal cue."""
    cand, lex = c.cand, c.lex
    mtext = cand.get("month") or ""
    if cand.kind == "season":
        return keep_season(c)
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
    if name in lex.ambiguous_months:
        # "in May", "since March", "by May": the month reading needs a temporal preposition,
        # and the word must not be a verb in the parse ("Iran may ..." is lower-case anyway).
        return c.prev_l in lex.year_prepositions and c.span[0].pos_ in ("PROPN", "NOUN")
    return True


def keep_season(c: Context) -> bool:
    """"last fall", "fall 2019", "in the fall" but not "prices fall", "Douma's fall would seal ...",
    "the fall of the city": a season word that is also a verb or a noun needs a calendar cue."""
    cand, lex = c.cand, c.lex
    if (cand.get("season") or "").lower() not in lex.ambiguous_seasons:
        return True
    if cand.get("year") or cand.get("umod") or cand.get("pmod"):
        return True
    word = c.span[-1]
    if word.pos_ == "VERB" or word.tag_ == "POS" or (c.prev is not None and c.prev.tag_ == "POS"):
        return False
    if c.nxt is not None and c.nxt.lower_ == "of":
        return False
    return c.prev_l in lex.year_prepositions  # "in (the) fall", "by fall"


def keep_duration(c: Context) -> bool:
    """Number + unit is a duration; "a year" alone needs a duration preposition.

    "a decade" is a duration when governed by "for", "over", "within", "nearly",
    etc.; otherwise ("a year that ...", "$2,000 a year") it is not tagged.
    """
    lex, prev = c.lex, c.prev
    num = (c.cand.get("num") or "").lower()
    if num in ("a", "an"):
        # "lasted a decade", "took a year", "spent a week": verbs of duration take one too.
        return c.prev_l in lex.duration_cues \
            or (prev is not None and prev.lemma_.lower() in lex.duration_verbs)
    return True


def is_rate(doc: Doc, cand: Candidate, span: Span, lex: Vocabulary) -> bool:
    """"a day" after a counted amount is a rate ("two million passengers a day",
    "$500 a year", "three meals a day"), not a duration."""
    return (cand.get("num") or "").lower() in lex.rate_links and after_amount(doc, span)


def after_amount(doc: Doc, span: Span) -> bool:
    """Whether ``span`` follows a counted amount: a number ("$500", "two million") or a noun
    with one ("passengers" in "two million passengers", "%" in "8%")."""
    prev = prev_token(doc, span)
    if prev is None:
        return False
    if prev.like_num or prev.pos_ == "NUM":
        return True
    return prev.pos_ in ("NOUN", "PROPN") and any(c.dep == syntax.nummod or c.like_num for c in prev.children)
