# mypy: disable-error-code="empty-body"
"""The front of vectors, which twinmath.ref and twinmath.go share (see ``twinmath._front``).

Vectors: elementwise arithmetic, dot products, norms, similarity, projection.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any, Literal, NamedTuple, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import array, broadcast, norm_ord, real, spread, stack, vector_or_matrix
from ..errors import axis_error, invalid, shape_error

__all__ = [
    "add",
    "cosine_similarity",
    "cross",
    "dot",
    "matrix_norm",
    "norm",
    "outer",
    "project",
    "scale",
    "subtract",
    "vector_norm",
]


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


@overload
def norm(
    v: ArrayLike, ord: float | str | None = ..., axis: None = ..., keepdims: Literal[False] = ...
) -> float: ...
@overload
def norm(
    v: ArrayLike, ord: float | str | None = ..., axis: int | Sequence[int] | None = ..., keepdims: bool = ...
) -> Any: ...


def norm(
    v: ArrayLike, ord: float | str | None = 2, axis: int | Sequence[int] | None = None, keepdims: bool = False
) -> Any:
    """Return the norm of a vector, of a matrix, or of the lanes along an axis.

    For a vector: ``ord=1`` gives Σ|vᵢ|, ``ord=2`` the Euclidean length
    √(Σvᵢ²), ``ord=inf`` max|vᵢ|, and any other ``ord`` (-inf, 0, any p) as
    ``vector_norm``. For a matrix: ``ord="fro"`` the Frobenius norm
    √(Σaᵢⱼ²), ``ord=1`` the largest absolute column sum, ``ord=2`` the
    spectral norm (the largest singular value), ``ord=inf`` the largest
    absolute row sum, and ``"nuc"``, -1, -2, -inf as ``matrix_norm``.
    ``ord=None`` is numpy's default (2 for a vector, ``"fro"`` for a
    matrix; with no axis, the 2-norm of all the entries of an array of any
    dimension). Euclidean and Frobenius norms are scaled by the largest
    magnitude, so they do not overflow for huge entries.

    ``axis``, as ``numpy.linalg.norm``: an integer (or a sequence of one)
    takes the vector norm of every lane along that axis of an array of any
    dimension; a pair of axes the matrix norm of a 2-D array, ``(1, 0)``
    that of its transpose, and for an array of more dimensions the matrix
    norm over those two axes for every index of the others (numpy's
    stacked matrices, each as ``matrix_norm`` gives it). ``keepdims`` keeps
    the axes taken as length 1.

    Parameters
    ----------
    v : array_like
        1-D or 2-D, unless ``axis`` is an integer (any dimension) or both
        ``ord`` and ``axis`` are None.
    ord : {non-zero int, inf, -inf, "fro", "nuc", None}, optional
    axis : {None, int, (int,), (int, int)}, optional
        Negative axes count from the end.
    keepdims : bool, optional

    Returns
    -------
    float, or ndarray of float64
        A float for a single norm without ``keepdims``; 0.0 for an empty
        input (for the orders 1, 2, inf, "fro"); NaN if any entry is NaN,
        else inf if any is infinite (for those orders).

    Raises
    ------
    ShapeError
        If ``v`` is neither 1-D nor 2-D where it must be.
    TypeError
        If ``axis`` holds something else than integers, or ``keepdims`` is
        not a bool.
    ValueError
        If ``ord`` is not one of the orders above for that dimension (NaN
        for a vector), an axis is out of range, or a pair repeats one.
    ConvergenceError
        If the singular values of a matrix (``ord`` ±2, "nuc") do not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.norm([3, 4])
    5.0
    >>> tm.norm([[1, 2], [3, 4]], ord="fro")
    5.477225575051661
    >>> tm.norm([[3, 0], [0, -4]], ord=2)
    4.0
    >>> tm.norm([[3, 0], [4, -1]], axis=0)
    array([5., 1.])
    >>> tm.norm([[3, 0], [4, -1]], ord=1, axis=1, keepdims=True)
    array([[3.],
           [5.]])
    """


class NormPlan(NamedTuple):
    """What ``norm`` computes: ``kind`` "vector" or "matrix" (one norm of ``x``),
    "axis" (the norms of the lanes along ``axis`` of ``x``) or "stack" (the
    matrix norms of the ``(count, m, n)`` stack ``x``), and the result's
    ``shape``: None for a float."""

    kind: str
    x: NDArray[np.float64]
    ord: float | str
    axis: int
    shape: tuple[int, ...] | None


def _axes(axis: Any) -> list[int]:
    items = (
        axis if isinstance(axis, (Sequence, np.ndarray)) and not isinstance(axis, (str, bytes)) else [axis]
    )
    out = []
    for a in items:
        if isinstance(a, (bool, np.bool_)):
            raise TypeError("norm: axis must hold integers, got bool")
        try:
            out.append(operator.index(a))
        except TypeError:
            raise TypeError(f"norm: axis must hold integers, got {type(a).__name__}") from None
    return out


def norm_plan(v: ArrayLike, ord: Any, axis: Any, keepdims: Any) -> NormPlan:
    """Return what ``norm(v, ord, axis, keepdims)`` computes, checked (numpy.linalg.norm's rules)."""
    if not isinstance(keepdims, (bool, np.bool_)):
        raise TypeError(f"norm: keepdims must be a bool, got {type(keepdims).__name__}")
    keep = bool(keepdims)
    if axis is None:
        x = array(v, "norm", "v")
        if ord is None and x.ndim not in (1, 2):
            return NormPlan("vector", x.reshape(-1), 2.0, 0, (1,) * x.ndim if keep else None)
        x = vector_or_matrix(x, "norm", "v")
        o = norm_ord(ord, x.ndim)
        shape = (1,) * x.ndim if keep else None
        if x.ndim == 1:
            return NormPlan("vector", x, vector_order(o, "norm"), 0, shape)
        return NormPlan("matrix", x, matrix_order(o, "norm"), 0, shape)
    axes = _axes(axis)
    x = array(v, "norm", "v")
    nd = x.ndim
    for k in axes:
        if not -nd <= k < nd:
            raise axis_error("norm", f"axis {k} is out of bounds for v of {nd} dimensions")
    axes = [k + nd if k < 0 else k for k in axes]
    if len(axes) == 1:
        if isinstance(ord, str):
            raise invalid("norm", f"ord must be a number for a vector, got {ord!r}")
        o = 2.0 if ord is None else vector_order(ord, "norm")
        k = axes[0]
        rest = x.shape[:k] + ((1,) if keep else ()) + x.shape[k + 1 :]
        return NormPlan("axis", x, o, k, rest if rest or keep else None)
    if len(axes) != 2:
        raise invalid("norm", f"axis must be an integer or a pair of them, got {len(axes)} axes")
    if axes[0] == axes[1]:
        raise invalid("norm", f"duplicate axes given: {axes[0]} and {axes[1]}")
    mo = matrix_order("fro" if ord is None else ord, "norm")
    if nd != 2:
        # numpy's stacked matrices: the pair moves to the end, in its order
        # (so a reversed pair is each matrix's transpose), the other axes
        # stay a stack, in order.
        others = [d for k, d in enumerate(x.shape) if k not in axes]
        moved = np.moveaxis(x, axes, (-2, -1))
        mats = np.ascontiguousarray(moved).reshape(math.prod(others), *moved.shape[-2:])
        shape = tuple(1 if k in axes else d for k, d in enumerate(x.shape)) if keep else tuple(others)
        return NormPlan("stack", mats, mo, 0, shape)
    if axes == [1, 0] and mo in (1.0, -1.0, math.inf, -math.inf):
        # The norm of the transpose: column sums are its row sums.
        mo = {1.0: math.inf, -1.0: -math.inf, math.inf: 1.0, -math.inf: -1.0}[mo]
    return NormPlan("matrix", x, mo, 0, (1, 1) if keep else None)


def norm_result(r: Any, plan: NormPlan) -> Any:
    """Return ``norm``'s result: a float, or an array of the plan's shape."""
    if plan.shape is None:
        return float(np.asarray(r).reshape(-1)[0])
    return np.asarray(r, dtype=np.float64).reshape(plan.shape)


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


def vector_order(ord: Any, op: str) -> float:
    """Return a vector norm's order as a float: any number but NaN."""
    if isinstance(ord, str) or isinstance(ord, bool):
        raise invalid(op, f"ord must be a number for a vector, got {ord!r}")
    o = real(ord, op, "ord")
    if math.isnan(o):
        raise invalid(op, "ord must be a number, got nan")
    return o


MATRIX_ORDERS = "'fro', 'nuc', 1, -1, 2, -2, inf or -inf"


def matrix_order(ord: Any, op: str) -> float | str:
    """Return a matrix norm's order: "fro", "nuc", or one of ±1, ±2, ±inf as a float."""
    if isinstance(ord, str) and ord in ("fro", "nuc"):
        return ord
    if not isinstance(ord, str) and not isinstance(ord, bool):
        o = real(ord, op, "ord")
        if o in (1.0, -1.0, 2.0, -2.0, math.inf, -math.inf):
            return o
        ord = o
    raise invalid(op, f"ord must be {MATRIX_ORDERS} for a matrix, got {ord!r}")


# numpy's words, which its own tests match.
CROSS_SHAPES = "input arrays must be (arrays of) 3-dimensional vectors"


class CrossPlan(NamedTuple):
    """What ``cross`` computes: the pairs of rows of ``a`` and ``b``, then where the results go.

    ``a`` and ``b`` are ``(count, 3)`` arrays, C-contiguous, of the vectors
    of x1 and x2 spread to the broadcast leading shape ``lead`` (or one row,
    which meets every row of the other); ``axis`` is where the result's
    vectors go, counted in the result's dimensions. ``lead == ()`` is two
    single vectors.
    """

    a: NDArray[np.float64]
    b: NDArray[np.float64]
    lead: tuple[int, ...]
    axis: int


def cross_args(x1: ArrayLike, x2: ArrayLike, axis: Any) -> CrossPlan:
    """Return ``cross``'s plan, checked (numpy.linalg.cross's rules).

    Each argument's vectors lie along ``axis`` (counted in its own
    dimensions) and move to its end; the other dimensions broadcast. Checks,
    in order: the axis is an integer, in bounds for x1, then for x2
    (``AxisError``); x1's vectors, then x2's, have 3 entries
    (``ShapeError``, numpy's words); the leading shapes broadcast.
    """
    if isinstance(axis, (bool, np.bool_)):
        raise TypeError("cross: axis must be an integer, got bool")
    try:
        k = operator.index(axis)
    except TypeError:
        raise TypeError(f"cross: axis must be an integer, got {type(axis).__name__}") from None
    a, b = array(x1, "cross", "x1"), array(x2, "cross", "x2")
    for name, v in (("x1", a), ("x2", b)):
        if not -v.ndim <= k < v.ndim:
            raise axis_error("cross", f"axis {k} is out of bounds for {name} of {v.ndim} dimensions")
    for name, v in (("x1", a), ("x2", b)):
        if v.shape[k] != 3:
            raise shape_error("cross", f"{CROSS_SHAPES}, but {name}'s have {v.shape[k]} entries")
    a, b = np.moveaxis(a, k, -1), np.moveaxis(b, k, -1)
    la, lb = a.shape[:-1], b.shape[:-1]
    lead = broadcast(la, lb, "cross")
    rows = [
        spread(np.ascontiguousarray(v).reshape(-1, 1, 3), lv, lead).reshape(-1, 3)
        for v, lv in ((a, la), (b, lb))
    ]
    return CrossPlan(rows[0], rows[1], lead, k + len(lead) + 1 if k < 0 else k)


def cross_result(plan: CrossPlan, out: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return the ``(count, 3)`` products ``out`` of ``plan`` in numpy's shape: the vectors along its axis."""
    r = np.moveaxis(out.reshape((*plan.lead, 3)), -1, plan.axis)
    return np.ascontiguousarray(r, dtype=np.float64)


def keep(r: float, ndim: int, keepdims: bool) -> Any:
    """Return r, or with keepdims an array of ndim axes of length 1 holding it."""
    return np.full((1,) * ndim, r) if keepdims else r


def vector_norm_args(
    x: ArrayLike, axis: Any, keepdims: Any, ord: Any
) -> tuple[float, NDArray[np.float64], int]:
    """Return ``vector_norm``'s order, its entries as one vector and the input's ndim, checked."""
    o = vector_order(ord, "vector_norm")
    if axis is not None:
        raise invalid("vector_norm", f"axis must be None (the whole array), got {axis!r}")
    a = array(x, "vector_norm", "x")
    return o, a.reshape(-1), a.ndim


def vector_norm_lanes(
    x: ArrayLike, axis: Any, keepdims: Any, ord: Any
) -> tuple[float, NDArray[np.float64], tuple[int, ...]]:
    """Return ``vector_norm``'s order, its lanes as the rows of a 2-D array, and the result's shape.

    numpy's rule: the axes given (an integer, or a tuple in its order) move
    to the end, the others stay in order, and each lane holds the entries
    of the axes given in C order; ``keepdims`` leaves them as axes of
    length 1. An axis out of bounds is an ``AxisError``, axes repeated a
    ``ValueError``.
    """
    o = vector_order(ord, "vector_norm")
    a = array(x, "vector_norm", "x")
    nd = a.ndim
    single = not isinstance(axis, (tuple, list))
    items = [axis] if single else list(axis)
    axes: list[int] = []
    for k in items:
        if isinstance(k, (bool, np.bool_)):
            raise TypeError("vector_norm: axis must hold integers, got bool")
        try:
            k = operator.index(k)
        except TypeError:
            raise TypeError(f"vector_norm: axis must hold integers, got {type(k).__name__}") from None
        if not -nd <= k < nd:
            raise axis_error("vector_norm", f"axis {k} is out of bounds for x of {nd} dimensions")
        axes.append(k + nd if k < 0 else k)
    if len(set(axes)) != len(axes):
        raise invalid("vector_norm", f"repeated axis in {tuple(items)}")
    rest = [k for k in range(nd) if k not in axes]
    lanes = np.ascontiguousarray(np.transpose(a, rest + axes))
    count = math.prod(a.shape[k] for k in rest)
    rows = lanes.reshape(count, math.prod(a.shape[k] for k in axes))
    if keepdims:
        shape = tuple(1 if k in axes else d for k, d in enumerate(a.shape))
    else:
        shape = tuple(a.shape[k] for k in rest)
    return o, rows, shape


def matrix_norm_stack(x: ArrayLike, keepdims: Any, ord: Any) -> tuple[float | str, NDArray[np.float64], Any]:
    """Return ``matrix_norm``'s order, its matrices as a ``(count, m, n)`` stack, and the result's shape.

    The shape is None for one matrix without ``keepdims`` (a float).
    """
    o = matrix_order(ord, "matrix_norm")
    a, lead = stack(x, "matrix_norm", "x")
    if keepdims:
        return o, a, (*lead, 1, 1)
    return o, a, lead if lead else None


def cross(x1: ArrayLike, x2: ArrayLike, /, *, axis: int = -1) -> NDArray[np.float64]:
    """Return the cross product of two 3-vectors, or of each pair of two stacks of them.

    ``x1 × x2 = (a₁b₂ − a₂b₁, a₂b₀ − a₀b₂, a₀b₁ − a₁b₀)``, each entry from
    two rounded products (no fused multiply-add), as numpy computes it.
    As ``numpy.linalg.cross``, the vectors lie along ``axis`` of each
    argument and the other dimensions broadcast.

    Parameters
    ----------
    x1, x2 : array_like, shape (..., 3, ...)
        3 entries along ``axis``; the other dimensions broadcast.
    axis : int, optional
        The axis holding the vectors, in each argument and in the result;
        negative counts from the end.

    Returns
    -------
    ndarray of float64
        The products, along ``axis`` of the broadcast shape: (3,) for two
        vectors.

    Raises
    ------
    ShapeError
        If the vectors of ``x1`` or ``x2`` do not have 3 entries, or the
        other dimensions do not broadcast.
    AxisError
        If ``axis`` is out of bounds for ``x1`` or ``x2`` (numpy's
        ``AxisError``, a ``ValueError``).
    TypeError
        If ``axis`` is not an integer.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.cross([1, 2, 3], [4, 5, 6])
    array([-3.,  6., -3.])
    >>> tm.cross([[1, 2, 3], [4, 5, 6]], [0, 0, 1])
    array([[ 2., -1.,  0.],
           [ 5., -4.,  0.]])
    """


def vector_norm(
    x: ArrayLike, /, *, axis: int | tuple[int, ...] | None = None, keepdims: bool = False, ord: float = 2
) -> Any:
    """Return the norm of the entries of ``x`` as one vector, or over ``axis``, for any order.

    ``ord = inf``: max|xᵢ|; ``-inf``: min|xᵢ|; ``0``: the number of non-zero
    entries; any other p: ``(Σ|xᵢ|ᵖ)^(1/p)`` (1 and 2 as ``norm``). The sum
    is taken after dividing by the largest magnitude (the smallest for
    p < 0), so it neither overflows nor underflows; a zero entry makes a
    negative-order norm 0. An empty ``x`` gives 0.0 for ord ≥ 0 and inf for
    ord < 0 (the sum of no terms is 0).

    Parameters
    ----------
    x : array_like
        Any shape; its entries are taken in C order.
    axis : {None, int, tuple of int}, optional
        None: the whole array. An integer or a tuple of them (numpy's
        rule): the norm over those axes of ``x`` for every index of the
        others; the result has the shape of the other axes.
    keepdims : bool, optional
        Keep the axes normed over as axes of length 1 (for ``axis=None``,
        an array of ``x.ndim`` axes of length 1 instead of a float).
    ord : float, optional

    Returns
    -------
    float, or ndarray of float64
        A float for ``axis=None`` without ``keepdims``. NaN if an entry is
        NaN (ord ≠ 0).

    Raises
    ------
    ValueError
        If ``ord`` is NaN or not a number, or an axis is out of bounds or
        repeated.
    TypeError
        If ``axis`` holds something else than integers.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.vector_norm([3, -4])
    5.0
    >>> tm.vector_norm([[1, 2], [0, 4]], ord=0)
    3.0
    >>> tm.vector_norm([3, -4], ord=-float("inf"))
    3.0
    >>> tm.vector_norm([[3, 0], [4, -1]], axis=0)
    array([5., 1.])
    """


def matrix_norm(x: ArrayLike, /, *, keepdims: bool = False, ord: float | str = "fro") -> Any:
    """Return a norm of a matrix, or of each of a stack, as ``numpy.linalg.matrix_norm``.

    ``ord = "fro"``: √(Σxᵢⱼ²) (scaled against overflow); ``"nuc"``: the sum
    of the singular values; ``2``: the largest singular value; ``1``:
    the largest absolute column sum; ``inf``: the largest absolute row sum;
    ``-2``, ``-1``, ``-inf``: the smallest of the same. An empty matrix has
    norm 0.0; NaN propagates, and an infinite entry gives inf (NaN for
    ``-2``, whose smallest singular value is then undefined). A stack
    ``(..., m, n)`` gives the array ``(...)`` of the norms of its matrices,
    each as the single call gives it, in one batched call.

    Parameters
    ----------
    x : array_like, shape (..., m, n)
    keepdims : bool, optional
        Keep the matrix axes as axes of length 1: shape (..., 1, 1).
    ord : {"fro", "nuc", 1, -1, 2, -2, inf, -inf}, optional

    Returns
    -------
    float, or ndarray of float64 of shape (...), or (..., 1, 1) with ``keepdims``

    Raises
    ------
    ShapeError
        If ``x`` has fewer than two dimensions.
    ValueError
        If ``ord`` is not one of the orders above.
    ConvergenceError
        If the singular values do not converge.

    Examples
    --------
    >>> import twinmath as tm
    >>> tm.matrix_norm([[1, 2], [3, 4]], ord=1)
    6.0
    >>> tm.matrix_norm([[3, 0], [0, -4]], ord="nuc")
    7.0
    """
