"""Vectors, computed by the Go library (documented in twinmath._front.vectors)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import F64 as _F64
from .._convert import real, vector
from .._front import twin
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.vectors.__all__

# The length up to which dot passes its vectors to C as bytes (a.tobytes(),
# b.tobytes()) to tm_dot_bytes, which has three arguments and returns the
# product. cffi hands a bytes object over as a pointer to its contents, which
# costs less than exporting a buffer (ffi.from_buffer), checking its layout
# and passing tm_dot's seven arguments; the copy that tobytes makes costs
# more as the vectors grow. Dot computes the same sum either way, so the
# result's bits are the same. A NaN from tm_dot_bytes (NaN inputs, or a call
# that failed) goes through tm_dot, which gives the same NaN or the error.
SHORT = 2048
_ndarray = np.ndarray


@twin(_front.vectors.add)
def add(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    return n.vectors_to_array(n.lib.tm_add, "add", a, b, ("a", "b"))


@twin(_front.vectors.subtract)
def subtract(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    return n.vectors_to_array(n.lib.tm_subtract, "subtract", a, b, ("a", "b"))


@twin(_front.vectors.scale)
def scale(v: ArrayLike, c: float) -> NDArray[np.float64]:
    x = vector(v, "scale", "v")
    out = np.empty(x.size)
    n.call(n.lib.tm_scale, ptr(x), x.size, real(c, "scale", "c"), ptr(out))
    return out


@twin(_front.vectors.dot)
def dot(a: ArrayLike, b: ArrayLike) -> float:
    if (
        a.__class__ is _ndarray
        and b.__class__ is _ndarray
        and a.dtype is _F64
        and b.dtype is _F64
        and a.ndim == 1 == b.ndim
        and (k := len(a)) == len(b)
        and k <= SHORT
    ):
        # Short vectors cross as bytes (see SHORT).
        r: float = n.lib.tm_dot_bytes(a.tobytes(), b.tobytes(), k)
        if r == r:
            return r
    x, y = vector(a, "dot", "a"), vector(b, "dot", "b")
    return n.scalar(n.lib.tm_dot, ptr(x), x.size, ptr(y), y.size)  # type: ignore[no-any-return]


@overload
def norm(
    v: ArrayLike, ord: float | str | None = ..., axis: None = ..., keepdims: Literal[False] = ...
) -> float: ...
@overload
def norm(
    v: ArrayLike, ord: float | str | None = ..., axis: int | Sequence[int] | None = ..., keepdims: bool = ...
) -> Any: ...


@twin(_front.vectors.norm)
def norm(
    v: ArrayLike, ord: float | str | None = 2, axis: int | Sequence[int] | None = None, keepdims: bool = False
) -> Any:
    p = _front.vectors.norm_plan(v, ord, axis, keepdims)
    if p.kind == "stack":
        return _front.vectors.norm_result(_matrix_norms(p.x, p.ord), p)
    if p.kind == "axis":
        out = np.empty(math.prod(p.x.shape[: p.axis] + p.x.shape[p.axis + 1 :]))
        shape = n.ffi.new("int64_t[]", list(p.x.shape))
        n.call(n.lib.tm_norm_axis, ptr(p.x), p.x.ndim, shape, p.axis, p.ord, ptr(out), out.size)
        return _front.vectors.norm_result(out, p)
    return _front.vectors.norm_result(_norm_of(p.x, p.ord), p)


@twin(_front.vectors.cosine_similarity)
def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    x, y = vector(a, "cosine_similarity", "a"), vector(b, "cosine_similarity", "b")
    return n.scalar(n.lib.tm_cosine_similarity, ptr(x), x.size, ptr(y), y.size)  # type: ignore[no-any-return]


@twin(_front.vectors.outer)
def outer(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    return n.vectors_to_array(n.lib.tm_outer, "outer", a, b, ("a", "b"), outer=True)


@twin(_front.vectors.project)
def project(a: ArrayLike, onto: ArrayLike) -> NDArray[np.float64]:
    return n.vectors_to_array(n.lib.tm_project, "project", a, onto, ("a", "onto"))


def _norm_of(x: NDArray[np.float64], o: float | str) -> float:
    """The o-norm of a checked 1-D or 2-D x, for an order checked by the reference's helpers."""
    if x.ndim == 1:
        return n.scalar(n.lib.tm_vector_norm, ptr(x), x.size, o)  # type: ignore[no-any-return]
    if o == "fro":
        return n.scalar(n.lib.tm_frobenius_norm, ptr(x), *x.shape)  # type: ignore[no-any-return]
    svd = n.SVD_WORK * x.size * min(x.shape)  # the singular values, for "nuc" and ±2
    if o == "nuc":
        return n.scalar(n.lib.tm_nuclear_norm, ptr(x), *x.shape, work=svd)  # type: ignore[no-any-return]
    work = svd if o in (2, -2) else x.size
    return n.scalar(n.lib.tm_matrix_norm, ptr(x), *x.shape, o, work=work)  # type: ignore[no-any-return]


@twin(_front.vectors.cross)
def cross(x1: ArrayLike, x2: ArrayLike, /, *, axis: int = -1) -> NDArray[np.float64]:
    plan = _front.vectors.cross_args(x1, x2, axis)
    a, b = plan.a, plan.b
    if not plan.lead:
        out = np.empty(3)
        n.call(n.lib.tm_cross, ptr(a), a.size, ptr(b), b.size, ptr(out))
        return out
    out = np.empty((math.prod(plan.lead), 3))
    n.call(n.lib.tm_cross_stack, ptr(a), *a.shape, ptr(b), *b.shape, ptr(out), len(out))
    return _front.vectors.cross_result(plan, out)


@twin(_front.vectors.vector_norm)
def vector_norm(
    x: ArrayLike, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False, ord: float = 2
) -> Any:
    if axis is not None:
        o, rows, shape = _front.vectors.vector_norm_lanes(x, axis, keepdims, ord)
        out = np.empty(rows.shape[0])
        dims = n.ffi.new("int64_t[]", list(rows.shape))
        n.call(n.lib.tm_norm_axis, ptr(rows), 2, dims, 1, o, ptr(out), out.size)
        return out.reshape(shape)
    o, v, ndim = _front.vectors.vector_norm_args(x, axis, keepdims, ord)
    return _front.vectors.keep(_norm_of(v, o), ndim, bool(keepdims))


def _matrix_norms(a: NDArray[np.float64], o: float | str) -> NDArray[np.float64]:
    """The o-norms of the matrices of the stack ``a`` (count, m, n), in one batched call."""
    kind = {"fro": 1, "nuc": 2}.get(o, 0) if isinstance(o, str) else 0
    order = 0.0 if isinstance(o, str) else o
    out = np.empty(a.shape[0])
    heavy = (isinstance(o, str) and o == "nuc") or o in (2.0, -2.0)
    work = (
        a.shape[0] * (12 * a.shape[1] * a.shape[2] * min(a.shape[1:]) if heavy else a.shape[1] * a.shape[2])
        + 1
    )
    n.call(n.lib.tm_matrix_norm_stack, ptr(a), *a.shape, order, kind, ptr(out), work=work)
    return out


@twin(_front.vectors.matrix_norm)
def matrix_norm(x: ArrayLike, /, *, keepdims: bool = False, ord: float | str = "fro") -> Any:
    o, a, shape = _front.vectors.matrix_norm_stack(x, keepdims, ord)
    if shape is None:
        return _norm_of(a[0], o)
    return _matrix_norms(a, o).reshape(shape)
