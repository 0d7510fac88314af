"""``whimbrel ingest`` as a user runs it: idempotent, and safe to kill and resume."""
from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

CLI = [sys.executable, "-m", "whimbrel.cli"]
COUNTRIES = ["Norway", "Chile", "Kenya", "Peru", "Japan", "Ghana", "Spain", "Nepal", "Egypt", "Fiji"]


def _docs(n: int) -> list[dict]:
    out = []
    for i in range(n):
        a, b = COUNTRIES[i % 10], COUNTRIES[(i * 3 + 1) % 10]
        out.append({"id": f"doc-{i}", "published": f"2021-02-{i % 27 + 1:02d}",
                    "text": f"{a} accused {b} on Monday of violating agreement number {i}. "
                            f"The foreign ministry of {a} said talks with {b} would be suspended "
                            f"until the matter number {i * 7} is resolved."})
    return out


def _count(db: Path) -> tuple[int, int]:
    """(documents, distinct texts) in the store; (0, 0) while it is still being created."""
    if not db.exists():
        return (0, 0)
    try:
        with sqlite3.connect(db) as c:
            return (c.execute("select count(*) from documents").fetchone()[0],
                    c.execute("select count(distinct content_hash) from documents").fetchone()[0])
    except sqlite3.OperationalError:  # schema not there yet
        return (0, 0)


def test_killed_ingest_resumes_without_loss_or_doubles(tmp_path, nlp):
    docs = _docs(20)
    src = tmp_path / "all.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in docs))
    db = tmp_path / "crash.db"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    # Its own session, so the kill below can take its worker processes too.
    proc = subprocess.Popen(CLI + ["ingest", "-", "--db", str(db), "--batch-size", "2"],
                            stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env,
                            start_new_session=True)
    # Feed the documents slowly, and kill the process as soon as some are committed:
    # it is then mid-run, with documents analysed or waiting that are not stored.
    killed_at = None
    deadline = time.monotonic() + 120
    for i, d in enumerate(docs):
        proc.stdin.write((json.dumps(d) + "\n").encode())
        proc.stdin.flush()
        time.sleep(0.05)
        if i >= 3:
            stored = _count(db)[0]
            if stored >= 2:
                proc.send_signal(signal.SIGKILL)  # the ingest process alone: a crash
                killed_at = stored
                break
    else:
        # Input ran out before the first commit: wait for one, then kill.
        while time.monotonic() < deadline and _count(db)[0] < 2:
            time.sleep(0.05)
        proc.send_signal(signal.SIGKILL)
        killed_at = _count(db)[0]
    proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    # Its workers die with it (PR_SET_PDEATHSIG); kill the session anyway so a
    # failure here never leaves model-holding processes behind.
    time.sleep(0.5)
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    n, distinct = _count(db)
    assert 2 <= n < 20 and n == distinct and killed_at is not None

    rerun = subprocess.run(CLI + ["ingest", str(src), "--db", str(db)], capture_output=True, text=True,
                           env=env, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    assert f"already stored {n}" in rerun.stderr
    n, distinct = _count(db)
    assert n == distinct == 20
    with sqlite3.connect(db) as c:
        keys = sorted(r[0] for r in c.execute("select doc_key from documents"))
        orphans = c.execute("select count(*) from event_mentions where document_id not in "
                            "(select id from documents)").fetchone()[0]
    assert keys == sorted(d["id"] for d in docs)
    assert orphans == 0

    # A third run changes nothing.
    again = subprocess.run(CLI + ["ingest", str(src), "--db", str(db)], capture_output=True, text=True,
                           env=env, timeout=300)
    assert again.returncode == 0 and "stored 0" in again.stderr and "already stored 20" in again.stderr
    assert _count(db) == (20, 20)


def test_query_and_export_commands(tmp_path):
    db = tmp_path / "cli.db"
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps(d) + "\n" for d in _docs(3)))
    r = subprocess.run(CLI + ["ingest", str(src), "--db", str(db)], capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    r = subprocess.run(CLI + ["query", "documents", "--db", str(db), "--format", "json"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and len(json.loads(r.stdout)) == 3
    r = subprocess.run(CLI + ["query", "events", "--db", str(db), "--type", "NOPE"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 2 and "PLOVER" in r.stderr
    r = subprocess.run(CLI + ["query", "actors", "--db", str(db), "--format", "csv"],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0 and r.stdout.startswith("id,name,kind")
    out = tmp_path / "ev.tsv"
    r = subprocess.run(CLI + ["export", "--format", "gdelt", "-o", str(out), "--db", str(db)],
                       capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert out.read_text().startswith("GLOBALEVENTID\tSQLDATE")
