"""`whimbrel analyze` end to end: output validated against the contract schema, exit codes, -o,
standard input, and a run full of bad input that must name each bad document and lose none."""
from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rich.console import Console

from whimbrel.commands.analyze import _progress, make_progress, run
from whimbrel.model import Actor, Analysis, Document, DocumentError, Event, EventDate, Place, Statement, Time
from whimbrel.render.pretty import render
from whimbrel.schema import validate

FIX = Path(__file__).resolve().parent / "fixtures" / "ingest"

ARTICLE = (
    "Philippines protests Chinese coast guard water cannon attack\n"
    "\n"
    "The Philippines on Sunday accused China's coast guard of firing water cannon at a supply boat "
    "near Second Thomas Shoal, and summoned the Chinese ambassador in Manila.\n"
    "\n"
    "\u201cThese dangerous actions must stop,\u201d Philippine National Security Adviser Eduardo Ano "
    "said in a statement.\n"
)

SECOND = (
    "Colombia and rebels agree to extend ceasefire\n"
    "\n"
    "Colombia's government and the National Liberation Army agreed on Friday in Caracas to extend "
    "their ceasefire for six months, negotiators said.\n"
)


def whimbrel(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run the real command in a fresh process, as a user would."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "120"}
    return subprocess.run([sys.executable, "-m", "whimbrel.cli", "analyze", *args], input=stdin,
                          capture_output=True, cwd=cwd, env=env, timeout=300)


def lines(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


# -- subprocess: the real command ---------------------------------------------------------------


def test_bad_input_set_each_named_none_lost(tmp_path):
    """Every kind of bad input in one run: a clear message per document, the good ones still analysed."""
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 64)
    latin = "Caf\u00e9 workers in Bogot\u00e1 strike\n\nCaf\u00e9 workers in Bogot\u00e1 went on strike on Monday, union leaders said."
    (tmp_path / "latin1.txt").write_bytes(latin.encode("latin-1"))
    with (tmp_path / "huge.txt").open("wb") as fh:
        fh.truncate(20 * 1024 * 1024)
    shutil.copy(FIX / "mixed.jsonl", tmp_path / "mixed.jsonl")
    shutil.copy(FIX / "scripts-only.html", tmp_path / "scripts-only.html")
    shutil.copy(FIX / "german.txt", tmp_path / "german.txt")
    (tmp_path / "last.txt").write_text(SECOND, encoding="utf-8")
    order = ["good.txt", "empty.txt", "binary.txt", "latin1.txt", "huge.txt", "mixed.jsonl",
             "scripts-only.html", "german.txt", "last.txt"]

    proc = whimbrel(*order, "--published", "2023-08-06", cwd=tmp_path)
    stderr = proc.stderr.decode("utf-8")
    assert "Traceback" not in stderr
    assert proc.returncode == 1  # some documents failed

    out = lines(proc.stdout)
    for obj in out:
        validate(obj)
    ids = [o["id"] for o in out]
    assert ids == ["good", "empty", "binary", "latin1", "huge",
                   "kin-1", "mixed:2", "mixed:4", "kin-4", "mixed:6", "kin-6",
                   "scripts-only", "german", "last"]
    failed = {o["id"]: o["error"] for o in out if "error" in o}
    assert set(failed) == {"empty", "binary", "huge", "mixed:2", "kin-4", "mixed:6", "scripts-only", "german"}
    assert failed["empty"].startswith("empty document")
    assert failed["binary"] == "binary file, not text"
    assert failed["huge"].startswith("document too large")
    assert "malformed JSON" in failed["mixed:2"]
    assert "no article text" in failed["scripts-only"]
    assert "German" in failed["german"]

    # One stderr line per failed document naming it (and where it came from).
    for doc_id, error in failed.items():
        assert any(doc_id in line and error in line for line in stderr.splitlines()), (doc_id, stderr)
    assert "mixed.jsonl, line 2" in stderr
    # The Latin-1 file is analysed, with a warning that says how it was decoded.
    latin_out = next(o for o in out if o["id"] == "latin1")
    assert latin_out["title"] == "Caf\u00e9 workers in Bogot\u00e1 strike"
    assert any("latin1" in line and "warning" in line and "not valid UTF-8" in line for line in stderr.splitlines())
    # The good documents are really analysed, with the --published date.
    good = out[0]
    assert good["published"] == "2023-08-06" and "title" in good


def test_output_file_and_exit_zero(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    target = tmp_path / "out.jsonl"
    proc = whimbrel(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(target))
    assert proc.returncode == 0, proc.stderr.decode()
    assert proc.stdout == b""
    out = lines(target.read_bytes())
    assert [o["id"] for o in out] == ["a", "b"]
    for obj in out:
        validate(obj)
        assert obj["published"] is None  # no date given anywhere
    assert b"Traceback" not in proc.stderr


def test_stdin_jsonl():
    data = "\n".join([json.dumps({"id": "x1", "text": ARTICLE, "published": "2023-08-06"}),
                      json.dumps({"id": "x2", "text": SECOND})]) + "\n"
    proc = whimbrel("-", stdin=data.encode("utf-8"))
    assert proc.returncode == 0, proc.stderr.decode()
    out = lines(proc.stdout)
    assert [o["id"] for o in out] == ["x1", "x2"]
    assert out[0]["published"] == "2023-08-06"
    for obj in out:
        validate(obj)


def test_bad_published_value_exits_2_with_a_clear_message(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    proc = whimbrel(str(tmp_path / "a.txt"), "--published", "06/08/2023")
    assert proc.returncode == 2
    stderr = proc.stderr.decode()
    assert "--published" in stderr and "YYYY-MM-DD" in stderr
    assert "Traceback" not in stderr and proc.stdout == b""


# -- in process (shares the session's pipeline) -----------------------------------------------------


@pytest.fixture
def articles(tmp_path, nlp):  # nlp: load the shared pipeline once; run() reuses it
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "b.txt").write_text(SECOND, encoding="utf-8")
    return tmp_path


def test_stdin_as_one_text_document(nlp, capsys, monkeypatch):
    class FakeStdin:
        buffer = io.BytesIO(ARTICLE.encode("utf-8"))

    monkeypatch.setattr(sys, "stdin", FakeStdin())
    assert run(["-"], stdin_format="text", published="2023-08-06") == 0
    (obj,) = lines(capsys.readouterr().out.encode("utf-8"))
    validate(obj)
    assert obj["id"] == "stdin" and obj["title"].startswith("Philippines protests")
    assert obj["published"] == "2023-08-06"


def test_json_format_is_one_array_in_input_order(articles, capsys):
    code = run([str(articles / "b.txt"), str(articles / "missing.txt"), str(articles / "a.txt")], fmt="json")
    captured = capsys.readouterr()
    assert code == 1
    arr = json.loads(captured.out)
    assert [o["id"] for o in arr] == ["b", str(articles / "missing.txt"), "a"]
    for obj in arr:
        validate(obj)
    assert "no such file" in captured.err


def test_json_format_with_nothing_to_analyse_is_an_empty_array(tmp_path, capsys, nlp):
    empty_dir = tmp_path / "none"
    empty_dir.mkdir()
    assert run([str(empty_dir)], fmt="json") == 0
    assert json.loads(capsys.readouterr().out) == []


def test_pretty_format_shows_title_date_and_errors(articles, capsys):
    code = run([str(articles / "a.txt"), str(articles / "nope.txt")], fmt="pretty", published="2023-08-06")
    captured = capsys.readouterr()
    assert code == 1
    assert "Philippines protests Chinese coast guard water cannon attack" in captured.out
    assert "2023-08-06" in captured.out
    assert "nope.txt" in captured.out and "no such file" in captured.out
    assert "nope.txt" in captured.err


def test_pretty_to_a_file_has_no_escape_codes(articles, capsys):
    target = articles / "view.txt"
    assert run([str(articles / "a.txt")], fmt="pretty", out=target) == 0
    text = target.read_text(encoding="utf-8")
    assert "Philippines protests" in text and "\x1b[" not in text


@pytest.mark.parametrize("kwargs, message", [
    ({"fmt": "xml"}, "--format"),
    ({"stdin_format": "csv"}, "--stdin-format"),
    ({"published": "yesterday"}, "--published"),
])
def test_usage_errors_exit_2(articles, capsys, kwargs, message):
    assert run([str(articles / "a.txt")], **kwargs) == 2
    assert message in capsys.readouterr().err


def test_unwritable_output_exits_2(articles, capsys):
    assert run([str(articles / "a.txt")], out=articles / "no-such-dir" / "out.jsonl") == 2
    assert "cannot write" in capsys.readouterr().err


def test_missing_model_is_a_message_not_a_traceback(articles, capsys):
    assert run([str(articles / "a.txt")], model="no_such_spacy_model_xyz") == 2
    assert "not installed" in capsys.readouterr().err


# -- pretty view and progress bar ----------------------------------------------------------------------


def test_pretty_view_renders_every_section():
    text = ("Kenya accuses Somalia of border raid\n\nKenyan Interior Minister Kithure Kindiki said on "
            "Friday that Somali militants had attacked a police post near Mandera.")
    analysis = Analysis(
        document=Document(id="ke-1", text=text, title="Kenya accuses Somalia of border raid",
                          published=dt.date(2023, 6, 10)),
        actors=(Actor("A1", "Kithure Kindiki", "person", "KEN", "GOV", "KENGOV", "interior minister", ((45, 60),)),
                Actor("A2", "Somali militants", "group", "SOM", "REB", "SOMREB", None, ((86, 102), (0, 5)))),
        events=(Event("E1", "ASSAULT", None, (), "190", ("A2",), (), EventDate("2023-06-09", "day"), "asserted",
                      "P1", (111, 119), (38, 141), 0.8),),
        statements=(Statement("S1", "A1", (45, 60), (61, 65), (71, 140), "indirect"),),
        times=(Time((69, 75), "2023-06-09", "DATE"),),
        places=(Place("P1", (134, 141), "Mandera", 187585, 3.94, 41.86, "KEN", False),),
    )
    console = Console(record=True, width=160, file=io.StringIO())
    render(console, analysis)
    shown = console.export_text()
    for expected in ("Kenya accuses Somalia of border raid", "2023-06-10", "Actors", "Kithure Kindiki",
                     "KENGOV", "interior minister", "Events", "ASSAULT", "Somali militants", "Mandera",
                     "Statements", "Times", "Friday", "Places", "187585"):
        assert expected in shown, expected
    # Statements grouped under their speaker's name.
    statements = shown.index("Statements")
    assert statements < shown.index("Kithure Kindiki (A1)") < shown.index("that Somali militants had attacked", statements)


def test_pretty_view_of_an_error():
    console = Console(record=True, width=120, file=io.StringIO())
    render(console, DocumentError("bad-1", "binary file, not text", "data/bad-1.txt"))
    shown = console.export_text()
    assert "bad-1" in shown and "binary file, not text" in shown and "data/bad-1.txt" in shown


def test_progress_bar_draws_on_a_terminal():
    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, width=100)
    progress = make_progress(console)
    assert not progress.disable
    with progress:
        task = progress.add_task("analysing", total=3)
        for _ in range(3):
            progress.advance(task)
        progress.refresh()
    assert "documents" in buffer.getvalue() and "3/3" in buffer.getvalue()


def test_progress_bar_is_off_when_stderr_is_not_a_terminal_or_one_document(tmp_path):
    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    assert make_progress(Console(file=io.StringIO())).disable
    with _progress([str(tmp_path / "a.txt")], "jsonl") as bar:
        assert bar is None
    with _progress(["-"], "text") as bar:
        assert bar is None
    with _progress([str(tmp_path)], "jsonl", console=Console(file=io.StringIO(), force_terminal=True)) as bar:
        assert bar is not None


def test_ingest_progress_counts_every_input_document_against_the_total(tmp_path, monkeypatch):
    """The ingest bar knows the total (files and JSONL lines counted up front) and shows time left;
    documents skipped as already stored count as done."""
    from whimbrel.commands import ingest as ingest_cmd
    from whimbrel.commands.analyze import count_documents

    (tmp_path / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "more.jsonl").write_text('{"text": "One."}\n{"text": "Two."}\n', encoding="utf-8")
    assert count_documents([str(tmp_path)]) == 3
    assert count_documents(["-"]) is None

    buffer = io.StringIO()
    monkeypatch.setattr(ingest_cmd, "Console", lambda stderr=True: Console(file=buffer, force_terminal=True, width=120))

    class Store:
        def add(self, batch):
            return [type("R", (), {"status": "stored"})() for _ in batch]

        def close(self):
            pass

    counts = {"stored": 0, "duplicate": 0, "skipped": 1, "failed": 0}
    code = ingest_cmd._store_all(Store(), iter([object(), object()]), counts, 1, "x.db", total=3)
    assert code == 0 and counts["stored"] == 2
    out = buffer.getvalue()
    assert "3/3" in out and "left" in out
