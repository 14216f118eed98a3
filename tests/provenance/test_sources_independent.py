"""Independent sources: a copy counts once with its original; clippings count for their source."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.orm import Session

from sphere.provenance import derived_from, independent_sources
from sphere.provenance.synthetic import Writer
from sphere.store.events import save_events
from sphere.store.models import EventRow, EvidenceRow
from sphere.types import Event, Evidence, Participant, Unit

W = Writer(41)
STORY = "\n\n".join(" ".join(W.paragraph(3, 4)) for _ in range(4))
PASSAGE = STORY.split("\n\n")[1]
SENTENCE = PASSAGE.split(". ")[1] + "."
WIRE_URL = "https://www.eurasiawire.net/security/2021/08/10/drills"
INTRO = "Notes from the week, with the clippings that mattered most to us here."


def blog_text() -> tuple[str, Unit, Unit]:
    text = f"{INTRO}\n\n8-10-21\n{PASSAGE}\n{WIRE_URL}\n\nNo comments:"
    lo = text.index("8-10-21")
    body = Unit("blog.txt", "body", "article", 0, lo - 2)
    clip = Unit("blog.txt", "clipping-1", "clipping", lo, text.index("\n\nNo comments"), published=date(2021, 8, 10), outlet="Eurasia Wire", url=WIRE_URL)
    return text, body, clip


@pytest.fixture
def corpus(add):
    add("wire.txt", STORY, outlet="Eurasia Wire", url=WIRE_URL, published=date(2021, 8, 10))
    text, body, clip = blog_text()
    add("blog.txt", text, units=[body, clip], published=date(2021, 8, 12))
    # a forum post reposting the blog's clipping two days later: a copy of a copy
    add("forum.txt", f"Posted by someone:\n{PASSAGE}\nThoughts?", published=date(2021, 8, 14))
    w = Writer(42)
    add("herald.txt", "\n\n".join(" ".join(w.paragraph()) for _ in range(3)), outlet="Steppe Herald", published=date(2021, 8, 11))
    add("nobody.txt", "\n\n".join(" ".join(w.paragraph()) for _ in range(3)), published=date(2021, 8, 11))
    return text


def ev(doc_id: str, text: str, needle: str) -> EvidenceRow:
    start = text.index(needle)
    return EvidenceRow(doc_id=doc_id, unit_id="x", start=start, end=start + len(needle), text=needle)


def test_sources_derived_from_follows_copies_to_the_first_publication(engine, corpus):
    forum = f"Posted by someone:\n{PASSAGE}\nThoughts?"
    with Session(engine) as s:
        assert derived_from(s, "blog.txt", corpus.index(SENTENCE), corpus.index(SENTENCE) + len(SENTENCE)) == "wire.txt"
        assert derived_from(s, "forum.txt", forum.index(SENTENCE), forum.index(SENTENCE) + len(SENTENCE)) == "wire.txt"
        assert derived_from(s, "wire.txt", STORY.index(SENTENCE), STORY.index(SENTENCE) + len(SENTENCE)) is None
        assert derived_from(s, "blog.txt", 0, len(INTRO)) is None


@pytest.mark.parametrize(
    "evidence, expected",
    [
        # the original and its copies: one source
        ([("wire.txt", STORY), ("blog.txt", None), ("forum.txt", None)], ["Eurasia Wire"]),
        # the clipping alone still counts for the outlet it quotes, not for the blog
        ([("blog.txt", None)], ["Eurasia Wire"]),
        # a copy of a copy, alone: the first publication's outlet
        ([("forum.txt", None)], ["Eurasia Wire"]),
        # an independent report adds a source
        ([("wire.txt", STORY), ("herald.txt", "herald")], ["Eurasia Wire", "Steppe Herald"]),
        # no outlet at all: unknown, by document, never guessed
        ([("nobody.txt", "nobody"), ("blog.txt", None)], ["Eurasia Wire", "unknown: nobody.txt"]),
    ],
)
def test_sources_independent_counts(engine, corpus, evidence, expected):
    forum = f"Posted by someone:\n{PASSAGE}\nThoughts?"
    texts = {"blog.txt": corpus, "forum.txt": forum, "wire.txt": STORY}
    rows = []
    with Session(engine) as s:
        from sphere.store.models import DocumentRow

        for doc_id, kind in evidence:
            if kind in ("herald", "nobody"):
                text = s.get(DocumentRow, doc_id).text
                rows.append(ev(doc_id, text, text[10:120]))
            else:
                rows.append(ev(doc_id, texts[doc_id], SENTENCE))
        assert independent_sources(s, rows) == expected


def test_sources_undecided_shared_passage_counts_once(add, engine):
    add("a.txt", STORY, outlet="Tian Shan Times", published=date(2021, 2, 25))
    (link,) = add("b.txt", "Intro of b.\n\n" + PASSAGE, outlet="Kyrgyz Week", published=date(2021, 2, 25))
    assert link.direction_by == "undecided"
    with Session(engine) as s:
        rows = [ev("a.txt", STORY, SENTENCE), ev("b.txt", "Intro of b.\n\n" + PASSAGE, SENTENCE)]
        (name,) = independent_sources(s, rows)
        assert name in {"Kyrgyz Week", "Tian Shan Times"}
        # neither side is derived: the direction is unknown
        assert derived_from(s, "b.txt", rows[1].start, rows[1].end) is None


def test_sources_save_events_counts_independent_outlets(engine, corpus):
    forum = f"Posted by someone:\n{PASSAGE}\nThoughts?"
    event = lambda doc_id, text: Event(  # noqa: E731
        event_id="e1", event_type="COOPERATE", actors=(Participant("RUS"),), recipients=(Participant("TJK"),),
        evidence=(Evidence(doc_id, "body", SENTENCE, text.index(SENTENCE), text.index(SENTENCE) + len(SENTENCE)),),
    )
    with Session(engine) as s, s.begin():
        for doc_id, text in (("wire.txt", STORY), ("blog.txt", corpus), ("forum.txt", forum)):
            save_events(s, doc_id, [event(doc_id, text)], "1", independent_sources)
    with Session(engine) as s:
        row = s.get(EventRow, "e1")
        assert row.n_evidence == 3 and row.n_sources == 1 and row.sources == ["Eurasia Wire"]
