"""``whimbrel eval plover FILE``: event type, source, target and joint accuracy on PLOVER gold records.

Each gold record (JSONL: ``text``, ``event``, ``source``, ``target``; see
shared/eval/README.md) is one sentence. Whimbrel analyses the sentence with no
publication date and chooses its **main event**:

1. each event's type is the one a PLOVER coder records
   (:func:`whimbrel.stages.events.api.coded_type`: announced future cooperation is
   AGREE, announced future retreat CONCEDE, announced or conditional conflict
   acts THREATEN, as the PLOVER manual says);
2. events a coder records come first: ``asserted`` ones, then those re-coded
   by step 1, then background events (in relative or participial clauses,
   marked ``background`` in ``why``), then the rest (a gold record codes what
   happened: "threatened to attack" is a THREATEN, not an ASSAULT);
3. then the highest confidence (which rewards verbal predicates, specific
   patterns, direct subjects and the sentence's main verb);
4. ties go to the earliest trigger.

No event at all is the prediction ``NONE``.

**Actor match.** Gold actors carry a CAMEO-style ``code``; whimbrel actors a
``country`` (ISO 3166-1 alpha-3 or an IGO/NGO/... code) and a ``code``. Both
sides are reduced to a set of codes:

* gold: each actor's ``code``, legacy codes normalised through
  ``legacy_codes`` in ``data/events/roles.yaml`` (JAP -> JPN, ITL -> ITA,
  VTN -> VNM, ...);
* predicted: each actor's ``country``, or the first three letters of its
  ``code`` when it has no country; codes of international organisations
  (``IGO...``) are reduced to ``IGO`` when the gold code is ``IGO``.

Source matches when the gold source set equals the predicted actor set; target
matches when the gold target set equals the predicted recipient set, an empty
gold target matching only an empty predicted recipient. Joint accuracy needs
type, source and target all right. A stricter number, ``sector``, also
requires that every gold actor with a sector (other than ``***``) has a
predicted actor of that country whose PLOVER sector equals the gold sector's
first three letters.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from ..stages.events.api import coded_type, is_codable, legacy_codes
from ..model import PLOVER_EVENTS, Event


def _legacy() -> dict[str, str]:
    return legacy_codes()


def gold_codes(actors: list[dict[str, Any]], legacy: dict[str, str]) -> set[str]:
    out = set()
    for a in actors or ():
        code = str(a.get("code") or "").upper().strip()
        if code:
            out.add(legacy.get(code, code))
    return out


def predicted_codes(actor_objs: list[Any], gold: set[str]) -> set[str]:
    out = set()
    for a in actor_objs:
        code = (a.country or (a.code or "")[:3] or "").upper()
        if not code:
            continue
        if code.startswith("IGO") and "IGO" in gold:
            code = "IGO"
        out.add(code)
    return out


def main_event(events: list[Event]) -> Event | None:
    """The event a one-sentence gold record most likely codes (see module docstring)."""
    if not events:
        return None

    def rank(e: Event) -> int:
        # background events (relative/participial clauses: "..., whom they had taken
        # hostage") come after the sentence's codable foreground events
        background = "background" in (e.why or "").split("; ")
        return (0 if e.modality == "asserted" else (1 if is_codable(e) else 3)) + (2 if background and is_codable(e) else 0)

    return sorted(events, key=lambda e: (rank(e), -e.confidence, e.trigger[0]))[0]


def _sector_ok(gold: list[dict], actors: list[Any], legacy: dict[str, str]) -> bool:
    for g in gold or ():
        sector = (g.get("sector") or "").strip()
        if not sector or sector == "***":
            continue
        code = legacy.get(str(g.get("code") or "").upper(), str(g.get("code") or "").upper())
        if not any((a.sector or "") == sector[:3].upper() and (a.country or (a.code or "")[:3]).upper().startswith(code[:3])
                   for a in actors):
            return False
    return True


def score(records: list[dict], nlp) -> dict[str, Any]:
    """Score ``records`` with pipeline ``nlp``; returns counts, accuracies, confusion and rows."""
    import whimbrel

    legacy = _legacy()
    n = 0
    hits = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    rows = []
    for rec in records:
        text = rec.get("text") or ""
        n += 1
        try:
            res = whimbrel.analyze(text, nlp=nlp, id=str(rec.get("id", n)))
        except ValueError:
            res = None
        ev = main_event(list(res.events)) if res else None
        by_id = {a.id: a for a in res.actors} if res else {}
        g_src = gold_codes(rec.get("source"), legacy)
        g_tar = gold_codes(rec.get("target"), legacy)
        pred_type = coded_type(ev) if ev else "NONE"
        p_act = [by_id[i] for i in (ev.actor if ev else ()) if i in by_id]
        p_rec = [by_id[i] for i in (ev.recipient if ev else ()) if i in by_id]
        p_src = predicted_codes(p_act, g_src)
        p_tar = predicted_codes(p_rec, g_tar)
        ok_type = pred_type == rec.get("event")
        ok_src = ev is not None and p_src == g_src
        ok_tar = ev is not None and p_tar == g_tar
        ok_sector = ok_src and ok_tar and _sector_ok(rec.get("source"), p_act, legacy) and \
            _sector_ok(rec.get("target"), p_rec, legacy)
        hits["type"] += ok_type
        hits["source"] += ok_src
        hits["target"] += ok_tar
        hits["joint"] += ok_type and ok_src and ok_tar
        hits["joint_sector"] += ok_type and ok_sector
        confusion[(rec.get("event") or "NONE", pred_type)] += 1
        rows.append({"id": rec.get("id"), "gold": rec.get("event"), "pred": pred_type,
                     "gold_source": sorted(g_src), "pred_source": sorted(p_src),
                     "gold_target": sorted(g_tar), "pred_target": sorted(p_tar),
                     "ok": [ok_type, ok_src, ok_tar], "why": ev.why if ev else None})
    acc = {k: (hits[k] / n if n else 0.0) for k in ("type", "source", "target", "joint", "joint_sector")}
    return {"n": n, "hits": dict(hits), "accuracy": acc, "confusion": confusion, "rows": rows}


def main(path: Path, model: str | None = None, limit: int | None = None) -> int:
    from rich.console import Console
    from rich.table import Table

    import whimbrel

    console = Console(width=max(Console().width, 120))
    records = []
    try:
        with open(path, encoding="utf-8") as fh:
            for lineno, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    records.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    console.print(f"[yellow]{path}:{lineno}: skipped, not JSON ({exc.msg})[/]")
    except OSError as exc:
        console.print(f"[red]cannot read {path}: {exc}[/]")
        return 2
    if limit:
        records = records[:limit]
    if not records:
        console.print("[red]no gold records[/]")
        return 1
    nlp = whimbrel.load(model)
    result = score(records, nlp)
    n, acc, hits = result["n"], result["accuracy"], result["hits"]
    summary = Table(title=f"PLOVER events: {n} gold records ({path.name})")
    summary.add_column("measure")
    summary.add_column("correct", justify="right")
    summary.add_column("accuracy", justify="right")
    for key, label in (("type", "event type"), ("source", "source actor"), ("target", "target actor"),
                       ("joint", "joint (type+source+target)"), ("joint_sector", "joint, sectors too")):
        summary.add_row(label, str(hits.get(key, 0)), f"{acc[key]:.1%}")
    console.print(summary)
    labels = [e for e in PLOVER_EVENTS] + ["NONE"]
    conf = result["confusion"]
    used_pred = [p for p in labels if any(conf[(g, p)] for g in labels)]
    used_gold = [g for g in labels if any(conf[(g, p)] for p in labels)]
    table = Table(title="confusion: gold (rows) x predicted (columns)")
    table.add_column("gold \\ pred")
    for p in used_pred:
        table.add_column(p[:4], justify="right")
    for g in used_gold:
        table.add_row(g, *[(str(conf[(g, p)]) if conf[(g, p)] else ".") for p in used_pred])
    console.print(table)
    return 0
