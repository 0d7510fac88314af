"""``whimbrel serve``: the HTTP API and the web explorer over a store."""
from __future__ import annotations

import os
import socket
import sys


def run(db: str, host: str = "127.0.0.1", port: int = 8000) -> int:
    import uvicorn

    from ..api import create_app, is_local
    from ..store.errors import describe, redact

    if not is_local(host) and not os.environ.get("WHIMBREL_TOKEN"):
        print("whimbrel: note: listening beyond localhost without WHIMBREL_TOKEN: "
              "write endpoints (POST /api/analyze?store=true) are refused", file=sys.stderr)
    from . import missing_store

    problem = missing_store(db)
    if problem:
        print(f"whimbrel: error: {problem}", file=sys.stderr)
        return 2
    try:
        sock = listen(host, port)  # before the URL is printed: a busy port fails first
    except OSError as exc:
        print(f"whimbrel: error: cannot listen on {host}:{port}: {exc.strerror or exc}", file=sys.stderr)
        return 1
    try:
        app = create_app(db, host=host)
    except Exception as exc:
        sock.close()
        print(f"whimbrel: error: cannot open store {redact(repr(db))}: {describe(exc)}", file=sys.stderr)
        return 2
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    print(f"whimbrel: explorer at http://{shown}:{port}/  (API: /api/events, spec: /openapi.json)", file=sys.stderr)
    uvicorn.Server(uvicorn.Config(app, host=host, port=port, log_level="warning")).run(sockets=[sock])
    return 0


def listen(host: str, port: int) -> socket.socket:
    """A socket bound to ``host:port`` (OSError when the port is taken), handed to uvicorn."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except OSError:
        sock.close()
        raise
    sock.set_inheritable(True)
    return sock
