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
