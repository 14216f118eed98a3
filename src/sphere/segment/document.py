"""`segment_page`: a page and its source item to a `Document` with its units.

Metadata comes, in order of trust, from the container (a JSONL line's or a feed item's fields),
the HTML (trafilatura's and the <head>'s), then the text's own header lines; for a page fetched
from a feed item's link, its own HTML comes before the feed (the date excepted). A unit takes its
own date, author, title, outlet and URL where the text gives them; a body takes the document's;
a unit with no date of its own takes the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from ..ids import content_hash
from ..types import Document, Page, SourceItem, Unit
from .article import article_specs, comment_spec
from .dates import parse_date
from .header import PageMeta, read_header
from .lines import split_lines
from .outlets import lookup_outlet
from .text import detect_genre, segment_text

UNIT_PREFIX = {"article": "body", "comment": "comment", "forum-post": "post", "clipping": "clipping"}


def container_date(value: str | None) -> date | None:
    if not value:
        return None
    return parse_date(value[:10]) or parse_date(value)


def html_specs(page: Page) -> tuple[list[Unit], PageMeta] | None:
    """Units of an HTML page from its parts; None when it is a forum or clipping page."""
    specs: list[Unit] = []
    meta = PageMeta()
    marked_comments = any(kind == "comment" for kind, _, _ in page.parts)
    for kind, start, end in page.parts:
        lines = [line for line in split_lines(page.text[start:end])]
        lines = [replace(line, start=line.start + start, end=line.end + start) for line in lines]
        if kind == "article":
            if detect_genre(lines) != "article":
                return None
            found, first = article_specs(lines)  # comments in the main text count when the
            specs.extend(u for u in found if u.kind == "article" or not marked_comments)  # markup had none
            meta = read_header(lines[:first], lines)
        else:
            spec = comment_spec(lines)
            if spec is not None:
                specs.append(spec)
    return specs, meta


def fetched_page(item: SourceItem) -> bool:
    """A page fetched by its URL (a feed item's link): its own HTML names its title, author and
    outlet better than the feed does (an aggregator's feed names itself); the feed fills gaps."""
    return item.doc_id == item.origin and "://" in item.origin and not CONTAINER_PART.search(item.doc_id)


CONTAINER_PART = re.compile(r"#\d+$")  # "feed.xml#2": an item carried by its container


def number_units(doc_id: str, specs: list[Unit], meta: PageMeta, published: date | None) -> tuple[Unit, ...]:
    counts: dict[str, int] = {}
    units = []
    for s in sorted(specs, key=lambda s: s.start):
        if s.kind == "article" and "article" in counts:
            continue  # one body per document
        counts[s.kind] = counts.get(s.kind, 0) + 1
        uid = "body" if s.kind == "article" else f"{UNIT_PREFIX[s.kind]}-{counts[s.kind]}"
        if s.kind == "article":
            s = replace(s, title=meta.title, author=meta.author, outlet=meta.outlet, url=meta.url, published=published)
        units.append(
            Unit(doc_id, uid, s.kind, s.start, s.end, published=s.published or published,
                 author=s.author, title=s.title, outlet=s.outlet, url=s.url)
        )
    return tuple(units)


def segment_page(page: Page, item: SourceItem) -> Document:
    """The document of one page: its units (offsets into page.text) and its metadata."""
    found = html_specs(page) if page.parts else None
    if found is None:
        seg = segment_text(page.text)
        specs, text_meta = seg.units, seg.meta
    else:
        specs, text_meta = found
    url = item.url or page.url or text_meta.url
    fetched = fetched_page(item)
    outlet_name = (page.site_name or item.outlet if fetched else item.outlet or page.site_name) or text_meta.outlet
    first_unit = min((s.start for s in specs), default=len(page.text))
    header = page.text[: min(first_unit, 3000)] if not outlet_name else None
    ref = lookup_outlet(url=url, name=outlet_name, text=header)  # the text's own credit lines
    meta = PageMeta(
        title=(page.title or item.title if fetched else item.title or page.title) or text_meta.title,
        author=(page.author or item.author if fetched else item.author or page.author) or text_meta.author,
        published=container_date(item.published) or page.published or text_meta.published,
        outlet=ref.name if ref else None,
        url=url,
    )
    return Document(
        doc_id=item.doc_id,
        origin=item.origin,
        content_hash=content_hash(item.raw),
        encoding=page.encoding,
        media_type=item.media_type,
        extractor=page.extractor,
        text=page.text,
        title=meta.title,
        author=meta.author,
        outlet=meta.outlet,
        url=meta.url,
        published=meta.published,
        units=number_units(item.doc_id, specs, meta, meta.published),
        raw=item.raw,
    )


def dated_by(page: Page, item: SourceItem, doc: Document) -> str | None:
    """Which cue gave the document its date: "container", "html" or "text" (None: undated)."""
    if doc.published is None:
        return None
    if container_date(item.published) == doc.published:
        return "container"
    return "html" if page.published == doc.published else "text"


def pipe(pairs: Iterable[tuple[Page, SourceItem]], batch_size: int = 64) -> Iterator[Document]:
    """`segment_page` over a stream (segmentation is per page; batch_size is for symmetry)."""
    for page, item in pairs:
        yield segment_page(page, item)
