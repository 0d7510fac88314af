"""Implementations of the CLI commands (cli.py only parses arguments)."""
from __future__ import annotations

import sys


def open_store(db: str):
    """The store at ``db`` (file or URL), or None after one clear error line on stderr."""
    from ..store import Store
    from ..store.errors import describe, redact

    try:
        return Store(db)
    except Exception as exc:  # bad URL, unreachable server, unreadable file
        print(f"whimbrel: error: cannot open store {redact(repr(db))}: {describe(exc)}", file=sys.stderr)
        return None
