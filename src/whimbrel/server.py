"""Server machinery of the HTTP API: the analysis pool and the request guard.

* :class:`AnalysisPool` runs analyses on threads of its own, a fixed number at
  a time with a bounded queue behind them. Before it, each analysis held one
  of the worker threads that FastAPI's synchronous read endpoints share (40):
  41 queued analyses left ``/api/health`` waiting 21 s. Now an analysis never
  takes a read thread, and past the queue the answer is 503 at once.
* :class:`RequestGuard` (ASGI middleware) refuses requests whose ``Host`` is
  not the server's own name when it listens on loopback (DNS rebinding: a page
  on ``evil.example`` whose name resolves to 127.0.0.1), and writes (any
  method but GET/HEAD/OPTIONS) that a browser sends from another site: an
  ``Origin`` other than the ``Host``, or ``Sec-Fetch-Site: cross-site``. A
  ``text/plain`` POST needs no CORS preflight, so any page could store a
  document in a default local server without these checks.
"""
from __future__ import annotations

import asyncio
import json
import os
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar
from urllib.parse import urlsplit

T = TypeVar("T")

#: Analyses running at once (one pipeline: more would only queue on its lock).
ANALYSIS_WORKERS = 1
#: Analyses waiting behind the running ones before new ones get 503.
ANALYSIS_QUEUE = 64
#: Characters one POST /api/analyze may carry (about 20 s of CPU at this size).
API_MAX_CHARS = 300_000

LOOPBACK_NAMES = frozenset({"localhost", "127.0.0.1", "::1"})
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a name or address, IPv6 without brackets) is this machine's loopback."""
    h = host.lower().strip("[]")
    return h in LOOPBACK_NAMES or h.startswith("127.") or h.endswith(".localhost")


def api_max_chars() -> int:
    return int(os.environ.get("WHIMBREL_API_MAX_CHARS", API_MAX_CHARS))


class PoolBusy(Exception):
    """Every worker is busy and the queue is full."""


class AnalysisPool:
    """``workers`` threads for analyses, at most ``queue`` more waiting; the rest are refused."""

    def __init__(self, workers: int = ANALYSIS_WORKERS, queue: int = ANALYSIS_QUEUE) -> None:
        self.capacity = workers + queue
        self._slots = threading.BoundedSemaphore(self.capacity)
        self._executor = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="whimbrel-analysis")

    async def run(self, fn: Callable[..., T], *args: Any) -> T:
        """``fn(*args)`` on a pool thread; raises :class:`PoolBusy` when the queue is full."""
        if not self._slots.acquire(blocking=False):
            raise PoolBusy()
        try:
            future = self._executor.submit(fn, *args)
        except BaseException:
            self._slots.release()
            raise
        # The slot is freed when the work ends, even if the client has gone away meanwhile.
        future.add_done_callback(lambda _f: self._slots.release())
        return await asyncio.wrap_future(future)

    def shutdown(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)


def _hostname(netloc: str) -> str:
    """The host part of ``host[:port]`` or ``[v6]:port``, lower-case, without brackets."""
    try:
        return (urlsplit("//" + netloc).hostname or "").lower()
    except ValueError:
        return ""


def _netloc(scheme: str, netloc: str) -> str:
    """``netloc`` without the scheme's default port, lower-case."""
    n = netloc.lower()
    default = {"http": ":80", "https": ":443"}.get(scheme)
    return n[: -len(default)] if default and n.endswith(default) else n


class RequestGuard:
    """ASGI middleware: the ``Host`` check (loopback servers) and the cross-site write check."""

    def __init__(self, app: Any, bound_host: str = "127.0.0.1", allowed_hosts: Iterable[str] = ()) -> None:
        self.app = app
        self.allowed = {h.strip().lower() for h in allowed_hosts if h.strip()}
        # A server beyond loopback may be reached by any name; its writes need the token.
        self.check_host = is_loopback(bound_host) or bool(self.allowed)

    def host_ok(self, host: str) -> bool:
        name = _hostname(host)
        return bool(name) and (is_loopback(name) or name in self.allowed)

    def origin_ok(self, origin: str, host: str, scheme: str) -> bool:
        if origin == "null":  # sandboxed frames, data: URLs, redirects across sites
            return False
        parts = urlsplit(origin)
        if _netloc(parts.scheme, parts.netloc) == _netloc(scheme, host):
            return True
        return (parts.hostname or "").lower() in self.allowed

    async def __call__(self, scope: dict, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers") or []}
        host = headers.get("host", "")
        if self.check_host and not self.host_ok(host):
            return await reject(send, 400, "unexpected Host header: this server answers to localhost only "
                                           "(WHIMBREL_ALLOWED_HOSTS adds names)")
        if scope.get("method", "GET") not in SAFE_METHODS:
            origin = headers.get("origin")
            site = headers.get("sec-fetch-site")
            if (origin is not None and not self.origin_ok(origin, host, scope.get("scheme", "http"))) \
                    or site in ("cross-site", "same-site"):
                return await reject(send, 403, "cross-site request refused: writes only from this server's "
                                               "own pages or from non-browser clients")
        await self.app(scope, receive, send)


def allowed_hosts_from_env() -> list[str]:
    return [h for h in os.environ.get("WHIMBREL_ALLOWED_HOSTS", "").split(",") if h.strip()]


async def reject(send: Any, status: int, detail: str) -> None:
    """A JSON error response sent straight from ASGI middleware."""
    body = json.dumps({"detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})
