"""What every reader of the ingest package shares: opening regular files only, and the
context a container format (feed, WARC archive) reads its documents through.

``readers`` dispatches on the kind of input and implements :class:`Context`; ``feeds`` and
``warc`` take a ``Context`` and never import ``readers``, so the package has no import loop.
"""
from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path
from typing import BinaryIO, Protocol

from ..model import Document, DocumentError

_SPECIAL = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
            (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


class Context(Protocol):
    """What a container reader needs from the reader of the whole input."""

    #: The publication date given for documents that carry none.
    published: dt.date | None

    def warn(self, name: str, message: str) -> None:
        """Report a recoverable problem with ``name``."""

    def unique(self, doc_id: str, fallback: str) -> str:
        """``doc_id`` (else ``fallback``) made unique among the documents read so far."""

    def vetted(self, doc: Document) -> Document | DocumentError:
        """``doc``, or an error when its text cannot be analysed (empty, binary, not English)."""

    def html(self, data: bytes, doc_id: str, origin: str, date: dt.date | None) -> Document | DocumentError:
        """The article of an HTML page."""


def _kind(mode: int) -> str | None:
    """None for a regular file, else what the file is."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _SPECIAL if test(mode)), "not a regular file")


def special_file(path: Path) -> str | None:
    """What ``path`` is when it is not a regular file (after symlinks), else None; never opens it."""
    try:
        return _kind(os.stat(path).st_mode)
    except OSError:
        return None  # missing or unreadable: opening it says why


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, provided it is a regular file (checked on the open file, so a
    FIFO swapped in after :func:`special_file` neither blocks the open nor gets read)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    try:
        kind = _kind(os.fstat(fd).st_mode)
        if kind is not None:
            raise OSError(f"not a regular file ({kind})")
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise
