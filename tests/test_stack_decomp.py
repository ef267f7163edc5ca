"""The decompositions and eigensolvers on stacks (..., M, N): numpy's shapes and keywords, in both backends.

Each matrix of a stack is computed as the single-matrix call computes it (bit
for bit, in each backend, whatever the number of threads); the parity of the
two backends on stacks is the shared parity checks' (their stacked cases).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
import twinmath
from helpers import assert_parity, assert_same_error
from twinmath import tolerances as tol

LEADS = [(1,), (3,), (2, 3), (4, 1)]


def randn(rng: np.random.Generator, *shape: int) -> np.ndarray:
    return rng.standard_normal(shape)


def symmetric(rng: np.random.Generator, lead: tuple[int, ...], n: int) -> np.ndarray:
    a = randn(rng, *lead, n, n)
    return (a + np.swapaxes(a, -1, -2)) / 2


def spd(rng: np.random.Generator, lead: tuple[int, ...], n: int) -> np.ndarray:
    b = randn(rng, *lead, n, n)
    return b @ np.swapaxes(b, -1, -2) + n * np.eye(n)


# op, keywords, the input maker, and the shapes of numpy's results for a (lead, m, n) stack.
OPS: list[tuple[str, dict[str, Any], Any]] = [
    ("eigh", {}, symmetric),
    ("eigh", {"UPLO": "U"}, symmetric),
    ("eigvalsh", {}, symmetric),
    ("eigvalsh", {"UPLO": "U"}, randn),
    ("svd", {}, randn),
    ("svd", {"compute_uv": False}, randn),
    ("svd", {"hermitian": True}, symmetric),
    ("svd", {"full_matrices": True}, symmetric),
    ("svd", {"full_matrices": True}, randn),
    ("svdvals", {}, randn),  # numpy.linalg.svdvals (numpy ≥ 2) is svd(compute_uv=False)
    ("qr", {}, randn),
    ("qr", {"mode": "r"}, randn),
    ("qr", {"mode": "complete"}, randn),
    ("qr", {"mode": "raw"}, randn),
    ("cholesky", {}, spd),
    ("cholesky", {"upper": True}, spd),
    ("pinv", {}, randn),
    ("pinv", {"rtol": 0.3}, randn),
    ("pinv", {"hermitian": True}, symmetric),
    ("eig", {}, randn),
    ("eig", {}, symmetric),
    ("eigvals", {}, randn),
    ("eigvals", {}, symmetric),
    ("matrix_rank", {}, randn),
    ("matrix_rank", {"tol": 0.5}, randn),
    ("matrix_rank", {"rtol": 0.3, "hermitian": True}, symmetric),
]


def make(f: Any, rng: np.random.Generator, lead: tuple[int, ...], m: int, n: int) -> np.ndarray:
    return np.asarray(f(rng, lead, n) if f in (symmetric, spd) else f(rng, *lead, m, n))


def parts(r: Any) -> list[np.ndarray]:
    return list(r) if isinstance(r, tuple) else [r]


def call(m: Any, op: str, a: np.ndarray, kw: dict[str, Any]) -> Any:
    return getattr(m, op)(a, **kw)


@pytest.mark.parametrize(("op", "kw", "f"), OPS, ids=[f"{o}{k or ''}" for o, k, _ in OPS])
@pytest.mark.parametrize("lead", LEADS, ids=str)
def test_each_matrix_as_the_single_call(ref, go, op, kw, f, lead):
    # numpy's shapes; each matrix bit for bit the single call's, in each backend.
    rng = np.random.default_rng(len(lead) * 7 + sum(lead))
    square = f in (symmetric, spd) or op in ("eigvalsh", "eig", "eigvals")
    m, n = (4, 4) if square else (4, 3)
    a = make(f, rng, lead, m, n)
    npkw = {"full_matrices": False, **kw} if op == "svd" else kw  # numpy's default is True
    if op == "svdvals":
        npkw = {"compute_uv": False}
    expect = [np.shape(p) for p in parts(call(np.linalg, "svd" if op == "svdvals" else op, a, npkw))]
    for mod in (ref, go):
        r = call(mod, op, a, kw)
        assert [np.shape(p) for p in parts(r)] == expect, (mod, op, kw)
        for idx in np.ndindex(*lead):
            one = call(mod, op, a[idx], kw)
            for p, q in zip(parts(r), parts(one), strict=True):
                # A real matrix in a complex stack (eig) has its real result as complex.
                assert tol.alike(p[idx], np.asarray(q).astype(p.dtype)), (mod, op, kw, idx)


def test_threads_do_not_change_results(go):
    # 1 thread or many: the same bits, and the same failing index.
    rng = np.random.default_rng(3)
    a = symmetric(rng, (3000,), 3)
    bad = a.copy()
    bad[2100, 0, 1] = np.nan
    bad[2900, 1, 1] = np.inf
    previous = twinmath.set_num_threads(1)
    try:
        one = [go.eigh(a), go.svd(a), go.svdvals(a), go.qr(a), go.eigvalsh(a)]
        with pytest.raises(ValueError) as e1:
            go.svd(bad)
        twinmath.set_num_threads(4)
        many = [go.eigh(a), go.svd(a), go.svdvals(a), go.qr(a), go.eigvalsh(a)]
        with pytest.raises(ValueError) as e4:
            go.svd(bad)
    finally:
        twinmath.set_num_threads(previous)
    for x, y in zip(one, many, strict=True):
        for p, q in zip(parts(x), parts(y), strict=True):
            assert tol.alike(p, q)
    assert (
        str(e1.value)
        == str(e4.value)
        == "svd: invalid input: A contains NaN or Inf (matrix 2100 of the stack)"
    )


def test_parity_on_stacks(ref, go):
    rng = np.random.default_rng(5)
    assert_parity(ref, go, "eigh", A=symmetric(rng, (2, 3), 5))
    assert_parity(ref, go, "eigvalsh", a=randn(rng, 4, 6, 6), UPLO="U")
    assert_parity(ref, go, "svd", A=randn(rng, 3, 6, 4))
    assert_parity(ref, go, "svdvals", x=randn(rng, 2, 2, 3, 7))
    assert_parity(ref, go, "qr", A=randn(rng, 5, 7, 3))
    assert_parity(ref, go, "cholesky", A=spd(rng, (3,), 6))
    assert_parity(ref, go, "pinv", A=randn(rng, 2, 2, 5, 3), rcond=1e-15)
    assert_parity(ref, go, "eig", A=randn(rng, 2, 3, 5, 5))
    assert_parity(ref, go, "eig", A=symmetric(rng, (4,), 4))
    assert_parity(ref, go, "eigvals", a=randn(rng, 3, 6, 6))
    assert_parity(ref, go, "matrix_rank", A=randn(rng, 3, 4, 4) @ np.diag([1.0, 1.0, 1.0, 0.0]))


NAN2 = [[1.0, 0.0], [0.0, math.nan]]


@pytest.mark.parametrize(
    ("op", "args", "message"),
    [
        ("eigh", {"A": np.zeros((2, 2, 3))}, "eigh: shape mismatch: A must be square, got 2x3"),
        (
            "eigh",
            {"A": [np.eye(2), np.eye(2), NAN2]},
            "eigh: invalid input: A contains NaN or Inf (matrix 2 of the stack)",
        ),
        (
            "eigvalsh",
            {"a": [[np.eye(2), NAN2], [NAN2, np.eye(2)]]},
            "eigvalsh: invalid input: a contains NaN or Inf (matrix 1 of the stack)",
        ),
        (
            "svd",
            {"A": [np.eye(2), NAN2]},
            "svd: invalid input: A contains NaN or Inf (matrix 1 of the stack)",
        ),
        (
            "svd",
            {"A": [np.ones((3, 2)), np.full((3, 2), np.nan)], "full_matrices": True},
            "svd: invalid input: A contains NaN or Inf (matrix 1 of the stack)",
        ),
        (
            "svdvals",
            {"x": [NAN2, NAN2]},
            "svdvals: invalid input: x contains NaN or Inf (matrix 0 of the stack)",
        ),
        (
            "qr",
            {"A": [np.eye(2), np.eye(2), NAN2]},
            "qr: invalid input: A contains NaN or Inf (matrix 2 of the stack)",
        ),
        (
            "qr",
            {"A": [np.ones((3, 2)), np.ones((3, 2)), np.full((3, 2), np.inf)], "mode": "complete"},
            "qr: invalid input: A contains NaN or Inf (matrix 2 of the stack)",
        ),
        (
            "qr",
            {"A": [np.ones((3, 2)), np.full((3, 2), np.nan)], "mode": "raw"},
            "qr: invalid input: A contains NaN or Inf (matrix 1 of the stack)",
        ),
        (
            "cholesky",
            {"A": [np.eye(2), [[1.0, 2.0], [2.0, 1.0]], -np.eye(2)]},
            "cholesky: not positive definite (matrix 1 of the stack)",
        ),
        ("cholesky", {"A": np.zeros((2, 3, 2))}, "cholesky: shape mismatch: A must be square, got 3x2"),
        (
            "eig",
            {"A": [np.eye(2), NAN2]},
            "eig: invalid input: A contains NaN or Inf (matrix 1 of the stack)",
        ),
        ("eig", {"A": np.zeros((2, 3, 2))}, "eig: shape mismatch: A must be square, got 3x2"),
        (
            "eigvals",
            {"a": [NAN2, NAN2]},
            "eigvals: invalid input: a contains NaN or Inf (matrix 0 of the stack)",
        ),
        (
            "pinv",
            {"A": [np.eye(2), NAN2]},
            "pinv: invalid input: A contains NaN or Inf (matrix 1 of the stack)",
        ),
        (
            "matrix_rank",
            {"A": [[np.eye(2)], [NAN2]]},
            "matrix_rank: invalid input: A contains NaN or Inf (matrix 1 of the stack)",
        ),
    ],
)
def test_stack_errors(ref, go, op, args, message):
    err = assert_same_error(ref, go, op, args)
    assert str(err) == message


def test_empty_stacks_as_numpy(ref, go):
    for m in (ref, go):
        for a in (np.zeros((0, 3, 3)), np.zeros((2, 0, 0)), np.zeros((2, 0, 3, 3))):
            for op in ("eigh", "svd", "qr", "eig"):
                got, want = getattr(m, op)(a), getattr(np.linalg, op)(a)
                assert [p.shape for p in parts(got)] == [p.shape for p in parts(want)], (op, a.shape)
            assert m.eigvalsh(a).shape == np.linalg.eigvalsh(a).shape == m.eigvals(a).shape
            assert m.svdvals(a).shape == np.linalg.svd(a, compute_uv=False).shape
            assert m.cholesky(a).shape == a.shape
            assert m.pinv(a).shape == np.linalg.pinv(a).shape
            assert m.matrix_rank(a).shape == a.shape[:-2]
        assert m.svd(np.zeros((2, 3, 0)), full_matrices=True).U.shape == (2, 3, 3)
        assert m.qr(np.zeros((2, 3, 0)), mode="complete").Q.tolist() == [np.eye(3).tolist()] * 2
        for a in (np.zeros((0, 4, 3)), np.zeros((2, 0, 3)), np.zeros((2, 3, 0))):
            assert [p.shape for p in m.qr(a, mode="raw")] == [p.shape for p in np.linalg.qr(a, mode="raw")]
            assert [p.shape for p in m.svd(a, full_matrices=True)] == [
                p.shape for p in np.linalg.svd(a, full_matrices=True)
            ]


def test_stack_inputs_unchanged_and_strided(go):
    base = np.arange(2 * 3 * 6, dtype=np.float64).reshape(2, 3, 6)[:, :, ::2] + 5 * np.eye(3)
    f = np.asfortranarray(base)
    for x in (base, f):
        before = x.copy()
        for op in ("eigh", "svd", "qr", "eigvalsh", "svdvals"):
            for p, q in zip(
                parts(getattr(go, op)(x)), parts(getattr(go, op)(np.ascontiguousarray(x))), strict=True
            ):
                assert np.array_equal(p, q)
        assert np.array_equal(x, before)
