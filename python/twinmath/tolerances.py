"""What "the same result" means: every tolerance of the parity suite, with its bound.

This module is the one place where tolerances live. The pytest suite, the
``python -m twinmath parity`` report and the shared test vectors (which carry
the bound of each case to the Go tests) all take them from here.

Each function returns the largest difference between the two backends that
rounding alone can explain, from the standard error analysis of the operation
(Higham, *Accuracy and Stability of Numerical Algorithms*, 2nd ed., cited as
"Higham §n"). Notation: ``u = ε/2 = 2⁻⁵³`` is the unit roundoff, and
``γₙ = n·u / (1 − n·u)`` bounds the relative error of n roundings.

Two results computed with different summation orders each lie within the
bound of the exact value, so they lie within twice it of each other: the
bounds below are for the difference ``|ref − go|`` and carry that factor 2.
Underflow adds an absolute error of at most 2⁻¹⁰⁷⁵ per product (Higham
§2.1), counted separately as ``n·η`` terms with ``η = 2⁻¹⁰⁷⁴``.

Comparisons return a *ratio*: the observed difference divided by the bound.
A ratio ≤ 1 passes; 0 means bit-for-bit equal. The parity report prints the
worst ratio observed per operation.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

EPS = float(np.finfo(np.float64).eps)  # 2⁻⁵², the spacing of floats at 1
U = EPS / 2  # unit roundoff
# The smallest subnormal, 2⁻¹⁰⁷⁴: twice the absolute error of an underflowing
# product (2⁻¹⁰⁷⁵ itself is not representable and would round to 0).
ETA = 2.0**-1074

# LAPACK's own test suite accepts a residual ratio such as
# ‖A − LU‖ / (n·ε·‖A‖) below THRESH = 30 (see its dtest.in); ours do too.
RESIDUAL_THRESHOLD = 30.0

# Partial pivoting bounds the growth of entries during LU elimination by
# 2ⁿ⁻¹ in theory, but for random dense matrices the growth factor ρ stays
# below about n^(2/3) (Trefethen & Schreiber 1990; Higham §9.4), i.e. below
# 45 for n ≤ 300. Bounds for det, inv and solve use that figure.
GROWTH = 45.0

# The shared vectors carry each case's bound to Go, and a bound is computed
# from the reference's own rounded results (its singular values, the
# condition of its eigenbasis). Regenerated on another CPU, where LAPACK and
# BLAS round differently, a bound moves by its own condition times ε: by a
# factor of up to 1.94 for eig's bound of a triple eigenvalue, whose computed
# eigenbasis is nearly singular (measured over OpenBLAS's Haswell, SkylakeX,
# Sandybridge and Prescott kernels and numpy's baseline, AVX2 and AVX-512
# dispatch), below 1.0002 everywhere else. The freshness test accepts a
# regenerated bound within this factor of the committed one: what it must
# catch, a changed bound formula, moves bounds by whole factors.
VECTOR_BOUND_DRIFT = 4.0


def gamma(n: int) -> float:
    """Return γₙ = n·u / (1 − n·u), the error factor of n roundings (Higham §3.1)."""
    nu = max(n, 1) * U
    return nu / (1.0 - nu)


def alike(x: Any, y: Any) -> bool:
    """Return whether x and y are the same floats, entry by entry.

    NaN is alike NaN whatever its payload; +0.0 and −0.0 are not alike
    (as Go's math package tests compare). Complex values are alike when their
    real and imaginary parts are; a complex value is never alike a real one.
    Anything that is not numeric (text, objects) is alike when equal.
    """
    a, b = np.asarray(x), np.asarray(y)
    if a.dtype.kind not in "biufc" or b.dtype.kind not in "biufc":
        return a.shape == b.shape and bool(np.all(a == b))
    if np.iscomplexobj(a) or np.iscomplexobj(b):
        if not (np.iscomplexobj(a) and np.iscomplexobj(b)):
            return False
        return alike(a.real, b.real) and alike(a.imag, b.imag)
    a, b = a.astype(np.float64), b.astype(np.float64)
    if a.shape != b.shape:
        return False
    same = (a.view(np.uint64) == b.view(np.uint64)) | (np.isnan(a) & np.isnan(b))
    return bool(np.all(same))


def ratio(ref: ArrayLike, go: ArrayLike, bound: ArrayLike) -> float:
    """Return the worst ``|ref − go| / bound`` over the entries.

    Entries that are alike count 0. Where the bound itself is not finite
    (the magnitudes overflow, so no rounding bound exists) the entry is not
    judged and counts 0. A NaN on one side only, or an infinity that the
    other side does not share, counts ``inf``.
    """
    r = np.asarray(ref, dtype=np.float64)
    g = np.asarray(go, dtype=np.float64)
    b = np.broadcast_to(np.asarray(bound, dtype=np.float64), r.shape)
    if r.shape != g.shape:
        return math.inf
    if r.size == 0:
        return 0.0
    same = (r.view(np.uint64) == g.view(np.uint64)) | (np.isnan(r) & np.isnan(g)) | (r == g)
    unjudged = ~np.isfinite(b)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        diff = np.abs(r - g)
        q = np.where(b > 0, diff / b, np.where(diff == 0, 0.0, np.inf))
    q = np.where(same | unjudged, 0.0, q)
    q = np.where(np.isnan(q), np.inf, q)
    return float(np.max(q))


def ulps(x: ArrayLike, k: float) -> NDArray[np.float64]:
    """Return k units in the last place of each entry of x (at least k subnormals).

    The bound for elementwise transcendental functions whose two
    implementations (numpy's or libm's, and Go's math package) are each
    within a documented number of ulps of the exact value, but need not
    round alike.
    """
    with np.errstate(invalid="ignore"):
        return k * np.spacing(np.abs(np.asarray(x, dtype=np.float64)))


# ---- vectors ---------------------------------------------------------------


def sum_bound(n: int, abs_sum: ArrayLike) -> NDArray[np.float64]:
    """Bound for two sums of n products in different orders (Higham §3.1).

    ``|ref − go| ≤ 2·γₙ·Σ|aᵢbᵢ| + 2·n·η``: each side's error is at most
    γₙ·Σ|aᵢbᵢ| plus an underflow term per product. Covers dot, the entries of
    matmul and outer-free sums (trace, ord-1 norms).
    """
    with np.errstate(over="ignore"):
        return 2.0 * gamma(n) * np.asarray(abs_sum, dtype=np.float64) + 2.0 * n * ETA


def dot_bound(a: ArrayLike, b: ArrayLike) -> float:
    """Bound for ``dot``: ``2·γₙ·Σ|aᵢbᵢ| + 2·n·η``."""
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return float(sum_bound(x.size, np.sum(np.abs(x) * np.abs(y))))


def norm2_bound(v: ArrayLike) -> float:
    """Bound for Euclidean and Frobenius norms: ``(γₙ + 8u)·‖v‖₂``.

    Per side: the sum of squares has relative error γₙ, halved by the square
    root, which adds u; scaling by max|vᵢ| adds u to each entry (2u to its
    square, u after the root) and u for the final product: at most
    ``γₙ/2 + 4u`` relative.
    """
    x = np.asarray(v, dtype=np.float64).ravel()
    m = np.max(np.abs(x), initial=0.0)
    if m == 0 or not np.isfinite(m):
        return 0.0
    true = m * math.sqrt(float(np.sum((x / m) ** 2)))
    return (gamma(x.size) + 8 * U) * true


def norm_bound(v: ArrayLike, ord: float | str | None) -> float:
    """Bound for ``norm(v, ord)``.

    ord inf is a maximum of magnitudes: exact, bound 0. ord 1 is a sum of
    magnitudes (``sum_bound``), for a matrix the largest column or row sum.
    ord 2 and "fro" follow ``norm2_bound``; None is 2 or "fro". ord 2 for a
    matrix is the largest singular value: ``spectral_norm_bound``.
    """
    x = np.asarray(v, dtype=np.float64)
    if ord is None:
        ord = 2 if x.ndim == 1 else "fro"
    if ord == 2 and x.ndim == 2:
        return spectral_norm_bound(x)
    if ord == "fro" or (ord == 2 and x.ndim == 1):
        return norm2_bound(x)
    if ord == np.inf and x.ndim == 1:
        return 0.0
    with np.errstate(over="ignore"):
        if x.ndim == 1:
            return float(sum_bound(x.size, np.sum(np.abs(x))))
        axis = 0 if ord == 1 else 1
        sums = np.sum(np.abs(x), axis=axis)
        return float(sum_bound(x.shape[axis], np.max(sums, initial=0.0)))


def cosine_bound(a: ArrayLike) -> float:
    """Bound for ``cosine_similarity``: ``4·γₙ + 16u`` (absolute).

    Per side, after scaling each vector by its largest magnitude (u per
    entry, at most 2u(1 + |cos|) on the cosine), the dot product errs by
    γₙ·Σ|xᵢyᵢ| ≤ γₙ‖x‖‖y‖ (Cauchy–Schwarz), the two norms by γₙ/2 + u each,
    and the division and product by u each: at most 2γₙ + 8u, as |cos| ≤ 1.
    Underflow is negligible: both scaled vectors have norm ≥ 1.
    """
    n = np.asarray(a).size
    return 4 * gamma(n) + 16 * U


def project_bound(a: ArrayLike, onto: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``project``, entry by entry.

    Both sides scale ``onto`` by its largest magnitude with the same
    correctly rounded division, so they share û. Per side, c = (a·û)/(û·û)
    errs by (γₙ·Σ|aᵢûᵢ| + n·η)/(û·û) + |c|·(γₙ + u), and each cûⱼ adds u:
    ``|Δⱼ| ≤ 2·|ûⱼ|·((γₙ·Σ|aᵢûᵢ| + n·η)/(û·û) + |c|·(γₙ + 2u))``.
    """
    x, o = np.asarray(a, dtype=np.float64), np.asarray(onto, dtype=np.float64)
    m = np.max(np.abs(o), initial=0.0)
    if m == 0 or not np.isfinite(m):
        return np.zeros_like(x)
    with np.errstate(over="ignore", invalid="ignore"):
        u = o / m
        uu = float(np.dot(u, u))
        c = abs(float(np.dot(x, u))) / uu
        g = gamma(x.size)
        dc = (g * float(np.sum(np.abs(x * u))) + x.size * ETA) / uu + c * (g + 2 * U)
        return 2.0 * np.abs(u) * dc


def matmul_bound(A: ArrayLike, B: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``matmul``, entry by entry: ``sum_bound(n, (|A|·|B|)ᵢⱼ)``."""
    a, b = np.asarray(A, dtype=np.float64), np.asarray(B, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        return sum_bound(a.shape[1], np.abs(a) @ np.abs(b))


def trace_bound(A: ArrayLike) -> float:
    """Bound for ``trace``: ``sum_bound(n, Σ|Aᵢᵢ|)``."""
    a = np.asarray(A, dtype=np.float64)
    with np.errstate(over="ignore"):
        return float(sum_bound(a.shape[0], np.sum(np.abs(np.diag(a)))))


# ---- LU-based: det, inv, solve ----------------------------------------------


def singular_values(A: ArrayLike) -> NDArray[np.float64]:
    """Return the singular values of A, descending, computed on A/max|A|.

    The scaling keeps LAPACK's SVD away from subnormal and huge entries (it
    does not converge on [[2e-313]]); singular values scale with A.
    """
    a = np.asarray(A, dtype=np.float64)
    m = float(np.max(np.abs(a), initial=0.0))
    if m == 0:
        return np.zeros(min(a.shape))
    with np.errstate(under="ignore", over="ignore"):
        return np.asarray(np.linalg.svd(a / m, compute_uv=False) * m, dtype=np.float64)


def norm2(x: ArrayLike) -> float:
    """Return the 2-norm of a vector (Euclidean) or matrix (spectral), without underflow."""
    a = np.asarray(x, dtype=np.float64)
    if not np.all(np.isfinite(a)):
        return math.inf
    if a.ndim == 2 and min(a.shape) > 0:
        return float(singular_values(a)[0])
    m = float(np.max(np.abs(a), initial=0.0))
    if m == 0 or not math.isfinite(m):
        return m
    return m * float(np.linalg.norm(a.ravel() / m))


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
        return 2.0 * (perturbation + (n * L + n + 1) * EPS * d)


def condition(A: ArrayLike) -> float:
    """Return κ₂(A) = σ₁/σₙ (inf for a singular A)."""
    s = singular_values(A)
    return float(s[0] / s[-1]) if s[-1] > 0 else math.inf


def solve_bound(A: ArrayLike, X: ArrayLike) -> float:
    """Bound on ‖X_ref − X_go‖₂ for ``solve`` and ``inv`` (X = A⁻¹B).

    A backward error ‖ΔA‖ ≤ c·‖A‖ (``lu_error``, plus γₙ·‖A‖ for the
    triangular solves, Higham §8.1) moves the solution by at most
    κ·(c + γₙ)/(1 − κ·(c + γₙ))·‖X‖ (Higham §7.1); twice that between the
    two sides. Meaningful only while κ·(c + γₙ) < 1/2; beyond, inf.
    """
    a = np.asarray(A, dtype=np.float64)
    n = a.shape[0]
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


# ---- stats -------------------------------------------------------------------
#
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


# Elementwise special functions. Each side evaluates the same float argument
# with its own library, so they differ by the sum of the two libraries'
# errors. Documented or observed maxima, in ulps of the exact value:
#
# - exp: glibc (numpy's float64 exp on this platform; Python's math.exp) is
#   within 1 ulp (glibc's libm-test-ulps for x86_64 records 1). Go's math.Exp
#   claims 1 ulp for its portable code; its amd64 assembly version showed up
#   to 1.48 ulps against 200-bit mpmath on 60,000 arguments: we allow 2.
# - log: glibc 1 ulp (libm-test-ulps), Go's math.Log 1 ulp (its doc; 0.75
#   observed) for normal arguments. On amd64 math.Log is wrong for subnormal
#   ones (Go issue 56600: −709 for ln 5e−324 = −744.4), so twinmath's Go code
#   takes ln(x·2⁵²) − 52·ln 2 there, which adds at most 0.6 ulp: we allow 2.
# - erfc: glibc's and Go's are both Sun's fdlibm s_erf.c; glibc's own tests
#   record a worst case of 5 ulps for it (libm-test-ulps, x86_64). Go's port
#   calls Go's exp twice, each up to 1 ulp worse than glibc's: we allow 7.
#   Observed on the 60,000 arguments: 2.6 (glibc) and 3.2 (Go) ulps.
#
# An ulp of a normal value y is at most 2u·|y|; in the subnormal range it is
# η absolute.
EXP_ULPS = 1.0 + 2.0
LOG_ULPS = 1.0 + 2.0
ERFC_ULPS = 5.0 + 7.0


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
    from .ref.stats import _normal_quantile

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


# ---- info --------------------------------------------------------------------
#
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
    P = info_normalised(joint)
    px = np.array([math.fsum(row) for row in P])
    py = np.array([math.fsum(col) for col in P.T])
    i, j = np.nonzero(P > 0)
    pij = P[i, j]
    t = pij / px[i]
    with np.errstate(over="ignore"):
        r = t / py[j]
    mags = np.where(np.isinf(r), np.abs(np.log(t)) + np.abs(np.log(py[j])), np.abs(np.log(r)))
    return log_sum_bound(float(np.sum(pij * mags)) * (1 + 4 * U), 2 * pij.size, math.log(base))


# ---- random numbers ------------------------------------------------------------


# The exponential and the logarithm of one side, in ulps of the exact value
# (EXP_ULPS and LOG_ULPS above count both sides together). Measured against
# 60-digit decimal exp and ln on 35,000 arguments in [−745, 709]: glibc's
# (numpy's and Python's on this platform) 0.50 and 0.51 ulp, Go's math.Log
# 0.75 ulp, Go's math.Exp — an assembly routine on amd64 — 1.42 ulps. The
# bounds below allow each side 2 ulps for exp (above Go's 1.42) and 1 for
# log (the documented limit of glibc and of Go's math.Log for normal
# arguments; the logarithms here never see a subnormal one).
SIDE_EXP_ULPS, SIDE_LOG_ULPS = 2, 1
# σ(z) = 1/(1 + e^(−z)) per side: exp's error (2u·SIDE_EXP_ULPS relative)
# is damped by e^(−z)/(1 + e^(−z)) = 1 − p in the sum, which rounds once, and
# the division rounds once: at most (2u·SIDE_EXP_ULPS + 2u)·p.
SIGMOID_REL = 2 * U * SIDE_EXP_ULPS + 2 * U


def normal_bound(z: ArrayLike) -> NDArray[np.float64]:
    """Bound for the normals of ``Rng``: ``γ₇·|z|``, entry by entry.

    Marsaglia's polar method draws u, v from the uniform stream (bit for bit
    the same on both sides: 2U − 1 is exact) and accepts s = u·u + v·v when
    0 < s < 1; the products and the sum are correctly rounded and Go is kept
    from fusing them, so both sides accept the same pairs and share s. Only
    ln(s) differs: CPython's math.log (the C library's) and Go's math.Log
    are each within ``SIDE_LOG_ULPS`` = 1 ulp of ln(s), so they differ by at
    most 2 ulps ≤ 4u relative (s ≥ 2⁻¹⁰⁴ is never subnormal). Then −2·ln(s) is
    exact, the division by s adds a rounding on each side (6u between
    them), the square root halves that and rounds
    again (3u + 2u), and the product u·f rounds once more on each side
    (7u). Products of seven factors (1 + δ), |δ| ≤ u, stay within γ₇.
    """
    with np.errstate(over="ignore", invalid="ignore"):
        return gamma(7) * np.abs(np.asarray(z, dtype=np.float64))


def classification_bound(X: ArrayLike, separation: float) -> NDArray[np.float64]:
    """Bound for the X of ``make_classification``, entry by entry.

    ``(γ₇ + 2u)·|Xᵢⱼ| + (3γ₇ + γ_d + 12u)·μ`` with μ the class separation.
    The labels come from the permutation and agree bit for bit. The noise
    and the direction z are normals (``normal_bound``: γ₇ relative). ‖z‖
    differs by γ_d + 8u (``norm2_bound``, both sides) plus γ₇ from z itself;
    uⱼ = zⱼ/‖z‖ rounds once per side: 2γ₇ + γ_d + 10u relative. The centre
    cᵢⱼ = (±μ)·uⱼ (±μ exact) rounds once more (+2u), and |cᵢⱼ| ≤ μ since
    |uⱼ| ≤ 1. Xᵢⱼ = noiseᵢⱼ + cᵢⱼ rounds once per side (2u·|Xᵢⱼ|), and
    |noiseᵢⱼ| ≤ |Xᵢⱼ| + μ.
    """
    x = np.abs(np.asarray(X, dtype=np.float64))
    d = x.shape[1] if x.ndim == 2 else 1
    return (gamma(7) + 2 * U) * x + (3 * gamma(7) + gamma(d) + 12 * U) * separation


# ---- logistic regression ----------------------------------------------------------


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
        return np.asarray(
            _dsigmoid(z) * dz * np.exp(np.minimum(2 * dz, 700.0)) + 2 * SIGMOID_REL * p, dtype=np.float64
        )


def predict_bound(X: ArrayLike, w: ArrayLike, b: float) -> NDArray[np.float64]:
    """Bound for ``predict``: 1 where the probability is within ``proba_bound`` of 0.5, else 0.

    The classes are p > 0.5 on each side: they agree bit for bit except
    where the two probabilities may fall on either side of 0.5.
    """
    x, v = np.asarray(X, dtype=np.float64), np.asarray(w, dtype=np.float64)
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ v + b, -500.0, 500.0)))
        return np.where(np.abs(p - 0.5) <= proba_bound(x, v, b), 1.0, 0.0)


def logistic_step_rate(X: ArrayLike, l2: float) -> float:
    """Return L, the Lipschitz constant of the smooth part of the gradient.

    ``L = ‖[X, 1]‖₂² / (4n) + 2·l2``: the Hessian of the cross-entropy is
    (1/n)·X̃ᵀ·diag(σ')·X̃ with σ' ≤ 1/4, and the L2 penalty adds 2·l2.
    """
    x = np.asarray(X, dtype=np.float64)
    xt = np.hstack([x, np.ones((x.shape[0], 1))])
    return norm2(xt) ** 2 / (4 * x.shape[0]) + 2 * l2


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
    from .ref.logistic import LOSS_EPSILON, iterates

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
    return float(np.count_nonzero(np.abs(p - 0.5) <= dp)) / x.shape[0]


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


# ---- calculus ------------------------------------------------------------------
#
# Parity of the finite differences (derivative, gradient, jacobian, hessian)
# and of gradient_descent: bit for bit. The two backends call the same f at
# the same points — each point is x with one or two coordinates replaced by
# xᵢ ± h, a correctly rounded sum both sides form alike — so they get the
# same values back, and then apply the same correctly rounded operations in
# the same order: (f₊ − f₋)/(2h), (f₊ − 2f₀ + f₋)/(h·h),
# (f₊₊ − f₊₋ − f₋₊ + f₋₋)/(4·h·h), x − α·g. IEEE 754 makes each result a
# function of its operands alone, so the results are identical; the Go code
# keeps every product rounded on its own (no fused multiply-add) so that this
# holds on every platform. Truncation error (h²/6·|f'''|) is the same on both
# sides and cancels from the difference. Only ``taylor`` adds sums whose
# order differs (``taylor_bound``).
#
# The accuracy of a finite difference — how far it is from the exact
# derivative — is another matter: ``central_difference_error`` and
# ``second_difference_error`` bound it, for the tests that compare with
# derivatives known in closed form.


def central_difference_error(
    h: float, x: float, m0: float, m1: float, m3: float, rel: float = EPS, eta: float = ETA
) -> float:
    """Bound on |D̂ − f'(x)| for the computed central difference D̂ = (f(x+h) − f(x−h))/(2h).

    - Truncation: Taylor's theorem with the Lagrange remainder,
      f(x ± h) = f ± h·f' + h²/2·f'' ± h³/6·f'''(ξ±), leaves
      h²/12·(f'''(ξ₊) + f'''(ξ₋)), at most ``h²/6·m3`` with m3 = max|f'''| on
      [x − h, x + h].
    - Evaluation: each f(x ± h) is computed within ``rel``·|f| + ``eta``
      (ε for a function correct to one ulp; eta for what underflow loses,
      one subnormal spacing η by default), so the difference errs by up to
      2·(rel·m0 + eta), divided by 2h: ``(rel·m0 + eta)/h`` with m0 = max|f|.
    - The points: x ± h are rounded, by up to u·(|x| + h) each, which
      changes the spacing 2h the quotient assumes: ``u·(|x| + h)·m1/h`` with
      m1 = max|f'|.
    - The subtraction and the division round the result: γ₂ relative.
    """
    e = h * h / 6 * m3 + (rel * m0 + eta) / h + U * (abs(x) + h) * m1 / h
    return e + gamma(2) * (m1 + e)


def second_difference_error(
    h: float, x: float, m0: float, m1: float, m2: float, m4: float, rel: float = EPS, eta: float = ETA
) -> float:
    """Bound on the error of the computed Hessian entries, against the exact second derivatives.

    For the diagonal (f(x+h) − 2f(x) + f(x−h))/h²: truncation h²/12·m4; the
    evaluations' errors (rel·|f| + eta each, as in
    ``central_difference_error``) 4·(rel·m0 + eta)/h²; rounded points shift the outer
    two by up to u·(|x| + h) each, which the second difference does not
    cancel: 2u·(|x| + h)·m1/h². For the mixed entries
    (f₊₊ − f₊₋ − f₋₊ + f₋₋)/(4h²): truncation h²/3·m4 (the two third-order
    terms h²/6·(∂ᵢ³∂ⱼ + ∂ᵢ∂ⱼ³) each); evaluation (rel·m0 + eta)/h²; the rounded
    coordinates are shared by pairs of corners, so they only change the two
    spacings: m2·2u·(|x| + h)/h. Here m_k bounds the k-th partial
    derivatives on the box x ± h, and x the largest |xᵢ|. The larger of
    the two bounds, plus γ₄ relative for the arithmetic, covers both kinds
    of entry.
    """
    diagonal = h * h / 12 * m4 + 4 * (rel * m0 + eta) / (h * h) + 2 * U * (abs(x) + h) * m1 / (h * h)
    mixed = h * h / 3 * m4 + (rel * m0 + eta) / (h * h) + 2 * U * (abs(x) + h) * m2 / h
    e = max(diagonal, mixed)
    return e + gamma(4) * (m2 + e)


def taylor_bound(f0: float, g: ArrayLike, H: ArrayLike, d: ArrayLike) -> float:
    """Bound for ``taylor``: f(x0) + g·d + ½·dᵀHd summed in two orders.

    Both sides share f(x0), the gradient g, the Hessian H (bit for bit, see
    above) and d = x − x0 (an elementwise difference). They differ in the
    order of the sums: numpy's g @ d and (dᵀH)·d against Go's g·d and
    dᵀ(Hd). Per side g·d errs by γₙ·S₁ (S₁ = Σ|gᵢdᵢ|) and the double sum by
    γ₂ₙ·S₂ (S₂ = |d|ᵀ|H||d|: a matrix-vector product, then a dot product);
    the two final additions add γ₂ of |f0| + S₁ + S₂/2; underflow adds η per
    product. Twice the sum of these is the bound on the difference.
    """
    gv, Hm, dv = (np.asarray(a, dtype=np.float64) for a in (g, H, d))
    n = dv.size
    with np.errstate(over="ignore", invalid="ignore"):
        s1 = float(np.sum(np.abs(gv * dv)))
        s2 = float(np.abs(dv) @ np.abs(Hm).reshape(n, n) @ np.abs(dv)) if n else 0.0
        per_side = gamma(n) * s1 + gamma(2 * n) * s2 / 2 + gamma(2) * (abs(f0) + s1 + s2 / 2)
        return 2.0 * (per_side + (n * n + n) * ETA)


# ---- neural networks ---------------------------------------------------------

# One side's sigmoid 1/(1 + e), e = exp(−x), errs by at most SIGMOID_REL·σ
# (defined with the random numbers above): exp's error, relative to 1 + e,
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
    X: ArrayLike,
    y: ArrayLike,
    a1: ArrayLike,
    a2: ArrayLike,
    z1: ArrayLike,
    W2: ArrayLike,
) -> tuple[NDArray[np.float64], ...]:
    """Bound for ``backward_pass``: twice each side's error (``backward_pass_errors``).

    The inputs are shared, so the two sides differ only by their own
    rounding: the sums of products in dW1, dW2, db1, db2 and da1, and σ'.
    """
    return tuple(2.0 * e for e in backward_pass_errors(X, y, a1, a2, z1, W2))


# ---- training runs -------------------------------------------------------------


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


# ---- eigen: eigh, eig -------------------------------------------------------
#
# A decomposition is not unique, so the two sides are compared after both put
# it in canonical form (docs/conventions.md, "Eigenvalues"), and each side's
# residuals are held to RESIDUAL_THRESHOLD. The bounds below start from the
# backward error that the residual test admits, η = THRESH·n·ε·‖A‖₂: each
# side's eigenvalues and eigenvectors are (close to) exact for some A + E with
# ‖E‖₂ ≤ η. Perturbation theory then says how far apart the two sides' results
# may be: Weyl and Davis–Kahan for symmetric matrices (rigorous), Wilkinson's
# condition numbers for general ones (first order). Where eigenvalues repeat
# or nearly repeat, single eigenvectors are not determined and the invariant
# subspace of the cluster is compared instead (its projector).

# A cluster holds eigenvalues whose gaps are at most CLUSTER_GAP times the
# eigenvalue error bound: between clusters both the single-vector and the
# subspace bounds are then at most about 1/CLUSTER_GAP (meaningful), and
# within a cluster only the subspace is compared.
CLUSTER_GAP = 1000.0


def _exponent(x: NDArray[Any]) -> int:
    """Return e with max|x|·2⁻ᵉ in [1/2, 1) (0 for zeros)."""
    m = float(np.max(np.abs(x), initial=0.0))
    return 0 if m == 0 or not math.isfinite(m) else math.frexp(m)[1]


def _ldexp(x: NDArray[Any], e: int) -> NDArray[Any]:
    """Return x·2ᵉ, exact unless it under- or overflows (complex x too)."""
    if np.iscomplexobj(x):
        return np.ldexp(x.real, e) + 1j * np.ldexp(x.imag, e)
    return np.asarray(np.ldexp(x, e))


def lower_symmetric(A: ArrayLike) -> NDArray[np.float64]:
    """Return the symmetric matrix whose lower triangle is that of A (what eigh reads)."""
    a = np.asarray(A, dtype=np.float64)
    return np.asarray(np.tril(a) + np.tril(a, -1).T, dtype=np.float64)


def eig_backward(A: ArrayLike) -> float:
    """Return η = RESIDUAL_THRESHOLD·n·(ε·‖A‖₂ + η₀), the backward error each side may have.

    Householder reduction followed by QL (eigh) or Francis QR (eig) is
    normwise backward stable (Wilkinson; Higham §19 for the reflections): the
    computed eigenvalues are exact for A + E with ‖E‖₂ ≤ p(n)·u·‖A‖₂, p a
    modest polynomial. LAPACK's tests (dsyt21, dget22) accept p(n)·u up to
    THRESH·n·ε, and the residual tests of this suite hold both sides to it
    (``eigh_residuals``, ``eig_residual``), so η is the bound the parity
    bounds may assume. η₀ = 2⁻¹⁰⁷⁴, the spacing of subnormal numbers, is the
    absolute error of representing an eigenvalue of a matrix whose entries
    are subnormal: below the normal range ε·‖A‖ alone would be smaller than
    one unit in the last place.
    """
    a = np.asarray(A, dtype=np.float64)
    return RESIDUAL_THRESHOLD * a.shape[0] * (EPS * norm2(a) + ETA)


def eigh_residuals(A: ArrayLike, w: ArrayLike, V: ArrayLike) -> tuple[float, float]:
    """Return ``‖SV − V·diag(w)‖₂ / (n·(ε·‖S‖₂ + η₀))`` and ``‖VᵀV − I‖₂ / (n·ε)``.

    S is the symmetric matrix of A's lower triangle. LAPACK's dsyt21 ratios
    (in 2-norms, which the bounds below need); a backward-stable eigh keeps
    both below RESIDUAL_THRESHOLD. The products are formed after scaling S
    by a power of two (exact), so that huge or tiny matrices neither overflow
    nor underflow; their own rounding adds at most about 1 to the first ratio.
    η₀ = 2⁻¹⁰⁷⁴ allows for eigenvalues below the normal range, which are
    represented only to that absolute accuracy (see ``eig_backward``).
    """
    s = lower_symmetric(A)
    n = s.shape[0]
    v, lam = np.asarray(V, dtype=np.float64), np.asarray(w, dtype=np.float64)
    e = _exponent(s)
    sc = _ldexp(s, -e)
    ns = norm2(sc)
    with np.errstate(under="ignore"):
        den = n * (EPS * ns + float(_ldexp(np.array(ETA), -e)))
        r = norm2(sc @ v - v * _ldexp(lam, -e)) / den if ns > 0 else norm2(v * lam)
    return float(r), float(norm2(v.T @ v - np.eye(n)) / (n * EPS))


def eig_residual(A: ArrayLike, w: ArrayLike, V: ArrayLike) -> float:
    """Return ``‖AV − V·diag(w)‖₂ / (n·(ε·‖A‖₂ + η₀))`` for unit-norm columns of V.

    Column i of the residual is the backward error of the pair (wᵢ, vᵢ): it
    is exact for A + Eᵢ with ‖Eᵢ‖₂ = ‖Avᵢ − wᵢvᵢ‖₂ (Kahan, Parlett & Jiang),
    so a ratio below RESIDUAL_THRESHOLD certifies ‖Eᵢ‖ ≤ η. Scaled as
    ``eigh_residuals``.
    """
    a = np.asarray(A, dtype=np.float64)
    n = a.shape[0]
    v, lam = np.asarray(V), np.asarray(w)
    e = _exponent(a)
    ac = _ldexp(a, -e)
    na = norm2(ac)
    with np.errstate(under="ignore"):
        r = ac @ v - v * _ldexp(lam, -e)
    nr = float(np.linalg.norm(r, 2)) if r.size else 0.0
    return nr / (n * (EPS * na + float(_ldexp(np.array(ETA), -e)))) if na > 0 else nr


def _clusters(w: NDArray[Any], split: NDArray[np.bool_]) -> list[list[int]]:
    """Split 0..n-1 into runs, a new run starting at i+1 where split[i]."""
    out: list[list[int]] = [[0]]
    for i, s in enumerate(split):
        if s:
            out.append([])
        out[-1].append(i + 1)
    return out if len(w) else []


def eigh_perturbation(
    A: ArrayLike, w: ArrayLike
) -> tuple[float, NDArray[np.float64], list[tuple[list[int], float]]]:
    """Bounds for ``eigh`` from the reference eigenvalues w (ascending).

    Returns ``(dw, dv, clusters)``:

    - ``dw`` bounds |Δλᵢ| for every i. By Kahan's theorem (Parlett, *The
      Symmetric Eigenvalue Problem*, Thm 11.5.1) a side's sorted eigenvalues
      are within δ = ‖R‖₂/σ_min(V) ≤ η/√(1 − g) of the exact ones, R the
      residual, g = THRESH·n·ε the orthogonality admitted by the residual
      test. Two sides: dw = 2δ (Weyl's theorem gives the same for any
      symmetric E with ‖E‖ ≤ η).
    - ``dv[i]`` bounds ‖Δvᵢ‖₂ for an eigenvalue isolated by more than
      CLUSTER_GAP·δ from its neighbours (inf otherwise). The distance from a
      side's λᵢ to any other exact eigenvalue is at least
      γᵢ = gapᵢ − 3δ, so by the Davis–Kahan sin θ theorem (residual form)
      sin θᵢ ≤ δ/γᵢ; a unit vector within angle θ of the eigenvector, with
      the same orientation, is within √2·sin θ of it, and ‖vᵢ‖ is within g
      of 1: dv = 2·(√2·δ/γᵢ + g).
    - ``clusters``: for each run of two or more eigenvalues with gaps below
      CLUSTER_GAP·δ, its indices and a bound on ‖P_ref − P_go‖₂ for the
      projectors P = V_C·V_Cᵀ onto its invariant subspace. By the Davis–Kahan
      sin Θ theorem each side's subspace is within ‖sin Θ‖₂ ≤ ρ/γ_C of the
      exact one, γ_C the gap to the other eigenvalues less 3δ, and
      ρ = (1 + g)²·(η + 2g·‖S‖₂) the residual of the orthonormalised basis;
      the non-orthonormal basis adds 3g to the projector: 2·(ρ/γ_C + 3g).
    """
    s = lower_symmetric(A)
    lam = np.asarray(w, dtype=np.float64)
    n = lam.size
    g = RESIDUAL_THRESHOLD * n * EPS
    eta = eig_backward(s)
    delta = eta / math.sqrt(1 - g)
    gaps = np.diff(lam)
    left = np.concatenate([[np.inf], gaps])
    right = np.concatenate([gaps, [np.inf]])
    gap = np.minimum(left, right)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        isolated = gap > CLUSTER_GAP * delta
        dv = np.where(isolated, 2 * (math.sqrt(2) * delta / (gap - 3 * delta) + g), np.inf)
    clusters = []
    rho = (1 + g) ** 2 * (eta + 2 * g * norm2(s))
    for c in _clusters(lam, gaps > CLUSTER_GAP * delta):
        if len(c) < 2:
            continue
        outside = min(left[c[0]], right[c[-1]]) - 3 * delta
        bound = 2 * (rho / outside + 3 * g) if outside > 0 else math.inf
        clusters.append((c, bound))
    return 2 * delta, np.asarray(dv, dtype=np.float64), clusters


def eig_perturbation(
    A: ArrayLike, w: ArrayLike, V: ArrayLike
) -> tuple[NDArray[np.float64], NDArray[np.float64], list[tuple[list[int], float]]]:
    """Bounds for ``eig`` from the reference result (w, V), first order in η.

    Returns ``(dw, dv, clusters)``. With X = V (unit columns xᵢ) and left
    eigenvectors yᵢ (yᵢᴴA = λᵢyᵢᴴ), the condition number of λᵢ is
    κᵢ = ‖yᵢ‖‖xᵢ‖/|yᵢᴴxᵢ| (Wilkinson), the norm of row i of X⁻¹ (for a
    repeated eigenvalue, in the basis X chooses). κ is estimated from the
    reference's eigenvectors: as the rows of X⁻¹ when κ₂(X) ≤ 2²⁶ (then
    computed to about n·ε·κ₂(X) relative), else — and where smaller is not
    available — from the left eigenvectors numpy computes for Aᵀ, matched
    to λᵢ by proximity (a mismatch only makes κ larger, as |yᴴx| ≤ ‖y‖‖x‖).
    κ is infinite for a defective eigenvalue, whose left and right
    eigenvectors are orthogonal.

    - The reference's (w, V) are computed, not exact: X⁻¹AX = diag(λ) + F
      with F = X⁻¹(AX − XΛ), small when X is well-conditioned but not when
      an eigenvalue is nearly defective. |F| is bounded by |X⁻¹|·(|AX − XΛ|
      + γₙ₊₁(|A||X| + |X||Λ|)) (the residual and its rounding), doubled for
      the error of the computed inverse (relative n·ε·κ₂(X) ≤ n·2⁻²⁶); with
      κ₂(X) > 2²⁶ nothing is certified and every bound is inf.
    - ``dw[i]`` bounds |Δλᵢ|. Each side's eigenvalues are those of A + E,
      ‖E‖₂ ≤ η, i.e. of diag(λ) + F + X⁻¹EX, whose row i sums to at most
      rᵢ = √n·‖X‖₂·κᵢ·η + Σⱼ|Fᵢⱼ| in magnitude. By Gershgorin's theorem a disc
      D(λᵢ, rᵢ) disjoint from the others holds exactly one eigenvalue of
      A + E: dw = 2rᵢ (the discs are judged disjoint when the centres, each
      within r of an exact eigenvalue, are more than 2(rᵢ + rⱼ) apart). A
      connected group of overlapping discs holds as many eigenvalues as
      discs: dw is the group's diameter plus 4·max r.
    - ``dv[i]`` bounds ‖Δvᵢ‖₂ for an isolated λᵢ (inf otherwise). To first
      order the eigenvector of A + E is xᵢ + Σⱼ (yⱼᴴExᵢ/(λᵢ − λⱼ))·xⱼ/(yⱼᴴxⱼ),
      off by at most dᵢ = Σ_{j≠i} (κⱼη + |Fⱼᵢ|)/|λᵢ − λⱼ|; scaling to unit norm at
      most doubles that, and the canonical phase (a sign for a real vector)
      adds 2/|x_p| ≤ 2√n times it for a complex vector, whose pivot p has
      |x_p| ≥ 1/√n. Two sides: dv = 2·2dᵢ for a real eigenvector,
      2·2dᵢ·(1 + 2√n) for a complex one; inf unless dᵢ < 1.
    - ``clusters``: for each group of two or more (but not all) overlapping
      discs, its indices and a bound on ‖P_ref − P_go‖₂ for the spectral
      projector P = X_C·(X⁻¹)_C onto its invariant subspace. To first order
      ΔP = Σ_{i∈C, j∉C} (PᵢEPⱼ + PⱼEPᵢ)/(λᵢ − λⱼ) with ‖Pᵢ‖ = κᵢ, at most
      Σ (2κᵢκⱼη + κⱼ|Fᵢⱼ| + κᵢ|Fⱼᵢ|)/|λᵢ − λⱼ| per side; forming X⁻¹ adds about n·ε·κ₂(X)² per
      side (Higham §14.1). inf unless the bound is below 1.
    """
    a = np.asarray(A, dtype=np.float64)
    lam = np.asarray(w, dtype=np.complex128)
    x = np.asarray(V, dtype=np.complex128)
    n = lam.size
    eta = eig_backward(a)
    with np.errstate(all="ignore"):
        # Left eigenvectors: Aᵀȳ = λȳ, matched to each λᵢ by proximity.
        mu, ybar = np.linalg.eig(a.T)
        match = np.argmin(np.abs(lam[:, None] - mu[None, :]), axis=1)
        ybar = ybar[:, match]
        yx = np.abs(np.sum(ybar * x, axis=0))
        kappa = np.where(yx > 0, np.linalg.norm(ybar, axis=0) / yx, np.inf)
        sx = np.linalg.svd(x, compute_uv=False)
        nx, cond = float(sx[0]), float(sx[0] / sx[-1]) if sx[-1] > 0 else math.inf
        if cond <= 2.0**26:
            xinv = np.linalg.inv(x)
            kappa = np.minimum(kappa, np.linalg.norm(xinv, axis=1))
            res = np.abs(a @ x - x * lam[None, :]) + gamma(n + 1) * (
                np.abs(a) @ np.abs(x) + np.abs(x) * np.abs(lam)[None, :]
            )
            F = 2 * (np.abs(xinv) @ res)
        else:
            F = np.full((n, n), np.inf)
        r = math.sqrt(n) * nx * kappa * eta + np.sum(F, axis=1)
        dist = np.abs(lam[:, None] - lam[None, :])
        overlap = (dist <= 2 * (r[:, None] + r[None, :])) | ~np.isfinite(r[:, None] + r[None, :])
        np.fill_diagonal(overlap, True)
        # Connected groups of overlapping discs (transitive closure).
        group = np.arange(n)
        for _ in range(n):
            new = np.min(np.where(overlap, group[None, :], n), axis=1)
            if np.array_equal(new, group):
                break
            group = new
        dw = np.where(np.isfinite(r), 2 * r, np.inf)
        dv = np.full(n, np.inf)
        clusters = []
        for g0 in np.unique(group):
            c = [int(i) for i in np.flatnonzero(group == g0)]
            out = [j for j in range(n) if j not in c]
            if len(c) == 1:
                i = c[0]
                d = float(np.sum((kappa[out] * eta + F[out, i]) / dist[i, out]))
                factor = 4.0 if lam[i].imag == 0 else 4.0 * (1 + 2 * math.sqrt(n))
                dv[i] = factor * d if d < 1 else np.inf
                continue
            dw[c] = float(np.max(dist[np.ix_(c, c)])) + 4 * float(np.max(r[c]))
            if not out:
                continue  # the projector of the whole spectrum is I on both sides
            s = sum(
                float(
                    np.sum(
                        (2 * kappa[i] * kappa[out] * eta + kappa[out] * F[i, out] + kappa[i] * F[out, i])
                        / dist[i, out]
                    )
                )
                for i in c
            )
            bound = 2 * (s + n * EPS * cond**2)
            clusters.append((c, bound if bound < 1 else math.inf))
    return np.asarray(dw, dtype=np.float64), np.asarray(dv, dtype=np.float64), clusters


# ---- decompositions: lu, qr, cholesky, svd and what stands on it --------------
#
# The factors of a decomposition are compared in two steps. First each side's
# residuals must pass LAPACK's test: ‖A − (product of the factors)‖₂ ≤
# T·N·ε·‖A‖₂ and ‖QᵀQ − I‖₂ ≤ T·N·ε for every factor meant to have orthonormal
# columns, with T = RESIDUAL_THRESHOLD and N = max(m, n). Those residuals
# *certify* a backward error: the factors are, up to a known amount, the exact
# factors of some A + E with ‖E‖₂ ≤ e. Then perturbation theory bounds how far
# the exact factors of two such perturbations can lie apart. So each bound
# below holds whenever both sides pass their residual checks, which the
# comparisons check too.


def underflow_floor(N: int) -> float:
    """Return 4·N²·η: what underflow may add to the residual of factors of an N-sized A.

    An entry of a product of N terms loses at most η per product to underflow
    (Higham §2.1), and a factor's subnormal entries η/2 each; so the 2-norm
    of the residual may hold about N²·η that no relative bound explains
    (counted twice, with room). It matters only for subnormal matrices.
    """
    return 4.0 * N * N * ETA


def factor_residual(A: ArrayLike, product: ArrayLike, scale_exp: int = 0) -> float:
    """Return ``‖A − product‖₂ / (N·ε·‖A‖₂ + 4N²η)``, N = max(m, n), LAPACK's test ratio.

    Both are scaled by the same power of two first (exactly), so that huge
    and tiny matrices are judged alike; the underflow floor (``underflow_floor``)
    is that of the caller's original matrix, which was A·2^scale_exp. A zero
    A passes only with a zero product.
    """
    a = np.asarray(A, dtype=np.float64)
    p = np.asarray(product, dtype=np.float64)
    e = _exponent(a)
    a, p = np.ldexp(a, -e), np.ldexp(p, -e)
    num = norm2(a - p)
    if num == 0:
        return 0.0
    N = max(a.shape)
    den = N * EPS * norm2(a) + math.ldexp(underflow_floor(N), -(e + scale_exp))
    return num / den if den > 0 else math.inf


def orthonormality(Q: ArrayLike, N: int) -> float:
    """Return ``‖QᵀQ − I‖₂ / (N·ε)`` for the columns of Q."""
    q = np.asarray(Q, dtype=np.float64)
    return norm2(q.T @ q - np.eye(q.shape[1])) / (max(N, 1) * EPS)


def certified(N: int) -> float:
    """Return δ = T·N·ε, the largest residual ratio the checks let through."""
    return RESIDUAL_THRESHOLD * max(N, 1) * EPS


def svd_error(A: ArrayLike) -> float:
    """Return e, the backward error that passing SVD residual checks certifies.

    If ‖ÛᵀÛ − I‖₂, ‖V̂ᵀV̂ − I‖₂ ≤ δ and ‖A − ÛΣ̂V̂ᵀ‖₂ ≤ δ·σ₁ (δ = ``certified``),
    let Q_U, Q_V be the orthonormal polar factors of Û, V̂: ‖Û − Q_U‖₂ ≤ δ
    (Higham §8.1 of *Functions of Matrices*). Then Σ̂ holds the exact singular
    values of Q_UΣ̂Q_Vᵀ = A + E, with ‖E‖₂ ≤ δσ₁ + σ̂₁(2δ + δ²), and σ̂₁ ≤ σ₁ + e:

        e = σ₁·δ·(3 + δ) / (1 − 2δ − δ²)

    By Weyl's theorem every computed singular value is within e of the exact
    one, |σ̂ᵢ − σᵢ| ≤ ‖E‖₂. The residual check also lets through T times the
    underflow floor (``underflow_floor``), which adds to e.
    """
    a = np.asarray(A, dtype=np.float64)
    s1 = float(singular_values(a)[0]) if a.size else 0.0
    N = max(a.shape)
    d = certified(N)
    return (s1 * d * (3 + d) + RESIDUAL_THRESHOLD * underflow_floor(N)) / (1 - 2 * d - d * d)


def singular_vector_bounds(s: ArrayLike, e: float, rectangular: bool) -> NDArray[np.float64]:
    """Bound on ‖u_ref − u_go‖₂ for each singular vector (inf where not unique enough).

    Wedin's sin θ theorem (Stewart & Sun, *Matrix Perturbation Theory* V.4):
    a singular vector pair of A + E lies at an angle θ from A's with
    sin θ ≤ √2·‖E‖/δ, δ the distance of its singular value to the others
    (and to 0 when m ≠ n, for the complement of the thin factors). With the
    reference's σ̂ each within e of the exact ones, δ ≥ ĝ − 3e, ĝ the gap in
    σ̂; sign-aligned unit vectors then differ by 2·sin(θ/2) ≤ √2·sin θ ≤
    2e/(ĝ − 3e) per side, 4e/(ĝ − 3e) between the sides. A singular value
    closer than 6e to another is "repeated": its vectors are not unique, and
    its subspace is compared instead (``subspace_bound``).
    """
    sv = np.asarray(s, dtype=np.float64)
    k = sv.size
    out = np.full(k, np.inf)
    for i in range(k):
        others = np.delete(sv, i)
        gap = float(np.min(np.abs(others - sv[i]))) if others.size else math.inf
        if rectangular:
            gap = min(gap, float(sv[i]))
        if gap > 6 * e:
            out[i] = 4 * e / (gap - 3 * e) if math.isfinite(gap) else 0.0
    return out


def clusters(s: ArrayLike, e: float) -> list[list[int]]:
    """Group the indices of descending singular values closer than 6e."""
    sv = np.asarray(s, dtype=np.float64)
    groups: list[list[int]] = []
    for i in range(sv.size):
        if groups and sv[i - 1] - sv[i] <= 6 * e:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def subspace_bound(s: ArrayLike, group: list[int], e: float, rectangular: bool, N: int = 0) -> float:
    """Bound on ‖P_ref − P_go‖₂ for the projector onto a cluster's singular subspace.

    Wedin's theorem for subspaces: ‖sin Θ‖₂ ≤ √2·‖E‖/δ, δ the distance of the
    cluster's singular values to the rest (and to 0 when m ≠ n); for
    subspaces of equal dimension ‖P − P̃‖₂ = ‖sin Θ‖₂. Between the sides:
    2√2·e/(Ĝ − 3e). inf when the cluster is not separated by more than 6e.

    Each side forms its projector as V̂V̂ᵀ from k = len(group) computed
    vectors, orthonormal to within the residual check, ‖V̂ᵀV̂ − I‖₂ ≤ T·N·ε
    (N = max(m, n), default len(s)): V̂V̂ᵀ is then within T·N·ε of the
    projector onto its span, and its k-term entries round by k·γₖ in norm.
    Twice that is added, so a cluster spanning the whole space (no gap at
    all, both projectors the identity) is judged by rounding alone.
    """
    k = len(group)
    slack = 2 * (RESIDUAL_THRESHOLD * (N or len(np.atleast_1d(s))) * EPS + k * gamma(k))
    sv = np.asarray(s, dtype=np.float64)
    inside = sv[group]
    rest = np.delete(sv, group)
    gap = float(np.min(np.abs(rest[:, None] - inside[None, :]))) if rest.size else math.inf
    if rectangular:
        gap = min(gap, float(np.min(inside)))
    if not gap > 6 * e:
        return math.inf
    return (2 * math.sqrt(2) * e / (gap - 3 * e) if math.isfinite(gap) else 0.0) + slack


def sign_decidable(u: ArrayLike, bound: float) -> bool:
    """Whether the sign rule picks the same entry on both sides.

    The rule looks at the largest-magnitude entry; if entries of the two
    sides differ by at most ``bound``, the same entry is largest on both
    when it exceeds the runner-up by more than 2·bound.
    """
    m = np.sort(np.abs(np.asarray(u, dtype=np.float64)))[::-1]
    return m.size < 2 or bool(m[0] - m[1] > 2 * bound)


def svd_bounds(A: ArrayLike, U: ArrayLike, s: ArrayLike) -> tuple[Any, Any, Any]:
    """Entrywise bounds for ``svd``'s (U, s, Vt), from the reference's U and s.

    s: 2e (Weyl, both sides). A column of U and the row of Vt with it:
    ``singular_vector_bounds`` (each entry is at most the 2-norm of the
    difference), inf where the singular value is repeated or the sign rule
    is undecidable (``sign_decidable``): those are compared as subspaces.
    A singular value within 6e of 0 ties the signs of u and v to nothing
    (A·v = σ·u ≈ 0 for either sign of u), so Vt[i] is then compared up to
    sign too.
    """
    ex = _exponent(np.asarray(A, dtype=np.float64))
    if ex > 0:  # the bounds scale with A; computing them on A/2^e keeps products finite
        bu, bs, bvt = svd_bounds(np.ldexp(np.asarray(A, dtype=np.float64), -ex), U, np.ldexp(s, -ex))
        return bu, np.ldexp(bs, ex), bvt
    a = np.asarray(A, dtype=np.float64)
    u = np.asarray(U, dtype=np.float64)
    m, n = a.shape
    e = svd_error(a)
    b = singular_vector_bounds(s, e, m != n)
    bv = b.copy()
    for i in range(b.size):
        if not sign_decidable(u[:, i], b[i]):
            b[i] = bv[i] = math.inf
        if not float(np.asarray(s)[i]) > 6 * e:
            bv[i] = math.inf  # σ ≈ 0: Vt[i]'s sign is not tied to U[:, i]'s
    return np.broadcast_to(b, (m, b.size)).copy(), np.full(b.size, 2 * e), np.repeat(bv[:, None], n, axis=1)


def _projector(Q: NDArray[np.float64]) -> NDArray[np.float64]:
    return np.asarray(Q @ Q.T, dtype=np.float64)


def svd_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Worst ratio for two SVDs of A: residual premises, values, vectors, subspaces.

    Each side's residual ratios (``factor_residual``, ``orthonormality`` of U
    and V) must be ≤ T; the singular values within 2e; each unique singular
    vector, after aligning signs where the rule is undecidable, within
    ``singular_vector_bounds``; each cluster's projectors within
    ``subspace_bound``.
    """
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    N = max(m, n)
    worst = 0.0
    for U, s, Vt in (ref, go):
        U, s, Vt = (np.asarray(x, dtype=np.float64) for x in (U, s, Vt))
        e_ = _exponent(a)  # judged on A/2^e, so that the product cannot overflow
        product = (U * np.ldexp(s, -e_)) @ Vt
        worst = max(
            worst,
            factor_residual(np.ldexp(a, -e_), product, e_) / RESIDUAL_THRESHOLD,
            orthonormality(U, N) / RESIDUAL_THRESHOLD,
            orthonormality(Vt.T, N) / RESIDUAL_THRESHOLD,
        )
    return max(worst, svd_parts_ratio(a, ref[0], ref[1], ref[2], go[0], go[1], go[2]))


def svd_parts_ratio(A: ArrayLike, Ur: Any, sr: Any, Vtr: Any, Ug: Any, sg: Any, Vtg: Any) -> float:
    """The comparison of ``svd_ratio`` without the residual premises.

    Also used for the first k triplets of ``truncated_svd``: the gaps are
    then measured against the reference's singular values (``sr``) of A,
    which may hold more values than the k compared.
    """
    ex = _exponent(np.asarray(A, dtype=np.float64))
    if ex > 0:  # judged on A/2^e, where no product overflows
        sc = np.ldexp(np.asarray(A, dtype=np.float64), -ex)
        return svd_parts_ratio(sc, Ur, np.ldexp(sr, -ex), Vtr, Ug, np.ldexp(sg, -ex), Vtg)
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    e = svd_error(a)
    s_all = singular_values(a)
    Ur, sr, Vtr, Ug, sg, Vtg = (np.asarray(x, dtype=np.float64) for x in (Ur, sr, Vtr, Ug, sg, Vtg))
    k = sr.size
    ds = float(np.max(np.abs(sr - sg), initial=0.0))
    worst = ds / (2 * e) if e > 0 else (0.0 if ds == 0 else math.inf)
    b = singular_vector_bounds(s_all, e, m != n)[:k]
    for i in range(k):
        if not math.isfinite(b[i]):
            continue
        sign = 1.0
        if not sign_decidable(Ur[:, i], b[i]) and float(Ur[:, i] @ Ug[:, i]) < 0:
            sign = -1.0
        vsign = sign
        if not float(s_all[i]) > 6 * e and float(Vtr[i] @ Vtg[i]) < 0:
            vsign = -1.0  # σ ≈ 0: v's sign is free of u's
        elif not float(s_all[i]) > 6 * e:
            vsign = 1.0
        d = max(norm2(Ur[:, i] - sign * Ug[:, i]), norm2(Vtr[i] - vsign * Vtg[i]))
        worst = max(worst, d / b[i] if b[i] > 0 else (0.0 if d == 0 else math.inf))
    for g in clusters(s_all, e):
        if len(g) < 2 or max(g) >= k:
            continue
        bound = subspace_bound(s_all, g, e, m != n, max(m, n))
        if not math.isfinite(bound):
            continue
        d = max(
            norm2(_projector(Ur[:, g]) - _projector(Ug[:, g])),
            norm2(_projector(Vtr[g].T) - _projector(Vtg[g].T)),
        )
        worst = max(worst, d / bound if bound > 0 else (0.0 if d == 0 else math.inf))
    return worst


def _q(d: float, bound: float) -> float:
    """d / bound, with 0/0 = 0 and a positive d over a zero bound = inf."""
    if d == 0:
        return 0.0
    return d / bound if bound > 0 else math.inf


def qr_bounds(A: ArrayLike) -> tuple[float, float]:
    """Bounds on ‖Q_ref − Q_go‖_F and ‖R_ref − R_go‖_F for ``qr``.

    Residuals ‖A − Q̂R̂‖₂ ≤ δ‖A‖₂ and ‖Q̂ᵀQ̂ − I‖₂ ≤ δ (δ = ``certified``)
    make (Q_o, R̂), Q_o the polar factor of Q̂ (‖Q̂ − Q_o‖₂ ≤ δ), an exact QR
    factorisation of A + E, ‖E‖₂ ≤ e = (2δ‖A‖₂ + T·floor)/(1 − δ), with R̂'s diagonal
    non-negative. The factors are determined by A₁ = A[:, :k]; Sun's bound
    (BIT 31, 1991; as in Chang & Stehlé, SIMAX 31, 2010) gives
    ‖ΔQ‖_F ≤ √2·κ₁·ε₁/(1 − κ₁·ε₁), κ₁ = κ₂(A₁), ε₁ = ‖E‖_F/‖A₁‖₂ ≤
    √k·e/‖A₁‖₂. Then R = QᵀA moves by ‖ΔQ‖_F·(‖A‖₂ + e) + √k·e. Per side
    Q̂ adds √k·δ; between the sides, twice the sum. inf (not judged) when
    κ₁·ε₁ ≥ 1/2: the first k columns are too close to dependent.
    """
    ex = _exponent(np.asarray(A, dtype=np.float64))
    if ex > 0:  # R's bound scales with A, Q's does not
        bq, br = qr_bounds(np.ldexp(np.asarray(A, dtype=np.float64), -ex))
        return bq, math.ldexp(br, ex)
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    k = min(m, n)
    d = certified(max(m, n))
    na = norm2(a)
    e = (2 * d * na + RESIDUAL_THRESHOLD * underflow_floor(max(m, n))) / (1 - d)
    s1 = singular_values(a[:, :k])
    if s1[-1] == 0:
        return math.inf, math.inf
    kappa = float(s1[0] / s1[-1])
    eps1 = math.sqrt(k) * e / float(s1[0])
    if not kappa * eps1 < 0.5:
        return math.inf, math.inf
    dq = math.sqrt(2) * kappa * eps1 / (1 - kappa * eps1)
    return 2 * (dq + math.sqrt(k) * d), 2 * (dq * (na + e) + math.sqrt(k) * e)


def qr_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Residual premises of both sides, then ``qr_bounds`` on ‖ΔQ‖_F and ‖ΔR‖_F."""
    a = np.asarray(A, dtype=np.float64)
    N = max(a.shape)
    worst = 0.0
    for Q, R in (ref, go):
        e_ = _exponent(a)
        worst = max(
            worst,
            factor_residual(np.ldexp(a, -e_), Q @ np.ldexp(R, -e_), e_) / RESIDUAL_THRESHOLD,
            orthonormality(Q, N) / RESIDUAL_THRESHOLD,
        )
    bq, br = qr_bounds(a)
    if not math.isfinite(bq):
        return worst
    dq = float(np.linalg.norm(np.asarray(ref[0]) - np.asarray(go[0])))
    e_ = _exponent(a)
    dr = math.ldexp(float(np.linalg.norm(np.ldexp(np.asarray(ref[1]) - np.asarray(go[1]), -e_))), e_)
    return max(worst, _q(dq, bq), _q(dr, br))


def cholesky_symmetric(A: ArrayLike) -> NDArray[np.float64]:
    """The symmetric matrix that Cholesky factors: A's lower triangle, mirrored."""
    a = np.asarray(A, dtype=np.float64)
    return np.tril(a) + np.tril(a, -1).T


def cholesky_bound(A: ArrayLike) -> float:
    """Bound on ‖L_ref − L_go‖_F for ``cholesky``.

    L̂ is lower triangular with a positive diagonal, so it is the exact
    Cholesky factor of L̂L̂ᵀ = A + E; the residual check gives ‖E‖₂ ≤ e =
    δ‖A‖₂ + T·floor (δ = ``certified``), ‖E‖_F ≤ √n·e. Sun's bound (BIT 31, 1991):
    ‖ΔL‖_F ≤ 2^(−1/2)·κ₂(A)·ε_F/(1 − κ₂(A)·ε₂)·‖L‖₂, ε = ‖E‖/‖A‖₂, with
    ‖L‖₂ = √‖A‖₂. Twice that between the sides; inf when κ₂(A)·ε₂ ≥ 1/2.
    """
    f = (_exponent(np.asarray(A, dtype=np.float64)) + 1) // 2
    if f > 0:  # L scales with the square root of A
        return math.ldexp(cholesky_bound(np.ldexp(np.asarray(A, dtype=np.float64), -2 * f)), f)
    a = cholesky_symmetric(A)
    n = a.shape[0]
    s = singular_values(a)
    if s[-1] == 0:
        return math.inf
    d = certified(n) + RESIDUAL_THRESHOLD * underflow_floor(n) / float(s[0])
    kappa = float(s[0] / s[-1])
    if not kappa * d < 0.5:
        return math.inf
    return 2 * math.sqrt(0.5) * kappa * math.sqrt(n) * d / (1 - kappa * d) * math.sqrt(float(s[0]))


def cholesky_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Residual premises (‖A − LLᵀ‖, A's lower triangle mirrored), then ``cholesky_bound``."""
    a = cholesky_symmetric(A)
    worst = 0.0
    for L in (ref, go):
        L = np.asarray(L, dtype=np.float64)
        e_ = _exponent(a)
        Ls = np.ldexp(L, -((e_ + 1) // 2))  # L scales with the square root of A
        f = 2 * ((e_ + 1) // 2)
        worst = max(worst, factor_residual(np.ldexp(a, -f), Ls @ Ls.T, f) / RESIDUAL_THRESHOLD)
    d = float(np.linalg.norm(np.asarray(ref) - np.asarray(go)))
    return max(worst, _q(d, cholesky_bound(A)))


def spectral_norm_bound(A: ArrayLike) -> float:
    """Bound for ``norm(A, 2)``: 2e (Weyl; e = ``svd_error``).

    Both sides compute σ₁ with the SVD whose residuals the svd checks hold
    below the threshold, so each is within e of the exact value.
    """
    ex = _exponent(np.asarray(A, dtype=np.float64))
    if ex > 0:
        return math.ldexp(spectral_norm_bound(np.ldexp(np.asarray(A, dtype=np.float64), -ex)), ex)
    a = np.asarray(A, dtype=np.float64)
    if a.size == 0 or not np.all(np.isfinite(a)):
        return 0.0
    return 2 * svd_error(a)


def truncated_bounds(A: ArrayLike, U: ArrayLike, s: ArrayLike, k: int) -> tuple[Any, Any, Any, float]:
    """Entrywise bounds for ``truncated_svd``'s (U_k, s_k, Vt_k, A_k).

    The triplets as ``svd_bounds`` (gaps measured over all singular values).
    A_k: per side, C = Q_UΣ̂Q_Vᵀ = A + E (``svd_error``); its rank-k part
    C_k = C·P̃ differs from A_k = A·P by ≤ e + σ₁·‖P̃ − P‖₂, where P, P̃
    project onto the top-k right singular subspaces: ‖P̃ − P‖₂ ≤
    √2·e/(σ̂ₖ − σ̂ₖ₊₁ − 3e) (Wedin; 0 for k = min(m, n), where C_k = C). The
    computed Û_kΣ̂_kV̂_kᵀ adds σ̂₁(2δ + δ²) for the non-orthogonality and
    γ_k·k·σ̂₁(1 + δ)² for the rounding of the products. Twice the sum between
    the sides; inf when the gap is below 6e.
    """
    ex = _exponent(np.asarray(A, dtype=np.float64))
    if ex > 0:
        bu, bs, bvt, bk = truncated_bounds(
            np.ldexp(np.asarray(A, dtype=np.float64), -ex), U, np.ldexp(s, -ex), k
        )
        return bu, np.ldexp(bs, ex), bvt, math.ldexp(bk, ex)
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    s_all = singular_values(a)
    e = svd_error(a)
    K = min(m, n)
    b_all = singular_vector_bounds(s_all, e, m != n)[:k]
    u = np.asarray(U, dtype=np.float64)
    bv = b_all.copy()
    for i in range(k):
        if not sign_decidable(u[:, i], b_all[i]):
            b_all[i] = bv[i] = math.inf
        if not float(s_all[i]) > 6 * e:
            bv[i] = math.inf  # as in svd_bounds
    bu = np.broadcast_to(b_all, (m, k)).copy()
    bvt = np.repeat(bv[:, None], n, axis=1)
    d = certified(max(m, n))
    s1 = float(s_all[0])
    if k < K:
        gap = float(s_all[k - 1] - s_all[k])
        if not gap > 6 * e:
            return bu, np.full(k, 2 * e), bvt, math.inf
        proj = s1 * math.sqrt(2) * e / (gap - 3 * e)
    else:
        proj = 0.0
    side = e + proj + s1 * (2 * d + d * d) + gamma(k) * k * s1 * (1 + d) ** 2
    return bu, np.full(k, 2 * e), bvt, 2 * side


def rank_decidable(s: ArrayLike, cutoff: float, e: float, rel: float) -> bool:
    """Whether both sides count the same singular values above the cutoff.

    Each side's σᵢ lies within 2e of the reference's, and its cutoff (rel
    times its own σ₁) within rel·2e of the reference's: the decision
    σᵢ > cutoff is the same on both sides unless some σ̂ᵢ lies within
    2e(1 + rel) above the cutoff or at most that far below it.
    """
    sv = np.asarray(s, dtype=np.float64)
    w = 2 * e * (1 + rel)
    return not bool(np.any((sv > cutoff - w) & (sv <= cutoff + w)))


def pinv_bound(A: ArrayLike, rcond: float) -> float:
    """Bound on ‖X_ref − X_go‖₂ for ``pinv(A, rcond)`` (inf when the rank is undecidable).

    With the rank r decided alike (``rank_decidable``), each side computes
    V̂_rΣ̂_r⁻¹Û_rᵀ from factors that are exact for C = A + E (``svd_error``).
    Wedin's bound for pseudo-inverses of equal rank (Stewart & Sun III.3,
    μ = √2) applied to the rank-r parts, ‖C_r − A_r‖₂ ≤ 2e + σᵣ₊₁ + σ̂ᵣ₊₁:
    ‖C_r⁺ − A_r⁺‖₂ ≤ √2·(3e + 2σ̂ᵣ₊₁)/((σ̂ᵣ − e)·σ̂ᵣ); the non-orthogonality
    of the factors adds (2δ + δ²)/σ̂ᵣ and the products' rounding
    γ_r·r·(1 + δ)²/σ̂ᵣ. Twice the sum between the sides. Computed for A/2^e
    (pinv(cA) = pinv(A)/c), so that products of tiny σ do not underflow.
    """
    a = np.asarray(A, dtype=np.float64)
    ex = _exponent(a)
    if ex:
        return float(np.ldexp(pinv_bound(np.ldexp(a, -ex), rcond), -ex))  # inf if it overflows
    m, n = a.shape
    s = singular_values(a)
    e = svd_error(a)
    cutoff = rcond * float(s[0])
    if not rank_decidable(s, cutoff, e, rcond):
        return math.inf
    r = int(np.sum(s > cutoff))
    if r == 0:
        return 0.0
    sr = float(s[r - 1])
    nxt = float(s[r]) if r < s.size else 0.0
    if not sr > 3 * e:
        return math.inf
    d = certified(max(m, n))
    side = (
        math.sqrt(2) * (3 * e + 2 * nxt) / ((sr - e) * sr)
        + (2 * d + d * d + gamma(r) * r * (1 + d) ** 2) / sr
    )
    return 2 * side


def lstsq_bound(A: ArrayLike, b: ArrayLike, rcond: float | None) -> float:
    """Bound on ‖x_ref − x_go‖₂ for ``lstsq``: ``pinv_bound``·‖b‖₂ plus rounding.

    numpy's dgelsd is backward stable (its x̂ is the truncated least-squares
    solution of a nearby problem), taken here with the same backward error
    as the SVD; the products x = V_r(Σ_r⁻¹(U_rᵀb)) round by at most
    (γ_m + γ_r)·r·‖b‖₂/σ̂ᵣ per side, and their underflow by (m/σ̂ᵣ + r)·η.
    Computed for A/2^e, as pinv_bound; scaling x back by 2^−e rounds once
    more where x is subnormal, η/2 per side.
    """
    a = np.asarray(A, dtype=np.float64)
    ex = _exponent(a)
    if ex:
        return float(np.ldexp(lstsq_bound(np.ldexp(a, -ex), b, rcond), -ex)) + ETA
    m, n = a.shape
    rc = max(m, n) * EPS if rcond is None or rcond < 0 else float(rcond)
    p = pinv_bound(a, rc)
    if not math.isfinite(p):
        return math.inf
    s = singular_values(a)
    r = int(np.sum(s > rc * float(s[0])))
    nb = norm2(np.asarray(b, dtype=np.float64).reshape(m, -1))
    rounding = 2 * (gamma(m) + gamma(max(r, 1))) * max(r, 1) * nb / float(s[r - 1]) if r else 0.0
    underflow = 2 * (m / float(s[r - 1]) + r) * ETA if r else 0.0
    return p * nb + rounding + underflow


def matrix_rank_bound(A: ArrayLike) -> float:
    """0 when the rank is decidable (``rank_decidable``), else inf (not judged)."""
    ex = _exponent(np.asarray(A, dtype=np.float64))
    if ex > 0:  # the rank is scale-free
        return matrix_rank_bound(np.ldexp(np.asarray(A, dtype=np.float64), -ex))
    a = np.asarray(A, dtype=np.float64)
    s = singular_values(a)
    rel = max(a.shape) * EPS
    return 0.0 if rank_decidable(s, rel * float(s[0]), svd_error(a), rel) else math.inf


def centring_error(X: ArrayLike) -> float:
    """Bound on ‖Xc_side − Xc‖₂ for the centred data of ``pca``, per side.

    Each column mean is a sum of N terms divided by N: error ≤ γ_{N+1}·
    mean|x| per column; the subtraction adds u·|xc| per entry. So
    ‖ΔXc‖₂ ≤ ‖ΔXc‖_F ≤ √N·‖γ_{N+1}·mean|X|‖₂ + u·‖Xc‖_F.
    """
    x = np.asarray(X, dtype=np.float64)
    N = x.shape[0]
    xc = x - x.mean(axis=0)
    return math.sqrt(N) * gamma(N + 1) * norm2(np.mean(np.abs(x), axis=0)) + U * norm2(xc.ravel())


def pca_ratio(X: ArrayLike, k: int, ref: Any, go: Any) -> float:
    """Worst ratio for two PCA results.

    The centred data of the two sides differ by ``centring_error`` each,
    which joins the SVD's backward error: e = svd_error(Xc) + centring_error.
    Components are right singular vectors (``singular_vector_bounds`` with
    that e, sign rule decided on U = projected/σ), the explained variances
    σ²/(N − 1) move by (2e·(2σ + 2e) + 4u·σ²)/(N − 1), and a column of
    projected = Xc·vᵢ by ‖Xc‖₂·bᵢ + 2·(centring_error + γ_d·√d·‖Xc‖_F).
    Clusters of repeated values compare the projectors of their components.
    """
    ex = _exponent(np.asarray(X, dtype=np.float64))
    if ex > 0:  # judged on X/2^e: variances scale by 2^-2e, projections by 2^-e

        def scaled(r: Any) -> tuple[Any, Any, Any]:
            return r[0], np.ldexp(r[1], -2 * ex), np.ldexp(r[2], -ex)

        return pca_ratio(np.ldexp(np.asarray(X, dtype=np.float64), -ex), k, scaled(ref), scaled(go))
    x = np.asarray(X, dtype=np.float64)
    N, dd = x.shape
    xc = x - x.mean(axis=0)
    e = svd_error(xc) + centring_error(x)
    s_all = singular_values(xc)
    comp_r, var_r, proj_r = (np.asarray(v, dtype=np.float64) for v in ref)
    comp_g, var_g, proj_g = (np.asarray(v, dtype=np.float64) for v in go)
    s = s_all[:k]
    worst = float(
        np.max(
            [
                _q(
                    abs(float(var_r[i] - var_g[i])),
                    (2 * e * (2 * s[i] + 2 * e) + 4 * U * s[i] ** 2) / (N - 1),
                )
                for i in range(k)
            ]
        )
    )
    b = singular_vector_bounds(s_all, e, N != dd)[:k]
    nxc = norm2(xc)
    extra = 2 * (centring_error(x) + gamma(dd) * math.sqrt(dd) * norm2(xc.ravel()))
    for i in range(k):
        if not math.isfinite(b[i]):
            continue
        sign = 1.0
        u = proj_r[:, i] / s[i] if s[i] > 0 else proj_r[:, i]
        if (not sign_decidable(u, b[i]) or not s[i] > 6 * e) and float(comp_r[i] @ comp_g[i]) < 0:
            sign = -1.0  # the rule is undecidable, or σ ≈ 0 ties no sign
        worst = max(
            worst,
            _q(norm2(comp_r[i] - sign * comp_g[i]), b[i]),
            _q(norm2(proj_r[:, i] - sign * proj_g[:, i]), nxc * b[i] + extra),
        )
    for g in clusters(s_all, e):
        if len(g) < 2 or max(g) >= k:
            continue
        bound = subspace_bound(s_all, g, e, N != dd, max(N, dd))
        if math.isfinite(bound):
            d = norm2(_projector(comp_r[g].T) - _projector(comp_g[g].T))
            worst = max(worst, _q(d, bound))
    return worst


def pca_bounds(X: ArrayLike, k: int, ref: Any) -> tuple[Any, Any, Any]:
    """Entrywise bounds for ``pca``, as ``pca_ratio`` derives them (the vectors' files)."""
    ex = _exponent(np.asarray(X, dtype=np.float64))
    if ex > 0:
        x_s = np.ldexp(np.asarray(X, dtype=np.float64), -ex)
        bc, bv, bp = pca_bounds(x_s, k, (ref[0], np.ldexp(ref[1], -2 * ex), np.ldexp(ref[2], -ex)))
        return bc, np.ldexp(bv, 2 * ex), np.ldexp(bp, ex)
    x = np.asarray(X, dtype=np.float64)
    N, dd = x.shape
    xc = x - x.mean(axis=0)
    e = svd_error(xc) + centring_error(x)
    s_all = singular_values(xc)
    s = s_all[:k]
    proj_r = np.asarray(ref[2], dtype=np.float64)
    b = singular_vector_bounds(s_all, e, N != dd)[:k]
    for i in range(k):
        u = proj_r[:, i] / s[i] if s[i] > 0 else proj_r[:, i]
        if not sign_decidable(u, b[i]) or not s[i] > 6 * e:
            b[i] = math.inf
    extra = 2 * (centring_error(x) + gamma(dd) * math.sqrt(dd) * norm2(xc.ravel()))
    var = (2 * e * (2 * s + 2 * e) + 4 * U * s**2) / (N - 1)
    proj = norm2(xc) * b + extra
    return np.repeat(b[:, None], dd, axis=1), var, np.broadcast_to(proj, (N, k)).copy()
