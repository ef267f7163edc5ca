# mypy: disable-error-code="empty-body"
"""The front of logistic, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

A whole model: synthetic data, a train/test split, logistic regression, accuracy.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import check_size, integer, matrix, real, vector
from ..errors import invalid
from .random import seed_of

__all__ = [
    "accuracy",
    "logistic_regression",
    "make_classification",
    "predict",
    "predict_proba",
    "train_test_split",
]


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


def classification_sizes(n_samples: Any, n_features: Any, seed: Any) -> tuple[int, int, int]:
    """Return the checked ``(n_samples, n_features, seed)`` of ``make_classification``.

    Refuses sizes whose arrays (X, the noise drawn for it, y and the
    permutation) would exceed ``twinmath._convert.MAX_BYTES``.
    """
    op = "make_classification"
    n, d = integer(n_samples, op, "n_samples"), integer(n_features, op, "n_features")
    s = seed_of(seed, op)
    if n < 2:
        raise invalid(op, f"n_samples must be at least 2, got {n}")
    if d < 1:
        raise invalid(op, f"n_features must be at least 1, got {d}")
    check_size(op, 2 * n * d + 2 * n)
    return n, d, s


def split_count(n: int, test_size: float) -> int | None:
    """Return the size of the test part, ⌈test_size·n⌉, or None if the split is not possible."""
    if not 0.0 < test_size < 1.0:
        return None
    k = math.ceil(test_size * n)
    return k if k < n else None


F64 = NDArray[np.float64]


def split_args(X: Any, y: Any, test_size: Any, seed: Any) -> tuple[F64, F64, float, int]:
    """Return ``X, y, test_size, seed`` of ``train_test_split`` converted, not yet checked."""
    op = "train_test_split"
    return matrix(X, op, "X"), vector(y, op, "y"), real(test_size, op, "test_size"), seed_of(seed, op)


def regression_args(
    X: Any, y: Any, learning_rate: Any, max_iter: Any, l2: Any, l1: Any, seed: Any
) -> tuple[F64, F64, float, int, float, float, int]:
    """Return the arguments of ``logistic_regression`` converted, in order, not yet checked."""
    op = "logistic_regression"
    a, v = matrix(X, op, "X"), vector(y, op, "y")
    lr, k = real(learning_rate, op, "learning_rate"), integer(max_iter, op, "max_iter")
    return a, v, lr, k, real(l2, op, "l2"), real(l1, op, "l1"), seed_of(seed, op)


def model_args(X: Any, w: Any, b: Any, op: str) -> tuple[F64, F64, float]:
    """Return ``X, w, b`` of ``predict`` or ``predict_proba`` (``op``) converted, not yet checked."""
    return matrix(X, op, "X"), vector(w, op, "w"), real(b, op, "b")


def label_args(y_true: Any, y_pred: Any) -> tuple[F64, F64]:
    """Return ``y_true, y_pred`` of ``accuracy`` as vectors, not yet checked."""
    return vector(y_true, "accuracy", "y_true"), vector(y_pred, "accuracy", "y_pred")


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
