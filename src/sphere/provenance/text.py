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
from functools import cache

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


@cache
def bmp_word_table() -> np.ndarray:
    """For each code point below 0x10000, whether `\\w` matches it (made once, ~10 ms)."""
    return np.array([chr(c).isalnum() or c == 0x5F for c in range(0x10000)], dtype=bool)


def word_chars(codes: np.ndarray) -> np.ndarray:
    """Which code points `\\w` matches: letters, digits, numerics and "_" (str.isalnum, as re
    decides it), by table below 0x10000 and by asking each distinct other character once."""
    table = bmp_word_table()
    out = table[np.minimum(codes, 0xFFFF)]
    wide = codes > 0xFFFF
    if wide.any():
        others = np.unique(codes[wide])
        ok = others[[chr(c).isalnum() for c in others.tolist()]]
        out[wide] = np.isin(codes[wide], ok)
    return out


def word_spans(text: str, codes: np.ndarray, lo: int, hi: int) -> tuple[list[str], np.ndarray, np.ndarray]:
    """`WORD.finditer(text, lo, hi)` as (words, starts, ends): the runs of word characters in
    text[lo:hi], found with numpy; the words are the regex's own (`findall`)."""
    isw = np.zeros(hi - lo + 2, dtype=bool)
    isw[1:-1] = word_chars(codes[lo:hi])
    edges = np.flatnonzero(isw[1:] != isw[:-1])
    words = WORD.findall(text, lo, hi)
    if len(edges) != 2 * len(words):  # cannot happen (`word_chars` is `\\w`): the regex decides
        found = [m.span() for m in WORD.finditer(text, lo, hi)]
        return words, np.array([a for a, _ in found], dtype=np.int64), np.array([b for _, b in found], dtype=np.int64)
    return words, edges[0::2] + lo, edges[1::2] + lo


def tokenize(text: str, spans: list[tuple[int, int]] | None = None) -> Tokens:
    """Tokens of `text` inside `spans` (all of it when None); a span's end is a break.

    Offsets come from one pass of numpy over the code points, and the words are case-folded
    all at once (casefold maps each character alone; no word holds the NUL joining them):
    a Python step per token was most of indexing a new document."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    hashes: list[int | None] = []
    parts_s: list[np.ndarray] = []
    parts_e: list[np.ndarray] = []
    span_ends: list[int] = []  # index of the last token of each span
    count = 0
    for lo, hi in spans if spans is not None else [(0, len(text))]:
        words, s, e = word_spans(text, codes, lo, hi)
        # the e-mail half of ADDRESS tries every word: without an "@" it cannot match
        pattern = ADDRESS if text.find("@", lo, hi) >= 0 else WEB_ADDRESS
        skip = [m.span() for m in pattern.finditer(text, lo, hi)]
        if skip and len(s):
            # a word starting inside an address is no token
            s_lo = np.array([a for a, _ in skip], dtype=np.int64)
            s_hi = np.array([b for _, b in skip], dtype=np.int64)
            k = np.searchsorted(s_lo, s, side="right") - 1
            keep = ~((k >= 0) & (s < s_hi[np.maximum(k, 0)]))
            s, e = s[keep], e[keep]
            words = [w for w, ok in zip(words, keep.tolist(), strict=True) if ok]
        if words:
            folded = "\0".join(words).casefold().split("\0")
            known = list(map(_HASHES.get, folded))
            if None in known:
                known = [token_hash(w) if h is None else h for w, h in zip(folded, known, strict=True)]
            hashes.extend(known)
            parts_s.append(s)
            parts_e.append(e)
            count += len(words)
        if count:
            span_ends.append(count - 1)
    starts = np.concatenate(parts_s) if parts_s else np.zeros(0, dtype=np.int64)
    ends = np.concatenate(parts_e) if parts_e else np.zeros(0, dtype=np.int64)
    s_arr = starts.astype(np.int64)
    e_arr = ends.astype(np.int64)
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
