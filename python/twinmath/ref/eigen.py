"""Eigenvalues and eigenvectors: eigh (symmetric) and eig (general), in canonical form."""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import matrix
from ..errors import ConvergenceError, invalid, no_convergence, not_square
from .linalg import finite, square, square_or_empty

__all__ = ["eig", "eigh", "eigvals", "eigvalsh"]

# Two magnitudes (or two real parts) within this relative distance count as
# tied in the canonical forms: √ε = 2⁻²⁶, far above the rounding differences
# between two implementations and far below the spread of distinct values.
# The Go package uses the same constant (eigTie in go/eigen.go).
TIE = 2.0**-26


class EighResult(NamedTuple):
    """The result of ``eigh``: eigenvalues ``w`` and eigenvectors ``V`` (columns)."""

    w: NDArray[np.float64]
    V: NDArray[np.float64]


class EigResult(NamedTuple):
    """The result of ``eig``: eigenvalues ``w`` and eigenvectors ``V`` (columns).

    Both are float64 when every eigenvalue is real, complex128 otherwise.
    """

    w: NDArray[Any]
    V: NDArray[Any]


def pivots(V: NDArray[Any]) -> NDArray[np.intp]:
    """Return, for each column of V, the index of its pivot.

    The pivot is the first component whose magnitude is within a relative
    ``TIE`` of the largest in the column.
    """
    mag = np.abs(V)
    lim = mag.max(axis=0) * (1 - TIE)
    return np.argmax(mag >= lim, axis=0)


def eig_order(w: NDArray[Any]) -> NDArray[np.intp]:
    """Return the canonical order of the eigenvalues ``w``.

    By real part; real parts within ``TIE·max|w|`` of their neighbour form a
    group, ordered by imaginary part and then by real part.
    """
    w = np.asarray(w, dtype=np.complex128)
    order = np.argsort(w.real, kind="stable")
    re, im = w.real[order], w.imag[order]
    tol = TIE * float(np.max(np.abs(w), initial=0.0))
    group = np.concatenate([[0], np.cumsum(np.diff(re) > tol)])
    return order[np.lexsort((re, im, group))]


def eigh(A: ArrayLike) -> EighResult:
    """Return the eigenvalues and eigenvectors of a symmetric matrix.

    ``A @ V = V @ diag(w)`` and ``V.T @ V = I``. Only the lower triangle of
    ``A`` is read (as ``numpy.linalg.eigh`` does by default), so ``A`` need
    not be exactly symmetric. The eigenvalues are real and ascending; column
    ``j`` of ``V`` is the unit eigenvector of ``w[j]``, its largest-magnitude
    component positive (the first such component when several agree to a
    relative 2⁻²⁶).

    Parameters
    ----------
    A : array_like, shape (n, n)
        Symmetric; its upper triangle is ignored.

    Returns
    -------
    EighResult
        A named tuple ``(w, V)``: ``w`` ndarray of float64, shape (n,);
        ``V`` ndarray of float64, shape (n, n).

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ValueError
        If ``A`` is empty or holds NaN or Inf (anywhere, the upper triangle
        included).
    ConvergenceError
        If the eigenvalue iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> w, V = tm.eigh([[2, 1], [1, 2]])
    >>> w.round(12)
    array([1., 3.])
    >>> (V * 2**0.5).round(12)
    array([[ 1.,  1.],
           [-1.,  1.]])
    """
    a = square(A, "eigh")
    try:
        w, V = np.linalg.eigh(a)
    except np.linalg.LinAlgError:
        raise no_convergence("eigh", "eigenvalues did not converge") from None
    n = a.shape[0]
    V = V * np.where(V[pivots(V), np.arange(n)] < 0, -1.0, 1.0)
    return EighResult(w + 0.0, V + 0.0)  # + 0.0 turns −0 into +0


