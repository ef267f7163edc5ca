"""numpy.linalg's keywords and empty matrices in decomp and eigen: both backends, against numpy.

Each keyword is resolved once in twinmath._front around the backend's own
computation, so the backends agree by construction on what the keyword does;
these tests check that they also agree with numpy (shapes exactly, values
within the tolerances of the unkeyworded functions) and with each other.
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import pytest
import twinmath
from helpers import assert_same_error
from twinmath import tolerances as tol

A = np.array([[4.0, 2.0, 1.0], [2.0, 5.0, 3.0], [1.0, 3.0, 6.0]])
WIDE = np.array([[3.0, 1.0, 2.0], [4.0, 2.0, 7.0]])
TALL = WIDE.T.copy()
EMPTIES = [(0, 0), (0, 3), (3, 0)]


def shapes(r):
    return [x.shape for x in r] if isinstance(r, tuple) else r.shape


# ---- empty matrices: numpy's shapes and values -----------------------------------


@pytest.mark.parametrize("shape", EMPTIES)
def test_empty_qr_svd_pinv_rank(ref, go, shape):
    a = np.zeros(shape)
    for tm in (ref, go):
        for mode in ("reduced", "complete", "r", "raw"):
            q: Any = tm.qr(a, mode=mode)
            nq: Any = np.linalg.qr(a, mode=mode)
            assert shapes(q) == shapes(nq)
            for g, w in zip(q if mode != "r" else [q], nq if mode != "r" else [nq], strict=True):
                assert np.array_equal(g, w) and g.dtype == np.float64
        for full in (False, True):
            u: Any = tm.svd(a, full_matrices=full)
            nu: Any = np.linalg.svd(a, full_matrices=full)
            assert shapes(u) == shapes(nu)
            for g, w in zip(u, nu, strict=True):
                assert np.array_equal(g, w)
        assert tm.svd(a, compute_uv=False).shape == (0,)
        assert tm.svdvals(a).shape == (0,)
        assert np.array_equal(tm.pinv(a), np.linalg.pinv(a)) and tm.pinv(a).shape == shape[::-1]
        assert tm.matrix_rank(a) == 0 == np.linalg.matrix_rank(a)
        assert tm.matrix_rank(a, tol=1.0) == 0 and tm.matrix_rank(a, rtol=0.5) == 0


def test_empty_square_factorisations(ref, go):
    a = np.zeros((0, 0))
    for tm in (ref, go):
        for got, want in [
            (tm.cholesky(a), np.linalg.cholesky(a)),
            (tm.cholesky(a, upper=True), np.linalg.cholesky(a, upper=True)),
        ]:
            assert got.shape == want.shape == (0, 0) and got.dtype == np.float64
        for op in ("eigh", "eig"):
            w, V = getattr(tm, op)(a)
            nw, nV = getattr(np.linalg, op)(a)
            assert w.shape == nw.shape and V.shape == nV.shape
            assert w.dtype == V.dtype == np.float64
        assert tm.eigvals(a).shape == tm.eigvalsh(a).shape == (0,)
    for op in ("cholesky", "eigh", "eig"):
        err = assert_same_error(ref, go, op, {"A": np.zeros((0, 3))})
        assert isinstance(err, twinmath.ShapeError)


# ---- the keywords ----------------------------------------------------------------


def test_qr_modes(ref, go):
    for tm in (ref, go):
        Q, R = tm.qr(WIDE)
        assert np.array_equal(tm.qr(WIDE, mode="r"), R)
        Qc, Rc = tm.qr(WIDE, mode="complete")  # m <= n: the reduced factors
        assert np.array_equal(Qc, Q) and np.array_equal(Rc, R)
        assert np.allclose(np.abs(R), np.abs(np.linalg.qr(WIDE, mode="r")), rtol=1e-13, atol=1e-13)
        # Tall: Q's first k columns and R's first k rows are the reduced ones.
        Qt, Rt = tm.qr(TALL)
        Qc, Rc = tm.qr(TALL, mode="complete")
        assert Qc.shape == (3, 3) and Rc.shape == (3, 2)
        assert np.array_equal(Qc[:, :2], Qt) and np.array_equal(Rc[:2], Rt) and not Rc[2:].any()
        raw = tm.qr(TALL, mode="raw")
        assert type(raw) is tuple and [x.shape for x in raw] == [(2, 3), (2,)]
    err = assert_same_error(ref, go, "qr", {"A": WIDE, "mode": "economy"})
    assert str(err) == "qr: invalid input: mode must be 'reduced', 'complete', 'r' or 'raw', got 'economy'"
    err = assert_same_error(ref, go, "qr", {"A": [[1.0, np.nan]], "mode": "raw"})
    assert str(err) == "qr: invalid input: A contains NaN or Inf"


@pytest.mark.parametrize("old", ["full", "f", "economic", "e"])
def test_qr_old_modes_warn_as_numpy(ref, go, old):
    """numpy's spellings from before 1.8 still work, with a DeprecationWarning: 'full' is
    'reduced', 'economic' raw's h untransposed (an m×n array, as numpy's)."""
    a = np.random.default_rng(3).random((2, 5, 3))
    new = "reduced" if old in ("full", "f") else "raw"
    for tm in (ref, go):
        with pytest.warns(DeprecationWarning, match=f"qr: mode='{old}' is deprecated, use '{new}'"):
            got = tm.qr(a, mode=old)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            want: Any = np.linalg.qr(a, mode=old)
        if new == "reduced":
            assert all(np.array_equal(x, y) for x, y in zip(got, tm.qr(a), strict=True))
            assert [x.shape for x in got] == [x.shape for x in want]
        else:
            assert got.shape == want.shape == (2, 5, 3) and got.flags.c_contiguous
            assert np.array_equal(got, np.swapaxes(tm.qr(a, mode="raw")[0], -1, -2))
    # The reference is numpy's; Go's within qr_raw's bounds (test_qr_raw_is_numpys).
    if new == "raw":
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            assert np.array_equal(ref.qr(a, mode=old), np.linalg.qr(a, mode=old))


def test_qr_raw_is_numpys(ref, go):
    """The reference's raw output is numpy's own; Go's follows dlarfg, so it matches entry by entry."""
    rng = np.random.default_rng(5)
    for a in (WIDE, TALL, A, rng.standard_normal((7, 4)), rng.standard_normal((4, 7))):
        h, tau = np.linalg.qr(a, mode="raw")
        rh, rtau = ref.qr(a, mode="raw")
        assert np.array_equal(rh, h) and np.array_equal(rtau, tau)
        gh, gtau = go.qr(a, mode="raw")
        # Well conditioned, and the same sign choices: R's part of h (±R's rows) within qr_bounds'
        # bound on ‖ΔR‖_F; the reflectors and τ through the Q they rebuild (qr_raw_ratio).
        on_r = np.tril(np.ones(h.shape, dtype=bool))
        assert np.array_equal(np.signbit(np.diag(gh)), np.signbit(np.diag(h)))
        assert np.linalg.norm(np.where(on_r, gh - h, 0.0)) <= tol.decomp.qr_bounds(a)[1]
        assert tol.decomp.qr_raw_ratio(a, (h, tau), (gh, gtau)) <= 1.0
    # The worked example of the docstring: dlarfg's β = −sign(α)·‖x‖, τ = (β − α)/β.
    h, tau = go.qr([[3.0, 1.0], [4.0, 2.0]], mode="raw")
    assert np.allclose(h, [[-5.0, 0.5], [-2.2, 0.4]], rtol=0, atol=4 * tol.EPS)
    assert tau[0] == pytest.approx(1.6, abs=4 * tol.EPS) and tau[1] == 0.0


