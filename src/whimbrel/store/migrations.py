"""The one migration path shared by SQLite and PostgreSQL, and the engine that runs it.

``MIGRATIONS`` is the ordered list of functions that take the schema (:mod:`.schema`) from
version ``i`` to ``i + 1``; :func:`migrate` runs whichever have not run yet, in one transaction
each; :func:`make_engine` opens a store and migrates it. Migrations that rebuild derived tables
call the modules that own them (:mod:`.dyads`, :mod:`.modality`, :mod:`.neardup`), which import
only the tables: nothing below imports this module.
"""
from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Index, create_engine, event, func, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.schema import CreateIndex

from .schema import (
    actor_aliases, document_bands, documents, event_actors, event_dyads, events, metadata,
    normalise_url, schema_version, store_totals, sync_coded, sync_event_rows,
)


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
    # The index as version 6 made it (version 10 adds the date; a fresh store has that one).
    conn.execute(text("CREATE INDEX IF NOT EXISTS ix_event_actors_coded ON event_actors (actor_id, role, coded, event_id)"))
    conn.execute(text("ANALYZE"))


def fill_bands(conn: Connection, chunk: int = 2000) -> int:
    """Make ``document_bands`` the band rows of every stored signature (the migration);
    returns how many documents got rows."""
    from . import dedup
    from .neardup import band_rows

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


def _v9(conn: Connection) -> None:
    """Version 9 (PostgreSQL): ``document_lexemes``, the documents per full-text lexeme, filled
    from the stored documents (the document search's total, :mod:`.lexemes`)."""
    if conn.dialect.name == "postgresql":
        from .lexemes import create

        create(conn)


def _v10(conn: Connection) -> None:
    """Version 10: ``event_actors.date_start`` (each row's event's), filled from ``events``, and
    ``ix_event_actors_coded`` made again with it before the event id (events by actor, newest first)."""
    from sqlalchemy import inspect

    if "date_start" not in {c["name"] for c in inspect(conn).get_columns("event_actors")}:
        conn.execute(text("ALTER TABLE event_actors ADD COLUMN date_start DATE"))
    sync_event_rows(conn)
    conn.execute(text("DROP INDEX IF EXISTS ix_event_actors_coded"))
    conn.execute(CreateIndex(next(ix for ix in event_actors.indexes if ix.name == "ix_event_actors_coded")))
    conn.execute(text("ANALYZE event_actors"))


#: MIGRATIONS[i] takes the schema from version i to i + 1. Append, never edit (version 6's index
#: is now spelled out in SQL: the table's definition has version 10's).
MIGRATIONS: list[Callable[[Connection], None]] = [_v1, _v2, _v3, _v4, _v5, _v6, _v7, _v8, _v9, _v10]
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

            @event.listens_for(engine, "connect")
            def _pg_session(dbapi_conn, _record):  # noqa: ANN001
                # No parallel workers: the explorer's queries walk an index to a LIMIT or count
                # one index range, and launching workers took 50-90 ms of a 100-180 ms query at
                # 300,000 events (events by actor: 105 ms with two workers, 35 ms without).
                with dbapi_conn.cursor() as cur:
                    cur.execute("SET max_parallel_workers_per_gather = 0")
                dbapi_conn.commit()
    migrate(engine)
    return engine
