"""The analyst's routes of the HTTP API: the sanctions tracker (and the map, actor and timeline
data the explorer's analyst pages draw), over :mod:`whimbrel.store`'s read side."""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Query

from . import api_models as M


def analyst_routes(app: FastAPI, store: Any) -> None:
    """Add the analyst's routes to ``app`` over ``store``."""
    from .store import sanctions

    @app.get("/api/sanctions", tags=["query"], response_model=list[M.Regime],
             summary="Sanctions and embargo regimes by target and imposer, with their timelines")
    def get_sanctions(
        target: str | None = Query(None, max_length=100, description="target's code (IRN) or part of its name"),
        imposer: str | None = Query(None, max_length=100, description="imposer's code (USA, IGOUNO) or name"),
    ) -> list[dict[str, Any]]:
        return sanctions.regimes(store.engine, target=target, imposer=imposer)
