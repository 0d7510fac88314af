"""``whimbrel ingest``: analyse inputs and store them in the event store.

Idempotent and resumable: a document whose text is stored already is skipped
before analysis, so re-running after a crash or Ctrl-C picks up where the last
committed batch ended. Each batch of documents is one transaction.
"""
from __future__ import annotations

import sys
from collections.abc import Iterator

from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

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
    from ..parallel import check_model, default_workers

    if not inputs:
        _say("whimbrel: error: no input given (files, directories, or - for standard input)")
        return EXIT_USAGE
    if stdin_format not in ("jsonl", "text"):
        _say(f"whimbrel: error: --stdin-format must be jsonl or text, not {stdin_format!r}")
        return EXIT_USAGE
    try:
        pub = parse_date(published)
    except ValueError:
        _say(f"whimbrel: error: --published {published!r} is not a date; expected YYYY-MM-DD")
        return EXIT_USAGE
    batch_size = max(1, min(int(batch_size), 1000))
    from . import open_store

    store = open_store(db)
    if store is None:
        return EXIT_USAGE
    workers = default_workers() if workers is None or workers < 1 else workers
    if workers > 1 and not dask:
        from .analyze import _few_documents

        if _few_documents(inputs, stdin_format, workers):
            workers = 1  # a few documents: worker start-up (a model load each) would cost more than it saves
    try:
        if workers == 1 and not dask:
            import whimbrel

            nlp = whimbrel.load(model)
        else:  # the workers load the model; here only make sure they can
            check_model(model)
            nlp = None
    except Exception as exc:
        store.close()
        _say(f"whimbrel: error: {exc}")
        return EXIT_USAGE

    from .. import prefilter as _prefilter
    from ..parallel import analyze
    from .analyze import DocsPerSecond

    counts = {"stored": 0, "duplicate": 0, "skipped": 0, "failed": 0}

    def fresh(items) -> Iterator[Document | DocumentError]:
        # Resume: a text already in the store is not analysed again.
        for item in items:
            if isinstance(item, Document) and store.has_document(item):
                counts["skipped"] += 1
                continue
            yield item

    console = Console(stderr=True)
    progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), DocsPerSecond(), TimeElapsedColumn(),
                        console=console, transient=True, disable=not console.is_terminal)

    def describe() -> str:
        return (f"stored {counts['stored']}, near-duplicates {counts['duplicate']}, "
                f"already stored {counts['skipped']}, failed {counts['failed']}")

    try:
        with progress:
            task = progress.add_task(describe(), total=None)
            batch: list[Analysis] = []

            def flush() -> None:
                for res in store.add(batch):
                    counts[res.status] += 1
                batch.clear()
                progress.update(task, description=describe())

            results = analyze(fresh(read_inputs(inputs, pub, stdin_format)), workers=workers, dask=dask,
                              model=model, batch_size=batch_size, prefilter=_prefilter.enabled(prefilter),
                              nlp_loader=(lambda: nlp) if nlp is not None else None)
            for result in results:
                progress.advance(task)
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
        _say(f"whimbrel: interrupted; {describe()}. Run the same command again to resume.")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a database error mid-run: the open batch was rolled back
        _say(f"whimbrel: error: storing failed ({type(exc).__name__}: {exc}); "
             f"{describe()}; the last batch was rolled back, run again to resume")
        return EXIT_DOCUMENT_FAILED
    finally:
        store.close()
    _say(f"whimbrel: {describe()} -> {db}")
    return EXIT_DOCUMENT_FAILED if counts["failed"] else EXIT_OK
