"""Parity of the decompositions: lu, qr, cholesky, svd, truncated_svd, pinv,
lstsq, matrix_rank, pca, and the spectral norm."""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error, outcomes
from hypothesis import given
from hypothesis import strategies as st
from strategies import matrices, moderate, square, wide
from twinmath import tolerances as tol
from twinmath.parity import CHECKS
from twinmath.parity.decomp import families, hilbert, with_singular_values
from twinmath.ref.decomp import LUResult, PCAResult, QRResult, SVDResult, TruncatedSVDResult

T = tol.RESIDUAL_THRESHOLD
shapes = st.integers(1, 12)
any_matrix = matrices(shapes, shapes, st.one_of(moderate, wide))


def residuals(op: str, A, result) -> list[float]:
    """LAPACK's test ratios for one result: each must stay below T."""
    a = np.asarray(A, dtype=np.float64)
    N = max(a.shape)
    e = tol._exponent(a)
    a_s = np.ldexp(a, -e)  # the ratios are scale-free; this keeps products finite
    if op == "lu":
        P, L, U = result
        return [tol.decomp.factor_residual(a_s, P @ L @ np.ldexp(U, -e), e)]
    if op == "qr":
        Q, R = result
        return [tol.decomp.factor_residual(a_s, Q @ np.ldexp(R, -e), e), tol.decomp.orthonormality(Q, N)]
    if op == "svd":
        U, s, Vt = result
        return [
            tol.decomp.factor_residual(a_s, (U * np.ldexp(s, -e)) @ Vt, e),
            tol.decomp.orthonormality(U, N),
            tol.decomp.orthonormality(Vt.T, N),
        ]
    raise ValueError(op)


# ---- parity on random matrices ----------------------------------------------


@pytest.mark.parametrize("op", ["lu", "qr", "svd"])
@given(a=any_matrix)
def test_factorisations(ref, go, op, a):
    assert_parity(ref, go, op, A=a)
    for tm in (ref, go):
        assert max(residuals(op, a, getattr(tm, op)(a))) <= T


@given(a=any_matrix, data=st.data())
def test_truncated_svd(ref, go, a, data):
    k = data.draw(st.integers(1, min(a.shape)))
    assert_parity(ref, go, "truncated_svd", A=a, k=k)


@given(a=matrices(shapes, shapes, moderate), rcond=st.sampled_from([1e-15, 1e-8, 0.0, 0.3]))
def test_pinv(ref, go, a, rcond):
    assert_parity(ref, go, "pinv", A=a, rcond=rcond)


@given(a=matrices(shapes, shapes, moderate), k=st.integers(1, 3), data=st.data())
def test_lstsq(ref, go, a, k, data):
    b = data.draw(matrices(st.just(a.shape[0]), st.just(k), moderate))
    assert_parity(ref, go, "lstsq", A=a, b=b, rcond=-1.0)
    assert_parity(ref, go, "lstsq", A=a, b=b[:, 0], rcond=-1.0)


@given(a=any_matrix)
def test_matrix_rank(ref, go, a):
    assert_parity(ref, go, "matrix_rank", A=a)
    assert isinstance(go.matrix_rank(a), int) and isinstance(ref.matrix_rank(a), int)


@st.composite
def spd(draw, max_n=12):
    """BBᵀ + c·I: symmetric positive definite, of condition up to about 1e6."""
    b = draw(matrices(st.just(draw(st.integers(1, max_n))), st.just(draw(st.integers(1, max_n))), moderate))
    n = b.shape[0]
    gram = b @ b.T
    c = draw(st.sampled_from([1e-6, 1e-2, 1.0])) * max(float(np.trace(gram)), 1.0)
    return gram + c * np.eye(n)


@given(a=spd())
def test_cholesky(ref, go, a):
    assert_parity(ref, go, "cholesky", A=a)
    for tm in (ref, go):
        L = tm.cholesky(a)
        assert np.all(np.triu(L, 1) == 0) and np.all(np.diag(L) > 0)
        assert tol.decomp.factor_residual(a, L @ L.T) <= T


@given(x=matrices(st.integers(2, 30), st.integers(1, 6), moderate), data=st.data())
def test_pca(ref, go, x, data):
    k = data.draw(st.integers(1, min(x.shape)))
    assert_parity(ref, go, "pca", X=x, k=k)


