"""The event store: analysed documents in SQLite or PostgreSQL, merged into real-world events.

    from whimbrel.store import Store, query
    store = Store("whimbrel.db")                 # or "postgresql+psycopg:///name"
    store.add(analyses)                          # one transaction per batch
    query.find_events(store.engine, query.EventFilter(dyad="RUS,UKR"))

See docs/store.md for the tables, the merging rule and the exports.
"""
from __future__ import annotations

from .migrations import SCHEMA_VERSION, make_engine, migrate
from .writer import Store, Stored

DEFAULT_DB = "whimbrel.db"

__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "Stored", "make_engine", "migrate"]
