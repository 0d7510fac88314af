"""What every ``whimbrel eval`` command shares: load and score, report problems, print a table."""
from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

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


def read_jsonl(path: Path | str, limit: int | None,
               parse: Callable[[dict, str, int, list[str]], Any]) -> tuple[list[Any], list[str]]:
    """Gold documents of a JSONL file and the problems met (a bad line is skipped, never fatal).

    ``parse(obj, text, lineno, problems)`` builds one document from a line's object whose
    ``text`` is a string; it raises ``ValueError``/``KeyError``/``TypeError``/``IndexError`` to
    skip the line, or appends to ``problems`` for what it skips or doubts inside the line.
    """
    docs: list[Any] = []
    problems: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(docs) >= limit:
                break
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text = obj["text"]
                if not isinstance(text, str):
                    raise ValueError("text is not a string")
                docs.append(parse(obj, text, lineno, problems))
            except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
                problems.append(f"line {lineno}: {type(exc).__name__}: {exc}; skipped")
    return docs, problems


def command(evaluate: Callable[..., dict[str, Any]], render: Callable[[Console, dict], None],
            name: str) -> Callable[..., int]:
    """The ``main`` of a ``whimbrel eval`` module: score a gold file and print the table (see :func:`run`)."""

    def main(path: Path | str, model: str | None = None, limit: int | None = None, nlp=None) -> int:
        return run(path, evaluate, render, model=model, limit=limit, nlp=nlp)

    main.__doc__ = f"``whimbrel eval {name} FILE``: print the scores table; exit code 0, or 1 when nothing could be scored."
    return main


def pipeline(nlp: Any, model: str | None, components: list[str] | None = None) -> Any:
    """``nlp`` when given, else whimbrel's pipeline on ``model`` with only the stages the scorer needs."""
    if nlp is not None:
        return nlp
    from ..pipeline import build

    return build(model, components=components)


def versus_baseline(docs: Sequence[Any], problems: list[str], gold: list, score: Callable[[list, list], Any],
                    ours: list, baseline_name: str, baseline: list | None) -> dict[str, Any]:
    """The result of an evaluation: whimbrel's scores and a baseline's (None when it is not installed)."""
    return {"documents": len(docs), "problems": problems, "whimbrel": score(gold, ours),
            baseline_name: score(gold, baseline) if baseline is not None else None}


def span_rows(exact: str, overlap: str) -> list[tuple[str, str, str]]:
    """The rows of a span-matching table: predicted count, then exact and overlap P/R/F1."""
    return [("predicted", "predicted", "{:d}"),
            (f"{exact} P", "exact_precision", "{:.3f}"), (f"{exact} R", "exact_recall", "{:.3f}"),
            (f"{exact} F1", "exact_f1", "{:.3f}"),
            (f"{overlap} P", "overlap_precision", "{:.3f}"), (f"{overlap} R", "overlap_recall", "{:.3f}"),
            (f"{overlap} F1", "overlap_f1", "{:.3f}")]


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


def one_to_one(pairs: list[tuple[float, int, int]]) -> dict[int, int]:
    """Gold index -> prediction index from (score, gold, prediction) triples, best score first,
    ties by gold then prediction index (as the reference scorer matches)."""
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, g, p in sorted(pairs, key=lambda t: (-t[0], t[1], t[2])):
        if g not in used_g and p not in used_p:
            used_g.add(g)
            used_p.add(p)
            out[g] = p
    return out


# --------------------------------------------------------------------------- matching primitives
# Shared by the evaluations (and by their error reports, which must pair and trim exactly as the
# figures do), so neither an evaluation nor its error report imports the other.

#: How far a place may lie from the gold point and count as right (100 miles, the GeoVirus and
#: TR-News convention).
THRESHOLD_KM = 161.0

#: Quote marks a statement's content may begin or end with.
QUOTES = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e\u201a\u2039\u203a`"

Item = tuple  # (start, end, ...): a gold or predicted span with whatever it carries


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km on a sphere of radius 6371 km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _overlaps(a: Item, b: Item) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(gold: Iterable[Item], pred: Iterable[Item]) -> list[tuple[Item, Item]]:
    """One-to-one pairs of overlapping gold and predicted spans, the largest overlaps paired first."""
    gold, pred = list(gold), list(pred)
    chosen = one_to_one([(min(g[1], p[1]) - max(g[0], p[0]), i, j) for i, g in enumerate(gold)
                         for j, p in enumerate(pred) if _overlaps(g, p)])
    return [(gold[i], pred[j]) for i, j in sorted(chosen.items())]


def trimmed(text: str, s: int, e: int) -> tuple[int, int]:
    """The bounds of ``text[s:e]`` without surrounding whitespace, quote marks and ``,.;:``."""
    while s < e and (text[s].isspace() or text[s] in QUOTES + ",.;:"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in QUOTES + ",.;:"):
        e -= 1
    return s, e
