"""Parity of the statistics functions: mean, variance, std, covariance, zscore,
bayes, expectation, normal_pdf, normal_cdf, confidence_interval."""

from __future__ import annotations

import math
import statistics
from fractions import Fraction

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from strategies import layouts, matrices, moderate, special, tame, vectors, wide
from twinmath import tolerances as tol
from twinmath.parity import CHECKS
from twinmath.ref.stats import _normal_quantile

DATA = [10, 20, 30, 40, 50]  # the source material's sample

axes = st.sampled_from([None, 0, 1, -1])


def test_source_material_results(ref, go):
    # The source material prints Mean: 30.0, Variance: 200.0 and P(A|B): 0.48.
    for tm in (ref, go):
        assert tm.mean(DATA) == 30.0
        assert tm.variance(DATA) == 200.0
        assert tm.bayes(0.8, 0.3, 0.5) == 0.48


@pytest.mark.parametrize("op", ["mean", "variance", "std"])
@given(x=st.integers(1, 40).flatmap(lambda n: vectors(n, wide)))
def test_moments_of_vectors(ref, go, op, x):
    assert_parity(ref, go, op, x=x)


@pytest.mark.parametrize("op", ["mean", "variance", "std"])
@given(data=st.data(), axis=axes)
def test_moments_of_matrices(ref, go, op, data, axis):
    a = data.draw(matrices(st.integers(0, 9), st.integers(0, 9), st.one_of(wide, special)))
    args = {"x": a, "axis": axis}
    if op != "mean":
        args["ddof"] = data.draw(st.integers(0, 2))
    assert_parity(ref, go, op, **args)


@given(x=st.integers(1, 40).flatmap(lambda n: vectors(n, tame)), ddof=st.integers(0, 1))
def test_variance_against_exact_arithmetic(ref, go, x, ddof):
    # statistics.pvariance/variance compute in exact rationals and round
    # once: an oracle independent of both. Each side must lie within its own
    # half of the parity bound (the per-side error) of it.
    if ddof >= x.size:
        return
    exact = statistics.pvariance(x.tolist()) if ddof == 0 else statistics.variance(x.tolist())
    half = tol.stats.variance_bound(x, ddof) / 2 + tol.U * abs(exact)  # + the oracle's own rounding
    for tm in (ref, go):
        assert abs(tm.variance(x, ddof) - exact) <= half
    exact_mean = float(sum(Fraction(v) for v in x.tolist()) / x.size)
    for tm in (ref, go):
        assert abs(tm.mean(x) - exact_mean) <= tol.stats.mean_bound(x) / 2 + tol.U * abs(exact_mean)


@given(data=st.data(), axis=axes)
def test_moments_against_numpy(go, data, axis):
    a = data.draw(matrices(st.integers(1, 8), st.integers(1, 8), tame))
    ax = None if axis is None else axis % 2
    assert tol.ratio(np.mean(a, axis=axis), go.mean(a, axis=axis), tol.stats.mean_bound(a, ax)) <= 1
    assert tol.ratio(np.var(a, axis=axis), go.variance(a, axis=axis), tol.stats.variance_bound(a, 0, ax)) <= 1
    s = np.std(a, axis=axis)
    assert tol.ratio(s, go.std(a, axis=axis), tol.stats.std_bound(a, 0, ax, s)) <= 1


@given(
    mean=st.sampled_from([1e6, 1e9, 1e12]),
    x=st.integers(2, 30).flatmap(lambda n: vectors(n, st.floats(-1, 1))),
)
def test_variance_ill_conditioned(ref, go, mean, x):
    # A large mean and a small spread: κ² = 1 + n·mean²/S is huge, and the
    # bound grows with it (the n²u²κ² term); both sides stay within it.
    assert_parity(ref, go, "variance", x=mean + x)


def test_two_pass_keeps_a_small_spread(ref, go):
    # 1e9 ± 1: the variance is exactly 1; a one-pass Σx² − n·mean² loses it.
    x = [1e9 + 1, 1e9 - 1, 1e9 + 1, 1e9 - 1]
    assert ref.variance(x) == go.variance(x) == 1.0


@given(data=st.data())
def test_layouts(go, data):
    # Lists, strides, byte orders, other dtypes: the same values give the
    # same result.
    x = data.draw(matrices(st.integers(1, 6), st.integers(1, 6), wide))
    y = data.draw(layouts(x))
    assert tol.alike(go.mean(y, axis=0), go.mean(x, axis=0))
    assert tol.alike(go.covariance(y, ddof=0), go.covariance(x, ddof=0))
    assert all(tol.alike(a, b) for a, b in zip(go.zscore(y), go.zscore(x), strict=True))


