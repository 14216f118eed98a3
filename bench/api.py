"""API speed with 100,000 events: requests/s and p50/p99 latency at 16 and 64 concurrent clients.

    .venv/bin/python bench/api.py [--events 100000] [--requests 1200] [--workers 2]

1. Builds (once; cached under bench/work/) a SQLite database of synthetic events written
   through the store's own writers (`save_document`, `save_events`), so the schema, indexes
   and full-text triggers are the real ones. The texts are made of a fixed vocabulary with a
   seeded random generator: reproducible, and nothing from any corpus.
2. Starts a real server (`sphere serve`, uvicorn) on a free loopback port.
3. A separate load process (asyncio; a lean keep-alive HTTP/1.1 client, or httpx with
   `--client httpx`) keeps C requests in flight for a fixed number of requests per scenario:
   `/api/events` with filters, and `/api/search` with words common and rare, nearly all of
   them distinct URLs (random date windows and offsets: the share is reported). Loops are
   bounded in count and in time; traffic goes to 127.0.0.1 only. Reported with each scenario:
   the load process's own CPU per request and share of the machine, and how the server's
   processes shared the connections (`ss`).

Results go to bench/results/api.json. Aim: p99 < 200 ms at 16 clients, no errors at 64.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
WORK = REPO / "bench" / "work"
RESULTS = REPO / "bench" / "results" / "api.json"
GENERATOR = "4"  # bump when the synthetic data changes: the cached database is rebuilt

CODES = ["RUS", "TJK", "UZB", "KGZ", "KAZ", "TKM", "AFG", "CHN", "USA", "IRN", "PAK", "IND", "CSTO", "SCO",
         "NATO", "TALIBAN", "ISIS", "BLR", "ARM", "TUR", "GBR", "DEU", "FRA", "MNG", "AZE", "GEO", "UKR",
         "EU", "UN", "CIS"]  # fmt: skip
TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
         "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]  # fmt: skip
PLACES = [("Dushanbe", "TJK", 38.56, 68.77), ("Tashkent", "UZB", 41.31, 69.28), ("Bishkek", "KGZ", 42.87, 74.59),
          ("Astana", "KAZ", 51.17, 71.45), ("Ashgabat", "TKM", 37.95, 58.38), ("Kabul", "AFG", 34.53, 69.17),
          ("Moscow", "RUS", 55.75, 37.62), ("Termez", "UZB", 37.22, 67.28), ("Khorog", "TJK", 37.49, 71.55),
          ("Osh", "KGZ", 40.53, 72.8), ("Almaty", "KAZ", 43.24, 76.89), ("Kant", "KGZ", 42.89, 74.85)]  # fmt: skip
WORDS = ("troops drills exercise border ministry defence talks summit agreement aid weapons helicopters "
         "delegation statement warning base training cooperation security militants attack ceasefire "
         "sanctions officials parliament visit minister president forces airfield convoy supplies").split()  # fmt: skip
OUTLETS = [f"Bench Outlet {i}" for i in range(40)]


def sentence(rng: random.Random, actor: str, place: str) -> str:
    words = rng.sample(WORDS, 9)
    return f"{actor} officials said the {' '.join(words[:4])} near {place} involved {' '.join(words[4:])}."


def build_database(path: Path, n_events: int, per_doc: int = 50) -> dict:
    """Documents of `per_doc` events each, saved through `save_document` and `save_events`
    (merging on: one event in ten is another outlet's report of an earlier one, and joins it);
    some events are undated or run over a span. Returns how fast the events were saved."""
    sys.path.insert(0, str(REPO / "src"))
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from sphere.ids import content_hash
    from sphere.store.db import open_engine
    from sphere.store.documents import save_document
    from sphere.store.events import save_events
    from sphere.store.models import EventRow
    from sphere.types import Document, Event, Evidence, Location, Participant, Unit

    rng = random.Random(20240601)
    path.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    engine = open_engine(f"sqlite:///{path}")
    start_day, days = date(2015, 1, 1), 7 * 365
    n_doc, total, saved, t0, cpu0 = 0, 0, 0, time.monotonic(), time.process_time()
    save_seconds, checkpoints, reported = 0.0, [], []  # reported: (type, actor, recipient, date, place) seen
    while total < n_events:
        n_doc += 1
        doc_id = f"bench-{n_doc:06d}.txt"
        published = start_day + timedelta(days=rng.randrange(days))
        drafts, parts, pos = [], [], 0
        for i in range(per_doc):
            if reported and rng.random() < 0.1:
                spec = rng.choice(reported)  # another outlet reports an event already stored
            else:
                day = start_day + timedelta(days=rng.randrange(days))
                precision = rng.choice(["day"] * 6 + ["month"] * 2 + ["year", None])
                when = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4], None: None}[precision]  # fmt: skip
                until = (day + timedelta(days=rng.randrange(2, 30))).isoformat() if precision == "day" and rng.random() < 0.03 else None
                spec = (rng.choice(TYPES), *rng.sample(CODES, 2), when, until, precision, rng.choice(PLACES))
                reported.append(spec)
            kind, actor, recipient, when, until, precision, place = spec
            text = sentence(rng, actor, place[0])
            parts.append(text)
            drafts.append((i, spec, pos, pos + len(text), text))
            pos += len(text) + 2
        body = "\n\n".join(parts)
        doc = Document(doc_id, f"/bench/{doc_id}", content_hash(body.encode()), "utf-8", "text", "plain", body,
                       title=f"Bench report {n_doc}", outlet=rng.choice(OUTLETS), url=f"https://bench.example/{n_doc}",
                       published=published, units=(Unit(doc_id, "body", "article", 0, len(body), published=published),))  # fmt: skip
        save_document(engine, doc)
        events = []
        for i, (kind, actor, recipient, when, until, precision, place), s, e, text in drafts:
            events.append(Event(
                f"bench-{n_doc}-{i}", kind, (Participant(actor),), (Participant(recipient),),
                (), (rng.choice(["military", "diplomatic", "economic", "terrorism"]),), when, until, precision,
                location=Location(*place), evidence=(Evidence(doc_id, "body", text, s, e),),
            ))  # fmt: skip
        t = time.perf_counter()
        with Session(engine) as session, session.begin():
            save_events(session, doc_id, events, "bench")
        save_seconds += time.perf_counter() - t
        saved += len(events)
        if n_doc % 20 == 0:
            with Session(engine) as session:
                total = session.scalar(select(func.count()).select_from(EventRow)) or 0
            checkpoints.append((saved, save_seconds))
            print(f"  {total} events ({saved} saved) in {n_doc} documents, {time.monotonic() - t0:.0f} s", flush=True)
    engine.dispose()

    def rate(a: tuple[int, float], b: tuple[int, float]) -> float:
        return round((b[0] - a[0]) / (b[1] - a[1]), 1) if b[1] > a[1] else 0.0

    tenth = max(1, len(checkpoints) // 10)
    return {
        "path": "save_document + save_events per document (merging on), SQLite file",
        "documents": n_doc, "events_saved": saved, "events_stored": total, "merged": saved - total,
        "seconds": round(time.monotonic() - t0, 1), "cpu_seconds": round(time.process_time() - cpu0, 1),
        "save_events_seconds": round(save_seconds, 1),
        "save_events_per_s": round(saved / save_seconds, 1) if save_seconds else None,
        # saving stays as fast with 100,000 events stored as with none (no quadratic merging)
        "save_events_per_s_first_tenth": rate((0, 0.0), checkpoints[tenth - 1]),
        "save_events_per_s_last_tenth": rate(checkpoints[-tenth - 1], checkpoints[-1]) if len(checkpoints) > tenth else None,
    }  # fmt: skip


def cached_database(n_events: int) -> tuple[Path, dict]:
    """The benchmark database (built once per GENERATOR) and how fast it was built."""
    path = WORK / f"api_{n_events}.db"
    stamp = path.with_suffix(".json")
    if path.exists() and stamp.exists():
        made = json.loads(stamp.read_text())
        if made.get("generator") == GENERATOR and made.get("events") == n_events:
            return path, made.get("generation", {})
    print(f"building {path} ({n_events} events through the store) ...", flush=True)
    generation = build_database(path, n_events)
    stamp.write_text(json.dumps({"generator": GENERATOR, "events": n_events, "generation": generation}))
    return path, generation


def event_queries(rng: random.Random) -> list[str]:
    """Filters of seven kinds, each with a date window or a page offset drawn at random, so that
    almost every request of a scenario is a URL not asked before (counts and related-row counts
    are remembered per filter by `store.memo`: repeated filters would measure that memory)."""

    def month() -> str:
        return f"{rng.randrange(2015, 2022)}-{rng.randrange(1, 13):02d}"

    def page(pages: int) -> int:
        return 25 * rng.randrange(0, pages)

    out = []
    for _ in range(600):
        a, b = rng.sample(CODES, 2)
        year, mon = rng.randrange(2015, 2022), rng.randrange(1, 13)
        out += [
            f"actor={a}&since={month()}&limit=25",
            f"actor={a}&recipient={b}&limit=25&offset={page(4)}",
            f"type={rng.choice(TYPES)}&since={year}-{mon:02d}&until={year + rng.randrange(0, 2)}&limit=25",
            f"place={rng.choice(PLACES)[0]}&since={month()}&limit=25&offset={page(8)}",
            f"either={a}&type={rng.choice(TYPES)}&limit=25&offset={page(4)}",
            f"outlet={rng.choice(OUTLETS).replace(' ', '+')}&since={month()}&limit=25",
            f"min_sources=1&since={year}-{mon:02d}-{rng.randrange(1, 29):02d}&limit=25&offset={page(4)}",
        ]
    rng.shuffle(out)
    return out


def search_queries(rng: random.Random) -> list[str]:
    """Words common and rare, one or two, prefixes, a place name; result pages at random offsets."""
    out = []
    for _ in range(900):
        w1, w2 = rng.sample(WORDS, 2)
        out += [f"q={w1}&limit=20&offset={20 * rng.randrange(0, 20)}",
                f"q={w1}+{w2}&limit=20&offset={20 * rng.randrange(0, 5)}",
                f"q={rng.choice(CODES).lower()}+{w1[:4]}*&limit=20&offset={20 * rng.randrange(0, 5)}",
                f"q={rng.choice(PLACES)[0]}&kind=evidence&limit=20&offset={20 * rng.randrange(0, 40)}"]  # fmt: skip
    rng.shuffle(out)
    return out


def worker_connections(port: int) -> list[int] | None:
    """Open connections to `port` per server process (most first), from `ss`; None without it."""
    try:
        out = subprocess.run(["ss", "-tnpH", "state", "established", f"( sport = :{port} )"],
                             capture_output=True, text=True, timeout=5).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return None
    per_pid: dict[str, int] = {}
    for pid in re.findall(r"pid=(\d+)", out):
        per_pid[pid] = per_pid.get(pid, 0) + 1
    return sorted(per_pid.values(), reverse=True)


class RawConnection:
    """A lean HTTP/1.1 keep-alive client for the load (one connection, one request at a time):
    httpx spends 2-7 ms of CPU per request, on the same two cores as the server, which a
    load generator should not. Reads the whole answer (Content-Length or chunked)."""

    def __init__(self, host: str, port: int):
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, url: str) -> int:
        """GET `url`; its status, the body read and dropped. Raises OSError or ValueError."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        try:
            self.writer.write(f"GET {url} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n\r\n".encode())
            head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
            status = int(head[0].split(" ", 2)[1])
            fields = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in head[1:] if h)}
            if "content-length" in fields:
                await self.reader.readexactly(int(fields["content-length"]))
            elif fields.get("transfer-encoding", "").lower() == "chunked":
                while size := int((await self.reader.readuntil(b"\r\n")).strip().split(b";")[0], 16):
                    await self.reader.readexactly(size + 2)
                await self.reader.readuntil(b"\r\n")
            else:
                raise ValueError("an answer without a length")
            if fields.get("connection", "").lower() == "close":
                self.close()
            return status
        except (OSError, ValueError, asyncio.IncompleteReadError):
            self.close()
            raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def warm_up_queries(queries: list[str], concurrency: int) -> list[str]:
    """Warm-up queries (not counted), from the end of the list: the measured phase starts at
    its beginning, so they are not the measured ones."""
    return [queries[-1 - i] for i in range(min(concurrency * 2, 50, len(queries)))]


