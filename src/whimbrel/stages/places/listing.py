"""Place evidence for names the gazetteer does not settle: lists, site nouns, place slots.

:func:`list_members` reads a coordination as the list it writes ("Rogaland, Vestfold,
Buskerud, ..., Oslo and Hedmark" parse as a chain of conj), so a name is a place when
another member of its list is one. :func:`unknown_name_placed` decides whether a
place-tagged name no gazetteer entry has is a place at all.
"""
from __future__ import annotations

from typing import Any

from spacy.tokens import Doc, Token

from whimbrel import syntax as dep

from .mentions import Mention

#: Nouns of sites a place name modifies besides the settings' feature words: "the Abu Shok
#: refugee camp", "the Mukuru slums", "an Assenoncourt pond", "Bab el-Oued hospital".
SITE_NOUNS = frozenset({"camp", "slum", "pond", "hospital"})


def modifies_a_site_noun(p: Any, m: Mention, tok: Token, chain: list[Token]) -> bool:
    """A pending rule of :mod:`.candidates`: a known name (``m``, tagged as an organisation or a
    person) that modifies a lower-case site noun ("the Pirbright laboratory", "Randwick racecourse",
    "Esperance resident Michelle Crisp") names where the site is, small towns included
    (``settings.yaml``'s ``site_nouns``); "the Ford plant" names no entry."""
    head = tok.head
    return (bool(m.hits) and tok.dep == dep.compound and head.i > tok.i and head.text.islower()
            and head.lemma_.lower() in p.vocab.settings.site_nouns)


def list_members(tok: Token, limit: int = 24) -> list[Token]:
    """The members of the coordination ``tok`` belongs to, its first conjunct first."""
    top = tok
    for _ in range(limit):
        if top.dep == dep.conj and top.head is not top and top.head.i < top.i:
            top = top.head
        else:
            break
    members, todo = [], [top]
    while todo and len(members) < limit:
        t = todo.pop()
        members.append(t)
        todo.extend(c for c in t.children if c.dep == dep.conj)
    return members


def unknown_name_placed(doc: Doc, m: Mention, out: list[Mention], kinds: frozenset[str], in_place_slot: bool) -> bool:
    """Whether ``m`` (no gazetteer entry) is a place: "in Saldowo" (``in_place_slot``), "the
    village of Pongpong", "Nyanza Province", "Lake Erie", "the Wedza district", "the Abu Shok
    refugee camp", "Greenlane, Auckland", a list with a known place. The small model also tags
    people, firms and diseases GPE ("Harden had been ill", "talks with Newmont", "tested for
    Chagas"), and the document names those nowhere as places. ``kinds``: nouns naming a kind
    of place."""
    kinds = kinds | SITE_NOUNS
    words = [t.lower_ for t in doc[m.start:m.end]]
    if any(w in kinds for w in words) or (m.end < len(doc) and doc[m.end].lemma_.lower() in kinds) \
            or (m.start > 0 and doc[m.start - 1].lemma_.lower() in kinds):
        return True  # "Nyanza Province", "the Nairobi slum Kibera"
    if in_place_slot:
        return True
    root = doc[m.start:m.end].root
    head = root
    for _ in range(3):  # "the Abu Shok refugee camp": the noun the name modifies
        if head.dep in (dep.compound, dep.nmod) and head.head.i > head.i:
            head = head.head
    if head is not root and head.lemma_.lower() in kinds:
        return True
    members = list_members(root)
    top = members[0]
    if top.dep == dep.pobj and top.head.lower_ == "of" and top.head.head.lemma_.lower() in kinds:
        return True  # "the village of Pongpong", "the villages of Foua and Kfraya"
    known = {i for o in out if o.hits for i in range(o.start, o.end)}
    if m.end + 1 < len(doc) and doc[m.end].text == "," and m.end + 1 in known:
        return True  # "Greenlane, Auckland"
    return any(t.i in known for t in members if t is not root)


#: Nouns whose "of" names a settlement or division: "the villages of Bumbacari and X", "the town of X".
SETTLEMENT_NOUNS = frozenset({"village", "town", "city", "hamlet", "township", "municipality", "commune",
                              "province", "district", "island"})


def unknown_settlement(doc: Doc, start: int, end: int) -> bool:
    """"nearby villages of Bumbacari and Dudescu" (Dudescu tagged PERSON), "in the town of
    Pulawy" (tagged ORG), "a town called Lasby": a capitalised name of one or two words that a
    settlement noun's "of" (or "called") names is a place, also one the gazetteer lacks (the
    caller checks it has no entry and is tagged as a person or an organisation)."""
    if end - start > 2 or not all(t.text[:1].isupper() and not t.is_punct for t in doc[start:end]):
        return False
    top = list_members(doc[start:end].root)[0]
    head = top.head
    if top.dep == dep.pobj and head.lower_ == "of" and head.head.lemma_.lower() in SETTLEMENT_NOUNS \
            and head.head.i < top.i:
        return True
    return start >= 2 and doc[start - 1].lower_ == "called" and doc[start - 2].lemma_.lower() in SETTLEMENT_NOUNS
