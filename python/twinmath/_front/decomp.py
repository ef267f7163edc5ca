# mypy: disable-error-code="empty-body"
"""The front of decomp, which twinmath.ref and twinmath.go share.

Decompositions: LU, QR, Cholesky, the SVD and what stands on it.

The signature and docstring of every public function, declared once (the backends
take them with ``twin``); the result types; and the checks of arguments,
beyond ``_convert``, that both backends apply.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from typing import Any, Literal, NamedTuple, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, matrix, real, stack
from ..errors import invalid, not_square, shape_error

__all__ = ["cholesky", "lstsq", "lu", "matrix_rank", "pca", "pinv", "qr", "svd", "svdvals", "truncated_svd"]


F64 = NDArray[np.float64]


class _Unset(enum.Enum):
    """The type of ``UNSET``, a keyword's "not given" (numpy's ``np._NoValue``)."""

    UNSET = "unset"


UNSET = _Unset.UNSET


class LUResult(NamedTuple):
    """``A = P @ L @ U``: a permutation, a unit lower and an upper triangle."""

    P: F64
    L: F64
    U: F64


class QRResult(NamedTuple):
    """``A = Q @ R``: orthonormal columns and an upper triangle, ``diag(R) >= 0``."""

    Q: F64
    R: F64


class SVDResult(NamedTuple):
    """``A = U @ diag(s) @ Vt``, singular values descending."""

    U: F64
    s: F64
    Vt: F64


class TruncatedSVDResult(NamedTuple):
    """The first k singular triplets and the rank-k matrix they rebuild."""

    U_k: F64
    s_k: F64
    Vt_k: F64
    A_k: F64


class LstsqResult(NamedTuple):
    """numpy.linalg.lstsq's four results: the solution, the residuals, the rank and the singular values."""

    x: NDArray[np.float64]
    residuals: NDArray[np.float64]
    rank: int
    s: NDArray[np.float64]


class PCAResult(NamedTuple):
    """Principal axes (rows), the variance along each, and the projected data."""

    components: F64
    explained_variance: F64
    projected: F64


def lu(A: ArrayLike) -> LUResult:
    """Return the LU factorisation with partial pivoting, ``A = P @ L @ U``.

    For A of shape (m, n) and k = min(m, n): P is an m×m permutation
    matrix, L is m×k unit lower triangular (|Lᵢⱼ| ≤ 1), U is k×n upper
    triangular, as ``scipy.linalg.lu`` returns them. The pivot of each column
    is its first entry of largest magnitude (LAPACK's choice). A singular A
    is no error: U then has a zero on its diagonal.

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    LUResult(P, L, U)
        A named tuple of ndarrays of float64, shapes (m, m), (m, k), (k, n).

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    ValueError
        If ``A`` is empty or holds NaN or Inf.

    Examples
    --------
    >>> import twinmath as tm
    >>> P, L, U = tm.lu([[1, 2], [3, 4]])
    >>> P
    array([[0., 1.],
           [1., 0.]])
    >>> L.round(6)
    array([[1.      , 0.      ],
           [0.333333, 1.      ]])
    >>> U.round(6)
    array([[3.      , 4.      ],
           [0.      , 0.666667]])
    """


@overload
def qr(A: ArrayLike, mode: Literal["reduced", "complete"] = ...) -> QRResult: ...
@overload
def qr(A: ArrayLike, mode: Literal["r"]) -> F64: ...
@overload
def qr(A: ArrayLike, mode: str = ...) -> QRResult | F64: ...


