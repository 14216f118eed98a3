"""Bad input: one clear line naming the file and the problem, the batch goes on, nothing is lost.

Each case ingests a folder holding one good article and one bad input, into a store that already
holds a document; the bad input must be reported (and recorded in `ingest_failures`), the good
article stored, and the document stored before left as it was.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from ingest_helpers import CORPUS, PARAGRAPHS
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sphere.ingest.run import ingest
from sphere.store import models as m


def write_good(folder):
    (folder / "good.txt").write_text("Good article\n\n" + "\n\n".join(PARAGRAPHS) + "\n", encoding="utf-8")


def zero_byte(folder, site, closed):
    (folder / "empty.txt").write_bytes(b"")
    return [str(folder)], "empty.txt", "empty file (0 bytes)"


def png_as_txt(folder, site, closed):
    (folder / "photo.txt").write_bytes((CORPUS / "broken.html").read_bytes())
    return [str(folder)], "photo.txt", "binary file (PNG image), not text or HTML"


def pdf_as_txt(folder, site, closed):
    (folder / "report.txt").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")
    return [str(folder)], "report.txt", "binary file (PDF document), not text or HTML"


def invalid_utf8(folder, site, closed):
    (folder / "damaged.txt").write_bytes("Статья о базе в Душанбе. ".encode() * 20 + b"\xff\xfe\xfa" + "конец".encode())
    return [str(folder)], "damaged.txt", "invalid UTF-8"


def fifty_megabytes(folder, site, closed):
    line = b"Russian troops held drills in Tajikistan on Tuesday, officials said.\n"
    with (folder / "huge.txt").open("wb") as fh:
        fh.write(line * (50 * 1024**2 // len(line) + 1))
    return [str(folder)], "huge.txt", "over the 20.0 MB size cap (raise it with --max-size)"


def truncated_warc(folder, site, closed):
    raw = (CORPUS / "archive.warc.gz").read_bytes()
    (folder / "cut.warc.gz").write_bytes(raw[: int(len(raw) * 0.6)])
    return [str(folder)], "cut.warc.gz", "truncated or damaged archive"


def malformed_jsonl_line(folder, site, closed):
    lines = [
        json.dumps({"text": "\n\n".join(PARAGRAPHS), "title": "First", "url": "https://example.org/1"}),
        '{"text": "broken line, no closing brace"',
        json.dumps({"text": PARAGRAPHS[0] + " A different article.", "title": "Third"}),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder)], "batch.jsonl#2", "line 2 is not valid JSON"


def unreachable_url(folder, site, closed):
    return [str(folder), closed], closed, "cannot connect"


def feed_not_xml(folder, site, closed):
    url = site.add("/feed.rss", "this is a plain sentence, not a feed", "application/rss+xml")
    (folder / "local.rss").write_text("neither is this one { }", encoding="utf-8")
    return [str(folder), url], url, "not an RSS/Atom feed"


def symlink_loop(folder, site, closed):
    (folder / "a.txt").symlink_to(folder / "b.txt")
    (folder / "b.txt").symlink_to(folder / "a.txt")
    return [str(folder), str(folder / "a.txt")], "a.txt", "symbolic link loop"


def broken_symlink(folder, site, closed):
    (folder / "gone.txt").symlink_to(folder / "deleted-long-ago.txt")
    return [str(folder), str(folder / "gone.txt")], "gone.txt", "broken symbolic link (points to"


def named_pipe(folder, site, closed):
    os.mkfifo(folder / "pipe.txt")  # reading it would block for ever; in a folder it is skipped
    return [str(folder), str(folder / "pipe.txt")], "pipe.txt", "not a regular file"


def gzip_not_warc(folder, site, closed):
    (folder / "notes.warc.gz").write_bytes(gzip.compress(b"hello, this is a plain text file\n" * 20))
    return [str(folder)], "notes.warc.gz", "not a web archive: gzip-compressed, but does not start with a WARC"


def feed_links_unreachable(folder, site, closed):
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Local Wire</title>'
            f"<item><title>One</title><link>{closed}/one.html</link></item></channel></rss>")
    (folder / "wire.rss").write_text(feed, encoding="utf-8")
    return [str(folder)], "wire.rss#1", f"its link {closed}/one.html: cannot connect"


CASES = [zero_byte, png_as_txt, pdf_as_txt, invalid_utf8, fifty_megabytes, truncated_warc,
         malformed_jsonl_line, unreachable_url, feed_not_xml, symlink_loop, broken_symlink,
         named_pipe, gzip_not_warc, feed_links_unreachable]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_run_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path, engine, site, closed_port_url, case):
    before = tmp_path / "before"
    before.mkdir()
    (before / "earlier.txt").write_text("Earlier article\n\n" + PARAGRAPHS[2] + " Stored first.\n", encoding="utf-8")
    assert ingest([str(before)], engine, progress=False).new == 1
    folder = tmp_path / "batch"
    folder.mkdir()
    write_good(folder)
    inputs, bad, reason = case(folder, site, closed_port_url)
    summary = ingest(inputs, engine, progress=False)

    failures = [(o, r) for o, r in summary.failures if o.endswith(bad) or bad in o]
    assert failures, f"no failure reported for {bad}: {summary.failures}"
    origin, why = failures[0]
    assert reason in why and "\n" not in why and "\n" not in origin
    assert "good.txt" in summary.doc_ids
    with Session(engine) as s:
        stored = set(s.scalars(select(m.DocumentRow.id)))
        recorded = list(s.scalars(select(m.IngestFailureRow.origin)))
        earlier = s.get(m.DocumentRow, "earlier.txt")
        assert earlier is not None and s.scalar(
            select(func.count()).select_from(m.UnitRow).where(m.UnitRow.doc_id == "earlier.txt")
        ) == 1
    assert {"earlier.txt", "good.txt"} <= stored
    assert any(bad in r for r in recorded)


def test_run_bad_inputs_jsonl_good_lines_still_ingest(tmp_path, engine, site, closed_port_url):
    inputs, _, _ = malformed_jsonl_line(tmp_path, site, closed_port_url)
    summary = ingest(inputs, engine, progress=False)
    assert summary.doc_ids == ["batch.jsonl#1", "batch.jsonl#3"]
    assert [o for o, _ in summary.failures] == [f"{tmp_path}/batch.jsonl#2"]


def test_run_bad_inputs_truncated_warc_keeps_the_records_before_the_cut(tmp_path, engine, site, closed_port_url):
    inputs, _, _ = truncated_warc(tmp_path, site, closed_port_url)
    summary = ingest(inputs, engine, progress=False)
    assert summary.failed == 1 and summary.new >= 1
    assert all(d.startswith("cut.warc.gz#") or d == "good.txt" for d in summary.doc_ids)


def test_run_bad_inputs_deep_html_is_extracted_by_the_fallback(tmp_path, engine):
    deep = "<html><body>" + "<div>" * 10_000 + "<p>Russian troops reinforced the 201st base in Tajikistan.</p>" + "</div>" * 10_000 + "</body></html>"
    (tmp_path / "deep.html").write_text(deep, encoding="utf-8")
    summary = ingest([str(tmp_path / "deep.html")], engine, progress=False)
    assert summary.failures == [] and summary.doc_ids == ["deep.html"]
    (origin, note), = summary.notes
    assert origin.endswith("deep.html") and "fallback extractor" in note
    with Session(engine) as s:
        row = s.get(m.DocumentRow, "deep.html")
        assert row.extractor == "selectolax" and "201st base" in row.text and row.notes


def test_run_bad_inputs_html_without_text_is_refused(tmp_path, engine):
    (tmp_path / "blank.html").write_text("<html><body><script>var x = 1;</script></body></html>", encoding="utf-8")
    summary = ingest([str(tmp_path / "blank.html")], engine, progress=False)
    assert [r for _, r in summary.failures] == ["no text found in the HTML"]


def test_run_bad_inputs_missing_path(tmp_path, engine):
    summary = ingest([str(tmp_path / "nope.txt")], engine, progress=False)
    assert summary.failures == [(str(tmp_path / "nope.txt"), "no such file or folder")]


def test_run_bad_inputs_failure_is_recorded_once_and_cleared_when_fixed(tmp_path, engine):
    path = tmp_path / "later.txt"
    path.write_bytes(b"")
    ingest([str(path)], engine, progress=False)
    ingest([str(path)], engine, progress=False)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.IngestFailureRow)) == 1
    path.write_text("Now it has text in it, a whole sentence of it.\n", encoding="utf-8")
    assert ingest([str(path)], engine, progress=False).new == 1
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.IngestFailureRow)) == 0


def test_run_bad_inputs_gzip_text_renamed(tmp_path, engine):
    (tmp_path / "notes.txt").write_bytes(gzip.compress(b"hello"))
    summary = ingest([str(tmp_path)], engine, progress=False)
    assert summary.failures and "gzip-compressed data" in summary.failures[0][1]


def test_run_bad_inputs_unreadable_file(tmp_path, engine, monkeypatch):
    write_good(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("Kazakh troops crossed into Kyrgyzstan, officials said on Monday.\n", encoding="utf-8")
    secret.chmod(0)
    if os.geteuid() == 0:  # root reads files whatever their mode: deny it the way the OS would
        read_bytes = Path.read_bytes

        def denied(self):
            if self == secret:
                raise PermissionError(13, "Permission denied", str(self))
            return read_bytes(self)

        monkeypatch.setattr(Path, "read_bytes", denied)
    summary = ingest([str(tmp_path)], engine, progress=False)
    assert summary.failures == [(str(secret), "cannot read: Permission denied")]
    assert summary.doc_ids == ["good.txt"]


def test_run_bad_inputs_warcio_prints_nothing(tmp_path, engine, capfd):
    raw = (CORPUS / "archive.warc.gz").read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(raw[: int(len(raw) * 0.6)])
    page = b"<html><body><p>Russian troops reinforced the 201st base in Tajikistan on Monday.</p></body></html>"
    record = (b"WARC/1.0\r\nWARC-Type: resource\r\nWARC-Target-URI: http://example.org/a page with spaces\r\n"
              b"Content-Type: text/html\r\nContent-Length: %d\r\n\r\n%s\r\n\r\n" % (len(page), page))
    (tmp_path / "spaces.warc").write_bytes(record)  # warcio warns about the URI on stderr
    (tmp_path / "nopages.warc").write_bytes(record.replace(b"text/html", b"image/png"))
    summary = ingest([str(tmp_path / n) for n in ("cut.warc.gz", "spaces.warc", "nopages.warc")], engine, progress=False)
    assert [(Path(o).name, r) for o, r in summary.failures] == [
        ("cut.warc.gz", "truncated or damaged archive: record 3 is cut short (1085 of 2039 bytes)"),
        ("nopages.warc", "no HTML or text page among its 1 record(s)"),
    ]
    assert "spaces.warc#1" in summary.doc_ids
    out, err = capfd.readouterr()
    assert out == "" and err == ""
