"""What other stages may read of the statements stage's results (``doc._.statements``).

Transitional: re-exports from ``whimbrel.statements`` until the stage moves here.
"""
from whimbrel.statements import statement_at  # noqa: F401

__all__ = ["statement_at"]
