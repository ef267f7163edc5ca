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

    - ``dw[i]`` bounds |Δλᵢ|. Each side's eigenvalues are those of A + E,
      ‖E‖₂ ≤ η, i.e. of diag(λ) + X⁻¹EX, whose row i sums to at most
      rᵢ = √n·‖X‖₂·κᵢ·η in magnitude. By Gershgorin's theorem a disc
      D(λᵢ, rᵢ) disjoint from the others holds exactly one eigenvalue of
      A + E: dw = 2rᵢ (the discs are judged disjoint when the centres, each
      within r of an exact eigenvalue, are more than 2(rᵢ + rⱼ) apart). A
      connected group of overlapping discs holds as many eigenvalues as
      discs: dw is the group's diameter plus 4·max r.
    - ``dv[i]`` bounds ‖Δvᵢ‖₂ for an isolated λᵢ (inf otherwise). To first
      order the eigenvector of A + E is xᵢ + Σⱼ (yⱼᴴExᵢ/(λᵢ − λⱼ))·xⱼ/(yⱼᴴxⱼ),
      off by at most dᵢ = η·Σ_{j≠i} κⱼ/|λᵢ − λⱼ|; scaling to unit norm at
      most doubles that, and the canonical phase (a sign for a real vector)
      adds 2/|x_p| ≤ 2√n times it for a complex vector, whose pivot p has
      |x_p| ≥ 1/√n. Two sides: dv = 2·2dᵢ for a real eigenvector,
      2·2dᵢ·(1 + 2√n) for a complex one; inf unless dᵢ < 1.
    - ``clusters``: for each group of two or more (but not all) overlapping
      discs, its indices and a bound on ‖P_ref − P_go‖₂ for the spectral
      projector P = X_C·(X⁻¹)_C onto its invariant subspace. To first order
      ΔP = Σ_{i∈C, j∉C} (PᵢEPⱼ + PⱼEPᵢ)/(λᵢ − λⱼ) with ‖Pᵢ‖ = κᵢ, at most
      2η·Σ κᵢκⱼ/|λᵢ − λⱼ| per side; forming X⁻¹ adds about n·ε·κ₂(X)² per
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
            kappa = np.minimum(kappa, np.linalg.norm(np.linalg.inv(x), axis=1))
        r = math.sqrt(n) * nx * kappa * eta
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
                d = float(np.sum(kappa[out] * (eta / dist[i, out])))
                factor = 4.0 if lam[i].imag == 0 else 4.0 * (1 + 2 * math.sqrt(n))
                dv[i] = factor * d if d < 1 else np.inf
                continue
            dw[c] = float(np.max(dist[np.ix_(c, c)])) + 4 * float(np.max(r[c]))
            if not out:
                continue  # the projector of the whole spectrum is I on both sides
            s = sum(float(np.sum(kappa[i] * kappa[out] * (eta / dist[i, out]))) for i in c)
            bound = 2 * (2 * s + n * EPS * cond**2)
            clusters.append((c, bound if bound < 1 else math.inf))
    return np.asarray(dw, dtype=np.float64), np.asarray(dv, dtype=np.float64), clusters
