"""HTTP API (FastAPI) over the event store, and the web explorer at ``/``.

Endpoints (all JSON; the spec is at ``/openapi.json``):

* ``POST /api/analyze`` -- JSON ``{"text", "published", "id", "title", "url", "source"}``
  or a ``text/plain`` body; returns the contract object. ``?store=true`` also
  stores it, which needs ``Authorization: Bearer $WHIMBREL_TOKEN`` whenever that
  variable is set; beyond localhost every analysis needs it (and is refused
  without it). Analyses run in a bounded pool of their own (:mod:`whimbrel.server`),
  never on the threads the read endpoints use; texts over 300,000 characters get 413.
* ``GET /api/events``, ``/api/events/{id}``, ``/api/statements``, ``/api/actors``,
  ``/api/documents``, ``/api/documents/{id}``, ``/api/dyad-counts``, ``/api/network``,
  ``/api/sanctions`` (:mod:`whimbrel.api_analyst`):
  the queries of :mod:`whimbrel.store.query`, with the CLI's filters, paginated.
  ``/api/events?format=csv|jsonl`` gives the page as a file, and ``GET /api/export?format=
  plover-jsonl|gdelt`` every matching event, both through :mod:`whimbrel.render`'s registry.

Hostile input gets a 4xx: bodies over :data:`MAX_BODY` bytes get 413 (counted
as they arrive, whatever Content-Length claims), malformed or too deeply nested
JSON 400, wrong types 422, texts the CLI would refuse (empty, binary, not
English) 422; filters are bound SQL parameters and ids are integers. On
loopback a foreign ``Host`` gets 400 (DNS rebinding) and any write with another
site's ``Origin`` 403 (:class:`whimbrel.server.RequestGuard`).
Every bad or unknown parameter is a 400 as ``{"detail", "errors"}``. ``/docs`` and
``/redoc`` come from the fastapi-offline package's files (:func:`_docs_routes`); response
models are in :mod:`whimbrel.api_models`.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import io
import json
import os
import threading
from functools import lru_cache
from pathlib import Path
from collections.abc import Callable
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from . import api_models as M
from . import render, server
from .api_analyst import analyst_routes
from .model import MODALITIES, PLOVER_EVENTS, Document, DocumentError

MAX_BODY = 2 * 1024 * 1024
WEB = Path(__file__).resolve().parent / "web"
MAX_ID = 2**62  # larger integers are not ids (and overflow SQLite's INTEGER)
MAX_OFFSET = 10**9
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

#: Content-Security-Policy of the explorer: only its own scripts and styles run.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


def is_local(host: str) -> bool:
    return host in LOCAL_HOSTS or host.startswith("127.")


class BodyLimit:
    """ASGI middleware: 413 once a request body exceeds ``limit`` bytes, counted as it streams in."""

    def __init__(self, app, limit: int = MAX_BODY) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                too_big = True
            if too_big:
                return await _reject(send, 413, f"request body larger than {self.limit} bytes")
        seen = 0
        started = False

        async def counted_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge()
            return message

        async def tracking_send(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted_receive, tracking_send)
        except _TooLarge:
            if not started:
                await _reject(send, 413, f"request body larger than {self.limit} bytes")


class _TooLarge(Exception):
    pass


_reject = server.reject


def create_app(db: str = "whimbrel.db", host: str = "127.0.0.1", nlp: Any = None,
               token: str | None = None, allowed_hosts: list[str] | None = None,
               pool: server.AnalysisPool | None = None, max_chars: int | None = None) -> FastAPI:
    """The API + explorer over the store at ``db``. ``nlp`` (optional) is the pipeline to analyse with.

    ``host`` is the address the server listens on: on loopback, requests must name a loopback
    host (or one of ``allowed_hosts``, default ``$WHIMBREL_ALLOWED_HOSTS``); beyond it, every
    analysis needs the token. ``pool`` runs the analyses (default: one worker, 64 waiting);
    ``max_chars`` bounds one analysis (default ``$WHIMBREL_API_MAX_CHARS``, 300,000).
    """
    from .store import Store, query

    store = Store(db)
    token = token if token is not None else os.environ.get("WHIMBREL_TOKEN") or None
    pool = pool or server.AnalysisPool()

    @contextlib.asynccontextmanager
    async def lifespan(_app: FastAPI):
        yield
        pool.shutdown()  # analyses still waiting are dropped with the server

    app = FastAPI(title="whimbrel", version=_version(), lifespan=lifespan, docs_url=None, redoc_url=None,
                  description="Political event data from news text, with evidence: the store's API.",
                  dependencies=[Depends(_known_params)], responses={400: {"model": M.Error}})
    app.state.store, app.state.pool = store, pool
    app.add_middleware(BodyLimit, limit=MAX_BODY)
    # Added last, so it runs first: a foreign Host or a cross-site write never reaches a route.
    app.add_middleware(server.RequestGuard, bound_host=host,
                       allowed_hosts=server.allowed_hosts_from_env() if allowed_hosts is None else allowed_hosts)

    @app.middleware("http")
    async def headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        if not request.url.path.startswith("/api") and request.url.path != "/openapi.json":
            response.headers.setdefault("Content-Security-Policy", CSP)
        return response

    @app.exception_handler(query.QueryError)
    async def bad_filter(_request: Request, exc: query.QueryError):
        return JSONResponse({"detail": str(exc), "errors": [{"loc": ["query"], "msg": str(exc)}]},
                            status_code=400)

    app.add_exception_handler(RequestValidationError, _bad_parameters)

    limits = {"local": is_local(host), "token": token,
              "max_chars": max_chars if max_chars is not None else server.api_max_chars()}
    _analyze_routes(app, store, nlp, pool, limits)
    _event_routes(app, store)
    _other_routes(app, store)
    analyst_routes(app, store)
    _docs_routes(app)
    _spec_without_default_422(app)
    if (WEB / "index.html").exists():
        app.mount("/static", StaticFiles(directory=WEB), name="static")

        @app.get("/", include_in_schema=False)
        def index() -> FileResponse:
            return FileResponse(WEB / "index.html", media_type="text/html")

    return app


def _analyze_routes(app: FastAPI, store: Any, nlp: Any, pool: server.AnalysisPool, limits: dict) -> None:
    """``POST /api/analyze``: one pipeline, in the analysis pool (never on a read thread).

    ``limits``: ``local`` (listening on loopback), ``token`` (or None), ``max_chars``.
    """
    lock = threading.Lock()
    state: dict[str, Any] = {"nlp": nlp}
    token = limits["token"]

    def check_token(request: Request, store_it: bool) -> None:
        """Beyond loopback every analysis needs the token (it costs CPU); storing needs it whenever set."""
        if limits["local"] and not (store_it and token):
            return
        if not token:
            raise HTTPException(403, "analysis is refused: the server listens beyond localhost and "
                                     "WHIMBREL_TOKEN is not set")
        auth = request.headers.get("authorization", "")
        given = auth[7:].strip() if auth.lower().startswith("bearer ") else ""
        if not given or not hmac.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "a bearer token is required", headers={"WWW-Authenticate": "Bearer"})

    def get_nlp():
        if state["nlp"] is None:
            import whimbrel

            state["nlp"] = whimbrel.load()
        return state["nlp"]

    def work(document: Document, store_it: bool):
        from .pipeline import analyze_stream

        with lock:  # one pipeline, one document at a time
            (result,) = analyze_stream(get_nlp(), [document])
            if isinstance(result, DocumentError):
                return result, None
            stored = store.add_one(result) if store_it else None
            return result, stored

    @app.post("/api/analyze", tags=["analyze"], response_model=M.Analysis,
              responses={422: {"model": M.Error, "description": "the body is no document to analyse"}},
              summary="Analyse one article (JSON {text, published, ...} or text/plain); ?store=true stores it")
    async def analyze(request: Request, store_it: bool = Query(False, alias="store"),
                      published: str | None = Query(None, max_length=32,
                                                    description="YYYY-MM-DD, for a text/plain body")) -> dict[str, Any]:
        check_token(request, store_it)
        raw = await request.body()
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        document = _document_from(raw, ctype, published)
        if len(document.text) > limits["max_chars"]:
            raise HTTPException(413, f"text longer than {limits['max_chars']:,} characters: split it, "
                                     "or use `whimbrel analyze`")
        from .ingest import vetted

        checked = vetted(document)  # the CLI's checks: empty, binary, not English
        if isinstance(checked, DocumentError):
            raise HTTPException(422, checked.error)
        try:
            result, stored = await pool.run(work, document, store_it)
        except server.PoolBusy:
            raise HTTPException(503, "too many analyses waiting: try again shortly",
                                headers={"Retry-After": "5"}) from None
        if isinstance(result, DocumentError):
            raise HTTPException(422, result.error)
        out = result.to_dict()
        if stored is not None:
            out["store"] = {"status": stored.status, "document_id": stored.id,
                            "near_duplicate_of": stored.near_duplicate_of}
        return out


def _query_params() -> tuple[Any, Any, Callable[[str], Any]]:
    """The pagination parameters and the text-filter parameter factory the query routes share."""
    from .store import query

    limit_q = Query(query.DEFAULT_LIMIT, ge=0, le=query.MAX_LIMIT, description=f"at most {query.MAX_LIMIT}")
    offset_q = Query(0, ge=0, le=MAX_OFFSET)

    def text_q(desc: str):
        return Query(None, max_length=200, description=desc)

    return limit_q, offset_q, text_q


#: ``all_modalities``: also the events a PLOVER coder does not record (store/modality.py).
ALL_MODALITIES_HELP = ("also events a PLOVER coder does not record (negated, hypothetical, some future "
                       "and attempted ones); by default only recorded events are listed, counted and exported")


def _all_modalities_q() -> Any:
    return Query(False, description=ALL_MODALITIES_HELP)


def _event_filter(actor, recipient, dyad, type, quad, context, modality, since, until, place, document,
                  all_modalities=False):
    from .store import query

    return query.EventFilter(actor=actor, recipient=recipient, dyad=dyad, type=type, quad=quad,
                             context=context, modality=modality, since=since, until=until,
                             place=place, document=document, all_modalities=all_modalities)


def _rendered(items, fmt: str, kind: str, **options: Any) -> Response:
    """``items`` written by the registry's format ``fmt`` (a 400 for a format that cannot)."""
    spec = render.FORMATS.get(fmt)
    usable = [n for n in render.names(kind) if n != "table" and not render.FORMATS[n].needs_file]
    if spec is None or fmt not in usable:
        raise HTTPException(400, f"format must be one of {', '.join(usable)}")
    buf = io.StringIO()
    writer = render.open_writer(fmt, buf, kind, **options)
    for item in items:
        writer.write(item)
    writer.close()
    return Response(buf.getvalue(), media_type=spec.media_type)


