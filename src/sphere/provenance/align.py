"""Exact alignment of the passages two documents share, with character offsets on both sides.

MinHash only says two documents probably share text; this says exactly which. On word tokens
(see `text`), every run of at least SEED words in common is found and extended to its maximal
length (seed and extend, as BLAST does for sequences), in any order on either side, so a blog
quoting paragraph 7 then paragraph 2 is found, which a left-to-right diff would miss. Runs that
follow each other on both sides with small gaps (an edited word, a dropped caption, a skipped
sub-heading) are merged into one passage. A passage is kept only when at least MIN_WORDS of
its words and MIN_CHARS of its characters are verbatim, and most of it (MIN_DENSITY) is: short
quotations of the same official, a shared headline or a common phrase are not reuse.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass

import numpy as np

from .text import Tokens

SEED = 5  # words that must match in a row to start a run
MAX_GAP = 40  # words between two runs that may still be one passage, on either side
MAX_OCCURRENCES = 40  # a seed repeated more often than this on the other side is boilerplate
MIN_WORDS = 30
MIN_CHARS = 200
MIN_DENSITY = 0.6


@dataclass(frozen=True)
class Run:
    """A maximal run of identical tokens: a[a_start : a_start+length] == b[b_start : ...]."""

    a_start: int
    b_start: int
    length: int


@dataclass(frozen=True)
class Passage:
    """A shared passage: token ranges on both sides, their character offsets, words verbatim."""

    a_tokens: tuple[int, int]
    b_tokens: tuple[int, int]
    a_chars: tuple[int, int]
    b_chars: tuple[int, int]
    words: int  # tokens of A inside identical runs

    @property
    def size(self) -> int:
        return self.a_chars[1] - self.a_chars[0]


def seed_keys(hashes: np.ndarray) -> np.ndarray:
    """A 64-bit key per position for the SEED tokens starting there."""
    n = len(hashes) - SEED + 1
    if n <= 0:
        return np.zeros(0, dtype=np.uint64)
    h = hashes.astype(np.uint64)
    with np.errstate(over="ignore"):
        key = h[:n].copy()
        for k in range(1, SEED):
            key = key * np.uint64(1_000_003) ^ h[k : k + n]
    return key


KEYS_KEPT = 512  # documents whose sorted seed keys are kept (a new one meets many candidates)
_sorted_keys: OrderedDict[int, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = OrderedDict()


def sorted_seed_keys(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(seed keys, positions sorted by key (stable), keys in that order) of a token sequence,
    remembered for the last KEYS_KEPT arrays: the document being indexed is aligned with each
    of its candidates, and a candidate with each new document near it. The array itself is
    kept with its entry, so its id cannot be reused while the entry lives."""
    hit = _sorted_keys.get(id(hashes))
    if hit is not None and hit[0] is hashes:
        _sorted_keys.move_to_end(id(hashes))
        return hit[1], hit[2], hit[3]
    keys = seed_keys(hashes)
    order = np.argsort(keys, kind="stable")
    _sorted_keys[id(hashes)] = (hashes, keys, order, keys[order])
    while len(_sorted_keys) > KEYS_KEPT:
        _sorted_keys.popitem(last=False)
    return keys, order, keys[order]


def exact_runs(a: np.ndarray, b: np.ndarray) -> list[Run]:
    """Every maximal run of at least SEED identical tokens shared by a and b."""
    keys_a = sorted_seed_keys(a)[0]
    keys_b, order, sorted_b = sorted_seed_keys(b)
    if not len(keys_a) or not len(keys_b):
        return []
    # B's positions sorted by key (stable: positions ascending within a key); each position of
    # A finds its key there by binary search, in numpy, so the Python loop below walks only
    # the positions of A whose key B has: a few of thousands between most documents
    lo = np.minimum(np.searchsorted(sorted_b, keys_a, side="left"), len(sorted_b) - 1)
    walk = np.nonzero(sorted_b[lo] == keys_a)[0]
    if len(walk) < MIN_WORDS // SEED:
        return []  # a passage of MIN_WORDS words holds at least this many matching seeds
    lo = lo[walk]
    hi = np.searchsorted(sorted_b, keys_a[walk], side="right")
    a_list, b_list = a.tolist(), b.tolist()
    na, nb = len(a_list), len(b_list)
    covered: dict[int, int] = {}  # diagonal (i - j) -> first position of A not yet covered on it
    runs: list[Run] = []
    for i, start, end in zip(walk.tolist(), lo.tolist(), hi.tolist(), strict=True):
        if end - start > MAX_OCCURRENCES:
            continue
        for j in order[start:end].tolist():
            if covered.get(i - j, -1) > i:
                continue
            if a_list[i : i + SEED] != b_list[j : j + SEED]:
                continue  # a key collision
            length = SEED
            while i + length < na and j + length < nb and a_list[i + length] == b_list[j + length]:
                length += 1
            covered[i - j] = i + length
            runs.append(Run(i, j, length))
    return runs