@given(a=any_matrix)
def test_spectral_norm_parity(ref, go, a):
    assert_parity(ref, go, "norm", v=a, ord=2)


# ---- the families, both sides' residuals ---------------------------------------


FAMILIES = families(np.random.default_rng(2024))


@pytest.mark.parametrize("op", ["lu", "qr", "svd"])
@pytest.mark.parametrize(("label", "args"), FAMILIES, ids=[label for label, _ in FAMILIES])
def test_family_residuals(ref, go, op, label, args):
    for tm in (ref, go):
        worst = max(residuals(op, args["A"], getattr(tm, op)(args["A"])))
        assert worst <= T, f"{tm.__name__}.{op}({label}): residual ratio {worst:.3g}"
    assert_parity(ref, go, op, **args)


def test_cholesky_300(ref, go):
    b = np.random.default_rng(300).standard_normal((300, 300))
    a = b @ b.T + 300 * np.eye(300)
    assert_parity(ref, go, "cholesky", A=a)
    assert tol.decomp.factor_residual(a, go.cholesky(a) @ go.cholesky(a).T) <= T


# ---- results the mathematics fixes ---------------------------------------------


def test_lu_worked_example(ref, go):
    # Column 0's pivot is 3, so the rows swap; then 2 − (1/3)·4 remains.
    for tm in (ref, go):
        P, L, U = tm.lu([[1, 2], [3, 4]])
        assert P.tolist() == [[0, 1], [1, 0]]
        third = 1.0 / 3.0
        assert L.tolist() == [[1, 0], [third, 1]]
        assert U.tolist() == [[3, 4], [0, 2 - third * 4]]


def test_lu_rectangular_and_singular(ref, go):
    for tm in (ref, go):
        P, L, U = tm.lu([[1, 2, 3], [2, 4, 6]])  # rank 1: a zero pivot, no error
        assert (P.shape, L.shape, U.shape) == ((2, 2), (2, 2), (2, 3))
        assert U[1].tolist() == [0, 0, 0]
        P, L, U = tm.lu(np.arange(12.0).reshape(4, 3))
        assert (P.shape, L.shape, U.shape) == ((4, 4), (4, 3), (3, 3))
        assert np.all(np.abs(L) <= 1)


def test_qr_worked_example(ref, go):
    # Q's first column is (3, 4)/5; R₀₁ = (3·1 + 4·2)/5 = 2.2; what remains of
    # (1, 2) is (−0.32, 0.24), of length 0.4, along (−0.8, 0.6).
    for tm in (ref, go):
        Q, R = tm.qr([[3, 1], [4, 2]])
        np.testing.assert_allclose(Q, [[0.6, -0.8], [0.8, 0.6]], atol=4 * tol.EPS)
        np.testing.assert_allclose(R, [[5, 2.2], [0, 0.4]], atol=16 * tol.EPS)
        assert np.all(np.diag(R) >= 0)


def test_qr_wide_and_rank_deficient(ref, go):
    for tm in (ref, go):
        Q, R = tm.qr(np.ones((3, 5)))
        assert Q.shape == (3, 3) and R.shape == (3, 5) and np.all(np.diag(R) >= 0)
        assert max(residuals("qr", np.ones((3, 5)), (Q, R))) <= T


def test_svd_worked_example(ref, go):
    # AᵀA = [[25, 20], [20, 25]]: eigenvalues 45 and 5 along (1, 1) and
    # (1, −1); U's columns are A·v/σ = (1, 3)/√10 and (3, −1)/√10.
    for tm in (ref, go):
        U, s, Vt = tm.svd([[3, 0], [4, 5]])
        np.testing.assert_allclose(s, [3 * math.sqrt(5), math.sqrt(5)], rtol=4 * tol.EPS)
        r10, r2 = 1 / math.sqrt(10), 1 / math.sqrt(2)
        np.testing.assert_allclose(U, [[r10, 3 * r10], [3 * r10, -r10]], atol=8 * tol.EPS)
        np.testing.assert_allclose(Vt, [[r2, r2], [r2, -r2]], atol=8 * tol.EPS)


