"""The event store's tables (SQLAlchemy Core) and the one migration path shared by SQLite and PostgreSQL.

The store keeps three layers:

* what was read: ``documents`` (one row per distinct text, with its content hash
  and the near-duplicate it copies, if any);
* what each document said, exactly as the analysis gave it (``doc_actors``,
  ``actor_mentions``, ``event_mentions``, ``statements``, ``times``, ``places``),
  so any document's contract object can be rebuilt from the tables;
* what it adds up to across documents: canonical ``actors`` (with ``actor_aliases``
  learned from the text) and merged real-world ``events`` (with their
  ``event_actors`` and mention counts).

Versioning: ``schema_version`` holds one row with the version number; ``MIGRATIONS``
is the ordered list of functions that take the schema from version ``i`` to
``i + 1``. :func:`migrate` runs whichever have not run yet, in one transaction each.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable

from sqlalchemy import (
    BigInteger, Boolean, Column, Connection, Date, DateTime, Float, ForeignKey, Index, Integer,
    LargeBinary, MetaData, PrimaryKeyConstraint, SmallInteger, String, Table, Text, UniqueConstraint,
    create_engine, event, func, insert, select, text, update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateIndex

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
    # The event's ``coded`` type (version 6), kept equal to it by the writer in the batch's
    # transaction (store/writer.py, :func:`sync_coded`).
    Column("coded", String(16)),
    UniqueConstraint("event_id", "actor_id", "role"),
)
# Events by actor, recipient or dyad: the filters start from the actor (version 2).
Index("ix_event_actors_actor", event_actors.c.actor_id, event_actors.c.role, event_actors.c.event_id)
# Events by actor among those a coder records, the explorer's default (version 6): the count
# and the page's set are one range of this index instead of a read of ``events.coded`` for
# each of the actor's events (a top country is a quarter of the store: 170-210 ms p95 at
# 300,000 events); a type filter is the range's ``coded = :type``.
Index("ix_event_actors_coded", event_actors.c.actor_id, event_actors.c.role, event_actors.c.coded,
      event_actors.c.event_id)

#: event_actors.coded as it must be: its event's ``coded``.
_EVENT_CODED = select(events.c.coded).where(events.c.id == event_actors.c.event_id).scalar_subquery()


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


# --------------------------------------------------------------------------- migrations

def _v1(conn: Connection) -> None:
    """Version 1: all tables, plus full-text search over documents and statements."""
    metadata.create_all(conn)
    if conn.dialect.name == "sqlite":
        # Contentless-linked FTS5 tables keyed by the row id; the writer fills them.
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(title, text)"))
        conn.execute(text("CREATE VIRTUAL TABLE IF NOT EXISTS statements_fts USING fts5(content, speaker)"))
    elif conn.dialect.name == "postgresql":
        # Generated tsvector columns stay in step with the rows by themselves.
        conn.execute(text(
            "ALTER TABLE documents ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(title, '') || ' ' || text)) STORED"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_tsv ON documents USING gin(tsv)"))
        conn.execute(text(
            "ALTER TABLE statements ADD COLUMN IF NOT EXISTS tsv tsvector GENERATED ALWAYS AS "
            "(to_tsvector('english', coalesce(content, '') || ' ' || coalesce(speaker_name, ''))) STORED"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_statements_tsv ON statements USING gin(tsv)"))


#: Indexes added by version 2, for the explorer's queries and the writer at a million events
#: (bench/store_scale.py). ``func.lower(alias)``: actor terms are matched case-insensitively.
#: (Version 2 also made ix_events_key_date, which version 8 replaces by ix_events_merge: a store
#: migrated from version 1 gets the latter from version 8.)
_V2_INDEXES = ("ix_events_type_date", "ix_event_actors_actor", "ix_statements_speaker",
               "ix_documents_published", "ix_actor_aliases_lower")
Index("ix_documents_published", documents.c.published)
Index("ix_actor_aliases_lower", func.lower(actor_aliases.c.alias))


def _v2(conn: Connection) -> None:
    """Version 2: indexes for queries by actor, type and date, and for the writer's lookups."""
    wanted = {ix.name: ix for table in metadata.tables.values() for ix in table.indexes}
    for name in _V2_INDEXES:  # a fresh database has them from version 1's create_all
        conn.execute(CreateIndex(wanted[name], if_not_exists=True))
    # ix_events_merge (ix_events_key_date before version 8) starts with the same four columns.
    conn.execute(text("DROP INDEX IF EXISTS ix_events_key"))
    if conn.dialect.name == "postgresql":
        # Lists are newest first with undated rows last; PostgreSQL puts NULLs first in a
        # descending scan of a plain index, so it sorted instead. (SQLite's DESC already
        # puts NULLs last, and its CREATE INDEX has no NULLS LAST.)
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_events_newest ON events (date_start DESC NULLS LAST, id)"))
        conn.execute(text("CREATE INDEX IF NOT EXISTS ix_documents_newest "
                          "ON documents (published DESC NULLS LAST, id)"))
    conn.execute(text("ANALYZE"))  # statistics for the planner: the new indexes are used at once


