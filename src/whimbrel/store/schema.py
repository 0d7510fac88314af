"""The event store's tables (SQLAlchemy Core), shared by SQLite and PostgreSQL.

The store keeps three layers:

* what was read: ``documents`` (one row per distinct text, with its content hash
  and the near-duplicate it copies, if any);
* what each document said, exactly as the analysis gave it (``doc_actors``,
  ``actor_mentions``, ``event_mentions``, ``statements``, ``times``, ``places``),
  so any document's contract object can be rebuilt from the tables;
* what it adds up to across documents: canonical ``actors`` (with ``actor_aliases``
  learned from the text) and merged real-world ``events`` (with their
  ``event_actors`` and mention counts).

Versioning: ``schema_version`` holds one row with the version number; the migrations that take
the schema from one version to the next, and the engine that runs them when a store opens, are
:mod:`.migrations`'s.
"""
from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import (
    BigInteger, Boolean, Column, Connection, Date, DateTime, Float, ForeignKey, Index, Integer,
    LargeBinary, MetaData, PrimaryKeyConstraint, SmallInteger, String, Table, Text, UniqueConstraint,
    or_, select, update,
)

metadata = MetaData()

schema_version = Table(
    "schema_version", metadata,
    Column("version", Integer, nullable=False),
)

documents = Table(
    "documents", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_key", String(512), nullable=False),        # the input's own id
    Column("content_hash", String(64), nullable=False, unique=True),
    Column("title", Text),
    Column("url", Text),
    Column("source", String(512)),                         # outlet (or URL host)
    Column("published", Date),
    Column("language", String(16)),
    Column("origin", Text),
    Column("text", Text, nullable=False),
    Column("near_duplicate_of", Integer, ForeignKey("documents.id")),
    Column("similarity", Float),                           # estimated Jaccard to that copy
    Column("minhash", LargeBinary),                        # MinHash signature (uint64 array)
    Column("ingested_at", DateTime, nullable=False),
)