def test_axis_and_ddof_errors(ref, go):
    for op in ("mean", "variance", "std"):
        for _label, args in CHECKS[op].errors + CHECKS[op].python_only:
            assert_same_error(ref, go, op, args)
    e = assert_same_error(ref, go, "variance", {"x": [1.0], "ddof": 1})
    assert str(e) == "variance: invalid input: ddof must be less than the number of values (1), got 1"
    e = assert_same_error(ref, go, "mean", {"x": [[1.0, 2.0]], "axis": 2})
    assert str(e) == "mean: invalid input: axis 2 is out of bounds for an array of dimension 2"
    assert type(e) is twinmath.AxisError
    with pytest.raises(TypeError):
        go.variance([1.0, 2.0], ddof=0.5)


def test_empty_results_and_scalars(ref, go):
    for tm in (ref, go):
        assert tm.mean(np.zeros((3, 0)), axis=0).shape == (0,)
        assert tm.mean(np.zeros((0, 3)), axis=1).shape == (0,)
        assert tm.mean(2.5) == 2.5 and tm.variance(2.5) == 0.0
        assert isinstance(tm.std([1, 2]), float)


@given(data=st.data(), ddof=st.integers(0, 1))
def test_covariance(ref, go, data, ddof):
    X = data.draw(matrices(st.integers(2, 20), st.integers(0, 6), st.one_of(wide, moderate)))
    assert_parity(ref, go, "covariance", X=X, ddof=ddof)
    C = go.covariance(X, ddof)
    assert tol.alike(C, C.T)  # exactly symmetric


@given(data=st.data())
def test_covariance_against_numpy_and_variance(go, data):
    X = data.draw(matrices(st.integers(2, 20), st.integers(1, 6), tame))
    C = go.covariance(X)
    assert tol.ratio(np.cov(X, rowvar=False).reshape(C.shape), C, tol.stats.covariance_bound(X)) <= 1
    v = go.variance(X, ddof=1, axis=0)
    assert tol.ratio(np.diag(C), v, np.diag(tol.stats.covariance_bound(X))) <= 1


def test_covariance_1000x50(ref, go):
    X = np.random.default_rng(7).standard_normal((1000, 50)) + 3
    assert_parity(ref, go, "covariance", X=X)


@given(X=matrices(st.integers(1, 20), st.integers(0, 6), st.one_of(wide, moderate, special)))
def test_zscore(ref, go, X):
    assert_parity(ref, go, "zscore", X=X)
    r = go.zscore(X)
    assert r._fields == ("Xn", "mean", "std") and r.Xn.shape == X.shape


@given(X=matrices(st.integers(2, 30), st.integers(1, 5), tame))
def test_zscore_properties(go, X):
    Xn, mean, std = go.zscore(X)
    constant = np.ptp(X, axis=0) == 0
    assert np.all(Xn[:, constant] == 0) and np.all(std[constant] == 1)
    assert np.all(mean[constant] == X[0, constant])
    # Elsewhere the columns come out with mean 0 and std 1, up to rounding
    # relative to the conditioning of each column (|mean|/std).
    live = ~constant & (std > 1e-3 * (np.abs(mean) + 1))
    if np.any(live):
        assert np.allclose(Xn[:, live].mean(axis=0), 0, atol=1e-9)
        assert np.allclose(Xn[:, live].std(axis=0), 1, rtol=1e-9)


def test_zscore_of_the_pipeline_matches_the_source_formula(ref, go):
    # The source material's normalize_features: (X - mean) / std with numpy.
    X = np.random.default_rng(42).standard_normal((800, 2)) * [3, 0.5] + [1, -2]
    for tm in (ref, go):
        Xn, mean, _ = tm.zscore(X)
        assert tol.ratio(np.mean(X, axis=0), mean, tol.stats.mean_bound(X, 0)) <= 1
        assert np.allclose((X - np.mean(X, axis=0)) / np.std(X, axis=0), Xn, rtol=1e-13, atol=1e-13)


def test_zscore_constant_column_is_exact(ref, go):
    # np.std([0.1, 0.1, 0.1]) is 1.4e-17, not 0: the column is constant all
    # the same, and both backends say so.
    for tm in (ref, go):
        Xn, mean, std = tm.zscore([[0.1, 1.0], [0.1, 2.0], [0.1, 4.0]])
        assert mean[0] == 0.1 and std[0] == 1.0 and np.all(Xn[:, 0] == 0)


@given(a=st.floats(0, 1), b=st.floats(0, 1), c=st.floats(0, 1))
def test_bayes(ref, go, a, b, c):
    assert_parity(ref, go, "bayes", p_b_given_a=a, p_a=b, p_b=c)


@given(a=st.floats(allow_nan=True), b=st.floats(-2, 2), c=st.floats(-2, 2))
def test_bayes_errors(ref, go, a, b, c):
    assert_parity(ref, go, "bayes", p_b_given_a=a, p_a=b, p_b=c)


def test_bayes_messages(ref, go):
    e = assert_same_error(ref, go, "bayes", {"p_b_given_a": 0.9, "p_a": 0.9, "p_b": 0.1})
    assert str(e) == "bayes: invalid input: p_b_given_a * p_a = 0.81 exceeds p_b = 0.1"
    # 0.1·0.3 rounds to 0.030000000000000002 > 0.03: rounding, not an error.
    assert go.bayes(0.1, 0.3, 0.03) == ref.bayes(0.1, 0.3, 0.03) == 1.0