def _event_routes(app: FastAPI, store: Any) -> None:
    """Merged events: the filtered list (JSON, or a file of the page), one event, an export file."""
    from .store import query

    limit_q, offset_q, text_q = _query_params()

    @app.get("/api/events", tags=["query"], response_model=M.Page[M.Event], summary="Merged events, filtered, newest first")
    def get_events(
        actor: str | None = text_q("actor code, country, name or alias"),
        recipient: str | None = text_q("recipient code, country, name or alias"),
        dyad: str | None = text_q("'A,B': A acts on B"),
        type: str | None = Query(None, max_length=20, description="PLOVER type: " + ", ".join(PLOVER_EVENTS)),
        quad: int | None = Query(None, ge=1, le=4),
        context: str | None = text_q("PLOVER context"),
        modality: str | None = Query(None, max_length=20, description=", ".join(MODALITIES)),
        since: str | None = Query(None, max_length=10, description="YYYY-MM-DD"),
        until: str | None = Query(None, max_length=10, description="YYYY-MM-DD"),
        place: str | None = text_q("place name or country code"),
        document: int | None = Query(None, ge=1, le=MAX_ID),
        all_modalities: bool = _all_modalities_q(),
        limit: int = limit_q, offset: int = offset_q,
        after: str | None = Query(None, max_length=40, description="keyset pagination: the previous page's "
                                  "'next' (the page starts after that event; offset is then ignored)"),
        format: str = Query("json", max_length=20, description="json (this page as an object) | "
                            + " | ".join(n for n in render.names(render.ROWS) if n not in ("json", "table"))
                            + ": the page's events as a file"),
    ) -> Any:
        f = _event_filter(actor, recipient, dyad, type, quad, context, modality, since, until, place, document,
                          all_modalities)
        page = query.find_events(store.engine, f, limit, offset, after)
        if format == "json":
            return page
        return _rendered(page["items"], format, render.ROWS, query="events")

    @app.get("/api/export", tags=["query"], summary="Every event matching the filter, as an export file",
             response_class=Response, responses={200: {"description": "the export file", "content": {
                 render.FORMATS[n].media_type: {"schema": {"type": "string"}}
                 for n in render.names(render.EVENTS) if not render.FORMATS[n].needs_file}}})
    def get_export(
        format: str = Query(..., max_length=20, description=" | ".join(
            n for n in render.names(render.EVENTS) if not render.FORMATS[n].needs_file)),
        actor: str | None = text_q("actor code, country, name or alias"),
        recipient: str | None = text_q("recipient code, country, name or alias"),
        dyad: str | None = text_q("'A,B': A acts on B"),
        type: str | None = Query(None, max_length=20), quad: int | None = Query(None, ge=1, le=4),
        context: str | None = text_q("PLOVER context"), modality: str | None = Query(None, max_length=20),
        since: str | None = Query(None, max_length=10), until: str | None = Query(None, max_length=10),
        place: str | None = text_q("place name or country code"), document: int | None = Query(None, ge=1, le=MAX_ID),
        all_modalities: bool = _all_modalities_q(),
    ) -> Response:
        from .store import export

        f = _event_filter(actor, recipient, dyad, type, quad, context, modality, since, until, place, document,
                          all_modalities)
        return _rendered(export.iter_events(store.engine, f), format, render.EVENTS)

    @app.get("/api/events/{event_id}", tags=["query"], response_model=M.EventDetail, summary="One merged event with all its mentions")
    def get_event(event_id: int = PathParam(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
        ev = query.get_event(store.engine, event_id)
        if ev is None:
            raise HTTPException(404, "no such event")
        return ev


def _other_routes(app: FastAPI, store: Any) -> None:
    """Statements, actors, documents, dyad counts, the network and health."""
    from .store import counts, query

    limit_q, offset_q, text_q = _query_params()

    @app.get("/api/statements", tags=["query"], response_model=M.Page[M.Statement], summary="Statements by speaker and words (full-text)")
    def get_statements(
        speaker: str | None = text_q("speaker code, country, name or alias"),
        q: str | None = text_q("words of the statement"),
        document: int | None = Query(None, ge=1, le=MAX_ID),
        kind: str | None = Query(None, max_length=10, description="direct | indirect | headline"),
        limit: int = limit_q, offset: int = offset_q,
    ) -> dict[str, Any]:
        return query.find_statements(store.engine, speaker=speaker, q=q, document=document, kind=kind,
                                     limit=limit, offset=offset)

    @app.get("/api/actors", tags=["query"], response_model=M.Page[M.Actor], summary="Canonical actors with aliases, most mentioned first")
    def get_actors(q: str | None = text_q("part of a name, code or alias"),
                   kind: str | None = Query(None, max_length=20),
                   country: str | None = Query(None, max_length=10),
                   limit: int = limit_q, offset: int = offset_q) -> dict[str, Any]:
        return query.find_actors(store.engine, q=q, kind=kind, country=country, limit=limit, offset=offset)

    @app.get("/api/documents", tags=["query"], response_model=M.Page[M.DocumentSummary], summary="Stored documents, newest first; q = full-text search")
    def get_documents(q: str | None = text_q("words of the text"),
                      source: str | None = text_q("outlet"),
                      limit: int = limit_q, offset: int = offset_q) -> dict[str, Any]:
        return query.find_documents(store.engine, q=q, source=source, limit=limit, offset=offset)

    @app.get("/api/documents/{doc_id}", tags=["query"], response_model=M.DocumentDetail,
             summary="One document: its contract object rebuilt from the store, its text and event ids")
    def get_document(doc_id: int = PathParam(..., ge=1, le=MAX_ID)) -> dict[str, Any]:
        d = query.get_document(store.engine, doc_id)
        if d is None:
            raise HTTPException(404, "no such document")
        return d

    @app.get("/api/dyad-counts", tags=["query"], response_model=list[M.Month], summary="Events per month (cooperation vs conflict) for a dyad")
    def get_dyad_counts(
        actor: str | None = text_q("actor"), recipient: str | None = text_q("recipient"),
        type: str | None = Query(None, max_length=20), since: str | None = Query(None, max_length=10),
        until: str | None = Query(None, max_length=10), modality: str | None = Query(None, max_length=20),
        all_modalities: bool = _all_modalities_q(),
    ) -> list[dict[str, Any]]:
        f = query.EventFilter(type=type, since=since, until=until, modality=modality, all_modalities=all_modalities)
        return counts.dyad_counts(store.engine, actor=actor, recipient=recipient, f=f)

    @app.get("/api/network", tags=["query"], response_model=M.Network, summary="Who acts on whom: actors and weighted edges")
    def get_network(
        type: str | None = Query(None, max_length=20), quad: int | None = Query(None, ge=1, le=4),
        since: str | None = Query(None, max_length=10), until: str | None = Query(None, max_length=10),
        actor: str | None = text_q("actor"), max_edges: int = Query(100, ge=1, le=1000),
        all_modalities: bool = _all_modalities_q(),
        by: str = Query("actor", max_length=10, description="actor | code (merge a CAMEO code's actors) | country"),
    ) -> dict[str, Any]:
        from .store import analyst

        f = query.EventFilter(type=type, quad=quad, since=since, until=until, actor=actor,
                              all_modalities=all_modalities)
        return analyst.grouped_network(store.engine, f, by, max_edges)

    @app.get("/api/health", tags=["meta"], response_model=M.Health, summary="Liveness and row counts")
    def health() -> dict[str, Any]:
        return {"ok": True, "counts": store.counts(), "time": dt.datetime.now(dt.timezone.utc).isoformat()}



async def _known_params(request: Request) -> None:
    """A query parameter the route does not take is a 400, not silently ignored (a typo such as
    ``?actr=RUS`` would otherwise answer every event)."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    known = _query_names(dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        raise RequestValidationError([{"loc": ("query", name), "msg": "unknown parameter", "type": "extra_forbidden"}
                                      for name in unknown])


def _query_names(dependant: Any) -> set[str]:
    """The query parameters a route takes, its dependencies' included."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return names


async def _bad_parameters(_request: Request, exc: RequestValidationError) -> JSONResponse:
    """Every invalid parameter: 400, ``{"detail": "...", "errors": [{"loc", "msg"}]}`` (as a bad filter)."""
    errors = [{"loc": [str(x) for x in e.get("loc", ())], "msg": str(e.get("msg", ""))} for e in exc.errors()]
    detail = "; ".join(f"{e['loc'][-1] if e['loc'] else 'request'}: {e['msg']}" for e in errors) or "bad request"
    return JSONResponse({"detail": detail, "errors": errors}, status_code=400)


#: The CSP of /docs and /redoc: still nothing from elsewhere; ReDoc adds its own style elements
#: and runs its search in a worker made from a blob.
DOCS_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
            "font-src 'self' data:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")


def _docs_assets() -> Path | None:
    """Swagger UI's and ReDoc's files, as the fastapi-offline package ships them (no CDN)."""
    import importlib.util

    spec = importlib.util.find_spec("fastapi_offline")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        if (Path(folder) / "static" / "swagger-ui-bundle.js").exists():
            return Path(folder) / "static"
    return None


def _spec_without_default_422(app: FastAPI) -> None:
    """The spec without FastAPI's default 422 validation response: bad parameters are 400 here."""
    build = app.openapi

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            spec = build()
            for ops in spec.get("paths", {}).values():
                for op in ops.values():
                    ref = (op.get("responses", {}).get("422", {}).get("content", {})
                           .get("application/json", {}).get("schema", {}).get("$ref", ""))
                    if ref.endswith("/HTTPValidationError"):
                        del op["responses"]["422"]
            for name in ("HTTPValidationError", "ValidationError"):
                spec.get("components", {}).get("schemas", {}).pop(name, None)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi


@lru_cache(maxsize=1)
def _offline_redoc(path: str) -> bytes:
    """ReDoc's bundle with its one remote file, the Redocly logo in the menu, pointed at a local one."""
    return Path(path).read_bytes().replace(b"https://cdn.redoc.ly/redoc/logo-mini.svg", b"/docs/assets/favicon.png")


def _docs_routes(app: FastAPI) -> None:
    """``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) over ``/openapi.json``, from local files only."""
    assets = _docs_assets()
    if assets is None:
        return
    @app.get("/docs/assets/redoc.standalone.js", include_in_schema=False)
    def redoc_js() -> Response:
        return Response(_offline_redoc(str(assets / "redoc.standalone.js")), media_type="text/javascript")

    app.mount("/docs/assets", StaticFiles(directory=assets), name="docs-assets")
    head = ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>whimbrel API</title>'
            '<link rel="icon" href="/docs/assets/favicon.png">')

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return HTMLResponse(
            head + '<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head><body>'
            '<div id="swagger-ui"></div><script src="/docs/assets/swagger-ui-bundle.js"></script>'
            '<script src="/static/swagger-init.js"></script></body></html>',
            headers={"Content-Security-Policy": DOCS_CSP})

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return HTMLResponse(
            head + '</head><body><redoc spec-url="/openapi.json"></redoc>'
            '<script src="/docs/assets/redoc.standalone.js"></script></body></html>',
            headers={"Content-Security-Policy": DOCS_CSP})


