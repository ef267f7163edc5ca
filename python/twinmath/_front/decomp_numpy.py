"""numpy's keywords and empty matrices for decomp, resolved once for both backends.

Each ``*_with`` function takes the backend's own computation (``core``, which
sees a non-empty matrix only) and applies what numpy.linalg's keywords mean
around it, so the two backends agree on every keyword and on every empty
matrix by construction (docs/conventions.md, "numpy's keywords"). The Go
package keeps the same rules in go/decomp_numpy.go.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, matrix, real, stack
from ..errors import invalid, not_square, shape_error
from .decomp import UNSET, LstsqResult, QRResult, SVDResult

F64 = NDArray[np.float64]


EPS = float(np.finfo(np.float64).eps)


def flag(value: Any, op: str, name: str) -> bool:
    """Return a boolean keyword's value; TypeError unless it is a bool."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{op}: {name} must be a bool, got {type(value).__name__}")
    return bool(value)


def lower_symmetric(a: F64, op: str, name: str = "A") -> F64:
    """Return the symmetric matrix of ``a``'s lower triangle (what ``hermitian=True`` reads).

    ``a`` is one matrix or a stack ``(count, n, n)``, symmetrised matrix by matrix.
    """
    if a.shape[-2] != a.shape[-1]:
        raise not_square(op, name, a.shape[-2:])
    low = np.tril(a)
    out: F64 = low + np.swapaxes(np.tril(a, -1), -1, -2)  # adds exact zeros only
    return out


Lead = tuple[int, ...]


def eyes(lead: Lead, m: int, k: int) -> F64:
    """Return the stack of leading shape ``lead`` of ``np.eye(m, k)`` (the one matrix for ``lead == ()``)."""
    return np.ascontiguousarray(np.broadcast_to(np.eye(m, k), (*lead, m, k)))


OLD_QR_MODES = {
    "f": "use 'reduced' (the default)",
    "full": "use 'reduced' (the default)",
    "e": "use 'raw' (its h is this result transposed)",
    "economic": "use 'raw' (its h is this result transposed)",
}
"""numpy's deprecated spellings of qr's mode, each with the advice its warning gives."""


def qr_with(
    core: Callable[[F64, str], tuple[F64, F64]],
    core_stack: Callable[[F64, Lead, str], tuple[F64, F64]],
    A: ArrayLike,
    mode: Any,
) -> QRResult | F64 | tuple[F64, F64]:
    """``qr`` with numpy's ``mode``: 'reduced', 'complete', 'r', 'raw'; stacks too.

    ``core(a, kind)`` factors the non-empty matrix ``a`` and
    ``core_stack(a, lead, kind)`` the ``(count, m, n)`` stack ``a`` (count ≥ 1,
    m, n ≥ 1), for ``kind`` 'reduced' (Q m×k, R k×n), 'complete' (Q m×m,
    R m×n; asked for m > n only, where it differs from 'reduced') or 'raw'
    (h n×m, tau k); the stack's results are packed ``(count, ...)``.
    """
    if isinstance(mode, str) and mode in OLD_QR_MODES:
        # numpy's spellings from before 1.8, which it still takes with a
        # DeprecationWarning: 'full' is 'reduced', 'economic' raw's h untransposed.
        warnings.warn(
            f"qr: mode={mode!r} is deprecated, {OLD_QR_MODES[mode]}", DeprecationWarning, stacklevel=3
        )
        if mode in ("e", "economic"):
            h = qr_with(core, core_stack, A, "raw")[0]
            return np.ascontiguousarray(np.swapaxes(h, -1, -2))
        mode = "reduced"
    if not isinstance(mode, str) or mode not in ("reduced", "complete", "r", "raw"):
        raise invalid("qr", f"mode must be 'reduced', 'complete', 'r' or 'raw', got {mode!r}")
    a, lead = stack(A, "qr", "A")
    count, m, n = a.shape
    k = min(m, n)
    if mode == "raw":  # numpy's plain tuple (h, tau)
        if m * n == 0 or (lead and count == 0):
            return np.zeros((*lead, n, m)), np.zeros((*lead, k))
        if not lead:
            return core(a[0], "raw")
        h, tau = core_stack(a, lead, "raw")
        return h.reshape((*lead, n, m)), tau.reshape((*lead, k))
    c = m if mode == "complete" else k
    kind = "complete" if c > k else "reduced"
    if m * n == 0:
        Q, R = eyes(lead, m, c), np.zeros((*lead, c, n))
    elif not lead:
        Q, R = core(a[0], kind)
    elif count == 0:
        Q, R = np.zeros((*lead, m, c)), np.zeros((*lead, c, n))
    else:
        q, r = core_stack(a, lead, kind)
        Q, R = q.reshape((*lead, m, c)), r.reshape((*lead, c, n))
    return R if mode == "r" else QRResult(Q, R)


