"""Candidate toponyms: which spans of a document name places, before any resolution.

Candidates are the model's GPE / LOC / FAC entities, seats of government named
by any entity ("the Kremlin", "the White House"), and capitalised proper-noun
sequences the model missed that the gazetteer knows. Demonyms (NORP) and names
inside PERSON / ORG entities ("Washington Post", "Jordan Henderson") are never
places unless the context says so:

* an entity under another label goes through :data:`OTHER_LABEL_RULES`, in order;
* a known name that only the context can decide is *pending* and goes through
  :mod:`.pending`'s rules after all entities are read (coordination with a place,
  a place noun's "of", a place-kind noun, the dateline's state).
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

from spacy.tokens import Doc, Token

from whimbrel import syntax as dep

from . import vetoes
from .demonyms import is_demonym
from .datelines import Dateline, find_dateline
from .gazetteer import Gazetteer, Hit, normalize
from .listing import list_members, unknown_name_placed, unknown_settlement
from .mentions import (COORD, OBJ, PLACE_LABELS, Mention, actor_metonym_at, name_token, person_actor_at,
                       person_named_by, strip_span)
from .pending import EXTRA_PLACE_HEADS, accept_pending, plausible
from .vocab import Vocab

@dataclass
class _Context:
    doc: Doc
    gaz: Gazetteer
    vocab: Vocab
    person_words: frozenset[str] = frozenset()  # given names and surnames of the document's people


def _person_words(doc: Doc, vocab: Vocab) -> frozenset[str]:
    """First and last words of the document's multi-word person names ("Georgia
    Stevens" -> georgia, stevens), titles left out."""
    titles = vocab.settings.honorifics
    words: set[str] = set()
    for ent in doc.ents:
        if ent.label_ != "PERSON":
            continue
        toks = [t for t in ent if t.text not in titles and t.is_alpha]
        if len(toks) >= 2:
            words.update((toks[0].lower_, toks[-1].lower_))
    return frozenset(words)


#: Titles that may open an entity the model read as a place ("Ms Raggi").
_NAME_TITLES = frozenset({"Mr", "Mrs", "Ms", "Miss", "Mx", "Dr"})


def is_person_here(ctx: _Context, start: int, end: int) -> bool:
    """"Nine-year-old Georgia Stevens ... Georgia began skating" and "Ms Raggi said":
    a one-word name that the document gives a person as given name or surname,
    outside a place slot, or a name after a title, is that person."""
    doc = ctx.doc
    titles = ctx.vocab.settings.honorifics
    first = doc[start].text
    if (first in titles and (first.endswith(".") or first in _NAME_TITLES)) or (
            start > 0 and doc[start - 1].text in titles):
        return True
    return (end - start == 1 and doc[start].lower_ in ctx.person_words
            and not locative_slot(doc, ctx.vocab, start, end))


class _Name(NamedTuple):
    """An entity's name span (determiner and trailing punctuation stripped) and its gazetteer hits."""

    start: int
    end: int
    text: str
    label: str
    hits: list[Hit]

    def mention(self, hits: list[Hit]) -> Mention:
        return Mention(self.start, self.end, self.text, self.label, hits, normalize(self.text))


# What a rule for an entity under another label decides: a place, a pending name
# (decided later by its context), or nothing; None: the rule does not apply.
# PARTS: the places named inside the entity's name ("the U.S. Department of Justice").
PLACE, PENDING, NOTHING, PARTS = "place", "pending", "nothing", "parts"
Outcome = tuple[str, "Mention | list[Mention] | None"]


