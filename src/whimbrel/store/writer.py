"""Writes analysed documents into the store: one transaction per batch, idempotent, resumable.

For each new document (by content hash) the writer records the text, flags it
as a near-duplicate of an earlier copy when MinHash says so, stores every
actor, statement, time, place and event mention the analysis found, maps its
actors to canonical actors (learning the surface forms as aliases), and files
each event mention under a merged real-world event (:mod:`.merge`), whose
NumMentions / NumSources / NumArticles it then recounts.
"""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import Connection, and_, bindparam, func, insert, select, text, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError, OperationalError

from ..model import Actor, Analysis, Document, Event
from . import codes, dedup, merge
from .batch_events import BatchEvents
from .neardup import NearCopies
from .recount import recount
from .dyads import rebuild_dyads
from .lexemes import add_documents
from .migrations import make_engine
from .modality import coded_of
from .schema import (
    actor_aliases, actor_mentions, actors, doc_actors, document_bands, documents, event_actors,
    event_mentions, events, places, statements, store_totals, sync_event_rows, times,
)

# Statements built once, with bound parameters. Building a Core statement with
# literal values per row made SQLAlchemy compute a fresh cache key for every
# execution: about 300 statements per article and 10x the cost of SQLite itself.
# These compile once and only bind values; the SQL and the rows are the same.
_DOCS_BY_HASH = select(documents.c.content_hash, documents.c.id).where(
    documents.c.content_hash.in_(bindparam("_hs", expanding=True)))
_INSERT_DOC = insert(documents).returning(documents.c.id)
_INSERT_DOC_FTS = text("INSERT INTO documents_fts(rowid, title, text) VALUES (:id, :t, :x)")
# Many rows, one statement: ids come back in the order of the rows given.
_INSERT_STATEMENTS = insert(statements).returning(statements.c.id, sort_by_parameter_order=True)
_INSERT_STATEMENT_FTS = text("INSERT INTO statements_fts(rowid, content, speaker) VALUES (:id, :c, :s)")
_ACTORS_BY_KEY = select(actors.c.actor_key, actors.c.id).where(
    actors.c.actor_key.in_(bindparam("_keys", expanding=True)))
_BUMP_ACTOR = update(actors).where(actors.c.id == bindparam("_id")).values(
    num_mentions=actors.c.num_mentions + bindparam("_n", type_=actors.c.num_mentions.type),
    role=func.coalesce(actors.c.role, bindparam("_role", type_=actors.c.role.type)))
_INSERT_ACTOR = insert(actors).returning(actors.c.id)
_EVENT_COLUMNS = (events.c.id, events.c.date_start, events.c.date_end, events.c.date_resolution)
_EVENT_KEY = and_(events.c.event_type == bindparam("_type"), events.c.modality == bindparam("_modality"),
                  events.c.actor_key == bindparam("_akey"), events.c.recipient_key == bindparam("_rkey"))
_EVENTS_UNDATED = (select(*_EVENT_COLUMNS).where(and_(_EVENT_KEY, events.c.date_start.is_(None)))
                   .order_by(events.c.id))
# In id order: among equally near candidates the earliest event wins, whatever index the
# database picks (before, the order was the plan's).
# date_start >= _first: no stored date spans more than a year, so an event ending on or after
# _lo starts at most a year before it; with that bound the lookup reads the key's index entries
# of about a year, not all its earlier ones (a busy dyad's thousands at a million events).
_EVENTS_NEAR = select(*_EVENT_COLUMNS).where(and_(
    _EVENT_KEY, events.c.date_start <= bindparam("_hi", type_=events.c.date_start.type),
    events.c.date_start >= bindparam("_first", type_=events.c.date_start.type),
    events.c.date_end >= bindparam("_lo", type_=events.c.date_end.type))).order_by(events.c.id)
_INSERT_EVENT = insert(events).returning(events.c.id)
# Rows nothing reads back while the batch is written, inserted at its end (see _add_batch).
_INSERT_DOC_ACTORS = insert(doc_actors)
_INSERT_ACTOR_MENTIONS = insert(actor_mentions)
_INSERT_PLACES = insert(places)
_INSERT_TIMES = insert(times)
_INSERT_EVENT_MENTIONS = insert(event_mentions)
_ADD_TOTAL = update(store_totals).where(store_totals.c.name == bindparam("_name")).values(
    n=store_totals.c.n + bindparam("_n", type_=store_totals.c.n.type))
