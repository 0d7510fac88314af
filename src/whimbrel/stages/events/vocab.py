"""The events stage's vocabulary: its data files in ``whimbrel/data/events/`` as typed lookups.

The data files, not this code, say which words announce which PLOVER events:
``triggers.yaml`` (trigger words and patterns per event type), ``cameo.yaml``
(CAMEO code -> PLOVER event, mode, context, Goldstein score), ``roles.yaml``
(how actors and recipients are found), ``modality.yaml`` (cue words),
``contexts.yaml`` (context keywords) and ``senses.yaml`` (senses that depend on
the actor's kind and sector). Each is read through :mod:`whimbrel.lexicons`
(checked against its schema) once per component, from the package or from a
folder a user saved with ``nlp.to_disk``.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ... import lexicons
from ...model import PLOVER_EVENTS

#: The stage's data files, relative to ``whimbrel/data/``.
FILES = tuple(f"events/{name}" for name in (
    "triggers.yaml", "cameo.yaml", "roles.yaml", "modality.yaml", "contexts.yaml", "senses.yaml",
    "petrarch/verbs.json"))


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
    comp: frozenset[str] = frozenset()    # required adjective complement ("guilty"; "not guilty" negated)
    predicate: bool = False               # the verb names its object something ("called X a liar")
    recipient: tuple[str, ...] = ()       # allowed recipient roles, e.g. ("prep:from",)
    weak: bool = False                    # ambiguous word: lower confidence
    source: str = ""                      # "lexicon:TYPE:..." for the evidence's why
    subj: frozenset[str] = frozenset()    # required subject head lemma(s) (derived patterns)
    obj_mod: frozenset[str] = frozenset()  # required modifier of the object (derived patterns)
    pobj: frozenset[str] = frozenset()    # required object of the required preposition
    derived: bool = False                 # from the PETRARCH2 dictionary (data/events/petrarch/)

    @property
    def specificity(self) -> int:
        """More constraints = more specific = preferred over a bare lemma."""
        return (2 * bool(self.obj) + 2 * bool(self.prt) + 2 * bool(self.mod) + bool(self.prep)
                + 2 * bool(self.pobj) + bool(self.obj_mod) + bool(self.subj)
                + bool(self.obj_actor) + bool(self.clause) + bool(self.comp_aux) + 2 * bool(self.comp) + 3 * bool(self.predicate)
                + (self.transitive is not None))


@dataclass(frozen=True)
class RoleWords:
    """``roles.yaml``: the words and event types the role rules consult (comments there)."""

    light_verbs: frozenset[str]
    noun_light_verbs: dict[str, frozenset[str]]      # event noun -> verbs light for it only
    converse_light_verbs: frozenset[str]
    light_verb_preps: dict[str, str]                 # verb lemma -> preposition ("engage" -> "in")
    dispositional_passives: frozenset[str]
    terminative_verbs: frozenset[str]
    aspectual_verbs: frozenset[str]
    collective_nouns: frozenset[str]
    experiencer_predicates: frozenset[str]
    recipient_preps: frozenset[str]
    recipient_prep_order: tuple[str, ...]            # the same, in order of preference
    type_recipients: dict[str, tuple[str, ...]]      # event type -> allowed recipient roles
    symmetric_cameo: frozenset[str]
    host_place_cameo: frozenset[str]
    partner_recipient_types: frozenset[str]
    third_party_cameo: frozenset[str]
    blocking_modifiers: dict[str, frozenset[str]]    # event noun -> modifiers changing its sense
    blocking_objects: dict[str, frozenset[str]]      # verb -> objects choosing a non-event sense
    blocking_complements: dict[str, frozenset[str]]  # verb -> infinitives making it no event
    opinion_verbs: frozenset[str]                    # agreeing with a judgement is no event
    content_verbs: frozenset[str]                    # verbs that are no event without their content
    object_verbs: frozenset[str]                     # verbs that are no event without a direct object
    agentless_types: frozenset[str]                  # types coded from an agentless passive
    agentless_cameo: frozenset[str]                  # and CAMEO codes of other types
    agentless_verbs: frozenset[str]                  # and verbs of judgement (acquit, convict)
    content_owner_types: frozenset[str]
    utterance_nouns: frozenset[str]
    utterance_verbs: frozenset[str]
    gapped_passive_types: frozenset[str]             # a bare past verb after a passive is one too
    habitual_present_types: frozenset[str]           # a simple present with a bare plural object: a habit
    cause_struggle_words: frozenset[str]             # "fight for X" with no opponent: a cause
    battle_goal_nouns: frozenset[str]                # "fight for control/the town": a battle
    public_types: frozenset[str]                     # types no private individual does
    speech_recipient_types: frozenset[str]           # types aimed at whom the speaker's words are about
    owner_adjectives: dict[str, str]                 # adjective -> organisation name in the actors lexicon
    owner_adjective_words: frozenset[str]            # its keys, lower-cased
    locative_recipient_types: frozenset[str]

    locative_foreign_types: frozenset[str]
    no_complement_recipient_verbs: frozenset[str]
    purpose_beneficiary_types: frozenset[str]        # aid given "to help X" goes to X
    helping_verbs: frozenset[str]                    # the purpose verbs of helping
    locative_preps: frozenset[str]
    lemma_corrections: dict[str, str]                # word form -> lemma
    event_head_nouns: frozenset[str]
    condition_marks: frozenset[str]
    agent_preps: frozenset[str]
    of_is_agent: frozenset[str]
    poss_is_patient: frozenset[str]
    reciprocal_preps: frozenset[str]
    requires_recipient: frozenset[str]
    possessive_pronouns: frozenset[str]
    generic_persons: dict[str, str]                  # nouns for unnamed individuals ("a man") -> sector
    content: dict[str, dict[str, dict[str, Any]]]    # outer type -> content type -> {cameo, mode}
    legacy_codes: dict[str, str]                     # gold files' legacy country codes -> ISO


@dataclass(frozen=True)
class ModalityWords:
    """``modality.yaml``: cue words of negation, future, hypothesis and attempt (lower-cased)."""

    negating_governors: frozenset[str]
    negating_preps: frozenset[str]
    future_auxiliaries: frozenset[str]
    future_governors: frozenset[str]
    future_nouns: frozenset[str]
    authorizing_nouns: frozenset[str]
    hypothetical_markers: frozenset[str]
    hypothetical_auxiliaries: frozenset[str]
    hypothetical_governors: frozenset[str]
    attempting_governors: frozenset[str]
    mandative_governors: frozenset[str]
    future_object_governors: frozenset[str]
    denying_governors: frozenset[str]
    deciding_governors: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Entry, ...]]
    nouns: dict[str, tuple[Entry, ...]]
    cameo: dict[str, dict[str, Any]]
    roles: RoleWords
    modality: ModalityWords
    contexts: dict[str, tuple[str, ...]]
    #: ``contexts`` with each keyword phrase split into its words.
    context_parts: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]
    senses: dict[str, Any]   # senses.yaml: re-coding by actor class
    #: verb entries derived from PETRARCH2's dictionary: tried when no hand entry matches
    derived_verbs: dict[str, tuple[Entry, ...]] = field(default_factory=dict)

    def entries(self, lemma: str, kind: str) -> tuple[Entry, ...]:
        table = self.verbs if kind == "verb" else self.nouns
        return table.get(lemma, ())

    def derived(self, lemma: str, kind: str) -> tuple[Entry, ...]:
        return self.derived_verbs.get(lemma, ()) if kind == "verb" else ()


def _set(v: Any) -> frozenset[str]:
    if v is None:
        return frozenset()
    if isinstance(v, (list, tuple)):
        if any(isinstance(x, bool) for x in v):  # YAML 1.1 reads bare on/off/no/yes as booleans
            raise ValueError(f"event lexicon: quote on/off/yes/no in {v!r}")
        return frozenset(str(x).lower() for x in v)
    return frozenset([str(v).lower()])


def _words(doc: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(w).lower() for w in doc.get(key) or ())


def _types(doc: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(x).upper() for x in doc.get(key) or ())


def _codes(doc: dict[str, Any], key: str) -> frozenset[str]:
    return frozenset(str(c) for c in doc.get(key) or ())


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
        obj_actor=bool(spec.get("obj_actor")), clause=bool(spec.get("clause")),
        comp_aux=_set(spec.get("comp_aux")), comp=_set(spec.get("comp")), predicate=bool(spec.get("predicate")), recipient=tuple(spec.get("recipient") or ()),
        weak=bool(spec.get("weak")), source=f"lexicon:{event}:{label}",
    )


def _triggers(doc: dict[str, Any], cameo: dict) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    verbs: dict[str, list[Entry]] = {}
    nouns: dict[str, list[Entry]] = {}
    for etype, sections in doc.items():
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
                              *sorted(_set(pat.get("mod"))), *sorted(_set(pat.get("prep"))), *sorted(_set(pat.get("comp"))),
                              *(["obj"] if pat.get("obj") else [])])
            e = _entry(kind, lemmas, etype, pat, cameo, label)
            table = verbs if kind == "verb" else nouns
            for lemma in e.lemmas:
                table.setdefault(lemma, []).append(e)
    return verbs, nouns


def _derived(doc: dict[str, Any], cameo: dict, converse: frozenset[str] = frozenset()) -> dict[str, tuple[Entry, ...]]:
    """``petrarch/verbs.json`` as verb entries. A code whimbrel's ``cameo.yaml`` lists takes its
    event there (whimbrel's documented choices, e.g. 163 sanctions as SANCTION); others keep the
    CAMEO2PLOVER type the conversion gave. Only patterns with a lexical constraint (object,
    subject, particle or prepositional object) are used: bare verbs, whether coded by their
    own code or their block's (PETRARCH's blocks are wide: "consider" and "arrive" are CONSULT
    there), were measured to code mostly noise on real news; the hand lexicon holds the verbs.
    Patterns of verbs of saying and of receiving verbs are left out too (comments below)."""
    out: dict[str, list[Entry]] = {}
    for pat in doc.get("entries") or ():
        if not any(k in pat for k in ("subj", "prt", "obj", "pobj")):
            # a bare verb or a bare preposition ("said", "went", "led", "added"): on the real-news
            # development articles these coded mostly what no coder records; a pattern naming
            # its object, subject, particle or prepositional object is specific enough
            continue
        if str(pat.get("block_cameo", "")).startswith("01") or converse & _set(pat["verb"]):
            # verbs of saying (CAMEO 01 blocks): whimbrel codes what is said from the reported
            # clause itself; receiving verbs ("obtained aid"): the giver acts, which the converse
            # light-verb rules of roles.yaml handle and a plain pattern gets backwards
            continue
        code = str(pat["cameo"])
        row = cameo.get(code)
        event = row["event"] if row and row.get("event") else pat["event"]
        mode = (row.get("mode") if row and row.get("event") == event else None) if row else pat.get("mode")
        ctx = tuple((row.get("context") if row else None) or pat.get("context") or ())
        label = "+".join([pat["block"].lower(), *(f"{k}:{'/'.join(pat[k][:2])}" for k in
                                                    ("subj", "prt", "obj", "prep", "pobj") if k in pat)])
        e = Entry(kind="verb", lemmas=_set(pat["verb"]), event=event, cameo=code, mode=mode, context=ctx,
                  obj=_set(pat.get("obj")), prep=_set(pat.get("prep")), prt=_set(pat.get("prt")),
                  subj=_set(pat.get("subj")), obj_mod=_set(pat.get("obj_mod")), pobj=_set(pat.get("pobj")),
                  derived=True, source=f"petrarch:{event}:{code}:{label}")
        for lemma in e.lemmas:
            out.setdefault(lemma, []).append(e)
    return {k: tuple(v) for k, v in out.items()}


def _roles(doc: dict[str, Any]) -> RoleWords:
    def by_word(key: str) -> dict[str, frozenset[str]]:
        return {k: frozenset(str(w).lower() for w in v or ()) for k, v in (doc.get(key) or {}).items()}

    owners = {k: str(v) for k, v in (doc.get("owner_adjectives") or {}).items()}
    return RoleWords(
        light_verbs=_words(doc, "light_verbs"),
        noun_light_verbs=by_word("noun_light_verbs"),
        converse_light_verbs=_words(doc, "converse_light_verbs"),
        light_verb_preps={k: str(v).lower() for k, v in (doc.get("light_verb_preps") or {}).items()},
        dispositional_passives=_words(doc, "dispositional_passives"),
        terminative_verbs=_words(doc, "terminative_verbs"),
        aspectual_verbs=_words(doc, "aspectual_verbs"),
        collective_nouns=_words(doc, "collective_nouns"),
        experiencer_predicates=_words(doc, "experiencer_predicates"),
        recipient_preps=_words(doc, "recipient_preps"),
        recipient_prep_order=tuple(doc.get("recipient_preps") or ()),
        type_recipients={k: tuple(v or ()) for k, v in (doc.get("type_recipients") or {}).items()},
        symmetric_cameo=_codes(doc, "symmetric_cameo"),
        host_place_cameo=_codes(doc, "host_place_cameo"),
        partner_recipient_types=_types(doc, "partner_recipient_types"),
        third_party_cameo=_codes(doc, "third_party_cameo"),
        blocking_modifiers=by_word("blocking_modifiers"),
        blocking_objects=by_word("blocking_objects"),
        blocking_complements=by_word("blocking_complements"),
        opinion_verbs=_words(doc, "opinion_verbs"),
        content_verbs=_words(doc, "content_verbs"),
        object_verbs=_words(doc, "object_verbs"),
        agentless_types=_types(doc, "agentless_types"),
        agentless_cameo=_codes(doc, "agentless_cameo"),
        agentless_verbs=_words(doc, "agentless_verbs"),
        content_owner_types=_types(doc, "content_owner_types"),
        utterance_nouns=_words(doc, "utterance_nouns"),
        utterance_verbs=_words(doc, "utterance_verbs"),
        speech_recipient_types=_types(doc, "speech_recipient_types"),
        public_types=_types(doc, "public_types"),
        gapped_passive_types=_types(doc, "gapped_passive_types"),
        habitual_present_types=_types(doc, "habitual_present_types"),
        cause_struggle_words=_words(doc, "cause_struggle_words"),
        battle_goal_nouns=_words(doc, "battle_goal_nouns"),
        owner_adjectives=owners,
        owner_adjective_words=frozenset(k.lower() for k in owners),
        locative_recipient_types=_types(doc, "locative_recipient_types"),

        locative_foreign_types=_types(doc, "locative_foreign_types"),
        no_complement_recipient_verbs=_words(doc, "no_complement_recipient_verbs"),
        purpose_beneficiary_types=_types(doc, "purpose_beneficiary_types"),
        helping_verbs=_words(doc, "helping_verbs"),
        locative_preps=_words(doc, "locative_preps"),
        lemma_corrections={k: str(v).lower() for k, v in (doc.get("lemma_corrections") or {}).items()},
        event_head_nouns=_words(doc, "event_head_nouns"),
        condition_marks=_words(doc, "condition_marks"),
        agent_preps=_words(doc, "agent_preps"),
        of_is_agent=_words(doc, "of_is_agent"),
        poss_is_patient=_words(doc, "poss_is_patient"),
        reciprocal_preps=_words(doc, "reciprocal_preps"),
        requires_recipient=frozenset(doc.get("requires_recipient") or ()),
        possessive_pronouns=_words(doc, "possessive_pronouns"),
        generic_persons={str(k).lower(): str(v) for k, v in (doc.get("generic_persons") or {}).items()},
        content=dict(doc.get("content") or {}),
        legacy_codes={str(k): str(v) for k, v in (doc.get("legacy_codes") or {}).items()},
    )


def _modality(doc: dict[str, Any]) -> ModalityWords:
    return ModalityWords(**{name: _words(doc, name) for name in ModalityWords.__dataclass_fields__})


def load(root: Path | str | None = None) -> Lexicon:
    """Read and index the event data files (``root``: a folder holding ``events/...``; None: the package's)."""
    def data(name: str) -> Any:
        return lexicons.load(f"events/{name}", root) or {}

    cameo = {str(k): v for k, v in (data("cameo.yaml").get("codes") or {}).items()}
    modality = _modality(data("modality.yaml"))
    roles = _roles(data("roles.yaml"))
    verbs, nouns = _triggers(data("triggers.yaml"), cameo)
    ctx = {k: tuple(str(w).lower() for w in v) for k, v in data("contexts.yaml").items()}
    return Lexicon(
        verbs={k: tuple(v) for k, v in verbs.items()},
        nouns={k: tuple(v) for k, v in nouns.items()},
        cameo=cameo, roles=roles, modality=modality,
        contexts=ctx, context_parts=tuple((c, tuple(tuple(k.split()) for k in keys)) for c, keys in ctx.items()),
        senses=data("senses.yaml"),
        derived_verbs=_derived(lexicons.load("events/petrarch/verbs.json", root) or {}, cameo,
                               roles.converse_light_verbs),
    )


_PACKAGED: Lexicon | None = None


def packaged() -> Lexicon:
    """The package's own lexicon, read once per process."""
    global _PACKAGED
    if _PACKAGED is None:
        _PACKAGED = load()
    return _PACKAGED
