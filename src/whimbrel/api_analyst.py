"""The analyst's routes of the HTTP API: the sanctions tracker (and the map, actor and timeline
data the explorer's analyst pages draw), over :mod:`whimbrel.store`'s read side."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, HTTPException, Query
from fastapi import Path as PathParam

from . import api_models as M


def analyst_routes(app: FastAPI, store: Any) -> None:
    """Add the analyst's routes to ``app`` over ``store``."""
    from .store import sanctions

    map_routes(app, store)
    actor_routes(app, store)

    @app.get("/api/sanctions", tags=["query"], response_model=list[M.Regime],
             summary="Sanctions and embargo regimes by target and imposer, with their timelines")
    def get_sanctions(
        target: str | None = Query(None, max_length=100, description="target's code (IRN) or part of its name"),
        imposer: str | None = Query(None, max_length=100, description="imposer's code (USA, IGOUNO) or name"),
    ) -> list[dict[str, Any]]:
        return sanctions.regimes(store.engine, target=target, imposer=imposer)


def map_routes(app: FastAPI, store: Any) -> None:
    """``/api/map``: event locations and named places, with counts; ``/api/summary``: the
    matching events by type, quad class and modality."""
    from .store import analyst, query

    @app.get("/api/map", tags=["query"], response_model=M.MapData,
             summary="Event locations (grouped, with counts) and the places documents name")
    def get_map(
        type: str | None = Query(None, max_length=20), quad: int | None = Query(None, ge=1, le=4),
        since: str | None = Query(None, max_length=10), until: str | None = Query(None, max_length=10),
        actor: str | None = Query(None, max_length=200), modality: str | None = Query(None, max_length=20),
        all_modalities: bool = Query(False, description="also events a PLOVER coder does not record"),
    ) -> dict[str, Any]:
        f = query.EventFilter(type=type, quad=quad, since=since, until=until, actor=actor, modality=modality,
                              all_modalities=all_modalities)
        return analyst.map_points(store.engine, f)

    @app.get("/api/summary", tags=["query"], response_model=M.Summary,
             summary="How the matching events divide: by recorded type, quad class and modality")
    def get_summary(
        actor: str | None = Query(None, max_length=200), recipient: str | None = Query(None, max_length=200),
        dyad: str | None = Query(None, max_length=200), type: str | None = Query(None, max_length=20),
        quad: int | None = Query(None, ge=1, le=4), context: str | None = Query(None, max_length=200),
        modality: str | None = Query(None, max_length=20), since: str | None = Query(None, max_length=10),
        until: str | None = Query(None, max_length=10), place: str | None = Query(None, max_length=200),
        all_modalities: bool = Query(False, description="also events a PLOVER coder does not record"),
    ) -> dict[str, Any]:
        f = query.EventFilter(actor=actor, recipient=recipient, dyad=dyad, type=type, quad=quad, context=context,
                              modality=modality, since=since, until=until, place=place,
                              all_modalities=all_modalities)
        return analyst.summary(store.engine, f)


def actor_routes(app: FastAPI, store: Any) -> None:
    """``/api/actors/{id}``: one actor's profile."""
    from .store import analyst

    @app.get("/api/actors/{actor_id}", tags=["query"], response_model=M.ActorProfile,
             summary="One actor: events as actor and as recipient per month, types, partners, statements, aliases")
    def get_actor(actor_id: int = PathParam(..., ge=1, le=2**62),
                  all_modalities: bool = Query(False, description="also events a PLOVER coder does not record"),
                  ) -> dict[str, Any]:
        found = analyst.actor_profile(store.engine, actor_id, all_modalities=all_modalities)
        if found is None:
            raise HTTPException(404, "no such actor")
        return found
