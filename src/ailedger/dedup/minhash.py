"""Dedup: cleaned text -> MinHash signature over character shingles (datasketch).

Shingles are hashed all at once with numpy (a polynomial hash of k code points per window) and
fed to `MinHash.update_batch`, so no Python-level hash runs per shingle.
"""

from __future__ import annotations

import re
from functools import cache

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
SHINGLE = 5
SEED = 1
SCHEME = "affine32"  # datasketch >= 2: 32-bit values, a bijective permutation
_SPACE = re.compile(r"\s+")
_BASE = np.uint64(1_000_003)
_MIX = np.uint64(0x9E3779B97F4A7C15)


def _identity(value: int) -> int:
    return value


def shingle_hashes(text: str, k: int = SHINGLE) -> np.ndarray:
    """Return the distinct 32-bit hashes of the k-character shingles of normalized text."""
    norm = _SPACE.sub(" ", text.casefold()).strip()
    codes = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    if codes.size < k:
        codes = np.pad(codes, (0, k - codes.size))
    powers = _BASE ** np.arange(k - 1, -1, -1, dtype=np.uint64)
    with np.errstate(over="ignore"):
        windows = np.lib.stride_tricks.sliding_window_view(codes, k)
        hashes = (windows * powers).sum(axis=1, dtype=np.uint64) * _MIX
    return np.unique(hashes >> np.uint64(32))


@cache
def _permutations(num_perm: int) -> object:
    """The permutation parameters, drawn once per process (drawing them costs 0.1 ms a call)."""
    return MinHash(num_perm=num_perm, seed=SEED, hashfunc=_identity, scheme=SCHEME).permutations


def _empty(num_perm: int) -> MinHash:
    perms = _permutations(num_perm)
    return MinHash(num_perm, SEED, hashfunc=_identity, permutations=perms, scheme=SCHEME)


def signature(text: str, num_perm: int = NUM_PERM) -> MinHash:
    """Return the MinHash of `text`'s shingles."""
    mh = _empty(num_perm)
    mh.update_batch(shingle_hashes(text).tolist())
    return mh


def to_bytes(mh: MinHash) -> bytes:
    """Serialize a signature compactly (values fit in 32 bits)."""
    return bytes(np.asarray(mh.hashvalues, dtype=np.uint32).tobytes())


def from_bytes(data: bytes, num_perm: int = NUM_PERM) -> MinHash:
    """Rebuild a signature stored by `to_bytes`."""
    values = np.frombuffer(data, dtype=np.uint32).copy()
    perms = _permutations(num_perm)
    return MinHash(
        num_perm, SEED, hashfunc=_identity, hashvalues=values, permutations=perms, scheme=SCHEME
    )
