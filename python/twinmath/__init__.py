"""twinmath — the mathematics of machine learning, written twice and proven to agree.

Two implementations with the same functions:

- ``twinmath.ref``: the reference, in Python with numpy;
- ``twinmath.go``: the Go package, compiled to a C library and called through
  cffi.

``twinmath.backend("ref")`` and ``twinmath.backend("go")`` return them;
``twinmath.<name>`` calls the default one, chosen by the environment variable
``TWINMATH_BACKEND`` (``go`` when the native library is built, else ``ref``).
Importing twinmath does not load the native library.

Examples
--------
>>> import twinmath
>>> twinmath.backend("ref").dot([1, 2, 3], [4, 5, 6])
32.0
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType
from typing import TYPE_CHECKING, Any

from ._front.model import LogisticModel, MLPModel
from .errors import AxisError, ConvergenceError, NotPositiveDefiniteError, ShapeError, SingularMatrixError

__version__ = "0.1.0"

BACKENDS = ("ref", "go")

__all__ = [
    "BACKENDS",
    "AxisError",
    "ConvergenceError",
    "LogisticModel",
    "MLPModel",
    "NotPositiveDefiniteError",
    "ShapeError",
    "SingularMatrixError",
    "backend",
    "default_backend",
    "set_num_threads",
]


def backend(name: str) -> ModuleType:
    """Return the implementation called ``name``: ``"ref"`` or ``"go"``.

    Parameters
    ----------
    name : {"ref", "go"}

    Returns
    -------
    module
        ``twinmath.ref`` or ``twinmath.go``.

    Raises
    ------
    ValueError
        If ``name`` is neither.

    Examples
    --------
    >>> import twinmath
    >>> twinmath.backend("ref").__name__
    'twinmath.ref'
    """
    if name not in BACKENDS:
        raise ValueError(f"unknown backend {name!r}: choose one of {', '.join(BACKENDS)}")
    return importlib.import_module(f"twinmath.{name}")


def default_backend() -> str:
    """Return the name of the backend that ``twinmath.<name>`` calls.

    ``TWINMATH_BACKEND`` decides when it is set; otherwise ``"go"`` when the
    native library is built and ``"ref"`` when it is not.

    Returns
    -------
    str

    Examples
    --------
    >>> import twinmath
    >>> twinmath.default_backend() in ("ref", "go")
    True
    """
    name = os.environ.get("TWINMATH_BACKEND")
    if name:
        return name
    from .go._native import available

    return "go" if available() else "ref"


def set_num_threads(n: int | None) -> int | None:
    """Limit the threads that one call of either backend computes on.

    For ``twinmath.go``, the Go library runs each call on at most ``n``
    threads (the blocks of a product, the rounds of the Jacobi SVD, the row
    blocks of logistic regression); ``None`` lifts the limit (up to
    GOMAXPROCS, the number of CPUs). The environment variable
    ``TWINMATH_NUM_THREADS`` sets the limit when the library loads. For
    ``twinmath.ref``, the limit is applied to numpy's BLAS with threadpoolctl
    when that is installed, and only recorded otherwise. Results do not
    depend on the limit.

    Parameters
    ----------
    n : int or None
        The limit, at least 1, or None for none.

    Returns
    -------
    int or None
        The previous limit.

    Raises
    ------
    ValueError
        If ``n`` is below 1.

    Examples
    --------
    >>> import twinmath
    >>> previous = twinmath.set_num_threads(1)
    >>> twinmath.set_num_threads(previous) == 1
    True
    """
    global _num_threads
    if n is not None and (isinstance(n, bool) or int(n) != n or n < 1):
        raise ValueError(f"set_num_threads: n must be a positive integer or None, got {n!r}")
    previous = _num_threads
    _num_threads = None if n is None else int(n)
    from .go import _native

    if _native.available():
        _native.load()
        _native.lib.tm_set_max_threads(_num_threads or 0)
    _limit_blas(_num_threads)
    return previous


_num_threads: int | None = None
_blas_limit: Any = None


def _limit_blas(n: int | None) -> None:
    """Apply the limit to numpy's BLAS through threadpoolctl, when installed."""
    global _blas_limit
    try:
        from threadpoolctl import threadpool_limits  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return
    if _blas_limit is not None:
        _blas_limit.restore_original_limits()
        _blas_limit = None
    if n is not None:
        _blas_limit = threadpool_limits(limits=n, user_api="blas")


if TYPE_CHECKING:
    from .ref import *  # noqa: F403


def __getattr__(name: str) -> Any:
    if name in BACKENDS:
        return backend(name)
    if name.startswith("_"):
        raise AttributeError(name)
    module = backend(default_backend())
    if name in module.__all__:
        return getattr(module, name)
    raise AttributeError(f"module 'twinmath' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(backend("ref").__all__))
