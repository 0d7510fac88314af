"""The near-duplicate signatures reuse one set of MinHash permutations (store/dedup.py): what is
stored and compared must be exactly what a MinHash made the library's way gives, or stores
written before would stop matching their copies."""
from __future__ import annotations

import pytest

from whimbrel.store import dedup

datasketch = pytest.importorskip("datasketch")

TEXTS = ["Norway accused Chile of spying on its fishing fleet for years, officials said on Monday.",
         "(Other Wire) Norway accused Chile of spying on its fishing fleet for years, officials said on Monday.",
         "Brazil and Argentina agreed to lower tariffs on grain after two days of talks in Buenos Aires."]


def _plain(text: str):
    try:
        m = datasketch.MinHash(num_perm=dedup.NUM_PERM, scheme=dedup.SCHEME)
    except TypeError:  # datasketch 1.x
        m = datasketch.MinHash(num_perm=dedup.NUM_PERM)
    m.update_batch(list(dedup.shingles(text)))
    return m


@pytest.mark.parametrize("text", TEXTS)
def test_signature_is_the_librarys(text):
    assert list(dedup.signature(text).hashvalues) == list(_plain(text).hashvalues)


def test_a_stored_signature_compares_as_before():
    sigs = [dedup.from_bytes(dedup.to_bytes(dedup.signature(t))) for t in TEXTS]
    plain = [_plain(t) for t in TEXTS]
    for i in range(len(TEXTS)):
        for j in range(len(TEXTS)):
            assert sigs[i].jaccard(plain[j]) == plain[i].jaccard(plain[j])
    # The band hashes (document_bands) of a stored signature are those of the signature made.
    assert [dedup.band_hashes(s) for s in sigs] == [dedup.band_hashes(p) for p in plain]
    assert dedup.earliest_copy(dedup.signature(TEXTS[1]), [(1, sigs[0]), (3, sigs[2])])[0] == 1
    assert dedup.earliest_copy(dedup.signature(TEXTS[2]), [(1, sigs[0])]) is None
