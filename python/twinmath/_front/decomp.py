# mypy: disable-error-code="empty-body"
"""The front of decomp, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Decompositions: LU, QR, Cholesky, the SVD and what stands on it.
"""

from __future__ import annotations

import enum
from typing import Any, Literal, NamedTuple, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

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
def qr(A: ArrayLike, mode: Literal["raw"]) -> tuple[F64, F64]: ...
@overload
def qr(A: ArrayLike, mode: str = ...) -> QRResult | F64 | tuple[F64, F64]: ...


def qr(A: ArrayLike, mode: str = "reduced") -> QRResult | F64 | tuple[F64, F64]:
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
    mode : {'reduced', 'complete', 'r', 'raw'}, optional
        numpy's: 'reduced' (the default) returns ``(Q, R)`` as above.
        'complete' returns Q m×m orthogonal and R m×n: the first k columns
        of Q and rows of R are the reduced ones, R's other rows are zero,
        and for m > n Q's last m − k columns are those of the Householder
        product H₀·H₁⋯Hₖ₋₁ (LAPACK's dorgqr), a basis of the complement.
        'r' returns R alone. 'raw' returns numpy's ``(h, tau)``: LAPACK's
        packed reflectors (dgeqrf), h of shape (..., n, m) holding R (not
        sign-normalised) on and below its diagonal and the reflectors' tails
        above it, tau (..., k) their τ, in dlarfg's convention. numpy's
        spellings from before 1.8 still work, with a DeprecationWarning:
        'full' (or 'f') is 'reduced', 'economic' (or 'e') returns raw's h
        transposed, shape (..., m, n).

    Returns
    -------
    QRResult(Q, R), R alone for mode='r', or (h, tau) for mode='raw'
        ndarrays of float64, shapes (..., m, k) and (..., k, n); for
        'complete' (..., m, m) and (..., m, n).

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions.
    ValueError
        If ``A`` holds NaN or Inf, or ``mode`` is not one of numpy's.

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
    >>> Q, R = tm.qr([[3], [4]], mode="complete")
    >>> Q.round(6)
    array([[ 0.6, -0.8],
           [ 0.8,  0.6]])
    >>> R.round(6)
    array([[5.],
           [0.]])
    >>> h, tau = tm.qr([[3, 1], [4, 2]], mode="raw")
    >>> h.round(6)
    array([[-5. ,  0.5],
           [-2.2,  0.4]])
    >>> tau.round(6)
    array([1.6, 0. ])
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
        True returns U m×m and Vt n×n: the first k columns of U and rows of
        Vt are the thin ones; the others (m ≠ n) complete them to orthogonal
        matrices, as columns k.. of the Householder QR's Q of the thin
        factor, each with its largest-magnitude entry positive (an empty A:
        the identities).
    compute_uv : bool, optional
        numpy's: False returns ``s`` alone, as ``svdvals``.
    hermitian : bool, optional
        numpy's: A is symmetric and only its lower triangle is read.

    Returns
    -------
    SVDResult(U, s, Vt), or s alone for compute_uv=False
        A named tuple of ndarrays of float64, shapes (..., m, k), (..., k),
        (..., k, n); with full_matrices=True (..., m, m), (..., k), (..., n, n).

    Raises
    ------
    ShapeError
        If ``A`` has fewer than 2 dimensions, or not square with ``hermitian=True``.
    TypeError
        If a keyword is not a bool.
    ValueError
        If ``A`` holds NaN or Inf.
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
    >>> U, s, Vt = tm.svd([[3], [4]], full_matrices=True)
    >>> U.round(6)
    array([[ 0.6,  0.8],
           [ 0.8, -0.6]])
    >>> s.round(6), Vt.round(6)
    (array([5.]), array([[1.]]))
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
