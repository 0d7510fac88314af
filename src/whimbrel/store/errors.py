"""Error text that is safe to show: no passwords, no SQL statements, no stored text.

SQLAlchemy's errors carry the SQL and its bound parameters (a document's whole
text), and a database URL may carry a password; neither belongs on a terminal
or in a log.
"""
from __future__ import annotations

import re

_URL_PASSWORD = re.compile(r"(://[^:/@\s'\"]*:)[^@\s'\"]*@")
_PARAM_PASSWORD = re.compile(r"(password=)[^&\s'\"]*", re.IGNORECASE)


def redact(text: str) -> str:
    """``text`` with the password of every URL (``user:PASSWORD@``, ``password=...``) replaced by ***."""
    return _PARAM_PASSWORD.sub(r"\1***", _URL_PASSWORD.sub(r"\1***@", str(text)))


def describe(exc: BaseException) -> str:
    """One line for the user: the exception's kind and the database's own message, without the
    SQL, its parameters or any password."""
    from sqlalchemy.exc import DBAPIError, StatementError

    inner = exc.orig if isinstance(exc, (DBAPIError, StatementError)) and exc.orig is not None else exc
    lines = str(inner).strip().splitlines() or [""]
    message = lines[0][:300]
    return redact(f"{type(inner).__name__}: {message}" if message else type(inner).__name__)