def _v3(conn: Connection) -> None:
    """Version 3: ``events.coded``, what a PLOVER coder records of the event (NULL: nothing);
    the gazetteer class of places (``places.feature``, ``events.place_feature``)."""
    from sqlalchemy import inspect

    from .modality import migrate_coded

    migrate_coded(conn)
    for table, column in (("places", "feature"), ("events", "place_feature")):
        if column not in {c["name"] for c in inspect(conn).get_columns(table)}:
            conn.execute(text(f"ALTER TABLE {table} ADD COLUMN {column} VARCHAR(16)"))


def _v4(conn: Connection) -> None:
    """Version 4: ``event_dyads``, each event's (actor, recipient) pairs with its dates, filled
    from ``event_actors`` and ``events`` for a store made before it."""
    from .dyads import rebuild_dyads

    event_dyads.create(conn, checkfirst=True)
    conn.execute(CreateIndex(next(ix for ix in event_dyads.indexes if ix.name == "ix_event_dyads_pair"),
                             if_not_exists=True))
    rebuild_dyads(conn)


def _v5(conn: Connection) -> None:
    """Version 5: ``ix_events_coded_date`` and ``store_totals``, filled by counting once."""
    conn.execute(CreateIndex(next(ix for ix in events.indexes if ix.name == "ix_events_coded_date"),
                             if_not_exists=True))
    store_totals.create(conn, checkfirst=True)
    fill_totals(conn)
    conn.execute(text("ANALYZE"))


def fill_totals(conn: Connection) -> None:
    """Set ``store_totals`` to a count of the events (the migration; tests compare with it)."""
    n_all = conn.execute(select(func.count()).select_from(events)).scalar_one()
    n_coded = conn.execute(select(func.count()).select_from(events).where(events.c.coded.is_not(None))).scalar_one()
    conn.execute(store_totals.delete())
    conn.execute(store_totals.insert(), [{"name": "events", "n": n_all}, {"name": "events_coded", "n": n_coded}])


def _v6(conn: Connection) -> None:
    """Version 6: ``event_actors.coded`` (each row's event's ``coded``) and
    ``ix_event_actors_coded``, filled from ``events`` once."""
    from sqlalchemy import inspect

    if "coded" not in {c["name"] for c in inspect(conn).get_columns("event_actors")}:
        conn.execute(text("ALTER TABLE event_actors ADD COLUMN coded VARCHAR(16)"))
    sync_coded(conn)
    conn.execute(CreateIndex(next(ix for ix in event_actors.indexes if ix.name == "ix_event_actors_coded"),
                             if_not_exists=True))
    conn.execute(text("ANALYZE"))


def band_rows(doc_id: int, sig) -> list[dict]:
    """The ``document_bands`` rows of one document's signature."""
    from . import dedup

    return [{"band": b, "hash": h, "document_id": doc_id} for b, h in enumerate(dedup.band_hashes(sig))]


def fill_bands(conn: Connection, chunk: int = 2000) -> int:
    """Make ``document_bands`` the band rows of every stored signature (the migration);
    returns how many documents got rows."""
    from . import dedup

    conn.execute(document_bands.delete())  # a store made with the table and set back to an older version
    done, last = 0, 0
    while True:
        rows = conn.execute(select(documents.c.id, documents.c.minhash)
                            .where(documents.c.id > last, documents.c.minhash.is_not(None))
                            .order_by(documents.c.id).limit(chunk)).all()
        if not rows:
            return done
        conn.execute(insert(document_bands),
                     [r for doc_id, blob in rows for r in band_rows(doc_id, dedup.from_bytes(blob))])
        done += len(rows)
        last = rows[-1][0]


