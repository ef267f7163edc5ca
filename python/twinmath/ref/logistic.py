"""A whole model: synthetic data, a train/test split, logistic regression, accuracy.

The source material's pipeline (generate data, split, normalise, fit by
gradient descent, predict, evaluate), with twinmath's own reproducible
generator in place of scikit-learn's, so that Python and Go produce the same
data and the same split from the same seed.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._front import twin
from .._front.logistic import Classification, LogisticRegressionResult, TrainTestSplit, split_count
from ..errors import invalid, lengths_differ, shape_error
from .random import Rng

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.logistic.__all__

# The class centres of make_classification are ±SEPARATION·u.
SEPARATION = 1.5
# Keeps the logarithms of the cross-entropy finite (the source's 1e-15).
LOSS_EPSILON = 1e-15


@twin(_front.logistic.make_classification)
def make_classification(n_samples: int, n_features: int, seed: int) -> Classification:
    n, d, s = _front.logistic.classification_sizes(n_samples, n_features, seed)
    rng = Rng(s)
    z = rng.normal(d)
    u = z / np.linalg.norm(z)
    y = (rng.permutation(n) % 2).astype(np.float64)
    noise = rng.normal((n, d))
    X = noise + ((2.0 * y - 1.0) * SEPARATION)[:, None] * u
    return Classification(X, y)


@twin(_front.logistic.train_test_split)
def train_test_split(X: ArrayLike, y: ArrayLike, test_size: float = 0.2, seed: int = 0) -> TrainTestSplit:
    op = "train_test_split"
    a, v, ts, s = _front.logistic.split_args(X, y, test_size, seed)
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
    a, v, lr, k, r2, r1, s = _front.logistic.regression_args(X, y, learning_rate, max_iter, l2, l1, seed)
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


@twin(_front.logistic.logistic_regression)
def logistic_regression(
    X: ArrayLike,
    y: ArrayLike,
    learning_rate: float = 0.01,
    max_iter: int = 1000,
    l2: float = 0.0,
    l1: float = 0.0,
    seed: int = 0,
) -> LogisticRegressionResult:
    a, v, lr, k, r2, r1, s = check_logistic(X, y, learning_rate, max_iter, l2, l1, seed)
    losses = np.empty(k)
    for i, (w, b, _, loss) in enumerate(iterates(a, v, lr, k, r2, r1, s)):  # noqa: B007
        if loss is not None:
            losses[i] = loss
    # After the loop: the weights and bias after the last update.
    return LogisticRegressionResult(w, b, losses)


def _model(X: ArrayLike, w: ArrayLike, b: float, op: str) -> NDArray[np.float64]:
    a, v, c = _front.logistic.model_args(X, w, b, op)
    if a.shape[1] != v.shape[0]:
        raise shape_error(op, f"X has {a.shape[1]} columns but w has {v.shape[0]} values")
    return _sigmoid(a @ v + c)


@twin(_front.logistic.predict_proba)
def predict_proba(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    return _model(X, w, b, "predict_proba")


@twin(_front.logistic.predict)
def predict(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    return (_model(X, w, b, "predict") > 0.5).astype(np.float64)


@twin(_front.logistic.accuracy)
def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    op = "accuracy"
    t, p = _front.logistic.label_args(y_true, y_pred)
    if t.shape[0] != p.shape[0]:
        raise lengths_differ(op, t.shape[0], p.shape[0])
    if t.shape[0] == 0:
        raise invalid(op, "y_true is empty")
    return float(np.mean(t == p))
