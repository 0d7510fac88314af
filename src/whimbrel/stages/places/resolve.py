"""Disambiguation: one gazetteer entry per candidate toponym.

Each candidate entry is scored with a population prior, a feature prior
(country > capital > city; see ``settings.yaml``), evidence from the rest of the
document (countries and US states named by other places or by actors), explicit
qualifiers ("Paris, Texas", "Tripoli, Lebanon") and designators ("the US state
of Georgia"), and the story's dateline. This follows the usual "spatial
minimality + population" heuristics of rule-based geoparsers (Leidner 2007,
*Toponym Resolution in Text*; Lieberman et al. 2010).
"""
from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable

from spacy.tokens import Doc

from whimbrel.ext import text_of
from whimbrel.stages.actors.api import get_actor

from .datelines import Dateline
from .gazetteer import Entry, Gazetteer, Hit, normalize
from .mentions import Mention
from .vocab import Settings, Weights

# (start_char, key, cc, admin1, sentence start): a country or state a document names, and where.
Evidence = tuple[int, str, str, str | None, int]

#: Entry kinds each designator accepts ("the city of Victoria" wants a city or a seat).
_DESIGNATED_KINDS = {"polity": ("country", "state", "province"), "city": ("city", "seat"),
                     "state": ("state", "province")}


def prior(settings: Settings, hit: Hit) -> float:
    """The score of an entry before any context: population, kind, renown, how it was named."""
    w = settings.weights
    feat = settings.feature
    e = hit.entry
    score = w.population * math.log10(max(e.population, 0) + 1)
    score += feat.get(e.kind, 0.0)
    if e.kind == "city" and e.capital:
        score += feat["capital"]
    # A city known in many languages is the one a bare name means: Paris, France has
    # over a hundred GeoNames alternate names, Paris, Texas a handful.
    score += w.prominence * e.prominence
    if hit.alternate:
        score -= w.short_form_penalty if hit.short_form else w.alternate_name_penalty
    return score


def qualify(doc: Doc, settings: Settings, mentions: list[Mention]) -> None:
    """Explicit qualifiers: "Paris, Texas", "Tripoli, Lebanon", "the US state of Georgia".

    In "X, Y" with Y a country or US state that contains one of X's candidates, X
    must lie in Y and Y is that container (the newspaper convention for naming a
    town by its state or country).
    """
    for i, (a, b) in enumerate(zip(mentions, mentions[1:])):
        if b.start != a.end + 1 or doc[a.end].text != ",":
            continue
        if _listed_polity(doc, mentions, i):
            continue
        for hb in b.hits:
            eb = hb.entry
            if eb.kind not in ("country", "state", "province"):
                continue
            # A country is never named by its place in another: "Mexico, China, Japan" lists
            # countries, it does not name a town China in Japan.
            if any(ha.entry.kind == "country" and not ha.alternate for ha in a.hits):
                break
            inside = [ha for ha in a.hits if ha.entry.kind in ("city", "seat", "region", "state", "county", "province")
                      and ha.entry.cc == eb.cc and (eb.kind == "country" or ha.entry.admin1 == eb.admin1)]
            if inside:
                a.qualifier = (eb.cc, eb.admin1 if eb.kind != "country" else None)
                b.qualifier = (eb.cc, eb.admin1 if eb.kind != "country" else None)
                b.designator = eb.kind
                break
            # "Bradford, Ontario", "Churchill, Man.": a town qualified by a state or province
            # none of its entries lies in is a town the gazetteer lacks, not a namesake an
            # ocean away; it is placed by its neighbours (the qualifier).
            if eb.kind in ("state", "province") and not hb.alternate and not _in_a_list(doc, mentions, i) and not any(
                    ha.entry.kind in ("country", "state", "province", "region") for ha in a.hits):
                a.hits = []
                b.designator = eb.kind
                break
    for m in mentions:
        before = " ".join(t.lower_ for t in doc[max(0, m.start - 4):m.start])
        after = " ".join(t.lower_ for t in doc[m.end:m.end + 2])
        for d in settings.designators:
            # A word naming the kind of place, right before or after the name:
            # "the US state of Georgia", "Washington state", "the country of Georgia",
            # "the city of Victoria", "Georgia's capital" (the possessor of a capital
            # is a country or a state, never a city).
            if any(before == w or before.endswith(" " + w) for w in d.before) or any(
                    after == w or after.startswith(w + " ") for w in d.after):
                m.designator = d.kind
                break


