"""``whimbrel query events|statements|actors|documents|dyad-counts|sanctions``: the store's queries on the
command line. ``sanctions`` gives one regime per JSON/JSONL item (with its timeline) and one row per
timeline entry in a table or CSV."""
from __future__ import annotations

import sys
from typing import Any

from .. import render
from . import open_store

KINDS = ("events", "statements", "actors", "documents", "dyad-counts", "sanctions")
FORMATS = render.names(render.ROWS)


def run(kind: str, db: str, fmt: str = "table", limit: int = 50, offset: int = 0, **filters: Any) -> int:
    from ..store import counts, query

    if kind not in KINDS:
        print(f"whimbrel: error: query what? one of {', '.join(KINDS)}", file=sys.stderr)
        return 2
    if render.problem(fmt, render.ROWS):
        print(f"whimbrel: error: {render.problem(fmt, render.ROWS)}", file=sys.stderr)
        return 2
    store = open_store(db)
    if store is None:
        return 2
    f = {k: v for k, v in filters.items() if v not in (None, "")}
    try:
        if kind == "events":
            res = query.find_events(store.engine, query.EventFilter.from_mapping(f), limit, offset)
            items, total = res["items"], res["total"]
        elif kind == "statements":
            res = query.find_statements(store.engine, speaker=f.get("speaker"), q=f.get("text"),
                                        document=f.get("document"), limit=limit, offset=offset)
            items, total = res["items"], res["total"]
        elif kind == "actors":
            res = query.find_actors(store.engine, q=f.get("text"), limit=limit, offset=offset)
            items, total = res["items"], res["total"]
        elif kind == "documents":
            res = query.find_documents(store.engine, q=f.get("text"), limit=limit, offset=offset)
            items, total = res["items"], res["total"]
        elif kind == "sanctions":
            from ..store import sanctions

            items = sanctions.regimes(store.engine, target=f.get("target"), imposer=f.get("actor"))
            if fmt in ("table", "csv"):
                items = sanctions.rows(items, sentence=fmt == "csv")
            total = len(items)  # regimes, or their timeline rows in a table or CSV; paged as any list
            items = items[max(0, offset):max(0, offset) + max(0, limit)]
        else:
            items = counts.dyad_counts(store.engine, f=query.EventFilter.from_mapping(f))
            if fmt in ("table", "csv"):
                from ..store.analyst import flat_months

                items = flat_months(items, types=fmt == "csv")
            total = len(items)
    except query.QueryError as exc:
        print(f"whimbrel: error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()

    writer = render.open_writer(fmt, None, render.ROWS, query=kind, total=total)
    for item in items:
        writer.write(item)
    writer.close()
    return 0