# The near-duplicate index (version 7): each document's LSH band hashes (store/dedup.py), written
# by the writer in the batch's transaction. A batch's candidate copies are one lookup of its
# documents' (band, hash) pairs; before, every writer loaded every stored signature into an
# in-memory index at its first batch (47 s at 300,000 events, growing with the store).
document_bands = Table(
    "document_bands", metadata,
    Column("band", SmallInteger, nullable=False),
    Column("hash", BigInteger, nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    PrimaryKeyConstraint("band", "hash", "document_id", name="pk_document_bands"),
    sqlite_with_rowid=False,  # the key is the only index: rows live in it
)

actors = Table(
    "actors", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("actor_key", String(600), nullable=False, unique=True),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("code", String(64)),
    Column("country", String(16)),
    Column("sector", String(32)),
    Column("role", Text),
    Column("num_mentions", Integer, nullable=False, default=0),
)

actor_aliases = Table(
    "actor_aliases", metadata,
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("alias", String(600), nullable=False),
    Column("count", Integer, nullable=False, default=0),
    UniqueConstraint("actor_id", "alias"),
)

doc_actors = Table(
    "doc_actors", metadata,
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("name", Text, nullable=False),
    Column("kind", String(32), nullable=False),
    Column("country", String(16)),
    Column("sector", String(32)),
    Column("code", String(64)),
    Column("role", Text),
    Column("why", Text),
    UniqueConstraint("document_id", "local_id"),
)

actor_mentions = Table(
    "actor_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text),
)

events = Table(
    "events", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_type", String(16), nullable=False),
    Column("mode", String(64)),
    Column("cameo", String(8)),
    Column("modality", String(16), nullable=False),
    Column("coded", String(16)),  # the type a PLOVER coder records; NULL: not recorded (store/modality.py)
    Column("context", Text, nullable=False, default="[]"),  # JSON list, union of the mentions'
    Column("actor_key", String(600), nullable=False),
    Column("recipient_key", String(600), nullable=False),
    Column("date_value", String(16)),
    Column("date_resolution", String(8)),
    Column("date_start", Date),
    Column("date_end", Date),
    Column("place_name", Text),
    Column("place_country", String(16)),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("place_feature", String(16)),  # the place's gazetteer class: country, adm1, city, ...
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("num_mentions", Integer, nullable=False, default=0),
    Column("num_sources", Integer, nullable=False, default=0),
    Column("num_articles", Integer, nullable=False, default=0),
    Column("first_seen", DateTime),
    Column("last_seen", DateTime),
    Column("avg_confidence", Float),
)
# The writer's merge-candidate lookup: one key, a date window, and what the writer decides on
# (version 8; before, ix_events_key_date without date_end and date_resolution). With them in the
# index the lookup reads index entries only: without, every entry in the window (a busy key's
# hundreds at 1,000,000 events) cost a read of its event's row at a random page of ``events``,
# and the lookup was the writer's second-largest growing cost (docs/scale.md, round 4).
Index("ix_events_merge", events.c.event_type, events.c.modality, events.c.actor_key, events.c.recipient_key,
      events.c.date_start, events.c.date_end, events.c.date_resolution)
Index("ix_events_date", events.c.date_start)
# The sanctions tracker and any type filter, newest first (version 2).
Index("ix_events_type_date", events.c.event_type, events.c.date_start)
# What a coder records, by date (version 5): the explorer's lists show only events with a
# ``coded`` type, and a type filter on them is ``coded = :type`` (query._event_parts); with
# the dates in the index a type-and-date filter (the sanctions tracker) is counted from one
# index range instead of reading every event (at 1,000,000 events, 415 ms p95).
Index("ix_events_coded_date", events.c.coded, events.c.date_start, events.c.date_end)

# Running totals (version 5), kept by the writer in each batch's transaction:
# ``events`` (merged events) and ``events_coded`` (those with a ``coded`` type, what an
# unfiltered list shows). Counting them took a scan of every event per page (432 ms at
# 1,000,000 events); events are never deleted and ``coded`` is only ever set, never cleared,
# so the writer adds what each batch creates or codes.
store_totals = Table(
    "store_totals", metadata,
    Column("name", String(32), primary_key=True),
    Column("n", Integer, nullable=False, default=0),
)
TOTAL_NAMES = ("events", "events_coded")

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("role", String(16), nullable=False),  # actor | recipient
    # The event's ``coded`` type (version 6) and ``date_start`` (version 10), kept equal to
    # its event's by the writer in the batch's transaction (store/writer.py,
    # :func:`sync_event_rows`).
    Column("coded", String(16)),
    Column("date_start", Date),
    UniqueConstraint("event_id", "actor_id", "role"),
)
# Events by actor, recipient or dyad: the filters start from the actor (version 2).
Index("ix_event_actors_actor", event_actors.c.actor_id, event_actors.c.role, event_actors.c.event_id)
# Events by actor among those a coder records, the explorer's default (version 6): the count
# and the page's set are one range of this index instead of a read of ``events.coded`` for
# each of the actor's events (a top country is a quarter of the store: 170-210 ms p95 at
# 300,000 events); a type filter is the range's ``coded = :type``. With the event's date in it
# (version 10) an actor's page, newest first, is read from the range alone and only its 50
# events from ``events`` (PostgreSQL: an actor of 3,712 events at 1,000,000 took 100-165 ms by
# the walk along the events' date index or by reading each of its events' rows; store/roles.py).
Index("ix_event_actors_coded", event_actors.c.actor_id, event_actors.c.role, event_actors.c.coded,
      event_actors.c.date_start, event_actors.c.event_id)

#: event_actors.coded and .date_start as they must be: their event's.
_EVENT_CODED = select(events.c.coded).where(events.c.id == event_actors.c.event_id).scalar_subquery()
_EVENT_START = select(events.c.date_start).where(events.c.id == event_actors.c.event_id).scalar_subquery()


def sync_coded(conn: Connection, event_ids: Iterable[int] | None = None) -> None:
    """Set ``event_actors.coded`` of ``event_ids`` (every event when None) to their events'
    ``coded``, writing only the rows that differ."""
    stale = event_actors.c.coded.is_distinct_from(_EVENT_CODED)
    if event_ids is None:
        conn.execute(update(event_actors).where(stale).values(coded=_EVENT_CODED))
        return
    ids = sorted(set(event_ids))
    for i in range(0, len(ids), 500):
        conn.execute(update(event_actors).where(event_actors.c.event_id.in_(ids[i:i + 500]), stale)
                     .values(coded=_EVENT_CODED))

