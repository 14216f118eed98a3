"""Re-ingesting a file (or page URL) whose bytes changed stores a new version that replaces the
old one: same id, new text and units, the old version's mentions, evidence and reuse links gone,
its analysis due again, counted as updated. A changed part of a container is stored beside the
old one, with a note naming both ids."""

from __future__ import annotations

import json

from ingest_helpers import PARAGRAPHS, article_html
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sphere.ingest.run import ingest
from sphere.pipeline import analyse, stale_documents
from sphere.store import models as m

OLD = "Drills at Lyaur\n\n" + "\n\n".join(PARAGRAPHS) + "\n"
NEW = ("Talks in Osh\n\nUzbek and Kyrgyz officials met in Osh on 9 September 2021 to discuss the border, "
       "the foreign ministry said. They agreed to meet again in October.\n")  # fmt: skip
# a copy of the old version's first two paragraphs, quoted by another site (a reuse link)
COPY = "Quoted from a wire\n\n" + PARAGRAPHS[0] + " " + PARAGRAPHS[1] + "\n\nA reader added a comment of their own here.\n"


def count(session: Session, model, **where) -> int:
    q = select(func.count()).select_from(model)
    for key, value in where.items():
        q = q.where(getattr(model, key) == value)
    return session.scalar(q)


def test_changed_file_replaces_its_stored_version(tmp_path, engine):
    note = tmp_path / "note.txt"
    note.write_text(OLD, encoding="utf-8")
    assert ingest([str(note)], engine, progress=False).new == 1
    assert analyse(engine, progress=False, workers=1).failures == []
    with Session(engine) as s:
        assert count(s, m.MentionRow, doc_id="note.txt") > 0 and count(s, m.EvidenceRow, doc_id="note.txt") > 0
    note.write_text(NEW, encoding="utf-8")
    summary = ingest([str(note)], engine, progress=False)
    assert (summary.new, summary.updated, summary.unchanged, summary.failed) == (0, 1, 0, 0)
    assert summary.doc_ids == ["note.txt"]
    assert any("replaced the stored version of note.txt" in n for _, n in summary.notes)
    with Session(engine) as s:  # before any analysis: nothing of the old text is left
        assert count(s, m.DocumentRow) == 1
        row = s.get(m.DocumentRow, "note.txt")
        assert row.text.startswith("Talks in Osh") and row.stages == {}
        units = s.scalars(select(m.UnitRow).where(m.UnitRow.doc_id == "note.txt")).all()
        assert units and all(0 <= u.start < u.end <= len(row.text) for u in units)
        assert count(s, m.MentionRow, doc_id="note.txt") == 0
        assert count(s, m.EvidenceRow, doc_id="note.txt") == 0 and count(s, m.EventRow) == 0
    assert stale_documents(engine) == ["note.txt"]
    assert analyse(engine, progress=False, workers=1).failures == []
    with Session(engine) as s:
        text = s.get(m.DocumentRow, "note.txt").text
        evidence = s.scalars(select(m.EvidenceRow)).all()
        assert evidence and all(text[e.start : e.end] == e.text for e in evidence)
        codes = set(s.scalars(select(m.MentionRow.code).where(m.MentionRow.doc_id == "note.txt")))
        assert {"UZB", "KGZ"} <= codes and "TJK" not in codes
    again = ingest([str(note)], engine, progress=False)
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)


def test_new_version_drops_reuse_links_and_redoes_the_copy(tmp_path, engine):
    (tmp_path / "wire.txt").write_text(OLD, encoding="utf-8")
    (tmp_path / "blog.txt").write_text(COPY, encoding="utf-8")
    ingest([str(tmp_path / "wire.txt"), str(tmp_path / "blog.txt")], engine, progress=False)
    analyse(engine, progress=False, workers=1)
    with Session(engine) as s:
        linked = count(s, m.ReuseLinkRow)  # same day, no citation: either side may be named original
    assert linked  # the copied paragraphs are a reuse link
    (tmp_path / "wire.txt").write_text(NEW, encoding="utf-8")
    assert ingest([str(tmp_path / "wire.txt")], engine, progress=False).updated == 1
    with Session(engine) as s:
        assert count(s, m.ReuseLinkRow) == 0
        assert "provenance" not in (s.get(m.DocumentRow, "blog.txt").stages or {})  # its provenance is due again
    assert set(stale_documents(engine)) == {"wire.txt", "blog.txt"}
    assert analyse(engine, progress=False, workers=1).failures == []
    with Session(engine) as s:
        assert count(s, m.ReuseLinkRow) == 0  # the new version no longer holds the copied text
        assert all(e.derived_from is None for e in s.scalars(select(m.EvidenceRow)))


def test_changed_page_url_replaces_its_stored_version(engine, site):
    url = site.add("/story.html", article_html("Drills at Lyaur", PARAGRAPHS))
    assert ingest([url], engine, progress=False).new == 1
    site.add("/story.html", article_html("Drills at Lyaur, updated", [*PARAGRAPHS, "An update: the drills ended early."]))
    summary = ingest([url], engine, progress=False)
    assert (summary.new, summary.updated) == (0, 1) and summary.doc_ids == [url]
    with Session(engine) as s:
        assert count(s, m.DocumentRow) == 1 and "ended early" in s.get(m.DocumentRow, url).text


def test_changed_container_part_is_stored_beside_with_a_note(tmp_path, engine):
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps({"text": OLD, "title": "One"}) + "\n", encoding="utf-8")
    assert ingest([str(feed)], engine, progress=False).new == 1
    feed.write_text(json.dumps({"text": NEW, "title": "Another"}) + "\n", encoding="utf-8")
    summary = ingest([str(feed)], engine, progress=False)
    assert (summary.new, summary.updated) == (1, 0)  # line 1 now holds another article: both kept
    (stored_as,) = summary.doc_ids
    assert stored_as != "feed.jsonl#1"
    notes = [n for _, n in summary.notes]
    assert any(stored_as in n and "feed.jsonl#1" in n for n in notes), notes
    with Session(engine) as s:
        assert count(s, m.DocumentRow) == 2
