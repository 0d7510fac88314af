"""What other modules may read of the events stage's results (``doc._.events``).

Transitional: re-exports from ``whimbrel.events`` until the stage moves here.
"""
from whimbrel.events.coding import coded_type, is_codable  # noqa: F401

__all__ = ["coded_type", "is_codable"]