async def warm_up(host: str, port: int, urls: list[str], concurrency: int) -> None:
    """The warm-up requests over as many connections as the measured phase opens, so that
    every server worker is warmed (a keep-alive connection reaches one worker only: over one
    connection, the other worker met the measured phase cold, and its first second made the
    p99)."""
    conns = [RawConnection(host, port) for _ in range(max(1, min(concurrency, len(urls))))]

    async def send(k: int) -> None:
        for url in urls[k :: len(conns)]:
            await conns[k].get(url)

    try:
        await asyncio.gather(*(send(k) for k in range(len(conns))))
    finally:
        for conn in conns:
            conn.close()


async def run_load(base: str, path: str, queries: list[str], concurrency: int, n: int, budget: float,
                   client_kind: str = "raw") -> dict:  # fmt: skip
    if client_kind == "httpx":
        return await run_load_httpx(base, path, queries, concurrency, n, budget)
    host, port = base.split("//", 1)[1].rsplit(":", 1)
    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent: set[str] = set()
    counter = iter(range(n))
    deadline = time.monotonic() + budget

    async def worker() -> None:
        conn = RawConnection(host, int(port))
        try:
            for i in counter:
                if time.monotonic() > deadline:
                    return
                url = f"{path}?{queries[i % len(queries)]}"
                sent.add(url)
                t = time.perf_counter()
                try:
                    status = await conn.get(url)
                except (OSError, ValueError, asyncio.IncompleteReadError) as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    continue
                if status != 200:
                    errors[str(status)] = errors.get(str(status), 0) + 1
                    continue
                latencies.append(time.perf_counter() - t)
        finally:
            conn.close()

    await warm_up(host, int(port), [f"{path}?{q}" for q in warm_up_queries(queries, concurrency)], concurrency)
    with connection_watch(int(port)) as splits:
        t0, cpu0 = time.perf_counter(), time.process_time()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed, load_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return load_summary(path, concurrency, latencies, errors, sent, elapsed, load_cpu, splits, "raw")


