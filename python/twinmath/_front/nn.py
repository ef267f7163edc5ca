# mypy: disable-error-code="empty-body"
"""The front of nn, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Neural-network mathematics: activations, softmax, and the forward and.
"""

from __future__ import annotations

from typing import Any, NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, integer, matrix
from ..errors import axis_error, shape_error

__all__ = ["backward_pass", "forward_pass", "relu", "sigmoid", "sigmoid_derivative", "softmax", "tanh"]


class ForwardPassResult(NamedTuple):
    """The result of ``forward_pass``: activations and pre-activations."""

    a1: NDArray[np.float64]
    a2: NDArray[np.float64]
    z1: NDArray[np.float64]
    z2: NDArray[np.float64]


class BackwardPassResult(NamedTuple):
    """The result of ``backward_pass``: the gradients of the loss."""

    dW1: NDArray[np.float64]  # noqa: N815  (the names of the maths)
    db1: NDArray[np.float64]
    dW2: NDArray[np.float64]  # noqa: N815
    db2: NDArray[np.float64]


def sigmoid(x: ArrayLike) -> float | NDArray[np.float64]:
    """Return the logistic function of ``x``, elementwise.

    ``σ(x) = 1 / (1 + e^(−x))``, with ``x`` clipped to [-500, 500] so that
    ``e^(−x)`` stays finite; σ(NaN) is NaN.

    Parameters
    ----------
    x : float or array_like of any shape

    Returns
    -------
    float or ndarray of float64
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.sigmoid(0)
    0.5
    >>> tm.sigmoid([0, 2])
    array([0.5       , 0.88079708])
    """


def sigmoid_derivative(x: ArrayLike) -> float | NDArray[np.float64]:
    """Return the derivative of the logistic function at ``x``, elementwise.

    ``σ'(x) = σ(x)·(1 − σ(x))``, computed from ``s = sigmoid(x)`` as
    ``s * (1 - s)``; it lies in [0, 1/4] and is largest at 0. σ'(NaN) is
    NaN, and σ'(±inf) is σ'(±500), as ``sigmoid`` clips.

    Parameters
    ----------
    x : float or array_like of any shape

    Returns
    -------
    float or ndarray of float64
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.sigmoid_derivative(0)
    0.25
    >>> tm.sigmoid_derivative([-2, 0, 2])
    array([0.10499359, 0.25      , 0.10499359])
    """


def relu(x: ArrayLike) -> float | NDArray[np.float64]:
    """Return the rectified linear unit of ``x``, elementwise.

    ``relu(x) = x`` for ``x > 0`` and ``+0.0`` otherwise (``-0.0`` too);
    NaN stays NaN.

    Parameters
    ----------
    x : float or array_like of any shape

    Returns
    -------
    float or ndarray of float64
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.relu([-1.5, 0, 2])
    array([0., 0., 2.])
    >>> tm.relu(-3)
    0.0
    """


def tanh(x: ArrayLike) -> float | NDArray[np.float64]:
    """Return the hyperbolic tangent of ``x``, elementwise.

    ``tanh(x) = (eˣ − e⁻ˣ) / (eˣ + e⁻ˣ)``, in (−1, 1); tanh(±inf) = ±1,
    tanh(±0) = ±0, tanh(NaN) = NaN.

    Parameters
    ----------
    x : float or array_like of any shape

    Returns
    -------
    float or ndarray of float64
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.tanh([0, 1, -1])
    array([ 0.        ,  0.76159416, -0.76159416])
    """


def softmax(x: ArrayLike, axis: int = -1) -> float | NDArray[np.float64]:
    """Return the softmax of ``x`` along ``axis``.

    ``softmax(x)ᵢ = e^(xᵢ − m) / Σⱼ e^(xⱼ − m)`` with ``m = maxⱼ xⱼ`` along
    the axis: subtracting the maximum changes nothing mathematically and keeps
    every exponent ≤ 0, so nothing overflows. Each lane along the axis sums to
    1. A lane holding NaN or +inf, or made only of -inf, is NaN throughout
    (the arithmetic gives inf − inf or 0/0); -inf among finite values gives
    0. An empty axis gives an empty result.

    Parameters
    ----------
    x : float or array_like of any shape
        A scalar is a lane of one value (its softmax is 1.0).
    axis : int, default -1
        The axis to normalise along; negative counts from the end.

    Returns
    -------
    float or ndarray of float64
        A float for a scalar ``x``, else an array of the shape of ``x``.

    Raises
    ------
    TypeError
        If ``axis`` is not an integer.
    AxisError
        If ``axis`` is out of range for ``x`` (numpy's ``AxisError``, a
        ``ValueError``); a scalar has the axes 0 and -1.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.softmax([1, 2, 3])
    array([0.09003057, 0.24472847, 0.66524096])
    >>> tm.softmax([[1, 1], [0, 1000]], axis=1)
    array([[0.5, 0.5],
           [0. , 1. ]])
    """


def softmax_args(x: ArrayLike, axis: Any) -> tuple[NDArray[np.float64], int]:
    """Return ``x`` of ``softmax`` as an array and ``axis`` as an int in bounds for it.

    A scalar is a lane of one value, so its axes are 0 and -1; any other axis
    out of bounds is an ``AxisError``, raised here for both backends (Go
    checks it again, with the same text, for its own callers).
    """
    a = array(x, "softmax", "x")
    ax = integer(axis, "softmax", "axis")
    nd = max(a.ndim, 1)
    if not -nd <= ax < nd:
        raise axis_error("softmax", f"axis {ax} is out of bounds for an array of dimension {a.ndim}")
    return a, ax


