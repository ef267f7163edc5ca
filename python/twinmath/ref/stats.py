"""Probability and statistics: moments, covariance, standardisation, Bayes'
theorem, expectation, the normal distribution and confidence intervals.

Means, variances and covariances are numpy's own (``np.mean``, ``np.var``,
``np.std``, ``np.cov``): two-pass, with numpy's pairwise sums along a
contiguous axis and row-by-row sums down the columns of a matrix.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array, matrix, real
from .._front import twin
from .._front.stats import ConfidenceIntervalResult, ZscoreResult, data
from ..errors import invalid, lengths_differ
from .info import normalised

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.stats.__all__

SQRT_2PI = 2.5066282746310002  # √(2π) rounded, as Go's sqrt2Pi
EPS = 2.0**-52


def count(a: NDArray[np.float64], axis: int | None, ddof: int, op: str) -> int:
    """Check a reduction of ``a`` along ``axis`` with ``ddof`` as Go checks it.

    Returns the number of results: 1 for the whole array, else the length of
    the other axis.
    """
    n = a.size if axis is None else a.shape[axis]
    results = 1 if axis is None else a.shape[1 - axis]
    if n == 0 and results > 0:
        raise invalid(op, "x is empty" if axis is None else f"x has length 0 along axis {axis}")
    if ddof < 0:
        raise invalid(op, f"ddof must be non-negative, got {ddof}")
    if ddof >= n and results > 0:
        raise invalid(op, f"ddof must be less than the number of values ({n}), got {ddof}")
    return results


def _result(r: Any, axis: int | None) -> float | NDArray[np.float64]:
    return float(r) if axis is None else np.asarray(r, dtype=np.float64)


@twin(_front.stats.mean)
def mean(x: ArrayLike, axis: int | None = None) -> float | NDArray[np.float64]:
    a, ax = data(x, "mean", axis)
    if not count(a, ax, 0, "mean"):
        return np.zeros(0)
    return _result(np.mean(a, axis=ax), ax)


@twin(_front.stats.variance)
def variance(x: ArrayLike, ddof: int = 0, axis: int | None = None) -> float | NDArray[np.float64]:
    return _spread("variance", np.var, x, ddof, axis)


@twin(_front.stats.std)
def std(x: ArrayLike, ddof: int = 0, axis: int | None = None) -> float | NDArray[np.float64]:
    return _spread("std", np.std, x, ddof, axis)


def _spread(
    op: str, fn: Callable[..., Any], x: ArrayLike, ddof: int, axis: int | None
) -> float | NDArray[np.float64]:
    """The variance or standard deviation ``fn`` (``np.var``, ``np.std``) of ``op``."""
    a, d, ax = _front.stats.data_ddof(x, op, ddof, axis)
    if not count(a, ax, d, op):
        return np.zeros(0)
    return _result(fn(a, ddof=d, axis=ax), ax)


@twin(_front.stats.covariance)
def covariance(X: ArrayLike, ddof: int = 1) -> NDArray[np.float64]:
    op = "covariance"
    a, d = _front.stats.covariance_args(X, ddof)
    n, k = a.shape
    if n == 0 and k > 0:
        raise invalid(op, "X has no rows")
    if d < 0:
        raise invalid(op, f"ddof must be non-negative, got {d}")
    if d >= n and k > 0:
        raise invalid(op, f"ddof must be less than the number of samples ({n}), got {d}")
    if k == 0:
        return np.zeros((0, 0))
    return np.asarray(np.cov(a, rowvar=False, ddof=d), dtype=np.float64).reshape(k, k)


@twin(_front.stats.zscore)
def zscore(X: ArrayLike) -> ZscoreResult:
    op = "zscore"
    a = matrix(X, op, "X")
    n, k = a.shape
    if n == 0:
        if k > 0:
            raise invalid(op, "X has no rows")
        return ZscoreResult(np.zeros((0, 0)), np.zeros(0), np.zeros(0))
    m = np.mean(a, axis=0)
    s = np.std(a, axis=0)
    with np.errstate(invalid="ignore"):  # inf - inf in a column holding inf
        constant = np.ptp(a, axis=0) == 0
    m[constant] = a[0, constant]
    s[constant] = 1.0
    return ZscoreResult((a - m) / s, m, s)


def _probability(p: float, op: str, name: str) -> float:
    if not 0 <= p <= 1:
        raise invalid(op, f"{name} must be a probability in [0, 1], got {p!r}")
    return p


@twin(_front.stats.bayes)
def bayes(p_b_given_a: float, p_a: float, p_b: float) -> float:
    op = "bayes"
    args = _front.stats.bayes_args(p_b_given_a, p_a, p_b)
    pba, pa, pb = (
        _probability(v, op, name) for v, name in zip(args, ("p_b_given_a", "p_a", "p_b"), strict=True)
    )
    if pb == 0:
        raise invalid(op, f"p_b must be positive, got {pb!r}")
    joint = pba * pa
    if joint > pb * (1 + 4 * EPS):
        raise invalid(op, f"p_b_given_a * p_a = {joint!r} exceeds p_b = {pb!r}")
    return min(joint / pb, 1.0)


@twin(_front.stats.expectation)
def expectation(values: ArrayLike, probs: ArrayLike) -> float:
    op = "expectation"
    v, p = _front.stats.expectation_args(values, probs)
    if v.size != p.size:
        raise lengths_differ(op, v.size, p.size)
    return float(np.dot(v, normalised(p, op, "probs")))


def _normal_params(op: str, mu: Any, sigma: Any) -> tuple[float, float]:
    m, s = real(mu, op, "mu"), real(sigma, op, "sigma")
    if not math.isfinite(m):
        raise invalid(op, f"mu must be finite, got {m!r}")
    if not (s > 0) or s == math.inf:
        raise invalid(op, f"sigma must be positive and finite, got {s!r}")
    return m, s


@twin(_front.stats.normal_pdf)
def normal_pdf(x: ArrayLike, mu: float = 0, sigma: float = 1) -> float | NDArray[np.float64]:
    a = array(x, "normal_pdf", "x")
    m, s = _normal_params("normal_pdf", mu, sigma)
    z = (a - m) / s
    r = np.exp(-0.5 * z * z) / (s * SQRT_2PI)
    return float(r) if a.ndim == 0 else r


_erfc = np.frompyfunc(math.erfc, 1, 1)


@twin(_front.stats.normal_cdf)
def normal_cdf(x: ArrayLike, mu: float = 0, sigma: float = 1) -> float | NDArray[np.float64]:
    a = array(x, "normal_cdf", "x")
    m, s = _normal_params("normal_cdf", mu, sigma)
    z = (a - m) / s
    r = 0.5 * np.asarray(_erfc(-z / math.sqrt(2)), dtype=np.float64)
    return float(r) if a.ndim == 0 else r


# Acklam's rational approximation to the normal quantile (relative error below
# 1.15e-9): A, B for the central region, C, D for the tails. Go: acklamA...D.
_A = (
    -3.969683028665376e01,
    2.209460984245205e02,
    -2.759285104469687e02,
    1.383577518672690e02,
    -3.066479806614716e01,
    2.506628277459239e00,
)
_B = (
    -5.447609879822406e01,
    1.615858368580409e02,
    -1.556989798598866e02,
    6.680131188771972e01,
    -1.328068155288572e01,
)
_C = (
    -7.784894002430293e-03,
    -3.223964580411365e-01,
    -2.400758277161838e00,
    -2.549732539343734e00,
    4.374664141464968e00,
    2.938163982698783e00,
)
_D = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)


def _horner(c: tuple[float, ...], t: float) -> float:
    r = c[0]
    for k in c[1:]:
        r = r * t + k
    return r


def _normal_quantile(q: float) -> float:
    """Return z ≥ 0 with erfc(z/√2)/2 = q (the upper-tail quantile), q in (0, 1/2].

    Acklam's approximation, then one Halley step on Q(z) − q evaluated with
    erfc: the same operations in the same order as Go's normalQuantile.
    """
    if q < 0.02425:
        r = math.sqrt(-2 * math.log(q))
        z = -_horner(_C, r) / (_horner(_D, r) * r + 1)
    else:
        t = 0.5 - q
        r = t * t
        z = t * _horner(_A, r) / (_horner(_B, r) * r + 1)
    e = 0.5 * math.erfc(z / math.sqrt(2)) - q
    w = e * SQRT_2PI * math.exp(0.5 * z * z)
    return z + w / (1 - 0.5 * z * w)


@twin(_front.stats.confidence_interval)
def confidence_interval(x: ArrayLike, level: float = 0.95) -> ConfidenceIntervalResult:
    op = "confidence_interval"
    a, lv = _front.stats.interval_args(x, level)
    if a.size < 2:
        raise invalid(op, f"x needs at least 2 values, got {a.size}")
    if not 0 < lv < 1:
        raise invalid(op, f"level must be in (0, 1), got {lv!r}")
    m = float(np.mean(a))
    s = float(np.std(a, ddof=1))
    z = _normal_quantile((1 - lv) / 2)
    half = z * s / math.sqrt(a.size)
    return ConfidenceIntervalResult(m - half, m + half)
