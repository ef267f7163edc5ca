"""Eigenvalue problems: eigh and eig, compared after canonical ordering."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..ref.eigen import TIE
from . import EPS, ETA, RESIDUAL_THRESHOLD, _exponent, _ldexp, gamma, norm2, ratio, ratios

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
    return float(RESIDUAL_THRESHOLD * a.shape[0] * (EPS * norm2(a) + ETA))


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


# ---- comparisons -------------------------------------------------------------------


def _column_ratio(diff: np.ndarray, bound: np.ndarray) -> float:
    """Worst ‖column of diff‖₂ / bound, with ``ratio``'s rules."""
    d = np.linalg.norm(diff, axis=0) if diff.size else np.zeros(0)
    return ratio(d, np.zeros_like(d), bound)


def ambiguous_pivots(V: np.ndarray, dv: np.ndarray) -> np.ndarray:
    """Columns whose canonical pivot the other side may choose differently.

    The pivot is the first component with |vᵢ| ≥ (1 − 2⁻²⁶)·max|v| (see
    ``twinmath.ref.eigen.pivots``). A vector known only to within dv may
    have another component cross that threshold on the other side when two
    components could qualify and one lies within 2·dv of the threshold (its
    own error and the maximum's). Then the two canonical forms may differ by
    a sign (a phase), though the eigenvectors agree: such a column is
    compared up to that factor, and the shared vectors do not judge it.
    Exact ties between well-determined components (dv far below 2⁻²⁶) are
    not ambiguous: both sides pick the first.
    """
    mag = np.abs(V)
    lim = mag.max(axis=0, initial=0.0) * (1 - TIE)
    with np.errstate(invalid="ignore"):
        cand = mag >= lim - 2 * dv
        near = np.abs(mag - lim) <= 2 * dv
    return np.asarray((np.sum(cand, axis=0) >= 2) & np.any(cand & near, axis=0))


def _vector_ratio(vr: np.ndarray, vg: np.ndarray, dv: np.ndarray) -> float:
    """Worst column ratio, ambiguous columns aligned in sign (phase) first."""
    diff = vr - vg
    for j in np.flatnonzero(ambiguous_pivots(vr, dv) & np.isfinite(dv)):
        c = np.vdot(vg[:, j], vr[:, j])
        if c != 0:
            diff[:, j] = vr[:, j] - vg[:, j] * (c / abs(c))
    return _column_ratio(diff, dv)


def _unpack(result: Any) -> tuple[np.ndarray, np.ndarray]:
    w, v = result
    return np.asarray(w), np.asarray(v)


def eigh_bounds(A: ArrayLike, ref: Any) -> tuple[Any, Any]:
    """Entrywise bounds for ``eigh``'s (w, V), from the reference's result.

    Eigenvectors whose canonical sign the other side may choose differently
    (``ambiguous_pivots``) are not judged entry by entry (inf).
    """
    w, v = _unpack(ref)
    dw, dv, _ = eigh_perturbation(A, w)
    dv = np.where(ambiguous_pivots(v, dv), np.inf, dv)
    return np.full(w.shape, dw), np.broadcast_to(dv, (w.size, w.size)).copy()


