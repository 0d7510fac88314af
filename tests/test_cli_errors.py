"""Error lines of the CLI: no database password, no SQL, no article text (issue 17)."""
from __future__ import annotations

import sqlite3

from sqlalchemy.exc import IntegrityError

from whimbrel.commands import ingest, open_store
from whimbrel.store.errors import describe, redact


def test_store_url_password_is_not_echoed(capsys):
    assert open_store("postgresql+psycopg://analyst:s3cr3t-pw@127.0.0.1:1/events") is None
    err = capsys.readouterr().err
    assert "cannot open store" in err and "s3cr3t-pw" not in err and "analyst:***@" in err
    assert "s3cr3t" not in redact("host=x password=s3cr3t dbname=y")


def test_storing_failure_shows_the_database_message_not_sql_and_text(capsys):
    article = "Norway accused Chile. " * 100

    class Failing:
        def add(self, batch):
            raise IntegrityError("INSERT INTO documents (doc_key, text) VALUES (?, ?)", ("d1", article),
                                 sqlite3.IntegrityError("UNIQUE constraint failed: documents.content_hash"))

        def close(self):
            pass

    counts = {"stored": 0, "duplicate": 0, "skipped": 0, "failed": 0}
    assert ingest._store_all(Failing(), iter([object()]), counts, 1, "x.db") == ingest.EXIT_DOCUMENT_FAILED
    err = capsys.readouterr().err
    assert "UNIQUE constraint failed: documents.content_hash" in err
    assert "INSERT" not in err and "Norway accused" not in err and len(err) < 400
    assert describe(ValueError("plain")) == "ValueError: plain"
