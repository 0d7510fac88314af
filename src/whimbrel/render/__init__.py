"""One registry of output formats, used by ``analyze``, ``query``, ``export`` and the HTTP API.

A format writes a stream of items to a file object: analyses (``whimbrel
analyze``: contract objects or error records), rows (``whimbrel query`` and the
API's lists: plain dicts from the store) or events (``whimbrel export``: merged
events of the store). Each :class:`Format` names what it can write and the
writer class that does it; the writer is imported only when used, so the
registry costs nothing at start-up.

    writer = open_writer("jsonl", fh, kind="analysis")
    for item in items:
        writer.write(item)
    writer.close()
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import IO, Any, Protocol

#: What a format can be asked to write.
ANALYSIS, ROWS, EVENTS = "analysis", "rows", "events"


class Writer(Protocol):
    def write(self, item: Any) -> None: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class Format:
    name: str
    help: str
    kinds: frozenset[str]          # ANALYSIS, ROWS, EVENTS: what it can write
    writer: str                    # "module:Class", imported on first use
    media_type: str = "text/plain"
    needs_file: bool = False       # binary formats (Parquet) need a path, not a stream


FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("jsonl", "one JSON object per line", frozenset({ANALYSIS, ROWS}),
           "whimbrel.render.text:JsonlWriter", "application/x-ndjson"),
    Format("json", "one JSON array", frozenset({ANALYSIS, ROWS}),
           "whimbrel.render.text:JsonArrayWriter", "application/json"),
    Format("pretty", "a readable view of each document, for the terminal", frozenset({ANALYSIS}),
           "whimbrel.render.pretty:PrettyWriter"),
    Format("table", "a terminal table of the main columns", frozenset({ROWS}),
           "whimbrel.render.table:TableWriter"),
    Format("csv", "comma-separated rows, every field", frozenset({ROWS}),
           "whimbrel.render.table:CsvWriter", "text/csv"),
    Format("plover-jsonl", "PLOVER/POLECAT-style event records, one per line", frozenset({EVENTS}),
           "whimbrel.store.export:PloverJsonlWriter", "application/x-ndjson"),
    Format("gdelt", "GDELT 2.0 event table (tab-separated, with a header)", frozenset({EVENTS}),
           "whimbrel.store.export:GdeltWriter", "text/tab-separated-values"),
    Format("parquet", "Apache Parquet table (needs -o FILE)", frozenset({EVENTS}),
           "whimbrel.store.export:ParquetWriter", "application/vnd.apache.parquet", needs_file=True),
)}


def names(kind: str) -> tuple[str, ...]:
    """The formats that can write ``kind``, in registry order."""
    return tuple(n for n, f in FORMATS.items() if kind in f.kinds)


def problem(name: str, kind: str) -> str | None:
    """Why ``name`` cannot write ``kind`` (a message for the user), or None when it can."""
    fmt = FORMATS.get(name)
    if fmt is None or kind not in fmt.kinds:
        return f"--format must be one of {', '.join(names(kind))}, not {name!r}"
    return None


def open_writer(name: str, out: IO[str] | Any, kind: str, **options: Any) -> Writer:
    """A writer of format ``name`` for ``kind`` items onto ``out`` (a text stream, None for
    standard output, or a path for formats that need a file); ``options`` go to the writer."""
    msg = problem(name, kind)
    if msg:
        raise ValueError(msg)
    module, _, cls = FORMATS[name].writer.partition(":")
    return getattr(importlib.import_module(module), cls)(out, kind=kind, **options)
