"""The near-duplicate index in the database (schema version 7, ``document_bands``): a batch's
candidate copies are looked up by their LSH band hashes instead of an in-memory index of every
stored signature, and the decisions are the in-memory index's (datasketch ``MinHashLSH``, the
earliest candidate whose estimate reaches the threshold)."""
from __future__ import annotations

import random
import sys
from pathlib import Path

import pytest
from sqlalchemy import inspect, select, text

from store_fixtures import fresh_url, older_store
from whimbrel.model import Analysis, Document
from whimbrel.store import Store, dedup
from whimbrel.store.migrations import SCHEMA_VERSION
from whimbrel.store.neardup import band_rows
from whimbrel.store.schema import document_bands, documents

datasketch = pytest.importorskip("datasketch")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from store_scale import Corpus  # noqa: E402


def test_the_banding_is_the_librarys():
    lsh = datasketch.MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    assert (lsh.b, lsh.r) == (dedup.BANDS, dedup.ROWS)


def _edited(text_: str, rate: float, rng: random.Random) -> str:
    """``text_`` with about ``rate`` of its words replaced: a copy edited by another desk."""
    words = text_.split(" ")
    for i in range(len(words)):
        if rng.random() < rate:
            words[i] = f"x{rng.randrange(10**6)}"
    return " ".join(words)


def _reprints(seed: int, n: int = 120, copies: int = 60) -> list[Analysis]:
    """``n`` bench documents (5% exact reprints with a byline) and ``copies`` edited copies of
    some of them, edited from 1% to 8% of the words, so their similarity falls on both sides of
    the threshold; each placed just after its original (often in the same batch) or far after."""
    rng = random.Random(seed)
    corpus = Corpus(seed=seed)
    keyed = [(float(i), corpus.next()) for i in range(n)]
    for k in range(copies):
        i = rng.randrange(n)
        base = keyed[i][1].document
        doc = Document(id=f"copy-{k}", text=_edited(base.text, rng.choice((0.01, 0.02, 0.03, 0.04, 0.05, 0.08)), rng),
                       published=base.published, source=f"Desk {k}")
        keyed.append((i + rng.choice((0.5, 1.5, 2.5, 20.5, 47.5, 90.5)), Analysis(doc)))
    return [a for _, a in sorted(keyed, key=lambda x: x[0])]


def _in_memory_decisions(rows) -> tuple[dict[int, tuple[int | None, float | None]], dict[str, int]]:
    """What the in-memory index (before version 7) decided for the stored documents in id order;
    and how often each case arose, so the test can show the corpus reaches them."""
    lsh = datasketch.MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    sigs: dict[int, object] = {}
    out: dict[int, tuple[int | None, float | None]] = {}
    seen = {"rejected candidate": 0, "several copies": 0, "copy": 0}
    for doc_id, blob in rows:
        sig = dedup.from_bytes(blob)
        best = None
        good = 0
        for cand in lsh.query(sig):
            sim = float(sigs[cand].jaccard(sig))
            if sim < dedup.THRESHOLD:
                seen["rejected candidate"] += 1
                continue
            good += 1
            if best is None or cand < best[0]:
                best = (cand, sim)
        seen["several copies"] += good > 1
        seen["copy"] += best is not None
        out[doc_id] = best or (None, None)
        sigs[doc_id] = sig
        lsh.insert(doc_id, sig)
    return out, seen


def _stored(store: Store):
    with store.engine.connect() as c:
        docs = c.execute(select(documents.c.id, documents.c.minhash, documents.c.near_duplicate_of,
                                documents.c.similarity).order_by(documents.c.id)).all()
        bands = sorted(tuple(r) for r in c.execute(select(document_bands.c.band, document_bands.c.hash,
                                                          document_bands.c.document_id)))
    return docs, bands


def _recomputed_bands(docs) -> list[tuple]:
    return sorted((r["band"], r["hash"], r["document_id"])
                  for d in docs for r in band_rows(d.id, dedup.from_bytes(d.minhash)))


@pytest.mark.parametrize("batch", [1, 7, 32])
def test_duplicate_decisions_equal_the_in_memory_index(kind, tmp_path, batch):
    corpus = _reprints(seed=23)
    store = Store(fresh_url(kind, tmp_path))
    results = []
    for i in range(0, len(corpus), batch):
        results += store.add(corpus[i:i + batch])
    docs, bands = _stored(store)
    want, seen = _in_memory_decisions([(d.id, d.minhash) for d in docs])
    have = {d.id: (d.near_duplicate_of, d.similarity) for d in docs}
    assert have == want
    # The corpus reaches every case: copies found, candidates the estimate rejects, documents
    # with more than one copy (the earliest wins) ...
    assert seen["copy"] >= 15 and seen["rejected candidate"] >= 1 and seen["several copies"] >= 3, seen
    # ... and edited copies the bands miss (the in-memory index missed them too).
    assert len([r for r in results if r.doc_key.startswith("copy-") and r.status == "stored"]) >= 3
    if batch > 1:  # copies of a document stored earlier in the same batch
        pos = {r.id: i // batch for i, r in enumerate(results)}
        assert any(pos[d] == pos[o] for d, (o, _) in have.items() if o is not None)
    # The table holds each document's bands, nothing else.
    assert bands == _recomputed_bands(docs) and len(bands) == dedup.BANDS * len(docs)
    store.close()


def test_a_reopened_store_finds_copies_of_what_it_stored_before(kind, tmp_path):
    corpus = _reprints(seed=29, n=48, copies=0)
    url = fresh_url(kind, tmp_path)
    store = Store(url)
    store.add(corpus[:16])
    store.close()
    again = Store(url)
    with again.engine.connect() as c:  # an original (not itself a copy) stored by the first writer
        first, original = c.execute(select(documents.c.id, documents.c.text).where(
            documents.c.near_duplicate_of.is_(None)).order_by(documents.c.id.desc()).limit(1)).one()
    res = again.add([Analysis(Document(id="reprint", text="(Other Wire) " + original, source="Other Wire"))])[0]
    assert res.status == "duplicate" and res.near_duplicate_of == first
    again.close()


def test_version_7_fills_the_bands_of_a_version_6_store(kind, tmp_path):
    url, corpus = older_store(kind, tmp_path, 6, ["DROP TABLE document_bands"], seed=31)
    again = Store(url)
    with again.engine.connect() as c:
        assert c.execute(text("SELECT version FROM schema_version")).scalar_one() == SCHEMA_VERSION >= 7
        assert "document_bands" in inspect(c).get_table_names()
        some = c.execute(select(documents.c.id, documents.c.text).where(documents.c.near_duplicate_of.is_(None))
                         .order_by(documents.c.id).limit(3)).all()
    docs, bands = _stored(again)
    assert len(docs) == 64 and bands == _recomputed_bands(docs)
    # A copy of a document stored before the migration is found through the filled table.
    res = again.add([Analysis(Document(id="late-copy", text="(Other Wire) " + some[2].text))])[0]
    assert res.status == "duplicate" and res.near_duplicate_of == some[2].id
    again.add([corpus.next() for _ in range(16)])  # and the writer keeps the table from there
    docs, bands = _stored(again)
    assert bands == _recomputed_bands(docs)
    again.close()
