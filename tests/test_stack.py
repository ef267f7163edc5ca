"""Stacks of matrices (..., M, N): numpy.linalg's stacking and broadcasting, in both backends."""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import given
from hypothesis import strategies as st
from strategies import moderate, square, well_conditioned
from twinmath import tolerances as tol

LEADS = [(1,), (3,), (2, 3), (0,), (4, 1), (2, 0)]


def stacked(a: np.ndarray, lead: tuple[int, ...]) -> np.ndarray:
    """The stack of leading shape ``lead`` of the matrices (k + 1)·a."""
    count = math.prod(lead)
    return (
        np.stack([a * (k + 1) for k in range(count)]).reshape(*lead, *a.shape)
        if count
        else np.zeros((*lead, *a.shape))
    )


@given(a=square(6), lead=st.sampled_from(LEADS))
def test_det_stack(ref, go, a, lead):
    # Each determinant within det's bound of numpy's batched det; numpy's shapes.
    s = stacked(a, lead)
    g, r = go.det(s), ref.det(s)
    assert g.shape == r.shape == np.linalg.det(s).shape == lead
    for idx in np.ndindex(*lead):
        assert tol.ratio(r[idx], g[idx], tol.linalg.det_bound(s[idx])) <= 1
        assert g[idx] == go.det(s[idx])  # the batched call computes each as the single call


@given(a=square(5), lead=st.sampled_from(LEADS))
def test_slogdet_stack(ref, go, a, lead):
    s = stacked(a, lead)
    assert_parity(ref, go, "slogdet", a=s)
    sign, logabsdet = go.slogdet(s)
    assert sign.shape == logabsdet.shape == lead


@given(a=well_conditioned(5), lead=st.sampled_from(LEADS))
def test_inv_stack(ref, go, a, lead):
    # (Exactly singular matrices, which rounding may or may not keep singular,
    # are the worked cases below.)
    s = stacked(a, lead)
    assert_parity(ref, go, "inv", A=s)
    x = go.inv(s)
    assert x.shape == s.shape
    for idx in np.ndindex(*lead):
        assert np.array_equal(x[idx], go.inv(s[idx]))  # each as the single call, bit for bit


# numpy's (≥ 2) rules for solve's b, checked against numpy itself.
SOLVE_SHAPES = [
    ((3, 3), (3,)),
    ((2, 3, 3), (3,)),
    ((2, 3, 3), (3, 1)),
    ((2, 3, 3), (2, 3, 2)),
    ((2, 3, 3), (1, 3, 4)),
    ((4, 1, 3, 3), (5, 3, 2)),
    ((3, 3), (4, 3, 2)),
    ((0, 3, 3), (3,)),
    ((2, 0, 0), (2, 0, 3)),
]


@pytest.mark.parametrize(("sa", "sb"), SOLVE_SHAPES)
def test_solve_broadcasting(ref, go, sa, sb):
    rng = np.random.default_rng(len(sa) * 10 + len(sb))
    a = rng.standard_normal(sa) + 4 * np.eye(sa[-1])
    b = rng.standard_normal(sb)
    want = np.linalg.solve(a, b)
    assert ref.solve(a, b).shape == go.solve(a, b).shape == want.shape
    assert_parity(ref, go, "solve", A=a, b=b)


MATMUL_SHAPES = [
    ((3,), (3,)),
    ((3,), (3, 2)),
    ((2, 3), (3,)),
    ((4, 2, 3), (3, 5)),
    ((2, 3), (4, 3, 5)),
    ((2, 1, 2, 3), (4, 3, 2)),
    ((3,), (5, 3, 2)),
    ((5, 2, 3), (3,)),
    ((0, 2, 3), (3, 2)),
    ((2, 2, 0), (2, 0, 3)),
]


@pytest.mark.parametrize(("sa", "sb"), MATMUL_SHAPES)
def test_matmul_broadcasting(ref, go, sa, sb):
    rng = np.random.default_rng(len(sa) * 10 + len(sb))
    a, b = rng.standard_normal(sa), rng.standard_normal(sb)
    want = np.matmul(a, b)
    for m in (ref, go):
        got = m.matmul(a, b)
        assert np.shape(got) == want.shape and isinstance(got, float) == (want.ndim == 0)
    assert_parity(ref, go, "matmul", A=a, B=b)


@given(a=square(4, moderate), lead=st.sampled_from([(3,), (2, 2)]))
def test_matmul_stack_is_each_product(go, a, lead):
    s = stacked(a, lead)
    p = go.matmul(s, s)
    for idx in np.ndindex(*lead):
        assert np.array_equal(p[idx], go.matmul(s[idx], s[idx]))


