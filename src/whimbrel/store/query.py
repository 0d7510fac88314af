"""Read side of the store: events, statements, actors and documents, filtered and paginated.

The CLI (``whimbrel query``), the HTTP API and the web explorer all call these
functions, so a filter means the same thing everywhere. Every function returns
plain JSON-ready dicts. Filters are values bound as SQL parameters, never
spliced into SQL text; bad filter values raise :class:`QueryError`.
"""
from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from dataclasses import dataclass, fields
from typing import Any

from sqlalchemy import Select, and_, false, func, intersect, or_, select, text, true
from sqlalchemy.engine import Engine

from ..model import MODALITIES, PLOVER_EVENTS, Document
from . import lexemes, roles
from .dyads import dyad_events
from .modality import codable_condition, coded_scores
from .roles import role_coded_of, role_only_of, role_probe, role_total
from .schema import (
    actor_aliases, actor_mentions, actors, doc_actors, documents, event_actors,
    event_mentions, events, places, statements, store_totals, times,
)
from .snippets import add_snippets

DEFAULT_LIMIT = 50
MAX_LIMIT = 500


class QueryError(ValueError):
    """A filter value that cannot be used (unknown type, malformed date, ...)."""


@dataclass
class EventFilter:
    actor: str | None = None        # code, country, name or alias of any actor
    recipient: str | None = None
    dyad: str | None = None         # "A,B": A acts on B
    type: str | None = None         # PLOVER event type
    quad: int | None = None         # 1..4
    context: str | None = None
    modality: str | None = None
    since: str | None = None        # YYYY-MM-DD
    until: str | None = None
    place: str | None = None        # place name or country code
    document: int | None = None     # events with a mention in this document
    all_modalities: bool = False    # also events a PLOVER coder does not record (store/modality.py)

    @classmethod
    def from_mapping(cls, data: dict[str, Any]) -> EventFilter:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in names and v not in (None, "")})


def _page(limit: int | None, offset: int | None) -> tuple[int, int]:
    try:
        lim = DEFAULT_LIMIT if limit is None else int(limit)
        off = 0 if offset is None else int(offset)
    except (TypeError, ValueError):
        raise QueryError("limit and offset must be integers") from None
    if lim < 0 or off < 0:
        raise QueryError("limit and offset must not be negative")
    return min(lim, MAX_LIMIT), off


def _date(value: str | None, name: str) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        raise QueryError(f"{name}: not an ISO date (YYYY-MM-DD): {value!r}") from None


def _actor_ids(term: str) -> Select:
    """Canonical actors a user's term names: by code (or code prefix: RUS -> RUSGOV), country, name or alias."""
    t = term.strip()
    if not t:
        raise QueryError("empty actor term")
    up, low = t.upper(), t.lower()
    like = up.replace("\\", "").replace("%", "").replace("_", "") + "%"
    return select(actors.c.id).where(or_(
        func.upper(actors.c.code) == up,
        func.upper(actors.c.country) == up,
        func.upper(actors.c.code).like(like) if len(like) > 3 else false(),
        func.lower(actors.c.name) == low,
        actors.c.id.in_(select(actor_aliases.c.actor_id).where(func.lower(actor_aliases.c.alias) == low)),
    ))


def _ids_of(term: str, conn=None, memo: dict | None = None) -> Any:
    """The ids of the actors ``term`` names: a list looked up now with ``conn`` (once per
    ``memo``, one query's), else a subquery."""
    if conn is None:
        return _actor_ids(term)
    if memo is not None and term in memo:
        return memo[term]
    ids = sorted(conn.execute(_actor_ids(term)).scalars())
    if memo is not None:
        memo[term] = ids
    return ids


