"""Turning a page's data into HTML (Jinja2), or into its `.json` and `.csv` twins.

Like Datasette, every page has a shareable URL carrying its filters, and the same URL with
`.json` or `.csv` before the query string answers what the page shows as data. A page route
returns a `View` (its template, its JSON data, the rows of its main table); `twin_routes`
registers the three URLs for it.

Document text is hostile: the environment autoescapes everything, no template marks document
text `|safe`, and links are only made from http(s) URLs (`safe_url`).
"""

from __future__ import annotations

import csv
import functools
import inspect
import io
import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode, urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from ..export.quads import load_quads, quad_of
from ..store.search import marked_segments
from .names import display_name
from .payloads import JSONAnswer, jsonable

TEMPLATES = Path(__file__).parent / "templates"
FORMATS = ("html", "json", "csv")


@dataclass
class View:
    request: Request
    template: str
    title: str
    data: dict  # the .json twin, and the template's `data`
    rows: list[dict] | None = None  # the .csv twin: the page's main table
    context: dict = field(default_factory=dict)  # more for the template only
    status_code: int = 200


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s) (never javascript:, data:, ...), else None: no link is made."""
    if not url:
        return None
    try:
        scheme = urlsplit(url.strip()).scheme.lower()
    except ValueError:
        return None
    return url.strip() if scheme in ("http", "https") else None


def path_part(value: str) -> str:
    return quote(value, safe="")


def doc_url(doc_id: str, anchor: int | None = None) -> str:
    return f"/documents/{path_part(doc_id)}" + (f"#o-{anchor}" if anchor is not None else "")


def entity_url(code: str) -> str:
    return f"/entities/{path_part(code)}"


def event_url(event_id: str) -> str:
    return f"/events/{path_part(event_id)}"


def with_params(request: Request, keep_offset: bool = False, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one)."""
    params = {k: v for k, v in request.query_params.items() if v != ""}
    if not keep_offset:
        params.pop("offset", None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = str(value)
    query = urlencode(params)
    return page_path(request) + (f"?{query}" if query else "")


def page_path(request: Request) -> str:
    """This page's path, quoted (scope["path"]: request.url.path loses what follows a '#')."""
    return quote(request.scope["path"], safe="/")


def query_string(request: Request) -> str:
    return request.scope.get("query_string", b"").decode("latin-1")


def twin_url(request: Request, ext: str) -> str:
    path = request.scope["path"]
    for suffix in (".json", ".csv"):
        if path.endswith(suffix):
            path = path[: -len(suffix)]
    if path == "/":
        path = "/index"
    query = query_string(request)
    return quote(path, safe="/") + ext + (f"?{query}" if query else "")


def make_environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        safe_url=safe_url, doc_url=doc_url, entity_url=entity_url, event_url=event_url,
        with_params=with_params, twin_url=twin_url, page_path=page_path,
        query_string=query_string, quad_of=quad_of, quads=load_quads(),
        display_name=display_name, marked_segments=marked_segments,
    )  # fmt: skip
    return env


ENV = make_environment()


def csv_text(rows: list[dict]) -> str:
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: json.dumps(v, ensure_ascii=False) if isinstance(v, list | dict) else v for k, v in row.items()}
        )
    return out.getvalue()


def render(view: View, fmt: str) -> Response:
    if fmt == "json":
        return JSONAnswer(view.data, status_code=view.status_code)
    if fmt == "csv":
        rows = view.rows if view.rows is not None else [view.data]
        return Response(csv_text(jsonable(rows)), status_code=view.status_code,
                        media_type="text/csv; charset=utf-8")  # fmt: skip
    html = ENV.get_template(view.template).render(
        request=view.request, title=view.title, data=view.data, **view.context
    )
    return HTMLResponse(html, status_code=view.status_code)


def twin_routes(router: APIRouter, path: str) -> Callable:
    """Register `path`, `path.json` and `path.csv` for a function returning a View."""

    def register(fn: Callable[..., View]) -> Callable[..., View]:
        for fmt in ("json", "csv", "html"):
            suffix = "" if fmt == "html" else f".{fmt}"
            base = "/index" if path == "/" and suffix else path
            router.add_api_route(
                base + suffix, endpoint_for(fn, fmt), methods=["GET"], include_in_schema=False,
                response_class=HTMLResponse if fmt == "html" else Response, name=f"{fn.__name__}_{fmt}",
                response_model=None,
            )  # fmt: skip
        return fn

    return register


def endpoint_for(fn: Callable[..., View], fmt: str) -> Callable[..., Response]:
    @functools.wraps(fn)
    def endpoint(*args, **kwargs) -> Response:
        return render(fn(*args, **kwargs, fmt=fmt), fmt)

    # FastAPI reads the endpoint's signature; `fmt` is ours, not a query parameter.
    sig = inspect.signature(fn)
    endpoint.__signature__ = sig.replace(
        parameters=[p for n, p in sig.parameters.items() if n != "fmt"], return_annotation=Response
    )
    return endpoint