@pytest.mark.parametrize("a", [np.zeros((3, 2)), np.zeros((2, 4)), [[0.0]]])
def test_svd_of_zero_completes_orthonormal_bases(ref, go, a):
    for tm in (ref, go):
        U, s, Vt = tm.svd(a)
        assert not s.any()
        assert max(residuals("svd", a, (U, s, Vt))) <= T


def test_svd_sign_rule(ref, go):
    rng = np.random.default_rng(1)
    a = rng.standard_normal((7, 5))
    for tm in (ref, go):
        U, s, Vt = tm.svd(a)
        top = U[np.argmax(np.abs(U), axis=0), np.arange(5)]
        assert np.all(top > 0)
        assert np.all(np.diff(s) <= 0)
        # Vt flipped with U: U·diag(s)·Vt still rebuilds A.
        assert tol.decomp.factor_residual(a, (U * s) @ Vt) <= T


def test_graded_singular_values_have_relative_accuracy(go):
    # D·Z·D with D = diag(1, 1e-8, 1e-16), graded down its rows and columns:
    # Householder bidiagonalisation keeps such a grading, and the QR sweeps
    # on the bidiagonal (zero shift, Demmel & Kahan 1990) get the tiny
    # singular values to high relative accuracy;
    # scaling D out, numpy's SVD of the well-conditioned Z-part is the oracle:
    # for a diagonal D, the singular values of D·Z·D are those of
    # diag(d)·Z·diag(d), whose smallest ~1e-32 need relative, not absolute, care.
    d = np.array([1.0, 1e-8, 1e-16])
    z = np.array([[2.0, 1.0, 0.5], [1.0, 3.0, 1.0], [0.5, 1.0, 4.0]])
    a = d[:, None] * z * d[None, :]
    s = go.svd(a).s
    # det(A) = det(Z)·Πd², and Πσ = |det A|: the product of the computed
    # values must be right to a few ulps each, which absolute accuracy
    # (errors of ε·σ₁ ≈ 1e-16 on σ₃ ≈ 1e-32) could never give.
    expected = abs(np.linalg.det(z)) * float(np.prod(d**2))
    assert math.isclose(float(np.prod(s)), expected, rel_tol=1e-12)


def test_singular_value_past_the_largest_float():
    # σ₁ of this matrix is the largest float to within far less than an ulp:
    # one side may round it past the overflow threshold (+inf), the other not.
    # The comparison reads the inf as 2¹⁰²⁴ and judges the rest as usual; a
    # finite σ₁ far below the threshold still fails.
    big = np.finfo(np.float64).max
    a = np.array([[-6.43273093, -6.43273093, 2.30796614e16], [big, 1.24330809e86, 2.225e-311]])
    u, _, vt = np.linalg.svd(np.ldexp(a, -1000), full_matrices=False)
    for sr, sg in (([math.inf], [big]), ([big], [math.inf]), ([math.inf], [math.inf])):
        assert tol.decomp.svd_parts_ratio(a, u[:, :1], sr, vt[:1], u[:, :1], sg, vt[:1]) <= 1, (sr, sg)
    assert tol.decomp.svd_parts_ratio(a, u[:, :1], [math.inf], vt[:1], u[:, :1], [big / 2], vt[:1]) > 1


def test_truncated_svd_worked_example(ref, go):
    # σ₁u₁v₁ᵀ = 3√5·(1, 3)/√10·(1, 1)/√2 = 1.5·[[1, 1], [3, 3]].
    for tm in (ref, go):
        U_k, s_k, Vt_k, A_k = tm.truncated_svd([[3, 0], [4, 5]], 1)
        np.testing.assert_allclose(A_k, [[1.5, 1.5], [4.5, 4.5]], atol=16 * tol.EPS)
        assert U_k.shape == (2, 1) and s_k.shape == (1,) and Vt_k.shape == (1, 2)


@given(a=matrices(st.integers(2, 10), st.integers(2, 10), moderate), data=st.data())
def test_eckart_young(go, a, data):
    # ‖A − A_k‖₂ = σₖ₊₁ (Eckart–Young–Mirsky), up to the SVD's backward error.
    k = data.draw(st.integers(1, min(a.shape) - 1))
    s = tol.singular_values(a)
    err = tol.norm2(a - go.truncated_svd(a, k).A_k)
    assert (
        abs(err - s[k]) <= 4 * tol.decomp.svd_error(a) + tol.decomp.truncated_bounds(a, go.svd(a).U, s, k)[3]
    )


