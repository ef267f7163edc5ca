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
