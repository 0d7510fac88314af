"""Special files and per-file failures in input directories (issue 17)."""
from __future__ import annotations

import gzip
import os
import threading

import pytest

from whimbrel.ingest import read_inputs, readers
from whimbrel.model import Document, DocumentError

TEXT = "Norway accused Chile of breaking the fishing accord on Monday, officials said.\n"


def _read(paths, timeout=30):
    """read_inputs in a thread, so a reader that blocks fails the test instead of hanging it."""
    out: list = []
    t = threading.Thread(target=lambda: out.extend(read_inputs([str(p) for p in paths],
                                                               on_warning=lambda n, m: None)), daemon=True)
    t.start()
    t.join(timeout)
    assert not t.is_alive(), "reading the inputs blocked"
    return out


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifo_and_device_symlink_in_a_directory_are_errors_and_the_rest_is_read(tmp_path):
    """A FIFO named a.txt blocked the run forever; a symlink to /dev/zero (size 0) was read
    until MemoryError, blamed on the whole directory, and the files after it were skipped."""
    (tmp_path / "1.txt").write_text(TEXT)
    os.mkfifo(tmp_path / "2-pipe.txt")
    (tmp_path / "3-zero.txt").symlink_to("/dev/zero")
    (tmp_path / "4-zero.jsonl").symlink_to("/dev/zero")
    (tmp_path / "5-zero.rss").symlink_to("/dev/zero")
    (tmp_path / "6-zero.warc").symlink_to("/dev/zero")
    (tmp_path / "7.txt").write_text(TEXT.replace("Monday", "Tuesday"))
    items = _read([tmp_path])
    assert [i.id for i in items if isinstance(i, Document)] == ["1", "7"]
    errors = {i.origin.rsplit("/", 1)[-1]: i.error for i in items if isinstance(i, DocumentError)}
    assert "named pipe" in errors["2-pipe.txt"] and "character device" in errors["3-zero.txt"]
    assert {"4-zero.jsonl", "5-zero.rss", "6-zero.warc"} <= set(errors)


def test_one_files_unexpected_error_is_that_files_error(tmp_path, monkeypatch):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT.replace("Monday", name))
    real = readers._Reader._text

    def flaky(self, data, doc_id, origin, date):
        if doc_id == "b":
            raise RuntimeError("a surprise in b")
        return real(self, data, doc_id, origin, date)

    monkeypatch.setattr(readers._Reader, "_text", flaky)
    items = _read([tmp_path])
    assert [(i.id, type(i).__name__) for i in items] == [("a", "Document"), ("b", "DocumentError"),
                                                         ("c", "Document")]
    assert "a surprise in b" in items[1].error and items[1].origin.endswith("b.txt")


@pytest.mark.parametrize("data", [b"hello world this is not a warc\n", b"", b"GARBAGE" * 100])
def test_garbage_warc_is_an_error(tmp_path, data):
    """warcio reads a text line as an old ARC header and finds no records: skipped, exit 0."""
    path = tmp_path / "g.warc"
    path.write_bytes(data)
    items = _read([path])
    assert len(items) == 1 and isinstance(items[0], DocumentError) and "not a WARC file" in items[0].error
    gz = tmp_path / "g.warc.gz"
    gz.write_bytes(b"plain bytes, no gzip member")
    assert all(isinstance(i, DocumentError) for i in _read([gz])) and _read([gz])
    ok = tmp_path / "n.warc.gz"
    ok.write_bytes(gzip.compress(b"not a warc record inside"))
    assert _read([ok]) and all(isinstance(i, DocumentError) for i in _read([ok]))


def test_jsonl_fields_of_the_wrong_type_are_not_coerced(tmp_path):
    path = tmp_path / "typed.jsonl"
    lines = [
        '{"id": {"x": 1}, "text": "Norway accused Chile of breaking the accord."}',
        '{"id": 7, "text": "Kenya accused Uganda of closing the border."}',
        '{"id": "s", "source": [{"actorText": "Peru"}], "title": 5, "published": 20220308, '
        '"text": "Peru thanked Chile for the aid shipment on Friday."}',
        "[" * 5000 + "]" * 5000,
        '{"id": "last", "text": "Japan and Korea agreed to resume talks."}',
    ]
    path.write_text("\n".join(lines) + "\n")
    warnings = []
    items = list(read_inputs([str(path)], on_warning=lambda n, m: warnings.append((n, m))))
    assert [(i.id, type(i).__name__) for i in items] == [
        ("typed:1", "DocumentError"), ("7", "Document"), ("s", "Document"), ("typed:4", "DocumentError"),
        ("last", "Document")]
    assert '"id" must be a string or an integer, found an object' in items[0].error
    assert items[2].source is None and items[2].title is None and items[2].published is None
    assert {m.split('"')[1] for n, m in warnings if n == "s"} == {"source", "title", "published"}
    assert "nested too deeply" in items[3].error
