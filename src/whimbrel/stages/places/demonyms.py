"""Demonyms and place adjectives as toponyms ("Turkish troops", "a Syrian town", "European leaders").

Annotation conventions differ here: TR-News marks a country's adjective as a
toponym with the country's GeoNames point, GeoVirus does not. Whether whimbrel
reports them is ``settings.yaml``'s ``demonym_places`` (the figures behind the
choice are written there). When on, every capitalised adjective of a country
(the actors lexicon's demonyms, read through its api) that no other toponym covers is
a place at that country's gazetteer entry; an adjective of a continent or region
(``settings.yaml``'s ``region_demonyms``) is one only with ``region_demonym_places``
(off: "European officials" names no place, but "European" is still not read as anything else).

Not a demonym place:

* a plural noun of people ("the Cubans", "Canadians"): people, not a place;
* a word inside the name of an organisation, a work, an event, a law, a product
  or a person ("Canadian Press", "Turkish Airlines", "the French Open");
* a lower-case word ("french fries");
* a language: an entity tagged LANGUAGE, or a bare object of "in" or of a verb of
  speaking ("shouted in Turkish", "speaks French").
"""
from __future__ import annotations

from spacy.tokens import Doc, Token

from whimbrel import syntax as dep

from whimbrel.stages.actors.api import lexicon_entry

from .gazetteer import Entry, Gazetteer
from .mentions import Mention
from .vocab import Vocab

#: The label of a demonym place's mention (never an entity label of the model).
DEMONYM = "DEMONYM"
#: Entity labels whose names hold a demonym that names no place ("Canadian Press", "the French Open").
_NAME_LABELS = frozenset({"ORG", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "PERSON", "FAC", "LANGUAGE"})
#: Verbs and prepositions whose bare object is a language: "shouted in Turkish", "speaks French".
_LANGUAGE_HEADS = frozenset({"in", "speak", "learn", "teach", "translate", "write"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})


def is_demonym(form: str) -> bool:
    """Whether the actors lexicon knows ``form`` as a country's demonym ("Somali", "Turkish", "Cubans")."""
    lex = lexicon_entry(form)
    return lex is not None and lex.how == "demonym"


def _entry(gaz: Gazetteer, vocab: Vocab, form: str) -> Entry | None:
    """The gazetteer entry the adjective ``form`` names, or None."""
    region = vocab.settings.region_demonyms.get(form)
    if region is not None and not vocab.settings.region_demonym_places:
        return None  # "European officials", "the African continent": no place (the word is still taken)
    if region is not None:
        hits = [h for h in gaz.lookup(region) if h.entry.kind in ("continent", "region", "country")]
        return hits[0].entry if hits else None
    lex = lexicon_entry(form)
    if lex is None or lex.how != "demonym" or lex.kind != "country" or not lex.country:
        return None
    iso2 = gaz.iso2.get(lex.country)
    return gaz.countries.get(iso2) if iso2 else None


def _language(tok: Token) -> bool:
    """"in Turkish", "speaks French": the word is a bare object (no noun after it to modify)."""
    return tok.dep in (dep.pobj, dep.dobj) and (tok.head.lower_ in _LANGUAGE_HEADS
                                                or tok.head.lemma_ in _LANGUAGE_HEADS)


def find_demonyms(doc: Doc, gaz: Gazetteer, vocab: Vocab, taken: set[int]) -> list[Mention]:
    """Demonym mentions of ``doc`` outside the token indices ``taken`` (already toponyms), in text order."""
    if not vocab.settings.demonym_places:
        return []
    out: list[Mention] = []
    i = 0
    while i < len(doc):
        found = None
        for n in (2, 1):  # "South African" before "African"
            span = doc[i:i + n]
            if len(span) < n or any(t.i in taken for t in span):
                continue
            last = span[-1]
            if not span[0].text[:1].isupper() or last.tag_ in _PLURAL_TAGS or not all(t.is_alpha for t in span):
                continue
            if any(t.ent_type_ in _NAME_LABELS for t in span) or _language(last):
                continue
            entry = _entry(gaz, vocab, span.text)
            if entry is not None or span.text in vocab.settings.region_demonyms:
                found = Mention(span.start, span.end, span.text, DEMONYM, [], span.text, choice=entry)
                break
        if found is not None:
            if found.choice is not None:
                out.append(found)
            i = found.end
        else:
            i += 1
    return out
