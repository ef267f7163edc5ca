"""Calculus, computed by the Go library (documented in twinmath._front.calculus).

The loops run in Go, which calls the user's Python functions back through
two cffi ``extern "Python"`` callbacks, ``tm_py_scalar`` and ``tm_py_vector``
(the header's ``tm_scalar_fn`` and ``tm_vector_fn``). Everything one call
needs — the user's functions, how to pass them the point, the exception one
of them raised — lives in a ``_Call`` that travels to Go and back as a
``void *`` (``ffi.new_handle``), never in a global, so any number of threads
may call at once. The callbacks run on the calling thread, inside the
library call, and take the GIL for the time they run.

A callback converts what the user's function returned with the front's
helpers (shared with twinmath.ref), so a bad value raises the same TypeError or ShapeError from both
backends. Any exception stops the Go loop (the callback returns 1, Go returns
TM_ERR_CALLBACK) and is raised again here: the very exception object, with
its traceback.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import text
from .._front import twin
from .._front.calculus import (
    HESSIAN_STEP,
    STEP,
    GradientDescentResult,
    check_expression,
    derivative_args,
    descent_args,
    difference_args,
    number_result,
    taylor_args,
    vector_result,
)
from . import _native as n
from ._native import error, ptr, scratch

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.calculus.__all__

Array = NDArray[np.float64]
_EMPTY = np.empty(0)


class _Call:
    """The state of one call: the user's functions and what went wrong in them.

    ``scalar`` set means the user's functions take and return floats (the
    point is a number); otherwise they take fresh 1-D arrays.
    """

    __slots__ = ("exc", "f", "keep", "op", "scalar", "vf", "what")

    def __init__(
        self,
        op: str,
        f: Callable[..., Any] | None = None,
        vf: Callable[..., Any] | None = None,
        scalar: bool = False,
        what: str = "f(x)",
    ) -> None:
        self.op, self.f, self.vf, self.scalar, self.what = op, f, vf, scalar, what
        self.exc: BaseException | None = None
        self.keep: Any = None  # the last vector result, alive until the next call

    def arg(self, x: Any, size: int) -> Any:
        """Return the point Go passed as the user's function takes it: a float, or a fresh array."""
        if self.scalar:
            return x[0]
        a = np.empty(size)
        if size:
            _ffi.memmove(a, x, 8 * size)
        return a


MAX_NESTING = 100
"""The deepest nesting of callbacks (Go → Python → Go → …) on one thread.

Every level of a function given to a calculus operation that itself calls a
twinmath.go calculus operation takes some C stack (the library's call, Go's
switch back to C, cffi's callback and a Python frame): about 0.9 KiB, so a
thread with a 256 KiB stack crashes near depth 300, and raising Python's
recursion limit does not help. The reference, pure Python, stops at Python's
recursion limit with RecursionError. So the callbacks count their nesting
per thread (in ``_run``, once per call rather than per callback), and the
call at depth MAX_NESTING + 1 raises RecursionError instead of entering Go:
the same exception as the reference, at a depth that needs about 90 KiB of
stack.
"""


class _Nesting(threading.local):
    """The number of callbacks on this thread's stack (a class default: cheap to read)."""

    depth = 0


_nesting = _Nesting()


def _too_deep() -> RecursionError:
    return RecursionError(
        "maximum recursion depth exceeded: twinmath.go nests calls through "
        f"callbacks {MAX_NESTING} deep at most"
    )


def _run(call: _Call, fn: Any, *args: Any) -> None:
    """Call ``fn(*args, err, errlen)`` as ``_native.call`` does, for a loop that calls back.

    When a callback failed (Go returns ``TM_ERR_CALLBACK``), the exception it
    caught is raised itself; any other failure as ``_native.call`` raises it.
    Calls nested through callbacks deeper than MAX_NESTING raise
    RecursionError.
    """
    s = scratch()
    depth = _nesting.depth
    if depth >= MAX_NESTING:
        raise _too_deep()
    _nesting.depth = depth + 1
    try:
        st = fn(*(args + s.tail))
    finally:
        _nesting.depth = depth
    if st:
        exc, call.exc = call.exc, None
        if st == n.lib.TM_ERR_CALLBACK and exc is not None:
            raise exc
        raise error(st, s)


