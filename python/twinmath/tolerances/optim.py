"""Optimisation: training runs of the small networks under SGD, Momentum and Adam."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import U, gamma
from .nn import _sigmoid, backward_pass_errors, forward_pass_errors


def _unpack(theta: NDArray[Any], shapes: list[tuple[int, ...]]) -> list[NDArray[Any]]:
    """Split a batch of flat parameter vectors (B × P) into W1, b1, W2, b2, each
    with the batch first; the biases as rows (B × 1 × h)."""
    parts, at = [], 0
    for i, s in enumerate(shapes):
        size = int(np.prod(s))
        part = theta[:, at : at + size]
        parts.append(part.reshape(theta.shape[0], *s) if i % 2 == 0 else part.reshape(theta.shape[0], 1, -1))
        at += size
    return parts


def _network(
    X: NDArray[np.float64], y: NDArray[np.float64], theta: NDArray[Any], shapes: list[tuple[int, ...]]
) -> Any:
    """The gradients and z2 of the two-layer network for a batch of flat parameter
    vectors theta (B × P), real or complex: the formulas of ``backward_pass``
    without rounding concerns, for complex-step derivatives."""
    w1, b1, w2, b2 = _unpack(theta, shapes)
    m = X.shape[0]
    z1 = np.einsum("mn,bnh->bmh", X, w1) + b1
    a1 = 1 / (1 + np.exp(-z1))
    z2 = np.einsum("bmh,bhk->bmk", a1, w2) + b2
    dz2 = 1 / (1 + np.exp(-z2)) - y
    dz1 = np.einsum("bmk,bhk->bmh", dz2, w2) * a1 * (1 - a1)
    grads = (
        np.einsum("mn,bmh->bnh", X, dz1) / m,
        dz1.sum(axis=1) / m,
        np.einsum("bmh,bmk->bhk", a1, dz2) / m,
        dz2.sum(axis=1) / m,
    )
    return np.concatenate([g.reshape(theta.shape[0], -1) for g in grads], axis=1), z2


def _training_loss(z2: NDArray[Any], y: NDArray[np.float64]) -> Any:
    """The loss the training runs record: Σ (softplus(z2) − y·z2) / m, batched."""
    return (np.log(1 + np.exp(z2)) - y * z2).sum(axis=(1, 2)) / z2.shape[1]


def _optimizer_update(optimizer: str, options: dict[str, float], state: Any, g: Any, powers: Any) -> Any:
    """One exact optimiser update of a batch of states (B × d) with gradients (B × P).

    The state is θ for SGD, (θ, v) for Momentum and (θ, m, v) for Adam, one
    after the other; ``powers`` (B × 2) holds β₁ᵗ and β₂ᵗ of each as the
    backends compute them (running products).
    """
    P = g.shape[1]
    theta = state[:, :P]
    lr = options["learning_rate"]
    if optimizer == "SGD":
        return theta - lr * g
    if optimizer == "Momentum":
        v = options.get("momentum", 0.9) * state[:, P:] + lr * g
        return np.concatenate([theta - v, v], axis=1)
    b1, b2, eps = options.get("beta1", 0.9), options.get("beta2", 0.999), options.get("epsilon", 1e-8)
    d1, d2 = 1 - powers[:, :1], 1 - powers[:, 1:]
    m = b1 * state[:, P : 2 * P] + (1 - b1) * g
    v = b2 * state[:, 2 * P :] + (1 - b2) * (g * g)
    return np.concatenate([theta - lr * (m / d1) / (np.sqrt(v / d2) + eps), m, v], axis=1)


def _update_rounding(optimizer: str, options: dict[str, float], state: Any, g: Any, powers: Any) -> Any:
    """One side's rounding error in each component of an optimiser update, to first order.

    SGD: θ − fl(α·g) rounds twice: u·(|α·g| + |θ'|). Momentum: v' = β·v + α·g
    rounds three times, u·(|β·v| + |α·g| + |v'|), and θ' = θ − v' inherits
    that and rounds once more. Adam: m' and v' as v' of Momentum (g² adds
    one rounding); m̂ = m'/d and v̂ = v'/d inherit and round; √v̂ halves v̂'s
    relative error and rounds; + ε, α·m̂ and the quotient q round once each,
    and the quotient carries the relative errors of its numerator and
    denominator; θ' = θ − q inherits and rounds.
    """
    P = g.shape[1]
    new = _optimizer_update(optimizer, options, state, g, powers)
    lr = options["learning_rate"]
    theta1 = np.abs(new[:, :P])
    if optimizer == "SGD":
        return U * (np.abs(lr * g) + theta1)
    if optimizer == "Momentum":
        beta = options.get("momentum", 0.9)
        r_v = U * (np.abs(beta * state[:, P:]) + np.abs(lr * g) + np.abs(new[:, P:]))
        return np.concatenate([r_v + U * theta1, r_v], axis=1)
    b1, b2, eps = options.get("beta1", 0.9), options.get("beta2", 0.999), options.get("epsilon", 1e-8)
    d1, d2 = 1 - powers[:, :1], 1 - powers[:, 1:]
    m, v = new[:, P : 2 * P], new[:, 2 * P :]
    r_m = U * (np.abs(b1 * state[:, P : 2 * P]) + np.abs((1 - b1) * g) + np.abs(m))
    r_v = U * (np.abs(b2 * state[:, 2 * P :]) + 2 * np.abs((1 - b2) * g * g) + np.abs(v))
    m_hat, v_hat = np.abs(m / d1), v / d2
    e_m_hat = r_m / d1 + U * m_hat
    e_v_hat = r_v / d2 + U * v_hat
    root = np.sqrt(v_hat)
    with np.errstate(invalid="ignore", divide="ignore"):
        e_root = np.where(v_hat > 0, e_v_hat / (2 * root), np.sqrt(e_v_hat)) + U * root
    den = root + eps
    e_den = e_root + U * den
    num = lr * m_hat
    e_num = lr * e_m_hat + U * num
    q = num / den
    e_q = e_num / den + q * e_den / den + U * q
    return np.concatenate([e_q + U * theta1, r_m, r_v], axis=1)


def _jacobians(step: Any, states: NDArray[np.float64], count: int) -> NDArray[np.float64]:
    """Complex-step Jacobians of ``step`` (a batch of B × count inputs to B × d
    outputs) at each of the B points ``states`` (B × count): B × d × count.

    Im f(x + ih·eⱼ)/h is ∂f/∂xⱼ to within h² (h = 1e-20), with no cancellation.
    """
    h = 1e-20
    B = states.shape[0]
    dirs = (states[:, None, :] + 1j * h * np.eye(count)[None]).reshape(B * count, count)
    out = step(dirs, np.repeat(np.arange(B), count))
    return np.asarray(np.swapaxes((out.imag / h).reshape(B, count, -1), 1, 2), dtype=np.float64)


def training_bound(
    X: ArrayLike,
    y: ArrayLike,
    params: Sequence[ArrayLike],
    optimizer: str,
    options: dict[str, float],
    steps: int,
    every: int = 1,
) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Bound on |L_ref − L_go| along the loss curve of a training run.

    The run: the two-layer network of ``forward_pass`` starts from ``params``
    = [W1, b1, W2, b2]; each step records the loss L = Σ (softplus(z2) −
    y·z2)/m (the binary cross-entropy of ``backward_pass``) from the forward
    pass, computes the gradients with ``backward_pass`` and lets the
    optimiser (``SGD``, ``Momentum`` or ``Adam`` with ``options``) step.
    Returns the steps t = 0, every, 2·every, …, steps and the bound on the
    difference between the two backends' losses at each.

    The optimisers round alike on both sides, but the two runs' gradients
    differ by rounding (sums in another order, another exp), and the
    difference is carried from step to step by the training itself. To first
    order in u it obeys eₜ₊₁ = Jₜ·eₜ + δₜ, where Jₜ is the Jacobian of one
    exact training step with respect to the state s = (θ, optimiser state)
    and δₜ the rounding of step t. So

        |L_ref,t − L_go,t| ≤ Σ_{u<t} (|λᵤ₊₁ᵀ·Gᵤ|·2rᵤ + |λᵤ₊₁|ᵀ·2ρᵤ) + 2·Σ|∂L/∂z2|·e_z2 + 2ρ_L

    with the adjoint λₜ = ∂Lₜ/∂s and λᵤ = Jᵤᵀ·λᵤ₊₁; Gᵤ = ∂(update)/∂g;
    rᵤ one side's gradient error (``forward_pass_errors`` carried through
    ``backward_pass_errors``); ρᵤ one side's rounding of the update
    (``_update_rounding``); e_z2 the forward error of z2 at step t and ρ_L
    the rounding of the loss itself: (γₘₖ₊₁ + 5u)·Σ(|softplus| + |y·z2|)/m
    (exp and log1p within 1 ulp each). The absolute values make it a
    worst case over the signs of the rounding errors, with the true
    sensitivities (no growth from |J|·|J|·…). The derivatives are complex-
    step derivatives (``_jacobians``) of an exact replay of the run, along
    the replay's trajectory, which is within the bound of both runs: the
    neglected terms are of second order.
    """
    x, t_ = np.asarray(X, dtype=np.float64), np.asarray(y, dtype=np.float64)
    arrays = [np.asarray(p, dtype=np.float64) for p in params]
    shapes = [a.shape for a in arrays]
    P = sum(a.size for a in arrays)
    d = P * {"SGD": 1, "Momentum": 2, "Adam": 3}[optimizer]
    m, k = x.shape[0], t_.shape[1]
    # The exact replay, step by step.
    states = np.zeros((steps + 1, d))
    states[0, :P] = np.concatenate([a.ravel() for a in arrays])
    grads = np.empty((steps, P))
    powers = np.empty((steps, 2))
    p1 = p2 = 1.0
    for step in range(steps):
        grads[step] = _network(x, t_, states[step : step + 1, :P], shapes)[0][0]
        p1, p2 = p1 * options.get("beta1", 0.9), p2 * options.get("beta2", 0.999)
        powers[step] = p1, p2
        states[step + 1] = _optimizer_update(
            optimizer, options, states[step : step + 1], grads[step : step + 1], powers[step : step + 1]
        )[0]
    # Everything else for all steps at once.
    w1, b1, w2, b2 = _unpack(states[:, :P], shapes)
    e_a1, e_a2, e_z1, e_z2 = forward_pass_errors(x, w1, b1, w2, b2)
    z1 = x @ w1 + b1
    a1 = _sigmoid(z1)
    z2 = a1 @ w2 + b2
    r = backward_pass_errors(
        x, t_, a1[:-1], _sigmoid(z2[:-1]), z1[:-1], w2[:-1], e_a1[:-1], e_a2[:-1], e_z1[:-1]
    )
    src_g = 2 * np.concatenate([e.reshape(steps, -1) for e in r], axis=1)
    src_u = 2 * _update_rounding(optimizer, options, states[:-1], grads, powers)
    J = _jacobians(
        lambda s, i: _optimizer_update(
            optimizer, options, s, _network(x, t_, s[:, :P], shapes)[0], powers[i]
        ),
        states[:-1],
        d,
    )
    G = _jacobians(lambda g, i: _optimizer_update(optimizer, options, states[i], g, powers[i]), grads, P)
    checkpoints = np.arange(0, steps + 1, every)
    if checkpoints[-1] != steps:
        checkpoints = np.append(checkpoints, steps)
    loss_grad = _jacobians(
        lambda th, i: _training_loss(_network(x, t_, th, shapes)[1], t_)[:, None], states[checkpoints, :P], P
    )[:, 0, :]
    z = z2[checkpoints]
    dl = np.abs(_sigmoid(z) - t_) / m
    rho_l = (gamma(m * k + 1) + 5 * U) * np.sum(np.abs(np.log1p(np.exp(z))) + np.abs(t_ * z), axis=(1, 2)) / m
    bound = 2 * np.sum(dl * e_z2[checkpoints], axis=(1, 2)) + 2 * rho_l
    # The adjoints of all checkpoints at once, backwards through the run.
    lam = np.zeros((d, checkpoints.size))
    for u in range(steps - 1, -1, -1):
        starting = checkpoints == u + 1
        if np.any(starting):
            lam[:P, starting] = loss_grad[starting].T
        bound += np.abs(G[u].T @ lam).T @ src_g[u] + np.abs(lam).T @ src_u[u]
        lam = J[u].T @ lam
    return checkpoints, bound
