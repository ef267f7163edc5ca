"""Neural-network mathematics: activations."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array

__all__ = ["sigmoid"]


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
    a = array(x, "sigmoid", "x")
    s = 1.0 / (1.0 + np.exp(-np.clip(a, -500.0, 500.0)))
    return float(s) if a.ndim == 0 else s
