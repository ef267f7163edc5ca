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

from .errors import ConvergenceError, NotPositiveDefiniteError, ShapeError, SingularMatrixError

__version__ = "0.1.0"

BACKENDS = ("ref", "go")

__all__ = [
    "BACKENDS",
    "ConvergenceError",
    "NotPositiveDefiniteError",
    "ShapeError",
    "SingularMatrixError",
    "backend",
    "default_backend",
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
