"""Vectors and matrix products: sums, dot products, norms, projections, matmul, trace."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import ETA, U, gamma
from .decomp import spectral_norm_bound


def sum_bound(n: int, abs_sum: ArrayLike) -> NDArray[np.float64]:
    """Bound for two sums of n products in different orders (Higham §3.1).

    ``|ref − go| ≤ 2·γₙ·Σ|aᵢbᵢ| + 2·n·η``: each side's error is at most
    γₙ·Σ|aᵢbᵢ| plus an underflow term per product. Covers dot, the entries of
    matmul and outer-free sums (trace, ord-1 norms).
    """
    with np.errstate(over="ignore"):
        return 2.0 * gamma(n) * np.asarray(abs_sum, dtype=np.float64) + 2.0 * n * ETA


def dot_bound(a: ArrayLike, b: ArrayLike) -> float:
    """Bound for ``dot``: ``2·γₙ·Σ|aᵢbᵢ| + 2·n·η``."""
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(sum_bound(x.size, np.sum(np.abs(x) * np.abs(y))))


def norm2_bound(v: ArrayLike) -> float:
    """Bound for Euclidean and Frobenius norms: ``(γₙ + 8u)·‖v‖₂``.

    Per side: the sum of squares has relative error γₙ, halved by the square
    root, which adds u; scaling by max|vᵢ| adds u to each entry (2u to its
    square, u after the root) and u for the final product: at most
    ``γₙ/2 + 4u`` relative.
    """
    x = np.asarray(v, dtype=np.float64).ravel()
    m = np.max(np.abs(x), initial=0.0)
    if m == 0 or not np.isfinite(m):
        return 0.0
    true = m * math.sqrt(float(np.sum((x / m) ** 2)))
    return float((gamma(x.size) + 8 * U) * true)


def norm_bound(v: ArrayLike, ord: float | str | None) -> float:
    """Bound for ``norm(v, ord)``.

    ord inf is a maximum of magnitudes: exact, bound 0. ord 1 is a sum of
    magnitudes (``sum_bound``), for a matrix the largest column or row sum.
    ord 2 and "fro" follow ``norm2_bound``; None is 2 or "fro". ord 2 for a
    matrix is the largest singular value: ``spectral_norm_bound``.
    """
    x = np.asarray(v, dtype=np.float64)
    if ord is None:
        ord = 2 if x.ndim == 1 else "fro"
    if x.ndim == 1 and ord not in (1, 2, np.inf):
        return vector_norm_bound(x, float(ord))
    if ord in (2, -2) and x.ndim == 2:
        return spectral_norm_bound(x)
    if ord == "nuc":
        return nuclear_norm_bound(x)
    if ord == "fro" or (ord == 2 and x.ndim == 1):
        return norm2_bound(x)
    if ord == np.inf and x.ndim == 1:
        return 0.0
    with np.errstate(over="ignore"):
        if x.ndim == 1:
            return float(sum_bound(x.size, np.sum(np.abs(x))))
        axis = 0 if ord in (1, -1) else 1
        sums = np.sum(np.abs(x), axis=axis)
        return float(sum_bound(x.shape[axis], np.max(sums, initial=0.0)))


# math.Pow (Go) and numpy's power, per side, in ulps of the exact value.
# Measured against 200-bit mpmath on 30,000 arguments of the kind
# vector_norm gives them (bases in (0, 1] and sums in [1, 31], exponents
# ±0.25 … 7): Go's math.Pow up to 3.73 ulps, glibc's pow (numpy's scalar
# path) 0.69. numpy's AVX-512 power (SVML) is documented within 4 ulps. Each
# side is allowed 4.
SIDE_POW_ULPS = 4


def vector_norm_bound(v: ArrayLike, ord: float) -> float:
    """Bound for ``vector_norm(v, ord)`` with ord other than 1, 2 and ±inf.

    ord 0 counts and ord −inf is a minimum of magnitudes: exact. Other p,
    per side: (Σ(|vᵢ|/m)ᵖ)^(1/p)·m with m the largest magnitude (the
    smallest for p < 0): each quotient rounds (u, raised to the power: |p|·u),
    each power adds SIDE_POW_ULPS ulps (2u each), the sum γₙ and underflowed
    terms η each; the outer power divides that relative error by |p| and
    adds its own ulps; the final product u. Twice that, relative to the
    norm, between the sides.
    """
    x = np.asarray(v, dtype=np.float64).ravel()
    if ord == 0 or ord == -np.inf or x.size == 0:
        return 0.0
    a = np.abs(x)
    if ord < 0 and not np.any(np.isnan(a)) and np.any(np.isfinite(a)):
        a = a[np.isfinite(a)]  # |∞|ᵖ = 0 for p < 0: an infinite entry drops out of the sum
    if not np.all(np.isfinite(a)) or (ord < 0 and np.min(a) == 0) or np.max(a) == 0:
        return 0.0  # nan, inf or 0 come out exactly
    m = float(np.min(a) if ord < 0 else np.max(a))
    with np.errstate(over="ignore", under="ignore"):
        # numpy's power: a root that overflows (a tiny p) is inf, not an error.
        true = m * float(np.power(np.sum((a / m) ** ord), 1 / ord))
    pw = 2 * U * SIDE_POW_ULPS
    inner = gamma(x.size) + abs(ord) * U + pw + x.size * ETA
    return float(2.0 * (inner / abs(ord) + pw + U) * true)


def nuclear_norm_bound(A: ArrayLike) -> float:
    """Bound for the nuclear norm Σσᵢ: each of the k singular values within half
    ``spectral_norm_bound`` on either side (Weyl), and the sum γₖ relative."""
    a = np.asarray(A, dtype=np.float64)
    if a.size == 0 or not np.all(np.isfinite(a)):
        return 0.0
    k = min(a.shape)
    total = float(np.sum(np.linalg.svd(a, compute_uv=False)))
    return float(k * spectral_norm_bound(a) + 2 * gamma(k) * total)


def cosine_bound(a: ArrayLike) -> float:
    """Bound for ``cosine_similarity``: ``4·γₙ + 16u`` (absolute).

    Per side, after scaling each vector by its largest magnitude (u per
    entry, at most 2u(1 + |cos|) on the cosine), the dot product errs by
    γₙ·Σ|xᵢyᵢ| ≤ γₙ‖x‖‖y‖ (Cauchy–Schwarz), the two norms by γₙ/2 + u each,
    and the division and product by u each: at most 2γₙ + 8u, as |cos| ≤ 1.
    Underflow is negligible: both scaled vectors have norm ≥ 1.
    """
    n = np.asarray(a).size
    return 4 * gamma(n) + 16 * U


def project_bound(a: ArrayLike, onto: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``project``, entry by entry.

    Both sides scale ``onto`` by its largest magnitude with the same
    correctly rounded division, so they share û. Per side, c = (a·û)/(û·û)
    errs by (γₙ·Σ|aᵢûᵢ| + n·η)/(û·û) + |c|·(γₙ + u), and each cûⱼ adds u:
    ``|Δⱼ| ≤ 2·|ûⱼ|·((γₙ·Σ|aᵢûᵢ| + n·η)/(û·û) + |c|·(γₙ + 2u))``.
    """
    x, o = np.asarray(a, dtype=np.float64), np.asarray(onto, dtype=np.float64)
    m = np.max(np.abs(o), initial=0.0)
    if m == 0 or not np.isfinite(m):
        return np.zeros_like(x)
    with np.errstate(over="ignore", invalid="ignore"):
        u = o / m
        uu = float(np.dot(u, u))
        c = abs(float(np.dot(x, u))) / uu
        g = gamma(x.size)
        dc = (g * float(np.sum(np.abs(x * u))) + x.size * ETA) / uu + c * (g + 2 * U)
        return np.asarray(2.0 * np.abs(u) * dc, dtype=np.float64)


def matmul_bound(A: ArrayLike, B: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``matmul``, entry by entry: ``sum_bound(n, (|A|·|B|)ᵢⱼ)``.

    Of the shape of ``A @ B``: stacks and 1-D operands as numpy's matmul
    takes them (``n`` is ``A``'s last dimension).
    """
    a, b = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(sum_bound(a.shape[-1], np.matmul(np.abs(a), np.abs(b))), dtype=np.float64)


def trace_bound(A: ArrayLike, offset: int = 0) -> float:
    """Bound for ``trace``: ``sum_bound(k, Σ|dᵢ|)`` over the k entries dᵢ of the offset diagonal."""
    a = np.asarray(A, dtype=np.float64)
    d = np.diagonal(a, offset) if -a.shape[0] < offset < a.shape[1] else np.zeros(0)
    with np.errstate(over="ignore"):
        return float(sum_bound(d.size, np.sum(np.abs(d))))
