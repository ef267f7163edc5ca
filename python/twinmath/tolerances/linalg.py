"""LU-based linear algebra: det, inv, solve and the residual of a solution."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from . import EPS, ETA, GROWTH, U, alike, gamma, norm2, singular_values


def lu_error(n: int) -> float:
    """Return c with ‖ΔA‖₂ ≤ c·‖A‖₂ for the backward error of LU (Higham §9.3).

    The computed factors satisfy L̂Û = PA + ΔA with |ΔA| ≤ γₙ|L̂||Û|, and
    ‖|L̂||Û|‖₂ ≤ n·ρ·‖A‖₂ for growth factor ρ (``GROWTH``).
    """
    return gamma(n) * n * GROWTH


def det_bound(A: ArrayLike) -> float:
    """Bound for ``det``: ``2·(Π(σᵢ + e) − Πσᵢ + (n·L + n + 1)·ε·|det A|)``.

    Each side returns the exact determinant of A + ΔA, ‖ΔA‖₂ ≤ e = c·σ₁
    (c = ``lu_error(n)``), up to how it multiplies the pivots. For any E,
    |det(A + E) − det(A)| ≤ Π(σᵢ + ‖E‖₂) − Πσᵢ (Ipsen & Rehman, SIAM J. Matrix Anal. Appl. 30(2), 2008:
    the sum over k ≥ 1 of the elementary symmetric functions of the singular
    values times ‖E‖ᵏ). Its first-order term is the adjugate's; the higher
    ones matter for matrices of rank n − 2 or less, whose adjugate is 0.

    The Go side multiplies the n pivots (γₙ relative); numpy computes
    sign·exp(Σ ln|uᵢᵢ|), whose relative error is about ε·Σ|ln|uᵢᵢ|| + n·ε:
    every |uᵢᵢ| lies between |det|/(ρσ₁)ⁿ⁻¹ and ρσ₁, so each |ln|uᵢᵢ|| is
    at most L, the larger magnitude of those two logarithms.
    """
    a = np.asarray(A, dtype=np.float64)
    n = a.shape[0]
    if n == 0:
        return 0.0  # the empty product: 1.0 on both sides, exactly
    s = singular_values(a)
    e = lu_error(n) * float(s[0])
    with np.errstate(over="ignore", under="ignore", divide="ignore", invalid="ignore"):
        d = float(abs(np.prod(s)))
        if s[-1] > e:
            # Π(σ + e) − Πσ without cancellation: Πσ·(exp(Σ log(1 + e/σ)) − 1).
            perturbation = d * math.expm1(float(np.sum(np.log1p(e / s))))
        else:
            # Some σ ≤ e: Π(σ + e) dominates Πσ, so the difference is safe.
            perturbation = float(np.prod(s + e)) - d
        log_top = math.log(GROWTH * float(s[0])) if s[0] > 0 else 0.0
        log_det = float(np.sum(np.log(s)))
        L = max(abs(log_top), abs(log_det - (n - 1) * log_top)) if d > 0 else 0.0
        return float(2.0 * (perturbation + (n * L + n + 1) * EPS * d))


def condition(A: ArrayLike) -> float:
    """Return κ₂(A) = σ₁/σₙ (inf for a singular A)."""
    s = singular_values(A)
    return float(s[0] / s[-1]) if s[-1] > 0 else math.inf


def singular_within_rounding(A: ArrayLike) -> bool:
    """Whether ``inv``/``solve`` may find A singular on one side only.

    LU with partial pivoting factors PA + ΔA exactly, ‖ΔA‖₂ ≤ c·‖A‖₂
    (c = ``lu_error(n)``); a zero pivot means that A + ΔA is singular, which a
    backward-stable side may meet only if σₙ(A) ≤ c·‖A‖₂. The singular values
    here carry their own error ε·σ₁ (``singular_values`` scales A by max|A|, so
    nothing under- or overflows beyond that), hence σₙ ≤ (c + n·ε)·σ₁.
    """
    a = np.asarray(A, dtype=np.float64)
    n = a.shape[0]
    if a.ndim != 2 or n == 0 or a.shape[1] != n or not np.all(np.isfinite(a)):
        return False
    s = singular_values(a)
    return bool(s[-1] <= (lu_error(n) + n * EPS) * s[0])


def solve_bound(A: ArrayLike, X: ArrayLike) -> float:
    """Bound on ‖X_ref − X_go‖₂ for ``solve`` and ``inv`` (X = A⁻¹B).

    A backward error ‖ΔA‖ ≤ c·‖A‖ (``lu_error``, plus γₙ·‖A‖ for the
    triangular solves, Higham §8.1) moves the solution by at most
    κ·(c + γₙ)/(1 − κ·(c + γₙ))·‖X‖ (Higham §7.1); twice that between the
    two sides. Meaningful only while κ·(c + γₙ) < 1/2; beyond, inf.
    """
    a = np.asarray(A, dtype=np.float64)
    n = a.shape[0]
    if n == 0:
        return 0.0  # an empty solution: nothing to differ
    e = condition(a) * (lu_error(n) + gamma(n))
    if not e < 0.5:
        return math.inf
    return 2.0 * e / (1.0 - e) * norm2(X)


def residual_ratio(A: ArrayLike, X: ArrayLike, B: ArrayLike) -> float:
    """Return the normwise backward error of X as a solution of AX = B, in units of n·ε.

    ``‖AX − B‖ / (n·ε·(‖A‖·‖X‖ + ‖B‖) + 2n·η·‖A‖)`` in 1-norms (Rigal &
    Gaches; Higham Thm 7.1): the smallest relative change of A and B that
    makes X exact. LAPACK's test ratio omits ‖B‖, which breaks down when X
    is 0. The η term allows for entries of X that underflow (the solution of
    1e150·x = 1e-300 is not representable). A backward-stable solver keeps
    the ratio below ``RESIDUAL_THRESHOLD``.
    """
    a = np.asarray(A, dtype=np.float64)
    x = np.asarray(X, dtype=np.float64).reshape(a.shape[0], -1)
    b = np.asarray(B, dtype=np.float64).reshape(a.shape[0], -1)
    na = np.linalg.norm(a, 1)
    den = a.shape[0] * (EPS * (na * np.linalg.norm(x, 1) + np.linalg.norm(b, 1)) + 2 * ETA * na)
    num = np.linalg.norm(a @ x - b, 1)
    return float(num / den) if den > 0 else (0.0 if num == 0 else math.inf)


def solve_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Return ‖X_ref − X_go‖₂ / ``solve_bound``, with ``ratio``'s rules for specials (inv and solve)."""
    if alike(ref, go):
        return 0.0
    b = solve_bound(A, ref)
    if not math.isfinite(b):
        return 0.0  # no rounding bound exists (κ too large, or X overflowed): not judged
    diff = norm2(np.asarray(ref, dtype=np.float64) - np.asarray(go, dtype=np.float64))
    if diff == 0:
        return 0.0  # equal values (+0 and -0 differ only in sign)
    return diff / b if b > 0 and not math.isnan(diff) else math.inf


