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