def qr(A: ArrayLike, mode: str = "reduced") -> QRResult | F64:
    """Return the thin QR factorisation, ``A = Q @ R``, with ``diag(R) >= 0``.

    For A of shape (m, n) and k = min(m, n): Q is m×k with orthonormal
    columns, R is k×n upper triangular with a non-negative diagonal. Computed
    with Householder reflections (LAPACK's dgeqrf); the rows of R with a
    negative diagonal are negated together with the columns of Q, which makes
    the factorisation unique when the first k columns of A are independent.
    An empty A gives empty factors (Q the identity's first columns).

    Parameters
    ----------
    A : array_like, shape (..., m, n)
    mode : {'reduced', 'complete', 'r'}, optional
        numpy's: 'reduced' (the default) returns ``(Q, R)`` as above;
        'complete' returns Q m×m and R m×n, offered where it equals 'reduced'
        (m <= n) and for an empty A; 'r' returns R alone. 'raw' (LAPACK's
        packed reflectors) is refused.

    Returns
    -------
    QRResult(Q, R), or R alone for mode='r'
        A named tuple of ndarrays of float64, shapes (..., m, k) and (..., k, n).

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions.
    ValueError
        If ``A`` holds NaN or Inf, or ``mode`` is not offered for ``A``.

    Examples
    --------
    >>> import twinmath as tm
    >>> Q, R = tm.qr([[3, 1], [4, 2]])
    >>> Q.round(6)
    array([[ 0.6, -0.8],
           [ 0.8,  0.6]])
    >>> R.round(6)
    array([[5. , 2.2],
           [0. , 0.4]])
    """


def cholesky(A: ArrayLike, upper: bool = False) -> NDArray[np.float64]:
    """Return the Cholesky factor L of a symmetric positive definite matrix.

    ``A = L @ L.T`` with L lower triangular and a positive diagonal. As
    ``numpy.linalg.cholesky`` (LAPACK's dpotrf) does, only the lower triangle
    and the diagonal of A are read; the upper triangle is not checked for
    symmetry, but must be finite. The 0×0 matrix has the 0×0 factor.

    Parameters
    ----------
    A : array_like, shape (..., n, n)
    upper : bool, optional
        numpy's: return the upper factor U (``A = U.T @ U``) instead of L;
        then only the upper triangle and the diagonal are read.

    Returns
    -------
    ndarray of float64, shape (..., n, n)

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    TypeError
        If ``upper`` is not a bool.
    ValueError
        If ``A`` holds NaN or Inf.
    NotPositiveDefiniteError
        If a pivot ``A[j, j] - Σₖ L[j, k]²`` is not positive.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.cholesky([[4, 2], [2, 5]])
    array([[2., 0.],
           [1., 2.]])
    >>> tm.cholesky([[4, 2], [2, 5]], upper=True)
    array([[2., 1.],
           [0., 2.]])
    """


@overload
def svd(
    A: ArrayLike, full_matrices: bool = ..., compute_uv: Literal[True] = ..., hermitian: bool = ...
) -> SVDResult: ...
@overload
def svd(A: ArrayLike, full_matrices: bool, compute_uv: Literal[False], hermitian: bool = ...) -> F64: ...
@overload
def svd(
    A: ArrayLike, full_matrices: bool = ..., *, compute_uv: Literal[False], hermitian: bool = ...
) -> F64: ...
@overload
def svd(
    A: ArrayLike, full_matrices: bool = ..., compute_uv: bool = ..., hermitian: bool = ...
) -> SVDResult | F64: ...


def svd(
    A: ArrayLike, full_matrices: bool = False, compute_uv: bool = True, hermitian: bool = False
) -> SVDResult | F64:
    """Return the thin singular value decomposition, ``A = U @ diag(s) @ Vt``.

    For A of shape (m, n) and k = min(m, n): U is m×k and Vt is k×n, both
    with orthonormal rows/columns, and s holds the k singular values,
    descending. Canonical form: the largest-magnitude entry of each column of
    U is positive (the first such entry on ties) and the row of Vt is flipped
    with it. Singular vectors of repeated singular values are not unique; of
    a zero singular value, they complete an orthonormal set.

    Parameters
    ----------
    A : array_like, shape (..., m, n)
    full_matrices : bool, optional
        numpy's keyword, with twinmath's default False (the thin SVD).
        True returns U m×m and Vt n×n: offered for a square or an empty A
        (where U, Vt are the identity).
    compute_uv : bool, optional
        numpy's: False returns ``s`` alone, as ``svdvals``.
    hermitian : bool, optional
        numpy's: A is symmetric and only its lower triangle is read.

    Returns
    -------
    SVDResult(U, s, Vt), or s alone for compute_uv=False
        A named tuple of ndarrays of float64, shapes (..., m, k), (..., k), (..., k, n).

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions, or not square with ``hermitian=True``.
    TypeError
        If a keyword is not a bool.
    ValueError
        If ``A`` holds NaN or Inf, or full_matrices=True on a non-square A.
    ConvergenceError
        If the iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> U, s, Vt = tm.svd([[3, 0], [4, 5]])
    >>> s.round(6)
    array([6.708204, 2.236068])
    >>> U.round(6)
    array([[ 0.316228,  0.948683],
           [ 0.948683, -0.316228]])
    >>> Vt.round(6)
    array([[ 0.707107,  0.707107],
           [ 0.707107, -0.707107]])
    """


