"""Forum threads: one unit per post, with the poster's name and, where shown, the post's date.

A post opens with a header: a post number ("1. Yusuf", "#3"), the poster's name and member
title ("Yusuf GUARDIAN Administrator"), and a profile block whose fields ("Joined: ...", a join
date, "Messages: 311", "Likes Received:") are the anchors the header is found by. The join date
is the poster's, never the post's. The post's text runs to the next header; a trailing
"name, date" line is the post's own date, "Like Reply" and client signatures ("Sent from my
iPhone") are furniture. A header followed by nothing but a profile field (a location such as
"EST, USA") is a post whose text did not survive the copy: no unit. The first post is the
thread's opening post: it gets the thread's title and its start date ("Discussion in 'X'
started by Yusuf, Oct 17, 2015.").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..types import Unit
from .lines import Line, is_handle, strip_member_title
from .outlets import lookup_outlet
from .spans import FURNITURE, found_unit, trimmed

# A repost's credit line: "From Steppe Herald, yesterday:", "Source: The Telegraph", "via TASS".
CREDIT = re.compile(
    r"^(?i:from|source|via|originally\s+(?:published|posted)\s+(?:in|at|by)|quote\s+from)\s*:?\s+"
    r"(?P<name>[A-ZА-Я][\w'’.&-]*(?:\s+[A-ZА-Я][\w'’.&-]*){0,4})\s*(?:[,:(]|$)"
)
LOCATION = re.compile(r"^[A-ZА-Я][\w .'’-]*(?:,\s*[A-ZА-Я][\w .'’-]*)+$")


@dataclass(frozen=True)
class Header:
    start: int  # index of the header's first line
    end: int  # index of its last line
    author: str | None
    published: date | None = None  # when the header dates the post


def profile_line(line: Line) -> bool:
    """A name with a member title, a title alone, or a bare handle: the top of a profile block."""
    if strip_member_title(line.text) is not None:
        return True
    return line.kind in ("name", "other", "title") and " " not in line.text and is_handle(line.text)


def clusters(lines: Sequence[Line]) -> list[tuple[int, int]]:
    """Runs of profile fields: (first anchor, last anchor), at most 2 text lines between anchors."""
    runs: list[tuple[int, int]] = []
    between = 0
    for line in lines:
        if line.kind == "blank":
            continue
        if line.kind == "forum":
            if runs and between <= 2:
                runs[-1] = (runs[-1][0], line.n)
            else:
                runs.append((line.n, line.n))
            between = 0
        else:
            between += 1
    return runs


def find_header(lines: Sequence[Line], first: int, last: int, floor: int) -> Header:
    start = first
    author = None
    i = first - 1
    while i > floor:
        line = lines[i]
        if line.kind == "blank":
            i -= 1
            continue
        if line.kind == "postno":
            start, author = i, line.name or author
            break
        if line.kind == "date" or profile_line(line):
            start = i
            if line.kind != "date":
                user = strip_member_title(line.text)
                if user:
                    author = user
                elif user is None:  # a bare handle line
                    author = line.text
            i -= 1
            continue
        above = next((lines[j] for j in range(i - 1, floor, -1) if lines[j].kind != "blank"), None)
        if above is not None and above.kind == "postno" and above.name and line.text.split()[0] == above.name:
            start, author = above.n, above.name  # "3. X" then "X Analyst": a title of the forum's own
        break
    end = last
    nxt = next((j for j in range(last + 1, len(lines)) if lines[j].kind != "blank"), None)
    if nxt is not None and LOCATION.match(lines[nxt].text) and len(lines[nxt].text.split()) <= 5:
        end = nxt
    return Header(start, end, author)


def trailing_signature(body: list[Line]) -> tuple[list[Line], date | None]:
    """Drop a closing "name, date" line (the post's date) and the furniture around it."""
    body = trimmed(body)
    if body and body[-1].kind == "byline" and body[-1].date:
        return trimmed(body[:-1]), body[-1].date
    return body, None


QUOTE_HEAD = re.compile(r"^.{1,40}\s+said:\s*↑?$|^quote:?$|^originally\s+posted\s+by\s+.{1,40}$", re.I)
QUOTE_END = re.compile(r"^click\s+to\s+expand\.*$", re.I)


def without_leading_quote(post: Sequence[Line]) -> list[Line]:
    """A post that opens by quoting another ("X said: ↑ ... Click to expand...") starts after it."""
    text = [line for line in post if line.kind != "blank"]
    if not text or not QUOTE_HEAD.match(text[0].text):
        return list(post)
    end = next((i for i, line in enumerate(post) if QUOTE_END.match(line.text)), None)
    rest = list(post[end + 1 :]) if end is not None else []
    return rest if any(line.kind not in FURNITURE for line in rest) else list(post)


def credited_outlet(body: Sequence[Line]) -> str | None:
    """The outlet a post credits for the article it reposts (its first line), if it does."""
    text = [line for line in body if line.kind not in FURNITURE]
    if len(text) < 3:  # a credit opens a repost, not a one-line remark
        return None
    m = CREDIT.match(text[0].text)
    ref = lookup_outlet(name=m["name"]) if m else lookup_outlet(text="\n".join(line.text for line in text[:2]))
    return ref.name if ref and (m or ref.id) else None


def posthead_headers(lines: Sequence[Line]) -> list[Header]:
    """Headers of threads whose posts open with a "by X » date" or "« on: date »" line."""
    headers = []
    for line in lines:
        if line.kind != "posthead":
            continue
        author, start = line.name, line.n
        prev = next((lines[j] for j in range(line.n - 1, -1, -1) if lines[j].kind != "blank"), None)
        if author is None and prev is not None and prev.kind in ("name", "other", "title") and is_handle(prev.text):
            author, start = prev.text, prev.n  # SMF shows the poster on the line above
        headers.append(Header(start, line.n, author, line.date))
    return headers


def forum_specs(lines: Sequence[Line], thread_title: str | None) -> tuple[list[Unit], int]:
    """The posts of a thread; and the index of the first post's header."""
    headers: list[Header] = []
    floor = -1
    for first, last in clusters(lines):
        h = find_header(lines, first, last, floor)
        headers.append(h)
        floor = h.end
    if not headers:
        headers = posthead_headers(lines)
    thread = next((line for line in lines if line.kind == "thread"), None)
    end_of_thread = next(
        (line.n for line in lines if line.kind == "end" and headers and line.n > headers[-1].end), len(lines)
    )
    specs: list[Unit] = []
    for k, h in enumerate(headers):
        stop = headers[k + 1].start if k + 1 < len(headers) else end_of_thread
        body, when = trailing_signature(without_leading_quote(lines[h.end + 1 : stop]))
        when = when or h.published
        if not [line for line in body if line.kind not in FURNITURE]:
            continue
        first_post = not specs
        if first_post and thread is not None and when is None:
            when = thread.date
        specs.append(
            found_unit(
                "forum-post", body[0].start, body[-1].end, published=when, author=h.author,
                title=thread_title if first_post else None, outlet=credited_outlet(body),
            )
        )
    return specs, (headers[0].start if headers else len(lines))
