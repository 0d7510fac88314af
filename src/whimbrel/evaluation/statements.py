"""Scoring of attributions (statements) against a gold JSONL file (format: docs/eval-formats.md, "statements").

A gold file in PolNeAR's format (``NAME.gold.jsonl`` beside ``NAME.input.jsonl``,
as in ``shared/eval/dev/``) is scored by :mod:`.statements_polnear` instead.

Each gold attribution has a content span, a cue span and a source span (or
none). Reports, for whimbrel and, in the same run, for a baseline (textacy's
``direct_quotations``, which only finds quoted speech):

* content precision, recall and F1, counting exact span matches and overlap
  matches (the shared characters are at least half of the longer of the two
  spans; each gold content matched to at most one prediction);
* cue accuracy and source accuracy over the overlap-matched contents: a cue
  (source) is right when the predicted span overlaps the gold one, or when
  both are absent.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

from . import statements_polnear
from .report import SpanScores, command, pipeline, read_jsonl, span_rows, systems_table, versus_baseline

Span = tuple[int, int]

#: An overlap match needs this share of the longer span in common.
OVERLAP_SHARE = 0.5


@dataclass(frozen=True)
class Attribution:
    content: Span
    cue: Span | None
    source: Span | None
    kind: str | None = None


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    attributions: tuple[Attribution, ...]


@dataclass(frozen=True)
class Scores(SpanScores):
    cue_correct: int
    source_correct: int

    def as_dict(self) -> dict[str, float | int]:
        (ep, er, ef), (op, orr, of) = self.exact, self.overlap
        m = self.overlap_tp
        return {"gold": self.n_gold, "predicted": self.n_pred,
                "exact_precision": ep, "exact_recall": er, "exact_f1": ef,
                "overlap_precision": op, "overlap_recall": orr, "overlap_f1": of,
                "cue_accuracy": self.cue_correct / m if m else 0.0,
                "source_accuracy": self.source_correct / m if m else 0.0}


# --------------------------------------------------------------------------- reading

def _span(value: Any, text: str, what: str) -> Span | None:
    if value is None:
        return None
    s, e = int(value[0]), int(value[1])
    if not 0 <= s < e <= len(text):
        raise ValueError(f"{what} span {s}-{e} outside the text")
    return s, e


def read_gold(path: Path | str, limit: int | None = None) -> tuple[list[GoldDoc], list[str]]:
    """The gold documents of a JSONL file, and a list of problems (bad lines are skipped, not fatal)."""
    return read_jsonl(path, limit, _gold_doc)


def _gold_doc(obj: dict, text: str, lineno: int, problems: list[str]) -> GoldDoc:
    items = []
    for a in obj.get("attributions") or []:
        try:
            content = _span(a["content"], text, "content")
            if content is None:
                raise ValueError("content is null")
            items.append(Attribution(content, _span(a.get("cue"), text, "cue"),
                                     _span(a.get("source"), text, "source"), a.get("kind")))
        except (ValueError, KeyError, TypeError, IndexError) as exc:
            problems.append(f"line {lineno}: attribution {a!r:.60}: {exc}; skipped")
    return GoldDoc(str(obj.get("id", f"line-{lineno}")), text, tuple(sorted(items, key=lambda x: x.content)))


# --------------------------------------------------------------------------- scoring

def _shared(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def overlap_match(a: Span, b: Span) -> bool:
    """Whether two content spans share at least half of the longer one."""
    return _shared(a, b) >= OVERLAP_SHARE * max(a[1] - a[0], b[1] - b[0]) > 0


def _touch(a: Span | None, b: Span | None) -> bool:
    """Cue/source agreement: both absent, or both present and overlapping."""
    if a is None or b is None:
        return a is None and b is None
    return _shared(a, b) > 0


def match(gold: list[Attribution], pred: list[Attribution]) -> list[tuple[Attribution, Attribution]]:
    """One-to-one pairs of gold and predicted attributions whose contents overlap-match.

    Exact content matches pair first; then each remaining gold content takes the
    free prediction sharing the most characters with it.
    """
    pairs: list[tuple[Attribution, Attribution]] = []
    free = list(range(len(pred)))
    rest = []
    for g in gold:
        j = next((j for j in free if pred[j].content == g.content), None)
        if j is None:
            rest.append(g)
        else:
            pairs.append((g, pred[j]))
            free.remove(j)
    for g in rest:
        cands = [j for j in free if overlap_match(g.content, pred[j].content)]
        if cands:
            j = max(cands, key=lambda j: _shared(g.content, pred[j].content))
            pairs.append((g, pred[j]))
            free.remove(j)
    return pairs


def score(gold_docs: Iterable[Iterable[Attribution]], pred_docs: Iterable[Iterable[Attribution]]) -> Scores:
    n_gold = n_pred = exact = overlap = cue = src = 0
    for gold, pred in zip(gold_docs, pred_docs):
        gold, pred = list(gold), list(pred)
        n_gold += len(gold)
        n_pred += len(pred)
        exact += len({g.content for g in gold} & {p.content for p in pred})
        pairs = match(gold, pred)
        overlap += len(pairs)
        cue += sum(1 for g, p in pairs if _touch(g.cue, p.cue))
        src += sum(1 for g, p in pairs if _touch(g.source, p.source))
    return Scores(n_gold, n_pred, exact, overlap, cue, src)


# --------------------------------------------------------------------------- systems

def whimbrel_predictions(docs: list[GoldDoc], nlp) -> list[list[Attribution]]:
    """whimbrel's statements for each gold document (empty when a document fails)."""
    from ..model import Document
    from ..pipeline import make_doc

    out: list[list[Attribution]] = []
    for g in docs:
        try:
            doc = nlp(make_doc(nlp, Document(id=g.id, text=g.text)))
            out.append([Attribution(tuple(s.content_span), tuple(s.cue_span) if s.cue_span else None,
                                    tuple(s.speaker_span) if s.speaker_span else None, s.kind)
                        for s in doc._.statements or ()])
        except Exception:  # a failing document scores as "nothing found", the run goes on
            out.append([])
    return out


