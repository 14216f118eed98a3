"""What `sphere serve` hands to uvicorn: the app built from the environment (`--workers N`
needs an import string), the HTTP protocol that sends each response without delay, and, with
several workers, an event loop that takes its share of new connections and no more.

uvicorn's worker processes share a listening socket made with `socket.socket()`; its
connections carry protocol number 0, so asyncio does not set TCP_NODELAY on them, and a
response whose headers and body go out in two writes waits for the client's delayed ACK
(about 40 ms on Linux loopback, on every request). `NoDelayHTTP` sets it per connection.

The workers share one listening socket, and an event loop accepts every connection waiting
on it when it wakes (uvloop, like asyncio, accepts until the queue is empty): 16 clients
connecting at once were split 13 to 3 or 14 to 2 between two workers, and as connections
are kept alive, one worker then served most requests on one core while the other idled (p99
twice what an even split gives). `FairAcceptLoop` accepts one connection at a time, then
stops listening for a moment that grows with the connections it already holds (ACCEPT_PAUSE
each): every worker is woken by a new connection, and the one holding fewest is back first and
takes it (the idea of nginx's `ngx_accept_disabled`). A connection waits in the kernel's queue
for a few milliseconds at most, and only when it arrives in a burst; alone, it is taken at once.
"""

from __future__ import annotations

import asyncio
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


ACCEPT_PAUSE = 0.001  # seconds a worker stops accepting per connection it holds
_open_connections = [0]  # this process's open HTTP connections


class NoDelayHTTP(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP/1.1 protocol, with Nagle's algorithm off on each TCP connection (and the
    connections of this process counted, for `FairAcceptLoop`)."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        set_nodelay(transport.get_extra_info("socket"))
        _open_connections[0] += 1
        super().connection_made(transport)

    def connection_lost(self, exc) -> None:  # type: ignore[override]
        _open_connections[0] -= 1
        super().connection_lost(exc)


def set_nodelay(sock) -> None:
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        try:
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError:  # not a TCP socket after all: nothing to turn off
            pass


class FairAcceptLoop(asyncio.SelectorEventLoop):
    """asyncio's event loop, accepting one waiting connection at a time and then pausing in
    proportion to the connections this worker holds (see the module docstring). `sphere serve
    --workers N` (N > 1) runs its workers on it."""

    def _accept_connection(self, protocol_factory, sock, sslcontext=None, server=None, backlog=100, *args):
        super()._accept_connection(protocol_factory, sock, sslcontext, server, 1, *args)
        pause = ACCEPT_PAUSE * (_open_connections[0] + 1)  # + 1: the one just accepted is not made yet
        if sock.fileno() == -1:
            return
        self._remove_reader(sock.fileno())
        self.call_later(pause, self._resume_accepting, protocol_factory, sock, sslcontext, server, backlog, *args)

    def _resume_accepting(self, protocol_factory, sock, sslcontext, server, backlog, *args) -> None:
        if sock.fileno() == -1 or (server is not None and not server.is_serving()):
            return  # the server closed meanwhile
        self._add_reader(sock.fileno(), self._accept_connection, protocol_factory, sock, sslcontext, server,
                         backlog, *args)  # fmt: skip