def _scalar_callback(handle: Any, x: Any, size: int, out: Any) -> int:
    call: _Call = _ffi.from_handle(handle)
    try:
        v = call.f(call.arg(x, size))  # type: ignore[misc]
        out[0] = v if v.__class__ is float else number_result(v, call.op, "f(x)")
        return 0
    except BaseException as e:  # every exception, KeyboardInterrupt too, goes back to the caller
        call.exc = e
        return 1


def _vector_callback(handle: Any, x: Any, size: int, out: Any, m: Any) -> int:
    call: _Call = _ffi.from_handle(handle)
    try:
        y = vector_result(call.vf(call.arg(x, size)), call.op, call.what)  # type: ignore[misc]
        call.keep = _ffi.from_buffer("double[]", y)
        out[0] = call.keep
        m[0] = y.size
        return 0
    except BaseException as e:
        call.exc = e
        return 1


_lock = threading.Lock()
_registered = False
_ffi: Any = None  # the loaded cffi module's ffi, once the callbacks are attached


def _callbacks() -> Any:
    """Attach the two callbacks to the library (once) and return it."""
    global _registered, _ffi
    if not _registered:
        with _lock:
            if not _registered:
                n.load()
                _ffi = n.ffi
                _ffi.def_extern(name="tm_py_scalar", error=1)(_scalar_callback)
                _ffi.def_extern(name="tm_py_vector", error=1)(_vector_callback)
                _registered = True
    return n.lib


@twin(_front.calculus.derivative)
def derivative(f: Callable[[float], float], x: float, h: float = STEP) -> float:
    op = "derivative"
    fn, x0, step = derivative_args(f, x, h)
    lib, call, s = _callbacks(), _Call(op, f=fn, scalar=True), scratch()
    _run(call, lib.tm_derivative, lib.tm_py_scalar, n.ffi.new_handle(call), x0, step, s.out)
    return s.out[0]  # type: ignore[no-any-return]


def _scalar_field(op: str, f: Any, x: Any, h: Any) -> Array:
    """Run tm_gradient or tm_hessian (``op``) on f: ℝⁿ → ℝ; return the n-vector or the n×n matrix."""
    fn, a, step = difference_args(f, x, h, op)
    lib, call = _callbacks(), _Call(op, f=fn)
    out = np.empty(a.size if op == "gradient" else (a.size, a.size))
    fun = lib.tm_gradient if op == "gradient" else lib.tm_hessian
    _run(call, fun, lib.tm_py_scalar, n.ffi.new_handle(call), ptr(a), a.size, step, ptr(out))
    return out


@twin(_front.calculus.gradient)
def gradient(f: Callable[[Array], float], x: ArrayLike, h: float = STEP) -> Array:
    return _scalar_field("gradient", f, x, h)


@twin(_front.calculus.jacobian)
def jacobian(f: Callable[[Array], ArrayLike], x: ArrayLike, h: float = STEP) -> Array:
    op = "jacobian"
    fn, a, step = difference_args(f, x, h, op)
    lib, call = _callbacks(), _Call(op, vf=fn)
    # The caller allocates, so m comes from f(x) here, before the loop; but
    # first Go checks h, as its Jacobian does before it calls f: a Jacobian
    # of no variables calls nothing.
    n.call(lib.tm_jacobian, n.ffi.NULL, n.ffi.NULL, ptr(_EMPTY), 0, step, 0, ptr(_EMPTY))
    m = vector_result(fn(a.copy()), op, "f(x)").size
    out = np.empty((m, a.size))
    _run(call, lib.tm_jacobian, lib.tm_py_vector, n.ffi.new_handle(call), ptr(a), a.size, step, m, ptr(out))
    return out


