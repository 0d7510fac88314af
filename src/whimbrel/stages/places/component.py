"""The ``whimbrel_places`` component: ``doc._.places`` from toponyms, resolved and metonymy-flagged.

One :class:`whimbrel.model.Place` per toponym mention, in text order:
candidates (:mod:`.candidates`, with the dateline of :mod:`.datelines`),
qualifiers and designators, then one gazetteer entry each (:mod:`.resolve`),
then the place-for-people reading (:mod:`.metonymy`). A mention no entry fits
that the actors stage read as a country ("the Islamic Republic") is placed at
that country; one that no entry fits otherwise lies at the nearest place named
around it (its geonameid and feature stay null).

Reads the model's entities, parse and lemmas, and the actors stage's
``doc._.actors`` / ``doc._.actor_mentions`` (through its api; without the actors
stage the rules go on without that evidence). Writes ``doc._.places`` only.
Failures follow the one error policy of :class:`whimbrel.stages.base.Stage`.
"""
from __future__ import annotations

import dataclasses
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from whimbrel import ext  # noqa: F401  (registers the Doc._ extensions)
from whimbrel.model import Place
from whimbrel.stages.base import Stage

from . import location
from . import vocab as vocab_mod
from .candidates import find_candidates
from .demonyms import DEMONYM, find_demonyms
from .gazetteer import Gazetteer, gazetteer, gazetteer_for
from .mentions import country_actor_at
from .metonymy import is_metonymic
from .resolve import qualify, resolve
from .vocab import Vocab


#: The contract's feature class of each gazetteer entry kind (``places[].feature``).
FEATURE = {"country": "country", "state": "adm1", "province": "adm1", "county": "adm2",
           "city": "city", "seat": "landmark", "region": "other", "continent": "other"}


class PlacesComponent(Stage):
    """spaCy component: ``doc._.places`` from toponyms, resolved and metonymy-flagged."""

    assigns = ("places",)
    lexicon_files = vocab_mod.FILES

    def __init__(self, nlp: Language, name: str, lexicon_dir: str | None = None) -> None:
        super().__init__(nlp, name)
        self.initialize(lexicon_dir=lexicon_dir)

    def load(self, root: Path | None) -> None:
        self.vocab = vocab_mod.load(root)
        # The package's gazetteer is shared by every pipeline of the process (and by a
        # saved pipeline whose gazetteer files are unchanged).
        self.gazetteer = gazetteer() if root is None else gazetteer_for(self.vocab)

    def process(self, doc: Doc) -> None:
        doc._.places = extract(doc, self.vocab, self.gazetteer)


@Language.factory(
    "whimbrel_places",
    assigns=["doc._.places"],
    requires=["doc.ents", "doc.sents", "token.dep", "token.head", "token.tag", "token.lemma", "token.ent_type",
              "doc._.actors", "doc._.actor_mentions"],
    default_config={"lexicon_dir": None},
)
def make_places(nlp: Language, name: str, lexicon_dir: str | None) -> PlacesComponent:
    return PlacesComponent(nlp, name, lexicon_dir=lexicon_dir)


def extract(doc: Doc, vocab: Vocab | None = None, gaz: Gazetteer | None = None) -> list[Place]:
    """The places of ``doc`` in text order (also records token spans for :func:`.location.place_at`)."""
    vocab = vocab if vocab is not None else vocab_mod.load()
    gaz = gaz if gaz is not None else gazetteer()
    mentions, dateline = find_candidates(doc, gaz, vocab)
    qualify(doc, vocab.settings, mentions)
    resolve(doc, vocab.settings, mentions, gaz, dateline)
    taken = {i for m in mentions for i in range(m.start, m.end)}
    mentions = sorted(mentions + find_demonyms(doc, gaz, vocab, taken), key=lambda m: m.start)
    places: list[Place] = []
    index: dict[int, int] = {}
    for m in mentions:
        e = m.choice
        if e is None:
            iso3 = country_actor_at(doc, m.start, m.end)
            iso2 = gaz.iso2.get(iso3 or "")
            e = gaz.countries.get(iso2) if iso2 else None
        span = doc[m.start:m.end]
        meto, _why = is_metonymic(doc, span, vocab)
        places.append(Place(
            id=f"P{len(places) + 1}", span=(span.start_char, span.end_char),
            name=e.name if e else span.text,
            geonameid=e.geonameid if e else None,
            lat=round(e.lat, 5) if e and e.lat is not None else None,
            lon=round(e.lon, 5) if e and e.lon is not None else None,
            country=e.iso3 if e else None,
            metonymy=meto,
            feature=FEATURE.get(e.kind, "other") if e else None,
        ))
        if m.label == DEMONYM:
            continue  # "Turkish troops": a demonym says whose, not where an event happened
        for i in range(m.start, m.end):
            index[i] = len(places) - 1
    places = _near_neighbours(doc, places)
    location.remember(doc, index, vocab)
    return places


#: How far (characters) a neighbour outside the sentence may stand from an unknown place.
NEIGHBOUR_CHARS = 250


def _near_neighbours(doc: Doc, places: list[Place]) -> list[Place]:
    """A place no gazetteer entry holds ("Balintawak, Quezon City", "the Adhamiyah district
    of Baghdad", "villages of Bumbacari and Dudescu ... Romanian") lies near the places
    named around it: it takes the coordinates and country of the nearest placed mention
    of its sentence (a place smaller than a country first), else of one within
    :data:`NEIGHBOUR_CHARS` characters. Its name stays its own, its geonameid and feature
    null: the point is the neighbour's, an approximation, not an entry's own."""
    placed = [p for p in places if p.lat is not None]
    if not placed or all(p.lat is not None for p in places):
        return places
    sent_of = {}
    for p in places:
        tok = doc.char_span(p.span[0], p.span[1], alignment_mode="expand")
        sent_of[p.id] = tok.sent.start if tok is not None and len(tok) else None
    out = []
    for p in places:
        if p.lat is not None:
            out.append(p)
            continue

        def distance(q: Place, p: Place = p) -> int:
            return max(q.span[0] - p.span[1], p.span[0] - q.span[1])

        same = [q for q in placed if sent_of[q.id] is not None and sent_of[q.id] == sent_of[p.id]]
        near = same or [q for q in placed if distance(q) <= NEIGHBOUR_CHARS]
        near = [q for q in near if q.feature != "country"] or near
        if not near:
            out.append(p)
            continue
        q = min(near, key=lambda q: (distance(q), q.span[0]))
        out.append(dataclasses.replace(p, lat=q.lat, lon=q.lon, country=q.country))
    return out
