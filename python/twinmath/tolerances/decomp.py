"""Decompositions: LU, QR, Cholesky, the SVD and what stands on it (pinv, lstsq, rank, PCA)."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import EPS, ETA, RESIDUAL_THRESHOLD, U, _exponent, alike, gamma, norm2, ratio, singular_values

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
    for side in (ref, go):
        Us, s, Vt = (np.asarray(x, dtype=np.float64) for x in side)
        e_ = _exponent(a)  # judged on A/2^e, so that the product cannot overflow
        ss = np.ldexp(s, -e_)
        if np.any(np.isposinf(s)):  # a σ beyond the range: the premise uses this module's σ
            ss = np.where(np.isposinf(s), singular_values(np.ldexp(a, -e_))[: ss.size], ss)
        product = (Us * ss) @ Vt
        worst = max(
            worst,
            factor_residual(np.ldexp(a, -e_), product, e_) / RESIDUAL_THRESHOLD,
            orthonormality(Us, N) / RESIDUAL_THRESHOLD,
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
        # A σ that rounded past the largest float on one side (+inf) stands
        # for the overflow threshold 2¹⁰²⁴, as ``ratio`` reads an infinity
        # facing a finite value: the exact σ lies within rounding of it.
        top = math.ldexp(1.0, 1024 - ex)

        def down(s: Any) -> NDArray[np.float64]:
            v = np.ldexp(np.asarray(s, dtype=np.float64), -ex)
            return np.where(np.isposinf(v), top, v)

        return svd_parts_ratio(sc, Ur, down(sr), Vtr, Ug, down(sg), Vtg)
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    e = svd_error(a)
    s_all = singular_values(a)
    Ur, sr, Vtr, Ug, sg, Vtg = (np.asarray(x, dtype=np.float64) for x in (Ur, sr, Vtr, Ug, sg, Vtg))
    k = sr.size
    ds = float(np.max(np.abs(_delta(sr, sg)), initial=0.0))
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


def _delta(a: Any, b: Any) -> NDArray[np.float64]:
    """a − b, with 0 where the two entries are alike (the same infinity, both NaN):
    results that overflowed alike count as equal (see ``lstsq``)."""
    x, y = np.asarray(a, dtype=np.float64), np.asarray(b, dtype=np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        return np.where((x == y) | (np.isnan(x) & np.isnan(y)), 0.0, x - y)


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
        Rs = np.ldexp(R, -e_)
        if np.any(np.isinf(R)):  # an entry beyond the range: the premise uses Qᵀ·A there
            Rs = np.where(np.isinf(R), np.asarray(Q).T @ np.ldexp(a, -e_), Rs)
        worst = max(
            worst,
            factor_residual(np.ldexp(a, -e_), Q @ Rs, e_) / RESIDUAL_THRESHOLD,
            orthonormality(Q, N) / RESIDUAL_THRESHOLD,
        )
    bq, br = qr_bounds(a)
    if not math.isfinite(bq):
        return worst
    dq = float(np.linalg.norm(np.asarray(ref[0]) - np.asarray(go[0])))
    e_ = _exponent(a)
    dr = math.ldexp(float(np.linalg.norm(np.ldexp(_delta(ref[1], go[1]), -e_))), e_)
    return max(worst, _q(dq, bq), _q(dr, br))


# ---- the completing columns of qr(mode="complete") and svd(full_matrices=True) ----
#
# For m ≠ n the complete factors hold columns beyond the first k = min(m, n)
# (of Q, of U, or of V): any orthonormal basis of the complement of the
# first k columns fits, so the two sides' need not be alike. What is
# determined is compared: the first k columns and the rest of the thin
# factorisation as the thin comparison does; then, on each side, that the
# whole factor is orthonormal (‖Q̂ᵀQ̂ − I‖₂ ≤ T·N·ε, the premise of the thin
# comparison extended to all columns) and that the completing columns Q̂₂
# are orthogonal to A's column space (``complement_bound``).


def complement_bound(A: ArrayLike, Q2: ArrayLike, b_norm: float, e: int = 0) -> float:
    """Bound on ‖fl(Q̂₂ᵀA)‖₂ for the completing columns Q̂₂ of a factorisation A ≈ Q̂₁B̂.

    The premises, checked beside it: ‖A − Q̂₁B̂‖₂ ≤ δ‖A‖₂ + T·floor (the
    residual check, δ = ``certified``, floor = ``underflow_floor``) and
    ‖Q̂ᵀQ̂ − I‖₂ ≤ δ for Q̂ = [Q̂₁ Q̂₂], so ‖Q̂₂ᵀQ̂₁‖₂ ≤ δ and ‖Q̂₂‖₂ ≤ √(1 + δ).
    Then Q̂₂ᵀA = (Q̂₂ᵀQ̂₁)·B̂ + Q̂₂ᵀ(A − Q̂₁B̂) gives

        ‖Q̂₂ᵀA‖₂ ≤ δ·‖B̂‖₂ + √(1 + δ)·(δ‖A‖₂ + T·floor)

    (B̂ = R̂ for QR, Σ̂V̂ᵀ for the SVD; ``b_norm`` its computed 2-norm), and
    the product's rounding adds γₘ·‖|Q̂₂ᵀ||A|‖₂ ≤ γₘ·‖Q̂₂‖_F·‖A‖_F (Higham
    §3.5). A is the caller's matrix times 2^−e (exactly), b_norm scaled
    alike, so the floor is that of the caller's matrix, scaled.
    """
    a = np.asarray(A, dtype=np.float64)
    q2 = np.asarray(Q2, dtype=np.float64)
    m, n = a.shape
    N = max(m, n)
    d = certified(N)
    floor = math.ldexp(RESIDUAL_THRESHOLD * underflow_floor(N), -e)
    exact = d * b_norm + math.sqrt(1 + d) * (d * norm2(a) + floor)
    return exact + gamma(m) * norm2(q2.ravel()) * norm2(a.ravel())


def complement_ratio(A: ArrayLike, Q2: ArrayLike, b_norm: float, e: int = 0) -> float:
    """‖fl(Q̂₂ᵀA)‖₂ / ``complement_bound`` (A, b_norm already scaled by 2^−e)."""
    a = np.asarray(A, dtype=np.float64)
    q2 = np.asarray(Q2, dtype=np.float64)
    if q2.shape[1] == 0:
        return 0.0
    return _q(norm2(q2.T @ a), complement_bound(a, q2, b_norm, e))


def qr_complete_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Compare ``qr(A, mode="complete")``: Q m×m, R m×n.

    The first k columns of Q and rows of R as ``qr_ratio`` (the reduced
    factors); R's rows below k must be zero on both sides; then on each
    side ‖Q̂ᵀQ̂ − I‖₂ ≤ T·N·ε over all m columns and ‖Q̂₂ᵀA‖₂ within
    ``complement_bound`` (B̂ = R̂).
    """
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    k = min(m, n)
    N = max(m, n)
    sides = [tuple(np.asarray(x, dtype=np.float64) for x in r) for r in (ref, go)]
    if any(Q.shape != (m, m) or R.shape != (m, n) for Q, R in sides):
        return math.inf
    worst = qr_ratio(a, *[(Q[:, :k], R[:k]) for Q, R in sides])
    e = _exponent(a)
    a_s = np.ldexp(a, -e)
    for Q, R in sides:
        if np.any(R[k:] != 0):
            return math.inf
        worst = max(worst, orthonormality(Q, N) / RESIDUAL_THRESHOLD)
        with np.errstate(over="ignore", invalid="ignore"):
            r_s = np.ldexp(R[:k], -e)
        if not np.all(np.isfinite(r_s)):  # an entry beyond the range: Q̂₁ᵀA stands for it
            r_s = Q[:, :k].T @ a_s
        worst = max(worst, complement_ratio(a_s, Q[:, k:], norm2(r_s), e))
    return worst