def server_pids(port: int) -> list[int]:
    """The processes listening on `port` (the server's workers), from `ss`; [] without it."""
    try:
        out = subprocess.run(["ss", "-tlnpH", f"( sport = :{port} )"], capture_output=True, text=True,
                             timeout=5).stdout  # fmt: skip
    except (OSError, subprocess.SubprocessError):
        return []
    return sorted({int(p) for p in re.findall(r"pid=(\d+)", out)})


def cpu_seconds(pids: list[int]) -> float | None:
    """User + system CPU time of these processes so far (Linux /proc); None if unreadable."""
    total = 0.0
    try:
        for pid in pids:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None
    return total


@contextmanager
def connection_watch(port: int) -> Iterator[list[list[int]]]:
    """How the server's processes share the connections, sampled twice a second meanwhile;
    the server's CPU time over the block is appended last, as [seconds] (or [] unknown)."""
    splits: list[list[int]] = []
    pids = server_pids(port)
    cpu0 = cpu_seconds(pids) if pids else None
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.5):
            found = worker_connections(port)
            if found:
                splits.append(found)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        yield splits
    finally:
        done.set()
        watcher.join()
        cpu1 = cpu_seconds(pids) if cpu0 is not None else None
        splits.append([cpu1 - cpu0] if cpu1 is not None else [])


