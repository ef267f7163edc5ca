"""Neural-network mathematics: activations, softmax, and the forward and
backward passes of a network with one hidden layer."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array
from .._front import twin
from .._front.nn import BackwardPassResult, ForwardPassResult, backward_args, forward_args, softmax_args
from ..errors import invalid, shape_error

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.nn.__all__


def _scalar_or_array(a: NDArray[np.float64], r: NDArray[np.float64]) -> float | NDArray[np.float64]:
    return float(r) if a.ndim == 0 else r


@twin(_front.nn.sigmoid)
def sigmoid(x: ArrayLike) -> float | NDArray[np.float64]:
    a = array(x, "sigmoid", "x")
    s = 1.0 / (1.0 + np.exp(-np.clip(a, -500.0, 500.0)))
    return float(s) if a.ndim == 0 else s


@twin(_front.nn.sigmoid_derivative)
def sigmoid_derivative(x: ArrayLike) -> float | NDArray[np.float64]:
    a = array(x, "sigmoid_derivative", "x")
    s = np.asarray(sigmoid(a))
    return _scalar_or_array(a, s * (1 - s))


@twin(_front.nn.relu)
def relu(x: ArrayLike) -> float | NDArray[np.float64]:
    a = array(x, "relu", "x")
    # NaN <= 0 is False, so NaN passes through; -0.0 <= 0 is True, so it becomes +0.0.
    return _scalar_or_array(a, np.where(a <= 0, 0.0, a))


@twin(_front.nn.tanh)
def tanh(x: ArrayLike) -> float | NDArray[np.float64]:
    a = array(x, "tanh", "x")
    return _scalar_or_array(a, np.tanh(a))


@twin(_front.nn.softmax)
def softmax(x: ArrayLike, axis: int = -1) -> float | NDArray[np.float64]:
    a, ax = softmax_args(x, axis)
    b = a.reshape(a.shape or (1,))
    # initial=-inf: the maximum of an empty lane (whose result is empty anyway).
    e = np.exp(b - np.max(b, axis=ax, keepdims=True, initial=-np.inf))
    s = e / np.sum(e, axis=ax, keepdims=True)
    return float(s[0]) if a.ndim == 0 else s


@twin(_front.nn.forward_pass)
def forward_pass(
    X: ArrayLike, W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike
) -> ForwardPassResult:
    op = "forward_pass"
    x, w1, c1, w2, c2 = forward_args(X, W1, b1, W2, b2)
    if w1.shape[0] != x.shape[1]:
        raise shape_error(op, f"W1 is {w1.shape[0]}x{w1.shape[1]}, want {x.shape[1]} rows (the columns of X)")
    if c1.size != w1.shape[1]:
        raise shape_error(op, f"b1 has {c1.size} values, want {w1.shape[1]} (the columns of W1)")
    if w2.shape[0] != w1.shape[1]:
        raise shape_error(
            op, f"W2 is {w2.shape[0]}x{w2.shape[1]}, want {w1.shape[1]} rows (the columns of W1)"
        )
    if c2.size != w2.shape[1]:
        raise shape_error(op, f"b2 has {c2.size} values, want {w2.shape[1]} (the columns of W2)")
    z1 = np.dot(x, w1) + c1
    a1 = sigmoid(z1)
    z2 = np.dot(a1, w2) + c2
    a2 = sigmoid(z2)
    return ForwardPassResult(a1, a2, z1, z2)  # type: ignore[arg-type]


@twin(_front.nn.backward_pass)
def backward_pass(
    X: ArrayLike,
    y: ArrayLike,
    a1: ArrayLike,
    a2: ArrayLike,
    z1: ArrayLike,
    z2: ArrayLike,
    W1: ArrayLike,
    W2: ArrayLike,
) -> BackwardPassResult:
    op = "backward_pass"
    x, t, h1, h2, p1, p2, w1, w2 = backward_args(X, y, a1, a2, z1, z2, W1, W2)
    if w1.shape[0] != x.shape[1]:
        raise shape_error(op, f"W1 is {w1.shape[0]}x{w1.shape[1]}, want {x.shape[1]} rows (the columns of X)")
    if w2.shape[0] != w1.shape[1]:
        raise shape_error(
            op, f"W2 is {w2.shape[0]}x{w2.shape[1]}, want {w1.shape[1]} rows (the columns of W1)"
        )
    m, h, k = x.shape[0], w1.shape[1], w2.shape[1]
    wanted = {
        "y": (t, (m, k)),
        "a1": (h1, (m, h)),
        "a2": (h2, (m, k)),
        "z1": (p1, (m, h)),
        "z2": (p2, (m, k)),
    }
    for name, (v, want) in wanted.items():
        if v.shape != want:
            raise shape_error(op, f"{name} is {v.shape[0]}x{v.shape[1]}, want {want[0]}x{want[1]}")
    if m == 0:
        raise invalid(op, "X has no rows (no samples to average over)")
    dz2 = h2 - t
    dW2 = (1 / m) * np.dot(h1.T, dz2)
    db2 = (1 / m) * np.sum(dz2, axis=0, keepdims=True)
    da1 = np.dot(dz2, w2.T)
    dz1 = da1 * sigmoid_derivative(p1)
    dW1 = (1 / m) * np.dot(x.T, dz1)
    db1 = (1 / m) * np.sum(dz1, axis=0, keepdims=True)
    return BackwardPassResult(dW1, db1, dW2, db2)
