"""What other stages and modules may read of the places stage (``doc._.places``).

* :func:`place_at`: the place whose mention covers a token;
* :func:`location_for_token`: the non-metonymic place where an event expressed
  by a token happened;
* :func:`gazetteer`: the process-wide gazetteer of the package's own files (the
  evaluation's "most populous" baseline reads it).
"""
from .gazetteer import Entry, Gazetteer, gazetteer  # noqa: F401
from .location import location_for_token, place_at  # noqa: F401

__all__ = ["Entry", "Gazetteer", "gazetteer", "location_for_token", "place_at"]
