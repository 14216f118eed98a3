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
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .text import Tokens

SEED = 5  # words that must match in a row to start a run
MAX_GAP = 40  # words between two runs that may still be one passage, on either side
MAX_OCCURRENCES = 40  # a seed repeated more often than this on the other side is boilerplate
MIN_WORDS = 30
MIN_CHARS = 200
MIN_DENSITY = 0.6
FILTER_BITS = np.uint64(0xFFFF)  # low key bits in the pre-filter table of `exact_runs_many`


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


KEYS_KEPT = 512  # documents whose seed keys are kept (a new one meets many candidates)
_keys: OrderedDict[int, list] = OrderedDict()  # id -> [array, keys, order, sorted keys]


def _cached(hashes: np.ndarray) -> list:
    """The cache entry of a token sequence, made on first use: the document being indexed is
    aligned with each of its candidates, and a candidate with each new document near it. The
    array itself is kept with its entry, so its id cannot be reused while the entry lives."""
    hit = _keys.get(id(hashes))
    if hit is not None and hit[0] is hashes:
        _keys.move_to_end(id(hashes))
        return hit
    entry = _keys[id(hashes)] = [hashes, seed_keys(hashes), None, None]
    while len(_keys) > KEYS_KEPT:
        _keys.popitem(last=False)
    return entry


def seed_keys_of(hashes: np.ndarray) -> np.ndarray:
    """`seed_keys(hashes)`, remembered for the last KEYS_KEPT arrays."""
    return _cached(hashes)[1]


