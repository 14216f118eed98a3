"""What the genre readers share: unit specs, the line classes that are text, and trimming."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..types import Unit
from .dates import parse_date
from .lines import HANDLE_MARK, Line, is_handle, is_person

# Line classes that are page furniture: never the first or last line of a unit.
FURNITURE = frozenset({"blank", "separator", "url", "reply", "forum", "signature", "comments", "end", "boiler"})
# Classes that end an article body.
BODY_STOPS = frozenset({"end", "comments", "reply", "separator", "forum", "thread"})


def found_unit(kind: str, start: int, end: int, **meta) -> Unit:
    """A unit as a genre reader finds it: no document or unit id yet (`document` numbers them)."""
    return Unit("", "", kind, start, end, **meta)


def content(lines: Sequence[Line]) -> list[Line]:
    return [line for line in lines if line.kind not in FURNITURE]


def trimmed(lines: Sequence[Line]) -> list[Line]:
    """`lines` without furniture at either end (furniture inside stays: units are spans)."""
    lo, hi = 0, len(lines)
    while lo < hi and lines[lo].kind in FURNITURE:
        lo += 1
    while hi > lo and lines[hi - 1].kind in FURNITURE:
        hi -= 1
    return list(lines[lo:hi])


SAYS = re.compile(r"^(?P<name>.{2,40}?)\s+(?:says|said|wrote|пишет|написал)\s*:?$", re.I)
# Disqus and similar: "kgz_observer • 3 years ago", "Nurlan K. · Feb 25, 2021"
DOT_HEAD = re.compile(r"^(?P<name>[^•·]{2,40}?)\s+[•·]\s+(?P<when>.{2,40})$")


@dataclass(frozen=True)
class CommentHead:
    author: str | None
    published: date | None
    body: list[Line]


def strong_handle(text: str) -> bool:
    """A user name that cannot be a sentence: "kgz_observer", "observer77", "AlmatyReader"."""
    return " " not in text and bool(HANDLE_MARK.search(text)) and is_handle(text)


NAME_FROM_PLACE = re.compile(r"^[A-ZА-ЯЁ][\w.'’-]*(?: [A-ZА-ЯЁ][\w.'’-]*)? (?:from|of|из) [A-ZА-ЯЁ][\w'’-]+(?: [A-ZА-ЯЁ][\w'’-]+)?$")


def lone_name(line: Line) -> bool:
    """A person's name alone on a line ("Nurlan K.", "Bermet", "Sergey from Semey"), not a
    one-word remark ("Agreed.")."""
    if NAME_FROM_PLACE.match(line.text):
        return True
    return line.kind == "name" and is_person(line.text) and (" " in line.text or not line.text.endswith("."))


def read_comment_head(lines: Sequence[Line], names_head: bool = False) -> CommentHead:
    """Split a comment's lines into its header (author, date) and its text; with `names_head`,
    a lone person's name on the first line is the author (comments without dates)."""
    body = [line for line in lines if line.kind not in FURNITURE]
    author: str | None = None
    when: date | None = None
    says = SAYS.match(body[0].text) if body else None
    dot = DOT_HEAD.match(body[0].text) if body else None
    if says and len(body) >= 2 and body[1].kind == "date":
        author, when, body = says["name"], body[1].date, body[2:]
    elif dot and len(body) >= 2 and is_handle(dot["name"].strip()):
        author, when, body = dot["name"].strip(), parse_date(dot["when"]), body[1:]
    elif body and body[0].kind == "byline":
        author, when, body = body[0].name, body[0].date, body[1:]
    elif len(body) >= 2 and body[1].kind == "date" and (is_handle(body[0].text) or body[0].kind == "name"):
        author, when, body = body[0].text, body[1].date, body[2:]
    elif body and body[0].kind == "date":
        when, body = body[0].date, body[1:]
        if len(body) >= 2 and strong_handle(body[0].text):
            author, body = body[0].text, body[1:]
    elif len(body) >= 2 and (strong_handle(body[0].text) or SAYS.match(body[0].text)):
        m = SAYS.match(body[0].text)
        author, body = (m["name"] if m else body[0].text), body[1:]
    elif names_head and len(body) >= 2 and lone_name(body[0]):
        author, body = body[0].text, body[1:]
    return CommentHead(author, when, body)
