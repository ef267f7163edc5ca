"""A whole model: synthetic data, a train/test split, logistic regression, accuracy.

The source material's pipeline (generate data, split, normalise, fit by
gradient descent, predict, evaluate), with twinmath's own reproducible
generator in place of scikit-learn's, so that Python and Go produce the same
data and the same split from the same seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import integer, matrix, real, vector
from ..errors import invalid, lengths_differ, shape_error
from .random import Rng, seed_of

__all__ = [
    "accuracy",
    "logistic_regression",
    "make_classification",
    "predict",
    "predict_proba",
    "train_test_split",
]

# The class centres of make_classification are ±SEPARATION·u.
SEPARATION = 1.5
# Keeps the logarithms of the cross-entropy finite (the source's 1e-15).
LOSS_EPSILON = 1e-15


class Classification(NamedTuple):
    """The result of ``make_classification``."""

    X: NDArray[np.float64]
    y: NDArray[np.float64]


class TrainTestSplit(NamedTuple):
    """The result of ``train_test_split``, in scikit-learn's order."""

    X_train: NDArray[np.float64]
    X_test: NDArray[np.float64]
    y_train: NDArray[np.float64]
    y_test: NDArray[np.float64]


class LogisticRegressionResult(NamedTuple):
    """The result of ``logistic_regression``."""

    w: NDArray[np.float64]
    b: float
    losses: NDArray[np.float64]


def make_classification(n_samples: int, n_features: int, seed: int) -> Classification:
    """Return a reproducible two-class data set: two Gaussian clouds.

    The points of class 0 and class 1 are standard normal clouds around
    −1.5·u and +1.5·u for a random unit vector u: the centres are three
    standard deviations apart, so the best possible accuracy is
    Φ(1.5) ≈ 0.933. Drawn from ``Rng(seed)`` in this order::

        z = rng.normal(n_features);  u = z / ‖z‖₂
        y = rng.permutation(n_samples) % 2      (⌊n/2⌋ ones, randomly placed)
        X = rng.normal((n_samples, n_features)) + ((2y − 1)·1.5)[:, None] · u

    Parameters
    ----------
    n_samples : int
        At least 2.
    n_features : int
        At least 1.
    seed : int
        0 ≤ seed < 2⁶⁴.

    Returns
    -------
    Classification
        ``(X, y)``: X of shape (n_samples, n_features), y of shape
        (n_samples,) holding 0.0 and 1.0.

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If ``n_samples < 2``, ``n_features < 1`` or the seed is out of range.

    Examples
    --------
    >>> import twinmath as tm
    >>> X, y = tm.make_classification(6, 2, seed=0)
    >>> X.shape, y.tolist()
    ((6, 2), [1.0, 1.0, 1.0, 0.0, 0.0, 0.0])
    """
    op = "make_classification"
    n, d = integer(n_samples, op, "n_samples"), integer(n_features, op, "n_features")
    s = seed_of(seed, op)
    if n < 2:
        raise invalid(op, f"n_samples must be at least 2, got {n}")
    if d < 1:
        raise invalid(op, f"n_features must be at least 1, got {d}")
    rng = Rng(s)
    z = rng.normal(d)
    u = z / np.linalg.norm(z)
    y = (rng.permutation(n) % 2).astype(np.float64)
    noise = rng.normal((n, d))
    X = noise + ((2.0 * y - 1.0) * SEPARATION)[:, None] * u
    return Classification(X, y)


def split_count(n: int, test_size: float) -> int | None:
    """Return the size of the test part, ⌈test_size·n⌉, or None if the split is not possible."""
    if not 0.0 < test_size < 1.0:
        return None
    k = math.ceil(test_size * n)
    return k if k < n else None


