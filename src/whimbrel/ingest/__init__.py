"""Readers: turn files, directories, standard input (and later feeds, WARC) into Documents."""
from __future__ import annotations

import datetime as dt


def parse_date(value: str | None) -> dt.date | None:
    """An ISO date or datetime string -> date; None for None or ''. Raises ValueError otherwise."""
    if value is None or not str(value).strip():
        return None
    s = str(value).strip()
    try:
        return dt.date.fromisoformat(s[:10])
    except ValueError:
        raise ValueError(f"not an ISO date: {value!r}") from None