def find_candidates(doc: Doc, gaz: Gazetteer, vocab: Vocab) -> tuple[list[Mention], Dateline]:
    """The candidate toponyms of ``doc`` in text order, and its dateline (see :mod:`.datelines`)."""
    ctx = _Context(doc, gaz, vocab, _person_words(doc, vocab))
    out: list[Mention] = []
    pending: list[Mention] = []  # place names under another label, decided by their context
    taken = [False] * len(doc)
    for ent_start, ent_end, label in _entity_spans(ctx):
        start, end = strip_span(doc, ent_start, ent_end)
        if start >= end:
            continue
        for i in range(ent_start, ent_end):
            taken[i] = True
        text = doc[start:end].text
        name = _Name(start, end, text, label, gaz.lookup(text))
        if label in PLACE_LABELS:
            out.extend(_place_entity(ctx, name))
            continue
        kind, mention = _other_label(ctx, name)
        if kind == PLACE:
            out.append(mention)
        elif kind == PARTS:
            out.extend(mention)
        elif kind == PENDING:
            pending.append(mention)
    _untagged_runs(ctx, taken, out, pending)
    pending.sort(key=lambda m: m.start)
    _state_abbreviations(doc, gaz, out)
    dateline = find_dateline(doc, gaz, out)
    out.sort(key=lambda m: m.start)
    accept_pending(doc, ctx.vocab, out, pending, dateline)
    out.sort(key=lambda m: m.start)
    out = [m for m in out if m.hits or _unknown_name_placed(ctx, m, out)]
    return vetoes.apply(doc, vocab, out), dateline


def _unknown_name_placed(ctx: _Context, m: Mention, out: list[Mention]) -> bool:
    """A place-tagged name no gazetteer entry has, kept only where its words or context say place
    (see :func:`.listing.unknown_name_placed`)."""
    settings = ctx.vocab.settings
    kinds = settings.feature_words | settings.place_of_nouns | ctx.vocab.metonymy.designator_nouns | EXTRA_PLACE_HEADS
    return unknown_name_placed(ctx.doc, m, out, kinds, locative_slot(ctx.doc, ctx.vocab, m.start, m.end))


#: Labels whose entities may be widened to a country's or division's whole name ("French" of "French Guiana").
_WIDENED_LABELS = frozenset({"NORP", "LANGUAGE", "PERSON"})


def _entity_spans(ctx: _Context) -> list[tuple[int, int, str]]:
    """The model's entities as (start, end, label), a place entity widened to the
    country, state, province or region name it is part of: "the Democratic Republic of the
    Congo" tagged as "Democratic Republic of the" + "Congo" is one country, "Rio Grande" + "do Sul" one state,
    and a place entity to the town whose own name of capitalised words it cuts short ("Goz" + "Beida")."""
    doc, gaz = ctx.doc, ctx.gaz
    out: list[tuple[int, int, str]] = []
    for ent in doc.ents:
        if out and ent.start < out[-1][1]:
            continue  # inside the widened entity before it
        best = (ent.start, ent.end)
        longest = (lambda se: se[1] - se[0])(strip_span(doc, ent.start, ent.end))
        place = ent.label_ in PLACE_LABELS
        # Under another label only the whole name of a country or division counts: "French"
        # (LANGUAGE) + "Guiana" (PERSON) is French Guiana.
        if place or ent.label_ in _WIDENED_LABELS:
            for s in range(max(0, ent.start - 3), ent.start + 1):
                for e in range(min(len(doc), ent.end + 4), ent.end - 1, -1):
                    if out and s < out[-1][1]:
                        continue
                    a, b = strip_span(doc, s, e)
                    if a >= b or b - a <= longest or any(t.is_space or t.is_punct and t.text != "-"
                                                         for t in doc[a:b]):
                        continue  # "New York.\n\n" is no longer a name than "New York"
                    if doc[a].text[:1].isupper() and any(
                            h.entry.kind in ("country", "state", "region")
                            or h.entry.kind == "province" and not h.alternate
                            # a town's own name of capitalised words: "Beida" of "Goz Beida"
                            or place and h.entry.kind == "city" and not h.alternate and _capitalised_words(doc, a, b)
                            for h in gaz.lookup(doc[a:b].text)) and (place or _capitalised_words(doc, a, b)):
                        best, longest = (a, b), b - a
        out.append((best[0], best[1], ent.label_ if best == (ent.start, ent.end) else "GPE"))
    return out


def _capitalised_words(doc: Doc, a: int, b: int) -> bool:
    """Every word of ``doc[a:b]`` capitalised ("Goz Beida"; not "Mali in", "Sudan said")."""
    return all(t.text[:1].isupper() or t.is_punct for t in doc[a:b])


# --------------------------------------------------------------------------- entities under a place label

