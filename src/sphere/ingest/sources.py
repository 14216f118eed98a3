"""Inputs to `SourceItem`s: files, folders, JSON Lines, WARC archives, feeds and URLs.

Each reader yields `SourceItem`s and, for what it cannot read, an `InputError` in the same
stream (never raises for one bad input), so the caller reports it and carries on. Sizes are
checked against the cap before anything is parsed: the file's size on disk, a JSONL line's
length, a WARC record's length, an HTTP response's Content-Length and the bytes read.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from ..errors import FetchError, InputError, TooLargeError
from ..types import SourceItem
from .fetch import Fetcher, Response
from .limits import too_large

TEXT_SUFFIXES = (".txt", ".text")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".rss", ".atom", ".xml")
JSONL_SUFFIXES = (".jsonl", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz", ".arc", ".arc.gz")
ACCEPTED = TEXT_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES + JSONL_SUFFIXES + WARC_SUFFIXES

Stream = Iterator[SourceItem | InputError]


def is_url(value: str) -> bool:
    return bool(re.match(r"^https?://", value, re.I))


def suffix_of(path: Path) -> str:
    name = path.name.lower()
    for s in WARC_SUFFIXES:
        if name.endswith(s):
            return s
    return path.suffix.lower()


def expand(inputs: Sequence[str]) -> list[str]:
    """Files (folders walked recursively, hidden and unknown files skipped) and URLs, in order."""
    out: list[str] = []
    for given in inputs:
        path = Path(given)
        if not is_url(given) and path.is_dir():
            found = [
                p for p in sorted(path.rglob("*"))
                if p.is_file() and suffix_of(p) in ACCEPTED
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
            ]
            out.extend(str(p) for p in found)
        else:
            out.append(given)
    return out


def looks_like_feed(raw: bytes) -> bool:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and any(
        tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
    )


def looks_like_html(raw: bytes) -> bool:
    head = raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head


def read_inputs(inputs: Sequence[str], max_size: int, fetcher: Fetcher) -> Stream:
    """Every document of every input, in order (see `expand`)."""
    for given in expand(inputs):
        try:
            if is_url(given):
                yield from read_url(given, max_size, fetcher)
            else:
                yield from read_path(Path(given), given, max_size, fetcher)
        except Exception as exc:  # a reader's bug on one input never stops the others
            yield InputError(given, f"cannot read: {type(exc).__name__}: {exc}")


def read_path(path: Path, given: str, max_size: int, fetcher: Fetcher) -> Stream:
    if not path.exists():
        yield InputError(given, "no such file or folder")
        return
    suffix = suffix_of(path)
    try:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(path, given, max_size)
            return
        if suffix in WARC_SUFFIXES:
            yield from read_warc(path, given, max_size)
            return
        size = path.stat().st_size
        if size > max_size:
            yield too_large(given, size, max_size)
            return
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(given, f"cannot read: {exc.strerror or exc}")
        return
    if suffix in (".rss", ".atom") or (suffix == ".xml" and looks_like_feed(raw)):
        yield from read_feed(raw, path.name, given, max_size, fetcher)
        return
    media = "html" if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_like_html(raw)) else "text"
    yield SourceItem(doc_id=path.name, origin=given, raw=raw, media_type=media)


def read_jsonl(path: Path, given: str, max_size: int) -> Stream:
    """One document per line: {"text" | "html", "url", "title", "published", "outlet", "author"}."""
    with path.open("rb") as fh:
        for n, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            origin = f"{given}#{n}"
            if len(line) > max_size:
                yield too_large(origin, len(line), max_size)
                continue
            try:
                record = json.loads(line)
            except UnicodeDecodeError as exc:
                yield InputError(origin, f"line {n} is not UTF-8 (byte {exc.start})")
                continue
            except json.JSONDecodeError as exc:
                yield InputError(origin, f"line {n} is not valid JSON ({exc.msg} at column {exc.colno})")
                continue
            if not isinstance(record, dict):
                yield InputError(origin, f"line {n} is not a JSON object")
                continue
            body, media = (record.get("html"), "html") if record.get("html") else (record.get("text"), "text")
            if not isinstance(body, str) or not body.strip():
                yield InputError(origin, f"line {n} has no \"text\" or \"html\" string")
                continue
            meta = {k: record.get(k) if isinstance(record.get(k), str) else None
                    for k in ("url", "title", "published", "outlet", "author")}
            yield SourceItem(
                doc_id=f"{path.name}#{n}", origin=origin, raw=body.encode("utf-8"), media_type=media,
                encoding="utf-8", **meta,
            )


def charset_of(content_type: str | None) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    return m[1] if m else None


FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")


def media_of(content_type: str | None, raw: bytes) -> str | None:
    """"html", "text", "feed", or None when the content is not a document."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct in ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml") or looks_like_feed(raw):
        return "feed" if looks_like_feed(raw) else "html" if looks_like_html(raw) else None
    if ct == "text/plain":
        return "text"
    if not ct or ct == "application/octet-stream":
        return "html" if looks_like_html(raw) else "text"
    return None