def _keyword_cases() -> list[tuple[str, Any]]:
    from twinmath.parity import decomp as pd

    rng = np.random.default_rng(11)
    return pd.families(rng, big=False) + pd.stacks(rng, "A", [(5, 2), (2, 5), (3, 3), (1, 4)])


@pytest.mark.parametrize("name, args", _keyword_cases(), ids=lambda x: x if isinstance(x, str) else "")
def test_complete_raw_full_within_bounds(ref, go, name, args):
    """qr 'complete' and 'raw', svd full_matrices=True: numpy's shapes, and the sides within the bounds
    of twinmath.tolerances.decomp (qr_complete_ratio, qr_raw_ratio, svd_full_ratio)."""
    from twinmath.parity import decomp as pd

    a = np.asarray(args["A"], dtype=np.float64)
    compare_qr = pd.stacked_compare(pd._qr_one, "A")
    compare_svd = pd.stacked_compare(pd._svd_one, "A")
    for mode in ("complete", "raw"):
        r, g = ref.qr(a, mode=mode), go.qr(a, mode=mode)
        assert shapes(r) == shapes(g) == shapes(np.linalg.qr(a, mode=mode))
        assert compare_qr({"A": a, "mode": mode}, r, g) <= 1.0
    r, g = ref.svd(a, full_matrices=True), go.svd(a, full_matrices=True)
    assert shapes(r) == shapes(g) == shapes(np.linalg.svd(a, full_matrices=True))
    assert compare_svd({"A": a, "full_matrices": True}, r, g) <= 1.0


