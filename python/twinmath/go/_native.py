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
import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

import numpy as np
from numpy.typing import NDArray

from .._convert import vector
from .._front import Closing
from ..errors import (
    ConvergenceError,
    NotPositiveDefiniteError,
    ShapeError,
    SingularMatrixError,
)

# The status codes and the message length are the header's (``lib.TM_ERR_*``,
# ``lib.TM_ERRLEN``), read when the library is loaded.
_EXCEPTIONS: dict[int, type[BaseException]] = {}
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
        from .. import _ffi  # type: ignore[attr-defined,unused-ignore]  # built by setup.py

        os.register_at_fork(after_in_child=_after_fork)
        global _DOUBLES
        _status_codes(_ffi.lib)  # type: ignore[attr-defined]
        _DOUBLES = _ffi.ffi.typeof("double[]")  # type: ignore[attr-defined]
        ffi, lib = _ffi.ffi, _ffi.lib  # type: ignore[attr-defined]
        threads = os.environ.get(THREADS_ENV)
        if threads:
            lib.tm_set_max_threads(threads_from_env(threads))


THREADS_ENV = "TWINMATH_NUM_THREADS"


def threads_from_env(text: str) -> int:
    """Return the thread limit that the text of ``TWINMATH_NUM_THREADS`` asks for.

    A positive integer is the limit; anything else is refused with a
    ValueError that names the variable, at the first call that loads the
    library, rather than ignored.
    """
    try:
        n = int(text)
    except ValueError:
        n = 0
    if n < 1:
        raise ValueError(f"{THREADS_ENV} must be a positive integer, got {text!r}")
    return n


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
            # The call's cancel flag was set: by cancellable, on KeyboardInterrupt.
            library.TM_ERR_CANCELLED: KeyboardInterrupt,
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


def call(fn: Any, *args: Any, work: int | None = None) -> None:
    """Call the library function ``fn(*args, err, errlen)``; raise if it fails.

    ``err`` is this thread's message buffer; a non-zero status raises the
    exception ``error`` gives for it. A cancellable function (one that takes
    a cancel flag before ``err``) is called with ``work``, its estimated
    number of multiply-adds, and then runs as ``cancellable`` says: Ctrl-C
    stops it.
    """
    try:
        s = _local.s
    except AttributeError:
        s = scratch()
    if work is None:
        st = fn(*(args + s.tail))
    else:
        st = cancellable(fn, work, args, s.tail)
    if st:
        raise error(st, s)


def vectors_to_array(
    fn: Any, op: str, a: Any, b: Any, names: tuple[str, str], outer: bool = False
) -> NDArray[np.float64]:
    """Call ``fn(x, len x, y, len y, out)`` on two 1-D arguments; return ``out``.

    ``out`` is a new array of the length of ``x``, or of shape (len x, len y)
    with ``outer``.
    """
    x, y = vector(a, op, names[0]), vector(b, op, names[1])
    out = np.empty((x.size, y.size) if outer else x.size)
    call(fn, ptr(x), x.size, ptr(y), y.size, ptr(out))
    return out


def scalar(fn: Any, *args: Any, work: int | None = None) -> Any:
    """Call ``fn(*args, out, err, errlen)`` as ``call`` does; return ``out[0]``.

    ``out`` is this thread's buffer for scalar results.
    """
    try:
        s = _local.s
    except AttributeError:
        s = scratch()
    if work is None:
        st = fn(*(args + s.out_tail))
    else:
        st = cancellable(fn, work, (*args, s.out), s.tail)
    if st:
        raise error(st, s)
    return s.out[0]


def error(status: int, s: Scratch) -> BaseException:
    """Return the exception for a non-zero status and the message in ``s``."""
    msg = ffi.string(s.err).decode("utf-8", "replace")
    cls = _EXCEPTIONS.get(status)
    if cls is None:
        return RuntimeError(f"twinmath.go: {msg} (status {status})")
    return cls(msg)


# Interrupting long calls.
#
# A call releases the GIL and runs in Go, and Python runs a signal handler
# only in the main thread, between bytecodes: a SIGINT that arrives during a
# call is handled when the call returns. So a long call made from the main
# thread runs in a helper thread while the main thread waits for it in an
# interruptible wait. A Ctrl-C then raises KeyboardInterrupt in the main
# thread at once; the wait catches it, sets the call's cancel flag (an
# int32_t that Go reads atomically), waits for the call to stop (a few
# milliseconds: its loops look at the flag every few tens of microseconds of
# work) and raises the KeyboardInterrupt. Nothing of the call is left
# behind: no Go state, no use of the buffers after the return.
#
# The helper is one thread for the process, started by the first long call
# and then idle between calls (a daemon thread waiting on a queue). A thread
# started for each call cost its start and, measured, 1–2 ms more on calls
# of 10–25 ms: a new thread entering Go for the first time sets up its
# runtime state, and starts with cold caches.
#
# Only Python-level code is involved, so the process's signal dispositions
# are untouched (no C handler to install, chain and restore around each
# call, which several threads could race on) and any Python handler the
# program installed for SIGINT runs as usual; when it raises, the call is
# cancelled the same way. Handing a call to the helper costs a wake-up
# (tens of microseconds) and more in cold caches, so calls whose work is
# estimated below HELPER_WORK run inline, in the calling thread: they end
# within tens of milliseconds anyway, and a Ctrl-C is handled as soon as
# they return. Calls from other threads also run inline: signals reach only
# the main thread.

