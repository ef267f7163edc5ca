"""Reproducible random numbers, computed by the Go library (documented in twinmath._front.random).

The generator's state lives in Go behind a handle; this class holds the
handle and frees it on ``close()``, at the end of a ``with`` block, or when it
is collected.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from .. import _front
from .._front import twin
from .._front.random import Size
from . import _native as native
from ._native import NativeObject, ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.random.__all__


def iptr(a: NDArray[np.int64]) -> Any:
    """Return an ``int64_t *`` to the data of the C-contiguous int64 array ``a``."""
    return native.ffi.from_buffer("int64_t[]", a)


@twin(_front.random.Rng)
class Rng(NativeObject):
    def __init__(self, seed: int) -> None:
        h = native.ffi.new("int64_t *")
        native.call(native.lib.tm_rng_new, _front.random.seed_of(seed, "Rng"), h)
        self._adopt(h[0])

    def random(self, size: Size = None) -> float | NDArray[np.float64]:
        shape = _front.random.shape_of(size, "Rng.random")
        out = np.empty(1 if shape is None else shape)
        native.call(native.lib.tm_rng_random, self.handle, ptr(out), out.size)
        return float(out[0]) if shape is None else out

    def normal(self, size: Size = None) -> float | NDArray[np.float64]:
        shape = _front.random.shape_of(size, "Rng.normal")
        out = np.empty(1 if shape is None else shape)
        native.call(native.lib.tm_rng_normal, self.handle, ptr(out), out.size)
        return float(out[0]) if shape is None else out

    def integers(self, low: int, high: int | None = None, size: Size = None) -> int | NDArray[np.int64]:
        op = "Rng.integers"
        lo, hi = _front.random.integer_bounds(low, high, op)
        shape = _front.random.shape_of(size, op)
        out = np.empty(1 if shape is None else shape, dtype=np.int64)
        native.call(native.lib.tm_rng_integers, self.handle, lo, hi, iptr(out), out.size)
        return int(out[0]) if shape is None else out

    def permutation(self, n: int) -> NDArray[np.int64]:
        k = _front.random.permutation_size(n, "Rng.permutation")
        out = np.empty(k, dtype=np.int64)
        native.call(native.lib.tm_rng_permutation, self.handle, k, iptr(out))
        return out

    def close(self) -> None:
        super().close()
