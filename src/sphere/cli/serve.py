"""`sphere serve`: the dashboard and REST API on http://HOST:PORT (uvicorn)."""

from __future__ import annotations

import typer

from .app import DbOption, app, err_console

# Seconds an idle keep-alive connection stays open: longer than uvicorn's 5 s, so a client
# reusing a connection under load does not race the server closing it.
KEEP_ALIVE = 30


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", help="Address to listen on (127.0.0.1: this machine only)."),
    port: int = typer.Option(8000, help="Port to listen on."),
    token: str = typer.Option(
        None, envvar="SPHERE_TOKEN", show_default=False,
        help="Enable uploads (POST /api/documents) for requests carrying this token.",
    ),
    workers: int = typer.Option(1, min=1, help="Server processes (SQLite readers scale with processes)."),
    search_seconds: float = typer.Option(2.0, min=0.05, help="Time limit of one full-text search."),
) -> None:
    """Serve the dashboard (timeline, network, map, reader, search) and the API (/docs)."""
    import os

    import uvicorn

    from ..api.server import NoDelayHTTP, settle_gc
    from ..errors import SphereError

    try:
        from ..api import make_app

        make_app(db, token, search_seconds)  # open (and migrate) the database before listening
    except SphereError as exc:
        err_console.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    err_console.print(f"Sphere on http://{host}:{port}  (API description: http://{host}:{port}/docs)")
    if token:
        err_console.print("uploads enabled: POST /api/documents with 'Authorization: Bearer <token>'")
    if workers == 1:
        app = make_app(db, token, search_seconds)
        settle_gc()  # as each of several workers does: full GC passes off the requests
        uvicorn.run(app, host=host, port=port, log_level="warning", timeout_keep_alive=KEEP_ALIVE, http=NoDelayHTTP)
        return
    # Several processes need an import string: pass the settings through the environment.
    from ..config import database_url

    os.environ["SPHERE_DB"] = database_url(db)
    if token:
        os.environ["SPHERE_TOKEN"] = token
    os.environ["SPHERE_SEARCH_SECONDS"] = str(search_seconds)
    uvicorn.run("sphere.api.server:app_from_environment", factory=True, host=host, port=port,
                workers=workers, log_level="warning", timeout_keep_alive=KEEP_ALIVE, http=NoDelayHTTP,
                loop="sphere.api.server:FairAcceptLoop")  # the workers share new connections fairly  # fmt: skip
