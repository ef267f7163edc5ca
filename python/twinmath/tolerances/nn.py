"""Neural networks: activations, softmax, forward and backward passes."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import ETA, SIGMOID_REL, U, gamma, ulps

# One side's sigmoid 1/(1 + e), e = exp(−x), errs by at most SIGMOID_REL·σ
# (defined in the package): exp's error, relative to 1 + e,
# is damped by e/(1 + e) ≤ 1, and the sum and the division round once each.


def sigmoid_bound(s: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``sigmoid``: ``2·SIGMOID_REL·σ``, entry by entry.

    Each side is within SIGMOID_REL·σ of the exact value (exp within
    SIDE_EXP_ULPS ulps — Go's math.Exp measured up to 1.42 — plus two
    roundings), so the two are within twice that of each other.
    """
    with np.errstate(invalid="ignore"):
        return np.asarray(2 * SIGMOID_REL * np.abs(np.asarray(s, dtype=np.float64)), dtype=np.float64)


# tanh: numpy validates its float64 tanh to 2 ulps (numpy/_core/tests/data/
# umath-validation-set-tanh.csv); Go's math.Tanh is Cephes' algorithm, whose
# documented peak relative error is 2.5e-16, at most 2.25 ulps (an ulp is at
# least u relative). Between the two: 4.25, so 5 ulps.
TANH_ULPS = 5.0


def _sigmoid(z: NDArray[np.float64]) -> NDArray[np.float64]:
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(1.0 / (1.0 + np.exp(-np.clip(z, -500.0, 500.0))), dtype=np.float64)


def sigmoid_derivative_error(z: ArrayLike) -> NDArray[np.float64]:
    """Return one side's bound on |σ̂'(z) − σ'(z)| for ``s * (1 - s)``, s = σ̂(z).

    With |ŝ − s| ≤ d = ``SIGMOID_REL``·s: f(ŝ) − f(s) = (ŝ − s)(1 − ŝ − s), at
    most d·(|1 − 2s| + d); the two roundings (1 − ŝ, then the product) add
    γ₂·f(ŝ) ≤ γ₂·(f + d).
    """
    s = _sigmoid(np.asarray(z, dtype=np.float64))
    d = SIGMOID_REL * s
    f = s * (1 - s)
    return np.asarray(d * (np.abs(1 - 2 * s) + d) + gamma(2) * (f + d), dtype=np.float64)


