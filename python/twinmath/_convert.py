"""Turning what the caller passed into the float64 arrays both backends use.

Both backends convert their arguments here, so they accept the same inputs and
reject the same ones with the same message. An argument that already is a
C-contiguous float64 array of the right dimension is returned as it is (the Go
backend hands its buffer to Go without a copy); anything else — lists, other
real dtypes, strided or Fortran-ordered or byte-swapped arrays — is converted
into a new array. Nothing here ever writes into the caller's data.

Scalar arguments are converted here too, each once, before either backend
computes: ``real`` and ``integer`` (which also refuses an integer outside
int64, the range Go's ``int`` holds), and ``check_size`` refuses results and
working arrays larger than ``MAX_BYTES`` before anything is allocated.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .errors import invalid, shape_error

F64 = np.dtype(np.float64)
_ndarray = np.ndarray

# dtype kinds accepted as real numbers: bool, signed and unsigned ints, floats.
_REAL_KINDS = "biuf"
_DIMS = {0: "0-D", 1: "1-D", 2: "2-D"}

INT64_MIN, INT64_MAX = -(1 << 63), (1 << 63) - 1

MAX_BYTES = 1 << 34
"""The most memory (16 GiB) an operation may allocate for the sizes it is asked for.

``check_size`` refuses larger requests with ValueError, before anything is
allocated; sizes from integer arguments (``Rng(s).normal(n)``,
``make_classification(n, d, s)``) are checked against it.
"""


def array(x: Any, op: str, name: str) -> NDArray[np.float64]:
    """Return ``x`` as a C-contiguous float64 array (of any dimension)."""
    if x.__class__ is _ndarray and x.dtype is F64 and x.flags.c_contiguous:
        return x
    return _convert(x, op, name)


def vector(x: Any, op: str, name: str) -> NDArray[np.float64]:
    """Return ``x`` as a C-contiguous 1-D float64 array, or raise ShapeError."""
    return _of_dim(x, op, name, 1)


def matrix(x: Any, op: str, name: str) -> NDArray[np.float64]:
    """Return ``x`` as a C-contiguous 2-D float64 array, or raise ShapeError."""
    return _of_dim(x, op, name, 2)


def _of_dim(x: Any, op: str, name: str, ndim: int) -> NDArray[np.float64]:
    """Return ``x`` as a C-contiguous float64 array of ``ndim`` dimensions, or raise ShapeError."""
    # array()'s fast path, inline: this runs on every call of every operation.
    if x.__class__ is _ndarray and x.dtype is F64 and x.flags.c_contiguous:
        a = x
    else:
        a = _convert(x, op, name)
    if a.ndim != ndim:
        raise shape_error(op, f"{name} must be {_DIMS[ndim]}, got shape {a.shape}")
    return a


def stack(x: Any, op: str, name: str) -> tuple[NDArray[np.float64], tuple[int, ...]]:
    """Return ``x`` of shape ``(..., M, N)`` as a contiguous ``(count, M, N)`` stack.

    The second value is the leading shape ``...`` (``()`` for a single
    matrix), which the batched results take back with ``reshape(lead + ...)``.
    A C-contiguous float64 input is reshaped without a copy (Go reads its
    buffer); fewer than two dimensions raise ShapeError. This is the one
    converter of every stacked operation, in both backends.
    """
    if x.__class__ is _ndarray and x.dtype is F64 and x.flags.c_contiguous:
        a = x
    else:
        a = _convert(x, op, name)
    if a.ndim < 2:
        raise shape_error(op, f"{name} must be at least 2-D, got shape {a.shape}")
    lead = tuple(int(d) for d in a.shape[:-2])
    return a.reshape((math.prod(lead), a.shape[-2], a.shape[-1])), lead


def solve_rhs(b: Any) -> tuple[NDArray[np.float64], tuple[int, ...], bool]:
    """Return ``solve``'s ``b`` as a ``(count, n, k)`` stack, its leading shape, and whether it is a vector.

    numpy's rule (numpy ≥ 2): ``b`` is one vector, shared by every matrix
    of ``A``, only when it is 1-D (the stack ``(1, n, 1)``, leading shape
    ``()``); otherwise it is a stack of ``n×k`` matrices ``(..., n, k)``.
    """
    y = array(b, "solve", "b")
    if y.ndim == 0:
        raise shape_error("solve", "b must be at least 1-D, got shape ()")
    if y.ndim == 1:
        return y.reshape((1, y.shape[0], 1)), (), True
    s, lead = stack(y, "solve", "b")
    return s, lead, False


def matmul_operands(
    A: Any, B: Any
) -> tuple[NDArray[np.float64], tuple[int, ...], NDArray[np.float64], tuple[int, ...], tuple[bool, bool]]:
    """Return ``matmul``'s operands as stacks: ``a, lead_a, b, lead_b, keep``.

    numpy's promotion: a 1-D ``A`` is the one row ``(1, k)``, a 1-D ``B``
    the one column ``(k, 1)``; the result then drops that dimension again
    (``keep`` says which of ``m`` and ``n`` the result keeps; a product of
    two vectors is a scalar). 0-D operands raise ShapeError.
    """
    ops: list[tuple[NDArray[np.float64], tuple[int, ...], bool]] = []
    for x, name, row in ((A, "A", True), (B, "B", False)):
        y = array(x, "matmul", name)
        if y.ndim == 0:
            raise shape_error("matmul", f"{name} must be at least 1-D, got shape ()")
        if y.ndim == 1:
            shape = (1, 1, y.shape[0]) if row else (1, y.shape[0], 1)
            ops.append((y.reshape(shape), (), False))
        else:
            s, lead = stack(y, "matmul", name)
            ops.append((s, lead, True))
    (a, la, ka), (b, lb, kb) = ops
    return a, la, b, lb, (ka, kb)


def broadcast(a: tuple[int, ...], b: tuple[int, ...], op: str) -> tuple[int, ...]:
    """Return the shape the leading shapes ``a`` and ``b`` of two stacks broadcast to.

    numpy's rule: aligned from the right, each pair of dimensions is equal or
    holds a 1. Other shapes raise ShapeError, in both backends before any
    check of the matrices themselves.
    """
    out = []
    for i in range(1, max(len(a), len(b)) + 1):
        x = a[-i] if i <= len(a) else 1
        y = b[-i] if i <= len(b) else 1
        if x != y and x != 1 and y != 1:
            raise shape_error(op, f"stacks of shapes {a} and {b} do not broadcast")
        out.append(y if x == 1 else x)
    return tuple(reversed(out))


def spread(a: NDArray[np.float64], lead: tuple[int, ...], to: tuple[int, ...]) -> NDArray[np.float64]:
    """Return the ``(count, M, N)`` stack ``a`` of leading shape ``lead`` spread to ``to``.

    A single matrix (``lead`` all ones) stays one matrix, which the Go
    package pairs with every matrix of the other operand; a stack that
    already has the leading shape ``to`` is returned as it is; anything else
    is copied out to ``(prod(to), M, N)``.
    """
    if lead == to or math.prod(lead) == 1:
        return a
    full = np.broadcast_to(a.reshape(lead + a.shape[1:]), to + a.shape[1:])
    return np.ascontiguousarray(full).reshape((math.prod(to), *a.shape[1:]))


def vector_or_matrix(x: Any, op: str, name: str) -> NDArray[np.float64]:
    """Return ``x`` as a C-contiguous 1-D or 2-D float64 array."""
    a = array(x, op, name)
    if a.ndim not in (1, 2):
        raise shape_error(op, f"{name} must be 1-D or 2-D, got shape {a.shape}")
    return a


def real(x: Any, op: str, name: str) -> float:
    """Return the real scalar ``x`` as a Python float."""
    if isinstance(x, (str, bytes, complex, np.complexfloating)) or (
        isinstance(x, np.ndarray) and x.dtype.kind not in _REAL_KINDS
    ):
        raise TypeError(f"{op}: {name} must be a real number, got {type(x).__name__}")
    try:
        return float(x)
    except (TypeError, ValueError):
        raise TypeError(f"{op}: {name} must be a real number, got {type(x).__name__}") from None


def integer(x: Any, op: str, name: str, *, int64: bool = True) -> int:
    """Return the integer ``x``: an int, a numpy integer, an integral float, or a 0-D array of one.

    A value outside int64 is a ValueError, unless ``int64`` is False (the
    caller then checks its own range, as ``seed`` does).
    """
    if isinstance(x, np.ndarray) and x.ndim == 0:
        x = x[()]
    if isinstance(x, (bool, np.bool_)) or not isinstance(x, (int, np.integer, float, np.floating)):
        raise TypeError(f"{op}: {name} must be an integer, got {type(x).__name__}")
    if isinstance(x, (float, np.floating)):
        if not math.isfinite(x) or x != int(x):
            raise TypeError(f"{op}: {name} must be an integer, got {x!r}")
    v = int(x)
    if int64 and not INT64_MIN <= v <= INT64_MAX:
        raise invalid(op, f"{name} must lie in [-2**63, 2**63), got {v}")
    return v


def check_size(op: str, count: int, itemsize: int = 8) -> None:
    """Raise ValueError if ``count`` items of ``itemsize`` bytes exceed ``MAX_BYTES``."""
    if count * itemsize > MAX_BYTES:
        raise invalid(
            op,
            f"the result needs {count} values of {itemsize} bytes, more than the limit of "
            f"{MAX_BYTES} bytes (twinmath._convert.MAX_BYTES)",
        )


def text(x: Any, op: str, name: str) -> str:
    """Return ``x`` if it is a str, else raise TypeError (ValueError if it holds a NUL).

    A NUL would end the C string the Go backend receives.
    """
    if not isinstance(x, str):
        raise TypeError(f"{op}: {name} must be a str, got {type(x).__name__}")
    if "\x00" in x:
        raise invalid(op, f"{name} contains a NUL character")
    return x


def norm_ord(ord: Any, ndim: int) -> float | str:
    """Return the order of ``norm`` as a float, or ``"fro"`` or ``"nuc"``.

    ``None`` picks numpy's default: 2 for a vector, ``"fro"`` for a matrix.
    The range of a numeric order is checked by the backend.
    """
    if ord is None:
        return 2.0 if ndim == 1 else "fro"
    if isinstance(ord, str):
        if ord not in ("fro", "nuc"):
            raise invalid("norm", f"unknown ord {ord!r}")
        if ndim != 2:
            raise invalid("norm", f"ord {ord!r} needs a 2-D array")
        return ord
    return real(ord, "norm", "ord")


def _convert(x: Any, op: str, name: str) -> NDArray[np.float64]:
    try:
        a = np.asarray(x)
    except ValueError:
        raise shape_error(op, f"{name} is not a rectangular array") from None
    if a.dtype.kind not in _REAL_KINDS:
        raise TypeError(f"{op}: {name} must hold real numbers, got dtype {a.dtype}")
    # (np.ascontiguousarray would turn a 0-D array into a 1-D one.)
    return np.asarray(a, dtype=F64, order="C")
