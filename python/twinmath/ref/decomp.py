"""Decompositions: LU, QR, Cholesky, the SVD and what stands on it.

numpy/LAPACK does the work wherever numpy has the operation (``qr``,
``cholesky``, ``svd``, ``pinv``, ``lstsq``, ``matrix_rank``); numpy has no LU,
so ``lu`` is partial pivoting written with numpy row operations. Results are
then put in the canonical forms the Go package also produces (see
docs/conventions.md), so the two compare entry by entry:

- ``svd``: singular values descending; the largest-magnitude entry of each
  column of U positive (the first such entry on ties), the row of Vt flipped
  with it;
- ``qr``: R with a non-negative diagonal;
- ``pca``: the rows of Vt of the centred data, with the svd sign rule.

The SVD-based functions scale A by a power of two before LAPACK sees it (an
exact operation): LAPACK's SVD does not converge on subnormal input such as
``[[2e-313]]``.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, integer, matrix, real
from ..errors import invalid, no_convergence, not_positive_definite, shape_error
from .linalg import finite, square

__all__ = ["cholesky", "lstsq", "lu", "matrix_rank", "pca", "pinv", "qr", "svd", "svdvals", "truncated_svd"]

F64 = NDArray[np.float64]
EPS = float(np.finfo(np.float64).eps)


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


class PCAResult(NamedTuple):
    """Principal axes (rows), the variance along each, and the projected data."""

    components: F64
    explained_variance: F64
    projected: F64


def nonempty_finite(A: ArrayLike, op: str, name: str = "A") -> F64:
    """Return ``A`` as a 2-D float64 matrix, refusing empty and non-finite input."""
    a = matrix(A, op, name)
    if a.size == 0:
        raise invalid(op, f"{name} is empty")
    finite(a, op, name)
    return a


def check_k(op: str, k: int, most: int) -> None:
    """Raise ValueError unless 1 ≤ k ≤ most."""
    if not 1 <= k <= most:
        raise invalid(op, f"k must be between 1 and {most}, got {k}")


def exponent(a: F64) -> int:
    """Return e with max|a| = f·2^e, f in [0.5, 1) (0 for a zero matrix)."""
    m = float(np.max(np.abs(a), initial=0.0))
    return int(np.frexp(m)[1]) if m > 0 else 0


def canonical_svd(a: F64, op: str) -> SVDResult:
    """Return the thin SVD of a finite, non-empty matrix in the canonical form."""
    e = exponent(a)
    try:
        U, s, Vt = np.linalg.svd(np.ldexp(a, -e), full_matrices=False)
    except np.linalg.LinAlgError:
        raise no_convergence(op) from None
    k = s.size
    # np.argmax returns the first index of the largest magnitude: the rule's tie-break.
    top = U[np.argmax(np.abs(U), axis=0), np.arange(k)]
    sign = np.where(top < 0, -1.0, 1.0)
    return SVDResult(U * sign, np.ldexp(s, e), Vt * sign[:, None])


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
    a = nonempty_finite(A, "lu").copy()
    m, n = a.shape
    k = min(m, n)
    perm = np.arange(m)
    for j in range(k):
        p = j + int(np.argmax(np.abs(a[j:, j])))  # the first of the largest
        if p != j:
            a[[j, p]] = a[[p, j]]
            perm[[j, p]] = perm[[p, j]]
        d = a[j, j]
        if d == 0:
            continue  # the column below is zero too
        # The multipliers come from the reciprocal of the pivot, as in LAPACK's
        # dgetf2, unless the reciprocal would overflow.
        mult = a[j + 1 :, j] * (1.0 / d) if abs(d) >= 2.0**-1022 else a[j + 1 :, j] / d
        a[j + 1 :, j] = mult
        a[j + 1 :, j + 1 :] -= np.outer(mult, a[j, j + 1 :])
    P = np.zeros((m, m))
    P[perm, np.arange(m)] = 1.0
    L = np.tril(a[:, :k], -1)  # keeps the multipliers' signed zeros, as Go does
    L[np.arange(k), np.arange(k)] = 1.0
    return LUResult(P, L, np.triu(a[:k, :]))


def qr(A: ArrayLike) -> QRResult:
    """Return the thin QR factorisation, ``A = Q @ R``, with ``diag(R) >= 0``.

    For A of shape (m, n) and k = min(m, n): Q is m×k with orthonormal
    columns, R is k×n upper triangular with a non-negative diagonal. Computed
    with Householder reflections (LAPACK's dgeqrf); the rows of R with a
    negative diagonal are negated together with the columns of Q, which makes
    the factorisation unique when the first k columns of A are independent.

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    QRResult(Q, R)
        A named tuple of ndarrays of float64, shapes (m, k) and (k, n).

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    ValueError
        If ``A`` is empty or holds NaN or Inf.

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
    a = nonempty_finite(A, "qr")
    Q, R = np.linalg.qr(a, mode="reduced")
    sign = np.where(np.diag(R) < 0, -1.0, 1.0)
    return QRResult(Q * sign, np.triu(R * sign[:, None]))


def cholesky(A: ArrayLike) -> NDArray[np.float64]:
    """Return the Cholesky factor L of a symmetric positive definite matrix.

    ``A = L @ L.T`` with L lower triangular and a positive diagonal. As
    ``numpy.linalg.cholesky`` (LAPACK's dpotrf) does, only the lower triangle
    and the diagonal of A are read; the upper triangle is not checked for
    symmetry, but must be finite.

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
    NotPositiveDefiniteError
        If a pivot ``A[j, j] - Σₖ L[j, k]²`` is not positive.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.cholesky([[4, 2], [2, 5]])
    array([[2., 0.],
           [1., 2.]])
    """
    a = square(A, "cholesky")
    try:
        return np.asarray(np.linalg.cholesky(a), dtype=np.float64)
    except np.linalg.LinAlgError:
        raise not_positive_definite("cholesky") from None


def svd(A: ArrayLike) -> SVDResult:
    """Return the thin singular value decomposition, ``A = U @ diag(s) @ Vt``.

    For A of shape (m, n) and k = min(m, n): U is m×k and Vt is k×n, both
    with orthonormal rows/columns, and s holds the k singular values,
    descending. Canonical form: the largest-magnitude entry of each column of
    U is positive (the first such entry on ties) and the row of Vt is flipped
    with it. Singular vectors of repeated singular values are not unique; of
    a zero singular value, they complete an orthonormal set.

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    SVDResult(U, s, Vt)
        A named tuple of ndarrays of float64, shapes (m, k), (k,), (k, n).

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    ValueError
        If ``A`` is empty or holds NaN or Inf.
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
    return canonical_svd(nonempty_finite(A, "svd"), "svd")


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
    a = matrix(A, "truncated_svd", "A")
    kk = integer(k, "truncated_svd", "k")
    a = nonempty_finite(a, "truncated_svd")
    check_k("truncated_svd", kk, min(a.shape))
    U, s, Vt = canonical_svd(a, "truncated_svd")
    U_k, s_k, Vt_k = U[:, :kk], s[:kk], Vt[:kk, :]
    return TruncatedSVDResult(U_k, s_k, Vt_k, U_k @ np.diag(s_k) @ Vt_k)


def pinv(A: ArrayLike, rcond: float = 1e-15) -> NDArray[np.float64]:
    """Return the Moore–Penrose pseudo-inverse of a matrix.

    ``pinv(A) = V @ diag(1/sᵢ) @ U.T`` over the singular values
    ``sᵢ > rcond * s[0]``; the smaller ones count as zero. The default rcond
    is numpy's, 1e-15. For a square invertible A this is ``inv(A)``; for A of
    full column rank it solves least-squares problems, ``pinv(A) @ A = I``.

    Parameters
    ----------
    A : array_like, shape (m, n)
    rcond : float, optional
        Relative cutoff for small singular values, finite and non-negative.

    Returns
    -------
    ndarray of float64, shape (n, m)

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    TypeError
        If ``rcond`` is not a real number.
    ValueError
        If ``A`` is empty or holds NaN or Inf, or rcond is negative or not
        finite.
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
    a = matrix(A, "pinv", "A")
    rc = real(rcond, "pinv", "rcond")
    a = nonempty_finite(a, "pinv")
    if not 0 <= rc < np.inf:
        raise invalid("pinv", f"rcond must be a finite non-negative number, got {rc!r}")
    e = exponent(a)
    try:
        # pinv(c·A) = pinv(A)/c: scale by c = 2⁻ᵉ, an exact operation.
        return np.ldexp(np.linalg.pinv(np.ldexp(a, -e), rc), -e)
    except np.linalg.LinAlgError:
        raise no_convergence("pinv") from None


def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = None) -> NDArray[np.float64]:
    """Return the minimum-norm least-squares solution x of ``A @ x ≈ b``.

    x minimises ‖A @ x − b‖₂, and among the minimisers has the least norm:
    ``x = pinv(A) @ b`` with singular values ``sᵢ <= rcond * s[0]`` counting
    as zero. This is the first of the four results of ``numpy.linalg.lstsq``
    (LAPACK's dgelsd); residuals, rank and singular values are what
    ``norm``, ``matrix_rank`` and ``svd`` give.

    Parameters
    ----------
    A : array_like, shape (m, n)
    b : array_like, shape (m,) or (m, k)
    rcond : float or None, optional
        Relative cutoff for small singular values. None, or any negative
        value, selects numpy's default ``max(m, n) * eps``.

    Returns
    -------
    ndarray of float64, shape (n,) or (n, k)
        The shape of ``b`` with n rows.

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D, ``b`` is neither 1-D nor 2-D, or ``b`` has not m
        rows.
    TypeError
        If ``rcond`` is not a real number or None.
    ValueError
        If ``A`` is empty, ``A`` or ``b`` holds NaN or Inf, or rcond is NaN
        or infinite.
    ConvergenceError
        If the SVD does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 2]).round(6)
    array([1.166667, 0.5     ])
    >>> tm.lstsq([[1, 1], [1, 1]], [2, 2]).round(6)
    array([1., 1.])
    """
    a = matrix(A, "lstsq", "A")
    y = array(b, "lstsq", "b")
    if y.ndim not in (1, 2):
        raise shape_error("lstsq", f"b must be 1-D or 2-D, got shape {y.shape}")
    rc = -1.0 if rcond is None else real(rcond, "lstsq", "rcond")
    if y.shape[0] != a.shape[0]:
        raise shape_error("lstsq", f"A has {a.shape[0]} rows but b has {y.shape[0]}")
    a = nonempty_finite(a, "lstsq")
    finite(y, "lstsq", "b")
    if not np.isfinite(rc):
        raise invalid("lstsq", f"rcond must be finite, got {rc!r}")
    if rc < 0:
        rc = max(a.shape) * EPS
    e = exponent(a)
    try:
        # (c·A)·(x/c) = b with c = 2⁻ᵉ, an exact scaling.
        x = np.linalg.lstsq(np.ldexp(a, -e), y, rcond=rc)[0]
    except np.linalg.LinAlgError:
        raise no_convergence("lstsq") from None
    return np.ldexp(np.asarray(x, dtype=np.float64), -e)