def truncated_svd(A: ArrayLike, k: int) -> TruncatedSVDResult:
    """Return the first k singular triplets of A and its rank-k reconstruction.

    ``A_k = U_k @ diag(s_k) @ Vt_k`` is the best approximation of A of rank k
    in the 2- and Frobenius norms (Eckart–Young): matrix factorisation with
    the SVD. The triplets are those of ``svd``, in its canonical form.

    Parameters
    ----------
    A : array_like, shape (m, n)
    k : int
        From 1 to min(m, n).

    Returns
    -------
    TruncatedSVDResult(U_k, s_k, Vt_k, A_k)
        A named tuple of ndarrays of float64, shapes (m, k), (k,), (k, n),
        (m, n).

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    TypeError
        If ``k`` is not an integer.
    ValueError
        If ``A`` is empty or holds NaN or Inf, or k is out of range.
    ConvergenceError
        If the iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> U_k, s_k, Vt_k, A_k = tm.truncated_svd([[3, 0], [4, 5]], 1)
    >>> s_k.round(6)
    array([6.708204])
    >>> A_k.round(6)
    array([[1.5, 1.5],
           [4.5, 4.5]])
    """


def pinv(
    A: ArrayLike, rcond: float | None = None, hermitian: bool = False, *, rtol: float | _Unset | None = UNSET
) -> NDArray[np.float64]:
    """Return the Moore–Penrose pseudo-inverse of a matrix.

    ``pinv(A) = V @ diag(1/sᵢ) @ U.T`` over the singular values
    ``sᵢ > rcond * s[0]``; the smaller ones count as zero. The default rcond
    is numpy's, 1e-15. For a square invertible A this is ``inv(A)``; for A of
    full column rank it solves least-squares problems, ``pinv(A) @ A = I``.

    Parameters
    ----------
    A : array_like, shape (..., m, n)
    rcond : float, array_like of shape broadcasting to (...), or None, optional
        Relative cutoff for small singular values, finite and non-negative;
        None (numpy's default) is 1e-15 unless ``rtol`` is given. An array
        gives each matrix of a stack its own cutoff (numpy's broadcasting);
        it must broadcast to the stack's leading shape (ShapeError).
    hermitian : bool, optional
        numpy's: A is symmetric and only its lower triangle is read.
    rtol : float, array_like or None, keyword-only
        numpy's newer name for the cutoff; None means ``max(m, n) * eps``.
        Not together with ``rcond``.

    Returns
    -------
    ndarray of float64, shape (..., n, m)

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions.
    TypeError
        If ``rcond`` or ``rtol`` is not a real number, or ``hermitian`` not a
        bool.
    ValueError
        If ``A`` holds NaN or Inf, the cutoff is negative or not finite, both
        rcond and rtol are given, or an entry of the pseudo-inverse lies
        beyond the float range ("pinv: invalid input: the pseudo-inverse of
        A overflows"). An empty m×n A gives the n×m empty matrix.
    ConvergenceError
        If the SVD does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.pinv([[1, 1], [1, 1]]).round(6)
    array([[0.25, 0.25],
           [0.25, 0.25]])
    >>> tm.pinv([[1, 2], [3, 4]]).round(6)
    array([[-2. ,  1. ],
           [ 1.5, -0.5]])
    """