def sigmoid_derivative_bound(x: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``sigmoid_derivative``: twice one side's error (``sigmoid_derivative_error``).

    Not in ulps of the result: where σ(x) is near 1, s·(1 − s) is tiny while
    an ulp of s near 1 is not, so one ulp of difference in s moves the result
    by many of its own ulps; the bound is absolute, about 9u·|1 − 2s|.
    """
    return 2.0 * sigmoid_derivative_error(x)


def tanh_bound(result: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``tanh``: ``TANH_ULPS`` ulps of the result."""
    return ulps(result, TANH_ULPS)


def softmax_bound(x: ArrayLike, axis: int, result: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``softmax`` along a lane of k values: ``(2·γₖ + 10u)·|y| + 4η``.

    Both sides subtract the same (exact) maximum with the same rounding, so
    they exponentiate the same dᵢ. Per side: each eᵢ = exp(dᵢ) within 1 ulp
    (2u relative); the sum of k positive terms, whatever its order, errs by
    γₖ₋₁ relative, plus the terms' 2u; the division adds u. So each side's
    yᵢ is within (5u + γₖ₋₁)·yᵢ of the exact value, and the sides within
    twice that (γₖ instead of γₖ₋₁ covers second-order terms). The sum is at
    least 1 (the maximum contributes e⁰), so an exp or a quotient that
    underflows adds at most 1.5η absolute per side.
    """
    a = np.asarray(x, dtype=np.float64)
    k = a.shape[axis] if a.ndim else 1
    return np.asarray((2 * gamma(k) + 10 * U) * np.abs(np.asarray(result)) + 4 * ETA, dtype=np.float64)


def _lipschitz_sigmoid(z: NDArray[np.float64], e: NDArray[np.float64]) -> NDArray[np.float64]:
    """Return a bound on σ' over [z − e, z + e]: min(1/4, σ'(z)·exp(e)).

    σ' = σ(x)·σ(−x) and (log σ')' = σ(−x) − σ(x) lies in (−1, 1), so σ' changes
    by at most a factor eᵉ over a distance e.
    """
    s = _sigmoid(z)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(np.minimum(0.25, s * (1 - s) * np.exp(e)), dtype=np.float64)


def _layer_error(
    x: NDArray[np.float64], ex: NDArray[np.float64] | float, w: NDArray[np.float64], b: NDArray[np.float64]
) -> NDArray[np.float64]:
    """One side's error on z = x·w + b when x itself is off by at most ex.

    The propagated part |ex|·|w|, plus the rounding of n products summed in
    any order and the bias added after: γₙ₊₁·((|x| + ex)·|w| + |b|) + (n + 1)η.
    """
    n = w.shape[-2]
    with np.errstate(over="ignore", invalid="ignore"):
        mag = np.abs(x) + ex
        return np.asarray(
            np.abs(ex * np.ones_like(x)) @ np.abs(w)
            + gamma(n + 1) * (mag @ np.abs(w) + np.abs(b))
            + (n + 1) * ETA,
            dtype=np.float64,
        )


def _row(b: ArrayLike) -> NDArray[np.float64]:
    """A bias of shape (h,) or (1, h) as a row (1, h); stacked ones (..., 1, h) stay."""
    a = np.asarray(b, dtype=np.float64)
    return a.reshape(1, -1) if a.ndim <= 2 else a


def forward_pass_errors(
    X: ArrayLike, W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """One side's bounds on the errors of ``forward_pass``: (a1, a2, z1, z2).

    Layer by layer, to first order in u: z = x·w + b errs by the rounding of
    its sum (``_layer_error``) plus the error its input x carries through
    |w|; a = σ(z) errs by L·e_z + ``SIGMOID_REL``·|a|, L bounding σ' between
    the exact z and the computed one (``_lipschitz_sigmoid``).

    The weights and biases may be stacks (T × n × h, T × 1 × h, …) of several
    networks, for ``training_bound``.
    """
    x, w1, w2 = (np.asarray(v, dtype=np.float64) for v in (X, W1, W2))
    c1, c2 = _row(b1), _row(b2)
    with np.errstate(all="ignore"):
        z1 = x @ w1 + c1
        a1 = _sigmoid(z1)
        e_z1 = _layer_error(x, 0.0, w1, c1)
        e_a1 = _lipschitz_sigmoid(z1, 2 * e_z1) * e_z1 + SIGMOID_REL * a1
        z2 = a1 @ w2 + c2
        a2 = _sigmoid(z2)
        e_z2 = _layer_error(a1, 2 * e_a1, w2, c2)
        e_a2 = _lipschitz_sigmoid(z2, 2 * e_z2) * e_z2 + SIGMOID_REL * a2
    return e_a1, e_a2, e_z1, e_z2


def forward_pass_bound(
    X: ArrayLike, W1: ArrayLike, b1: ArrayLike, W2: ArrayLike, b2: ArrayLike
) -> tuple[NDArray[np.float64], ...]:
    """Bound for ``forward_pass``: twice each side's error (``forward_pass_errors``)."""
    return tuple(2.0 * e for e in forward_pass_errors(X, W1, b1, W2, b2))


