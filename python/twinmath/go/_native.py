"""The native library behind twinmath.go: loading, buffers, status codes.

The cffi extension ``twinmath._ffi`` links ``libtwinmath.so``, and loading that
starts the Go runtime. So nothing here loads it at import: ``lib`` and ``ffi``
are stand-ins that load the library on first use and then step aside, so a
program may import twinmath and fork its workers before any call.

A process forked after the runtime started cannot use it (the child has none
of the runtime's threads); there every call raises RuntimeError instead of
hanging.
"""

from __future__ import annotations

import os
import threading
import weakref
from typing import Any

import numpy as np

from ..errors import (
    ConvergenceError,
    NotPositiveDefiniteError,
    ShapeError,
    SingularMatrixError,
)

# The status codes and the message length are the header's (``lib.TM_ERR_*``,
# ``lib.TM_ERRLEN``), read when the library is loaded.
_EXCEPTIONS: dict[int, type[Exception]] = {}
ERRLEN = 0
_DOUBLES: Any = "double[]"  # ffi.typeof("double[]") once loaded: ptr() need not parse it

FORK_MESSAGE = (
    "twinmath.go cannot run in a process forked after the Go runtime started in "
    "its parent (fork copies one thread, the runtime needs all of its own). Start "
    "workers with multiprocessing's 'spawn' or 'forkserver' method, or make the "
    "first twinmath.go call in the workers rather than before they are forked."
)

_lock = threading.Lock()


class _Unloaded:
    """Stands for the cffi ``lib`` or ``ffi`` until the library is loaded."""

    def __init__(self, which: str) -> None:
        self._which = which

    def __getattr__(self, name: str) -> Any:
        load()
        return getattr(globals()[self._which], name)


class _Forked:
    """Stands for ``lib`` in a child forked after the runtime started."""

    def __getattr__(self, name: str) -> Any:
        raise RuntimeError(FORK_MESSAGE)


lib: Any = _Unloaded("lib")
ffi: Any = _Unloaded("ffi")


def load() -> None:
    """Load the native library (once) and start the Go runtime."""
    global lib, ffi
    with _lock:
        if not isinstance(lib, _Unloaded):
            return
        from .. import _ffi  # type: ignore[attr-defined]  # built by setup.py

        os.register_at_fork(after_in_child=_after_fork)
        global _DOUBLES
        _status_codes(_ffi.lib)  # type: ignore[attr-defined]
        _DOUBLES = _ffi.ffi.typeof("double[]")  # type: ignore[attr-defined]
        ffi, lib = _ffi.ffi, _ffi.lib  # type: ignore[attr-defined]


def _status_codes(library: Any) -> None:
    """Read the message length and the exception of each status from the header."""
    global ERRLEN
    ERRLEN = library.TM_ERRLEN
    _EXCEPTIONS.update(
        {
            library.TM_ERR_SHAPE: ShapeError,
            library.TM_ERR_SINGULAR: SingularMatrixError,
            library.TM_ERR_NOT_POSITIVE_DEFINITE: NotPositiveDefiniteError,
            library.TM_ERR_NO_CONVERGENCE: ConvergenceError,
            library.TM_ERR_INVALID: ValueError,
        }
    )


def available() -> bool:
    """Return whether the native library is built, without loading it."""
    from importlib.util import find_spec

    return find_spec("twinmath._ffi") is not None


def _after_fork() -> None:
    global lib
    lib = _Forked()


class Scratch:
    """One thread's buffers for scalar results and error messages.

    ``tail`` and ``out_tail`` are the arguments ``call`` and ``scalar`` append,
    made once: on the hot path a tuple concatenation is cheaper than building
    the argument list.
    """

    __slots__ = ("err", "out", "out_tail", "tail")

    def __init__(self) -> None:
        self.out = ffi.new("double[8]")
        self.err = ffi.new("char[]", ERRLEN)
        self.tail = (self.err, ERRLEN)
        self.out_tail = (self.out, self.err, ERRLEN)


_local = threading.local()


def scratch() -> Scratch:
    """Return this thread's scratch buffers."""
    try:
        return _local.s  # type: ignore[no-any-return]
    except AttributeError:
        s = _local.s = Scratch()
        return s


def ptr(a: np.ndarray) -> Any:
    """Return a ``double *`` to the data of the C-contiguous float64 array ``a``.

    No copy: Go reads (or, for outputs, fills) the array's own buffer during
    the call. ``_convert`` has made sure dtype and order are right, which cffi
    does not check.
    """
    return ffi.from_buffer(_DOUBLES, a)


def call(fn: Any, *args: Any) -> None:
    """Call the library function ``fn(*args, err, errlen)``; raise if it fails.

    ``err`` is this thread's message buffer; a non-zero status raises the
    exception ``error`` gives for it.
    """
    try:
        s = _local.s
    except AttributeError:
        s = scratch()
    st = fn(*(args + s.tail))
    if st:
        raise error(st, s)


def scalar(fn: Any, *args: Any) -> Any:
    """Call ``fn(*args, out, err, errlen)`` as ``call`` does; return ``out[0]``.

    ``out`` is this thread's buffer for scalar results.
    """
    try:
        s = _local.s
    except AttributeError:
        s = scratch()
    st = fn(*(args + s.out_tail))
    if st:
        raise error(st, s)
    return s.out[0]


def error(status: int, s: Scratch) -> Exception:
    """Return the exception for a non-zero status and the message in ``s``."""
    msg = ffi.string(s.err).decode("utf-8", "replace")
    cls = _EXCEPTIONS.get(status)
    if cls is None:
        return RuntimeError(f"twinmath.go: {msg} (status {status})")
    return cls(msg)


class NativeObject:
    """Base of the classes whose state lives in Go behind a handle.

    A subclass creates its Go object with a ``tm_<kind>_new`` call and passes
    the handle to ``_adopt``. The Go object is freed by ``close()``, at the
    end of a ``with`` block, or when the Python object is collected; using it
    after ``close()`` raises ValueError.
    """

    _finalizer: weakref.finalize | None = None

    def _adopt(self, handle: int) -> None:
        self._handle = handle
        self._finalizer = weakref.finalize(self, _free, handle)

    @property
    def handle(self) -> int:
        """The handle of the Go object; ValueError once closed."""
        if self._finalizer is None or not self._finalizer.alive:
            raise ValueError(f"this {type(self).__name__} is closed")
        return self._handle

    def close(self) -> None:
        """Free the Go object now (idempotent)."""
        if self._finalizer is not None:
            self._finalizer()

    def __enter__(self) -> NativeObject:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _free(handle: int) -> None:
    # In a child forked after the runtime started there is no Go to ask; the
    # memory goes with the process.
    if not isinstance(lib, _Forked):
        lib.tm_free(handle)
