"""numpy's rules for the arguments of linalg, resolved once for both backends.

cond's orders and shapes, integer exponents and offsets, multi_dot's chain,
and the plans of the tensor operations (which axes are summed, the shapes of
the results): both backends call these before computing, so they refuse the
same arguments with the same errors and give numpy's shapes.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .._convert import INT64_MAX, INT64_MIN, array
from ..errors import axis_error, invalid, shape_error

COND_ORDERS = "None, 'fro', 'nuc', 1, -1, 2, -2, inf or -inf"


def cond_order(p: Any) -> float | str | None:
    """Return ``cond``'s order ``p`` checked: None, "fro", "nuc" or a float."""
    if p is None or (isinstance(p, str) and p in ("fro", "nuc")):
        return p
    if not isinstance(p, str):
        try:
            q = float(p)
        except (TypeError, ValueError):
            q = math.nan
        if q in (1.0, -1.0, 2.0, -2.0, math.inf, -math.inf):
            return q
        p = q if not math.isnan(q) else p
    raise invalid("cond", f"p must be {COND_ORDERS}, got {p!r}")


def exponent_of(n: Any, op: str, name: str, *, int64: bool = True) -> int:
    """Return ``n`` as a Python int, or raise TypeError (numpy's rule: ``operator.index``).

    A value outside int64, which cannot cross to Go, is a ValueError, as
    ``_convert.integer`` makes it, unless ``int64`` is False (``matrix_power``
    takes any integer: see ``power_beyond_int64``).
    """
    try:
        v = operator.index(n)
    except TypeError:
        raise TypeError(f"{op}: {name} must be an integer, got {type(n).__name__}") from None
    if int64 and not INT64_MIN <= v <= INT64_MAX:
        raise invalid(op, f"{name} must lie in [-2**63, 2**63), got {v}")
    return v


def within_int64(k: int) -> bool:
    """Return whether the integer ``k`` crosses to Go as an int64."""
    return INT64_MIN <= k <= INT64_MAX


# The base in which power_beyond_int64 writes an exponent: its digits, and
# the power that takes one digit to the next, lie within int64.
POWER_BASE = 1 << 62


def power_beyond_int64(
    power: Callable[[Any, int], NDArray[np.float64]],
    matmul: Callable[[Any, Any], Any],
    a: ArrayLike,
    k: int,
) -> NDArray[np.float64]:
    """Return ``a`` to the power ``k`` for an exponent beyond int64, from powers within it.

    numpy's ``matrix_power`` takes any integer (its tests use 2¹⁰⁰ + …);
    twinmath's exponent crosses to Go as an int64. With |k| = Σ dᵢ·Bⁱ in
    base B = 2⁶², ``aᵏ = X₀^d₀ · X₁^d₁ · …`` where X₀ = a (a⁻¹ for k < 0,
    the backend's ``power(a, -1)``) and Xᵢ₊₁ = Xᵢ^B: every exponent lies
    within int64, and the factors, all powers of one matrix, are multiplied
    left to right in increasing i, skipping the digits 0. Both backends run
    this with their own ``power`` and ``matmul``, so they agree as their
    products do (``tolerances.linalg.matrix_power_bound``); a permutation
    matrix or the identity comes out exact. The errors are those of
    ``power(a, ±1)``: shapes, then for k < 0 NaN or Inf and singularity.
    """
    x = power(a, -1 if k < 0 else 1)
    m = abs(k)
    out: Any = None
    while m:
        m, d = divmod(m, POWER_BASE)
        if d:
            p = power(x, d)
            out = p if out is None else matmul(out, p)
        if m:
            x = power(x, POWER_BASE)
    return np.asarray(out, dtype=np.float64)


def chain(arrays: Sequence[ArrayLike]) -> list[NDArray[np.float64]]:
    """Return the arrays of ``multi_dot`` as matrices, checked: a vector first is one row, last one column."""
    if isinstance(arrays, (str, bytes)) or not isinstance(arrays, Sequence):
        raise TypeError(f"multi_dot: arrays must be a sequence of arrays, got {type(arrays).__name__}")
    if len(arrays) < 2:
        raise invalid("multi_dot", f"expecting at least two arrays, got {len(arrays)}")
    ms: list[NDArray[np.float64]] = []
    last = len(arrays) - 1
    for i, x in enumerate(arrays):
        m = array(x, "multi_dot", f"arrays[{i}]")
        if m.ndim == 1 and i in (0, last):
            m = m.reshape(1, -1) if i == 0 else m.reshape(-1, 1)
        elif m.ndim != 2:
            want = "1-D or 2-D" if i in (0, last) else "2-D"
            raise shape_error("multi_dot", f"arrays[{i}] must be {want}, got shape {m.shape}")
        if ms and ms[-1].shape[1] != m.shape[0]:
            (r0, c0), (r1, c1) = ms[-1].shape, m.shape
            raise shape_error("multi_dot", f"arrays[{i - 1}] is {r0}x{c0} but arrays[{i}] is {r1}x{c1}")
        ms.append(m)
    return ms


