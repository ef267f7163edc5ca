"""Statistics: means, variances, covariances, z-scores, expectations and the normal distribution."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import ERFC_ULPS, ETA, EXP_ULPS, U, gamma
from .info import info_normalised
from .vectors import dot_bound

# Summation orders. numpy adds a contiguous run (a vector, the whole of a
# C-ordered array, a row) pairwise: blocks of up to 128 values in eight
# partial sums, longer runs split in halves. Down the columns of a C-ordered
# matrix (axis 0) it accumulates row by row, one running sum per column: plain
# recursive summation. np.cov forms the products of the centred data with
# BLAS (blocked, SIMD, possibly fused multiply-adds). The Go package adds
# contiguous runs pairwise in the same shape, accumulates columns row by row,
# and forms covariances as dot products of centred columns in four partial
# sums. None of these is compensated. Every bound below uses the error of
# recursive summation, |ŝ − s| ≤ γₙ₋₁·Σ|xᵢ| (Higham §4.2), which holds for
# every order of the additions, so it covers both sides whatever each does.


def _axis_sum(x: NDArray[np.float64], axis: int | None) -> NDArray[np.float64]:
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(np.sum(x, axis=axis), dtype=np.float64)


def _count(x: NDArray[np.float64], axis: int | None) -> int:
    return x.size if axis is None else x.shape[axis]


def mean_error(x: ArrayLike, axis: int | None = None) -> NDArray[np.float64]:
    """Per-side error of a computed mean: ``δ = γₙ·Σ|xᵢ|/n + η``.

    The sum errs by γₙ₋₁·Σ|xᵢ| (any order), the division by n adds u of the
    result (γₙ₋₁ + u(1 + γₙ₋₁) ≤ γₙ, Higham Lemma 3.3), and a quotient that
    underflows errs by at most η/2 more.
    """
    a = np.asarray(x, dtype=np.float64)
    n = max(_count(a, axis), 1)
    return gamma(n) * _axis_sum(np.abs(a), axis) / n + ETA


def mean_bound(x: ArrayLike, axis: int | None = None) -> NDArray[np.float64]:
    """Bound for ``mean``: twice the per-side error, ``2·γₙ·Σ|xᵢ|/n + 2η``."""
    return 2.0 * mean_error(x, axis)


def _centred(
    a: NDArray[np.float64], axis: int | None
) -> tuple[NDArray[np.float64], NDArray[np.float64], int]:
    """Return (Σ(xᵢ − x̄)² as computed from numpy's mean, the mean error δ, n)."""
    if a.size == 0:  # no values: the results are empty or 0 sums
        z = np.zeros(() if axis is None else a.shape[1 - axis])
        return z, z + ETA, 0
    with np.errstate(over="ignore", invalid="ignore"):
        d = a - np.mean(a, axis=axis, keepdims=axis is not None)
        return _axis_sum(d * d, axis), mean_error(a, axis), _count(a, axis)


def variance_bound(x: ArrayLike, ddof: int = 0, axis: int | None = None) -> NDArray[np.float64]:
    """Bound for ``variance`` by the two-pass algorithm (Chan, Golub & LeVeque).

    Let S = Σ(xᵢ − x̄)² and let one side compute the mean m̂ = x̄ + e with
    |e| ≤ δ (``mean_error``). Exactly, Σ(xᵢ − m̂)² = S + n·e², since the
    deviations from x̄ sum to zero. Each side rounds every deviation (u),
    its square (u) and the n − 1 additions of the squares (any order):
    Ŝ = Σ(xᵢ − m̂)²(1 + θᵢ), |θᵢ| ≤ γₙ₊₂. So

        |Ŝ − S| ≤ n·δ² + γₙ₊₂·(S + n·δ²).

    With δ ≤ γₙ·Σ|xᵢ|/n and (Σ|xᵢ|)² ≤ n·Σxᵢ², the first term is at most
    γₙ²·κ²·S, κ² = Σxᵢ²/S the condition number of the data: the n·u + n²u²κ²
    of Chan, Golub & LeVeque (1983) and Higham §1.9. Dividing by n − ddof
    adds u; squares and the quotient may underflow, η/2 each. Per side:

        E = (γₙ₊₃·(S + n·δ²) + n·δ²) / (n − ddof) + (n + 1)·η,

    and the bound on |ref − go| is 2E. S is taken as computed from numpy's
    own mean: Σ(xᵢ − c)² ≥ S for every c, and its rounding changes E only in
    the second order.
    """
    a = np.asarray(x, dtype=np.float64)
    S, delta, n = _centred(a, axis)
    n = max(n, 1)
    with np.errstate(over="ignore", invalid="ignore"):
        nd2 = n * delta * delta
        E = (gamma(n + 3) * (S + nd2) + nd2) / max(n - ddof, 1) + (n + 1) * ETA
        return 2.0 * E


def sqrt_bound(root: ArrayLike, diff: ArrayLike) -> NDArray[np.float64]:
    """Bound on |√a − √b| (each rounded) given |a − b| ≤ diff and fl(√a) = root.

    |√a − √b| = |a − b| / (√a + √b) ≤ diff / √a, and also ≤ √diff; √a is
    within u of root. Each square root then rounds once more: + u·(√a + √b).
    """
    r = np.abs(np.asarray(root, dtype=np.float64))
    d = np.asarray(diff, dtype=np.float64)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        exact = np.minimum(np.sqrt(d), np.where(r > 0, d * (1 + 2 * U) / r, np.inf))
        return exact + U * (2 * r * (1 + U) + exact) + ETA


def std_bound(x: ArrayLike, ddof: int, axis: int | None, result: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``std``: ``sqrt_bound`` of the variance bound."""
    return sqrt_bound(result, variance_bound(x, ddof, axis))


def covariance_bound(X: ArrayLike, ddof: int = 1) -> NDArray[np.float64]:
    """Bound for ``covariance``, entry by entry.

    Column j has mean error δⱼ (``mean_error``) and S_jj = Σᵢ(x_ij − x̄ⱼ)².
    With aᵢ = x_ij − x̄ⱼ and bᵢ = x_ik − x̄ₖ (each summing to zero) and the
    side's errors eⱼ, eₖ, exactly Σ(aᵢ − eⱼ)(bᵢ − eₖ) = Σaᵢbᵢ + n·eⱼeₖ.
    Rounding the two deviations, their product and the n − 1 additions
    perturbs each term by γₙ₊₃ at most, and Σ|aᵢ − eⱼ||bᵢ − eₖ| ≤
    √((S_jj + nδⱼ²)(S_kk + nδₖ²)) (Cauchy–Schwarz). numpy scales by the
    reciprocal of n − ddof (two roundings), Go divides (one). Per side:

        E_jk = (γₙ₊₆·√((S_jj + nδⱼ²)(S_kk + nδₖ²)) + n·δⱼδₖ) / (n − ddof) + (n + 2)·η,

    and the bound is 2E. On the diagonal it is the variance bound.
    """
    a = np.asarray(X, dtype=np.float64)
    _, delta, n = _centred(a, 0)
    n = max(n, 1)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        # √(S_jj + nδⱼ²) as a scaled norm: S_kk may underflow while the
        # products aᵢbᵢ of an off-diagonal entry do not.
        d = np.vstack([a - np.mean(a, axis=0), math.sqrt(n) * delta[None, :]]) if a.size else a
        m = np.max(np.abs(d), axis=0, initial=0.0) if a.size else np.zeros(a.shape[1])
        safe = np.where(m > 0, m, 1.0)
        r = m * np.sqrt(np.sum((d / safe) ** 2, axis=0)) if a.size else m
        E = (gamma(n + 6) * np.outer(r, r) + n * np.outer(delta, delta)) / max(n - ddof, 1) + (n + 2) * ETA
        return 2.0 * E


def zscore_bound(X: ArrayLike, result: Any) -> tuple[NDArray[np.float64], ...]:
    """Bounds for ``zscore``'s three parts (Xn, mean, std).

    A column of zero spread is exact on both sides (its own value, 1, 0).
    Elsewhere mean and std follow ``mean_bound`` and ``std_bound`` (ddof 0),
    Δm and Δσ. For t = fl(fl(x − m̂)/σ̂), the unrounded τ = (x − m̂)/σ̂ of the
    two sides differ by |Δτ| ≤ (Δm + |τ|·Δσ)/σ̂ with τ of the other side;
    solving for it, |Δτ| ≤ (Δm + |τ_ref|·Δσ)/(σ_ref − Δσ). Each side's two
    roundings add γ₂·|τ|, and |τ| ≤ |t_ref|/(1 − γ₂): the bound is
    |Δτ|·(1 + γ₂) + 2γ₂·|t_ref|/(1 − γ₂). Where σ_ref ≤ Δσ the scale itself
    is lost in rounding: no bound (inf, not judged).
    """
    a = np.asarray(X, dtype=np.float64)
    xn, _, s = (np.asarray(r, dtype=np.float64) for r in result)
    with np.errstate(all="ignore"):
        constant = np.ptp(a, axis=0) == 0 if a.shape[0] else np.zeros(a.shape[1], bool)
        dm = np.where(constant, 0.0, mean_bound(a, 0))
        ds = np.where(constant, 0.0, std_bound(a, 0, 0, s))
        t = np.abs(xn)
        g2 = gamma(2)
        dtau = np.where(s > ds, (dm + t * ds) / (s - ds), np.inf)
        dx = dtau * (1 + g2) + 2 * g2 * t / (1 - g2)
        dx = np.where(constant, 0.0, dx)
    return dx, dm, ds


def expectation_bound(values: ArrayLike, probs: ArrayLike) -> float:
    """Bound for ``expectation``: ``2·γₙ·Σ|vᵢp̂ᵢ| + 2nη``.

    Both sides normalise ``probs`` with the same correctly rounded
    operations (``info_normalised``), so they share p̂ to the bit; what
    differs is the order of the dot product's additions (``dot_bound``).
    """
    p = info_normalised(probs)
    return dot_bound(values, p)


def normal_pdf_bound(x: ArrayLike, mu: float, sigma: float, result: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``normal_pdf``, entry by entry.

    Both sides form z = (x − μ)/σ, the argument −z²/2 and the divisor
    d = σ·√(2π) with the same correctly rounded operations, so only exp
    differs: by ``EXP_ULPS`` ulps of e = exp(−z²/2), at most 2u·e·EXP_ULPS
    (or EXP_ULPS·η where e is subnormal). Dividing by d scales that by 1/d
    and rounds once on each side (u·|r| each, η/2 if the quotient is
    subnormal): ``(2·EXP_ULPS + 2.01)·u·|r| + (EXP_ULPS·η)/d + η``.
    """
    r = np.abs(np.asarray(result, dtype=np.float64))
    d = float(sigma) * 2.5066282746310002
    return (2 * EXP_ULPS + 2.01) * U * r + EXP_ULPS * ETA / d + ETA


def normal_cdf_bound(result: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``normal_cdf``, entry by entry.

    Both sides form the same argument −z/√2; their erfc values E differ by
    ``ERFC_ULPS`` ulps, at most 2u·E·ERFC_ULPS = 4u·|r|·ERFC_ULPS (r = E/2),
    or ERFC_ULPS·η where E is subnormal. Halving is exact unless the result
    is subnormal (η/2 each side).
    """
    r = np.abs(np.asarray(result, dtype=np.float64))
    return 4 * ERFC_ULPS * U * r * (1 + 2 * U) + (ERFC_ULPS + 1) * ETA


def quantile_bound(q: float, z: float) -> float:
    """Bound on |z_ref − z_go| for the normal quantile of the upper tail q.

    Both sides start from the same Acklam approximation z₀ (relative error
    below 1.15e−9: the same arithmetic, and the one log they call is within
    an ulp on each side, which moves z₀ by far less than that) and take one
    Halley step on Q(z) − q, Q(z) = erfc(z/√2)/2. The step converges
    cubically, leaving (1e−9)³-sized truncation error; what remains is the
    error of the evaluated residual Q(z₀) − q: erfc's ulps (glibc ≤ 5, Go ≤
    7: ``ERFC_ULPS``), i.e. |ΔQ| ≤ 2u·Q·ERFC_ULPS with Q ≈ q, which moves the
    root by ΔQ/φ(z) (the subtraction is exact by Sterbenz's lemma). The
    correction itself, about 1e−9·z, is formed with relative error γ₅ and
    added with one rounding (u·|z| each side). Hence

        |Δz| ≤ 2u·ERFC_ULPS·q/φ(z)·(1 + 1e−8) + 2.01u·|z|.
    """
    phi = math.exp(-0.5 * z * z) / 2.5066282746310002
    return 2 * U * ERFC_ULPS * q / phi * (1 + 1e-8) + 2.01 * U * abs(z)


def confidence_interval_bound(x: ArrayLike, level: float, result: Any) -> tuple[float, float]:
    """Bound for ``confidence_interval``'s two ends.

    Each end is fl(m̂ ∓ ĥ) with ĥ = fl(fl(ẑ·ŝ)/√n) (√n correctly rounded on
    both sides). Δm = ``mean_bound``, Δs = ``std_bound`` (ddof 1), Δz =
    ``quantile_bound``. Then |Δ(z·s)| ≤ |z|·Δs + (s + Δs)·Δz, divided by √n,
    plus the two roundings of ĥ on each side (γ₂·|h|) and the final one
    (u·|end|): ``Δm + |Δ(zs)|/√n·(1 + γ₂) + 2γ₂·|h| + 2u·|end|``.
    """
    from ..ref.stats import _normal_quantile

    a = np.asarray(x, dtype=np.float64)
    n = a.size
    q = (1 - float(level)) / 2
    z = _normal_quantile(q)
    with np.errstate(all="ignore"):
        s = float(np.std(a, ddof=1))
        dm = float(mean_bound(a))
        ds = float(std_bound(a, 1, None, s))
    dz = quantile_bound(q, z)
    h = z * s / math.sqrt(n)
    g2 = gamma(2)
    dh = (abs(z) * ds + (s + ds) * dz) / math.sqrt(n) * (1 + g2) + 2 * g2 * abs(h)
    return tuple(dm + dh + 2 * U * abs(float(e)) for e in result)  # type: ignore[return-value]
