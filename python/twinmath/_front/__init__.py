"""The front both backends share: one module per topic, beside ``_convert``.

``twinmath.ref`` and ``twinmath.go`` are siblings: each computes the same
functions its own way, and neither imports the other. What they have in common
lives here, under the same topic names (``_front.vectors``, ``_front.decomp``,
…):

- each public function's signature and numpydoc docstring, declared once as a
  body-less stub;
- the result types (``EighResult``, ``SVDResult``, …) both return;
- the checks and conversions of arguments beyond ``_convert`` (``stats.data``,
  ``nn.bias``, ``optim.checked_arrays``, …), so both reject the same inputs
  with the same message.

A backend's function or class takes its docstring from its stub with
``@twin(front.<name>)``, which also checks that the signatures agree: a
backend that drifts from the declared signature fails at import. ``NAMES`` is
the one list of exported names.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from . import (
    calculus,
    decomp,
    eigen,
    info,
    linalg,
    logistic,
    model,
    nn,
    optim,
    random,
    stats,
    vectors,
)
from . import decomp_numpy as decomp_numpy  # decomp's numpy keywords, which both backends call
from . import linalg_numpy as linalg_numpy  # linalg's argument rules, which both backends call

T = TypeVar("T")

TOPICS = (calculus, decomp, eigen, info, linalg, logistic, model, nn, optim, random, stats, vectors)

NAMES: list[str] = sorted(name for topic in TOPICS for name in topic.__all__)
"""Every public name of a backend: the union of the topics' ``__all__``."""


def _signature(f: Any) -> tuple[Any, ...]:
    """What two functions must share to have the same signature (cheaper than inspect)."""
    code = f.__code__
    varargs = code.co_flags & 0x0C  # CO_VARARGS | CO_VARKEYWORDS
    n = code.co_argcount + code.co_kwonlyargcount + bin(varargs).count("1")
    return (
        code.co_varnames[:n],
        code.co_posonlyargcount,
        varargs,
        f.__defaults__,
        f.__kwdefaults__,
        f.__annotations__,
    )


def _give(stub: Any, impl: Any, name: str) -> None:
    """Give ``impl`` the docstring of ``stub`` after checking their signatures agree."""
    if _signature(stub) != _signature(impl):
        raise TypeError(f"{name}: the signature differs from the one declared in twinmath._front")
    impl.__doc__ = stub.__doc__


def twin(stub: Any) -> Callable[[T], T]:
    """Give the decorated function or class the docstring of its stub in the front.

    For a class, its constructor's signature is checked and each public method
    the stub declares gets its docstring, after the same check.
    """

    def give(impl: T) -> T:
        name = f"{impl.__module__}.{impl.__qualname__}"  # type: ignore[attr-defined]
        if not isinstance(stub, type):
            _give(stub, impl, name)
            return impl
        impl.__doc__ = stub.__doc__
        _give(stub.__init__, impl.__init__, f"{name}.__init__")  # type: ignore[misc]
        for m in dir(stub):
            if not m.startswith("_") and callable(getattr(stub, m)):
                _give(getattr(stub, m), getattr(impl, m), f"{name}.{m}")
        return impl

    return give


S = TypeVar("S", bound="Closing")


class Closing:
    """The context manager of the objects with a ``close()``: ``with`` closes them at the end."""

    def close(self) -> None:
        """Release what the object holds (nothing here)."""

    def __enter__(self: S) -> S:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