@twin(_front.calculus.hessian)
def hessian(f: Callable[[Array], float], x: ArrayLike, h: float = HESSIAN_STEP) -> Array:
    return _scalar_field("hessian", f, x, h)


@twin(_front.calculus.taylor)
def taylor(f: Callable[..., float], x0: float | ArrayLike, x: float | ArrayLike, order: int = 2) -> float:
    op = "taylor"
    fn, scalar, a0, a, k = taylor_args(f, x0, x, order)
    lib, call, s = _callbacks(), _Call(op, f=fn, scalar=scalar), scratch()
    _run(
        call,
        lib.tm_taylor,
        lib.tm_py_scalar,
        n.ffi.new_handle(call),
        ptr(a0),
        a0.size,
        ptr(a),
        a.size,
        k,
        s.out,
    )
    return s.out[0]  # type: ignore[no-any-return]


@twin(_front.calculus.gradient_descent)
def gradient_descent(
    f: Callable[..., float],
    grad_f: Callable[..., ArrayLike] | None,
    x0: float | ArrayLike,
    learning_rate: float = 0.01,
    max_iter: int = 1000,
    tol: float = 1e-6,
) -> GradientDescentResult:
    op = "gradient_descent"
    fn, gf, scalar, x, rate, steps, stop = descent_args(f, grad_f, x0, learning_rate, max_iter, tol)
    lib = _callbacks()
    call = _Call(op, f=fn, vf=gf, scalar=scalar, what="grad_f(x)")
    handle = n.ffi.new_handle(call)
    grad = n.ffi.NULL if gf is None else lib.tm_py_vector
    written, stopped = n.ffi.new("int64_t *"), n.ffi.new("int *")
    # The history is written in chunks that double, each continuing from the
    # last row of the one before (which Go makes exact): the run may stop
    # long before max_iter.
    chunks: list[Array] = []
    start, left, rows = x, steps, 0
    while True:
        # (max(left, 0): a negative max_iter is Go's to refuse, with its message.)
        chunk = np.empty((min(max(left, 0), max(64, rows)) + 1, x.size))
        _run(
            call,
            lib.tm_gradient_descent,
            lib.tm_py_scalar,
            grad,
            handle,
            ptr(start),
            x.size,
            rate,
            left,
            stop,
            ptr(chunk),
            chunk.shape[0],
            written,
            stopped,
        )
        k = written[0]
        chunks.append(chunk[(1 if chunks else 0) : k])  # row 0 repeats the last iterate
        rows += len(chunks[-1])
        left -= k - 1
        if stopped[0] or left == 0:
            break
        start = chunk[k - 1]
    history = chunks[0].copy() if len(chunks) == 1 else np.concatenate(chunks)
    last = history[-1].copy()
    return GradientDescentResult(float(last[0]) if scalar else last, history)


@twin(_front.calculus.symbolic_derivative)
def symbolic_derivative(expression: str, variable: str) -> str:
    op = "symbolic_derivative"
    expression, variable = text(expression, op, "expression"), text(variable, op, "variable")
    try:
        e, v = expression.encode("utf-8"), variable.encode("utf-8")
    except UnicodeEncodeError:
        # Text with lone surrogates is not UTF-8 and cannot reach Go; every
        # character outside ASCII is an error there, reported as the
        # reference reports it.
        check_expression(expression, variable)
        raise
    length = n.ffi.new("size_t *")
    size = 4096
    while True:
        out = n.ffi.new("char[]", size)
        n.call(n.lib.tm_symbolic_derivative, e, len(e), v, len(v), out, size, length)
        if length[0] < size:
            return n.ffi.string(out, length[0]).decode("utf-8")  # type: ignore[no-any-return]
        size = length[0] + 1
