"""Ingest stores a chunk of documents per transaction; a document that fails still fails alone.

A folder of more documents than a chunk holds, one of which cannot be stored (a fault injected
where it is segmented, or where it is written): the run reports that file by name with the
reason, stores every other document whole, lists them in input order, and a second run stores
nothing new.
"""

from __future__ import annotations

import pytest
from ingest_helpers import PARAGRAPHS
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sphere.ingest import run
from sphere.store import document_writes
from sphere.store import models as m

N_FILES = run.STORE_CHUNK + 5


def write_folder(folder) -> list[str]:
    folder.mkdir()
    names = [f"report_{i:02d}.txt" for i in range(N_FILES)]
    for i, name in enumerate(names):
        body = "\n\n".join(f"{p} (report {i})" for p in PARAGRAPHS)
        (folder / name).write_text(f"Report {i} on the drills\n\n{body}\n", encoding="utf-8")
    return names


def fail_in_segmenting(monkeypatch, bad: str) -> None:
    real = run.segment_page

    def segment_or_fail(page, item):
        if item.doc_id == bad:
            raise ValueError("segmenter bug")
        return real(page, item)

    monkeypatch.setattr(run, "segment_page", segment_or_fail)


def fail_in_writing(monkeypatch, bad: str) -> None:
    real = document_writes.document_fields

    def fields_or_fail(doc, *args):
        if doc.doc_id == bad:
            raise ValueError("disk trouble")
        return real(doc, *args)

    monkeypatch.setattr(document_writes, "document_fields", fields_or_fail)


@pytest.mark.parametrize("inject", [fail_in_segmenting, fail_in_writing])
@pytest.mark.parametrize("bad_index", [0, 7, N_FILES - 1])
def test_run_store_chunks_one_bad_document_fails_alone(tmp_path, engine, monkeypatch, inject, bad_index):
    names = write_folder(tmp_path / "docs")
    bad = names[bad_index]
    inject(monkeypatch, bad)
    summary = run.ingest([str(tmp_path / "docs")], engine, progress=False)
    assert [(o.rsplit("/", 1)[-1], r.split(":")[0]) for o, r in summary.failures] == [(bad, "could not be stored")]
    assert "ValueError" in summary.failures[0][1]
    good = [n for n in names if n != bad]
    assert (summary.new, summary.unchanged, summary.doc_ids) == (len(good), 0, good)
    with Session(engine) as s:
        stored = list(s.scalars(select(m.DocumentRow.id).order_by(m.DocumentRow.id)))
        units = dict(s.execute(select(m.UnitRow.doc_id, func.count()).group_by(m.UnitRow.doc_id)).all())
        failed = list(s.scalars(select(m.IngestFailureRow.origin)))
    assert stored == good and set(units) == set(good)
    assert [f.rsplit("/", 1)[-1] for f in failed] == [bad]

    monkeypatch.undo()  # the fault is gone: a re-run stores the one left and clears its failure
    again = run.ingest([str(tmp_path / "docs")], engine, progress=False)
    assert (again.new, again.unchanged, again.failed, again.doc_ids) == (1, len(good), 0, names)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.IngestFailureRow)) == 0