def matrix_rank(A: ArrayLike) -> int:
    """Return the numerical rank of a matrix.

    The number of singular values above numpy's default tolerance
    ``s[0] * max(m, n) * eps``.

    Parameters
    ----------
    A : array_like, shape (m, n)

    Returns
    -------
    int

    Raises
    ------
    ShapeError
        If ``A`` is not 2-D.
    ValueError
        If ``A`` is empty or holds NaN or Inf.
    ConvergenceError
        If the SVD does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matrix_rank([[1, 2], [2, 4]])
    1
    >>> tm.matrix_rank([[1, 2], [3, 4]])
    2
    """
    a = nonempty_finite(A, "matrix_rank")
    try:
        return int(np.linalg.matrix_rank(np.ldexp(a, -exponent(a))))
    except np.linalg.LinAlgError:
        raise no_convergence("matrix_rank") from None


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
    x = matrix(X, "pca", "X")
    kk = integer(k, "pca", "k")
    if x.size == 0:
        raise invalid("pca", "X is empty")
    if x.shape[0] < 2:
        raise invalid("pca", f"X needs at least two samples, got {x.shape[0]}")
    finite(x, "pca", "X")
    check_k("pca", kk, min(x.shape))
    xc = x - x.mean(axis=0)
    _, s, Vt = canonical_svd(xc, "pca")
    components = Vt[:kk]
    return PCAResult(components, s[:kk] ** 2 / (x.shape[0] - 1), xc @ components.T)


