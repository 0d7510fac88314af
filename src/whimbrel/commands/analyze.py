"""``whimbrel analyze``: read inputs, run the pipeline, write contract objects.

Streams from reader to writer (nothing collects the corpus in memory): every
document's result is written as soon as its batch is done, in input order.
Failures are values: each failed document gives an ``{"id", "error"}`` object
in place and a one-line message on standard error, and the exit code is 1 when
any document failed (2 for a usage problem such as a bad ``--published``).
"""
from __future__ import annotations

import contextlib
import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any

from rich.console import Console
from rich.progress import (
    BarColumn, MofNCompleteColumn, Progress, ProgressColumn, SpinnerColumn, Task, TextColumn, TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from ..ingest import SUFFIXES, parse_date, read_inputs
from ..ingest.readers import FEED_SUFFIXES, WARC_SUFFIXES
from .. import render
from ..model import Analysis, DocumentError

FORMATS = render.names(render.ANALYSIS)
STDIN_FORMATS = ("jsonl", "text")

EXIT_OK, EXIT_DOCUMENT_FAILED, EXIT_USAGE = 0, 1, 2

#: JSONL inputs larger than this are not pre-counted for the progress bar's
#: total (counting reads the file once more); the bar then just counts up.
_COUNT_LIMIT_BYTES = 256 * 1024 * 1024


class _Messages:
    """One-line messages on standard error that do not tear a live progress bar."""

    def __init__(self) -> None:
        self.progress: Progress | None = None

    def say(self, line: str) -> None:
        if self.progress is not None and self.progress.live.is_started and not self.progress.disable:
            self.progress.console.print(line, markup=False, highlight=False, soft_wrap=True)
        else:
            print(line, file=sys.stderr, flush=True)


def run(
    inputs: list[str],
    published: str | None = None,
    fmt: str = "jsonl",
    out: Path | str | None = None,
    model: str | None = None,
    stdin_format: str = "jsonl",
    workers: int | None = 1,
    dask: str | None = None,
    batch_size: int = 16,
    prefilter: bool | None = None,
) -> int:
    """Run ``whimbrel analyze``; returns the process exit code.

    ``workers`` processes (None: all cores; 1: in this process) or a Dask
    cluster (``dask``: scheduler address or ``"local"``) run the pipeline on
    chunks of ``batch_size`` documents; ``prefilter`` runs it on the needed
    sentences only (None: the default in :mod:`whimbrel.prefilter`).
    """
    messages = _Messages()
    problem = usage_problem(inputs, published, fmt, stdin_format)
    if problem:
        messages.say(f"whimbrel: error: {problem}")
        return EXIT_USAGE
    pub = parse_date(published)
    batch_size = max(1, min(int(batch_size), 1000))
    try:
        workers, nlp = plan_workers(inputs, stdin_format, workers, dask, model)
    except Exception as exc:  # model missing or broken: a usage/config problem, not a crash
        messages.say(f"whimbrel: error: {exc}")
        return EXIT_USAGE
    from .. import prefilter as _prefilter

    try:
        sink = _open_output(out)
    except OSError as exc:
        messages.say(f"whimbrel: error: cannot write {out}: {exc.strerror or exc}")
        return EXIT_USAGE
    stream = functools.partial(_stream, nlp, workers=workers, dask=dask, model=model, batch_size=batch_size,
                               prefilter=_prefilter.enabled(prefilter))
    return _write_all(messages, sink, inputs, pub, stdin_format, fmt, stream)


def plan_workers(inputs: list[str], stdin_format: str, workers: int | None, dask: str | None,
                 model: str | None) -> tuple[int, Any]:
    """How many worker processes to use, and the pipeline when this process analyses (else None).

    Raises when the model cannot be loaded (the workers' model is checked here too).
    """
    from ..parallel import check_model, default_workers

    workers = default_workers() if workers is None or workers < 1 else workers
    if workers > 1 and not dask and _few_documents(inputs, stdin_format, workers):
        workers = 1  # a few documents: starting processes would only add their model loads
    if workers == 1 and not dask:
        import whimbrel

        return workers, whimbrel.load(model)
    check_model(model)  # the workers load it; here only make sure they can
    return workers, None


def usage_problem(inputs: list[str], published: str | None, fmt: str, stdin_format: str) -> str | None:
    """What is wrong with the arguments (one line for the user), or None."""
    if render.problem(fmt, render.ANALYSIS):
        return render.problem(fmt, render.ANALYSIS)
    if stdin_format not in STDIN_FORMATS:
        return f"--stdin-format must be jsonl or text, not {stdin_format!r}"
    try:
        parse_date(published)
    except ValueError:
        return f"--published {published!r} is not a date; expected YYYY-MM-DD, e.g. 2020-11-18"
    if not inputs:
        return "no input given (files, directories, or - for standard input)"
    if inputs.count("-") > 1:
        return "standard input ('-') can be read only once"
    return None


def _write_all(messages: _Messages, sink: Any, inputs: list[str], pub: Any, stdin_format: str, fmt: str,
               stream: Callable[[Iterable], Iterator[Analysis | DocumentError]]) -> int:
    """Read, analyse and write every document; the exit code. Errors of the run end it in one line."""
    failed = done = 0
    hinted = False
    try:
        with sink as fh, _progress(inputs, stdin_format) as progress:
            messages.progress = progress
            task = progress.add_task("analysing", total=_count_documents(inputs)) if progress is not None else None

            def warn(name: str, message: str) -> None:
                messages.say(f"whimbrel: warning: {name}: {message}")

            writer = render.open_writer(fmt, fh, render.ANALYSIS)
            for result in stream(read_inputs(inputs, pub, stdin_format, on_warning=warn)):
                if isinstance(result, DocumentError):
                    failed += 1
                    where = f" ({result.origin})" if result.origin and result.origin != result.id else ""
                    messages.say(f"whimbrel: error: {result.id}{where}: {result.error}")
                    if not hinted and _plain_text_on_stdin(result, stdin_format):
                        hinted = True
                        messages.say("whimbrel: hint: standard input is read as JSONL (one JSON object per "
                                     "line); for plain text, add --stdin-format text")
                writer.write(result)
                done += 1
                if progress is not None and task is not None:
                    progress.advance(task)
            writer.close()
    except KeyboardInterrupt:
        messages.progress = None
        messages.say(f"whimbrel: interrupted after {done} document(s)")
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): stop quietly.
        with contextlib.suppress(Exception):
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
        return EXIT_DOCUMENT_FAILED if failed else EXIT_OK
    except OSError as exc:  # disk full, output closed...: say so in one line
        messages.progress = None
        messages.say(f"whimbrel: error: cannot write output after {done} document(s): {exc}")
        return EXIT_DOCUMENT_FAILED
    except Exception as exc:  # a bug, not bad input; one line unless asked for the traceback
        if os.environ.get("WHIMBREL_DEBUG"):
            raise
        messages.progress = None
        messages.say(f"whimbrel: internal error after {done} document(s): {type(exc).__name__}: {exc} "
                     f"(set WHIMBREL_DEBUG=1 to see the traceback)")
        return EXIT_DOCUMENT_FAILED
    messages.progress = None
    if done > 1 or failed:
        messages.say(f"whimbrel: {done} document(s), {done - failed} analysed, {failed} failed")
    return EXIT_DOCUMENT_FAILED if failed else EXIT_OK


