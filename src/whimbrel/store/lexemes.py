"""PostgreSQL: how many documents hold each full-text lexeme (``document_lexemes``, schema v9).

The document search's total is a count of the matching documents. A word in a third of
the news (``border``, ``security``) matched 20,000-25,000 of 73,000 documents at 300,000
events, and PostgreSQL counted them by reading every document's ``tsv`` (a sequential scan,
500 ms; the GIN index's bitmap still visits each matching row's page, 240-270 ms): over the
explorer's 100 ms, and growing with the store (docs/scale.md, round 5). A query of one lexeme
(most searches: one word, or words with one stem) is now counted from this table, which
holds for every lexeme the number of documents whose ``tsv`` contains it; the writer adds a
batch's new documents in the batch's transaction (documents are never deleted), so the table
is a function of ``documents`` after every commit. Queries of several lexemes are counted as
before. SQLite counts in its FTS5 index and has no such table.
"""
from __future__ import annotations

from sqlalchemy import Connection, text

_CREATE = text("CREATE TABLE IF NOT EXISTS document_lexemes (lexeme TEXT PRIMARY KEY, n INTEGER NOT NULL)")
#: The lexemes of the documents ``:ids``, one row each with the number of those documents.
_OF = ("SELECT l, count(*) FROM documents, unnest(tsvector_to_array(documents.tsv)) AS l {where} GROUP BY l")
_ADD = text("INSERT INTO document_lexemes (lexeme, n) " + _OF.format(where="WHERE documents.id = ANY(:ids)")
            + " ON CONFLICT (lexeme) DO UPDATE SET n = document_lexemes.n + excluded.n")
#: (the query's number of distinct lexemes, the documents holding its first): what
#: ``plainto_tsquery`` ANDs together is the lexemes ``to_tsvector`` finds in the same words.
_SINGLE = text("SELECT cardinality(a), (SELECT n FROM document_lexemes WHERE lexeme = a[1]) "
               "FROM (SELECT tsvector_to_array(to_tsvector('english', :pq)) AS a) AS q")


def create(conn: Connection) -> None:
    """Make the table and fill it from every stored document (the migration)."""
    conn.execute(_CREATE)
    conn.execute(text("DELETE FROM document_lexemes"))
    conn.execute(text("INSERT INTO document_lexemes (lexeme, n) " + _OF.format(where="")))


def add_documents(conn: Connection, doc_ids: list[int]) -> None:
    """Count the lexemes of newly stored documents (the writer, once per batch)."""
    if doc_ids:
        conn.execute(_ADD, {"ids": list(doc_ids)})


def single_count(conn: Connection, words: str) -> int | None:
    """How many documents match ``plainto_tsquery('english', words)`` when that is one
    lexeme; None for a query of several (or none: stop words only)."""
    k, n = conn.execute(_SINGLE, {"pq": words}).one()
    return int(n or 0) if k == 1 else None
