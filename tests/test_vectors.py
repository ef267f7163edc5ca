"""Parity of the vector operations: add, subtract, scale, dot, norm,
cosine_similarity, outer, project."""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import given
from hypothesis import strategies as st
from strategies import special, tame, vector_pairs, vectors, wide
from twinmath import tolerances as tol


@pytest.mark.parametrize("op", ["add", "subtract"])
@given(pair=vector_pairs(wide))
def test_elementwise_bit_for_bit(ref, go, op, pair):
    a, b = pair
    assert_parity(ref, go, op, a=a, b=b)
    assert tol.alike(getattr(go, op)(a, b), a + b if op == "add" else a - b)


@given(pair=vector_pairs(special))
def test_elementwise_propagates_nan_inf(ref, go, pair):
    # Elementwise: bit for bit, NaN and inf included.
    a, b = pair
    assert tol.alike(go.add(a, b), ref.add(a, b))
    assert tol.alike(go.subtract(a, b), ref.subtract(a, b))


@given(
    v=st.integers(0, 40).flatmap(lambda n: vectors(n, st.one_of(wide, special))), c=st.one_of(wide, special)
)
def test_scale_bit_for_bit(ref, go, v, c):
    assert_parity(ref, go, "scale", v=v, c=c)
    assert tol.alike(go.scale(v, c), c * v)


@pytest.mark.parametrize(("op", "second"), [("dot", "b"), ("cosine_similarity", "b"), ("project", "onto")])
@given(pair=vector_pairs(wide))
def test_pairs_within_rounding_bound(ref, go, op, second, pair):
    a, b = pair
    assert_parity(ref, go, op, a=a, **{second: b})
    if op == "cosine_similarity":
        assert -1.0 <= go.cosine_similarity(a, b) <= 1.0


@given(pair=vector_pairs(tame))
def test_dot_against_numpy(go, pair):
    a, b = pair
    assert tol.ratio(np.dot(a, b), go.dot(a, b), tol.vectors.dot_bound(a, b)) <= 1


@given(pair=vector_pairs(special))
def test_dot_propagates_nan_inf(ref, go, pair):
    # With entries below 1e6 no finite partial sum overflows, so whether the
    # result is NaN or an infinity does not depend on the order of the sum.
    a, b = pair
    r, g = ref.dot(a, b), go.dot(a, b)
    if np.isfinite(r) and np.isfinite(g):
        assert tol.ratio(r, g, tol.vectors.dot_bound(a, b)) <= 1
    else:
        assert tol.alike(r, g)


def test_dot_worked_example(go, ref):
    # The dot product of the source material: 1·4 + 2·5 + 3·6.
    assert go.dot([1, 2, 3], [4, 5, 6]) == ref.dot([1, 2, 3], [4, 5, 6]) == 32.0


@pytest.mark.parametrize("ord", [1, 2, math.inf])
@given(v=st.integers(0, 40).flatmap(lambda n: vectors(n, wide)))
def test_vector_norms(ref, go, ord, v):
    assert_parity(ref, go, "norm", v=v, ord=ord)


@pytest.mark.parametrize("ord", [1, 2, math.inf])
@given(v=st.integers(1, 40).flatmap(lambda n: vectors(n, tame)))
def test_vector_norms_against_numpy(go, ord, v):
    assert tol.ratio(np.linalg.norm(v, ord), go.norm(v, ord), tol.vectors.norm_bound(v, ord)) <= 1


@pytest.mark.parametrize("ord", ["fro", 1, math.inf, None])
@given(data=st.data())
def test_matrix_norms(ref, go, ord, data):
    from strategies import matrices

    a = data.draw(matrices(st.integers(0, 8), st.integers(0, 8), wide))
    assert_parity(ref, go, "norm", v=a, ord=ord)
    a = data.draw(matrices(st.integers(1, 8), st.integers(1, 8), tame))
    if a.size:
        expected = np.linalg.norm(a, ord)
        assert (
            tol.ratio(expected, go.norm(a, ord), tol.vectors.norm_bound(a, "fro" if ord is None else ord))
            <= 1
        )


@given(v=st.integers(0, 12).flatmap(lambda n: vectors(n, special)))
def test_norms_propagate_nan_inf(ref, go, v):
    for ord in (1, 2, math.inf):
        r, g = ref.norm(v, ord), go.norm(v, ord)
        if np.isfinite(r) and np.isfinite(g):
            assert tol.ratio(r, g, tol.vectors.norm_bound(v, ord)) <= 1
        else:
            assert tol.alike(r, g)  # NaN wins over inf, on both sides