def _in_a_list(doc: Doc, mentions: list[Mention], i: int) -> bool:
    """Whether the pair X, Y at ``i`` has a list member before X or after Y ("Akershus, Oslo, Hedmark")."""
    a, b = mentions[i], mentions[i + 1]
    before = mentions[i - 1] if i > 0 else None
    after = mentions[i + 2] if i + 2 < len(mentions) else None
    return bool((before is not None and _joined(doc, before, a)) or (after is not None and _joined(doc, b, after)))


def _joined(doc: Doc, lo: Mention, hi: Mention) -> bool:
    return " ".join(t.text for t in doc[lo.end:hi.start]).lower() in _LIST_JOINS


def _listed_polity(doc: Doc, mentions: list[Mention], i: int) -> bool:
    """"Utah, Virginia, Washington, West Virginia and Wyoming", "in Washington, Pennsylvania and
    California": X, Y is no town X in Y when X is itself a US state's or country's own name
    and the list goes on, by a member before X or after Y."""
    a, b = mentions[i], mentions[i + 1]
    if not any(h.entry.kind in ("country", "state") and not h.alternate for h in a.hits):
        return False

    def polity(m: Mention) -> bool:
        return any(h.entry.kind in ("country", "state") and not h.alternate for h in m.hits)

    before = mentions[i - 1] if i > 0 else None
    after = mentions[i + 2] if i + 2 < len(mentions) else None
    return bool((before is not None and polity(before) and _joined(doc, before, a))
                or (after is not None and polity(after) and _joined(doc, b, after)))


def resolve(doc: Doc, settings: Settings, mentions: list[Mention], gaz: Gazetteer, dateline: Dateline) -> None:
    """Choose one entry per mention: priors and explicit cues first, then the
    evidence of the rest of the document (its first-pass readings and its actors)."""
    w = settings.weights
    for m in mentions:
        _drop_namesakes(m, settings.untagged_min_population)
        _division_over_its_city(m, settings.world_city_population)
        m.choice = best(m, lambda h, m=m: prior(settings, h) + explicit(m, h, w))
    _coordinated_kinds(doc, mentions)
    sent_of = {m.start: doc[m.start].sent.start for m in mentions}
    prev_sent = _previous_sentences(doc)
    spans = _evidence(doc, mentions, gaz, sent_of)
    home_cc, home_admin = _home(doc, mentions, dateline)
    discount = settings.evidence_discount
    cap = int(w.context_cap)
    choices: list[Entry | None] = []
    for m in mentions:
        doc_cc: Counter = Counter()
        sent_cc: set[str] = set()
        admins: set[tuple[str, str]] = set()
        for _, key, cc, admin1, sent in spans:
            if key == m.key:
                continue  # a name is no evidence for its own reading
            doc_cc[cc] += 1
            if sent == sent_of[m.start] or sent == prev_sent.get(sent_of[m.start]):
                sent_cc.add(cc)
            if admin1:
                admins.add((cc, admin1))

        def score(h: Hit, m: Mention = m, doc_cc: Counter = doc_cc, sent_cc: set = sent_cc,
                  admins: set = admins) -> float:
            e = h.entry
            s = prior(settings, h) + explicit(m, h, w)
            if e.cc:
                weak = float(discount.get(e.cc, 1.0))
                s += w.context_country * min(doc_cc[e.cc], cap) * weak
                if e.cc in sent_cc:
                    s += w.context_sentence * weak
            if e.admin1 and (e.cc, e.admin1) in admins:
                s += w.context_admin
            if home_cc and e.cc == home_cc:
                s += w.dateline_country
                if home_admin and e.admin1 == home_admin:
                    s += w.dateline_admin
            return s

        choice = best(m, score)
        if _stranger(m, choice, doc_cc, home_cc, settings.untagged_min_population):
            choice = None  # a place the gazetteer lacks: placed by its neighbours (component._near_neighbours)
        choices.append(choice)
    for m, c in zip(mentions, choices):
        m.choice = c
    _one_sense_per_name(mentions)


