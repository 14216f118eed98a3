"""Fixtures for the ingest tests: a real HTTP server on 127.0.0.1, stores, and page makers."""

from __future__ import annotations

import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from sphere.store.db import open_engine


class Site:
    """Routes of the test server: path -> (status, content type, body bytes)."""

    def __init__(self, base: str):
        self.base = base
        self.routes: dict[str, tuple[int, str, bytes]] = {}
        self.hits: list[str] = []

    def add(self, path: str, body: bytes | str, content_type: str = "text/html; charset=utf-8", status: int = 200) -> str:
        self.routes[path] = (status, content_type, body.encode() if isinstance(body, str) else body)
        return self.base + path


@pytest.fixture
def site():
    """A real HTTP server on a free loopback port, serving what the test adds to it."""
    holder: dict[str, Site] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 (http.server's name)
            s = holder["site"]
            s.hits.append(self.path)
            status, ctype, body = s.routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    holder["site"] = Site(f"http://127.0.0.1:{server.server_address[1]}")
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield holder["site"]
    server.shutdown()
    server.server_close()


@pytest.fixture
def closed_port_url() -> str:
    """A URL on a loopback port nothing listens on."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/nothing-here"


@pytest.fixture
def engine(sqlite_url):
    e = open_engine(sqlite_url)
    yield e
    e.dispose()


