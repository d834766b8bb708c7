"""Dedup: cleaned text -> MinHash signature over character shingles (datasketch), and a
signature -> its LSH band keys (the store's on-disk index).

Shingles are hashed all at once with numpy (a polynomial hash of k code points per window) and
fed to `MinHash.update_batch`, so no Python-level hash runs per shingle. Band keys follow
datasketch's LSH: the bands and rows its `MinHashLSH` chooses for the threshold, two signatures
being candidates when every value of one band is equal; a band's values are hashed to a signed
64-bit key so a database index finds them.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache

import numpy as np
from datasketch import MinHash, MinHashLSH

NUM_PERM = 128
DEFAULT_THRESHOLD = 0.7  # Jaccard similarity from which two documents are near duplicates
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


@cache
def lsh_shape(threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> tuple[int, int]:
    """The (bands, rows) datasketch's LSH uses for `threshold` and `num_perm`."""
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


def band_keys(sig: bytes, threshold: float = DEFAULT_THRESHOLD) -> list[int]:
    """The LSH band keys of a signature (`to_bytes`): equal keys mean an equal band."""
    bands, rows = lsh_shape(threshold, len(sig) // 4)
    width = 4 * rows
    keys = []
    for band in range(bands):
        salt = f"{bands}x{rows}:{band}".encode()
        digest = hashlib.blake2b(sig[band * width : (band + 1) * width], digest_size=8, person=salt)
        keys.append(int.from_bytes(digest.digest(), "big", signed=True))
    return keys


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures (`to_bytes`), as `MinHash.jaccard`."""
    x, y = np.frombuffer(a, dtype=np.uint32), np.frombuffer(b, dtype=np.uint32)
    return float(np.float64(np.count_nonzero(x == y)) / np.float64(len(x)))
