"""`FairAcceptLoop`: one connection accepted at a time, a pause after each, none lost or left
waiting, a server closed during a pause stays closed, and a connection left for a while to a
worker holding fewer (`ConnectionShare`); `settle_gc`."""

from __future__ import annotations

import asyncio
import gc
import os
import threading

import pytest

from sphere.api import server


class Echo(asyncio.Protocol):
    def connection_made(self, transport):
        self.transport = transport

    def data_received(self, data):
        self.transport.write(data)


async def echo_clients(port: int, n: int) -> list[bytes]:
    async def one(i: int) -> bytes:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(f"client {i}\n".encode())
        line = await reader.readline()
        writer.close()
        return line

    return await asyncio.gather(*(one(i) for i in range(n)))


def run_on_fair_loop(coro_fn):
    """Run the scenario on a FairAcceptLoop in a thread of its own (another loop may be running
    in this one: Playwright's, in the browser tests of the same session)."""
    found: dict = {}

    def run() -> None:
        loop = server.FairAcceptLoop()
        try:
            found["value"] = loop.run_until_complete(coro_fn())
        except BaseException as exc:  # handed to the test below
            found["error"] = exc
        finally:
            loop.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(30)
    if "error" in found:
        raise found["error"]
    return found["value"]


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    """The accept pauses the loop schedules (its other timers left out)."""
    found: list[float] = []
    original = server.FairAcceptLoop.call_later

    def counted(self, delay, callback, *args):
        if getattr(callback, "__name__", "") == "_resume_accepting":
            found.append(delay)
        return original(self, delay, callback, *args)

    monkeypatch.setattr(server.FairAcceptLoop, "call_later", counted)
    return found


@pytest.mark.parametrize("clients", [1, 20])
def test_every_connection_in_a_burst_is_accepted_and_served(clients, pauses):
    async def scenario():
        srv = await asyncio.get_running_loop().create_server(Echo, "127.0.0.1", 0)
        port = srv.sockets[0].getsockname()[1]
        replies = await asyncio.wait_for(echo_clients(port, clients), 10)
        srv.close()
        await srv.wait_closed()
        return replies

    replies = run_on_fair_loop(scenario)
    assert sorted(replies) == sorted(f"client {i}\n".encode() for i in range(clients))
    assert len(pauses) >= clients  # one accept, then a pause, for each connection
    assert all(p >= server.ACCEPT_PAUSE for p in pauses)


def test_the_pause_grows_with_the_connections_held(monkeypatch, pauses):
    monkeypatch.setattr(server, "_open_connections", [7])

    async def scenario():
        srv = await asyncio.get_running_loop().create_server(Echo, "127.0.0.1", 0)
        await asyncio.wait_for(echo_clients(srv.sockets[0].getsockname()[1], 1), 10)
        srv.close()
        await srv.wait_closed()

    run_on_fair_loop(scenario)
    assert pauses and pauses[0] == pytest.approx(8 * server.ACCEPT_PAUSE)


def test_a_server_closed_during_a_pause_is_not_listened_to_again():
    async def scenario():
        loop = asyncio.get_running_loop()
        srv = await loop.create_server(Echo, "127.0.0.1", 0)
        sock = srv.sockets[0]
        await asyncio.wait_for(echo_clients(sock.getsockname()[1], 1), 10)
        srv.close()  # while the accept pause runs
        await srv.wait_closed()
        await asyncio.sleep(3 * server.ACCEPT_PAUSE)  # the resume finds the server closed
        return sock.fileno()

    assert run_on_fair_loop(scenario) == -1


class FewerElsewhere:
    """Another worker, as `ConnectionShare` would report it, holding `held` connections."""

    def __init__(self, held: int):
        self.held = held

    def fewest_elsewhere(self) -> int:
        return self.held


@pytest.mark.parametrize(("elsewhere", "left"), [(0, True), (3, False), (9, False)])
def test_a_connection_is_left_to_a_worker_holding_fewer_for_a_while_then_taken(monkeypatch, pauses, elsewhere, left):
    monkeypatch.setattr(server, "_open_connections", [3])
    monkeypatch.setattr(server, "_share", [FewerElsewhere(elsewhere)])

    async def scenario():
        srv = await asyncio.get_running_loop().create_server(Echo, "127.0.0.1", 0)
        replies = await asyncio.wait_for(echo_clients(srv.sockets[0].getsockname()[1], 1), 10)
        srv.close()
        await srv.wait_closed()
        return replies

    assert run_on_fair_loop(scenario) == [b"client 0\n"]  # taken in the end: nobody else takes it here
    taken = pauses.index(4 * server.ACCEPT_PAUSE)  # the pause after accepting, holding 3
    if left:
        # looked at again every ACCEPT_PAUSE for about ACCEPT_WAIT before taking it
        assert taken >= 0.5 * server.ACCEPT_WAIT / server.ACCEPT_PAUSE
        assert all(p == server.ACCEPT_PAUSE for p in pauses[:taken])
    else:
        assert taken == 0


def test_workers_read_each_others_connection_counts(tmp_path):
    mine = server.ConnectionShare(str(tmp_path / "share"), str(os.getpid()))
    assert mine.fewest_elsewhere() is None  # alone
    other = server.ConnectionShare(str(tmp_path / "share"), str(os.getppid()))
    gone = server.ConnectionShare(str(tmp_path / "share"), "999999999")  # a worker that died, file left
    mine.publish(7)
    other.publish(2)
    gone.publish(0)
    assert mine.fewest_elsewhere() == 2
    assert other.fewest_elsewhere() == 7
    other.close()
    assert mine.fewest_elsewhere() is None
    gone.close()
    mine.close()
    assert not (tmp_path / "share").exists()  # the last one out removes the directory


def test_settle_gc_freezes_what_is_loaded_and_makes_full_passes_rarer():
    before = gc.get_threshold()
    try:
        server.settle_gc()
        assert gc.get_freeze_count() > 0
        assert gc.get_threshold() == (before[0], before[1], server.FULL_GC_EVERY)
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
