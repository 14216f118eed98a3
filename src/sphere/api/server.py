"""What `sphere serve` hands to uvicorn: the app built from the environment (`--workers N`
needs an import string) and the HTTP protocol that sends each response without delay.

uvicorn's worker processes share a listening socket made with `socket.socket()`; its
connections carry protocol number 0, so asyncio does not set TCP_NODELAY on them, and a
response whose headers and body go out in two writes waits for the client's delayed ACK
(about 40 ms on Linux loopback, on every request). `NoDelayHTTP` sets it per connection.
"""

from __future__ import annotations

import os
import socket

from fastapi import FastAPI
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from .app import make_app


def app_from_environment() -> FastAPI:
    return make_app(
        os.environ.get("SPHERE_DB"),
        os.environ.get("SPHERE_TOKEN"),
        float(os.environ.get("SPHERE_SEARCH_SECONDS", "2.0")),
    )


class NoDelayHTTP(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP/1.1 protocol, with Nagle's algorithm off on each TCP connection."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        set_nodelay(transport.get_extra_info("socket"))
        super().connection_made(transport)


def set_nodelay(sock) -> None:
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket after all: nothing to turn off
            pass