def _log_pivot_limit(s: np.ndarray, n: int) -> float:
    """Return L, the largest |ln|uᵢᵢ|| a pivot of LU can have (as in ``det_bound``)."""
    log_top = math.log(GROWTH * float(s[0]))
    log_det = float(np.sum(np.log(s)))
    return max(abs(log_top), abs(log_det - (n - 1) * log_top))


def slogdet_bound(A: ArrayLike) -> tuple[float, float]:
    """Bounds for ``slogdet``'s (sign, logabsdet).

    Each side returns the sign and log|det| of A + ΔA, ‖ΔA‖₂ ≤ e = c·σ₁
    (c = ``lu_error(n)``), as for ``det``. By Weyl the singular values of
    A + ΔA lie within e of the σᵢ, so while σₙ > e the sign cannot change
    and |ln|det(A + ΔA)| − ln|det A|| ≤ −Σ ln(1 − e/σᵢ). Rounding adds, on
    the numpy side (Σ ln|uᵢᵢ|), ε per logarithm of size at most L
    (``det_bound``'s L) and γₙ·n·L for the sum; the Go side (one logarithm of
    the product of the pivots, kept with a binary exponent) γₙ relative in
    the product, i.e. (n + 1)·ε absolute in the logarithm. Twice the larger
    side between the two. Where σₙ ≤ e neither part is judged (inf).
    """
    a = np.asarray(A, dtype=np.float64)
    n = a.shape[0]
    if n == 0:
        return 0.0, 0.0
    s = singular_values(a)
    e = lu_error(n) * float(s[0])
    if not s[-1] > e:
        return math.inf, math.inf
    L = _log_pivot_limit(s, n)
    perturbation = -float(np.sum(np.log1p(-e / s)))
    rounding = (n * L + n + 1) * EPS + gamma(n) * n * L
    return 0.0, 2.0 * (perturbation + rounding)


