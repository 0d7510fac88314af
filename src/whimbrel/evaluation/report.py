"""What every ``whimbrel eval`` command shares: load and score, report problems, print a table."""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
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


@dataclass(frozen=True)
class SpanScores:
    """Counts of a span-matching evaluation and the precision/recall/F1 they give."""

    n_gold: int
    n_pred: int
    exact_tp: int
    overlap_tp: int

    @staticmethod
    def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    @property
    def exact(self) -> tuple[float, float, float]:
        return self._prf(self.exact_tp, self.n_pred, self.n_gold)

    @property
    def overlap(self) -> tuple[float, float, float]:
        return self._prf(self.overlap_tp, self.n_pred, self.n_gold)
