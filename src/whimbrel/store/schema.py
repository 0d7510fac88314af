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

from collections.abc import Callable

from sqlalchemy import (
    Boolean, Column, Connection, Date, DateTime, Float, ForeignKey, Index, Integer,
    LargeBinary, MetaData, String, Table, Text, UniqueConstraint, create_engine, event,
    select, text,
)
from sqlalchemy.engine import Engine

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
    Column("quad_class", Integer),
    Column("goldstein", Float),
    Column("num_mentions", Integer, nullable=False, default=0),
    Column("num_sources", Integer, nullable=False, default=0),
    Column("num_articles", Integer, nullable=False, default=0),
    Column("first_seen", DateTime),
    Column("last_seen", DateTime),
    Column("avg_confidence", Float),
)
Index("ix_events_key", events.c.event_type, events.c.modality, events.c.actor_key, events.c.recipient_key)
Index("ix_events_date", events.c.date_start)

event_actors = Table(
    "event_actors", metadata,
    Column("event_id", Integer, ForeignKey("events.id"), nullable=False),
    Column("actor_id", Integer, ForeignKey("actors.id"), nullable=False),
    Column("role", String(16), nullable=False),  # actor | recipient
    UniqueConstraint("event_id", "actor_id", "role"),
)

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
    Column("feature", String(16)),   # country | adm1 | adm2 | city | landmark | other (version 2)
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


def _v2(conn: Connection) -> None:
    """Version 2: ``places.feature``, the class of the gazetteer entry (contract addition).
    A database created at version 1 by this code already has it (``create_all`` reads the
    current tables), an older one gets it here."""
    from sqlalchemy import inspect

    if "feature" not in {c["name"] for c in inspect(conn).get_columns("places")}:
        conn.execute(text("ALTER TABLE places ADD COLUMN feature VARCHAR(16)"))


#: MIGRATIONS[i] takes the schema from version i to i + 1. Append, never edit.
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2]
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
            cur.close()
    else:
        engine = create_engine(url, pool_pre_ping=True)
    migrate(engine)
    return engine
