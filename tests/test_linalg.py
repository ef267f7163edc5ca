"""Parity of the matrix operations: matmul, transpose, trace, det, inv, solve."""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error, outcomes
from hypothesis import given
from hypothesis import strategies as st
from strategies import matrices, moderate, square, well_conditioned, wide
from twinmath import tolerances as tol


@st.composite
def products(draw, elements=wide, max_n=24):
    m, n, p = (draw(st.integers(0, max_n)) for _ in range(3))
    a = draw(matrices(st.just(m), st.just(n), elements))
    b = draw(
        st.one_of(
            matrices(st.just(n), st.just(p), elements),
            matrices(st.just(n), st.just(1), elements).map(np.ravel),
        )
    )
    return a, b


@given(ab=products())
def test_matmul(ref, go, ab):
    a, b = ab
    assert_parity(ref, go, "matmul", A=a, B=b)


@given(ab=products(moderate))
def test_matmul_against_numpy(go, ab):
    a, b = ab
    b2 = b if b.ndim == 2 else b[:, None]
    bound = tol.vectors.matmul_bound(a, b2).reshape(np.shape(a @ b))
    assert tol.ratio(a @ b, go.matmul(a, b), bound) <= 1


@pytest.mark.parametrize("n", [63, 64, 129, 257])
def test_matmul_across_block_edges(ref, go, n):
    # Sizes around the Go kernel's blocks (128 × 256) and its threshold for
    # running on several threads.
    rng = np.random.default_rng(n)
    assert_parity(ref, go, "matmul", A=rng.standard_normal((n + 1, n)), B=rng.standard_normal((n, n - 1)))


def test_matmul_worked_example(go):
    assert go.matmul([[1, 2], [3, 4]], [[5, 6], [7, 8]]).tolist() == [[19, 22], [43, 50]]


@given(a=matrices(st.integers(0, 70), st.integers(0, 70), wide))
def test_transpose_bit_for_bit(ref, go, a):
    assert_parity(ref, go, "transpose", A=a)
    t = go.transpose(a)
    assert tol.alike(t, a.T) and t.flags.c_contiguous


@given(a=square(20, wide))
def test_trace(ref, go, a):
    assert_parity(ref, go, "trace", A=a)


@given(a=square(12))
def test_det(ref, go, a):
    assert_parity(ref, go, "det", A=a)


@given(a=square(12))
def test_det_against_numpy(go, a):
    assert tol.ratio(np.linalg.det(a), go.det(a), tol.linalg.det_bound(a)) <= 1


@given(a=square(8), i=st.integers(0, 7), j=st.integers(0, 7))
def test_det_of_matrix_with_repeated_row(ref, go, a, i, j):
    # Exactly singular: the bound (σ₁·σ₁⋯σₙ₋₁·nργₙ) holds for singular matrices too.
    n = a.shape[0]
    a = a.copy()
    a[i % n] = a[j % n]
    assert_parity(ref, go, "det", A=a)


def test_det_worked_example(go, ref):
    assert go.det([[1, 2], [3, 4]]) == pytest.approx(-2.0, abs=4 * tol.EPS)
    assert go.det([[1, 2], [2, 4]]) == 0.0 == ref.det([[1, 2], [2, 4]])


@given(a=well_conditioned())
def test_inv(ref, go, a):
    assert_parity(ref, go, "inv", A=a)
    n = a.shape[0]
    for x in (go.inv(a), ref.inv(a)):
        assert tol.linalg.residual_ratio(a, x, np.eye(n)) <= tol.RESIDUAL_THRESHOLD


@given(a=well_conditioned(), k=st.sampled_from([None, 1, 3]), data=st.data())
def test_solve(ref, go, a, k, data):
    n = a.shape[0]
    shape = (n,) if k is None else (n, k)
    b = (
        data.draw(matrices(st.just(n), st.just(1), moderate).map(np.ravel))
        if k is None
        else data.draw(matrices(st.just(n), st.just(k), moderate))
    )
    assert b.shape == shape
    assert_parity(ref, go, "solve", A=a, b=b)
    for x in (go.solve(a, b), ref.solve(a, b)):
        assert x.shape == shape
        assert tol.linalg.residual_ratio(a, x, b) <= tol.RESIDUAL_THRESHOLD


@given(a=square(10))
def test_inv_of_any_matrix(ref, go, a):
    """Both succeed or both report singular, unless rounding decides.

    A pivot is "exactly zero" after rounding; for a matrix that is singular to
    working precision (κ ≥ 1/(n·ε)) the two factorisations round differently
    and one may meet an exact zero where the other meets a tiny pivot. There,
    and only there, the outcomes may differ.
    """
    seen = outcomes(ref, go, "inv", {"A": a}, twinmath.SingularMatrixError, "singular")
    singular_to_working_precision = tol.linalg.condition(a) >= 1 / (a.shape[0] * tol.EPS)
    if seen[0] != seen[1]:
        assert singular_to_working_precision, seen
    elif seen[0] == "ok" and not singular_to_working_precision:
        assert_parity(ref, go, "inv", A=a)


