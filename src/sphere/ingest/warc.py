"""Web archives: the HTML and text responses of a WARC (or ARC) file, gzipped or not.

    read_warc(path, given, max_size) -> stream of SourceItem | InputError

The file must start with a WARC or ARC record (a gzip of anything else is refused as "not a web
archive" before warcio reads it). warcio reads a record cut short by a truncated file without
complaint, so each record's bytes are counted against its declared length, a record whose
header lacks its length is a cut header, and a gzipped file must end with a whole gzip member:
the records before the cut are kept and the cut is reported. warcio's own warnings (printed to stderr, several
lines each) are silenced: what matters reaches the user as one line per problem.
"""

from __future__ import annotations

import contextlib
import io
import logging
import zlib
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..types import SourceItem
from .limits import too_large
from .media import charset_of, media_of

Stream = Iterator[SourceItem | InputError]
RECORD_STARTS = (b"WARC/", b"filedesc://")  # a WARC record's version line, an ARC file's header


def not_an_archive(path: Path) -> str | None:
    """Why the file is not a web archive, or None when it starts like one (through gzip)."""
    with path.open("rb") as fh:
        head = fh.read(64 * 1024)
    gzipped = head.startswith(b"\x1f\x8b")
    if gzipped:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 64)
        except zlib.error:
            return "not a web archive: damaged gzip data at its start"
        if len(head) < 64 and gzip_cut(path):  # too little decompressed to tell: a cut file
            return f"truncated or damaged archive {cut_short(0)}"
    if head.lstrip(b"\r\n").startswith(RECORD_STARTS):
        return None
    what = "gzip-compressed, but does" if gzipped else "does"
    return f"not a web archive: {what} not start with a WARC or ARC record"


def gzip_cut(path: Path, chunk: int = 1 << 20) -> bool:
    """True when a gzipped file stops inside a gzip member (a download or copy cut short).

    warcio reads the readable part of a cut member as if the archive ended there, so a file cut
    inside a record's header, or in a member's first bytes, would look like a shorter archive.
    Each member is decompressed here, in bounded pieces with the output thrown away, to see
    whether the last one is complete. Damaged gzip data counts as cut.
    """
    decomp = zlib.decompressobj(16 + zlib.MAX_WBITS)
    inside = False  # some bytes of the current member have been read
    with path.open("rb") as fh:
        data = fh.read(chunk)
        while data:
            inside = True
            try:
                decomp.decompress(data, chunk)
            except zlib.error:
                return True
            if decomp.eof:  # the member is complete: what follows it starts the next one
                data = decomp.unused_data
                decomp, inside = zlib.decompressobj(16 + zlib.MAX_WBITS), False
            else:
                data = decomp.unconsumed_tail or fh.read(chunk)
    return inside


@contextlib.contextmanager
def quiet_warcio():
    """warcio writes warnings to stderr and its logger: keep them out of the user's terminal."""
    logger = logging.getLogger("warcio")
    level, logger.level = logger.level, logging.ERROR
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            yield
    finally:
        logger.setLevel(level)


def one_line(exc: Exception, limit: int = 200) -> str:
    return " ".join(f"{type(exc).__name__}: {exc}".split())[:limit]


def cut_short(done: int) -> str:
    return f"(its gzip data stops inside record {done + 1}, after {done} whole record(s))"


def read_warc(path: Path, given: str, max_size: int) -> Stream:
    from warcio.archiveiterator import ArchiveIterator

    why = not_an_archive(path)
    if why:
        yield InputError(given, why)
        return
    n = done = 0  # documents yielded, records read whole
    with path.open("rb") as fh:
        gzipped = fh.read(2) == b"\x1f\x8b"
        fh.seek(0)
        records = iter(ArchiveIterator(fh, arc2warc=True))
        while True:
            with quiet_warcio():  # each record is read with warcio silenced, yielded outside
                try:
                    record = next(records, None)
                    if record is None:
                        break
                    if record.length is None:  # every WARC record declares its length
                        raise EOFError(f"the header of record {done + 1} is cut short (it has no Content-Length)")
                    item = warc_item(record, path.name, given, n + 1, max_size)
                    raw_stream = record.raw_stream
                    raw_stream.read()  # the rest of the record, to see whether it is all there
                    got, length, error = raw_stream.tell(), record.length, None
                except EOFError as exc:
                    error = InputError(given, f"truncated or damaged archive: {exc}")
                except Exception as exc:  # warcio raises zlib and format errors of several kinds
                    why = cut_short(done) if gzipped and gzip_cut(path) else f"after {done} record(s): {one_line(exc)}"
                    error = InputError(given, f"truncated or damaged archive {why}")
            if error is not None:
                yield error
                return
            if length is not None and got < length:
                yield InputError(given, f"truncated or damaged archive: record {done + 1} is cut short ({got} of {length} bytes)")
                return
            done += 1
            if item is not None:
                n += 1
                yield item
    if gzipped and gzip_cut(path):
        yield InputError(given, f"truncated or damaged archive {cut_short(done)}")
    elif n == 0:
        yield InputError(given, f"no HTML or text page among its {done} record(s)" if done else "an empty archive (no record)")


def warc_item(record, name: str, given: str, n: int, max_size: int) -> SourceItem | InputError | None:
    """The document in one WARC record, or None when the record is not a page."""
    if record.rec_type not in ("response", "resource"):
        return None
    if record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return None
        ctype = record.http_headers.get_header("Content-Type")
    else:
        ctype = record.rec_headers.get_header("Content-Type")
    origin = f"{given}#{n}"
    if (record.length or 0) > max_size:
        return too_large(origin, record.length, max_size)
    raw = record.content_stream().read()
    media = media_of(ctype, raw)
    if media not in ("html", "text"):
        return None  # images, scripts and feeds in an archive are not documents
    return SourceItem(
        doc_id=f"{name}#{n}", origin=origin, raw=raw, media_type=media,
        url=record.rec_headers.get_header("WARC-Target-URI"), encoding=charset_of(ctype),
    )