def _place_entity(ctx: _Context, name: _Name) -> list[Mention]:
    """A GPE / LOC / FAC entity: a place, unless the actors stage made a person of it."""
    if person_named_by(ctx.doc, name.start, name.end) or is_person_here(ctx, name.start, name.end):
        return []  # "Jordan" resolved by actors to a person; "Georgia" of "Georgia Stevens"
    designated = _designated_division(ctx, name)
    if designated:
        return designated
    abbrev = ctx.gaz.state_abbrevs.get(name.text)
    if not name.hits and abbrev is not None:  # "Rick Scott of Fla." tagged as a place: the state
        return [name.mention([Hit(abbrev, False)])]
    if not name.hits:
        split = _comma_qualified(ctx, name) or places_inside(ctx, name)
        if split:
            return split
        if name.label == "FAC":
            return []  # an unknown building or road: not resolvable, rarely a political place
    return [name.mention(name.hits)]


def _designated_division(ctx: _Context, name: _Name) -> list[Mention]:
    """"Hebei province", "Nyanza Province", "Warab state" tagged as one place that the
    gazetteer does not know whole: the name before the kind word, as a division."""
    doc = ctx.doc
    if name.hits or name.end - name.start < 2 or doc[name.end - 1].lower_ not in _DIVISION_WORDS:
        return []
    head = doc[name.start:name.end - 1].text
    hits = [h for h in ctx.gaz.lookup(head) if h.entry.kind in ("state", "province", "county", "region")]
    if not hits:
        return []
    m = Mention(name.start, name.end - 1, head, name.label, hits, normalize(head))
    m.designator = "state"
    return [m]


#: Division words that more often name an office after a name ("the Las Vegas police department").
_OFFICE_WORDS = frozenset({"department"})
#: Kind words after a division's name ("Hebei province").
_DIVISION_WORDS = frozenset({"province", "state", "region", "county", "district", "prefecture",
                             "governorate", "department", "territory", "oblast"})


def _comma_qualified(ctx: _Context, name: _Name) -> list[Mention]:
    """"Paris, Texas" tagged as one entity: the part after the comma qualifies the first."""
    doc, gaz = ctx.doc, ctx.gaz
    start, end = name.start, name.end
    comma = next((i for i in range(start, end) if doc[i].text == ","), None)
    if comma is None:
        return []
    head_hits = gaz.lookup(doc[start:comma].text)
    q_start, q_end = strip_span(doc, comma + 1, end)
    tail_text = doc[q_start:q_end].text if q_start < q_end else ""
    tail_hits = gaz.lookup(tail_text) if tail_text else []
    abbrev = gaz.state_abbrevs.get(doc[comma + 1:end].text.strip()) if comma + 1 < end else None
    if abbrev is not None:  # "Springfield, Ill." read as one entity; the period is part of the name
        q_start, q_end, tail_hits = comma + 1, end, [Hit(abbrev, False)]
    if not (head_hits and tail_hits):
        return []
    return [Mention(start, comma, doc[start:comma].text, name.label, head_hits, normalize(doc[start:comma].text)),
            Mention(q_start, q_end, doc[q_start:q_end].text, name.label, tail_hits,
                    normalize(doc[q_start:q_end].text))]


# --------------------------------------------------------------------------- entities under another label

def _named_with_a_division_word(ctx: _Context, name: _Name) -> Outcome | None:
    """"The provinces of Masvingo province", "the Mbomo districts", "Guerrero state police"
    (tagged PRODUCT, PERSON, ORG): a name followed by a lower-case division word is that
    division, whatever the model tagged it; a known name keeps its readings as a division
    where it has any, an unknown one is placed by its neighbours."""
    doc = ctx.doc
    if name.label == "NORP" or name.end >= len(doc) or not doc[name.start].text[:1].isupper():
        return None  # "the Kurdish region": a demonym's region is read by the demonyms
    word = doc[name.end]
    if not word.is_lower or word.pos_ != "NOUN" or word.lemma_.lower() not in _DIVISION_WORDS - _OFFICE_WORDS \
            or person_named_by(doc, name.start, name.end):
        return None
    divisions = [h for h in name.hits if h.entry.kind in ("state", "province", "county", "region")]
    return PLACE, name.mention(divisions or name.hits)


