# mypy: disable-error-code="empty-body"
"""The front of linalg, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Matrices: products, transpose, trace, determinant, inverse, linear solve.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

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
    "tensordot",
    "tensorinv",
    "tensorsolve",
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


def trace(A: ArrayLike, *, offset: int = 0) -> Any:
    """Return the sum of a diagonal of a matrix, or of each of a stack, as ``numpy.linalg.trace``.

    ``tr(A) = Σᵢ A[i, i + offset]``: ``offset = 0`` (the default) is the
    main diagonal, ``k > 0`` the k-th above it, ``k < 0`` the |k|-th below
    it. Any m×n matrix has one (numpy's rule; the trace of a square matrix
    is the usual one); a diagonal outside the matrix sums to 0.0. A stack
    ``(..., m, n)`` gives the array ``(...)`` of the traces of its matrices
    (the last two axes, as ``numpy.linalg.trace``; ``numpy.trace`` would
    take the first two).

    Parameters
    ----------
    A : array_like, shape (..., m, n)
    offset : int, optional

    Returns
    -------
    float, or ndarray of float64 of shape (...) for a stack
        0.0 for an empty matrix or a diagonal outside it.

    Raises
    ------
    ShapeError
        If ``A`` has fewer than two dimensions.
    TypeError
        If ``offset`` is not an integer.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.trace([[1, 2], [3, 4]])
    5.0
    >>> tm.trace([[1, 2, 3], [4, 5, 6]], offset=1)
    8.0
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


def cond(x: ArrayLike, p: float | str | None = None) -> Any:
    """Return the condition number of a matrix, or of each of a stack, as ``numpy.linalg.cond``.

    ``p = None`` or ``2``: ``σ₁ / σₙ``, the largest over the smallest singular
    value (any m×n matrix); ``p = -2``: ``σₙ / σ₁``. Otherwise
    ``norm(x, p) * norm(inv(x), p)`` for a square ``x``, with ``p`` one of
    ``'fro'``, ``'nuc'``, 1, -1, inf, -inf (see ``matrix_norm``). A singular
    matrix has condition number ``inf``. A stack ``(..., m, n)`` gives the
    array ``(...)`` of the condition numbers of its matrices, each as the
    single call gives it, in one batched call.

    Parameters
    ----------
    x : array_like, shape (..., m, n)
        Square unless ``p`` is None, 2 or -2.
    p : {None, 2, -2, 1, -1, inf, -inf, 'fro', 'nuc'}, optional

    Returns
    -------
    float, or ndarray of float64 of shape (...) for a stack

    Raises
    ------
    ShapeError
        If ``x`` has fewer than two dimensions, its matrices are empty
        (numpy's ``LinAlgError``: the condition number of the empty matrix
        is not defined), or not square for a ``p`` other than None, 2, -2.
    ValueError
        If ``p`` is not one of the orders above, or a matrix holds NaN or
        Inf (in a stack the message names the first such matrix).
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
    >>> tm.cond([[[2, 0], [0, 1]], [[1, 0], [0, 1]]])
    array([2., 1.])
    """