def spectral_norm(a: F64) -> float:
    """Return ‖A‖₂, the largest singular value; NaN and Inf propagate as numpy's norms."""
    if a.size == 0:
        return 0.0
    m = float(np.max(np.abs(a)))
    if not np.isfinite(m):
        return m
    e = exponent(a)
    try:
        s = np.linalg.svd(np.ldexp(a, -e), compute_uv=False)
    except np.linalg.LinAlgError:
        raise no_convergence("norm") from None
    return float(np.ldexp(s[0], e))


def svdvals(x: ArrayLike, /) -> NDArray[np.float64]:
    """Return the singular values of a matrix, descending, without its singular vectors.

    The ``s`` of ``svd``: ``min(m, n)`` non-negative values. A matrix with no
    rows or no columns has none (an empty array).

    Parameters
    ----------
    x : array_like, shape (m, n)

    Returns
    -------
    ndarray of float64, shape (min(m, n),)

    Raises
    ------
    ShapeError
        If ``x`` is not 2-D.
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
    a = matrix(x, "svdvals", "x")
    finite(a, "svdvals", "x")
    if a.size == 0:
        return np.zeros(0)
    e = exponent(a)
    try:
        s = np.linalg.svd(np.ldexp(a, -e), compute_uv=False)
    except np.linalg.LinAlgError:
        raise no_convergence("svdvals") from None
    return np.asarray(np.ldexp(s, e), dtype=np.float64)
