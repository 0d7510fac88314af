"""``whimbrel eval events GOLD``: event precision and recall on hand-coded real-news articles.

The gold file (``tests/fixtures/events_real/dev.jsonl``, built by ``build.py`` there) names each
article by corpus and id; the article's text is read from the development corpora
(``CORPUS.input.jsonl`` in ``--data``, by default ``../shared/eval/dev`` beside the checkout).

Each gold event has a trigger span, a PLOVER type, ``coded`` (whether a PLOVER coder records it),
a modality, and an actor and recipient (a span with country and sector, or null). Whimbrel's
**recorded** events (``coded`` not null) are matched one to one to the gold events a coder records:

* a pair is a candidate when the triggers overlap, or when the gold trigger lies in the predicted
  event's sentence and the types agree (a nominal and a verbal trigger of one event);
* pairs are taken greedily: overlapping triggers of the same type first, then overlapping triggers,
  then same-sentence pairs of the same type; ties by distance between the triggers.

An actor (or recipient) is right when both are empty, or when one of the predicted actors has a
mention overlapping the gold span, or has the gold country and (when the gold gives one) sector.

Figures: **type** precision and recall (matched pair with the gold type), **full** precision and
recall (type, actor and recipient right), **modality** accuracy over all gold events (recorded or
not) whose trigger overlaps a predicted event's trigger, and the error patterns by frequency.
"""
from __future__ import annotations

import json
import os
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from ..stages.events.api import coded_type, is_codable

DATA_ENV = "WHIMBREL_EVAL_DATA"


def find_data(gold: Path, data: Path | None = None) -> Path:
    """The folder holding ``CORPUS.input.jsonl``: ``data``, $WHIMBREL_EVAL_DATA, or shared/eval/dev
    beside the checkout (searched upwards from the gold file and from the working directory)."""
    candidates = [data] if data else []
    if os.environ.get(DATA_ENV):
        candidates.append(Path(os.environ[DATA_ENV]))
    for start in (gold.resolve().parent, Path.cwd().resolve()):
        candidates += [p / "shared" / "eval" / "dev" for p in (start, *start.parents)]
    for cand in candidates:
        if cand and cand.is_dir() and any(cand.glob("*.input.jsonl")):
            return cand
    raise RuntimeError(f"no development corpora found for {gold} (give --data or set ${DATA_ENV})")


def load_gold(path: Path, data: Path, limit: int | None = None) -> tuple[list[dict], list[str]]:
    """Gold articles with their ``text`` and ``published`` filled in from the corpora."""
    articles, problems, texts = [], [], {}
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            if limit is not None and len(articles) >= limit:
                break
            try:
                art = json.loads(line)
                corpus, doc = art["corpus"], str(art["doc"])
                if corpus not in texts:
                    texts[corpus] = _read_corpus(data / f"{corpus}.input.jsonl")
                source = texts[corpus][doc]
            except (ValueError, KeyError, OSError) as exc:
                problems.append(f"{path.name} line {lineno}: {type(exc).__name__}: {exc}; skipped")
                continue
            articles.append({**art, "text": source["text"], "published": source.get("published")})
    return articles, problems


def _read_corpus(path: Path) -> dict[str, dict]:
    with open(path, encoding="utf-8") as fh:
        return {str(d["id"]): d for d in map(json.loads, filter(str.strip, fh))}


def _overlap(a, b) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _predicted(analysis) -> list[dict]:
    actors = {a.id: a for a in analysis.actors}
    out = []
    for ev in analysis.events:
        out.append({
            "event": ev, "type": coded_type(ev) if is_codable(ev) else None, "raw": ev.event,
            "trigger": tuple(ev.trigger), "sentence": tuple(ev.sentence), "modality": ev.modality,
            "actor": [actors[i] for i in ev.actor if i in actors],
            "recipient": [actors[i] for i in ev.recipient if i in actors],
        })
    return out