def svd_full_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Compare ``svd(A, full_matrices=True)``: U m×m, s, Vt n×n.

    The first k columns of U and rows of Vt, with s, as ``svd_ratio``; then
    on each side U and V orthonormal over all their columns and the
    completing ones orthogonal to A's column space (m > n: Û₂ᵀA, B̂ = Σ̂V̂₁ᵀ)
    or row space (m < n: V̂₂ᵀAᵀ, Aᵀ ≈ V̂₁·(Σ̂Û₁ᵀ)), within ``complement_bound``.
    """
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    k = min(m, n)
    N = max(m, n)
    sides = [tuple(np.asarray(x, dtype=np.float64) for x in r) for r in (ref, go)]
    if any(u.shape != (m, m) or s.shape != (k,) or vt.shape != (n, n) for u, s, vt in sides):
        return math.inf
    worst = svd_ratio(a, *[(u[:, :k], s, vt[:k]) for u, s, vt in sides])
    e = _exponent(a)
    a_s = np.ldexp(a, -e)
    for u, s, vt in sides:
        worst = max(
            worst, orthonormality(u, N) / RESIDUAL_THRESHOLD, orthonormality(vt.T, N) / RESIDUAL_THRESHOLD
        )
        with np.errstate(over="ignore"):
            s_s = np.ldexp(s, -e)
        if m > n:
            worst = max(worst, complement_ratio(a_s, u[:, k:], norm2(s_s[:, None] * vt[:k]), e))
        elif m < n:
            worst = max(worst, complement_ratio(a_s.T, vt[k:].T, norm2(s_s[:, None] * u[:, :k].T), e))
    return worst


# ---- qr(mode="raw"): LAPACK's packed reflectors ------------------------------------
#
# Both sides return dgeqrf's packed form, transposed (numpy's layout): h
# (n×m) holds R on and below its diagonal (h[j, i] = R[i, j], i ≤ j) and the
# tails of the reflectors vⱼ above it, τ their factors, Hⱼ = I − τⱼvⱼvⱼᵀ,
# vⱼ[j] = 1, A = H₀⋯Hₖ₋₁·R. The reflectors follow dlarfg on both sides
# (βⱼ = −sign(αⱼ)·‖x‖, so R's diagonal is not sign-normalised; τⱼ = 0 when
# the column below the diagonal is zero, else τⱼ ∈ [1, 2]).
#
# Compared: on each side, τ in dlarfg's range, and the factors the
# reflectors rebuild (``raw_factors``) pass the residual checks
# (‖A − Q̂R̂‖₂, ‖Q̂ᵀQ̂ − I‖₂ ≤ T·N·ε, as LAPACK's own test of dgeqrf forms
# Q with dorgqr); then the factors, brought to qr's canonical signs
# (diag(R) ≥ 0), as ``qr_ratio`` — R's part of h is ±R's rows, so where
# the two sides' signs agree it is compared entry by entry within
# ``qr_bounds``. The reflectors and τ themselves are judged through the Q
# they build: no perturbation bound for τ alone is derived here. Where
# the factors are judged (qr_bounds finite), the sides must choose the
# same sign βⱼ wherever it is decided: both reflect (τⱼ ≠ 0) and
# αⱼ = βⱼ·(1 − τⱼ) (dlarfg's τ) on the reference side exceeds R's bound.
# αⱼ is an entry of the partly reduced A, taken to move as R's entries
# do: a gate for where the sign is compared, not a derived bound. Below it
# rounding may choose either sign, and the canonical comparison alone
# applies.


def raw_factors(h: ArrayLike, tau: ArrayLike) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Return (Q m×k, R k×n) rebuilt from numpy's raw ``(h, tau)``: Q = H₀⋯Hₖ₋₁·[I; 0]."""
    ht = np.asarray(h, dtype=np.float64).T  # m×n, dgeqrf's layout
    t = np.asarray(tau, dtype=np.float64)
    m = ht.shape[0]
    k = t.size
    Q = np.eye(m, k)
    for j in reversed(range(k)):
        v = np.zeros(m)
        v[j] = 1.0
        v[j + 1 :] = ht[j + 1 :, j]
        Q -= t[j] * np.outer(v, v @ Q)
    return Q, np.triu(ht[:k])