def chain_result(arrays: Sequence[ArrayLike], product: NDArray[np.float64]) -> Any:
    """Return ``multi_dot``'s product shaped as numpy's: vectors at the ends drop their axis."""
    first, last = np.ndim(arrays[0]) == 1, np.ndim(arrays[-1]) == 1
    if first and last:
        return float(product[0, 0])
    if first:
        return product[0]
    if last:
        return product[:, 0]
    return product


def chain_shape(arrays: Sequence[ArrayLike], ms: Sequence[NDArray[np.float64]]) -> tuple[int, ...]:
    """Return the shape of ``multi_dot``'s result for the checked chain ``ms`` of ``arrays``."""
    first, last = np.ndim(arrays[0]) == 1, np.ndim(arrays[-1]) == 1
    return (() if first else (ms[0].shape[0],)) + (() if last else (ms[-1].shape[1],))


def chain_out(out: Any, shape: tuple[int, ...]) -> NDArray[np.float64] | None:
    """Return ``multi_dot``'s ``out`` checked for a result of ``shape``, or None.

    numpy's rules, as its ``out`` is a performance feature: an ndarray (or a
    subclass), of dtype float64 in native byte order, C-contiguous, writable,
    of exactly the result's shape — nothing is converted. The checks run in
    that order, after those of the arrays.
    """
    if out is None:
        return None
    op = "multi_dot"
    if not isinstance(out, np.ndarray):
        raise TypeError(f"{op}: out must be an ndarray, got {type(out).__name__}")
    if out.dtype != np.dtype("=f8"):
        raise invalid(op, f"out must be a float64 array, got dtype {out.dtype}")
    if not out.flags.c_contiguous:
        raise invalid(op, "out must be C-contiguous")
    if not out.flags.writeable:
        raise invalid(op, "out is read-only")
    if out.shape != shape:
        raise shape_error(op, f"out has shape {out.shape}, the product {shape}")
    return out


def offset_of(offset: Any, op: str) -> int:
    """Return the diagonal ``offset`` as an int, or raise TypeError."""
    return exponent_of(offset, op, "offset")


def cond_shape(shape: tuple[int, ...], q: float | str | None) -> None:
    """Raise cond's ShapeError for matrices of ``shape`` (m, n): not square for ``q``, or empty.

    The checks of the whole stack, made before any matrix is looked at (and
    for a stack of no matrices too), in the Go package's order.
    """
    if q not in (None, 2.0, -2.0) and shape[0] != shape[1]:
        raise shape_error("cond", f"x must be square, got {shape[0]}x{shape[1]}")
    if shape[0] == 0 or shape[1] == 0:
        raise shape_error("cond", "x is empty")


def _ints(x: Any, op: str, name: str) -> list[int]:
    """Return ``x``, an integer or a sequence of integers, as a list of ints (``operator.index``)."""
    items = x if isinstance(x, (Sequence, np.ndarray)) and not isinstance(x, (str, bytes)) else [x]
    out = []
    for v in items:
        try:
            out.append(operator.index(v))
        except TypeError:
            raise TypeError(f"{op}: {name} must hold integers, got {type(v).__name__}") from None
    return out


def tensor_shape(shape: Sequence[int]) -> str:
    """Format a shape as Python prints a tuple, as the Go package does."""
    return str(tuple(int(d) for d in shape))


