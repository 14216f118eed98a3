"""Source items to pages, keeping the extraction workers busy while the caller stores.

    read_page(item, pool) -> Page                       one item (raises InputError)
    pipe(items, pool, batch_size) -> Iterator[(item, Page, notes) | InputError]

`pipe` keeps up to `batch_size` items in flight: HTML is handed to the worker pool as soon as a
worker is idle, plain text is decoded on the spot, and results come out in input order.
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..types import Page, SourceItem
from .decode import Decoded, decode_bytes
from .extract import html_page, text_page, trafilatura_job
from .workers import ExtractorPool, JobFailed

_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)


def declared_charset(item: SourceItem) -> str | None:
    if item.encoding:
        return item.encoding
    if item.media_type == "html":
        m = _META_CHARSET.search(item.raw[:4096])
        return m[1].decode("ascii", "ignore") if m else None
    return None


def make_pool(workers: int = 1, timeout: float | None = None) -> ExtractorPool:
    from .workers import DEFAULT_TIMEOUT

    return ExtractorPool(trafilatura_job, workers=workers, timeout=timeout or DEFAULT_TIMEOUT)


@dataclass
class _Pending:
    item: SourceItem | InputError
    decoded: Decoded | None = None
    job: int | None = None


def read_page(item: SourceItem, pool: ExtractorPool) -> tuple[Page, list[str]]:
    """The page of one item; (page, notes). Raises InputError when it is not readable."""
    decoded = decode_bytes(item.raw, item.origin, declared_charset(item))
    if item.media_type != "html":
        return text_page(decoded), []
    try:
        result = pool.run((decoded.text, item.url))
    except JobFailed as exc:
        result = exc
    return html_page(decoded, item.origin, item.url, result)


def pipe(
    items: Iterable[SourceItem | InputError], pool: ExtractorPool, batch_size: int = 8
) -> Iterator[tuple[SourceItem, Page, list[str]] | InputError]:
    """Pages of the items in order; an unreadable item yields its InputError."""
    pending: deque[_Pending] = deque()

    def finish(p: _Pending) -> tuple[SourceItem, Page, list[str]] | InputError:
        if isinstance(p.item, InputError):
            return p.item
        item, decoded = p.item, p.decoded
        try:
            if item.media_type != "html":
                return item, text_page(decoded), []
            try:
                result = pool.wait(p.job) if p.job is not None else None
            except JobFailed as exc:
                result = exc
            page, notes = html_page(decoded, item.origin, item.url, result)
            return item, page, notes
        except InputError as exc:
            return exc
        except Exception as exc:  # one page the extractor chokes on never stops the batch
            return InputError(item.origin, f"extraction failed: {type(exc).__name__}: {exc}")

    for item in items:
        entry = _Pending(item)
        if isinstance(item, SourceItem):
            try:
                entry.decoded = decode_bytes(item.raw, item.origin, declared_charset(item))
            except InputError as exc:
                entry.item = exc
            except Exception as exc:  # a decoder bug is this item's failure, not the batch's
                entry.item = InputError(item.origin, f"cannot decode: {type(exc).__name__}: {exc}")
            else:
                if item.media_type == "html":
                    while not pool.idle():
                        yield finish(pending.popleft())
                    try:
                        entry.job = pool.submit((entry.decoded.text, item.url))
                    except JobFailed:
                        entry.job = None  # html_page falls back to selectolax
        pending.append(entry)
        while pending and (len(pending) > batch_size or pending[0].job is None):
            yield finish(pending.popleft())
    while pending:
        yield finish(pending.popleft())
