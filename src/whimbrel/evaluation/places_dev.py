"""``whimbrel eval places`` on the real-news development corpora's own format.

The corpora under ``shared/eval/dev/`` (GeoVirus, TR-News) keep each set in two
files with the same ids: ``NAME.input.jsonl`` (contract input documents) and
``NAME.gold.jsonl`` (``{"id", "corpus", "toponyms": [{"span", "text", "lat",
"lon", "geonameid", ...}], "neutral": [[s, e], ...]}``). Given the gold file,
this module reads the input file beside it, runs the pipeline on each document
exactly as ``whimbrel analyze`` does, and scores the places the way the
project's reference scorer does:

* spans are matched one to one, greatest character overlap first;
* a prediction overlapping a ``neutral`` span counts only when it matches;
* "within 161 km" is the share of *all* gold toponyms with coordinates that
  were found and placed within 161 km (so a missed span counts as wrong).

It also sorts every error into a class and reports the most frequent classes
with one example each: missed spans by what the model tagged, places found far
from the gold point by the kind of entry chosen, spurious places by kind.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .report import THRESHOLD_KM, haversine_km, pipeline

#: The stages the places stage needs, in pipeline order.
COMPONENTS = ("whimbrel_actors", "whimbrel_places")

#: How many error classes the report lists.
TOP_CLASSES = 10


def is_dev_gold(path: Path | str) -> bool:
    """Whether ``path`` is a development corpus's gold file (its lines hold ``toponyms``, no ``text``)."""
    try:
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    obj = json.loads(line)
                    return isinstance(obj, dict) and "toponyms" in obj and "text" not in obj
    except (OSError, ValueError):
        return False
    return False


def input_path(gold: Path | str) -> Path:
    """``NAME.gold.jsonl`` -> ``NAME.input.jsonl`` beside it."""
    gold = Path(gold)
    return gold.with_name(gold.name.replace(".gold.jsonl", ".input.jsonl"))


