"""Parity of the functions named after numpy.linalg's: slogdet, cond, matrix_power,
multi_dot, diagonal, matrix_transpose, cross, vector_norm, matrix_norm, eigvals,
eigvalsh, svdvals; with numpy as the oracle where numpy's answer is the same."""

from __future__ import annotations

import math

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from hypothesis import example, given
from hypothesis import strategies as st
from strategies import matrices, moderate, square, tame, well_conditioned, wide
from twinmath import tolerances as tol
from twinmath._front.linalg import SlogdetResult

ORDERS = [None, 2, -2, 1, -1, math.inf, -math.inf, "fro", "nuc"]


@given(a=square(12, moderate))
def test_slogdet(ref, go, a):
    assert_parity(ref, go, "slogdet", a=a)


@given(a=well_conditioned())
def test_slogdet_against_numpy(go, a):
    sign, logabsdet = go.slogdet(a)
    want = np.linalg.slogdet(a)
    assert sign == want.sign
    _, bound = tol.linalg.slogdet_bound(a)
    assert tol.ratio(want.logabsdet, logabsdet, bound) <= 1


def test_slogdet_beyond_float64(ref, go):
    # det(0.01·I₃₀₀) = 1e-600 underflows; its logarithm is 300·ln 0.01.
    for tm in (ref, go):
        sign, logabsdet = tm.slogdet(np.eye(300) * 0.01)
        assert sign == 1.0 and math.isclose(logabsdet, 300 * math.log(0.01), rel_tol=1e-13)
        assert tm.det(np.eye(300) * 0.01) == 0.0


def test_slogdet_special(ref, go):
    for tm in (ref, go):
        assert tm.slogdet(np.zeros((0, 0))) == (1.0, 0.0)
        assert tm.slogdet([[1, 2], [2, 4]]) == (0.0, -math.inf)
        r = tm.slogdet([[1, 2], [3, 4]])
        assert type(r) is SlogdetResult and r.sign == -1.0
    err = assert_same_error(ref, go, "slogdet", {"a": [[1.0, 2.0, 3.0]]})
    assert isinstance(err, np.linalg.LinAlgError)


@pytest.mark.parametrize("p", ORDERS)
@given(a=well_conditioned(8))
def test_cond(ref, go, p, a):
    assert_parity(ref, go, "cond", x=a, p=p)


@pytest.mark.parametrize("p", ORDERS)
@given(a=well_conditioned(8))
def test_cond_against_numpy(go, p, a):
    want = float(np.linalg.cond(a, p))
    assert tol.ratio(want, go.cond(a, p), tol.linalg.cond_bound(a, p, want)) <= 1


@pytest.mark.parametrize("p", [1, -1, math.inf, -math.inf, "fro", "nuc"])
def test_cond_singular_is_inf(ref, go, p):
    for tm in (ref, go):
        assert tm.cond([[1.0, 2.0], [2.0, 4.0]], p) == math.inf


@pytest.mark.parametrize(
    ("args", "cls", "message"),
    [
        # numpy raises LinAlgError for the empty matrix: ShapeError is one.
        ({"x": np.zeros((0, 0))}, twinmath.ShapeError, "cond: shape mismatch: x is empty"),
        ({"x": [[1.0, 2.0]], "p": 1}, twinmath.ShapeError, "cond: shape mismatch: x must be square, got 1x2"),
        (
            {"x": [[1.0]], "p": 3},
            ValueError,
            "cond: invalid input: p must be None, 'fro', 'nuc', 1, -1, 2, -2, inf or -inf, got 3.0",
        ),
        ({"x": [[math.nan]]}, ValueError, "cond: invalid input: x contains NaN or Inf"),
    ],
)
def test_cond_errors(ref, go, args, cls, message):
    err = assert_same_error(ref, go, "cond", args)
    assert type(err) is cls and str(err) == message


@pytest.mark.parametrize("k", [0, 1, 2, 3, 4, 5, 8, 13, -1, -2, -5])
@given(a=well_conditioned(6))
def test_matrix_power(ref, go, k, a):
    a = a / max(1.0, float(np.max(np.abs(a))) * a.shape[0])  # keep high powers in range
    assert_parity(ref, go, "matrix_power", a=a, n=k)
    want = np.linalg.matrix_power(a, k)
    assert tol.ratio(want, go.matrix_power(a, k), tol.linalg.matrix_power_bound(a, k)) <= 1


