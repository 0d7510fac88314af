"""WARC archives (.warc, .warc.gz; Common Crawl's CC-NEWS) -> Documents, streaming.

Each ``response`` record whose HTTP payload is HTML becomes one Document: the
article text found by the HTML reader (title, blank line, paragraphs), ``url``
from ``WARC-Target-URI``, ``published`` from the page's own date, else the
``WARC-Date`` (the crawl time, an upper bound of the publication date).
Requests, metadata and non-HTML responses are skipped.

Records are read one at a time (warcio), so an archive of any size streams.
A broken record (bad header, truncated gzip member, unreadable payload)
becomes a :class:`~whimbrel.model.DocumentError` giving its byte offset; the
reader then looks for the next record start (a ``WARC/`` header line, or a gzip
member header in a compressed file) and goes on to the end of the file.
"""
from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from .. import settings
from ..model import Document, DocumentError
from .files import Context, open_regular


WARC_SUFFIXES = (".warc", ".warc.gz")

#: A record starts with this line (WARC/1.0, WARC/1.1); a gzip member with these bytes.
_WARC_MAGIC = b"WARC/1."
_GZIP_MAGIC = b"\x1f\x8b\x08"

#: HTML carries markup around the article: allow this many bytes per allowed character.
_HTML_BYTES_PER_CHAR = 16

_SCAN_BLOCK = 1 << 20


def is_warc(path: Path) -> bool:
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, reader: Context) -> Iterator[Document | DocumentError]:
    """Documents from the HTML responses of the WARC file at ``path``; broken records become errors."""
    from warcio.archiveiterator import ArchiveIterator

    origin = str(path)
    gz = path.name.lower().endswith(".gz")

    try:
        fh = open_regular(path)
        size = os.fstat(fh.fileno()).st_size
    except OSError as exc:
        yield DocumentError(path.name, f"cannot read WARC file: {exc.strerror or exc}", origin)
        return
    with fh:
        if not _starts_with_a_record(fh):
            # warcio reads unknown text as an old ARC file and finds no records: a garbage
            # file was skipped in silence (exit 0). A WARC file starts with its first record.
            what = "an empty file" if size == 0 else "it does not start with a WARC record"
            yield DocumentError(path.name, f"not a WARC file: {what}", origin)
            return
        pos = 0
        while pos < size:
            fh.seek(pos)
            it = ArchiveIterator(fh)
            current = pos  # where the record being read starts
            try:
                for record in it:
                    payload = _payload(record)  # read before the offset: asking for it skips the payload
                    it.get_record_offset()      # reads the record to its end and moves it.offset past it
                    item = _record(record, payload, current, path, reader)
                    current = pos + it.offset
                    if item is not None:
                        yield item
                return  # read to the end
            except Exception as exc:  # warcio: ArchiveLoadFailed, zlib errors, EOF inside a record...
                yield DocumentError(f"{path.name}@{current}",
                                    f"broken WARC record at byte offset {current}: {type(exc).__name__}: {exc}",
                                    f"{origin}, offset {current}")
                nxt = _next_record(fh, current + 1, _GZIP_MAGIC if gz else _WARC_MAGIC)
                if nxt is None:
                    return
                pos = nxt


def _starts_with_a_record(fh: BinaryIO) -> bool:
    """Whether the file begins with a WARC header line, plain or in a gzip member (leaves ``fh`` at 0)."""
    import gzip
    import zlib

    head = fh.read(len(_GZIP_MAGIC))
    try:
        if head == _GZIP_MAGIC:
            fh.seek(0)
            try:
                head = gzip.GzipFile(fileobj=fh).read(len(_WARC_MAGIC))
            except (OSError, EOFError, zlib.error):
                return True  # a broken first member: the record reader reports it with its offset
        else:
            head += fh.read(len(_WARC_MAGIC) - len(head))
        return head == _WARC_MAGIC
    finally:
        fh.seek(0)


def _payload(record: Any) -> bytes | None:
    """The HTTP body of an HTML response record (None for anything else, or when too large: b"")."""
    if record.rec_type != "response":
        return None
    headers = record.http_headers
    ctype = (headers.get_header("Content-Type") or "") if headers is not None else ""
    if "html" not in ctype.lower():
        return None
    data = _read_limited(record.content_stream(), settings.max_chars() * _HTML_BYTES_PER_CHAR)
    # The record's Content-Length says how many bytes it holds; bytes still
    # owed after the payload was read to its end mean the file stops inside it.
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        raise EOFError(f"record truncated: {missing} byte(s) of its declared length are missing")
    return b"" if data is None else data


def _record(record: Any, data: bytes | None, offset: int, path: Path,
            reader: Context) -> Document | DocumentError | None:
    if data is None:
        return None  # not an HTML response: requests, metadata, images, PDFs
    uri = record.rec_headers.get_header("WARC-Target-URI") or None
    doc_id = reader.unique(uri or f"{path.stem}@{offset}", f"{path.name}@{offset}")
    where = f"{path}, offset {offset}"
    if not data:
        return DocumentError(doc_id, "document too large, or an empty HTML payload", where)
    item = reader.html(data, doc_id, where, None)
    if isinstance(item, Document):
        from dataclasses import replace

        crawl = _warc_date(record.rec_headers.get_header("WARC-Date"))
        # The page's own date first; else the crawl date (the page existed then);
        # else whatever --published supplied.
        own = item.published if item.published != reader.published else None
        item = replace(item, url=uri, published=own or crawl or reader.published)
    return item


def _read_limited(stream: BinaryIO, limit: int) -> bytes | None:
    data = stream.read(limit + 1)
    if len(data) > limit:
        while stream.read(_SCAN_BLOCK):
            pass  # consume the rest so the iterator can go on to the next record
        return None
    return data


def _warc_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _next_record(fh: BinaryIO, start: int, magic: bytes) -> int | None:
    """Offset of the next ``magic`` at or after ``start``, scanning in bounded blocks; None at the end."""
    fh.seek(start)
    carry = b""
    base = start
    while True:
        block = fh.read(_SCAN_BLOCK)
        if not block:
            return None
        buf = carry + block
        i = buf.find(magic)
        if i >= 0:
            return base - len(carry) + i
        carry = buf[-(len(magic) - 1):]
        base += len(block)


__all__ = ["WARC_SUFFIXES", "is_warc", "read_warc"]
