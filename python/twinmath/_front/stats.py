# mypy: disable-error-code="empty-body"
"""The front of stats, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Probability and statistics: moments, covariance, standardisation, Bayes'.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, integer, matrix, real, vector
from ..errors import axis_error, shape_error

__all__ = [
    "bayes",
    "confidence_interval",
    "covariance",
    "expectation",
    "mean",
    "normal_cdf",
    "normal_pdf",
    "std",
    "variance",
    "zscore",
]


def axis_of(axis: Any, ndim: int, op: str) -> int | None:
    """Return ``axis`` as None, 0 or 1 (for an array of ``ndim`` ≤ 2 dimensions).

    Negative axes count from the end, as in numpy; an axis the array does not
    have is an ``AxisError`` (numpy's class, a ValueError).
    """
    if axis is None:
        return None
    ax = integer(axis, op, "axis")
    if not -ndim <= ax < ndim:
        raise axis_error(op, f"axis {ax} is out of bounds for an array of dimension {ndim}")
    return ax % ndim


def data(x: Any, op: str, axis: Any) -> tuple[NDArray[np.float64], int | None]:
    """Return ``x`` as an array of at most 2 dimensions and its axis (None, 0, 1).

    A 1-D array reduced along its only axis is reduced whole (axis None).
    """
    a, _, ax = data_ddof(x, op, 0, axis)
    return a, ax


def data_ddof(x: Any, op: str, ddof: Any, axis: Any) -> tuple[NDArray[np.float64], int, int | None]:
    """Return ``x`` as in ``data``, ``ddof`` as an integer, and the axis.

    The arguments are converted in their order in the signature — ``x``,
    ``ddof``, then ``axis``, whose range depends on the dimension of ``x``.
    """
    a = array(x, op, "x")
    if a.ndim > 2:
        raise shape_error(op, f"x must have at most 2 dimensions, got shape {a.shape}")
    d = integer(ddof, op, "ddof")
    ax = axis_of(axis, a.ndim, op)
    return a, d, (None if a.ndim < 2 else ax)


def covariance_args(X: Any, ddof: Any) -> tuple[NDArray[np.float64], int]:
    """Return ``X`` of ``covariance`` as a matrix and ``ddof`` as an integer, not yet checked."""
    return matrix(X, "covariance", "X"), integer(ddof, "covariance", "ddof")


def bayes_args(p_b_given_a: Any, p_a: Any, p_b: Any) -> tuple[float, float, float]:
    """Return the three probabilities of ``bayes`` as floats, not yet checked."""
    op = "bayes"
    return real(p_b_given_a, op, "p_b_given_a"), real(p_a, op, "p_a"), real(p_b, op, "p_b")


def expectation_args(values: Any, probs: Any) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return ``values`` and ``probs`` of ``expectation`` as vectors, not yet checked."""
    return vector(values, "expectation", "values"), vector(probs, "expectation", "probs")


def interval_args(x: Any, level: Any) -> tuple[NDArray[np.float64], float]:
    """Return ``x`` of ``confidence_interval`` as a vector and ``level`` as a float, not yet checked."""
    return vector(x, "confidence_interval", "x"), real(level, "confidence_interval", "level")


def mean(x: ArrayLike, axis: int | None = None) -> float | NDArray[np.float64]:
    """Return the arithmetic mean, of all values or along an axis.

    ``mean = Σᵢ xᵢ / n``

    Parameters
    ----------
    x : array_like, 0-D, 1-D or 2-D
    axis : int or None, optional
        None: the mean of every value. For a matrix, 0 gives the column means
        and 1 the row means (−2 and −1 as in numpy); a vector has axis 0 (or
        −1) only.

    Returns
    -------
    float or ndarray of float64
        A float when all values are averaged, else one mean per column (axis
        0) or per row (axis 1).

    Raises
    ------
    ShapeError
        If ``x`` has more than 2 dimensions.
    AxisError
        If ``axis`` is out of bounds for ``x`` (numpy's ``AxisError``, a
        ``ValueError``).
    ValueError
        If a mean would be over no values (numpy returns NaN with a warning).

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.mean([10, 20, 30, 40, 50])
    30.0
    >>> tm.mean([[1, 2], [3, 4]], axis=0)
    array([2., 3.])
    """


def variance(x: ArrayLike, ddof: int = 0, axis: int | None = None) -> float | NDArray[np.float64]:
    """Return the variance, of all values or along an axis.

    ``variance = Σᵢ (xᵢ − mean)² / (n − ddof)``, by the two-pass algorithm
    (the mean first, then the squared deviations from it), as ``np.var``.

    Parameters
    ----------
    x : array_like, 0-D, 1-D or 2-D
    ddof : int, optional
        Delta degrees of freedom: 0 (default) for the population variance, 1
        for the unbiased sample variance. Must be less than the number of
        values.
    axis : int or None, optional
        As for ``mean``.

    Returns
    -------
    float or ndarray of float64

    Raises
    ------
    ShapeError
        If ``x`` has more than 2 dimensions.
    TypeError
        If ``ddof`` is not an integer.
    AxisError
        If ``axis`` is out of bounds for ``x`` (numpy's ``AxisError``, a
        ``ValueError``).
    ValueError
        If there are no values, or ``ddof`` is negative or not less than the
        number of values (numpy returns inf or NaN with a warning).

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.variance([10, 20, 30, 40, 50])
    200.0
    >>> tm.variance([10, 20, 30, 40, 50], ddof=1)
    250.0
    """


def std(x: ArrayLike, ddof: int = 0, axis: int | None = None) -> float | NDArray[np.float64]:
    """Return the standard deviation, the square root of ``variance``.

    ``std = √(Σᵢ (xᵢ − mean)² / (n − ddof))``

    Parameters
    ----------
    x : array_like, 0-D, 1-D or 2-D
    ddof : int, optional
        Delta degrees of freedom, as for ``variance``.
    axis : int or None, optional
        As for ``mean``.

    Returns
    -------
    float or ndarray of float64

    Raises
    ------
    ShapeError
        If ``x`` has more than 2 dimensions.
    TypeError
        If ``ddof`` is not an integer.
    AxisError, ValueError
        As for ``variance``.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.std([2, 4, 4, 4, 5, 5, 7, 9])
    2.0
    """


def covariance(X: ArrayLike, ddof: int = 1) -> NDArray[np.float64]:
    """Return the covariance matrix of data whose rows are samples.

    ``C[j, k] = Σᵢ (X[i, j] − m[j]) (X[i, k] − m[k]) / (n − ddof)`` with ``m``
    the column means: ``np.cov(X, rowvar=False, ddof=ddof)``.

    Parameters
    ----------
    X : array_like, shape (n, d)
        n samples of d variables.
    ddof : int, optional
        Delta degrees of freedom: 1 (default) for the unbiased estimate, 0 for
        the maximum-likelihood one. Must be less than n.

    Returns
    -------
    ndarray of float64, shape (d, d)
        Symmetric; its diagonal holds the variances.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D.
    TypeError
        If ``ddof`` is not an integer.
    ValueError
        If ``X`` has no rows, or ``ddof`` is negative or not less than n.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.covariance([[1, 2], [2, 4], [3, 6]])
    array([[1., 2.],
           [2., 4.]])
    """


class ZscoreResult(NamedTuple):
    """The result of ``zscore``: the standardised data, the means, the stds."""

    Xn: NDArray[np.float64]
    mean: NDArray[np.float64]
    std: NDArray[np.float64]


def zscore(X: ArrayLike) -> ZscoreResult:
    """Standardise every column of a data matrix to mean 0 and standard deviation 1.

    ``Xn[i, j] = (X[i, j] − mean[j]) / std[j]`` with the column means and the
    population standard deviations (ddof 0, as ``np.std``). A column of zero
    spread (all its values equal) has no scale: its std is reported as 1 and
    its mean as that value, so its ``Xn`` column is 0 instead of NaN.

    Parameters
    ----------
    X : array_like, shape (n, d)
        n samples of d features.

    Returns
    -------
    ZscoreResult
        ``(Xn, mean, std)``: Xn of shape (n, d), mean and std of shape (d,).
        New data is standardised with the same numbers: ``(X_new − mean) /
        std``.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D.
    ValueError
        If ``X`` has no rows.

    Examples
    --------
    >>> import twinmath as tm
    >>> Xn, mean, std = tm.zscore([[1, 5], [3, 5]])
    >>> Xn
    array([[-1.,  0.],
           [ 1.,  0.]])
    >>> mean, std
    (array([2., 5.]), array([1., 1.]))
    """


def bayes(p_b_given_a: float, p_a: float, p_b: float) -> float:
    """Return P(A|B) by Bayes' theorem.

    ``P(A|B) = P(B|A) P(A) / P(B)``

    Parameters
    ----------
    p_b_given_a : float
        P(B|A), in [0, 1].
    p_a : float
        P(A), the prior, in [0, 1].
    p_b : float
        P(B), the evidence, in (0, 1].

    Returns
    -------
    float
        The posterior P(A|B), in [0, 1].

    Raises
    ------
    TypeError
        If an argument is not a real number.
    ValueError
        If an argument is not a probability, ``p_b`` is 0, or
        ``p_b_given_a * p_a`` (that is P(A∩B)) exceeds ``p_b`` by more than
        rounding (4ε relative; within it the result is capped at 1).

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.bayes(0.8, 0.3, 0.5)
    0.48
    """


def expectation(values: ArrayLike, probs: ArrayLike) -> float:
    """Return the expected value of a discrete random variable.

    ``E[X] = Σᵢ valuesᵢ p̂ᵢ`` with ``p̂ = probs / Σ probs``: ``probs`` is
    normalised as the information-theory functions normalise, so weights that
    do not sum to 1 are accepted (``np.average(values, weights=probs)``).

    Parameters
    ----------
    values : array_like, shape (n,)
        The values the variable takes.
    probs : array_like, shape (n,)
        Their probabilities (or weights): non-negative, with a positive sum.

    Returns
    -------
    float

    Raises
    ------
    ShapeError
        If an argument is not 1-D, or the lengths differ.
    ValueError
        If ``probs`` is empty, holds NaN or Inf, has a negative entry or sums
        to zero.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.expectation([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1])
    3.5
    >>> tm.expectation([0, 10], [0.9, 0.1])
    1.0
    """


def normal_pdf(x: ArrayLike, mu: float = 0, sigma: float = 1) -> float | NDArray[np.float64]:
    """Return the density of the normal distribution N(mu, sigma²), elementwise.

    ``φ(x) = exp(−z²/2) / (σ √(2π))`` with ``z = (x − μ) / σ``.

    Parameters
    ----------
    x : float or array_like of any shape
    mu : float, optional
        The mean, finite. Default 0.
    sigma : float, optional
        The standard deviation, positive and finite. Default 1.

    Returns
    -------
    float or ndarray of float64
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Raises
    ------
    TypeError
        If ``mu`` or ``sigma`` is not a real number.
    ValueError
        If ``mu`` is not finite or ``sigma`` is not positive and finite.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.normal_pdf(0)
    0.3989422804014327
    >>> tm.normal_pdf([0, 1], mu=1, sigma=2)
    array([0.17603266, 0.19947114])
    """


def normal_cdf(x: ArrayLike, mu: float = 0, sigma: float = 1) -> float | NDArray[np.float64]:
    """Return the cumulative distribution function of N(mu, sigma²), elementwise.

    ``Φ(x) = erfc(−z/√2) / 2`` with ``z = (x − μ) / σ``; erfc keeps the lower
    tail accurate where ``1 + erf(z/√2)`` would cancel. numpy has no erfc:
    this is Python's ``math.erfc`` (the C library's), the Go backend uses
    Go's ``math.Erfc``.

    Parameters
    ----------
    x : float or array_like of any shape
    mu : float, optional
        The mean, finite. Default 0.
    sigma : float, optional
        The standard deviation, positive and finite. Default 1.

    Returns
    -------
    float or ndarray of float64
        Values in [0, 1], of the shape of ``x`` (a float for a scalar).

    Raises
    ------
    TypeError
        If ``mu`` or ``sigma`` is not a real number.
    ValueError
        If ``mu`` is not finite or ``sigma`` is not positive and finite.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.normal_cdf(0)
    0.5
    >>> tm.normal_cdf([-1.959963984540054, 1.959963984540054])
    array([0.025, 0.975])
    """


class ConfidenceIntervalResult(NamedTuple):
    """The result of ``confidence_interval``: the ends of the interval."""

    low: float
    high: float


def confidence_interval(x: ArrayLike, level: float = 0.95) -> ConfidenceIntervalResult:
    """Return a normal-approximation confidence interval for the mean.

    ``mean ± z · s / √n`` with ``s`` the sample standard deviation (ddof 1)
    and ``z = Φ⁻¹((1 + level) / 2)`` the standard normal quantile (1.96 for
    level 0.95). numpy has no inverse normal CDF: ``z`` comes from Acklam's
    rational approximation refined by one Halley step on erfc, the same
    operations in Python and in Go.

    Parameters
    ----------
    x : array_like, shape (n,)
        The sample, n ≥ 2.
    level : float, optional
        The confidence level, in (0, 1). Default 0.95.

    Returns
    -------
    ConfidenceIntervalResult
        ``(low, high)``. For small samples a t quantile would give a wider,
        more honest interval; this is the large-sample approximation.

    Raises
    ------
    ShapeError
        If ``x`` is not 1-D.
    TypeError
        If ``level`` is not a real number.
    ValueError
        If ``x`` has fewer than 2 values or ``level`` is not in (0, 1).

    Examples
    --------
    >>> import twinmath as tm
    >>> low, high = tm.confidence_interval([10, 20, 30, 40, 50])
    >>> round(low, 3), round(high, 3)
    (16.141, 43.859)
    """
