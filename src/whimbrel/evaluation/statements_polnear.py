"""Scoring of attributions in the PolNeAR gold format (``NAME.gold.jsonl`` beside ``NAME.input.jsonl``).

A gold line is ``{"id", "attributions": [{"content": [s, e], "content_fragments":
[[s, e], ...], "source": [[s, e], ...], "cue": [[s, e], ...], "kind":
"direct|indirect"}]}``; the texts are in the input file of the same name
(contract input documents). The documents are analysed exactly as ``whimbrel
analyze`` does, and scored as the shared reference scorer does
(``shared/eval/scorer``, task ``quotes``), so the figures are the same:

* word tokens are the runs of ``\\w`` characters; a prediction overlap-matches a
  gold attribution when the Jaccard index of their word tokens is at least 0.5
  (against the gold fragments' tokens or the gold hull's, whichever is higher);
  pairs are made one-to-one, best first;
* exact: the same span after trimming white space, quotation marks and
  ``, . ; :`` at both ends, also one-to-one;
* a prediction is direct when its content opens at (or just after) a quotation mark;
* speaker accuracy, over overlap matches whose gold has a source: the predicted
  speaker span, or a mention of the predicted speaker actor, overlaps the source.

Every unmatched gold (a miss), unmatched prediction (spurious), boundary
difference of a match, and wrong speaker is put in an error class
(:mod:`.statements_errors`); the ten most frequent are printed with one example each.
"""
from __future__ import annotations

import bisect
import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from .report import QUOTES, one_to_one, trimmed
from .statements_errors import ErrorLog

WORD = re.compile(r"\w+")
OPEN_QUOTES = "\"\u201c\u2018\u00ab\u201e\u201a\u2039`'"
KINDS = ("all", "direct", "indirect")


def input_path(gold: Path | str) -> Path | None:
    """The input file beside a PolNeAR-format gold file (``X.gold.jsonl`` -> ``X.input.jsonl``), or None."""
    gold = Path(gold)
    if not gold.name.endswith(".gold.jsonl"):
        return None
    path = gold.with_name(gold.name[: -len(".gold.jsonl")] + ".input.jsonl")
    return path if path.exists() else None


