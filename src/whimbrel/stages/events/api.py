"""What other modules may read of the events stage: ``doc._.events``, ``doc._.event_actors``,
and PLOVER's coding rules for its events.

* :func:`coded_type`, :func:`is_codable`: the event type a PLOVER coder records
  for an event, and whether one would record it (:mod:`.coding`);
* :func:`event_actors`: the actors the events imply that no mention names;
* :func:`legacy_codes`: legacy country codes of PLOVER gold files -> ISO 3166-1
  alpha-3 (``roles.yaml`` ``legacy_codes``), for scoring against gold records.
"""
from __future__ import annotations

from spacy.tokens import Doc

from ...model import Actor
from .coding import coded_type, is_codable, modality_cues
from .vocab import packaged


def event_actors(doc: Doc) -> list[Actor]:
    """Actors the events of ``doc`` imply (the country of a location, an organisation
    named by an adjective); the document's actors are ``doc._.actors`` plus these."""
    return list(doc._.event_actors or ())


def legacy_codes() -> dict[str, str]:
    """Legacy or variant country codes of gold files, upper-cased, -> ISO alpha-3 ("JAP" -> "JPN")."""
    return {k.upper(): v.upper() for k, v in packaged().roles.legacy_codes.items()}


__all__ = ["coded_type", "event_actors", "is_codable", "legacy_codes", "modality_cues"]
