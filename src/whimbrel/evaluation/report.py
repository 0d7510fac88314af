"""What every ``whimbrel eval`` command shares: load and score, report problems, print a table."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table


def run(path: Path | str, evaluate: Callable[..., dict[str, Any]], render: Callable[[Console, dict], None],
        **options: Any) -> int:
    """Score ``path`` with ``evaluate`` and print it with ``render``.

    Exit code 0, or 1 when the file cannot be read or holds no gold documents;
    bad gold lines are reported and skipped by ``evaluate`` (its ``problems``).
    """
    console = Console()
    try:
        result = evaluate(path, **options)
    except (OSError, RuntimeError) as exc:
        console.print(f"[red]cannot evaluate {path}: {exc}[/red]")
        return 1
    for p in result["problems"]:
        console.print(f"[yellow]{p}[/yellow]")
    if not result["documents"]:
        console.print(f"[red]{path}: no gold documents[/red]")
        return 1
    render(console, result)
    return 0


def systems_table(title: str, systems: Sequence[tuple[str, Any]],
                  rows: Sequence[tuple[str, str, str]]) -> Table:
    """One column per system; ``rows`` are (label, key of ``scores.as_dict()``, format)."""
    table = Table(title=title)
    table.add_column("metric")
    for name, _ in systems:
        table.add_column(name, justify="right")
    for label, key, fmt in rows:
        table.add_row(label, *[fmt.format(s.as_dict()[key]) if s is not None else "n/a" for _, s in systems])
    return table
