"""What the sentence pre-filter costs in recall: whimbrel with and without it, on the same texts.

Texts: the synthetic corpus (bench/corpus.py), the project's examples/, the
seed article and the PLOVER development records (/work/shared/eval). A record
of the unfiltered run is lost when the filtered run has none of the same kind
at the same place: events by (type, trigger span), statements by (kind,
content span), actors by (name, code) and actor mentions by span, times and
places by span. Prints the shares lost and the share of characters analysed.

    python bench/prefilter_recall.py [--n 300]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import whimbrel  # noqa: E402
from whimbrel.ingest import read_inputs  # noqa: E402
from whimbrel.model import Analysis, Document  # noqa: E402
from whimbrel.pipeline import analyze_stream  # noqa: E402
from whimbrel.prefilter import Prefilter  # noqa: E402

from corpus import corpus  # noqa: E402

EVAL = Path("/work/shared/eval/plover_gsr_dev.jsonl")
SEED = Path("/work/shared/examples/seed-article.txt")


def keys(a: Analysis) -> dict[str, set]:
    return {
        "events": {(e.event, e.trigger) for e in a.events},
        "statements": {(s.kind, s.content_span) for s in a.statements},
        "actors": {(x.name, x.code) for x in a.actors},
        "actor mentions": {m for x in a.actors for m in x.mentions},
        "times": {t.span for t in a.times},
        "places": {p.span for p in a.places},
    }


def documents(n: int) -> dict[str, list[Document]]:
    sets: dict[str, list[Document]] = {}
    sets["corpus"] = [Document(id=d["id"], text=d["text"], title=d["title"]) for d in corpus(n)]
    inputs = [str(ROOT / "examples")] + ([str(SEED)] if SEED.exists() else [])
    sets["examples+seed"] = [d for d in read_inputs(inputs) if isinstance(d, Document)]
    if EVAL.exists():
        sets["plover dev"] = [Document(id=r["id"], text=r["text"]) for r in map(json.loads, EVAL.open())]
    return sets


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="synthetic articles")
    args = ap.parse_args()
    nlp = whimbrel.load()
    pf = Prefilter(nlp)
    print(f"load average: {Path('/proc/loadavg').read_text().split()[:3]}")
    for name, docs in documents(args.n).items():
        chars = sum(len(d.text) for d in docs)
        kept = sum(len(r.document.text) if (r := pf.reduce(d)) else len(d.text) for d in docs)
        t0 = time.perf_counter()
        full = list(analyze_stream(nlp, docs))
        t1 = time.perf_counter()
        filtered = list(analyze_stream(nlp, docs, prefilter=pf))
        t2 = time.perf_counter()
        total, lost = Counter(), Counter()
        for a, b in zip(full, filtered):
            if not isinstance(a, Analysis) or not isinstance(b, Analysis):
                continue
            ka, kb = keys(a), keys(b)
            for k in ka:
                total[k] += len(ka[k])
                lost[k] += len(ka[k] - kb[k])
        print(f"\n{name}: {len(docs)} documents, {kept / chars:.1%} of characters analysed with the filter; "
              f"time {t1 - t0:.1f}s unfiltered, {t2 - t1:.1f}s filtered")
        for k in total:
            share = lost[k] / total[k] if total[k] else 0.0
            print(f"  {k:15s} {total[k]:6d} found unfiltered, {lost[k]:5d} lost ({share:.2%})")


if __name__ == "__main__":
    main()
