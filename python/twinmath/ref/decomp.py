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

from collections.abc import Callable
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
from ..errors import in_stack, invalid, no_convergence, not_positive_definite, shape_error
from .linalg import finite, square

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.decomp.__all__

EPS = float(np.finfo(np.float64).eps)


def nonempty_finite(A: ArrayLike, op: str, name: str = "A") -> F64:
    """Return ``A`` as a 2-D float64 matrix, refusing empty and non-finite input."""
    a = matrix(A, op, name)
    if a.size == 0:
        raise invalid(op, f"{name} is empty")
    finite(a, op, name)
    return a


def each(f: Callable[[F64], Any], a: F64, lead: tuple[int, ...]) -> list[Any]:
    """Return ``[f(a[i]) for i]`` over the stack ``a``: each matrix as the single call computes it.

    A failure names its matrix (``in_stack``): the first failing one, as the
    Go package's batched calls name it, whatever their number of threads.
    """
    out = []
    for i in range(a.shape[0]):
        try:
            out.append(f(a[i]))
        except ValueError as e:  # numpy's LinAlgError and twinmath's errors among them
            raise in_stack(e, i, lead) from None
    return out


def check_k(op: str, k: int, most: int) -> None:
    """Raise ValueError unless 1 ≤ k ≤ most."""
    if not 1 <= k <= most:
        raise invalid(op, f"k must be between 1 and {most}, got {k}")


# The largest binary exponent of max|A| that qr factors without shifting A down.
QR_TOP_EXPONENT = 1000


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
    return SVDResult(U * sign, np.ldexp(s, e) + 0.0, Vt * sign[:, None])  # + 0.0 turns −0 into +0


@twin(_front.decomp.lu)
def lu(A: ArrayLike) -> LUResult:
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


def _qr(A: ArrayLike, kind: str = "reduced") -> tuple[F64, F64]:
    """numpy's qr of ``A`` for ``kind`` 'reduced', 'complete' (canonical signs) or 'raw'."""
    a = nonempty_finite(A, "qr")
    # Near the top of the range a reflector overflows: shift A down by just
    # enough powers of two (exact), as the Go package does; Q, the reflectors
    # and τ are unchanged, R is shifted back.
    shift = max(exponent(a) - QR_TOP_EXPONENT, 0)
    with np.errstate(over="ignore"):
        if kind == "raw":
            h, tau = np.linalg.qr(np.ldexp(a, -shift), mode="raw")
            on_r = np.tril(np.ones(h.shape, dtype=bool))  # h[j, i] = R[i, j] for i <= j
            h = np.ascontiguousarray(np.where(on_r, np.ldexp(h, shift), h))
            return h, np.asarray(tau, dtype=np.float64)
        x = np.ldexp(a, -shift)
        Q, R = np.linalg.qr(x, mode="complete") if kind == "complete" else np.linalg.qr(x, mode="reduced")
        k = min(a.shape)
        # diag(R) >= 0 through the first k columns of Q; the others, for
        # 'complete', are the Householder product's (LAPACK's dorgqr).
        sign = np.where(np.diag(R) < 0, -1.0, 1.0)
        Q[:, :k] *= sign
        R[:k] *= sign[:, None]
        return QRResult(Q, np.ldexp(np.triu(R), shift))


def complete_basis(W: F64) -> F64:
    """Return ``W`` (p×k, orthonormal columns, k < p) followed by p − k columns completing it.

    The completing columns are columns k.. of the complete QR's Q of W (the
    Householder product, LAPACK's dorgqr), each with its largest-magnitude
    entry positive (the first such entry on ties): the rule of the Go package.
    """
    p, k = W.shape
    Q = np.linalg.qr(W, mode="complete")[0][:, k:]
    top = Q[np.argmax(np.abs(Q), axis=0), np.arange(p - k)]
    return np.concatenate([W, Q * np.where(top < 0, -1.0, 1.0)], axis=1)


def _cholesky(A: ArrayLike) -> NDArray[np.float64]:
    a = square(A, "cholesky")
    try:
        return np.asarray(np.linalg.cholesky(a), dtype=np.float64)
    except np.linalg.LinAlgError:
        raise not_positive_definite("cholesky") from None


def _svd(A: ArrayLike, full: bool = False) -> SVDResult:
    U, s, Vt = canonical_svd(nonempty_finite(A, "svd"), "svd")
    m, n = U.shape[0], Vt.shape[1]
    if full and m > n:
        U = complete_basis(U)
    elif full and m < n:
        Vt = np.ascontiguousarray(complete_basis(np.ascontiguousarray(Vt.T)).T)
    return SVDResult(U, s, Vt)


def _svd_stack(a: F64, lead: tuple[int, ...], full: bool = False) -> tuple[F64, F64, F64]:
    U, s, Vt = zip(*each(lambda x: _svd(x, full), a, lead), strict=True)
    return np.stack(U), np.stack(s), np.stack(Vt)


def _qr_stack(a: F64, lead: tuple[int, ...], kind: str = "reduced") -> tuple[F64, F64]:
    Q, R = zip(*each(lambda x: _qr(x, kind), a, lead), strict=True)
    return np.stack(Q), np.stack(R)


def _pinv_stack(a: F64, rcond: Any, lead: tuple[int, ...]) -> F64:
    if np.ndim(rcond) == 0:
        return np.stack(each(lambda x: _pinv(x, rcond), a, lead))
    # One cutoff per matrix (numpy's rcond array): matrix i with rcond[i].
    index = iter(range(a.shape[0]))
    return np.stack(each(lambda x: _pinv(x, float(rcond[next(index)])), a, lead))