distributions = (
    st.integers(1, 30)
    .flatmap(lambda n: hnp.arrays(np.float64, n, elements=st.one_of(st.just(0.0), st.floats(1e-300, 1e300))))
    .filter(lambda p: np.any(p > 0))
)


@given(data=st.data())
def test_expectation(ref, go, data):
    p = data.draw(distributions)
    v = data.draw(vectors(p.size, st.one_of(wide, special)))
    assert_parity(ref, go, "expectation", values=v, probs=p)


@given(data=st.data())
def test_expectation_against_numpy(go, data):
    p = data.draw(distributions.filter(lambda p: p.max() < 1e100 and p.sum() > 1e-100))
    v = data.draw(vectors(p.size, tame))
    assert np.isclose(
        go.expectation(v, p), np.average(v, weights=p), rtol=1e-12, atol=1e-12 * np.abs(v).max()
    )


def test_expectation_errors(ref, go):
    for _label, args in CHECKS["expectation"].errors:
        assert_same_error(ref, go, "expectation", args)
    e = assert_same_error(ref, go, "expectation", {"values": [1.0, 2.0], "probs": [0.5, -0.5]})
    assert str(e) == "expectation: invalid input: probs has a negative entry -0.5"


sigmas = st.floats(1e-300, 1e300)
mus = st.floats(-1e6, 1e6)


@pytest.mark.parametrize("op", ["normal_pdf", "normal_cdf"])
@given(
    x=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=0, max_dims=2, min_side=0, max_side=6),
        elements=st.one_of(wide, special),
    ),
    mu=mus,
    sigma=sigmas,
)
def test_normal_elementwise(ref, go, op, x, mu, sigma):
    assert_parity(ref, go, op, x=x, mu=mu, sigma=sigma)
    r = getattr(go, op)(x, mu, sigma)
    assert isinstance(r, float) if x.ndim == 0 else r.shape == x.shape


@given(x=st.floats(-8, 8))
def test_normal_against_statistics(go, x):
    # statistics.NormalDist: Python's own pdf (math.exp) and cdf, written as
    # (1 + erf(z/√2))/2. That form cancels in the lower tail, where it keeps
    # only an absolute accuracy of a few ε; ours is relative there.
    d = statistics.NormalDist()
    assert math.isclose(go.normal_pdf(x), d.pdf(x), rel_tol=16 * tol.EPS)
    assert math.isclose(go.normal_cdf(x), d.cdf(x), rel_tol=(100 + 2 * x * x) * tol.EPS, abs_tol=4 * tol.EPS)


def test_normal_errors(ref, go):
    for op in ("normal_pdf", "normal_cdf"):
        for _label, args in CHECKS[op].errors + CHECKS[op].python_only:
            assert_same_error(ref, go, op, args)
    e = assert_same_error(ref, go, "normal_pdf", {"x": 0.0, "sigma": 0.0})
    assert str(e) == "normal_pdf: invalid input: sigma must be positive and finite, got 0.0"


@given(q=st.one_of(st.floats(1e-17, 0.5), st.sampled_from([0.5, 0.025, 0.02425, 2**-54])))
def test_normal_quantile(q):
    # statistics.NormalDist().inv_cdf is Wichura's AS241, an independent
    # algorithm accurate to about 1e-16 relative; the residual of our z
    # through erfc must vanish to erfc's accuracy.
    z = _normal_quantile(q)
    ref_z = -statistics.NormalDist().inv_cdf(q)
    assert abs(z - ref_z) <= tol.stats.quantile_bound(q, z) + 8 * tol.EPS * abs(ref_z)
    assert abs(0.5 * math.erfc(z / math.sqrt(2)) - q) <= 24 * tol.U * q + tol.EPS * abs(z) * math.exp(
        -z * z / 2
    )


@given(
    x=st.integers(2, 50).flatmap(lambda n: vectors(n, st.one_of(wide, moderate))),
    level=st.floats(1e-6, 1 - 1e-12),
)
def test_confidence_interval(ref, go, x, level):
    assert_parity(ref, go, "confidence_interval", x=x, level=level)


def test_confidence_interval_properties(ref, go):
    x = np.random.default_rng(1).normal(5, 2, 400)
    for tm in (ref, go):
        low, high = tm.confidence_interval(x)
        r = tm.confidence_interval(x, level=0.99)
        assert r.low < low < np.mean(x) < high < r.high
        # 1.959963984540054 = Φ⁻¹(0.975) (mpmath to 16 digits).
        assert math.isclose(high - low, 2 * 1.959963984540054 * np.std(x, ddof=1) / 20, rel_tol=1e-12)
    for _label, args in CHECKS["confidence_interval"].errors + CHECKS["confidence_interval"].python_only:
        assert_same_error(ref, go, "confidence_interval", args)