def _previous_sentences(doc: Doc) -> dict[int, int]:
    """Sentence start -> the start of the sentence before it. A bare name is read in the
    frame the sentence before it sets: "... cases were reported in Chile. The institute
    in Santiago said ..." is Santiago de Chile even where another country's town of that
    name has more evidence across the whole story."""
    starts = [s.start for s in doc.sents]
    return dict(zip(starts[1:], starts))


def _stranger(m: Mention, e: Entry | None, doc_cc: Counter, home_cc: str | None, big: int) -> bool:
    """"medical camps in Nyanza province" in a story about Kenya, whose old province the
    gazetteer lacks, is not Nyanza, Rwanda: a town of fewer than ``big`` people, neither a
    capital nor qualified, in a country nothing else in the document names (no other place,
    no actor, not the dateline), while other mentions name countries at least twice, is a
    name of the story's own region that the gazetteer does not hold."""
    if e is None or e.kind != "city" or e.capital or e.population >= big or not e.cc:
        return False
    if m.qualifier is not None or m.designator is not None or doc_cc[e.cc] or e.cc == home_cc:
        return False
    return sum(doc_cc.values()) >= 2


def _one_sense_per_name(mentions: list[Mention]) -> None:
    """"LONDON, Ky. (WKYT) - London Police have arrested ...", "Paris, Texas ... in Paris":
    a name the document once qualifies by its state or country keeps that reading
    wherever it stands alone, also inside a name ("The Glasgow Police Department"),
    where only big places are looked up; a designator or a qualifier of its own still decides."""
    qualified: dict[str, Entry] = {}
    for m in mentions:
        if m.qualifier is not None and m.choice is not None:
            qualified.setdefault(m.key, m.choice)
    if not qualified:
        return
    for m in mentions:
        e = qualified.get(m.key)
        if e is None or m.qualifier is not None or m.designator is not None:
            continue
        m.choice = e


#: Words that join the members of a list of places: "Texas and Georgia", "Arizona, Georgia, Idaho".
_LIST_JOINS = frozenset({",", "and", "or", ", and", ", or"})


def _coordinated_kinds(doc: Doc, mentions: list[Mention]) -> None:
    """A list names places of one kind: "the states of Texas and Georgia", "Arizona, Arkansas,
    California, Colorado, Georgia, Idaho" make Georgia the US state, as a designator would.
    A mention without a designator whose list neighbour (joined by a comma, "and" or "or")
    reads as a US state, a province or a country in the first pass gets that kind as its
    designator when one of its own entries is of that kind."""
    kinds = {"state": "state", "province": "state", "country": "polity"}
    for i, m in enumerate(mentions):
        if m.designator is not None or m.qualifier is not None:
            continue
        for n in (mentions[i - 1] if i > 0 else None, mentions[i + 1] if i + 1 < len(mentions) else None):
            if n is None or n.choice is None or n.choice.kind not in kinds:
                continue
            lo, hi = (n, m) if n.start < m.start else (m, n)
            if " ".join(t.text for t in doc[lo.end:hi.start]).lower() not in _LIST_JOINS:
                continue
            want = kinds[n.choice.kind]
            if any(h.entry.kind in _DESIGNATED_KINDS[want] and (h.entry.kind == "country" or h.entry.cc == n.choice.cc)
                   for h in m.hits):
                m.designator = want
                break