def train_test_split(X: ArrayLike, y: ArrayLike, test_size: float = 0.2, seed: int = 0) -> TrainTestSplit:
    """Split the samples at random into a training and a test part.

    As scikit-learn's ``train_test_split``: the test part has
    ⌈test_size·n⌉ samples (the product computed in floating point, so
    ``test_size=0.07`` of 100 samples gives 8), and with
    ``p = Rng(seed).permutation(n)`` it holds rows ``p[:n_test]``, the
    training part rows ``p[n_test:]``, in that order.

    Parameters
    ----------
    X : array_like, shape (n, d)
    y : array_like, shape (n,)
    test_size : float
        The fraction of samples to test on, in (0, 1).
    seed : int
        0 ≤ seed < 2⁶⁴.

    Returns
    -------
    TrainTestSplit
        ``(X_train, X_test, y_train, y_test)``.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D, ``y`` not 1-D, or their lengths differ.
    ValueError
        If ``test_size`` is not in (0, 1), or leaves no training sample.

    Examples
    --------
    >>> import twinmath as tm
    >>> X = [[0, 0], [1, 1], [2, 2], [3, 3], [4, 4]]
    >>> X_train, X_test, y_train, y_test = tm.train_test_split(X, [0, 1, 2, 3, 4], test_size=0.4, seed=1)
    >>> y_train.tolist(), y_test.tolist()
    ([1.0, 2.0, 3.0], [4.0, 0.0])
    """
    op = "train_test_split"
    a, v = matrix(X, op, "X"), vector(y, op, "y")
    ts, s = real(test_size, op, "test_size"), seed_of(seed, op)
    n = a.shape[0]
    if v.shape[0] != n:
        raise shape_error(op, f"X has {n} rows but y has {v.shape[0]} values")
    if not 0.0 < ts < 1.0:
        raise invalid(op, f"test_size must be in (0, 1), got {ts!r}")
    k = split_count(n, ts)
    if k is None:
        raise invalid(op, f"{n} samples are too few to split with test_size={ts!r}")
    p = Rng(s).permutation(n)
    test, train = p[:k], p[k:]
    return TrainTestSplit(a[train], a[test], v[train], v[test])


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0))), dtype=np.float64)


def check_logistic(
    X: ArrayLike, y: ArrayLike, learning_rate: Any, max_iter: Any, l2: Any, l1: Any, seed: Any
) -> tuple[NDArray[np.float64], NDArray[np.float64], float, int, float, float, int]:
    """Convert and check the arguments of ``logistic_regression``, in the Go package's order."""
    op = "logistic_regression"
    a, v = matrix(X, op, "X"), vector(y, op, "y")
    lr, k = real(learning_rate, op, "learning_rate"), integer(max_iter, op, "max_iter")
    r2, r1, s = real(l2, op, "l2"), real(l1, op, "l1"), seed_of(seed, op)
    if v.shape[0] != a.shape[0]:
        raise shape_error(op, f"X has {a.shape[0]} rows but y has {v.shape[0]} values")
    if a.shape[0] == 0:
        raise invalid(op, "X has no rows")
    if not np.isfinite(a).all():
        raise invalid(op, "X contains NaN or Inf")
    bad = v[(v != 0) & (v != 1)]
    if bad.size:
        raise invalid(op, f"y must hold only 0 and 1, got {float(bad[0])!r}")
    for name, value in (("learning_rate", lr), ("max_iter", k), ("l2", r2), ("l1", r1)):
        if name == "max_iter":
            if k < 0:
                raise invalid(op, f"max_iter must be non-negative, got {k}")
        elif not (value >= 0 and math.isfinite(value)):
            raise invalid(op, f"{name} must be a non-negative finite number, got {float(value)!r}")
    return a, v, lr, k, r2, r1, s


def iterates(
    X: NDArray[np.float64],
    y: NDArray[np.float64],
    learning_rate: float,
    max_iter: int,
    l2: float,
    l1: float,
    seed: int,
) -> Iterator[tuple[NDArray[np.float64], float, NDArray[np.float64] | None, float | None]]:
    """Yield (w, b, p, loss) before each update of gradient descent, then (w, b, None, None).

    The iteration of ``logistic_regression`` on checked arguments; the
    parity bounds (``twinmath.tolerances``) walk the same iterates.
    """
    n = X.shape[0]
    w = np.asarray(Rng(seed).normal(X.shape[1]), dtype=np.float64) * 0.01
    b = 0.0
    for _ in range(max_iter):
        p = _sigmoid(X @ w + b)
        cross_entropy = -np.mean(y * np.log(p + LOSS_EPSILON) + (1 - y) * np.log(1 - p + LOSS_EPSILON))
        loss = cross_entropy + l2 * np.sum(w**2) + l1 * np.sum(np.abs(w))
        yield w, b, p, float(loss)
        err = p - y
        dw = (1 / n) * (X.T @ err) + 2 * l2 * w + l1 * np.sign(w)
        db = (1 / n) * np.sum(err)
        w = w - learning_rate * dw
        b = float(b - learning_rate * db)
    yield w, b, None, None