def test_matrix_power_special(ref, go):
    for tm in (ref, go):
        assert tm.matrix_power([[math.nan]], 0).tolist() == [[1.0]]
        assert tm.matrix_power(np.zeros((0, 0)), -3).shape == (0, 0)
        assert tm.matrix_power([[0.0, 1.0], [1.0, 0.0]], 2**40 + 1).tolist() == [[0.0, 1.0], [1.0, 0.0]]
    err = assert_same_error(ref, go, "matrix_power", {"a": [[1.0, 2.0], [2.0, 4.0]], "n": -1})
    assert isinstance(err, twinmath.SingularMatrixError)
    assert isinstance(assert_same_error(ref, go, "matrix_power", {"a": [[1.0]], "n": 1.5}), TypeError)


@st.composite
def chains(draw, max_k=6, max_d=8):
    k = draw(st.integers(2, max_k))
    dims = [draw(st.integers(0, max_d)) for _ in range(k + 1)]
    ms = [draw(matrices(st.just(dims[i]), st.just(dims[i + 1]), moderate)) for i in range(k)]
    if draw(st.booleans()) and ms[0].shape[0] == 1:
        ms[0] = ms[0].ravel()
    if draw(st.booleans()) and ms[-1].shape[1] == 1:
        ms[-1] = ms[-1].ravel()
    return ms


@given(ms=chains())
def test_multi_dot(ref, go, ms):
    assert_parity(ref, go, "multi_dot", **{f"A{i}": m for i, m in enumerate(ms)})
    want = np.linalg.multi_dot(ms)
    got = go.multi_dot(ms)
    assert np.shape(got) == np.shape(want)
    bound = tol.linalg.multi_dot_bound(ms).reshape(np.shape(want))
    assert tol.ratio(want, got, bound) <= 1


@given(ms=chains())
def test_multi_dot_out(ref, go, ms):
    """out receives the product the call returns without it, bit for bit, and is returned."""
    for tm in (ref, go):
        want = np.asarray(tm.multi_dot(ms))
        out = np.full(want.shape, np.nan)
        got = tm.multi_dot(ms, out=out)
        assert got is out
        assert tol.alike(out, want)


def _overlapping_chains() -> list[tuple[str, list[np.ndarray], np.ndarray]]:
    """Chains whose out shares memory with a factor: wholly or in part, first, inside or last."""
    rng = np.random.default_rng(5)
    cases = []
    for k in (2, 3, 4):
        for i in range(k):
            ms = [rng.standard_normal((3, 3)) for _ in range(k)]
            cases.append((f"{k} factors, out is factor {i}", ms, ms[i]))
    ms = [rng.standard_normal(4), rng.standard_normal((4, 4))]
    cases.append(("vector first, out is the vector", ms, ms[0]))
    ms = [rng.standard_normal((5, 5)), rng.standard_normal((5, 5)), rng.standard_normal(5)]
    cases.append(("vector last, out is the vector", ms, ms[2]))
    # 2x4 · 4x4 · 4x3 is cheaper as (AB)C: its last product reads the factor C itself.
    buf = rng.standard_normal(40)
    a, b, c = rng.standard_normal((2, 4)), buf[:16].reshape(4, 4), buf[16:28].reshape(4, 3)
    cases.append(("out inside b and c", [a, b, c], buf[12:18].reshape(2, 3)))
    cases.append(("out over the end of c", [a, b, c], buf[25:31].reshape(2, 3)))
    return cases


@pytest.mark.parametrize(
    ("label", "ms", "out"), _overlapping_chains(), ids=lambda v: v if isinstance(v, str) else ""
)
def test_multi_dot_out_overlapping_a_factor(ref, go, label, ms, out):
    """An out sharing memory with a factor gets the product of the values passed in, as numpy's."""
    base = out if out.base is None else out.base
    for tm in (ref, go):
        copy = base.copy()  # each backend on its own copy of the shared memory
        factors = [_rebase(m, base, copy) for m in ms]
        dst = _rebase(out, base, copy)
        assert any(np.shares_memory(dst, m) for m in factors)
        want = np.asarray(tm.multi_dot([m.copy() for m in factors]))
        got = tm.multi_dot(factors, out=dst)
        assert got is dst
        assert tol.alike(dst, want), label


def _rebase(x: np.ndarray, base: np.ndarray, copy: np.ndarray) -> np.ndarray:
    """x as the same view of copy as it is of base, or x itself if it shares no memory with base."""
    if not np.shares_memory(x, base):
        return x
    offset = x.__array_interface__["data"][0] - base.__array_interface__["data"][0]
    return np.ndarray(x.shape, dtype=x.dtype, buffer=copy, offset=offset, strides=x.strides)


