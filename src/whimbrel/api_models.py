"""Response models of the HTTP API: what each route returns, for the OpenAPI spec (``/openapi.json``,
``/docs``, ``/redoc``) and for clients generated from it.

The models name every field the routes give today; they allow more (``extra="allow"``),
so a field added to the store's queries reaches clients before the model names it.
"""
from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class Error(BaseModel):
    """Every error: a sentence for people; ``errors`` lists each bad parameter for validation errors."""

    detail: str
    errors: list[dict[str, Any]] | None = None


class Page(Open, Generic[T]):
    total: int
    limit: int
    offset: int
    items: list[T]
    #: keyset cursor of the next page (pass it back as ``after=``); null on the last page
    next: str | None = None


class Party(Open):
    id: int
    name: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    kind: str | None = None
    role: str | None = None


class EventDate(Open):
    value: str | None = None
    resolution: str | None = None


class EventPlace(Open):
    name: str | None = None
    country: str | None = None
    geonameid: int | None = None
    lat: float | None = None
    lon: float | None = None


class Event(Open):
    id: int
    event: str
    coded: str | None = None
    mode: str | None = None
    cameo: str | None = None
    modality: str
    context: list[str] = []
    actor: list[Party] = []
    recipient: list[Party] = []
    date: EventDate
    place: EventPlace | None = None
    quad_class: int | None = None
    goldstein: float | None = None
    num_mentions: int
    num_sources: int
    num_articles: int
    first_seen: str | None = None
    last_seen: str | None = None
    confidence: float | None = None


class Mention(Open):
    document: int
    local_id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    trigger: list[int]
    trigger_text: str | None = None
    sentence: list[int]
    sentence_text: str | None = None
    modality: str
    confidence: float | None = None
    why: str | None = None
    duplicate: bool = False


class EventDetail(Event):
    mentions: list[Mention] = []


class Speaker(Open):
    id: int
    name: str | None = None
    code: str | None = None
    country: str | None = None


class Statement(Open):
    id: int
    document: int
    title: str | None = None
    published: str | None = None
    speaker: Speaker | None = None
    kind: str
    cue: str | None = None
    content: str
    content_span: list[int]


class Actor(Open):
    id: int
    name: str
    kind: str
    code: str | None = None
    country: str | None = None
    sector: str | None = None
    role: str | None = None
    mentions: int
    aliases: list[str] = []


class DocumentSummary(Open):
    id: int
    doc_key: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    near_duplicate_of: int | None = None
    chars: int | None = None
    events: int


class DocumentDetail(Open):
    analysis: dict[str, Any]   # the contract object (docs/store.md; CONTRACT in the README)
    store: dict[str, Any]      # store ids: document_id, near_duplicate_of, text, event_ids, actor_ids


class Month(Open):
    month: str
    events: int
    cooperation: int
    conflict: int
    quad: dict[str, int]
    types: dict[str, int] = {}   # the recorded PLOVER type's count
    goldstein: float
    mentions: int


class Node(Open):
    id: int | str               # the actor's id, or the group's key with by=code|country
    name: str
    code: str | None = None
    country: str | None = None
    kind: str | None = None
    members: list[str] = []     # the actors merged into this node
    events: int = 0             # the weights of its edges
    actor_ids: list[int] = []


class Edge(Open):
    source: int | str
    target: int | str
    weight: int
    goldstein: float


class Network(Open):
    nodes: list[Node]
    edges: list[Edge]


class Health(Open):
    ok: bool
    counts: dict[str, int]
    time: str


class Analysis(Open):
    """The contract object of one document, plus ``store`` when it was stored."""

    id: str
    published: str | None = None
    actors: list[dict[str, Any]] = []
    events: list[dict[str, Any]] = []
    statements: list[dict[str, Any]] = []
    times: list[dict[str, Any]] = []
    places: list[dict[str, Any]] = []


class Side(Open):
    code: str
    name: str | None = None


class Evidence(Open):
    document: int
    title: str | None = None
    url: str | None = None
    published: str | None = None
    sentence: str
    trigger: list[int]          # [start, end) of the trigger within ``sentence``
    modality: str
    duplicate: bool


class RegimeStep(Open):
    """One event in a regime's timeline: what happened to it, when, by whom, in which words."""

    event: int
    type: str
    mode: str | None = None
    cameo: str | None = None
    modality: str
    coded: str | None = None
    date: EventDate
    action: str                 # imposed, extended, renewal failed, eased, lifted, expired, threatened...
    kind: str
    by: list[dict[str, Any]]
    against: list[dict[str, Any]]
    evidence: list[Evidence]


class Regime(Open):
    """A sanctions or embargo regime: target, imposing actor, kind, and its timeline."""

    target: Side
    imposer: Side
    kind: str
    first: str | None = None
    last: str | None = None
    status: str | None = None
    events: int
    timeline: list[RegimeStep]


class MapEvents(Open):
    """Events at one place: how many, of which types and quad classes."""

    name: str | None = None
    country: str | None = None
    geonameid: int | None = None
    lat: float
    lon: float
    events: int
    types: dict[str, int]
    quads: dict[str, int]


class MapPlace(Open):
    """A place the documents name, with its mention and document counts."""

    name: str
    country: str | None = None
    geonameid: int | None = None
    lat: float
    lon: float
    feature: str | None = None
    mentions: int
    documents: int
    names: list[str]


class MapData(Open):
    events: list[MapEvents]
    places: list[MapPlace]


class ActorMonth(Open):
    month: str
    as_actor: int
    as_recipient: int
    goldstein_as_actor: float
    goldstein_as_recipient: float


class Partner(Open):
    id: int
    name: str
    code: str | None = None
    acts_on: int          # events in which the profiled actor acts on this partner
    acted_on_by: int      # events in which this partner acts on the profiled actor
    goldstein: float


class ActorProfile(Open):
    """One actor: its record and aliases, events per month as actor and as recipient, types,
    partners, latest events and statements, the other actors of its country."""

    actor: Actor
    months: list[ActorMonth]
    types: dict[str, dict[str, int]]
    partners: list[Partner]
    events: list[Event]
    statements: dict[str, Any]
    related: list[Actor]


class Summary(Open):
    total: int
    goldstein: float
    types: dict[str, int]
    quads: dict[str, int]
    modalities: dict[str, int]