SINGULAR = np.array([[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [2.0, 4.0]], np.eye(2), np.zeros((2, 2))])


def test_singular_in_a_stack(ref, go):
    # det gives 0; inv and solve name the first singular matrix, the same text both sides.
    assert go.det(SINGULAR)[1] == ref.det(SINGULAR)[1] == 0.0
    err = assert_same_error(ref, go, "inv", {"A": SINGULAR})
    assert isinstance(err, twinmath.SingularMatrixError)
    assert str(err) == "inv: singular matrix (matrix 1 of the stack)"
    err = assert_same_error(ref, go, "solve", {"A": SINGULAR.reshape(2, 2, 2, 2), "b": [1.0, 1.0]})
    assert str(err) == "solve: singular matrix (matrix 1 of the stack)"
    # The index is that of the broadcast stack.
    err = assert_same_error(ref, go, "solve", {"A": SINGULAR[1], "b": np.ones((3, 2, 1))})
    assert str(err) == "solve: singular matrix (matrix 0 of the stack)"


@pytest.mark.parametrize(
    ("op", "args", "message"),
    [
        ("det", {"A": np.zeros((2, 2, 3))}, "det: shape mismatch: A must be square, got 2x3"),
        ("det", {"A": np.zeros(2)}, "det: shape mismatch: A must be at least 2-D, got shape (2,)"),
        (
            "det",
            {"A": [np.eye(2), [[1.0, 0.0], [0.0, np.inf]]]},
            "det: invalid input: A contains NaN or Inf (matrix 1 of the stack)",
        ),
        (
            "inv",
            {"A": np.full((2, 3, 2, 2), np.nan)},
            "inv: invalid input: A contains NaN or Inf (matrix 0 of the stack)",
        ),
        (
            "slogdet",
            {"a": [np.eye(2), np.eye(2), [[np.nan, 0.0], [0.0, 1.0]]]},
            "slogdet: invalid input: a contains NaN or Inf (matrix 2 of the stack)",
        ),
        (
            "solve",
            {"A": [np.eye(2)] * 3, "b": [[[1.0], [1.0]], [[1.0], [np.nan]], [[1.0], [1.0]]]},
            "solve: invalid input: b contains NaN or Inf (matrix 1 of the stack)",
        ),
        (
            "solve",
            {"A": np.zeros((2, 2, 2)), "b": np.zeros((3, 2, 1))},
            "solve: shape mismatch: stacks of shapes (2,) and (3,) do not broadcast",
        ),
        ("solve", {"A": np.eye(2), "b": 1.0}, "solve: shape mismatch: b must be at least 1-D, got shape ()"),
        (
            "matmul",
            {"A": np.zeros((2, 2, 3)), "B": np.zeros((3, 3, 2))},
            "matmul: shape mismatch: stacks of shapes (2,) and (3,) do not broadcast",
        ),
        (
            "matmul",
            {"A": np.zeros((2, 2, 3)), "B": np.zeros((2, 2, 2))},
            "matmul: shape mismatch: inner dimensions 3 and 2 differ",
        ),
    ],
)
def test_stack_errors(ref, go, op, args, message):
    err = assert_same_error(ref, go, op, args)
    assert str(err) == message


def test_empty_stacks_as_numpy(ref, go):
    for m in (ref, go):
        assert m.det(np.zeros((0, 3, 3))).shape == (0,)
        assert m.det(np.zeros((3, 0, 0))).tolist() == [1.0, 1.0, 1.0]
        assert m.inv(np.zeros((2, 0, 0))).shape == (2, 0, 0)
        assert m.inv(np.zeros((0, 3, 3))).shape == (0, 3, 3)
        sign, logabsdet = m.slogdet(np.zeros((2, 0, 0)))
        assert sign.tolist() == [1.0, 1.0] and logabsdet.tolist() == [0.0, 0.0]
        assert m.solve(np.zeros((0, 3, 3)), np.ones(3)).shape == (0, 3)


def test_stack_inputs_unchanged_and_strided(ref, go):
    # A strided, Fortran-ordered or integer stack is converted, never written.
    base = np.arange(2 * 3 * 6, dtype=np.float64).reshape(2, 3, 6)[:, :, ::2] + 5 * np.eye(3)
    f = np.asfortranarray(base)
    i = np.array([[[2, 1], [1, 3]], [[4, 0], [1, 1]]])
    for x in (base, f):
        before = x.copy()
        assert np.array_equal(go.inv(x), go.inv(np.ascontiguousarray(x)))
        assert np.array_equal(x, before)
    assert np.array_equal(go.det(i), go.det(i.astype(float)))
