"""Neural-network mathematics, computed by the Go library (documented in twinmath._front.nn)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import array
from .._front import twin
from .._front.nn import BackwardPassResult, ForwardPassResult, backward_args, forward_args, softmax_args
from . import _native as n
from ._native import ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.nn.__all__


def _elementwise(op: str, f: Callable[..., int], x: ArrayLike) -> float | NDArray[np.float64]:
    a = array(x, op, "x")
    out = np.empty(a.shape)
    n.call(f, ptr(a), a.size, ptr(out))
    return float(out) if a.ndim == 0 else out


@twin(_front.nn.sigmoid)
def sigmoid(x: ArrayLike) -> float | NDArray[np.float64]:
    return _elementwise("sigmoid", n.lib.tm_sigmoid, x)


@twin(_front.nn.sigmoid_derivative)
def sigmoid_derivative(x: ArrayLike) -> float | NDArray[np.float64]:
    return _elementwise("sigmoid_derivative", n.lib.tm_sigmoid_derivative, x)


@twin(_front.nn.relu)
def relu(x: ArrayLike) -> float | NDArray[np.float64]:
    return _elementwise("relu", n.lib.tm_relu, x)


@twin(_front.nn.tanh)
def tanh(x: ArrayLike) -> float | NDArray[np.float64]:
    return _elementwise("tanh", n.lib.tm_tanh, x)


@twin(_front.nn.softmax)
def softmax(x: ArrayLike, axis: int = -1) -> float | NDArray[np.float64]:
    a, ax = softmax_args(x, axis)
    out = np.empty(a.shape)
    shape = n.ffi.new("int64_t[]", list(a.shape))
    n.call(n.lib.tm_softmax, ptr(a), shape, a.ndim, ax, ptr(out))
    return float(out) if a.ndim == 0 else out


@twin(_front.nn.forward_pass)
def forward_pass(
    X: ArrayLike, W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike
) -> ForwardPassResult:
    x, w1, c1, w2, c2 = forward_args(X, W1, b1, W2, b2)
    m, h, k = x.shape[0], w1.shape[1], w2.shape[1]
    a1, a2, z1, z2 = np.empty((m, h)), np.empty((m, k)), np.empty((m, h)), np.empty((m, k))
    n.call(
        n.lib.tm_forward_pass,
        ptr(x), *x.shape, ptr(w1), *w1.shape, ptr(c1), c1.size, ptr(w2), *w2.shape, ptr(c2), c2.size,
        ptr(a1), ptr(a2), ptr(z1), ptr(z2),
        work=m * h * (x.shape[1] + k),  # the two layers' products
    )  # fmt: skip
    return ForwardPassResult(a1, a2, z1, z2)


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
    args = backward_args(X, y, a1, a2, z1, z2, W1, W2)
    w1, w2 = args[6], args[7]
    dW1, db1 = np.empty(w1.shape), np.empty((1, w1.shape[1]))
    dW2, db2 = np.empty(w2.shape), np.empty((1, w2.shape[1]))
    flat: list[Any] = []
    for a in args:
        flat += [ptr(a), *a.shape]
    # Three products: A1ᵀ·dZ2, dZ2·W2ᵀ (m·h·k each) and Xᵀ·dZ1 (m·n·h).
    work = args[0].shape[0] * w1.shape[1] * (2 * w2.shape[1] + w1.shape[0])
    n.call(n.lib.tm_backward_pass, *flat, ptr(dW1), ptr(db1), ptr(dW2), ptr(db2), work=work)
    return BackwardPassResult(dW1, db1, dW2, db2)
