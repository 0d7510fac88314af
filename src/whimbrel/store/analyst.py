"""Read side for the explorer's analyst pages: where events happen and places are named (the map),
and one actor's profile (its events as actor and as recipient over time, statements, aliases,
partners). Filters are :class:`whimbrel.store.query.EventFilter`, so they mean what they mean
everywhere; by default only the events a PLOVER coder records are counted.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import and_, func, select, true
from sqlalchemy.engine import Engine

from .query import EventFilter, _event_conditions
from .schema import places


#: At most this many months in a series (a stray date in 1066 must not make a million rows).
MAX_MONTHS = 1200


def month_range(seen: list[str], since: str | None = None, until: str | None = None) -> list[str]:
    """Every month "YYYY-MM" from ``since`` (else the first of ``seen``) to ``until`` (else the last),
    at most :data:`MAX_MONTHS` (the latest ones)."""
    first = (str(since)[:7] if since else None) or (seen[0] if seen else None)
    last = (str(until)[:7] if until else None) or (seen[-1] if seen else None)
    if not first or not last or first > last:
        return list(seen)
    y, m = int(first[:4]), int(first[5:7])
    ly, lm = int(last[:4]), int(last[5:7])
    count = (ly - y) * 12 + (lm - m) + 1
    if count > MAX_MONTHS:
        y, m = divmod(ly * 12 + lm - 1 - (MAX_MONTHS - 1), 12)
        m += 1
        count = MAX_MONTHS
    out = []
    for _ in range(count):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def flat_months(months: list[dict[str, Any]], types: bool = True) -> list[dict[str, Any]]:
    """Months as flat rows for CSV and terminal tables: a column per quad class (and per PLOVER type
    with ``types``), no JSON in a cell."""
    from ..model import PLOVER_EVENTS

    out = []
    for m in months:
        row = {k: v for k, v in m.items() if k not in ("quad", "types")}
        row.update({f"quad_{q}": m["quad"].get(q, 0) for q in ("1", "2", "3", "4")})
        if types:
            row.update({t: m["types"].get(t, 0) for t in PLOVER_EVENTS})
        out.append(row)
    return out


def map_points(engine: Engine, f: EventFilter | None = None, max_points: int = 500) -> dict[str, Any]:
    """Event locations (events grouped by their place, with counts by type) and the places the
    documents name (grouped by gazetteer id or name, with mention and document counts)."""
    from .schema import events

    cond = _event_conditions(f or EventFilter()) + [events.c.lat.is_not(None), events.c.lon.is_not(None)]
    grouped: dict[tuple, dict[str, Any]] = {}
    with engine.connect() as conn:
        for r in conn.execute(select(events.c.place_name, events.c.place_country, events.c.geonameid,
                                     events.c.lat, events.c.lon, events.c.event_type, events.c.coded,
                                     events.c.quad_class).where(and_(true(), *cond))):
            key = (r.geonameid or r.place_name, round(r.lat, 3), round(r.lon, 3))
            p = grouped.setdefault(key, {"name": r.place_name, "country": r.place_country,
                                         "geonameid": r.geonameid, "lat": r.lat, "lon": r.lon,
                                         "events": 0, "types": Counter(), "quads": Counter()})
            p["events"] += 1
            p["types"][r.coded or r.event_type] += 1
            if r.quad_class:
                p["quads"][str(r.quad_class)] += 1
        named = conn.execute(select(places.c.name, places.c.country, places.c.geonameid, places.c.lat,
                                    places.c.lon, places.c.feature, func.count().label("mentions"),
                                    func.count(places.c.document_id.distinct()).label("documents"))
                             .where(places.c.lat.is_not(None), places.c.lon.is_not(None))
                             .group_by(places.c.name, places.c.country, places.c.geonameid, places.c.lat,
                                       places.c.lon, places.c.feature)).all()
    points = sorted(grouped.values(), key=lambda p: -p["events"])[:max_points]
    for p in points:
        p["types"] = dict(p["types"].most_common())
        p["quads"] = dict(sorted(p["quads"].items()))
    merged: dict[Any, dict[str, Any]] = {}
    for r in named:
        key = r.geonameid or (r.name, round(r.lat, 2), round(r.lon, 2))
        m = merged.setdefault(key, {"name": r.name, "country": r.country, "geonameid": r.geonameid,
                                    "lat": r.lat, "lon": r.lon, "feature": r.feature, "mentions": 0,
                                    "documents": 0, "names": []})
        m["mentions"] += r.mentions
        m["documents"] += r.documents  # a document naming it two ways counts twice: an upper bound
        m["names"].append(r.name)
    named_out = sorted(merged.values(), key=lambda m: -m["mentions"])[:max_points]
    return {"events": points, "places": named_out}


def actor_profile(engine: Engine, actor_id: int, all_modalities: bool = False, limit: int = 20) -> dict[str, Any] | None:
    """One canonical actor: its record and aliases; its events per month as actor and as recipient
    (every month in the range, zeros included), by type; its partners (whom it acts on and who
    acts on it, with counts and Goldstein sums); its latest events and statements; the other
    actors of its country. None when there is no such actor."""
    from .modality import codable_condition
    from .query import _event_dict, _parties, find_actors
    from .schema import actor_aliases, actors, event_actors, events, statements

    with engine.connect() as conn:
        a = conn.execute(select(actors).where(actors.c.id == actor_id)).first()
        if a is None:
            return None
        aliases = [r.alias for r in conn.execute(select(actor_aliases).where(actor_aliases.c.actor_id == actor_id)
                                                 .order_by(actor_aliases.c.count.desc(), actor_aliases.c.alias))]
        cond = [] if all_modalities else [codable_condition(events)]
        mine = select(event_actors.c.event_id, event_actors.c.role).where(event_actors.c.actor_id == actor_id).subquery()
        rows = conn.execute(select(events, mine.c.role.label("my_role")).join(mine, mine.c.event_id == events.c.id)
                            .where(and_(true(), *cond))).all()
        parties = _parties(conn, sorted({r.id for r in rows}))
        said = conn.execute(select(statements.c.id, statements.c.document_id, statements.c.kind, statements.c.cue,
                                   statements.c.content)
                            .where(statements.c.speaker_id == actor_id).order_by(statements.c.id.desc())).all()
    profile = _series(rows, parties, actor_id)
    latest = sorted({r.id: r for r in rows}.values(), key=lambda r: (r.date_start is None, r.date_start), reverse=True)
    latest = [r for r in latest if r.date_start] + [r for r in latest if not r.date_start]
    profile["events"] = [{**_event_dict(r, parties[r.id]), "roles": sorted({x.my_role for x in rows if x.id == r.id})}
                         for r in latest[:limit]]
    profile["statements"] = {"total": len(said), "items": [
        {"id": s.id, "document": s.document_id, "kind": s.kind, "cue": s.cue, "content": s.content} for s in said[:limit]]}
    profile["actor"] = {"id": a.id, "name": a.name, "kind": a.kind, "code": a.code, "country": a.country,
                        "sector": a.sector, "role": a.role, "mentions": a.num_mentions, "aliases": aliases}
    related = find_actors(engine, country=a.country, limit=11)["items"] if a.country else []
    profile["related"] = [r for r in related if r["id"] != actor_id][:10]
    return profile


def _series(rows: list, parties: dict, actor_id: int) -> dict[str, Any]:
    """Months, types and partners of an actor's events (``rows`` carry ``my_role``)."""
    from .modality import coded_scores

    months: dict[str, dict[str, Any]] = {}
    types: dict[str, Counter] = {"actor": Counter(), "recipient": Counter()}
    partners: dict[int, dict[str, Any]] = {}
    for r in rows:
        role, other_role = r.my_role, ("recipient" if r.my_role == "actor" else "actor")
        t = r.coded or r.event_type
        types[role][t] += 1
        _, goldstein = coded_scores(r.event_type, r.coded, r.quad_class, r.goldstein)
        if r.date_start:
            key = r.date_start.isoformat()[:7]
            m = months.setdefault(key, _actor_month(key))
            m["as_" + role] += 1
            m["goldstein_as_" + role] = round(m["goldstein_as_" + role] + (goldstein or 0.0), 2)
        for p in parties[r.id][other_role]:
            if p["id"] == actor_id:
                continue
            q = partners.setdefault(p["id"], {"id": p["id"], "name": p["name"], "code": p["code"],
                                              "acts_on": 0, "acted_on_by": 0, "goldstein": 0.0})
            q["acts_on" if role == "actor" else "acted_on_by"] += 1
            q["goldstein"] = round(q["goldstein"] + (goldstein or 0.0), 2)
    series = [months.get(k) or _actor_month(k) for k in month_range(sorted(months))]
    ranked = sorted(partners.values(), key=lambda q: (-(q["acts_on"] + q["acted_on_by"]), q["name"]))
    return {"months": series, "types": {"as_actor": dict(types["actor"].most_common()),
                                        "as_recipient": dict(types["recipient"].most_common())},
            "partners": ranked[:25]}


