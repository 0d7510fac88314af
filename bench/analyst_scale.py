"""The analyst's queries at scale: the sanctions tracker, the map, an actor's page, the summary and
the dyad counts with their zero months, on bench/store_scale.py's synthetic store (no NLP).

Fills a SQLite store step by step with store_scale's synthetic documents and prints, after each
step, p50 / p95 milliseconds of ``--repeat`` runs of each query. The synthetic sentences carry
no sanctions words, so the tracker reads every SANCTION and THREATEN event as a candidate and
keeps those coded CAMEO 163: the cost of reading the candidates is what is measured.

    python bench/analyst_scale.py --steps 10000,30000 --repeat 5
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from store_scale import Corpus, count_events, latencies  # noqa: E402


def queries(store, rng: random.Random) -> dict:
    from whimbrel.store import analyst, counts, query, sanctions
    from whimbrel.store.schema import actors

    eng = store.engine
    with eng.connect() as conn:
        ids = [r.id for r in conn.execute(actors.select().order_by(actors.c.num_mentions.desc()).limit(40))]
    return {
        "sanctions regimes": lambda i: sanctions.regimes(eng),
        "map": lambda i: analyst.map_points(eng),
        "actor page": lambda i: analyst.actor_profile(eng, ids[i % len(ids)]),
        "summary (all events)": lambda i: analyst.summary(eng),
        "dyad counts, all months": lambda i: counts.dyad_counts(eng),
        "event page of 50 with snippets": lambda i: query.find_events(eng, limit=50, offset=rng.randrange(0, 1000)),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--steps", default="10000,30000,100000")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    from whimbrel.store import Store

    path = Path(tempfile.mkdtemp(prefix="whimbrel-analyst-")) / "scale.db"
    store = Store(str(path))
    corpus, rng = Corpus(), random.Random(5)
    names = None
    for target in [int(s) for s in args.steps.split(",")]:
        t0 = time.perf_counter()
        while count_events(store) < target:
            store.add([corpus.next() for _ in range(16)])
        fill = time.perf_counter() - t0
        qs = queries(store, rng)
        if names is None:
            names = list(qs)
            print("events | fill s | " + " | ".join(f"{n} p50/p95 ms" for n in names), flush=True)
        lat = [latencies(qs[n], args.repeat) for n in names]
        print(f"{count_events(store):,} | {fill:.0f} | " + " | ".join(f"{a:.0f}/{b:.0f}" for a, b in lat), flush=True)
    store.close()


if __name__ == "__main__":
    main()