def _norm_by_order(x: np.ndarray, p: float | str) -> float:
    return float(np.linalg.norm(x, p))  # type: ignore[arg-type]


def cond_bound(A: ArrayLike, p: float | str | None, result: float) -> float:
    """Bound for ``cond(A, p)``.

    p = 2, −2 (or None): κ = σ₁/σₙ from each side's singular values, each
    within e of the exact ones (``svd_error``, Weyl), so κ̂ lies in
    [(σ₁ − e)/(σₙ + e), (σ₁ + e)/(σₙ − e)], and 1/κ̂ likewise; the division
    rounds once more. Twice the wider side, judged only while σₙ > 2e.

    Other p: ‖A‖ₚ·‖A⁻¹‖ₚ. The inverses of the two sides differ by at most
    d = ``solve_bound(A, A⁻¹)`` in the 2-norm, hence by at most n·d in any
    of these norms (‖M‖₁, ‖M‖∞, ‖M‖_F ≤ √n‖M‖₂, ‖M‖_* ≤ n‖M‖₂; the smallest
    column or row sums move by at most ‖ΔM‖₁ or ‖ΔM‖∞). Each norm rounds: a
    sum of n² magnitudes (γ_{n²} relative, also for the Frobenius norm's
    sum of squares), or for the nuclear norm n singular values within
    ``svd_error`` each. The product rounds once.
    """
    from .decomp import svd_error  # decomp's bounds stand on this module's

    a = np.asarray(A, dtype=np.float64)
    n = min(a.shape)
    if not math.isfinite(result):
        return math.inf
    if p is None or p in (2, -2):
        s = singular_values(a)
        e = svd_error(a)
        if not s[-1] > 2 * e:
            return math.inf
        if p == -2:
            wide = max((s[-1] + e) / (s[0] - e) - s[-1] / s[0], s[-1] / s[0] - (s[-1] - e) / (s[0] + e))
        else:
            wide = (s[0] + e) / (s[-1] - e) - s[0] / s[-1]
        return 2.0 * (float(wide) + 2 * U * abs(result))
    x = np.linalg.inv(a)
    d = solve_bound(a, x)
    if not math.isfinite(d):
        return math.inf
    na, nx = _norm_by_order(a, p), _norm_by_order(x, p)
    if p == "nuc":
        da, dx = 2 * n * svd_error(a), 2 * n * svd_error(x)
    else:
        da, dx = 2 * gamma(n * n) * na, 2 * gamma(n * n) * nx
    dx += n * d
    return float(na * dx + nx * da + da * dx + 4 * U * abs(result))


def _abs_power(a: np.ndarray, k: int) -> np.ndarray:
    """Return |A|ᵏ, the product of magnitudes every power's rounding is measured against."""
    b = np.abs(a)
    with np.errstate(over="ignore", invalid="ignore"):
        return np.asarray(np.linalg.matrix_power(b, k), dtype=np.float64)


def matrix_power_bound(A: ArrayLike, k: int) -> np.ndarray:
    """Bound for ``matrix_power(A, k)``, entry by entry.

    k ≥ 0: any product of k factors, in any parenthesisation, differs from
    the exact one by at most ((1 + γₙ)^(k−1) − 1)·(|A|ᵏ)ᵢⱼ ≤
    γ_{(k−1)·n}·(|A|ᵏ)ᵢⱼ (Higham §3.5); twice that between the sides, plus
    n·η per product for underflow. k = 0 and 1 are exact (the identity, a
    copy).

    k < 0, m = |k|: the inverses X of the two sides differ by at most
    d = ``solve_bound(A, X)`` in the 2-norm; then ‖X̂ᵐ − X̃ᵐ‖₂ ≤
    m·(‖X‖₂ + d)^(m−1)·d (telescoping), and each side's products add
    γ_{(m−1)·n}·‖|X|ᵐ‖_F. Every entry is bounded by that norm.
    """
    a = np.asarray(A, dtype=np.float64)
    n, m = a.shape[0], abs(k)
    if n == 0 or k in (0, 1):
        return np.zeros(a.shape)
    if not -(2**63) <= k < 2**63:
        return _power_beyond_int64_bound(a, k)
    with np.errstate(over="ignore", invalid="ignore"):
        if k > 0:
            return np.asarray(2.0 * gamma((m - 1) * n) * _abs_power(a, m) + 2.0 * (m - 1) * n * ETA)
        x = np.linalg.inv(a)
        d = solve_bound(a, x)
        growth = np.float64(norm2(x) + d) ** (m - 1)  # inf, not OverflowError, beyond range
        b = float(m * growth * d + 2.0 * gamma(max(m - 1, 1) * n) * np.linalg.norm(_abs_power(x, m)))
    return np.full(a.shape, b)


