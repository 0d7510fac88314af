"""Hand-built Analysis objects and store fixtures shared by the store, API and browser tests.

The texts are written for these tests; the analyses are what a pipeline could
have produced, so the store is tested independently of the NLP stages.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import os
import uuid

import pytest

from whimbrel.model import (
    Actor, Analysis, Document, Event, EventDate, Place, Statement, Time,
)

PG_URL = os.environ.get("WHIMBREL_TEST_PG")


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    i = text.index(needle, start)
    return (i, i + len(needle))


def make_analysis(doc_id: str, text: str, published: dt.date | None, *, source: str | None = None,
                  url: str | None = None, title: str | None = None, event: str = "ACCUSE",
                  actor=("Norway", "NOR"), recipient=("Chile", "CHL"), date: str | None = None,
                  modality: str = "asserted", trigger: str = "accused", speaker: str | None = None,
                  cameo: str | None = "112") -> Analysis:
    """One document in which ``actor`` does ``event`` to ``recipient`` (names must occur in ``text``)."""
    a1 = Actor("A1", actor[0], "country", actor[1], "GOV", actor[1], None, (_find(text, actor[0]),))
    a2 = Actor("A2", recipient[0], "country", recipient[1], None, recipient[1], None, (_find(text, recipient[0]),))
    actors = [a1, a2]
    statements = []
    if speaker:
        sp = _find(text, speaker)
        actors.append(Actor("A3", speaker, "person", actor[1], "GOV", actor[1] + "GOV", "minister", (sp,)))
        cue = _find(text, "said")
        statements.append(Statement("S1", "A3", sp, cue, (0, sp[0] - 2), "indirect", "say", "neutral"))
    trig = _find(text, trigger)
    end = text.find(".", trig[1])
    sentence = (0, end + 1 if end >= 0 else len(text))
    ev = Event("E1", event, None, ("diplomatic",), cameo, ("A1",), ("A2",),
               EventDate(date, ("day" if date and len(date) == 10 else "month" if date else None)),
               modality, None, trig, sentence, 0.8, why=f"trigger '{trigger}' -> {event}")
    times = ()
    places = ()
    if "Oslo" in text:
        places = (Place("P1", _find(text, "Oslo"), "Oslo", 3143244, 59.91, 10.75, "NOR", False),)
        ev = Event(**{**ev.__dict__, "location": "P1"})
    if "Monday" in text and date:
        times = (Time(_find(text, "Monday"), date, "DATE"),)
    doc = Document(id=doc_id, text=text, title=title, published=published, url=url, source=source)
    return Analysis(doc, tuple(actors), (ev,), tuple(statements), times, places)


def moving_dates() -> list[Analysis]:
    """One event (Norway accuses Chile) reported by several outlets, each report dated a day
    earlier than the one before, so the merged event moves twice; then a month-only, and two
    undated reports that merge with each other. Shared by the batch and the dyad-table tests."""
    t = "Norway accused Chile of spying."
    d = dt.date(2021, 5, 10)
    return [make_analysis("late", t, d, source="S", date="2021-05-12"),
            # one day before: merges, and the event moves to the earlier day, 05-11 ...
            make_analysis("mid", t + " Officials said so.", d, source="T", date="2021-05-11"),
            # ... so a report of 05-10, two days from where the event was, now joins it too
            make_analysis("early", t + " A third report.", d, source="U", date="2021-05-10"),
            make_analysis("month", t + " Some time in May.", d, source="V", date="2021-05"),
            make_analysis("undated", t + " Undated.", None, source="W"),
            make_analysis("undated2", "Reporters in Santiago heard that Norway accused Chile of spying on its "
                          "fishing fleet for years.", None, source="X")]


def fill_in_batches(store, seed: int, n: int, again: int = 0) -> None:
    """Fill ``store`` as the writer's consistency tests need: ``n`` bench-corpus documents
    (bench/store_scale.py, seeded) in batches of 16, the first ``again`` of them once more
    (stored already: skipped), then :func:`moving_dates` re-dated across batches and inside one."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from store_scale import Corpus

    corpus = Corpus(seed=seed)
    docs = [corpus.next() for _ in range(n)]
    for i in range(0, len(docs), 16):
        store.add(docs[i:i + 16])
    if again:
        store.add(docs[:again])
    for a in moving_dates()[:2]:  # re-dated across batches ...
        store.add([a])
    store.add(moving_dates()[2:])  # ... and inside one


