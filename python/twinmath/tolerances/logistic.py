"""Logistic regression: logits, probabilities, predictions, training and standardisation."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import EPS, SIDE_LOG_ULPS, SIGMOID_REL, U, gamma, norm2
from .stats import zscore_bound
from .vectors import sum_bound


def _dsigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    """σ'(z) = σ(z)(1 − σ(z)), computed without cancellation."""
    e = np.exp(-np.abs(z))
    return np.asarray(e / (1.0 + e) ** 2, dtype=np.float64)


def logits_bound(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    """Bound on |z_ref − z_go| for z = X·w + b: ``sum_bound(d + 1, Σⱼ|xᵢⱼwⱼ| + |b|)``."""
    x, v = np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return sum_bound(x.shape[1] + 1, np.abs(x) @ np.abs(v) + abs(b))


def proba_bound(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    """Bound for ``predict_proba``: ``σ'(z)·Δz·e^(2Δz) + 2·SIGMOID_REL·p`` per entry.

    The logits differ by Δz (``logits_bound``). Over an interval of width
    Δz around z, σ' is at most σ'(z)·e^(2Δz) (σ and 1 − σ each change by at
    most the factor e^Δz), which bounds |σ(z_ref) − σ(z_go)|. Each side
    then evaluates σ within ``SIGMOID_REL``·p (6u·p). Clipping z to ±500
    only flattens σ.
    """
    x, v = np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        z = x @ v + b
        dz = logits_bound(x, v, b)
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))
        bound = _dsigmoid(z) * dz * np.exp(np.minimum(2 * dz, 700.0)) + 2 * SIGMOID_REL * p
        # Σ|xᵢⱼwⱼ| + |b| beyond the range: no rounding bound (one side's sum may
        # overflow where a fused multiply-add keeps the other's finite).
        return np.asarray(np.where(np.isfinite(dz), bound, np.inf), dtype=np.float64)


def predict_bound(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    """Bound for ``predict``: 1 where the probability is within ``proba_bound`` of 0.5, else 0.

    The classes are p > 0.5 on each side: they agree bit for bit except
    where the two probabilities may fall on either side of 0.5.
    """
    x, v = np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ v + b, -500.0, 500.0)))
        return np.where(np.abs(p - 0.5) > proba_bound(x, v, b), 0.0, 1.0)  # NaN: undecided


def logistic_step_rate(X: ArrayLike, l2: float) -> float:
    """Return L, the Lipschitz constant of the smooth part of the gradient.

    ``L = ‖[X, 1]‖₂² / (4n) + 2·l2``: the Hessian of the cross-entropy is
    (1/n)·X̃ᵀ·diag(σ')·X̃ with σ' ≤ 1/4, and the L2 penalty adds 2·l2.
    """
    x = np.asarray(X, dtype=np.float64)
    xt = np.hstack([x, np.ones((x.shape[0], 1))])
    n2 = norm2(xt)  # n2 * n2, not n2 ** 2: a Python float overflows to inf, not OverflowError
    return float(n2 * n2 / (4 * x.shape[0]) + 2 * l2)