def _v7(conn: Connection) -> None:
    """Version 7: ``document_bands``, the near-duplicate index, filled from the stored signatures."""
    document_bands.create(conn, checkfirst=True)
    fill_bands(conn)


def _v8(conn: Connection) -> None:
    """Version 8: the merge-candidate index carries ``date_end`` and ``date_resolution``
    (``ix_events_merge`` replaces ``ix_events_key_date``)."""
    conn.execute(CreateIndex(next(ix for ix in events.indexes if ix.name == "ix_events_merge"), if_not_exists=True))
    conn.execute(text("DROP INDEX IF EXISTS ix_events_key_date"))


#: MIGRATIONS[i] takes the schema from version i to i + 1. Append, never edit.
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8]
SCHEMA_VERSION = len(MIGRATIONS)


def current_version(conn: Connection) -> int:
    if not conn.dialect.has_table(conn, "schema_version"):
        return 0
    v = conn.execute(select(schema_version.c.version)).scalar()
    return int(v or 0)


def migrate(engine: Engine) -> int:
    """Bring the database at ``engine`` up to :data:`SCHEMA_VERSION`; returns the version."""
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            # Two processes opening a fresh database at once must not both create tables.
            conn.execute(text("SELECT pg_advisory_xact_lock(78245301)"))
        version = current_version(conn)
        if version > SCHEMA_VERSION:
            raise RuntimeError(
                f"database schema version {version} is newer than this whimbrel ({SCHEMA_VERSION}); upgrade whimbrel")
        for i in range(version, SCHEMA_VERSION):
            MIGRATIONS[i](conn)
            conn.execute(schema_version.delete())
            conn.execute(schema_version.insert().values(version=i + 1))
    return SCHEMA_VERSION


def normalise_url(url: str) -> str:
    """A bare file name or path means a SQLite file; anything with ``://`` is a SQLAlchemy URL."""
    if "://" in url:
        return url
    return f"sqlite:///{url}"


def make_engine(url: str) -> Engine:
    """An engine for ``url`` (SQLite file path or SQLAlchemy URL), migrated to the current schema."""
    url = normalise_url(url)
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _sqlite_pragmas(dbapi_conn, _record):  # noqa: ANN001
            cur = dbapi_conn.cursor()
            if ":memory:" not in url and url != "sqlite://":
                cur.execute("PRAGMA journal_mode=WAL")  # readers never block the writer
            cur.execute("PRAGMA foreign_keys=ON")
            cur.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: a killed process loses nothing committed
            # 64 MB of page cache per connection (SQLite's default is 2 MB): at 100,000 events a
            # batch's inserts touch more index pages than 2 MB holds, and the writer's CPU per
            # document rose 1.9x over a 10,000-event store; with 64 MB, 1.2x (bench/store_scale.py).
            # 256 MB and the file memory-mapped (reads with no system call or copy; SQLite caps
            # the map at its compiled maximum, 2 GB by default), checkpoints every 64 MB of WAL
            # instead of 4 MB (a hot index page is copied to the file once per checkpoint, not
            # once per batch): at 100,000 events the writer's batches took 73-100 ms against
            # 110-131 with 64 MB / no map / 4 MB (docs/scale.md).
            cur.execute("PRAGMA cache_size=-262144")
            if ":memory:" not in url and url != "sqlite://":
                cur.execute("PRAGMA mmap_size=2147483648")
                cur.execute("PRAGMA wal_autocheckpoint=16000")
            cur.close()
    else:
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "postgresql":
            # An executemany INSERT as multi-row INSERT ... VALUES statements (SQLAlchemy's
            # "insertmanyvalues", which psycopg2 uses and psycopg 3 does not by default): the
            # writer's batch-end inserts are a few statements, not one per row (docs/scale.md).
            engine.dialect.use_insertmanyvalues_wo_returning = True
    migrate(engine)
    return engine
