"""The event store at scale: ingest rate, size and the explorer's query latency, in steps.

Synthetic analysed documents (no NLP: the store is measured, not the pipeline)
are stored through ``Store.add`` in batches of 16, as ``whimbrel ingest`` does,
until the store holds each step's number of merged events. After each step it
prints:

* the ingest rate of the step: documents/s, event mentions/s, new merged events/s;
* the store size (SQLite: file + WAL; PostgreSQL: ``pg_database_size``);
* p50 / p95 latency of the explorer's queries, ``--repeat`` runs each with
  parameters drawn from the stored data: events by dyad and month, events by
  actor, full-text search (documents, statements), dyad counts, the sanctions
  tracker (SANCTION events of the last year, newest first), and a page deep in
  the event list, by offset and by keyset (``after=``);
* the time to export every event as PLOVER JSONL.

The synthetic data: 200 countries and 4,000 persons with Zipf-distributed
frequencies (a few countries in most reports, as in news), publication dates
over ten years, 2-7 event mentions per document of PLOVER types in news-like
proportions, the event dated the publication day, the day before, its month,
or not at all; 5% of documents reprint an earlier one (near-duplicates).

    python bench/store_scale.py --db sqlite --steps 10000,100000,1000000
    python bench/store_scale.py --db postgresql --pg-url postgresql+psycopg:///scale
    python bench/store_scale.py --db both --steps 10000,30000,100000    # a shorter run

The PostgreSQL database named by ``--pg-url`` is emptied first (its tables dropped).

``--existing`` measures a store that is already there (a copy of a bench store, or one
copied from SQLite into PostgreSQL) and changes nothing in it but what ``--add-batches``
stores: first that many batches of another seed's corpus (``--seed``), printing the wall and
process CPU time per batch, then the queries' latency as after a step:

    python bench/store_scale.py --existing --db sqlite --sqlite-path copy.db --add-batches 60 --seed 99
    python bench/store_scale.py --existing --db postgresql --pg-url postgresql+psycopg:///copy
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from whimbrel.model import (  # noqa: E402
    Actor, Analysis, Document, Event, EventDate, Place, Statement, Time,
)

#: PLOVER types in rough news proportions (verbal cooperation and conflict dominate).
TYPES = {"CONSULT": 18, "AGREE": 10, "SUPPORT": 8, "COOPERATE": 7, "AID": 5, "REQUEST": 7, "ACCUSE": 12,
         "REJECT": 6, "THREATEN": 5, "PROTEST": 6, "SANCTION": 4, "MOBILIZE": 3, "COERCE": 3,
         "ASSAULT": 5, "CONCEDE": 1, "RETREAT": 1}
WORDS = ("talks trade border security ministry officials minister president government economic military "
         "agreement sanctions oil gas energy election parliament court protest police army aid refugees "
         "summit treaty nuclear missile ceasefire troops investment loan debt fishing water dam grain "
         "exports imports tariffs embassy diplomat spokesman statement report crisis conflict peace").split()
CUES = ("said", "told", "warned", "stated", "added")
#: The vocabulary of the filler text: the topical words above at Zipf ranks 5-300 among 3,000
#: others, so a searched word is in a few percent to a third of the documents, as in news.
_FILLER = [f"w{i:04d}" for i in range(3000)]
VOCAB = list(_FILLER)
for _i, _w in enumerate(WORDS):
    VOCAB.insert(5 + _i * 6, _w)
VOCAB_W = [1 / (i + 1) for i in range(len(VOCAB))]
START = dt.date(2015, 1, 1)
DAYS = 3652


class Corpus:
    """A reproducible stream of synthetic analyses."""

    def __init__(self, seed: int = 17) -> None:
        self.rng = random.Random(seed)
        self.countries = [f"C{i:02d}" if i >= 26 else "".join(chr(65 + (i + k) % 26) for k in range(3))
                          for i in range(200)]
        self.country_w = [1 / (i + 1) ** 1.1 for i in range(len(self.countries))]
        self.persons = [(f"Person{i} Surname{i % 97}", self.rng.randrange(len(self.countries))) for i in range(4000)]
        self.person_w = [1 / (i + 1) ** 0.9 for i in range(len(self.persons))]
        self.types, self.type_w = list(TYPES), list(TYPES.values())
        self.n = 0
        self.recent: list[Analysis] = []

    def _country(self) -> int:
        return self.rng.choices(range(len(self.countries)), self.country_w)[0]

    def next(self) -> Analysis:
        rng = self.rng
        self.n += 1
        if self.recent and rng.random() < 0.05:  # a reprint of a recent document
            a = rng.choice(self.recent)
            d = a.document
            text = "(Other Wire) " + d.text
            shift = len("(Other Wire) ")
            return _shifted(a, shift, Document(id=f"doc-{self.n}", text=text, title=d.title,
                                               published=d.published, source="Other Wire"))
        published = START + dt.timedelta(days=rng.randrange(DAYS))
        parts: list[str] = []
        pos = 0

        def put(s: str) -> tuple[int, int]:
            nonlocal pos
            start = pos
            parts.append(s)
            pos += len(s)
            return (start, pos)

        actors: list[Actor] = []
        spans: dict[str, list[tuple[int, int]]] = {}
        names: dict[str, str] = {}

        def actor_id(kind: str) -> str:
            if kind == "country":
                c = self.countries[self._country()]
                key, name, code, country = f"c:{c}", f"Country {c}", c, c
            else:
                p = rng.choices(range(len(self.persons)), self.person_w)[0]
                name, ci = self.persons[p]
                key, code, country = f"p:{p}", self.countries[ci] + "GOV", self.countries[ci]
            if key not in names:
                aid = f"A{len(names) + 1}"
                names[key] = aid
                actors.append(Actor(aid, name, "country" if kind == "country" else "person", country,
                                    "GOV", code, "minister" if kind != "country" else None, ()))
                spans[aid] = []
            return names[key]

        events: list[Event] = []
        statements: list[Statement] = []
        title = " ".join(rng.choices(VOCAB, VOCAB_W, k=6)).capitalize()
        put(title + "\n\n")
        for k in range(rng.randint(2, 7)):
            a = actor_id("country" if rng.random() < 0.8 else "person")
            r = actor_id("country")
            s0 = pos
            name_a = next(x.name for x in actors if x.id == a)
            spans[a].append(put(name_a))
            put(" ")
            verb = rng.choices(self.types, self.type_w)[0]
            trig = put(verb.lower() + "d")
            put(" ")
            name_r = next(x.name for x in actors if x.id == r)
            spans[r].append(put(name_r))
            put(" over " + " ".join(rng.choices(VOCAB, VOCAB_W, k=rng.randint(5, 14))) + ".")
            sent = (s0, pos)
            put(" ")
            u = rng.random()
            day = published - dt.timedelta(days=1 if u < 0.3 else 0)
            date = (EventDate(day.isoformat(), "day") if u < 0.7 else
                    EventDate(day.isoformat()[:7], "month") if u < 0.8 else EventDate(None, None))
            events.append(Event(f"E{k + 1}", verb, None, (), None, (a,), (r,), date, "asserted", None,
                                trig, sent, round(0.5 + rng.random() / 2, 3), why=f"synthetic {verb}"))
        for k in range(rng.randint(0, 3)):
            sp = actor_id("person")
            c0 = pos
            put('"' + " ".join(rng.choices(VOCAB, VOCAB_W, k=rng.randint(6, 16))) + '," ')
            content = (c0 + 1, pos - 3)
            cue = put(rng.choice(CUES))
            put(" ")
            name_s = next(x.name for x in actors if x.id == sp)
            sspan = put(name_s)
            spans[sp].append(sspan)
            put(". ")
            statements.append(Statement(f"S{k + 1}", sp, sspan, cue, content, "direct", "say", "neutral"))
        text = "".join(parts)
        actors = [Actor(**{**x.__dict__, "mentions": tuple(spans[x.id])}) for x in actors]
        times = (Time(events[0].sentence, events[0].date.value, "DATE"),) if events[0].date.value else ()
        places = (Place("P1", actors[0].mentions[0], actors[0].name, None, None, None, actors[0].country),)
        doc = Document(id=f"doc-{self.n}", text=text, title=title, published=published,
                       source=f"Outlet {rng.randrange(300)}", url=f"https://news{self.n % 50}.example/{self.n}")
        analysis = Analysis(doc, tuple(actors), tuple(events), tuple(statements), times, places)
        self.recent = (self.recent + [analysis])[-200:]
        return analysis


def _shifted(a: Analysis, k: int, doc: Document) -> Analysis:
    def sp(s):
        return (s[0] + k, s[1] + k) if s else s

    actors = tuple(Actor(**{**x.__dict__, "mentions": tuple(sp(m) for m in x.mentions)}) for x in a.actors)
    events = tuple(Event(**{**e.__dict__, "trigger": sp(e.trigger), "sentence": sp(e.sentence)}) for e in a.events)
    stmts = tuple(Statement(**{**s.__dict__, "speaker_span": sp(s.speaker_span), "cue_span": sp(s.cue_span),
                               "content_span": sp(s.content_span)}) for s in a.statements)
    times = tuple(Time(sp(t.span), t.value, t.type) for t in a.times)
    places = tuple(Place(**{**p.__dict__, "span": sp(p.span)}) for p in a.places)
    return Analysis(doc, actors, events, stmts, times, places)


# ----------------------------------------------------------------------------- measuring

def store_size(store) -> int:
    if store.dialect == "sqlite":
        path = store.engine.url.database
        return sum(os.path.getsize(p) for p in (path, path + "-wal") if os.path.exists(p))
    from sqlalchemy import text

    with store.engine.connect() as c:
        return int(c.execute(text("SELECT pg_database_size(current_database())")).scalar_one())


def count_events(store) -> int:
    """Merged events stored: the highest id (events are never deleted; cheaper than COUNT(*))."""
    from sqlalchemy import func, select

    from whimbrel.store.schema import events

    with store.engine.connect() as c:
        return int(c.execute(select(func.max(events.c.id))).scalar_one() or 0)


def samples(store, rng: random.Random, n: int) -> dict[str, list]:
    """Query parameters drawn from what is stored: dyads with their months, actors, words."""
    from sqlalchemy import func, select

    from whimbrel.store.schema import events

    with store.engine.connect() as c:
        top = c.execute(select(func.max(events.c.id))).scalar_one() or 1
        ids = [rng.randint(1, top) for _ in range(n * 3)]
        rows = c.execute(select(events.c.actor_key, events.c.recipient_key, events.c.date_start)
                         .where(events.c.id.in_(ids), events.c.date_start.is_not(None))).all()
    rows = [r for r in rows if "+" not in r.actor_key and "+" not in r.recipient_key][:n] or rows[:n]
    return {"dyads": [(r.actor_key, r.recipient_key, r.date_start) for r in rows],
            "actors": [r.actor_key for r in rows], "words": rng.sample(WORDS, min(n, len(WORDS)))}


def queries(store, s: dict, rng: random.Random) -> dict:
    from whimbrel.store import counts, query

    eng = store.engine

    def dyad_month(i):
        a, r, d = s["dyads"][i % len(s["dyads"])]
        first = d.replace(day=1)
        last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
        return query.find_events(eng, query.EventFilter(dyad=f"{a},{r}", since=first.isoformat(),
                                                        until=last.isoformat()))

    def by_actor(i):
        return query.find_events(eng, query.EventFilter(actor=s["actors"][i % len(s["actors"])]))

    def fulltext_docs(i):
        return query.find_documents(eng, q=s["words"][i % len(s["words"])])

    def fulltext_statements(i):
        return query.find_statements(eng, q=" ".join(rng.sample(s["words"], 2)))

    def dyad_counts(i):
        a, r, _ = s["dyads"][i % len(s["dyads"])]
        return counts.dyad_counts(eng, actor=a, recipient=r)

    def sanctions(i):
        return query.find_events(eng, query.EventFilter(type="SANCTION", since="2024-01-01"))

    def deep_page(i):
        return query.find_events(eng, limit=50, offset=rng.randrange(1000, 5000))

    def keyset_page(i):
        a, r, d = s["dyads"][i % len(s["dyads"])]
        return query.find_events(eng, limit=50, after=f"{d.isoformat()}:{rng.randrange(1, 10**6)}")

    return {"events by dyad+month": dyad_month, "events by actor": by_actor,
            "full-text documents": fulltext_docs, "full-text statements": fulltext_statements,
            "dyad counts": dyad_counts, "sanctions tracker": sanctions, "page at offset 1-5k": deep_page,
            "page after a cursor (keyset)": keyset_page}


def latencies(fn, repeat: int) -> tuple[float, float]:
    fn(0)  # warm the cache once, as an explorer session would
    times = []
    for i in range(repeat):
        t0 = time.perf_counter()
        fn(i + 1)
        times.append(time.perf_counter() - t0)
    times.sort()
    return statistics.median(times) * 1000, times[min(len(times) - 1, int(round(0.95 * (len(times) - 1))))] * 1000


def export_time(store) -> tuple[float, int]:
    from whimbrel.store import export

    class Sink(io.TextIOBase):
        def write(self, s):
            return len(s)

    t0 = time.perf_counter()
    n = export.export(store.engine, "plover-jsonl", Sink())
    return time.perf_counter() - t0, n


def run(kind: str, url: str, steps: list[int], repeat: int, batch: int, export_every: bool) -> None:
    from whimbrel.store import Store

    store = Store(url)
    corpus = Corpus()
    rng = random.Random(5)
    print(f"\n== {kind}: {url}", flush=True)
    print("step events | docs | mentions | step s | docs/s | mentions/s | new events/s | size MB | "
          + " | ".join(f"{q} p50/p95 ms" for q in queries(store, {"dyads": [("", "", START)], "actors": [""],
                                                                  "words": ["x"]}, rng))
          + " | export s (events/s)", flush=True)
    docs = mentions = 0
    base_rate = None
    for target in steps:
        t0 = time.perf_counter()
        step_docs = step_mentions = 0
        have = count_events(store)
        start_events = have
        while have < target:
            b = [corpus.next() for _ in range(batch)]
            store.add(b)
            step_docs += len(b)
            step_mentions += sum(len(a.events) for a in b)
            have = count_events(store)
        have = count_events(store)
        took = time.perf_counter() - t0
        docs += step_docs
        mentions += step_mentions
        rate = (have - start_events) / took
        base_rate = base_rate or rate
        s = samples(store, rng, 40)
        lat = {name: latencies(fn, repeat) for name, fn in queries(store, s, rng).items()}
        ex = export_time(store) if export_every or target == steps[-1] else None
        print(f"{have:,} | {docs:,} | {mentions:,} | {took:.1f} | {step_docs / took:.0f} | {step_mentions / took:.0f} | "
              f"{rate:.0f} ({rate / base_rate:.2f}x first step) | {store_size(store) / 1e6:.0f} | "
              + " | ".join(f"{p50:.1f}/{p95:.1f}" for p50, p95 in lat.values())
              + (f" | {ex[0]:.1f} ({ex[1] / ex[0]:.0f})" if ex else " | -"), flush=True)
    store.close()


def existing(url: str, repeat: int, add_batches: int, batch: int, seed: int) -> None:
    """Measure the store at ``url`` as it is: ``add_batches`` batches of the ``seed`` corpus stored
    into it (wall and process CPU per batch, the first one apart as a warm-up), then the queries."""
    from whimbrel.store import Store

    store = Store(url)
    before = count_events(store)
    print(f"\n== existing {store.dialect} store: {url}, {before:,} events, {store_size(store) / 1e6:.0f} MB",
          flush=True)
    if add_batches:
        corpus = Corpus(seed)
        corpus.n = 10 ** 8  # document ids apart from the stored corpus's
        batches = [[corpus.next() for _ in range(batch)] for _ in range(add_batches + 1)]
        store.add(batches[0])  # warm-up: the process's first batch pays for imports and caches
        walls, cpus = [], []
        for b in batches[1:]:
            w, c = time.perf_counter(), time.process_time()
            store.add(b)
            walls.append(time.perf_counter() - w)
            cpus.append(time.process_time() - c)
        new = count_events(store) - before
        print(f"added {add_batches} batches of {batch} (seed {seed}): {new:,} new events; per batch: wall "
              f"{statistics.mean(walls) * 1000:.1f} ms mean, {statistics.median(walls) * 1000:.1f} median; "
              f"process CPU {statistics.mean(cpus) * 1000:.1f} ms mean, {statistics.median(cpus) * 1000:.1f} median",
              flush=True)
    if repeat:
        rng = random.Random(5)
        s = samples(store, rng, 40)
        for name, fn in queries(store, s, rng).items():
            p50, p95 = latencies(fn, repeat)
            print(f"{name:32s} p50 {p50:7.1f} ms  p95 {p95:7.1f} ms", flush=True)
    store.close()


def _fresh_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    with eng.begin() as c:
        c.execute(text("DROP SCHEMA public CASCADE"))
        c.execute(text("CREATE SCHEMA public"))
    eng.dispose()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--db", choices=("sqlite", "postgresql", "both"), default="sqlite")
    ap.add_argument("--pg-url", default=os.environ.get("WHIMBREL_BENCH_PG", "postgresql+psycopg:///whimbrel_scale"))
    ap.add_argument("--sqlite-path", default=None, help="default: a temporary directory")
    ap.add_argument("--steps", default="10000,30000,100000,300000,1000000",
                    help="merged events in the store after each step")
    ap.add_argument("--repeat", type=int, default=20, help="runs of each query per step")
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--export-every-step", action="store_true", help="default: export after the last step only")
    ap.add_argument("--existing", action="store_true",
                    help="measure the store at --sqlite-path / --pg-url as it is (nothing emptied)")
    ap.add_argument("--add-batches", type=int, default=0, help="with --existing: batches to store first")
    ap.add_argument("--seed", type=int, default=99, help="with --add-batches: the corpus's seed")
    args = ap.parse_args()
    if args.existing:
        if args.db == "both" or (args.db == "sqlite" and not args.sqlite_path):
            ap.error("--existing takes one store: --db sqlite --sqlite-path PATH, or --db postgresql")
        existing(args.sqlite_path if args.db == "sqlite" else args.pg_url, args.repeat, args.add_batches,
                 args.batch, args.seed)
        return
    steps = [int(x) for x in args.steps.split(",")]
    print(f"store_scale: steps {steps}, load average {os.getloadavg()[0]:.2f}, {os.cpu_count()} cores", flush=True)
    if args.db in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            run("sqlite", args.sqlite_path or str(Path(tmp) / "scale.db"), steps, args.repeat, args.batch,
                args.export_every_step)
    if args.db in ("postgresql", "both"):
        _fresh_pg(args.pg_url)
        run("postgresql", args.pg_url, steps, args.repeat, args.batch, args.export_every_step)


if __name__ == "__main__":
    main()
