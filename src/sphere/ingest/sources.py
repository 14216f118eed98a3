"""Inputs to `SourceItem`s: files, folders, JSON Lines, WARC archives, feeds and URLs.

Each reader yields `SourceItem`s and, for what it cannot read, an `InputError` in the same
stream (never raises for one bad input), so the caller reports it and carries on. Sizes are
checked against the cap before anything is parsed: the file's size on disk, a JSONL line's
length, a WARC record's length, an HTTP response's Content-Length and the bytes read.
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import FetchError, InputError, TooLargeError
from ..types import SourceItem
from .fetch import Fetcher, Response
from .limits import too_large
from .media import FEED_TYPES, charset_of, looks_like_feed, looks_like_html, media_of
from .warc import read_warc

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


@dataclass(frozen=True)
class Walk:
    sources: list[str]  # files and URLs, in order
    notes: list[tuple[str, str]]  # (folder, what was left out of it and why)


def walk(inputs: Sequence[str]) -> Walk:
    """Files (folders walked recursively, hidden and unknown files skipped) and URLs, in order;
    a folder that gives nothing, or whose files of other types are left out, gets a note."""
    out: list[str] = []
    notes: list[tuple[str, str]] = []
    for given in inputs:
        path = Path(given)
        if not is_url(given) and path.is_dir():
            found, other = [], Counter()
            for p in sorted(path.rglob("*")):
                if any(part.startswith(".") for part in p.relative_to(path).parts) or not p.is_file():
                    continue
                if suffix_of(p) in ACCEPTED:
                    found.append(str(p))
                else:
                    other[p.suffix.lower() or "(no extension)"] += 1
            out.extend(found)
            if other:
                kinds = ", ".join(f"{n} {ext}" for ext, n in other.most_common(6))
                notes.append((given, f"left out {sum(other.values())} file(s) of types Sphere does not read ({kinds})"))
            if not found:
                notes.append((given, f"no file Sphere reads in this folder (it reads {' '.join(ACCEPTED)})"))
        else:
            out.append(given)
    return Walk(out, notes)


def expand(inputs: Sequence[str]) -> list[str]:
    """The files and URLs of `inputs`, in order (see `walk`)."""
    return walk(inputs).sources


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


def missing(path: Path) -> str | None:
    """Why `path` is not a file Sphere can open, or None when it is a regular file."""
    if path.is_symlink() and not path.exists():
        try:
            path.stat()
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return "symbolic link loop (the link points back to itself)"
        return f"broken symbolic link (points to {os.readlink(path)}, which does not exist)"
    if not path.exists():
        return "no such file or folder"
    if not path.is_file():
        return "not a regular file (a pipe, socket or device): not read"
    return None


def read_path(path: Path, given: str, max_size: int, fetcher: Fetcher) -> Stream:
    why = missing(path)
    if why:
        yield InputError(given, why)
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
    if suffix in (".rss", ".atom") or (suffix not in TEXT_SUFFIXES and looks_like_feed(raw)):
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
                yield InputError(origin, f"line {n} is not valid JSON ({exc.msg.removesuffix(' at')} at column {exc.colno})")
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
            else:  # the feed item is what the user gave: name it, and the link that failed
                item = type(item)(origin, f"its link {link}: {item.reason}")
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
