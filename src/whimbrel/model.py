"""Whimbrel's plain data objects: the output contract (shared/CONTRACT.md) as frozen dataclasses.

Every stage of the pipeline produces these; every sink (JSONL, pretty view, store,
exports) consumes them. Offsets are ``(start, end)`` character offsets into
``Document.text``, end exclusive.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

CONTRACT_VERSION = 1

Span = tuple[int, int]

PLOVER_EVENTS = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
MODALITIES = ("asserted", "negated", "future", "hypothetical", "attempted")
ACTOR_KINDS = ("person", "country", "organization", "group")


@dataclass(frozen=True)
class Document:
    """One input article, as read by :mod:`whimbrel.ingest`."""

    id: str
    text: str
    title: str | None = None
    published: dt.date | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    origin: str | None = None  # file path / feed / WARC record the document came from

    def header(self) -> dict[str, Any]:
        """The contract object's document fields: id, published, and title, url, source where given."""
        out: dict[str, Any] = {"id": self.id, "published": self.published.isoformat() if self.published else None}
        if self.title is not None:
            out["title"] = self.title
        if self.url:
            out["url"] = self.url
        if self.source:
            out["source"] = self.source
        return out


@dataclass(frozen=True)
class Actor:
    id: str
    name: str
    kind: str
    country: str | None
    sector: str | None
    code: str | None
    role: str | None
    mentions: tuple[Span, ...]
    why: str | None = None  # the lexicon entry or rule that resolved the actor


@dataclass(frozen=True)
class EventDate:
    value: str | None
    resolution: str | None  # day | month | year | None


@dataclass(frozen=True)
class Event:
    id: str
    event: str
    mode: str | None
    context: tuple[str, ...]
    cameo: str | None
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    date: EventDate
    modality: str
    location: str | None
    trigger: Span
    sentence: Span
    confidence: float
    why: str | None = None
    statement: str | None = None  # id of the statement whose content holds the event


@dataclass(frozen=True)
class Statement:
    id: str
    speaker: str | None
    speaker_span: Span | None
    cue_span: Span | None
    content_span: Span
    kind: str  # direct | indirect | headline
    cue: str | None = None  # lemma of the cue
    cue_group: str | None = None  # neutral | assertive | negative | warn


@dataclass(frozen=True)
class Time:
    span: Span
    value: str | None
    type: str  # DATE | TIME | DURATION | SET


@dataclass(frozen=True)
class Place:
    id: str
    span: Span
    name: str
    geonameid: int | None
    lat: float | None
    lon: float | None
    country: str | None
    metonymy: bool = False
    # The gazetteer entry's class: country | adm1 | adm2 | city | landmark | other
    # (None when no entry was found); lat/lon are that entry's own.
    feature: str | None = None


@dataclass(frozen=True)
class Analysis:
    """Everything whimbrel found in one document."""

    document: Document
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    statements: tuple[Statement, ...] = ()
    times: tuple[Time, ...] = ()
    places: tuple[Place, ...] = ()
    warnings: tuple[str, ...] = ()   # a stage that failed on this document, in the contract's words

    def to_dict(self) -> dict[str, Any]:
        """The contract's JSON object for this document."""
        out = self.document.header()
        if self.warnings:
            out["warnings"] = list(self.warnings)
        for name in ("actors", "events", "statements", "times", "places"):
            out[name] = [_plain(x) for x in getattr(self, name)]
        return out


@dataclass(frozen=True)
class DocumentError:
    """A document that could not be read or analysed: an error value, never an exception."""

    id: str
    error: str
    origin: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "error": self.error}
        if self.origin:
            out["origin"] = self.origin
        return out


def _plain(obj: Any) -> Any:
    """Dataclasses -> dicts, tuples -> lists, recursively (JSON-ready)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: _plain(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _plain(v) for k, v in obj.items()}
    return obj


__all__ = [
    "Actor", "Analysis", "Document", "DocumentError", "Event", "EventDate", "Place",
    "Statement", "Time", "Span", "CONTRACT_VERSION", "PLOVER_EVENTS", "MODALITIES", "field",
]
