"""Output: the coded actors as contract ``Actor`` objects, their mentions, and group heads."""
from __future__ import annotations

from ...model import Actor
from .api import Mention
from .coding import code_actors
from .state import Run


def output(run: Run) -> tuple[list[Actor], list[Mention], dict[int, list[str]]]:
    """``(actors, mentions, phrase_actors)`` of the document, ids A1, A2, ... in text order.

    Actors are coded first (:func:`.coding.code_actors`); a provisional group
    ("the government") that found no country is dropped. ``phrase_actors``
    maps the head token of each collective noun phrase to the ids it names.
    """
    doc = run.doc
    live = [c for c in run.clusters.values() if c.mentions]
    code_actors(run, live)
    live = [c for c in live if not (c.key in run.provisional and not c.country)]
    live.sort(key=lambda c: min(s for s, _, _ in c.mentions))
    ids = {c.key: f"A{i + 1}" for i, c in enumerate(live)}
    actors, mentions = [], []
    for c in live:
        spans = sorted({(doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)) for s, e, _ in c.mentions})
        actors.append(Actor(id=ids[c.key], name=c.name, kind=c.kind, country=c.country,
                            sector=c.sector, code=c.code, role=c.role, mentions=tuple(spans),
                            why=c.why or None))
        for s, e, how in c.mentions:
            mentions.append(Mention(s, e, doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text), ids[c.key], how))
    mentions.sort(key=lambda m: (m.start, m.end))
    heads = {i: [ids[k] for k in keys if k in ids] for i, keys in run.heads.items()}
    return actors, mentions, heads
