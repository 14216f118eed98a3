"""Clipping blogs: dated excerpts of other outlets' articles between separator lines.

Each clipping sits between lines of dots (or dashes, stars, ...): it opens with its date, on a
line of its own ("2018-01-29") or in front of the text ("4-21-18 Pakistan has ..."), may carry
the quoted article's title and outlet on the next lines, and closes with the source URL, on a
line of its own or at the end of the last line. The URL and the outlet go on the unit (the
outlet through the registry, so "newyorker.com" becomes "The New Yorker" when it is known), the
date is the clipping's own. Text before the first separator is the blogger's own post (its
title, date and intro); "Posted by", labels and "No comments" after the last clipping are
furniture.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..types import Unit
from .dates import leading_date
from .lines import TRAILING_URL, URL, Line, is_outlet_name
from .outlets import lookup_outlet
from .spans import FURNITURE, content, found_unit, trimmed


def segments(lines: Sequence[Line]) -> list[list[Line]]:
    out: list[list[Line]] = [[]]
    for line in lines:
        if line.kind == "separator":
            out.append([])
        else:
            out[-1].append(line)
    return out


def dated(segment: Sequence[Line]) -> bool:
    text = content(segment)
    return bool(text) and (text[0].kind == "date" or leading_date(text[0].text) is not None)


def is_clipping_page(lines: Sequence[Line]) -> bool:
    segs = segments(lines)
    separators = len(segs) - 1
    dated_segs = [s for s in segs[1:] if dated(s)]
    with_url = [s for s in dated_segs if any(line.kind == "url" or TRAILING_URL.search(line.text) for line in s)]
    return bool(dated_segs) and (separators >= 2 or bool(with_url))


def clipping_spec(segment: Sequence[Line]) -> Unit | None:
    text = [line for line in segment if line.kind != "blank"]
    if not text:
        return None
    when = None
    start: int | None = None
    first = text[0]
    if first.kind == "date":
        when, text = first.date, text[1:]
    else:
        lead = leading_date(first.text)
        if lead is not None and first.kind not in FURNITURE:
            when = lead.value
            rest = first.text[lead.end :]
            start = first.start + lead.end + (len(rest) - len(rest.lstrip()))
    title = outlet = None
    while text and start is None and text[0].kind in ("title", "name") and len(text) > 1:
        line = text.pop(0)
        if line.kind == "name" or is_outlet_name(line.text):
            outlet = outlet or line.text
        else:
            title = title or line.text
    url_lines = [i for i, line in enumerate(text) if line.kind == "url"]
    url = None
    end: int | None = None
    if url_lines:
        # The source URL closes the clipping (the last URL line); a clipping that gives it first
        # keeps the text after it.
        before = [i for i in url_lines if any(line.kind not in FURNITURE for line in text[:i])]
        url_at = before[-1] if before else url_lines[0]
        url = URL.match(text[url_at].text)[1]
        text = text[:url_at] if before else text[url_at + 1 :]
        if not before:
            start = None
    else:
        for i, line in enumerate(text):
            m = TRAILING_URL.search(line.text) if line.kind not in FURNITURE else None
            if m:
                url = m[1]
                end = line.start + m.start()
                text = text[: i + 1]
                break
    body = trimmed(text)
    if not body:
        return None
    begin = start if start is not None and body[0] is first else body[0].start
    finish = end if end is not None and body[-1] is text[-1] else body[-1].end
    if finish <= begin:
        return None
    ref = lookup_outlet(url=url, name=outlet)
    return found_unit("clipping", begin, finish, published=when, title=title, outlet=ref.name if ref else None, url=url)


def clipping_specs(lines: Sequence[Line]) -> tuple[list[Unit], list[Line]]:
    """The clippings of a clipping-blog page; and the lines of the blogger's own intro."""
    segs = segments(lines)
    specs = []
    for k, seg in enumerate(segs):
        if k == 0 and not dated(seg):
            continue
        has_url = any(line.kind == "url" or TRAILING_URL.search(line.text) for line in seg)
        if dated(seg) or has_url or any(line.kind == "prose" for line in seg):
            spec = clipping_spec(seg)
            # a segment with neither date nor URL counts when it has more than a line, or prose
            # (the blogger's closing note after the last clipping is text, not furniture)
            if spec is not None and (spec.published or spec.url or len(content(seg)) > 1
                                     or any(line.kind == "prose" for line in seg)):
                specs.append(spec)
    intro = segs[0] if segs and not dated(segs[0]) else []
    return specs, intro
