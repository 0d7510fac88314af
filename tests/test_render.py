"""One registry of output formats behind analyze, query, export and the API; --help without spaCy."""
from __future__ import annotations

import csv
import io
import json
import subprocess
import sys

import pytest
from fastapi.testclient import TestClient

from store_fixtures import corpus
from whimbrel import render
from whimbrel.api import create_app
from whimbrel.commands import query as query_cmd
from whimbrel.store import Store, export


def test_every_format_resolves_its_writer():
    for name, fmt in render.FORMATS.items():
        module, _, cls = fmt.writer.partition(":")
        assert hasattr(__import__(module, fromlist=[cls]), cls), name
    assert render.names(render.ANALYSIS) == ("jsonl", "json", "pretty")
    assert render.names(render.ROWS) == ("jsonl", "json", "table", "csv")
    assert render.names(render.EVENTS) == ("plover-jsonl", "gdelt", "parquet")
    assert export.FORMATS == render.names(render.EVENTS)


def test_a_format_for_another_kind_is_refused_with_the_right_choices():
    assert render.problem("pretty", render.ROWS) == "--format must be one of jsonl, json, table, csv, not 'pretty'"
    assert render.problem("csv", render.ANALYSIS).startswith("--format must be one of jsonl, json, pretty")
    with pytest.raises(ValueError, match="plover-jsonl, gdelt, parquet"):
        render.open_writer("jsonl", io.StringIO(), render.EVENTS)


@pytest.fixture
def db(tmp_path):
    path = str(tmp_path / "r.db")
    s = Store(path)
    s.add(corpus())
    s.close()
    return path


def test_query_and_api_write_the_same_rows(db, nlp, capsys):
    assert query_cmd.run("events", db, fmt="csv", limit=50) == 0
    cli_rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert cli_rows and {"id", "event", "actor"} <= set(cli_rows[0])
    with TestClient(create_app(db, nlp=nlp), base_url="http://localhost") as c:
        r = c.get("/api/events", params={"format": "csv", "limit": 50})
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
        assert list(csv.DictReader(io.StringIO(r.text))) == cli_rows
        lines = c.get("/api/events", params={"format": "jsonl", "limit": 50}).text.splitlines()
        assert [json.loads(x)["id"] for x in lines] == [int(r["id"]) for r in cli_rows]
        assert c.get("/api/events", params={"format": "pretty"}).status_code == 400
        gd = c.get("/api/export", params={"format": "gdelt"})
        assert gd.status_code == 200 and gd.text.splitlines()[0].startswith("GLOBALEVENTID\t")
        assert len(gd.text.splitlines()) == len(cli_rows) + 1
        assert c.get("/api/export", params={"format": "parquet"}).status_code == 400


def test_export_writes_through_the_registry(db, tmp_path):
    out = tmp_path / "e.jsonl"
    s = Store(db)
    n = export.export(s.engine, "plover-jsonl", out)
    pq = tmp_path / "e.parquet"
    assert export.export(s.engine, "parquet", pq) == n > 0
    s.close()
    assert len(out.read_text().splitlines()) == n
    import pyarrow.parquet as pqm

    assert pqm.read_table(pq).num_rows == n


@pytest.mark.parametrize("argv", [["--help"], ["analyze", "--help"], ["query", "--help"], ["analyze"],
                                  ["export", "--help"]])
def test_help_and_argument_errors_do_not_import_spacy(argv):
    code = ("import sys\nfrom whimbrel.cli import main\nsys.argv = ['whimbrel'] + sys.argv[1:]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            "sys.stderr.write('SPACY=%s' % ('spacy' in sys.modules))\n")
    proc = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60)
    assert "SPACY=False" in proc.stderr, proc.stderr[-500:]
    assert ("Usage" in proc.stdout + proc.stderr)