async def run_load_httpx(base: str, path: str, queries: list[str], concurrency: int, n: int, budget: float) -> dict:
    """The same load through httpx.AsyncClient (the client of earlier measurements)."""
    import httpx

    latencies: list[float] = []
    errors: dict[str, int] = {}
    sent: set[str] = set()
    counter = iter(range(n))
    deadline = time.monotonic() + budget
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)

    async with httpx.AsyncClient(base_url=base, timeout=30, limits=limits) as client:

        async def worker() -> None:
            for i in counter:
                if time.monotonic() > deadline:
                    return
                t = time.perf_counter()
                url = f"{path}?{queries[i % len(queries)]}"
                sent.add(url)
                try:
                    r = await client.get(url)
                    r.read()
                    if r.status_code != 200:
                        errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                        continue
                except httpx.HTTPError as exc:
                    errors[type(exc).__name__] = errors.get(type(exc).__name__, 0) + 1
                    continue
                latencies.append(time.perf_counter() - t)

        warm = [f"{path}?{q}" for q in warm_up_queries(queries, concurrency)]
        for part in range(0, len(warm), concurrency):  # in flight together: every server worker gets some
            await asyncio.gather(*(client.get(url) for url in warm[part : part + concurrency]))
        with connection_watch(int(base.rsplit(":", 1)[1])) as splits:
            t0, cpu0 = time.perf_counter(), time.process_time()
            await asyncio.gather(*(worker() for _ in range(concurrency)))
            elapsed, load_cpu = time.perf_counter() - t0, time.process_time() - cpu0
    return load_summary(path, concurrency, latencies, errors, sent, elapsed, load_cpu, splits, "httpx")