def cholesky_with(
    core: Callable[[F64], F64], core_stack: Callable[[F64, Lead], F64], A: ArrayLike, upper: Any
) -> F64:
    """``cholesky`` with numpy's ``upper`` (U, ``A = U.T @ U``, from the upper triangle); stacks too."""
    up = flag(upper, "cholesky", "upper")
    a, lead = stack(A, "cholesky", "A")
    if a.shape[1] != a.shape[2]:
        raise not_square("cholesky", "A", a.shape[1:])
    if a.size == 0:
        return np.zeros((*lead, *a.shape[1:]))
    if up:  # numpy's upper=True reads the upper triangle: the lower one of A.T
        a = np.ascontiguousarray(a.transpose(0, 2, 1))
    L = core(a[0])[None] if not lead else core_stack(a, lead)
    if up:
        L = np.ascontiguousarray(L.transpose(0, 2, 1))
    return L.reshape((*lead, *a.shape[1:]))


def svd_with(
    core: Callable[[F64, bool], SVDResult],
    values: Callable[[F64], F64],
    core_stack: Callable[[F64, Lead, bool], tuple[F64, F64, F64]],
    values_stack: Callable[[F64, Lead], F64],
    A: ArrayLike,
    full_matrices: Any,
    compute_uv: Any,
    hermitian: Any,
) -> SVDResult | F64:
    """``svd`` with numpy's ``full_matrices``, ``compute_uv`` and ``hermitian``; stacks too.

    ``core(a, full)`` factors the non-empty matrix ``a``;
    ``core_stack(a, lead, full)`` and ``values_stack(a, lead)`` take the
    ``(count, m, n)`` stack ``a`` (count ≥ 1, m, n ≥ 1); their results are
    packed ``(count, ...)``. ``full`` (U m×m, Vt n×n) is asked for a
    non-square ``a`` only, where it differs from the thin factors.
    """
    full = flag(full_matrices, "svd", "full_matrices")
    uv = flag(compute_uv, "svd", "compute_uv")
    h = flag(hermitian, "svd", "hermitian")
    a, lead = stack(A, "svd", "A")
    if h:
        a = lower_symmetric(a, "svd")
    count, m, n = a.shape
    k = min(m, n)
    if not uv:
        return svdvals_with(values, values_stack, a.reshape((*lead, m, n)), "svd", "A")
    if m * n == 0:
        return SVDResult(
            eyes(lead, m, m) if full else np.zeros((*lead, m, 0)),
            np.zeros((*lead, 0)),
            eyes(lead, n, n) if full else np.zeros((*lead, 0, n)),
        )
    full = full and m != n
    cu, cv = (m, n) if full else (k, k)
    if not lead:
        return core(a[0], full)
    if count == 0:
        return SVDResult(np.zeros((*lead, m, cu)), np.zeros((*lead, k)), np.zeros((*lead, cv, n)))
    U, s, Vt = core_stack(a, lead, full)
    return SVDResult(U.reshape((*lead, m, cu)), s.reshape((*lead, k)), Vt.reshape((*lead, cv, n)))


def svdvals_with(
    values: Callable[[F64], F64], values_stack: Callable[[F64, Lead], F64], x: ArrayLike, op: str, name: str
) -> F64:
    """The singular values of one matrix (``values``) or of each of a stack (``values_stack``)."""
    a, lead = stack(x, op, name)
    count, m, n = a.shape
    k = min(m, n)
    if not lead:
        return np.zeros(0) if k == 0 else values(a[0])
    if k == 0 or count == 0:
        return np.zeros((*lead, k))
    return values_stack(a, lead).reshape((*lead, k))