def chain_runs(runs: list[Run]) -> list[list[Run]]:
    """Group runs into passages: each run joins the passage it continues on both sides."""
    groups: list[list[Run]] = []
    ends: list[tuple[int, int]] = []  # (a_end, b_end) of each group
    for run in sorted(runs, key=lambda r: (r.a_start, r.b_start)):
        best, best_cost = None, None
        for g, (a_end, b_end) in enumerate(ends):
            gap_a = run.a_start - a_end
            gap_b = run.b_start - b_end
            if -SEED <= gap_a <= MAX_GAP and -SEED <= gap_b <= MAX_GAP:
                cost = abs(gap_a) + abs(gap_b)
                if best_cost is None or cost < best_cost:
                    best, best_cost = g, cost
        if best is None:
            groups.append([run])
            ends.append((run.a_start + run.length, run.b_start + run.length))
        else:
            groups[best].append(run)
            a_end, b_end = ends[best]
            ends[best] = (max(a_end, run.a_start + run.length), max(b_end, run.b_start + run.length))
    return groups


def passage_of(group: list[Run], ta: Tokens, tb: Tokens) -> Passage:
    a0 = min(r.a_start for r in group)
    a1 = max(r.a_start + r.length for r in group)
    b0 = min(r.b_start for r in group)
    b1 = max(r.b_start + r.length for r in group)
    covered = np.zeros(a1 - a0, dtype=bool)
    for r in group:
        covered[r.a_start - a0 : r.a_start - a0 + r.length] = True
    words = int(covered.sum())
    return Passage(
        a_tokens=(a0, a1),
        b_tokens=(b0, b1),
        a_chars=(int(ta.starts[a0]), int(ta.ends[a1 - 1])),
        b_chars=(int(tb.starts[b0]), int(tb.ends[b1 - 1])),
        words=words,
    )


def substantial(p: Passage) -> bool:
    """At least MIN_WORDS and MIN_CHARS verbatim on both sides, and dense enough."""
    span_a = p.a_tokens[1] - p.a_tokens[0]
    span_b = p.b_tokens[1] - p.b_tokens[0]
    return (
        p.words >= MIN_WORDS
        and min(p.a_chars[1] - p.a_chars[0], p.b_chars[1] - p.b_chars[0]) >= MIN_CHARS
        and p.words >= MIN_DENSITY * max(span_a, span_b)
    )


def overlap(x: tuple[int, int], y: tuple[int, int]) -> int:
    return max(0, min(x[1], y[1]) - max(x[0], y[0]))


def align(ta: Tokens, tb: Tokens) -> list[Passage]:
    """The substantial passages shared by two token sequences, one per stretch of text.

    Where one side repeats a passage (a caption printed twice), the other side's text is
    paired once, with the best-matching occurrence.
    """
    groups = chain_runs(exact_runs(ta.hashes, tb.hashes))
    # a passage's verbatim words are at most its runs' lengths: most groups are far too short
    groups = [g for g in groups if sum(r.length for r in g) >= MIN_WORDS]
    passages = [p for p in (passage_of(g, ta, tb) for g in groups) if substantial(p)]
    passages.sort(key=lambda p: (-p.words, p.a_tokens[0], p.b_tokens[0]))
    kept: list[Passage] = []
    for p in passages:
        la = p.a_tokens[1] - p.a_tokens[0]
        lb = p.b_tokens[1] - p.b_tokens[0]
        if any(
            overlap(p.a_tokens, q.a_tokens) > la // 2 or overlap(p.b_tokens, q.b_tokens) > lb // 2
            for q in kept
        ):
            continue
        kept.append(p)
    return sorted(kept, key=lambda p: p.a_tokens[0])
