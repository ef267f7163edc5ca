"""Neural-network mathematics, computed by the Go library (see twinmath.ref.nn)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array
from ..ref import nn as ref
from . import _native as n
from ._native import error, ptr, scratch, twin

__all__ = ref.__all__


@twin(ref.sigmoid)
def sigmoid(x: ArrayLike) -> float | NDArray[np.float64]:
    a = array(x, "sigmoid", "x")
    out, s = np.empty(a.shape), scratch()
    st = n.lib.tm_sigmoid(ptr(a), a.size, ptr(out), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return float(out) if a.ndim == 0 else out