def _pattern_power(mask: np.ndarray, m: int) -> np.ndarray:
    """Return where the m-th power of a matrix of non-zero pattern ``mask`` may be non-zero."""
    out = np.eye(mask.shape[0], dtype=bool)
    z = mask
    while m:
        if m & 1:
            out = (out.astype(np.int64) @ z.astype(np.int64)) > 0
        m >>= 1
        if m:
            z = (z.astype(np.int64) @ z.astype(np.int64)) > 0
    return out


def _power_beyond_int64_bound(a: np.ndarray, k: int) -> np.ndarray:
    """Bound for ``matrix_power(A, k)`` with |k| beyond int64, entry by entry.

    The front computes it from powers within int64 (``power_beyond_int64``:
    X₀ = A or A⁻¹, Xᵢ₊₁ = Xᵢ^(2⁶²), the digits' powers multiplied in), Q ≤
    251·L products for L base-2⁶² digits of |k| (each power of an exponent
    below 2⁶³ takes at most 2·63 products, and L − 1 join the digits).
    Higham's bound for m = |k| ≥ 2⁶³ factors, ((1 + γₙ)^(m−1) − 1)·|A|ᵐ,
    exceeds every magnitude, so two facts bound the difference instead:

    - an entry where the pattern of non-zeros of A (k > 0, A finite) gives
      no path of length m is exactly zero on both sides: every product of
      its sums has a zero factor, whatever the order or the rounding;
    - |fl(XY)| ≤ (1 + γₙ)|X||Y| entrywise, plus n·η/2 per entry from
      gradual underflow, so every computed product of m factors has
      ‖·‖∞ ≤ ρᵐ + Q·n²·η with ρ = (1 + γₙ)·(‖|X₀|‖∞ + n·d), d the
      ``solve_bound`` of the inverse (0 for k > 0). Each side lies within
      it, the difference within twice it: a contraction's power (ρ < 1)
      underflows to a bound of 2·Q·n²·η; for ρ ≥ 1 the bound is infinite
      except on the pattern's zeros (a permutation matrix's power is
      exact on both sides, and the tests check it exactly).
    """
    n, m = a.shape[0], abs(k)
    products = 251 * -(-m.bit_length() // 62)
    finite = bool(np.isfinite(a).all())
    d = 0.0
    x = a
    if k < 0:
        try:
            x = np.linalg.inv(a)
            d = solve_bound(a, x)
        except np.linalg.LinAlgError:
            return np.full(a.shape, math.inf)
    with np.errstate(over="ignore", invalid="ignore"):
        rho = np.float64((1.0 + gamma(n)) * (float(np.max(np.sum(np.abs(x), axis=1))) + n * d))
        growth = float(rho ** np.float64(m)) if finite and math.isfinite(d) else math.inf
    b = np.full(a.shape, 2.0 * (growth + products * n * n * ETA))
    if k > 0 and finite:
        b[~_pattern_power(a != 0, m)] = 0.0
    return b


def multi_dot_bound(arrays: list[Any]) -> np.ndarray:
    """Bound for ``multi_dot``, entry by entry.

    Whatever the order of the products, the computed chain differs from the
    exact one by at most ((1 + γ_{n₁})···(1 + γ_{n_{k−1}}) − 1)·(|A₁|···|Aₖ|)ᵢⱼ
    ≤ γ_{n₁+…+n_{k−1}}·(|A₁|···|Aₖ|)ᵢⱼ, nⱼ the inner dimensions (Higham
    §3.5); twice that between the sides, plus N·η per product for underflow.
    A vector at either end counts as a one-row or one-column matrix.
    """
    ms = [np.abs(np.asarray(m, dtype=np.float64)) for m in arrays]
    if ms[0].ndim == 1:
        ms[0] = ms[0][None, :]
    if ms[-1].ndim == 1:
        ms[-1] = ms[-1][:, None]
    inner = sum(m.shape[0] for m in ms[1:])
    with np.errstate(over="ignore", invalid="ignore"):
        p = ms[0]
        for m in ms[1:]:
            p = p @ m
        return np.asarray(2.0 * gamma(inner) * p + 2.0 * inner * ETA, dtype=np.float64)