def eigh_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Eigenvalues entrywise, isolated eigenvectors by column, clusters by projector."""
    (wr, vr), (wg, vg) = _unpack(ref), _unpack(go)
    if wr.shape != wg.shape or vr.shape != vg.shape or wg.dtype != np.float64 or vg.dtype != np.float64:
        return math.inf
    dw, dv, clusters = eigh_perturbation(A, wr)
    q = max(ratio(wr, wg, dw), _vector_ratio(vr, vg, dv))
    for c, bound in clusters:
        pr, pg = vr[:, c] @ vr[:, c].T, vg[:, c] @ vg[:, c].T
        q = max(q, ratio(norm2(pr - pg), 0.0, bound))
    return q


def eig_bounds(A: ArrayLike, ref: Any) -> tuple[Any, Any]:
    """Entrywise bounds for ``eig``'s (w, V), from the reference's result (as ``eigh_bounds``)."""
    w, v = _unpack(ref)
    dw, dv, _ = eig_perturbation(A, w, v)
    dv = np.where(ambiguous_pivots(v, dv), np.inf, dv)
    return dw, np.broadcast_to(dv, (w.size, w.size)).copy()


def eig_ratio(A: ArrayLike, ref: Any, go: Any) -> float:
    """Like eigh_ratio, with spectral projectors X_C·(X⁻¹)_C for the clusters.

    The results are compared as complex numbers: a nearly double real
    eigenvalue may come out as a complex pair on one side only, and that is
    within the bound exactly when the bound allows it.
    """
    (wr, vr), (wg, vg) = _unpack(ref), _unpack(go)
    if wr.shape != wg.shape or vr.shape != vg.shape:
        return math.inf
    dw, dv, clusters = eig_perturbation(A, wr, vr)
    dwv = np.abs(wr.astype(np.complex128) - wg)
    q = max(ratio(dwv, np.zeros_like(dwv), dw), _vector_ratio(vr.astype(np.complex128), vg, dv))
    clusters = [(c, b) for c, b in clusters if math.isfinite(b)]
    if clusters:
        try:
            yr, yg = np.linalg.inv(vr), np.linalg.inv(vg)
        except np.linalg.LinAlgError:
            return math.inf  # the reference's basis is well-conditioned (finite bound): Go's must be too
        for c, bound in clusters:
            pr, pg = vr[:, c] @ yr[c], vg[:, c] @ yg[c]
            q = max(q, ratio(float(np.linalg.norm(pr - pg, 2)), 0.0, bound))
    return q


def eigvalsh_bound(A: ArrayLike, w: ArrayLike) -> NDArray[np.float64]:
    """Bound for ``eigvalsh``: the eigenvalue part of ``eigh_perturbation``."""
    wv = np.asarray(w, dtype=np.float64)
    if wv.size == 0:
        return np.zeros(0)
    return np.full(wv.shape, eigh_perturbation(A, wv)[0])


def eigvals_ratio(A: ArrayLike, ref_eig: Any, ref: Any, go: Any) -> float:
    """Eigenvalues alone, compared as complex numbers under ``eig_perturbation``.

    ``ref_eig`` is the reference's ``eig`` of A, whose eigenvalues are ``ref``
    and whose eigenbasis conditions the bound.
    """
    wr, wg = np.asarray(ref), np.asarray(go)
    if wr.shape != wg.shape:
        return math.inf
    if wr.size == 0:
        return 0.0
    w, v = _unpack(ref_eig)
    dw, _, _ = eig_perturbation(A, w, v)
    # Every pair (ref i, go j) judged under ref i's bound; the eigenvalues
    # are then matched as multisets (below).
    dwv = np.abs(wr.astype(np.complex128)[:, None] - wg.astype(np.complex128)[None, :])
    return bottleneck_match(ratios(dwv, np.zeros_like(dwv), np.asarray(dw)[:, None]))


def bottleneck_match(q: NDArray[np.float64]) -> float:
    """Return the least, over the pairings of rows with columns, of the worst ``q[i, j]`` paired.

    eigvals is compared as a multiset: the canonical order groups
    eigenvalues whose real parts lie within TIE·max|λ| and orders a group
    by imaginary part, so where a nearly defective eigenvalue comes out as
    a tiny complex pair on one side and as two reals on the other (both
    within the bound), the two sides may list a group in different orders.
    The pairing that minimises the worst ratio is found by bisecting on the
    sorted ratios, each threshold tested by augmenting-path matching.
    """
    n = q.shape[0]
    levels = np.unique(q)

    def matches(t: float) -> bool:
        ok = q <= t
        owner = [-1] * n  # owner[j]: the row paired with column j

        def augment(i: int, seen: list[bool]) -> bool:
            for j in np.flatnonzero(ok[i]):
                if not seen[j]:
                    seen[j] = True
                    if owner[j] < 0 or augment(owner[j], seen):
                        owner[j] = i
                        return True
            return False

        return all(augment(i, [False] * n) for i in range(n))

    lo, hi = 0, levels.size - 1
    while lo < hi:
        mid = (lo + hi) // 2
        if matches(float(levels[mid])):
            hi = mid
        else:
            lo = mid + 1
    return float(levels[lo])
