"""`segment_page`: one page and its source item to a stored-ready `Document`."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from ..ids import content_hash
from ..types import Document, Page, SourceItem, Unit


def segment_page(page: Page, item: SourceItem) -> Document:
    text = page.text
    units: list[Unit] = []
    parts = page.parts or (("article", 0, len(text)),)
    n_comments = 0
    for kind, start, end in parts:
        chunk = text[start:end]
        s = start + (len(chunk) - len(chunk.lstrip()))
        e = start + len(chunk.rstrip())
        if e <= s:
            continue
        if kind == "comment":
            n_comments += 1
            units.append(Unit(item.doc_id, f"comment-{n_comments}", "comment", s, e))
        else:
            units.append(Unit(item.doc_id, "body", "article", s, e, title=item.title or page.title))
    return Document(
        doc_id=item.doc_id,
        origin=item.origin,
        content_hash=content_hash(item.raw),
        encoding=page.encoding,
        media_type=item.media_type,
        extractor=page.extractor,
        text=text,
        title=item.title or page.title,
        author=item.author or page.author,
        outlet=item.outlet or page.site_name,
        url=item.url or page.url,
        published=page.published,
        units=tuple(units),
        raw=item.raw,
    )


def pipe(pairs: Iterable[tuple[Page, SourceItem]], batch_size: int = 64) -> Iterator[Document]:
    for page, item in pairs:
        yield segment_page(page, item)