HELPER_WORK = 1 << 25
"""Estimated multiply-adds from which a main-thread call runs in the helper thread.

2²⁵ ≈ 34 million multiply-adds: about 3 ms of arithmetic with the AVX-512
kernels, a few tens of milliseconds with the pure-Go ones, so the longest
inline call returns well within the 200 ms that a Ctrl-C may take. Below it
the helper thread would cost a large share of the call: measured on inv of
300×300 (27 million), a thread per call added 0.45–2 ms to 3.1 ms, because
the call then started on a new thread, often on the other core, with the
inputs and the pooled scratch in the first core's cache.
"""

SVD_WORK = 30
"""Multiply-adds per m·n·min(m, n) that the SVD-based calls declare to ``cancellable``.

The figure of one-sided Jacobi (about ten sweeps of six multiply-adds per
entry); the bidiagonal QR SVD does fewer, so the estimate errs towards the
helper thread, which costs a wake-up (tens of microseconds).
"""

WAIT_SLICE = 0.01
"""Seconds the main thread sleeps at a time while a helper thread calls.

A SIGINT that the kernel delivers to the main thread interrupts its wait at
once. One delivered to another thread (any thread of the process may take
it, Go's included) only marks the signal as pending, and the main thread
sees it when its wait times out: the slice bounds that delay.
"""


def cancellable(fn: Callable[..., int], work: int, head: tuple[Any, ...], tail: tuple[Any, ...]) -> int:
    """Return the status of the cancellable native call ``fn(*head, cancel, *tail)``.

    ``tail`` is the message buffer and its length; ``work`` the call's
    estimated number of multiply-adds. From the main thread, a call of at
    least HELPER_WORK runs in a helper thread so that Ctrl-C (or any
    exception a SIGINT handler raises) stops it and is re-raised within
    milliseconds; see the comment above. Other calls pass a NULL flag.
    """
    if work < HELPER_WORK or threading.current_thread() is not threading.main_thread():
        return fn(*head, ffi.NULL, *tail)
    flag = ffi.new("int32_t *")
    result: list[Any] = []  # the status, or the exception cffi raised
    finished = threading.Lock()  # held until the call has ended
    finished.acquire()

    def native() -> None:
        try:
            result.append(fn(*head, flag, *tail))
        except BaseException as e:  # e.g. an argument cffi cannot convert
            result.append(e)
        finally:
            finished.release()

    # The wait is a timed acquire of a plain lock, which a signal interrupts
    # cleanly: not Event.wait (an interrupt inside its Condition can leave
    # the Condition's lock released twice).
    _helper_queue().put(native)
    try:
        while not result:
            finished.acquire(timeout=WAIT_SLICE)
    except BaseException:
        # Usually KeyboardInterrupt from the SIGINT handler; whatever it is,
        # stop the call before the exception leaves, and ignore further
        # interrupts until it has stopped (a few milliseconds).
        flag[0] = 1
        _settle(result, finished)
        raise
    if isinstance(result[0], BaseException):
        raise result[0]
    return result[0]  # type: ignore[no-any-return]


_helper: tuple[int, queue.SimpleQueue[Callable[[], None]]] | None = None
"""The helper thread's process id and queue of calls, once it has started."""


def _helper_queue() -> queue.SimpleQueue[Callable[[], None]]:
    """Return the queue of the helper thread, starting it on first use.

    Only the main thread hands calls to the helper, so the start does not
    race. A child process made by fork has no helper thread (threads do not
    survive a fork): the process id tells, and the child starts its own.
    """
    global _helper
    if _helper is None or _helper[0] != os.getpid():
        calls: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        threading.Thread(target=_serve, args=(calls,), name="twinmath-call", daemon=True).start()
        _helper = (os.getpid(), calls)
    return _helper[1]


def _serve(calls: queue.SimpleQueue[Callable[[], None]]) -> None:
    """Run the calls handed to the helper thread, one after another, for ever."""
    while True:
        calls.get()()


def _settle(result: list[Any], finished: threading.Lock) -> None:
    """Wait, ignoring Ctrl-C, until the helper's call has put its outcome in result."""
    while not result:
        try:
            finished.acquire(timeout=WAIT_SLICE)
        except KeyboardInterrupt:
            pass


class NativeObject(Closing):
    """Base of the classes whose state lives in Go behind a handle.

    A subclass creates its Go object with a ``tm_<kind>_new`` call and passes
    the handle to ``_adopt``. The Go object is freed by ``close()``, at the
    end of a ``with`` block, or when the Python object is collected; using it
    after ``close()`` raises ValueError.
    """

    _finalizer: weakref.finalize[..., Any] | None = None

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


def _free(handle: int) -> None:
    # In a child forked after the runtime started there is no Go to ask; the
    # memory goes with the process.
    if not isinstance(lib, _Forked):
        lib.tm_free(handle)
