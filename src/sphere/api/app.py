"""The Sphere web application: REST API, dashboard pages, static files, offline API docs.

    make_app(db_url, token) -> FastAPI

The app only reads the store (uploads, when a token is configured, hand files to ingest and
the pipeline). Every response carries a strict Content-Security-Policy: scripts and styles
only from Sphere itself, no inline script, no plugin, no framing; all JavaScript and CSS is
served from npm's packages by Sphere (see `vendor`), so the dashboard works offline.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from sqlalchemy import event
from sqlalchemy.orm import Session
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..store.db import open_engine
from ..store.event_dates import warm_reads
from .render import ENV, View, render
from .routes import export, pages, rest, upload
from .vendor import VENDOR, vendor_file

STATIC = Path(__file__).parent / "static"
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]


class SecurityHeaders:
    """Pure ASGI middleware adding the security headers to every HTTP response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names
                ]
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _sqlite_read_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA cache_size=-65536")  # 64 MiB page cache per connection
    cur.execute("PRAGMA mmap_size=268435456")  # read the file through the OS page cache
    cur.execute("PRAGMA temp_store=MEMORY")  # sorts of ORDER BY ... LIMIT in memory
    cur.close()


def tune_reads(engine) -> None:
    """Larger caches on the server's SQLite connections: it reads much and writes little."""
    if engine.dialect.name == "sqlite":
        engine.dispose()  # connections opened while migrating get the pragmas too
        event.listen(engine, "connect", _sqlite_read_pragmas)


# Requests a worker process runs at once (sync endpoints run in anyio's thread pool, 40 by
# default). The work is CPU-bound Python: more threads than one per process buy nothing on top
# of the processes but contention for the GIL, and past SQLite's pooled connections (5) every
# extra thread opens a fresh connection (pragmas, schema, page cache cold) and closes it after.
# Measured on 100,000 events, 16 clients, 2 workers (server CPU per event page): 40 threads
# 17.6-20.3 ms, 4 threads 14.9-17.7 ms, 2 threads 14.8-17.3 ms, 1 thread 12.1-14.5 ms (p99
# 150-240 ms against 300-344 ms). Requests beyond it wait on the event loop in order of
# arrival, as with a pre-fork server's sync workers: a long request (a search runs 2 s at
# most) holds its own worker's queue while the other workers serve.
REQUEST_THREADS = 1


@asynccontextmanager
async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
    import anyio.to_thread

    anyio.to_thread.current_default_thread_limiter().total_tokens = REQUEST_THREADS
    yield


def wants_html(request: Request) -> bool:
    path = request.scope["path"]
    return not path.startswith("/api/") and not path.endswith((".json", ".csv"))


def make_app(db_url: str | None = None, token: str | None = None, search_seconds: float = 2.0) -> FastAPI:
    """The application on the database at `db_url` (default $SPHERE_DB or ./sphere.db).

    With a `token` (or $SPHERE_TOKEN), POST /api/documents accepts uploads carrying it; without
    one, uploads are refused. `search_seconds` bounds each full-text search.
    """
    app = FastAPI(
        title="Sphere",
        summary="PLOVER events about Russia and Central Asia, each with the sentences and outlets that report it.",
        version="0.1.0",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.engine = open_engine(db_url)
    tune_reads(app.state.engine)
    with Session(app.state.engine) as session:  # before the first request, not during one (and
        warm_reads(session)  # before a server's `settle_gc` sets what is loaded aside)
    app.state.token = token or os.environ.get("SPHERE_TOKEN") or None
    app.state.search_seconds = search_seconds
    app.add_middleware(SecurityHeaders)

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return HTMLResponse(ENV.get_template("swagger.html").render())

    @app.get("/static/vendor/{name}", include_in_schema=False)
    def vendor(name: str) -> Response:
        path = vendor_file(name)
        if path is None:
            status = 404 if name not in VENDOR else 503
            return Response(f"{name}: not available (run `make install`)", status_code=status)
        return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.include_router(rest.router)
    app.include_router(export.router)
    app.include_router(upload.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if wants_html(request):
            view = View(request, "error.html", "Not found" if exc.status_code == 404 else "Error",
                        {"detail": str(exc.detail)}, status_code=exc.status_code)  # fmt: skip
            return render(view, "html")
        return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'][1:]) or 'request'}: {e['msg']}" for e in exc.errors()
        )
        if wants_html(request):
            view = View(request, "error.html", "Bad request", {"detail": problems}, status_code=422)
            return render(view, "html")
        return JSONResponse({"detail": problems, "errors": jsonable_errors(exc)}, status_code=422)

    return app


def jsonable_errors(exc: RequestValidationError) -> list[dict]:
    return [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]


__all__ = ["make_app"]
