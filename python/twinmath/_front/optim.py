# mypy: disable-error-code="empty-body"
"""The front of optim, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Optimisers: gradient descent, with momentum, and Adam.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import F64, array
from ..errors import invalid

__all__ = ["SGD", "Adam", "Momentum"]


def checked_arrays(
    op: str, params: Any, grads: Any
) -> tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]:
    """Return the parameter arrays and the gradients of a step, checked and converted.

    A parameter must be a writable, C-contiguous float64 ndarray, since it is
    updated where it lies: anything else is a TypeError (not a float64
    ndarray) or a ValueError (read-only, or not C-contiguous). The gradients
    are array_like and converted as every input is; one that shares memory
    with a parameter is copied first, so that every gradient is read as it
    was when the step began.
    """
    for name, v in (("params", params), ("grads", grads)):
        if not isinstance(v, (list, tuple)):
            raise TypeError(f"{op}: {name} must be a list of arrays, got {type(v).__name__}")
    for i, p in enumerate(params):
        if not isinstance(p, np.ndarray) or p.dtype != F64:
            got = f"dtype {p.dtype}" if isinstance(p, np.ndarray) else type(p).__name__
            raise TypeError(f"{op}: params[{i}] must be a float64 ndarray to be updated in place, got {got}")
        if not p.flags.writeable:
            raise invalid(op, f"params[{i}] is read-only")
        if not p.flags.c_contiguous:
            raise invalid(op, f"params[{i}] is not C-contiguous")
    gs = [array(g, op, f"grads[{i}]") for i, g in enumerate(grads)]
    if params and gs:
        # Every array here is C-contiguous: its memory is [start, start + nbytes).
        starts = np.array([p.__array_interface__["data"][0] for p in params], dtype=np.uint64)
        ends = starts + np.array([p.nbytes for p in params], dtype=np.uint64)
        for i, g in enumerate(gs):
            start = np.uint64(g.__array_interface__["data"][0])
            if np.any((start < ends) & (starts < start + np.uint64(g.nbytes))):
                gs[i] = g.copy()
    return list(params), gs


class _Optimizer:
    """What the three optimisers share: a step and closing."""

    def close(self) -> None:
        """Release the optimiser and its state (idempotent); a later step raises ValueError.

        twinmath.go frees the Go object that holds the state; the reference
        drops its arrays. ``with`` closes the optimiser at the end of its block.
        """

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> Sequence[NDArray[np.float64]]:
        """Update every parameter array in place from its gradient, and return ``params``.

        Parameters
        ----------
        params : list of ndarray of float64
            The parameter arrays, each writable and C-contiguous; they are
            updated where they lie.
        grads : list of array_like
            One gradient per parameter array, of the same shape.

        Returns
        -------
        list of ndarray
            ``params`` itself, its arrays updated.

        Raises
        ------
        TypeError
            If a parameter is not a float64 ndarray, or a gradient does not
            hold real numbers.
        ValueError
            If a parameter is read-only or not C-contiguous, or the optimiser
            is closed.
        ShapeError
            If the numbers or shapes of params and grads differ, or (with
            state) differ from those of the first step. A failed step changes
            nothing.
        """


class SGD(_Optimizer):
    """Stochastic gradient descent: every parameter moves against its gradient.

    ``θ ← θ − α·∇`` for each parameter array θ and its gradient ∇. SGD has no
    state, so the arrays it is given may change from one step to the next.

    Parameters
    ----------
    learning_rate : float
        The step size α, finite and ≥ 0.

    Raises
    ------
    ValueError
        If ``learning_rate`` is negative or not finite.

    Examples
    --------
    >>> import numpy as np
    >>> import twinmath as tm
    >>> w = np.array([1.0, 2.0])
    >>> opt = tm.SGD(0.1)
    >>> opt.step([w], [[0.5, -1.0]])
    [array([0.95, 2.1 ])]
    >>> w
    array([0.95, 2.1 ])
    """

    def __init__(self, learning_rate: float) -> None: ...


class Momentum(_Optimizer):
    """Gradient descent with momentum: a velocity accumulates the gradients.

    ``v ← β·v + α·∇`` and ``θ ← θ − v``, with one velocity per parameter array,
    starting at zero. The first step fixes the number and shapes of the
    parameter arrays.

    Parameters
    ----------
    learning_rate : float
        The step size α, finite and ≥ 0.
    momentum : float, default 0.9
        The decay β of the velocity, in [0, 1).

    Raises
    ------
    ValueError
        If ``learning_rate`` is negative or not finite, or ``momentum`` is
        outside [0, 1).

    Examples
    --------
    >>> import numpy as np
    >>> import twinmath as tm
    >>> w = np.array([1.0])
    >>> with tm.Momentum(0.1, momentum=0.9) as opt:
    ...     for _ in range(2):
    ...         _ = opt.step([w], [[1.0]])
    >>> w  # 1 − 0.1, then − (0.9·0.1 + 0.1)
    array([0.71])
    """

    def __init__(self, learning_rate: float, momentum: float = 0.9) -> None: ...


class Adam(_Optimizer):
    """Adam: steps scaled by running means of the gradients and of their squares.

    With t counting the steps, for each parameter array θ and its gradient ∇::

        m ← β₁·m + (1 − β₁)·∇          v ← β₂·v + (1 − β₂)·∇²
        m̂ = m / (1 − β₁ᵗ)              v̂ = v / (1 − β₂ᵗ)
        θ ← θ − α·m̂ / (√v̂ + ε)

    m and v start at zero; m̂ and v̂ correct that bias. β₁ᵗ and β₂ᵗ are running
    products (one multiplication per step), and every expression is evaluated
    in the order written, as the Go package does, so that both backends
    round alike. The first step fixes the number and shapes of the parameter
    arrays.

    Parameters
    ----------
    learning_rate : float
        The step size α, finite and ≥ 0.
    beta1 : float, default 0.9
        The decay β₁ of the mean of the gradients, in [0, 1).
    beta2 : float, default 0.999
        The decay β₂ of the mean of their squares, in [0, 1).
    epsilon : float, default 1e-8
        ε, finite and > 0, keeps the division defined where v̂ is 0.

    Raises
    ------
    ValueError
        If a parameter is out of its range.

    Examples
    --------
    >>> import numpy as np
    >>> import twinmath as tm
    >>> w = np.array([1.0, 2.0])
    >>> opt = tm.Adam(0.1)
    >>> _ = opt.step([w], [[0.5, -3.0]])  # the first step is about α·sign(∇)
    >>> w
    array([0.9, 2.1])
    >>> opt.close()
    """

    def __init__(
        self, learning_rate: float, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8
    ) -> None: ...