@overload
def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = ..., *, full: Literal[False] = ...) -> F64: ...
@overload
def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = ..., *, full: Literal[True]) -> LstsqResult: ...
@overload
def lstsq(
    A: ArrayLike, b: ArrayLike, rcond: float | None = ..., *, full: bool = ...
) -> F64 | LstsqResult: ...


def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = None, *, full: bool = False) -> F64 | LstsqResult:
    """Return the minimum-norm least-squares solution x of ``A @ x ≈ b``.

    x minimises ‖A @ x − b‖₂, and among the minimisers has the least norm:
    ``x = pinv(A) @ b`` with singular values ``sᵢ <= rcond * s[0]`` counting
    as zero. This is the first of the four results of ``numpy.linalg.lstsq``
    (LAPACK's dgelsd); ``full=True`` returns all four, as numpy does (and as
    ``numpy.polyfit(full=True)`` names it): ``LstsqResult(x, residuals,
    rank, s)``, the residuals being the squared 2-norms of the columns of
    ``b - A @ x`` when ``rank == n < m`` (else empty), the rank the number of
    singular values above the cutoff, and ``s`` those of ``svdvals(A)``.

    Parameters
    ----------
    A : array_like, shape (m, n)
    b : array_like, shape (m,) or (m, k)
    rcond : float or None, optional
        Relative cutoff for small singular values. None, or any negative
        value, selects numpy's default ``max(m, n) * eps``.
    full : bool, optional
        Return numpy's four results instead of x alone.

    Returns
    -------
    ndarray of float64, shape (n,) or (n, k)
        The shape of ``b`` with n rows.
    LstsqResult
        With ``full=True``: ``x``; ``residuals``, shape (k,) ((1,) for a 1-D
        ``b``) or (0,); ``rank``, an int; ``s``, shape (min(m, n),).

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D, ``b`` is neither 1-D nor 2-D, or ``b`` has not m
        rows.
    TypeError
        If ``rcond`` is not a real number or None.
    ValueError
        If ``A`` or ``b`` holds NaN or Inf, rcond is NaN or infinite, or an
        entry of x lies beyond the float range ("lstsq: invalid input: the
        solution overflows"). An empty A (0×n or m×0) gives the zero
        solution, as numpy's.
    ConvergenceError
        If the SVD does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 2]).round(6)
    array([1.166667, 0.5     ])
    >>> tm.lstsq([[1, 1], [1, 1]], [2, 2]).round(6)
    array([1., 1.])
    >>> x, residuals, rank, s = tm.lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 2], full=True)
    >>> residuals.round(6), rank
    (array([0.166667]), 2)
    """


def matrix_rank(
    A: ArrayLike, tol: float | None = None, hermitian: bool = False, *, rtol: float | None = None
) -> Any:
    """Return the numerical rank of a matrix.

    The number of singular values above numpy's default tolerance
    ``s[0] * max(m, n) * eps``. An empty matrix has rank 0.

    Parameters
    ----------
    A : array_like, shape (..., m, n)
    tol : float, array_like of shape broadcasting to (...), or None, optional
        numpy's: the absolute threshold; singular values above it count.
        An array gives each matrix of a stack its own (it must broadcast
        to the stack's leading shape: ShapeError otherwise).
    hermitian : bool, optional
        numpy's: A is symmetric and only its lower triangle is read.
    rtol : float, array_like or None, keyword-only
        numpy's: the threshold relative to ``s[0]``, one number or one per
        matrix as ``tol``. Not together with tol.

    Returns
    -------
    int, or ndarray of int64 of shape (...) for a stack

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions.
    ValueError
        If ``A`` holds NaN or Inf, or both tol and rtol are given.
    ConvergenceError
        If the SVD does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matrix_rank([[1, 2], [2, 4]])
    1
    >>> tm.matrix_rank([[1, 0], [0, 1e-3]], tol=1e-2)
    1
    >>> tm.matrix_rank([[1, 2], [3, 4]])
    2
    """


