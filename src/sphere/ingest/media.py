"""What a payload is, from its content type and its first bytes: a page, a text or a feed.

Shared by every reader that gets bytes with a content type (HTTP responses, WARC records) or
without one (files whose name says little: a feed saved as .html, a page saved as .xml).
"""

from __future__ import annotations

import re

FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
XML_TYPES = (*FEED_TYPES, "application/xml", "text/xml")


def _head(raw: bytes) -> bytes:
    return raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def looks_like_feed(raw: bytes) -> bool:
    head = _head(raw)
    return head.startswith((b"<?xml", b"<rss", b"<feed", b"<rdf")) and any(
        tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf", b"<channel")
    )


def looks_like_html(raw: bytes) -> bool:
    head = _head(raw)
    return head.startswith((b"<!doctype html", b"<html", b"<?xml")) or b"<body" in head or b"<p>" in head


def charset_of(content_type: str | None) -> str | None:
    m = re.search(r"charset=[\"']?([\w.:-]+)", content_type or "", re.I)
    return m[1] if m else None


def media_of(content_type: str | None, raw: bytes) -> str | None:
    """"html", "text", "feed", or None when the content is not a document."""
    ct = (content_type or "").split(";")[0].strip().lower()
    if ct in ("text/html", "application/xhtml+xml"):
        return "html"
    if ct in XML_TYPES or looks_like_feed(raw):
        return "feed" if looks_like_feed(raw) else "html" if looks_like_html(raw) else None
    if ct == "text/plain":
        return "text"
    if not ct or ct == "application/octet-stream":
        return "html" if looks_like_html(raw) else "text"
    return None
