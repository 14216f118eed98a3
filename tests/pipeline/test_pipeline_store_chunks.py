"""Storing a chunk of analysed documents in one transaction: a document that cannot be stored
fails alone, and the rest of its chunk is stored as if each had its own transaction."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.pipeline import STAGE_VERSIONS, TextAnalysis, store_analyses
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.models import DocumentRow, EventRow, MentionRow
from sphere.types import Document, Event, Evidence, Mention, Participant, Unit

TEXT = "Russia and Tajikistan held joint drills near Dushanbe on Monday."


def document(name: str) -> Document:
    raw = (TEXT + name).encode()
    return Document(name, f"/x/{name}", content_hash(raw), "utf-8", "text", "plain", TEXT,
                    published=date(2021, 8, 10), units=(Unit(name, "body", "article", 0, len(TEXT)),), raw=raw)


def analysis(name: str, day: str) -> TextAnalysis:
    mention = Mention(name, "body", 0, 6, "Russia", "RUS", "state")
    ev = Event(event_id=f"e-{name}", event_type="COOPERATE", actors=(Participant("RUS"),), recipients=(Participant("TJK"),),
               date=day, date_precision="day", evidence=(Evidence(name, "body", TEXT, 0, len(TEXT)),))
    return TextAnalysis(name, (mention,), (ev,))


def test_a_document_that_cannot_be_stored_fails_alone_and_its_chunk_is_kept(sqlite_url):
    engine = open_engine(sqlite_url)
    for name in ("a.txt", "c.txt"):
        save_document(engine, document(name))
    chunk = [analysis("a.txt", "2021-08-09"), analysis("ghost.txt", "2021-08-10"), analysis("c.txt", "2021-08-11")]
    outcome = store_analyses(engine, chunk, no_provenance=set())
    assert outcome[0] == 1 and outcome[2] == 1
    assert isinstance(outcome[1], Exception)  # no such document stored
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(EventRow)) == 2
        assert s.scalar(select(func.count()).select_from(MentionRow)) == 2
        assert {d.id: d.stages for d in s.scalars(select(DocumentRow))} == {"a.txt": STAGE_VERSIONS, "c.txt": STAGE_VERSIONS}
    engine.dispose()


def test_a_chunk_stored_at_once_keeps_the_provenance_stage_of_those_whose_provenance_failed(sqlite_url):
    engine = open_engine(sqlite_url)
    for name in ("a.txt", "c.txt"):
        save_document(engine, document(name))
    assert store_analyses(engine, [analysis("a.txt", "2021-08-09"), analysis("c.txt", "2021-08-11")], {"c.txt"}) == [1, 1]
    with Session(engine) as s:
        stages = {d.id: d.stages for d in s.scalars(select(DocumentRow))}
    assert stages["a.txt"] == STAGE_VERSIONS
    assert stages["c.txt"] == {k: v for k, v in STAGE_VERSIONS.items() if k != "provenance"}
    engine.dispose()


def test_provenance_of_a_chunk_in_one_transaction_matches_one_by_one_and_a_failure_stays_alone(sqlite_url, tmp_path, monkeypatch):
    import sphere.provenance as provenance
    from sphere.pipeline import index_reuse_many
    from sphere.store.models import ReuseLinkRow

    story = " ".join(f"Sentence {i} says that Russian and Tajik troops trained together near Dushanbe." for i in range(12))
    engine = open_engine(sqlite_url)
    for name, text in (("a.txt", story), ("b.txt", "A repost. " + story), ("c.txt", "Nothing copied here at all, only this.")):
        raw = (text + name).encode()
        save_document(engine, Document(name, f"/x/{name}", content_hash(raw), "utf-8", "text", "plain", text,
                                       units=(Unit(name, "body", "article", 0, len(text)),), raw=raw))
    original = provenance.index_document

    def failing(session, doc_id):
        if doc_id == "c.txt":
            raise ValueError("a broken document")
        return original(session, doc_id)

    monkeypatch.setattr(provenance, "index_document", failing)
    found = index_reuse_many(engine, ["a.txt", "b.txt", "c.txt"])
    assert found[0] == 0 and found[1] >= 1  # b copies a, found once a is indexed
    assert isinstance(found[2], ValueError)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(ReuseLinkRow)) == found[1]
    engine.dispose()
