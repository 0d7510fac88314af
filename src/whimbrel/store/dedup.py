"""Exact and near-duplicate detection of documents.

* Exact: a SHA-256 over the text with whitespace runs collapsed, so the same
  article read twice (or re-wrapped) is stored once.
* Near: one wire story republished by several outlets differs only in a byline,
  a headline or a closing line. Word 5-shingles of such copies overlap almost
  entirely, so their Jaccard similarity is high; MinHash signatures estimate it
  and LSH bands find candidate copies without comparing every pair
  (Broder 1997, "On the resemblance and containment of documents"). The bands'
  hashes are stored (``document_bands``), so a writer looks its batch's
  candidates up in the database instead of loading every stored signature.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
#: Estimated Jaccard similarity of shingle sets above which two texts are copies.
THRESHOLD = 0.7
SHINGLE = 5

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)


def content_hash(text: str) -> str:
    """SHA-256 of ``text`` with whitespace normalised: equal for the same article re-read."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()


def shingles(text: str, k: int = SHINGLE) -> set[bytes]:
    """Lower-cased word k-grams: punctuation and layout differences do not count."""
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i:i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


#: datasketch >= 2 names its hashing scheme; a stored signature must be read with
#: the scheme that made it, so whimbrel pins one.
SCHEME = "affine32"


def _minhash(**kw) -> MinHash:
    num_perm = kw.pop("num_perm", NUM_PERM)
    perms = _permutations() if num_perm == NUM_PERM else None
    try:
        if perms is not None:
            return MinHash(num_perm=num_perm, scheme=SCHEME, permutations=perms, **kw)
        return MinHash(num_perm=num_perm, scheme=SCHEME, **kw)
    except TypeError:  # datasketch 1.x: one scheme only, no argument
        return MinHash(num_perm=num_perm, **kw)


_PERMUTATIONS: list = []


def _permutations():
    """The default seed's permutations, made once: MinHash draws them afresh for every object
    (0.7 ms, more than hashing a document's shingles), so each signature, and each stored one
    read back to confirm a candidate copy, paid for them."""
    if not _PERMUTATIONS:
        try:
            _PERMUTATIONS.append(MinHash(num_perm=NUM_PERM, scheme=SCHEME).permutations)
        except TypeError:  # datasketch 1.x
            _PERMUTATIONS.append(None)
    return _PERMUTATIONS[0]


def signature(text: str) -> MinHash:
    m = _minhash()
    m.update_batch(list(shingles(text)))
    return m


def to_bytes(m: MinHash) -> bytes:
    return m.hashvalues.astype(np.uint64).tobytes()


def from_bytes(data: bytes) -> MinHash:
    values = np.frombuffer(data, dtype=np.uint64)
    return _minhash(num_perm=len(values), hashvalues=values)


#: LSH banding: ``MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)`` splits a signature into
#: 14 bands of 9 values (datasketch's optimum for equal false-positive and false-negative
#: weights; tests/test_store_dedup.py checks it is still the library's choice). Two documents
#: are candidate copies when any band is equal; the estimate then decides (:func:`earliest_copy`).
BANDS, ROWS = 14, 9


def band_hashes(sig: MinHash) -> list[int]:
    """One signed 64-bit hash per band, as stored in ``document_bands``.

    The in-memory LSH compared a band's 9 values exactly; two different bands share a 64-bit
    BLAKE2b hash with probability 2**-64, and such a spurious candidate would still have to pass
    the similarity estimate, so the copies found are the in-memory index's."""
    values = np.asarray(sig.hashvalues, dtype=np.uint64)
    return [int.from_bytes(hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).digest(),
                           "little", signed=True)
            for b in range(BANDS)]


def earliest_copy(sig: MinHash, candidates: Iterable[tuple[int, MinHash]],
                  threshold: float = THRESHOLD) -> tuple[int, float] | None:
    """The earliest (lowest id) candidate document this signature copies, with the estimated
    similarity: LSH candidates can fall below the threshold, the estimate confirms them."""
    best: tuple[int, float] | None = None
    for cand, other in candidates:
        sim = float(other.jaccard(sig))
        if sim >= threshold and (best is None or cand < best[0]):
            best = (cand, sim)
    return best