def load_summary(path: str, concurrency: int, latencies: list[float], errors: dict[str, int], sent: set[str],
                 elapsed: float, load_cpu: float, splits: list[list[int]], client_kind: str) -> dict:  # fmt: skip
    latencies.sort()
    requests = len(latencies) + sum(errors.values())
    server_cpu = splits.pop() if splits else []

    def pct(p: float) -> float | None:
        return round(1000 * latencies[min(len(latencies) - 1, int(p * len(latencies)))], 1) if latencies else None

    return {
        "endpoint": path, "concurrency": concurrency, "client": client_kind, "requests": requests,
        "ok": len(latencies), "errors": errors, "seconds": round(elapsed, 2),
        "requests_per_s": round(len(latencies) / elapsed, 1) if elapsed else None,
        "p50_ms": pct(0.50), "p90_ms": pct(0.90), "p99_ms": pct(0.99),
        "mean_ms": round(1000 * statistics.fmean(latencies), 1) if latencies else None,
        "distinct_urls": round(len(sent) / requests, 3) if requests else None,
        # the load generator runs on the same cores as the server: what it took of them
        "load_cpu_ms_per_request": round(1000 * load_cpu / requests, 2) if requests else None,
        "load_cpu_share_of_machine": round(load_cpu / (elapsed * (os.cpu_count() or 1)), 3) if elapsed else None,
        # what the server's processes spent per request, whatever else ran on the machine
        "server_cpu_ms_per_request": round(1000 * server_cpu[0] / requests, 2) if server_cpu and requests else None,
        # open connections per server process (most first), as seen most often during the run
        "connections_per_worker": most_common(splits),
    }  # fmt: skip


def most_common(splits: list[list[int]]) -> list[int] | None:
    if not splits:
        return None
    counted: dict[tuple[int, ...], int] = {}
    for split in splits:
        counted[tuple(split)] = counted.get(tuple(split), 0) + 1
    return list(max(counted, key=counted.get))


