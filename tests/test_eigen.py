"""Parity of eigh and eig: canonical forms, residuals, perturbation bounds, errors.

The matrix families are a tagged case table (as numpy's linalg tests keep
theirs): each case says whether its eigenvectors can be compared one by one
and, where not, why. Every case runs through both backends; each side's
residuals are held to LAPACK's threshold, and the two sides to the bounds of
``tolerances.eigen.eigh_perturbation`` / ``tolerances.eigen.eig_perturbation`` (which
compare invariant subspaces where eigenvalues cluster).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import layouts, moderate
from twinmath import tolerances as tol
from twinmath.parity import CHECKS
from twinmath.parity.eigen import (
    companion,
    graded,
    hilbert,
    jordan,
    orthogonal,
    rotation,
    with_eigenvalues,
)
from twinmath.ref.eigen import TIE, EighResult, EigResult, pivots

RNG = np.random.default_rng(20240611)


@dataclass(frozen=True)
class Case:
    """One matrix of the table; ``vectors`` is None when its eigenvectors
    compare one by one, else the reason they do not."""

    name: str
    A: np.ndarray
    tags: frozenset[str] = field(default_factory=frozenset)
    vectors: str | None = None
    eigenvalue: float | None = None  # the one eigenvalue of a Jordan block


def case(name, a, *tags, vectors=None, eigenvalue=None):
    return Case(name, np.asarray(a, dtype=np.float64), frozenset(tags), vectors, eigenvalue)


def _sym(a):
    return (a + a.T) / 2


REPEATED = "repeated eigenvalue: only the invariant subspace is determined (compared by its projector)"
DEFECTIVE = "defective eigenvalue: the eigenvectors are nearly parallel and not determined"
GRADED = "eigenvalues below η = 30nε‖A‖ ≈ 1e136 are not determined normwise"
CLOSE = "the two smallest eigenvalues (1e-13, 2e-11) are closer than 1000δ: compared as a subspace"

CASES = [
    # symmetric: for eigh and eig
    case("source example [[2,0],[0,3]]", [[2, 0], [0, 3]], "sym"),
    case("1x1", [[-7.5]], "sym"),
    case("2x2", _sym(RNG.standard_normal((2, 2))), "sym"),
    case("identity", np.eye(5), "sym", vectors=REPEATED),
    case("zero", np.zeros((4, 4)), "sym", vectors=REPEATED),
    case("diagonal", np.diag([3.0, -1.0, 2.0, 0.0]), "sym"),
    case("diagonal, repeated", np.diag([2.0, 1.0, 2.0, 2.0, -3.0]), "sym", vectors=REPEATED),
    case("rotated repeated", with_eigenvalues(RNG, [1.0, 1.0, 4.0, 4.0, 4.0, -1.0]), "sym", vectors=REPEATED),
    case("rank 2 of 7", (lambda b: b @ b.T)(RNG.standard_normal((7, 2))), "sym", vectors=REPEATED),
    case("graded 1e-150..1e150", graded(RNG, 7, symmetric=True), "sym", vectors=GRADED),
    case("nearly singular, κ = 1e12", with_eigenvalues(RNG, np.logspace(0, -12, 7)), "sym"),
    case("Hilbert 8", hilbert(8), "sym"),
    case("Hilbert 10", hilbert(10), "sym", vectors=CLOSE),
    case("tridiagonal (1, 2, 1)", 2 * np.eye(12) + np.eye(12, k=1) + np.eye(12, k=-1), "sym"),
    case("scaled 1e200", _sym(RNG.standard_normal((6, 6))) * 1e200, "sym"),
    case("scaled 1e-200", _sym(RNG.standard_normal((6, 6))) * 1e-200, "sym"),
    case("subnormal", _sym(RNG.standard_normal((4, 4))) * 1e-310, "sym"),
    case("normal 40", _sym(RNG.standard_normal((40, 40))), "sym"),
    # general: eig only
    case("[[1,2],[3,4]]", [[1, 2], [3, 4]]),
    case("rotation by 90°", rotation(0.0, 1.0), "complex"),
    case("rotation by 2 rad", rotation(math.cos(2.0), math.sin(2.0)), "complex"),
    case("companion (x-1)(x-2)(x-3)(x-4)", companion([1, 2, 3, 4])),
    case("companion (x²+1)(x²+4)", companion([1j, -1j, 2j, -2j]), "complex"),
    case("companion (x+2)(x²+2x+5)", companion([-2, -1 + 2j, -1 - 2j]), "complex"),
    case("upper triangular", np.triu(RNG.standard_normal((7, 7)))),
    case("lower triangular", np.tril(RNG.standard_normal((7, 7)))),
    case("cyclic permutation 6", np.roll(np.eye(6), 1, axis=0), "complex"),
    case(
        "rank 2 of 6, nonsymmetric",
        RNG.standard_normal((6, 2)) @ RNG.standard_normal((2, 6)),
        vectors=REPEATED,
    ),
    case("graded nonsymmetric", graded(RNG, 6, symmetric=False), vectors=GRADED),
    case("normal 30", RNG.standard_normal((30, 30)), "complex"),
    case("Jordan 2", jordan(3.0, 2), "jordan", vectors=DEFECTIVE, eigenvalue=3.0),
    case(
        "Jordan 3, rotated",
        (lambda q: q @ jordan(1.0, 3) @ q.T)(orthogonal(RNG, 3)),
        "jordan",
        vectors=DEFECTIVE,
        eigenvalue=1.0,
    ),
    case(
        "Jordan 5, rotated",
        (lambda q: q @ jordan(-2.0, 5) @ q.T)(orthogonal(RNG, 5)),
        "jordan",
        vectors=DEFECTIVE,
        eigenvalue=-2.0,
    ),
]
SYMMETRIC = [c for c in CASES if "sym" in c.tags]


def ids(cases):
    return [c.name for c in cases]


def eigh_canonical(w, V):
    """The canonical form of eigh: ascending, unit columns, pivots positive."""
    n = w.size
    assert w.dtype == V.dtype == np.float64
    assert np.all(np.diff(w) >= 0)
    assert np.all(np.abs(np.linalg.norm(V, axis=0) - 1) <= tol.RESIDUAL_THRESHOLD * n * tol.EPS)
    assert np.all(V[pivots(V), np.arange(n)] > 0)


def eig_canonical(w, V):
    """The canonical form of eig: sorted, unit columns, real positive pivots."""
    n = w.size
    assert w.dtype == V.dtype
    assert np.all(np.abs(np.linalg.norm(V, axis=0) - 1) <= tol.RESIDUAL_THRESHOLD * n * tol.EPS)
    top = V[pivots(V), np.arange(n)]
    assert np.all(top.real > 0) and np.all(np.imag(top) == 0)
    re, im = w.real, np.imag(w)
    big = float(np.max(np.abs(w), initial=0.0))
    # Real parts sorted and cut where neighbours differ by more than TIE·max|w|
    # give the groups of tied real parts (ties chain); the groups come in
    # ascending order, each one whole, ordered by imaginary part, then real part.
    srt = np.sort(re)
    starts = srt[1:][np.diff(srt) > TIE * big]
    group = np.searchsorted(starts, re, side="right")
    assert np.all(np.diff(group) >= 0)
    same = np.diff(group) == 0
    assert np.all(np.diff(im)[same] >= 0)
    assert np.all(np.diff(re)[same & (np.diff(im) == 0)] >= 0)
    if np.iscomplexobj(w):
        assert np.any(im != 0)  # complex only when some eigenvalue is not real
        real = im == 0
        assert np.all(np.imag(V[:, real]) == 0)  # real eigenvalues, real eigenvectors
    # No negative zeros (they would print as "-0.").
    for x in (w, V):
        for part in (x.real, np.imag(x)):
            assert not np.any((part == 0) & np.signbit(part))


# ---- the source material's example ----------------------------------------------


@pytest.mark.parametrize("backend", ["ref", "go"])
def test_source_example_exactly(backend):
    # np.linalg.eig([[2, 0], [0, 3]]) prints "Eigenvalues: [2. 3.]" and
    # "Eigenvectors: [[1. 0.]\n [0. 1.]]".
    tm = twinmath.backend(backend)
    w, V = tm.eig([[2, 0], [0, 3]])
    assert w.dtype == V.dtype == np.float64
    assert w.tolist() == [2.0, 3.0] and V.tolist() == [[1.0, 0.0], [0.0, 1.0]]
    assert str(w) == "[2. 3.]" and str(V) == "[[1. 0.]\n [0. 1.]]"
    w, V = tm.eigh([[2, 0], [0, 3]])
    assert w.tolist() == [2.0, 3.0] and V.tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_results_are_the_same_named_tuples(ref, go):
    a = [[2.0, 1.0], [1.0, 2.0]]
    assert type(ref.eigh(a)) is type(go.eigh(a)) is EighResult
    assert type(ref.eig(a)) is type(go.eig(a)) is EigResult
    w, V = go.eig(a)
    assert go.eig(a).w is not None and go.eig(a)._fields == ("w", "V")
    assert w.shape == (2,) and V.shape == (2, 2) and w.flags.c_contiguous and V.flags.c_contiguous


# ---- the case table ---------------------------------------------------------------


@pytest.mark.parametrize("c", SYMMETRIC, ids=ids(SYMMETRIC))
def test_eigh_families(ref, go, c):
    q = assert_parity(ref, go, "eigh", A=c.A)
    assert q <= 1
    for tm in (ref, go):
        w, V = tm.eigh(c.A)
        eigh_canonical(w, V)
        res, orth = tol.eigen.eigh_residuals(c.A, w, V)
        assert res <= tol.RESIDUAL_THRESHOLD and orth <= tol.RESIDUAL_THRESHOLD, (tm.__name__, res, orth)
    _, dv, clusters = tol.eigen.eigh_perturbation(c.A, ref.eigh(c.A).w)
    if c.vectors is None:
        assert np.all(np.isfinite(dv)), "every eigenvector should be compared"
    elif c.vectors in (REPEATED, CLOSE):
        assert clusters, "the repeated or close eigenvalues should form a cluster"


@pytest.mark.parametrize("c", CASES, ids=ids(CASES))
def test_eig_families(ref, go, c):
    assert_parity(ref, go, "eig", A=c.A)
    results = [tm.eig(c.A) for tm in (ref, go)]
    for (w, V), tm in zip(results, (ref, go), strict=True):
        eig_canonical(w, V)
        r = tol.eigen.eig_residual(c.A, w, V)
        assert r <= tol.RESIDUAL_THRESHOLD, (tm.__name__, r)
    (wr, vr), (wg, _) = results
    if c.vectors is None:
        # Simple eigenvalues: real or complex alike on both sides, as the
        # table says. (A multiple eigenvalue may split into a real pair on
        # one side and a complex pair on the other, within its bound.)
        assert wr.dtype == wg.dtype
        assert np.iscomplexobj(wr) == ("complex" in c.tags)
        dw, dv, _ = tol.eigen.eig_perturbation(c.A, wr, vr)
        assert np.all(np.isfinite(dw)) and np.all(np.isfinite(dv)), "every eigenpair should be compared"


JORDAN = [c for c in CASES if "jordan" in c.tags]


@pytest.mark.parametrize("c", JORDAN, ids=ids(JORDAN))
def test_defective_eigenvalues_within_holder_bound(ref, go, c):
    """A k×k Jordan block moves by up to (k·‖E‖)^(1/k) under a perturbation E.

    For J = λI + N (N the shift) and μ an eigenvalue of J + E with
    t = |μ − λ| ≤ 1, ‖(J − μI)⁻¹‖ ≤ Σ_{m<k} t^-(m+1) ≤ k/t^k, and
    1 ≤ ‖E‖·‖(J − μI)⁻¹‖ gives t ≤ (k‖E‖)^(1/k). An orthogonal similarity
    leaves ‖E‖ unchanged. Here E is each side's backward error (at most η,
    its residual test) plus the rounding of forming Q·J·Qᵀ from a Q
    orthogonal to working accuracy: at most 2γ_k·‖J‖ for the two products
    and 2k·ε·‖J‖ for ‖QᵀQ − I‖, so 4k·ε·‖J‖ with ‖J‖ ≤ |λ| + 1.
    The eigenvectors are not compared: see DEFECTIVE.
    """
    k, lam = c.A.shape[0], c.eigenvalue
    e = tol.eigen.eig_backward(c.A) + 4 * k * tol.EPS * (abs(lam) + 1)
    bound = (k * e) ** (1 / k)
    for tm in (ref, go):
        w = tm.eig(c.A).w
        assert np.max(np.abs(w - lam)) <= bound, (tm.__name__, w)


# ---- random matrices ----------------------------------------------------------------


def symmetric(max_n=12, elements=moderate):
    return (
        st.integers(1, max_n).flatmap(lambda n: hnp.arrays(np.float64, (n, n), elements=elements)).map(_sym)
    )


@st.composite
def scaled(draw, max_n=12, symmetric_=False):
    """A random matrix (normal entries) at a random scale from 1e-300 to 1e300."""
    n = draw(st.integers(1, max_n))
    seed = draw(st.integers(0, 2**32 - 1))
    a = np.random.default_rng(seed).standard_normal((n, n))
    return (_sym(a) if symmetric_ else a) * 10.0 ** draw(st.integers(-300, 300))


def numpy_backward_stable(ref, a) -> bool:
    """Whether numpy's eig meets the residual test on a.

    LAPACK's dgeev balances the matrix first, and on some badly scaled
    matrices (entries of 1 among entries of 1e-70) the scaling ruins the
    eigenvectors: their residual in A is ~1e14 times the threshold (James,
    Langou & Lowery, "On matrix balancing and eigenvector computation",
    2014). The parity bounds assume both sides backward stable, so such
    matrices only test the Go side, which notices and solves again without
    the scaling (go/eigen.go, backwardStable).
    """
    return tol.eigen.eig_residual(a, *ref.eig(a)) <= tol.RESIDUAL_THRESHOLD


@given(a=symmetric())
def test_eigh_random(ref, go, a):
    assert_parity(ref, go, "eigh", A=a)
    w, V = go.eigh(a)
    eigh_canonical(w, V)
    assert max(tol.eigen.eigh_residuals(a, w, V)) <= tol.RESIDUAL_THRESHOLD


@given(a=scaled(symmetric_=True))
def test_eigh_any_scale(ref, go, a):
    assert_parity(ref, go, "eigh", A=a)
    assert max(tol.eigen.eigh_residuals(a, *go.eigh(a))) <= tol.RESIDUAL_THRESHOLD


@given(
    a=hnp.arrays(
        np.float64,
        st.tuples(st.integers(1, 10), st.integers(1, 10)).map(lambda s: (s[0], s[0])),
        elements=moderate,
    )
)
def test_eig_random(ref, go, a):
    w, V = go.eig(a)
    eig_canonical(w, V)
    assert tol.eigen.eig_residual(a, w, V) <= tol.RESIDUAL_THRESHOLD
    if numpy_backward_stable(ref, a):
        assert_parity(ref, go, "eig", A=a)


@given(a=scaled())
def test_eig_any_scale(ref, go, a):
    assert tol.eigen.eig_residual(a, *go.eig(a)) <= tol.RESIDUAL_THRESHOLD
    if numpy_backward_stable(ref, a):
        assert_parity(ref, go, "eig", A=a)


@given(
    a=st.integers(1, 8).flatmap(
        lambda n: hnp.arrays(np.float64, (n, n), elements=st.integers(-3, 3).map(float))
    )
)
def test_eig_small_integer_matrices(ref, go, a):
    # Integer entries give repeated, defective and exactly-zero eigenvalues
    # and exact ties far more often than normal entries do.
    assert_parity(ref, go, "eig", A=a)
    assert_parity(ref, go, "eigh", A=a)
    for tm in (ref, go):
        assert tol.eigen.eig_residual(a, *tm.eig(a)) <= tol.RESIDUAL_THRESHOLD
        assert max(tol.eigen.eigh_residuals(a, *tm.eigh(a))) <= tol.RESIDUAL_THRESHOLD


def test_balancing_that_ruins_eigenvectors(ref, go):
    # The matrix hypothesis found: 4.1e-72 everywhere, 1 at (0, 1) and (4, 4).
    a = np.full((10, 10), 4.10013526e-72)
    a[0, 1] = a[4, 4] = 1.0
    assert not numpy_backward_stable(ref, a)  # numpy's eig fails its residual test here
    w, V = go.eig(a)
    assert tol.eigen.eig_residual(a, w, V) <= tol.RESIDUAL_THRESHOLD
    eig_canonical(w, V)
    # The eigenvalues are well determined all the same: 1 is simple and far
    # from the others, which lie within η of 0.
    assert np.sum(np.abs(w - 1) <= tol.eigen.eig_backward(a)) == 1
    assert np.sum(np.abs(w) <= 10 * tol.eigen.eig_backward(a)) == 9


# ---- properties with an independent oracle ---------------------------------------------


@given(a=symmetric(10))
def test_eigh_invariants(go, a):
    """Σλ = tr A and Σλ² = ‖A‖_F².

    Each computed λ̂ᵢ is within δ of λᵢ (tolerances.eigen.eigh_perturbation, whose
    two-sided bound is 2δ), so the sums differ by at most n·δ and
    2n·δ·max|λ| + n·δ², plus the rounding of the sums themselves (γ per
    term count) and the underflow of the n + n² squares (η₀ each).
    """
    w = go.eigh(a).w
    n = a.shape[0]
    delta = tol.eigen.eigh_perturbation(a, w)[0] / 2
    sums = np.sum(np.abs(w)) + np.sum(np.abs(np.diag(a)))
    assert abs(np.sum(w) - np.trace(a)) <= n * delta + tol.gamma(n) * sums
    fro = float(np.sum(a * a))
    big = float(np.max(np.abs(w)))
    squares = tol.gamma(n * n + 1) * 2 * fro + (n * n + n) * tol.ETA
    assert abs(np.sum(w * w) - fro) <= 2 * n * delta * big + n * delta**2 + squares


@given(a=symmetric(8), data=st.data())
def test_eigh_is_invariant_under_orthogonal_similarity(go, a, data):
    # QᵀAQ has the eigenvalues of A: by Weyl, within 2η (plus the rounding of
    # forming QᵀAQ, at most γ_2n·n‖A‖₂ in norm).
    n = a.shape[0]
    q = orthogonal(np.random.default_rng(data.draw(st.integers(0, 2**32 - 1))), n)
    b = _sym(q.T @ a @ q)
    nrm = tol.norm2(a)
    bound = tol.eigen.eig_backward(a) + tol.eigen.eig_backward(b) + tol.gamma(2 * n) * n * nrm
    assert np.max(np.abs(go.eigh(a).w - go.eigh(b).w)) <= bound


@given(a=symmetric(8), c=st.floats(-100, 100))
def test_eig_shift(go, a, c):
    # eig(A + cI) = eig(A) + c, for a symmetric A (well-conditioned eigenvalues,
    # κ = 1): within the sum of both backward errors and the rounding of A + cI.
    # Per side, Gershgorin with κ = 1 (orthonormal eigenvectors) puts each
    # eigenvalue within √n·η; forming A + cI and λ + c rounds by at most
    # ε·(‖A‖ + |c|) each.
    n = a.shape[0]
    b = a + c * np.eye(n)
    wa, wb = go.eig(a).w, go.eig(b).w
    bound = math.sqrt(n) * (tol.eigen.eig_backward(a) + tol.eigen.eig_backward(b)) + 2 * tol.EPS * (
        tol.norm2(a) + abs(c)
    )
    assert np.max(np.abs(wa + c - wb)) <= bound


@pytest.mark.parametrize(
    ("roots", "name"),
    [
        ([1, 2, 3, 4, 5], "1..5"),
        ([1j, -1j, 2j, -2j, 3], "±i, ±2i, 3"),
        ([-1 + 1j, -1 - 1j, 0.5, -0.5], "-1±i, ±0.5"),
    ],
)
def test_companion_roots(go, ref, roots, name):
    """The eigenvalues of a companion matrix are the roots of its polynomial.

    Each root is simple, so it moves by at most κᵢ·η to first order (κ from
    the exact left and right eigenvectors of the companion matrix, here
    estimated by tolerances.eigen.eig_perturbation from the reference's result).
    """
    a = companion(roots)
    expected = np.sort_complex(np.asarray(roots, dtype=np.complex128))
    for tm in (ref, go):
        w, V = tm.eig(a)
        dw, _, _ = tol.eigen.eig_perturbation(a, w, V)
        got = np.asarray(w, dtype=np.complex128)
        for x, b in zip(got, dw, strict=True):
            assert np.min(np.abs(expected - x)) <= b / 2, (tm.__name__, got)


def test_pca_relation(go, ref):
    """Principal directions are eigenvectors of the covariance matrix, and the
    eigenvalues are the variance along them.

    Samples x = s₁·u₁ + s₂·u₂ with orthonormal u and independent s of
    variances 9 and 1: the covariance is 9·u₁u₁ᵀ + u₂u₂ᵀ up to sampling
    error, whose relative size over 20000 samples is about √(2/20000) = 1%.
    """
    rng = np.random.default_rng(3)
    u = orthogonal(rng, 2)
    s = rng.standard_normal((20000, 2)) * [3.0, 1.0]
    x = s @ u.T
    cov = np.cov(x, rowvar=False)
    for tm in (ref, go):
        w, V = tm.eigh(cov)
        assert w[1] == pytest.approx(9.0, rel=0.05) and w[0] == pytest.approx(1.0, rel=0.05)
        assert abs(abs(V[:, 1] @ u[:, 0]) - 1) < 0.01  # the top eigenvector is u₁, up to sign
        # The projections on the eigenvectors are uncorrelated, with variances w.
        p = (x - x.mean(axis=0)) @ V
        assert np.allclose(np.cov(p, rowvar=False), np.diag(w), atol=1e-9)


# ---- canonical forms: ties and real/complex ---------------------------------------------


@pytest.mark.parametrize(
    "a",
    [
        [[2, 1], [1, 2]],  # eigenvectors (1, ±1)/√2: pivots tie
        [[0, 1, 1, 1], [1, 0, 1, 1], [1, 1, 0, 1], [1, 1, 1, 0]],  # (1,1,1,1)/2 and a 3-fold eigenvalue
        [[1, 1, 0], [1, 1, 0], [0, 0, 2]],
    ],
)
def test_exact_ties_resolve_alike(ref, go, a):
    # Magnitudes equal in exact arithmetic differ in the last bits between
    # the backends; within the relative tie 2⁻²⁶ the first component is the
    # pivot on both sides, so the signs agree.
    for op in ("eigh", "eig"):
        r, g = getattr(ref, op)(a), getattr(go, op)(a)
        assert_parity(ref, go, op, A=a)
        if op == "eigh":
            dv = tol.eigen.eigh_perturbation(a, r.w)[1]
        else:
            dv = tol.eigen.eig_perturbation(a, r.w, r.V)[1]
        single = np.isfinite(dv)
        assert not np.any(tol.eigen.ambiguous_pivots(r.V, dv)[single])  # well determined: the tie is exact
        assert np.array_equal(pivots(r.V)[single], pivots(g.V)[single])


def test_rotation_ties(ref, go):
    # Eigenvectors (1, ∓i)/√2 of the rotation by 90°: both components have
    # magnitude 1/√2; the first is made real and positive.
    for tm in (ref, go):
        w, V = tm.eig([[0, -1], [1, 0]])
        assert np.allclose(w, [-1j, 1j], rtol=0, atol=2 * tol.EPS)
        s = math.sqrt(0.5)
        want: list[list[complex]] = [[s, s], [1j * s, -1j * s]]
        assert np.allclose(V, want, rtol=0, atol=2 * tol.EPS)


def test_real_and_complex_results(ref, go):
    # Results are float64 exactly when every eigenvalue's imaginary part is 0.
    for a, complex_ in (
        ([[1, 2], [3, 4]], False),
        ([[1, -2], [3, 4]], True),  # 5² − 4·10 < 0: a conjugate pair
        ([[0, 0, 1], [1, 0, 0], [0, 1, 0]], True),
        (np.triu(np.ones((4, 4))), False),
    ):
        for tm in (ref, go):
            w, V = tm.eig(a)
            assert np.iscomplexobj(w) == np.iscomplexobj(V) == complex_, (tm.__name__, a)


def test_conjugate_pair_lost_to_underflow(ref, go):
    # Found by hypothesis: scaled back from 2¹⁰²⁶ times its size, a pair
    # ±i·1e-326 of this matrix underflows to a double real eigenvalue. Both
    # results are then real (numpy keeps the real parts of the pair's
    # eigenvectors, Go the real and the imaginary part, which span the
    # eigenspace), in canonical form, with small residuals.
    a = np.full((8, 8), 1e-310)
    a[2, 2] = 0.0
    for tm in (ref, go):
        w, V = tm.eig(a)
        eig_canonical(w, V)
        assert tol.eigen.eig_residual(a, w, V) <= tol.RESIDUAL_THRESHOLD
    assert_parity(ref, go, "eig", A=a)


def test_eig_order_groups_tied_real_parts():
    from twinmath.ref.eigen import eig_order

    # Real parts equal up to rounding order by imaginary part: ±2i, ±i.
    w = np.array([1e-17 + 1j, -1e-17 - 2j, 0 - 1j, 2e-17 + 2j, 5.0])
    assert eig_order(w).tolist() == [1, 2, 0, 3, 4]
    # Distinct real parts order by real part whatever the imaginary parts.
    w = np.array([2 + 1j, 1 - 1j, 1 + 1j, 0.0])
    assert eig_order(w).tolist() == [3, 1, 2, 0]


# ---- what is read, what is refused --------------------------------------------------------


@given(a=hnp.arrays(np.float64, (5, 5), elements=moderate))
def test_eigh_reads_the_lower_triangle(ref, go, a):
    s = a.copy()
    upper = np.triu_indices(5, 1)
    s[upper] = a.T[upper]  # the lower triangle mirrored, ±0 and all
    for tm in (ref, go):
        w1, v1 = tm.eigh(a)
        w2, v2 = tm.eigh(s)
        assert tol.alike(w1, w2) and tol.alike(v1, v2)  # the same input, bit for bit
    assert_parity(ref, go, "eigh", A=a)


@given(a=hnp.arrays(np.float64, (4, 4), elements=moderate), data=st.data())
def test_input_layouts(ref, go, a, data):
    x = data.draw(layouts(a))
    for op in ("eigh", "eig"):
        for tm in (ref, go):
            r1, r2 = getattr(tm, op)(a), getattr(tm, op)(x)
            for p1, p2 in zip(r1, r2, strict=True):
                assert p1.dtype == p2.dtype
                assert tol.alike(p1.real, p2.real) and tol.alike(np.imag(p1), np.imag(p2))


@pytest.mark.parametrize("op", ["eigh", "eig"])
def test_errors(ref, go, op):
    cases = {
        f"{op}: shape mismatch: A must be square, got 2x3": np.ones((2, 3)),
        f"{op}: invalid input: A contains NaN or Inf": [[1.0, 0.0], [math.nan, 1.0]],
        f"{op}: shape mismatch: A must be at least 2-D, got shape (3,)": [1.0, 2.0, 3.0],
    }
    for message, a in cases.items():
        err = assert_same_error(ref, go, op, {"A": a})
        assert str(err) == message
    err = assert_same_error(ref, go, op, {"A": [[1.0, math.inf], [0.0, 1.0]]})
    assert type(err) is ValueError  # the upper triangle too, for eigh
    with pytest.raises(TypeError):
        getattr(go, op)([[1j, 0], [0, 1]])
    with pytest.raises(TypeError):
        getattr(ref, op)([[1j, 0], [0, 1]])


@pytest.mark.parametrize(("op", "numpy_fn"), [("eigh", "eigh"), ("eig", "eig")])
def test_reference_reports_no_convergence(ref, monkeypatch, op, numpy_fn):
    # numpy raises LinAlgError when LAPACK's iteration fails; the reference
    # turns it into the ConvergenceError the Go package returns (tested in
    # go/eigen_test.go with the iteration limit lowered).
    def fail(*args, **kwargs):
        raise np.linalg.LinAlgError("Eigenvalues did not converge")

    monkeypatch.setattr(np.linalg, numpy_fn, fail)
    with pytest.raises(
        twinmath.ConvergenceError, match=f"^{op}: no convergence: eigenvalues did not converge$"
    ):
        getattr(ref, op)([[1.0, 2.0], [3.0, 4.0]])


# ---- the bounds can fail -------------------------------------------------------------------


def test_comparison_catches_wrong_results(ref, go):
    a = RNG.standard_normal((6, 6))
    s = _sym(a)
    for op, m in (("eigh", s), ("eig", a)):
        check, r = CHECKS[op], getattr(ref, op)(m)
        w, V = r.w.copy(), r.V.copy()
        assert check.ratio({"A": m}, r, r) == 0
        # An eigenvector with the other sign (or phase).
        V2 = V.copy()
        V2[:, 2] *= -1
        assert check.ratio({"A": m}, r, type(r)(w, V2)) > 1
        # An eigenvalue moved by ten times its bound.
        dw = check.entry_bound({"A": m}, r)[0]
        w2 = w.copy()
        w2[1] += 10 * dw[1]
        assert check.ratio({"A": m}, r, type(r)(w2, V)) > 1
        # Two eigenpairs swapped.
        order = [1, 0, 2, 3, 4, 5]
        assert check.ratio({"A": m}, r, type(r)(w[order], V[:, order])) > 1


def test_subspace_comparison_catches_a_wrong_subspace(ref):
    # A rotated repeated eigenvalue: any basis of its eigenspace is right,
    # but a vector from outside it is not.
    a = with_eigenvalues(np.random.default_rng(5), [1.0, 1.0, 3.0, 5.0])
    r = ref.eigh(a)
    V = r.V.copy()
    c, s = math.cos(0.3), math.sin(0.3)
    V[:, [0, 1]] = V[:, [0, 1]] @ [[c, -s], [s, c]]  # another basis of the same subspace
    assert CHECKS["eigh"].ratio({"A": a}, r, EighResult(r.w, V)) <= 1
    V[:, [1, 2]] = V[:, [2, 1]]  # a vector of eigenvalue 3 in the eigenspace of 1
    assert CHECKS["eigh"].ratio({"A": a}, r, EighResult(r.w, V)) > 1


# ---- large fixed cases ----------------------------------------------------------------------


@pytest.mark.parametrize("n", [100, 300])
def test_large(ref, go, n):
    rng = np.random.default_rng(n)
    a = rng.standard_normal((n, n))
    s = _sym(a)
    assert_parity(ref, go, "eigh", A=s)
    assert_parity(ref, go, "eig", A=a)
    assert max(tol.eigen.eigh_residuals(s, *go.eigh(s))) <= tol.RESIDUAL_THRESHOLD
    assert tol.eigen.eig_residual(a, *go.eig(a)) <= tol.RESIDUAL_THRESHOLD