def logistic_regression(
    X: ArrayLike,
    y: ArrayLike,
    learning_rate: float = 0.01,
    max_iter: int = 1000,
    l2: float = 0.0,
    l1: float = 0.0,
    seed: int = 0,
) -> LogisticRegressionResult:
    """Fit logistic regression by full-batch gradient descent on the cross-entropy.

    As in the source material: the weights start at
    ``0.01·Rng(seed).normal(d)`` and the bias at 0; every iteration computes
    ``p = σ(X·w + b)`` (σ clips its input to ±500), the loss ::

        L = −mean(y·log(p + 1e−15) + (1 − y)·log(1 − p + 1e−15)) + l2·‖w‖₂² + l1·‖w‖₁

    and takes the step ``w −= learning_rate·∇w``, ``b −= learning_rate·∇b``
    with ::

        ∇w = (1/n)·Xᵀ(p − y) + 2·l2·w + l1·sign(w),    ∇b = (1/n)·Σ(p − y)

    (sign(0) = 0, a subgradient of |w|; the bias is not penalised).

    Parameters
    ----------
    X : array_like, shape (n, d)
        Finite, with at least one row.
    y : array_like, shape (n,)
        Labels 0 and 1.
    learning_rate : float
    max_iter : int
        The number of updates.
    l2, l1 : float
        The weights of the L2 and L1 penalties, ≥ 0.
    seed : int
        Seeds the initial weights, 0 ≤ seed < 2⁶⁴.

    Returns
    -------
    LogisticRegressionResult
        ``(w, b, losses)``: the weights, shape (d,), the bias, a float, and
        the loss before each update, shape (max_iter,).

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D, ``y`` not 1-D, or their lengths differ.
    ValueError
        If ``X`` has no rows or holds NaN or Inf, a label is not 0 or 1,
        ``max_iter`` is negative, or ``learning_rate``, ``l2`` or ``l1`` is
        negative or not finite.

    Examples
    --------
    >>> import twinmath as tm
    >>> X, y = [[-2.0], [-1.0], [1.0], [2.0]], [0, 0, 1, 1]
    >>> w, b, losses = tm.logistic_regression(X, y, learning_rate=0.5, max_iter=100)
    >>> round(float(losses[0]), 6), round(float(losses[-1]), 4), tm.predict(X, w, b).tolist()
    (0.688673, 0.0175, [0.0, 0.0, 1.0, 1.0])
    """
    a, v, lr, k, r2, r1, s = check_logistic(X, y, learning_rate, max_iter, l2, l1, seed)
    losses = np.empty(k)
    for i, (w, b, _, loss) in enumerate(iterates(a, v, lr, k, r2, r1, s)):  # noqa: B007
        if loss is not None:
            losses[i] = loss
    # After the loop: the weights and bias after the last update.
    return LogisticRegressionResult(w, b, losses)


def _model(X: ArrayLike, w: ArrayLike, b: float, op: str) -> NDArray[np.float64]:
    a, v, c = matrix(X, op, "X"), vector(w, op, "w"), real(b, op, "b")
    if a.shape[1] != v.shape[0]:
        raise shape_error(op, f"X has {a.shape[1]} columns but w has {v.shape[0]} values")
    return _sigmoid(a @ v + c)


def predict_proba(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    """Return the model's probability of class 1 for every row of X.

    ``p = σ(X·w + b)``, σ clipping its input to ±500.

    Parameters
    ----------
    X : array_like, shape (n, d)
    w : array_like, shape (d,)
    b : float

    Returns
    -------
    ndarray of float64, shape (n,)

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D, ``w`` not 1-D, or ``w`` has not d entries.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.predict_proba([[0.0, 0.0], [1.0, 2.0]], [1.0, -1.0], 0.0)
    array([0.5       , 0.26894142])
    """
    return _model(X, w, b, "predict_proba")


def predict(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    """Return the predicted class of every row of X: 1.0 where the probability is > 0.5.

    As the source material: ``(predict_proba(X, w, b) > 0.5)``, as float64
    (a probability of exactly 0.5 gives 0).

    Parameters
    ----------
    X : array_like, shape (n, d)
    w : array_like, shape (d,)
    b : float

    Returns
    -------
    ndarray of float64, shape (n,)
        0.0 and 1.0.

    Raises
    ------
    ShapeError
        If ``X`` is not 2-D, ``w`` not 1-D, or ``w`` has not d entries.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.predict([[0.0, 0.0], [1.0, 2.0], [2.0, 1.0]], [1.0, -1.0], 0.0)
    array([0., 0., 1.])
    """
    return (_model(X, w, b, "predict") > 0.5).astype(np.float64)


def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Return the fraction of predictions equal to the true labels.

    ``accuracy = #{i : y_true[i] == y_pred[i]} / n`` (NaN equals nothing).

    Parameters
    ----------
    y_true : array_like, shape (n,)
    y_pred : array_like, shape (n,)

    Returns
    -------
    float

    Raises
    ------
    ShapeError
        If either is not 1-D, or their lengths differ.
    ValueError
        If they are empty.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    op = "accuracy"
    t, p = vector(y_true, op, "y_true"), vector(y_pred, op, "y_pred")
    if t.shape[0] != p.shape[0]:
        raise lengths_differ(op, t.shape[0], p.shape[0])
    if t.shape[0] == 0:
        raise invalid(op, "y_true is empty")
    return float(np.mean(t == p))