def test_truncated_svd_300(ref, go):
    a = np.random.default_rng(3).standard_normal((300, 300))
    assert_parity(ref, go, "truncated_svd", A=a, k=10)


@pytest.mark.parametrize("r", [1, 2, 4])
def test_matrix_rank_of_products(ref, go, r):
    # B·C with B 9×r and C r×7 random has rank r exactly.
    rng = np.random.default_rng(r)
    a = rng.standard_normal((9, r)) @ rng.standard_normal((r, 7))
    assert ref.matrix_rank(a) == go.matrix_rank(a) == r
    assert go.matrix_rank(hilbert(6)) == ref.matrix_rank(hilbert(6)) == 6  # κ ≈ 1.5e7


def test_matrix_rank_comparator_uses_the_cutoff_in_force():
    """Ranks may differ only where a singular value lies within rounding of the call's own cutoff.

    Each pair of ranks below is made up: the comparator is asked whether
    rank 1 against rank 2 could both be right for that call.
    """
    differ = CHECKS["matrix_rank"].ratio
    near, far = np.diag([1.0, 1e-3]), np.diag([1.0, 1e-17])
    # σ₂ = 1e-3 is the cutoff itself: either rank is right (the default cutoff, 4.4e-16, is far).
    assert differ({"A": near, "tol": 1e-3}, 1, 2) == 0.0
    assert differ({"A": near, "rtol": 1e-3}, 1, 2) == 0.0
    # σ₂ = 1e-17 lies within rounding of the default cutoff, far from the caller's.
    assert differ({"A": far}, 1, 2) == 0.0
    assert differ({"A": far, "tol": 0.5}, 1, 2) == math.inf
    assert differ({"A": far, "rtol": 1e-3}, 1, 2) == math.inf
    assert differ({"A": near}, 1, 2) == math.inf
    assert differ({"A": near, "tol": 1e-3}, 2, 2) == 0.0
    # hermitian counts on the lower triangle mirrored, diag(1, 1e-3) here; A's own σ₂ is 2e-4.
    skew = np.array([[1.0, 5.0], [0.0, 1e-3]])
    assert differ({"A": skew, "tol": 1e-3, "hermitian": True}, 1, 2) == 0.0
    assert differ({"A": skew, "tol": 1e-3}, 1, 2) == math.inf
    # One tolerance per matrix of a stack: matrix 0 is undecidable, matrix 1 is not.
    stack = np.stack([near, near])
    assert differ({"A": stack, "tol": [1e-3, 0.5]}, np.array([1, 1]), np.array([2, 1])) == 0.0
    assert differ({"A": stack, "tol": [1e-3, 0.5]}, np.array([1, 1]), np.array([1, 2])) == math.inf


@given(a=matrices(shapes, shapes, moderate))
def test_pinv_penrose_conditions(go, a):
    # A·X·A = A, X·A·X = X, and A·X, X·A symmetric, where the rank is clear.
    # On A/2^e (an exact scaling): 1/σ of a subnormal matrix would overflow.
    a = np.ldexp(a, -tol._exponent(a))
    rc = 1e-8
    if not math.isfinite(tol.decomp.pinv_bound(a, rc)):
        return  # a singular value near the cutoff: the truncation is not A⁺
    x = go.pinv(a, rc)
    s = tol.singular_values(a)
    r = int(np.sum(s > rc * s[0]))
    if r < min(a.shape):
        return  # truncated: A·X·A is the rank-r part of A, not A
    if r == 0:
        return
    scale = s[0] / s[r - 1]  # the conditions hold to κ·ε
    bound = 64 * max(a.shape) * tol.EPS * scale
    assert tol.norm2(a @ x @ a - a) <= bound * s[0]
    assert tol.norm2(x @ a @ x - x) <= bound / s[r - 1]
    assert tol.norm2(a @ x - (a @ x).T) <= bound
    assert tol.norm2(x @ a - (x @ a).T) <= bound


def test_pinv_examples(ref, go):
    for tm in (ref, go):
        np.testing.assert_allclose(tm.pinv([[1, 1], [1, 1]]), np.full((2, 2), 0.25), atol=4 * tol.EPS)
        # diag(4, 1, 0.25) with rcond 0.1: 0.25 ≤ 0.4 counts as zero.
        np.testing.assert_allclose(tm.pinv(np.diag([4.0, 1.0, 0.25]), 0.1), np.diag([0.25, 1.0, 0.0]))