def qr_raw_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Compare ``qr(A, mode="raw")`` (the rule above)."""
    a = np.asarray(A, dtype=np.float64)
    m, n = a.shape
    k = min(m, n)
    canon = []
    betas = []
    for h, tau in (ref, go):
        h, tau = np.asarray(h, dtype=np.float64), np.asarray(tau, dtype=np.float64)
        if h.shape != (n, m) or tau.shape != (k,):
            return math.inf
        if np.any((tau != 0) & ~((tau >= 1) & (tau <= 2))):
            return math.inf
        Q, R = raw_factors(h, tau)
        d = np.where(np.diag(R) < 0, -1.0, 1.0)
        canon.append((Q * d, R * d[:, None]))
        betas.append(np.diag(R))
    worst = qr_ratio(a, canon[0], canon[1])
    br = qr_bounds(a)[1]
    if math.isfinite(br):
        tau_r, tau_g = (np.asarray(x[1], dtype=np.float64) for x in (ref, go))
        with np.errstate(over="ignore", invalid="ignore"):
            alpha = betas[0] * (1 - tau_r)
        # τ = 0 on one side only: that side found the column below already
        # zero (within rounding of it, as the other's Q shows), so βⱼ = αⱼ
        # there; no sign to compare.
        decided = (np.abs(alpha) > br) & (tau_r != 0) & (tau_g != 0)
        if np.any(decided & (np.signbit(betas[0]) != np.signbit(betas[1]))):
            return math.inf
    return worst


def cholesky_symmetric(A: ArrayLike) -> NDArray[np.float64]:
    """The symmetric matrix that Cholesky factors: A's lower triangle, mirrored."""
    a = np.asarray(A, dtype=np.float64)
    return np.asarray(np.tril(a) + np.tril(a, -1).T, dtype=np.float64)


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


