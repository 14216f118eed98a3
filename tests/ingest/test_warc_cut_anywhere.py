"""A web archive cut short anywhere (a download or `head -c` stopped early) keeps its whole
records and is reported as truncated or damaged: never as an empty document, never in silence.

warcio reads the readable part of a cut gzip member as if the archive ended there, so a cut
inside a record's header used to come out as a 0-byte page ("empty file").
"""

from __future__ import annotations

import json
import zlib
from pathlib import Path

import pytest
from ingest_helpers import CORPUS

from sphere.errors import InputError
from sphere.ingest.run import ingest
from sphere.ingest.warc import gzip_cut, read_warc

ARCHIVE = CORPUS / "archive.warc.gz"


def member_ends(raw: bytes) -> list[int]:
    """Where each gzip member of the archive ends (one record per member)."""
    ends, pos = [], 0
    while pos < len(raw):
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        d.decompress(raw[pos:])
        pos = len(raw) - len(d.unused_data)
        ends.append(pos)
    return ends


def pages(path: Path) -> tuple[dict[str, bytes], list[str]]:
    items = list(read_warc(path, path.name, 10**8))
    got = {i.doc_id.split("#")[1]: i.raw for i in items if not isinstance(i, InputError)}
    return got, [i.reason for i in items if isinstance(i, InputError)]


def test_warc_cut_at_every_byte_keeps_whole_records_and_says_truncated(tmp_path):
    raw = ARCHIVE.read_bytes()
    whole, problems = pages(ARCHIVE)
    assert problems == [] and len(whole) == 3
    ends = set(member_ends(raw))
    cut = tmp_path / "cut.warc.gz"
    for k in range(2, len(raw)):
        cut.write_bytes(raw[:k])
        got, problems = pages(cut)
        for n, body in got.items():  # every page read is a whole record of the archive
            assert body == whole[n], (k, n)
        if k in ends:  # a cut between records is a shorter archive
            assert all("truncated" not in p for p in problems), (k, problems)
        else:
            assert len(problems) == 1 and problems[0].startswith("truncated or damaged archive"), (k, problems)
            assert "empty file" not in problems[0]


@pytest.mark.parametrize("k", [3200, 300, 70])  # inside a record's header, early in a member, in the first header
def test_warc_cut_inside_a_header_through_ingest(tmp_path, engine, k):
    (tmp_path / "cut.warc.gz").write_bytes(ARCHIVE.read_bytes()[:k])
    summary = ingest([str(tmp_path / "cut.warc.gz")], engine, progress=False)
    assert len(summary.failures) == 1, summary.failures
    origin, reason = summary.failures[0]
    assert origin.endswith("cut.warc.gz") and reason.startswith("truncated or damaged archive")
    assert "empty file" not in reason and "\n" not in reason


def test_plain_warc_cut_inside_a_header_names_the_record(tmp_path):
    raw, data = b"", ARCHIVE.read_bytes()
    while data:  # the archive without gzip, member by member
        plain = zlib.decompressobj(16 + zlib.MAX_WBITS)
        raw += plain.decompress(data)
        data = plain.unused_data
    third = raw.index(b"WARC/1", raw.index(b"WARC/1", raw.index(b"WARC/1") + 1) + 1)
    (tmp_path / "cut.warc").write_bytes(raw[: third + 120])  # the 3rd record's header, cut
    got, problems = pages(tmp_path / "cut.warc")
    assert len(got) == 1  # the warcinfo record and one page came before it
    assert problems == ["truncated or damaged archive: the header of record 3 is cut short (it has no Content-Length)"]


@pytest.mark.parametrize("blob,cut", [
    (b"", False), (ARCHIVE.read_bytes(), False), (ARCHIVE.read_bytes()[:-5], True), (ARCHIVE.read_bytes()[:40], True),
    (ARCHIVE.read_bytes() + b"\x00junk", True),
])  # fmt: skip
def test_gzip_cut(tmp_path, blob, cut):
    (tmp_path / "f.gz").write_bytes(blob)
    assert gzip_cut(tmp_path / "f.gz") is cut


@pytest.mark.parametrize("line,message", [
    ('{"text": "broken\n', "line 2 is not valid JSON (Invalid control character at column 17)"),
    ('{"text": "ok",}', "line 2 is not valid JSON (Expecting property name enclosed in double quotes at column 15)"),
])  # fmt: skip
def test_jsonl_error_reads_once(tmp_path, engine, line, message):
    good = json.dumps({"text": "A line that is long enough to be read as a document, surely."})
    (tmp_path / "feed.jsonl").write_text(good + "\n" + line + "\n", encoding="utf-8")
    summary = ingest([str(tmp_path / "feed.jsonl")], engine, progress=False)
    assert [r for _, r in summary.failures] == [message]
    assert "at at" not in message
