"""Odd inputs that are not errors: each is read right, with a note where the user should know."""

from __future__ import annotations

from pathlib import Path

import pytest
from ingest_helpers import PARAGRAPHS
from sqlalchemy.orm import Session

from sphere.ingest.run import ingest
from sphere.store.documents import load_document

RUSSIAN = "Военнослужащие ОДКБ провели учения в Таджикистане на полигоне Харб-Майдон, сообщило Минобороны России."


def stored(engine, doc_id):
    with Session(engine) as s:
        return load_document(s, doc_id)


def test_run_odd_bom_is_not_text(tmp_path, engine):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbf" + PARAGRAPHS[0].encode())
    ingest([str(tmp_path / "bom.txt")], engine, progress=False)
    doc = stored(engine, "bom.txt")
    assert doc.text == PARAGRAPHS[0] and doc.encoding == "utf-8"
    assert doc.units[0].start == 0


def test_run_odd_mixed_line_endings_offsets_hold(tmp_path, engine):
    raw = ("Border guards reinforced\r\n\r\n" + PARAGRAPHS[0] + "\n" + PARAGRAPHS[1] + "\r\r" + "Share this article\r\n")
    (tmp_path / "eol.txt").write_bytes(raw.encode())
    ingest([str(tmp_path / "eol.txt")], engine, progress=False)
    doc = stored(engine, "eol.txt")
    assert "\r" not in doc.text
    body = doc.units[0]
    assert doc.text[body.start:body.end] == PARAGRAPHS[0] + "\n" + PARAGRAPHS[1]


@pytest.mark.parametrize(("meta", "encoding"), [
    ('<meta charset="utf-8">', "cp1251"),  # says UTF-8, is cp1251
    ('<meta http-equiv="Content-Type" content="text/html; charset=windows-1251">', "utf-8"),  # the reverse
])
def test_run_odd_wrong_meta_charset_is_corrected(tmp_path, engine, meta, encoding):
    html = f"<html><head>{meta}<title>Учения</title></head><body><p>{RUSSIAN}</p></body></html>"
    (tmp_path / "page.htm").write_bytes(html.encode(encoding))
    summary = ingest([str(tmp_path / "page.htm")], engine, progress=False)
    assert summary.failures == []
    assert RUSSIAN in stored(engine, "page.htm").text


def test_run_odd_duplicate_files_stored_once_with_a_note(tmp_path, engine):
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a.txt", "copy of a.txt"):
        (folder / name).write_text("\n\n".join(PARAGRAPHS), encoding="utf-8")
    summary = ingest([str(folder)], engine, progress=False)
    assert (summary.new, summary.unchanged, summary.failed) == (1, 1, 0)
    assert summary.notes == [(str(folder / "copy of a.txt"), "same bytes as the stored document a.txt: not stored again")]
    again = ingest([str(folder)], engine, progress=False)
    assert (again.new, again.unchanged) == (0, 2)


def test_run_odd_feed_saved_as_html_is_read_as_a_feed(tmp_path, engine):
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Orient Wire</title><item><title>SCO meets</title>'
            f"<description>{PARAGRAPHS[0]}</description></item></channel></rss>")
    (tmp_path / "saved.html").write_text(feed, encoding="utf-8")
    summary = ingest([str(tmp_path / "saved.html")], engine, progress=False)
    assert summary.doc_ids == ["saved.html#1"]
    doc = stored(engine, "saved.html#1")
    assert doc.text == PARAGRAPHS[0] and doc.title == "SCO meets"


def test_run_odd_folders_say_what_they_left_out(tmp_path, engine):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (tmp_path / "docs" / "scan.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / "docs" / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "empty").mkdir()
    summary = ingest([str(tmp_path / "docs"), str(tmp_path / "empty")], engine, progress=False)
    notes = {Path(o).name: n for o, n in summary.notes}
    assert notes["docs"] == "left out 2 file(s) of types Sphere does not read (1 .docx, 1 .pdf)"
    assert notes["empty"].startswith("no file Sphere reads in this folder (it reads .txt")
    assert summary.doc_ids == ["a.txt"] and summary.failures == []


def test_run_odd_feed_file_with_only_links_to_local_pages(tmp_path, engine, site):
    from ingest_helpers import article_html

    one = site.add("/one.html", article_html("Drills end at Harbmaidon", PARAGRAPHS))
    two = site.add("/two.html", article_html("Border guards reinforced", PARAGRAPHS[:2], site_name="Other Wire"))
    items = "".join(f"<item><title>{t}</title><link>{u}</link></item>" for t, u in (("One", one), ("Two", two)))
    (tmp_path / "links.rss").write_text(f'<?xml version="1.0"?><rss version="2.0"><channel><title>Link Wire</title>{items}'
                                        f"<item><title>Three</title><link>{site.base}/gone.html</link></item></channel></rss>",
                                        encoding="utf-8")
    summary = ingest([str(tmp_path / "links.rss")], engine, progress=False)
    assert summary.doc_ids == [one, two]
    assert summary.failures == [(f"{tmp_path / 'links.rss'}#3", f"its link {site.base}/gone.html: HTTP 404 Not Found")]
    doc = stored(engine, one)
    assert PARAGRAPHS[0] in doc.text
    assert (doc.title, doc.outlet) == ("Drills end at Harbmaidon", "Test Wire")  # the page's own, not the feed's


def test_run_odd_no_outlet_name_made_from_the_host(site, engine):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    url = site.add("/plain.html", f"<html><head><title>Border news</title></head><body><article>{body}</article></body></html>")
    ingest([url], engine, progress=False)
    doc = stored(engine, url)
    assert doc.outlet is None or "127.0.0.1" not in doc.outlet
