"""Vectors, computed by the Go library (documented in twinmath._front.vectors)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import norm_ord, real, vector, vector_or_matrix
from .._front import twin
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.vectors.__all__


@twin(_front.vectors.add)
def add(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    x, y = vector(a, "add", "a"), vector(b, "add", "b")
    out = np.empty(x.size)
    n.call(n.lib.tm_add, ptr(x), x.size, ptr(y), y.size, ptr(out))
    return out


@twin(_front.vectors.subtract)
def subtract(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    x, y = vector(a, "subtract", "a"), vector(b, "subtract", "b")
    out = np.empty(x.size)
    n.call(n.lib.tm_subtract, ptr(x), x.size, ptr(y), y.size, ptr(out))
    return out


@twin(_front.vectors.scale)
def scale(v: ArrayLike, c: float) -> NDArray[np.float64]:
    x = vector(v, "scale", "v")
    out = np.empty(x.size)
    n.call(n.lib.tm_scale, ptr(x), x.size, real(c, "scale", "c"), ptr(out))
    return out


@twin(_front.vectors.dot)
def dot(a: ArrayLike, b: ArrayLike) -> float:
    x, y = vector(a, "dot", "a"), vector(b, "dot", "b")
    return n.scalar(n.lib.tm_dot, ptr(x), x.size, ptr(y), y.size)  # type: ignore[no-any-return]


@twin(_front.vectors.norm)
def norm(v: ArrayLike, ord: float | str | None = 2) -> float:
    x = vector_or_matrix(v, "norm", "v")
    o = norm_ord(ord, x.ndim)
    if x.ndim == 1:
        return n.scalar(n.lib.tm_norm, ptr(x), x.size, o)  # type: ignore[no-any-return]
    if o == "fro":
        return n.scalar(n.lib.tm_frobenius_norm, ptr(x), *x.shape)  # type: ignore[no-any-return]
    return n.scalar(n.lib.tm_matrix_norm, ptr(x), *x.shape, o)  # type: ignore[no-any-return]


@twin(_front.vectors.cosine_similarity)
def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    x, y = vector(a, "cosine_similarity", "a"), vector(b, "cosine_similarity", "b")
    return n.scalar(n.lib.tm_cosine_similarity, ptr(x), x.size, ptr(y), y.size)  # type: ignore[no-any-return]


@twin(_front.vectors.outer)
def outer(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    x, y = vector(a, "outer", "a"), vector(b, "outer", "b")
    out = np.empty((x.size, y.size))
    n.call(n.lib.tm_outer, ptr(x), x.size, ptr(y), y.size, ptr(out))
    return out


@twin(_front.vectors.project)
def project(a: ArrayLike, onto: ArrayLike) -> NDArray[np.float64]:
    x, u = vector(a, "project", "a"), vector(onto, "project", "onto")
    out = np.empty(x.size)
    n.call(n.lib.tm_project, ptr(x), x.size, ptr(u), u.size, ptr(out))
    return out