def test_norm_does_not_overflow(go, ref):
    # np.linalg.norm([1e200, 1e200]) overflows to inf; the exact norm is 1e200·√2.
    for tm in (go, ref):
        assert tm.norm([1e200, 1e200]) == pytest.approx(1e200 * math.sqrt(2), rel=4 * tol.EPS)
        assert tm.norm([3e-200, 4e-200]) == pytest.approx(5e-200, rel=4 * tol.EPS)


@given(pair=vector_pairs(tame))
def test_cosine_similarity_against_numpy(go, pair):
    a, b = pair
    na, nb = np.linalg.norm(a), np.linalg.norm(b)
    expected = np.dot(a, b) / (na * nb) if na and nb else 0.0
    if np.isfinite(expected):
        assert tol.ratio(expected, go.cosine_similarity(a, b), tol.vectors.cosine_bound(a)) <= 1


def test_cosine_similarity_special_cases(go, ref):
    for tm in (go, ref):
        assert tm.cosine_similarity([0, 0], [1, 2]) == 0.0  # a zero vector
        assert tm.cosine_similarity([], []) == 0.0
        assert tm.cosine_similarity([1, 2], [-2, -4]) == pytest.approx(
            -1.0, abs=tol.vectors.cosine_bound([1, 2])
        )
        assert math.isnan(tm.cosine_similarity([1, math.nan], [1, 2]))


@given(
    pair=st.tuples(st.integers(0, 12), st.integers(0, 12)).flatmap(
        lambda s: st.tuples(vectors(s[0]), vectors(s[1]))
    )
)
def test_outer_bit_for_bit(ref, go, pair):
    a, b = pair
    assert_parity(ref, go, "outer", a=a, b=b)
    assert tol.alike(go.outer(a, b), np.outer(a, b))


@given(pair=vector_pairs(tame))
def test_project_is_a_projection(go, pair):
    # proj(a, u) is parallel to u and a − proj(a, u) is orthogonal to u.
    a, u = pair
    p = go.project(a, u)
    if np.any(u):
        r = a - p
        # r·u is zero up to the rounding of p and of the dot product itself.
        scale = np.linalg.norm(a) * np.linalg.norm(u)
        assert abs(np.dot(r, u)) <= 8 * (a.size + 2) * tol.EPS * scale
    else:
        assert not np.any(p)


# ---- errors ------------------------------------------------------------------


@pytest.mark.parametrize("op", ["add", "subtract", "dot", "cosine_similarity"])
def test_length_mismatch(ref, go, op):
    err = assert_same_error(ref, go, op, {"a": [1, 2, 3], "b": [1, 2]})
    assert isinstance(err, twinmath.ShapeError)
    assert str(err) == f"{op}: shape mismatch: lengths 3 and 2 differ"


@pytest.mark.parametrize("op", ["add", "dot", "outer", "cosine_similarity"])
@pytest.mark.parametrize("bad", [[[1.0, 2.0]], 3.0, np.zeros((1, 2, 2))])
def test_vectors_must_be_1d(ref, go, op, bad):
    err = assert_same_error(ref, go, op, {"a": bad, "b": [1.0, 2.0]})
    assert isinstance(err, twinmath.ShapeError)
    assert "a must be 1-D" in str(err)


@pytest.mark.parametrize("bad", [[1j, 2], ["1", "2"], [object(), 1], np.array([1, 2], dtype="datetime64[s]")])
def test_non_real_input_is_a_type_error(ref, go, bad):
    err = assert_same_error(ref, go, "dot", {"a": bad, "b": [1.0, 2.0]})
    assert isinstance(err, TypeError)


@pytest.mark.parametrize("c", ["2", 1j, None, [2.0]])
def test_scale_needs_a_real_scalar(ref, go, c):
    assert isinstance(assert_same_error(ref, go, "scale", {"v": [1.0], "c": c}), TypeError)


@pytest.mark.parametrize(
    ("v", "ord", "message"),
    [
        ([1.0, 2.0], math.nan, "norm: invalid input: ord must be a number, got nan"),
        ([1.0, 2.0], "fro", "norm: invalid input: ord 'fro' needs a 2-D array"),
        ([1.0, 2.0], "nuc", "norm: invalid input: ord 'nuc' needs a 2-D array"),
        (
            [[1.0]],
            0,
            "norm: invalid input: ord must be 'fro', 'nuc', 1, -1, 2, -2, inf or -inf for a matrix, got 0.0",
        ),
        ([[1.0]], "euclid", "norm: invalid input: unknown ord 'euclid'"),
    ],
)
def test_norm_bad_ord(ref, go, v, ord, message):
    err = assert_same_error(ref, go, "norm", {"v": v, "ord": ord})
    assert type(err) is ValueError and str(err) == message