@pytest.mark.parametrize(
    "a",
    [
        [[1, 2], [2, 4]],
        [[0, 0], [0, 0]],
        [[0, 1, 2], [0, 3, 4], [0, 5, 6]],
    ],
)
def test_singular(ref, go, a):
    for op, args in (("inv", {"A": a}), ("solve", {"A": a, "b": np.ones(len(a))})):
        err = assert_same_error(ref, go, op, args)
        assert isinstance(err, twinmath.SingularMatrixError) and isinstance(err, np.linalg.LinAlgError)
        assert str(err) == f"{op}: singular matrix"


def test_singular_to_working_precision(ref, go):
    # Singular in exact arithmetic; after rounding, a LU factorisation may meet
    # an exactly zero pivot or a tiny one (OpenBLAS and Go may differ), so
    # either outcome is right, but det must be tiny either way.
    a: list[list[float]] = [[1, 2, 3], [4, 5, 6], [7, 8, 9.0]]
    for tm in (ref, go):
        assert abs(tm.det(a)) <= tol.linalg.det_bound(a)
    assert_parity(ref, go, "det", A=a)


def test_hilbert_matrix_nearly_singular(ref, go):
    # κ(H₈) ≈ 1.5e10: far from singular to working precision, but hard.
    n = 8
    h = 1.0 / (np.arange(n)[:, None] + np.arange(n)[None, :] + 1)
    assert_parity(ref, go, "inv", A=h)
    assert_parity(ref, go, "det", A=h)
    assert_parity(ref, go, "solve", A=h, b=np.ones(n))


# ---- errors ------------------------------------------------------------------


@pytest.mark.parametrize("op", ["det", "inv"])  # trace takes any matrix, as numpy's
def test_not_square(ref, go, op):
    err = assert_same_error(ref, go, op, {"A": [[1, 2, 3], [4, 5, 6]]})
    assert isinstance(err, twinmath.ShapeError)
    assert str(err) == f"{op}: shape mismatch: A must be square, got 2x3"


@pytest.mark.parametrize("op", ["det", "inv"])
@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf])
def test_nan_inf_rejected(ref, go, op, bad):
    err = assert_same_error(ref, go, op, {"A": [[1.0, bad], [0.0, 1.0]]})
    assert type(err) is ValueError and str(err) == f"{op}: invalid input: A contains NaN or Inf"


def test_empty_as_numpy(ref, go):
    # The 0×0 matrix: det is the empty product, inv and solve empty, as numpy.
    e = np.zeros((0, 0))
    for m in (ref, go):
        assert m.det(e) == 1.0 == np.linalg.det(e)
        assert m.inv(e).shape == (0, 0)
        assert m.solve(e, np.zeros(0)).shape == (0,) and m.solve(e, np.zeros((0, 3))).shape == (0, 3)


def test_solve_errors(ref, go):
    cases = {
        "solve: shape mismatch: A must be square, got 1x2": ([[1.0, 2.0]], [1.0]),
        "solve: shape mismatch: A is 2x2 but b has 3 rows": ([[1.0, 0.0], [0.0, 1.0]], [1.0, 2.0, 3.0]),
        "solve: invalid input: b contains NaN or Inf": ([[1.0, 0.0], [0.0, 1.0]], [1.0, math.nan]),
        "solve: shape mismatch: b must be at least 1-D, got shape ()": (np.eye(2), 1.0),
        # A 3-D b is a stack of 1×1 matrices (numpy ≥ 2), whose rows do not fit.
        "solve: shape mismatch: A is 2x2 but b has 1 rows": (np.eye(2), np.zeros((2, 1, 1))),
    }
    for message, (a, b) in cases.items():
        err = assert_same_error(ref, go, "solve", {"A": a, "b": b})
        assert str(err) == message


def test_matmul_errors(ref, go):
    err = assert_same_error(ref, go, "matmul", {"A": [[1.0, 2.0]], "B": [[1.0, 2.0]]})
    assert isinstance(err, twinmath.ShapeError)
    assert str(err) == "matmul: shape mismatch: inner dimensions 2 and 1 differ"
    err = assert_same_error(ref, go, "matmul", {"A": 2.0, "B": [[1.0], [2.0]]})
    assert str(err) == "matmul: shape mismatch: A must be at least 1-D, got shape ()"
