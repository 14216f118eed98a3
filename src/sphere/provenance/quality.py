"""Scoring reuse detection against a synthetic corpus whose copies are known (`synthetic`).

`measure` stores the corpus, indexes it document by document with `index_document` (one
transaction each, as `sphere analyse` does) and scores every stored link with `score`:

- a link is correct when at least half of its copied side lies in blocks copied between the same
  two documents, either way round, or in text two copies share because both copied the same part
  of one original (`implied_blocks`: correct to link, but not expected);
- a block is found when links between its two documents cover at least half of it; only blocks
  of the minimum passage length are expected (recall);
- direction is scored on correct links whose direction was decided.
"""

from __future__ import annotations

import time

from .synthetic import Block, Corpus


def implied_blocks(blocks: list[Block]) -> list[Block]:
    """Text two copies share because both copied the same part of one original."""
    by_original: dict[str, list[Block]] = {}
    for bl in blocks:
        by_original.setdefault(bl.original_doc, []).append(bl)
    out = []
    for group in by_original.values():
        for i, x in enumerate(group):
            for y in group[i + 1 :]:
                if x.copy_doc == y.copy_doc:
                    continue
                lo, hi = max(x.original_start, y.original_start), min(x.original_end, y.original_end)
                if hi - lo <= 0:
                    continue
                out.append(
                    Block(
                        x.copy_doc, y.copy_doc,
                        x.copy_start + lo - x.original_start, x.copy_start + hi - x.original_start,
                        y.copy_start + lo - y.original_start, y.copy_start + hi - y.original_start,
                        0, implied=True,
                    )
                )
    return out


def store_corpus(engine, corpus: Corpus) -> list[str]:
    """Save the corpus with `save_document` (one unit per document); returns ids in order."""
    from ..ids import content_hash
    from ..store.documents import save_document
    from ..types import Document, Unit

    ids = []
    for d in corpus.docs:
        raw = d.text.encode()
        doc = Document(
            doc_id=d.doc_id, origin=f"synthetic:{d.doc_id}", content_hash=content_hash(raw),
            encoding="utf-8", media_type="text", extractor="plain", text=d.text, url=d.url,
            published=d.published, units=(Unit(d.doc_id, "body", "article", 0, len(d.text), d.published),),
        )
        ids.append(save_document(engine, doc, keep_raw=False)[1])
    return ids


def overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score(blocks: list[Block], links, recall_docs: set[str] | None = None) -> dict:
    """Precision and recall of stored links against the known blocks.

    A link is correct when at least half of its copied side lies in blocks copied between the
    same two documents (either way round); a block is found when links between its two
    documents cover at least half of it. Direction is scored on correct decided links.
    """
    by_pair: dict[frozenset, list[Block]] = {}
    for bl in [*blocks, *implied_blocks(blocks)]:
        by_pair.setdefault(frozenset((bl.original_doc, bl.copy_doc)), []).append(bl)
    correct = directed = right_way = 0
    covered: dict[int, int] = {}
    for link in links:
        pair = frozenset((link.original_doc, link.copy_doc))
        span = (link.copy_start, link.copy_end)
        inside = 0
        for bl in by_pair.get(pair, ()):
            own = (bl.copy_start, bl.copy_end) if bl.copy_doc == link.copy_doc else (bl.original_start, bl.original_end)
            ov = overlap(span, own)
            inside += ov
            # coverage of the block, measured on the block's copy side
            b_span = (bl.copy_start, bl.copy_end)
            l_span = span if bl.copy_doc == link.copy_doc else (link.original_start, link.original_end)
            covered[id(bl)] = covered.get(id(bl), 0) + overlap(b_span, l_span)
        if inside >= 0.5 * (span[1] - span[0]):
            correct += 1
            if link.direction_by != "undecided":
                directed += 1
                right_way += any(
                    bl.copy_doc == link.copy_doc or bl.implied for bl in by_pair[pair]
                )
    expected = [
        bl for bl in blocks if bl.expected and (recall_docs is None or bl.copy_doc in recall_docs)
    ]
    found = sum(covered.get(id(bl), 0) >= 0.5 * (bl.copy_end - bl.copy_start) for bl in expected)
    n_links = len(links)
    return {
        "links": n_links,
        "expected_passages": len(expected),
        "precision": round(correct / n_links, 4) if n_links else 1.0,
        "recall": round(found / len(expected), 4) if expected else 1.0,
        "direction_accuracy": round(right_way / directed, 4) if directed else None,
        "decided_share": round(directed / correct, 4) if correct else None,
    }


def measure(engine, corpus: Corpus) -> dict:
    """Index the corpus document by document, then score every stored link."""
    from sqlalchemy.orm import Session

    from ..store.reuse import links_of, to_link
    from . import index_document

    ids = store_corpus(engine, corpus)
    t0 = time.perf_counter()
    for doc_id in ids:
        with Session(engine) as session, session.begin():
            index_document(session, doc_id)
    seconds = time.perf_counter() - t0
    with Session(engine) as session:
        links = [to_link(r) for r in links_of(session)]
    result = score(corpus.blocks, links)
    by_kind: dict[str, dict] = {}
    kinds = {d.doc_id: d.kind for d in corpus.docs}
    for kind in sorted(set(kinds.values()) - {"original"}):
        mine = {d for d, k in kinds.items() if k == kind}
        by_kind[kind] = score(
            corpus.blocks, [x for x in links if x.copy_doc in mine or x.original_doc in mine], mine
        )
    return {"documents": len(ids), "index_seconds": round(seconds, 2), **result, "by_kind": by_kind}
