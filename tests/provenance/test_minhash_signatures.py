"""Chunk signatures are datasketch MinHashes; band keys collide for copies, rarely otherwise."""

from __future__ import annotations

import numpy as np
import pytest
from datasketch import LeanMinHash, MinHash

from sphere.provenance.minhash import (
    BANDS,
    CHUNK_PERM,
    CHUNK_SEED,
    DOC_PERM,
    DOC_SEED,
    band_keys,
    chunk_signatures,
    from_bytes,
    jaccard,
    permutations,
    shingle_hashes,
    signature,
    to_bytes,
)
from sphere.provenance.synthetic import Writer
from sphere.provenance.text import tokenize


@pytest.mark.parametrize("num_perm, seed", [(DOC_PERM, DOC_SEED), (CHUNK_PERM, CHUNK_SEED), (1, 0), (300, 12345)])
def test_minhash_permutations_are_datasketch_own(num_perm, seed):
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    ours = permutations(num_perm, seed)
    assert ours[0].dtype == ours[1].dtype == np.uint32
    assert np.array_equal(ours[0], a) and np.array_equal(ours[1], b)


@pytest.mark.parametrize("num_perm, seed", [(DOC_PERM, DOC_SEED), (CHUNK_PERM, CHUNK_SEED)])
def test_minhash_signature_equals_datasketch_update_batch(num_perm, seed):
    t = tokenize(" ".join(Writer(1).sentence() for _ in range(20)))
    sh = shingle_hashes(t)
    m = MinHash(num_perm=num_perm, seed=seed, hashfunc=lambda x: x, scheme="affine32")
    m.update_batch([int(x) for x in sh])
    ours = signature(sh, num_perm, seed)
    assert np.array_equal(m.hashvalues, ours)
    lean = LeanMinHash(seed=seed, hashvalues=from_bytes(to_bytes(ours)), scheme="affine32")
    assert lean.jaccard(LeanMinHash(m)) == 1.0


def test_minhash_jaccard_estimate_tracks_the_true_overlap():
    w = Writer(2)
    common = [w.sentence() for _ in range(30)]
    a = tokenize(" ".join(common + [w.sentence() for _ in range(10)]))
    b = tokenize(" ".join(common + [w.sentence() for _ in range(10)]))
    sa, sb = shingle_hashes(a), shingle_hashes(b)
    true = len(set(sa) & set(sb)) / len(set(sa) | set(sb))
    est = jaccard(signature(sa, DOC_PERM, DOC_SEED), signature(sb, DOC_PERM, DOC_SEED))
    assert abs(est - true) < 0.15
    assert jaccard(signature(sa[:0], DOC_PERM, DOC_SEED), signature(sb, DOC_PERM, DOC_SEED)) == 0.0


def test_minhash_band_keys_collide_for_a_copied_chunk_and_not_for_others():
    w = Writer(3)
    sentences = [w.sentence() for _ in range(200)]
    t = tokenize(" ".join(sentences))
    chunks = [(s, s + 20) for s in range(0, len(t) - 20, 20)]
    keys = band_keys(chunk_signatures(shingle_hashes(t), chunks))
    assert keys.shape == (len(chunks), BANDS)
    again = band_keys(chunk_signatures(shingle_hashes(t), chunks[:3]))
    assert np.array_equal(again, keys[:3])
    # distinct chunks share almost no band key
    flat = keys.ravel().tolist()
    assert len(set(flat)) > 0.97 * len(flat)