def older_store(kind: str, tmp_path, version: int, undo: list[str], seed: int = 5):
    """A store of 64 bench-corpus documents turned back into a version-``version`` one by the
    SQL statements ``undo``; returns (its URL, the corpus, to write more of it after migration)."""
    import sys
    from pathlib import Path

    from sqlalchemy import text

    from whimbrel.store import Store

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from store_scale import Corpus

    store = Store(fresh_url(kind, tmp_path))
    corpus = Corpus(seed=seed)
    store.add([corpus.next() for _ in range(64)])
    with store.engine.begin() as c:
        for statement in [*undo, f"UPDATE schema_version SET version = {int(version)}"]:
            c.execute(text(statement))
    url = store.url
    store.close()
    return url, corpus


WIRE = ("Norway accused Chile on Monday of breaking the fishing accord in Oslo, and Foreign Minister "
        "Kari Nordmann said the talks on quotas would stop until the matter was settled. Officials in both "
        "capitals gave no further details about the dispute over the southern fishing grounds.")


def wire_copy(text: str, outlet: str) -> str:
    """The same wire story as another outlet prints it: its own byline, same body."""
    return f"({outlet}) " + text + f" Reporting by the {outlet} desk."


def corpus() -> list[Analysis]:
    """Four documents: one story, its near-duplicate reprint, an independent report of the same
    event a day later, and an unrelated cooperative event a month later."""
    d = dt.date(2021, 3, 2)
    return [
        make_analysis("wire-1", WIRE, d, source="Agency One", url="https://one.example/a1",
                      title="Norway accuses Chile", date="2021-03-01", speaker="Kari Nordmann"),
        make_analysis("wire-2", wire_copy(WIRE, "Daily Two"), d, source="Daily Two",
                      url="https://two.example/b", date="2021-03-01", speaker="Kari Nordmann"),
        make_analysis("own-3", "Chile rejected the claim after Norway accused it of breaking the accord, "
                      "a report from Santiago said on Tuesday.", dt.date(2021, 3, 3), source="Paper Three",
                      date="2021-03-02"),
        make_analysis("later-4", "Norway and Chile agreed to resume the fishing talks in April.",
                      dt.date(2021, 4, 10), source="Agency One", event="AGREE", trigger="agreed",
                      date="2021-04-09", cameo="030"),
    ]


def db_urls() -> list:
    params = [pytest.param("sqlite", id="sqlite")]
    params.append(pytest.param("postgresql", id="postgresql", marks=pytest.mark.skipif(
        not PG_URL, reason="WHIMBREL_TEST_PG not set (CI sets it; see .ci/run)")))
    return params


#: PostgreSQL databases :func:`fresh_url` made that are not dropped yet (drop_test_databases drops them).
_CREATED: list[str] = []


def fresh_url(kind: str, tmp_path) -> str:
    """A new, empty store of ``kind``: a SQLite file, or a fresh schema-less PostgreSQL database,
    dropped when the test ends (:func:`drop_test_databases`)."""
    if kind == "sqlite":
        return str(tmp_path / "store.db")
    from sqlalchemy import create_engine, text

    name = "whimbrel_t_" + uuid.uuid4().hex[:10]
    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        c.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    _CREATED.append(name)
    base = PG_URL.rsplit("/", 1)[0]
    return f"{base}/{name}"


def drop_created() -> list[str]:
    """Drop every database :func:`fresh_url` made so far, closing the connections a test's stores
    still hold (``WITH (FORCE)``, PostgreSQL 13+); returns their names."""
    names, _CREATED[:] = list(_CREATED), []
    if not names:
        return names
    from sqlalchemy import create_engine, text

    admin = create_engine(PG_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as c:
        for name in names:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()
    return names


@pytest.fixture(autouse=True)
def drop_test_databases():
    """After each test, the PostgreSQL databases it made with :func:`fresh_url` are dropped
    (before, every PostgreSQL store test left one behind)."""
    yield
    drop_created()


@contextlib.contextmanager
def serving(db: str):
    """The API + explorer over the store ``db`` on a free loopback port, in a thread; yields its URL."""
    import socket
    import threading
    import time

    import uvicorn

    from whimbrel.api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.monotonic() + 20
    while not srv.started and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        t.join(timeout=10)