def test_multi_dot_out_refused(ref, go):
    """out is numpy's: an ndarray of float64, C-contiguous, writable, of the result's shape."""
    a, b = np.ones((2, 3)), np.ones((3, 4))
    ro = np.zeros((2, 4))
    ro.flags.writeable = False
    for out, kind, message in [
        ([[0.0] * 4] * 2, TypeError, "multi_dot: out must be an ndarray, got list"),
        (
            np.zeros((2, 4), np.float32),
            ValueError,
            "multi_dot: invalid input: out must be a float64 array, got dtype float32",
        ),
        (
            np.zeros((2, 4), np.int64),
            ValueError,
            "multi_dot: invalid input: out must be a float64 array, got dtype int64",
        ),
        (
            np.zeros((2, 4), ">f8"),
            ValueError,
            "multi_dot: invalid input: out must be a float64 array, got dtype >f8",
        ),
        (np.zeros((2, 4), order="F"), ValueError, "multi_dot: invalid input: out must be C-contiguous"),
        (np.zeros((2, 8))[:, ::2], ValueError, "multi_dot: invalid input: out must be C-contiguous"),
        (ro, ValueError, "multi_dot: invalid input: out is read-only"),
        (
            np.zeros((4, 2)),
            twinmath.ShapeError,
            "multi_dot: shape mismatch: out has shape (4, 2), the product (2, 4)",
        ),
        (
            np.zeros(8),
            twinmath.ShapeError,
            "multi_dot: shape mismatch: out has shape (8,), the product (2, 4)",
        ),
    ]:
        err = assert_same_error(ref, go, "multi_dot", {"A0": a, "A1": b, "out": out})
        assert type(err) is kind and str(err) == message
    # Vectors at the ends drop their axes in out's shape too (numpy asks for the 2-D one with 3 factors).
    for tm in (ref, go):
        with pytest.raises(twinmath.ShapeError, match=r"out has shape \(1, 1\), the product \(\)"):
            tm.multi_dot([np.ones(3), np.ones((3, 3)), np.ones(3)], out=np.zeros((1, 1)))
        out = np.zeros(())
        assert tm.multi_dot([np.ones(3), np.ones((3, 3)), np.ones(3)], out=out) is out and out == 9.0
    # The arrays are checked before out.
    err = assert_same_error(ref, go, "multi_dot", {"A0": a, "A1": a, "out": [0.0]})
    assert str(err) == "multi_dot: shape mismatch: arrays[0] is 2x3 but arrays[1] is 2x3"


def test_multi_dot_chooses_the_cheap_order(ref, go):
    # 10×100 · 100×5 · 5×50: (AB)C costs 7,500 multiplications, A(BC) 75,000.
    rng = np.random.default_rng(1)
    a, b, c = rng.standard_normal((10, 100)), rng.standard_normal((100, 5)), rng.standard_normal((5, 50))
    for tm in (ref, go):
        assert tol.alike(tm.multi_dot([a, b, c]), tm.matmul(tm.matmul(a, b), c))


@given(x=matrices(st.integers(0, 8), st.integers(0, 8), wide), k=st.integers(-9, 9))
def test_diagonal_and_matrix_transpose(ref, go, x, k):
    assert_parity(ref, go, "diagonal", x=x, offset=k)
    assert tol.alike(go.diagonal(x, offset=k), np.diagonal(x, k))
    assert tol.alike(go.matrix_transpose(x), x.T) and go.matrix_transpose(x).flags.c_contiguous


@given(a=st.lists(wide, min_size=3, max_size=3), b=st.lists(wide, min_size=3, max_size=3))
def test_cross_bit_for_bit(ref, go, a, b):
    assert tol.alike(go.cross(a, b), np.cross(a, b))
    assert tol.alike(ref.cross(a, b), go.cross(a, b))


def test_cross_errors(ref, go):
    err = assert_same_error(ref, go, "cross", {"x1": [1.0, 2.0], "x2": [1.0, 2.0, 3.0]})
    want = "input arrays must be (arrays of) 3-dimensional vectors, but x1's have 2 entries"
    assert str(err) == f"cross: shape mismatch: {want}"


@pytest.mark.parametrize(
    ("s1", "s2", "axis"),
    [
        ((4, 3), (4, 3), -1),
        ((2, 1, 3), (5, 3), -1),
        ((3,), (6, 3), -1),
        ((3, 4), (3,), 0),
        ((3, 5), (2, 3, 5), -2),
        ((2, 3, 4), (1, 3, 1), 1),
        ((0, 3), (3,), -1),
        ((1, 3), (2, 0, 3), -1),
    ],
    ids=str,
)
def test_cross_stacks_as_numpy(ref, go, s1, s2, axis):
    """numpy.linalg.cross's shapes and values, bit for bit, for stacks and broadcasting."""
    rng = np.random.default_rng(21)
    a, b = rng.standard_normal(s1), rng.standard_normal(s2)
    want = np.linalg.cross(a, b, axis=axis)
    for mod in (ref, go):
        r = mod.cross(a, b, axis=axis)
        assert r.shape == want.shape and r.dtype == np.float64 and r.flags.c_contiguous
        assert tol.alike(r, want)


