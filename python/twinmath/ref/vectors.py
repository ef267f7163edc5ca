"""Vectors: elementwise arithmetic, dot products, norms, similarity, projection."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import real, vector
from .._front import twin
from .._front.vectors import (
    cross_args,
    cross_result,
    keep,
    matrix_norm_stack,
    norm_plan,
    norm_result,
    vector_norm_args,
    vector_norm_lanes,
)
from ..errors import lengths_differ

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.vectors.__all__


def _pair(op: str, a: Any, b: Any, bname: str = "b") -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    x, y = vector(a, op, "a"), vector(b, op, bname)
    if x.size != y.size:
        raise lengths_differ(op, x.size, y.size)
    return x, y


@twin(_front.vectors.add)
def add(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    x, y = _pair("add", a, b)
    return x + y


@twin(_front.vectors.subtract)
def subtract(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    x, y = _pair("subtract", a, b)
    return x - y


@twin(_front.vectors.scale)
def scale(v: ArrayLike, c: float) -> NDArray[np.float64]:
    x = vector(v, "scale", "v")
    return real(c, "scale", "c") * x


@twin(_front.vectors.dot)
def dot(a: ArrayLike, b: ArrayLike) -> float:
    x, y = _pair("dot", a, b)
    return float(np.dot(x, y))


def _norm2(x: NDArray[np.float64]) -> float:
    s = float(np.dot(x, x))
    if 2.0**-900 <= s < np.inf:
        return math.sqrt(s)
    # The squares may have overflowed or lost bits to underflow: scale by the
    # largest magnitude first (np.linalg.norm([1e200, 1e200]) is inf; this is
    # 1.41e200).
    m = np.max(np.abs(x), initial=0.0)
    if m == 0 or not np.isfinite(m):
        return float(m)
    return float(m * np.sqrt(np.dot(x / m, x / m)))


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
    p = norm_plan(v, ord, axis, keepdims)
    if p.kind == "stack":
        return norm_result(matrix_norms(p.x, p.ord, "norm"), p)
    if p.kind == "axis":
        lanes = np.moveaxis(p.x, p.axis, -1)
        rows = lanes.reshape(math.prod(lanes.shape[:-1]), lanes.shape[-1])
        r = np.array([vector_norm_of(lane, float(p.ord)) for lane in rows])
        return norm_result(r.reshape(lanes.shape[:-1]), p)
    if p.kind == "vector":
        return norm_result(vector_norm_of(p.x, float(p.ord)), p)
    return norm_result(matrix_norm_of(p.x, p.ord, "norm"), p)


@twin(_front.vectors.cosine_similarity)
def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    x, y = _pair("cosine_similarity", a, b)
    mx = np.max(np.abs(x), initial=0.0)
    my = np.max(np.abs(y), initial=0.0)
    if mx == 0 or my == 0:
        return 0.0
    x, y = x / mx, y / my
    c = np.dot(x, y) / (np.sqrt(np.dot(x, x)) * np.sqrt(np.dot(y, y)))
    return float(np.clip(c, -1.0, 1.0))


@twin(_front.vectors.outer)
def outer(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    return np.outer(vector(a, "outer", "a"), vector(b, "outer", "b"))


@twin(_front.vectors.project)
def project(a: ArrayLike, onto: ArrayLike) -> NDArray[np.float64]:
    x, u = _pair("project", a, onto, "onto")
    m = np.max(np.abs(u), initial=0.0)
    if m == 0:
        return np.zeros_like(x)
    u = u / m
    p: NDArray[np.float64] = (np.dot(x, u) / np.dot(u, u)) * u
    return p


def vector_norm_of(x: NDArray[np.float64], o: float) -> float:
    """Return the o-norm of the 1-D x, for any order o (see ``vector_norm``)."""
    a = np.abs(x)
    if o == 1:
        return float(np.sum(a))
    if o == 2:
        return _norm2(x)
    if o == math.inf:
        return float(np.max(a, initial=0.0))
    if o == -math.inf:
        return float(np.min(a, initial=math.inf))
    if o == 0:
        return float(np.count_nonzero(x))
    if x.size == 0:
        return math.inf if o < 0 else 0.0
    m = float(np.max(a))
    if math.isnan(m):
        return m
    if math.isinf(m):
        if o > 0:
            return m
        return vector_norm_of(x[~np.isinf(x)], o)  # |±inf|^p = 0 for p < 0
    if m == 0:
        return 0.0
    if o < 0:
        # The smallest magnitude scales: every term is then at most 1.
        m = float(np.min(a))
        if m == 0:
            return 0.0
    total = 0.0
    for t in (a / m) ** o:  # left to right, as the Go package adds
        total += float(t)
    with np.errstate(over="ignore"):
        # numpy's power, not Python's: a root that overflows (a tiny p) is
        # inf, as in Go, not an OverflowError.
        return float(m * np.power(np.float64(total), 1.0 / o))


def matrix_norm_of(x: NDArray[np.float64], o: float | str, op: str) -> float:
    """Return the o-norm of the 2-D x (see ``matrix_norm``)."""
    from .decomp import spectral_norm, svdvals

    if o == "fro":
        return _norm2(x.ravel())
    if o in (1.0, -1.0, math.inf, -math.inf):
        sums = np.sum(np.abs(x), axis=0 if abs(o) == 1 else 1)
        if sums.size == 0:
            return 0.0
        return float(np.max(sums) if o > 0 else np.min(sums))
    if o == 2.0:
        return spectral_norm(x)
    if x.size == 0:
        return 0.0
    m = float(np.max(np.abs(x)))
    if not math.isfinite(m):
        return m if (o == "nuc" or math.isnan(m)) else math.nan
    s = svdvals(x)
    return float(np.sum(s)) if o == "nuc" else float(s[-1])


@twin(_front.vectors.cross)
def cross(x1: ArrayLike, x2: ArrayLike, /, *, axis: int = -1) -> NDArray[np.float64]:
    plan = cross_args(x1, x2, axis)
    return cross_result(plan, np.cross(plan.a, plan.b))


@twin(_front.vectors.vector_norm)
def vector_norm(
    x: ArrayLike, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False, ord: float = 2
) -> Any:
    if axis is not None:
        o, rows, shape = vector_norm_lanes(x, axis, keepdims, ord)
        return np.array([vector_norm_of(lane, o) for lane in rows], dtype=np.float64).reshape(shape)
    o, v, ndim = vector_norm_args(x, axis, keepdims, ord)
    return keep(vector_norm_of(v, o), ndim, bool(keepdims))


def matrix_norms(a: NDArray[np.float64], o: float | str, op: str) -> NDArray[np.float64]:
    """The o-norms of the matrices of the stack ``a`` (count, m, n), each as ``matrix_norm_of``."""
    return np.array([matrix_norm_of(m, o, op) for m in a], dtype=np.float64)


@twin(_front.vectors.matrix_norm)
def matrix_norm(x: ArrayLike, /, *, keepdims: bool = False, ord: float | str = "fro") -> Any:
    o, a, shape = matrix_norm_stack(x, keepdims, ord)
    r = matrix_norms(a, o, "matrix_norm")
    return float(r[0]) if shape is None else r.reshape(shape)
