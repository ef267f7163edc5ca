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
from collections.abc import Callable
from typing import Any, TypeVar

import numpy as np

from ..errors import (
    ConvergenceError,
    NotPositiveDefiniteError,
    ShapeError,
    SingularMatrixError,
)

F = TypeVar("F", bound=Callable[..., Any])

# Status codes of libtwinmath.h.
OK = 0
_EXCEPTIONS: dict[int, type[Exception]] = {
    1: ShapeError,
    2: SingularMatrixError,
    3: NotPositiveDefiniteError,
    4: ConvergenceError,
    5: ValueError,
}
ERRLEN = 512  # TM_ERRLEN

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
        ffi, lib = _ffi.ffi, _ffi.lib  # type: ignore[attr-defined]


def available() -> bool:
    """Return whether the native library is built, without loading it."""
    from importlib.util import find_spec

    return find_spec("twinmath._ffi") is not None


def _after_fork() -> None:
    global lib
    lib = _Forked()


class Scratch:
    """One thread's buffers for scalar results and error messages."""

    def __init__(self) -> None:
        self.out = ffi.new("double[8]")
        self.err = ffi.new("char[]", ERRLEN)


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
    return ffi.from_buffer("double[]", a)


def error(status: int, s: Scratch) -> Exception:
    """Return the exception for a non-zero status and the message in ``s``."""
    msg = ffi.string(s.err).decode("utf-8", "replace")
    cls = _EXCEPTIONS.get(status)
    if cls is None:
        return RuntimeError(f"twinmath.go: {msg} (status {status})")
    return cls(msg)


def twin(ref: Callable[..., Any]) -> Callable[[F], F]:
    """Give the decorated wrapper the docstring of its twin in twinmath.ref."""

    def give(f: F) -> F:
        f.__doc__ = ref.__doc__
        return f

    return give


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


def call(fn: Any, *args: Any) -> None:
    """Call the library function ``fn(*args, err, errlen)``; raise if it fails."""
    s = scratch()
    st = fn(*args, s.err, ERRLEN)
    if st:
        raise error(st, s)


def scalar(fn: Any, *args: Any) -> Any:
    """Call ``fn(*args, out, err, errlen)`` as ``call`` does; return ``out[0]``."""
    s = scratch()
    st = fn(*args, s.out, s.err, ERRLEN)
    if st:
        raise error(st, s)
    return s.out[0]