def test_cross_stack_errors(ref, go):
    err = assert_same_error(ref, go, "cross", {"x1": np.zeros((2, 3)), "x2": np.zeros((3, 3))})
    assert str(err) == "cross: shape mismatch: stacks of shapes (2,) and (3,) do not broadcast"
    err = assert_same_error(ref, go, "cross", {"x1": np.zeros((4, 3)), "x2": np.zeros((4, 2))})
    assert type(err) is twinmath.ShapeError and "x2's have 2 entries" in str(err)
    with pytest.raises(ValueError, match=r"input arrays must be \(arrays of\) 3-dimensional vectors"):
        np.linalg.cross(np.zeros((4, 3)), np.zeros((4, 2)))  # numpy's words, which its test matches


@pytest.mark.parametrize("ord", [0, 0.5, 1, 2, 3, 7.5, math.inf, -math.inf, -1, -2.5])
@given(x=st.lists(tame, max_size=30))
def test_vector_norm_against_numpy(ref, go, ord, x):
    want = float(np.linalg.vector_norm(np.asarray(x, dtype=np.float64), ord=ord)) if x else None
    for tm in (ref, go):
        got = tm.vector_norm(x, ord=ord)
        if want is not None:
            assert tol.ratio(want, got, tol.vectors.norm_bound(x, float(ord))) <= 1


def test_vector_norm_keepdims_and_shapes(ref, go):
    for tm in (ref, go):
        assert tm.vector_norm([[3, 0], [0, -4]]) == 5.0
        k = tm.vector_norm([[3, 0], [0, -4]], keepdims=True)
        assert k.shape == (1, 1) and k[0, 0] == 5.0
        assert tm.vector_norm([], ord=-1) == math.inf and tm.vector_norm([], ord=1) == 0.0
        assert tm.vector_norm([1e300, 1e300], ord=3) == pytest.approx(1e300 * 2 ** (1 / 3), rel=1e-15)


@pytest.mark.parametrize("ord", ["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf])
@given(x=matrices(st.integers(1, 8), st.integers(1, 8), tame))
def test_matrix_norm_against_numpy(ref, go, ord, x):
    want = float(np.linalg.matrix_norm(x, ord=ord))
    bound = tol.vectors.norm_bound(x, ord)
    for tm in (ref, go):
        assert tol.ratio(want, tm.matrix_norm(x, ord=ord), bound) <= 1
        assert tol.ratio(want, tm.norm(x, ord), bound) <= 1


def test_norm_orders_of_numpy(ref, go):
    for tm in (ref, go):
        assert tm.norm([3, -4], 3) == pytest.approx(np.linalg.norm([3, -4], 3), rel=1e-15)
        assert tm.norm([[3, 0], [0, -4]], "nuc") == 7.0
        assert tm.norm([[1, 2], [3, 4]], -1) == 4.0


# A nearly defective zero eigenvalue: one side gives a complex pair of
# magnitude 1e-36, the other two reals, so the canonical orders of the group
# near 0 differ (found by hypothesis; the comparator matches multisets).
_NEAR_DEFECTIVE = np.full((5, 5), 0.00016946552299992016)
_NEAR_DEFECTIVE[0, 0], _NEAR_DEFECTIVE[3, 0] = 4.8332e04, 0.0


@given(a=square(10, moderate))
@example(a=_NEAR_DEFECTIVE)
def test_eigvals_and_eigvalsh(ref, go, a):
    assert_parity(ref, go, "eigvals", a=a)
    assert_parity(ref, go, "eigvalsh", a=a)
    assert_parity(ref, go, "eigvalsh", a=a, UPLO="U")


def test_eigvals_are_eigs(ref, go):
    a = [[0.0, -1.0], [1.0, 0.0]]
    for tm in (ref, go):
        assert tol.alike(tm.eigvals(a), tm.eig(a).w)
        assert tol.alike(tm.eigvalsh([[2.0, 1.0], [1.0, 2.0]]), tm.eigh([[2.0, 1.0], [1.0, 2.0]]).w)
        assert tm.eigvals(np.zeros((0, 0))).shape == (0,) and tm.eigvalsh(np.zeros((0, 0))).shape == (0,)
    err = assert_same_error(ref, go, "eigvalsh", {"a": [[1.0]], "UPLO": "X"})
    assert str(err) == "eigvalsh: invalid input: UPLO must be 'L' or 'U', got 'X'"


@given(x=matrices(st.integers(0, 10), st.integers(0, 10), moderate))
def test_svdvals(ref, go, x):
    assert_parity(ref, go, "svdvals", x=x)
    want = np.linalg.svdvals(x) if x.size else np.zeros(0)
    assert tol.ratio(want, go.svdvals(x), tol.decomp.svdvals_bound(x)) <= 1
