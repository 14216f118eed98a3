"""The vectorised run search (`exact_runs_many`) returns exactly what the per-seed loop it
replaced returned: the same runs in the same order, on token arrays built to hit every rule
(repeats, key collisions, seeds too frequent to use, runs touching either end, runs that go on
past a dropped seed), one pair at a time and many pairs at once."""

from __future__ import annotations

import numpy as np
import pytest

from sphere.provenance import align as align_module
from sphere.provenance.align import (
    MAX_OCCURRENCES,
    MIN_WORDS,
    SEED,
    Run,
    exact_runs,
    exact_runs_many,
)


def loop_exact_runs(a: np.ndarray, b: np.ndarray) -> list[Run]:
    """The per-seed Python loop exact_runs used before (kept verbatim as the reference)."""
    keys_a = align_module.seed_keys(a)
    keys_b = align_module.seed_keys(b)
    order = np.argsort(keys_b, kind="stable")
    sorted_b = keys_b[order]
    if not len(keys_a) or not len(keys_b):
        return []
    lo = np.minimum(np.searchsorted(sorted_b, keys_a, side="left"), len(sorted_b) - 1)
    walk = np.nonzero(sorted_b[lo] == keys_a)[0]
    if len(walk) < MIN_WORDS // SEED:
        return []
    lo = lo[walk]
    hi = np.searchsorted(sorted_b, keys_a[walk], side="right")
    a_list, b_list = a.tolist(), b.tolist()
    na, nb = len(a_list), len(b_list)
    covered: dict[int, int] = {}
    runs: list[Run] = []
    for i, start, end in zip(walk.tolist(), lo.tolist(), hi.tolist(), strict=True):
        if end - start > MAX_OCCURRENCES:
            continue
        for j in order[start:end].tolist():
            if covered.get(i - j, -1) > i:
                continue
            if a_list[i : i + SEED] != b_list[j : j + SEED]:
                continue
            length = SEED
            while i + length < na and j + length < nb and a_list[i + length] == b_list[j + length]:
                length += 1
            covered[i - j] = i + length
            runs.append(Run(i, j, length))
    return runs


def tokens(rng: np.random.Generator, n: int, vocab: int) -> np.ndarray:
    return rng.integers(0, vocab, size=n).astype(np.uint64)


def copy_with_edits(rng: np.random.Generator, a: np.ndarray, vocab: int) -> np.ndarray:
    """Pieces of a (some repeated, some at a's ends) in shuffled order, with edits and filler."""
    pieces = []
    for _ in range(int(rng.integers(1, 8))):
        lo = int(rng.integers(0, max(1, len(a) - 5)))
        if rng.random() < 0.2:
            lo = 0
        hi = min(len(a), lo + int(rng.integers(3, 120)))
        if rng.random() < 0.2:
            hi = len(a)
        piece = a[lo:hi].copy()
        for _ in range(int(rng.integers(0, 4))):
            if len(piece):
                piece[int(rng.integers(0, len(piece)))] = rng.integers(0, vocab)
        pieces.append(piece)
        if rng.random() < 0.3:
            pieces.append(piece.copy())  # printed twice
        pieces.append(tokens(rng, int(rng.integers(0, 30)), vocab))
    rng.shuffle(pieces)
    return np.concatenate(pieces) if pieces else tokens(rng, 0, vocab)


def random_pairs(seed: int, count: int) -> list[tuple[np.ndarray, np.ndarray]]:
    rng = np.random.default_rng(seed)
    pairs = []
    for _ in range(count):
        vocab = int(rng.choice([2, 3, 6, 40, 5000]))  # tiny vocabularies: repeats everywhere
        a = tokens(rng, int(rng.integers(0, 400)), vocab)
        b = copy_with_edits(rng, a, vocab) if rng.random() < 0.8 else tokens(rng, int(rng.integers(0, 300)), vocab)
        if rng.random() < 0.5:
            a, b = b, a
        pairs.append((a, b))
    return pairs


@pytest.fixture
def fresh_keys(monkeypatch):
    """No seed keys remembered from other tests (a patched seed_keys must be used)."""
    monkeypatch.setattr(align_module, "_keys", type(align_module._keys)())
    return monkeypatch


def weak_keys(modulus: int):
    real = align_module.seed_keys
    return lambda hashes: real(hashes) % np.uint64(modulus)


@pytest.mark.parametrize("seed", range(6))
def test_exact_runs_same_as_loop_on_random_pairs(seed, fresh_keys):
    for a, b in random_pairs(seed, 150):
        assert exact_runs(a, b) == loop_exact_runs(a, b)


