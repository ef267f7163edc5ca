"""Eigenvalues and eigenvectors, computed by the Go library (documented in twinmath._front.eigen)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import matrix
from .._front import twin
from .._front.eigen import EighResult, EigResult
from . import _native as n
from ._native import ptr

F64 = NDArray[np.float64]

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.eigen.__all__


def _eigh(A: ArrayLike) -> EighResult:
    a = matrix(A, "eigh", "A")
    m = a.shape[0]
    w, V = np.empty(m), np.empty((m, m))
    n.call(n.lib.tm_eigh, ptr(a), *a.shape, ptr(w), ptr(V), work=4 * a.size * m)
    return EighResult(w, V)


def _eig(A: ArrayLike) -> EigResult:
    a = matrix(A, "eig", "A")
    m = a.shape[0]
    # complex128 is interleaved (re, im) doubles: Go fills it through a double*.
    w, V = np.empty(m, np.complex128), np.empty((m, m), np.complex128)
    real = n.ffi.new("int *")
    n.call(n.lib.tm_eig, ptr(a), *a.shape, ptr(w), ptr(V), real, work=10 * a.size * m)
    if real[0]:
        return EigResult(np.ascontiguousarray(w.real), np.ascontiguousarray(V.real))
    return EigResult(w, V)


@twin(_front.eigen.eigvals)
def eigvals(a: ArrayLike) -> NDArray[Any]:
    return _front.eigen.eigvals_with(_eigvals, _eigvals_stack, a)


def _eigvals_stack(x: F64, lead: tuple[int, ...]) -> NDArray[Any]:
    w, real = np.empty(x.shape[:2], np.complex128), n.ffi.new("int *")
    n.call(n.lib.tm_eigvals_stack, ptr(x), *x.shape, ptr(w), real, work=10 * x.size * x.shape[1])
    return np.ascontiguousarray(w.real) if real[0] else w


def _eig_stack(x: F64, lead: tuple[int, ...]) -> tuple[NDArray[Any], NDArray[Any]]:
    w, V = np.empty(x.shape[:2], np.complex128), np.empty(x.shape, np.complex128)
    real = n.ffi.new("int *")
    n.call(n.lib.tm_eig_stack, ptr(x), *x.shape, ptr(w), ptr(V), real, work=10 * x.size * x.shape[1])
    if real[0]:
        return np.ascontiguousarray(w.real), np.ascontiguousarray(V.real)
    return w, V


def _eigvals(a: ArrayLike) -> NDArray[Any]:
    x = matrix(a, "eigvals", "a")
    m = x.shape[0]
    w, real = np.empty(m, np.complex128), n.ffi.new("int *")
    n.call(n.lib.tm_eigvals, ptr(x), *x.shape, ptr(w), real, work=10 * x.size * m)
    return np.ascontiguousarray(w.real) if real[0] else w


def _eigvalsh(x: NDArray[np.float64]) -> NDArray[np.float64]:
    w = np.empty(x.shape[0])
    n.call(n.lib.tm_eigvalsh, ptr(x), *x.shape, ptr(w), work=9 * x.size * x.shape[0])
    return w


def _eigvalsh_stack(x: NDArray[np.float64], lead: tuple[int, ...]) -> NDArray[np.float64]:
    w = np.empty(x.shape[:2])
    n.call(n.lib.tm_eigvalsh_stack, ptr(x), *x.shape, ptr(w), work=9 * x.size * x.shape[1])
    return w


def _eigh_stack(x: F64, lead: tuple[int, ...]) -> tuple[F64, F64]:
    w, V = np.empty(x.shape[:2]), np.empty(x.shape)
    n.call(n.lib.tm_eigh_stack, ptr(x), *x.shape, ptr(w), ptr(V), work=9 * x.size * x.shape[1])
    return w, V


@twin(_front.eigen.eigvalsh)
def eigvalsh(a: ArrayLike, UPLO: str = "L") -> NDArray[np.float64]:
    return _front.eigen.eigvalsh_with(_eigvalsh, _eigvalsh_stack, a, UPLO)


@twin(_front.eigen.eigh)
def eigh(A: ArrayLike, UPLO: str = "L") -> EighResult:
    return _front.eigen.eigh_with(_eigh, _eigh_stack, A, UPLO)


@twin(_front.eigen.eig)
def eig(A: ArrayLike) -> EigResult:
    return _front.eigen.eig_with(_eig, _eig_stack, A)
