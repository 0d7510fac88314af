"""Rows of the store's queries as a terminal table or as CSV."""
from __future__ import annotations

import csv
import json
import re
import sys
from typing import IO, Any

#: Columns shown in the terminal table, per query (CSV and JSON carry every field).
TABLE_COLUMNS = {
    "events": ["id", "date", "event", "mode", "actor", "recipient", "modality", "coded", "quad_class",
               "goldstein", "num_mentions", "num_sources", "num_articles", "place"],
    "statements": ["id", "published", "speaker", "kind", "content"],
    "actors": ["id", "name", "kind", "code", "country", "sector", "mentions", "aliases"],
    "documents": ["id", "published", "source", "title", "events", "near_duplicate_of"],
    "dyad-counts": ["month", "events", "cooperation", "conflict", "goldstein", "mentions"],
}


def flatten(item: dict[str, Any]) -> dict[str, Any]:
    """A row for tables and CSV: parties as codes/names, nested values as compact text."""
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


#: A spreadsheet reads a cell starting with these as a formula (=HYPERLINK(...), +cmd|...).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")


def neutralised(value: Any) -> Any:
    """A text cell that a spreadsheet would run as a formula, prefixed with ``'`` (shown as text).

    Article text is attacker-controlled: a name or quote such as ``=HYPERLINK("http://x", "y")``
    ends up in a cell. Numbers (and text that is just a number, like ``-3``) are left alone.
    """
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


class CsvWriter:
    """CSV with a header; the columns are the first row's fields (or the query's table columns).
    Text cells that would start a spreadsheet formula are neutralised (:func:`neutralised`)."""

    def __init__(self, fh: IO[str] | None, kind: str = "", query: str = "events", **_: Any) -> None:
        self.fh = fh
        self.query = query
        self.writer: csv.DictWriter | None = None

    def write(self, item: dict[str, Any]) -> None:
        row = {k: neutralised(v) for k, v in flatten(item).items()}
        if self.writer is None:
            self.writer = csv.DictWriter(self.fh or sys.stdout, fieldnames=list(row), extrasaction="ignore")
            self.writer.writeheader()
        self.writer.writerow(row)

    def close(self) -> None:
        if self.writer is None:  # no rows: the header alone
            csv.DictWriter(self.fh or sys.stdout, fieldnames=TABLE_COLUMNS.get(self.query, [])).writeheader()


class TableWriter:
    """A Rich table of the query's main columns, printed when closed."""

    def __init__(self, fh: IO[str] | None, kind: str = "", query: str = "events", total: int | None = None,
                 **_: Any) -> None:
        from rich.console import Console

        self.console = Console(file=fh) if fh is not None else Console()
        self.query = query
        self.total = total
        self.rows: list[dict[str, Any]] = []

    def write(self, item: dict[str, Any]) -> None:
        self.rows.append(flatten(item))

    def close(self) -> None:
        from rich.table import Table

        total = self.total if self.total is not None else len(self.rows)
        table = Table(title=f"{self.query}: {len(self.rows)} of {total}", show_lines=False)
        cols = TABLE_COLUMNS.get(self.query) or (list(self.rows[0]) if self.rows else [])
        for c in cols:
            table.add_column(c, overflow="fold")
        for row in self.rows:
            table.add_row(*("" if row.get(c) is None else str(row.get(c)) for c in cols))
        self.console.print(table)
