"""Web archives: the HTML and text responses of a WARC (or ARC) file, gzipped or not.

    read_warc(path, given, max_size) -> stream of SourceItem | InputError

The file must start with a WARC or ARC record (a gzip of anything else is refused as "not a web
archive" before warcio reads it). warcio reads a record cut short by a truncated file without
complaint, so each record's bytes are counted against its declared length: the records before
the cut are kept and the cut is reported. warcio's own warnings (printed to stderr, several
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
    if head.lstrip(b"\r\n").startswith(RECORD_STARTS):
        return None
    what = "gzip-compressed, but does" if gzipped else "does"
    return f"not a web archive: {what} not start with a WARC or ARC record"


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


def read_warc(path: Path, given: str, max_size: int) -> Stream:
    from warcio.archiveiterator import ArchiveIterator

    why = not_an_archive(path)
    if why:
        yield InputError(given, why)
        return
    n = done = 0  # documents yielded, records read whole
    with path.open("rb") as fh:
        records = iter(ArchiveIterator(fh, arc2warc=True))
        while True:
            with quiet_warcio():  # each record is read with warcio silenced, yielded outside
                try:
                    record = next(records, None)
                    if record is None:
                        break
                    item = warc_item(record, path.name, given, n + 1, max_size)
                    raw_stream = record.raw_stream
                    raw_stream.read()  # the rest of the record, to see whether it is all there
                    got, length, error = raw_stream.tell(), record.length, None
                except Exception as exc:  # warcio raises zlib, EOF and format errors of several kinds
                    error = InputError(given, f"truncated or damaged archive after {done} record(s): {one_line(exc)}")
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
    if n == 0:
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
