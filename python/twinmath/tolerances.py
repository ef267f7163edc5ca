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


def gamma(n: int) -> float:
    """Return γₙ = n·u / (1 − n·u), the error factor of n roundings (Higham §3.1)."""
    nu = max(n, 1) * U
    return nu / (1.0 - nu)


def alike(x: Any, y: Any) -> bool:
    """Return whether x and y are the same floats, entry by entry.

    NaN is alike NaN whatever its payload; +0.0 and −0.0 are not alike
    (as Go's math package tests compare).
    """
    a, b = np.asarray(x, dtype=np.float64), np.asarray(y, dtype=np.float64)
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

    The bound for elementwise transcendental functions: numpy's exp and Go's
    math.Exp are each within 1 ulp of the exact value but are different
    implementations, so they need not round alike.
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
    ord 2 and "fro" follow ``norm2_bound``; None is 2 or "fro".
    """
    x = np.asarray(v, dtype=np.float64)
    if ord is None:
        ord = 2 if x.ndim == 1 else "fro"
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


# ---- neural networks ---------------------------------------------------------

# The relative error of one side's sigmoid 1/(1 + e), e = exp(−x): exp is
# within 1 ulp (numpy's validation tables and Go's math.Exp both promise it),
# at most 2u relative; that error, seen relative to 1 + e, is at most
# 2u·e/(1 + e) ≤ 2u, and the sum and the division round once each: 4u to
# first order. Half a u more covers the second-order terms and bounds
# evaluated at the reference's values instead of the exact ones.
SIGMOID_REL = 4.5 * U

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
