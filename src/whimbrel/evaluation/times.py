"""Scoring of time expressions against a gold JSONL file (format: docs/eval-formats.md, "times").

Reports, for whimbrel and, in the same run, for a baseline (dateparser's
``search_dates``, values at day resolution):

* span precision, recall and F1, counting exact matches and overlapping matches
  (each gold expression matched to at most one prediction);
* value accuracy and type accuracy over the overlap-matched pairs.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .report import SpanScores, command, pipeline, read_jsonl, span_rows, systems_table, versus_baseline

#: One time expression: (start, end, value, type).
Item = tuple[int, int, Any, str]


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    published: dt.date | None
    times: tuple[Item, ...]


@dataclass(frozen=True)
class Scores(SpanScores):
    value_correct: int
    type_correct: int

    @property
    def value_accuracy(self) -> float:
        return self.value_correct / self.overlap_tp if self.overlap_tp else 0.0

    @property
    def type_accuracy(self) -> float:
        return self.type_correct / self.overlap_tp if self.overlap_tp else 0.0

    def as_dict(self) -> dict[str, float | int]:
        (ep, er, ef), (op, orr, of) = self.exact, self.overlap
        return {"gold": self.n_gold, "predicted": self.n_pred,
                "exact_precision": ep, "exact_recall": er, "exact_f1": ef,
                "overlap_precision": op, "overlap_recall": orr, "overlap_f1": of,
                "value_accuracy": self.value_accuracy, "type_accuracy": self.type_accuracy}


# --------------------------------------------------------------------------- reading

def read_gold(path: Path | str, limit: int | None = None) -> tuple[list[GoldDoc], list[str]]:
    """The gold documents of a JSONL file, and a list of problems (bad lines are skipped, not fatal)."""
    return read_jsonl(path, limit, _gold_doc)


def _gold_doc(obj: dict, text: str, lineno: int, problems: list[str]) -> GoldDoc:
    pub = obj.get("published")
    published = dt.date.fromisoformat(str(pub)[:10]) if pub else None
    items = []
    for t in obj.get("times") or []:
        s, e = int(t["span"][0]), int(t["span"][1])
        if not 0 <= s < e <= len(text):
            problems.append(f"line {lineno}: span {s}-{e} outside the text; skipped")
            continue
        if "text" in t and text[s:e] != t["text"]:
            problems.append(f"line {lineno}: span {s}-{e} reads {text[s:e]!r}, not {t['text']!r}")
        items.append((s, e, t.get("value"), str(t.get("type", "DATE"))))
    return GoldDoc(str(obj.get("id", f"line-{lineno}")), text, published, tuple(sorted(items)))


# --------------------------------------------------------------------------- scoring

def _overlaps(a: Item, b: Item) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def match(gold: Iterable[Item], pred: Iterable[Item]) -> list[tuple[Item, Item]]:
    """One-to-one pairs of overlapping gold and predicted items.

    Exact matches are paired first; then each remaining gold item takes the
    unpaired prediction it overlaps most.
    """
    gold, pred = list(gold), list(pred)
    pairs: list[tuple[Item, Item]] = []
    free = list(range(len(pred)))
    rest = []
    for g in gold:
        j = next((j for j in free if pred[j][:2] == g[:2]), None)
        if j is None:
            rest.append(g)
        else:
            pairs.append((g, pred[j]))
            free.remove(j)
    for g in rest:
        cands = [j for j in free if _overlaps(g, pred[j])]
        if cands:
            j = max(cands, key=lambda j: min(g[1], pred[j][1]) - max(g[0], pred[j][0]))
            pairs.append((g, pred[j]))
            free.remove(j)
    return pairs


def score(gold_docs: Iterable[Iterable[Item]], pred_docs: Iterable[Iterable[Item]]) -> Scores:
    """Span, value and type scores over documents given as parallel lists of items."""
    n_gold = n_pred = exact = overlap = val = typ = 0
    for gold, pred in zip(gold_docs, pred_docs):
        gold, pred = list(gold), list(pred)
        n_gold += len(gold)
        n_pred += len(pred)
        exact += len({g[:2] for g in gold} & {p[:2] for p in pred})
        pairs = match(gold, pred)
        overlap += len(pairs)
        val += sum(1 for g, p in pairs if g[2] == p[2])
        typ += sum(1 for g, p in pairs if g[3] == p[3])
    return Scores(n_gold, n_pred, exact, overlap, val, typ)


# --------------------------------------------------------------------------- systems

def whimbrel_predictions(docs: list[GoldDoc], nlp) -> list[list[Item]]:
    """whimbrel's time expressions for each gold document (empty when a document fails)."""
    from ..model import Document
    from ..pipeline import make_doc

    out: list[list[Item]] = []
    for g in docs:
        try:
            doc = nlp(make_doc(nlp, Document(id=g.id, text=g.text, published=g.published)))
            out.append([(t.span[0], t.span[1], t.value, t.type) for t in doc._.times or ()])
        except Exception:  # a failing document scores as "nothing found", the run goes on
            out.append([])
    return out


def dateparser_predictions(docs: list[GoldDoc]) -> list[list[Item]] | None:
    """The baseline: dateparser's ``search_dates``, spans found by string search, values as dates.

    None when dateparser is not installed (``pip install whimbrel[dev]``).
    """
    try:
        from dateparser.search import search_dates
    except ImportError:
        return None
    out: list[list[Item]] = []
    for g in docs:
        settings: dict[str, Any] = {"PREFER_DATES_FROM": "past"}
        if g.published:
            settings["RELATIVE_BASE"] = dt.datetime.combine(g.published, dt.time())
        try:
            found = search_dates(g.text, languages=["en"], settings=settings) or []
        except Exception:  # the baseline must not stop the evaluation either
            found = []
        items: list[Item] = []
        cursor = 0
        for surface, when in found:
            start = g.text.find(surface, cursor)
            if start < 0:
                start = g.text.find(surface)
            if start < 0:
                continue
            cursor = start + len(surface)
            items.append((start, start + len(surface), when.date().isoformat(), "DATE"))
        out.append(items)
    return out


def evaluate(path: Path | str, model: str | None = None, limit: int | None = None, nlp=None) -> dict[str, Any]:
    """Scores of whimbrel and of the baseline on a gold file, as plain data."""
    docs, problems = read_gold(path, limit)
    nlp = pipeline(nlp, model, ["whimbrel_times"])
    return versus_baseline(docs, problems, [list(d.times) for d in docs], score, whimbrel_predictions(docs, nlp),
                           "dateparser", dateparser_predictions(docs))


def _render(console, result: dict[str, Any]) -> None:
    systems = [("whimbrel", result["whimbrel"]), ("dateparser (baseline)", result["dateparser"])]
    rows = [*span_rows("exact span", "overlap span"),
            ("value accuracy (matched)", "value_accuracy", "{:.3f}"),
            ("type accuracy (matched)", "type_accuracy", "{:.3f}")]
    console.print(systems_table(f"Time expressions: {result['documents']} documents, "
                                f"{result['whimbrel'].n_gold} gold expressions", systems, rows))
    if result["dateparser"] is None:
        console.print("baseline skipped: dateparser is not installed (pip install 'whimbrel[dev]')")


main = command(evaluate, _render, "times")
