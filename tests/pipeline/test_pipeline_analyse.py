"""The whole pipeline on real documents: ingest, then provenance, entities and events.

Runs the demo corpus's syndicated pair and its clipping/forum copies through `analyse` with one
and with two worker processes, and checks what an analyst relies on: the same events either
way, evidence from copies marked as derived, sources counted independently, re-runs idle, and
one failing document reported without stopping the others.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import sphere.nlp
from sphere.events.schema import to_record, validate
from sphere.ingest.run import ingest
from sphere.pipeline import STAGE_VERSIONS, analyse
from sphere.store import models as m
from sphere.store.db import open_engine
from sphere.store.events import query_events

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

PAIR = ["01_harbmaidon_drills_eurasiawire.html", "02_harbmaidon_drills_steppeherald_copied_page.txt",
        "05_clippings_blog.txt", "06_forum_thread_harbmaidon.txt",
        "11_air_defence_cabulletin.html", "12_air_defence_rsdigest_syndicated.html"]


def stored(url: str):
    engine = open_engine(url)
    summary = ingest([str(CORPUS / name) for name in PAIR], engine, progress=False)
    assert summary.failures == [] and summary.new == len(PAIR)
    return engine


def event_keys(engine) -> list[tuple]:
    with Session(engine) as s:
        return sorted(
            (e.event_id, e.event_type, e.date, tuple(p.code for p in e.actors),
             tuple(sorted((x.doc_id, x.start, x.end, x.derived_from) for x in e.evidence)))
            for e in query_events(s, limit=None)
        )


@pytest.fixture(scope="module")
def analysed(tmp_path_factory):
    url = f"sqlite:///{tmp_path_factory.mktemp('one') / 'one.db'}"
    engine = stored(url)
    summary = analyse(engine, progress=False, workers=1)
    return engine, summary


def test_pipeline_analyse_stores_entities_and_valid_events(analysed):
    engine, summary = analysed
    assert summary.failures == [] and summary.documents == len(PAIR)
    assert summary.mentions > 100 and summary.events > 5
    with Session(engine) as s:
        events = query_events(s, limit=None)
        texts = {d.id: d.text for d in s.scalars(select(m.DocumentRow))}
        assert all(stages == STAGE_VERSIONS for stages in s.scalars(select(m.DocumentRow.stages)))
    for ev in events:
        validate(to_record(ev))
        for x in ev.evidence:
            assert texts[x.doc_id][x.start : x.end] == x.text  # evidence is verbatim


def test_pipeline_analyse_marks_copied_evidence_and_counts_sources_independently(analysed):
    engine, _ = analysed
    with Session(engine) as s:
        events = query_events(s, limit=None)
    copied = [x for ev in events for x in ev.evidence if x.doc_id.startswith("12_")]
    assert copied and all(x.derived_from == PAIR[4] for x in copied)
    for ev in events:
        docs = {x.doc_id for x in ev.evidence}
        if PAIR[4] in docs and PAIR[5] in docs:
            # the syndicated copy adds evidence, never a second source
            assert ev.sources == tuple(sorted(set(ev.sources))) and len(ev.sources) == 1


def test_pipeline_analyse_again_does_nothing(analysed):
    engine, _ = analysed
    before = event_keys(engine)
    again = analyse(engine, progress=False, workers=1)
    assert again.documents == 0 and again.events == 0
    assert event_keys(engine) == before


def test_pipeline_analyse_two_workers_give_the_same_record(analysed, tmp_path):
    engine, _ = analysed
    other = stored(f"sqlite:///{tmp_path / 'two.db'}")
    summary = analyse(other, progress=False, workers=2)
    assert summary.failures == []
    assert event_keys(other) == event_keys(engine)


def test_pipeline_analyse_one_failing_document_does_not_stop_the_batch(tmp_path, monkeypatch):
    engine = stored(f"sqlite:///{tmp_path / 'bad.db'}")
    real_pipe, real_parse = sphere.nlp.pipe_documents, sphere.nlp.parse_document

    def parse(document):
        if document.doc_id == PAIR[1]:
            raise ValueError("the parser choked")
        return real_parse(document)

    def pipe(documents, batch_size=16):
        docs = list(documents)
        if any(d.doc_id == PAIR[1] for d in docs):
            raise ValueError("the parser choked")
        return real_pipe(docs, batch_size)

    monkeypatch.setattr(sphere.nlp, "pipe_documents", pipe)
    monkeypatch.setattr(sphere.nlp, "parse_document", parse)
    summary = analyse(engine, progress=False, workers=1)
    assert [doc for doc, _ in summary.failures] == [PAIR[1]]
    assert "the parser choked" in summary.failures[0][1]
    assert summary.documents == len(PAIR) - 1
    with Session(engine) as s:
        done = s.scalar(select(func.count()).select_from(m.DocumentRow).where(m.DocumentRow.stages == STAGE_VERSIONS))
    assert done == len(PAIR) - 1
    monkeypatch.undo()
    retry = analyse(engine, progress=False, workers=1)  # the failed one is still to do
    assert retry.documents == 1 and retry.failures == []


def test_pipeline_analyse_failed_provenance_is_retried_next_time(tmp_path, monkeypatch):
    import sphere.provenance

    engine = stored(f"sqlite:///{tmp_path / 'prov.db'}")
    real_index = sphere.provenance.index_document

    def index(session, doc_id):
        if doc_id == PAIR[5]:
            raise RuntimeError("index unavailable")
        return real_index(session, doc_id)

    monkeypatch.setattr(sphere.provenance, "index_document", index)
    summary = analyse(engine, progress=False, workers=1)
    assert [doc for doc, _ in summary.failures] == [PAIR[5]]
    assert "provenance" in summary.failures[0][1]
    monkeypatch.undo()
    retry = analyse(engine, progress=False, workers=1)
    assert retry.documents == 1 and retry.failures == [] and retry.reuse_links >= 1
    with Session(engine) as s:
        copied = s.scalars(select(m.EvidenceRow.derived_from).where(m.EvidenceRow.doc_id == PAIR[5])).all()
    assert copied and set(copied) == {PAIR[4]}


def test_pipeline_analyse_counts_each_reuse_link_once_when_analysed_again(tmp_path):
    engine = stored(f"sqlite:///{tmp_path / 'again.db'}")
    first = analyse(engine, progress=False, workers=1)
    with Session(engine) as s:
        links = s.scalar(select(func.count()).select_from(m.ReuseLinkRow))
        s.query(m.DocumentRow).update({m.DocumentRow.stages: {}})  # as after an upgrade: all stale
        s.commit()
    again = analyse(engine, progress=False, workers=1)  # both ends of every link indexed again
    assert links >= 2
    assert first.reuse_links == links
    assert again.documents == len(PAIR) and again.reuse_links == links