def _actor_month(key: str) -> dict[str, Any]:
    return {"month": key, "as_actor": 0, "as_recipient": 0, "goldstein_as_actor": 0.0, "goldstein_as_recipient": 0.0}


def grouped_network(engine: Engine, f: EventFilter | None = None, by: str = "actor",
                    max_edges: int = 200) -> dict[str, Any]:
    """:func:`whimbrel.store.query.network` with its actors merged ``by`` their CAMEO ``code``
    (every USAGOV person and office is one node) or ``country`` (every American actor), or
    not at all (``actor``). A node gets ``members`` and ``events`` (its edges' weights); an
    edge within one group is left out. Node ids are the group keys."""
    from .query import QueryError, network

    if by not in ("actor", "code", "country"):
        raise QueryError("by: actor, code or country")
    net = network(engine, f, max_edges=1000 if by != "actor" else max_edges)
    key = {}
    for n in net["nodes"]:
        if by == "actor":
            key[n["id"]] = n["id"]
        else:
            code = n["code"] or ""
            k = code if by == "code" else (code[:6] if code.startswith("IGO") else n["country"] or code)
            key[n["id"]] = k or f"#{n['id']}"
    nodes: dict[Any, dict[str, Any]] = {}
    for n in net["nodes"]:
        k = key[n["id"]]
        g = nodes.setdefault(k, {"id": k, "name": n["name"], "code": n["code"] if by != "country" else k,
                                 "country": n["country"], "kind": n["kind"], "members": [], "events": 0,
                                 "actor_ids": []})
        g["members"].append(n["name"])
        g["actor_ids"].append(n["id"])
        if by != "actor" and (n["code"] or "") == k:
            g["name"] = n["name"]  # the group's own name ("United States" for USA) when it is a member
    edges: dict[tuple, dict[str, Any]] = {}
    for e in net["edges"]:
        s, t = key[e["source"]], key[e["target"]]
        if s == t:
            continue
        x = edges.setdefault((s, t), {"source": s, "target": t, "weight": 0, "goldstein": 0.0})
        x["weight"] += e["weight"]
        x["goldstein"] = round(x["goldstein"] + e["goldstein"], 2)
        nodes[s]["events"] += e["weight"]
        nodes[t]["events"] += e["weight"]
    kept = sorted(edges.values(), key=lambda x: -x["weight"])[:max_edges]
    used = {x["source"] for x in kept} | {x["target"] for x in kept}
    return {"nodes": [n for n in nodes.values() if n["id"] in used], "edges": kept}


def summary(engine: Engine, f: EventFilter | None = None) -> dict[str, Any]:
    """How the events matching ``f`` divide: by recorded type, by quad class, by modality, with
    the total and the summed Goldstein score (scored by the recorded type, as every count is)."""
    from .modality import coded_scores
    from .schema import events

    types: Counter = Counter()
    quads: Counter = Counter()
    modalities: Counter = Counter()
    total, goldstein = 0, 0.0
    with engine.connect() as conn:
        for r in conn.execute(select(events.c.event_type, events.c.coded, events.c.quad_class, events.c.goldstein,
                                     events.c.modality).where(and_(true(), *_event_conditions(f or EventFilter())))):
            quad, score = coded_scores(r.event_type, r.coded, r.quad_class, r.goldstein)
            total += 1
            types[r.coded or r.event_type] += 1
            modalities[r.modality] += 1
            if quad:
                quads[str(quad)] += 1
            goldstein += score or 0.0
    return {"total": total, "goldstein": round(goldstein, 2), "types": dict(types.most_common()),
            "quads": dict(sorted(quads.items())), "modalities": dict(modalities.most_common())}