def matrix_power(a: ArrayLike, n: int) -> NDArray[np.float64]:
    """Return the square matrix ``a`` raised to the integer power ``n``.

    ``n > 0``: ``a @ a @ … @ a`` by repeated squaring, in
    ``numpy.linalg.matrix_power``'s order; ``n = 0``: the identity (whatever
    ``a`` holds); ``n < 0``: ``inv(a)`` raised to ``-n``. The power of the
    empty 0×0 matrix is 0×0. A stack ``(..., m, m)`` gives the stack of
    the powers of its matrices, each as the single call gives it, in one
    batched call.

    Parameters
    ----------
    a : array_like, shape (..., m, m)
    n : int
        Any integer, as numpy's: beyond int64 (which crosses to Go) both
        backends compose it from powers within int64 (``a^(2**62)`` and
        the base-2**62 digits of ``n``), so ``matrix_power(p, 2**100 + 1)``
        of a permutation ``p`` is exact.

    Returns
    -------
    ndarray of float64, shape (..., m, m)

    Raises
    ------
    ShapeError
        If the matrices of ``a`` are not square.
    TypeError
        If ``n`` is not an integer.
    ValueError
        If ``n < 0`` and ``a`` holds NaN or Inf.
    SingularMatrixError
        If ``n < 0`` and a pivot of the LU factorisation of ``a`` is exactly
        zero (in a stack the message names the first such matrix).

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


def multi_dot(arrays: Sequence[ArrayLike], *, out: NDArray[np.float64] | None = None) -> Any:
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
    out : ndarray, optional
        Where to write the product, as numpy's ``out``: a C-contiguous,
        writable float64 ndarray of exactly the result's shape ((a, z), (z,),
        (a,), or () for two vectors); nothing is converted. It may share
        memory with the arrays: the product is the one computed without it.

    Returns
    -------
    ndarray of float64, or float
        Shape (a, z), (z,) or (a,), or a float for two vectors at the ends;
        ``out`` itself when given (a 0-D array for two vectors).

    Raises
    ------
    TypeError
        If ``out`` is not an ndarray.
    ValueError
        If there are fewer than two arrays, or ``out`` is not float64,
        C-contiguous and writable.
    ShapeError
        If an array has the wrong number of dimensions, the inner
        dimensions of neighbours differ, or ``out`` has another shape than
        the result.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.multi_dot([[[1, 2]], [[3], [4]], [[5, 6]]])
    array([[55., 66.]])
    >>> tm.multi_dot([[1, 2], [[1, 0], [0, 1]], [3, 4]])
    11.0
    >>> import numpy as np
    >>> out = np.empty((1, 2))
    >>> tm.multi_dot([[[1, 2]], [[3], [4]], [[5, 6]]], out=out) is out
    True
    >>> out
    array([[55., 66.]])
    """


def diagonal(x: ArrayLike, /, *, offset: int = 0) -> NDArray[np.float64]:
    """Return a diagonal of a matrix as a new vector.

    ``offset = 0`` is the main diagonal ``x[i, i]``, ``offset = k > 0`` the
    k-th above it ``x[i, i + k]``, ``k < 0`` the |k|-th below it. A diagonal
    outside the matrix is empty. A stack ``(..., m, n)`` gives the
    diagonals of its matrices, ``(..., k)``.

    Parameters
    ----------
    x : array_like, shape (..., m, n)
    offset : int, optional

    Returns
    -------
    ndarray of float64, shape (..., k)

    Raises
    ------
    ShapeError
        If ``x`` has fewer than two dimensions.
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

    ``matrix_transpose(x)[j, i] = x[i, j]``: numpy's name for it. A stack
    ``(..., m, n)`` gives the transposes of its matrices, ``(..., n, m)``.

    Parameters
    ----------
    x : array_like, shape (..., m, n)

    Returns
    -------
    ndarray of float64, shape (..., n, m)

    Raises
    ------
    ShapeError
        If ``x`` has fewer than two dimensions.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matrix_transpose([[1, 2, 3]])
    array([[1.],
           [2.],
           [3.]])
    """


def tensorsolve(a: ArrayLike, b: ArrayLike, axes: Sequence[int] | None = None) -> NDArray[np.float64]:
    """Return the tensor ``x`` solving ``tensordot(a, x, x.ndim) = b``, as ``numpy.linalg.tensorsolve``.

    The axes of ``a`` listed in ``axes`` are first moved, in that order, to
    its end. ``x`` then has the shape of the last dimensions of ``a``,
    ``a.shape[b.ndim:]``, and the system is ``a`` reshaped to a q×q matrix
    (q the number of unknowns) against the q values of ``b`` in C order,
    solved as ``solve``. Unknowns of no values give an empty ``x``.

    Parameters
    ----------
    a : array_like
        Of size q², its first dimensions (after ``axes``) those of ``b``.
    b : array_like
        Of q values.
    axes : sequence of int, optional
        Axes of ``a`` (0 ≤ axis < a.ndim) to move to its end.

    Returns
    -------
    ndarray of float64
        Of the shape of the last dimensions of ``a``.

    Raises
    ------
    ShapeError
        If the size of ``a`` is not q² or ``b`` does not hold q values.
    TypeError
        If ``axes`` is not a sequence of integers.
    AxisError
        If an axis is out of range (numpy's ``AxisError``, a ``ValueError``).
    ValueError
        If ``a`` or ``b`` holds NaN or Inf.
    SingularMatrixError
        If a pivot of the LU factorisation is exactly zero.

    Examples
    --------
    >>> import numpy as np
    >>> import twinmath as tm
    >>> a = np.eye(6).reshape(6, 2, 3)
    >>> tm.tensorsolve(a, np.arange(6.0))
    array([[0., 1., 2.],
           [3., 4., 5.]])
    """


