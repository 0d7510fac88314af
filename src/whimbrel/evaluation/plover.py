"""``whimbrel eval plover FILE``: event type, source and joint accuracy on PLOVER gold records,
computed as the reference scorer does (``shared/eval/scorer/score.py plover``), plus extras.

Each gold record (JSONL: ``text``, ``event``, ``source``, ``target``; see
shared/eval/README.md) is one sentence. Whimbrel analyses the sentence with no
publication date; each event's type is the one a PLOVER coder records
(:func:`whimbrel.stages.events.api.coded_type`: announced future cooperation is
AGREE, announced future retreat CONCEDE, announced or conditional conflict acts
THREATEN, as the PLOVER manual says), as the reference's ``plover_coded.py`` filter does.

**Codes.** Both sides are reduced to country-like codes as the reference's ``norm_code``
does: letters only, upper case, any IGO-like code (``IGO...``, ``UN``, ``NATO``, ``EU``, ...)
is ``IGO``, otherwise the first three letters through the reference's alias table
(JAP -> JPN, ITL -> ITA, VTN -> VNM, ...). A gold actor's code is its ``code``; a
predicted actor's is its ``country``, else the first three letters of its ``code``.

**Reference figures** (``records`` are gold records with an event; a record whose
``event`` is empty is a "nothing" control):

* type: some emitted event has the gold type (``same`` = those events);
* source (actor accuracy), over records with a gold source: the set of codes of the
  actors of all ``same`` events equals the gold source set (for a symmetric record,
  one whose markup has ``SRC/TAR``, actors and recipients together);
* source overlap: the two sets share a code;
* joint, over records with a gold source and a gold target: source right and the
  codes of the recipients of all ``same`` events equal the gold target set;
* no event: records with no event at all; false events on nothing: controls with an event.

**Extras** (not in the reference, labelled "extra"): the figures of the single **main
event** (:func:`main_event`: asserted events first, then those re-coded to a type a coder
records, then background ones, then the highest confidence, then the earliest trigger)
over all records: its type, source, target (an empty gold target matching only an empty
recipient) and joint; and ``joint_sector``: the reference joint that also needs every gold
actor with a sector (other than ``***``) to have a predicted actor of that code whose
PLOVER sector is the gold sector's first three letters.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path
from typing import Any

from ..stages.events.api import coded_type, is_codable
from ..model import PLOVER_EVENTS, Event

# the reference scorer's tables (shared/eval/scorer/common.py), so that figures agree
IGO_LIKE = frozenset({"IGO", "UNO", "UN", "NAT", "NATO", "EU", "EUR", "AU", "AFU", "ASN", "ASE",
                      "ARL", "OPC", "OPE", "WTO", "IMF", "WBK", "ICC", "OSC", "OAS", "OIC", "GCC"})
ALIASES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM", "ROM": "ROU", "ZAR": "COD",
           "TMP": "TLS", "YUG": "SRB", "GER": "DEU", "GMY": "DEU", "UK": "GBR",
           "USR": "RUS", "PAL": "PSE", "WSB": "PSE", "GZS": "PSE", "BUR": "MMR"}


def norm_code(code: Any) -> str | None:
    """A country-like code compared by its first three letters, with aliases; IGO-like -> IGO."""
    if not code or not isinstance(code, str):
        return None
    c = re.sub(r"[^A-Z]", "", code.upper())
    if not c:
        return None
    if c in IGO_LIKE or c.startswith("IGO"):
        return "IGO"
    c = c[:3]
    if c in IGO_LIKE:
        return "IGO"
    return ALIASES.get(c, c)


def actor_code(actor: Any) -> str | None:
    """A predicted actor's code: its ``country``, else the head of its ``code``."""
    return norm_code(actor.country or (actor.code or "")[:3])


def gold_codes(actors: list[dict[str, Any]] | None) -> set[str]:
    return {norm_code(a.get("code")) for a in actors or ()} - {None}


def predicted_codes(actor_objs: list[Any]) -> set[str]:
    return {actor_code(a) for a in actor_objs} - {None}


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


def _sector_ok(gold: list[dict] | None, actors: list[Any]) -> bool:
    for g in gold or ():
        sector = (g.get("sector") or "").strip()
        if not sector or sector == "***":
            continue
        code = norm_code(g.get("code"))
        if not any((a.sector or "") == sector[:3].upper() and actor_code(a) == code for a in actors):
            return False
    return True


def _symmetric(rec: dict) -> bool:
    """A record whose actors may sit in either role ("(SRC/TAR: A) and (SRC/TAR: B) agreed")."""
    if "symmetric" in rec:
        return bool(rec["symmetric"])
    return "SRC/TAR" in (rec.get("markup") or "")


def _in_record(event: Event, n: int) -> bool:
    span = event.trigger or event.sentence
    return span is None or (0 <= span[0] and span[1] <= n)


