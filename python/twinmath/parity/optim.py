"""Parity of the optimisers: trajectories, and the XOR network trained with each.

The optimisers are objects with state, so they are compared by whole runs
rather than by the single calls of ``CHECKS``:

- ``TRAJECTORIES``: an optimiser, its options, initial parameter arrays and a
  sequence of gradients; both backends must give the same parameters after
  every step, bit for bit (the updates are the same IEEE operations in the same
  order on both sides). ``tests/gen_trajectories.py`` writes them, with the
  reference's parameters after each step, to go/testdata/vectors/trajectories/ for
  the Go tests; the error cases carry the exception both backends raise.
- ``train_xor``: the 2-3-1 network of the source material trained on XOR with
  each optimiser; the two backends' loss curves agree within
  ``tolerances.optim.training_bound``.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import ModuleType
from typing import Any

import numpy as np
from numpy.typing import NDArray

from . import normal

# ---- XOR --------------------------------------------------------------------------

# The four points of XOR and their labels.
XOR_X = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
XOR_Y = np.array([[0.0], [1.0], [1.0], [0.0]])
# Fixed initial weights of order 1, written out so that Python and Go start
# from the same numbers; the biases start at zero. (The source material draws
# 0.1·N(0, 1) weights; from weights that small the network needs many
# thousands of steps to leave the plateau around loss log 2.)
XOR_W1 = np.array([[1.2, -0.9, 0.4], [-1.1, 0.8, 0.6]])
XOR_W2 = np.array([[0.7], [0.6], [-0.5]])
# Each optimiser with options under which it separates the four points.
XOR_OPTIMIZERS: dict[str, dict[str, float]] = {
    "SGD": {"learning_rate": 1.0},
    "Momentum": {"learning_rate": 0.1, "momentum": 0.9},
    "Adam": {"learning_rate": 0.05},
}
XOR_STEPS = 2000


def xor_params() -> list[NDArray[np.float64]]:
    """Fresh copies of the initial parameters [W1, b1, W2, b2]."""
    return [XOR_W1.copy(), np.zeros((1, 3)), XOR_W2.copy(), np.zeros((1, 1))]


def training_loss(z2: NDArray[np.float64], y: NDArray[np.float64]) -> float:
    """The binary cross-entropy of sigmoid outputs from their pre-activations z2.

    ``Σ (softplus(z2) − y·z2) / m``: the same as ``−Σ [y·log a2 + (1 − y)·log(1 − a2)] / m``
    for a2 = σ(z2), without its cancellation; ``backward_pass`` gives its gradients.
    """
    return float(np.sum(np.logaddexp(0.0, z2) - y * z2) / z2.shape[0])


@dataclass
class XORRun:
    """A training run: the loss before every step and after the last, the final
    parameters and the final outputs for the four points."""

    optimizer: str
    losses: NDArray[np.float64]
    params: list[NDArray[np.float64]]
    predictions: NDArray[np.float64]


def train_xor(tm: ModuleType, optimizer: str, steps: int = XOR_STEPS) -> XORRun:
    """Train the 2-3-1 network on XOR with one optimiser through backend ``tm``."""
    params = xor_params()
    losses = np.empty(steps + 1)
    with getattr(tm, optimizer)(**XOR_OPTIMIZERS[optimizer]) as opt:
        for t in range(steps + 1):
            a1, a2, z1, z2 = tm.forward_pass(XOR_X, *params)
            losses[t] = training_loss(z2, XOR_Y)
            if t == steps:
                break
            grads = tm.backward_pass(XOR_X, XOR_Y, a1, a2, z1, z2, params[0], params[2])
            opt.step(params, list(grads))
    return XORRun(optimizer, losses, params, a2.ravel())


# ---- trajectories -------------------------------------------------------------------


@dataclass(frozen=True)
class Trajectory:
    """One optimiser run: ``steps`` gradients applied to ``params`` (or an error).

    ``grads[t]`` holds the gradients of step t; a case whose constructor or
    some step must fail says so with ``fails_at`` (-1: the constructor).
    """

    label: str
    optimizer: str
    options: dict[str, Any]
    params: list[NDArray[np.float64]]
    grads: list[list[NDArray[np.float64]]]
    fails_at: int | None = None


def _random_run(
    rng: np.random.Generator,
    label: str,
    optimizer: str,
    options: dict[str, Any],
    shapes: list[tuple[int, ...]],
    steps: int,
    scale: float = 1.0,
) -> Trajectory:
    params = [normal(rng, *s) for s in shapes]
    grads = [[scale * normal(rng, *s) for s in shapes] for _ in range(steps)]
    return Trajectory(label, optimizer, options, params, grads)


def trajectories(rng: np.random.Generator) -> list[Trajectory]:
    """The trajectory cases: worked examples, random runs, special values, errors."""
    cases: list[Trajectory] = []
    shapes = [(2, 3), (3,), (), (1, 1)]
    for name, options in (
        ("SGD", {"learning_rate": 0.1}),
        ("Momentum", {"learning_rate": 0.05, "momentum": 0.9}),
        ("Momentum", {"learning_rate": 0.05, "momentum": 0.0}),
        ("Adam", {"learning_rate": 0.01}),
        ("Adam", {"learning_rate": 0.3, "beta1": 0.5, "beta2": 0.9, "epsilon": 1e-3}),
    ):
        opts = ", ".join(f"{k}={v}" for k, v in options.items())
        cases.append(_random_run(rng, f"{name}({opts}) 25 steps", name, options, shapes, 25))
        cases.append(_random_run(rng, f"{name}({opts}) tiny gradients", name, options, [(4,)], 10, 1e-300))
        cases.append(_random_run(rng, f"{name}({opts}) huge gradients", name, options, [(4,)], 10, 1e150))
        special = _random_run(rng, f"{name}({opts}) nan and inf", name, options, [(5,)], 3)
        special.grads[1][0][1:4] = [np.nan, np.inf, -np.inf]
        cases.append(special)
        cases.append(Trajectory(f"{name} no arrays", name, options, [], [[], []]))
        cases.append(_random_run(rng, f"{name} empty arrays", name, options, [(0,), (0, 3)], 2))
    worked: list[tuple[str, dict[str, float], list[float], list[list[float]]]] = [
        ("SGD", {"learning_rate": 0.1}, [1.0, 2.0], [[0.5, -1.0]]),
        ("Momentum", {"learning_rate": 0.1, "momentum": 0.9}, [1.0], [[1.0], [1.0]]),
        ("Adam", {"learning_rate": 0.1}, [1.0, 2.0], [[0.5, -3.0]]),
    ]
    for name, options, param, grads in worked:
        cases.append(
            Trajectory(
                f"{name} worked example", name, options, [np.array(param)], [[np.array(g)] for g in grads]
            )
        )
    # Errors: bad options, and steps that do not fit.
    for name, options in (
        ("SGD", {"learning_rate": -0.1}),
        ("SGD", {"learning_rate": np.inf}),
        ("Momentum", {"learning_rate": np.nan, "momentum": 0.9}),
        ("Momentum", {"learning_rate": 0.1, "momentum": 1.0}),
        ("Momentum", {"learning_rate": 0.1, "momentum": -0.5}),
        ("Adam", {"learning_rate": 0.1, "beta1": 1.0}),
        ("Adam", {"learning_rate": 0.1, "beta2": -1e-9}),
        ("Adam", {"learning_rate": 0.1, "epsilon": 0.0}),
        ("Adam", {"learning_rate": 0.1, "epsilon": np.inf}),
    ):
        opts = ", ".join(f"{k}={v}" for k, v in options.items())
        cases.append(Trajectory(f"{name}({opts})", name, options, [], [], fails_at=-1))
    for name, options in (
        ("SGD", {"learning_rate": 0.1}),
        ("Momentum", {"learning_rate": 0.1}),
        ("Adam", {"learning_rate": 0.1}),
    ):
        p = [np.zeros((2, 3)), np.zeros(3)]
        cases.append(
            Trajectory(f"{name} grads of another shape", name, options, p, [[np.ones((3, 2)), np.ones(3)]], 0)
        )
        cases.append(Trajectory(f"{name} fewer grads than params", name, options, p, [[np.ones((2, 3))]], 0))
        steps: list[list[NDArray[np.float64]]] = [
            [np.ones((2, 3)), np.ones(3)],
            [np.ones((2, 3)), np.ones((3, 1))],
        ]
        cases.append(Trajectory(f"{name} a grad of another shape at step 2", name, options, p, steps, 1))
    return cases
