"""``whimbrel query events|statements|actors|documents|dyad-counts``: the store's queries on the command line."""
from __future__ import annotations

import csv
import json
import sys
from typing import Any

from rich.console import Console
from rich.table import Table

from . import open_store

KINDS = ("events", "statements", "actors", "documents", "dyad-counts")
FORMATS = ("table", "json", "csv")


def _flatten(item: dict[str, Any]) -> dict[str, Any]:
    """Rows for tables and CSV: parties as codes/names, nested values as compact text."""
    out: dict[str, Any] = {}
    for k, v in item.items():
        if k in ("actor", "recipient") and isinstance(v, list):
            out[k] = "; ".join(f"{a.get('name')} ({a.get('code') or a.get('country') or '-'})" for a in v)
        elif k == "speaker" and isinstance(v, dict):
            out[k] = f"{v.get('name')} ({v.get('code') or '-'})"
        elif k == "date" and isinstance(v, dict):
            out[k] = v.get("value")
        elif k == "place" and isinstance(v, dict):
            out[k] = v.get("name")
        elif isinstance(v, list) and all(isinstance(x, str) for x in v):
            out[k] = "; ".join(v)
        elif isinstance(v, (list, dict)):
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = v
    return out


#: Columns shown in the terminal table (CSV and JSON carry every field).
TABLE_COLUMNS = {
    "events": ["id", "date", "event", "mode", "actor", "recipient", "modality", "quad_class",
               "goldstein", "num_mentions", "num_sources", "num_articles", "place"],
    "statements": ["id", "published", "speaker", "kind", "content"],
    "actors": ["id", "name", "kind", "code", "country", "sector", "mentions", "aliases"],
    "documents": ["id", "published", "source", "title", "events", "near_duplicate_of"],
    "dyad-counts": ["month", "events", "cooperation", "conflict", "goldstein", "mentions"],
}


def run(kind: str, db: str, fmt: str = "table", limit: int = 50, offset: int = 0, **filters: Any) -> int:
    from ..store import query

    if kind not in KINDS:
        print(f"whimbrel: error: query what? one of {', '.join(KINDS)}", file=sys.stderr)
        return 2
    if fmt not in FORMATS:
        print(f"whimbrel: error: --format must be one of {', '.join(FORMATS)}", file=sys.stderr)
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
        else:
            items = query.dyad_counts(store.engine, f=query.EventFilter.from_mapping(f))
            total = len(items)
    except query.QueryError as exc:
        print(f"whimbrel: error: {exc}", file=sys.stderr)
        return 2
    finally:
        store.close()

    if fmt == "json":
        json.dump(items, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    elif fmt == "csv":
        rows = [_flatten(i) for i in items]
        cols = list(rows[0].keys()) if rows else TABLE_COLUMNS[kind]
        w = csv.DictWriter(sys.stdout, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    else:
        console = Console()
        table = Table(title=f"{kind}: {len(items)} of {total}", show_lines=False)
        cols = TABLE_COLUMNS[kind]
        for c in cols:
            table.add_column(c, overflow="fold")
        for i in items:
            row = _flatten(i)
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in cols))
        console.print(table)
    return 0
