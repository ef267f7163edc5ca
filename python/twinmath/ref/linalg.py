"""Matrices: products, transpose, trace, determinant, inverse, linear solve."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array, broadcast, matmul_operands, matrix, solve_rhs, stack
from .._front import twin
from .._front.linalg import SlogdetResult
from .._front.linalg_numpy import (
    chain,
    chain_out,
    chain_result,
    chain_shape,
    cond_order,
    cond_shape,
    exponent_of,
    offset_of,
    power_beyond_int64,
    tensordot_plan,
    tensordot_shape,
    tensorinv_plan,
    tensorsolve_plan,
    within_int64,
)
from ..errors import SingularMatrixError, in_stack, invalid, no_convergence, not_square, shape_error, singular

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.linalg.__all__


# inv shifts A by a power of two when max|A| lies beyond 2^±INV_SHIFT_EXPONENT.
INV_SHIFT_EXPONENT = 500


def square(a: ArrayLike, op: str, name: str = "A") -> NDArray[np.float64]:
    """Return ``a`` as a square, non-empty, finite float64 matrix.

    The checks run in the order the Go package makes them: shape, emptiness,
    finiteness.
    """
    x = matrix(a, op, name)
    if x.shape[0] != x.shape[1]:
        raise not_square(op, name, x.shape)
    if x.size == 0:
        raise invalid(op, f"{name} is empty")
    finite(x, op, name)
    return x


def finite(x: NDArray[np.float64], op: str, name: str) -> None:
    """Raise ValueError if ``x`` holds NaN or Inf."""
    if not np.isfinite(x).all():
        raise invalid(op, f"{name} contains NaN or Inf")


@twin(_front.linalg.matmul)
def matmul(A: ArrayLike, B: ArrayLike) -> Any:
    a, la, b, lb, keep = matmul_operands(A, B)
    lead = broadcast(la, lb, "matmul")
    if a.shape[2] != b.shape[1]:
        raise shape_error("matmul", f"inner dimensions {a.shape[2]} and {b.shape[1]} differ")
    out = np.matmul(a.reshape(la + a.shape[1:]), b.reshape(lb + b.shape[1:]))
    tail = (a.shape[1],) * keep[0] + (b.shape[2],) * keep[1]
    if not lead and not tail:
        return float(out.reshape(()))
    return np.ascontiguousarray(out.reshape(lead + tail), dtype=np.float64)


@twin(_front.linalg.transpose)
def transpose(A: ArrayLike) -> NDArray[np.float64]:
    # A copy even where the transpose is contiguous already (a column, a row).
    return np.array(matrix(A, "transpose", "A").T, order="C")


def _trace_one(a: NDArray[np.float64], k: int) -> float:
    if k >= a.shape[1] or k <= -a.shape[0]:
        return 0.0  # a diagonal outside A (numpy's own trace fails for |k| beyond C's int)
    return float(np.sum(np.diagonal(a, k)))


@twin(_front.linalg.trace)
def trace(A: ArrayLike, *, offset: int = 0) -> Any:
    k = offset_of(offset, "trace")
    a, lead = stack(A, "trace", "A")
    out = np.array([_trace_one(m, k) for m in a])
    return float(out[0]) if not lead else out.reshape(lead)


@twin(_front.linalg.det)
def det(A: ArrayLike) -> Any:
    a, lead = stack(A, "det", "A")
    square_stack(a, lead, "det", "A")
    d = np.linalg.det(a)
    return float(d[0]) if not lead else d.reshape(lead)


def square_stack(a: NDArray[np.float64], lead: tuple[int, ...], op: str, name: str) -> None:
    """Check the stack ``a`` as the Go package does: square, then each matrix finite.

    The checks run in Go's order: the shape of the whole stack first, then
    each matrix in turn; a failure names the first failing matrix (none
    for a single matrix, ``lead == ()``).
    """
    if a.shape[1] != a.shape[2]:
        raise not_square(op, name, a.shape[1:])
    finite_each(a, lead, op, name)


def finite_each(a: NDArray[np.float64], lead: tuple[int, ...], op: str, name: str) -> None:
    """Raise the ValueError of the first matrix of the stack ``a`` that holds NaN or Inf."""
    bad = np.flatnonzero(~np.isfinite(a).all(axis=(1, 2)))
    if bad.size:
        raise in_stack(invalid(op, f"{name} contains NaN or Inf"), int(bad[0]), lead)


def shifts(a: NDArray[np.float64]) -> NDArray[np.int64]:
    """Return, per matrix of the stack ``a``, the power of two inv and solve divide it by.

    e with max|Aᵢ| = f·2ᵉ, f in [½, 1), where |e| > INV_SHIFT_EXPONENT, else 0
    (as the Go package's luShift).
    """
    if a.size == 0:
        return np.zeros(a.shape[0], dtype=np.int64)
    e = np.frexp(np.max(np.abs(a), axis=(1, 2)))[1].astype(np.int64)
    return np.where(np.abs(e) > INV_SHIFT_EXPONENT, e, 0)


def first_singular(a: NDArray[np.float64]) -> int:
    """Return the index of the first matrix of the stack ``a`` that numpy's LU finds singular."""
    for i in range(a.shape[0]):
        try:
            np.linalg.inv(a[i])
        except np.linalg.LinAlgError:
            return i
    raise AssertionError("a batched LU failed on no single matrix")  # pragma: no cover


@twin(_front.linalg.inv)
def inv(A: ArrayLike) -> NDArray[np.float64]:
    a, lead = stack(A, "inv", "A")
    square_stack(a, lead, "inv", "A")
    # inv(c·A) = inv(A)/c with c = 2⁻ᵉ (exact), so that a tiny A (1e-310·I)
    # does not overflow inside the factorisation (the result may still, as
    # Go's does); only far from 1, where numpy's own rounding is unchanged.
    e = shifts(a)[:, None, None]
    x = np.ldexp(a, -e)
    try:
        with np.errstate(over="ignore"):
            out = np.ldexp(np.linalg.inv(x), -e)
    except np.linalg.LinAlgError:
        raise in_stack(singular("inv"), first_singular(x), lead) from None
    return out.reshape(lead + a.shape[1:])


@twin(_front.linalg.solve)
def solve(A: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    a, la = stack(A, "solve", "A")
    y, lb, vector = solve_rhs(b)
    lead = broadcast(la, lb, "solve")
    if a.shape[1] != a.shape[2]:
        raise not_square("solve", "A", a.shape[1:])
    if y.shape[1] != a.shape[1]:
        raise shape_error("solve", f"A is {a.shape[1]}x{a.shape[2]} but b has {y.shape[1]} rows")
    n, k = y.shape[1:]
    a = np.broadcast_to(a.reshape(la + a.shape[1:]), lead + a.shape[1:]).reshape(math.prod(lead), n, n)
    y = np.broadcast_to(y.reshape(lb + y.shape[1:]), lead + y.shape[1:]).reshape(math.prod(lead), n, k)
    # Go checks each pair in turn: A_i, then b_i.
    bad_a = np.asarray(~np.isfinite(a).all(axis=(1, 2)))
    bad_b = np.asarray(~np.isfinite(y).all(axis=(1, 2)))
    bad = np.flatnonzero(bad_a | bad_b)
    if bad.size:
        i = int(bad[0])
        raise in_stack(invalid("solve", f"{'A' if bad_a[i] else 'b'} contains NaN or Inf"), i, lead)
    # solve(c·A, b) = solve(A, b)/c with c = 2⁻ᵉ (exact), as in inv: LAPACK
    # mis-solves a subnormal A ([[6.675e-311, 2.225e-311], [2.225e-311, 4.45e-311]]).
    e = shifts(a)[:, None, None]
    x = np.ldexp(a, -e)
    try:
        with np.errstate(over="ignore"):
            out = np.ldexp(np.linalg.solve(x, y), -e)
    except np.linalg.LinAlgError:
        raise in_stack(singular("solve"), first_singular(x), lead) from None
    return np.asarray(out.reshape(lead + ((n,) if vector else (n, k))), dtype=np.float64)


def square_or_empty(a: ArrayLike, op: str, name: str) -> NDArray[np.float64]:
    """Return ``a`` as a square, finite float64 matrix; 0×0 passes."""
    x = matrix(a, op, name)
    if x.shape[0] != x.shape[1]:
        raise not_square(op, name, x.shape)
    finite(x, op, name)
    return x


@twin(_front.linalg.slogdet)
def slogdet(a: ArrayLike) -> SlogdetResult:
    x, lead = stack(a, "slogdet", "a")
    square_stack(x, lead, "slogdet", "a")
    # Rows whose largest magnitude lies beyond 2^±500 are divided by 2^e, e
    # its binary exponent (exact), and Σe·ln 2 added back, as Go's Slogdet
    # does: LAPACK mis-factors subnormal rows ([[0, 5e-324], [5e-324,
    # 5e-324]] gave sign -1 with log 0 = -inf) and huge ones overflow.
    with np.errstate(invalid="ignore"):
        e = np.frexp(np.max(np.abs(x), axis=-1, initial=0.0))[1]
    e = np.where((e > 500) | (e < -500), e, 0)
    sign, logabsdet = np.linalg.slogdet(np.ldexp(x, -e[..., None]))
    shift = e.sum(axis=-1)
    logabsdet = np.where(shift != 0, logabsdet + shift * math.log(2.0), logabsdet)
    if not lead:
        return SlogdetResult(float(sign[0]), float(logabsdet[0]))
    return SlogdetResult(sign.reshape(lead), logabsdet.reshape(lead))


def _cond_one(a: NDArray[np.float64], q: float | str | None) -> float:
    """The condition number of the non-empty matrix ``a`` of the right shape (see ``cond``)."""
    if q is None or q in (2.0, -2.0):
        finite(a, "cond", "x")
        try:
            s = np.linalg.svd(a, compute_uv=False)
        except np.linalg.LinAlgError:
            raise no_convergence("cond") from None
        with np.errstate(divide="ignore", invalid="ignore"):
            r = float(s[-1] / s[0]) if q == -2.0 else float(s[0] / s[-1])
        return math.inf if math.isnan(r) else r
    finite(a, "cond", "x")
    try:
        ai = np.linalg.inv(a)
    except np.linalg.LinAlgError:
        return math.inf
    from .vectors import matrix_norm

    with np.errstate(over="ignore", invalid="ignore"):
        r = matrix_norm(a, ord=q) * matrix_norm(ai, ord=q)
    return math.inf if math.isnan(r) else float(r)


@twin(_front.linalg.cond)
def cond(x: ArrayLike, p: float | str | None = None) -> Any:
    q = cond_order(p)
    a, lead = stack(x, "cond", "x")
    cond_shape(a.shape[1:], q)
    out = np.empty(a.shape[0])
    for i in range(a.shape[0]):
        try:
            out[i] = _cond_one(a[i], q)
        except ValueError as e:  # NaN or Inf, no convergence: named by index
            raise in_stack(e, i, lead) from None
    return float(out[0]) if not lead else out.reshape(lead)


def _matrix_power_one(x: NDArray[np.float64], k: int) -> NDArray[np.float64]:
    """The power ``k`` of the square matrix ``x`` (see ``matrix_power``)."""
    if x.size == 0 or k == 0:
        return np.eye(x.shape[0])
    if k < 0:
        finite(x, "matrix_power", "a")
        try:
            x = np.asarray(np.linalg.inv(x), dtype=np.float64)
        except np.linalg.LinAlgError:
            raise singular("matrix_power") from None
    # np.array copies: numpy returns its input itself for n = 1.
    return np.array(np.linalg.matrix_power(x, abs(k)), dtype=np.float64, order="C")


@twin(_front.linalg.matrix_power)
def matrix_power(a: ArrayLike, n: int) -> NDArray[np.float64]:
    k = exponent_of(n, "matrix_power", "n", int64=False)
    if not within_int64(k):
        return power_beyond_int64(matrix_power, matmul, a, k)
    x, lead = stack(a, "matrix_power", "a")
    if x.shape[1] != x.shape[2]:
        raise not_square("matrix_power", "a", x.shape[1:])
    out = np.empty(x.shape)
    for i in range(x.shape[0]):
        try:
            out[i] = _matrix_power_one(x[i], k)
        except ValueError as e:  # NaN or Inf, singular (n < 0): named by index
            raise in_stack(e, i, lead) from None
    return out.reshape(lead + x.shape[1:])


@twin(_front.linalg.multi_dot)
def multi_dot(arrays: Sequence[ArrayLike], *, out: NDArray[np.float64] | None = None) -> Any:
    ms = chain(arrays)
    dst = chain_out(out, chain_shape(arrays, ms))
    product = np.ascontiguousarray(np.linalg.multi_dot(ms), dtype=np.float64)
    if dst is None:
        return chain_result(arrays, product)
    dst.reshape(product.shape)[...] = product  # after every factor is read: dst may overlap them
    return dst


@twin(_front.linalg.diagonal)
def diagonal(x: ArrayLike, /, *, offset: int = 0) -> NDArray[np.float64]:
    k = offset_of(offset, "diagonal")
    a, lead = stack(x, "diagonal", "x")
    d = np.diagonal(a, k, axis1=1, axis2=2)
    return np.array(d.reshape(lead + d.shape[1:]), order="C")  # a copy, never a view


@twin(_front.linalg.matrix_transpose)
def matrix_transpose(x: ArrayLike, /) -> NDArray[np.float64]:
    a, lead = stack(x, "matrix_transpose", "x")
    t = np.swapaxes(a, 1, 2)
    return np.array(t.reshape(lead + t.shape[1:]), order="C")  # a copy, never a view


@twin(_front.linalg.tensorsolve)
def tensorsolve(a: ArrayLike, b: ArrayLike, axes: Sequence[int] | None = None) -> NDArray[np.float64]:
    x, y = array(a, "tensorsolve", "a"), array(b, "tensorsolve", "b")
    order, shape = tensorsolve_plan(x, y, axes)
    q = y.size
    if q == 0:
        return np.zeros(shape)
    finite(x, "tensorsolve", "a")
    finite(y, "tensorsolve", "b")
    try:
        return solve(np.ascontiguousarray(x.transpose(order)).reshape(q, q), y.reshape(q)).reshape(shape)
    except SingularMatrixError:
        raise singular("tensorsolve") from None


@twin(_front.linalg.tensorinv)
def tensorinv(a: ArrayLike, ind: int = 2) -> NDArray[np.float64]:
    x = array(a, "tensorinv", "a")
    k = tensorinv_plan(x, ind)
    finite(x, "tensorinv", "a")
    rows = math.prod(x.shape[k:])
    try:
        return inv(x.reshape(rows, rows)).reshape(x.shape[k:] + x.shape[:k])
    except SingularMatrixError:
        raise singular("tensorinv") from None


@twin(_front.linalg.tensordot)
def tensordot(a: ArrayLike, b: ArrayLike, axes: int | Sequence[Any] = 2) -> NDArray[np.float64]:
    x, y = array(a, "tensordot", "a"), array(b, "tensordot", "b")
    sa, sb = tensordot_plan(x, y, axes)
    r = np.tensordot(x, y, (sa, sb))
    return np.ascontiguousarray(r, dtype=np.float64).reshape(tensordot_shape(x, y, sa, sb))
