"""Eigenvalues and eigenvectors, computed by the Go library (see twinmath.ref.eigen)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

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
    st = n.cancellable(n.lib.tm_eigh, 4 * a.size * m, ptr(a), *a.shape, ptr(w), ptr(V), s.err, n.ERRLEN)
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
    st = n.cancellable(n.lib.tm_eig, 10 * a.size * m, ptr(a), *a.shape, ptr(w), ptr(V), real, s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    if real[0]:
        return EigResult(np.ascontiguousarray(w.real), np.ascontiguousarray(V.real))
    return EigResult(w, V)
