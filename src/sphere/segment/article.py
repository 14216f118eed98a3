"""News pages and blog posts: the body, then the reader comments under it.

The body starts at the first line of prose (the lines above it are the masthead, menus, title,
byline and date) and runs until the page says the article is over: a share bar, a tag list, a
comment section, "Reply", a footer. Furniture inside the body (a subscription prompt between
paragraphs) stays inside its span; furniture at its ends does not.

Comments are read in one of three layouts:
- delimited: each comment is followed by a "Reply" line (WordPress, most news sites); the first
  one starts after the comment-section head or policy (else after the furniture above it), so
  a "Like" between its lines does not cut it;
- headed: after a comment-section head, each comment opens with a name and a date line;
- plain: after a comment-section head, comments with neither heads nor "Reply" lines, one per
  block of lines between blank lines; a block counts when it holds a sentence (a list of
  headlines is no comment), and a person's name alone atop a block is its author.
Either way a comment's own name and date lines are its author and date, not its text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ..types import Unit
from .lines import Line, is_handle
from .spans import BODY_STOPS, FURNITURE, found_unit, read_comment_head, trimmed


def body_span(lines: Sequence[Line], lo: int = 0, hi: int | None = None) -> tuple[int, int] | None:
    """(first line index, stop index) of the body in lines[lo:hi], or None without prose."""
    hi = len(lines) if hi is None else hi
    first = next((i for i in range(lo, hi) if lines[i].kind == "prose"), None)
    if first is None:
        return None
    stop = next((i for i in range(first + 1, hi) if lines[i].kind in BODY_STOPS), hi)
    return lead_in(lines, lo, first), stop


def lead_in(lines: Sequence[Line], lo: int, first: int) -> int:
    """Move the body's start up over short sentences just above it ("Russia is back.")."""
    i = first - 1
    start = first
    while i >= lo:
        line = lines[i]
        if line.kind == "blank":
            i -= 1
            continue
        if line.kind == "other" and len(line.text.split()) >= 2 and line.text[-1] in ".!?…\"”»'’" and line.text[:1].isupper():
            start = i
            i -= 1
            continue
        break
    return start


def short_body_span(lines: Sequence[Line]) -> tuple[int, int] | None:
    """For a page without prose: the text lines after its title, up to the first stop."""
    stop = next((i for i, line in enumerate(lines) if line.kind in BODY_STOPS), len(lines))
    text = [i for i in range(stop) if lines[i].kind not in FURNITURE]
    if len(text) > 1 and lines[text[0]].kind in ("title", "name", "date", "byline"):
        text = text[1:]
    return (text[0], stop) if text else None


def comment_specs(lines: Sequence[Line], lo: int, hi: int | None = None) -> list[Unit]:
    """The comments in lines[lo:hi] (after a body), in either layout."""
    hi = len(lines) if hi is None else hi
    replies = [i for i in range(lo, hi) if lines[i].kind == "reply"]
    blocks: list[list[Line]] = []
    if replies:
        prev = None
        for r in replies:
            if prev is None:  # after the section's head or policy, else the furniture above
                s = next((i for i in range(r - 1, lo - 1, -1) if lines[i].kind == "comments"), None)
                if s is None:
                    s = r - 1
                    while s >= lo and lines[s].kind not in FURNITURE - {"blank"}:
                        s -= 1
                blocks.append(list(lines[s + 1 : r]))
            else:
                blocks.append(list(lines[prev + 1 : r]))
            prev = r
    else:
        heads = [i for i in range(lo, hi) if lines[i].kind == "comments"]
        if heads:
            blocks = headed_blocks(lines, heads[-1] + 1, hi)
            if not blocks:
                return [spec for block in plain_blocks(lines, heads[-1] + 1, hi)
                        if (spec := comment_spec(block, names_head=True)) is not None]
    specs = []
    for block in blocks:
        spec = comment_spec(block)
        if spec is not None:
            specs.append(spec)
    return specs


SENTENCE_CLOSE = re.compile(r"\w[.!?…]+[\"'”’»)\]]*$")


def says_something(block: Sequence[Line]) -> bool:
    """A block with a sentence in it: prose, or a line ending like a sentence ("Agreed.")."""
    return any(line.kind == "prose" or (line.kind not in FURNITURE and SENTENCE_CLOSE.search(line.text))
               for line in block)


def plain_blocks(lines: Sequence[Line], lo: int, hi: int) -> list[list[Line]]:
    """Comments without heads or "Reply" lines: blocks between blank lines, up to the page's end."""
    stop = next((i for i in range(lo, hi) if lines[i].kind == "end"), hi)
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in [*lines[lo:stop], None]:
        if line is None or line.kind == "blank":
            if current and says_something(current):
                blocks.append(current)
            current = []
        else:
            current.append(line)
    return blocks


def is_comment_head(lines: Sequence[Line], i: int) -> bool:
    line = lines[i]
    if line.kind == "byline" and line.date:
        return True
    nxt = next((lines[j] for j in range(i + 1, len(lines)) if lines[j].kind != "blank"), None)
    return line.kind in ("name", "other", "title") and is_handle(line.text) and nxt is not None and nxt.kind == "date"


def headed_blocks(lines: Sequence[Line], lo: int, hi: int) -> list[list[Line]]:
    stop = next((i for i in range(lo, hi) if lines[i].kind == "end"), hi)
    heads = [i for i in range(lo, stop) if is_comment_head(lines, i)]
    return [list(lines[h : (heads[k + 1] if k + 1 < len(heads) else stop)]) for k, h in enumerate(heads)]


def comment_spec(block: Sequence[Line], names_head: bool = False) -> Unit | None:
    """The comment in a block of lines; `names_head`: a lone name atop the block is its author."""
    head = read_comment_head(trimmed(block), names_head)
    body = trimmed(head.body)
    if not body:
        return None
    return found_unit("comment", body[0].start, body[-1].end, published=head.published, author=head.author)


def article_specs(lines: Sequence[Line]) -> tuple[list[Unit], int]:
    """The body and comment units of a news page or blog post; and where the body starts."""
    span = body_span(lines) or short_body_span(lines)
    if span is None:
        return [], len(lines)
    first, stop = span
    body = trimmed(lines[first:stop])
    specs = [found_unit("article", body[0].start, body[-1].end)]
    specs.extend(comment_specs(lines, stop))
    return specs, first
