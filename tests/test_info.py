"""Parity of the information-theory functions: entropy, cross_entropy,
kl_divergence, mutual_information."""

from __future__ import annotations

import math

import numpy as np
import pytest
from helpers import assert_parity, assert_same_error
from hypothesis import example, given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from twinmath import tolerances as tol
from twinmath.parity import CHECKS
from twinmath.ref.info import normalised

P, Q = [0.5, 0.3, 0.2], [0.4, 0.4, 0.2]  # the source material's distributions

weights = st.one_of(st.just(0.0), st.floats(5e-324, 1e300), st.floats(0.0, 1.0))


def dists(n: int) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(np.float64, n, elements=weights).filter(lambda p: np.any(p > 0))


pairs = st.integers(1, 30).flatmap(lambda n: st.tuples(dists(n), dists(n)))
bases = st.sampled_from([2.0, math.e, 10.0, 0.5, 3.7])


def test_source_material_results(ref, go):
    # The source material prints the entropy of p and D(p||q) to 3 decimals.
    for tm in (ref, go):
        assert f"{tm.entropy(P):.3f}" == "1.485"
        assert f"{tm.kl_divergence(P, Q):.3f}" == "0.036"


@given(p=st.integers(1, 40).flatmap(dists), base=bases)
def test_entropy(ref, go, p, base):
    assert_parity(ref, go, "entropy", p=p, base=base)
    h = go.entropy(p, base)
    n = np.count_nonzero(p)
    if base > 1:  # 0 ≤ H ≤ log n, up to rounding
        assert -4 * tol.EPS <= h <= math.log(n, base) * (1 + 8 * tol.EPS) + 4 * tol.EPS


@pytest.mark.parametrize("op", ["cross_entropy", "kl_divergence"])
@given(pq=pairs, base=bases)
def test_pairs(ref, go, op, pq, base):
    p, q = pq
    assert_parity(ref, go, op, p=p, q=q, base=base)


@given(pq=pairs)
@example(pq=(np.ones(4), np.array([5e-324, 0.25, 0.75, 0.75])))
@example(pq=(np.ones(2), np.array([5e-324, 1.0])))
@example(pq=(np.array([0.5, 5e-324, 0.5, 0.75, 0.0]), np.array([1.0, 0.0, 1.0, 1.0, 1.0])))
def test_kl_properties(go, pq):
    p, q = pq
    # Normalised as the operations normalise (by the largest entry, then by the
    # sum), so that the support is theirs: a subnormal entry may round to 0.
    pn, qn = normalised(p, "kl_divergence", "p"), normalised(q, "kl_divergence", "q")
    kl, ce, h = go.kl_divergence(p, q), go.cross_entropy(p, q), go.entropy(p)
    if np.any((pn > 0) & (qn == 0)):
        assert kl == ce == math.inf
        return
    with np.errstate(divide="ignore", over="ignore"):
        overflows = np.any((pn > 0) & np.isinf(pn / qn))
    if overflows:
        # p/q overflows for a subnormal q: where p·log(p/q) is formed as
        # scipy's rel_entr forms it, the divergence is +inf; it is never
        # negative (Gibbs).
        assert kl >= -1e-12 * (abs(ce) + abs(h) + 1)
        return
    # H(p, q) = H(p) + D(p||q), and D ≥ 0 (Gibbs), up to rounding.
    scale = abs(ce) + abs(h) + 1
    assert abs(ce - (h + kl)) <= 1e-12 * scale
    assert kl >= -1e-12 * scale
    assert abs(go.kl_divergence(p, p)) == 0.0


@given(pq=pairs)
def test_kl_against_the_formula(go, pq):
    # scipy.stats.entropy(p, q, base=2) is Σ rel_entr(p̂, q̂)/ln 2: the same
    # formula, written out with numpy as an independent oracle.
    p, q = pq
    pn, qn = p / p.sum(), q / q.sum()
    if not (np.all(np.isfinite(pn)) and np.all(np.isfinite(qn))):
        return
    m = pn > 0
    with np.errstate(divide="ignore", over="ignore"):
        expected = float(np.sum(pn[m] * np.log(pn[m] / qn[m])) / np.log(2))
    got = go.kl_divergence(p, q)
    if math.isinf(expected) or math.isinf(got):
        # Where the normalisations round differently, a q̂ᵢ near the bottom
        # of the subnormals may vanish on one side only.
        return
    assert abs(got - expected) <= 1e-9 * (1 + abs(expected))


@given(
    joint=st.tuples(st.integers(1, 6), st.integers(1, 6))
    .flatmap(lambda s: hnp.arrays(np.float64, s, elements=weights))
    .filter(lambda a: np.any(a > 0)),
    base=bases,
)
def test_mutual_information(ref, go, joint, base):
    assert_parity(ref, go, "mutual_information", joint=joint, base=base)


positive = st.floats(1e-100, 1e100)


@given(
    px=hnp.arrays(np.float64, 4, elements=positive),
    py=hnp.arrays(np.float64, 3, elements=positive),
)
def test_mutual_information_properties(go, px, py):
    # Independent variables share no information; I(X;X) = H(X) (in bits,
    # up to rounding of the logarithms: a few ε per bit).
    assert abs(go.mutual_information(np.outer(px, py))) <= 1e-13
    assert math.isclose(go.mutual_information(np.diag(px)), go.entropy(px), rel_tol=1e-12, abs_tol=1e-13)


def test_mutual_information_subnormal_marginal(ref, go):
    # The ratio P/(Pᵢ·Pⱼ) overflows for a marginal of 2⁻¹⁰⁷⁴; the result is
    # the entropy of (1, 2⁻¹⁰⁷⁴), a subnormal number of bits, not inf.
    for tm in (ref, go):
        mi = tm.mutual_information([[1.0, 0.0], [0.0, 5e-324]])
        assert 0 <= mi < 1e-320


def test_normalisation_is_shared_to_the_bit(ref, go):
    # Huge weights would overflow a plain sum; both sides scale by the
    # largest first and use a correctly rounded sum, so the distribution they
    # hold is the same.
    for tm in (ref, go):
        assert tm.entropy([1e308, 1e308]) == 1.0
        assert tm.entropy([1, 1, 1, 1]) == 2.0


@pytest.mark.parametrize("op", ["entropy", "cross_entropy", "kl_divergence", "mutual_information"])
def test_errors(ref, go, op):
    for _label, args in CHECKS[op].errors + CHECKS[op].python_only:
        assert_same_error(ref, go, op, args)


def test_error_messages(ref, go):
    e = assert_same_error(ref, go, "kl_divergence", {"p": [1.0, -1.0], "q": [1.0, 1.0]})
    assert str(e) == "kl_divergence: invalid input: p has a negative entry -1.0"
    e = assert_same_error(ref, go, "entropy", {"p": [0.0, 0.0]})
    assert str(e) == "entropy: invalid input: p sums to zero"
    e = assert_same_error(ref, go, "entropy", {"p": [1.0], "base": 1})
    assert str(e) == "entropy: invalid input: base must be positive, finite and not 1, got 1.0"
    e = assert_same_error(ref, go, "cross_entropy", {"p": [1.0], "q": [1.0, 2.0]})
    assert str(e) == "cross_entropy: shape mismatch: lengths 1 and 2 differ"