def read_warc(path: Path, given: str, max_size: int) -> Stream:
    """The HTML and text responses of a WARC (or ARC) file, gzipped or not.

    warcio reads a record cut short by a truncated file without complaint, so each record's
    bytes are counted against its declared length: the records before the cut are kept and the
    cut is reported.
    """
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    records = 0
    try:
        with path.open("rb") as fh:
            for record in ArchiveIterator(fh, arc2warc=True):
                records += 1
                item = warc_item(record, path.name, given, n + 1, max_size)
                raw_stream = record.raw_stream
                raw_stream.read()  # the rest of the record, to see whether it is all there
                if record.length is not None and raw_stream.tell() < record.length:
                    yield InputError(
                        given,
                        f"truncated or damaged archive: record {records} is cut short "
                        f"({raw_stream.tell()} of {record.length} bytes)",
                    )
                    return
                if item is not None:
                    n += 1
                    yield item
    except Exception as exc:  # warcio raises zlib, EOF and format errors of several kinds
        what = "truncated or damaged archive" if records else "not a WARC file, or a damaged one"
        yield InputError(given, f"{what} after {records} record(s): {type(exc).__name__}: {exc}")


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


def feed_outlet(title: str | None) -> str | None:
    """The outlet part of a feed title: "Silk Road Sentinel - Security" -> "Silk Road Sentinel"."""
    if not title:
        return None
    return re.split(r"\s+[-|–—:»]\s+", title.strip(), maxsplit=1)[0] or None


def entry_date(entry) -> str | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return entry.get("published") or entry.get("updated")


FULL_TEXT_CHARS = 1200  # a description this long is taken as the item's full text


def read_feed(raw: bytes, name: str, given: str, max_size: int, fetcher: Fetcher) -> Stream:
    """A feed's items: their full content when the feed carries it, else the linked page."""
    import feedparser

    parsed = feedparser.parse(raw)
    if not parsed.entries:
        why = parsed.get("bozo_exception")
        reason = f"not an RSS/Atom feed ({type(why).__name__}: {why})" if why else "a feed with no items"
        yield InputError(given, reason)
        return
    outlet = feed_outlet(parsed.feed.get("title"))
    for n, entry in enumerate(parsed.entries, start=1):
        origin = f"{given}#{n}"
        content = next((c.get("value") for c in entry.get("content", []) if c.get("value")), None)
        summary = entry.get("summary")
        link = entry.get("link")
        meta = dict(url=link, title=entry.get("title"), published=entry_date(entry), outlet=outlet, author=entry.get("author"))
        if not content and summary and (len(summary) >= FULL_TEXT_CHARS or not (link and is_url(link))):
            content = summary
        if content:
            body = content.encode("utf-8")
            if len(body) > max_size:
                yield too_large(origin, len(body), max_size)
                continue
            yield SourceItem(doc_id=f"{name}#{n}", origin=origin, raw=body, media_type="html", encoding="utf-8", **meta)
            continue
        if not (link and is_url(link)):
            yield InputError(origin, "item has no content and no link to fetch")
            continue
        for item in read_url(link, max_size, fetcher, follow_feeds=False):
            if isinstance(item, SourceItem):
                item = SourceItem(**{**item.__dict__, **{k: v for k, v in meta.items() if v and k != "url"}})
            yield item


def read_url(url: str, max_size: int, fetcher: Fetcher, follow_feeds: bool = True) -> Stream:
    try:
        response: Response = fetcher.get(url, max_size)
    except (FetchError, TooLargeError) as exc:
        yield exc
        return
    media = media_of(response.content_type, response.body)
    declared_feed = (response.content_type or "").split(";")[0].strip().lower() in FEED_TYPES
    if (media == "feed" or (declared_feed and media is None)) and follow_feeds:
        yield from read_feed(response.body, url, url, max_size, fetcher)
    elif media in ("html", "text"):
        yield SourceItem(
            doc_id=url, origin=url, raw=response.body, media_type=media, url=response.url,
            encoding=charset_of(response.content_type),
        )
    else:
        yield InputError(url, f"not a page or feed (content type {response.content_type or 'unknown'})")