def _listed_with_places(ctx: _Context, name: _Name) -> Outcome | None:
    """"hit by cholera: Burkina Faso, Cote d'Ivoire, Guinea, ...", "Suba, Migori, Homa Bay,
    Rongo, Siaya ..." (Burkina Faso, Homa Bay tagged PERSON, even read as people by the
    actors stage): a known name listed with at least two members the model tags as places
    is a place like them."""
    if not name.hits or name.label in PLACE_LABELS or name.label == "NORP":
        return None
    doc = ctx.doc
    tok = doc[name.start:name.end].root
    places = {i for e in doc.ents if e.label_ in PLACE_LABELS for i in range(e.start, e.end)}
    others = [t for t in list_members(tok) if not name.start <= t.i < name.end]
    if sum(1 for t in others if t.i in places) < 2:
        return None
    return PLACE, name.mention(name.hits)


def _seat_of_government(ctx: _Context, name: _Name) -> Outcome | None:
    """Seats of government are often tagged ORG: "The Kremlin denied the report." -> Kremlin."""
    seat = [h for h in name.hits if h.entry.kind == "seat"]
    return (PLACE, name.mention(seat)) if seat else None


def _country_tagged_person(ctx: _Context, name: _Name) -> Outcome | None:
    """"Jordan closed its border crossing." (Jordan tagged PERSON), "Romania confirmed
    another outbreak" (tagged ORG), "hit by cholera: Burkina Faso, ..." (PERSON) -> the
    country; "The NSW government" (NSW tagged ORG) -> the state.

    A name that is exactly a country's, a state's or a region's names it: news
    introduces people by full name, and the actors stage has not read it as a person.
    """
    if name.label not in ("PERSON", "ORG") or any(person_actor_at(ctx.doc, i) for i in range(name.start, name.end)):
        return None
    kinds = ("country",) if name.label == "PERSON" else ("country", "state", "region")
    polities = [h for h in name.hits if h.entry.kind in kinds and not h.alternate]
    return (PLACE, name.mention(polities)) if polities else None


def _region_tagged_demonym(ctx: _Context, name: _Name) -> Outcome | None:
    """"along the Punjab border" (Punjab tagged NORP) -> the region.

    A demonym is never a place, but the small model also tags some region names
    NORP; the gazetteer holds no demonyms, so an exact match with a division or
    region is that place, and so is a capital or a big city ("eastern Aleppo").
    A smaller city tagged NORP is kept only with place context (pending). A word
    the actors lexicon knows as a demonym ("Somali") is the people, not a region.
    """
    if name.label != "NORP":
        return None
    if is_demonym(name.text):
        return NOTHING, None  # "mostly Somali refugees": the people (see .demonyms), not the Somali Region
    regions = [h for h in name.hits if h.entry.kind in ("state", "province", "region")]
    if regions:
        return PLACE, name.mention(regions)
    # "civilians and rebels from Aleppo" (Aleppo tagged NORP): no people is named after a
    # big city, so a city of the untagged threshold's size or a capital is that city.
    big = [h for h in name.hits if h.entry.kind == "city" and not h.alternate
           and (h.entry.capital or h.entry.population >= ctx.vocab.settings.untagged_min_population)]
    if big:
        return PLACE, name.mention(name.hits)
    return (PENDING, name.mention(name.hits)) if name.hits else (NOTHING, None)


def _places_inside_a_name(ctx: _Context, name: _Name) -> Outcome | None:
    """"the U.S. Department of Justice said", "Egypt's Minister of Health", "CTV
    Edmonton reported" -> U.S., Egypt, Edmonton: a well-known place named inside
    an organisation, building or event name that names no place as a whole.

    A person's name is never searched ("Georgia Stevens"), nor a demonym, nor an
    event's name ("the Iraq War": events would be placed there), nor a two-word name of a place and another word ("Paris Hilton", unless the word
    names a government body: "Manitoba Government").
    """
    if name.hits or name.label in ("PERSON", "NORP", "EVENT"):
        return None  # an event named after a place ("the Iraq War") did not happen at that name
    settings, tokens = ctx.vocab.settings, ctx.doc[name.start:name.end]
    parts = places_inside(ctx, name)
    in_parts = {i for m in parts for i in range(m.start, m.end)}
    if any(t.text in settings.institution_words and t.i not in in_parts for t in tokens):
        return None  # "the New York Times", "the University of Arizona": part of the name ("West Bank" is no bank)
    if (name.label == "ORG" and len(tokens) == 2 and parts and parts[0].start == name.start
            and tokens[1].lower_ not in settings.body_words):
        return None  # "Paris Hilton" tagged as an organisation: as likely a person's name
    return (PARTS, parts) if parts else None