def pca(X: ArrayLike, k: int) -> PCAResult:
    """Return the first k principal components of data with one sample per row.

    With ``Xc = X - X.mean(axis=0)`` and its SVD ``Xc = U @ diag(s) @ Vt`` in
    the canonical form of ``svd``: ``components = Vt[:k]`` (the directions of
    largest variance, orthonormal rows), ``explained_variance = s[:k]**2 /
    (N - 1)`` (the sample variance along each, ddof=1: the eigenvalues of the
    covariance matrix) and ``projected = Xc @ components.T``.

    Parameters
    ----------
    X : array_like, shape (N, d)
        N ≥ 2 samples of d features.
    k : int
        From 1 to min(N, d).

    Returns
    -------
    PCAResult(components, explained_variance, projected)
        A named tuple of ndarrays of float64, shapes (k, d), (k,), (N, k).

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D.
    TypeError
        If ``k`` is not an integer.
    ValueError
        If ``X`` is empty, has fewer than two samples, holds NaN or Inf, or
        k is out of range.
    ConvergenceError
        If the SVD does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> comp, var, proj = tm.pca([[0, 0], [1, 2], [2, 4], [5, 10]], 1)
    >>> comp.round(6)
    array([[0.447214, 0.894427]])
    >>> var.round(6)
    array([23.333333])
    >>> proj.ravel().round(6)
    array([-4.472136, -2.236068,  0.      ,  6.708204])
    """


def svdvals(x: ArrayLike, /) -> NDArray[np.float64]:
    """Return the singular values of a matrix, descending, without its singular vectors.

    The ``s`` of ``svd``: ``min(m, n)`` non-negative values. A matrix with no
    rows or no columns has none (an empty array).

    Parameters
    ----------
    x : array_like, shape (..., m, n)

    Returns
    -------
    ndarray of float64, shape (..., min(m, n))

    Raises
    ------
    ShapeError
        If ``x`` has fewer than 2 dimensions.
    ValueError
        If ``x`` holds NaN or Inf.
    ConvergenceError
        If the singular values do not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.svdvals([[3, 0], [0, -4]])
    array([4., 3.])
    """


# ---- numpy's keywords and empty matrices, resolved once for both backends -------
#
# Each ``*_with`` function takes the backend's own computation (``core``, which
# sees a non-empty matrix only) and applies what numpy.linalg's keywords mean
# around it, so the two backends agree on every keyword and on every empty
# matrix by construction (docs/conventions.md, "numpy's keywords").


EPS = float(np.finfo(np.float64).eps)


def flag(value: Any, op: str, name: str) -> bool:
    """Return a boolean keyword's value; TypeError unless it is a bool."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{op}: {name} must be a bool, got {type(value).__name__}")
    return bool(value)


def lower_symmetric(a: F64, op: str, name: str = "A") -> F64:
    """Return the symmetric matrix of ``a``'s lower triangle (what ``hermitian=True`` reads).

    ``a`` is one matrix or a stack ``(count, n, n)``, symmetrised matrix by matrix.
    """
    if a.shape[-2] != a.shape[-1]:
        raise not_square(op, name, a.shape[-2:])
    low = np.tril(a)
    out: F64 = low + np.swapaxes(np.tril(a, -1), -1, -2)  # adds exact zeros only
    return out


Lead = tuple[int, ...]


def eyes(lead: Lead, m: int, k: int) -> F64:
    """Return the stack of leading shape ``lead`` of ``np.eye(m, k)`` (the one matrix for ``lead == ()``)."""
    return np.ascontiguousarray(np.broadcast_to(np.eye(m, k), (*lead, m, k)))


def qr_with(
    core: Callable[[F64], QRResult],
    core_stack: Callable[[F64, Lead], tuple[F64, F64]],
    A: ArrayLike,
    mode: Any,
) -> QRResult | F64:
    """``qr`` with numpy's ``mode``: 'reduced', 'complete', 'r' ('raw' is refused); stacks too.

    ``core_stack(a, lead)`` factors the ``(count, m, n)`` stack ``a`` (count ≥ 1,
    m, n ≥ 1), returning Q ``(count, m, k)`` and R ``(count, k, n)``.
    """
    if not isinstance(mode, str) or mode not in ("reduced", "complete", "r", "raw"):
        raise invalid("qr", f"mode must be 'reduced', 'complete', 'r' or 'raw', got {mode!r}")
    if mode == "raw":
        raise invalid("qr", "mode='raw' (LAPACK's packed Householder vectors) is not offered")
    a, lead = stack(A, "qr", "A")
    count, m, n = a.shape
    if mode == "complete" and m > n and m * n != 0:
        raise invalid("qr", f"mode='complete' needs m <= n or an empty A, got {m}x{n}")
    k = m if mode == "complete" else min(m, n)
    if m * n == 0:
        Q, R = eyes(lead, m, k), np.zeros((*lead, k, n))
    elif not lead:
        Q, R = core(a[0])
    elif count == 0:
        Q, R = np.zeros((*lead, m, k)), np.zeros((*lead, k, n))
    else:
        q, r = core_stack(a, lead)
        Q, R = q.reshape((*lead, m, k)), r.reshape((*lead, k, n))
    return R if mode == "r" else QRResult(Q, R)


def cholesky_with(
    core: Callable[[F64], F64], core_stack: Callable[[F64, Lead], F64], A: ArrayLike, upper: Any
) -> F64:
    """``cholesky`` with numpy's ``upper`` (U, ``A = U.T @ U``, from the upper triangle); stacks too."""
    up = flag(upper, "cholesky", "upper")
    a, lead = stack(A, "cholesky", "A")
    if a.shape[1] != a.shape[2]:
        raise not_square("cholesky", "A", a.shape[1:])
    if a.size == 0:
        return np.zeros((*lead, *a.shape[1:]))
    if up:  # numpy's upper=True reads the upper triangle: the lower one of A.T
        a = np.ascontiguousarray(a.transpose(0, 2, 1))
    L = core(a[0])[None] if not lead else core_stack(a, lead)
    if up:
        L = np.ascontiguousarray(L.transpose(0, 2, 1))
    return L.reshape((*lead, *a.shape[1:]))