def bias(b: ArrayLike, op: str, name: str) -> NDArray[np.float64]:
    """Return a bias of shape (h,) or (1, h) as a 1-D array of its h values."""
    a = array(b, op, name)
    if a.ndim == 1 or (a.ndim == 2 and a.shape[0] == 1):
        return a.reshape(-1)
    raise shape_error(op, f"{name} must have shape (h,) or (1, h), got {a.shape}")


def forward_args(
    X: ArrayLike, W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike
) -> tuple[NDArray[np.float64], ...]:
    """Return ``X, W1, b1, W2, b2`` of ``forward_pass`` as arrays: matrices and 1-D biases."""
    op = "forward_pass"
    x, w1, c1 = matrix(X, op, "X"), matrix(W1, op, "W1"), bias(b1, op, "b1")
    return x, w1, c1, matrix(W2, op, "W2"), bias(b2, op, "b2")


def backward_args(*args: ArrayLike) -> list[NDArray[np.float64]]:
    """Return the eight arguments of ``backward_pass``, in its order, as matrices."""
    names = ("X", "y", "a1", "a2", "z1", "z2", "W1", "W2")
    return [matrix(v, "backward_pass", name) for v, name in zip(args, names, strict=True)]


def forward_pass(
    X: ArrayLike, W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike
) -> ForwardPassResult:
    """Return the forward pass of a network with one hidden sigmoid layer.

    ``z1 = X·W1 + b1``, ``a1 = σ(z1)``, ``z2 = a1·W2 + b2``, ``a2 = σ(z2)``,
    for the m samples in the rows of ``X``; the biases are added to every
    row and σ is ``sigmoid``. NaN and inf propagate.

    Parameters
    ----------
    X : array_like, shape (m, n)
    W1 : array_like, shape (n, h)
    b1 : array_like, shape (1, h) or (h,)
    W2 : array_like, shape (h, k)
    b2 : array_like, shape (1, k) or (k,)

    Returns
    -------
    ForwardPassResult
        The named tuple ``(a1, a2, z1, z2)``: ``a1`` and ``z1`` of shape
        (m, h), ``a2`` and ``z2`` of shape (m, k), float64.

    Raises
    ------
    ShapeError
        If an argument has the wrong number of dimensions or the shapes do
        not fit together.

    Examples
    --------
    >>> import twinmath as tm
    >>> X = [[0, 0], [0, 1], [1, 0], [1, 1]]
    >>> a1, a2, z1, z2 = tm.forward_pass(X, [[0, 0, 0], [0, 0, 0]], [[0, 0, 0]], [[1], [1], [1]], [[0]])
    >>> a1[0]
    array([0.5, 0.5, 0.5])
    >>> z2.ravel()
    array([1.5, 1.5, 1.5, 1.5])
    >>> a2.ravel()
    array([0.81757448, 0.81757448, 0.81757448, 0.81757448])
    """


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
    """Return the gradients of the network of ``forward_pass`` by backpropagation.

    With m samples (the rows of ``X``)::

        dz2 = a2 − y
        dW2 = (1/m)·a1ᵀ·dz2      db2 = (1/m)·Σ dz2 over the rows
        dz1 = (dz2·W2ᵀ) ⊙ σ'(z1)
        dW1 = (1/m)·Xᵀ·dz1       db1 = (1/m)·Σ dz1 over the rows

    ``a2 − y`` is m times the gradient of the binary cross-entropy
    ``L = −(1/m)·Σ [y·log a2 + (1 − y)·log(1 − a2)]`` with respect to ``z2``
    when the outputs are sigmoids, so these are the gradients of ``L``.
    ``W1`` is not used by the formulas; its shape is checked and is that of
    ``dW1``. NaN and inf propagate.

    Parameters
    ----------
    X : array_like, shape (m, n)
    y : array_like, shape (m, k)
        The targets, in the shape of ``a2``.
    a1, z1 : array_like, shape (m, h)
    a2, z2 : array_like, shape (m, k)
    W1 : array_like, shape (n, h)
    W2 : array_like, shape (h, k)

    Returns
    -------
    BackwardPassResult
        The named tuple ``(dW1, db1, dW2, db2)`` of float64 arrays with the
        shapes (n, h), (1, h), (h, k) and (1, k).

    Raises
    ------
    ShapeError
        If an argument is not 2-D or the shapes do not fit together.
    ValueError
        If ``X`` has no rows (there is no average over no samples).

    Examples
    --------
    >>> import twinmath as tm
    >>> X, y = [[0, 0], [0, 1], [1, 0], [1, 1]], [[0], [1], [1], [0]]
    >>> W1, W2 = [[0, 0, 0], [0, 0, 0]], [[1], [1], [1]]
    >>> a1, a2, z1, z2 = tm.forward_pass(X, W1, [[0, 0, 0]], W2, [[0]])
    >>> dW1, db1, dW2, db2 = tm.backward_pass(X, y, a1, a2, z1, z2, W1, W2)
    >>> db2
    array([[0.31757448]])
    >>> dW2.ravel()
    array([0.15878724, 0.15878724, 0.15878724])
    """
