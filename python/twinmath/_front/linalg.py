# mypy: disable-error-code="empty-body"
"""The front of linalg, which twinmath.ref and twinmath.go share.

Matrices: products, transpose, trace, determinant, inverse, linear solve.

The signature and docstring of every public function, declared once (the backends
take them with ``twin``); the result types; and the checks of arguments,
beyond ``_convert``, that both backends apply.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import INT64_MAX, INT64_MIN, array
from ..errors import invalid, shape_error

__all__ = [
    "cond",
    "det",
    "diagonal",
    "inv",
    "matmul",
    "matrix_power",
    "matrix_transpose",
    "multi_dot",
    "slogdet",
    "solve",
    "trace",
    "transpose",
]


def matmul(A: ArrayLike, B: ArrayLike) -> Any:
    """Return the matrix product ``A @ B``, of single matrices or of stacks.

    ``C[i, j] = Σₖ A[i, k] B[k, j]``. As ``numpy.matmul``: a 1-D ``A`` is a
    row vector and a 1-D ``B`` a column vector, and the result then drops
    that dimension (two vectors give a float); stacks ``(..., m, n)`` and
    ``(..., n, p)`` multiply matrix by matrix, their leading dimensions
    broadcast, in one batched call.

    Parameters
    ----------
    A : array_like, shape (..., m, n) or (n,)
    B : array_like, shape (..., n, p) or (n,)

    Returns
    -------
    ndarray of float64, shape (..., m, p), (..., m) or (..., p); or float
        The leading shape is that of ``A`` and ``B`` broadcast.

    Raises
    ------
    ShapeError
        If an operand is 0-D, the inner dimensions differ, or the leading
        dimensions do not broadcast.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    array([[19., 22.],
           [43., 50.]])
    >>> tm.matmul([[[1, 0], [0, 1]], [[2, 0], [0, 2]]], [1, 2])
    array([[1., 2.],
           [2., 4.]])
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


def det(A: ArrayLike) -> Any:
    """Return the determinant of a square matrix, or of each of a stack.

    Computed from the LU factorisation with partial pivoting:
    ``det(A) = (-1)^(row swaps) Πᵢ U[i, i]``. A singular matrix gives 0.0,
    the 0×0 matrix 1.0 (the empty product).
    A stack ``(..., n, n)`` gives the array ``(...)`` of the determinants of
    its matrices, computed in one batched call (numpy.linalg's stacking).

    Parameters
    ----------
    A : array_like, shape (..., n, n)

    Returns
    -------
    float or ndarray, shape (...)
        A float for one matrix, an array for a stack.

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ValueError
        If ``A`` holds NaN or Inf.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.det([[1, 2], [3, 4]]), 12)
    -2.0
    >>> tm.det([[[2, 0], [0, 3]], [[1, 2], [0, 0]]]).tolist()
    [6.0, 0.0]
    """


def inv(A: ArrayLike) -> NDArray[np.float64]:
    """Return the inverse of a square matrix, or of each of a stack.

    ``A @ inv(A) = I``, computed by solving against the identity with the LU
    factorisation of ``A``. The 0×0 matrix is its own inverse. A stack
    ``(..., n, n)`` gives the stack of inverses, in one batched call.

    Parameters
    ----------
    A : array_like, shape (..., n, n)

    Returns
    -------
    ndarray of float64, shape (..., n, n)

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions or its matrices are not square.
    ValueError
        If ``A`` holds NaN or Inf.
    SingularMatrixError
        If a pivot of the factorisation is exactly zero; in a stack, the
        message names the first singular matrix, ``"(matrix i of the
        stack)"``, ``i`` its index in the flattened stack.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.inv([[1, 2], [3, 4]]).round(12)
    array([[-2. ,  1. ],
           [ 1.5, -0.5]])
    """


