"""Matrices: products, transpose, trace, determinant, inverse, linear solve."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array, matrix
from .._front import twin
from ..errors import invalid, not_square, shape_error, singular

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.linalg.__all__


# inv shifts A by a power of two when max|A| lies beyond 2^±INV_SHIFT_EXPONENT.
INV_SHIFT_EXPONENT = 500


def square(a: ArrayLike, op: str, name: str = "A") -> NDArray[np.float64]:
    """Return ``a`` as a square, non-empty, finite float64 matrix.

    The checks run in the order the Go package makes them: shape, emptiness,
    finiteness.
    """
    x = matrix(a, op, name)
    if x.shape[0] != x.shape[1]:
        raise not_square(op, name, x.shape)
    if x.size == 0:
        raise invalid(op, f"{name} is empty")
    finite(x, op, name)
    return x


def finite(x: NDArray[np.float64], op: str, name: str) -> None:
    """Raise ValueError if ``x`` holds NaN or Inf."""
    if not np.isfinite(x).all():
        raise invalid(op, f"{name} contains NaN or Inf")


@twin(_front.linalg.matmul)
def matmul(A: ArrayLike, B: ArrayLike) -> NDArray[np.float64]:
    a = matrix(A, "matmul", "A")
    b = array(B, "matmul", "B")
    if b.ndim not in (1, 2):
        raise shape_error("matmul", f"B must be 1-D or 2-D, got shape {b.shape}")
    if a.shape[1] != b.shape[0]:
        raise shape_error("matmul", f"inner dimensions {a.shape[1]} and {b.shape[0]} differ")
    return a @ b


@twin(_front.linalg.transpose)
def transpose(A: ArrayLike) -> NDArray[np.float64]:
    # A copy even where the transpose is contiguous already (a column, a row).
    return np.array(matrix(A, "transpose", "A").T, order="C")


@twin(_front.linalg.trace)
def trace(A: ArrayLike) -> float:
    a = matrix(A, "trace", "A")
    if a.shape[0] != a.shape[1]:
        raise not_square("trace", "A", a.shape)
    return float(np.trace(a))


@twin(_front.linalg.det)
def det(A: ArrayLike) -> float:
    return float(np.linalg.det(square(A, "det")))


@twin(_front.linalg.inv)
def inv(A: ArrayLike) -> NDArray[np.float64]:
    a = square(A, "inv")
    # inv(c·A) = inv(A)/c with c = 2⁻ᵉ (exact), so that a tiny A (1e-310·I)
    # does not overflow inside the factorisation (the result may still, as
    # Go's does); only far from 1, where numpy's own rounding is unchanged.
    e = int(np.frexp(np.max(np.abs(a)))[1])
    e = e if abs(e) > INV_SHIFT_EXPONENT else 0
    try:
        with np.errstate(over="ignore"):
            return np.ldexp(np.linalg.inv(np.ldexp(a, -e)), -e)
    except np.linalg.LinAlgError:
        raise singular("inv") from None


@twin(_front.linalg.solve)
def solve(A: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    a = matrix(A, "solve", "A")
    y = array(b, "solve", "b")
    if y.ndim not in (1, 2):
        raise shape_error("solve", f"b must be 1-D or 2-D, got shape {y.shape}")
    if a.shape[0] != a.shape[1]:
        raise not_square("solve", "A", a.shape)
    if y.shape[0] != a.shape[0]:
        raise shape_error("solve", f"A is {a.shape[0]}x{a.shape[1]} but b has {y.shape[0]} rows")
    if a.size == 0:
        raise invalid("solve", "A is empty")
    finite(a, "solve", "A")
    finite(y, "solve", "b")
    try:
        return np.asarray(np.linalg.solve(a, y), dtype=np.float64)
    except np.linalg.LinAlgError:
        raise singular("solve") from None
