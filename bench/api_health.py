"""``/api/health`` latency while the server analyses: one large text and many small ones at once.

Starts ``whimbrel serve``'s app (uvicorn, in this process, a real pipeline) on a
free loopback port over a fresh store, then:

1. idle: ``--probes`` requests to ``/api/health``, one after another (the baseline);
2. loaded: one ``POST /api/analyze`` of ``--big`` characters and ``--small`` concurrent
   small analyses, while the same probes run; every analysis's status is counted
   (200, or 503 once the analysis queue is full).

Prints p50 / p95 / max of both, and the ratio loaded/idle.

    python bench/api_health.py                         # 300,000 characters + 40 small
    python bench/api_health.py --big 50000 --small 10  # a quicker run
"""
from __future__ import annotations

import argparse
import os
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

PARAGRAPH = ("Kenya accused Uganda on Tuesday of closing the border at Busia, and the foreign minister "
             "said talks on trade would resume in Nairobi next month. ")


def _stats(xs: list[float]) -> str:
    xs = sorted(xs)
    p95 = xs[min(len(xs) - 1, int(round(0.95 * (len(xs) - 1))))]
    return f"p50 {statistics.median(xs) * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms, max {xs[-1] * 1000:.1f} ms"


def main() -> None:
    import httpx
    import uvicorn

    import whimbrel
    from whimbrel.api import create_app

    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--big", type=int, default=300_000, help="characters of the large analysis")
    ap.add_argument("--small", type=int, default=40, help="concurrent small analyses")
    ap.add_argument("--probes", type=int, default=100, help="health requests per phase")
    args = ap.parse_args()

    nlp = whimbrel.load()
    tmp = tempfile.mkdtemp()
    app = create_app(str(Path(tmp) / "health.db"), nlp=nlp, max_chars=max(args.big, 300_000))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=srv.run, daemon=True).start()
    while not srv.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    print(f"api_health: load average {os.getloadavg()[0]:.2f}; big {args.big:,} characters, "
          f"{args.small} small analyses, {args.probes} probes per phase", flush=True)

    def probe(client: httpx.Client) -> list[float]:
        out = []
        for _ in range(args.probes):
            t0 = time.perf_counter()
            client.get(base + "/api/health").raise_for_status()
            out.append(time.perf_counter() - t0)
            time.sleep(0.05)
        return out

    with httpx.Client(timeout=600) as c:
        c.post(base + "/api/analyze", json={"text": PARAGRAPH}).raise_for_status()  # pipeline warm
        idle = probe(c)
    print(f"idle:   {_stats(idle)}", flush=True)

    big = (PARAGRAPH * (args.big // len(PARAGRAPH) + 1))[:args.big]
    statuses: Counter = Counter()

    def analyse(text: str) -> None:
        with httpx.Client(timeout=900) as c:
            statuses[c.post(base + "/api/analyze", json={"text": text}).status_code] += 1

    t0 = time.perf_counter()
    with ThreadPoolExecutor(args.small + 1) as pool:
        jobs = [pool.submit(analyse, big)] + [pool.submit(analyse, f"{PARAGRAPH} Item {i}.")
                                              for i in range(args.small)]
        time.sleep(0.5)  # the analyses are queued
        with httpx.Client(timeout=600) as c:
            loaded = probe(c)
        for j in jobs:
            j.result()
    print(f"loaded: {_stats(loaded)}  (analyses: {dict(statuses)}, all done after {time.perf_counter() - t0:.1f} s)")
    ratio = sorted(loaded)[int(0.95 * (len(loaded) - 1))] / sorted(idle)[int(0.95 * (len(idle) - 1))]
    print(f"p95 loaded / idle: {ratio:.2f}")
    srv.should_exit = True


if __name__ == "__main__":
    main()
