"""Ingest throughput: documents/s and MB/s of `sphere ingest --no-analyse` into SQLite.

Corpus: the five seeds (../shared/seeds) replicated 200 times with a small change in each copy
(a copy number in the last line, so every copy has its own content hash), 1,000 plain-text
documents. A second run does the same with the demo corpus's HTML pages (examples/corpus/*.html,
50 copies each) to measure the trafilatura worker pool. Each run is the real command line in a
subprocess, timed from start to exit (interpreter start and schema creation included), into a
fresh SQLite file. Figures go to bench/results/ingest.json with the machine's description.

    .venv/bin/python bench/ingest.py [--copies 200]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
WORK = REPO / "bench" / "work" / "ingest"
RESULTS = REPO / "bench" / "results" / "ingest.json"


def replicate(sources: list[Path], copies: int, out: Path) -> tuple[int, int]:
    """Copies of each source with the copy number in the last line; (documents, bytes)."""
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    n = size = 0
    for k in range(copies):
        for src in sources:
            text = src.read_text(encoding="utf-8")
            if src.suffix == ".html":
                text = text.replace("</body>", f"<!-- copy {k} --></body>")
            else:
                text = text.rstrip("\n") + f"\n\n(copy {k})\n"
            path = out / f"{src.stem}_{k:04d}{src.suffix}"
            path.write_text(text, encoding="utf-8")
            n += 1
            size += path.stat().st_size
    return n, size


def run_ingest(folder: Path, db: Path) -> tuple[float, float]:
    """(wall seconds, CPU seconds of the command and its workers)."""
    import resource

    db.unlink(missing_ok=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [sys.executable, "-c", "from sphere.cli import main; main()", "ingest", str(folder),
           "--db", f"sqlite:///{db}", "--no-analyse", "--no-progress"]
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"ingest failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return elapsed, cpu


def stored(db: Path) -> tuple[int, int]:
    with sqlite3.connect(db) as conn:
        return conn.execute("select count(*) from documents").fetchone()[0], conn.execute("select count(*) from units").fetchone()[0]


def machine() -> dict:
    mem = None
    try:
        mem = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3, 1)
    except (ValueError, OSError, AttributeError):
        pass
    cpu = platform.processor()
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {
        "platform": platform.platform(), "cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem,
        "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
    }


def measure(name: str, sources: list[Path], copies: int) -> dict:
    folder = WORK / name
    n, size = replicate(sources, copies, folder)
    db = WORK / f"{name}.db"
    seconds, cpu = run_ingest(folder, db)
    docs, units = stored(db)
    assert docs == n, f"{name}: {docs} of {n} documents stored"
    return {
        "documents": n, "units": units, "megabytes": round(size / 1024**2, 2), "seconds": round(seconds, 2),
        "cpu_seconds": round(cpu, 2), "load_average_1min": round(os.getloadavg()[0], 2),  # other work on the machine slows the wall clock
        "documents_per_second": round(n / seconds, 1), "megabytes_per_second": round(size / 1024**2 / seconds, 3),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--copies", type=int, default=200)
    args = parser.parse_args()
    seeds = sorted(SEEDS.glob("*.txt"))
    if not seeds:
        raise SystemExit(f"no seeds at {SEEDS}")
    html = sorted((REPO / "examples" / "corpus").glob("*.html"))
    html = [p for p in html if p.read_bytes()[:4] != b"\x89PNG"]
    results = {
        "what": "sphere ingest --no-analyse into a fresh SQLite file, wall clock of the whole command",
        "machine": machine(),
        "seeds_text": {"corpus": f"{len(seeds)} seeds x {args.copies} copies", **measure("seeds", seeds, args.copies)},
        "demo_html": {"corpus": f"{len(html)} demo HTML pages x {max(1, args.copies // 4)} copies",
                      **measure("html", html, max(1, args.copies // 4))},
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