def score(records: list[dict], nlp) -> dict[str, Any]:
    """Score ``records`` with pipeline ``nlp``: counts, hits, accuracies (reference figures and
    ``main_*``/``joint_sector`` extras, see the module docstring), confusion and rows."""
    import whimbrel

    c: Counter[str] = Counter()
    confusion: Counter[tuple[str, str]] = Counter()
    rows = []
    for i, rec in enumerate(records, 1):
        text = rec.get("text") or ""
        try:
            res = whimbrel.analyze(text, nlp=nlp, id=str(rec.get("id", i)))
        except ValueError:
            res = None
        events = [e for e in (res.events if res else ()) if _in_record(e, len(text))]
        if not rec.get("event"):  # a "nothing" control
            c["controls"] += 1
            c["false_event"] += bool(events)
            continue
        by_id = {a.id: a for a in res.actors} if res else {}
        gold_type = rec["event"]
        same = [e for e in events if coded_type(e) == gold_type]

        def parties(role: str, evs: list[Event]) -> list[Any]:
            return [by_id[i] for e in evs for i in getattr(e, role) if i in by_id]

        g_src, g_tar = gold_codes(rec.get("source")), gold_codes(rec.get("target"))
        act, rcp = parties("actor", same), parties("recipient", same)
        got_a, got_r = predicted_codes(act), predicted_codes(rcp)
        if _symmetric(rec):
            got_a |= got_r
            act = act + rcp
        c["records"] += 1
        c["type"] += bool(same)
        c["no_event"] += not events
        ok_src = ok_joint = None
        if g_src:
            c["with_source"] += 1
            ok_src = got_a == g_src
            c["source"] += ok_src
            c["source_overlap"] += bool(got_a & g_src)
            if g_tar:
                c["with_target"] += 1
                ok_joint = ok_src and got_r == g_tar
                c["joint"] += ok_joint
                c["joint_sector"] += ok_joint and _sector_ok(rec.get("source"), act) and \
                    _sector_ok(rec.get("target"), rcp)
        # extras: the single main event over all records
        ev = main_event(events)
        main_type = coded_type(ev) if ev else "NONE"
        m_src = predicted_codes(parties("actor", [ev])) if ev else set()
        m_tar = predicted_codes(parties("recipient", [ev])) if ev else set()
        ok = [main_type == gold_type, ev is not None and m_src == g_src, ev is not None and m_tar == g_tar]
        c["main_type"] += ok[0]
        c["main_source"] += ok[1]
        c["main_target"] += ok[2]
        c["main_joint"] += all(ok)
        # the gold type where some event has it, else the main event's type
        confusion[(gold_type, gold_type if same else main_type)] += 1
        rows.append({"id": rec.get("id"), "gold": gold_type, "found": bool(same), "pred": main_type,
                     "types": sorted({coded_type(e) for e in events}),
                     "gold_source": sorted(g_src), "pred_source": sorted(got_a),
                     "gold_target": sorted(g_tar), "pred_target": sorted(got_r),
                     "ok": [bool(same), ok_src, ok_joint], "why": ev.why if ev else None})

    def rate(k: str, d: str) -> float | None:
        return c[k] / c[d] if c[d] else None

    acc = {"type": rate("type", "records"), "source": rate("source", "with_source"),
           "source_overlap": rate("source_overlap", "with_source"),
           "joint": rate("joint", "with_target"), "no_event": rate("no_event", "records"),
           "false_event_on_nothing": rate("false_event", "controls"),
           "joint_sector": rate("joint_sector", "with_target")}
    acc.update({k: rate(k, "records") for k in ("main_type", "main_source", "main_target", "main_joint")})
    counts = {k: c[k] for k in ("records", "with_source", "with_target", "controls")}
    return {"n": c["records"], "counts": counts, "hits": dict(c), "accuracy": acc,
            "confusion": confusion, "rows": rows}


FIGURES = (  # (accuracy key, hits key, denominator key, label)
    ("type", "type", "records", "event type (an event of the gold type)"),
    ("source", "source", "with_source", "actor (source = actors of those events)"),
    ("source_overlap", "source_overlap", "with_source", "actor overlap"),
    ("joint", "joint", "with_target", "joint (type+source+target)"),
    ("false_event_on_nothing", "false_event", "controls", "false-event rate on nothing"),
    ("no_event", "no_event", "records", "records with no event"),
    ("joint_sector", "joint_sector", "with_target", "extra: joint, sectors too"),
    ("main_type", "main_type", "records", "extra: main event type"),
    ("main_source", "main_source", "records", "extra: main event source"),
    ("main_target", "main_target", "records", "extra: main event target"),
    ("main_joint", "main_joint", "records", "extra: main event joint"),
)


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
    acc, hits, counts = result["accuracy"], result["hits"], result["counts"]
    summary = Table(title=f"PLOVER events: {counts['records']} gold records, {counts['controls']} "
                          f"nothing controls ({path.name}); figures as the reference scorer, extras labelled")
    summary.add_column("measure")
    summary.add_column("correct", justify="right")
    summary.add_column("of", justify="right")
    summary.add_column("accuracy", justify="right")
    for key, hit, den, label in FIGURES:
        value = acc[key]
        summary.add_row(label, str(hits.get(hit, 0)), str(counts[den]),
                        "-" if value is None else f"{100 * value:.2f}")
    console.print(summary)
    labels = [e for e in PLOVER_EVENTS] + ["NONE"]
    conf = result["confusion"]
    used_pred = [p for p in labels if any(conf[(g, p)] for g in labels)]
    used_gold = [g for g in labels if any(conf[(g, p)] for p in labels)]
    table = Table(title="confusion: gold (rows) x predicted (columns: the gold type when an event "
                        "has it, else the main event's)")
    table.add_column("gold \\ pred")
    for p in used_pred:
        table.add_column(p[:4], justify="right")
    for g in used_gold:
        table.add_row(g, *[(str(conf[(g, p)]) if conf[(g, p)] else ".") for p in used_pred])
    console.print(table)
    return 0
