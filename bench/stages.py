"""Where one article's time goes: each pipeline component, the store writer, and two same-process comparisons.

Over the synthetic corpus (bench/corpus.py), in one process:

1. CPU milliseconds per article of every component of whimbrel's pipeline
   (spaCy's and whimbrel's), run one after another on batches of 16;
2. the attribute ruler's matching: spaCy's Matcher against whimbrel's indexed
   lookup (whimbrel.tagrules) on the same parsed documents, and whether the
   matches are equal;
3. the times stage's pattern scan with and without the literal guard
   (whimbrel.rxguard), and whether the candidates are equal;
4. the store writer: CPU milliseconds and SQL statements per article, storing
   the analyses into a fresh SQLite store (best of 3).

    python bench/stages.py [--n 120]
"""
from __future__ import annotations

import argparse
import collections
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import corpus  # noqa: E402


def per_article(seconds: float, n: int) -> str:
    return f"{1000 * seconds / n:6.2f} ms/article"


def components(nlp, texts: list[str]) -> None:
    from spacy.util import minibatch

    list(nlp.pipe(texts[:8]))  # warm up (lexicons, gazetteer, memo tables)
    spent: dict[str, float] = collections.defaultdict(float)
    for batch in minibatch(texts, 16):
        docs = [nlp.make_doc(t) for t in batch]
        for name, proc in nlp.pipeline:
            t = time.process_time()
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(d) for d in docs]
            spent[name] += time.process_time() - t
    n = len(texts)
    spacy_total = sum(v for k, v in spent.items() if not k.startswith("whimbrel_"))
    ours = sum(v for k, v in spent.items() if k.startswith("whimbrel_"))
    print("\n1. components, CPU per article:")
    for name, v in spent.items():
        print(f"  {name:22s} {per_article(v, n)}")
    print(f"  spaCy's components {per_article(spacy_total, n)}; whimbrel's {per_article(ours, n)} "
          f"({ours / spacy_total:.0%} on top)")


def ruler(model: str, texts: list[str]) -> None:
    import spacy

    from whimbrel.tagrules import IndexedMatch

    plain = spacy.load(model)
    if "attribute_ruler" not in plain.pipe_names:
        print("\n2. attribute ruler: the model has none")
        return
    ar = plain.get_pipe("attribute_ruler")
    keep = {"tok2vec", "tagger", "parser"}
    docs = list(plain.pipe(texts, disable=[p for p in plain.pipe_names if p not in keep]))
    indexed = IndexedMatch(ar)
    indexed(docs[0])  # build the tables
    t = time.process_time()
    theirs = [ar.match(d) for d in docs]
    t_spacy = time.process_time() - t
    t = time.process_time()
    ours = [indexed(d) for d in docs]
    t_ours = time.process_time() - t
    print(f"\n2. attribute ruler matching ({len(ar.attrs)} rules): spaCy's Matcher {per_article(t_spacy, len(docs))}, "
          f"indexed {per_article(t_ours, len(docs))} (ratio {t_spacy / t_ours:.1f}x); "
          f"matches equal: {theirs == ours}")


def times_scan(texts: list[str]) -> None:
    from whimbrel import rxguard
    from whimbrel.stages.times.patterns import find_candidates
    from whimbrel.stages.times.vocab import packaged

    lex = packaged()
    find_candidates(texts[0], lex)
    t = time.process_time()
    plain = [find_candidates(x, lex, guarded=False) for x in texts]
    t_plain = time.process_time() - t
    t = time.process_time()
    guarded = [find_candidates(x, lex) for x in texts]
    t_guarded = time.process_time() - t
    ran = sum(g.may_match(rxguard.fold(x)) for x in texts for g in lex.guards) / len(texts)
    print(f"\n3. times patterns: all {len(lex.patterns)} {per_article(t_plain, len(texts))}, "
          f"guarded {per_article(t_guarded, len(texts))} (ratio {t_plain / t_guarded:.1f}x; "
          f"{ran:.1f} patterns run per article); candidates equal: {plain == guarded}")


def writer(analyses: list) -> None:
    from sqlalchemy import event

    from whimbrel.store.writer import Store

    counts: collections.Counter[str] = collections.Counter()
    best = None
    for rep in range(3):
        path = tempfile.mktemp(suffix=".db", prefix="whimbrel-bench-")
        store = Store(path)
        if rep == 0:
            @event.listens_for(store.engine, "before_cursor_execute")
            def _count(conn, cursor, statement, params, context, executemany):  # noqa: ANN001
                counts[" ".join(statement.split()[:3])] += 1
        t = time.process_time()
        for i in range(0, len(analyses), 16):
            store.add(analyses[i:i + 16])
        spent = time.process_time() - t
        best = spent if best is None else min(best, spent)
        store.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.unlink(path + suffix)
    n = len(analyses)
    print(f"\n4. store writer: {per_article(best, n)} (best of 3), "
          f"{sum(counts.values()) / n:.1f} SQL statements per article; the most frequent:")
    for stmt, c in counts.most_common(6):
        print(f"  {c / n:6.2f}  {stmt} ...")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()

    import whimbrel
    from whimbrel import settings
    from whimbrel.ingest import parse_date
    from whimbrel.model import Document
    from whimbrel.pipeline import analyze_stream

    docs = list(corpus(args.n, args.seed))
    texts = [d["text"] for d in docs]
    print(f"corpus: {len(texts)} articles, model {settings.model_name()}")
    nlp = whimbrel.load()
    components(nlp, texts)
    ruler(settings.model_name(), texts)
    times_scan(texts)
    documents = [Document(id=d["id"], text=d["text"], title=d.get("title"), url=d.get("url"),
                          source=d.get("source"), published=parse_date(d.get("published"))) for d in docs]
    analyses = list(analyze_stream(nlp, documents, batch_size=16))
    writer(analyses)


if __name__ == "__main__":
    main()