def _role_events(role: str, term: str, conn=None, coded: list | None = None, memo: dict | None = None) -> Select:
    """The ids of the events in which an actor ``term`` names plays ``role``; ``coded``:
    conditions on the event's coded type, read from ``event_actors.coded`` (schema version 6).

    With ``conn``, the term's actors are looked up first and the query names their ids: a
    planner cannot estimate the term's OR of functions (PostgreSQL guessed 2,091 actors for
    24 and read all of ``event_actors`` instead of their index entries).
    """
    actor_ids = _ids_of(term, conn, memo)
    return select(event_actors.c.event_id).where(and_(
        event_actors.c.role == role, event_actors.c.actor_id.in_(actor_ids), *(coded or ())))


def _event_conditions(f: EventFilter) -> list:
    """SQL conditions on ``events`` for the filter ``f``."""
    sets, cond = _event_parts(f)
    return [events.c.id.in_(q) for q in sets] + cond


def _event_parts(f: EventFilter, conn=None, memo: dict | None = None) -> tuple[list[Select], list]:
    """(subqueries of event ids the events must be in, the other conditions on ``events``);
    ``conn`` resolves actor terms to ids first (:func:`_role_events`), each once per ``memo``."""
    sets: list[Select] = []
    # By default only what a PLOVER coder records; naming a modality asks for its events.
    cond = [] if f.all_modalities or f.modality else [codable_condition(events)]
    since, until = _date(f.since, "since"), _date(f.until, "until")
    pairs: list[tuple[str, str]] = []
    if f.dyad:
        parts = [p for p in re.split(r"[,;]", str(f.dyad)) if p.strip()]
        if len(parts) != 2:
            raise QueryError("dyad: give two actors, 'A,B' (A acts on B)")
        pairs.append((parts[0], parts[1]))
    codable_only = not (f.all_modalities or f.modality)
    t = str(f.type).upper() if f.type else None
    if t is not None and t not in PLOVER_EVENTS:
        raise QueryError(f"type: not a PLOVER event type: {f.type!r}")
    # Where only coded events are listed, an actor's are those whose event_actors rows carry a
    # coded type (ix_event_actors_coded): the coded condition, and a type's ``coded = :t``, are
    # read from that index range, not from each of the actor's events (schema version 6).
    by_role = codable_only and bool(f.actor or f.recipient) and not (f.actor and f.recipient)
    role_coded = role_coded_of(f) if by_role else None
    if f.actor and f.recipient:  # the same events as the two role sets' intersection
        pairs.append((f.actor, f.recipient))
    else:
        # PostgreSQL plans better from the actors' ids; SQLite's plans from the subquery were
        # faster (dyad + month at 300,000 events: 92 against 141 ms, before event_dyads).
        by_ids = conn if conn is not None and conn.dialect.name == "postgresql" else None
        if f.actor:
            sets.append(_role_events("actor", f.actor, by_ids, role_coded, memo))
        if f.recipient:
            sets.append(_role_events("recipient", f.recipient, by_ids, role_coded, memo))
    # A dyad is one range of event_dyads' (actor, recipient, date) index (store/dyads.py).
    sets += [dyad_events(_ids_of(a, conn, memo), _ids_of(r, conn, memo), since, until) for a, r in pairs]
    if by_role:
        cond = []  # the role set holds coded events only (of the type, when one is asked)
    elif t:
        # the type a coder records (a future COOPERATE is an AGREE), as the exports' "event";
        # where only coded events are listed that is ``coded`` itself, which is indexed with
        # the dates (ix_events_coded_date): the same events, one index range.
        cond.append(events.c.coded == t if codable_only
                    else func.coalesce(events.c.coded, events.c.event_type) == t)
    if f.quad not in (None, ""):
        try:
            q = int(f.quad)
        except (TypeError, ValueError):
            raise QueryError("quad: 1, 2, 3 or 4") from None
        if q not in (1, 2, 3, 4):
            raise QueryError("quad: 1, 2, 3 or 4")
        cond.append(events.c.quad_class == q)
    if f.context:
        c = re.sub(r"[^a-z_\-]", "", str(f.context).lower())
        cond.append(events.c.context.like(f'%"{c}"%'))
    if f.modality:
        if f.modality not in MODALITIES:
            raise QueryError(f"modality: one of {', '.join(MODALITIES)}")
        cond.append(events.c.modality == f.modality)
    if since:
        # The second bound changes nothing (no stored date spans more than MAX_SPAN_DAYS, so an
        # event ending on or after ``since`` starts at most that long before it) but makes the
        # condition a range of the date indexes.
        from .merge import MAX_SPAN_DAYS, shift

        cond += [events.c.date_end >= since, events.c.date_start >= shift(since, -MAX_SPAN_DAYS)]
    if until:
        cond.append(events.c.date_start <= until)
    if f.place:
        p = str(f.place).strip()
        cond.append(or_(func.lower(events.c.place_name) == p.lower(),
                        func.upper(events.c.place_country) == p.upper()))
    if f.document not in (None, ""):
        try:
            d = int(f.document)
        except (TypeError, ValueError):
            raise QueryError("document: an integer id") from None
        sets.append(select(event_mentions.c.event_id).where(event_mentions.c.document_id == d))
    return sets, cond


