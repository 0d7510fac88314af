"""Output: the coded actors as contract ``Actor`` objects, their mentions, and group heads."""
from __future__ import annotations

from ...model import Actor
from ...syntax import det
from .api import Mention
from .coding import code_actors
from .state import Run


def output(run: Run) -> tuple[list[Actor], list[Mention], dict[int, list[str]]]:
    """``(actors, mentions, phrase_actors)`` of the document, ids A1, A2, ... in text order.

    Actors are coded first (:func:`.coding.code_actors`); a provisional group
    ("the government") that found no country refers back where it can
    (:func:`_to_antecedents`), and is dropped otherwise. ``phrase_actors``
    maps the head token of each collective noun phrase to the ids it names.
    """
    doc = run.doc
    live = [c for c in run.clusters.values() if c.mentions]
    code_actors(run, live)
    for key in run.provisional:
        if key in run.clusters and not run.clusters[key].country:
            _to_antecedents(run, run.clusters[key])
    live = [c for c in live if c.mentions and not (c.key in run.provisional and not c.country)]
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


def _to_antecedents(run: Run, c) -> None:
    """A definite singular collective noun with no country of its own ("the government") is
    the same body as the latest earlier one of that noun whose country is known ("the Spanish
    government ... the government dismissed it"): each such mention moves to that actor, unless
    another country is named in between (the story's focus may have moved there)."""
    suffix = c.key.split(":", 2)[2]  # "GOV:government" of "group:None:GOV:government"
    doc, kept = run.doc, []
    for s, e, how in c.mentions:
        head = doc[e - 1]
        definite = head.tag_ == "NN" and any(d.dep == det and d.lower_ == "the" for d in head.children)
        best, pos = None, -1
        if definite:
            for other in run.clusters.values():
                if other is c or not other.country or not other.key.endswith(":" + suffix):
                    continue
                last = max((s0 for s0, _, _ in other.mentions if s0 < s), default=-1)
                if last > pos:
                    best, pos = other, last
        if best is None or _other_country_between(run, best, pos, s):
            kept.append((s, e, how))
            continue
        best.add(s, e, "antecedent")
        for i in range(s, e):
            if run.taken.get(i) == c.key:
                run.taken[i] = best.key
        if c.key in run.heads.get(head.i, ()):
            run.heads[head.i] = [best.key if k == c.key else k for k in run.heads[head.i]]
    c.mentions = kept


def _other_country_between(run: Run, antecedent, lo: int, hi: int) -> bool:
    """Whether a country other than the antecedent's is named in tokens (lo, hi)."""
    return any(c.kind == "country" and c.country != antecedent.country and any(lo < s < hi for s, _, _ in c.mentions)
               for c in run.clusters.values())
