"""The statements stage's vocabulary: ``data/statements/cues.yaml`` read into :class:`Cues`.

The file is read through :mod:`whimbrel.lexicons` (checked against
``data/schemas/statements/cues.yaml``: unknown keys, wrong types, a word given
twice in one list). This module adds the checks a schema cannot state: a lemma
listed in two cue groups, and a group name used (``xcomp_groups``,
``of_groups``, ``phrasal``, ``according_to``) that no group defines.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from ... import lexicons
from . import weights
from .learned import MIN_CUED, MIN_RATE, learned_cue_lemmas

#: The stage's lexicon file, relative to ``whimbrel/data/`` (or to a saved pipeline's folder).
CUES_FILE = "statements/cues.yaml"


@dataclass(frozen=True)
class Cues:
    """The reporting-cue lexicon (see the comments in ``cues.yaml``)."""

    group_of: dict[str, str]                 # cue lemma (lower case) -> its group
    xcomp_groups: frozenset[str]             # groups taking an infinitive complement
    of_groups: frozenset[str]                # groups taking an "of"/"for" complement
    of_preps: frozenset[str]
    according_group: str                     # cue_group of "according to"
    source_nouns: frozenset[str]             # nouns that make "according to X" a source
    phrasal: dict[str, tuple[str, frozenset[str]]] = field(default_factory=dict)  # lemma -> (group, preps)
    non_sources: frozenset[str] = frozenset()
    comment_nouns: frozenset[str] = frozenset()
    #: nouns that name a proposition, an utterance or an attitude (what can be reported), not an act
    content_nouns: frozenset[str] = frozenset()
    elliptical_sources: frozenset[str] = frozenset()
    naming_verbs: frozenset[str] = frozenset()
    #: cue lemma -> content relations learned from annotated news (learned.py), most frequent first
    learned: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: whether a learned direct-object relation gives a content ("endorsed Clinton"): PolNeAR's
    #: convention, on with the component's spans="attribution" (the default); off with "pieces"
    object_content: bool = False
    #: with the candidate model, the rules-alone lexicon, which direct quotes take their cues from
    #: (the over-generated cue verbs are for indirect candidates, which the model judges)
    rules: Cues | None = None


def load_cues(root: Path | str | None = None, objects: bool = True) -> Cues:
    """The cue lexicon from ``root`` (a folder holding ``statements/cues.yaml``), or the package's.

    ``objects``: learned cues may take a direct object as content (PolNeAR's
    convention, the default; see :func:`with_learned`). The package's lexicon
    is built once per process and setting; treat the result as read-only.
    """
    if root is None:
        return _packaged(objects)
    raw = lexicons.load(CUES_FILE, root) if root is not None else lexicons.load(CUES_FILE)
    return with_learned(build(raw), objects)


@lru_cache(maxsize=2)
def _packaged(objects: bool) -> Cues:
    return with_learned(build(lexicons.load(CUES_FILE)), objects)


def with_learned(cues: Cues, objects: bool = False, over: bool | None = None) -> Cues:
    """``cues`` plus the learned cue verbs (group ``neutral`` unless cues.yaml names one) and relations.

    A learned verb is a cue when a content rule can follow one of its learned
    relations (a direct object only with ``objects``), or when its content was
    quoted; a phrasal cue ("call" FOR) stays phrasal.
    """
    group_of = dict(cues.group_of)
    learned: dict[str, tuple[str, ...]] = {}
    # the candidate model judges every learned verb of the table; the rules alone take the surer ones
    if over is None:
        over = objects and weights.active()
    for lemma, v in learned_cue_lemmas(*((weights.cue_rate(), 0) if over else (MIN_RATE, MIN_CUED))).items():
        rels = v.relations if objects else tuple(r for r in v.relations if r != "dobj")
        if not rels and not v.quotes:
            continue
        if rels:
            learned[lemma] = rels
        if lemma not in cues.phrasal:
            group_of.setdefault(lemma, "neutral")
    rules = with_learned(cues, objects, over=False) if over else None
    return replace(cues, group_of=group_of, learned=learned, object_content=objects, rules=rules)


def cue_lemmas(root: Path | str | None = None) -> frozenset[str]:
    """Every cue verb lemma of every group, lower case (what the sentence pre-filter looks for)."""
    return frozenset(load_cues(root).group_of)


def build(raw: dict) -> Cues:
    """:class:`Cues` from the parsed, schema-checked content of ``cues.yaml``."""
    group_of: dict[str, str] = {}
    for group, lemmas in (raw.get("groups") or {}).items():
        for lemma in lemmas or ():
            key = str(lemma).lower()
            if key in group_of:
                raise lexicons.LexiconError(f"{CUES_FILE}: ['groups'][{group!r}]: {lemma!r} "
                                            f"is already in group {group_of[key]!r}")
            group_of[key] = group
    acc = raw.get("according_to") or {}
    cues = Cues(
        group_of=group_of,
        xcomp_groups=frozenset(raw.get("xcomp_groups") or ()),
        of_groups=frozenset(raw.get("of_groups") or ()),
        of_preps=frozenset(raw.get("of_preps") or ("of",)),
        according_group=str(acc.get("group") or "neutral"),
        source_nouns=frozenset(str(n).lower() for n in acc.get("source_nouns") or ()),
        phrasal={str(k).lower(): (str(v.get("group") or "neutral"),
                                  frozenset(str(p).lower() for p in v.get("preps") or ()))
                 for k, v in (raw.get("phrasal") or {}).items()},
        non_sources=frozenset(str(n).lower() for n in raw.get("non_sources") or ()),
        comment_nouns=frozenset(str(n).lower() for n in raw.get("comment_nouns") or ()),
        content_nouns=frozenset(str(n).lower() for n in (raw.get("content_nouns") or ()))
        | frozenset(str(n).lower() for n in raw.get("comment_nouns") or ()),
        elliptical_sources=frozenset(str(n).lower() for n in raw.get("elliptical_sources") or ()),
        naming_verbs=frozenset(str(n).lower() for n in raw.get("naming_verbs") or ()),
    )
    _check_group_names(cues, raw)
    return cues


def _check_group_names(cues: Cues, raw: dict) -> None:
    known = set(cues.group_of.values())
    used = [("xcomp_groups", g) for g in cues.xcomp_groups] + [("of_groups", g) for g in cues.of_groups]
    used += [(f"phrasal {lemma!r}", group) for lemma, (group, _) in cues.phrasal.items()]
    if "according_to" in raw:
        used.append(("according_to", cues.according_group))
    for where, group in sorted(used):
        if group not in known:
            raise lexicons.LexiconError(f"{CUES_FILE}: {where}: unknown cue group {group!r}")