def sorted_seed_keys(hashes: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(seed keys, positions sorted by key (stable), keys in that order) of a token sequence,
    remembered for the last KEYS_KEPT arrays."""
    entry = _cached(hashes)
    if entry[2] is None:
        entry[2] = np.argsort(entry[1], kind="stable")
        entry[3] = entry[1][entry[2]]
    return entry[1], entry[2], entry[3]


def exact_runs(a: np.ndarray, b: np.ndarray) -> list[Run]:
    """Every maximal run of at least SEED identical tokens shared by a and b."""
    return exact_runs_many(a, [b])[0]


def exact_runs_many(
    a: np.ndarray, bs: Sequence[np.ndarray], min_shared_keys: int = 0, min_chained: int = 0
) -> list[list[Run]]:
    """`exact_runs(a, b)` for each b, found for all of them at once with numpy.

    A pair sharing fewer than min_shared_keys distinct seed keys gets no runs (a caller's
    quick bound), and so does one where fewer than MIN_WORDS // SEED positions of a have a key
    of b (a passage of MIN_WORDS words holds at least that many matching seeds), and one whose
    runs cannot chain into min_chained words (`chainable`: another bound of the caller's).

    Each seed of a b (a key at position j) finds the positions i of a with its key by binary
    search over a's sorted keys; seeds whose key b holds more than MAX_OCCURRENCES times are
    boilerplate and dropped; the (i, j) pairs left are checked token by token (a key collision
    is no match). On each diagonal i - j, consecutive matching seeds are one block, and a run
    starts at a block's first seed: its tokens match through the block's last seed + SEED - 1,
    and it ends there unless the next token matches too (past a dropped seed), rarely, when it
    is extended word by word and covers the blocks it reaches.
    """
    out: list[list[Run]] = [[] for _ in bs]
    keys_a, order_a, sorted_a = sorted_seed_keys(a)
    if not len(keys_a) or not bs:
        return out
    keys = [seed_keys_of(b) for b in bs]
    n_keys = np.array([len(k) for k in keys], dtype=np.int64)
    if not n_keys.any():
        return out
    # every seed of every b whose key a may hold (its low bits are some key's of a: a table
    # lookup, cheaper than a binary search per seed), then found by binary search
    all_keys = np.concatenate(keys)
    table = np.zeros(FILTER_BITS + 1, dtype=bool)
    table[(sorted_a & FILTER_BITS).astype(np.intp)] = True
    maybe = np.flatnonzero(table[(all_keys & FILTER_BITS).astype(np.intp)])
    key = all_keys[maybe]
    lo = np.searchsorted(sorted_a, key, side="left")
    hit = sorted_a[np.minimum(lo, len(sorted_a) - 1)] == key
    maybe, key, lo = maybe[hit], key[hit], lo[hit]
    if not len(key):
        return out
    ends = np.cumsum(n_keys)
    k = np.searchsorted(ends, maybe, side="right")  # which b
    j = maybe - (ends - n_keys)[k]  # where in it
    # lo, where the key starts in sorted_a, names the key: (b, key) pairs are counted by a code
    m, width = len(bs), len(sorted_a)
    code = k * width + lo
    groups, group, size = np.unique(code, return_inverse=True, return_counts=True)  # size: how often b holds it
    in_a = np.zeros(width, dtype=np.int64)
    firsts = np.flatnonzero(np.r_[True, sorted_a[1:] != sorted_a[:-1]])
    in_a[firsts] = np.diff(np.append(firsts, width))  # occurrences in a, at each key's first place
    distinct = np.bincount(groups // width, minlength=m)
    walk = np.bincount(groups // width, weights=in_a[groups % width], minlength=m)
    pair_ok = (distinct >= min_shared_keys) & (walk >= MIN_WORDS // SEED)
    keep = (size[group] <= MAX_OCCURRENCES) & pair_ok[k]
    k, j, lo = k[keep], j[keep], lo[keep]
    count = in_a[lo]
    # expand to every (i, j) pair of positions with the same key
    total = int(count.sum())
    if not total:
        return out
    step = np.arange(total) - np.repeat(np.cumsum(count) - count, count)
    i = order_a[np.repeat(lo, count) + step]
    j, k = np.repeat(j, count), np.repeat(k, count)
    lengths = np.array([len(b) for b in bs], dtype=np.int64)
    offset = np.cumsum(lengths) - lengths
    all_b = np.concatenate(bs)
    at = j + offset[k]  # position in all_b
    span = np.arange(SEED)
    same = (a[i[:, None] + span] == all_b[at[:, None] + span]).all(axis=1)
    i, j, k, at = i[same], j[same], k[same], at[same]
    if not len(i):
        return out
    # blocks of consecutive matching seeds on one diagonal of one pair
    diag = i - j
    na = len(a)
    span_d = int(lengths.max()) + na  # diag + lengths.max() is in [1, span_d)
    by = np.argsort((k * span_d + diag + int(lengths.max())) * na + i)  # (pair, diagonal, i) order
    i, j, k, at, diag = i[by], j[by], k[by], at[by], diag[by]
    new = np.ones(len(i), dtype=bool)
    new[1:] = (k[1:] != k[:-1]) | (diag[1:] != diag[:-1]) | (i[1:] != i[:-1] + 1)
    first = np.flatnonzero(new)
    last = np.append(first[1:], len(i)) - 1
    run_i, run_j, run_k = i[first], j[first], k[first]
    run_end = i[last] + SEED  # on a; tokens match up to here
    end_b = run_end - diag[first]
    room = (run_end < na) & (end_b < lengths[run_k])
    more = room & (a[np.minimum(run_end, na - 1)] == all_b[np.minimum(at[last] + SEED, len(all_b) - 1)])
    run_len = run_end - run_i
    if more.any():
        run_len, alive = extend_runs(a, all_b, run_i, run_j, run_k, diag[first], run_len, more, lengths, offset)
        run_i, run_j, run_k, run_len = run_i[alive], run_j[alive], run_k[alive], run_len[alive]
    if min_chained:
        enough = chainable(run_i, run_j, run_k, run_len, m, min_chained)[run_k]
        run_i, run_j, run_k, run_len = run_i[enough], run_j[enough], run_k[enough], run_len[enough]
    by = np.lexsort((run_j, run_i, run_k))
    for rk, ri, rj, rl in zip(*(x[by].tolist() for x in (run_k, run_i, run_j, run_len)), strict=True):
        out[rk].append(Run(ri, rj, rl))
    return out


def extend_runs(a, all_b, run_i, run_j, run_k, diag, run_len, more, lengths, offset):
    """Lengths of the runs whose next token matches too, extended word by word, and which
    runs are left: a run that reaches the next block of its diagonal covers it. Only the
    diagonals holding such a run are walked, in Python (runs are in (pair, diagonal, i) order)."""
    run_len = run_len.copy()
    alive = np.ones(len(run_i), dtype=bool)
    a_list, b_list = a.tolist(), all_b.tolist()
    na = len(a_list)
    marked = set(zip(run_k[more].tolist(), diag[more].tolist(), strict=True))
    covered: dict[tuple[int, int], int] = {}
    for r, (k, d) in enumerate(zip(run_k.tolist(), diag.tolist(), strict=True)):
        if (k, d) not in marked:
            continue
        i = int(run_i[r])
        if covered.get((k, d), -1) > i:
            alive[r] = False
            continue
        length = int(run_len[r])
        if more[r]:
            j, nb, base = int(run_j[r]), int(lengths[k]), int(offset[k])
            while i + length < na and j + length < nb and a_list[i + length] == b_list[base + j + length]:
                length += 1
            run_len[r] = length
        covered[(k, d)] = i + length
    return run_len, alive


def chainable(run_i, run_j, run_k, run_len, pairs: int, need: int) -> np.ndarray:
    """For each pair, whether `chain_runs` could make a group of `need` words of its runs.

    A run joins a group only within MAX_GAP of the group's end on both sides, so a group never
    spans a gap of more than MAX_GAP between a run's start and the furthest end of the runs
    before it (in start order, on either side): cut there, each side's runs fall into
    clusters, and a group lies inside one cluster of each side. A pair none of whose
    clusters, on one side or the other, holds `need` words of runs makes no such group."""
    ok = np.ones(pairs, dtype=bool)
    for start in (run_i, run_j):
        order = np.lexsort((start, run_k))  # by pair, then start
        s, k, length = start[order], run_k[order], run_len[order]
        width = int((s + length).max()) + MAX_GAP + 1  # pair k's positions shifted by k * width
        reach = np.maximum.accumulate(s + length + k * width)  # furthest end so far
        cut = np.ones(len(s), dtype=bool)
        cut[1:] = s[1:] + k[1:] * width > reach[:-1] + MAX_GAP  # always at a new pair
        words = np.bincount(np.cumsum(cut) - 1, weights=length)
        best = np.zeros(pairs)
        np.maximum.at(best, k[cut], words)
        ok &= best >= need
    return ok


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
    return align_many(ta, [tb])[0]


def align_many(ta: Tokens, tbs: Sequence[Tokens], min_shared_keys: int = 0) -> list[list[Passage]]:
    """`align(ta, tb)` for each tb, the runs found for all at once (`exact_runs_many`); a pair
    sharing fewer than min_shared_keys distinct seed keys shares no passage, nor does one whose
    runs cannot chain into MIN_WORDS words (`chainable`: a passage's verbatim words are some of
    one chain's)."""
    runs = exact_runs_many(ta.hashes, [tb.hashes for tb in tbs], min_shared_keys, MIN_WORDS)
    return [passages_of(r, ta, tb) if r else [] for r, tb in zip(runs, tbs, strict=True)]


def passages_of(runs: list[Run], ta: Tokens, tb: Tokens) -> list[Passage]:
    """The substantial passages the runs of one pair make, one per stretch of text."""
    groups = chain_runs(runs)
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