_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"


def textacy_predictions(docs: list[GoldDoc], nlp) -> list[list[Attribution]] | None:
    """The baseline: textacy's ``direct_quotations`` on the model's parse, quote marks trimmed.

    None when textacy is not installed (``pip install 'whimbrel[bench]'``).
    """
    try:
        from textacy.extract.triples import direct_quotations
    except Exception:  # missing, or incompatible with this spaCy
        return None
    out: list[list[Attribution]] = []
    for g in docs:
        items: list[Attribution] = []
        try:
            doc = nlp(g.text)
            for q in direct_quotations(doc):
                s, e = q.content.start_char, q.content.end_char
                while s < e and (g.text[s] in _MARKS or g.text[s].isspace()):
                    s += 1
                while e > s and (g.text[e - 1] in _MARKS or g.text[e - 1] in " ,.;:\n"):
                    e -= 1
                if s >= e:
                    continue
                cue = (q.cue[0].idx, q.cue[-1].idx + len(q.cue[-1])) if q.cue else None
                spk = (q.speaker[0].idx, q.speaker[-1].idx + len(q.speaker[-1])) if q.speaker else None
                items.append(Attribution((s, e), cue, spk, "direct"))
        except Exception:  # textacy gives up on a whole document at one unbalanced quote
            items = []
        out.append(items)
    return out


def evaluate(path: Path | str, model: str | None = None, limit: int | None = None, nlp=None) -> dict[str, Any]:
    """Scores of whimbrel and of the baseline on a gold file, as plain data.

    A PolNeAR-format gold file (``NAME.gold.jsonl`` beside ``NAME.input.jsonl``)
    is scored as the shared reference scorer does (:mod:`.statements_polnear`).
    """
    if statements_polnear.is_polnear(path):
        return statements_polnear.evaluate(path, model=model, limit=limit, nlp=nlp)
    docs, problems = read_gold(path, limit)
    nlp = pipeline(nlp, model, ["whimbrel_actors", "whimbrel_statements"])
    return versus_baseline(docs, problems, [list(d.attributions) for d in docs], score, whimbrel_predictions(docs, nlp),
                           "textacy", textacy_predictions(docs, nlp))


def _render(console, result: dict[str, Any]) -> None:
    if result.get("polnear"):
        statements_polnear.render(console, result)
        return
    systems = [("whimbrel", result["whimbrel"]), ("textacy direct_quotations (baseline)", result["textacy"])]
    rows = [*span_rows("content exact", "content overlap"),
            ("cue accuracy (matched)", "cue_accuracy", "{:.3f}"),
            ("source accuracy (matched)", "source_accuracy", "{:.3f}")]
    console.print(systems_table(f"Attributions: {result['documents']} documents, "
                                f"{result['whimbrel'].n_gold} gold attributions", systems, rows))
    if result["textacy"] is None:
        console.print("baseline skipped: textacy is not installed (pip install 'whimbrel[bench]')")


main = command(evaluate, _render, "statements")
