"""numpy.linalg's other functions on stacks (..., M, N): cond, matrix_power, diagonal, trace,
matrix_transpose, matrix_norm, norm over an axis pair, vector_norm along an axis.

Each matrix of a stack is computed as the single-matrix call computes it (bit
for bit, in each backend, whatever the number of threads); numpy's shapes;
the parity of the two backends on stacks is the shared parity checks'
(their stacked cases).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import twinmath
from helpers import assert_same_error
from twinmath import tolerances as tol

LEADS = [(1,), (3,), (2, 3), (4, 1)]


def randn(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.standard_normal(shape)


# op, keywords, whether its matrices are square, numpy's call.
OPS: list[tuple[str, dict[str, Any], bool]] = [
    ("cond", {}, False),
    *[("cond", {"p": p}, p not in (2, -2)) for p in (2, -2, 1, -1, math.inf, -math.inf, "fro", "nuc")],
    *[("matrix_power", {"n": k}, True) for k in (0, 1, 2, 3, 7, -1, -4)],
    *[("diagonal", {"offset": k}, False) for k in (-3, -1, 0, 2, 5)],
    *[("trace", {"offset": k}, False) for k in (-3, 0, 1, 5)],
    ("matrix_transpose", {}, False),
    *[("matrix_norm", {"ord": o}, False) for o in ("fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf)],
    ("matrix_norm", {"keepdims": True}, False),
]


def numpy_call(op: str, a: np.ndarray, kw: dict[str, Any]) -> Any:
    return getattr(np.linalg, op)(a, **kw)


@pytest.mark.parametrize(("op", "kw", "square"), OPS, ids=[f"{o}{k or ''}" for o, k, _ in OPS])
@pytest.mark.parametrize("lead", LEADS, ids=str)
def test_each_matrix_as_the_single_call(ref, go, op, kw, square, lead):
    # numpy's shapes; each matrix bit for bit the single call's, in each backend.
    rng = np.random.default_rng(len(lead) * 7 + sum(lead))
    m, n = (4, 4) if square else (4, 3)
    a = randn(rng, *lead, m, n) / (4 if op == "matrix_power" else 1)
    expect = np.shape(numpy_call(op, a, kw))
    for mod in (ref, go):
        r = getattr(mod, op)(a, **kw)
        assert np.shape(r) == expect, (mod, op, kw)
        for idx in np.ndindex(*lead):
            one = getattr(mod, op)(a[idx], **kw)
            if kw.get("keepdims"):
                one = np.asarray(one).reshape(np.shape(r[idx]))
            assert tol.alike(np.asarray(r[idx]), np.asarray(one)), (mod, op, kw, idx)


def test_matrix_power_names_the_first_singular_matrix(ref, go):
    a = np.array([np.eye(2), 2 * np.eye(2), [[1.0, 2.0], [2.0, 4.0]], np.zeros((2, 2))])
    e = assert_same_error(ref, go, "matrix_power", {"a": a, "n": -2})
    assert str(e) == "matrix_power: singular matrix (matrix 2 of the stack)"
    assert isinstance(e, twinmath.SingularMatrixError)
    for mod in (ref, go):  # n ≥ 0 needs no inverse
        assert mod.matrix_power(a, 0).shape == (4, 2, 2)


def test_matrix_power_beyond_int64_as_numpy(ref, go):
    """numpy's test_large_power: the front takes |n| ≥ 2**63 apart into powers within int64."""
    shift = np.eye(4)[[3, 0, 1, 2]]
    for mod in (ref, go):
        for j in range(4):
            n = 2**100 + 2**10 + 2**5 + j  # numpy's exponents: n mod 4 = j
            assert tol.alike(mod.matrix_power(shift, n), np.linalg.matrix_power(shift, j))
        assert tol.alike(mod.matrix_power(shift, -(2**100 + 1)), shift.T)  # exact: shift⁻¹ = shiftᵀ
        assert tol.alike(mod.matrix_power(np.eye(3), 2**100 + 1), np.eye(3))
        stack = np.stack([shift, shift.T])
        assert tol.alike(mod.matrix_power(stack, 2**63 + 1), stack)  # shift⁴ = I and 2**63 + 1 ≡ 1 (mod 4)
        assert tol.alike(mod.matrix_power(stack, -(2**63) - 2), np.stack([shift.T @ shift.T, shift @ shift]))
        # A contraction's power underflows to zero on both sides, as numpy's.
        c = np.array([[0.5, 0.25, 0.0], [0.1, 0.3, 0.2], [0.0, 0.4, 0.4]])
        assert mod.matrix_power(c, 2**100 + 1).tolist() == [[0.0] * 3] * 3
        assert mod.matrix_power(c, 2**100 + 1).shape == np.linalg.matrix_power(c, 2**100 + 1).shape
        assert mod.matrix_power(np.zeros((2, 0, 0)), -(2**100)).shape == (2, 0, 0)
    e = assert_same_error(ref, go, "matrix_power", {"a": [[1.0, 2.0], [2.0, 4.0]], "n": -(2**100)})
    assert type(e) is twinmath.SingularMatrixError and str(e) == "matrix_power: singular matrix"
    e = assert_same_error(ref, go, "matrix_power", {"a": np.zeros((2, 3)), "n": 2**100})
    assert type(e) is twinmath.ShapeError
    e = assert_same_error(ref, go, "matrix_power", {"a": np.eye(2), "n": 2.0**100})
    assert type(e) is TypeError