def _matrix_rank_stack(a: F64, lead: tuple[int, ...]) -> NDArray[np.int64]:
    return np.array(each(_matrix_rank, a, lead), dtype=np.int64)


def _cholesky_stack(a: F64, lead: tuple[int, ...]) -> F64:
    return np.stack(each(_cholesky, a, lead))


@twin(_front.decomp.truncated_svd)
def truncated_svd(A: ArrayLike, k: int) -> TruncatedSVDResult:
    a = matrix(A, "truncated_svd", "A")
    kk = integer(k, "truncated_svd", "k")
    a = nonempty_finite(a, "truncated_svd")
    check_k("truncated_svd", kk, min(a.shape))
    # The SVD of A/2^e (the same vectors: canonical_svd divides by 2^e itself),
    # so that A_k = 2^e·(U_k·diag(s_k/2^e))·Vt_k overflows only where A_k does.
    e = exponent(a)
    U, s, Vt = canonical_svd(np.ldexp(a, -e), "truncated_svd")
    U_k, s_k, Vt_k = U[:, :kk], s[:kk], Vt[:kk, :]
    with np.errstate(over="ignore"):
        return TruncatedSVDResult(U_k, np.ldexp(s_k, e), Vt_k, np.ldexp(U_k @ np.diag(s_k) @ Vt_k, e))


def _pinv(A: ArrayLike, rcond: float = 1e-15) -> NDArray[np.float64]:
    a = matrix(A, "pinv", "A")
    rc = real(rcond, "pinv", "rcond")
    a = nonempty_finite(a, "pinv")
    if not 0 <= rc < np.inf:
        raise invalid("pinv", f"rcond must be a finite non-negative number, got {rc!r}")
    e = exponent(a)
    try:
        # pinv(c·A) = pinv(A)/c: scale by c = 2⁻ᵉ, an exact operation.
        p = np.linalg.pinv(np.ldexp(a, -e), rc)
    except np.linalg.LinAlgError:
        raise no_convergence("pinv") from None
    with np.errstate(over="ignore"):
        p = np.ldexp(p, -e)
    # Beyond the float range (∞, or ∞·0): refused, as Go's Pinv (docs/conventions.md).
    if not np.isfinite(p).all():
        raise invalid("pinv", "the pseudo-inverse of A overflows")
    return p


def _lstsq(A: ArrayLike, b: ArrayLike, rcond: float | None = None) -> NDArray[np.float64]:
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
    if rc >= 1:  # every sᵢ ≤ rcond·s₀ counts as zero (LAPACK keeps s₀ for a column)
        return np.zeros((a.shape[1], *y.shape[1:]))
    e = exponent(a)
    # A b beyond 2^500 is divided by 2^f as well (x(A, b) = 2^f·x(A, b/2^f)),
    # so x overflows only if it must (as Go's Lstsq).
    f = exponent(y) if exponent(y) > 500 else 0
    try:
        # (c·A)·(x/c) = b with c = 2⁻ᵉ, an exact scaling.
        x = np.linalg.lstsq(np.ldexp(a, -e), np.ldexp(y, -f), rcond=rc)[0]
    except np.linalg.LinAlgError:
        raise no_convergence("lstsq") from None
    with np.errstate(over="ignore"):
        x = np.ldexp(np.asarray(x, dtype=np.float64), f - e)
    # Beyond the float range (∞, or ∞·0): refused, as Go's Lstsq (docs/conventions.md).
    if not np.isfinite(x).all():
        raise invalid("lstsq", "the solution overflows")
    return x


def _matrix_rank(A: ArrayLike) -> int:
    a = nonempty_finite(A, "matrix_rank")
    try:
        return int(np.linalg.matrix_rank(np.ldexp(a, -exponent(a))))
    except np.linalg.LinAlgError:
        raise no_convergence("matrix_rank") from None


@twin(_front.decomp.pca)
def pca(X: ArrayLike, k: int) -> PCAResult:
    x = matrix(X, "pca", "X")
    kk = integer(k, "pca", "k")
    if x.size == 0:
        raise invalid("pca", "X is empty")
    if x.shape[0] < 2:
        raise invalid("pca", f"X needs at least two samples, got {x.shape[0]}")
    finite(x, "pca", "X")
    check_k("pca", kk, min(x.shape))
    # Data beyond 2^500 is divided by 2^e (exact) first, so that the mean and
    # the centred data do not overflow needlessly (as Go's PCA).
    e = int(np.frexp(np.max(np.abs(x)))[1]) if np.max(np.abs(x)) >= 2.0**500 else 0
    x = np.ldexp(x, -e)
    xc = x - x.mean(axis=0)
    _, s, Vt = canonical_svd(xc, "pca")
    components = Vt[:kk]
    with np.errstate(over="ignore"):
        variances = np.ldexp(s[:kk] ** 2 / (x.shape[0] - 1), 2 * e)
        return PCAResult(components, variances, np.ldexp(xc @ components.T, e))


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


@twin(_front.decomp.svdvals)
def svdvals(x: ArrayLike, /) -> NDArray[np.float64]:
    return _front.decomp_numpy.svdvals_with(_svdvals, _svdvals_stack, x, "svdvals", "x")


def _svdvals_stack(a: F64, lead: tuple[int, ...]) -> F64:
    return np.stack(each(_svdvals, a, lead))


def _svdvals(x: ArrayLike) -> NDArray[np.float64]:
    a = matrix(x, "svdvals", "x")
    finite(a, "svdvals", "x")
    if a.size == 0:
        return np.zeros(0)
    # svd's own singular values: svdvals(A) equals svd(A).s to the bit, as in the Go
    # package, where LAPACK's values-only path differs in the last bits.
    return canonical_svd(a, "svdvals").s


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