def tensorsolve_plan(
    a: NDArray[np.float64], b: NDArray[np.float64], axes: Any
) -> tuple[list[int], tuple[int, ...]]:
    """Return the order of the axes of ``a`` and the shape of the unknowns, checked as the Go package does."""
    op = "tensorsolve"
    an, bn = a.ndim, b.ndim
    order = list(range(an))
    if axes is not None:
        if not isinstance(axes, (Sequence, np.ndarray)) or isinstance(axes, (str, bytes)):
            raise TypeError(f"{op}: axes must be a sequence of integers, got {type(axes).__name__}")
        for i, k in enumerate(_ints(axes, op, "axes")):
            if not 0 <= k < an:
                raise axis_error(op, f"axes[{i}] is {k}, not an axis of a, which has {an} dimensions")
            order.remove(k)  # numpy's remove and append: a repeated axis moves again
            order.append(k)
    shape = tuple(a.shape[p] for p in order)
    start = bn if bn < an else min(bn - an, an)
    x_shape = shape[start:]
    q = math.prod(x_shape)
    if a.size != q * q:
        raise shape_error(
            op,
            f"a of shape {tensor_shape(shape)} (its axes moved) must hold prod(a.shape[b.ndim:])² values "
            f"for b of {bn} dimensions, got {a.size} and {q}",
        )
    if b.size != q:
        raise shape_error(
            op, f"b has {b.size} values but the unknowns of shape {tensor_shape(x_shape)} are {q}"
        )
    return order, x_shape


def tensorinv_plan(a: NDArray[np.float64], ind: Any) -> int:
    """Return ``ind`` checked (TypeError, ValueError, ShapeError as the Go package), as the split ``k``."""
    op = "tensorinv"
    i = exponent_of(ind, op, "ind")
    if i < 1:
        raise invalid(op, f"ind must be a positive integer, got {i}")
    k = min(i, a.ndim)
    rows, cols = math.prod(a.shape[k:]), math.prod(a.shape[:k])
    if rows != cols:
        raise shape_error(
            op,
            f"a of shape {tensor_shape(a.shape)} with ind {i} is not square: "
            f"prod(a.shape[ind:]) is {rows}, prod(a.shape[:ind]) {cols}",
        )
    if rows == 0:
        raise invalid(op, "a is empty")
    return k


def tensordot_plan(a: NDArray[np.float64], b: NDArray[np.float64], axes: Any) -> tuple[list[int], list[int]]:
    """Return ``tensordot``'s pairs of axes, non-negative, checked as the Go package does."""
    op = "tensordot"
    if isinstance(axes, (Sequence, np.ndarray)) and not isinstance(axes, (str, bytes)):
        if len(axes) != 2:
            raise invalid(op, f"axes must be an integer or a pair of axis lists, got {len(axes)} items")
        axes_a, axes_b = _ints(axes[0], op, "axes[0]"), _ints(axes[1], op, "axes[1]")
    else:
        try:
            n = operator.index(axes)
        except TypeError:
            raise TypeError(f"{op}: axes must be an integer or a pair, got {type(axes).__name__}") from None
        if n < 0:
            raise invalid(op, f"axes must be a non-negative integer, got {n}")
        if n > a.ndim or n > b.ndim:
            raise axis_error(op, f"axes is {n}, more than the dimensions of a ({a.ndim}) or b ({b.ndim})")
        axes_a, axes_b = list(range(a.ndim - n, a.ndim)), list(range(n))
    if len(axes_a) != len(axes_b):
        raise shape_error(op, f"shape-mismatch for sum: {len(axes_a)} axes of a but {len(axes_b)} of b")
    sa = _normal_axes(op, "a", axes_a, a.ndim)
    sb = _normal_axes(op, "b", axes_b, b.ndim)
    for i, j in zip(sa, sb, strict=True):
        if a.shape[i] != b.shape[j]:
            raise shape_error(
                op,
                f"shape-mismatch for sum: axis {i} of a has length {a.shape[i]}, axis {j} of b {b.shape[j]}",
            )
    return sa, sb


def _normal_axes(op: str, name: str, axes: list[int], nd: int) -> list[int]:
    out: list[int] = []
    for k in axes:
        if not -nd <= k < nd:
            raise axis_error(op, f"axis {k} is out of bounds for {name} of {nd} dimensions")
        k = k + nd if k < 0 else k
        if k in out:
            raise invalid(op, f"duplicate axes are not allowed: axis {k} of {name} is summed twice")
        out.append(k)
    return out


def tensordot_shape(
    a: NDArray[np.float64], b: NDArray[np.float64], sa: list[int], sb: list[int]
) -> tuple[int, ...]:
    """Return the shape of ``tensordot``'s result: a's other dimensions, then b's."""
    return tuple(a.shape[k] for k in range(a.ndim) if k not in sa) + tuple(
        b.shape[k] for k in range(b.ndim) if k not in sb
    )
