"""Matrices: products, transpose, trace, determinant, inverse, linear solve."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, matrix
from ..errors import invalid, not_square, shape_error, singular

__all__ = ["det", "inv", "matmul", "solve", "trace", "transpose"]


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


def matmul(A: ArrayLike, B: ArrayLike) -> NDArray[np.float64]:
    """Return the matrix product ``A @ B``.

    ``C[i, j] = Σₖ A[i, k] B[k, j]``; a 1-D ``B`` is a column vector and the
    result is then 1-D.

    Parameters
    ----------
    A : array_like, shape (m, n)
    B : array_like, shape (n, p) or (n,)

    Returns
    -------
    ndarray of float64, shape (m, p) or (m,)

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D, ``B`` is neither 1-D nor 2-D, or the inner
        dimensions differ.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    array([[19., 22.],
           [43., 50.]])
    """
    a = matrix(A, "matmul", "A")
    b = array(B, "matmul", "B")
    if b.ndim not in (1, 2):
        raise shape_error("matmul", f"B must be 1-D or 2-D, got shape {b.shape}")
    if a.shape[1] != b.shape[0]:
        raise shape_error("matmul", f"inner dimensions {a.shape[1]} and {b.shape[0]} differ")
    return a @ b


def transpose(A: ArrayLike) -> NDArray[np.float64]:
    """Return the transpose of a matrix, as a new C-ordered array.

    ``transpose(A)[j, i] = A[i, j]``

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    ndarray of float64, shape (n, m)

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.transpose([[1, 2], [3, 4]])
    array([[1., 3.],
           [2., 4.]])
    """
    return np.ascontiguousarray(matrix(A, "transpose", "A").T)


def trace(A: ArrayLike) -> float:
    """Return the trace of a square matrix, the sum of its diagonal.

    ``tr(A) = Σᵢ A[i, i]``

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    float
        0.0 for the empty 0×0 matrix.

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.trace([[1, 2], [3, 4]])
    5.0
    """
    a = matrix(A, "trace", "A")
    if a.shape[0] != a.shape[1]:
        raise not_square("trace", "A", a.shape)
    return float(np.trace(a))


def det(A: ArrayLike) -> float:
    """Return the determinant of a square matrix.

    Computed from the LU factorisation with partial pivoting:
    ``det(A) = (-1)^(row swaps) Πᵢ U[i, i]``. A singular matrix gives 0.0.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    float

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ValueError
        If ``A`` is empty or holds NaN or Inf.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.det([[1, 2], [3, 4]]), 12)
    -2.0
    """
    return float(np.linalg.det(square(A, "det")))


def inv(A: ArrayLike) -> NDArray[np.float64]:
    """Return the inverse of a square matrix.

    ``A @ inv(A) = I``, computed by solving against the identity with the LU
    factorisation of ``A``.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    ndarray of float64, shape (n, n)

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ValueError
        If ``A`` is empty or holds NaN or Inf.
    SingularMatrixError
        If a pivot of the factorisation is exactly zero.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.inv([[1, 2], [3, 4]]).round(12)
    array([[-2. ,  1. ],
           [ 1.5, -0.5]])
    """
    a = square(A, "inv")
    try:
        return np.asarray(np.linalg.inv(a), dtype=np.float64)
    except np.linalg.LinAlgError:
        raise singular("inv") from None


def solve(A: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    """Return the solution ``x`` of the linear system ``A @ x = b``.

    Parameters
    ----------
    A : array_like, shape (n, n)
    b : array_like, shape (n,) or (n, k)

    Returns
    -------
    ndarray of float64, shape (n,) or (n, k)
        The shape of ``b``.

    Raises
    ------
    ShapeError
        If ``A`` is not square, ``b`` is neither 1-D nor 2-D, or ``b`` has
        not ``n`` rows.
    ValueError
        If ``A`` is empty, or ``A`` or ``b`` holds NaN or Inf.
    SingularMatrixError
        If a pivot of the LU factorisation of ``A`` is exactly zero.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.solve([[3, 1], [1, 2]], [9, 8]).round(12)
    array([2., 3.])
    """
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
