"""The logistic-regression pipeline, computed by the Go library (documented in twinmath._front.logistic)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._front import twin
from .._front.logistic import Classification, LogisticRegressionResult, TrainTestSplit
from . import _native as n
from ._native import ptr, scratch

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.logistic.__all__


@twin(_front.logistic.make_classification)
def make_classification(n_samples: int, n_features: int, seed: int) -> Classification:
    k, d, sd = _front.logistic.classification_sizes(n_samples, n_features, seed)
    X, y = np.empty((k, d)), np.empty(k)
    n.call(n.lib.tm_make_classification, k, d, sd, ptr(X), ptr(y))
    return Classification(X, y)


@twin(_front.logistic.train_test_split)
def train_test_split(X: ArrayLike, y: ArrayLike, test_size: float = 0.2, seed: int = 0) -> TrainTestSplit:
    a, v, ts, sd = _front.logistic.split_args(X, y, test_size, seed)
    rows, cols = a.shape
    # The sizes of the parts, to allocate them; Go checks the arguments (and
    # sees 0 and 0 where the split is impossible).
    k = _front.logistic.split_count(rows, ts) if v.shape[0] == rows else None
    n_test, n_train = (k, rows - k) if k is not None else (0, 0)
    xtr, xte = np.empty((n_train, cols)), np.empty((n_test, cols))
    ytr, yte = np.empty(n_train), np.empty(n_test)
    n.call(
        n.lib.tm_train_test_split,
        ptr(a),
        rows,
        cols,
        ptr(v),
        v.shape[0],
        ts,
        sd,
        ptr(xtr),
        n_train,
        ptr(xte),
        n_test,
        ptr(ytr),
        ptr(yte),
    )
    return TrainTestSplit(xtr, xte, ytr, yte)


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
    a, v, lr, k, r2, r1, sd = _front.logistic.regression_args(X, y, learning_rate, max_iter, l2, l1, seed)
    w, losses, s = np.empty(a.shape[1]), np.empty(max(k, 0)), scratch()
    n.call(
        n.lib.tm_logistic_regression,
        ptr(a), *a.shape, ptr(v), v.shape[0], lr, k, r2, r1, sd, ptr(w), s.out, ptr(losses),
        work=a.size * max(k, 0),
    )  # fmt: skip
    return LogisticRegressionResult(w, s.out[0], losses)


def _model(X: ArrayLike, w: ArrayLike, b: float, op: str) -> NDArray[np.float64]:
    a, v, c = _front.logistic.model_args(X, w, b, op)
    out = np.empty(a.shape[0])
    f = n.lib.tm_predict if op == "predict" else n.lib.tm_predict_proba
    n.call(f, ptr(a), *a.shape, ptr(v), v.shape[0], c, ptr(out))
    return out


@twin(_front.logistic.predict_proba)
def predict_proba(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    return _model(X, w, b, "predict_proba")


@twin(_front.logistic.predict)
def predict(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    return _model(X, w, b, "predict")


@twin(_front.logistic.accuracy)
def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    t, p = _front.logistic.label_args(y_true, y_pred)
    return n.scalar(n.lib.tm_accuracy, ptr(t), t.shape[0], ptr(p), p.shape[0])  # type: ignore[no-any-return]