def test_cholesky_upper(ref, go):
    for tm in (ref, go):
        L, U = tm.cholesky(A), tm.cholesky(A, upper=True)
        assert np.array_equal(U, L.T) and U.flags.c_contiguous
        assert np.allclose(U, np.linalg.cholesky(A, upper=True), rtol=1e-14, atol=1e-14)
        # upper=True reads the upper triangle only, as numpy's.
        skew = np.triu(A) + np.tril(np.full((3, 3), 99.0), -1)
        assert np.array_equal(tm.cholesky(skew, upper=True), U)
    err = assert_same_error(ref, go, "cholesky", {"A": A, "upper": 1})
    assert type(err) is TypeError and str(err) == "cholesky: upper must be a bool, got int"


def test_eigh_uplo(ref, go):
    upper = np.triu(A) + np.tril(np.full((3, 3), 99.0), -1)
    lower = np.tril(A) + np.triu(np.full((3, 3), 99.0), 1)
    for tm in (ref, go):
        wu, Vu = tm.eigh(upper, UPLO="U")
        wl, _ = tm.eigh(lower, UPLO="l")
        w, V = tm.eigh(A)
        assert np.array_equal(wu, wl) and np.array_equal(wu, w) and np.array_equal(Vu, V)
        assert np.array_equal(tm.eigvalsh(upper, UPLO="U"), wu)
        assert np.allclose(wu, np.linalg.eigh(upper, UPLO="U")[0], rtol=1e-13)
    err = assert_same_error(ref, go, "eigh", {"A": A, "UPLO": "X"})
    assert str(err) == "eigh: invalid input: UPLO must be 'L' or 'U', got 'X'"


def test_svd_keywords(ref, go):
    for tm in (ref, go):
        s = tm.svd(TALL, compute_uv=False)
        assert np.array_equal(s, tm.svdvals(TALL))
        assert tol.alike(s, tm.svd(TALL).s) or np.allclose(s, tm.svd(TALL).s, rtol=1e-14)
        U = tm.svd(A, full_matrices=True).U  # square: the thin SVD
        assert np.array_equal(U, tm.svd(A).U)
        # hermitian=True reads the lower triangle only.
        skew = np.tril(A) + np.triu(np.full((3, 3), 7.0), 1)
        assert np.array_equal(tm.svd(skew, hermitian=True).s, tm.svd(A).s)
        assert np.allclose(
            tm.svd(skew, compute_uv=False, hermitian=True),
            np.linalg.svd(skew, compute_uv=False, hermitian=True),
            rtol=1e-13,
        )
    for tm in (ref, go):
        for x in (TALL, WIDE):
            U, s, Vt = tm.svd(x, full_matrices=True)
            Ut, st, Vtt = tm.svd(x)
            k = st.size
            assert U.shape == (x.shape[0],) * 2 and Vt.shape == (x.shape[1],) * 2
            assert np.array_equal(U[:, :k], Ut) and np.array_equal(s, st) and np.array_equal(Vt[:k], Vtt)
    err = assert_same_error(ref, go, "svd", {"A": TALL, "hermitian": True})
    assert isinstance(err, twinmath.ShapeError)


def test_pinv_cutoffs(ref, go):
    near = np.diag([1.0, 1e-14, 1e-17])
    for tm in (ref, go):
        assert np.array_equal(tm.pinv(near), tm.pinv(near, rcond=1e-15))
        assert np.array_equal(tm.pinv(near, rtol=None), tm.pinv(near, rcond=3 * np.finfo(float).eps))
        assert np.array_equal(tm.pinv(near, rtol=1e-10), tm.pinv(near, rcond=1e-10))
        for kw in ({}, {"rtol": None}, {"rtol": 1e-10}, {"rcond": 1e-16}):
            assert np.allclose(tm.pinv(near, **kw), np.linalg.pinv(near, **kw), rtol=1e-12)
        skew = np.tril(A) + np.triu(np.full((3, 3), 7.0), 1)
        assert np.allclose(tm.pinv(skew, hermitian=True), np.linalg.pinv(skew, hermitian=True), rtol=1e-12)
    err = assert_same_error(ref, go, "pinv", {"A": near, "rcond": 0.1, "rtol": 0.1})
    assert str(err) == "pinv: invalid input: `rtol` and `rcond` can't be both set."
    err = assert_same_error(ref, go, "pinv", {"A": near, "rtol": -1.0})
    assert type(err) is ValueError


