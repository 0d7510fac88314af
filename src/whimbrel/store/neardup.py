"""A batch's near-duplicate decisions from the stored LSH bands (``document_bands``, schema v7)."""
from __future__ import annotations

from typing import Any

from sqlalchemy import Connection, and_, bindparam, or_, select

from . import dedup
from .schema import document_bands, documents

# A batch's candidate copies: the stored documents sharing a band hash with one of its
# documents, one index range per (band, hash) of the primary key.
_BANDS_MATCHING = select(document_bands.c.band, document_bands.c.hash, document_bands.c.document_id).where(
    or_(*[and_(document_bands.c.band == b, document_bands.c.hash.in_(bindparam(f"_h{b}", expanding=True)))
          for b in range(dedup.BANDS)]))
_SIGNATURES = select(documents.c.id, documents.c.minhash).where(documents.c.id.in_(bindparam("_ids", expanding=True)))
#: Documents per band lookup (BANDS lists of this many hashes each).
BAND_CHUNK = 64
#: Ids per ``IN (...)`` list.
IN_CHUNK = 500


def band_rows(doc_id: int, sig) -> list[dict]:
    """The ``document_bands`` rows of one document's signature."""
    return [{"band": b, "hash": h, "document_id": doc_id} for b, h in enumerate(dedup.band_hashes(sig))]


class NearCopies:
    """The near-duplicate decisions of one batch, made as the in-memory LSH index made them:
    a document copies the earliest stored (or earlier in the batch) document that shares an
    LSH band with it and whose similarity estimate reaches the threshold.

    The stored candidates of all the batch's new documents are read at once (the band
    lookup, then the candidates' signatures), under the writer lock; the batch's own
    documents are matched in memory, and their band rows written at the end of the batch."""

    def __init__(self, conn: Connection, sigs: dict[int, Any]) -> None:
        self.bands = {pos: dedup.band_hashes(sig) for pos, sig in sigs.items()}
        self.stored: dict[int, set[int]] = {pos: set() for pos in sigs}
        positions = sorted(sigs)
        for i in range(0, len(positions), BAND_CHUNK):
            part = positions[i:i + BAND_CHUNK]
            wanted: dict[tuple[int, int], list[int]] = {}
            for pos in part:
                for b, h in enumerate(self.bands[pos]):
                    wanted.setdefault((b, h), []).append(pos)
            params = {f"_h{b}": sorted({self.bands[pos][b] for pos in part}) for b in range(dedup.BANDS)}
            for b, h, doc_id in conn.execute(_BANDS_MATCHING, params):
                for pos in wanted.get((b, h), ()):
                    self.stored[pos].add(doc_id)
        self.sigs: dict[int, Any] = {}
        ids = sorted(set().union(*self.stored.values())) if self.stored else []
        for part in (ids[i:i + IN_CHUNK] for i in range(0, len(ids), IN_CHUNK)):
            self.sigs.update((doc_id, dedup.from_bytes(blob)) for doc_id, blob in conn.execute(_SIGNATURES, {"_ids": part}))
        self.in_batch: dict[tuple[int, int], list[int]] = {}
        self.rows: list[dict] = []

    def find(self, pos: int, sig: Any) -> tuple[int, float] | None:
        cands = set(self.stored[pos])
        for b, h in enumerate(self.bands[pos]):
            cands.update(self.in_batch.get((b, h), ()))
        return dedup.earliest_copy(sig, ((c, self.sigs[c]) for c in cands))

    def add(self, pos: int, doc_id: int, sig: Any) -> None:
        self.sigs[doc_id] = sig
        for b, h in enumerate(self.bands[pos]):
            self.in_batch.setdefault((b, h), []).append(doc_id)
        self.rows += band_rows(doc_id, sig)
