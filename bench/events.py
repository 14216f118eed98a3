"""Throughput of the whole pipeline (text in, events stored) against raw spaCy, in one run.

    .venv/bin/python bench/events.py [--docs 240] [--workers 2]

The corpus is made of the English texts at hand (the seeds, the demo corpus, the held-out
documents, the GSR sentences): each benchmark document is a random sample of their sentences
in random order (seeded), so documents differ the way a real corpus's do, with some sentences
shared (each sentence is in about five documents) but no long passage copied. Two measurements on the same texts, one after the other:

- raw: `nlp.pipe` of the full `en_core_web_sm` (every component), one process, batch 16;
- sphere: `sphere ingest FOLDER` in a subprocess, as a user runs it: ingest, segmentation,
  provenance, entities and events, stored in a fresh SQLite file (model loading included).

Before them, spaCy as Sphere configures it (`load_nlp`) runs alone on the same texts, in as
many processes as Sphere has workers, so `where_the_cpu_goes` can split Sphere's CPU into
spaCy's and its own stages' (per document), and `spacy_alone` gives the ratio Sphere would
reach if its own stages cost nothing.

Both run `--rounds` times in turn (default 2; the machine's speed drifts by 10-20% over
minutes), and the figures are their means. The ratio is raw seconds / sphere seconds: above 1 means Sphere's whole pipeline on two cores
is faster than one core of bare spaCy. Peak memory is the largest summed resident size of the
`sphere` process and its workers, sampled every 0.1 s from /proc (and their summed PSS, which
counts the model pages forked workers share once, read once a second); CPU seconds of the main process and of the
others (fork server, workers) come from the same samples. Results go to
bench/results/events.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CORPUS = REPO / "examples" / "corpus"
RESULTS = REPO / "bench" / "results" / "events.json"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")


def utf8_text(path: Path) -> str | None:
    """The file's text, or None for the demo corpus's non-UTF-8 files (the cp1251 one)."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        return None


def sentence_pool() -> list[str]:
    """Sentences of every English text at hand, 6 to 27 words long: shorter than Sphere's
    minimum reused passage (30 words), so shared sentences cost the reuse search its work
    without making every pair of benchmark documents a copy of each other."""
    paths = sorted(SEEDS.glob("*.txt")) + sorted(CORPUS.glob("*.txt"))
    paths += sorted((REPO / "eval").glob("heldout*/docs/*.txt"))
    texts = [t for t in map(utf8_text, paths) if t]
    gsr = REPO.parent / "shared" / "gold" / "plover_gsr_dev.jsonl"
    if gsr.exists():
        texts += [json.loads(line)["text"] for line in gsr.read_text(encoding="utf-8").splitlines() if line.strip()]
    pool = []
    for text in texts:
        for para in text.split("\n"):
            pool += [s.strip() for s in SENTENCE_END.split(para) if 6 <= len(s.split()) <= 27]
    return sorted(set(pool))


def make_corpus(folder: Path, n_docs: int, sentences_per_doc: int = 36) -> list[str]:
    rng = random.Random(20261201)
    pool = sentence_pool()
    texts = []
    for i in range(n_docs):
        picked = rng.sample(pool, min(sentences_per_doc, len(pool)))
        paras = [" ".join(picked[j : j + 4]) for j in range(0, len(picked), 4)]
        text = f"Benchmark document {i}\n\n" + "\n\n".join(paras) + "\n"
        (folder / f"bench_{i:05d}.txt").write_text(text, encoding="utf-8")
        texts.append(text)
    return texts


TICKS = os.sysconf("SC_CLK_TCK")
PSS_EVERY = 10  # samples (of 0.1 s) between two readings of the processes' PSS


def tree_rss(pid: int, cpu: dict[int, float] | None = None, pss: list[int] | None = None) -> int:
    """Resident bytes of a process and all its descendants; `cpu` gets each one's CPU seconds
    so far (user + system, from /proc/PID/stat), so the last sample holds nearly its total;
    `pss` gets their summed proportional set size (pages shared by forked workers counted
    once), when the kernel gives it."""
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            if pss is not None:
                with open(f"/proc/{p}/smaps_rollup") as f:
                    pss[0] += sum(int(line.split()[1]) * 1024 for line in f if line.startswith("Pss:"))
            if cpu is not None:
                with open(f"/proc/{p}/stat") as f:
                    fields = f.read().rsplit(")", 1)[1].split()
                cpu[p] = (int(fields[11]) + int(fields[12])) / TICKS
            with open(f"/proc/{p}/task/{p}/children") as f:
                stack += [int(c) for c in f.read().split()]
        except (FileNotFoundError, ProcessLookupError):
            continue
    return total


def run_sphere(folder: Path, db: Path, workers: int) -> tuple[float, int, str, dict]:
    cmd = [str(REPO / ".venv" / "bin" / "sphere"), "ingest", str(folder), "--db", f"sqlite:///{db}"]
    env = dict(os.environ, SPHERE_WORKERS=str(workers))
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    peak = peak_pss = 0
    cpu: dict[int, float] = {}

    def sample() -> None:
        # PSS only every PSS_EVERY-th sample: reading smaps_rollup walks a process's page
        # tables under its memory lock, and at 10 Hz over four ~1 GB processes that slowed the
        # run it measured by a second or two; resident size and CPU are cheap to read
        nonlocal peak, peak_pss
        n = 0
        while proc.poll() is None:
            pss = [0] if n % PSS_EVERY == 0 else None
            peak = max(peak, tree_rss(proc.pid, cpu, pss))
            if pss is not None:
                peak_pss = max(peak_pss, pss[0])
            n += 1
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, _ = proc.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if proc.returncode != 0:
        sys.exit(f"sphere ingest failed ({proc.returncode}):\n{out[-3000:]}")
    main_cpu = cpu.pop(proc.pid, 0.0)
    # CPU seen at the last 0.1 s sample before each process ended (a lower bound)
    cpu_seconds = {"main_process": round(main_cpu, 1), "other_processes": round(sum(cpu.values()), 1)}
    return seconds, peak, out, {"peak_pss_mib": round(peak_pss / 2**20), "cpu_seconds": cpu_seconds}


