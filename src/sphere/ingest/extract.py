"""Decoded bytes to a `Page`: plain text as it is, HTML through trafilatura or its fallback.

The cascade for HTML, each step only engaging if the previous one under-delivered:

1. trafilatura (main text, title, author, date via htmldate, site name, URL), in a worker
   process with a hard timeout (`workers.ExtractorPool`);
2. selectolax/lexbor block text when trafilatura returns nothing (it silently gives up on
   pages nested 255+ levels deep or with a text node over ~10 M characters), fails or times out;
3. an error ("no text found") when both are empty.

Reader comments are read from the markup by `html.read_comments` (author, time, text), else
taken from trafilatura's comment text; they follow the main text, one block per comment
("author\\ntime\\ntext"), and `Page.parts` gives the span of the article and of each comment.
"""

from __future__ import annotations

import re
from datetime import date

from ..errors import InputError
from ..types import Page
from . import html as H
from .decode import Decoded
from .workers import JobFailed


def trafilatura_job(payload: tuple[str, str | None]) -> dict | None:
    """Run in a worker process: trafilatura's extraction as a plain dict (None: nothing found)."""
    from trafilatura import bare_extraction  # imported in the worker only

    html, url = payload
    doc = bare_extraction(
        html, url=url, include_comments=True, with_metadata=True, include_tables=True, deduplicate=False
    )
    if doc is None:
        return None
    d = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
    keep = ("text", "comments", "title", "author", "date", "sitename", "url", "hostname")
    return {k: d.get(k) for k in keep}


HOST_NAME = re.compile(r"(?:[\w-]+\.)+[a-z\d-]+(?::\d+)?|[\w.-]+:\d+", re.I)  # "127.0.0.1:8000", "example.org"


def iso_date(value: str | None) -> date | None:
    """The date at the start of an ISO 8601 value ("2021-08-10", "2021-08-10T09:40:00Z")."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def text_page(decoded: Decoded) -> Page:
    return Page(text=decoded.text, encoding=decoded.encoding, extractor="plain")


def lines_of(text: str | None) -> list[str]:
    return [H.clean_space(line) for line in (text or "").split("\n") if line.strip()]


def html_page(
    decoded: Decoded, origin: str, url: str | None, result: dict | None | JobFailed
) -> tuple[Page, list[str]]:
    """The page from trafilatura's `result` (or its failure) and the markup; (page, notes)."""
    notes: list[str] = []
    tree = H.parse(decoded.text)
    head = H.meta(tree)
    comments = H.read_comments(tree)
    comment_ids = frozenset(n.mem_id for n in H.comment_nodes(tree))
    extracted = result if isinstance(result, dict) else None
    main = lines_of(extracted.get("text")) if extracted else []
    extractor = "trafilatura"
    if not main:
        if isinstance(result, JobFailed):
            notes.append(f"trafilatura failed ({result}); used the fallback extractor")
        else:
            notes.append("trafilatura found no main text (a short fragment, very deep nesting or a huge text node); used the fallback extractor")
        main = H.fallback_text(tree, comment_ids)
        extractor = "selectolax"
    if not main:
        raise InputError(origin, "no text found in the HTML")
    if not comments and extracted and extracted.get("comments"):
        comments = [H.HtmlComment(None, None, line) for line in lines_of(extracted["comments"])]
    text = "\n\n".join(main)
    parts: list[tuple[str, int, int]] = [("article", 0, len(text))]
    for c in comments:
        block = "\n".join(x for x in (c.author, c.when, c.text) if x)
        text += "\n\n"
        parts.append(("comment", len(text), len(text) + len(block)))
        text += block
    meta = {k: (extracted or {}).get(k) or head.get(k) for k in ("title", "author", "date", "sitename", "url")}
    if meta["sitename"] and HOST_NAME.fullmatch(meta["sitename"]):
        meta["sitename"] = head.get("sitename")  # trafilatura's fallback is the host: no outlet name
    page = Page(
        text=text,
        encoding=decoded.encoding,
        extractor=extractor,
        title=meta["title"],
        author=meta["author"],
        published=iso_date(meta["date"]),
        url=url or meta["url"],
        site_name=meta["sitename"],
        parts=tuple(parts),
    )
    return page, notes
