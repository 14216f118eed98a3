"""Which of two documents sharing a passage is the original, and how we know.

Evidence is read in the order of how much it can be trusted, and the first that tells the two
sides apart decides (`direction_by`):

    cited-url     near the passage in X (or as the URL of X's unit holding it) stands a URL that
                  is Y's own URL, or lies on Y's outlet's domain: X cites Y, X is the copy
    outlet-named  X's unit holding the passage is credited to Y's outlet (a clipping's source,
                  a repost's "Source: Steppe Herald"), or Y's outlet is named near the passage
    date          the earlier publication date is the original (the unit's date first, a
                  clipping carrying its source's date; then the document's)
    undecided     none of these tells them apart: both sides stay unmarked, but they still count
                  as one source (see `sources`)

When the evidence points both ways (each cites the other), it is not evidence and the next
kind is tried. "Near" is NEAR_BEFORE characters before the passage and NEAR_AFTER after it (the
URL line under a clipping), and the whole unit when the passage sits in a clipping, post or
comment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlsplit

from ..kb.outlets import find_outlet, host_of, normalise_name

NEAR_BEFORE = 300
NEAR_AFTER = 400
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"')\]]+", re.I)


@dataclass(frozen=True)
class UnitView:
    unit_id: str
    kind: str
    start: int
    end: int
    published: date | None = None
    outlet: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class DocView:
    """What direction needs to know about one document."""

    doc_id: str
    text: str
    url: str | None = None
    published: date | None = None
    outlet_id: str | None = None
    outlet_names: tuple[str, ...] = ()  # its outlet's name and aliases
    outlet_domains: tuple[str, ...] = ()  # its outlet's registered domains and its URL's host
    units: tuple[UnitView, ...] = field(default=())

    def unit_at(self, start: int, end: int) -> UnitView | None:
        """The unit holding most of [start, end)."""
        best, best_overlap = None, 0
        for u in self.units:
            ov = min(end, u.end) - max(start, u.start)
            if ov > best_overlap:
                best, best_overlap = u, ov
        return best


def same_url(a: str, b: str) -> bool:
    """Equal up to scheme, "www.", a trailing slash, query and fragment."""

    def key(u: str) -> tuple[str | None, str]:
        parts = urlsplit(u if "://" in u else "//" + u)
        return host_of(u), parts.path.rstrip("/").lower()

    ka, kb = key(a.rstrip(".,;")), key(b.rstrip(".,;"))
    return ka[0] is not None and ka == kb


def on_domains(url: str, domains: tuple[str, ...]) -> bool:
    host = host_of(url.rstrip(".,;"))
    return host is not None and any(host == d or host.endswith("." + d) for d in domains)


def neighbourhood(x: DocView, start: int, end: int) -> tuple[str, UnitView | None]:
    unit = x.unit_at(start, end)
    lo, hi = max(0, start - NEAR_BEFORE), min(len(x.text), end + NEAR_AFTER)
    if unit is not None and unit.kind != "article":
        lo, hi = min(lo, unit.start), max(hi, min(len(x.text), unit.end + NEAR_AFTER))
    return x.text[lo:hi], unit


def cites_url(x: DocView, y: DocView, start: int, end: int) -> bool:
    """X, around its passage [start, end), gives Y's URL or a URL on Y's outlet's domain."""
    near, unit = neighbourhood(x, start, end)
    urls = URL.findall(near)
    if unit is not None and unit.url:
        urls.append(unit.url)
    own = set(x.outlet_domains)
    for u in urls:
        if y.url and same_url(u, y.url):
            return True
        if y.outlet_domains and on_domains(u, y.outlet_domains) and not on_domains(u, tuple(own)):
            return True
    return False


def names_outlet(x: DocView, y: DocView, start: int, end: int) -> bool:
    """X credits the unit holding its passage to Y's outlet, or names Y's outlet near it."""
    if not y.outlet_names or (x.outlet_id and x.outlet_id == y.outlet_id):
        return False
    near, unit = neighbourhood(x, start, end)
    if unit is not None and unit.outlet:
        hit = find_outlet(name=unit.outlet)
        if (hit is not None and hit.id == y.outlet_id) or normalise_name(unit.outlet) in {
            normalise_name(n) for n in y.outlet_names
        }:
            return True
    own = {normalise_name(n) for n in x.outlet_names}
    for name in y.outlet_names:
        if normalise_name(name) in own:
            continue
        flags = re.I if len(name) > 3 else 0
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", near, flags):
            return True
    return False


def passage_date(x: DocView, start: int, end: int) -> tuple[date | None, date | None]:
    unit = x.unit_at(start, end)
    return (unit.published if unit else None), x.published


def decide(
    a: DocView, b: DocView, a_span: tuple[int, int], b_span: tuple[int, int]
) -> tuple[str, str]:
    """("a" or "b" as the original, direction_by); ("", "undecided") when nothing tells."""
    for how, test in (("cited-url", cites_url), ("outlet-named", names_outlet)):
        a_copies = test(a, b, *a_span)
        b_copies = test(b, a, *b_span)
        if a_copies != b_copies:
            return ("b" if a_copies else "a"), how
    (ua, da), (ub, db) = passage_date(a, *a_span), passage_date(b, *b_span)
    for x, y in ((ua, ub), (da, db)):
        if x and y and x != y:
            return ("a" if x < y else "b"), "date"
    return "", "undecided"