def test_cond_singular_in_a_stack_is_inf(ref, go):
    a = np.array([np.eye(2), [[1.0, 2.0], [2.0, 4.0]], 3 * np.eye(2)])
    for mod in (ref, go):
        for p in (1, -1, math.inf, "fro", "nuc"):
            r = mod.cond(a, p)
            assert r[1] == math.inf and r[0] == mod.cond(a[0], p), (mod, p)


@pytest.mark.parametrize(
    ("x", "p"),
    [
        (np.zeros((0, 0)), None),
        (np.zeros((3, 0, 0)), None),
        (np.zeros((0, 2, 0)), 1),
        (np.zeros((2, 2, 3)), 1),
        (np.zeros((2, 2, 3)), "fro"),
    ],
    ids=str,
)
def test_cond_shape_errors_are_linalg_errors(ref, go, x, p):
    # numpy raises LinAlgError for empty matrices; twinmath's ShapeError is one.
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.cond(x, p)
    e = assert_same_error(ref, go, "cond", {"x": x, "p": p})
    assert isinstance(e, twinmath.ShapeError) and isinstance(e, np.linalg.LinAlgError)


def test_cond_names_the_first_bad_matrix(ref, go):
    a = np.array([np.eye(2)] * 4)
    a[3, 0, 0] = math.nan
    a[2, 1, 0] = math.inf
    e = assert_same_error(ref, go, "cond", {"x": a, "p": 1})
    assert str(e) == "cond: invalid input: x contains NaN or Inf (matrix 2 of the stack)"


def test_threads_do_not_change_results(go):
    # 1 thread or many: the same bits, and the same failing index.
    rng = np.random.default_rng(3)
    a = randn(rng, 3000, 3, 3)
    bad = a.copy()
    bad[2100, 0, 1] = np.nan
    bad[2900, 1, 1] = np.inf
    previous = twinmath.set_num_threads(1)
    try:
        one = [go.cond(a), go.cond(a, 1), go.cond(a, "nuc")]
        with pytest.raises(ValueError) as e1:
            go.cond(bad)
        twinmath.set_num_threads(4)
        many = [go.cond(a), go.cond(a, 1), go.cond(a, "nuc")]
        with pytest.raises(ValueError) as e4:
            go.cond(bad)
    finally:
        twinmath.set_num_threads(previous)
    for x, y in zip(one, many, strict=True):
        assert tol.alike(x, y)
    assert str(e1.value) == str(e4.value) and "(matrix 2100 of the stack)" in str(e1.value)


ORDERS: list[Any] = ["fro", "nuc", 1, -1, 2, -2, math.inf, -math.inf, None]


@pytest.mark.parametrize("ord", ORDERS, ids=str)
@pytest.mark.parametrize("axis", [(1, 3), (3, 1), (-1, 0), (2, -1), (0, 1)], ids=str)
@pytest.mark.parametrize("keepdims", [False, True])
def test_norm_over_an_axis_pair_of_a_stack(ref, go, ord, axis, keepdims):
    # numpy's stacked matrices: the pair moves to the end in its order; each
    # matrix's norm is matrix_norm's of that matrix, bit for bit.
    rng = np.random.default_rng(11)
    x = randn(rng, 2, 3, 4, 5)
    want = np.linalg.norm(x, ord, axis, keepdims)
    mats = np.moveaxis(x, axis, (-2, -1))
    for mod in (ref, go):
        r = mod.norm(x, ord, axis, keepdims)
        assert r.shape == want.shape, (mod, ord, axis)
        flat = r.reshape(mats.shape[:-2])
        for idx in np.ndindex(*mats.shape[:-2]):
            assert flat[idx] == mod.matrix_norm(mats[idx], ord="fro" if ord is None else ord), (mod, idx)
        assert tol.ratio(want, r, 1e-13 * np.abs(want) + 1e-300) <= 1


