"""``whimbrel export``: the store's merged events as PLOVER JSONL, a GDELT-style table or Parquet."""
from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from . import open_store


def run(db: str, fmt: str, out: Path | None, **filters: Any) -> int:
    from ..store import export, query

    if fmt not in export.FORMATS:
        print(f"whimbrel: error: --format must be one of {', '.join(export.FORMATS)}", file=sys.stderr)
        return 2
    if fmt == "parquet" and (out is None or str(out) == "-"):
        print("whimbrel: error: parquet is binary: give an output file with -o OUT", file=sys.stderr)
        return 2
    store = open_store(db)
    if store is None:
        return 2
    try:
        f = query.EventFilter.from_mapping(filters)
        target = sys.stdout if out is None or str(out) == "-" else out
        n = export.export(store.engine, fmt, target, f)
    except query.QueryError as exc:
        print(f"whimbrel: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        raise  # the reader went away (| head): main() ends quietly
    except OSError as exc:
        print(f"whimbrel: error: cannot write {out}: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    print(f"whimbrel: exported {n} event(s) as {fmt}" + (f" to {out}" if target is not sys.stdout else ""),
          file=sys.stderr)
    return 0