def test_lstsq_solution_that_overflows(ref, go):
    # Found by hypothesis: the minimal-norm solution of [[5e-324, 2⁻¹⁰²²]]·x = 5
    # overflows in its second entry on both sides; the first entries agree
    # within the bound, and the infinities alike count nothing.
    assert_parity(ref, go, "lstsq", A=np.array([[5e-324, 2.0**-1022]]), b=np.array([[5.0]]), rcond=-1.0)


def test_lstsq_examples(ref, go):
    for tm in (ref, go):
        # The line through (0, 1), (1, 2), (2, 2): intercept 7/6, slope 1/2.
        x = tm.lstsq([[1, 0], [1, 1], [1, 2]], [1, 2, 2])
        np.testing.assert_allclose(x, [7 / 6, 0.5], atol=8 * tol.EPS)
        # x₁ + x₂ = 2 has many solutions; the least norm one is (1, 1).
        np.testing.assert_allclose(tm.lstsq([[1, 1], [1, 1]], [2, 2]), [1, 1], atol=8 * tol.EPS)
        # None and any negative rcond select the default.
        a, b = np.random.default_rng(4).standard_normal((6, 3)), np.arange(6.0)
        assert tol.alike(tm.lstsq(a, b), tm.lstsq(a, b, rcond=-1.0))
        assert tm.lstsq(a, np.ones((6, 2))).shape == (3, 2)


@given(x=matrices(st.integers(3, 30), st.integers(1, 5), moderate))
def test_pca_against_covariance(go, x):
    # The explained variances are the eigenvalues of the sample covariance
    # (np.cov, ddof = 1): an independent route to the same numbers.
    k = min(x.shape)
    comp, var, proj = go.pca(x, k)
    w = np.sort(np.linalg.eigvalsh(np.atleast_2d(np.cov(x, rowvar=False))))[::-1][:k]
    N = x.shape[0]
    xc = x - x.mean(axis=0)
    # Both routes are backward stable: their eigen/singular values err by a
    # modest multiple of N·ε·tr(C) (1e3 covers the constants of an SVD and a
    # symmetric eigensolver, with room); and each centres the data with its
    # own rounding, which moves σ by up to tol.decomp.centring_error.
    c = tol.decomp.centring_error(x)
    scale = float(np.sum(np.var(x, axis=0, ddof=1)))
    bound = 1e3 * N * tol.EPS * scale + 2 * (2 * tol.norm2(xc) * c + c * c) / (N - 1)
    assert np.all(np.abs(var - w) <= bound)
    assert tol.decomp.orthonormality(comp.T, max(x.shape)) <= T
    # The product rounds by γ_d·Σ|xc||c| ≤ γ_d·√d·max|xc|, and Go's centring
    # may differ from numpy's by 2γ_{N+1}·max|x| per entry (its sum runs in
    # another order).
    atol = (
        tol.gamma(x.shape[1]) * math.sqrt(x.shape[1]) * np.abs(xc).max()
        + 2 * tol.gamma(N + 1) * np.abs(x).max()
    )
    assert np.all(np.abs(proj - xc @ comp.T) <= 2 * atol)


def test_pca_worked_example(ref, go):
    # On the line y = 2x, centred at (2, 4): positions √5·(−2, −1, 0, 3),
    # variance 5·14/3.
    for tm in (ref, go):
        comp, var, proj = tm.pca([[0, 0], [1, 2], [2, 4], [5, 10]], 1)
        np.testing.assert_allclose(comp, [[1 / math.sqrt(5), 2 / math.sqrt(5)]], atol=4 * tol.EPS)
        np.testing.assert_allclose(var, [70 / 3], rtol=16 * tol.EPS)
        np.testing.assert_allclose(proj.ravel(), math.sqrt(5) * np.array([-2, -1, 0, 3]), atol=64 * tol.EPS)


