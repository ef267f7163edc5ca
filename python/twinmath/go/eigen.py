"""Eigenvalues and eigenvectors, computed by the Go library (see twinmath.ref.eigen)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import matrix
from ..ref import eigen as ref
from ..ref.eigen import EighResult, EigResult
from . import _native as n
from ._native import error, ptr, scratch, twin

__all__ = ref.__all__


@twin(ref.eigh)
def eigh(A: ArrayLike) -> EighResult:
    a = matrix(A, "eigh", "A")
    m = a.shape[0]
    w, V, s = np.empty(m), np.empty((m, m)), scratch()
    st = n.lib.tm_eigh(ptr(a), *a.shape, ptr(w), ptr(V), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return EighResult(w, V)


@twin(ref.eig)
def eig(A: ArrayLike) -> EigResult:
    a = matrix(A, "eig", "A")
    m = a.shape[0]
    # complex128 is interleaved (re, im) doubles: Go fills it through a double*.
    w, V, s = np.empty(m, np.complex128), np.empty((m, m), np.complex128), scratch()
    real = n.ffi.new("int *")
    st = n.lib.tm_eig(ptr(a), *a.shape, ptr(w), ptr(V), real, s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    if real[0]:
        return EigResult(np.ascontiguousarray(w.real), np.ascontiguousarray(V.real))
    return EigResult(w, V)


@twin(ref.eigvals)
def eigvals(a: ArrayLike) -> NDArray[Any]:
    x = matrix(a, "eigvals", "a")
    m = x.shape[0]
    w, real = np.empty(m, np.complex128), n.ffi.new("int *")
    n.call(n.lib.tm_eigvals, ptr(x), *x.shape, ptr(w), real)
    return np.ascontiguousarray(w.real) if real[0] else w


@twin(ref.eigvalsh)
def eigvalsh(a: ArrayLike, UPLO: str = "L") -> NDArray[np.float64]:
    x = ref.triangle(a, UPLO, "eigvalsh")
    w = np.empty(x.shape[0])
    n.call(n.lib.tm_eigvalsh, ptr(x), *x.shape, ptr(w))
    return w