def tensorinv(a: ArrayLike, ind: int = 2) -> NDArray[np.float64]:
    """Return the inverse of ``a`` over its first ``ind`` axes, as ``numpy.linalg.tensorinv``.

    ``a`` is reshaped to a matrix of ``prod(a.shape[ind:])`` rows and
    ``prod(a.shape[:ind])`` columns, which must be square, and inverted as
    ``inv``; the inverse has the shape ``a.shape[ind:] + a.shape[:ind]``, so
    that ``tensordot(tensorinv(a, ind), a, ind)`` is the identity.

    Parameters
    ----------
    a : array_like
    ind : int, optional
        The number of leading axes of ``a``, at least 1.

    Returns
    -------
    ndarray of float64, shape ``a.shape[ind:] + a.shape[:ind]``

    Raises
    ------
    TypeError
        If ``ind`` is not an integer.
    ValueError
        If ``ind < 1``, or ``a`` is empty or holds NaN or Inf.
    ShapeError
        If the matrix is not square.
    SingularMatrixError
        If a pivot of the LU factorisation is exactly zero.

    Examples
    --------
    >>> import numpy as np
    >>> import twinmath as tm
    >>> a = (2 * np.eye(6)).reshape(6, 2, 3)
    >>> tm.tensorinv(a, ind=1).shape
    (2, 3, 6)
    >>> float(tm.tensorinv(a, ind=1)[1, 2, 5])
    0.5
    """


def tensordot(a: ArrayLike, b: ArrayLike, axes: int | Sequence[Any] = 2) -> NDArray[np.float64]:
    """Return the sum of products of ``a`` and ``b`` over paired axes, as ``numpy.tensordot``.

    ``axes = n`` (an integer ≥ 0) sums over the last n axes of ``a`` and the
    first n of ``b`` (0: the outer product; 1 for matrices: the matrix
    product); ``axes = (axes_a, axes_b)``, two integers or two sequences of
    the same length, over those axes, paired in order (negative ones count
    from the end). The result has the other dimensions of ``a`` followed by
    those of ``b`` (a 0-D array when none are left); it is the matrix product
    of ``a`` and ``b`` reshaped, as ``matmul``.

    Parameters
    ----------
    a, b : array_like
    axes : int or (int or sequence of int, int or sequence of int), optional

    Returns
    -------
    ndarray of float64

    Raises
    ------
    TypeError
        If ``axes`` is neither an integer nor a pair.
    ShapeError
        If the two lists of axes differ in length or paired axes differ in
        length ("shape-mismatch for sum").
    AxisError
        If an axis is out of range, or the integer ``axes`` exceeds
        ``a.ndim`` or ``b.ndim`` (numpy's ``AxisError``, a ``ValueError``
        and an ``IndexError``, as numpy's own IndexError there).
    ValueError
        If an axis is repeated, or the integer ``axes`` is negative.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]])
    array(70.)
    >>> tm.tensordot([[1, 2], [3, 4]], [[5, 6], [7, 8]], axes=1)
    array([[19., 22.],
           [43., 50.]])
    >>> tm.tensordot([1, 2], [3, 4, 5], axes=0)
    array([[ 3.,  4.,  5.],
           [ 6.,  8., 10.]])
    """