def logistic_bounds(
    X: ArrayLike,
    y: ArrayLike,
    learning_rate: float,
    max_iter: int,
    l2: float,
    l1: float,
    seed: int,
    dX: ArrayLike | float = 0.0,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Bounds for ``logistic_regression``, iteration by iteration.

    Returns ``(D, E)``: ``D[k]`` bounds ‖θₖ_ref − θₖ_go‖₂ for θ = (w, b)
    after k updates (k = 0 … max_iter), ``E[k]`` bounds |lossₖ_ref −
    lossₖ_go|. ``dX`` bounds, entry by entry, how far the Go side's X may be
    from the reference's (0 when both get the same X; the pipeline passes
    the difference of its data).

    **Why the difference cannot blow up.** Write one step as θ ↦ T(θ) =
    θ − α·(∇h(θ) + λ₁·(sign(w), 0)) with h(θ) = (1/n)·Σ φ(x̃ᵢ·θ) + λ₂‖w‖²,
    x̃ᵢ = (xᵢ, 1), φ' = σ∘clip − y. φ' is non-decreasing and 1/4-Lipschitz,
    so h is convex and ∇h is L-Lipschitz (``logistic_step_rate``); by the
    Baillon–Haddad theorem ∇h is then (1/L)-co-coercive, and θ ↦ θ − α∇h(θ)
    is non-expansive for 0 ≤ α ≤ 2/L. Where sign(w) is the same on both
    sides the L1 term is the same translation, so it keeps distances. Each
    side computes T(θ) + eₖ with a rounding error |eₖ| ≤ δ(θₖ), hence ::

        D[k+1] = D[k] + 2·‖δ(θₖ)‖₂ + α·‖Δ∇ₖ‖₂ + 2αλ₁·√mₖ

    where Δ∇ is the change of the exact gradient between the two X (first
    order in dX) and mₖ counts the weights with |wⱼ| ≤ D[k], whose sign may
    differ between the sides (then sign(w) may jump by 2). The growth is at
    most linear in k; the rounding errors of a convex problem are not
    amplified. For α > 2/L gradient descent itself may diverge and no bound
    is claimed (inf). D[0] = (γ₇ + 3u)·‖w₀‖₂: w₀ = 0.01·normal (normal_bound
    and the product's rounding on each side).

    **One step's rounding, δ(θ).** With z = X̃θ, p = σ(z), e = p − y:
    ζᵢ = γ_{d+1}·(|xᵢ|·|w| + |b|) bounds the error of zᵢ; the computed pᵢ
    errs by πᵢ = σ'(zᵢ)·ζᵢ·e^(2ζᵢ) + SIGMOID_REL·pᵢ (as in ``proba_bound``, one side);
    eᵢ = pᵢ − yᵢ adds u·|eᵢ| (exact when yᵢ = 0). The gradient entry
    gⱼ = fl(1/n)·Σᵢ xᵢⱼeᵢ errs by (1/n)·(Σᵢ|xᵢⱼ|(πᵢ + u|eᵢ|) + γₙ·Σᵢ|xᵢⱼ||eᵢ|)
    + 2u·|gⱼ| (the sum in any order, the reciprocal and the product). The
    penalty 2λ₂·wⱼ rounds once, the two additions once each, and the step
    w − α·∇ rounds the product and the difference: u·α|∇ⱼ| + u·|wⱼ⁺|. These
    terms are evaluated at the reference's iterates: the Go iterates are
    within D of them, which changes δ only to second order.

    **The loss.** |∂ lossᵢ/∂zᵢ| ≤ |eᵢ| for the cross-entropy with its 1e−15
    (for y = 1 it is p(1 − p)/(p + 1e−15) ≤ 1 − p), so the exact losses at
    the two iterates differ by at most (1/n)·Σᵢ|eᵢ|·(‖x̃ᵢ‖₂·D[k] +
    Σⱼ dXᵢⱼ|wⱼ|) + λ₂(2‖w‖₂ + D)·D + λ₁√d·D. Each side evaluates its loss with
    an error of at most: for each term, the argument aᵢ of the logarithm
    (pᵢ + 1e−15, or 1 − pᵢ + 1e−15) off by rᵢ = (πᵢ + 2u·aᵢ)/aᵢ relative, so
    the logarithm off by −ln(1 − rᵢ), plus the logarithm's own error
    (``SIDE_LOG_ULPS``·2u·|ln aᵢ|);
    the sum of n terms γₙ·Σ|ln aᵢ|; the mean's division u; the penalties
    (γ_d + u) relative; the two additions u·|loss| each. Near p = 1 with
    y = 0 (a confidently wrong point) 1 − p cancels, and rᵢ reaches 4u/(1 − p):
    the bound follows it.
    """
    from ..ref.logistic import LOSS_EPSILON, iterates

    x = np.asarray(X, dtype=np.float64)
    yv = np.asarray(y, dtype=np.float64)
    n, d = x.shape
    alpha = float(learning_rate)
    D = np.full(max_iter + 1, math.inf)
    E = np.full(max_iter, math.inf)
    if not alpha * logistic_step_rate(x, l2) <= 2.0:
        return D, E
    dx = np.broadcast_to(np.asarray(dX, dtype=np.float64), x.shape)
    ax = np.abs(x)
    row_norms = np.sqrt(np.sum(x * x, axis=1) + 1.0)
    g_n, g_d, g_d1 = gamma(n), gamma(d), gamma(d + 1)
    inv = 1.0 / n
    steps = list(iterates(x, yv, alpha, max_iter, l2, l1, seed))
    D[0] = (gamma(7) + 3 * U) * float(np.linalg.norm(steps[0][0]))
    with np.errstate(over="ignore", under="ignore", invalid="ignore"):
        for k, (w, b, p, loss) in enumerate(steps[:-1]):
            assert p is not None and loss is not None
            w_next, b_next = steps[k + 1][0], steps[k + 1][1]
            aw = np.abs(w)
            z = x @ w + b
            zeta = g_d1 * (ax @ aw + abs(b))
            s = _dsigmoid(z)
            pi = s * zeta * np.exp(np.minimum(2 * zeta, 700.0)) + SIGMOID_REL * p
            e = p - yv
            ae = np.abs(e)
            eps_i = pi + U * ae
            g = inv * (x.T @ e)
            gb = inv * float(np.sum(e))
            r2 = 2 * l2 * aw
            grad = g + 2 * l2 * w + l1 * np.sign(w)
            err_g = inv * (ax.T @ eps_i + g_n * (ax.T @ ae)) + 2 * U * np.abs(g)
            err_gb = inv * (float(np.sum(eps_i)) + g_n * float(np.sum(ae))) + 2 * U * abs(gb)
            err_dir = err_g + U * r2 + U * (np.abs(g) + r2) + U * np.abs(grad)
            delta_w = alpha * err_dir + U * alpha * np.abs(grad) + U * np.abs(w_next)
            delta_b = alpha * err_gb + U * alpha * abs(gb) + U * abs(b_next)
            step = 2.0 * math.hypot(float(np.linalg.norm(delta_w)), delta_b)
            # The exact gradients at θ for the two data sets (first order in dX).
            dz = dx @ aw
            data_w = inv * (dx.T @ ae + ax.T @ (s * dz))
            data_b = inv * float(np.sum(s * dz))
            step += alpha * math.hypot(float(np.linalg.norm(data_w)), data_b)
            if l1 > 0:
                m = int(np.count_nonzero(aw <= D[k]))
                step += 2 * alpha * l1 * math.sqrt(m)
            D[k + 1] = D[k] + step
            # The loss at iteration k.
            a = np.where(yv == 1, p + LOSS_EPSILON, 1 - p + LOSS_EPSILON)
            r = (pi + 2 * U * a) / a
            log_a = np.abs(np.log(a))
            dlog = np.where(r < 1, -np.log1p(-np.minimum(r, 1 - EPS)), math.inf)
            ce = float(np.mean(-np.log(a)))
            evaluate = (
                inv * (float(np.sum(dlog + 2 * U * SIDE_LOG_ULPS * log_a)) + g_n * float(np.sum(log_a)))
                + U * abs(ce)
                + (g_d + U) * (l2 * float(np.sum(w * w)) + l1 * float(np.sum(aw)))
                + 2 * U * abs(loss)
            )
            nw = float(np.linalg.norm(w))
            lipschitz = (
                inv * float(np.sum(ae * (row_norms * D[k] + dz)))
                + l2 * (2 * nw + D[k]) * D[k]
                + l1 * math.sqrt(d) * D[k]
            )
            E[k] = lipschitz + 2 * evaluate
    return D, E


def accuracy_bound(X: ArrayLike, w: ArrayLike, b: float, dX: ArrayLike | float, D: float) -> float:
    """Bound on |accuracy_ref − accuracy_go| when each side predicts with its own model.

    The Go side's data may differ by dX entrywise and its (w, b) by D in the
    2-norm, so its logits differ by at most ``logits_bound`` + Σⱼ dXᵢⱼ|wⱼ| +
    ‖(xᵢ, 1)‖₂·D (first order). A prediction can flip only where the
    probability lies within the ``proba_bound`` of that Δz of 0.5; each
    flip moves the accuracy by 1/n.
    """
    x, v = np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)
    if x.shape[0] == 0:
        return 0.0
    dx = np.broadcast_to(np.asarray(dX, dtype=np.float64), x.shape)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        z = x @ v + b
        dz = logits_bound(x, v, b) + dx @ np.abs(v) + np.sqrt(np.sum(x * x, axis=1) + 1.0) * D
        p = 1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0)))
        dp = _dsigmoid(z) * dz * np.exp(np.minimum(2 * dz, 700.0)) + 2 * SIGMOID_REL * p
        dp = np.where(np.isfinite(dz), dp, np.inf)  # no bound on Δz (a diverging run): any may flip
    return float(np.count_nonzero(~(np.abs(p - 0.5) > dp))) / float(x.shape[0])


def standardise_bounds(
    X: ArrayLike, result: Any, dX: ArrayLike | float
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """Bounds for ``zscore`` of data whose Go copy may differ by dX entrywise.

    Returns the bounds on (Xn, mean, std). The rounding of each side on the
    same data is ``zscore_bound``. On top, the exact mean moves by at most
    mean(dX) and the exact std by at most √mean(dX²) per column (the std is
    the root mean square of the centred column, and centring is a
    projection); Xn = (x − m)/s then moves by (dXᵢⱼ + Δmⱼ + |Xnᵢⱼ|·Δsⱼ)/sⱼ to
    first order. A column of zero spread in the reference has no such bound
    (inf): the data here are never constant.
    """
    a = np.asarray(X, dtype=np.float64)
    xn, _, s = (np.asarray(r, dtype=np.float64) for r in result)
    dx = np.broadcast_to(np.asarray(dX, dtype=np.float64), a.shape)
    r_xn, r_m, r_s = zscore_bound(a, result)
    with np.errstate(all="ignore"):
        constant = np.ptp(a, axis=0) == 0
        p_m = np.mean(dx, axis=0)
        p_s = np.sqrt(np.mean(dx * dx, axis=0))
        p_xn = (dx + p_m + np.abs(xn) * p_s) / s
        bad = np.where(constant, np.inf, 0.0)
        return r_xn + p_xn + bad, r_m + p_m + bad, r_s + p_s + bad


def restandardise_bound(
    Xn: ArrayLike, std: ArrayLike, dX: ArrayLike | float, dmean: ArrayLike, dstd: ArrayLike
) -> NDArray[np.float64]:
    """Bound for new data standardised with a fitted mean and std, (x − m)/s.

    Each side computes fl(fl(x − m)/s) from its own x, m, s: the exact
    values differ by (dX + Δm + |Xn|·Δs)/s (first order), and each side's two
    roundings add γ₂·|Xn|.
    """
    t = np.abs(np.asarray(Xn, dtype=np.float64))
    s = np.asarray(std, dtype=np.float64)
    with np.errstate(all="ignore"):
        return np.asarray(
            (np.asarray(dX) + np.asarray(dmean) + t * np.asarray(dstd)) / s + 2 * gamma(2) * t,
            dtype=np.float64,
        )
