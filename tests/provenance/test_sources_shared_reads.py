"""Shared reads: sessions of one run counting sources from one memo count what fresh sessions
count, and a link written afterwards is seen (writing links clears the memo)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from sphere.provenance import derived_from, independent_sources, shared_reads
from sphere.provenance.synthetic import Writer
from sphere.store.models import EvidenceRow

W = Writer(43)
STORY = "\n\n".join(" ".join(W.paragraph(3, 4)) for _ in range(4))
PASSAGE = STORY.split("\n\n")[2]
SENTENCE = PASSAGE.split(". ")[1] + "."
COPY = f"Reposted here:\n{PASSAGE}\nEnd of repost."


def span(doc_id: str, text: str) -> EvidenceRow:
    start = text.index(SENTENCE)
    return EvidenceRow(doc_id=doc_id, unit_id="body", start=start, end=start + len(SENTENCE), text=SENTENCE)


@pytest.fixture
def stored(add):
    add("wire.txt", STORY, outlet="Eurasia Wire", published=date(2021, 8, 10))
    add("repost.txt", COPY, published=date(2021, 8, 12))


@pytest.mark.parametrize(
    "docs, expected",
    [
        (["wire.txt", "repost.txt"], ["Eurasia Wire"]),
        (["repost.txt"], ["Eurasia Wire"]),
        (["wire.txt"], ["Eurasia Wire"]),
    ],
)
def test_shared_reads_count_what_fresh_sessions_count(engine, stored, docs, expected):
    texts = {"wire.txt": STORY, "repost.txt": COPY}
    reads = shared_reads()
    for _ in range(2):  # the second session answers from what the first one read
        with Session(engine, info=reads) as s:
            assert independent_sources(s, [span(d, texts[d]) for d in docs]) == expected
    with Session(engine) as s:
        assert independent_sources(s, [span(d, texts[d]) for d in docs]) == expected


def test_shared_reads_are_remembered_across_sessions(engine, stored):
    reads = shared_reads()
    with Session(engine, info=reads) as s:
        row = span("repost.txt", COPY)
        assert derived_from(s, "repost.txt", row.start, row.end) == "wire.txt"
    memo = next(v for k, v in reads.items() if k.startswith("sphere.reuse"))
    assert "repost.txt" in memo["by_doc"] and "repost.txt" in memo["linked"]


def test_shared_reads_see_links_written_later(add, engine, stored):
    reads = shared_reads()
    late = f"Another site:\n{PASSAGE}\nComments closed."
    with Session(engine, info=reads) as s:
        assert derived_from(s, "late.txt", 0, 10) is None  # not stored yet: no links
    add("late.txt", late, published=date(2021, 8, 20))
    row = span("late.txt", late)
    with Session(engine, info=reads) as s, s.begin():
        from sphere.provenance import index_document

        index_document(s, "late.txt")  # writes its links again, in a session sharing the memo
        assert derived_from(s, "late.txt", row.start, row.end) == "wire.txt"
