"""Reproducible random numbers: xoshiro256** seeded by SplitMix64.

The generator is specified in docs/conventions.md ("Random numbers") and
implemented here in plain Python integer arithmetic, masked to 64 bits, so
that the Go package (go/random.go) can produce the same stream bit for bit.
numpy's own generators are not used.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray

from .. import _front
from .._front import Closing, twin
from .._front.random import MASK, Size, integer_bounds, permutation_size, seed_of, shape_of
from ..errors import invalid

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.random.__all__

_GOLDEN = 0x9E3779B97F4A7C15
_TWO_M53 = 2.0**-53


def splitmix64(x: int) -> tuple[int, int]:
    """Return (next state, output) of SplitMix64 from state ``x``."""
    x = (x + _GOLDEN) & MASK
    z = ((x ^ (x >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    return x, z ^ (z >> 31)


@twin(_front.random.Rng)
class Rng(Closing):
    def __init__(self, seed: int) -> None:
        x = seed_of(seed, "Rng")
        s = []
        for _ in range(4):
            x, z = splitmix64(x)
            s.append(z)
        self._s = s
        self._spare: float | None = None

    # ---- the raw stream ------------------------------------------------------

    def _next(self, n: int) -> list[int]:
        """Return the next n outputs of xoshiro256**."""
        s0, s1, s2, s3 = self._s
        out = [0] * n
        for i in range(n):
            r = (s1 * 5) & MASK
            out[i] = ((((r << 7) | (r >> 57)) & MASK) * 9) & MASK
            t = (s1 << 17) & MASK
            s2 ^= s0
            s3 ^= s1
            s1 ^= s2
            s0 ^= s3
            s2 ^= t
            s3 = ((s3 << 45) | (s3 >> 19)) & MASK
        self._s = [s0, s1, s2, s3]
        return out

    def _uniform(self) -> float:
        return (self._next(1)[0] >> 11) * _TWO_M53

    def _below(self, n: int) -> int:
        """A uniform integer in [0, n), 1 ≤ n < 2⁶⁴, by Lemire's method."""
        m = self._next(1)[0] * n
        if m & MASK < n:
            t = (1 << 64) % n
            while m & MASK < t:
                m = self._next(1)[0] * n
        return m >> 64

    def _normal(self) -> float:
        if self._spare is not None:
            z, self._spare = self._spare, None
            return z
        while True:
            a, b = self._next(2)
            u = 2.0 * ((a >> 11) * _TWO_M53) - 1.0
            v = 2.0 * ((b >> 11) * _TWO_M53) - 1.0
            s = u * u + v * v
            if 0.0 < s < 1.0:
                f = math.sqrt(-2.0 * math.log(s) / s)
                self._spare = v * f
                return u * f

    # ---- the methods -----------------------------------------------------------

    def random(self, size: Size = None) -> float | NDArray[np.float64]:
        shape = shape_of(size, "Rng.random")
        n = 1 if shape is None else math.prod(shape)
        x = np.array(self._next(n), dtype=np.uint64) >> np.uint64(11)
        out = x.astype(np.float64) * _TWO_M53
        return float(out[0]) if shape is None else out.reshape(shape)

    def normal(self, size: Size = None) -> float | NDArray[np.float64]:
        shape = shape_of(size, "Rng.normal")
        n = 1 if shape is None else math.prod(shape)
        out = np.array([self._normal() for _ in range(n)], dtype=np.float64)
        return float(out[0]) if shape is None else out.reshape(shape)

    def integers(self, low: int, high: int | None = None, size: Size = None) -> int | NDArray[np.int64]:
        op = "Rng.integers"
        lo, hi = integer_bounds(low, high, op)
        shape = shape_of(size, op)
        if hi <= lo:
            raise invalid(op, f"high must be greater than low, got low={lo}, high={hi}")
        n = 1 if shape is None else math.prod(shape)
        span = hi - lo
        out = np.array([lo + self._below(span) for _ in range(n)], dtype=np.int64)
        return int(out[0]) if shape is None else out.reshape(shape)

    def permutation(self, n: int) -> NDArray[np.int64]:
        op = "Rng.permutation"
        k = permutation_size(n, op)
        p = list(range(k))
        for i in range(k - 1, 0, -1):
            j = self._below(i + 1)
            p[i], p[j] = p[j], p[i]
        return np.array(p, dtype=np.int64)

    def close(self) -> None:
        pass