def solve(A: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    """Return the solution ``x`` of the linear system ``A @ x = b``, or of each of a stack.

    numpy's (≥ 2) rules: a 1-D ``b`` is one vector, solved against every
    matrix of ``A``; any other ``b`` is a stack of ``n×k`` matrices
    ``(..., n, k)``, whose leading dimensions broadcast with those of ``A``.
    A stack is solved in one batched call.

    Parameters
    ----------
    A : array_like, shape (..., n, n)
    b : array_like, shape (n,) or (..., n, k)

    Returns
    -------
    ndarray of float64, shape (..., n) or (..., n, k)
        The leading shape is that of ``A`` and ``b`` broadcast.

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions or is not square, ``b`` is 0-D
        or has not ``n`` rows, or the leading dimensions do not broadcast.
    ValueError
        If ``A`` or ``b`` holds NaN or Inf.
    SingularMatrixError
        If a pivot of the LU factorisation of ``A`` is exactly zero; in a
        stack, the message names the first singular matrix, as ``inv``.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.solve([[3, 1], [1, 2]], [9, 8]).round(12)
    array([2., 3.])
    """


class SlogdetResult(NamedTuple):
    """The result of ``slogdet``: ``det(a) = sign * exp(logabsdet)``."""

    sign: Any
    logabsdet: Any


COND_ORDERS = "None, 'fro', 'nuc', 1, -1, 2, -2, inf or -inf"


def cond_order(p: Any) -> float | str | None:
    """Return ``cond``'s order ``p`` checked: None, "fro", "nuc" or a float."""
    if p is None or (isinstance(p, str) and p in ("fro", "nuc")):
        return p
    if not isinstance(p, str):
        try:
            q = float(p)
        except (TypeError, ValueError):
            q = math.nan
        if q in (1.0, -1.0, 2.0, -2.0, math.inf, -math.inf):
            return q
        p = q if not math.isnan(q) else p
    raise invalid("cond", f"p must be {COND_ORDERS}, got {p!r}")


def exponent_of(n: Any, op: str, name: str) -> int:
    """Return ``n`` as a Python int, or raise TypeError (numpy's rule: ``operator.index``).

    A value outside int64, which cannot cross to Go, is a ValueError, as
    ``_convert.integer`` makes it.
    """
    try:
        v = operator.index(n)
    except TypeError:
        raise TypeError(f"{op}: {name} must be an integer, got {type(n).__name__}") from None
    if not INT64_MIN <= v <= INT64_MAX:
        raise invalid(op, f"{name} must lie in [-2**63, 2**63), got {v}")
    return v


def chain(arrays: Sequence[ArrayLike]) -> list[NDArray[np.float64]]:
    """Return the arrays of ``multi_dot`` as matrices, checked: a vector first is one row, last one column."""
    if isinstance(arrays, (str, bytes)) or not isinstance(arrays, Sequence):
        raise TypeError(f"multi_dot: arrays must be a sequence of arrays, got {type(arrays).__name__}")
    if len(arrays) < 2:
        raise invalid("multi_dot", f"expecting at least two arrays, got {len(arrays)}")
    ms: list[NDArray[np.float64]] = []
    last = len(arrays) - 1
    for i, x in enumerate(arrays):
        m = array(x, "multi_dot", f"arrays[{i}]")
        if m.ndim == 1 and i in (0, last):
            m = m.reshape(1, -1) if i == 0 else m.reshape(-1, 1)
        elif m.ndim != 2:
            want = "1-D or 2-D" if i in (0, last) else "2-D"
            raise shape_error("multi_dot", f"arrays[{i}] must be {want}, got shape {m.shape}")
        if ms and ms[-1].shape[1] != m.shape[0]:
            (r0, c0), (r1, c1) = ms[-1].shape, m.shape
            raise shape_error("multi_dot", f"arrays[{i - 1}] is {r0}x{c0} but arrays[{i}] is {r1}x{c1}")
        ms.append(m)
    return ms


def chain_result(arrays: Sequence[ArrayLike], product: NDArray[np.float64]) -> Any:
    """Return ``multi_dot``'s product shaped as numpy's: vectors at the ends drop their axis."""
    first, last = np.ndim(arrays[0]) == 1, np.ndim(arrays[-1]) == 1
    if first and last:
        return float(product[0, 0])
    if first:
        return product[0]
    if last:
        return product[:, 0]
    return product


def offset_of(offset: Any, op: str) -> int:
    """Return the diagonal ``offset`` as an int, or raise TypeError."""
    return exponent_of(offset, op, "offset")


def slogdet(a: ArrayLike) -> SlogdetResult:
    """Return the sign and the natural logarithm of the absolute determinant.

    ``det(a) = sign * exp(logabsdet)``, from the LU factorisation with partial
    pivoting; the logarithm keeps determinants far beyond the range of
    float64 (``det`` of a 200×200 matrix of 1e-10's underflows, its
    ``logabsdet`` does not). A singular matrix gives ``(0.0, -inf)``; the
    empty 0×0 matrix ``(1.0, 0.0)``, the empty product. A stack
    ``(..., n, n)`` gives two arrays of shape ``(...)``, in one batched call.

    Parameters
    ----------
    a : array_like, shape (..., n, n)

    Returns
    -------
    SlogdetResult
        A named tuple ``(sign, logabsdet)`` of floats (arrays for a stack):
        ``sign`` is 1.0, -1.0 or 0.0.

    Raises
    ------
    ShapeError
        If ``a`` is not a square matrix.
    ValueError
        If ``a`` holds NaN or Inf.

    Examples
    --------
    >>> import twinmath as tm
    >>> sign, logabsdet = tm.slogdet([[1, 2], [3, 4]])
    >>> sign, round(logabsdet, 12)
    (-1.0, 0.69314718056)
    """


def cond(x: ArrayLike, p: float | str | None = None) -> float:
    """Return the condition number of a matrix, as ``numpy.linalg.cond``.

    ``p = None`` or ``2``: ``σ₁ / σₙ``, the largest over the smallest singular
    value (any m×n matrix); ``p = -2``: ``σₙ / σ₁``. Otherwise
    ``norm(x, p) * norm(inv(x), p)`` for a square ``x``, with ``p`` one of
    ``'fro'``, ``'nuc'``, 1, -1, inf, -inf (see ``matrix_norm``). A singular
    matrix has condition number ``inf``.

    Parameters
    ----------
    x : array_like, shape (m, n)
        Square unless ``p`` is None, 2 or -2.
    p : {None, 2, -2, 1, -1, inf, -inf, 'fro', 'nuc'}, optional

    Returns
    -------
    float

    Raises
    ------
    ShapeError
        If ``x`` is not 2-D, or not square for a ``p`` other than None, 2, -2.
    ValueError
        If ``p`` is not one of the orders above, or ``x`` is empty or holds
        NaN or Inf.
    ConvergenceError
        If the singular values do not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.cond([[1, 2], [3, 4]]), 10)
    14.9330343737
    >>> round(tm.cond([[1, 2], [3, 4]], 1), 10)
    21.0
    >>> tm.cond([[1, 2], [2, 4]], 1)
    inf
    """


def matrix_power(a: ArrayLike, n: int) -> NDArray[np.float64]:
    """Return the square matrix ``a`` raised to the integer power ``n``.

    ``n > 0``: ``a @ a @ … @ a`` by repeated squaring, in
    ``numpy.linalg.matrix_power``'s order; ``n = 0``: the identity (whatever
    ``a`` holds); ``n < 0``: ``inv(a)`` raised to ``-n``. The power of the
    empty 0×0 matrix is 0×0.

    Parameters
    ----------
    a : array_like, shape (m, m)
    n : int

    Returns
    -------
    ndarray of float64, shape (m, m)

    Raises
    ------
    ShapeError
        If ``a`` is not a square matrix.
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n < 0`` and ``a`` holds NaN or Inf.
    SingularMatrixError
        If ``n < 0`` and a pivot of the LU factorisation of ``a`` is exactly
        zero.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matrix_power([[1, 2], [3, 4]], 3)
    array([[ 37.,  54.],
           [ 81., 118.]])
    >>> tm.matrix_power([[2, 0], [0, 4]], -2)
    array([[0.25  , 0.    ],
           [0.    , 0.0625]])
    """


def multi_dot(arrays: Sequence[ArrayLike]) -> Any:
    """Return the product of two or more matrices, in the cheapest order.

    ``multi_dot([A, B, C]) = A @ B @ C``, multiplied in the order that needs
    the fewest scalar multiplications (the classic dynamic programme over the
    chain's dimensions; ties go to the split nearest the left end, as numpy
    chooses). The first array may be a vector (a row), the last one too (a
    column): the result then drops that axis, and two vectors give a float.

    Parameters
    ----------
    arrays : sequence of array_like
        At least two; shapes (a, b), (b, c), …; the first may be 1-D (b,),
        the last 1-D too.

    Returns
    -------
    ndarray of float64, or float
        Shape (a, z), (z,) or (a,), or a float for two vectors at the ends.

    Raises
    ------
    ValueError
        If there are fewer than two arrays.
    ShapeError
        If an array has the wrong number of dimensions, or the inner
        dimensions of neighbours differ.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.multi_dot([[[1, 2]], [[3], [4]], [[5, 6]]])
    array([[55., 66.]])
    >>> tm.multi_dot([[1, 2], [[1, 0], [0, 1]], [3, 4]])
    11.0
    """


def diagonal(x: ArrayLike, /, *, offset: int = 0) -> NDArray[np.float64]:
    """Return a diagonal of a matrix as a new vector.

    ``offset = 0`` is the main diagonal ``x[i, i]``, ``offset = k > 0`` the
    k-th above it ``x[i, i + k]``, ``k < 0`` the |k|-th below it. A diagonal
    outside the matrix is empty.

    Parameters
    ----------
    x : array_like, shape (m, n)
    offset : int, optional

    Returns
    -------
    ndarray of float64, shape (k,)

    Raises
    ------
    ShapeError
        If ``x`` is not 2-D.
    TypeError
        If ``offset`` is not an integer.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.diagonal([[1, 2, 3], [4, 5, 6]])
    array([1., 5.])
    >>> tm.diagonal([[1, 2, 3], [4, 5, 6]], offset=1)
    array([2., 6.])
    """


def matrix_transpose(x: ArrayLike, /) -> NDArray[np.float64]:
    """Return the transpose of a matrix, as a new C-ordered array (as ``transpose``).

    ``matrix_transpose(x)[j, i] = x[i, j]``: numpy's name for it.

    Parameters
    ----------
    x : array_like, shape (m, n)

    Returns
    -------
    ndarray of float64, shape (n, m)

    Raises
    ------
    ShapeError
        If ``x`` is not 2-D.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matrix_transpose([[1, 2, 3]])
    array([[1.],
           [2.],
           [3.]])
    """
