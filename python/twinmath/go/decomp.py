"""Decompositions, computed by the Go library (documented in twinmath._front.decomp).

The named tuples are the front's, shared with twinmath.ref, so results from
both backends are of the same types.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array, integer, matrix, real
from .._front import twin
from .._front.decomp import (
    F64,
    UNSET,
    LstsqResult,
    LUResult,
    PCAResult,
    QRResult,
    SVDResult,
    TruncatedSVDResult,
    _Unset,
)
from ..errors import shape_error
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.decomp.__all__


@twin(_front.decomp.lu)
def lu(A: ArrayLike) -> LUResult:
    a = matrix(A, "lu", "A")
    m, c = a.shape
    k = min(m, c)
    P, L, U = np.empty((m, m)), np.empty((m, k)), np.empty((k, c))
    n.call(n.lib.tm_lu, ptr(a), m, c, ptr(P), ptr(L), ptr(U), work=m * c * k)
    return LUResult(P, L, U)


def _qr(A: ArrayLike, kind: str = "reduced") -> tuple[F64, F64]:
    a = matrix(A, "qr", "A")
    m, c = a.shape
    k = min(m, c)
    if kind == "raw":
        h, tau = np.empty((c, m)), np.empty(k)
        n.call(n.lib.tm_qr_raw, ptr(a), m, c, ptr(h), ptr(tau), work=m * c * k)
        return h, tau
    if kind == "complete":
        Q, R = np.empty((m, m)), np.empty((m, c))
        n.call(n.lib.tm_qr_complete, ptr(a), m, c, ptr(Q), ptr(R), work=2 * m * m * c)
        return QRResult(Q, R)
    Q, R = np.empty((m, k)), np.empty((k, c))
    n.call(n.lib.tm_qr, ptr(a), m, c, ptr(Q), ptr(R), work=2 * m * c * k)
    return QRResult(Q, R)


def _cholesky(A: ArrayLike) -> NDArray[np.float64]:
    a = matrix(A, "cholesky", "A")
    L = np.empty(a.shape)
    n.call(n.lib.tm_cholesky, ptr(a), *a.shape, ptr(L), work=a.size * a.shape[0])
    return L


def _svd(A: ArrayLike, full: bool = False) -> SVDResult:
    a = matrix(A, "svd", "A")
    m, c = a.shape
    k = min(m, c)
    cu, cv = (m, c) if full else (k, k)
    U, sv, Vt = np.empty((m, cu)), np.empty(k), np.empty((cv, c))
    f = n.lib.tm_svd_full if full else n.lib.tm_svd
    n.call(f, ptr(a), m, c, ptr(U), ptr(sv), ptr(Vt), work=n.SVD_WORK * m * c * k)
    return SVDResult(U, sv, Vt)


def _svd_stack(a: F64, lead: tuple[int, ...], full: bool = False) -> tuple[F64, F64, F64]:
    count, m, c = a.shape
    k = min(m, c)
    cu, cv = (m, c) if full else (k, k)
    U, sv, Vt = np.empty((count, m, cu)), np.empty((count, k)), np.empty((count, cv, c))
    f = n.lib.tm_svd_full_stack if full else n.lib.tm_svd_stack
    n.call(f, ptr(a), *a.shape, ptr(U), ptr(sv), ptr(Vt), work=n.SVD_WORK * a.size * k)
    return U, sv, Vt


def _svdvals_stack(a: F64, lead: tuple[int, ...]) -> F64:
    count, m, c = a.shape
    out = np.empty((count, min(m, c)))
    n.call(n.lib.tm_svdvals_stack, ptr(a), *a.shape, ptr(out), work=n.SVD_WORK * a.size * min(m, c))
    return out


def _qr_stack(a: F64, lead: tuple[int, ...], kind: str = "reduced") -> tuple[F64, F64]:
    count, m, c = a.shape
    k = min(m, c)
    if kind == "raw":
        h, tau = np.empty((count, c, m)), np.empty((count, k))
        n.call(n.lib.tm_qr_raw_stack, ptr(a), *a.shape, ptr(h), ptr(tau), work=a.size * k)
        return h, tau
    if kind == "complete":
        Q, R = np.empty((count, m, m)), np.empty((count, m, c))
        n.call(n.lib.tm_qr_complete_stack, ptr(a), *a.shape, ptr(Q), ptr(R), work=2 * a.size * m)
        return Q, R
    Q, R = np.empty((count, m, k)), np.empty((count, k, c))
    n.call(n.lib.tm_qr_stack, ptr(a), *a.shape, ptr(Q), ptr(R), work=2 * a.size * k)
    return Q, R


def _pinv_stack(a: F64, rcond: Any, lead: tuple[int, ...]) -> F64:
    count, m, c = a.shape
    out = np.empty((count, c, m))
    work = n.SVD_WORK * a.size * min(m, c)
    if np.ndim(rcond) == 0:
        n.call(n.lib.tm_pinv_stack, ptr(a), *a.shape, rcond, ptr(out), work=work)
    else:  # one cutoff per matrix (numpy's rcond array)
        n.call(n.lib.tm_pinv_stack_rconds, ptr(a), *a.shape, ptr(rcond), ptr(out), work=work)
    return out


def _matrix_rank_stack(a: F64, lead: tuple[int, ...]) -> NDArray[np.int64]:
    count, m, c = a.shape
    out = np.empty(count, dtype=np.int64)
    ranks = n.ffi.from_buffer("int64_t[]", out)
    n.call(n.lib.tm_matrix_rank_stack, ptr(a), *a.shape, ranks, work=n.SVD_WORK * a.size * min(m, c))
    return out


def _cholesky_stack(a: F64, lead: tuple[int, ...]) -> F64:
    L = np.empty(a.shape)
    n.call(n.lib.tm_cholesky_stack, ptr(a), *a.shape, ptr(L), work=a.size * a.shape[1])
    return L


def _rank_k(A: ArrayLike, k: int, op: str, name: str) -> tuple[F64, int, int]:
    """Return the matrix ``A`` (named ``name``) of ``op``, its ``k``, and the k to allocate outputs for.

    The last is 0 when k is out of range, which Go reports.
    """
    a, kk = matrix(A, op, name), integer(k, op, "k")
    return a, kk, (kk if 1 <= kk <= min(a.shape) else 0)


@twin(_front.decomp.truncated_svd)
def truncated_svd(A: ArrayLike, k: int) -> TruncatedSVDResult:
    a, kk, ka = _rank_k(A, k, "truncated_svd", "A")
    m, c = a.shape
    U, sv, Vt, Ak = np.empty((m, ka)), np.empty(ka), np.empty((ka, c)), np.empty((m, c))
    n.call(
        n.lib.tm_truncated_svd,
        ptr(a),
        m,
        c,
        kk,
        ptr(U),
        ptr(sv),
        ptr(Vt),
        ptr(Ak),
        work=n.SVD_WORK * a.size * min(m, c),
    )
    return TruncatedSVDResult(U, sv, Vt, Ak)


def _pinv(A: ArrayLike, rcond: float = 1e-15) -> NDArray[np.float64]:
    a = matrix(A, "pinv", "A")
    rc = real(rcond, "pinv", "rcond")
    out = np.empty(a.shape[::-1])
    n.call(n.lib.tm_pinv, ptr(a), *a.shape, rc, ptr(out), work=n.SVD_WORK * a.size * min(a.shape))
    return out


def _lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = None) -> NDArray[np.float64]:
    a = matrix(A, "lstsq", "A")
    y = array(b, "lstsq", "b")
    if y.ndim not in (1, 2):
        raise shape_error("lstsq", f"b must be 1-D or 2-D, got shape {y.shape}")
    rc = -1.0 if rcond is None else real(rcond, "lstsq", "rcond")
    mb, k = (y.shape[0], 1) if y.ndim == 1 else y.shape
    out = np.empty((a.shape[1],) if y.ndim == 1 else (a.shape[1], k))
    n.call(
        n.lib.tm_lstsq, ptr(a), *a.shape, ptr(y), mb, k, rc, ptr(out), work=n.SVD_WORK * a.size * min(a.shape)
    )
    return out


def _matrix_rank(A: ArrayLike) -> int:
    a = matrix(A, "matrix_rank", "A")
    r = n.ffi.new("int64_t *")
    n.call(n.lib.tm_matrix_rank, ptr(a), *a.shape, r, work=n.SVD_WORK * a.size * min(a.shape))
    return int(r[0])


@twin(_front.decomp.pca)
def pca(X: ArrayLike, k: int) -> PCAResult:
    x, kk, ka = _rank_k(X, k, "pca", "X")
    N, d = x.shape
    comp, var, proj = np.empty((ka, d)), np.empty(ka), np.empty((N, ka))
    n.call(
        n.lib.tm_pca, ptr(x), N, d, kk, ptr(comp), ptr(var), ptr(proj), work=n.SVD_WORK * x.size * min(N, d)
    )
    return PCAResult(comp, var, proj)


@twin(_front.decomp.svdvals)
def svdvals(x: ArrayLike, /) -> NDArray[np.float64]:
    return _front.decomp_numpy.svdvals_with(_svdvals, _svdvals_stack, x, "svdvals", "x")


def _svdvals(x: ArrayLike) -> NDArray[np.float64]:
    a = matrix(x, "svdvals", "x")
    out = np.empty(min(a.shape))
    n.call(n.lib.tm_svdvals, ptr(a), *a.shape, ptr(out), work=n.SVD_WORK * a.size * min(a.shape))
    return out


@overload
def qr(A: ArrayLike, mode: Literal["reduced", "complete"] = ...) -> QRResult: ...
@overload
def qr(A: ArrayLike, mode: Literal["r"]) -> F64: ...
@overload
def qr(A: ArrayLike, mode: Literal["raw"]) -> tuple[F64, F64]: ...
@overload
def qr(A: ArrayLike, mode: str = ...) -> QRResult | F64 | tuple[F64, F64]: ...


@twin(_front.decomp.qr)
def qr(A: ArrayLike, mode: str = "reduced") -> QRResult | F64 | tuple[F64, F64]:
    return _front.decomp_numpy.qr_with(_qr, _qr_stack, A, mode)


@twin(_front.decomp.cholesky)
def cholesky(A: ArrayLike, upper: bool = False) -> NDArray[np.float64]:
    return _front.decomp_numpy.cholesky_with(_cholesky, _cholesky_stack, A, upper)


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


@twin(_front.decomp.svd)
def svd(
    A: ArrayLike, full_matrices: bool = False, compute_uv: bool = True, hermitian: bool = False
) -> SVDResult | F64:
    return _front.decomp_numpy.svd_with(
        _svd, svdvals, _svd_stack, _svdvals_stack, A, full_matrices, compute_uv, hermitian
    )


@twin(_front.decomp.pinv)
def pinv(
    A: ArrayLike, rcond: float | None = None, hermitian: bool = False, *, rtol: float | _Unset | None = UNSET
) -> NDArray[np.float64]:
    return _front.decomp_numpy.pinv_with(_pinv, _pinv_stack, A, rcond, hermitian, rtol)


@twin(_front.decomp.matrix_rank)
def matrix_rank(
    A: ArrayLike, tol: float | None = None, hermitian: bool = False, *, rtol: float | None = None
) -> Any:
    return _front.decomp_numpy.matrix_rank_with(
        _matrix_rank, svdvals, _matrix_rank_stack, _svdvals_stack, A, tol, hermitian, rtol
    )


@overload
def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = ..., *, full: Literal[False] = ...) -> F64: ...
@overload
def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = ..., *, full: Literal[True]) -> LstsqResult: ...
@overload
def lstsq(
    A: ArrayLike, b: ArrayLike, rcond: float | None = ..., *, full: bool = ...
) -> F64 | LstsqResult: ...


@twin(_front.decomp.lstsq)
def lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = None, *, full: bool = False) -> F64 | LstsqResult:
    return _front.decomp_numpy.lstsq_with(_lstsq, svdvals, A, b, rcond, full)