def test_pca_iris(ref, go):
    # The iris data set (tests/data/iris.csv): the first two components hold
    # about 97.8% of the variance (the eigenvalues of its covariance matrix:
    # 4.228, 0.243, 0.078, 0.024).
    from pathlib import Path

    data = np.loadtxt(
        Path(__file__).parent / "data" / "iris.csv", delimiter=",", skiprows=1, usecols=range(4)
    )
    assert data.shape == (150, 4)
    assert_parity(ref, go, "pca", X=data, k=2)
    var = go.pca(data, 4).explained_variance
    np.testing.assert_allclose(var, [4.228, 0.243, 0.078, 0.024], atol=5e-4)
    assert 0.977 < var[:2].sum() / var.sum() < 0.979


def test_spectral_norm(ref, go):
    for tm in (ref, go):
        assert tm.norm([[3, 0], [0, -4]], 2) == 4.0
        assert tm.norm(np.zeros((0, 3)), 2) == 0.0
        assert math.isnan(tm.norm([[1, math.nan], [math.inf, 0]], 2))
        assert tm.norm([[1, -math.inf]], 2) == math.inf
        # No overflow: σ₁ of [[1e300, 1e300], [1e300, -1e300]] is √2·1e300.
        assert tm.norm([[1e300, 1e300], [1e300, -1e300]], 2) == pytest.approx(math.sqrt(2) * 1e300, rel=1e-15)


@given(a=matrices(shapes, shapes, st.floats(-1e6, 1e6)))
def test_spectral_norm_against_numpy(go, a):
    assert tol.ratio(np.linalg.norm(a, 2), go.norm(a, 2), tol.decomp.spectral_norm_bound(a)) <= 1


# ---- result types ----------------------------------------------------------------


def test_named_tuples_are_shared(ref, go):
    a = [[1.0, 2.0], [3.0, 4.0]]
    for tm in (ref, go):
        assert type(tm.lu(a)) is LUResult
        assert type(tm.qr(a)) is QRResult
        assert type(tm.svd(a)) is SVDResult
        assert type(tm.truncated_svd(a, 1)) is TruncatedSVDResult
        assert type(tm.pca(a, 1)) is PCAResult
        U, s, Vt = tm.svd(a)  # unpacks like a plain tuple
        assert tm.svd(a).Vt is Vt or np.array_equal(tm.svd(a).Vt, Vt)
        assert U.shape == (2, 2) and s.shape == (2,)


# ---- errors ----------------------------------------------------------------------


def test_lu_of_an_empty_matrix(ref, go):
    err = assert_same_error(ref, go, "lu", {"A": np.zeros((0, 2))})
    assert type(err) is ValueError and str(err) == "lu: invalid input: A is empty"


@pytest.mark.parametrize("op", ["lu", "qr", "svd", "matrix_rank"])
def test_nonfinite(ref, go, op):
    err = assert_same_error(ref, go, op, {"A": [[1.0, math.inf]]})
    assert type(err) is ValueError and str(err) == f"{op}: invalid input: A contains NaN or Inf"


@pytest.mark.parametrize("a", [[[1, 2], [2, 1]], [[0]], [[-4]], [[1, 1], [1, 1]]])
def test_not_positive_definite(ref, go, a):
    err = assert_same_error(ref, go, "cholesky", {"A": a})
    assert isinstance(err, twinmath.NotPositiveDefiniteError) and isinstance(err, np.linalg.LinAlgError)
    assert str(err) == "cholesky: not positive definite"


def test_cholesky_reads_the_lower_triangle(ref, go):
    for tm in (ref, go):
        assert tm.cholesky([[4, 99], [2, 5]]).tolist() == [[2, 0], [1, 2]]
    err = assert_same_error(ref, go, "cholesky", {"A": [[1, 2, 3]]})
    assert isinstance(err, twinmath.ShapeError)


@given(a=square(6, moderate))
def test_cholesky_of_any_matrix(ref, go, a):
    """Both factor or both refuse, unless rounding decides (λ_min within the bound)."""
    sym = tol.decomp.cholesky_symmetric(a)
    seen = outcomes(ref, go, "cholesky", {"A": a}, twinmath.NotPositiveDefiniteError, "npd")
    # Cholesky is backward stable: it succeeds on A + E, ‖E‖ ≤ δ‖A‖, so the
    # outcome is decided by rounding only when the smallest eigenvalue lies
    # within that distance of zero.
    lam = np.linalg.eigvalsh(sym)
    borderline = abs(lam[0]) <= tol.decomp.certified(a.shape[0]) * max(abs(lam[-1]), abs(lam[0]))
    if seen[0] != seen[1]:
        assert borderline, seen
    else:
        assert seen[0] == ("ok" if lam[0] > 0 else "npd") or borderline


