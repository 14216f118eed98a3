"""Splitting long units for spaCy and joining the parses back into one Doc per unit.

spaCy's parser needs about 1 GB per 100,000 characters and refuses texts over `max_length`, so a
unit longer than CHUNK_CHARS is parsed in pieces cut at paragraph breaks (else line breaks,
sentence ends, spaces; a hard cut only in a stretch without any). The pieces partition the text
exactly, so `Doc.from_docs` gives back one Doc whose text is the unit's text, character for
character: offsets stay right.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

from .ruler import BLOCKED_KEY

CHUNK_CHARS = 20_000
BREAKS = (re.compile(r"\n\s*\n"), re.compile(r"\n"), re.compile(r"[.!?]\s"), re.compile(r"\s"))


def chunk_bounds(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """(start, end) pieces of at most `size` characters that cover `text` exactly."""
    if len(text) <= size:
        return [(0, len(text))]
    bounds = []
    start = 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = None
        for pattern in BREAKS:
            last = None
            for m in pattern.finditer(window, size // 2):
                last = m
            if last is not None:
                cut = start + last.end()
                break
        if cut is None or cut <= start:
            cut = start + size
        bounds.append((start, cut))
        start = cut
    bounds.append((start, len(text)))
    return bounds


def join_docs(docs: list[Doc]) -> Doc:
    """One Doc from consecutive pieces (text kept exactly: no whitespace is added); the entity
    ruler's blocked token ranges are carried over, shifted to the joined Doc's tokens."""
    if len(docs) == 1:
        return docs[0]
    blocked, offset = [], 0
    for doc in docs:  # Doc.from_docs drops user data (with warning W102): carry it ourselves
        blocked += [(s + offset, e + offset) for s, e in doc.user_data.pop(BLOCKED_KEY, ())]
        offset += len(doc)
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    joined.user_data[BLOCKED_KEY] = blocked
    return joined