@pytest.mark.parametrize("ord", [2, 1, 0, -1, math.inf, -math.inf, 3.5, -0.5])
@pytest.mark.parametrize("axis", [0, -1, 2, (0, 2), (2, 0), (1,), (0, 1, 2, 3), (), (-1, 1)], ids=str)
@pytest.mark.parametrize("keepdims", [False, True])
def test_vector_norm_along_axes(ref, go, ord, axis, keepdims):
    # numpy's rule: the axes given move to the end in their order; each lane
    # is vector_norm's of its entries, bit for bit, in both backends.
    rng = np.random.default_rng(12)
    x = randn(rng, 2, 3, 4, 5)
    x[0, 1, 2, 3] = 0.0
    want = np.linalg.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)
    axes = [axis] if isinstance(axis, int) else list(axis)
    axes = [k % x.ndim for k in axes]
    rest = [k for k in range(x.ndim) if k not in axes]
    lanes = np.transpose(x, rest + axes).reshape(math.prod(x.shape[k] for k in rest), -1)
    for mod in (ref, go):
        r = mod.vector_norm(x, axis=axis, keepdims=keepdims, ord=ord)
        assert np.shape(r) == np.shape(want), (mod, axis)
        one = np.array([mod.vector_norm(lane, ord=ord) for lane in lanes])
        assert tol.alike(np.ravel(r), one), (mod, axis)
        assert np.allclose(r, want, rtol=1e-13, atol=0), (mod, axis)


@pytest.mark.parametrize(
    ("axis", "cls"),
    [
        (4, twinmath.AxisError),
        (-5, twinmath.AxisError),
        ((0, 0), ValueError),
        ((1, -3), ValueError),
        (1.0, TypeError),
    ],
    ids=str,
)
def test_vector_norm_axis_errors(ref, go, axis, cls):
    e = assert_same_error(ref, go, "vector_norm", {"x": np.zeros((2, 3, 4, 5)), "axis": axis})
    assert type(e) is cls


def test_empty_stacks_and_lanes(ref, go):
    for mod in (ref, go):
        assert mod.matrix_norm(np.zeros((0, 3, 3))).shape == (0,)
        assert mod.matrix_norm(np.zeros((2, 0, 3)), ord=2).tolist() == [0.0, 0.0]
        assert mod.norm(np.zeros((0, 2, 3)), "nuc", (1, 2)).shape == (0,)
        assert mod.vector_norm(np.zeros((2, 0)), axis=1, ord=-1).tolist() == [math.inf, math.inf]
        assert mod.trace(np.zeros((0, 2, 2))).shape == (0,)
        assert mod.diagonal(np.zeros((3, 2, 0))).shape == (3, 0)
        assert mod.matrix_transpose(np.zeros((2, 0, 3))).shape == (2, 3, 0)
        assert mod.cond(np.zeros((0, 3, 3))).shape == (0,)


@pytest.mark.parametrize(
    ("op", "kw"),
    [
        ("pinv", {"rcond": np.array([[1e-15], [0.2]])}),
        ("pinv", {"rtol": np.array([1e-15, 0.3, 0.01])}),
        ("pinv", {"rcond": np.full((2, 3), 0.2), "hermitian": True}),
        ("matrix_rank", {"tol": np.array([0.1, 1.0, 10.0])}),
        ("matrix_rank", {"rtol": np.array([[1e-10], [0.3]])}),
        ("matrix_rank", {"tol": np.full((2, 3), 0.5), "hermitian": True}),
    ],
    ids=str,
)
def test_per_matrix_tolerances(ref, go, op, kw):
    # numpy's tolerance arrays broadcast against the stack: matrix i gets its
    # own, and its result is the single call's with that one number.
    rng = np.random.default_rng(5)
    a = randn(rng, 2, 3, 4, 4)
    a[..., 3, :] = a[..., 2, :] * (1 + 1e-7)
    if kw.get("hermitian"):
        a = a + np.swapaxes(a, -1, -2)
    want = getattr(np.linalg, op)(a, **kw)
    name = next(k for k in kw if k != "hermitian")
    per = np.broadcast_to(kw[name], (2, 3))
    for mod in (ref, go):
        r = getattr(mod, op)(a, **kw)
        assert np.shape(r) == np.shape(want), mod
        for idx in np.ndindex(2, 3):
            one = getattr(mod, op)(a[idx], **{**kw, name: float(per[idx])})
            assert tol.alike(np.asarray(r[idx]), np.asarray(one)), (mod, idx)
    if op == "matrix_rank":
        assert np.array_equal(ref.matrix_rank(a, **kw), want)


@pytest.mark.parametrize(
    ("op", "kw", "cls"),
    [
        ("pinv", {"rcond": np.ones(4)}, twinmath.ShapeError),
        ("pinv", {"rcond": np.array([0.1, -1.0, 0.1])}, ValueError),
        ("pinv", {"rtol": np.array([0.1, np.nan, 0.1])}, ValueError),
        ("matrix_rank", {"tol": np.ones((5, 1))}, twinmath.ShapeError),
    ],
    ids=str,
)
def test_per_matrix_tolerance_errors(ref, go, op, kw, cls):
    e = assert_same_error(ref, go, op, {"A": np.ones((2, 3, 2, 2)), **kw})
    assert type(e) is cls
