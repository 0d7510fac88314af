"""``whimbrel serve``: the HTTP API and the web explorer over a store."""
from __future__ import annotations

import os
import sys


def run(db: str, host: str = "127.0.0.1", port: int = 8000) -> int:
    import uvicorn

    from ..api import create_app, is_local
    from ..store.errors import describe, redact

    if not is_local(host) and not os.environ.get("WHIMBREL_TOKEN"):
        print("whimbrel: note: listening beyond localhost without WHIMBREL_TOKEN: "
              "write endpoints (POST /api/analyze?store=true) are refused", file=sys.stderr)
    try:
        app = create_app(db, host=host)
    except Exception as exc:
        print(f"whimbrel: error: cannot open store {redact(repr(db))}: {describe(exc)}", file=sys.stderr)
        return 2
    shown = "localhost" if host in ("127.0.0.1", "::1") else host
    print(f"whimbrel: explorer at http://{shown}:{port}/  (API: /api/events, spec: /openapi.json)", file=sys.stderr)
    uvicorn.run(app, host=host, port=port, log_level="warning")
    return 0
