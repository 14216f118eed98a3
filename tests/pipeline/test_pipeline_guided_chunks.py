"""Chunks handed to the workers: every document once, in order; large while plenty is left,
small at the end, so no worker is left parsing a big last chunk alone."""

from __future__ import annotations

import pytest

from sphere.pipeline import CHUNK_DOCS, LAST_CHUNK_DOCS, guided_chunks


@pytest.mark.parametrize("n", [0, 1, 3, 4, 5, 17, 64, 240, 1001])
@pytest.mark.parametrize("workers", [2, 3, 8])
def test_guided_chunks_cover_every_document_in_order(n, workers):
    items = [f"d{i}" for i in range(n)]
    parts = list(guided_chunks(items, workers))
    assert [i for part in parts for i in part] == items
    sizes = [len(p) for p in parts]
    assert all(1 <= s <= CHUNK_DOCS for s in sizes)
    assert sizes == sorted(sizes, reverse=True)  # never a bigger chunk after a smaller one
    assert all(s >= LAST_CHUNK_DOCS for s in sizes[:-1])  # only the very last may be smaller


@pytest.mark.parametrize("workers", [2, 4])
def test_guided_chunks_end_small_and_start_large(workers):
    sizes = [len(p) for p in guided_chunks([str(i) for i in range(500)], workers)]
    assert sizes[0] == CHUNK_DOCS
    # what is left when the last full chunk goes out is shared out in smaller pieces
    assert sizes[-1] <= LAST_CHUNK_DOCS and sizes.count(LAST_CHUNK_DOCS) >= workers
