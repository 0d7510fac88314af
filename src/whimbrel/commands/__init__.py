"""Implementations of the CLI commands (cli.py only parses arguments)."""
from __future__ import annotations

import sys


def missing_store(db: str) -> str | None:
    """Why ``db`` names no store (a SQLite file that does not exist), or None when it may be opened."""
    from pathlib import Path

    from ..store.schema import normalise_url

    url = normalise_url(db)
    if not url.startswith("sqlite:///") or ":memory:" in url or url.startswith("sqlite:///file:"):
        return None
    path = Path(url[len("sqlite:///"):].split("?", 1)[0])
    if path.exists():
        return None
    return f"no store at {db!r} (whimbrel ingest creates one; --db or $WHIMBREL_DB names it)"


def open_store(db: str, create: bool = False):
    """The store at ``db`` (file or URL), or None after one clear error line on stderr.
    Only a command that fills the store (``create``) makes a new one: a mistyped ``--db``
    is an error, not an empty database."""
    from ..store import Store
    from ..store.errors import describe, redact

    problem = None if create else missing_store(db)
    if problem:
        print(f"whimbrel: error: {problem}", file=sys.stderr)
        return None
    try:
        return Store(db)
    except Exception as exc:  # bad URL, unreachable server, unreadable file
        print(f"whimbrel: error: cannot open store {redact(repr(db))}: {describe(exc)}", file=sys.stderr)
        return None
