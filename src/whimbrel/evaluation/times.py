"""Scoring of time expressions against a gold JSONL file (format: docs/eval-formats.md, "times").

Reads either format: one file whose lines hold ``text`` and ``times``, or a
development corpus pair (``NAME.gold.jsonl`` with ``dct`` and ``timexes``, its
texts in ``NAME.input.jsonl`` beside it, as in ``../shared/eval/dev/``).

Reports, for whimbrel and, in the same run, for a baseline (dateparser's
``search_dates``, values at day resolution), the figures of the reference scorer
(``../shared/eval/scorer/score.py time``):

* span precision, recall and F1, counting exact matches ("strict": the same
  bounds once surrounding whitespace is trimmed) and overlapping matches
  ("relaxed"), each gold expression matched to at most one prediction, largest
  overlap first;
* value F1 (a relaxed match whose TIMEX3 value equals the gold one), and value
  and type accuracy over the relaxed matches;
* whimbrel's ten most frequent error classes, one example each (:func:`error_class`).
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from .report import SpanScores, command, match, one_to_one, pipeline, read_jsonl, span_rows, systems_table, versus_baseline
from .times_errors import error_classes, render_errors

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
    def value_f1(self) -> float:
        return self._prf(self.value_correct, self.n_pred, self.n_gold)[2]

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
                "value_accuracy": self.value_accuracy, "type_accuracy": self.type_accuracy,
                "value_f1": self.value_f1}


# --------------------------------------------------------------------------- reading

def read_gold(path: Path | str, limit: int | None = None) -> tuple[list[GoldDoc], list[str]]:
    """The gold documents of a JSONL file, and a list of problems (bad lines are skipped, not fatal).

    A development corpus's ``NAME.gold.jsonl`` (``timexes``, no ``text``) is read with
    the texts of ``NAME.input.jsonl`` beside it.
    """
    inputs = _paired_inputs(Path(path))
    if inputs is None:
        return read_jsonl(path, limit, _gold_doc)
    docs: list[GoldDoc] = []
    problems: list[str] = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if limit is not None and len(docs) >= limit:
                break
            if line.strip():
                try:
                    docs.append(_dev_doc(json.loads(line), inputs, lineno, problems))
                except (ValueError, KeyError, TypeError, IndexError, AttributeError) as exc:
                    problems.append(f"line {lineno}: {type(exc).__name__}: {exc}; skipped")
    return docs, problems


def _paired_inputs(path: Path) -> dict[str, dict] | None:
    """The input documents by id when ``path`` is a development gold file with a sibling input file."""
    if not path.name.endswith(".gold.jsonl"):
        return None
    sibling = path.with_name(path.name[: -len(".gold.jsonl")] + ".input.jsonl")
    if not sibling.is_file():
        return None
    with open(path, encoding="utf-8") as fh:
        first = next((line for line in fh if line.strip()), "{}")
    try:
        if "text" in json.loads(first):
            return None
    except ValueError:
        return None
    out: dict[str, dict] = {}
    with open(sibling, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    obj = json.loads(line)
                    out[str(obj["id"])] = obj
                except (ValueError, KeyError, TypeError):
                    continue
    return out


def _dev_doc(obj: dict, inputs: dict[str, dict], lineno: int, problems: list[str]) -> GoldDoc:
    """A development corpus line (``id``, ``dct``, ``timexes``) joined to its input text."""
    doc = inputs[str(obj["id"])]  # KeyError: a gold line without its input document is skipped
    if not isinstance(doc.get("text"), str):
        raise ValueError("the input document has no text")
    merged = {"id": obj["id"], "text": doc["text"], "published": doc.get("published") or obj.get("dct"),
              "times": obj.get("timexes") or []}
    return _gold_doc(merged, doc["text"], lineno, problems)


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

def strict_matches(gold: list[Item], pred: list[Item], text: str | None = None) -> int:
    """How many gold items a prediction has with the same bounds, surrounding whitespace trimmed."""
    def bounds(item: Item) -> tuple[int, int]:
        s, e = item[0], item[1]
        if text is not None:
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
        return s, e

    return len(one_to_one([(1, i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                        if bounds(g) == bounds(p)]))


def score(gold_docs: Iterable[Iterable[Item]], pred_docs: Iterable[Iterable[Item]],
          texts: Iterable[str | None] | None = None) -> Scores:
    """Span, value and type scores over documents given as parallel lists of items (``texts``: to trim spans)."""
    n_gold = n_pred = exact = overlap = val = typ = 0
    gold_docs, pred_docs = list(gold_docs), list(pred_docs)
    texts = list(texts) if texts is not None else [None] * len(gold_docs)
    for gold, pred, text in zip(gold_docs, pred_docs, texts):
        gold, pred = list(gold), list(pred)
        n_gold += len(gold)
        n_pred += len(pred)
        exact += strict_matches(gold, pred, text)
        pairs = match(gold, pred)
        overlap += len(pairs)
        val += sum(1 for g, p in pairs if g[2] == (p[2].strip() if isinstance(p[2], str) else p[2]))
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
    texts = [d.text for d in docs]
    ours = whimbrel_predictions(docs, nlp)
    result = versus_baseline(docs, problems, [list(d.times) for d in docs],
                             lambda gold, pred: score(gold, pred, texts), ours,
                             "dateparser", dateparser_predictions(docs))
    result["errors"] = error_classes(docs, ours)
    return result


def _render(console, result: dict[str, Any]) -> None:
    systems = [("whimbrel", result["whimbrel"]), ("dateparser (baseline)", result["dateparser"])]
    rows = [("relaxed span F1", "overlap_f1", "{:.3f}"), ("strict span F1", "exact_f1", "{:.3f}"),
            ("value F1", "value_f1", "{:.3f}"),
            *span_rows("exact span", "overlap span"),
            ("value accuracy (matched)", "value_accuracy", "{:.3f}"),
            ("type accuracy (matched)", "type_accuracy", "{:.3f}")]
    console.print(systems_table(f"Time expressions: {result['documents']} documents, "
                                f"{result['whimbrel'].n_gold} gold expressions", systems, rows))
    if result["dateparser"] is None:
        console.print("baseline skipped: dateparser is not installed (pip install 'whimbrel[dev]')")
    if result.get("errors"):
        render_errors(console, result["errors"])


main = command(evaluate, _render, "times")