def load_process(args) -> None:
    """The separate load process: runs every scenario and prints the results as JSON."""
    rng = random.Random(7)
    scenarios = {"/api/events": event_queries(rng), "/api/search": search_queries(rng)}
    results = []
    for path, queries in scenarios.items():
        if args.only and path != f"/api/{args.only}":
            continue
        # c=1: the service time of one request alone (for reference); then the two loads.
        start = 0
        for c, n in ((1, max(100, args.requests // 6)), (16, args.requests), (64, args.requests)):
            mine = queries[start:] + queries[:start]  # each scenario its own queries, mostly
            results.append(asyncio.run(run_load(args.base, path, mine, c, n, args.budget, args.client)))
            start = (start + n) % len(queries)
    print(json.dumps(results))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=1200, help="requests per scenario")
    parser.add_argument("--budget", type=float, default=120, help="seconds per scenario at most")
    parser.add_argument("--workers", type=int, default=2, help="server processes")
    parser.add_argument("--build-only", action="store_true", help="build (or find) the database and stop")
    parser.add_argument("--client", choices=("raw", "httpx"), default="raw",
                        help="load client: a lean keep-alive HTTP/1.1 client, or httpx (heavier)")  # fmt: skip
    parser.add_argument("--only", choices=("events", "search"), help="one endpoint's scenarios (A/B runs)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the figures go")
    parser.add_argument("--load", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--base", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.load:
        load_process(args)
        return
    db, generation = cached_database(args.events)
    if args.build_only:
        print(json.dumps(generation, indent=2))
        return
    load_before = os.getloadavg()
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    sphere = Path(sys.executable).with_name("sphere")
    server = subprocess.Popen([str(sphere), "serve", "--db", f"sqlite:///{db}", "--port", str(port),
                               "--workers", str(args.workers)], cwd=REPO)  # fmt: skip
    try:
        import httpx

        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(base + "/api/events?limit=1", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                raise SystemExit("the server did not start")
            time.sleep(0.3)
        with httpx.Client(base_url=base, timeout=60) as c:
            n_events = c.get("/api/events?limit=1").json()["total"]
        load = subprocess.run([sys.executable, __file__, "--load", "--base", base, "--requests", str(args.requests),
                               "--budget", str(args.budget), "--client", args.client, *(["--only", args.only] if args.only else [])], capture_output=True, text=True, check=True)  # fmt: skip
        scenarios = json.loads(load.stdout.strip().splitlines()[-1])
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
    result = {
        "benchmark": "bench/api.py",
        "events_in_database": n_events,
        "database": "SQLite (WAL), synthetic events written through sphere.store",
        "generation": generation,
        "server": f"sphere serve --workers {args.workers} (uvicorn), loopback",
        "load": f"separate process on the same cores, C requests in flight, each on its own keep-alive connection "
                f"({'httpx.AsyncClient' if args.client == 'httpx' else 'a lean asyncio HTTP/1.1 client'})",
        "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform(),
                    # other processes on the machine compete for its 2 cores: read the figures with this
                    "load_average_before": [round(x, 2) for x in load_before],
                    "load_average_after": [round(x, 2) for x in os.getloadavg()]},
        "aim": "p99 < 200 ms at 16 clients; no errors at 64",
        "scenarios": scenarios,
        "aim_met": all((s["p99_ms"] or 1e9) < 200 for s in scenarios if s["concurrency"] == 16)
        and all(not s["errors"] for s in scenarios if s["concurrency"] == 64),
    }
    args.results.parent.mkdir(parents=True, exist_ok=True)
    args.results.write_text(json.dumps(result, indent=2) + "\n")
    for s in scenarios:
        print(f"{s['endpoint']:12} c={s['concurrency']:<3} {s['requests_per_s']:>7} req/s  p50 {s['p50_ms']} ms  "
              f"p99 {s['p99_ms']} ms  errors {s['errors'] or 0}  distinct {s['distinct_urls']}  "
              f"server CPU {s['server_cpu_ms_per_request']} ms/req  load CPU {s['load_cpu_ms_per_request']} ms/req  connections {s['connections_per_worker']}")  # fmt: skip
    print(f"wrote {args.results}")


if __name__ == "__main__":
    main()