def is_polnear(gold: Path | str) -> bool:
    """Whether ``gold`` is in the PolNeAR format: no text of its own, list-valued sources, an input file beside it."""
    if input_path(gold) is None:
        return False
    with open(gold, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                return "text" not in obj and isinstance(obj.get("attributions"), list)
    return False


# --------------------------------------------------------------------------- spans
class Tokens:
    """The word tokens of a text, for token sets of character spans."""

    def __init__(self, text: str) -> None:
        self.spans = [m.span() for m in WORD.finditer(text)]
        self.starts = [s for s, _ in self.spans]

    def within(self, s: int, e: int) -> set[int]:
        i = max(0, bisect.bisect_right(self.starts, s) - 1)
        out = set()
        while i < len(self.spans) and self.spans[i][0] < e:
            if self.spans[i][1] > s:
                out.add(i)
            i += 1
        return out


def kind_of(text: str, start: int) -> str:
    i = start
    while i < len(text) and text[i].isspace():
        i += 1
    if i < len(text) and text[i] in QUOTES:
        return "direct"
    j = start - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    return "direct" if j >= 0 and text[j] in OPEN_QUOTES else "indirect"


def _span(x: Any) -> tuple[int, int] | None:
    if isinstance(x, (list, tuple)) and len(x) == 2 and all(isinstance(v, int) for v in x) and x[1] > x[0]:
        return x[0], x[1]
    return None


def _overlaps(a: tuple[int, int] | None, b: tuple[int, int]) -> bool:
    return a is not None and a[0] < b[1] and b[0] < a[1]


def speaker_right(pred: dict, actors: dict[str, dict], source: list[list[int]]) -> bool:
    gs = [tuple(x) for x in source]
    if any(_overlaps(_span(pred.get("speaker_span")), x) for x in gs):
        return True
    actor = actors.get(pred.get("speaker")) if isinstance(pred.get("speaker"), str) else None
    mentions = [_span(m) for m in (actor or {}).get("mentions") or []]
    return any(_overlaps(m, x) for m in mentions for x in gs)


# --------------------------------------------------------------------------- scoring
def score_document(text: str, golds: list[dict], out: dict, counts: Counter, errors: ErrorLog | None = None) -> None:
    """Add one document's counts (and its errors) to ``counts``."""
    toks = Tokens(text)
    actors = {a.get("id"): a for a in out.get("actors") or [] if isinstance(a, dict)}
    preds = [p for p in out.get("statements") or [] if isinstance(p, dict)]
    gtok = [(set().union(*(toks.within(s, e) for s, e in a["content_fragments"])), toks.within(*a["content"]))
            for a in golds]
    gexact = [trimmed(text, *a["content"]) for a in golds]
    pspan = [_span(p.get("content_span")) for p in preds]
    pkind = [kind_of(text, s[0]) if s else "indirect" for s in pspan]
    pairs, exact = [], []
    for j, s in enumerate(pspan):
        if s is None:
            continue
        ptok, ts = toks.within(*s), trimmed(text, *s)
        for i, gts in enumerate(gtok):
            if ptok and gts[1]:
                jac = max(len(gt & ptok) / len(gt | ptok) for gt in gts)
                if jac >= 0.5:
                    pairs.append((jac, i, j))
            if ts == gexact[i]:
                exact.append((1, i, j))
    match, ematch = one_to_one(pairs), one_to_one(exact)
    spk = {i: speaker_right(preds[j], actors, golds[i]["source"]) for i, j in match.items() if golds[i]["source"]}
    for kind in KINDS:
        def sel(k: str) -> bool:
            return kind == "all" or k == kind
        counts[kind, "gold"] += sum(sel(a["kind"]) for a in golds)
        counts[kind, "pred"] += sum(sel(k) for k in pkind)
        counts[kind, "tp_g"] += sum(sel(golds[i]["kind"]) for i in match)
        counts[kind, "tp_p"] += sum(sel(pkind[j]) for j in match.values())
        counts[kind, "ex_g"] += sum(sel(golds[i]["kind"]) for i in ematch)
        counts[kind, "ex_p"] += sum(sel(pkind[j]) for j in ematch.values())
        counts[kind, "spk_n"] += sum(sel(golds[i]["kind"]) for i in spk)
        counts[kind, "spk_ok"] += sum(sel(golds[i]["kind"]) and ok for i, ok in spk.items())
    if errors is not None:
        errors.document(text, golds, preds, pspan, pkind, match, ematch, spk)


def _prf(tp_p: int, n_p: int, tp_g: int, n_g: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_g / n_g if n_g else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures(counts: Counter) -> dict[str, dict[str, float | int | None]]:
    res = {}
    for kind in KINDS:
        p, r, f = _prf(counts[kind, "tp_p"], counts[kind, "pred"], counts[kind, "tp_g"], counts[kind, "gold"])
        _, _, ef = _prf(counts[kind, "ex_p"], counts[kind, "pred"], counts[kind, "ex_g"], counts[kind, "gold"])
        n = counts[kind, "spk_n"]
        res[kind] = {"precision": p, "recall": r, "f1": f, "exact_f1": ef,
                     "speaker_accuracy": counts[kind, "spk_ok"] / n if n else None,
                     "gold": counts[kind, "gold"], "predicted": counts[kind, "pred"],
                     "matched": counts[kind, "tp_g"]}
    return res


def score_outputs(inputs: dict[str, dict], gold: list[dict], outs: dict[str, dict]) -> dict[str, Any]:
    """Figures and error classes of contract outputs ``outs`` (by document id) against ``gold``."""
    counts: Counter = Counter()
    errors = ErrorLog()
    for g in gold:
        if g["id"] in inputs:
            score_document(inputs[g["id"]]["text"], g["attributions"], outs.get(g["id"]) or {}, counts, errors)
    return {"figures": figures(counts), "errors": errors}


# --------------------------------------------------------------------------- running whimbrel
def read_lines(path: Path | str) -> list[dict]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def analyse(input_file: Path, limit: int | None, model: str | None, nlp: Any = None) -> tuple[dict, dict]:
    """The input documents (by id) and whimbrel's contract outputs for them, as ``whimbrel analyze`` makes them."""
    from itertools import islice

    from ..ingest import read_inputs
    from ..parallel import analyze

    docs = read_lines(input_file)[:limit] if limit else read_lines(input_file)
    inputs = {d["id"]: d for d in docs}
    if nlp is None:
        import whimbrel

        nlp = whimbrel.load(model)
    documents = islice(read_inputs([str(input_file)], None, "jsonl"), len(docs))
    outs: dict[str, dict] = {}
    for result in analyze(documents, workers=1, nlp_loader=lambda: nlp):
        if hasattr(result, "to_dict"):
            d = result.to_dict()
            outs[str(d.get("id"))] = d
    return inputs, outs


def evaluate(gold_file: Path | str, model: str | None = None, limit: int | None = None, nlp: Any = None) -> dict:
    """Score whimbrel on a PolNeAR-format gold file; the figures, error classes and document count."""
    inp = input_path(gold_file)
    if inp is None:
        raise OSError(f"no input file beside {gold_file} (expected NAME.input.jsonl)")
    inputs, outs = analyse(inp, limit, model, nlp)
    gold = [g for g in read_lines(gold_file) if g.get("id") in inputs]
    result = score_outputs(inputs, gold, outs)
    result.update(documents=len(inputs), problems=[], polnear=True)
    return result


ROWS = [
    ("all attributions: overlap P / R / F1", [("all", "precision"), ("all", "recall"), ("all", "f1")]),
    ("exact F1 (same boundaries after trimming quotes and punctuation)", [("all", "exact_f1")]),
    ("direct quotes: overlap F1 / exact F1", [("direct", "f1"), ("direct", "exact_f1")]),
    ("indirect: overlap F1 / recall", [("indirect", "f1"), ("indirect", "recall")]),
    ("speaker accuracy on matches", [("all", "speaker_accuracy")]),
]


def render(console: Any, result: dict) -> None:
    from rich.table import Table

    f = result["figures"]
    table = Table(title=f"Attributions: {result['documents']} documents, {f['all']['gold']} gold, "
                        f"{f['all']['predicted']} predicted")
    table.add_column("")
    table.add_column("whimbrel", justify="right")
    for label, keys in ROWS:
        vals = [f[k][m] for k, m in keys]
        table.add_row(label, " / ".join("-" if v is None else f"{100 * v:.1f}" for v in vals))
    console.print(table)
    console.print("Most frequent error classes (count, class, one example):")
    for n, name, example in result["errors"].top(10):
        console.print(f"{n:6d}  {name}", markup=False, highlight=False)
        console.print(f"        e.g. {example}", markup=False, highlight=False)