def backward_pass_errors(
    X: ArrayLike,
    y: ArrayLike,
    a1: ArrayLike,
    a2: ArrayLike,
    z1: ArrayLike,
    W2: ArrayLike,
    e_a1: ArrayLike = 0.0,
    e_a2: ArrayLike = 0.0,
    e_z1: ArrayLike = 0.0,
) -> tuple[NDArray[np.float64], ...]:
    """One side's bounds on the errors of ``backward_pass``: (dW1, db1, dW2, db2).

    a1, a2 and z1 may themselves be off by up to e_a1, e_a2 and e_z1 (when
    they come from a forward pass); by default they are exact. With
    c = 1/m (the same rounded number on both sides), to first order in u:

    - dz2 = a2 − y errs by e_dz2 = e_a2 + u·|dz2|;
    - dW2 = c·a1ᵀ·dz2 carries c·(e_a1ᵀ·|dz2| + |a1|ᵀ·e_dz2) and rounds its m
      products, their sum and the scaling: γₘ₊₁·c·(|a1|ᵀ|dz2|) + (m + 1)η;
      db2 = c·Σ dz2 likewise with |dz2| alone;
    - da1 = dz2·W2ᵀ errs by e_da1 = e_dz2·|W2|ᵀ + γₖ·|dz2||W2|ᵀ + kη; σ'(z1)
      by e_f = ``sigmoid_derivative_error`` + 0.1·e_z1 (|σ''| ≤ 1/(6√3) <
      0.1); their product dz1 by e_da1·(|f| + e_f) + |da1|·e_f + u·|da1·f| + η;
    - dW1 = c·Xᵀ·dz1 and db1 = c·Σ dz1 carry c·|X|ᵀ·e_dz1 (and c·Σ e_dz1)
      and add their own γₘ₊₁ rounding, with |dz1| + e_dz1 for the magnitudes.

    |dz2|·|W2|ᵀ stands for |da1| (an upper bound), and so on down. Stacks of
    several networks (leading dimensions) are bounded at once.
    """
    x, t, h1, h2, p1, w2 = (np.asarray(v, dtype=np.float64) for v in (X, y, a1, a2, z1, W2))
    m, k = x.shape[-2], w2.shape[-1]
    if m == 0:
        return ()
    c = 1 / m
    g = gamma(m + 1)
    with np.errstate(all="ignore"):
        dz2 = np.abs(h2 - t)
        e_dz2 = np.asarray(e_a2) + U * dz2
        e_h1 = np.broadcast_to(np.asarray(e_a1, dtype=np.float64), h1.shape)
        h1t, xt, w2t = _t(np.abs(h1)), _t(np.abs(x)), _t(np.abs(w2))
        e_dW2 = c * (_t(e_h1) @ dz2 + h1t @ e_dz2) + g * c * (h1t @ dz2) + (m + 1) * ETA
        e_db2 = c * np.sum(e_dz2, axis=-2, keepdims=True) + g * c * np.sum(dz2, axis=-2, keepdims=True)
        e_db2 = e_db2 + (m + 1) * ETA
        da1 = dz2 @ w2t
        e_da1 = e_dz2 @ w2t + gamma(k) * da1 + k * ETA
        s = _sigmoid(p1)
        f = s * (1 - s)
        e_f = sigmoid_derivative_error(p1) + 0.1 * np.asarray(e_z1)
        e_dz1 = e_da1 * (f + e_f) + da1 * e_f + U * da1 * f + ETA
        dz1 = da1 * f + e_dz1
        e_dW1 = c * (xt @ e_dz1) + g * c * (xt @ dz1) + (m + 1) * ETA
        e_db1 = c * np.sum(e_dz1, axis=-2, keepdims=True) + g * c * np.sum(dz1, axis=-2, keepdims=True)
        e_db1 = e_db1 + (m + 1) * ETA
    return e_dW1, e_db1, e_dW2, e_db2


def _t(a: NDArray[np.float64]) -> NDArray[np.float64]:
    """The transpose of a matrix, or of each matrix of a stack."""
    return np.swapaxes(a, -1, -2)


def backward_pass_bound(
    X: ArrayLike, y: ArrayLike, a1: ArrayLike, a2: ArrayLike, z1: ArrayLike, W2: ArrayLike
) -> tuple[NDArray[np.float64], ...]:
    """Bound for ``backward_pass``: twice each side's error (``backward_pass_errors``).

    The inputs are shared, so the two sides differ only by their own
    rounding: the sums of products in dW1, dW2, db1, db2 and da1, and σ'.
    """
    return tuple(2.0 * e for e in backward_pass_errors(X, y, a1, a2, z1, W2))