def _version() -> str:
    from . import __version__

    return __version__


def _document_from(raw: bytes, ctype: str, published: str | None = None) -> Document:
    """The request body as a Document: 400 for bodies that are not text or JSON, 422 for wrong fields."""
    from .ingest import parse_date

    try:
        body = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise HTTPException(400, "body is not UTF-8 text") from None
    if ctype == "application/json" or (ctype == "" and body.lstrip().startswith(("{", "["))):
        try:
            data = json.loads(body)
        except json.JSONDecodeError as exc:
            raise HTTPException(400, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}") from None
        except RecursionError:  # [[[[...]]]] a thousand deep: the parser's stack, not a server fault
            raise HTTPException(400, "invalid JSON: nested too deeply") from None
        if not isinstance(data, dict):
            raise HTTPException(422, "expected a JSON object {\"text\": ..., \"published\": ...}")
        text = data.get("text")
        if not isinstance(text, str) or not text.strip():
            raise HTTPException(422, "'text' must be a non-empty string")
        fields = {}
        for name in ("id", "title", "url", "source", "published", "language"):
            v = data.get(name)
            if v is not None and not isinstance(v, str):
                raise HTTPException(422, f"{name!r} must be a string")
            fields[name] = v
        try:
            published = parse_date(fields["published"])
        except ValueError:
            raise HTTPException(422, "'published' must be an ISO date (YYYY-MM-DD)") from None
        return Document(id=(fields["id"] or "api-1")[:200], text=text, title=fields["title"],
                        published=published, url=fields["url"], source=fields["source"],
                        language=fields["language"], origin="api")
    if ctype not in ("text/plain", ""):
        raise HTTPException(415, "send application/json or text/plain")
    if not body.strip():
        raise HTTPException(422, "empty text")
    try:
        pub = parse_date(published)
    except ValueError:
        raise HTTPException(422, "'published' must be an ISO date (YYYY-MM-DD)") from None
    return Document(id="api-1", text=body, published=pub, origin="api")


def build_app_from_env() -> FastAPI:
    """For ``uvicorn whimbrel.api:build_app_from_env --factory``: store from $WHIMBREL_DB."""
    return create_app(os.environ.get("WHIMBREL_DB", "whimbrel.db"))