def eig(A: ArrayLike) -> EigResult:
    """Return the eigenvalues and right eigenvectors of a square matrix.

    ``A @ V = V @ diag(w)``. The eigenvalues of a real matrix are real or
    come in complex conjugate pairs; they are sorted by real part, then by
    imaginary part (real parts within 2⁻²⁶·max|w| of each other count as
    equal). Column ``j`` of ``V`` is the unit eigenvector of ``w[j]``,
    multiplied by the unit complex number that makes its largest-magnitude
    component (the first within a relative 2⁻²⁶ of the largest) real and
    positive. Both results are float64 when every eigenvalue is real (its
    imaginary part exactly 0), complex128 otherwise, as numpy returns them.
    For a defective matrix the columns of ``V`` are nearly parallel.

    Parameters
    ----------
    A : array_like, shape (n, n)

    Returns
    -------
    EigResult
        A named tuple ``(w, V)``: ``w`` ndarray of float64 or complex128,
        shape (n,); ``V`` ndarray of the same dtype, shape (n, n).

    Raises
    ------
    ShapeError
        If ``A`` is not a square matrix.
    ValueError
        If ``A`` is empty or holds NaN or Inf.
    ConvergenceError
        If the QR iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> w, V = tm.eig([[2, 0], [0, 3]])
    >>> w
    array([2., 3.])
    >>> V
    array([[1., 0.],
           [0., 1.]])
    >>> tm.eig([[0, -1], [1, 0]]).w.round(12)
    array([0.-1.j, 0.+1.j])
    """
    a = square(A, "eig")
    try:
        w, V = np.linalg.eig(a)
    except np.linalg.LinAlgError:
        raise no_convergence("eig", "eigenvalues did not converge") from None
    order = eig_order(w)
    w, V = w[order], V[:, order]
    if np.iscomplexobj(w) and np.all(w.imag == 0):  # numpy returns real arrays then; the rule made explicit
        w, V = w.real, V.real
    V = V / np.linalg.norm(V, axis=0)
    n = a.shape[0]
    p = pivots(V)
    top = V[p, np.arange(n)]
    if np.iscomplexobj(V):
        mag = np.abs(top)
        V = V * (np.conj(top) / mag)
        V[p, np.arange(n)] = mag
    else:
        V = V * np.where(top < 0, -1.0, 1.0)
    return EigResult(w + 0.0, V + 0.0)


def eigvals(a: ArrayLike) -> NDArray[Any]:
    """Return the eigenvalues of a square matrix, without its eigenvectors.

    The ``w`` of ``eig``, in its order (by real part, then imaginary part):
    float64 when every eigenvalue is real, complex128 otherwise. The empty
    0×0 matrix has none (an empty float64 array).

    Parameters
    ----------
    a : array_like, shape (n, n)

    Returns
    -------
    ndarray of float64 or complex128, shape (n,)

    Raises
    ------
    ShapeError
        If ``a`` is not a square matrix.
    ValueError
        If ``a`` holds NaN or Inf.
    ConvergenceError
        If the QR iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.eigvals([[2, 0], [0, 3]])
    array([2., 3.])
    >>> tm.eigvals([[0, -1], [1, 0]]).round(12)
    array([0.-1.j, 0.+1.j])
    """
    x = square_or_empty(a, "eigvals", "a")
    if x.size == 0:
        return np.zeros(0)
    try:
        return eig(x).w
    except ConvergenceError:
        raise no_convergence("eigvals", "eigenvalues did not converge") from None


def triangle(a: ArrayLike, UPLO: Any, op: str) -> NDArray[np.float64]:
    """Return the square matrix whose lower triangle is the one ``UPLO`` names ('L' or 'U', any case)."""
    if not isinstance(UPLO, str) or UPLO.upper() not in ("L", "U"):
        raise invalid(op, f"UPLO must be 'L' or 'U', got {UPLO!r}")
    x = matrix(a, op, "a")
    if x.shape[0] != x.shape[1]:
        raise not_square(op, "a", x.shape)
    return np.ascontiguousarray(x.T) if UPLO.upper() == "U" else x


def eigvalsh(a: ArrayLike, UPLO: str = "L") -> NDArray[np.float64]:
    """Return the eigenvalues of a symmetric matrix, ascending, without its eigenvectors.

    The ``w`` of ``eigh``. Only one triangle of ``a`` is read: the lower one
    (``UPLO='L'``, the default) or the upper one (``UPLO='U'``). The empty
    0×0 matrix has none.

    Parameters
    ----------
    a : array_like, shape (n, n)
        Symmetric; the other triangle is ignored.
    UPLO : {'L', 'U'}, optional

    Returns
    -------
    ndarray of float64, shape (n,)

    Raises
    ------
    ShapeError
        If ``a`` is not a square matrix.
    ValueError
        If ``UPLO`` is not 'L' or 'U', or ``a`` holds NaN or Inf (anywhere).
    ConvergenceError
        If the eigenvalue iteration does not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.eigvalsh([[2, 1], [1, 2]]).round(12)
    array([1., 3.])
    >>> tm.eigvalsh([[2, 5], [0, 2]], UPLO="U").round(12)
    array([-3.,  7.])
    """
    x = triangle(a, UPLO, "eigvalsh")
    finite(x, "eigvalsh", "a")
    if x.size == 0:
        return np.zeros(0)
    try:
        w = np.linalg.eigvalsh(x)
    except np.linalg.LinAlgError:
        raise no_convergence("eigvalsh", "eigenvalues did not converge") from None
    return np.asarray(w + 0.0, dtype=np.float64)  # + 0.0 turns −0 into +0
