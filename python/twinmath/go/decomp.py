"""Decompositions, computed by the Go library (see twinmath.ref.decomp).

The named tuples are the reference's own classes, so results from both
backends are of the same types.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, integer, matrix, real
from ..errors import shape_error
from ..ref import decomp as ref
from ..ref.decomp import LUResult, PCAResult, QRResult, SVDResult, TruncatedSVDResult
from . import _native as n
from ._native import error, ptr, scratch, twin

__all__ = ref.__all__


@twin(ref.lu)
def lu(A: ArrayLike) -> LUResult:
    a = matrix(A, "lu", "A")
    m, c = a.shape
    k = min(m, c)
    P, L, U, s = np.empty((m, m)), np.empty((m, k)), np.empty((k, c)), scratch()
    st = n.lib.tm_lu(ptr(a), m, c, ptr(P), ptr(L), ptr(U), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return LUResult(P, L, U)


@twin(ref.qr)
def qr(A: ArrayLike) -> QRResult:
    a = matrix(A, "qr", "A")
    m, c = a.shape
    k = min(m, c)
    Q, R, s = np.empty((m, k)), np.empty((k, c)), scratch()
    st = n.lib.tm_qr(ptr(a), m, c, ptr(Q), ptr(R), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return QRResult(Q, R)


@twin(ref.cholesky)
def cholesky(A: ArrayLike) -> NDArray[np.float64]:
    a = matrix(A, "cholesky", "A")
    L, s = np.empty(a.shape), scratch()
    st = n.lib.tm_cholesky(ptr(a), *a.shape, ptr(L), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return L


@twin(ref.svd)
def svd(A: ArrayLike) -> SVDResult:
    a = matrix(A, "svd", "A")
    m, c = a.shape
    k = min(m, c)
    U, sv, Vt, s = np.empty((m, k)), np.empty(k), np.empty((k, c)), scratch()
    st = n.lib.tm_svd(ptr(a), m, c, ptr(U), ptr(sv), ptr(Vt), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return SVDResult(U, sv, Vt)


def _k_alloc(k: int, most: int) -> int:
    """The k to allocate outputs for: 0 when k is out of range (Go reports it)."""
    return k if 1 <= k <= most else 0


@twin(ref.truncated_svd)
def truncated_svd(A: ArrayLike, k: int) -> TruncatedSVDResult:
    a = matrix(A, "truncated_svd", "A")
    kk = integer(k, "truncated_svd", "k")
    m, c = a.shape
    ka = _k_alloc(kk, min(m, c))
    U, sv, Vt, Ak = np.empty((m, ka)), np.empty(ka), np.empty((ka, c)), np.empty((m, c))
    s = scratch()
    st = n.lib.tm_truncated_svd(ptr(a), m, c, kk, ptr(U), ptr(sv), ptr(Vt), ptr(Ak), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return TruncatedSVDResult(U, sv, Vt, Ak)


@twin(ref.pinv)
def pinv(A: ArrayLike, rcond: float = 1e-15) -> NDArray[np.float64]:
    a = matrix(A, "pinv", "A")
    rc = real(rcond, "pinv", "rcond")
    out, s = np.empty(a.shape[::-1]), scratch()
    st = n.lib.tm_pinv(ptr(a), *a.shape, rc, ptr(out), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return out


@twin(ref.lstsq)
def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = None) -> NDArray[np.float64]:
    a = matrix(A, "lstsq", "A")
    y = array(b, "lstsq", "b")
    if y.ndim not in (1, 2):
        raise shape_error("lstsq", f"b must be 1-D or 2-D, got shape {y.shape}")
    rc = -1.0 if rcond is None else real(rcond, "lstsq", "rcond")
    mb, k = (y.shape[0], 1) if y.ndim == 1 else y.shape
    out, s = np.empty((a.shape[1],) if y.ndim == 1 else (a.shape[1], k)), scratch()
    st = n.lib.tm_lstsq(ptr(a), *a.shape, ptr(y), mb, k, rc, ptr(out), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return out


@twin(ref.matrix_rank)
def matrix_rank(A: ArrayLike) -> int:
    a = matrix(A, "matrix_rank", "A")
    s = scratch()
    r = n.ffi.new("int64_t *")
    st = n.lib.tm_matrix_rank(ptr(a), *a.shape, r, s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return int(r[0])


@twin(ref.pca)
def pca(X: ArrayLike, k: int) -> PCAResult:
    x = matrix(X, "pca", "X")
    kk = integer(k, "pca", "k")
    N, d = x.shape
    ka = _k_alloc(kk, min(N, d))
    comp, var, proj, s = np.empty((ka, d)), np.empty(ka), np.empty((N, ka)), scratch()
    st = n.lib.tm_pca(ptr(x), N, d, kk, ptr(comp), ptr(var), ptr(proj), s.err, n.ERRLEN)
    if st:
        raise error(st, s)
    return PCAResult(comp, var, proj)


@twin(ref.svdvals)
def svdvals(x: ArrayLike, /) -> NDArray[np.float64]:
    a = matrix(x, "svdvals", "x")
    out = np.empty(min(a.shape))
    n.call(n.lib.tm_svdvals, ptr(a), *a.shape, ptr(out))
    return out