def _evidence(doc: Doc, mentions: list[Mention], gaz: Gazetteer, sent_of: dict[int, int]) -> list[Evidence]:
    """Each place mention's first-pass country / admin1, plus each actor mention's
    country where no place mention covers it ("Lebanese officials")."""
    text = text_of(doc)  # Doc.text joins every token each time it is read: read it once
    spans: list[Evidence] = []
    covered: set[int] = set()
    for m in mentions:
        if m.choice is not None and m.choice.cc:
            spans.append((doc[m.start].idx, m.key, m.choice.cc, m.choice.admin1, sent_of[m.start]))
        covered.update(range(m.start, m.end))
    for mention in doc._.actor_mentions or ():
        if mention.start in covered or mention.start >= len(doc):
            continue
        a = get_actor(doc, mention.actor_id)
        # An actor whose country the actors stage inferred from the sentence or the
        # dateline ("voters" near "Georgia") repeats the places' own evidence: skip it.
        if a is not None and "context" in (getattr(a, "why", "") or ""):
            continue
        cc = gaz.iso2.get(a.country or "") if a is not None else None
        if cc:
            key = normalize(text[mention.start_char:mention.end_char])
            spans.append((mention.start_char, key, cc, None, doc[mention.start].sent.start))
    return spans


def _home(doc: Doc, mentions: list[Mention], dateline: Dateline) -> tuple[str | None, str | None]:
    """The dateline's country and state: the story's default setting. A dateline
    without a qualifier ("BRUSSELS —") gives its city's country as resolved so far."""
    if dateline is None:
        return None, None
    home_cc, home_admin = dateline
    if home_cc is None:
        text = text_of(doc)
        # The text before token i is text[:doc[i].idx] (what doc[:i].text gives,
        # up to a trailing space), without building a span per mention.
        first = next((m for m in mentions if m.start <= 1 or text[:doc[m.start].idx].strip() == ""
                      or "\n\n" in text[:doc[m.start].idx]), None)
        home_cc = first.choice.cc if first is not None and first.choice is not None else None
    return home_cc, home_admin


def _drop_namesakes(m: Mention, big: int) -> None:
    """"cases in Oregon, Nevada and Louisiana" -> the states, not the towns named after
    them (Oregon, Ohio; Nevada, Missouri): a country's, a US state's or a seat of
    government's own name alone means it ("the White House", not White House,
    Tennessee); a town of that name needs its qualifier ("California, Pennsylvania"). A capital ("Washington") and a city of at least ``big`` people
    ("New York") keep their reading, for the context to decide."""
    if m.qualifier is not None:
        return
    if any(not h.alternate and (h.entry.kind in ("country", "seat") or (h.entry.kind == "state" and h.entry.cc == "US"))
           for h in m.hits):
        m.hits = [h for h in m.hits if h.entry.kind not in ("city", "county") or h.entry.capital
                  or h.entry.population >= big]


def _division_over_its_city(m: Mention, world_city: int) -> None:
    """"Quebec": a first-level division and a city inside it that share a name. News
    names the city "Quebec City" (or "the city of Quebec"), so the bare name is the
    division unless a designator or qualifier says city. A city of ``world_city``
    people or more ("New York") keeps its reading for the context to decide: its
    bare name names the city as often as the state."""
    if m.designator == "city" or m.qualifier is not None:
        return
    divisions = {(h.entry.cc, h.entry.admin1) for h in m.hits
                 if h.entry.kind in ("state", "province") and not h.alternate and h.entry.admin1}
    if divisions:
        m.hits = [h for h in m.hits if not (h.entry.kind == "city" and (h.entry.cc, h.entry.admin1) in divisions
                                            and h.entry.population < world_city)]


def explicit(m: Mention, h: Hit, w: Weights) -> float:
    """The score a qualifier ("Paris, Texas") or a designator ("the city of Victoria") gives an entry."""
    e = h.entry
    s = 0.0
    if m.qualifier is not None:
        cc, admin1 = m.qualifier
        if e.cc == cc and (admin1 is None or e.admin1 == admin1):
            s += w.qualifier
    if m.designator is not None:
        kinds = _DESIGNATED_KINDS.get(m.designator, (m.designator,))
        if e.kind in kinds:
            s += w.designator
    return s


def best(m: Mention, score: Callable[[Hit], float]) -> Entry | None:
    """The best-scoring entry of ``m``; ties go to the more populous entry, then the lower id."""
    if not m.hits:
        return None
    return max(m.hits, key=lambda h: (score(h), h.entry.population, -(h.entry.geonameid or 0))).entry
