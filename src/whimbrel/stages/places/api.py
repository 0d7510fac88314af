"""What other stages may read of the places stage's results (``doc._.places``).

Transitional: re-exports from ``whimbrel.places`` until the stage moves here.
"""
from whimbrel.places import location_for_token, place_at  # noqa: F401

__all__ = ["location_for_token", "place_at"]
