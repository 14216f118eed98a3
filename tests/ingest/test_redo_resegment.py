"""`resegment`: stored documents of an older segmenter get the current units, text untouched."""

from __future__ import annotations

import pytest
from ingest_helpers import PARAGRAPHS, article_html
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

import sphere.ingest.run as run_module
from sphere.ingest.redo import resegment
from sphere.ingest.run import ingest
from sphere.segment import SEGMENT_VERSION
from sphere.store import models as m
from sphere.store.documents import load_document

PAGE = ("Border talks stall\n12 March 2021\n\n" + "\n".join(PARAGRAPHS) + "\n\nComments (2)\n\n"
        "This border will never be settled while both sides play to the crowd at home.\n\n"
        "Why does nobody ask the people of Batken what they want? We live here.\n")


def make_old(engine, doc_id: str, keep: int = 1) -> None:
    """Make a stored document look segmented by version 1: fewer units, no version, analysed."""
    with Session(engine) as s, s.begin():
        ids = [u.id for u in s.scalars(select(m.UnitRow).where(m.UnitRow.doc_id == doc_id).order_by(m.UnitRow.start))]
        s.execute(delete(m.UnitRow).where(m.UnitRow.id.in_(ids[keep:])))
        s.execute(update(m.DocumentRow).where(m.DocumentRow.id == doc_id)
                  .values(segment_version=None, stages={"nlp": "2", "events": "1", "provenance": "1"}))


def units_of(engine, doc_id):
    with Session(engine) as s:
        row = s.get(m.DocumentRow, doc_id)
        row.raw  # noqa: B018 - load the deferred column before the session closes
        return load_document(s, doc_id), row


def test_resegment_gives_old_documents_the_new_units(tmp_path, engine):
    (tmp_path / "talks.txt").write_text(PAGE, encoding="utf-8")
    ingest([str(tmp_path / "talks.txt")], engine, progress=False)
    current, row = units_of(engine, "talks.txt")
    assert [u.kind for u in current.units] == ["article", "comment", "comment"]
    assert row.segment_version == SEGMENT_VERSION
    text_before = current.text
    make_old(engine, "talks.txt")

    summary = resegment(engine, progress=False)
    assert (summary.checked, summary.changed, summary.failures) == (1, ["talks.txt"], [])
    doc, row = units_of(engine, "talks.txt")
    assert doc.units == current.units and doc.text == text_before
    assert row.segment_version == SEGMENT_VERSION and row.stages == {}  # analysis voided

    again = resegment(engine, progress=False)
    assert again.checked == 0
    forced = resegment(engine, force=True, progress=False)
    assert (forced.checked, forced.changed) == (1, [])


@pytest.mark.parametrize("inline", [True, False])
def test_resegment_html_from_stored_bytes_or_file(tmp_path, engine, monkeypatch, inline):
    if not inline:  # bytes not stored: the file, checked against the hash
        monkeypatch.setattr(run_module, "RAW_INLINE_MAX", 10)
    html = article_html("Drills near Dushanbe", PARAGRAPHS)
    html = html.replace("</article>", "</article><div class='comments'><div class='comment'><span class='author'>kgz_observer</span>"
                        "<time datetime='2021-08-11'>11 August 2021</time><p>Good to see the allies train together.</p></div></div>")
    (tmp_path / "page.html").write_text(html, encoding="utf-8")
    ingest([str(tmp_path / "page.html")], engine, progress=False)
    current, row = units_of(engine, "page.html")
    assert (row.raw is not None) == inline
    assert [u.kind for u in current.units] == ["article", "comment"]
    make_old(engine, "page.html")
    summary = resegment(engine, progress=False)
    assert summary.failures == [] and summary.changed == ["page.html"]
    assert units_of(engine, "page.html")[0].units == current.units


def test_resegment_changed_file_is_reported_and_left_alone(tmp_path, engine, monkeypatch):
    monkeypatch.setattr(run_module, "RAW_INLINE_MAX", 10)
    path = tmp_path / "page.html"
    path.write_text(article_html("Drills near Dushanbe", PARAGRAPHS), encoding="utf-8")
    ingest([str(path)], engine, progress=False)
    make_old(engine, "page.html", keep=0)
    path.write_text(article_html("Another page now", PARAGRAPHS[:1]), encoding="utf-8")
    summary = resegment(engine, progress=False)
    assert summary.failures == [("page.html", f"its file {path} has changed since it was ingested: re-ingest it")]
    doc, row = units_of(engine, "page.html")
    assert doc.units == () and row.segment_version is None


def test_resegment_keeps_stored_metadata_and_fills_what_lacked(tmp_path, engine):
    (tmp_path / "talks.txt").write_text(PAGE, encoding="utf-8")
    ingest([str(tmp_path / "talks.txt")], engine, progress=False)
    with Session(engine) as s, s.begin():
        row = s.get(m.DocumentRow, "talks.txt")
        row.title, row.published, row.segment_version = "A title set by hand", None, None
    resegment(engine, progress=False)
    doc, row = units_of(engine, "talks.txt")
    assert row.title == "A title set by hand"
    assert str(row.published) == "2021-03-12" and row.date_source == "text"
    assert all(str(u.published) == "2021-03-12" for u in doc.units)


def test_resegment_only_the_documents_asked_for(tmp_path, engine):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE.replace("Batken", name), encoding="utf-8")
    ingest([str(tmp_path)], engine, progress=False)
    make_old(engine, "a.txt")
    make_old(engine, "b.txt")
    summary = resegment(engine, ["b.txt"], progress=False)
    assert summary.changed == ["b.txt"]
    assert units_of(engine, "a.txt")[1].segment_version is None