def run_raw(texts: list[str]) -> tuple[float, int]:
    from sphere.nlp.model import load_base_model

    nlp = load_base_model()  # every component of en_core_web_sm
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, batch_size=16))
    return time.perf_counter() - start, tokens


def spacy_share(texts: list[str], barrier, results) -> None:
    """One of `run_sphere_spacy`'s processes: load, wait for the others, parse its share."""
    from sphere.nlp.english import load_nlp

    nlp = load_nlp()
    barrier.wait()
    start, cpu = time.perf_counter(), time.process_time()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    results.put((time.perf_counter() - start, time.process_time() - cpu))


def run_sphere_spacy(texts: list[str], workers: int) -> tuple[float, float]:
    """(CPU seconds, wall seconds) of spaCy as Sphere configures it (`load_nlp`: the components
    it keeps, its remembered tagger rules and lemmas, its KB ruler) on the same texts, in as
    many processes as Sphere's workers, started together (model loading not counted): what of
    Sphere's CPU is spaCy's, so the rest (its own stages) can be told apart, and the wall time
    that bounds Sphere's (two processes on two cores each run a little slower than one alone)."""
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    barrier, results = ctx.Barrier(workers), ctx.Queue()
    procs = [ctx.Process(target=spacy_share, args=(texts[i::workers], barrier, results)) for i in range(workers)]
    for proc in procs:
        proc.start()
    measured = [results.get() for _ in procs]
    for proc in procs:
        proc.join()
    return sum(cpu for _, cpu in measured), max(wall for wall, _ in measured)


def stored_counts(db: Path) -> dict[str, int]:
    import sqlite3

    con = sqlite3.connect(db)
    try:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("documents", "units", "mentions", "events", "evidence", "reuse_links")}
    finally:
        con.close()


def cpu_shares(cpu_seconds: dict, spacy_cpu: float, docs: int) -> dict:
    """Sphere's CPU split into spaCy's (as measured alone on the same texts) and its own stages
    (everything else: reading, segmenting, provenance, entity resolution, event rules, storing,
    process start-up), per document and as a share of the whole."""
    total = cpu_seconds["main_process"] + cpu_seconds["other_processes"]
    own = max(0.0, total - spacy_cpu)
    return {
        "total_cpu_seconds": round(total, 1),
        "spacy_cpu_seconds": round(spacy_cpu, 1),
        "sphere_own_cpu_seconds": round(own, 1),
        "sphere_own_ms_per_document": round(1000 * own / docs, 1),
        "sphere_own_share": round(own / total, 3) if total else None,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=240)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--rounds", type=int, default=2, help="raw then Sphere, this many times; means reported")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="sphere-bench-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        texts = make_corpus(folder, args.docs)
        megabytes = sum(len(t.encode()) for t in texts) / 1e6
        spacy_cpu, spacy_wall = run_sphere_spacy(texts, args.workers)
        rounds = []
        for r in range(args.rounds):  # raw and Sphere in turn: the machine's speed drifts
            raw_seconds, tokens = run_raw(texts)
            sphere_seconds, peak, _, extra = run_sphere(folder, Path(tmp) / f"bench{r}.db", args.workers)
            rounds.append({"raw_spacy_seconds": round(raw_seconds, 2), "sphere_seconds": round(sphere_seconds, 2),
                           "ratio": round(raw_seconds / sphere_seconds, 3), "peak_rss_mib": round(peak / 2**20),
                           **extra})  # fmt: skip
        counts = stored_counts(Path(tmp) / "bench0.db")
    raw_seconds = sum(r["raw_spacy_seconds"] for r in rounds) / len(rounds)
    sphere_seconds = sum(r["sphere_seconds"] for r in rounds) / len(rounds)
    peak = max(r["peak_rss_mib"] for r in rounds) * 2**20
    extra = {"peak_pss_mib": max(r["peak_pss_mib"] for r in rounds),
             "cpu_seconds": {k: round(sum(r["cpu_seconds"][k] for r in rounds) / len(rounds), 1)
                             for k in ("main_process", "other_processes")}}  # fmt: skip
    result = {
        "what": "sphere ingest (ingest+segment+provenance+entities+events, stored) vs raw nlp.pipe (full en_core_web_sm, one process)",
        "documents": args.docs,
        "megabytes": round(megabytes, 3),
        "tokens": tokens,
        "workers": args.workers,
        "raw_spacy": {"seconds": round(raw_seconds, 2), "docs_per_s": round(args.docs / raw_seconds, 2),
                      "tokens_per_s": round(tokens / raw_seconds)},
        "sphere": {"seconds": round(sphere_seconds, 2), "docs_per_s": round(args.docs / sphere_seconds, 2),
                   "tokens_per_s": round(tokens / sphere_seconds), "peak_rss_mib": round(peak / 2**20), **extra},
        "ratio_sphere_vs_raw": round(raw_seconds / sphere_seconds, 3),
        "rounds": rounds,
        "where_the_cpu_goes": cpu_shares(extra["cpu_seconds"], spacy_cpu, args.docs),
        # spaCy as Sphere runs it, alone, in as many processes: the ratio Sphere would reach
        # if its own stages cost nothing
        "spacy_alone": {"seconds": round(spacy_wall, 2), "ratio_vs_raw": round(raw_seconds / spacy_wall, 3)},
        "stored": counts,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%S"),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