@dataclass
class DevScores:
    """Counts of the reference scorer, and the error classes with an example each."""

    gold: int = 0
    predicted: int = 0          # predictions counted (not those only on neutral spans)
    matched: int = 0
    with_coords: int = 0        # gold toponyms that have coordinates
    found_with_coords: int = 0
    within: int = 0
    classes: Counter = field(default_factory=Counter)
    examples: dict[str, str] = field(default_factory=dict)

    def pct(self, a: int, b: int) -> float:
        return 100.0 * a / b if b else 0.0

    @property
    def f1(self) -> float:
        p, r = self.pct(self.matched, self.predicted), self.pct(self.matched, self.gold)
        return 2 * p * r / (p + r) if p + r else 0.0

    def note(self, cls: str, example: str) -> None:
        self.classes[cls] += 1
        self.examples.setdefault(cls, example)


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match(gold: list[tuple[int, int]], pred: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one matching, greatest overlap first (ties: lower gold, then lower prediction index)."""
    pairs = sorted(((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                    if _overlap(g, p) > 0), key=lambda t: (-t[0], t[1], t[2]))
    used_g: set[int] = set()
    used_p: set[int] = set()
    out: dict[int, int] = {}
    for _, i, j in pairs:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            out[i] = j
    return out


def _context(text: str, s: int, e: int) -> str:
    return f"'{text[s:e]}' in \u00ab{text[max(0, s - 40):e + 40]}\u00bb".replace("\n", " ")


def _missed_class(doc: Any, s: int, e: int, known: bool) -> str:
    ents = [x for x in doc.ents if x.start_char < e and s < x.end_char]
    if not ents:
        return "missed: untagged, " + ("known to the gazetteer" if known else "not in the gazetteer")
    ent = ents[0]
    if ent.label_ == "NORP":
        return "missed: demonym or adjective (NORP)"
    if ent.end_char - ent.start_char > e - s + 1:
        return f"missed: inside a longer {ent.label_} name"
    return f"missed: tagged {ent.label_}, dropped"


def score_document(scores: DevScores, text: str, gold: dict, doc: Any, places: list, lookup: Any) -> None:
    """Add one document's counts and error classes to ``scores``."""
    gs = [tuple(t["span"]) for t in gold.get("toponyms") or ()]
    ps = [tuple(p.span) for p in places]
    m = match(gs, ps)
    matched_p = set(m.values())
    neutral = [tuple(x) for x in gold.get("neutral") or ()]
    scores.gold += len(gs)
    scores.matched += len(m)
    for j, p in enumerate(places):
        if j in matched_p or not any(_overlap(ps[j], x) for x in neutral):
            scores.predicted += 1
        if j not in matched_p and not any(_overlap(ps[j], x) for x in neutral):
            scores.note(f"spurious: {p.feature or 'no gazetteer entry'}", _context(text, *ps[j]))
    for i, t in enumerate(gold.get("toponyms") or ()):
        s, e = gs[i]
        if i not in m:
            scores.note(_missed_class(doc, s, e, bool(lookup(text[s:e]))), _context(text, s, e))
        if t.get("lat") is None:
            continue
        scores.with_coords += 1
        if i not in m:
            continue
        scores.found_with_coords += 1
        p = places[m[i]]
        if p.lat is None:
            scores.note("found, no coordinates (no gazetteer entry)", _context(text, s, e))
            continue
        km = haversine_km(t["lat"], t["lon"], p.lat, p.lon)
        if km <= THRESHOLD_KM:
            scores.within += 1
        elif km >= 1000:
            scores.note(f"far: wrong {p.feature} entry (1000 km or more)",
                        f"{_context(text, s, e)} -> {p.name} ({p.country}), {km:.0f} km")
        else:
            scores.note(f"far: {p.feature} point {THRESHOLD_KM:.0f}-1000 km from the gold one",
                        f"{_context(text, s, e)} -> {p.name} ({p.country}), {km:.0f} km")


def evaluate(path: Path | str, model: str | None = None, limit: int | None = None, nlp: Any = None) -> dict:
    """Score the development set whose gold file is ``path`` (see the module doc)."""
    from ..ingest import read_inputs
    from ..model import Document
    from ..pipeline import make_doc
    from ..stages.places.api import gazetteer

    src = input_path(path)
    if not src.is_file():
        raise RuntimeError(f"no input file {src} beside the gold file")
    gold = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                obj = json.loads(line)
                gold[str(obj["id"])] = obj
    # The places stage reads the actors stage and nothing after it: the later stages would only cost time.
    nlp = pipeline(nlp, model, components=list(COMPONENTS))
    lookup = gazetteer().lookup
    scores, problems, n = DevScores(), [], 0
    # The corpora's free-form dates ("Wed Nov 23") do not matter to places: not reported.
    for document in read_inputs([str(src)], on_warning=lambda _name, _message: None):
        if limit is not None and n >= limit:
            break
        if not isinstance(document, Document) or document.id not in gold:
            problems.append(f"{getattr(document, 'id', '?')}: no gold record or unreadable; skipped")
            continue
        doc = nlp(make_doc(nlp, document))
        score_document(scores, document.text, gold[document.id], doc, list(doc._.places or ()), lookup)
        n += 1
    return {"documents": n, "problems": problems, "dev": scores, "name": Path(path).name}


def render(console: Any, result: dict) -> None:
    """The issue's table (span P/R/F1, share of gold within 161 km) and the top error classes."""
    from rich.table import Table

    s: DevScores = result["dev"]
    table = Table(title=f"Places on {result['name']}: {result['documents']} documents, {s.gold} gold toponyms")
    table.add_column("metric")
    table.add_column("whimbrel", justify="right")
    table.add_row("span P", f"{s.pct(s.matched, s.predicted):.1f}")
    table.add_row("span R", f"{s.pct(s.matched, s.gold):.1f}")
    table.add_row("span F1", f"{s.f1:.1f}")
    table.add_row(f"within {THRESHOLD_KM:.0f} km (share of gold with coordinates)",
                  f"{s.pct(s.within, s.with_coords):.1f} ({s.within}/{s.with_coords})")
    table.add_row(f"within {THRESHOLD_KM:.0f} km (of those found)",
                  f"{s.pct(s.within, s.found_with_coords):.1f} ({s.within}/{s.found_with_coords})")
    console.print(table)
    errors = Table(title=f"The {TOP_CLASSES} most frequent error classes")
    errors.add_column("class")
    errors.add_column("count", justify="right")
    errors.add_column("example")
    for cls, count in s.classes.most_common(TOP_CLASSES):
        errors.add_row(cls, str(count), s.examples[cls])
    console.print(errors)
