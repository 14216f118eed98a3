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

The pause alone leaves the split to timing: a worker busy with a request wakes late (its event
loop waits for the GIL), and 16 keep-alive clients were still split 10 to 6 or 11 to 5 at
times, the busier worker's clients waiting twice as long. So the workers also tell each other
how many connections they hold (`ConnectionShare`: a few bytes per worker in a shared
directory), and a worker holding more than another lets a waiting connection go to it, for
ACCEPT_WAIT at most (the other may be stuck in a long request: then it takes it after all).

Each worker also keeps the garbage collector's full passes rare (`settle_gc`).
"""

from __future__ import annotations

import asyncio
import atexit
import gc
import os
import shutil
import socket
import tempfile
from contextlib import asynccontextmanager

from fastapi import FastAPI
from uvicorn.protocols.http.auto import AutoHTTPProtocol

from .app import make_app


def app_from_environment() -> FastAPI:
    """The app of one worker process of `sphere serve --workers N` (its connections shared)."""
    share = _share[0] = ConnectionShare.of_server()
    app = make_app(
        os.environ.get("SPHERE_DB"),
        os.environ.get("SPHERE_TOKEN"),
        float(os.environ.get("SPHERE_SEARCH_SECONDS", "2.0")),
    )
    inner = app.router.lifespan_context

    @asynccontextmanager
    async def lifespan(running: FastAPI):
        # uvicorn ends a worker by re-raising SIGTERM after its shutdown: no atexit then
        try:
            async with inner(running) as state:
                yield state
        finally:
            share.close()

    app.router.lifespan_context = lifespan
    settle_gc()
    return app


FULL_GC_EVERY = 100  # collections of the middle generation per full one (Python's default: 10)


def settle_gc() -> None:
    """Keep the garbage collector's full passes off the requests: what is loaded by now
    (modules, the app, the ORM's tables: some 100,000 objects) is set aside for good
    (`gc.freeze`), and full passes come ten times less often. A full pass over what a worker
    holds after a few hundred requests took 50-80 ms, stalling every request queued on the
    worker meanwhile: the p99 of a loaded server. Cycles are still collected, by the younger
    generations as before, and by the rarer full passes."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_GC_EVERY)


ACCEPT_PAUSE = 0.001  # seconds a worker stops accepting per connection it holds
ACCEPT_WAIT = 0.010  # seconds at most a worker leaves a new connection to one holding fewer
_open_connections = [0]  # this process's open HTTP connections


class ConnectionShare:
    """How many connections each worker of one server holds: a file per worker process (named
    by its pid, holding the number) in a directory of the server's. Written when a connection
    opens or closes and read when one waits to be accepted: never per request."""

    def __init__(self, directory: str, name: str):
        self.directory, self.name = directory, name
        os.makedirs(directory, mode=0o700, exist_ok=True)
        self.path = os.path.join(directory, name)
        self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        self.publish(0)

    @classmethod
    def of_server(cls) -> ConnectionShare:
        """This worker's entry among its server's (the workers' parent process), removed at
        exit (or by the next server started, if killed)."""
        root = "/dev/shm" if os.path.isdir("/dev/shm") else tempfile.gettempdir()
        prefix = f"sphere-accept-{os.getuid()}-"
        for name in os.listdir(root):  # the directories of servers gone (their workers killed)
            if name.startswith(prefix) and not alive(name[len(prefix):]):
                shutil.rmtree(os.path.join(root, name), ignore_errors=True)
        share = cls(os.path.join(root, f"{prefix}{os.getppid()}"), str(os.getpid()))
        atexit.register(share.close)
        return share

    def publish(self, held: int) -> None:
        os.pwrite(self.fd, b"%10d" % held, 0)

    def fewest_elsewhere(self) -> int | None:
        """The fewest connections another live worker holds (None: no other worker)."""
        fewest = None
        for name in os.listdir(self.directory):
            if name == self.name or not alive(name):
                continue
            try:
                with open(os.path.join(self.directory, name), "rb") as f:
                    held = int(f.read(10))
            except (OSError, ValueError):  # gone meanwhile, or not written yet
                continue
            fewest = held if fewest is None else min(fewest, held)
        return fewest

    def close(self) -> None:
        try:
            os.close(self.fd)
            os.unlink(self.path)
            os.rmdir(self.directory)  # the last worker out
        except OSError:
            pass


def alive(pid: str) -> bool:
    """Whether the process `pid` runs (a worker that died leaves its file behind)."""
    try:
        os.kill(int(pid), 0)
    except (ValueError, ProcessLookupError):
        return False
    except PermissionError:
        return True
    return True


_share: list[ConnectionShare | None] = [None]  # this worker's, under `sphere serve --workers N`


def count_connection(change: int) -> None:
    _open_connections[0] += change
    if _share[0] is not None:
        _share[0].publish(_open_connections[0])


class NoDelayHTTP(AutoHTTPProtocol):  # type: ignore[misc, valid-type]
    """uvicorn's HTTP/1.1 protocol, with Nagle's algorithm off on each TCP connection (and the
    connections of this process counted, for `FairAcceptLoop`)."""

    def connection_made(self, transport) -> None:  # type: ignore[override]
        set_nodelay(transport.get_extra_info("socket"))
        count_connection(+1)
        super().connection_made(transport)

    def connection_lost(self, exc) -> None:  # type: ignore[override]
        count_connection(-1)
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

    _leaving_since: float | None = None  # when this loop began leaving a connection to another worker
    _left_at = 0.0  # when it last did

    def _accept_connection(self, protocol_factory, sock, sslcontext=None, server=None, backlog=100, *args):
        if self._leave_to_another():
            pause = ACCEPT_PAUSE  # look again soon: taken by then, or still waiting
        else:
            super()._accept_connection(protocol_factory, sock, sslcontext, server, 1, *args)
            pause = ACCEPT_PAUSE * (_open_connections[0] + 1)  # + 1: the one just accepted is not made yet
        if sock.fileno() == -1:
            return
        self._remove_reader(sock.fileno())
        self.call_later(pause, self._resume_accepting, protocol_factory, sock, sslcontext, server, backlog, *args)

    def _leave_to_another(self) -> bool:
        """Whether another worker holds fewer connections and may take the waiting one (for
        ACCEPT_WAIT at most, from when this loop first left it)."""
        share = _share[0]
        fewest = share.fewest_elsewhere() if share is not None else None
        if fewest is None or fewest >= _open_connections[0]:
            self._leaving_since = None
            return False
        now = self.time()
        if self._leaving_since is None or now - self._left_at > ACCEPT_WAIT:
            self._leaving_since = now  # (not looked at for a while: the one left before was taken)
        self._left_at = now
        if now - self._leaving_since < ACCEPT_WAIT:
            return True
        self._leaving_since = None
        return False

    def _resume_accepting(self, protocol_factory, sock, sslcontext, server, backlog, *args) -> None:
        if sock.fileno() == -1 or (server is not None and not server.is_serving()):
            return  # the server closed meanwhile
        self._add_reader(sock.fileno(), self._accept_connection, protocol_factory, sock, sslcontext, server,
                         backlog, *args)  # fmt: skip
