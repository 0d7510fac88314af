"""The pretty terminal view of analysed documents (``whimbrel analyze --format pretty``).

One block per document: a headline rule with id and date, then whichever of
actors, events, statements, times and places the pipeline filled, as Rich
tables a person can read at a glance. Every span is shown as the text it
covers, so the evidence is on screen; ids (A1, E2, P3...) link the tables.
"""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from typing import IO, Any

from ..model import Analysis, DocumentError

#: Longest quotation shown in full; longer ones are cut with an ellipsis.
MAX_QUOTE = 220

#: Colour of each PLOVER event class: cooperation green, verbal conflict yellow,
#: material conflict red (the quad classes of CAMEO/PLOVER).
_EVENT_STYLE = {
    "AGREE": "green", "CONSULT": "green", "SUPPORT": "green", "CONCEDE": "green",
    "COOPERATE": "bold green", "AID": "bold green", "RETREAT": "bold green",
    "REQUEST": "cyan", "ACCUSE": "yellow", "REJECT": "yellow", "THREATEN": "yellow",
    "PROTEST": "bold yellow", "SANCTION": "red", "MOBILIZE": "red", "COERCE": "bold red",
    "ASSAULT": "bold red",
}


def _cut(text: str, limit: int = MAX_QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _span_text(text: str, span: Sequence[int] | None, limit: int = MAX_QUOTE) -> str:
    if not span:
        return ""
    start, end = int(span[0]), int(span[1])
    if not (0 <= start <= end <= len(text)):
        return f"[{start}, {end}]"
    return _cut(text[start:end], limit)


def _kwic(text: str, sentence: Sequence[int] | None, trigger: Sequence[int] | None, width: int = 64) -> Text:
    """The trigger in bold inside a window of its sentence ("... Russia said it would
    [continue military cooperation] with Iran ..."), at most ``width`` characters."""
    if not trigger or not (0 <= trigger[0] <= trigger[1] <= len(text)):
        return Text(_span_text(text, sentence, width), style="dim")
    s0, s1 = (int(sentence[0]), int(sentence[1])) if sentence else (0, len(text))
    t0, t1 = int(trigger[0]), int(trigger[1])
    room = max(0, width - (t1 - t0)) // 2
    left = " ".join(text[max(s0, t0 - room):t0].split())
    right = " ".join(text[t1:min(s1, t1 + room)].split())
    out = Text("\u2026" if t0 - room > s0 else "", style="dim")
    out.append(left + (" " if left and not left.endswith(" ") and text[t0 - 1:t0].isspace() else ""), style="dim")
    out.append(" ".join(text[t0:t1].split()), style="bold")
    out.append((" " if text[t1:t1 + 1].isspace() else "") + right, style="dim")
    if t1 + room < s1:
        out.append("\u2026", style="dim")
    return out


def _opt(value: object) -> str:
    return "\u2013" if value in (None, "", ()) else escape(str(value))


def render_analysis(result: Analysis) -> Group:
    """A Rich renderable for one analysed document."""
    doc = result.document
    text = doc.text
    names = {a.id: a.name for a in result.actors}
    places = {p.id: p.name for p in result.places}
    parts: list = []

    title = doc.title or _cut(text.strip().splitlines()[0] if text.strip() else doc.id, 100)
    parts.append(Rule(Text(title, style="bold"), align="left", style="blue"))
    meta = Text()
    meta.append("id ", style="dim").append(doc.id)
    meta.append("   published ", style="dim").append(doc.published.isoformat() if doc.published else "unknown")
    if doc.source:
        meta.append("   source ", style="dim").append(doc.source)
    if doc.url:
        meta.append("   url ", style="dim").append(doc.url)
    meta.append(f"   {len(text):,} characters", style="dim")
    parts.append(meta)

    if result.actors:
        t = _table("Actors", ["", "name", "kind", "country", "sector", "code", "role", "mentions"])
        for a in result.actors:
            t.add_row(a.id, escape(a.name), a.kind, _opt(a.country), _opt(a.sector),
                      Text(a.code or "\u2013", style="bold" if a.code else "dim"),
                      _opt(a.role), str(len(a.mentions)))
        parts.append(t)

    if result.events:
        t = _table("Events", ["", "event", "who", "whom", "when", "where", "modality", "evidence", "conf."])
        for e in result.events:
            kind = Text(e.event, style=_EVENT_STYLE.get(e.event, ""))
            if e.cameo:
                kind.append(f" {e.cameo}", style="dim")
            if e.mode:
                kind.append(f"\n{e.mode}", style="italic dim")
            evidence = _kwic(text, e.sentence, e.trigger)
            t.add_row(
                e.id, kind,
                escape(", ".join(names.get(x, x) for x in e.actor)) or "\u2013",
                escape(", ".join(names.get(x, x) for x in e.recipient)) or "\u2013",
                _opt(e.date.value if e.date else None),
                _opt(places.get(e.location, e.location) if e.location else None),
                e.modality if e.modality == "asserted" else Text(e.modality, style="magenta"),
                evidence, f"{e.confidence:.2f}",
            )
        parts.append(t)

    if result.statements:
        parts.append(_statements(result, text, names))

    if result.times:
        t = _table("Times", ["text", "value", "type"])
        for tm in result.times:
            t.add_row(escape(_span_text(text, tm.span, 60)), _opt(tm.value), tm.type)
        parts.append(t)

    if result.places:
        # One row per gazetteer entry: a place named eight times is one place.
        grouped: dict[tuple, list] = {}
        for p in result.places:
            grouped.setdefault((p.geonameid, p.name) if p.geonameid is not None else (p.id,), []).append(p)
        t = _table("Places", ["ids", "name", "country", "lat, lon", "geonameid", "mentions", "metonymic"])
        for group in grouped.values():
            p = group[0]
            where = f"{p.lat:.2f}, {p.lon:.2f}" if p.lat is not None and p.lon is not None else "\u2013"
            ids = ", ".join(x.id for x in group[:3]) + ("\u2026" if len(group) > 3 else "")
            metonymic = sum(x.metonymy for x in group)
            t.add_row(ids, escape(p.name), _opt(p.country), where, _opt(p.geonameid), str(len(group)),
                      str(metonymic) if metonymic else "")
        parts.append(t)

    if not any((result.actors, result.events, result.statements, result.times, result.places)):
        parts.append(Text("nothing found", style="dim italic"))
    parts.append(Text(""))
    return Group(*parts)


def _statements(result: Analysis, text: str, names: dict[str, str]) -> Panel:
    """Statements grouped by speaker, in order of each speaker's first statement."""
    groups: dict[str | None, list] = defaultdict(list)
    for s in result.statements:
        groups[s.speaker].append(s)
    blocks: list = []
    for speaker, items in groups.items():
        head = Text()
        if speaker is not None:
            head.append(names.get(speaker, speaker), style="bold").append(f" ({speaker})", style="dim")
        else:
            head.append("speaker not resolved", style="bold dim")
        # A grid gives each quotation a hanging indent under its id and kind.
        grid = Table.grid(padding=(0, 1))
        grid.add_column(style="dim", no_wrap=True)
        grid.add_column(style="cyan", no_wrap=True, min_width=8)
        grid.add_column(overflow="fold")
        for s in items:
            line = Text()
            cue = _span_text(text, s.cue_span, 30)
            if cue:
                line.append(f"{cue}: ", style="italic")
            quote = _span_text(text, s.content_span)
            line.append(f"\u201c{quote}\u201d" if s.kind == "direct" else quote)
            if speaker is None and s.speaker_span:
                line.append(f"  \u2014 {_span_text(text, s.speaker_span, 60)}", style="dim")
            grid.add_row(s.id, s.kind, line)
        if blocks:
            blocks.append(Text(""))
        blocks.extend([head, grid])
    return Panel(Group(*blocks), title="Statements", title_align="left", box=box.ROUNDED, border_style="dim")


#: Columns holding codes and counts: never wrapped, so long names wrap instead.
_NO_WRAP = frozenset({"", "kind", "country", "sector", "code", "mentions", "type", "value", "conf.",
                      "modality", "when", "lat, lon", "geonameid", "metonymic", "ids"})


def _table(title: str, columns: list[str]) -> Table:
    t = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
              show_edge=False, pad_edge=False, expand=False)
    for c in columns:
        t.add_column(c, no_wrap=c in _NO_WRAP, overflow="fold")
    return t


def render_error(error: DocumentError) -> Text:
    """A one-block view of a document that could not be analysed."""
    out = Text()
    out.append("\u2717 ", style="bold red").append(error.id, style="bold")
    if error.origin and error.origin != error.id:
        out.append(f" ({error.origin})", style="dim")
    out.append(f": {error.error}\n", style="red")
    return out


def render(console: Console, item: Analysis | DocumentError) -> None:
    """Print one result (an analysis or an error) on ``console``."""
    console.print(render_error(item) if isinstance(item, DocumentError) else render_analysis(item))


class PrettyWriter:
    """The pretty view, one block per document: colours on a terminal, plain 120 columns to a file."""

    def __init__(self, fh: IO[str] | None, kind: str = "", **_: Any) -> None:
        if fh is not None:
            self.console = Console(file=fh, width=120, no_color=True, highlight=False)
        else:
            console = Console(highlight=False)
            # Piped or redirected: Rich would assume 80 columns; tables read better wider.
            self.console = console if console.is_terminal else Console(highlight=False, width=120)

    def write(self, item: Analysis | DocumentError) -> None:
        render(self.console, item)

    def close(self) -> None:
        pass


__all__ = ["PrettyWriter", "render", "render_analysis", "render_error"]
