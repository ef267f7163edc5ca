"""Information theory: entropy, cross-entropy, KL divergence, mutual information."""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import ETA, LOG_ULPS, U, gamma

# Both sides normalise a distribution with the same correctly rounded steps
# (divide by the largest entry, then by math.fsum of the result; Go: fsum),
# so they hold the same p̂ to the bit, and the same marginals for
# mutual_information. Each result is then L·Σᵢ tᵢ with tᵢ = p̂ᵢ·ln(aᵢ), the
# argument aᵢ formed identically on both sides (p̂ᵢ, q̂ᵢ, p̂ᵢ/q̂ᵢ or the ratio
# to the marginals) and 1/L = ln(base). What differs: each log (``LOG_ULPS``
# between them, 2u relative per side), the order of the sum, and ln(base).


def info_normalised(p: ArrayLike) -> NDArray[np.float64]:
    """Return p normalised as both backends normalise it (max, then fsum)."""
    a = np.asarray(p, dtype=np.float64)
    a = a / a.max()
    return np.asarray(a / math.fsum(a.flat), dtype=np.float64)


def log_sum_bound(T: float, n: int, lnb: float) -> float:
    """Bound on the difference of two evaluations of (Σᵢ p̂ᵢ·ln aᵢ)/ln b.

    With the arguments aᵢ shared, the two sides' logarithms differ by
    ``LOG_ULPS`` ulps, at most 2u·LOG_ULPS·|ln aᵢ|; each product rounds (u
    per side, η/2 if it underflows); each side's n − 1 additions err by
    γₙ₋₁·Σ|t̂ᵢ|. With T = Σ|tᵢ| the two sums differ by at most
    (2γₙ₋₁ + (2·LOG_ULPS + 2)·u)·T + nη. The two values of ln b differ by
    2u·LOG_ULPS relative and each quotient rounds (u): with |result| ≤
    T/|ln b|, the bound is

        ((2γₙ₋₁ + (4·LOG_ULPS + 4)·u)·T + nη)·(1 + 8u)/|ln b|.
    """
    return ((2 * gamma(max(n - 1, 1)) + (4 * LOG_ULPS + 4) * U) * T + n * ETA) * (1 + 8 * U) / abs(lnb)


def _terms(p: NDArray[np.float64], logs: NDArray[np.float64]) -> float:
    with np.errstate(invalid="ignore", over="ignore"):
        return float(np.sum(np.abs(p * logs)))


def entropy_bound(p: ArrayLike, base: float) -> float:
    """Bound for ``entropy``: ``log_sum_bound`` with tᵢ = p̂ᵢ·ln p̂ᵢ."""
    pn = info_normalised(p)
    nz = pn[pn > 0]
    return log_sum_bound(_terms(nz, np.log(nz)), nz.size, math.log(base))


def cross_entropy_bound(p: ArrayLike, q: ArrayLike, base: float) -> float:
    """Bound for ``cross_entropy``: tᵢ = p̂ᵢ·ln q̂ᵢ (inf, when it is, on both sides)."""
    pn, qn = info_normalised(p), info_normalised(q)
    m = pn > 0
    with np.errstate(divide="ignore"):
        return log_sum_bound(_terms(pn[m], np.log(qn[m])), int(m.sum()), math.log(base))


def kl_divergence_bound(p: ArrayLike, q: ArrayLike, base: float) -> float:
    """Bound for ``kl_divergence``: tᵢ = p̂ᵢ·ln(p̂ᵢ/q̂ᵢ), the quotient shared.

    n counts every term twice, for the terms that take the two-log path.
    """
    pn, qn = info_normalised(p), info_normalised(q)
    m = pn > 0
    a, b = pn[m], qn[m]
    with np.errstate(divide="ignore", over="ignore"):
        r = a / b
        # Where a/b overflows (subnormal b) both sides take ln a − ln b: two
        # logs and a subtraction, counted as in mutual_information_bound.
        mags = np.where(np.isinf(r) & (b > 0), np.abs(np.log(a)) + np.abs(np.log(b)), np.abs(np.log(r)))
    return log_sum_bound(_terms(a, mags) * (1 + 4 * U), 2 * int(m.sum()), math.log(base))


def mutual_information_bound(joint: ArrayLike, base: float) -> float:
    """Bound for ``mutual_information``: tᵢⱼ = P̂ᵢⱼ·ln rᵢⱼ, rᵢⱼ = (P̂ᵢⱼ/P̂ᵢ)/P̂ⱼ.

    The marginals are correctly rounded sums on both sides, so rᵢⱼ is
    shared. Where rᵢⱼ overflows (a subnormal marginal) both sides take
    ln(P̂ᵢⱼ/P̂ᵢ) − ln P̂ⱼ instead: two logs and a subtraction, counted as two
    terms of magnitude P̂ᵢⱼ·(|ln(P̂ᵢⱼ/P̂ᵢ)| + |ln P̂ⱼ|), so n counts every
    cell twice (the subtraction is one more addition).
    """
    from ..ref.info import mutual_information_terms

    pij, t, pyj, r = mutual_information_terms(info_normalised(joint))
    mags = np.where(np.isinf(r), np.abs(np.log(t)) + np.abs(np.log(pyj)), np.abs(np.log(r)))
    return log_sum_bound(float(np.sum(pij * mags)) * (1 + 4 * U), 2 * pij.size, math.log(base))