def test_matrix_rank_tolerances(ref, go):
    d = np.diag([1.0, 1e-3, 1e-9])
    for tm in (ref, go):
        for kw in ({}, {"tol": 1e-2}, {"tol": 1e-6}, {"rtol": 1e-4}, {"rtol": 1e-12}, {"hermitian": True}):
            assert tm.matrix_rank(d, **kw) == np.linalg.matrix_rank(d, **kw), kw
        skew = np.tril(np.ones((3, 3)))  # its lower triangle is the all-ones matrix of rank 1
        assert tm.matrix_rank(skew, hermitian=True) == 1 == np.linalg.matrix_rank(np.ones((3, 3)))
    err = assert_same_error(ref, go, "matrix_rank", {"A": d, "tol": 1.0, "rtol": 1.0})
    assert str(err) == "matrix_rank: invalid input: `tol` and `rtol` can't be both set."


def test_values_alone_equal_the_decompositions_values(ref, go):
    """eigvalsh, eigvals, svdvals and svd(compute_uv=False): the values of eigh, eig, svd, to the bit."""
    rng = np.random.default_rng(7)
    for _ in range(20):
        a = rng.standard_normal((6, 6))
        s = a + a.T
        t = rng.standard_normal((7, 4))
        for tm in (ref, go):
            assert np.array_equal(tm.eigvalsh(s), tm.eigh(s).w)
            assert np.array_equal(tm.eigvals(a), tm.eig(a).w)
            assert np.array_equal(tm.svdvals(t), tm.svd(t).s)
            assert np.array_equal(tm.svd(t, compute_uv=False), tm.svd(t).s)


# ---- norm's axis and keepdims ------------------------------------------------------


def test_norm_axis_keepdims(ref, go):
    """Every order along every axis, and every matrix order over a pair: numpy's shapes and values."""
    rng = np.random.default_rng(11)
    x = rng.standard_normal((3, 4, 5))
    m = rng.standard_normal((4, 6))
    for tm in (ref, go):
        for o in (None, 1, 2, np.inf, -np.inf, 0, -1, 3, 0.5, -2):
            for axis in (0, 1, 2, -1, (1,)):
                for keep in (False, True):
                    r, want = tm.norm(x, o, axis, keep), np.linalg.norm(x, o, axis, keep)
                    assert r.shape == want.shape
                    assert np.allclose(r, want, rtol=1e-13, atol=0)
        for mo in (None, "fro", "nuc", 1, -1, 2, -2, np.inf, -np.inf):
            for pair in ((0, 1), (1, 0), (-1, 0), (-2, -1)):
                for keep in (False, True):
                    r, want = tm.norm(m, mo, pair, keep), np.linalg.norm(m, mo, pair, keep)
                    assert np.shape(r) == np.shape(want)
                    assert np.allclose(r, want, rtol=1e-13, atol=0)
        assert isinstance(tm.norm([3.0, 4.0], axis=0), float)
        assert tm.norm(x, None) == pytest.approx(np.linalg.norm(x), rel=1e-15)
        assert tm.norm(x, None, keepdims=True).shape == (1, 1, 1)
        assert tm.norm(m, keepdims=True).shape == (1, 1)
    err = assert_same_error(ref, go, "norm", {"v": x, "ord": 2, "axis": (0, 0)})
    assert str(err) == "norm: invalid input: duplicate axes given: 0 and 0"
    err = assert_same_error(ref, go, "norm", {"v": x, "ord": 2, "axis": 3})
    assert str(err) == "norm: invalid input: axis 3 is out of bounds for v of 3 dimensions"
    assert type(err) is twinmath.AxisError


