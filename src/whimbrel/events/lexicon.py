"""Loads the event lexicons in ``whimbrel/data/events/`` into lookup structures.

The data files, not this module, say which words announce which PLOVER events:
``triggers.yaml`` (trigger words and patterns per event type), ``cameo.yaml``
(CAMEO code -> PLOVER event, mode, context, Goldstein score), ``roles.yaml``
(how actors and recipients are found), ``modality.yaml`` (cue words) and
``contexts.yaml`` (context keywords) and ``senses.yaml`` (senses that depend on
the actor's kind and sector). Everything is read once and cached.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import PLOVER_EVENTS

# libyaml's parser when PyYAML has it: the same documents, about 7x faster to
# parse than the pure-Python loader (lexicons are parsed in every worker process).
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class Entry:
    """One trigger entry: a lemma (or lemmas) plus constraints, and what it codes."""

    kind: str                      # "verb" | "noun"
    lemmas: frozenset[str]
    event: str
    cameo: str | None
    mode: str | None
    context: tuple[str, ...]
    obj: frozenset[str] = frozenset()     # required object lemma(s)
    prep: frozenset[str] = frozenset()    # required governed preposition(s)
    prt: frozenset[str] = frozenset()     # required particle(s)
    mod: frozenset[str] = frozenset()     # required modifier lemma(s) (nouns)
    transitive: bool | None = None        # verb must (True) / must not (False) have an object
    obj_actor: bool = False               # the object must resolve to an actor
    clause: bool = False                  # the verb must govern a clausal complement
    comp_aux: frozenset[str] = frozenset()  # required auxiliary of that complement ("must")
    recipient: tuple[str, ...] = ()       # allowed recipient roles, e.g. ("prep:from",)
    weak: bool = False                    # ambiguous word: lower confidence
    source: str = ""                      # "lexicon:TYPE:..." for the evidence's why

    @property
    def specificity(self) -> int:
        """More constraints = more specific = preferred over a bare lemma."""
        return (2 * bool(self.obj) + 2 * bool(self.prt) + 2 * bool(self.mod) + bool(self.prep)
                + bool(self.obj_actor) + bool(self.clause) + bool(self.comp_aux) + (self.transitive is not None))


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    cameo: dict[str, dict[str, Any]]
    quad: dict[str, str]
    roles: dict[str, Any]
    modality: dict[str, Any]
    contexts: dict[str, tuple[str, ...]]
    senses: dict[str, Any] = field(default_factory=dict)   # senses.yaml: re-coding by actor class
    _words: dict[tuple[str, str], frozenset[str]] = field(default_factory=dict, repr=False, compare=False)
    _context_parts: list[tuple[str, tuple[tuple[str, ...], ...]]] | None = field(
        default=None, repr=False, compare=False)

    def entries(self, lemma: str, kind: str) -> tuple[Entry, ...]:
        table = self.verbs if kind == "verb" else self.nouns
        return table.get(lemma, ())

    def words(self, section: str, key: str) -> frozenset[str]:
        """The lower-cased word list ``key`` of roles.yaml or modality.yaml (built once, then kept)."""
        found = self._words.get((section, key))
        if found is None:
            src = self.roles if section == "roles" else self.modality
            found = self._words[(section, key)] = frozenset(str(w).lower() for w in src.get(key) or ())
        return found

    def context_parts(self) -> list[tuple[str, tuple[tuple[str, ...], ...]]]:
        """``contexts`` with each keyword phrase split into its words (split once, then kept)."""
        if self._context_parts is None:
            parts = [(ctx, tuple(tuple(k.split()) for k in keys)) for ctx, keys in self.contexts.items()]
            object.__setattr__(self, "_context_parts", parts)
        return self._context_parts


def _data(name: str) -> Any:
    text = resources.files("whimbrel").joinpath("data", "events", name).read_text(encoding="utf-8")
    return yaml.load(text, Loader=_YAML_LOADER) or {}


def _set(v: Any) -> frozenset[str]:
    if v is None:
        return frozenset()
    if isinstance(v, (list, tuple)):
        if any(isinstance(x, bool) for x in v):  # YAML 1.1 reads bare on/off/no/yes as booleans
            raise ValueError(f"event lexicon: quote on/off/yes/no in {v!r}")
        return frozenset(str(x).lower() for x in v)
    return frozenset([str(v).lower()])


def _entry(kind: str, lemmas: Any, etype: str, spec: Any, cameo: dict, label: str) -> Entry:
    if not isinstance(spec, dict):
        spec = {"cameo": spec}
    code = str(spec["cameo"]) if spec.get("cameo") is not None else None
    row = cameo.get(code, {}) if code else {}
    event = spec.get("event") or etype
    mode = spec.get("mode", row.get("mode") if row.get("event") == event else None)
    context = tuple(spec.get("context") or row.get("context") or ())
    return Entry(
        kind=kind, lemmas=_set(lemmas), event=event, cameo=code, mode=mode, context=context,
        obj=_set(spec.get("obj")), prep=_set(spec.get("prep")), prt=_set(spec.get("prt")),
        mod=_set(spec.get("mod")), transitive=spec.get("transitive"),
        obj_actor=bool(spec.get("obj_actor")), clause=bool(spec.get("clause")), comp_aux=_set(spec.get("comp_aux")), recipient=tuple(spec.get("recipient") or ()),
        weak=bool(spec.get("weak")), source=f"lexicon:{event}:{label}",
    )


@lru_cache(maxsize=1)
def load() -> Lexicon:
    """Read and index all event data files (cached)."""
    cameo_doc = _data("cameo.yaml")
    cameo = {str(k): v for k, v in (cameo_doc.get("codes") or {}).items()}
    quad = {e: q for q, events in (cameo_doc.get("quad") or {}).items() for e in events}
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for etype, sections in (_data("triggers.yaml") or {}).items():
        if etype not in PLOVER_EVENTS:
            raise ValueError(f"triggers.yaml: unknown PLOVER event type {etype!r}")
        for kind, table in (("verb", verbs), ("noun", nouns)):
            for lemma, spec in (sections.get(kind) or {}).items():
                e = _entry(kind, lemma, etype, spec, cameo, str(lemma))
                table.setdefault(str(lemma).lower(), []).append(e)
        for pat in sections.get("pattern") or ():
            kind = "verb" if "verb" in pat else "noun"
            lemmas = pat[kind]
            label = "+".join([*sorted(_set(lemmas)), *sorted(_set(pat.get("prt"))),
                              *sorted(_set(pat.get("mod"))), *sorted(_set(pat.get("prep"))),
                              *(["obj"] if pat.get("obj") else [])])
            e = _entry(kind, lemmas, etype, pat, cameo, label)
            table = verbs if kind == "verb" else nouns
            for lemma in e.lemmas:
                table.setdefault(lemma, []).append(e)
    ctx = {k: tuple(str(w).lower() for w in v) for k, v in (_data("contexts.yaml") or {}).items()}
    return Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        cameo=cameo, quad=quad, roles=_data("roles.yaml"), modality=_data("modality.yaml"),
        contexts=ctx, senses=_data("senses.yaml"),
    )