def places_inside(ctx: _Context, name: _Name) -> list[Mention]:
    """Known places named by a run of capitalised words strictly inside ``name``,
    longest first, left to right: countries, states, regions, capitals and big
    cities only (a small town inside a name is too often a word or a surname);
    never a feature word nor the place a feature is named after ("Swat Valley")."""
    doc, found = ctx.doc, []
    features = ctx.vocab.settings.feature_words
    free = [True] * (name.end - name.start)
    for size in range(min(name.end - name.start - 1, ctx.gaz.max_words), 0, -1):
        for s in range(name.start, name.end - size + 1):
            e = s + size
            if not all(free[i - name.start] and _capitalised(doc[i]) for i in range(s, e)):
                continue
            if doc[s:e].text.lower() in features or (e < name.end and doc[e].lower_ in features):
                continue  # "San Fernando Valley" is not San Fernando, "Valley" not The Valley
            text = doc[s:e].text
            # Own names only: an alternate spelling inside a name is mostly a word ("Drug" for Durg).
            hits = [h for h in plausible(ctx.vocab, ctx.gaz.lookup(text))
                    if h.entry.kind != "seat" and not h.alternate]
            if hits:
                found.append(Mention(s, e, text, name.label, hits, normalize(text)))
                free[s - name.start:e - name.start] = [False] * size
    return sorted(found, key=lambda m: m.start)


def _capitalised(tok: Token) -> bool:
    return tok.text[:1].isupper() and not tok.is_punct and tok.tag_ != "POS"


def _known_name_in_place_slot(ctx: _Context, name: _Name) -> Outcome | None:
    """"Shelling was reported near Aleppo." (Aleppo tagged LANGUAGE) -> a place.

    A small model mislabels some toponyms ("Santiago" as ORG). A known name is
    still a place where the syntax wants a place (then small towns count too), or
    where the actors stage read it as a capital standing for its government.
    Elsewhere an ORG / PERSON / PRODUCT name is pending ("Residents of Zanesville"): a
    one-word "person" even when the actors stage made a person of it, as news
    introduces people by full name ("Bangalore").
    """
    doc, hits = ctx.doc, name.hits
    # A country's capital the model tags as an organisation ("most of Harare was left without
    # water") is the city, or its government standing for it (the metonymy stage says which).
    if name.label == "ORG" and name.end - name.start == 1 and any(
            h.entry.kind == "city" and not h.alternate and h.entry.capital
            for h in hits):
        return PLACE, name.mention(hits)
    if hits and not locative_slot(ctx.doc, ctx.vocab, name.start, name.end, strict=name.label == "PERSON"):
        if not actor_metonym_at(doc, name.start, name.end):
            if name.label in ("ORG", "PERSON", "GPE", "PRODUCT") and (name.end - name.start == 1 or not any(
                    person_actor_at(doc, i) for i in range(name.start, name.end))):
                return PENDING, name.mention(hits)
            return NOTHING, None
        hits = plausible(ctx.vocab, hits)
    return (PLACE, name.mention(hits)) if hits else (NOTHING, None)


def _unknown_settlement(ctx: _Context, name: _Name) -> Outcome | None:
    """"the villages of Bumbacari and Dudescu" (see :func:`.listing.unknown_settlement`)."""
    if name.hits or name.label not in ("PERSON", "ORG") or not unknown_settlement(ctx.doc, name.start, name.end):
        return None
    return PLACE, name.mention([])


#: Rules for an entity under a label that is not a place label, tried in order; the first that applies decides.
OTHER_LABEL_RULES: list[Callable[[_Context, _Name], Outcome | None]] = [
    _named_with_a_division_word,
    _listed_with_places,
    _seat_of_government,
    _country_tagged_person,
    _region_tagged_demonym,
    _places_inside_a_name,
    _unknown_settlement,
    _known_name_in_place_slot,
]


def _other_label(ctx: _Context, name: _Name) -> Outcome:
    for rule in OTHER_LABEL_RULES:
        outcome = rule(ctx, name)
        if outcome is not None:
            return outcome
    return NOTHING, None


# --------------------------------------------------------------------------- names the model did not tag