@pytest.mark.parametrize(
    ("op", "args", "message"),
    [
        (
            "norm",
            {"v": np.zeros((2, 3)), "axis": 2},
            "norm: invalid input: axis 2 is out of bounds for v of 2 dimensions",
        ),
        (
            "norm",
            {"v": np.zeros((2, 3)), "axis": (0, -3)},
            "norm: invalid input: axis -3 is out of bounds for v of 2 dimensions",
        ),
        (
            "vector_norm",
            {"x": np.zeros(3), "axis": 1},
            "vector_norm: invalid input: axis 1 is out of bounds for x of 1 dimensions",
        ),
        (
            "cross",
            {"x1": np.zeros(3), "x2": np.zeros((2, 3)), "axis": -2},
            "cross: invalid input: axis -2 is out of bounds for x1 of 1 dimensions",
        ),
        (
            "mean",
            {"x": np.zeros((2, 3)), "axis": 2},
            "mean: invalid input: axis 2 is out of bounds for an array of dimension 2",
        ),
        (
            "mean",
            {"x": np.zeros(3), "axis": 1},
            "mean: invalid input: axis 1 is out of bounds for an array of dimension 1",
        ),
        (
            "variance",
            {"x": np.zeros((2, 3)), "ddof": 1, "axis": -3},
            "variance: invalid input: axis -3 is out of bounds for an array of dimension 2",
        ),
        (
            "std",
            {"x": 1.0, "axis": 0},
            "std: invalid input: axis 0 is out of bounds for an array of dimension 0",
        ),
        (
            "softmax",
            {"x": np.zeros((2, 3)), "axis": 2},
            "softmax: invalid input: axis 2 is out of bounds for an array of dimension 2",
        ),
        (
            "softmax",
            {"x": 1.0, "axis": -2},
            "softmax: invalid input: axis -2 is out of bounds for an array of dimension 0",
        ),
        (
            "tensordot",
            {"a": np.zeros((2, 3)), "b": np.zeros((3, 2)), "axes": ([1], [-3])},
            "tensordot: invalid input: axis -3 is out of bounds for b of 2 dimensions",
        ),
        (
            "tensordot",
            {"a": np.zeros((2, 3)), "b": np.zeros((2, 3, 4)), "axes": 3},
            "tensordot: invalid input: axes is 3, more than the dimensions of a (2) or b (3)",
        ),
        (
            "tensorsolve",
            {"a": np.eye(4).reshape(4, 2, 2), "b": np.zeros(4), "axes": (3,)},
            "tensorsolve: invalid input: axes[0] is 3, not an axis of a, which has 3 dimensions",
        ),
        (
            "tensorsolve",
            {"a": np.eye(4).reshape(4, 2, 2), "b": np.zeros(4), "axes": (0, -1)},
            "tensorsolve: invalid input: axes[1] is -1, not an axis of a, which has 3 dimensions",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) and " " not in v else "",
)
def test_axis_out_of_bounds_is_numpys_axis_error(ref, go, op, args, message):
    """numpy's tests catch np.exceptions.AxisError; twinmath's is one, and invalid input."""
    err = assert_same_error(ref, go, op, args)
    assert type(err) is twinmath.AxisError and str(err) == message
    try:
        raise err
    except np.exceptions.AxisError:  # numpy's own tests catch it so
        pass
    assert isinstance(err, ValueError) and isinstance(err, IndexError)


# ---- tensordot, tensorsolve, tensorinv -----------------------------------------------


def test_tensordot_as_numpy(ref, go):
    rng = np.random.default_rng(12)
    a, b = rng.standard_normal((2, 3, 4)), rng.standard_normal((3, 4, 5))
    for tm in (ref, go):
        for axes in (2, 0, ([1, 2], [0, 1]), (1, 0), ([-1], [-2]), ((), ()), (np.int64(2), 1)):
            want = np.tensordot(a, b, axes)
            r = tm.tensordot(a, b, axes)
            assert r.shape == want.shape
            assert np.allclose(r, want, rtol=1e-13, atol=1e-15)
        r = tm.tensordot([1.0, 2.0], [3.0, 4.0], 1)
        assert isinstance(r, np.ndarray) and r.shape == () and float(r) == 11.0
    bad: list[tuple[Any, type]] = [
        (4, ValueError),
        (1, ValueError),
        (([1, 1], [0, 0]), ValueError),
        (2.0, TypeError),
    ]
    for wrong, cls in bad:
        with pytest.raises((IndexError, ValueError, TypeError)):  # numpy's IndexError for 4
            np.tensordot(a, b, wrong)
        assert isinstance(assert_same_error(ref, go, "tensordot", {"a": a, "b": b, "axes": wrong}), cls)


def test_tensorsolve_tensorinv_as_numpy(ref, go):
    rng = np.random.default_rng(13)
    a6 = rng.standard_normal((2, 3, 6))
    a4 = rng.standard_normal((3, 2, 2, 3))
    b6, b32 = rng.standard_normal(6), rng.standard_normal((3, 2))
    for tm in (ref, go):
        for a, b, axes in ((a6, b32, None), (a6, b32.T, None), (a4, rng.standard_normal((2, 3)), (0, 2))):
            want = np.linalg.tensorsolve(a, b, axes)
            r = tm.tensorsolve(a, b, axes)
            assert r.shape == want.shape
            assert np.allclose(r, want, rtol=1e-10)
        assert tm.tensorsolve(np.ones((1, 1)), np.full((1, 1), 2.0)).shape == (1, 1)  # numpy's a.shape[-0:]
        for a, ind in ((a4, 2), (a6.reshape(6, 2, 3), 1), (a4.reshape(6, 6), 1)):
            want = np.linalg.tensorinv(a, ind)
            r = tm.tensorinv(a, ind)
            assert r.shape == want.shape
            assert np.allclose(r, want, rtol=1e-10)
            q = int(np.sqrt(a.size))
            assert np.allclose(tm.tensordot(r, a, ind).reshape(q, q), np.eye(q), atol=1e-10)
    with pytest.raises(np.linalg.LinAlgError):
        np.linalg.tensorsolve(a6, b6)
    err = assert_same_error(ref, go, "tensorsolve", {"a": a6, "b": b6})
    assert isinstance(err, twinmath.ShapeError)
    err = assert_same_error(ref, go, "tensorinv", {"a": a4, "ind": 0})
    assert str(err) == "tensorinv: invalid input: ind must be a positive integer, got 0"
    err = assert_same_error(ref, go, "tensorsolve", {"a": np.ones((2, 2, 2, 2)), "b": np.ones((2, 2))})
    assert isinstance(err, twinmath.SingularMatrixError) and str(err) == "tensorsolve: singular matrix"


# ---- lstsq(full=True): numpy's four results --------------------------------------


def test_lstsq_full_as_numpy(ref, go):
    rng = np.random.default_rng(14)
    cases = [
        (np.array([[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]]), np.array([1.0, 2.0, 2.0])),
        (rng.standard_normal((7, 3)), rng.standard_normal((7, 2))),
        (np.ones((2, 2)), np.array([1.0, 2.0])),  # rank-deficient: no residuals
        (rng.standard_normal((3, 5)), rng.standard_normal(3)),  # wide
        (np.zeros((0, 2)), np.zeros(0)),
        (np.zeros((3, 0)), np.ones(3)),  # rank 0 = n < m: the residual is ‖b‖²
    ]
    for tm in (ref, go):
        for a, b in cases:
            r = tm.lstsq(a, b, full=True)
            x, residuals, rank, s = np.linalg.lstsq(a, b)
            assert r._fields == ("x", "residuals", "rank", "s") and isinstance(r.rank, int)
            assert r.rank == rank and r.residuals.shape == residuals.shape and r.s.shape == s.shape
            assert np.array_equal(r.x, tm.lstsq(a, b)) and np.array_equal(r.s, tm.svdvals(a))
            assert np.allclose(
                r.residuals, residuals, rtol=1e-10, atol=1e-14 * max(1.0, float(np.sum(b * b)))
            )
            assert np.allclose(r.x, x, rtol=1e-10, atol=1e-12)
    with pytest.raises(TypeError, match="full must be a bool"):
        ref.lstsq(np.eye(2), [1.0, 1.0], full=1)
    err = assert_same_error(ref, go, "lstsq", {"A": np.eye(2), "b": [1.0, 1.0], "full": "yes"})
    assert str(err) == "lstsq: full must be a bool, got str"


def test_trace_any_matrix_and_offset(ref, go):
    rng = np.random.default_rng(15)
    for shape in ((2, 3), (5, 2), (4, 4), (0, 3), (0, 0)):
        a = rng.standard_normal(shape)
        for k in range(-6, 7):
            want = float(np.trace(a, k))
            for tm in (ref, go):
                assert tm.trace(a, offset=k) == pytest.approx(want, rel=1e-14, abs=1e-15)
    for tm in (ref, go):
        assert tm.trace([[1.0, 2.0]], offset=2**62) == 0.0
    err = assert_same_error(ref, go, "trace", {"A": np.eye(2), "offset": 1.5})
    assert isinstance(err, TypeError)