def svd_with(
    core: Callable[[F64], SVDResult],
    values: Callable[[F64], F64],
    core_stack: Callable[[F64, Lead], tuple[F64, F64, F64]],
    values_stack: Callable[[F64, Lead], F64],
    A: ArrayLike,
    full_matrices: Any,
    compute_uv: Any,
    hermitian: Any,
) -> SVDResult | F64:
    """``svd`` with numpy's ``full_matrices``, ``compute_uv`` and ``hermitian``; stacks too.

    ``core_stack(a, lead)`` and ``values_stack(a, lead)`` take the
    ``(count, m, n)`` stack ``a`` (count ≥ 1, m, n ≥ 1); their results are
    packed ``(count, ...)``.
    """
    full = flag(full_matrices, "svd", "full_matrices")
    uv = flag(compute_uv, "svd", "compute_uv")
    h = flag(hermitian, "svd", "hermitian")
    a, lead = stack(A, "svd", "A")
    if h:
        a = lower_symmetric(a, "svd")
    count, m, n = a.shape
    k = min(m, n)
    if not uv:
        return svdvals_with(values, values_stack, a.reshape((*lead, m, n)), "svd", "A")
    if full and m != n and m * n != 0:
        raise invalid("svd", f"full_matrices=True needs a square or empty A, got {m}x{n}")
    if m * n == 0:
        return SVDResult(
            eyes(lead, m, m) if full else np.zeros((*lead, m, 0)),
            np.zeros((*lead, 0)),
            eyes(lead, n, n) if full else np.zeros((*lead, 0, n)),
        )
    if not lead:
        return core(a[0])
    if count == 0:
        return SVDResult(np.zeros((*lead, m, k)), np.zeros((*lead, k)), np.zeros((*lead, k, n)))
    U, s, Vt = core_stack(a, lead)
    return SVDResult(U.reshape((*lead, m, k)), s.reshape((*lead, k)), Vt.reshape((*lead, k, n)))


def svdvals_with(
    values: Callable[[F64], F64], values_stack: Callable[[F64, Lead], F64], x: ArrayLike, op: str, name: str
) -> F64:
    """The singular values of one matrix (``values``) or of each of a stack (``values_stack``)."""
    a, lead = stack(x, op, name)
    count, m, n = a.shape
    k = min(m, n)
    if not lead:
        return np.zeros(0) if k == 0 else values(a[0])
    if k == 0 or count == 0:
        return np.zeros((*lead, k))
    return values_stack(a, lead).reshape((*lead, k))