def semidefinite_within_rounding(A: ArrayLike) -> bool:
    """Whether ``cholesky`` may find A positive definite on one side only.

    Cholesky factors A + ΔA with |ΔA| ≤ γₙ₊₁·|L̂||L̂ᵀ| (Higham Thm 10.3), and
    ‖|L̂||L̂ᵀ|‖₂ ≤ n·‖A‖₂, so ‖ΔA‖₂ ≤ n·γₙ₊₁·‖A‖₂; a side can decide either
    way only if the smallest eigenvalue of the matrix it reads (the lower
    triangle mirrored) is within that of 0. The eigenvalues here carry their
    own error n·ε·‖A‖₂ (computed on A/max|A|), hence |λₙ| ≤ n·(γₙ₊₁ + ε)·‖A‖₂.
    """
    a = np.asarray(A, dtype=np.float64)
    n = a.shape[0] if a.ndim == 2 else 0
    if n == 0 or a.shape[1] != n or not np.all(np.isfinite(a)):
        return False
    m = float(np.max(np.abs(a)))
    if m == 0:
        return True
    with np.errstate(under="ignore"):
        w = np.linalg.eigvalsh(cholesky_symmetric(a / m))
    return bool(abs(float(w[0])) <= n * (gamma(n + 1) + EPS) * float(np.max(np.abs(w))))


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


def truncated_ratio(A: ArrayLike, k: int, r: Any, g: Any) -> float:
    """Compare ``truncated_svd``: the k triplets as ``svd_parts_ratio``, A_k by ``truncated_bounds``."""
    q = svd_parts_ratio(A, r[0], r[1], r[2], g[0], g[1], g[2])
    bound = truncated_bounds(A, r[0], r[1], k)[3]
    if not math.isfinite(bound):
        return q
    return max(q, ratio(np.asarray(r[3]), np.asarray(g[3]), bound))


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
    Go forms U_rᵀb for m ≥ n without U, applying to b the reflections and
    rotations that would build it (as dgelss does): the same operators,
    each applied with the rounding that forming U gives it (Higham,
    *Accuracy and Stability*, Lemma 19.3 and §19.6), so ĉ = Q_Uᵀb + f with
    ‖f‖₂ within the non-orthogonality δ·‖b‖₂ that ``pinv_bound`` already
    counts, and the products that remain, V_r(Σ_r⁻¹ĉ), round within γ_r·r.
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


def _matrix_ratio(bound: float, r: Any, g: Any) -> float:
    """Return ‖r − g‖₂ / bound for pinv and lstsq, 0 where no rounding bound exists."""
    if alike(r, g):
        return 0.0  # the same values, overflowed ones included
    if not math.isfinite(bound):
        return 0.0  # the rank is undecidable: no rounding bound exists
    x, y = np.asarray(r, dtype=np.float64), np.asarray(g, dtype=np.float64)
    if x.shape != y.shape:
        return math.inf
    # Entries that are alike (infinities that overflowed on both sides
    # included) differ by nothing, as in ``ratio``.
    with np.errstate(invalid="ignore"):
        d = np.where((x == y) | (np.isnan(x) & np.isnan(y)), 0.0, x - y)
    return _q(norm2(d), bound)


