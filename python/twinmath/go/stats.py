"""Probability and statistics, computed by the Go library (documented in twinmath._front.stats)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array, matrix, real
from .._front import twin
from .._front.stats import ConfidenceIntervalResult, ZscoreResult, data
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.stats.__all__


_NO_DDOF = object()  # mean takes no ddof


def _reduce(op: str, x: Any, axis: Any, ddof: Any = _NO_DDOF) -> float | NDArray[np.float64]:
    """Run the reduction ``op`` over all of ``x`` or along an axis of a matrix."""
    if ddof is _NO_DDOF:
        a, ax = data(x, op, axis)
        extra: tuple[int, ...] = ()
    else:
        a, d, ax = _front.stats.data_ddof(x, op, ddof, axis)
        extra = (d,)
    if ax is None:
        return n.scalar(getattr(n.lib, f"tm_{op}"), ptr(a), a.size, *extra)  # type: ignore[no-any-return]
    out = np.empty(a.shape[1 - ax])
    n.call(getattr(n.lib, f"tm_{op}_axis"), ptr(a), *a.shape, *extra, ax, ptr(out), out.size)
    return out


@twin(_front.stats.mean)
def mean(x: ArrayLike, axis: int | None = None) -> float | NDArray[np.float64]:
    return _reduce("mean", x, axis)


@twin(_front.stats.variance)
def variance(x: ArrayLike, ddof: int = 0, axis: int | None = None) -> float | NDArray[np.float64]:
    return _reduce("variance", x, axis, ddof)


@twin(_front.stats.std)
def std(x: ArrayLike, ddof: int = 0, axis: int | None = None) -> float | NDArray[np.float64]:
    return _reduce("std", x, axis, ddof)


@twin(_front.stats.covariance)
def covariance(X: ArrayLike, ddof: int = 1) -> NDArray[np.float64]:
    a, d = _front.stats.covariance_args(X, ddof)
    out = np.empty((a.shape[1], a.shape[1]))
    n.call(n.lib.tm_covariance, ptr(a), *a.shape, d, ptr(out), work=a.size * a.shape[1] // 2)
    return out


@twin(_front.stats.zscore)
def zscore(X: ArrayLike) -> ZscoreResult:
    a = matrix(X, "zscore", "X")
    xn, m, sd = np.empty(a.shape), np.empty(a.shape[1]), np.empty(a.shape[1])
    n.call(n.lib.tm_zscore, ptr(a), *a.shape, ptr(xn), ptr(m), ptr(sd))
    return ZscoreResult(xn, m, sd)


@twin(_front.stats.bayes)
def bayes(p_b_given_a: float, p_a: float, p_b: float) -> float:
    args = _front.stats.bayes_args(p_b_given_a, p_a, p_b)
    return n.scalar(n.lib.tm_bayes, *args)  # type: ignore[no-any-return]


@twin(_front.stats.expectation)
def expectation(values: ArrayLike, probs: ArrayLike) -> float:
    v, p = _front.stats.expectation_args(values, probs)
    return n.scalar(n.lib.tm_expectation, ptr(v), v.size, ptr(p), p.size)  # type: ignore[no-any-return]


def _normal(op: str, x: Any, mu: Any, sigma: Any) -> float | NDArray[np.float64]:
    a = array(x, op, "x")
    m, sg = real(mu, op, "mu"), real(sigma, op, "sigma")
    out = np.empty(a.shape)
    n.call(getattr(n.lib, f"tm_{op}"), ptr(a), a.size, m, sg, ptr(out))
    return float(out) if a.ndim == 0 else out


@twin(_front.stats.normal_pdf)
def normal_pdf(x: ArrayLike, mu: float = 0, sigma: float = 1) -> float | NDArray[np.float64]:
    return _normal("normal_pdf", x, mu, sigma)


@twin(_front.stats.normal_cdf)
def normal_cdf(x: ArrayLike, mu: float = 0, sigma: float = 1) -> float | NDArray[np.float64]:
    return _normal("normal_cdf", x, mu, sigma)


@twin(_front.stats.confidence_interval)
def confidence_interval(x: ArrayLike, level: float = 0.95) -> ConfidenceIntervalResult:
    a, lv = _front.stats.interval_args(x, level)
    out = np.empty(2)
    n.call(n.lib.tm_confidence_interval, ptr(a), a.size, lv, ptr(out))
    return ConfidenceIntervalResult(float(out[0]), float(out[1]))
