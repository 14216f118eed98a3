"""Cost of the entity stage against raw spaCy on the same text, measured in one run.

    .venv/bin/python bench/entities.py [--repeat 4] [--batch 16]

Documents: the seed documents and the demo corpus, ingested through the real ingest (units as
the segmenter makes them), English units only, the set repeated `--repeat` times. Two timings on
exactly the same texts (every unit plus the page text outside units, which the stage reads too),
each after a warm-up pass:

- raw: `nlp.pipe(texts, batch_size)` of the bare `en_core_web_sm` (every component);
- stage: `sphere.nlp.pipe_documents(documents, batch_size)`: language detection, chunking, the
  KB entity ruler inside the pipeline, resolution of every mention (Russian units excluded).

ratio = stage seconds / raw seconds (the aim is <= 1.3). Results go to bench/results/entities.json.
"""

from __future__ import annotations

import argparse
import json
import platform
import time
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SEEDS = REPO.parent / "shared" / "seeds"
CORPUS = REPO / "examples" / "corpus"
RESULTS = REPO / "bench" / "results" / "entities.json"


def english_documents():
    from sphere.ingest.run import scratch_documents as read_documents
    from sphere.nlp.language import detect_language
    from sphere.nlp.parse import document_units

    docs = list(read_documents([str(p) for p in sorted(SEEDS.glob("*.txt"))] + [str(CORPUS)]))
    keep = []
    for d in docs:
        units = tuple(u for u in document_units(d) if detect_language(d.text[u.start:u.end]) == "en")
        if units:
            keep.append(replace(d, units=units))
    return keep


def analysed_texts(docs) -> list[str]:
    """What the stage reads of each document: its units and its page text outside units."""
    from sphere.nlp.parse import page_gaps

    texts = []
    for d in docs:
        texts += [d.text[u.start:u.end] for u in d.units]
        texts += [d.text[g.start:g.end] for g in page_gaps(d, d.units)]
    return texts


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=4)
    parser.add_argument("--batch", type=int, default=16)
    args = parser.parse_args()

    from sphere.nlp import load_nlp, pipe_documents
    from sphere.nlp.model import load_base_model

    base = english_documents()
    docs = [replace(d, doc_id=f"{d.doc_id}#{i}") for i in range(args.repeat) for d in base]
    texts = analysed_texts(docs)
    raw_nlp = load_base_model()
    load_nlp()
    words = sum(len(t.split()) for t in texts)
    units = sum(len(d.units) for d in docs)

    def raw():
        for _ in raw_nlp.pipe(texts, batch_size=args.batch):
            pass

    mentions = 0

    def stage():
        nonlocal mentions
        mentions = sum(len(p.mentions()) for p in pipe_documents(docs, batch_size=args.batch))

    raw(), stage()  # warm up: model caches, KB, lingua, gazetteer
    raw_s, stage_s = timed(raw), timed(stage)
    out = {
        "documents": len(docs), "units": units, "texts": len(texts), "words": words,
        "chars": sum(map(len, texts)), "mentions": mentions, "batch_size": args.batch,
        "raw": {"seconds": round(raw_s, 3), "units_per_s": round(units / raw_s, 1), "words_per_s": round(words / raw_s)},
        "stage": {"seconds": round(stage_s, 3), "units_per_s": round(units / stage_s, 1), "words_per_s": round(words / stage_s)},
        "ratio_stage_over_raw": round(stage_s / raw_s, 3),
        "machine": {"python": platform.python_version(), "cpu": platform.processor() or platform.machine()},
        "command": f".venv/bin/python bench/entities.py --repeat {args.repeat} --batch {args.batch}",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
