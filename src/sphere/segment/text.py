"""The page genre, read from its line classes, and the units of a plain-text page.

    forum thread   profile blocks ("Likes Received:", "Joined:", "Messages:") or a
                   "Discussion in ... started by" line with post numbers
    clipping blog  separator lines with dated excerpts between them
    article        anything else: a body, then comments if the page has them
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..types import Unit
from .article import article_specs, body_span
from .clippings import clipping_specs, is_clipping_page
from .forum import forum_specs
from .header import PageMeta, read_header
from .lines import Line, split_lines


@dataclass(frozen=True)
class TextSegmentation:
    genre: str  # "article", "forum", "clipping"
    units: list[Unit]
    meta: PageMeta


def detect_genre(lines: Sequence[Line]) -> str:
    kinds = [line.kind for line in lines]
    if (
        kinds.count("forum") >= 2
        or kinds.count("posthead") >= 2
        or ("thread" in kinds and (kinds.count("forum") + kinds.count("postno")) >= 2)
    ):
        return "forum"
    if "separator" in kinds and is_clipping_page(lines):
        return "clipping"
    return "article"


def segment_text(text: str) -> TextSegmentation:
    """Units and page metadata of a plain-text page."""
    lines = split_lines(text)
    genre = detect_genre(lines)
    if genre == "forum":
        thread_at = next((line.n for line in lines if line.kind == "thread"), None)
        _, first_post = forum_specs(lines, None)
        meta = read_header(lines[: thread_at if thread_at is not None else first_post], lines)
        units, _ = forum_specs(lines, meta.title)
        thread = lines[thread_at] if thread_at is not None else None
        if thread is not None:
            meta = PageMeta(meta.title, meta.author or thread.name, meta.published or thread.date, meta.outlet, meta.url)
        return TextSegmentation(genre, units, meta)
    if genre == "clipping":
        units, intro = clipping_specs(lines)
        span = body_span(intro)  # the blogger's own intro, when it has prose
        body, first = article_specs(intro) if span else ([], span[0] if span else len(intro))
        body = [u for u in body if u.kind == "article"]
        meta = read_header(intro[:first], lines)
        return TextSegmentation(genre, body + units, meta)
    units, first = article_specs(lines)
    return TextSegmentation(genre, units, read_header(lines[:first], lines))
