"""Matrices, computed by the Go library (documented in twinmath._front.linalg)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array, matrix
from .._front import twin
from ..errors import shape_error
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.linalg.__all__


def _columns(b: NDArray[np.float64], op: str, name: str) -> tuple[int, int]:
    """Return the shape of ``b`` seen as a matrix; a vector is one column."""
    if b.ndim == 1:
        return b.shape[0], 1
    if b.ndim == 2:
        return b.shape[0], b.shape[1]
    raise shape_error(op, f"{name} must be 1-D or 2-D, got shape {b.shape}")


@twin(_front.linalg.matmul)
def matmul(A: ArrayLike, B: ArrayLike) -> NDArray[np.float64]:
    a, b = matrix(A, "matmul", "A"), array(B, "matmul", "B")
    n2, p = _columns(b, "matmul", "B")
    out = np.empty((a.shape[0], p) if b.ndim == 2 else a.shape[0])
    n.call(n.lib.tm_matmul, ptr(a), *a.shape, ptr(b), n2, p, ptr(out), work=a.shape[0] * n2 * p)
    return out


@twin(_front.linalg.transpose)
def transpose(A: ArrayLike) -> NDArray[np.float64]:
    a = matrix(A, "transpose", "A")
    out = np.empty(a.shape[::-1])
    n.call(n.lib.tm_transpose, ptr(a), *a.shape, ptr(out))
    return out


@twin(_front.linalg.trace)
def trace(A: ArrayLike) -> float:
    a = matrix(A, "trace", "A")
    return n.scalar(n.lib.tm_trace, ptr(a), *a.shape)  # type: ignore[no-any-return]


@twin(_front.linalg.det)
def det(A: ArrayLike) -> float:
    a = matrix(A, "det", "A")
    return n.scalar(n.lib.tm_det, ptr(a), *a.shape, work=a.size * a.shape[0])  # type: ignore[no-any-return]


@twin(_front.linalg.inv)
def inv(A: ArrayLike) -> NDArray[np.float64]:
    a = matrix(A, "inv", "A")
    out = np.empty(a.shape)
    n.call(n.lib.tm_inv, ptr(a), *a.shape, ptr(out), work=a.size * a.shape[0])
    return out


@twin(_front.linalg.solve)
def solve(A: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    a, y = matrix(A, "solve", "A"), array(b, "solve", "b")
    nb, k = _columns(y, "solve", "b")
    out = np.empty(y.shape)
    n.call(n.lib.tm_solve, ptr(a), *a.shape, ptr(y), nb, k, ptr(out), work=a.size * (a.shape[0] + k))
    return out
