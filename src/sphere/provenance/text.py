"""Text as reuse detection sees it: word tokens with offsets, and content-defined chunks.

Reuse is looked for on words, not characters: a token is a run of letters or digits (`\\w+`),
case-folded, with its character offsets in the document, so whitespace, line breaks, quote
styles and punctuation never hide a copy, and every passage found maps back to exact offsets.
Words inside URLs and e-mail addresses are not tokens: a cited address is not shared prose.

A document is cut into chunks of about a sentence (12 to 60 tokens) at sentence ends and line
breaks, merging short pieces and cutting long ones at content-defined anchors (a token whose
hash falls in a fixed residue class). The cuts depend only on the text around them, so a
passage copied into another document is cut the same way there, whatever surrounds it: that is
what lets a per-chunk MinHash find a three-paragraph quotation inside a long page.
Only the text inside units (article, comments, posts, clippings) is indexed when a document has
units: menus, footers and share buttons outside them are never compared.
"""

from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

WORD = re.compile(r"\w+")
# Addresses are not prose: two pages citing one URL share no passage by that alone.
ADDRESS = re.compile(r"(?:https?://|www\.)\S+|\S+@\S+\.\w+", re.I)
WEB_ADDRESS = re.compile(r"(?:https?://|www\.)\S+", re.I)  # ADDRESS where no "@" can match
SENTENCE_END = re.compile(r"[.!?…;]|\n")

MIN_CHUNK_TOKENS = 12
MAX_CHUNK_TOKENS = 60
ANCHOR_MIN = 24  # a long piece is cut at an anchor only after this many tokens
ANCHOR_MODULUS = 16

_HASHES: dict[str, int] = {}


def token_hash(word: str) -> int:
    """A stable 32-bit hash of a (case-folded) token; cached, since words repeat."""
    h = _HASHES.get(word)
    if h is None:
        h = zlib.crc32(word.encode("utf-8"))
        if len(_HASHES) < 2_000_000:
            _HASHES[word] = h
    return h


@dataclass(frozen=True)
class Tokens:
    """The word tokens of some spans of a text: hashes and character offsets, in text order."""

    hashes: np.ndarray  # uint64, one 32-bit hash per token
    starts: np.ndarray  # int64 character offsets
    ends: np.ndarray
    breaks: np.ndarray  # bool: a sentence end or line break follows the token

    def __len__(self) -> int:
        return len(self.hashes)


def tokenize(text: str, spans: list[tuple[int, int]] | None = None) -> Tokens:
    """Tokens of `text` inside `spans` (all of it when None); a span's end is a break."""
    hashes: list[int] = []
    starts: list[int] = []
    ends: list[int] = []
    span_ends: list[int] = []  # index of the last token of each span
    for lo, hi in spans if spans is not None else [(0, len(text))]:
        # the e-mail half of ADDRESS tries every word: without an "@" it cannot match
        pattern = ADDRESS if text.find("@", lo, hi) >= 0 else WEB_ADDRESS
        skip = [(a.start(), a.end()) for a in pattern.finditer(text, lo, hi)]
        k = 0
        for m in WORD.finditer(text, lo, hi):
            a, b = m.span()
            if skip:
                while k < len(skip) and skip[k][1] <= a:
                    k += 1
                if k < len(skip) and skip[k][0] <= a:
                    continue
            word = text[a:b].casefold()
            h = _HASHES.get(word)
            hashes.append(h if h is not None else token_hash(word))
            starts.append(a)
            ends.append(b)
        if starts:
            span_ends.append(len(starts) - 1)
    s_arr = np.array(starts, dtype=np.int64)
    e_arr = np.array(ends, dtype=np.int64)
    # A break follows token i when a sentence end lies between it and token i+1.
    marks = np.array([m.start() for m in SENTENCE_END.finditer(text)], dtype=np.int64)
    breaks = np.ones(len(s_arr), dtype=bool)
    if len(s_arr) > 1 and not len(marks):
        breaks[:-1] = False  # no sentence end anywhere
    elif len(s_arr) > 1:
        idx = np.searchsorted(marks, e_arr[:-1])
        nxt = np.where(idx < len(marks), marks[np.minimum(idx, len(marks) - 1)], np.iinfo(np.int64).max)
        breaks[:-1] = nxt < s_arr[1:]
    breaks[span_ends] = True
    return Tokens(
        hashes=np.array(hashes, dtype=np.uint64),
        starts=s_arr,
        ends=e_arr,
        breaks=breaks,
    )


def index_spans(text_length: int, units: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans to index: the units, merged where they overlap; the whole text if none."""
    spans = sorted((max(0, s), min(text_length, e)) for s, e in units if e > s)
    if not spans:
        return [(0, text_length)]
    merged = [spans[0]]
    for s, e in spans[1:]:
        if s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def chunk_tokens(tokens: Tokens) -> list[tuple[int, int]]:
    """Token ranges [start, end) of content-defined chunks covering every token."""
    n = len(tokens)
    if n == 0:
        return []
    pieces: list[tuple[int, int]] = []
    start = 0
    for i in np.flatnonzero(tokens.breaks).tolist():
        pieces.append((start, i + 1))
        start = i + 1
    if start < n:
        pieces.append((start, n))
    # Merge short pieces forward (a short last piece joins the one before).
    merged: list[tuple[int, int]] = []
    pending: int | None = None
    for s, e in pieces:
        s = pending if pending is not None else s
        if e - s < MIN_CHUNK_TOKENS:
            pending = s
            continue
        merged.append((s, e))
        pending = None
    if pending is not None:
        if merged:
            merged[-1] = (merged[-1][0], n)
        else:
            merged.append((pending, n))
    # Cut long pieces at anchors.
    out: list[tuple[int, int]] = []
    anchors = (tokens.hashes % ANCHOR_MODULUS) == 0
    for s, e in merged:
        while e - s > MAX_CHUNK_TOKENS:
            cut = s + MAX_CHUNK_TOKENS
            window = np.flatnonzero(anchors[s + ANCHOR_MIN : s + MAX_CHUNK_TOKENS])
            if len(window):
                cut = s + ANCHOR_MIN + int(window[0])
            if e - cut < MIN_CHUNK_TOKENS:
                break
            out.append((s, cut))
            s = cut
        out.append((s, e))
    return out