def role_ok(gold: dict | None, predicted: list) -> bool:
    if not gold:
        return not predicted
    span = gold["span"]
    for actor in predicted:
        if any(_overlap(span, m) for m in actor.mentions):
            return True
        if gold.get("country") and (actor.country or "") == gold["country"] and \
                (not gold.get("sector") or (actor.sector or "") == gold["sector"]):
            return True
    return False


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, predicted index), greedy by the order in the module docstring."""
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            same_type = g["event"] == p["type"]
            if _overlap(g["trigger"], p["trigger"]):
                rank = 0 if same_type else 1
            elif same_type and p["sentence"][0] <= g["trigger"][0] < p["sentence"][1]:
                rank = 2
            else:
                continue
            cands.append((rank, abs(g["trigger"][0] - p["trigger"][0]), gi, pi))
    used_g, used_p, pairs = set(), set(), []
    for _, _, gi, pi in sorted(cands):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


def _actor_desc(actors: list) -> str:
    return " + ".join(f"{a.name} [{a.country or '-'} {a.sector or '-'}]" for a in actors) or "none"


def _gold_desc(role: dict | None) -> str:
    return "none" if not role else f"{role['text']} [{role.get('country') or '-'} {role.get('sector') or '-'}]"


def score_article(art: dict, analysis, counts: Counter, patterns: dict[str, list]) -> None:
    text, where = art["text"], f"{art['corpus']}/{art['doc']}"
    pred_all = _predicted(analysis)
    pred = [p for p in pred_all if p["type"]]
    gold = [g for g in art["events"] if g["coded"]]
    counts["gold"] += len(gold)
    counts["pred"] += len(pred)

    def example(span) -> str:
        return f"{where}: '{text[span[0]:span[1]]}'"

    matched_g, matched_p = set(), set()
    for gi, pi in match(gold, pred):
        g, p = gold[gi], pred[pi]
        matched_g.add(gi)
        matched_p.add(pi)
        if g["event"] != p["type"]:
            patterns[f"type: gold {g['event']} -> {p['type']}"].append(example(g["trigger"]))
            continue
        counts["type"] += 1
        a_ok, r_ok = role_ok(g["actor"], p["actor"]), role_ok(g["recipient"], p["recipient"])
        counts["actor"] += a_ok
        counts["recipient"] += r_ok
        counts["full"] += a_ok and r_ok
        for name, ok in (("actor", a_ok), ("recipient", r_ok)):
            if not ok:
                kind = "missing" if not p[name] else ("spurious" if not g[name] else "wrong")
                patterns[f"{name} {kind} ({g['event']})"].append(
                    f"{example(g['trigger'])}: gold {_gold_desc(g[name])}, got {_actor_desc(p[name])}")
    for gi, g in enumerate(gold):
        if gi not in matched_g:
            patterns[f"missed {g['event']}"].append(example(g["trigger"]))
    for pi, p in enumerate(pred):
        if pi not in matched_p:
            word = text[p["trigger"][0]:p["trigger"][1]].lower()
            patterns[f"spurious {p['type']}"].append(f"{where}: '{word}'")
    # modality over every gold event whose trigger a predicted event shares
    for g in art["events"]:
        hit = next((p for p in pred_all if _overlap(g["trigger"], p["trigger"])), None)
        if hit is None:
            continue
        counts["modality_n"] += 1
        if hit["modality"] == g["modality"]:
            counts["modality"] += 1
        else:
            patterns[f"modality: gold {g['modality']} -> {hit['modality']}"].append(example(g["trigger"]))


def evaluate(path: Path | str, model: str | None = None, limit: int | None = None,
             data: Path | None = None, nlp=None) -> dict[str, Any]:
    import whimbrel

    path = Path(path)
    articles, problems = load_gold(path, find_data(path, data), limit)
    nlp = nlp or whimbrel.load(model)
    counts: Counter = Counter()
    patterns: dict[str, list] = defaultdict(list)
    from ..ingest import parse_date

    for art in articles:
        try:
            published = parse_date(art.get("published"))
        except ValueError:
            # TR-News keeps its pages' own date lines ("7:58 AM ET", "Dec 17, 20"): no usable date
            published = None
        try:
            analysis = whimbrel.analyze(art["text"], published, id=art["doc"], nlp=nlp)
        except ValueError as exc:
            problems.append(f"{art['corpus']}/{art['doc']}: not analysed: {exc}")
            continue
        score_article(art, analysis, counts, patterns)
    return {"documents": articles, "problems": problems, "counts": counts, "patterns": patterns,
            "figures": figures(counts)}


def _ratio(a: int, b: int) -> float:
    return a / b if b else 0.0


def figures(c: Counter) -> dict[str, float]:
    out = {
        "type_precision": _ratio(c["type"], c["pred"]), "type_recall": _ratio(c["type"], c["gold"]),
        "full_precision": _ratio(c["full"], c["pred"]), "full_recall": _ratio(c["full"], c["gold"]),
        "modality_accuracy": _ratio(c["modality"], c["modality_n"]),
        "actor_accuracy_on_type_matches": _ratio(c["actor"], c["type"]),
        "recipient_accuracy_on_type_matches": _ratio(c["recipient"], c["type"]),
    }
    for k in ("type", "full"):
        p, r = out[f"{k}_precision"], out[f"{k}_recall"]
        out[f"{k}_f1"] = 2 * p * r / (p + r) if p + r else 0.0
    return out


def render(console, result: dict) -> None:
    from rich.table import Table

    c, f = result["counts"], result["figures"]
    table = Table(title=f"Events: {len(result['documents'])} articles, {c['gold']} recorded gold events, "
                        f"{c['pred']} recorded predicted")
    for col in ("measure", "precision", "recall", "F1"):
        table.add_column(col, justify="left" if col == "measure" else "right")
    table.add_row("type", f"{f['type_precision']:.1%}", f"{f['type_recall']:.1%}", f"{f['type_f1']:.1%}")
    table.add_row("type + actor + recipient", f"{f['full_precision']:.1%}", f"{f['full_recall']:.1%}",
                  f"{f['full_f1']:.1%}")
    table.add_row(f"modality (accuracy, {c['modality_n']} shared triggers)", f"{f['modality_accuracy']:.1%}", "", "")
    table.add_row("actor / recipient right, on type matches",
                  f"{f['actor_accuracy_on_type_matches']:.1%}", f"{f['recipient_accuracy_on_type_matches']:.1%}", "")
    console.print(table)
    worst = Table(title="worst patterns (count, one example)")
    worst.add_column("pattern")
    worst.add_column("n", justify="right")
    worst.add_column("example")
    for name, examples in sorted(result["patterns"].items(), key=lambda kv: (-len(kv[1]), kv[0]))[:15]:
        worst.add_row(name, str(len(examples)), examples[0][:150])
    console.print(worst)


def main(path: Path, model: str | None = None, limit: int | None = None, data: Path | None = None,
         json_out: Path | None = None) -> int:
    from .report import run

    def _render(console, result):
        render(console, result)
        if json_out:
            Path(json_out).write_text(json.dumps({"figures": result["figures"], "counts": dict(result["counts"]),
                                                  "patterns": result["patterns"]}, indent=1), encoding="utf-8")

    return run(path, evaluate, _render, model=model, limit=limit, data=data)
