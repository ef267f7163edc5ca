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


def _exponent(a: NDArray[np.float64]) -> int:
    m = float(np.max(np.abs(a), initial=0.0))
    return int(np.frexp(m)[1]) if m > 0 and math.isfinite(m) else 0


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


def subspace_bound(s: ArrayLike, group: list[int], e: float, rectangular: bool) -> float:
    """Bound on ‖P_ref − P_go‖₂ for the projector onto a cluster's singular subspace.

    Wedin's theorem for subspaces: ‖sin Θ‖₂ ≤ √2·‖E‖/δ, δ the distance of the
    cluster's singular values to the rest (and to 0 when m ≠ n); for
    subspaces of equal dimension ‖P − P̃‖₂ = ‖sin Θ‖₂. Between the sides:
    2√2·e/(Ĝ − 3e). inf when the cluster is not separated by more than 6e.
    """
    sv = np.asarray(s, dtype=np.float64)
    inside = sv[group]
    rest = np.delete(sv, group)
    gap = float(np.min(np.abs(rest[:, None] - inside[None, :]))) if rest.size else math.inf
    if rectangular:
        gap = min(gap, float(np.min(inside)))
    if not gap > 6 * e:
        return math.inf
    return 2 * math.sqrt(2) * e / (gap - 3 * e) if math.isfinite(gap) else 0.0


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
        bound = subspace_bound(s_all, g, e, m != n)
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
    (γ_m + γ_r)·r·‖b‖₂/σ̂ᵣ per side. Computed for A/2^e, as pinv_bound.
    """
    a = np.asarray(A, dtype=np.float64)
    ex = _exponent(a)
    if ex:
        return float(np.ldexp(lstsq_bound(np.ldexp(a, -ex), b, rcond), -ex))
    m, n = a.shape
    rc = max(m, n) * EPS if rcond is None or rcond < 0 else float(rcond)
    p = pinv_bound(a, rc)
    if not math.isfinite(p):
        return math.inf
    s = singular_values(a)
    r = int(np.sum(s > rc * float(s[0])))
    nb = norm2(np.asarray(b, dtype=np.float64).reshape(m, -1))
    rounding = 2 * (gamma(m) + gamma(max(r, 1))) * max(r, 1) * nb / float(s[r - 1]) if r else 0.0
    return p * nb + rounding


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
        bound = subspace_bound(s_all, g, e, N != dd)
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