def tolerances(x: Any, op: str, name: str, lead: Lead) -> F64:
    """Return the array ``x`` of per-matrix tolerances broadcast to the stack's leading shape, flattened.

    numpy's rule (``tol[..., newaxis]`` against the singular values): the
    array broadcasts against the stack; twinmath asks that it broadcast *to*
    the stack's leading shape (a ``ShapeError`` otherwise), so that each
    matrix has one tolerance and the result keeps the stack's shape.
    """
    t = array(x, op, name)
    try:
        full = np.broadcast_to(t, lead)
    except ValueError:
        raise shape_error(
            op, f"{name} of shape {t.shape} does not broadcast to the stack's shape {lead}"
        ) from None
    return np.ascontiguousarray(full, dtype=np.float64).reshape(-1)


def _is_array(x: Any) -> bool:
    return x is not None and x is not UNSET and np.ndim(x) > 0


def pinv_cutoff(rcond: Any, rtol: Any, m: int, n: int, lead: Lead = ()) -> Any:
    """The relative cutoff of ``pinv`` from numpy's ``rcond`` and ``rtol``.

    A float, or for an ``rcond`` or ``rtol`` array (numpy's per-matrix
    cutoffs) the flattened array of one cutoff per matrix of the stack.
    """
    if rcond is None:
        if rtol is UNSET:
            return 1e-15
        if rtol is None:
            return max(m, n) * EPS
        name, value = "rtol", rtol
    elif rtol is not UNSET:
        raise invalid("pinv", "`rtol` and `rcond` can't be both set.")  # numpy's words
    else:
        name, value = "rcond", rcond
    if _is_array(value):
        cuts = tolerances(value, "pinv", name, lead)
        bad = cuts[~((cuts >= 0) & (cuts < np.inf))]
        if bad.size:
            raise invalid("pinv", f"rcond must be a finite non-negative number, got {float(bad[0])!r}")
        return cuts
    rc = real(value, "pinv", name)
    if not 0 <= rc < np.inf:
        raise invalid("pinv", f"rcond must be a finite non-negative number, got {rc!r}")
    return rc


def pinv_with(
    core: Callable[[F64, float], F64],
    core_stack: Callable[[F64, Any, Lead], F64],
    A: ArrayLike,
    rcond: Any,
    hermitian: Any,
    rtol: Any,
) -> F64:
    """``pinv`` with numpy's ``rcond``, ``hermitian`` and ``rtol``, on stacks too.

    ``rcond`` or ``rtol`` may be an array broadcasting to the stack's
    leading shape: one cutoff per matrix (``core_stack`` then receives the
    flattened array, one value per matrix).
    """
    h = flag(hermitian, "pinv", "hermitian")
    a, lead = stack(A, "pinv", "A")
    _, m, n = a.shape
    rc = pinv_cutoff(rcond, rtol, m, n, lead)
    if h:
        a = lower_symmetric(a, "pinv")
    if a.size == 0:
        return np.zeros((*lead, n, m))
    if not lead:
        return core(a[0], float(np.reshape(rc, -1)[0]))
    return core_stack(a, rc, lead).reshape((*lead, n, m))


