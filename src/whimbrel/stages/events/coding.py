"""PLOVER's coding rules for events that have not (yet) happened.

Whimbrel keeps what the text says: a COOPERATE event with modality ``future``
("Russia would continue military cooperation"). A PLOVER coder records such an
announcement as a different event type; :func:`coded_type` applies the
manual's rules, for exports and for scoring against PLOVER gold records:

* future CONSULT, SUPPORT, COOPERATE, AID -> AGREE ("Cooperative actions ...
  reported in future tense are also taken to imply intentions and should be
  coded as AGREE", AGREE section);
* future RETREAT -> CONCEDE ("Announcements of future retreats should be coded
  as CONCEDE", RETREAT section), except a promised release of persons or return of
  property (modes release, return), a commitment to hand them over -> AGREE (the CONCEDE
  section lists promised easings, ceasefires and withdrawals, not releases); future
  CONCEDE stays CONCEDE;
* conditional ("if", "unless") CONSULT, SUPPORT, COOPERATE, AID -> AGREE
  (a conditional offer states an intention to cooperate);
* future (by a future auxiliary: "will attack", not "plans to attack") or
  conditional ("if", "unless") PROTEST, SANCTION, MOBILIZE, COERCE, ASSAULT -> THREATEN (auxiliary modes: "THREATEN could be ASSAULT +
  hypothetical"; the coder returns the single category);
* future SANCTION reported by a verb of decision ("announced it would prohibit all aid to
  X", "declared it would cut ties"): the measure is decided and recorded as SANCTION
  (as "announced...would withdraw troops" is recorded, as CONCEDE, not as an intention);
* a negated cooperative act of the actor ("would not meet their demands",
  "failed to reach agreement", "did not accept the offer") -> REJECT: the REJECT
  section covers "all rejections and refusals", with modes for refusing to meet,
  to yield and to assist. Negated conflict acts ("did not attack") stay what they
  are, with modality negated: not attacking is no rejection.
"""
from __future__ import annotations

import re

from ...model import Event

_COOPERATIVE = {"CONSULT", "SUPPORT", "COOPERATE", "AID"}
_CONFLICT_ACTS = {"PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}
_CONDITIONAL = {"if", "unless"}
_REFUSABLE = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT"}
#: RETREAT modes that hand something over (CAMEO 0841/0842): promised, they are AGREE
HANDOVER_MODES = {"release", "return"}
#: measures recorded as taken when announced as decided (see :func:`_announced_measure`)
_DECIDED = {"SANCTION"}


def modality_cues(event: Event) -> list[str]:
    """The cue words recorded in ``event.why`` ("modality=future(will)" -> ["will"])."""
    m = re.search(r"modality=\w+\(([^)]*)\)", event.why or "")
    return [w for w in m.group(1).split(",") if w] if m else []


def _stated_future(event: Event) -> bool:
    """Whether a future conflict act is stated as the actor's own coming act ("will attack",
    "would blockade Paris"): a future auxiliary among its cues. One that is only planned,
    scheduled or about to happen ("plans to fight", "is set to be destroyed") is an intention
    a PLOVER coder does not record ("Plots never carried out")."""
    from .vocab import packaged

    return bool(set(modality_cues(event)) & set(packaged().modality.future_auxiliaries))


def _handover(event: Event) -> bool:
    """A RETREAT that releases persons or returns property (marked "handover" in ``why``, so that
    an event read back from its JSON, without its mode, codes the same)."""
    return getattr(event, "mode", None) in HANDOVER_MODES or "handover" in (event.why or "").split("; ")


def _announced_measure(event: Event) -> bool:
    """A future SANCTION in a clause reported by a verb of decision ("announced it would
    prohibit all aid to the rebels", "declared it would cut ties"): the measure is decided,
    so a coder records the SANCTION itself, as an announced retreat is recorded."""
    return event.event in _DECIDED and event.modality == "future" and "announced" in modality_cues(event)


def _refused_by_governor(event: Event) -> bool:
    """A negated act whose only negation is a governing verb of refusal ("refused to negotiate",
    "declined to resign", "rejected an offer to host a summit"): the refusal is that verb's own
    REJECT event, so the complement records nothing more (a second REJECT, or one by the
    party whose offer was rejected)."""
    from .vocab import packaged

    cues = modality_cues(event)
    if not cues:
        return False
    lex = packaged()
    refusing = {lemma for lemma in lex.modality.negating_governors
                if any(e.event == "REJECT" for e in lex.entries(lemma, "verb"))}
    return all(c in refusing for c in cues)


def coded_type(event: Event) -> str:
    """The PLOVER event type a coder records for ``event`` (see module docstring)."""
    t = event.event
    if event.modality == "negated" and t in _REFUSABLE and not _refused_by_governor(event):
        return "REJECT"
    if _announced_measure(event):
        return t
    if event.modality == "future":
        if t in _COOPERATIVE:
            return "AGREE"
        if t == "RETREAT":
            # a promise to release persons or return property is a commitment to cooperate;
            # CONCEDE covers promised easings, ceasefires and withdrawals (manual, CONCEDE)
            return "AGREE" if _handover(event) else "CONCEDE"
        if t in _CONFLICT_ACTS and _stated_future(event):
            return "THREATEN"
    if event.modality == "hypothetical" and t in _CONFLICT_ACTS and _CONDITIONAL & set(modality_cues(event)):
        return "THREATEN"
    if event.modality == "hypothetical" and t in _COOPERATIVE and _CONDITIONAL & set(modality_cues(event)):
        # "will send aid if ...": a conditional offer is an intention to cooperate
        return "AGREE"
    return t


def is_codable(event: Event) -> bool:
    """Whether a PLOVER coder would record ``event`` at all (asserted, or re-coded above)."""
    return event.modality == "asserted" or coded_type(event) != event.event or _announced_measure(event)
