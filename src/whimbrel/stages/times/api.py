"""What other stages may read of the times stage's results (``doc._.times``).

Transitional: re-exports from ``whimbrel.times`` until the stage moves here.
"""
from whimbrel.times import date_of, time_for_token  # noqa: F401

__all__ = ["date_of", "time_for_token"]