_EVENT_BY_ID = select(events).where(events.c.id == bindparam("_id"))
#: UPDATE events SET <the keys of the parameters> WHERE id = :_id
_UPDATE_EVENT = update(events).where(events.c.id == bindparam("_id"))
#: Keys or ids per ``IN (...)`` list: well under any database's limit on bound values.
IN_CHUNK = 500


def _in_chunks(values: list) -> Iterator[list]:
    for i in range(0, len(values), IN_CHUNK):
        yield values[i:i + IN_CHUNK]


#: The PostgreSQL advisory lock writers take per batch (any constant; "whimbrel writer").
WRITER_LOCK = 78245302
#: How often a batch is run again after a conflict with a concurrent writer.
CONFLICT_RETRIES = 3
#: PostgreSQL SQLSTATEs of a transaction that lost a race: serialization failure, deadlock.
_RETRY_SQLSTATES = {"40001", "40P01"}


def _is_conflict(exc: Exception) -> bool:
    """Whether ``exc`` means another writer got there first (so running the batch again helps)."""
    if isinstance(exc, IntegrityError):
        return "unique" in str(exc.orig).lower() or getattr(exc.orig, "sqlstate", None) == "23505"
    return getattr(exc.orig, "sqlstate", None) in _RETRY_SQLSTATES


@lru_cache(maxsize=4)
def _upserts(dialect: str) -> tuple[Any, Any]:
    """(alias upsert, event-actor insert-if-absent) in ``dialect``'s ON CONFLICT form.

    Both go in one executemany per document instead of a SELECT and then an
    INSERT or UPDATE per row (about 50 statements per article). SQLite (3.24+)
    and PostgreSQL share the syntax; the rows, and their order, are the same.
    """
    if dialect == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as dialect_insert
    elif dialect == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as dialect_insert
    else:
        raise ValueError(f"the store supports SQLite and PostgreSQL, not {dialect}")
    alias = dialect_insert(actor_aliases)
    alias = alias.on_conflict_do_update(
        index_elements=[actor_aliases.c.actor_id, actor_aliases.c.alias],
        set_={"count": actor_aliases.c.count + alias.excluded.count})
    event_actor = dialect_insert(event_actors).on_conflict_do_nothing(
        index_elements=[event_actors.c.event_id, event_actors.c.actor_id, event_actors.c.role])
    return alias, event_actor


def _summed_aliases(rows: list[dict]) -> list[dict]:
    """Alias upsert rows with the counts of equal (actor, alias) rows added, in first-seen order."""
    out: dict[tuple[int, str], dict] = {}
    for r in rows:
        k = (r["actor_id"], r["alias"])
        if k in out:
            out[k]["count"] += r["count"]
        else:
            out[k] = dict(r)
    return list(out.values())


@dataclass(frozen=True)
class Stored:
    """What happened to one document: ``status`` is stored | duplicate | skipped."""

    doc_key: str
    status: str
    id: int | None = None
    near_duplicate_of: int | None = None
    events: int = 0


def _source_of(doc: Document) -> str | None:
    """The outlet: the document's source, else its URL's host (www. dropped)."""
    if doc.source:
        return doc.source.strip()[:512] or None
    if doc.url:
        host = urlparse(doc.url).netloc.lower()
        return host.removeprefix("www.") or None
    return None


def _place_columns(place: Any) -> dict[str, Any]:
    """A merged event's place columns (all None without a place); ``feature`` once places carry it."""
    if place is None:
        return dict.fromkeys(("place_name", "place_country", "geonameid", "lat", "lon", "place_feature"))
    return dict(place_name=place.name, place_country=place.country, geonameid=place.geonameid,
                lat=place.lat, lon=place.lon, place_feature=getattr(place, "feature", None))


def _event_actor_rows(event_id: int, ev: Event, local_actor: dict, coded: str | None,
                      start: Any) -> list[dict]:
    """The event_actors rows of one event mention; ``coded``, ``start``: the event's coded type
    and date_start as they are now."""
    return [dict(event_id=event_id, actor_id=canon, role=role, coded=coded, date_start=start)
            for role, ids in (("actor", ev.actor), ("recipient", ev.recipient))
            for canon in sorted({local_actor[x][0] for x in ids if x in local_actor})]