def tolerances(x: Any, op: str, name: str, lead: Lead) -> F64:
    """Return the array ``x`` of per-matrix tolerances broadcast to the stack's leading shape, flattened.

    numpy's rule (``tol[..., newaxis]`` against the singular values): the
    array broadcasts against the stack; twinmath asks that it broadcast *to*
    the stack's leading shape (a ``ShapeError`` otherwise), so that each
    matrix has one tolerance and the result keeps the stack's shape.
    """
    t = array(x, op, name)
    try:
        full = np.broadcast_to(t, lead)
    except ValueError:
        raise shape_error(
            op, f"{name} of shape {t.shape} does not broadcast to the stack's shape {lead}"
        ) from None
    return np.ascontiguousarray(full, dtype=np.float64).reshape(-1)


def _is_array(x: Any) -> bool:
    return x is not None and x is not UNSET and np.ndim(x) > 0


def pinv_cutoff(rcond: Any, rtol: Any, m: int, n: int, lead: Lead = ()) -> Any:
    """The relative cutoff of ``pinv`` from numpy's ``rcond`` and ``rtol``.

    A float, or for an ``rcond`` or ``rtol`` array (numpy's per-matrix
    cutoffs) the flattened array of one cutoff per matrix of the stack.
    """
    if rcond is None:
        if rtol is UNSET:
            return 1e-15
        if rtol is None:
            return max(m, n) * EPS
        name, value = "rtol", rtol
    elif rtol is not UNSET:
        raise invalid("pinv", "`rtol` and `rcond` can't be both set.")  # numpy's words
    else:
        name, value = "rcond", rcond
    if _is_array(value):
        cuts = tolerances(value, "pinv", name, lead)
        bad = cuts[~((cuts >= 0) & (cuts < np.inf))]
        if bad.size:
            raise invalid("pinv", f"rcond must be a finite non-negative number, got {float(bad[0])!r}")
        return cuts
    rc = real(value, "pinv", name)
    if not 0 <= rc < np.inf:
        raise invalid("pinv", f"rcond must be a finite non-negative number, got {rc!r}")
    return rc


def pinv_with(
    core: Callable[[F64, float], F64],
    core_stack: Callable[[F64, Any, Lead], F64],
    A: ArrayLike,
    rcond: Any,
    hermitian: Any,
    rtol: Any,
) -> F64:
    """``pinv`` with numpy's ``rcond``, ``hermitian`` and ``rtol``, on stacks too.

    ``rcond`` or ``rtol`` may be an array broadcasting to the stack's
    leading shape: one cutoff per matrix (``core_stack`` then receives the
    flattened array, one value per matrix).
    """
    h = flag(hermitian, "pinv", "hermitian")
    a, lead = stack(A, "pinv", "A")
    _, m, n = a.shape
    rc = pinv_cutoff(rcond, rtol, m, n, lead)
    if h:
        a = lower_symmetric(a, "pinv")
    if a.size == 0:
        return np.zeros((*lead, n, m))
    if not lead:
        return core(a[0], float(np.reshape(rc, -1)[0]))
    return core_stack(a, rc, lead).reshape((*lead, n, m))