def matrix_rank_with(
    core: Callable[[F64], int],
    values: Callable[[F64], F64],
    core_stack: Callable[[F64, Lead], NDArray[np.int64]],
    values_stack: Callable[[F64, Lead], F64],
    A: ArrayLike,
    tol: Any,
    hermitian: Any,
    rtol: Any,
) -> Any:
    """``matrix_rank`` with numpy's ``tol``, ``hermitian`` and ``rtol``, on stacks too.

    ``tol`` or ``rtol`` may be an array broadcasting to the stack's leading
    shape: one tolerance per matrix.
    """
    h = flag(hermitian, "matrix_rank", "hermitian")
    a, lead = stack(A, "matrix_rank", "A")
    if tol is not None and rtol is not None:
        raise invalid("matrix_rank", "`tol` and `rtol` can't be both set.")  # numpy's words
    t: Any = None if tol is None else real(tol, "matrix_rank", "tol") if not _is_array(tol) else None
    r: Any = None if rtol is None else real(rtol, "matrix_rank", "rtol") if not _is_array(rtol) else None
    if _is_array(tol) or _is_array(rtol):
        per = tolerances(
            tol if _is_array(tol) else rtol, "matrix_rank", "tol" if _is_array(tol) else "rtol", lead
        )
        if h:
            a = lower_symmetric(a, "matrix_rank")
        if a.size == 0:
            return np.zeros(lead, dtype=np.int64)
        sv = values_stack(a, lead) if lead else values(a[0]).reshape(1, -1)
        cuts = per if _is_array(tol) else sv[:, 0] * per
        ranks = np.count_nonzero(sv > cuts[:, None], axis=1).astype(np.int64)
        return ranks.reshape(lead)
    if h:
        a = lower_symmetric(a, "matrix_rank")
    if not lead:
        if a.size == 0:
            return 0
        if t is None and r is None:
            return core(a[0])
        s = values(a[0])
        cut = t if t is not None else float(s[0]) * (r if r is not None else 0.0)
        return int(np.count_nonzero(s > cut))
    if a.size == 0:
        return np.zeros(lead, dtype=np.int64)
    if t is None and r is None:
        return core_stack(a, lead).reshape(lead)
    sv = values_stack(a, lead)
    cuts = np.full(sv.shape[0], t) if t is not None else sv[:, 0] * (r if r is not None else 0.0)
    return np.count_nonzero(sv > cuts[:, None], axis=1).astype(np.int64).reshape(lead)


def lstsq_with(
    core: Callable[[F64, ArrayLike, Any], F64],
    svdvals: Callable[[F64], F64],
    A: ArrayLike,
    b: ArrayLike,
    rcond: Any,
    full: Any,
) -> F64 | LstsqResult:
    """``lstsq``; an empty A (0×n or m×0) gives the zero solution, as numpy's.

    With ``full``, numpy's four results around the backend's own solution and
    singular values: the rank counts the sᵢ above the cutoff (rcond·s₀,
    numpy's default for None or a negative rcond), and the residuals are
    the squared column norms of b − A·x when rank = n < m, as dgelsd's.
    """
    want_all = flag(full, "lstsq", "full")
    a = matrix(A, "lstsq", "A")
    x = core(a, b, rcond) if a.size != 0 else _lstsq_empty(a, b, rcond)
    if not want_all:
        return x
    y = array(b, "lstsq", "b")
    m, n = a.shape
    s = svdvals(a) if a.size != 0 else np.zeros(0)
    rc = -1.0 if rcond is None else real(rcond, "lstsq", "rcond")
    cut = (max(m, n) * np.finfo(np.float64).eps if rc < 0 else rc) * (float(s[0]) if s.size else 0.0)
    rank = int(np.count_nonzero(s > cut))
    if rank == n and m > n:
        k = y.shape[1] if y.ndim == 2 else 1
        r = y.reshape(m, k) - a @ x.reshape(n, k)
        residuals = np.asarray(np.sum(r * r, axis=0), dtype=np.float64)
    else:
        residuals = np.zeros(0)
    return LstsqResult(x, residuals, rank, s)


def _lstsq_empty(a: F64, b: ArrayLike, rcond: Any) -> F64:
    y = array(b, "lstsq", "b")
    if y.ndim not in (1, 2):
        raise shape_error("lstsq", f"b must be 1-D or 2-D, got shape {y.shape}")
    if rcond is not None:
        rc = real(rcond, "lstsq", "rcond")
        if not np.isfinite(rc):
            raise invalid("lstsq", f"rcond must be finite, got {rc!r}")
    if y.shape[0] != a.shape[0]:
        raise shape_error("lstsq", f"A has {a.shape[0]} rows but b has {y.shape[0]}")
    if not np.isfinite(y).all():
        raise invalid("lstsq", "b contains NaN or Inf")
    return np.zeros((a.shape[1], *y.shape[1:]))