def pinv_ratio(A: ArrayLike, rcond: float, r: Any, g: Any) -> float:
    """Compare ``pinv``: ‖ΔA⁺‖₂ / ``pinv_bound``."""
    return _matrix_ratio(pinv_bound(A, rcond), r, g)


def lstsq_ratio(A: ArrayLike, b: ArrayLike, rcond: float | None, r: Any, g: Any) -> float:
    """Compare ``lstsq``: ‖Δx‖₂ / ``lstsq_bound``."""
    return _matrix_ratio(lstsq_bound(A, b, rcond), r, g)


# The overflow rule of pinv and lstsq. For a finite A both sides compute the
# result X' for A' = A·2⁻ᵉ (e = min(exponent of max|A|, 0), so A' is A or
# larger; X' is finite), then X = X'·2⁻ᵉ (pinv(cA) = pinv(A)/c), and refuse
# the call ("pinv: invalid input: the pseudo-inverse of A overflows",
# "lstsq: invalid input: the solution overflows") when an entry of X rounds
# to ±inf, i.e. when |x'ᵢⱼ|·2⁻ᵉ ≥ M + ulp(M)/2, M the largest float. The two
# sides' X' differ by at most β' = pinv_bound(A') (lstsq_bound for lstsq) in
# the 2-norm, so in every entry, and their X by β = β'·2⁻ᵉ. So where one side
# refused and the other returned X, the refusal is explained by rounding
# exactly when
#
#     M − max|X| ≤ β'·2⁻ᵉ     (the other's largest entry is within β of M)
#
# M − max|X| is exact where it matters (max|X| ≥ M/2, Sterbenz's lemma).
# β'·2⁻ᵉ = inf (beyond the range, or β' = inf: a rank decided by rounding,
# where one side may keep a singular value the other drops) explains any
# refusal, as such results are not judged either. Anything else is a
# disagreement: e.g. 1e-300·I, whose pseudo-inverse 1e300·I is far from M.
PINV_OVERFLOW = "pinv: invalid input: the pseudo-inverse of A overflows"
LSTSQ_OVERFLOW = "lstsq: invalid input: the solution overflows"


def overflow_within_rounding(
    A: ArrayLike, rcond: float | None, other: Any, b: ArrayLike | None = None
) -> bool:
    """Whether a refusal of ``pinv(A, rcond)`` (``lstsq(A, b, rcond)`` when b is given)
    as overflowing, facing the other side's result ``other``, lies within rounding
    of the overflow threshold (the rule above)."""
    a = np.asarray(A, dtype=np.float64)
    x = np.asarray(other, dtype=np.float64)
    if a.ndim != 2 or a.size == 0 or not np.isfinite(a).all() or x.size == 0 or not np.isfinite(x).all():
        return False
    e = min(_exponent(a), 0)
    a1 = np.ldexp(a, -e)  # exact: scaled up
    with np.errstate(all="ignore"):
        if b is None:
            beta = pinv_bound(a1, float(rcond if rcond is not None else 1e-15))
        else:
            beta = lstsq_bound(a1, b, rcond)
        slack = float(np.finfo(np.float64).max - np.max(np.abs(x)))
        reach = float(np.ldexp(np.float64(beta), -e))  # β = β'·2⁻ᵉ, inf beyond the range
    return bool(slack <= reach)


