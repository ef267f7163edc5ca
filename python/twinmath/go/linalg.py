"""Matrices, computed by the Go library (documented in twinmath._front.linalg)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import F64 as _F64
from .._convert import array, broadcast, matmul_operands, matrix, solve_rhs, spread, stack
from .._front import twin
from .._front.linalg import SlogdetResult
from . import _native as _n  # for matrix_power, whose exponent is named n
from . import _native as n
from ._native import ptr

_ndarray = np.ndarray

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.linalg.__all__


@twin(_front.linalg.matmul)
def matmul(A: ArrayLike, B: ArrayLike) -> Any:
    if (
        A.__class__ is _ndarray
        and B.__class__ is _ndarray
        and A.dtype is _F64
        and B.dtype is _F64
        and A.ndim == 2 == B.ndim
        and A.flags.c_contiguous
        and B.flags.c_contiguous
    ):
        # Two matrices as Go reads them: the general path below without its
        # stacks and broadcasting (some microseconds, the cost of a whole
        # 16×16 product).
        (m, k), (k2, p) = A.shape, B.shape
        out = np.empty((m, p))
        n.call(n.lib.tm_matmul, ptr(A), m, k, ptr(B), k2, p, ptr(out), work=m * k * p)
        return out
    a, la, b, lb, keep = matmul_operands(A, B)
    lead = broadcast(la, lb, "matmul")
    (_, m, k), (_, k2, p) = a.shape, b.shape
    tail = (m,) * keep[0] + (p,) * keep[1]
    if not lead:
        out = np.empty((m, p))
        n.call(n.lib.tm_matmul, ptr(a), m, k, ptr(b), k2, p, ptr(out), work=m * k * p)
        return float(out[0, 0]) if not tail else out.reshape(tail)
    a, b = spread(a, la, lead), spread(b, lb, lead)
    out = np.empty((math.prod(lead), m, p))
    n.call(n.lib.tm_matmul_stack, ptr(a), *a.shape, ptr(b), *b.shape, ptr(out), work=out.size * k)
    return out.reshape(lead + tail)


@twin(_front.linalg.transpose)
def transpose(A: ArrayLike) -> NDArray[np.float64]:
    a = matrix(A, "transpose", "A")
    out = np.empty(a.shape[::-1])
    n.call(n.lib.tm_transpose, ptr(a), *a.shape, ptr(out))
    return out


@twin(_front.linalg.trace)
def trace(A: ArrayLike, *, offset: int = 0) -> Any:
    k = _front.linalg_numpy.offset_of(offset, "trace")
    a, lead = stack(A, "trace", "A")
    if not lead:
        return n.scalar(n.lib.tm_trace_offset, ptr(a), *a.shape[1:], k)
    out = np.empty(a.shape[0])
    n.call(n.lib.tm_trace_stack, ptr(a), *a.shape, k, ptr(out))
    return out.reshape(lead)


@twin(_front.linalg.det)
def det(A: ArrayLike) -> Any:
    a, lead = stack(A, "det", "A")
    if not lead:
        m = a[0]
        return n.scalar(n.lib.tm_det, ptr(m), *m.shape, work=m.size * m.shape[0])
    out = np.empty(a.shape[0])
    n.call(n.lib.tm_det_stack, ptr(a), *a.shape, ptr(out), work=a.size * a.shape[1])
    return out.reshape(lead)


@twin(_front.linalg.inv)
def inv(A: ArrayLike) -> NDArray[np.float64]:
    a, lead = stack(A, "inv", "A")
    out = np.empty(a.shape)
    if not lead:
        n.call(n.lib.tm_inv, ptr(a), *a.shape[1:], ptr(out), work=a.size * a.shape[1])
        return out.reshape(a.shape[1:])
    n.call(n.lib.tm_inv_stack, ptr(a), *a.shape, ptr(out), work=a.size * a.shape[1])
    return out.reshape(lead + a.shape[1:])


@twin(_front.linalg.solve)
def solve(A: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    a, la = stack(A, "solve", "A")
    y, lb, vector = solve_rhs(b)
    lead = broadcast(la, lb, "solve")
    (_, m, k), (_, nb, kb) = a.shape, y.shape
    tail = (nb,) if vector else (nb, kb)
    work = a.size * (m + kb)
    if not lead:
        out = np.empty((nb, kb))
        n.call(n.lib.tm_solve, ptr(a), m, k, ptr(y), nb, kb, ptr(out), work=work)
        return out.reshape(tail)
    a, y = spread(a, la, lead), spread(y, lb, lead)
    out = np.empty((math.prod(lead), nb, kb))
    n.call(
        n.lib.tm_solve_stack, ptr(a), *a.shape, ptr(y), *y.shape, ptr(out), work=out.shape[0] * m * (m + kb)
    )
    return out.reshape(lead + tail)


@twin(_front.linalg.slogdet)
def slogdet(a: ArrayLike) -> SlogdetResult:
    x, lead = stack(a, "slogdet", "a")
    if not lead:
        out = np.empty(2)
        n.call(n.lib.tm_slogdet, ptr(x), *x.shape[1:], ptr(out), ptr(out[1:]), work=x.size * x.shape[1])
        return SlogdetResult(float(out[0]), float(out[1]))
    sign, logabsdet = np.empty(x.shape[0]), np.empty(x.shape[0])
    n.call(n.lib.tm_slogdet_stack, ptr(x), *x.shape, ptr(sign), ptr(logabsdet), work=x.size * x.shape[1])
    return SlogdetResult(sign.reshape(lead), logabsdet.reshape(lead))


@twin(_front.linalg.cond)
def cond(x: ArrayLike, p: float | str | None = None) -> Any:
    q = _front.linalg_numpy.cond_order(p)
    a, lead = stack(x, "cond", "x")
    if not lead:
        m = a[0]
        # The inverse's LU solve for most orders; the singular values for ±2 and "nuc".
        inverse, svd = m.size * m.shape[0], n.SVD_WORK * m.size * min(m.shape)
        if q == "fro":
            return n.scalar(n.lib.tm_cond_fro, ptr(m), *m.shape, work=inverse)
        if q == "nuc":
            return n.scalar(n.lib.tm_cond_nuc, ptr(m), *m.shape, work=inverse + 2 * svd)
        p = 2.0 if q is None else q
        return n.scalar(n.lib.tm_cond, ptr(m), *m.shape, p, work=svd if p in (2.0, -2.0) else inverse)
    kind = {"fro": 1, "nuc": 2}.get(q, 0) if isinstance(q, str) else 0
    order = 2.0 if q is None or isinstance(q, str) else q
    out = np.empty(a.shape[0])
    work = a.shape[0] * 12 * a.shape[1] * a.shape[2] * min(a.shape[1:]) + 1
    n.call(n.lib.tm_cond_stack, ptr(a), *a.shape, order, kind, ptr(out), work=work)
    return out.reshape(lead)


@twin(_front.linalg.matrix_power)
def matrix_power(a: ArrayLike, n: int) -> NDArray[np.float64]:
    k = _front.linalg_numpy.exponent_of(n, "matrix_power", "n", int64=False)
    if not _front.linalg_numpy.within_int64(k):
        return _front.linalg_numpy.power_beyond_int64(matrix_power, matmul, a, k)
    x, lead = stack(a, "matrix_power", "a")
    out = np.empty(x.shape)
    if not lead:
        # At most two products per bit of |n| (squaring, multiplying in), and the inverse for n < 0.
        m = x[0]
        work = m.size * m.shape[0] * (2 * abs(k).bit_length() + (k < 0))
        _n.call(_n.lib.tm_matrix_power, ptr(m), *m.shape, k, ptr(out), work=work)
        return out.reshape(x.shape[1:])
    work = x.size * x.shape[1] * 2 * max(abs(k), 1).bit_length() + 1
    _n.call(_n.lib.tm_matrix_power_stack, ptr(x), *x.shape, k, ptr(out), work=work)
    return out.reshape(lead + x.shape[1:])


@twin(_front.linalg.multi_dot)
def multi_dot(arrays: Sequence[ArrayLike], *, out: NDArray[np.float64] | None = None) -> Any:
    ms = _front.linalg_numpy.chain(arrays)
    dst = _front.linalg_numpy.chain_out(out, _front.linalg_numpy.chain_shape(arrays, ms))
    dims = [m.shape[0] for m in ms] + [ms[-1].shape[1]]
    # Go writes out's own buffer; a factor sharing memory with it is read from a copy there.
    product = np.empty((dims[0], dims[-1])) if dst is None else dst
    ptrs = n.ffi.new("double *[]", [ptr(m) for m in ms])
    # The left-to-right cost: no less than that of the order Go chooses.
    work = sum(dims[0] * dims[i] * dims[i + 1] for i in range(1, len(dims) - 1))
    n.call(n.lib.tm_multi_dot, len(ms), ptrs, n.ffi.new("int64_t[]", dims), ptr(product), work=work)
    return _front.linalg_numpy.chain_result(arrays, product) if dst is None else dst


@twin(_front.linalg.diagonal)
def diagonal(x: ArrayLike, /, *, offset: int = 0) -> NDArray[np.float64]:
    k = _front.linalg_numpy.offset_of(offset, "diagonal")
    a, lead = stack(x, "diagonal", "x")
    count, r, c = a.shape
    length = max(0, min(r, c - k) if k >= 0 else min(r + k, c))
    out = np.empty((count, length))
    if not lead:
        n.call(n.lib.tm_diagonal, ptr(a), r, c, k, ptr(out), length)
        return out.reshape((length,))
    n.call(n.lib.tm_diagonal_stack, ptr(a), count, r, c, k, ptr(out), length)
    return out.reshape((*lead, length))


@twin(_front.linalg.matrix_transpose)
def matrix_transpose(x: ArrayLike, /) -> NDArray[np.float64]:
    a, lead = stack(x, "matrix_transpose", "x")
    count, r, c = a.shape
    out = np.empty((count, c, r))
    if not lead:
        n.call(n.lib.tm_matrix_transpose, ptr(a), r, c, ptr(out))
        return out.reshape(c, r)
    n.call(n.lib.tm_matrix_transpose_stack, ptr(a), count, r, c, ptr(out))
    return out.reshape((*lead, c, r))


def _tensor(x: NDArray[np.float64]) -> tuple[Any, int, Any]:
    """The C arguments of an n-D array: its data, its number of dimensions and its shape."""
    return ptr(x), x.ndim, n.ffi.new("int64_t[]", list(x.shape))


@twin(_front.linalg.tensorsolve)
def tensorsolve(a: ArrayLike, b: ArrayLike, axes: Sequence[int] | None = None) -> NDArray[np.float64]:
    x, y = array(a, "tensorsolve", "a"), array(b, "tensorsolve", "b")
    _, shape = _front.linalg_numpy.tensorsolve_plan(x, y, axes)
    out = np.empty(shape)
    ax = n.ffi.NULL if axes is None else n.ffi.new("int64_t[]", [int(k) for k in axes])
    na = 0 if axes is None else len(axes)
    n.call(
        n.lib.tm_tensorsolve,
        *_tensor(x),
        *_tensor(y),
        ax,
        na,
        ptr(out),
        out.size,
        work=x.size * out.size,  # q² values of a, q unknowns: q³
    )
    return out


@twin(_front.linalg.tensorinv)
def tensorinv(a: ArrayLike, ind: int = 2) -> NDArray[np.float64]:
    x = array(a, "tensorinv", "a")
    k = _front.linalg_numpy.tensorinv_plan(x, ind)
    out = np.empty(x.shape[k:] + x.shape[:k])
    # Go takes ind itself; k = min(ind, a.ndim), and ind = max(k, 1) gives the same k (0 for a 0-D a).
    work = x.size * math.isqrt(x.size)  # the inverse of a q×q matrix, q² = a.size
    n.call(n.lib.tm_tensorinv, *_tensor(x), max(k, 1), ptr(out), out.size, work=work)
    return out


@twin(_front.linalg.tensordot)
def tensordot(a: ArrayLike, b: ArrayLike, axes: int | Sequence[Any] = 2) -> NDArray[np.float64]:
    x, y = array(a, "tensordot", "a"), array(b, "tensordot", "b")
    sa, sb = _front.linalg_numpy.tensordot_plan(x, y, axes)
    out = np.empty(_front.linalg_numpy.tensordot_shape(x, y, sa, sb))
    pa, pb = n.ffi.new("int64_t[]", sa), n.ffi.new("int64_t[]", sb)
    n.call(
        n.lib.tm_tensordot,
        *_tensor(x),
        *_tensor(y),
        pa,
        pb,
        len(sa),
        ptr(out),
        out.size,
        # A (m×k)·(k×p) product: a.size·b.size = out.size·k².
        work=math.isqrt(x.size * y.size * out.size),
    )
    return out