def _plain_text_on_stdin(result: DocumentError, stdin_format: str) -> bool:
    """Whether a failure looks like plain text piped to ``analyze -`` without ``--stdin-format text``."""
    return (stdin_format == "jsonl" and (result.origin or "").startswith("<stdin>")
            and "malformed JSON" in result.error)


def _stream(nlp: Any, documents: Iterable, *, workers: int = 1, dask: str | None = None,
            model: str | None = None, batch_size: int = 16,
            prefilter: bool = False) -> Iterator[Analysis | DocumentError]:
    from ..parallel import analyze

    yield from analyze(documents, workers=workers, dask=dask, model=model, batch_size=batch_size,
                       prefilter=prefilter, nlp_loader=(lambda: nlp) if nlp is not None else None)


# -- output ---------------------------------------------------------------------------------


def _open_output(out: Path | str | None) -> contextlib.AbstractContextManager[IO[str] | None]:
    """The output file opened now (so a bad path fails before any work), or None for standard output."""
    if out is None or str(out) == "-":
        return contextlib.nullcontext(None)
    return open(out, "w", encoding="utf-8")  # noqa: SIM115 - used as a context manager by run()




# -- progress -------------------------------------------------------------------------------


@contextlib.contextmanager
def _progress(inputs: list[str], stdin_format: str, console: Console | None = None) -> Iterator[Progress | None]:
    """A progress bar on standard error when more than one document may come; None otherwise.

    Rich draws it only when standard error is a terminal; output redirected to
    a file or a pipe gets no escape codes.
    """
    if _single_document(inputs, stdin_format):
        yield None
        return
    console = console or Console(stderr=True)
    progress = make_progress(console)
    with progress:
        yield progress


