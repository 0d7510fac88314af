"""Error classes of a time-expression evaluation: what ``whimbrel eval times`` lists after its scores.

Every difference between whimbrel and the gold falls in a class named by what
kind of mistake it is, never by the sentence it occurs in, so that the most
frequent classes say what to fix next:

* ``missed`` / ``spurious``: a gold expression no prediction overlaps, a prediction
  no gold expression overlaps, grouped by surface form (digits folded: "9 years");
* ``span``: an overlapping pair whose bounds differ, by the word the prediction adds
  or leaves out at either end (TimeML's extent conventions: "the", "nearly", "early");
* ``value``: an overlapping pair whose TIMEX3 value differs, by the shapes of the two
  values ("granularity: 9999-Q9 given as 9999"), or, for values of one shape, by the
  direction the prediction is off ("anchoring: 9999-99-99 later than gold").
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .report import match

#: How many classes the report lists.
TOP = 10


def _shape(value: Any) -> str:
    return "none" if value is None else re.sub(r"\d", "9", str(value))


def _surface(text: str, s: int, e: int) -> str:
    return re.sub(r"\d", "9", " ".join(text[s:e].lower().split()))


def _words(text: str, s: int, e: int) -> list[str]:
    return text[s:e].lower().split()


def _span_class(text: str, gold: tuple, pred: tuple) -> str | None:
    """The extent difference of an overlapping pair, or None when the bounds agree (whitespace trimmed)."""
    gs, ge, ps, pe = gold[0], gold[1], pred[0], pred[1]
    if text[gs:ge].strip() == text[ps:pe].strip() and (gs, ge) != (ps, pe):
        gs, ge, ps, pe = gs, ge, gs, ge
    if (gs, ge) == (ps, pe):
        return None
    if ps < gs:
        return f"span: prediction adds leading '{_words(text, ps, gs)[0] if _words(text, ps, gs) else text[ps:gs]}'"
    if ps > gs:
        extra = _words(text, gs, ps)
        return f"span: prediction leaves out leading '{extra[0] if extra else text[gs:ps]}'"
    if pe > ge:
        extra = _words(text, ge, pe)
        return f"span: prediction adds trailing '{extra[-1] if extra else text[ge:pe]}'"
    extra = _words(text, pe, ge)
    return f"span: prediction leaves out trailing '{extra[-1] if extra else text[pe:ge]}'"


def _value_class(gold_value: Any, pred_value: Any) -> str | None:
    """The value difference of an overlapping pair, or None when the values agree."""
    if pred_value == gold_value:
        return None
    g, p = _shape(gold_value), _shape(pred_value)
    if p == "none":
        return f"value: none given for {g}"
    if g != p:
        return f"value granularity: {g} given as {p}"
    if str(pred_value) > str(gold_value):
        return f"value anchoring: {g} later than gold"
    return f"value anchoring: {g} earlier than gold"


def _pairs(gold: Sequence[tuple], pred: Sequence[tuple]) -> dict[int, int]:

    found = match(gold, pred)
    index_g = {id(g): i for i, g in enumerate(gold)}
    index_p = {id(p): j for j, p in enumerate(pred)}
    return {index_g[id(g)]: index_p[id(p)] for g, p in found}


def _example(text: str, item: tuple, gold_value: Any, pred_value: Any) -> str:
    s, e = item[0], item[1]
    before = " ".join(text[max(0, s - 50):s].split())
    after = " ".join(text[e:e + 30].split())
    return f"…{before} [{text[s:e]}] {after}… gold {gold_value} / whimbrel {pred_value}"


def error_classes(docs: Sequence[Any], preds: Sequence[Sequence[tuple]]) -> list[tuple[str, int, str]]:
    """The :data:`TOP` most frequent error classes as (class, count, one example), most frequent first.

    ``docs``: gold documents (``text``, ``times`` as (start, end, value, type));
    ``preds``: whimbrel's items for each document, in the same order.
    """
    counts: Counter[str] = Counter()
    examples: dict[str, str] = {}

    def add(cls: str | None, example: str) -> None:
        if cls is not None:
            counts[cls] += 1
            examples.setdefault(cls, example)

    for doc, pred in zip(docs, preds):
        gold, pred = list(doc.times), list(pred)
        pairs = _pairs(gold, pred)
        for i, g in enumerate(gold):
            if i not in pairs:
                add(f"missed {g[3]}: '{_surface(doc.text, g[0], g[1])}'", _example(doc.text, g, g[2], None))
                continue
            p = pred[pairs[i]]
            add(_span_class(doc.text, g, p), _example(doc.text, g, g[2], p[2]))
            add(_value_class(g[2], p[2]), _example(doc.text, g, g[2], p[2]))
        matched = set(pairs.values())
        for j, p in enumerate(pred):
            if j not in matched:
                add(f"spurious {p[3]}: '{_surface(doc.text, p[0], p[1])}'", _example(doc.text, p, None, p[2]))
    return [(cls, n, examples[cls]) for cls, n in counts.most_common(TOP)]


def render_errors(console: Any, errors: list[tuple[str, int, str]]) -> None:
    """Print the error classes as a table: class, count, one example."""
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"whimbrel's {len(errors)} most frequent error classes")
    table.add_column("class")
    table.add_column("count", justify="right")
    table.add_column("example")
    for cls, n, example in errors:
        table.add_row(escape(cls), str(n), escape(example))
    console.print(table)
