"""Reproducible random numbers, computed by the Go library (see twinmath.ref.random).

The generator's state lives in Go behind a handle; this class holds the
handle and frees it on ``close()``, at the end of a ``with`` block, or when it
is collected.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._convert import integer
from ..ref import random as ref
from ..ref.random import Size
from . import _native as native
from ._native import NativeObject, error, ptr, scratch

__all__ = ref.__all__


def iptr(a: NDArray[np.int64]) -> Any:
    """Return an ``int64_t *`` to the data of the C-contiguous int64 array ``a``."""
    return native.ffi.from_buffer("int64_t[]", a)


class Rng(NativeObject):
    __doc__ = ref.Rng.__doc__

    def __init__(self, seed: int) -> None:
        s, h = scratch(), native.ffi.new("int64_t *")
        st = native.lib.tm_rng_new(ref.seed_of(seed, "Rng"), h, s.err, native.ERRLEN)
        if st:
            raise error(st, s)
        self._adopt(h[0])

    def random(self, size: Size = None) -> float | NDArray[np.float64]:
        shape = ref.shape_of(size, "Rng.random")
        out, s = np.empty(1 if shape is None else shape), scratch()
        st = native.lib.tm_rng_random(self.handle, ptr(out), out.size, s.err, native.ERRLEN)
        if st:
            raise error(st, s)
        return float(out[0]) if shape is None else out

    def normal(self, size: Size = None) -> float | NDArray[np.float64]:
        shape = ref.shape_of(size, "Rng.normal")
        out, s = np.empty(1 if shape is None else shape), scratch()
        st = native.lib.tm_rng_normal(self.handle, ptr(out), out.size, s.err, native.ERRLEN)
        if st:
            raise error(st, s)
        return float(out[0]) if shape is None else out

    def integers(self, low: int, high: int | None = None, size: Size = None) -> int | NDArray[np.int64]:
        op = "Rng.integers"
        lo, hi = ref.integer_bounds(low, high, op)
        shape = ref.shape_of(size, op)
        out, s = np.empty(1 if shape is None else shape, dtype=np.int64), scratch()
        st = native.lib.tm_rng_integers(self.handle, lo, hi, iptr(out), out.size, s.err, native.ERRLEN)
        if st:
            raise error(st, s)
        return int(out[0]) if shape is None else out

    def permutation(self, n: int) -> NDArray[np.int64]:
        k = integer(n, "Rng.permutation", "n")
        out, s = np.empty(max(k, 0), dtype=np.int64), scratch()
        st = native.lib.tm_rng_permutation(self.handle, k, iptr(out), s.err, native.ERRLEN)
        if st:
            raise error(st, s)
        return out

    def close(self) -> None:
        super().close()

    def __enter__(self) -> Rng:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


for _name in ("random", "normal", "integers", "permutation", "close"):
    getattr(Rng, _name).__doc__ = getattr(ref.Rng, _name).__doc__
del _name