@pytest.mark.parametrize(
    ("op", "args", "message"),
    [
        (
            "truncated_svd",
            {"A": [[1, 2, 3]], "k": 2},
            "truncated_svd: invalid input: k must be between 1 and 1, got 2",
        ),
        (
            "truncated_svd",
            {"A": [[1, 2]], "k": 0},
            "truncated_svd: invalid input: k must be between 1 and 1, got 0",
        ),
        ("pca", {"X": [[1, 2]], "k": 1}, "pca: invalid input: X needs at least two samples, got 1"),
        ("pca", {"X": np.zeros((3, 2)), "k": 3}, "pca: invalid input: k must be between 1 and 2, got 3"),
        ("pca", {"X": np.zeros((0, 2)), "k": 1}, "pca: invalid input: X is empty"),
        (
            "pinv",
            {"A": [[1]], "rcond": -0.5},
            "pinv: invalid input: rcond must be a finite non-negative number, got -0.5",
        ),
        ("lstsq", {"A": [[1, 2]], "b": [1, 2]}, "lstsq: shape mismatch: A has 1 rows but b has 2"),
        (
            "lstsq",
            {"A": [[1.0]], "b": [1.0], "rcond": math.inf},
            "lstsq: invalid input: rcond must be finite, got inf",
        ),
    ],
)
def test_messages(ref, go, op, args, message):
    err = assert_same_error(ref, go, op, args)
    assert str(err) == message


@pytest.mark.parametrize("k", [1.5, "2", None, True])
def test_k_must_be_an_integer(ref, go, k):
    assert isinstance(assert_same_error(ref, go, "truncated_svd", {"A": [[1.0, 2.0]], "k": k}), TypeError)
    assert isinstance(assert_same_error(ref, go, "pca", {"X": [[1.0], [2.0]], "k": k}), TypeError)


def test_reference_reports_lapack_failure_as_convergence_error(ref, monkeypatch):
    # LAPACK's SVD can fail to converge; the reference turns its LinAlgError
    # into the contracted ConvergenceError. (Go's limit is tested in Go.)
    def fail(*args, **kwargs):
        raise np.linalg.LinAlgError("SVD did not converge")

    monkeypatch.setattr(np.linalg, "svd", fail)
    with pytest.raises(twinmath.ConvergenceError, match=r"^svd: no convergence$"):
        ref.svd([[1.0, 2.0], [3.0, 4.0]])


def test_nearly_singular_and_hilbert(ref, go):
    rng = np.random.default_rng(12)
    a = with_singular_values(rng, 8, 8, np.logspace(0, -12, 8))
    for op in ("svd", "qr", "lu", "matrix_rank"):
        assert_parity(ref, go, op, A=a)
        assert_parity(ref, go, op, A=hilbert(10))


def test_comparisons_detect_wrong_results(go):
    """The bounds are tight enough to catch a wrong answer: a singular value
    off by 1e-10, a flipped singular vector, a Q column rotated by 1e-9."""
    from twinmath.parity import CHECKS

    a = np.random.default_rng(8).standard_normal((6, 4))
    U, s, Vt = go.svd(a)
    args = {"A": a}
    assert CHECKS["svd"].ratio(args, (U, s, Vt), (U, s, Vt)) <= 1
    assert CHECKS["svd"].ratio(args, (U, s, Vt), (U, s * (1 + 1e-10), Vt)) > 1
    flip = np.array([1.0, -1.0, 1.0, 1.0])
    assert CHECKS["svd"].ratio(args, (U, s, Vt), (U * flip, s, Vt * flip[:, None])) > 1
    Q, R = go.qr(a)
    c, t = math.cos(1e-9), math.sin(1e-9)
    Q2 = Q.copy()
    Q2[:, 0], Q2[:, 1] = c * Q[:, 0] - t * Q[:, 1], t * Q[:, 0] + c * Q[:, 1]
    assert CHECKS["qr"].ratio(args, (Q, R), (Q2, R)) > 1
    L = go.cholesky(a.T @ a)
    assert CHECKS["cholesky"].ratio({"A": a.T @ a}, L, L * (1 + 1e-10)) > 1
