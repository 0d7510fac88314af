"""``whimbrel ingest``: analyse inputs and store them in the event store.

Idempotent and resumable: a document whose text is stored already is skipped
before analysis, so re-running after a crash or Ctrl-C picks up where the last
committed batch ended. Each batch of documents is one transaction.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator

from rich.console import Console

from ..model import Analysis, Document, DocumentError

EXIT_OK, EXIT_DOCUMENT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


def run(inputs: list[str], db: str, published: str | None = None, model: str | None = None,
        stdin_format: str = "jsonl", batch_size: int = 16, workers: int | None = 1,
        dask: str | None = None, prefilter: bool | None = None) -> int:
    """Run ``whimbrel ingest``; returns the exit code.

    ``workers`` processes (None: all cores) or a Dask cluster (``dask``) analyse;
    this process is the single writer that stores the results in input order.
    """
    from ..ingest import parse_date, read_inputs
    from .analyze import plan_workers, usage_problem

    problem = usage_problem(inputs, published, "jsonl", stdin_format)
    if problem:
        _say(f"whimbrel: error: {problem}")
        return EXIT_USAGE
    pub = parse_date(published)
    batch_size = max(1, min(int(batch_size), 1000))
    from . import open_store

    store = open_store(db, create=True)
    if store is None:
        return EXIT_USAGE
    try:
        workers, nlp = plan_workers(inputs, stdin_format, workers, dask, model)
    except Exception as exc:
        store.close()
        _say(f"whimbrel: error: {exc}")
        return EXIT_USAGE

    from .. import prefilter as _prefilter
    from ..parallel import analyze

    counts = {"stored": 0, "duplicate": 0, "skipped": 0, "failed": 0}

    def fresh(items) -> Iterator[Document | DocumentError]:
        # Resume: a text already in the store is not analysed again.
        for item in items:
            if isinstance(item, Document) and store.has_document(item):
                counts["skipped"] += 1
                continue
            yield item

    results = analyze(fresh(read_inputs(inputs, pub, stdin_format)), workers=workers, dask=dask,
                      model=model, batch_size=batch_size, prefilter=_prefilter.enabled(prefilter),
                      nlp_loader=(lambda: nlp) if nlp is not None else None)
    from .analyze import count_documents

    return _store_all(store, results, counts, batch_size, db, total=count_documents(inputs))


def _describe(counts: dict[str, int]) -> str:
    return (f"stored {counts['stored']}, near-duplicates {counts['duplicate']}, "
            f"already stored {counts['skipped']}, failed {counts['failed']}")


def _store_all(store, results: Iterator[Analysis | DocumentError], counts: dict[str, int], batch_size: int,
               db: str, total: int | None = None) -> int:
    """Store ``results`` in batches of ``batch_size`` (one transaction each); the exit code.

    The progress bar counts every input document (stored, duplicate, already stored or failed)
    against ``total`` when the inputs could be counted cheaply, with rate and time left.
    """
    from .analyze import make_progress

    progress = make_progress(Console(stderr=True))
    try:
        with progress:
            task = progress.add_task(_describe(counts), total=total)
            batch: list[Analysis] = []

            def flush() -> None:
                for res in store.add(batch):
                    counts[res.status] += 1
                batch.clear()
                progress.update(task, description=_describe(counts))

            for result in results:
                # documents skipped as already stored count as done too
                progress.update(task, completed=sum(counts.values()) + len(batch) + 1)
                if isinstance(result, DocumentError):
                    counts["failed"] += 1
                    progress.console.print(f"whimbrel: {result.id}: {result.error}", markup=False, highlight=False)
                    continue
                batch.append(result)
                if len(batch) >= batch_size:
                    flush()
            if batch:
                flush()
    except KeyboardInterrupt:
        _say(f"whimbrel: interrupted; {_describe(counts)}. Run the same command again to resume.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a database error mid-run: the open batch was rolled back
        from ..store.errors import describe

        # Not str(exc): SQLAlchemy's carries the SQL and its parameters (whole article texts).
        _say(f"whimbrel: error: storing failed ({describe(exc)}); "
             f"{_describe(counts)}; the last batch was rolled back, run again to resume")
        return EXIT_DOCUMENT_FAILED
    finally:
        store.close()
    from ..store.errors import redact

    _say(f"whimbrel: {_describe(counts)} -> {redact(db)}")
    return EXIT_DOCUMENT_FAILED if counts["failed"] else EXIT_OK
