"""Exact and near-duplicate detection of documents.

* Exact: a SHA-256 over the text with whitespace runs collapsed, so the same
  article read twice (or re-wrapped) is stored once.
* Near: one wire story republished by several outlets differs only in a byline,
  a headline or a closing line. Word 5-shingles of such copies overlap almost
  entirely, so their Jaccard similarity is high; MinHash signatures estimate it
  and an LSH index finds candidate copies without comparing every pair
  (Broder 1997, "On the resemblance and containment of documents").
"""
from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash, MinHashLSH

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
    the near-duplicate index loads at a writer's first batch, paid for them."""
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


class NearDuplicateIndex:
    """An in-memory LSH index of the stored documents' signatures (document id -> MinHash)."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._sigs: dict[int, MinHash] = {}

    def __len__(self) -> int:
        return len(self._sigs)

    def add(self, doc_id: int, sig: MinHash) -> None:
        if doc_id in self._sigs:
            return
        self._sigs[doc_id] = sig
        self._lsh.insert(doc_id, sig)

    def find(self, sig: MinHash) -> tuple[int, float] | None:
        """The earliest stored document this signature copies, with the estimated similarity."""
        best: tuple[int, float] | None = None
        for cand in self._lsh.query(sig):
            sim = float(self._sigs[cand].jaccard(sig))
            # LSH candidates can fall below the threshold: confirm with the estimate.
            if sim >= self.threshold and (best is None or cand < best[0]):
                best = (cand, sim)
        return best
