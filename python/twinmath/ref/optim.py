"""Optimisers: gradient descent, with momentum, and Adam.

Each optimiser's ``step(params, grads)`` updates the caller's parameter
arrays in place and returns them. The arguments of a step are checked by
``twinmath._front.optim.checked_arrays``, as twinmath.go's are; the shapes
against the first step's by ``check_shapes`` here, as the Go package does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .. import _front
from .._convert import real
from .._front import Closing, twin
from .._front.optim import checked_arrays
from ..errors import invalid, shape_error

if not TYPE_CHECKING:  # mypy reads a literal __all__ only (see twinmath._front)
    __all__ = _front.optim.__all__

Shape = tuple[int, ...]


def check_learning_rate(op: str, lr: float) -> None:
    """Raise ValueError unless the learning rate is finite and ≥ 0."""
    if not (lr >= 0) or lr == math.inf:
        raise invalid(op, f"learning_rate must be finite and >= 0, got {lr!r}")


def check_decay(op: str, name: str, beta: float) -> None:
    """Raise ValueError unless a decay rate (momentum, beta1, beta2) is in [0, 1)."""
    if not (0 <= beta < 1):
        raise invalid(op, f"{name} must be in [0, 1), got {beta!r}")


def check_shapes(
    op: str, ps: list[NDArray[np.float64]], gs: list[NDArray[np.float64]], first: list[Shape] | None
) -> None:
    """Raise ShapeError unless params and grads pair up and, when ``first`` holds
    the shapes of an optimiser's first step, match those (the Go package's order)."""
    if len(ps) != len(gs):
        raise shape_error(op, f"{len(ps)} params but {len(gs)} grads")
    for i, (p, g) in enumerate(zip(ps, gs, strict=True)):
        if p.shape != g.shape:
            raise shape_error(op, f"params[{i}] has shape {p.shape}, grads[{i}] has shape {g.shape}")
    if first is None:
        return
    if len(ps) != len(first):
        raise shape_error(op, f"{len(ps)} params, the first step had {len(first)}")
    for i, p in enumerate(ps):
        if p.shape != first[i]:
            raise shape_error(op, f"params[{i}] has shape {p.shape}, the first step had {first[i]}")


class _Optimizer(Closing):
    """What the three optimisers share: the check of a step's arguments, closing."""

    _closed = False
    _stateful = False  # whether steps keep state, which then fixes the shapes at the first step
    _shapes: list[Shape] | None = None

    def _checked(
        self, op: str, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> tuple[list[NDArray[np.float64]], list[NDArray[np.float64]]]:
        """Check a step's arguments against each other and against the shapes of the
        first step; make the state at the first step of a stateful optimiser."""
        self._open()
        ps, gs = checked_arrays(op, params, grads)
        check_shapes(op, ps, gs, self._shapes)
        if self._stateful and self._shapes is None:
            self._shapes = [p.shape for p in ps]
            self._start(ps)
        return ps, gs

    def _start(self, ps: list[NDArray[np.float64]]) -> None:
        """Make the state of a stateful optimiser for the params ``ps``."""

    def _open(self) -> None:
        if self._closed:
            raise ValueError(f"this {type(self).__name__} is closed")

    def close(self) -> None:
        self._closed = True
        self._drop()

    def _drop(self) -> None:
        pass


@twin(_front.optim.SGD)
class SGD(_Optimizer):
    def __init__(self, learning_rate: float) -> None:
        lr = real(learning_rate, "SGD", "learning_rate")
        check_learning_rate("SGD", lr)
        self._lr = lr

    def __repr__(self) -> str:
        return f"SGD(learning_rate={self._lr!r})"

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> Sequence[NDArray[np.float64]]:
        ps, gs = self._checked("SGD.step", params, grads)
        for p, g in zip(ps, gs, strict=True):
            p -= self._lr * g
        return params


@twin(_front.optim.Momentum)
class Momentum(_Optimizer):
    _stateful = True

    def __init__(self, learning_rate: float, momentum: float = 0.9) -> None:
        lr = real(learning_rate, "Momentum", "learning_rate")
        beta = real(momentum, "Momentum", "momentum")
        check_learning_rate("Momentum", lr)
        check_decay("Momentum", "momentum", beta)
        self._lr, self._beta = lr, beta
        self._velocity: list[Any] = []

    def __repr__(self) -> str:
        return f"Momentum(learning_rate={self._lr!r}, momentum={self._beta!r})"

    def _drop(self) -> None:
        self._velocity = []

    def _start(self, ps: list[NDArray[np.float64]]) -> None:
        self._velocity = [np.zeros(p.shape) for p in ps]

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> Sequence[NDArray[np.float64]]:
        ps, gs = self._checked("Momentum.step", params, grads)
        for i, (p, g) in enumerate(zip(ps, gs, strict=True)):
            self._velocity[i] = self._beta * self._velocity[i] + self._lr * g
            p -= self._velocity[i]
        return params


@twin(_front.optim.Adam)
class Adam(_Optimizer):
    _stateful = True

    def __init__(
        self, learning_rate: float, beta1: float = 0.9, beta2: float = 0.999, epsilon: float = 1e-8
    ) -> None:
        lr = real(learning_rate, "Adam", "learning_rate")
        b1, b2 = real(beta1, "Adam", "beta1"), real(beta2, "Adam", "beta2")
        eps = real(epsilon, "Adam", "epsilon")
        check_learning_rate("Adam", lr)
        check_decay("Adam", "beta1", b1)
        check_decay("Adam", "beta2", b2)
        if not (eps > 0) or eps == math.inf:
            raise invalid("Adam", f"epsilon must be finite and > 0, got {eps!r}")
        self._lr, self._beta1, self._beta2, self._eps = lr, b1, b2, eps
        self._m: list[Any] = []
        self._v: list[Any] = []
        self._t = 0
        self._beta1_t, self._beta2_t = 1.0, 1.0

    def __repr__(self) -> str:
        return (
            f"Adam(learning_rate={self._lr!r}, beta1={self._beta1!r}, beta2={self._beta2!r}, "
            f"epsilon={self._eps!r})"
        )

    def _drop(self) -> None:
        self._m, self._v = [], []

    def _start(self, ps: list[NDArray[np.float64]]) -> None:
        self._m = [np.zeros(p.shape) for p in ps]
        self._v = [np.zeros(p.shape) for p in ps]

    def step(
        self, params: Sequence[NDArray[np.float64]], grads: Sequence[ArrayLike]
    ) -> Sequence[NDArray[np.float64]]:
        ps, gs = self._checked("Adam.step", params, grads)
        self._t += 1
        self._beta1_t *= self._beta1
        self._beta2_t *= self._beta2
        for i, (p, g) in enumerate(zip(ps, gs, strict=True)):
            self._m[i] = self._beta1 * self._m[i] + (1 - self._beta1) * g
            self._v[i] = self._beta2 * self._v[i] + (1 - self._beta2) * np.square(g)
            m_hat = self._m[i] / (1 - self._beta1_t)
            v_hat = self._v[i] / (1 - self._beta2_t)
            p -= self._lr * m_hat / (np.sqrt(v_hat) + self._eps)
        return params
