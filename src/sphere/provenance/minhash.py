"""MinHash signatures of chunks and documents, and the LSH band keys that index them.

The signatures are datasketch's (`datasketch.MinHash`, scheme "affine32": a MurmurHash3
pre-mix, then one affine permutation per hash function, mod 2**32), computed for every chunk
of a document at once with numpy instead of one `update` call per shingle; a test checks they
are bit-for-bit what `datasketch.MinHash.update_batch` gives, so any datasketch tool
(`LeanMinHash`, `MinHashLSH`) can read a stored signature. The permutation parameters are drawn
here the way datasketch draws them (a test checks they are its own), so indexing does not import
datasketch, whose package import pulls in scipy (0.4 s of the main process's CPU per run).

Shingles are word trigrams. A chunk's signature has BANDS x ROWS values; LSH cuts it into
BANDS bands and hashes each band to one 63-bit key: two chunks share a key with probability
1 - (1 - J**ROWS)**BANDS for Jaccard similarity J (about 0.97 at J=0.8, 0.66 at J=0.5, 0.12 at
J=0.2). A document's signature (DOC_PERM values over all its shingles) is kept for
near-duplicate estimates between whole documents.
"""

from __future__ import annotations

from functools import cache

import numpy as np

from .text import Tokens

SHINGLE = 3
BANDS = 5
ROWS = 3
CHUNK_PERM = BANDS * ROWS
DOC_PERM = 128
CHUNK_SEED = 2
DOC_SEED = 1

U32 = np.uint32
MAX32 = np.uint32(0xFFFFFFFF)


@cache
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's affine32 permutation parameters (a, b) for this size and seed: a odd
    (a bijection mod 2**32), drawn as `MinHash(num_perm, seed, scheme="affine32")` draws them."""
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=U32) * U32(2) + U32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=U32)
    return a, b


def fmix32(h: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, as datasketch pre-mixes every input hash."""
    h = h.astype(U32)
    with np.errstate(over="ignore"):
        h = h ^ (h >> U32(16))
        h = h * U32(0x85EBCA6B)
        h = h ^ (h >> U32(13))
        h = h * U32(0xC2B2AE35)
        return h ^ (h >> U32(16))


def shingle_hashes(tokens: Tokens) -> np.ndarray:
    """One 32-bit hash per word trigram (position i covers tokens i, i+1, i+2)."""
    t = tokens.hashes.astype(np.uint64)
    n = len(t) - SHINGLE + 1
    if n <= 0:
        return np.zeros(0, dtype=U32)
    with np.errstate(over="ignore"):
        h = t[:n] * np.uint64(0x9E3779B97F4A7C15)
        for k in range(1, SHINGLE):
            h = (h ^ t[k : k + n]) * np.uint64(0xBF58476D1CE4E5B9)
        h ^= h >> np.uint64(31)
    return (h & np.uint64(0xFFFFFFFF)).astype(U32)


def signature(shingles: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """The MinHash of a set of shingle hashes (all max values when empty), as uint32."""
    a, b = permutations(num_perm, seed)
    out = np.full(num_perm, MAX32, dtype=U32)
    mixed = fmix32(shingles)
    with np.errstate(over="ignore"):
        for lo in range(0, len(mixed), 4096):  # bounded memory on very long documents
            block = a[:, None] * mixed[None, lo : lo + 4096] + b[:, None]
            out = np.minimum(out, block.min(axis=1))
    return out


def chunk_signatures(shingles: np.ndarray, chunks: list[tuple[int, int]]) -> np.ndarray:
    """One CHUNK_PERM signature per chunk, over the shingles that lie wholly inside it."""
    a, b = permutations(CHUNK_PERM, CHUNK_SEED)
    out = np.full((len(chunks), CHUNK_PERM), MAX32, dtype=U32)
    if not len(shingles):
        return out
    with np.errstate(over="ignore"):
        permuted = a[:, None] * fmix32(shingles)[None, :] + b[:, None]
    for i, (s, e) in enumerate(chunks):
        hi = min(e - SHINGLE + 1, len(shingles))
        if hi > s:
            out[i] = permuted[:, s:hi].min(axis=1)
    return out


def band_keys(signatures: np.ndarray) -> np.ndarray:
    """BANDS keys per chunk signature: a 63-bit hash of each band with its band number."""
    if not len(signatures):
        return np.zeros((0, BANDS), dtype=np.int64)
    sig = signatures.astype(np.uint64).reshape(len(signatures), BANDS, ROWS)
    with np.errstate(over="ignore"):
        h = np.arange(1, BANDS + 1, dtype=np.uint64)[None, :] * np.uint64(0xD6E8FEB86659FD93)
        for r in range(ROWS):
            h = (h ^ sig[:, :, r]) * np.uint64(0x9E3779B97F4A7C15)
            h ^= h >> np.uint64(29)
    return (h >> np.uint64(1)).astype(np.int64)


def is_empty(sig: np.ndarray) -> bool:
    return bool((sig == MAX32).all())


def jaccard(sig_a: np.ndarray, sig_b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures of the same size and seed."""
    if is_empty(sig_a) or is_empty(sig_b):
        return 0.0
    return float(np.mean(sig_a == sig_b))


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u4").tobytes()


def from_bytes(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype="<u4").astype(U32)
