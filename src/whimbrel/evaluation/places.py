"""Scoring of toponyms against a gold JSONL file (format: docs/eval-formats.md, "places").

A development corpus's gold file (``shared/eval/dev/NAME.gold.jsonl``, read with
the ``NAME.input.jsonl`` beside it) is scored by :mod:`.places_dev` instead, the
way the reference scorer scores it, with the most frequent error classes.

Reports, in one run:

* span precision, recall and F1 of whimbrel's places (exact character spans;
  each gold place matched to at most one prediction);
* accuracy within 161 km (100 miles, the usual geoparsing threshold) of the
  coordinates whimbrel gives the matched spans;
* the same accuracy for a baseline that resolves each matched span to the most
  populous gazetteer entry of that name (no context, no qualifiers), so the
  two columns compare resolution on identical spans;
* metonymy accuracy on matched spans whose gold record says ``metonymy``.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Iterable

from .report import THRESHOLD_KM, command, haversine_km, pipeline, read_jsonl

#: Accuracy threshold (km): 161 km = 100 miles.


@dataclass(frozen=True)
class GoldPlace:
    start: int
    end: int
    lat: float | None
    lon: float | None
    name: str | None = None
    geonameid: int | None = None
    metonymy: bool | None = None


@dataclass(frozen=True)
class GoldDoc:
    id: str
    text: str
    places: tuple[GoldPlace, ...]


@dataclass(frozen=True)
class PredPlace:
    start: int
    end: int
    lat: float | None
    lon: float | None
    metonymy: bool = False


@dataclass(frozen=True)
class Scores:
    n_gold: int
    n_pred: int
    matched: int
    within: int               # matched spans whose coordinates lie within THRESHOLD_KM
    baseline_within: int      # the same for the most-populous baseline
    metonymy_gold: int        # matched spans whose gold says metonymy true/false
    metonymy_correct: int

    @property
    def precision(self) -> float:
        return self.matched / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def accuracy(self) -> float:
        return self.within / self.matched if self.matched else 0.0

    @property
    def baseline_accuracy(self) -> float:
        return self.baseline_within / self.matched if self.matched else 0.0

    @property
    def metonymy_accuracy(self) -> float:
        return self.metonymy_correct / self.metonymy_gold if self.metonymy_gold else 0.0

    def as_dict(self) -> dict[str, float | int]:
        d: dict[str, float | int] = asdict(self)
        d.update(precision=self.precision, recall=self.recall, f1=self.f1, accuracy=self.accuracy,
                 baseline_accuracy=self.baseline_accuracy, metonymy_accuracy=self.metonymy_accuracy)
        return d


def close(lat: float | None, lon: float | None, gold: GoldPlace) -> bool:
    """Whether (lat, lon) lies within THRESHOLD_KM of the gold coordinates (missing ones never do)."""
    if lat is None or lon is None or gold.lat is None or gold.lon is None:
        return False
    return haversine_km(lat, lon, gold.lat, gold.lon) <= THRESHOLD_KM


def read_gold(path: Path | str, limit: int | None = None) -> tuple[list[GoldDoc], list[str]]:
    """Gold documents and the problems met reading them (bad lines are skipped, never fatal)."""
    return read_jsonl(path, limit, _gold_doc)


def _gold_doc(obj: dict, text: str, n: int, problems: list[str]) -> GoldDoc:
    places = []
    for g in obj.get("places") or ():
        s, e = (int(x) for x in g["span"])
        if not 0 <= s < e <= len(text):
            raise ValueError(f"span {g['span']} outside the text")
        if g.get("text") is not None and text[s:e] != g["text"]:
            problems.append(f"line {n}: span {g['span']} is {text[s:e]!r}, not {g['text']!r}")
        places.append(GoldPlace(
            s, e,
            float(g["lat"]) if g.get("lat") is not None else None,
            float(g["lon"]) if g.get("lon") is not None else None,
            g.get("name"), g.get("geonameid"), g.get("metonymy")))
    return GoldDoc(str(obj.get("id") or f"line-{n}"), text, tuple(places))


def score(gold_docs: Iterable[GoldDoc], pred_docs: Iterable[Iterable[PredPlace]], baseline=None) -> Scores:
    """Score predictions against gold. ``baseline(name) -> (lat, lon) | None`` resolves a
    matched span's text for the baseline column (default: most populous gazetteer entry)."""
    if baseline is None:
        baseline = most_populous
    n_gold = n_pred = matched = within = base_within = meto_gold = meto_ok = 0
    for gold, preds in zip(gold_docs, pred_docs):
        preds = list(preds)
        n_gold += len(gold.places)
        n_pred += len(preds)
        by_span = {(p.start, p.end): p for p in preds}
        for g in gold.places:
            p = by_span.pop((g.start, g.end), None)
            if p is None:
                continue
            matched += 1
            within += close(p.lat, p.lon, g)
            b = baseline(gold.text[g.start:g.end])
            base_within += close(b[0], b[1], g) if b else False
            if g.metonymy is not None:
                meto_gold += 1
                meto_ok += p.metonymy == g.metonymy
    return Scores(n_gold, n_pred, matched, within, base_within, meto_gold, meto_ok)


def most_populous(name: str) -> tuple[float, float] | None:
    """The baseline resolver: coordinates of the most populous gazetteer entry named ``name``."""
    from ..stages.places.api import gazetteer

    e = gazetteer().most_populous(name)
    return (e.lat, e.lon) if e is not None and e.lat is not None else None


def whimbrel_predictions(docs: list[GoldDoc], nlp) -> list[list[PredPlace]]:
    out = []
    for d in docs:
        try:
            doc = nlp(d.text)
            out.append([PredPlace(p.span[0], p.span[1], p.lat, p.lon, p.metonymy) for p in doc._.places or ()])
        except Exception:  # a document the pipeline cannot read scores as no predictions
            out.append([])
    return out


def evaluate(path: Path | str, model: str | None = None, limit: int | None = None, nlp=None) -> dict[str, Any]:
    from . import places_dev

    if places_dev.is_dev_gold(path):  # a development corpus: NAME.gold.jsonl beside NAME.input.jsonl
        return places_dev.evaluate(path, model=model, limit=limit, nlp=nlp)
    docs, problems = read_gold(path, limit)
    preds = whimbrel_predictions(docs, pipeline(nlp, model))
    return {"documents": len(docs), "problems": problems, "scores": score(docs, preds)}


def _render(console, result: dict) -> None:
    from rich.table import Table

    if "dev" in result:
        from . import places_dev

        places_dev.render(console, result)
        return
    s: Scores = result["scores"]
    table = Table(title=f"Places: {result['documents']} documents, {s.n_gold} gold toponyms, "
                        f"{s.n_pred} predicted, {s.matched} matched spans")
    table.add_column("metric")
    table.add_column("whimbrel", justify="right")
    table.add_column("most populous (baseline)", justify="right")
    table.add_row("span precision", f"{s.precision:.3f}", "same spans")
    table.add_row("span recall", f"{s.recall:.3f}", "same spans")
    table.add_row("span F1", f"{s.f1:.3f}", "same spans")
    table.add_row(f"accuracy within {THRESHOLD_KM:.0f} km (matched)",
                  f"{s.accuracy:.3f} ({s.within}/{s.matched})",
                  f"{s.baseline_accuracy:.3f} ({s.baseline_within}/{s.matched})")
    table.add_row("metonymy accuracy (matched, gold given)",
                  f"{s.metonymy_accuracy:.3f} ({s.metonymy_correct}/{s.metonymy_gold})", "n/a")
    console.print(table)


main = command(evaluate, _render, "places")