def sync_event_rows(conn: Connection, event_ids: Iterable[int] | None = None) -> None:
    """Set ``event_actors.coded`` and ``.date_start`` of ``event_ids`` (every event when None)
    to their events', writing only the rows that differ (schema version 10; :func:`sync_coded`
    is version 6's, before the date)."""
    stale = or_(event_actors.c.coded.is_distinct_from(_EVENT_CODED),
                event_actors.c.date_start.is_distinct_from(_EVENT_START))
    values = {"coded": _EVENT_CODED, "date_start": _EVENT_START}
    if event_ids is None:
        conn.execute(update(event_actors).where(stale).values(**values))
        return
    ids = sorted(set(event_ids))
    for i in range(0, len(ids), 500):
        conn.execute(update(event_actors).where(event_actors.c.event_id.in_(ids[i:i + 500]), stale)
                     .values(**values))


# Every (actor, recipient) pair of an event with the event's dates (version 4): events by dyad
# and month, and a dyad's counts, are one index range of the pair instead of the intersection
# of all the events of its two actors (a top country's sixth of the store). A function of
# ``event_actors`` and ``events``' dates; the writer keeps it so in the write transaction.
event_dyads = Table(
    "event_dyads", metadata,
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("recipient_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("date_start", Date),
    Column("date_end", Date),
    # What a dyad's monthly counts add up, so they read the index alone (counts.dyad_counts).
    Column("event_type", String(16), nullable=False),
    Column("coded", String(16)),
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("num_mentions", Integer, nullable=False, default=0),
    UniqueConstraint("event_id", "actor_id", "recipient_id"),
)
Index("ix_event_dyads_pair", event_dyads.c.actor_id, event_dyads.c.recipient_id, event_dyads.c.date_start,
      event_dyads.c.date_end, event_dyads.c.event_id, event_dyads.c.event_type, event_dyads.c.coded,
      event_dyads.c.quad_class, event_dyads.c.goldstein, event_dyads.c.num_mentions)

event_mentions = Table(
    "event_mentions", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("event_type", String(16), nullable=False),
    Column("mode", String(64)),
    Column("context", Text, nullable=False, default="[]"),
    Column("cameo", String(8)),
    Column("actor_local", Text, nullable=False, default="[]"),      # JSON: the document's actor ids
    Column("recipient_local", Text, nullable=False, default="[]"),
    Column("date_value", String(16)),
    Column("date_resolution", String(8)),
    Column("modality", String(16), nullable=False),
    Column("location_local", String(32)),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger", Text),
    Column("sentence", Text),
    Column("confidence", Float, nullable=False),
    Column("why", Text),
    Column("statement_local", String(32)),
    Column("duplicate", Boolean, nullable=False, default=False),  # from a near-duplicate document
)
Index("ix_event_mentions_doc", event_mentions.c.document_id)
Index("ix_event_mentions_event", event_mentions.c.event_id)

statements = Table(
    "statements", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("speaker_local", String(32)),
    Column("speaker_id", Integer, ForeignKey("actors.id")),
    Column("speaker_name", Text),
    Column("speaker_start", Integer),
    Column("speaker_end", Integer),
    Column("cue_start", Integer),
    Column("cue_end", Integer),
    Column("content_start", Integer, nullable=False),
    Column("content_end", Integer, nullable=False),
    Column("content", Text, nullable=False),
    Column("kind", String(16), nullable=False),
    Column("cue", String(64)),
    Column("cue_group", String(32)),
)
Index("ix_statements_doc", statements.c.document_id)
Index("ix_statements_speaker", statements.c.speaker_id)  # version 2

times = Table(
    "times", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("value", String(64)),
    Column("type", String(16), nullable=False),
)

places = Table(
    "places", metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("document_id", Integer, ForeignKey("documents.id"), nullable=False),
    Column("local_id", String(32), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("name", Text, nullable=False),
    Column("geonameid", Integer),
    Column("lat", Float),
    Column("lon", Float),
    Column("country", String(16)),
    Column("metonymy", Boolean, nullable=False, default=False),
    Column("feature", String(16)),  # country | adm1 | adm2 | city | landmark | other, when the stage gives it
)

#: Tables holding one document's rows, in an order safe for deletion.
PER_DOCUMENT = (event_mentions, statements, times, places, actor_mentions, doc_actors)


def normalise_url(url: str) -> str:
    """A bare file name or path means a SQLite file; anything with ``://`` is a SQLAlchemy URL."""
    if "://" in url:
        return url
    return f"sqlite:///{url}"