def matrix_rank_with(
    core: Callable[[F64], int],
    values: Callable[[F64], F64],
    core_stack: Callable[[F64, Lead], NDArray[np.int64]],
    values_stack: Callable[[F64, Lead], F64],
    A: ArrayLike,
    tol: Any,
    hermitian: Any,
    rtol: Any,
) -> Any:
    """``matrix_rank`` with numpy's ``tol``, ``hermitian`` and ``rtol``, on stacks too.

    ``tol`` or ``rtol`` may be an array broadcasting to the stack's leading
    shape: one tolerance per matrix.
    """
    h = flag(hermitian, "matrix_rank", "hermitian")
    a, lead = stack(A, "matrix_rank", "A")
    if tol is not None and rtol is not None:
        raise invalid("matrix_rank", "`tol` and `rtol` can't be both set.")  # numpy's words
    t: Any = None if tol is None else real(tol, "matrix_rank", "tol") if not _is_array(tol) else None
    r: Any = None if rtol is None else real(rtol, "matrix_rank", "rtol") if not _is_array(rtol) else None
    if _is_array(tol) or _is_array(rtol):
        per = tolerances(
            tol if _is_array(tol) else rtol, "matrix_rank", "tol" if _is_array(tol) else "rtol", lead
        )
        if h:
            a = lower_symmetric(a, "matrix_rank")
        if a.size == 0:
            return np.zeros(lead, dtype=np.int64)
        sv = values_stack(a, lead) if lead else values(a[0]).reshape(1, -1)
        cuts = per if _is_array(tol) else sv[:, 0] * per
        ranks = np.count_nonzero(sv > cuts[:, None], axis=1).astype(np.int64)
        return ranks.reshape(lead)
    if h:
        a = lower_symmetric(a, "matrix_rank")
    if not lead:
        if a.size == 0:
            return 0
        if t is None and r is None:
            return core(a[0])
        s = values(a[0])
        cut = t if t is not None else float(s[0]) * (r if r is not None else 0.0)
        return int(np.count_nonzero(s > cut))
    if a.size == 0:
        return np.zeros(lead, dtype=np.int64)
    if t is None and r is None:
        return core_stack(a, lead).reshape(lead)
    sv = values_stack(a, lead)
    cuts = np.full(sv.shape[0], t) if t is not None else sv[:, 0] * (r if r is not None else 0.0)
    return np.count_nonzero(sv > cuts[:, None], axis=1).astype(np.int64).reshape(lead)


def lstsq_with(
    core: Callable[[F64, ArrayLike, Any], F64],
    svdvals: Callable[[F64], F64],
    A: ArrayLike,
    b: ArrayLike,
    rcond: Any,
    full: Any,
) -> F64 | LstsqResult:
    """``lstsq``; an empty A (0×n or m×0) gives the zero solution, as numpy's.

    With ``full``, numpy's four results around the backend's own solution and
    singular values: the rank counts the sᵢ above the cutoff (rcond·s₀,
    numpy's default for None or a negative rcond), and the residuals are
    the squared column norms of b − A·x when rank = n < m, as dgelsd's.
    """
    want_all = flag(full, "lstsq", "full")
    a = matrix(A, "lstsq", "A")
    x = core(a, b, rcond) if a.size != 0 else _lstsq_empty(a, b, rcond)
    if not want_all:
        return x
    y = array(b, "lstsq", "b")
    m, n = a.shape
    s = svdvals(a) if a.size != 0 else np.zeros(0)
    rc = -1.0 if rcond is None else real(rcond, "lstsq", "rcond")
    cut = (max(m, n) * np.finfo(np.float64).eps if rc < 0 else rc) * (float(s[0]) if s.size else 0.0)
    rank = int(np.count_nonzero(s > cut))
    if rank == n and m > n:
        k = y.shape[1] if y.ndim == 2 else 1
        r = y.reshape(m, k) - a @ x.reshape(n, k)
        residuals = np.asarray(np.sum(r * r, axis=0), dtype=np.float64)
    else:
        residuals = np.zeros(0)
    return LstsqResult(x, residuals, rank, s)


def _lstsq_empty(a: F64, b: ArrayLike, rcond: Any) -> F64:
    y = array(b, "lstsq", "b")
    if y.ndim not in (1, 2):
        raise shape_error("lstsq", f"b must be 1-D or 2-D, got shape {y.shape}")
    if rcond is not None:
        rc = real(rcond, "lstsq", "rcond")
        if not np.isfinite(rc):
            raise invalid("lstsq", f"rcond must be finite, got {rc!r}")
    if y.shape[0] != a.shape[0]:
        raise shape_error("lstsq", f"A has {a.shape[0]} rows but b has {y.shape[0]}")
    if not np.isfinite(y).all():
        raise invalid("lstsq", "b contains NaN or Inf")
    return np.zeros((a.shape[1], *y.shape[1:]))