def _untagged_runs(ctx: _Context, taken: list[bool], out: list[Mention], pending: list[Mention]) -> None:
    """Capitalised proper-noun runs the model did not tag at all: looked up whole.

    A run the gazetteer knows only as a province or a small town is pending: its context
    decides ("Rogaland, Vestfold, Buskerud and Oslo", "the Manicaland and Midlands provinces").
    A run joined by "and" that the gazetteer does not know whole ("Trinidad and Tobago" it
    does) coordinates two names: each is looked up on its own."""
    doc, gaz = ctx.doc, ctx.gaz
    i = 0
    n = len(doc)
    while i < n:
        if taken[i] or not name_token(doc[i]):
            i += 1
            continue
        j = i
        while j < n and not taken[j] and (name_token(doc[j]) or (
                doc[j].lower_ in ("of", "and", "de", "-") and j + 1 < n and name_token(doc[j + 1]))):
            j += 1
        run_start, run_end = strip_span(doc, i, j)
        if run_start < run_end and run_end - run_start <= gaz.max_words:
            ands = [k for k in range(run_start + 1, run_end - 1) if doc[k].lower_ == "and"]
            if ands and not gaz.lookup(doc[run_start:run_end].text):
                for a, b in zip([run_start] + [k + 1 for k in ands], ands + [run_end]):
                    _untagged_run(ctx, taken, out, pending, a, b)
            else:
                _untagged_run(ctx, taken, out, pending, run_start, run_end)
        i = max(j, i + 1)


def _untagged_run(ctx: _Context, taken: list[bool], out: list[Mention], pending: list[Mention],
                  run_start: int, run_end: int) -> None:
    """One untagged run (see :func:`_untagged_runs`): a place, a pending name, or the known place leading it."""
    doc, n = ctx.doc, len(ctx.doc)
    text = doc[run_start:run_end].text
    hits = ctx.gaz.lookup(text)
    # In a place slot ("rose at Chillicothe", "the road to Leh") the syntax
    # vouches for a small town, as it does for a mislabelled entity.
    if not locative_slot(doc, ctx.vocab, run_start, run_end):
        known = plausible(ctx.vocab, hits)
        glued = (run_start > 0 and taken[run_start - 1] and name_token(doc[run_start - 1])) or (
            run_end < n and taken[run_end] and name_token(doc[run_end]))
        if hits and not known and not glued:  # "Mashonaland West": the end of a name
            pending.append(Mention(run_start, run_end, text, "", hits, normalize(text)))
        hits = known
    if hits:
        out.append(Mention(run_start, run_end, text, "", hits, normalize(text)))
    elif run_end - run_start > 1:  # "Aleppo Mayor Brita Hagi Hasan": a known place leading the run
        out.extend(m for m in places_inside(ctx, _Name(run_start, run_end, text, "", []))
                   if m.start == run_start)


def _state_abbreviations(doc: Doc, gaz: Gazetteer, out: list[Mention]) -> None:
    """"Springfield, Ill.", "Trenton, N.J.": an AP state abbreviation after a place
    and a comma is a toponym (the state) and qualifies the place before it."""
    for m in list(out):
        j = m.end
        if j + 1 >= len(doc) or doc[j].text != ",":
            continue
        for k in (j + 2, j + 3):  # "Ill." is one token; "W. Va." two
            if k > len(doc):
                break
            e = gaz.state_abbrevs.get(doc[j + 1:k].text)
            if e is not None:  # replaces any other reading of the span ("Ala." as Almaty)
                out[:] = [o for o in out if o.end <= j + 1 or o.start >= k]
                out.append(Mention(j + 1, k, doc[j + 1:k].text, "", [Hit(e, False)], normalize(e.name)))
                break


def locative_slot(doc: Doc, vocab: Vocab, start: int, end: int, strict: bool = False) -> bool:
    """The name fills a slot that wants a place: the object of a locative or
    motion preposition ("near Aleppo", "fled to Bombay") or of a motion verb
    ("reached Santiago"). ``strict`` keeps only the plainly locative prepositions
    (a PERSON-tagged name after "to" or "from" is likelier a person)."""
    settings = vocab.settings
    tok = doc[start:end].root
    while tok.dep in COORD and tok.head is not tok and tok.head.i < tok.i:
        tok = tok.head
    head = tok.head
    preps = settings.locative_preps if strict else settings.place_preps
    if tok.dep == dep.pobj and head.lower_ in preps:
        return True
    return not strict and tok.dep in OBJ and head.lemma_.lower() in settings.motion_verbs
