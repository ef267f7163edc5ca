# mypy: disable-error-code="empty-body"
"""The front of linalg, which twinmath.ref and twinmath.go share.

Matrices: products, transpose, trace, determinant, inverse, linear solve.

The signature and docstring of every public function, declared once (the backends
take them with ``twin``); the result types; and the checks of arguments,
beyond ``_convert``, that both backends apply.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["det", "inv", "matmul", "solve", "trace", "transpose"]


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
