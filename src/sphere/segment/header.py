"""A page's own metadata from the lines above its text: title, author, date, outlet, URL.

Read the way a person reads a masthead: the title is the title-shaped line nearest above the
text; the date is the first date line (or a byline's date); the author comes from a byline
("By X", "Автор: X", "X, 11 August 2021") or a lone person's name just above the text; the
outlet is a masthead at the top (a name the outlet registry knows, a name built with an
outlet word such as "Herald" or "Watch", a line in capitals, or any short name with the title
below it), else a footer credit ("(c) 2021 X", "Subscribe to X news").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from .lines import URL, Line, is_name, is_outlet_name, is_person
from .outlets import lookup_outlet

COPYRIGHT = re.compile(r"(?:©|\(c\)|copyright)\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?)?\s*(?P<name>[^.,|]{2,60}?)\s*(?:[.,|]|all rights|$)", re.I)
SUBSCRIBE = re.compile(r"(?i:subscribe\s+to\s+(?:the\s+)?)(?P<name>[A-ZА-Я][\w.-]*(?:\s+[A-ZА-Я][\w.-]*){0,3})\s+(?:news|newsletter|channel|on|at|via|in)\b")
POSTED_BY = re.compile(r"^posted\s+by\s+(?P<name>.+?)(?:\s+(?:at|on)\s+.*)?$", re.I)


@dataclass(frozen=True)
class PageMeta:
    title: str | None = None
    author: str | None = None
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


def known_outlet(text: str) -> bool:
    ref = lookup_outlet(name=text)
    return ref is not None and ref.id is not None


def masthead(header: Sequence[Line], title_at: int | None) -> Line | None:
    """The site's name at the top of the page, if the first text line is one."""
    first = next((line for line in header if line.kind not in ("blank", "boiler", "end")), None)
    if first is None or first.kind not in ("name", "title", "other") or (title_at is not None and first.n == title_at):
        return None
    if known_outlet(first.text) or is_outlet_name(first.text):
        return first
    if first.kind == "name" and title_at is not None and first.n < title_at:
        return first
    return None


def footer_outlet(lines: Sequence[Line]) -> str | None:
    for line in lines:
        if line.kind in ("end", "boiler", "other", "prose"):
            for pattern in (COPYRIGHT, SUBSCRIBE):
                m = pattern.search(line.text)
                if m and is_name(m["name"].strip()):
                    return m["name"].strip()
    return None


def posted_by(lines: Sequence[Line]) -> str | None:
    for line in lines:
        m = POSTED_BY.match(line.text) if line.kind == "end" else None
        if m:
            return m["name"].strip()
    return None


def tidy_name(name: str) -> str:
    name = name.strip().rstrip(".").strip()
    return name.title() if name.isupper() and len(name) > 3 else name


def read_header(header: Sequence[Line], page_lines: Sequence[Line]) -> PageMeta:
    """Metadata from `header` (the lines above the text) and cues anywhere on the page."""
    title_line = next(
        (line for line in reversed(header) if line.kind == "title" and not is_outlet_name(line.text) and not known_outlet(line.text)),
        None,
    )
    title_at = title_line.n if title_line else None
    top = masthead(header, title_at)
    published = next((line.date for line in header if line.kind in ("date", "byline") and line.date), None)
    author = next((line.name for line in header if line.kind == "byline" and line.name), None)
    if author is None:
        after = [line for line in header if (title_at is None or line.n > title_at) and line is not top]
        lone = [line for line in after if line.kind == "name" and is_person(line.text) and len(line.text.split()) >= 2]
        if lone and not known_outlet(lone[-1].text) and not is_outlet_name(lone[-1].text):
            author = lone[-1].text
    author = author or posted_by(page_lines)
    outlet = top.text if top else footer_outlet(page_lines)
    url = next((URL.match(line.text)[1] for line in header if line.kind == "url"), None)
    return PageMeta(
        title=title_line.text if title_line else None,
        author=tidy_name(author) if author else None,
        published=published,
        outlet=tidy_name(outlet) if outlet else None,
        url=url,
    )
