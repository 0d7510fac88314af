"""CPU cost per article of two commits' pipelines, timed in turns in the same run.

    python bench/compare_speed.py REV_A REV_B [--repeat 3] [--n 120] [--real]

Each turn runs one process per commit (``git archive`` of its ``src/``, this
checkout's virtualenv and model, ``PYTHONPATH`` at the extracted sources): it
loads the pipeline, warms it up on a few articles, then analyses the corpus in
one process (``nlp.pipe``, batches of 16, whimbrel's own batching) and reports
the CPU seconds of that loop (``time.process_time``: what the process itself
spent, which another busy process on the machine disturbs far less than wall
time) and the wall seconds. Turns alternate A, B, A, B... so drift of the
machine falls on both. The corpus is the synthetic one of ``bench/corpus.py``
(``--n`` articles, seed 7), or with ``--real`` the real-news development
articles of ``../shared/eval/dev/polnear_dev`` and ``timebank``.

Prints each turn's CPU ms per article for A and B, the ratio B/A per turn, and
the median ratio: below 1 means B is cheaper per article.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from compare_outputs import PY, TOLERATE_ENTRY_POINTS, extract  # noqa: E402

CHILD = TOLERATE_ENTRY_POINTS + r"""
import json, sys, time
import whimbrel
from whimbrel.model import Document
from whimbrel.pipeline import analyze_stream
docs = [Document(id=str(i), text=t) for i, t in enumerate(json.load(open(sys.argv[1])))]
nlp = whimbrel.load()
list(analyze_stream(nlp, docs[:8]))
c0, w0 = time.process_time(), time.perf_counter()
out = list(analyze_stream(nlp, docs))
print(json.dumps({"cpu": time.process_time() - c0, "wall": time.perf_counter() - w0, "n": len(out)}))
"""


def texts(n: int, real: bool) -> list[str]:
    if real:
        dev = ROOT.parent / "shared" / "eval" / "dev"
        out = []
        for name in ("polnear_dev", "timebank"):
            with open(dev / f"{name}.input.jsonl", encoding="utf-8") as fh:
                out += [json.loads(line)["text"] for line in fh if line.strip()]
        return out
    from corpus import corpus

    return [d["text"] for d in corpus(n, seed=7)]


def turn(src: Path, corpus_file: Path, cache: Path) -> dict:
    env = dict(os.environ, PYTHONPATH=str(src), WHIMBREL_CACHE_DIR=str(cache), PYTHONHASHSEED="0")
    proc = subprocess.run([str(PY), "-c", CHILD, str(corpus_file)], env=env, capture_output=True,
                          text=True, check=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rev_a")
    ap.add_argument("rev_b")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--n", type=int, default=120)
    ap.add_argument("--real", action="store_true")
    ns = ap.parse_args(argv)
    tmp = Path(tempfile.mkdtemp(prefix="whimbrel-speed-"))
    try:
        corpus_file = tmp / "corpus.json"
        corpus_file.write_text(json.dumps(texts(ns.n, ns.real)), encoding="utf-8")
        srcs = {}
        for key, rev in (("A", ns.rev_a), ("B", ns.rev_b)):
            (tmp / key).mkdir()
            srcs[key] = extract(rev, tmp / key)
            turn(srcs[key], corpus_file, tmp / f"cache-{key}")  # build each commit's caches once
        ratios = []
        print(f"A = {ns.rev_a}, B = {ns.rev_b}; CPU ms per article (wall s for the corpus)")
        for i in range(ns.repeat):
            a = turn(srcs["A"], corpus_file, tmp / "cache-A")
            b = turn(srcs["B"], corpus_file, tmp / "cache-B")
            ra, rb = 1000 * a["cpu"] / a["n"], 1000 * b["cpu"] / b["n"]
            ratios.append(rb / ra)
            print(f"turn {i + 1}: A {ra:6.1f} ms ({a['wall']:.1f} s)   B {rb:6.1f} ms ({b['wall']:.1f} s)"
                  f"   B/A {rb / ra:.3f}")
        print(f"median B/A {statistics.median(ratios):.3f} over {a['n']} articles "
              f"(lowest {min(ratios):.3f}, highest {max(ratios):.3f})")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