def lstsq_full_ratio(A: ArrayLike, b: ArrayLike, rcond: float | None, ref: Any, go: Any) -> float:
    """Compare ``lstsq(..., full=True)``: (x, residuals, rank, s), the worst part.

    x by ``lstsq_ratio``; s by ``svdvals_bound`` (Weyl); the rank must be the
    same wherever the rank is decidable (``lstsq_bound`` finite), and so must
    the residuals' shape (empty unless rank = n < m). The residuals
    ρⱼ² = ‖bⱼ − A·xⱼ‖² are the shared front's sums on each side's x: the
    residual vectors differ by ‖A·Δx‖ ≤ σ₁·β (β = ``lstsq_bound``) plus
    each side's rounding of b − A·x, γₙ₊₁·(‖bⱼ‖ + ‖A‖_F·‖xⱼ‖) (Higham
    §3.5), so by δⱼ = σ₁·β + 2·γₙ₊₁·(‖bⱼ‖ + ‖A‖_F·‖xⱼ‖); then
    |Δρⱼ²| ≤ (2ρⱼ + δⱼ)·δⱼ + 2·γₘ·ρⱼ² (the sums of squares, once per side).
    """
    a = np.asarray(A, dtype=np.float64)
    y = np.asarray(b, dtype=np.float64)
    m, n = a.shape
    with np.errstate(all="ignore"):
        worst = lstsq_ratio(a, y, rcond, ref[0], go[0])
        s = np.asarray(ref[3], dtype=np.float64)
        worst = max(
            worst, ratio(s, go[3], svdvals_bound(a)) if a.size else (0.0 if alike(s, go[3]) else math.inf)
        )
        beta = lstsq_bound(a, y, rcond) if a.size else 0.0
        if not math.isfinite(beta):
            return worst  # the rank is rounding's: rank and residuals are not judged
        if ref[2] != go[2]:
            return math.inf
        rr, rg = np.asarray(ref[1], dtype=np.float64), np.asarray(go[1], dtype=np.float64)
        if rr.shape != rg.shape:
            return math.inf
        if rr.size == 0:
            return worst
        x = np.asarray(ref[0], dtype=np.float64).reshape(n, -1)
        s1 = float(s[0]) if s.size else 0.0
        rho = np.sqrt(rr)
        delta = s1 * beta + 2 * gamma(n + 1) * (
            np.linalg.norm(y.reshape(m, -1), axis=0) + norm2(a.ravel()) * np.linalg.norm(x, axis=0)
        )
        bound = (2 * rho + delta) * delta + 2 * gamma(m) * rr
        return max(worst, ratio(rr, rg, bound))


def matrix_rank_bound(A: ArrayLike, tol: float | None = None, rtol: float | None = None) -> float:
    """0 when the rank of ``matrix_rank(A, tol, rtol=rtol)`` is decidable, else inf (not judged).

    The cutoff is the one in force for the call, numpy's: ``tol`` itself, or
    ``rtol``·σ₁, or max(m, n)·ε·σ₁ when neither is given. A fixed ``tol`` is
    the same number on both sides, so only the singular values move (within
    e each, ``svd_error``): the rank is decided alike unless some σᵢ lies
    within 2e of it (``rank_decidable`` with rel = 0). A relative cutoff
    rel·σ̂₁ moves with each side's σ̂₁ too, by at most |rel|·e: the window
    is 2e(1 + |rel|). For a hermitian call, A is the symmetric matrix the
    backends count on (its lower triangle mirrored); the caller passes that.
    """
    a = np.asarray(A, dtype=np.float64)
    if a.size == 0:
        return 0.0  # no singular value: rank 0 on both sides
    ex = _exponent(a)
    if ex > 0:  # the rank is scale-free; a fixed tol scales with A
        return matrix_rank_bound(np.ldexp(a, -ex), None if tol is None else math.ldexp(tol, -ex), rtol)
    s = singular_values(a)
    e = svd_error(a)
    if tol is not None:
        return 0.0 if rank_decidable(s, tol, e, 0.0) else math.inf
    rel = max(a.shape) * EPS if rtol is None else rtol
    return 0.0 if rank_decidable(s, rel * float(s[0]), e, abs(rel)) else math.inf


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
                    abs(float(_delta(var_r[i], var_g[i]))),
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
            _q(norm2(_delta(comp_r[i], sign * comp_g[i])), b[i]),
            _q(norm2(_delta(proj_r[:, i], sign * proj_g[:, i])), nxc * b[i] + extra),
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


def svdvals_bound(A: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``svdvals``, per value: 2e (Weyl; ``spectral_norm_bound``)."""
    a = np.asarray(A, dtype=np.float64)
    return np.full(min(a.shape), spectral_norm_bound(a))
