"""Vectors: elementwise arithmetic, dot products, norms, similarity, projection."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import norm_ord, real, vector, vector_or_matrix
from .._front import twin
from ..errors import invalid, lengths_differ

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


@twin(_front.vectors.norm)
def norm(v: ArrayLike, ord: float | str | None = 2) -> float:
    x = vector_or_matrix(v, "norm", "v")
    o = norm_ord(ord, x.ndim)
    if x.ndim == 1:
        if o == 1:
            return float(np.sum(np.abs(x)))
        if o == 2:
            return _norm2(x)
        if o == np.inf:
            return float(np.max(np.abs(x), initial=0.0))
        raise invalid("norm", f"ord must be 1, 2 or inf for a vector, got {o!r}")
    if o == "fro":
        return _norm2(x.ravel())
    if o == 1:
        return float(np.max(np.sum(np.abs(x), axis=0), initial=0.0))
    if o == np.inf:
        return float(np.max(np.sum(np.abs(x), axis=1), initial=0.0))
    if o == 2:
        from .decomp import spectral_norm

        return spectral_norm(x)
    raise invalid("norm", f"ord must be 'fro', 1, 2 or inf for a matrix, got {o!r}")


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
