"""JSON Lines and JSON array writers, for analyses and for rows alike."""
from __future__ import annotations

import json
import sys
from typing import IO, Any


def plain(item: Any) -> Any:
    """The JSON-ready form of ``item``: a contract object's ``to_dict()``, else the item."""
    to_dict = getattr(item, "to_dict", None)
    return to_dict() if callable(to_dict) else item


def dumps(item: Any, indent: int | None = None) -> str:
    # default=str: a stage that leaves a date or a set in its output must not
    # cost the whole run; the value is written as text.
    return json.dumps(plain(item), ensure_ascii=False, indent=indent, default=str)


class JsonlWriter:
    """One JSON object per line, flushed per item (a consumer may read as results come)."""

    def __init__(self, fh: IO[str] | None, kind: str = "", **_: Any) -> None:
        self.fh = fh

    def _out(self) -> IO[str]:
        # Looked up on every write: while a progress bar is live, Rich swaps
        # sys.stdout for a proxy that prints above the bar.
        return self.fh or sys.stdout

    def write(self, item: Any) -> None:
        fh = self._out()
        fh.write(dumps(item) + "\n")
        fh.flush()

    def close(self) -> None:
        pass


class JsonArrayWriter(JsonlWriter):
    """One JSON array, written element by element (no list of results in memory)."""

    def __init__(self, fh: IO[str] | None, kind: str = "", **_: Any) -> None:
        super().__init__(fh)
        self.count = 0

    def write(self, item: Any) -> None:
        fh = self._out()
        fh.write(("[\n" if self.count == 0 else ",\n") + dumps(item, indent=2))
        fh.flush()
        self.count += 1

    def close(self) -> None:
        fh = self._out()
        fh.write("\n]\n" if self.count else "[]\n")
        fh.flush()
