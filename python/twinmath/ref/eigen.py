"""Eigenvalues and eigenvectors: eigh (symmetric) and eig (general), in canonical form."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._front import twin
from .._front.eigen import EighResult, EigResult
from ..errors import ConvergenceError, no_convergence
from .decomp import each
from .linalg import finite, square, square_or_empty

F64 = NDArray[np.float64]

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.eigen.__all__

# Two magnitudes (or two real parts) within this relative distance count as
# tied in the canonical forms: √ε = 2⁻²⁶, far above the rounding differences
# between two implementations and far below the spread of distinct values.
# The Go package uses the same constant (eigTie in go/eigen.go).
TIE = 2.0**-26


def pivots(V: NDArray[Any]) -> NDArray[np.intp]:
    """Return, for each column of V, the index of its pivot.

    The pivot is the first component whose magnitude is within a relative
    ``TIE`` of the largest in the column.
    """
    mag = np.abs(V)
    lim = mag.max(axis=0) * (1 - TIE)
    pivots: NDArray[np.intp] = np.argmax(mag >= lim, axis=0)
    return pivots


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


def _lapack(
    fn: Callable[[NDArray[np.float64]], Any], A: ArrayLike, op: str
) -> tuple[NDArray[np.float64], Any, Any]:
    """Return the square matrix A and numpy's eigenvalues and eigenvectors ``fn(A)`` of it."""
    a = square(A, op)
    try:
        w, V = fn(a)
    except np.linalg.LinAlgError:
        raise no_convergence(op, "eigenvalues did not converge") from None
    return a, w, V


def _eigh(A: ArrayLike) -> EighResult:
    a, w, V = _lapack(np.linalg.eigh, A, "eigh")
    n = a.shape[0]
    V = V * np.where(V[pivots(V), np.arange(n)] < 0, -1.0, 1.0)
    return EighResult(w + 0.0, V + 0.0)  # + 0.0 turns −0 into +0


def _eig(A: ArrayLike) -> EigResult:
    a, w, V = _lapack(np.linalg.eig, A, "eig")
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


@twin(_front.eigen.eigvals)
def eigvals(a: ArrayLike) -> NDArray[Any]:
    return _front.eigen.eigvals_with(_eigvals, _eigvals_stack, a)


def _joined(parts: list[NDArray[Any]]) -> NDArray[Any]:
    """The results of the matrices of a stack, real only when every one is real (numpy's rule)."""
    if all(not np.iscomplexobj(p) for p in parts):
        return np.stack(parts)
    return np.stack([p.astype(np.complex128) for p in parts])


def _eigvals_stack(x: F64, lead: tuple[int, ...]) -> NDArray[Any]:
    return _joined(each(_eigvals, x, lead))


def _eig_stack(x: F64, lead: tuple[int, ...]) -> tuple[NDArray[Any], NDArray[Any]]:
    rs = each(_eig, x, lead)
    return _joined([r.w for r in rs]), _joined([r.V for r in rs])


def _eigvals(a: ArrayLike) -> NDArray[Any]:
    x = square_or_empty(a, "eigvals", "a")
    if x.size == 0:
        return np.zeros(0)
    try:
        return eig(x).w
    except ConvergenceError:
        raise no_convergence("eigvals", "eigenvalues did not converge") from None


def _eigvalsh(x: NDArray[np.float64]) -> NDArray[np.float64]:
    """The eigenvalues of the square matrix ``x``, reading its lower triangle."""
    finite(x, "eigvalsh", "a")
    if x.size == 0:
        return np.zeros(0)
    try:
        # eigh's own eigenvalues (dsyevd with vectors): eigvalsh(A) equals eigh(A).w
        # to the bit, as in the Go package, where LAPACK's values-only path differs in the last bits.
        w = np.linalg.eigh(x)[0]
    except np.linalg.LinAlgError:
        raise no_convergence("eigvalsh", "eigenvalues did not converge") from None
    return np.asarray(w + 0.0, dtype=np.float64)  # + 0.0 turns −0 into +0


def _eigvalsh_stack(x: NDArray[np.float64], lead: tuple[int, ...]) -> NDArray[np.float64]:
    return np.stack(each(_eigvalsh, x, lead))


def _eigh_stack(x: F64, lead: tuple[int, ...]) -> tuple[F64, F64]:
    w, V = zip(*each(_eigh, x, lead), strict=True)
    return np.stack(w), np.stack(V)


@twin(_front.eigen.eigvalsh)
def eigvalsh(a: ArrayLike, UPLO: str = "L") -> NDArray[np.float64]:
    return _front.eigen.eigvalsh_with(_eigvalsh, _eigvalsh_stack, a, UPLO)


@twin(_front.eigen.eigh)
def eigh(A: ArrayLike, UPLO: str = "L") -> EighResult:
    return _front.eigen.eigh_with(_eigh, _eigh_stack, A, UPLO)


@twin(_front.eigen.eig)
def eig(A: ArrayLike) -> EigResult:
    return _front.eigen.eig_with(_eig, _eig_stack, A)
