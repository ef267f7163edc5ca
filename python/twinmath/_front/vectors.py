# mypy: disable-error-code="empty-body"
"""The front of vectors, which twinmath.ref and twinmath.go share.

Vectors: elementwise arithmetic, dot products, norms, similarity, projection.

The signature and docstring of every public function, declared once (the backends
take them with ``twin``); the result types; and the checks of arguments,
beyond ``_convert``, that both backends apply.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["add", "cosine_similarity", "dot", "norm", "outer", "project", "scale", "subtract"]


def add(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    """Return the elementwise sum of two vectors.

    ``add(a, b)[i] = a[i] + b[i]``

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Vectors of the same length.

    Returns
    -------
    ndarray of float64, shape (n,)

    Raises
    ------
    ShapeError
        If ``a`` or ``b`` is not 1-D, or their lengths differ.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.add([1, 2, 3], [4, 5, 6])
    array([5., 7., 9.])
    """


def subtract(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    """Return the elementwise difference of two vectors.

    ``subtract(a, b)[i] = a[i] - b[i]``

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Vectors of the same length.

    Returns
    -------
    ndarray of float64, shape (n,)

    Raises
    ------
    ShapeError
        If ``a`` or ``b`` is not 1-D, or their lengths differ.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.subtract([4, 5, 6], [1, 2, 3])
    array([3., 3., 3.])
    """


def scale(v: ArrayLike, c: float) -> NDArray[np.float64]:
    """Return the vector multiplied by a scalar.

    ``scale(v, c)[i] = c * v[i]``

    Parameters
    ----------
    v : array_like, shape (n,)
    c : float

    Returns
    -------
    ndarray of float64, shape (n,)

    Raises
    ------
    ShapeError
        If ``v`` is not 1-D.
    TypeError
        If ``c`` is not a real number.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.scale([1, 2, 3], 2)
    array([2., 4., 6.])
    """


def dot(a: ArrayLike, b: ArrayLike) -> float:
    """Return the dot product of two vectors.

    ``a · b = Σᵢ a[i] b[i]``

    Parameters
    ----------
    a, b : array_like, shape (n,)
        Vectors of the same length; 2-D arrays are refused (use ``matmul``).

    Returns
    -------
    float
        0.0 for empty vectors.

    Raises
    ------
    ShapeError
        If ``a`` or ``b`` is not 1-D, or their lengths differ.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.dot([1, 2, 3], [4, 5, 6])
    32.0
    """


def norm(v: ArrayLike, ord: float | str | None = 2) -> float:
    """Return the norm of a vector, or of a matrix.

    For a vector: ``ord=1`` gives Σ|vᵢ|, ``ord=2`` the Euclidean length
    √(Σvᵢ²), ``ord=inf`` max|vᵢ|. For a matrix: ``ord="fro"`` the Frobenius
    norm √(Σaᵢⱼ²), ``ord=1`` the largest absolute column sum, ``ord=2`` the
    spectral norm (the largest singular value), ``ord=inf`` the largest
    absolute row sum. ``ord=None`` is numpy's default (2 for a vector,
    ``"fro"`` for a matrix). Euclidean and Frobenius norms are scaled by the
    largest magnitude, so they do not overflow for huge entries.

    Parameters
    ----------
    v : array_like, shape (n,) or (m, n)
    ord : {1, 2, inf, "fro", None}, optional

    Returns
    -------
    float
        0.0 for an empty input; NaN if any entry is NaN, else inf if any is
        infinite.

    Raises
    ------
    ShapeError
        If ``v`` is neither 1-D nor 2-D.
    ValueError
        If ``ord`` is not one of the orders above for that dimension.
    ConvergenceError
        If the singular values of a matrix (``ord=2``) do not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.norm([3, 4])
    5.0
    >>> tm.norm([[1, 2], [3, 4]], ord="fro")
    5.477225575051661
    >>> tm.norm([[3, 0], [0, -4]], ord=2)
    4.0
    """


def cosine_similarity(a: ArrayLike, b: ArrayLike) -> float:
    """Return the cosine of the angle between two vectors.

    ``cos θ = a · b / (‖a‖ ‖b‖)``

    Both vectors are scaled by their largest magnitude first, so the result is
    accurate for any finite input; it is clamped to [-1, 1].

    Parameters
    ----------
    a, b : array_like, shape (n,)

    Returns
    -------
    float
        0.0 if either vector is zero (or empty); NaN if either holds NaN or
        inf.

    Raises
    ------
    ShapeError
        If ``a`` or ``b`` is not 1-D, or their lengths differ.

    Examples
    --------
    >>> import twinmath as tm
    >>> round(tm.cosine_similarity([1, 2, 3], [4, 5, 6]), 6)
    0.974632
    """


def outer(a: ArrayLike, b: ArrayLike) -> NDArray[np.float64]:
    """Return the outer product of two vectors.

    ``outer(a, b)[i, j] = a[i] * b[j]``

    Parameters
    ----------
    a : array_like, shape (m,)
    b : array_like, shape (n,)

    Returns
    -------
    ndarray of float64, shape (m, n)

    Raises
    ------
    ShapeError
        If ``a`` or ``b`` is not 1-D.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.outer([1, 2], [3, 4, 5])
    array([[ 3.,  4.,  5.],
           [ 6.,  8., 10.]])
    """


def project(a: ArrayLike, onto: ArrayLike) -> NDArray[np.float64]:
    """Return the orthogonal projection of ``a`` onto the line through ``onto``.

    ``proj(a, u) = (a · u / u · u) u``

    ``onto`` is scaled by its largest magnitude first, so ``u · u`` neither
    overflows nor underflows.

    Parameters
    ----------
    a, onto : array_like, shape (n,)

    Returns
    -------
    ndarray of float64, shape (n,)
        Zeros if ``onto`` is the zero vector.

    Raises
    ------
    ShapeError
        If ``a`` or ``onto`` is not 1-D, or their lengths differ.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.project([2, 3], [1, 0])
    array([2., 0.])
    """
