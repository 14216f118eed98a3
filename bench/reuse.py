"""Reuse detection at scale: time and memory to index 1k, 10k and 100k documents and to query
one new document against them; and reuse quality (precision, recall) on a corpus with known reuse.

    .venv/bin/python bench/reuse.py                  # sizes 1000,10000,100000 + quality
    .venv/bin/python bench/reuse.py --sizes 1000 --no-quality

Each size runs in its own process on a fresh SQLite file (peak memory is that process's peak
resident size). The documents come from `sphere.provenance.synthetic.make_corpus`: originals of
~500 words plus 30% copies (syndicated, quoted, shuffled, edited), stored with `save_document`
and indexed one by one with `index_document`, each in its own transaction, as `sphere analyse`
does. Wall-clock and CPU times are both kept: on a shared machine the wall clock includes waiting
for a core. A query is `index_document` on one more document (half copies of stored ones, half new
text), timed, then rolled back so every query sees the same index. Results:
bench/results/reuse.json (scale) and bench/results/reuse_quality.json (quality).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
CORPUS = REPO / "examples" / "corpus"


def run_size(n_docs: int, db: Path, queries: int) -> dict:
    from sqlalchemy import func, select
    from sqlalchemy.orm import Session

    from sphere.ids import content_hash
    from sphere.provenance import index_document
    from sphere.provenance.quality import store_corpus
    from sphere.provenance.synthetic import Writer, make_corpus
    from sphere.store import models as m
    from sphere.store.db import open_engine
    from sphere.store.documents import save_document
    from sphere.types import Document, Unit

    engine = open_engine(f"sqlite:///{db}")
    t0 = time.perf_counter()
    corpus = make_corpus(n_originals=round(n_docs / 1.3), seed=n_docs, copies_per_original=0.3)
    docs = corpus.docs[:n_docs]
    corpus.docs = docs
    t_gen = time.perf_counter() - t0
    # A stream mixes originals and copies: index in a shuffled order (copies may come first).
    random.Random(n_docs).shuffle(corpus.docs)
    t0 = time.perf_counter()
    ids = store_corpus(engine, corpus)
    t_store = time.perf_counter() - t0
    per_doc = []
    t0, c0 = time.perf_counter(), time.process_time()
    cpu_per_doc = []
    for doc_id in ids:
        t1, c1 = time.perf_counter(), time.process_time()
        with Session(engine) as s, s.begin():
            index_document(s, doc_id)
        per_doc.append(time.perf_counter() - t1)
        cpu_per_doc.append(time.process_time() - c1)
    t_index, c_index = time.perf_counter() - t0, time.process_time() - c0

    # Queries: new documents, half of them copying a stored document's paragraphs.
    rng = random.Random(1)
    w = Writer(99)
    query_ms, query_cpu_ms, query_links = [], [], []
    for q in range(queries):
        own = "\n\n".join(" ".join(w.paragraph()) for _ in range(rng.randint(4, 10)))
        if q % 2 == 0:
            src = rng.choice(docs).text.split("\n\n")
            k = rng.randint(1, max(1, len(src) // 2))
            own = own + "\n\n" + "\n\n".join(src[:k])
        doc_id = f"query-{q}"
        raw = own.encode()
        save_document(engine, Document(
            doc_id=doc_id, origin=doc_id, content_hash=content_hash(raw), encoding="utf-8",
            media_type="text", extractor="plain", text=own, units=(Unit(doc_id, "body", "article", 0, len(own)),),
        ), keep_raw=False)
        with Session(engine) as s:
            t1, c1 = time.perf_counter(), time.process_time()
            links = index_document(s, doc_id)
            query_ms.append((time.perf_counter() - t1) * 1000)
            query_cpu_ms.append((time.process_time() - c1) * 1000)
            query_links.append(len(links))
            s.rollback()
        with Session(engine) as s, s.begin():
            s.execute(m.DocumentRow.__table__.delete().where(m.DocumentRow.id == doc_id))
    with Session(engine) as s:
        count = lambda model: s.scalar(select(func.count()).select_from(model))  # noqa: E731
        rows = {"band_keys": count(m.ReuseBandRow), "signatures": count(m.SignatureRow), "links": count(m.ReuseLinkRow)}
    engine.dispose()
    size = sum(p.stat().st_size for p in db.parent.glob(db.name + "*"))
    tail = cpu_per_doc[-max(1, len(cpu_per_doc) // 10) :]
    per_doc.sort()
    return {
        "documents": len(ids),
        "mean_words": round(sum(len(d.text.split()) for d in docs) / len(docs)),
        "generate_seconds": round(t_gen, 1),
        "store_seconds": round(t_store, 1),
        "index_seconds": round(t_index, 1),
        "index_cpu_seconds": round(c_index, 1),
        "index_ms_per_document": {
            "mean": round(1000 * t_index / len(ids), 2),
            "median": round(1000 * per_doc[len(per_doc) // 2], 2),
            "p95": round(1000 * per_doc[int(len(per_doc) * 0.95)], 2),
            "cpu_mean": round(1000 * c_index / len(ids), 2),
            "cpu_mean_last_tenth": round(1000 * sum(tail) / len(tail), 2),
        },
        "query_ms": {
            "median": round(statistics.median(query_ms), 2),
            "p95": round(sorted(query_ms)[int(len(query_ms) * 0.95)], 2),
            "max": round(max(query_ms), 2),
            "cpu_median": round(statistics.median(query_cpu_ms), 2),
        },
        "query_links_mean": round(sum(query_links) / len(query_links), 2),
        "rows": rows,
        "database_mb": round(size / 2**20, 1),
        "bytes_per_document": round(size / len(ids)),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


def quality() -> dict:
    from sphere.provenance.quality import measure
    from sphere.provenance.synthetic import make_corpus, model_text_from
    from sphere.store.db import open_engine

    out = {}
    for name, model in (("pseudo-words", None), ("demo-corpus-bigrams", model_text_from(CORPUS))):
        with tempfile.TemporaryDirectory() as tmp:
            engine = open_engine(f"sqlite:///{Path(tmp) / 'q.db'}")
            out[name] = measure(engine, make_corpus(n_originals=1000, seed=5, model_text=model))
            engine.dispose()
    return out


def growth_notes(sizes: dict[str, dict]) -> dict:
    ns = sorted(sizes, key=int)
    big = sizes[ns[-1]]
    notes = {
        "index": "linear in the number of documents: each costs a lookup of its 5 band keys per "
        "chunk, then an exact alignment with the (capped) candidates sharing them; it is never "
        "compared with every stored document (cpu_mean_last_tenth: the cost of a document added "
        "to an almost full index)",
        "query": "sub-linear: a few hundred primary-key probes into reuse_bands (B-tree depth grows "
        "with log N), then at most 100 candidate alignments; what grows is the number of stored "
        "documents sharing a chance band key with the new one (more candidates to load and "
        "pre-filter), bounded by MAX_CANDIDATES",
        "wall_vs_cpu": "wall-clock times include waiting for a core on a shared 2-core machine; "
        "CPU times are the cost",
        "storage": "linear: one (band_key, doc_num) row per band per chunk (about 110 per 500-word "
        "document), plus the document text the store keeps anyway; database_mb is the whole file",
        "memory": "peak_rss_mb is the benchmark process's peak, which includes the generated corpus "
        "held in memory (all texts and their known copies); indexing itself keeps at most "
        "CACHE_SIZE=2000 tokenized documents",
    }
    million = 1_000_000
    notes["one_million_estimate"] = {
        "index_cpu_hours": round(big["index_ms_per_document"]["cpu_mean_last_tenth"] * million / 3.6e6, 1),
        "band_rows": round(big["rows"]["band_keys"] / big["documents"] * million),
        "database_gb": round(big["bytes_per_document"] * million / 2**30, 1),
        "advice": "one million fits SQLite on one disk but wants PostgreSQL for concurrent readers "
        "and writers; the band table is the only large index (its primary key serves lookups) and "
        "can be partitioned by band_key; indexing parallelises by sharding documents across "
        "processes that write keys in batches",
    }
    for a_n, b_n in zip(ns, ns[1:], strict=False):
        a, b = sizes[a_n], sizes[b_n]
        notes[f"query_cpu_{a_n}_to_{b_n}"] = (
            f"{b['query_ms']['cpu_median'] / a['query_ms']['cpu_median']:.2f}x the CPU per query "
            f"for {int(b_n) // int(a_n)}x the documents"
        )
    return notes


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--queries", type=int, default=40)
    ap.add_argument("--no-quality", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.db, args.queries)))
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for n in (int(x) for x in args.sizes.split(",")):
        with tempfile.TemporaryDirectory(prefix="sphere-reuse-") as tmp:
            proc = subprocess.run(
                [sys.executable, __file__, "--one", str(n), "--db", str(Path(tmp) / "reuse.db"), "--queries", str(args.queries)],
                check=True, capture_output=True, text=True,
            )
        sizes[str(n)] = json.loads(proc.stdout.strip().splitlines()[-1])
        print(n, json.dumps(sizes[str(n)]), flush=True)
    machine = {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()}
    (RESULTS / "reuse.json").write_text(json.dumps(
        {"command": "bench/reuse.py --sizes " + args.sizes, "machine": machine, "sizes": sizes, "growth": growth_notes(sizes)},
        indent=2,
    ) + "\n")
    if not args.no_quality:
        q = quality()
        (RESULTS / "reuse_quality.json").write_text(json.dumps(
            {"command": "bench/reuse.py", "machine": machine, "corpora": q}, indent=2
        ) + "\n")
        print(json.dumps({k: {x: v[x] for x in ("precision", "recall", "direction_accuracy")} for k, v in q.items()}))


if __name__ == "__main__":
    main()
