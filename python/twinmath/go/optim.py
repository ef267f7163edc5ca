"""Optimisers whose state lives in Go, behind a handle (documented in twinmath._front.optim)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import real
from .._front import twin
from .._front.optim import checked_arrays
from . import _native as n
from ._native import NativeObject, ptr

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.optim.__all__


def _shapes(arrays: list[NDArray[np.float64]]) -> Any:
    """The shapes in the header's encoding: each array's ndim, then its dimensions."""
    return n.ffi.new("int64_t[]", [v for a in arrays for v in (a.ndim, *a.shape)])


class _Optimizer(NativeObject):
    """A Go optimiser: construction, a step on the caller's arrays, closing."""

    def _new(self, make: Callable[..., int], *args: float) -> None:
        handle = n.ffi.new("int64_t *")
        n.call(make, *args, handle)
        self._adopt(handle[0])

    def _step(
        self,
        op: str,
        run: Callable[..., int],
        params: Sequence[NDArray[np.float64]],
        grads: Sequence[ArrayLike],
    ) -> Sequence[NDArray[np.float64]]:
        h = self.handle  # ValueError once closed
        ps, gs = checked_arrays(op, params, grads)
        # The buffers stay referenced (pb, gb) until the call returns.
        pb, gb = [ptr(p) for p in ps], [ptr(g) for g in gs]
        pshapes, gshapes = _shapes(ps), _shapes(gs)
        n.call(
            run,
            h,
            len(ps),
            n.ffi.new("double *[]", pb),
            pshapes,
            len(pshapes),
            len(gs),
            n.ffi.new("double *[]", gb),
            gshapes,
            len(gshapes),
        )
        return params

    def close(self) -> None:
        super().close()


@twin(_front.optim.SGD)
class SGD(_Optimizer):
    def __init__(self, learning_rate: float) -> None:
        self._lr = real(learning_rate, "SGD", "learning_rate")
        self._new(n.lib.tm_sgd_new, self._lr)

    def __repr__(self) -> str:
        return f"SGD(learning_rate={self._lr!r})"

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> Sequence[NDArray[np.float64]]:
        return self._step("SGD.step", n.lib.tm_sgd_step, params, grads)


@twin(_front.optim.Momentum)
class Momentum(_Optimizer):
    def __init__(self, learning_rate: float, momentum: float = 0.9) -> None:
        self._lr = real(learning_rate, "Momentum", "learning_rate")
        self._beta = real(momentum, "Momentum", "momentum")
        self._new(n.lib.tm_momentum_new, self._lr, self._beta)

    def __repr__(self) -> str:
        return f"Momentum(learning_rate={self._lr!r}, momentum={self._beta!r})"

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> Sequence[NDArray[np.float64]]:
        return self._step("Momentum.step", n.lib.tm_momentum_step, params, grads)


@twin(_front.optim.Adam)
class Adam(_Optimizer):
    def __init__(
        self, learning_rate: float, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8
    ) -> None:
        self._lr = real(learning_rate, "Adam", "learning_rate")
        self._beta1, self._beta2 = real(beta1, "Adam", "beta1"), real(beta2, "Adam", "beta2")
        self._eps = real(epsilon, "Adam", "epsilon")
        self._new(n.lib.tm_adam_new, self._lr, self._beta1, self._beta2, self._eps)

    def __repr__(self) -> str:
        return (
            f"Adam(learning_rate={self._lr!r}, beta1={self._beta1!r}, beta2={self._beta2!r}, "
            f"epsilon={self._eps!r})"
        )

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> Sequence[NDArray[np.float64]]:
        return self._step("Adam.step", n.lib.tm_adam_step, params, grads)