def make_progress(console: Console) -> Progress:
    """The bar: spinner, documents done (of total when known), documents per second, elapsed time,
    and the time left (shown when the total is known)."""
    return Progress(
        SpinnerColumn(), TextColumn("[progress.description]{task.description}"), BarColumn(),
        MofNCompleteColumn(), TextColumn("documents"), DocsPerSecond(), TimeElapsedColumn(),
        TextColumn("left"), TimeRemainingColumn(),
        console=console, transient=True, disable=not console.is_terminal,
    )


class DocsPerSecond(ProgressColumn):
    """Throughput of the task, from Rich's moving estimate of its speed."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:.1f} docs/s" if speed else "", style="progress.data.speed")


def _few_documents(inputs: list[str], stdin_format: str, workers: int) -> bool:
    """True when the inputs surely hold fewer documents than are worth a worker pool.

    Each worker loads the model (seconds); with fewer than a few batches per
    worker the processes cost more than they save.
    """
    if _single_document(inputs, stdin_format):
        return True
    total = _count_documents(inputs)
    return total is not None and total < MIN_DOCUMENTS_PER_WORKER * workers


#: Below this many documents per worker, ``--workers`` (or its default) falls back to one process.
MIN_DOCUMENTS_PER_WORKER = 32


def _single_document(inputs: list[str], stdin_format: str) -> bool:
    """True when the inputs can hold only one document (no bar is needed then)."""
    if len(inputs) != 1:
        return False
    if inputs[0] == "-":
        return stdin_format == "text"
    path = Path(inputs[0])
    suffix = path.suffix.lower()
    return path.is_file() and suffix != ".jsonl" and suffix not in FEED_SUFFIXES and suffix not in WARC_SUFFIXES


def _count_documents(inputs: list[str]) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (else None)."""
    total = 0
    for item in inputs:
        if item == "-":
            return None
        path = Path(item)
        files = [path]
        if path.is_dir():  # the files the directory reader will open (hidden ones are skipped)
            files = [p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
                     and not any(part.startswith(".") for part in p.relative_to(path).parts)]
        for f in files:
            if f.suffix.lower() in FEED_SUFFIXES or f.suffix.lower() in WARC_SUFFIXES:
                return None  # feeds and archives hold many documents: counting means parsing them
            if f.suffix.lower() == ".jsonl":
                n = _count_lines(f)
                if n is None:
                    return None
                total += n
            else:
                total += 1
    return total


count_documents = _count_documents


def _count_lines(path: Path) -> int | None:
    try:
        if path.stat().st_size > _COUNT_LIMIT_BYTES:
            return None
        n = 0
        with path.open("rb") as fh:
            for line in fh:
                n += bool(line.strip())
        return n
    except OSError:
        return 1


__all__ = ["run", "make_progress", "count_documents", "DocsPerSecond", "FORMATS"]