@pytest.mark.parametrize("modulus", [3, 7, 61, 997])
def test_exact_runs_same_as_loop_with_key_collisions(modulus, fresh_keys):
    """Weak keys: collisions to reject, and (small moduli) keys too frequent to use, so runs
    must be extended past dropped seeds."""
    fresh_keys.setattr(align_module, "seed_keys", weak_keys(modulus))
    for a, b in random_pairs(100 + modulus, 120):
        assert exact_runs(a, b) == loop_exact_runs(a, b)


@pytest.mark.parametrize("modulus", [None, 5, 50])
def test_exact_runs_many_same_as_each_pair_alone(modulus, fresh_keys):
    if modulus is not None:
        fresh_keys.setattr(align_module, "seed_keys", weak_keys(modulus))
    rng = np.random.default_rng(7)
    for _ in range(25):
        a = tokens(rng, int(rng.integers(0, 500)), int(rng.choice([3, 40, 5000])))
        bs = [copy_with_edits(rng, a, 40) for _ in range(int(rng.integers(1, 12)))]
        bs.insert(int(rng.integers(0, len(bs))), tokens(rng, 3, 40))  # shorter than a seed
        many = exact_runs_many(a, bs)
        assert many == [loop_exact_runs(a, b) for b in bs]


def test_exact_runs_many_min_shared_keys_drops_pairs_sharing_fewer(fresh_keys):
    rng = np.random.default_rng(3)
    a = tokens(rng, 300, 5000)
    bs = [np.concatenate([a[:40], tokens(rng, 50, 5000)]), np.concatenate([a[:200], a[:10]])]
    distinct = [len(np.intersect1d(np.unique(align_module.seed_keys(a)), np.unique(align_module.seed_keys(b))))
                for b in bs]
    floor = (distinct[0] + distinct[1]) // 2 + 1
    assert distinct[0] < floor <= distinct[1]
    got = exact_runs_many(a, bs, min_shared_keys=floor)
    assert got == [[], loop_exact_runs(a, bs[1])]
    assert got[1]


def test_exact_runs_finds_runs_at_both_ends_and_past_a_frequent_seed(fresh_keys):
    rng = np.random.default_rng(5)
    common = tokens(rng, SEED, 5000)
    a = np.concatenate([tokens(rng, 20, 5000), common, tokens(rng, 20, 5000)])
    filler = np.concatenate([common] * (MAX_OCCURRENCES + 1))  # common's key is too frequent in b
    b = np.concatenate([a, filler, a[:25]])
    runs = exact_runs(a, b)
    assert runs == loop_exact_runs(a, b)
    assert Run(0, 0, len(a)) in runs  # through the dropped seeds of `common`, to both ends


@pytest.mark.parametrize("need", [SEED, MIN_WORDS, 80])
def test_exact_runs_many_min_chained_drops_only_pairs_whose_runs_cannot_chain(need, fresh_keys):
    """A pair kept has all its runs; a pair dropped had runs, but no chain of `need` words."""
    from sphere.provenance.align import chain_runs

    rng = np.random.default_rng(11)
    dropped = 0
    for _ in range(25):
        a = tokens(rng, int(rng.integers(0, 400)), int(rng.choice([6, 40, 5000])))
        bs = [copy_with_edits(rng, a, 40) for _ in range(int(rng.integers(1, 10)))]
        # scattered short copies: runs far apart on both sides, which cannot chain
        bs.append(np.concatenate([np.concatenate([a[x : x + 8], tokens(rng, 60, 5000)]) for x in range(0, len(a), 50)]))
        full = exact_runs_many(a, bs)
        for runs, got in zip(full, exact_runs_many(a, bs, min_chained=need), strict=True):
            if got:
                assert got == runs
            else:
                assert all(sum(r.length for r in g) < need for g in chain_runs(runs))
                dropped += bool(runs)
    assert dropped or need == SEED


def test_align_many_with_the_run_bound_finds_what_each_pair_alone_finds(fresh_keys):
    """`align_many` skips pairs whose runs add up to fewer than MIN_WORDS: never a passage lost."""
    from sphere.provenance.align import align_many, passages_of
    from sphere.provenance.text import Tokens

    rng = np.random.default_rng(13)

    def as_tokens(h: np.ndarray) -> Tokens:
        starts = np.arange(len(h), dtype=np.int64) * 8
        return Tokens(h, starts, starts + 7, np.zeros(len(h), dtype=bool))

    found = 0
    for _ in range(20):
        a = as_tokens(tokens(rng, int(rng.integers(50, 400)), 5000))
        bs = [as_tokens(copy_with_edits(rng, a.hashes, 5000)) for _ in range(int(rng.integers(1, 8)))]
        got = align_many(a, bs)
        assert got == [passages_of(exact_runs(a.hashes, b.hashes), a, b) for b in bs]
        found += sum(map(len, got))
    assert found