def _cut(textv: str, span: tuple[int, int] | None) -> str | None:
    if not span:
        return None
    s, e = span
    return textv[max(0, s):max(0, e)]


class Store:
    """A whimbrel event store at a SQLite path or SQLAlchemy URL."""

    #: Dialects whose writer reads a batch's merge candidates in one statement and writes its
    #: events at the batch's end (:class:`BatchEvents`); elsewhere a SELECT per event mention
    #: and an INSERT or UPDATE per event. On SQLite, in process, a statement costs tens of
    #: microseconds and the per-mention lookup is a covering index range (docs/scale.md).
    BATCHED_EVENTS = frozenset({"postgresql"})

    def __init__(self, url: str = "whimbrel.db", engine: Engine | None = None) -> None:
        self.url = url
        self.engine = engine or make_engine(url)
        self._tally: dict[str, int] = {}
        self._batch: BatchEvents | None = None
        self._known: dict[str, int] = {}
        self._statements: list[dict] = []

    # ------------------------------------------------------------------ lookups

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def has_document(self, document: Document) -> bool:
        """Whether this text is stored already (so a resumed run can skip it unanalysed)."""
        h = dedup.content_hash(document.text)
        with self.engine.connect() as conn:
            return conn.execute(select(documents.c.id).where(documents.c.content_hash == h)).first() is not None

    def _lock_for_writing(self, conn: Connection) -> None:
        """Make this transaction the only writer until it ends, before anything is read.

        Several ingests (processes, machines) may write one store. The duplicate
        check, the merge-candidate lookups and the recounts must see every batch
        committed before and none in progress, so writers take turns per batch
        (analysis, the costly part, still runs in parallel): SQLite by
        ``BEGIN IMMEDIATE`` (the write lock at the start instead of at the first
        INSERT, after reads that another writer may have made stale); PostgreSQL
        by a transaction-scoped advisory lock, released at commit or rollback.
        """
        if self.dialect == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif self.dialect == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITER_LOCK})

    # ------------------------------------------------------------------ writing

    def add(self, analyses: Iterable[Analysis]) -> list[Stored]:
        """Store a batch in one transaction: every document with all its rows, or none.

        A document another writer stored first is "skipped" (already stored). A
        conflict with a writer that did not take the writer lock (a unique
        content hash or actor key taken meanwhile, a PostgreSQL serialization
        failure or deadlock) rolls the batch back and runs it again, where the
        duplicate check inside the transaction now sees the other writer's rows.
        """
        batch = list(analyses)
        for attempt in range(CONFLICT_RETRIES + 1):
            try:
                return self._add_batch(batch)
            except (IntegrityError, OperationalError) as exc:
                if attempt == CONFLICT_RETRIES or not _is_conflict(exc):
                    raise
        raise AssertionError("unreachable")

    def _add_batch(self, analyses: list[Analysis]) -> list[Stored]:
        results: list[Stored] = []
        with self.engine.begin() as conn:
            self._lock_for_writing(conn)
            # Which texts are stored already (one lookup), and the near-duplicate candidates
            # of the first copy of each new one (one band lookup): both inside the write
            # transaction, so a concurrent writer's documents are seen.
            hashes = [dedup.content_hash(a.document.text) for a in analyses]
            stored: dict[str, int] = {}
            for part in _in_chunks(sorted(set(hashes))):
                stored.update((h, doc_id) for h, doc_id in conn.execute(_DOCS_BY_HASH, {"_hs": part}))
            first: dict[str, int] = {}
            for pos, h in enumerate(hashes):
                if h not in stored:
                    first.setdefault(h, pos)
            sigs = {pos: dedup.signature(analyses[pos].document.text) for pos in first.values()}
            self._batch = (BatchEvents(conn, [analyses[pos] for pos in sorted(first.values())])
                           if self.dialect in self.BATCHED_EVENTS else None)
            near = NearCopies(conn, sigs)
            self._look_up_actors(conn, [analyses[pos] for pos in first.values()])
            self._statements = []  # the batch's statements rows, inserted at its end
            seen_in_batch: dict[str, int] = {}
            touched: set[int] = set()
            # What the batch adds to store_totals: events created, events given a coded type.
            self._tally = {"events": 0, "events_coded": 0}
            # Rows that nothing reads while the batch is written go in at its end, one
            # executemany per statement for the whole batch, in document order (so the same
            # rows and ids as one document at a time). Per document they cost a round trip each
            # on PostgreSQL (about 130 of a batch's 350 statements). Full-text rows were the
            # first: FTS5 writes its pending terms as a new segment at every statement
            # savepoint, so inserting them per document made a segment per document, and the
            # merging of those segments grew with the index (at 300,000 events, a third of the
            # writer's time).
            alias_upsert, event_actor_upsert = _upserts(self.dialect)
            later: dict[Any, list[dict]] = {
                _BUMP_ACTOR: [], alias_upsert: [], _INSERT_DOC_ACTORS: [], _INSERT_ACTOR_MENTIONS: [],
                _INSERT_PLACES: [], _INSERT_TIMES: [], event_actor_upsert: [], _INSERT_EVENT_MENTIONS: [],
                _INSERT_DOC_FTS: [], _INSERT_STATEMENT_FTS: []}
            for pos, analysis in enumerate(analyses):
                existing = seen_in_batch.get(hashes[pos]) or stored.get(hashes[pos])
                if existing is not None:
                    results.append(Stored(analysis.document.id, "skipped", existing))
                    continue
                results.append(self._add_one(conn, analysis, hashes[pos], pos, sigs[pos], near,
                                             seen_in_batch, touched, later))
            if self._batch is not None:  # the batch's events, then the rows naming their ids
                ids = self._batch.write(conn)
                if ids:
                    touched = {ids.get(i, i) for i in touched}
                    for rows in (later[_INSERT_EVENT_MENTIONS], later[event_actor_upsert]):
                        for row in rows:
                            row["event_id"] = ids.get(row["event_id"], row["event_id"])
            if near.rows:
                conn.execute(insert(document_bands), near.rows)
            # One upsert row per (actor, alias) with the batch's count: the same counts as one
            # row per document, and one multi-row INSERT cannot update a row twice.
            later[alias_upsert] = _summed_aliases(later[alias_upsert])
            self._insert_statements(conn, later)
            for statement, rows in later.items():
                if rows:
                    conn.execute(statement, rows)
            # The counts are a function of the stored mentions only and
            # nothing reads them while the batch is written: recount each
            # merged event once per batch, not once per document.
            recount(conn, sorted(touched))
            # Their (actor, recipient, date) rows, from event_actors and events as they now are.
            rebuild_dyads(conn, touched)
            # event_actors.coded and .date_start: an event coded or re-dated by a later mention,
            # in this batch or after its rows were written, gets it on all its rows.
            sync_event_rows(conn, touched)
            if self.dialect == "postgresql":  # the document search's counts (store/lexemes.py)
                add_documents(conn, [r.id for r in results if r.status != "skipped"])
            tally = [{"_name": k, "_n": n} for k, n in self._tally.items() if n]
            if tally:
                conn.execute(_ADD_TOTAL, tally)
        return results

    def _look_up_actors(self, conn: Connection, new: list[Analysis]) -> None:
        """The canonical actors the new documents' keys name already: one lookup for the batch
        (one per document was 16 of a batch's round trips on PostgreSQL); the actors the batch
        creates join the map as they are inserted (:meth:`_write_actors`)."""
        keys = sorted({merge.actor_key(a)[:600] for analysis in new for a in analysis.actors})
        self._known = {}
        for part in _in_chunks(keys):
            self._known.update((key, canon) for key, canon in conn.execute(_ACTORS_BY_KEY, {"_keys": part}))

    def add_one(self, analysis: Analysis) -> Stored:
        return self.add([analysis])[0]

    def _add_one(self, conn: Connection, analysis: Analysis, h: str, pos: int, sig: Any, copies: NearCopies,
                 seen_in_batch: dict[str, int], touched: set[int], later: dict[Any, list[dict]]) -> Stored:
        """Write one new document (its text not stored yet, nor earlier in the batch)."""
        doc = analysis.document
        near = copies.find(pos, sig)
        now = dt.datetime.now(dt.timezone.utc).replace(tzinfo=None)
        doc_id = conn.execute(_INSERT_DOC, dict(
            doc_key=str(doc.id)[:512], content_hash=h, title=doc.title, url=doc.url,
            source=_source_of(doc), published=doc.published, language=doc.language,
            origin=doc.origin, text=doc.text,
            near_duplicate_of=near[0] if near else None,
            similarity=near[1] if near else None,
            minhash=dedup.to_bytes(sig), ingested_at=now,
        )).scalar_one()
        seen_in_batch[h] = doc_id
        copies.add(pos, doc_id, sig)
        if self.dialect == "sqlite":
            later[_INSERT_DOC_FTS].append({"id": doc_id, "t": doc.title or "", "x": doc.text})

        local_actor = self._write_actors(conn, doc_id, analysis, later)
        place_by_id = {p.id: p for p in analysis.places}
        # Places and times are never read back while the batch is written.
        later[_INSERT_PLACES].extend([dict(
                document_id=doc_id, local_id=p.id, start=p.span[0], end=p.span[1], name=p.name,
                geonameid=p.geonameid, lat=p.lat, lon=p.lon, country=p.country, metonymy=bool(p.metonymy),
                feature=getattr(p, "feature", None))
                for p in analysis.places])
        later[_INSERT_TIMES].extend([dict(
                document_id=doc_id, start=t.span[0], end=t.span[1], value=t.value, type=t.type)
                for t in analysis.times])
        self._write_statements(doc_id, doc, analysis, local_actor)

        # Event mention rows are only read back by the recount at the end of the batch, an
        # event's actors (insert-if-absent) by the dyad rebuild there: both with the batch's.
        mention_rows = later[_INSERT_EVENT_MENTIONS]
        event_actor_rows = later[_upserts(self.dialect)[1]]
        for ev in analysis.events:
            event_id = self._file_event(conn, doc_id, doc, ev, local_actor, place_by_id,
                                        duplicate=near is not None, mention_rows=mention_rows,
                                        event_actor_rows=event_actor_rows)
            touched.add(event_id)
        return Stored(doc.id, "duplicate" if near else "stored", doc_id,
                      near[0] if near else None, len(analysis.events))

    def _write_statements(self, doc_id: int, doc: Any, analysis: Analysis,
                          local_actor: dict[str, tuple[int, Actor]]) -> None:
        """Statements are never read back while the batch is written: their rows go in at its
        end (:meth:`_insert_statements`), in document order, so with the same ids."""
        stmt_rows = self._statements
        for s in analysis.statements:
            speaker = local_actor.get(s.speaker) if s.speaker else None
            content = _cut(doc.text, s.content_span) or ""
            stmt_rows.append(dict(
                document_id=doc_id, local_id=s.id, speaker_local=s.speaker,
                speaker_id=speaker[0] if speaker else None,
                speaker_name=speaker[1].name if speaker else None,
                speaker_start=s.speaker_span[0] if s.speaker_span else None,
                speaker_end=s.speaker_span[1] if s.speaker_span else None,
                cue_start=s.cue_span[0] if s.cue_span else None,
                cue_end=s.cue_span[1] if s.cue_span else None,
                content_start=s.content_span[0], content_end=s.content_span[1], content=content,
                kind=s.kind, cue=s.cue, cue_group=s.cue_group,
            ))

    def _insert_statements(self, conn: Connection, later: dict[Any, list[dict]]) -> None:
        """The batch's statements: one multi-row INSERT returning their ids (in row order); their
        full-text rows (SQLite) go in with the batch's."""
        stmt_rows = self._statements
        if stmt_rows:
            sids = conn.execute(_INSERT_STATEMENTS, stmt_rows).scalars().all()
            if self.dialect == "sqlite":
                later[_INSERT_STATEMENT_FTS].extend(
                    {"id": sid, "c": row["content"], "s": row["speaker_name"] or ""}
                    for sid, row in zip(sids, stmt_rows))

    def _write_actors(self, conn: Connection, doc_id: int, analysis: Analysis,
                      later: dict[Any, list[dict]]) -> dict[str, tuple[int, Actor]]:
        """Insert the document's actors; returns local id -> (canonical actor id, Actor)."""
        textv = analysis.document.text
        out: dict[str, tuple[int, Actor]] = {}
        doc_rows: list[dict] = []
        mention_rows: list[dict] = []
        alias_rows: list[dict] = []
        keys = [merge.actor_key(a)[:600] for a in analysis.actors]
        known = self._known  # the batch's: stored before it, or created by it
        bumps: list[dict] = []  # counts of known actors (added at the end of the batch, same order)
        for a, key in zip(analysis.actors, keys):
            canon = known.get(key)
            if canon is not None:
                bumps.append({"_id": canon, "_n": len(a.mentions), "_role": a.role})
            else:
                canon = known[key] = conn.execute(_INSERT_ACTOR, dict(
                    actor_key=key, name=a.name, kind=a.kind, code=a.code, country=a.country,
                    sector=a.sector, role=a.role, num_mentions=len(a.mentions),
                )).scalar_one()
            out[a.id] = (canon, a)
            doc_rows.append(dict(
                document_id=doc_id, local_id=a.id, actor_id=canon, name=a.name, kind=a.kind,
                country=a.country, sector=a.sector, code=a.code, role=a.role, why=a.why))
            aliases: dict[str, int] = {}
            for s, e in a.mentions:
                surface = " ".join(textv[s:e].split())[:600]
                mention_rows.append(dict(
                    document_id=doc_id, local_id=a.id, actor_id=canon, start=s, end=e, text=surface))
                # Pronouns are mentions but not names: only capitalised forms teach an alias.
                if surface and surface[:1].isupper() and surface.lower() not in _not_aliases():
                    aliases[surface] = aliases.get(surface, 0) + 1
            alias_rows.extend(dict(actor_id=canon, alias=alias, count=n) for alias, n in aliases.items())
        # Counts, aliases, a document's actors and their mentions are not read back while the
        # batch is written (the actors' keys and ids are): with the batch's rows.
        later[_BUMP_ACTOR] += bumps
        later[_upserts(self.dialect)[0]] += alias_rows
        later[_INSERT_DOC_ACTORS] += doc_rows
        later[_INSERT_ACTOR_MENTIONS] += mention_rows
        return out

    def _best_candidate(self, conn: Connection, key: tuple[str, str, str, str],
                        rng: merge.DateRange | None) -> Any:
        """The stored event a mention of ``key`` dated ``rng`` joins, or None: the nearest
        compatible candidate, the earliest among equally near ones (its id; with batched
        events, its :class:`BatchEvents` entry)."""
        if self._batch is not None:
            rows_of = [(p, p.row["date_start"], p.row["date_end"], p.row["date_resolution"])
                       for p in self._batch.candidates(key, rng)]
        else:
            params = {"_type": key[0], "_modality": key[1], "_akey": key[2], "_rkey": key[3]}
            if rng is None:
                found = conn.execute(_EVENTS_UNDATED, params)
            else:
                # Only events whose dates come near this one can be compatible with it.
                lo, hi = merge.search_window(rng)
                found = conn.execute(_EVENTS_NEAR, {**params, "_hi": hi, "_lo": lo,
                                                    "_first": merge.shift(lo, -merge.MAX_SPAN_DAYS)})
            rows_of = [(row.id, row.date_start, row.date_end, row.date_resolution) for row in found]
        best: tuple[Any, int] | None = None
        for ident, start, end, resolution in rows_of:
            other = merge.DateRange(start, end, resolution) if start else None
            if merge.compatible(rng, other):
                dist = abs((other.start - rng.start).days) if (rng and other) else 0
                if best is None or dist < best[1]:
                    best = (ident, dist)
        return best[0] if best is not None else None

    def _file_event(self, conn: Connection, doc_id: int, doc: Document, ev: Event,
                    local_actor: dict[str, tuple[int, Actor]], place_by_id: dict, duplicate: bool,
                    mention_rows: list[dict], event_actor_rows: list[dict]) -> int:
        """Add one event mention under its merged event (found or created); returns the event id."""
        side_a = [local_actor[x][1] for x in ev.actor if x in local_actor]
        side_r = [local_actor[x][1] for x in ev.recipient if x in local_actor]
        akey, rkey = merge.dyad_side(side_a)[:600], merge.dyad_side(side_r)[:600]
        rng = merge.date_range(ev.date.value if ev.date else None, doc.published)
        place = place_by_id.get(ev.location) if ev.location else None

        batch = self._batch
        best = self._best_candidate(conn, (ev.event, ev.modality, akey, rkey), rng)

        created = best is None
        coded = coded_of(ev.event, ev.modality, ev.why)
        if created:
            row = dict(
                event_type=ev.event, mode=ev.mode, cameo=ev.cameo, modality=ev.modality, coded=coded,
                context=json.dumps(sorted(set(ev.context))), actor_key=akey, recipient_key=rkey,
                date_value=rng.value if rng else None, date_resolution=rng.resolution if rng else None,
                date_start=rng.start if rng else None, date_end=rng.end if rng else None,
                **_place_columns(place),
                quad_class=codes.plover_quad(ev.event),
                goldstein=codes.goldstein(ev.cameo, ev.event, ev.mode),
            )
            if batch is not None:
                event_id = batch.create((ev.event, ev.modality, akey, rkey), row).id
            else:
                event_id = conn.execute(_INSERT_EVENT, row).scalar_one()
            self._tally["events"] += 1
            self._tally["events_coded"] += coded is not None
        else:
            if batch is not None:
                pending = best
                event_id, cur = pending.id, dict(pending.row)
            else:
                event_id = best
                cur = conn.execute(_EVENT_BY_ID, {"_id": event_id}).mappings().one()
            old = (merge.DateRange(cur["date_start"], cur["date_end"], cur["date_resolution"])
                   if cur["date_start"] else None)
            new = merge.finer(old, rng)
            ctx = sorted(set(json.loads(cur["context"] or "[]")) | set(ev.context))
            values = {"context": json.dumps(ctx)}
            if new is not None and new != old:
                values.update(date_value=new.value, date_resolution=new.resolution,
                              date_start=new.start, date_end=new.end)
            if cur["cameo"] is None and ev.cameo:
                values.update(cameo=ev.cameo, goldstein=codes.goldstein(ev.cameo, ev.event, ev.mode))
            if cur["mode"] is None and ev.mode:
                values["mode"] = ev.mode
            if cur["coded"] is None and coded:
                values["coded"] = coded
                self._tally["events_coded"] += 1
            if cur["place_name"] is None and place is not None:
                values.update(_place_columns(place))
            if batch is not None:
                batch.change(pending, values)
            else:
                conn.execute(_UPDATE_EVENT, {"_id": event_id, **values})

        start = row["date_start"] if created else values.get("date_start", cur["date_start"])
        event_actor_rows += _event_actor_rows(event_id, ev, local_actor, coded if created else (cur["coded"] or coded),
                                              start)

        mention_rows.append(dict(
            event_id=event_id, document_id=doc_id, local_id=ev.id, event_type=ev.event, mode=ev.mode,
            context=json.dumps(list(ev.context)), cameo=ev.cameo,
            actor_local=json.dumps(list(ev.actor)), recipient_local=json.dumps(list(ev.recipient)),
            date_value=ev.date.value if ev.date else None,
            date_resolution=ev.date.resolution if ev.date else None,
            modality=ev.modality, location_local=ev.location,
            trigger_start=ev.trigger[0], trigger_end=ev.trigger[1],
            sentence_start=ev.sentence[0], sentence_end=ev.sentence[1],
            trigger=_cut(doc.text, ev.trigger), sentence=_cut(doc.text, ev.sentence),
            confidence=float(ev.confidence), why=ev.why, statement_local=ev.statement,
            duplicate=duplicate))
        return event_id

    # ------------------------------------------------------------------ batches

    def ingest(self, items: Iterable, batch_size: int = 16) -> Iterator[Stored]:
        """Store a stream of Analysis objects in batches (DocumentErrors are skipped by the caller)."""
        batch: list[Analysis] = []
        for item in items:
            batch.append(item)
            if len(batch) >= batch_size:
                yield from self.add(batch)
                batch = []
        if batch:
            yield from self.add(batch)

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables."""
        out = {}
        with self.engine.connect() as conn:
            for t in (documents, actors, events, event_mentions, statements, times, places, actor_mentions):
                out[t.name] = conn.execute(select(func.count()).select_from(t)).scalar_one()
        return out

    def close(self) -> None:
        self.engine.dispose()


@lru_cache(maxsize=1)
def _not_aliases() -> frozenset[str]:
    data = codes._load("store", "aliases.yaml")
    return frozenset(str(w).lower() for w in data.get("not_aliases") or ())
