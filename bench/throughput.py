"""Throughput of whimbrel against a plain spaCy parse of the same texts.

In one run, over a synthetic corpus (bench/corpus.py, >= 300 articles):

1. baseline: ``spacy.load(model).pipe(texts)`` in this process, single process;
2. whimbrel with the default settings (all cores, pre-filter default): the
   full pipeline storing every article into a fresh SQLite store, exactly as
   ``whimbrel ingest corpus.jsonl --db whimbrel.db`` does;
3. scaling: whimbrel at 1 and at 2 workers, and at 1x and 4x the corpus.

Steps 1 and 2 run in turns, ``--repeat`` times (default 3): the machine's
speed drifts within minutes, so each whimbrel run is compared with the
baseline run just before it, and the median and lowest ratios are printed.

Prints articles/s, tokens/s (baseline token count), peak resident memory per
worker process (sampled with psutil), the ratio whimbrel/baseline, and the
load average before each measurement (other users of the machine slow it).

    python bench/throughput.py            # 300 articles, about 7 minutes on 2 cores
    python bench/throughput.py --quick    # 100 articles, no 4x run
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from corpus import corpus  # noqa: E402


def loadavg() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


class PeakMemory:
    """Samples the resident memory of this process and its children; keeps each one's peak."""

    def __init__(self, interval: float = 0.25) -> None:
        self.interval = interval
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self._stop.is_set():
            try:
                procs = [me] + me.children(recursive=True)
            except psutil.Error:
                procs = [me]
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                self.peaks[p.pid] = max(self.peaks.get(p.pid, 0), rss)
            self._stop.wait(self.interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def worker_peaks_mb(self) -> list[float]:
        me = os.getpid()
        return sorted((v / 2**20 for k, v in self.peaks.items() if k != me), reverse=True)

    def self_peak_mb(self) -> float:
        return self.peaks.get(os.getpid(), 0) / 2**20


def machine_ticks() -> tuple[float, float] | None:
    """(idle, stolen) core-seconds of the whole machine so far, from /proc/stat (Linux); None elsewhere.

    Idle time during a run means cores waited (for input, a lock, the writer);
    stolen time means the hypervisor gave our cores to another guest.
    """
    try:
        fields = [int(x) for x in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    except (OSError, ValueError):
        return None
    hz = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
    return fields[3] / hz, (fields[7] if len(fields) > 7 else 0) / hz


def machine_use(before: tuple[float, float] | None) -> str:
    after = machine_ticks()
    if before is None or after is None:
        return ""
    return f"  [machine: {after[0] - before[0]:.1f} core-s idle, {after[1] - before[1]:.1f} core-s stolen]"


def cpu_seconds() -> float:
    """User + system CPU of this process and of its finished (reaped) child processes.

    Wall time depends on what else runs on the machine; CPU seconds per article
    do much less, so both are printed. Pool workers are reaped when the pool
    shuts down, so a run's difference includes its workers.
    """
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def blas_threads() -> str:
    """The numeric libraries' thread pools as this process sees them (threadpoolctl)."""
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        return "threadpoolctl not installed"
    return ", ".join(f"{i.get('internal_api')}: {i.get('num_threads')} threads" for i in threadpool_info()) or "none"


def write_corpus(path: Path, n: int, seed: int) -> list[str]:
    texts = []
    with path.open("w", encoding="utf-8") as fh:
        for doc in corpus(n, seed):
            fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
            texts.append(doc["text"])
    return texts


BASELINE_LOAD: list[float] = []  # seconds spaCy took to load the model for the baseline


def baseline(texts: list[str], model: str, batch_size: int | None = None) -> tuple[float, int, float]:
    """(seconds, tokens, CPU seconds) of ``nlp.pipe`` over ``texts`` (spaCy's default batch size unless given).

    The model load is timed apart (``BASELINE_LOAD``): whimbrel's timed run includes
    its workers' model loads, so the report gives the ratio both ways.
    """
    import spacy

    t_load = time.perf_counter()
    nlp = spacy.load(model)
    BASELINE_LOAD.append(time.perf_counter() - t_load)
    # Whimbrel indexes the model's attribute ruler (whimbrel.tagrules) when it
    # builds its own pipeline; this is spaCy's, untouched.
    if "attribute_ruler" in nlp.pipe_names:
        assert "match" not in nlp.get_pipe("attribute_ruler").__dict__
    list(nlp.pipe(texts[:5]))  # warm up, as whimbrel's workers warm up on their first chunk
    c0, t0 = cpu_seconds(), time.perf_counter()
    kw = {"batch_size": batch_size} if batch_size else {}
    tokens = sum(len(doc) for doc in nlp.pipe(texts, **kw))
    return time.perf_counter() - t0, tokens, cpu_seconds() - c0


def whimbrel_ingest(jsonl: Path, workers: int | None, db: Path,
                    prefilter: bool | None) -> tuple[float, int, PeakMemory, float]:
    """(seconds, exit code, memory samples, CPU seconds of this process and its workers)."""
    from whimbrel.commands.ingest import run

    if db.exists():
        db.unlink()
    with PeakMemory() as mem:
        c0, t0 = cpu_seconds(), time.perf_counter()
        code = run([str(jsonl)], str(db), workers=workers, prefilter=prefilter)
        elapsed = time.perf_counter() - t0
    return elapsed, code, mem, cpu_seconds() - c0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=300, help="articles in the 1x corpus (>= 300 for the issue's check)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--quick", action="store_true", help="100 articles and no 4x run")
    ap.add_argument("--prefilter", action=argparse.BooleanOptionalAction, default=None)
    ap.add_argument("--repeat", type=int, default=3,
                    help="time the baseline and whimbrel's default run in turns this many times (--quick: 1)")
    ap.add_argument("--baseline-batch", type=int, default=0,
                    help="also time the baseline at this nlp.pipe batch size (whimbrel's is --batch-size 16)")
    args = ap.parse_args()
    n = 100 if args.quick else args.n
    if args.quick:
        args.repeat = 1
    args.repeat = max(1, args.repeat)
    from whimbrel import settings
    from whimbrel.parallel import default_workers

    model = settings.model_name()
    tmp = Path(tempfile.mkdtemp(prefix="whimbrel-bench-"))
    jsonl = tmp / "corpus.jsonl"
    texts = write_corpus(jsonl, n, args.seed)
    words = sum(len(t.split()) for t in texts)
    print(f"corpus: {n} articles, {words:,} words ({words / n:.0f} per article), model {model}, "
          f"{os.cpu_count()} cores")

    db = tmp / "whimbrel.db"
    default = default_workers()
    label = f"default ({default} workers)"
    # The machine's speed drifts by tens of percent within minutes (other
    # guests on the host), so the baseline and whimbrel are timed in turns,
    # --repeat times, and each whimbrel run is compared with the baseline run
    # just before it.
    ratios: list[float] = []
    base_times: list[float] = []
    many_times: list[float] = []
    for rep in range(1, args.repeat + 1):
        tag = f" (turn {rep} of {args.repeat})" if args.repeat > 1 else ""
        print(f"\n[load {loadavg()}] baseline: plain spaCy nlp.pipe, one process{tag} ...", flush=True)
        ticks = machine_ticks()
        base_t, tokens, base_cpu = baseline(texts, model)
        base_rate = n / base_t
        base_times.append(base_t)
        print(f"  {base_t:.1f}s  {base_rate:.2f} articles/s  {tokens / base_t:,.0f} tokens/s  "
              f"CPU {base_cpu:.1f}s ({base_cpu / base_t:.2f} cores busy)  [{blas_threads()}]" + machine_use(ticks))
        print(f"  model load {BASELINE_LOAD[-1]:.1f}s (not in the time above); with it: "
              f"{n / (base_t + BASELINE_LOAD[-1]):.2f} articles/s")
        if args.baseline_batch and rep == 1:
            bt, _, bc = baseline(texts, model, args.baseline_batch)
            print(f"  baseline with batch_size={args.baseline_batch}: {bt:.1f}s  {n / bt:.2f} articles/s  CPU {bc:.1f}s")

        print(f"\n[load {loadavg()}] whimbrel ingest, {label}, into SQLite{tag} ...", flush=True)
        ticks = machine_ticks()
        t, code, mem, cpu = whimbrel_ingest(jsonl, None, db, args.prefilter)
        many_times.append(t)
        peaks = mem.worker_peaks_mb() or [mem.self_peak_mb()]
        print(f"  CPU {cpu:.1f}s, all processes ({cpu / n:.3f} s/article; baseline {base_cpu / n:.3f})" + machine_use(ticks))
        print(f"  {t:.1f}s  {n / t:.2f} articles/s  {tokens / t:,.0f} tokens/s  exit {code}  "
              f"peak memory per worker: {', '.join(f'{p:.0f} MB' for p in peaks[:default])} "
              f"(writer process {mem.self_peak_mb():.0f} MB)")
        ratios.append((n / t) / base_rate)
        print(f"  ratio whimbrel/baseline (articles/s): {ratios[-1]:.2f}; "
              f"against the baseline with its model load: {(n / t) / (n / (base_t + BASELINE_LOAD[-1])):.2f}")
    if len(ratios) > 1:
        print(f"\nratio whimbrel/baseline over {len(ratios)} turns: "
              f"{', '.join(f'{r:.2f}' for r in ratios)}; median {statistics.median(ratios):.2f}, lowest {min(ratios):.2f}")
    base_rate = n / statistics.median(base_times)
    runs: dict[str, float] = {label: statistics.median(many_times)}
    if default == 1:
        runs["1 worker"] = runs[label]
    else:
        print(f"\n[load {loadavg()}] whimbrel ingest, 1 worker, into SQLite ...", flush=True)
        ticks = machine_ticks()
        t, code, mem, cpu = whimbrel_ingest(jsonl, 1, db, args.prefilter)
        runs["1 worker"] = t
        print(f"  CPU {cpu:.1f}s, all processes ({cpu / n:.3f} s/article)" + machine_use(ticks))
        print(f"  {t:.1f}s  {n / t:.2f} articles/s  exit {code}  "
              f"peak memory: {mem.self_peak_mb():.0f} MB (one process)")
    one, many = runs["1 worker"], runs[label]
    print(f"\nscaling with workers: 1 -> {default}: {one / many:.2f}x faster")

    if not args.quick:
        big = tmp / "corpus4x.jsonl"
        write_corpus(big, 4 * n, args.seed + 1)
        print(f"\n[load {loadavg()}] whimbrel ingest, 4x corpus ({4 * n} articles), default workers ...", flush=True)
        ticks = machine_ticks()
        t4, code, _, cpu4 = whimbrel_ingest(big, None, db, args.prefilter)
        print(f"  CPU {cpu4:.1f}s, all processes ({cpu4 / (4 * n):.3f} s/article)" + machine_use(ticks))
        print(f"  {t4:.1f}s  {4 * n / t4:.2f} articles/s  exit {code}  "
              f"(ratio to the 1x baseline's articles/s: {(4 * n / t4) / base_rate:.2f})")
        print(f"  time ratio 4x/1x: {t4 / many:.2f} (linear: within 4.4; 1x: the median of the turns above)")
    print(f"\n[load {loadavg()}] done; files in {tmp}")


if __name__ == "__main__":
    main()