def _parties(conn, event_ids: list[int]) -> dict[int, dict[str, list[dict]]]:
    out: dict[int, dict[str, list[dict]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    if not event_ids:
        return out
    rows = conn.execute(select(event_actors.c.event_id, event_actors.c.role, actors.c.id, actors.c.name,
                               actors.c.code, actors.c.country, actors.c.sector, actors.c.kind,
                               actors.c.role.label("actor_role"))
                        .join(actors, actors.c.id == event_actors.c.actor_id)
                        .where(event_actors.c.event_id.in_(event_ids))
                        .order_by(event_actors.c.event_id, actors.c.id))
    for r in rows:
        out[r.event_id][r.role].append({"id": r.id, "name": r.name, "code": r.code, "country": r.country,
                                        "sector": r.sector, "kind": r.kind, "role": r.actor_role})
    return out


def _event_dict(r, parties: dict[str, list[dict]]) -> dict[str, Any]:
    return {
        "id": r.id, "event": r.event_type, "mode": r.mode, "cameo": r.cameo, "modality": r.modality,
        "coded": r.coded, "context": json.loads(r.context or "[]"),
        "actor": parties["actor"], "recipient": parties["recipient"],
        "actor_key": r.actor_key, "recipient_key": r.recipient_key,
        "date": {"value": r.date_value, "resolution": r.date_resolution},
        "place": ({"name": r.place_name, "country": r.place_country, "geonameid": r.geonameid,
                   "lat": r.lat, "lon": r.lon} if r.place_name else None),
        "quad_class": r.quad_class, "goldstein": r.goldstein,
        "num_mentions": r.num_mentions, "num_sources": r.num_sources, "num_articles": r.num_articles,
        "first_seen": r.first_seen.isoformat() if r.first_seen else None,
        "last_seen": r.last_seen.isoformat() if r.last_seen else None,
        "confidence": round(r.avg_confidence, 3) if r.avg_confidence is not None else None,
    }


#: From this many matching events on, SQLite reads a page newest-first along the date index,
#: checking each event against the filter's id sets, instead of looking up every matching
#: event and sorting them all (a country in a sixth of a million events).
DATE_DRIVEN_FROM = 2000
def find_events(engine: Engine, f: EventFilter | None = None, limit: int | None = None,
                offset: int | None = None, after: str | None = None) -> dict[str, Any]:
    """Merged events matching ``f``, newest first: ``{"total", "limit", "offset", "items", "next"}``.

    ``after`` (keyset pagination): the ``next`` value of the previous page; the page then starts
    right after that event, at the cost of an index lookup however deep it is (an ``offset``
    reads and skips every row before it). ``next`` is None on the last page.
    """
    f = f or EventFilter()
    lim, off = _page(limit, offset)
    _event_parts(f)  # a bad filter is a QueryError before any query runs
    cursor = _cursor(after) if after not in (None, "") else None
    with engine.connect() as conn:
        memo: dict[str, list[int]] = {}  # each actor term looked up once
        sets, other = _event_parts(f, conn, memo)
        role_only = role_only_of(f)
        if role_only is not None and len(sets) == 1 and not other:
            role, term = role_only
            actor_ids, coded = _ids_of(term, conn, memo), role_coded_of(f)
            total = role_total(conn, role, actor_ids, coded)
        else:
            role_only = None
            total = _total(conn, f) if _unfiltered(f) else conn.execute(_count_events(sets, other)).scalar_one()
        by_date = engine.dialect.name == "sqlite" and bool(sets) and total >= DATE_DRIVEN_FROM
        # "id + 0" cannot use the primary key, so the planner walks the date index instead.
        ident = events.c.id + 0 if by_date else events.c.id
        cond = [ident.in_(q) for q in sets] + other
        skip = off
        if (by_date or engine.dialect.name == "postgresql") and role_only is not None:
            if total * total * (1 if by_date else roles.PG_WALK_DIVISOR) >= roles.EXISTS_FROM * lim * _total(conn, f):
                # Each event the walk passes: one probe of its event_actors rows, not the whole set.
                cond = [role_probe(role, actor_ids, coded)] + other
            elif not by_date and cursor is None:  # the page's ids from the actor's index range
                cond, skip = [events.c.id.in_(roles.role_page(conn, role, actor_ids, coded, lim, off))], 0
        if cursor is None:
            rows = conn.execute(select(events).where(and_(true(), *cond)).order_by(*_NEWEST_FIRST)
                                .limit(lim).offset(skip)).all()
        else:
            rows, off = _rows_after(conn, cond, cursor, lim), 0
        parties = _parties(conn, [r.id for r in rows])
        items = [_event_dict(r, parties[r.id]) for r in rows]
        add_snippets(conn, items)
    last = rows[-1] if rows and len(rows) == lim else None
    nxt = f"{last.date_start.isoformat() if last.date_start else ''}:{last.id}" if last is not None else None
    return {"total": total, "limit": lim, "offset": off, "items": items, "next": nxt}


_NEWEST_FIRST = (events.c.date_start.desc().nulls_last(), events.c.id)


def _unfiltered(f: EventFilter) -> bool:
    """No filter but the default one (codable events), or none at all (``all_modalities``)."""
    return all(getattr(f, k.name) in (None, "") for k in fields(f) if k.name != "all_modalities")


def _total(conn, f: EventFilter) -> int:
    """The number of events an unfiltered list has, from ``store_totals`` (the writer keeps it)."""
    name = "events" if f.all_modalities else "events_coded"
    n = conn.execute(select(store_totals.c.n).where(store_totals.c.name == name)).scalar()
    return int(n or 0)


def _count_events(sets: list[Select], other: list) -> Select:
    """COUNT of the matching events; from the id sets alone (their indexes) when that is all."""
    if sets and not other:
        ids = sets[0].distinct() if len(sets) == 1 else intersect(*sets)
        return select(func.count()).select_from(ids.subquery())
    return select(func.count()).select_from(events).where(
        and_(true(), *([events.c.id.in_(q) for q in sets] + other)))


def _cursor(after: str) -> tuple[dt.date | None, int]:
    """``DATE:ID`` (``:ID`` for an undated event), the ``next`` of a page."""
    day, _, ident = str(after).rpartition(":")
    try:
        last_id = int(ident)
    except ValueError:
        raise QueryError("after: the 'next' value of the previous page") from None
    return (_date(day, "after") if day else None), last_id


def _rows_after(conn, cond: list, cursor: tuple[dt.date | None, int], lim: int) -> list:
    """Up to ``lim`` events after ``cursor`` in the list's order, in index-friendly pieces: the
    rest of the cursor's day, then earlier days, then the undated events."""
    day, last_id = cursor
    base = select(events).where(and_(true(), *cond))
    pieces = [base.where(events.c.date_start.is_(None), events.c.id > last_id).order_by(events.c.id)]
    if day is not None:
        pieces[:0] = [base.where(events.c.date_start == day, events.c.id > last_id).order_by(events.c.id),
                      base.where(events.c.date_start < day).order_by(*_NEWEST_FIRST)]
        pieces[-1] = base.where(events.c.date_start.is_(None)).order_by(events.c.id)
    rows: list = []
    for piece in pieces:
        if len(rows) >= lim:
            break
        rows += conn.execute(piece.limit(lim - len(rows))).all()
    return rows


def get_event(engine: Engine, event_id: int) -> dict[str, Any] | None:
    """One merged event with every mention: document, span, trigger, sentence, modality, confidence, why."""
    with engine.connect() as conn:
        r = conn.execute(select(events).where(events.c.id == event_id)).first()
        if r is None:
            return None
        out = _event_dict(r, _parties(conn, [r.id])[r.id])
        ms = conn.execute(select(event_mentions, documents.c.title, documents.c.url, documents.c.source,
                                 documents.c.published, documents.c.near_duplicate_of)
                          .join(documents, documents.c.id == event_mentions.c.document_id)
                          .where(event_mentions.c.event_id == event_id).order_by(event_mentions.c.id)).all()
        out["mentions"] = [_mention_dict(m) for m in ms]
    return out


def _mention_dict(m) -> dict[str, Any]:
    return {"document": m.document_id, "local_id": m.local_id, "title": m.title, "url": m.url,
            "source": m.source, "published": m.published.isoformat() if m.published else None,
            "trigger": [m.trigger_start, m.trigger_end], "trigger_text": m.trigger,
            "sentence": [m.sentence_start, m.sentence_end], "sentence_text": m.sentence,
            "modality": m.modality, "confidence": m.confidence, "why": m.why,
            "date": {"value": m.date_value, "resolution": m.date_resolution},
            "duplicate": bool(m.duplicate), "near_duplicate_of": m.near_duplicate_of}


def event_mentions_of(engine: Engine, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Mentions of several events at once (exports)."""
    out: dict[int, list[dict]] = defaultdict(list)
    if not event_ids:
        return out
    with engine.connect() as conn:
        for i in range(0, len(event_ids), 500):
            chunk = event_ids[i:i + 500]
            ms = conn.execute(select(event_mentions, documents.c.title, documents.c.url, documents.c.source,
                                     documents.c.published, documents.c.near_duplicate_of,
                                     documents.c.doc_key, documents.c.language, documents.c.origin,
                                     documents.c.ingested_at)
                              .join(documents, documents.c.id == event_mentions.c.document_id)
                              .where(event_mentions.c.event_id.in_(chunk)).order_by(event_mentions.c.id))
            for m in ms:
                d = _mention_dict(m)
                d["doc_key"] = m.doc_key
                d["language"] = m.language
                d["origin"], d["ingested_at"] = m.origin, m.ingested_at
                out[m.event_id].append(d)
    return out


def fts_query(q: str) -> str:
    """A user's words as an FTS5 query of quoted terms (all must match): no operator injection."""
    terms = re.findall(r"\w+", q, re.UNICODE)
    if not terms:
        raise QueryError("q: give at least one word")
    return " ".join('"' + t.replace('"', '') + '"' for t in terms[:32])


def _text_match(engine: Engine, kind: str, q: str):
    """Condition on documents/statements rows matching the words of ``q`` (FTS5 or tsvector)."""
    table = documents if kind == "documents" else statements
    if engine.dialect.name == "sqlite":
        sub = text(f"SELECT rowid FROM {kind}_fts WHERE {kind}_fts MATCH :fq").bindparams(fq=fts_query(q))
        return table.c.id.in_(sub)
    if engine.dialect.name == "postgresql":
        return text(f"{kind}.tsv @@ plainto_tsquery('english', :pq)").bindparams(pq=" ".join(re.findall(r"\w+", q)))
    pattern = "%" + q.replace("%", "").replace("_", "") + "%"
    return (table.c.text if kind == "documents" else table.c.content).like(pattern)


def find_statements(engine: Engine, speaker: str | None = None, q: str | None = None,
                    document: int | None = None, kind: str | None = None,
                    limit: int | None = None, offset: int | None = None) -> dict[str, Any]:
    """Statements by speaker (code, name or alias) and/or words of their content."""
    lim, off = _page(limit, offset)
    cond = []
    if speaker:
        cond.append(statements.c.speaker_id.in_(_actor_ids(speaker)))
    if q:
        cond.append(_text_match(engine, "statements", q))
    if document not in (None, ""):
        try:
            cond.append(statements.c.document_id == int(document))
        except (TypeError, ValueError):
            raise QueryError("document: an integer id") from None
    if kind:
        if kind not in ("direct", "indirect", "headline"):
            raise QueryError("kind: direct, indirect or headline")
        cond.append(statements.c.kind == kind)
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(statements).where(and_(true(), *cond))).scalar_one()
        rows = conn.execute(select(statements, documents.c.title, documents.c.published,
                                   actors.c.code.label("speaker_code"), actors.c.country.label("speaker_country"))
                            .join(documents, documents.c.id == statements.c.document_id)
                            .outerjoin(actors, actors.c.id == statements.c.speaker_id)
                            .where(and_(true(), *cond))
                            .order_by(documents.c.published.desc().nulls_last(), statements.c.id)
                            .limit(lim).offset(off)).all()
    items = [{"id": r.id, "document": r.document_id, "title": r.title,
              "published": r.published.isoformat() if r.published else None,
              "speaker": ({"id": r.speaker_id, "name": r.speaker_name, "code": r.speaker_code,
                           "country": r.speaker_country} if r.speaker_id else None),
              "kind": r.kind, "cue": r.cue, "cue_group": r.cue_group, "content": r.content,
              "content_span": [r.content_start, r.content_end]} for r in rows]
    return {"total": total, "limit": lim, "offset": off, "items": items}


def find_actors(engine: Engine, q: str | None = None, kind: str | None = None, country: str | None = None,
                limit: int | None = None, offset: int | None = None) -> dict[str, Any]:
    """Canonical actors (most mentioned first) with the aliases learnt from the text."""
    lim, off = _page(limit, offset)
    cond = []
    if q:
        low = "%" + q.lower().replace("%", "").replace("_", "") + "%"
        cond.append(or_(func.lower(actors.c.name).like(low), func.lower(actors.c.code).like(low),
                        actors.c.id.in_(select(actor_aliases.c.actor_id)
                                        .where(func.lower(actor_aliases.c.alias).like(low)))))
    if kind:
        cond.append(actors.c.kind == kind)
    if country:
        cond.append(func.upper(actors.c.country) == country.upper())
    with engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(actors).where(and_(true(), *cond))).scalar_one()
        rows = conn.execute(select(actors).where(and_(true(), *cond))
                            .order_by(actors.c.num_mentions.desc(), actors.c.id).limit(lim).offset(off)).all()
        ids = [r.id for r in rows]
        aliases: dict[int, list[str]] = defaultdict(list)
        if ids:
            for a in conn.execute(select(actor_aliases).where(actor_aliases.c.actor_id.in_(ids))
                                  .order_by(actor_aliases.c.count.desc(), actor_aliases.c.alias)):
                aliases[a.actor_id].append(a.alias)
    items = [{"id": r.id, "name": r.name, "kind": r.kind, "code": r.code, "country": r.country,
              "sector": r.sector, "role": r.role, "mentions": r.num_mentions, "aliases": aliases[r.id]}
             for r in rows]
    return {"total": total, "limit": lim, "offset": off, "items": items}


def find_documents(engine: Engine, q: str | None = None, source: str | None = None,
                   limit: int | None = None, offset: int | None = None) -> dict[str, Any]:
    """Stored documents (newest first), optionally by full-text search and outlet."""
    lim, off = _page(limit, offset)
    cond = []
    if q:
        cond.append(_text_match(engine, "documents", q))
    if source:
        cond.append(documents.c.source == source)
    n_events = (select(func.count()).select_from(event_mentions)
                .where(event_mentions.c.document_id == documents.c.id).scalar_subquery())
    sqlite_fts = engine.dialect.name == "sqlite" and bool(q)
    with engine.connect() as conn:
        # PostgreSQL: a query of one lexeme is counted in document_lexemes (store/lexemes.py).
        total = (lexemes.single_count(conn, " ".join(re.findall(r"\w+", q)))
                 if q and not source and engine.dialect.name == "postgresql" else None)
        if sqlite_fts and not source:  # every document has its FTS row: count there, not in the big rows
            total = conn.execute(text("SELECT count(*) FROM documents_fts WHERE documents_fts MATCH :fq")
                                 .bindparams(fq=fts_query(q))).scalar_one()
        elif total is None:
            total = conn.execute(select(func.count()).select_from(documents).where(and_(true(), *cond))).scalar_one()
        if sqlite_fts and total >= DATE_DRIVEN_FROM:
            # Many matches: walk the publication-date index newest first and stop at the page's
            # end, instead of reading every match's row to sort them ("id + 0" rules out the
            # primary-key lookups the planner would otherwise drive from).
            cond[0] = (documents.c.id + 0).in_(text("SELECT rowid FROM documents_fts WHERE documents_fts "
                                                    "MATCH :fq").bindparams(fq=fts_query(q)))
        rows = conn.execute(select(documents.c.id, documents.c.doc_key, documents.c.title, documents.c.url,
                                   documents.c.source, documents.c.published, documents.c.near_duplicate_of,
                                   func.length(documents.c.text).label("chars"), n_events.label("events"))
                            .where(and_(true(), *cond))
                            .order_by(documents.c.published.desc().nulls_last(), documents.c.id)
                            .limit(lim).offset(off)).all()
    items = [{"id": r.id, "doc_key": r.doc_key, "title": r.title, "url": r.url, "source": r.source,
              "published": r.published.isoformat() if r.published else None,
              "near_duplicate_of": r.near_duplicate_of, "chars": r.chars, "events": r.events} for r in rows]
    return {"total": total, "limit": lim, "offset": off, "items": items}


def get_document(engine: Engine, doc_id: int) -> dict[str, Any] | None:
    """One stored document as the contract object (rebuilt from the tables), plus its text and store links."""
    with engine.connect() as conn:
        d = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
        if d is None:
            return None
        out = Document(id=d.doc_key, text="", title=d.title, published=d.published, url=d.url,
                       source=d.source).header()
        mentions: dict[str, list[list[int]]] = defaultdict(list)
        for m in conn.execute(select(actor_mentions).where(actor_mentions.c.document_id == doc_id)
                              .order_by(actor_mentions.c.id)):
            mentions[m.local_id].append([m.start, m.end])
        out["actors"] = [
            {"id": a.local_id, "name": a.name, "kind": a.kind, "country": a.country, "sector": a.sector,
             "code": a.code, "role": a.role, "mentions": mentions[a.local_id], "why": a.why}
            for a in conn.execute(select(doc_actors).where(doc_actors.c.document_id == doc_id)
                                  .order_by(doc_actors.c.actor_id, doc_actors.c.local_id))]
        out["actors"].sort(key=lambda a: _local_order(a["id"]))
        evs = conn.execute(select(event_mentions).where(event_mentions.c.document_id == doc_id)
                           .order_by(event_mentions.c.id)).all()
        out["events"] = [
            {"id": e.local_id, "event": e.event_type, "mode": e.mode, "context": json.loads(e.context),
             "cameo": e.cameo, "actor": json.loads(e.actor_local), "recipient": json.loads(e.recipient_local),
             "date": {"value": e.date_value, "resolution": e.date_resolution}, "modality": e.modality,
             "location": e.location_local, "trigger": [e.trigger_start, e.trigger_end],
             "sentence": [e.sentence_start, e.sentence_end], "confidence": e.confidence, "why": e.why,
             "statement": e.statement_local}
            for e in evs]
        out["statements"] = [
            {"id": s.local_id, "speaker": s.speaker_local,
             "speaker_span": [s.speaker_start, s.speaker_end] if s.speaker_start is not None else None,
             "cue_span": [s.cue_start, s.cue_end] if s.cue_start is not None else None,
             "content_span": [s.content_start, s.content_end], "kind": s.kind, "cue": s.cue,
             "cue_group": s.cue_group}
            for s in conn.execute(select(statements).where(statements.c.document_id == doc_id)
                                  .order_by(statements.c.id))]
        out["times"] = [{"span": [t.start, t.end], "value": t.value, "type": t.type}
                        for t in conn.execute(select(times).where(times.c.document_id == doc_id)
                                              .order_by(times.c.id))]
        out["places"] = [
            {"id": p.local_id, "span": [p.start, p.end], "name": p.name, "geonameid": p.geonameid,
             "lat": p.lat, "lon": p.lon, "country": p.country, "metonymy": bool(p.metonymy),
             "feature": p.feature}
            for p in conn.execute(select(places).where(places.c.document_id == doc_id).order_by(places.c.id))]
        store = {"document_id": d.id, "near_duplicate_of": d.near_duplicate_of, "similarity": d.similarity,
                 "text": d.text, "event_ids": {e.local_id: e.event_id for e in evs},
                 "actor_ids": {}}
        for a in conn.execute(select(doc_actors.c.local_id, doc_actors.c.actor_id)
                              .where(doc_actors.c.document_id == doc_id)):
            store["actor_ids"][a.local_id] = a.actor_id
    return {"analysis": out, "store": store}


def _local_order(local_id: str) -> tuple[str, int]:
    """A1 < A2 < A10: the order the analysis gave its ids."""
    m = re.match(r"^(\D*)(\d+)$", local_id or "")
    return (m[1], int(m[2])) if m else (local_id or "", 0)


def network(engine: Engine, f: EventFilter | None = None, max_edges: int = 200) -> dict[str, Any]:
    """Who acts on whom: nodes are canonical actors, an edge's weight is its number of events."""
    cond = _event_conditions(f or EventFilter())
    ea, er = event_actors.alias("ea"), event_actors.alias("er")
    q = (select(ea.c.actor_id.label("src"), er.c.actor_id.label("dst"), func.count().label("weight"),
                func.sum(func.coalesce(events.c.goldstein, 0.0)).label("goldstein"))
         .select_from(events.join(ea, and_(ea.c.event_id == events.c.id, ea.c.role == "actor"))
                      .join(er, and_(er.c.event_id == events.c.id, er.c.role == "recipient")))
         .where(and_(true(), *cond)).group_by(ea.c.actor_id, er.c.actor_id)
         .order_by(func.count().desc()).limit(max(1, min(int(max_edges), 1000))))
    with engine.connect() as conn:
        edges = [{"source": r.src, "target": r.dst, "weight": r.weight,
                  "goldstein": round(float(r.goldstein or 0), 2)} for r in conn.execute(q)]
        ids = sorted({e["source"] for e in edges} | {e["target"] for e in edges})
        nodes = [{"id": r.id, "name": r.name, "code": r.code, "country": r.country, "kind": r.kind}
                 for r in conn.execute(select(actors).where(actors.c.id.in_(ids)))] if ids else []
    return {"nodes": nodes, "edges": edges}

