"""The fuzzer's fast profile, the inputs it (and others) found, and results that own their memory.

``tests/fuzz_parity.py`` compares the backends on drawn inputs, each batch in
a subprocess; ``make fuzz-py`` runs it for longer. Every input a fuzz run found
disagreeing is pinned in ``PINNED`` and runs here for ever.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from helpers import assert_parity
from twinmath.parity import CHECKS, decided_within_rounding, outcome

sys.path.insert(0, str(Path(__file__).resolve().parent))
import fuzz_parity


def square(x: Any) -> float:
    return float(np.sum(np.asarray(x, dtype=np.float64) ** 2))


A_SUB = np.array([[0.0, 2.225e-311], [2.225e-311, 2.225e-311]])
A_TINY_KEPT = np.full((4, 4), 2.22507386e-311)
A_TINY_KEPT[0, 2] = 1.0

# (op, args): inputs where the backends once raised differently or disagreed.
PINNED: list[tuple[str, dict[str, Any]]] = [
    # integers beyond int64: OverflowError from cffi in go, ValueError in ref
    ("taylor", {"f": square, "x0": 1.0, "x": 2.0, "order": 2**64}),
    ("softmax", {"x": [1.0, 2.0], "axis": 2**63}),
    ("truncated_svd", {"A": np.eye(3), "k": 2**63}),
    ("variance", {"x": [1.0, 2.0, 3.0], "ddof": 2**63}),
    ("std", {"x": [1.0, 2.0, 3.0], "ddof": -(2**63) - 1}),
    ("covariance", {"X": np.eye(3), "ddof": 2**63}),
    ("pca", {"X": np.eye(3), "k": 2**63}),
    ("make_classification", {"n_samples": 10, "n_features": -(2**63) - 1, "seed": 0}),
    # numpy's own messages
    (
        "gradient_descent",
        {"f": square, "grad_f": None, "x0": 1.0, "max_iter": -(2**63) - 1},
    ),
    (
        "gradient_descent",
        {"f": square, "grad_f": None, "x0": 1.0, "max_iter": -(2**63)},
    ),
    ("logistic_regression", {"X": [[1.0], [2.0]], "y": [0, 5], "learning_rate": 0.1, "max_iter": 2**63}),
    # the order of the checks
    ("bayes", {"p_b_given_a": 2.0, "p_a": None, "p_b": 0.5}),
    ("entropy", {"p": [-1.0, 2.0], "base": None}),
    ("cross_entropy", {"p": [-1.0, 2.0], "q": [1.0, 1.0], "base": None}),
    ("mutual_information", {"joint": [[-1.0, 2.0]], "base": None}),
    ("variance", {"x": np.array(1.0), "ddof": None, "axis": 1}),
    ("std", {"x": np.ones((2, 2, 2)), "ddof": None}),
    # sizes beyond twinmath._convert.MAX_BYTES (they hung, or grew past 24 GB)
    ("Rng.normal", {"seed": 5, "size": 2**63}),
    ("Rng.normal", {"seed": 5, "size": (2**40, 2**40)}),
    ("Rng.random", {"seed": 5, "size": 2**62}),
    ("Rng.permutation", {"seed": 5, "n": 2**62}),
    ("make_classification", {"n_samples": 17, "n_features": 2**63, "seed": 0}),
    ("make_classification", {"n_samples": 2**31, "n_features": 2, "seed": 0}),
    ("make_classification", {"n_samples": 1, "n_features": 2**62, "seed": 0}),
    # the edges of the float range
    ("matrix_rank", {"A": 1e308 * np.ones((3, 3))}),
    ("lstsq", {"A": [[4.9], [0], [4.2], [5], [1]], "b": [3.8, -4.2, -0.33, 9, -0.56], "rcond": 1.0}),
    ("lstsq", {"A": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], "b": [1.0, 2.0, 2.0], "rcond": 8.574411790656246}),
    ("inv", {"A": 1e-310 * np.eye(2)}),
    ("qr", {"A": 1e308 * np.array([[1.0, 1.0], [1.0, -1.0]])}),
    ("qr", {"A": [[1.7976931348623157e308, 1.0], [1.0, 1.0]]}),
    ("softmax", {"x": [1.0, 2.0, 3.0], "axis": 0.0}),
    # LAPACK mis-factored a subnormal matrix: sign -1 beside log 0 (both scale such rows now)
    ("slogdet", {"a": [[0.0, 5e-324], [5e-324, 5e-324]]}),
    ("slogdet", {"a": np.diag([1e300, 1e-300])}),
    ("slogdet", {"a": 1e-310 * np.eye(3)}),
    ("slogdet", {"a": 1e300 * np.eye(3)}),
    ("slogdet", {"a": [[1e-300, 2.0, 3e100], [1e300, 5e-200, 1.0], [7e-100, 1e200, 1e-300]]}),
    # the result beyond the float range: infinities beside rounding residue once, refused now
    ("pinv", {"A": A_SUB, "rcond": 1e-15}),
    ("pinv", {"A": np.stack([np.eye(2), A_SUB]), "rcond": 1e-15}),
    ("pinv", {"A": A_SUB, "hermitian": True}),
    ("lstsq", {"A": A_SUB, "b": [[1.0], [1.0]], "rcond": None}),
    ("lstsq", {"A": [[0.0, 2.225e-311, 0.0], [2.225e-311, 2.225e-311, 0.0]], "b": [1.0, 1.0], "rcond": None}),
    # empty results: the comparators needed a σ₁ or a pivot (they raised IndexError)
    ("pinv", {"A": np.zeros((0, 3)), "rcond": 1e-15}),
    ("pinv", {"A": np.zeros((2, 3, 0)), "rcond": 1e-15}),
    ("qr", {"A": np.zeros((3, 0))}),
    ("qr", {"A": np.zeros((2, 0, 3))}),
    ("cholesky", {"A": np.zeros((0, 0))}),
    ("eig", {"A": np.zeros((0, 0))}),
    ("lstsq", {"A": np.zeros((3, 0)), "b": [1.0, 2.0, 3.0], "rcond": -1.0}),
    # numpy's keyword forms: the comparators judged them as the plain forms (or raised)
    ("cholesky", {"A": [[4.0, 2.0], [2.0, 5.0]], "upper": True}),
    ("lstsq", {"A": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], "b": [1.0, 2.0, 2.0], "rcond": True, "full": True}),
    ("lstsq", {"A": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], "b": [1.0, 2.0, 2.0], "rcond": None, "full": True}),
    ("pinv", {"A": [[1.0, 2.0], [3.0, 4.0]], "rcond": None, "rtol": 0.3}),
    ("pinv", {"A": [[1.0, 2.0], [3.0, 4.0]], "rcond": None, "rtol": None}),
    ("pinv", {"A": [[[1.0, 2.0], [3.0, 4.0]], [[1.0, 2.0], [3.0, 4.0]]], "rcond": [1e-15, 0.3]}),
    ("pinv", {"A": [[1.0, 2.0], [3.0, 4.0]], "rcond": 1e-15, "hermitian": True}),
    ("qr", {"A": [[1.0, 2.0], [3.0, 4.0]], "mode": "r"}),
    ("qr", {"A": [[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], "mode": "complete"}),
    ("qr", {"A": [[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], "mode": "raw"}),
    ("qr", {"A": [[1.0, 2.0, 0.5], [3.0, 4.0, -1.0]], "mode": "raw"}),
    ("svd", {"A": [[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], "full_matrices": True}),
    ("svd", {"A": [[1.0, 2.0, 0.5], [3.0, 4.0, -1.0]], "full_matrices": True}),
    ("svd", {"A": [[1.0, 2.0], [3.0, 4.0]], "compute_uv": False}),
    ("svd", {"A": [[1.0, 2.0], [3.0, 4.0]], "full_matrices": True, "compute_uv": True, "hermitian": True}),
    # a NUL ends the C string Go receives
    ("symbolic_derivative", {"expression": "x**3 + sin(x)*exp(x)", "variable": "\x00\xb8~"}),
    ("symbolic_derivative", {"expression": "x\x00+1", "variable": "x"}),
    # singular (not positive definite) within rounding: one side may refuse
    ("inv", {"A": [[3.21300095e-155, 7.29990499e193], [1e-200, 4.71741447e-259]]}),
    ("solve", {"A": [[-1.90601363e16, -1.90601363e16], [6.49713110e-114, 6.49713110e-114]], "b": [9.0, 8.0]}),
    ("cholesky", {"A": np.array([[1.0, -0.0], [1.0, 1.0]]) * 4.73886844}),
    # LAPACK mis-solved a subnormal A (ref shifts it by a power of two now)
    ("solve", {"A": [[6.675e-311, 2.225e-311], [2.225e-311, 4.45e-311]], "b": [2.0025e-310, 1.78e-310]}),
    # the mean overflowed (pca scales data beyond 2^500 first); variances overflowed alike
    (
        "pca",
        {
            "X": [
                [1e308, 1.329228e36],
                [4.90930127e16, -0.0],
                [1e308, -2.84603845],
                [2.37778068, -1.05085897e173],
            ],
            "k": 1,
        },
    ),
    (
        "pca",
        {
            "X": [
                [-9.54160813e-169, -6.10351562e-5],
                [1e308, -3.48122252e16],
                [5.91785291, 1.2440159e-26],
                [-2.00001, 1e308],
            ],
            "k": 2,
        },
    ),
    # the comparator of logistic_regression on huge X (‖X‖² overflowed as a Python float)
    (
        "logistic_regression",
        {
            "X": [[-2e300], [-1e300], [1e300], [2e300]],
            "y": [0.0, 0.0, 1.0, 1.0],
            "learning_rate": 2.225e-311,
            "max_iter": 100,
        },
    ),
    (
        "logistic_regression",
        {
            "X": [[-1.50851148e-237], [1.0], [7.78496506e-26], [1.15671612e223]],
            "y": [0.0, 0.0, 1.0, 1.0],
            "learning_rate": 0.5,
            "max_iter": 100,
        },
    ),
    # σ₁ or R₁₁ beyond the range on both sides alike (the comparators judged inf − inf)
    ("svd", {"A": [[1.7976931348623157e308, 1.7976931348623157e308], [-3.24105357e-253, -3.24105357e-253]]}),
    (
        "svd",
        {"A": [[1.7976931348623157e308, 1.7976931348623157e308], [1.7976931348623157e308, -3.24105357e-253]]},
    ),
    (
        "qr",
        {"A": [[1.7976931348623157e308, 1.7976931348623157e308], [1.7976931348623157e308, -3.24105357e-253]]},
    ),
    # A_k overflowed needlessly through an infinite σ (0·inf on one side, tiny·inf on the other)
    (
        "truncated_svd",
        {
            "A": [
                [1.86264515e-9, 1.86264515e-9, 1.27464478],
                [1.7976931348623157e308, 1.86264515e-9, 1.7976931348623157e308],
            ],
            "k": 1,
        },
    ),
    (
        "truncated_svd",
        {
            "A": [
                [-6.43273093, -6.43273093, 2.30796614e16],
                [1.7976931348623157e308, 1.24330809e86, 2.225e-311],
            ],
            "k": 1,
        },
    ),
    # an infinite entry drops out of a negative-order norm: the rest still rounds
    ("norm", {"v": [-math.inf, 8.98846567431158e307, 8.98846567431158e307], "ord": -1.2612736408455132e16}),
    # the order as the backends read it reaches the bound of cond
    ("cond", {"x": [[1.0, 2.0], [3.0, 4.0]], "p": b"1"}),
    # Σ|xᵢwᵢ| overflows: a fused multiply-add kept one side's logit finite (not judged)
    (
        "predict",
        {"X": [[0.0, 0.0], [1.0, 2.0], [2.0, 1.0]], "w": np.array([-1e308, 1e308]), "b": np.float16(np.inf)},
    ),
    (
        "predict_proba",
        {"X": [[0.0, 0.0], [1.0, 2.0], [2.0, 1.0]], "w": np.array([-1e308, 1e308]), "b": np.float16(np.inf)},
    ),
    # gradient descent diverges (α·L > 2): no bound on the model, any prediction may flip
    (
        "pipeline",
        {
            "n_samples": np.int64(1000),
            "n_features": np.int64(2),
            "test_size": 0.2,
            "learning_rate": 4194304.0,
            "max_iter": 10000,
            "seed": np.uint64(42),
        },
    ),
    # Go factored 1e308·A without the power-of-two shift the reference makes
    ("inv", {"A": [[1e308, 1e308], [-1e308, 1e308]]}),
    ("solve", {"A": [[1e308, 1e308], [-1e308, 1e308]], "b": [1.0, 2.0]}),
    # b near the top of the range: lstsq divides b by a power of two too
    (
        "lstsq",
        {
            "A": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]],
            "b": [4.26438783, 1.7976931348623157e308, 2.00001],
            "rcond": -1.0,
        },
    ),
    # 0-D integer arrays reach the comparators as integers
    ("matrix_power", {"a": [[1.0, 2.0], [3.0, 4.0]], "n": np.array(2)}),
    ("truncated_svd", {"A": [[3.0, 1.0, 1.0], [-1.0, 3.0, 1.0]], "k": np.array(2)}),
    # h·h underflows: ZeroDivisionError from ref, IEEE inf/NaN from go
    ("hessian", {"f": square, "x": [3.0, 4.0], "h": 5e-324}),
    ("hessian", {"f": square, "x": [3.0, 4.0], "h": 1e-310}),
    ("hessian", {"f": square, "x": [-4.5e-191, -4.5e-191], "h": 7.9e-292}),
    # a kept singular value of 1e-323 (rcond = 0): 1/s overflows and meets a
    # zero, NaN in go where ref had ±inf; both refuse it now
    ("pinv", {"A": A_TINY_KEPT, "rcond": 0.0}),
    # the same A in lstsq: go refuses, ref's solution has no finite bound
    ("lstsq", {"A": A_TINY_KEPT, "b": np.ones(4), "rcond": 0.0}),
]


@pytest.mark.parametrize(("op", "args"), PINNED, ids=[f"{op}-{i}" for i, (op, _) in enumerate(PINNED)])
def test_pinned(ref, go, op, args):
    assert fuzz_parity.compare(op, args) is None


REFUSALS = PINNED[:8] + [c for c in PINNED[8:] if c[0].startswith("Rng.") or c[0] == "make_classification"]


@pytest.mark.parametrize(("op", "args"), REFUSALS)
def test_pinned_refusals(ref, go, op, args):
    """Integers beyond int64 and sizes beyond MAX_BYTES are refused with ValueError, not computed."""
    _, err = outcome(ref, op, args)
    assert type(err) is ValueError, err


@pytest.mark.parametrize(
    ("op", "args", "expected"),
    [
        ("matrix_rank", {"A": 1e308 * np.ones((3, 3))}, 1),
        (
            "lstsq",
            {"A": [[4.9], [0], [4.2], [5], [1]], "b": [3.8, -4.2, -0.33, 9, -0.56], "rcond": 1.0},
            [0.0],
        ),
        ("inv", {"A": 1e-310 * np.eye(2)}, [[math.inf, 0.0], [0.0, math.inf]]),
    ],
)
def test_float_range_edges(ref, go, op, args, expected):
    for m in (ref, go):
        np.testing.assert_array_equal(getattr(m, op)(**args), expected)


SLOGDET_EDGES = [
    (1e-310 * np.eye(3), 1.0, 3 * math.log(1e-310)),
    (1e300 * np.eye(3), 1.0, 3 * math.log(1e300)),
    # entries from 1e-300 to 1e300; the determinant is a₀₂·a₁₀·a₂₁ =
    # 3e100·1e300·1e200 (an even permutation) plus terms below 3 in size
    (
        np.array([[1e-300, 2.0, 3e100], [1e300, 5e-200, 1.0], [7e-100, 1e200, 1e-300]]),
        1.0,
        math.log(3e100) + math.log(1e300) + math.log(1e200),
    ),
    # det = -(5e-324)², ln|det| = 2·ln(5e-324) (the subnormal 2⁻¹⁰⁷⁴)
    (np.array([[0.0, 5e-324], [5e-324, 5e-324]]), -1.0, -2 * 1074 * math.log(2.0)),
    # det = 1e300·1e-300, a row huge and a row tiny
    (np.diag([1e300, 1e-300]), 1.0, math.log(1e300) + math.log(1e-300)),
]


@pytest.mark.parametrize(("a", "sign", "expected"), SLOGDET_EDGES)
def test_slogdet_range_edges(ref, go, a, sign, expected):
    """Pivots from subnormal to near overflow: both backends give the same sign and
    a logarithm within a few ulps of each other and of the exact value."""
    (rs, rl), (gs, gl) = ref.slogdet(a), go.slogdet(a)
    assert rs == gs == sign
    # a few ulps of the logarithm, n·ε relative for the LU of these well
    # conditioned matrices, and 1e-15 absolute where ln|det| is about 0 (the
    # sum of ±690 and the shift's ln 2 multiples rounds to about ε·690)
    assert abs(rl - gl) <= 4 * np.spacing(abs(expected)) + 1e-15
    assert abs(rl - expected) <= 8 * np.spacing(abs(expected)) + 1e-12 * abs(expected) + 1e-15


@pytest.mark.parametrize(
    ("op", "args", "message"),
    [
        ("pinv", {"A": A_SUB}, "pinv: invalid input: the pseudo-inverse of A overflows"),
        (
            "pinv",
            {"A": np.stack([np.eye(2), A_SUB])},
            "pinv: invalid input: the pseudo-inverse of A overflows (matrix 1 of the stack)",
        ),
        ("lstsq", {"A": A_SUB, "b": [[1.0], [1.0]]}, "lstsq: invalid input: the solution overflows"),
        (
            "lstsq",
            {"A": A_SUB, "b": [1.0, 1.0], "full": True},
            "lstsq: invalid input: the solution overflows",
        ),
    ],
)
def test_result_beyond_the_range_refused(ref, go, op, args, message):
    """A finite A whose pseudo-inverse (least-squares solution) overflows is refused alike."""
    for m in (ref, go):
        with pytest.raises(ValueError) as e:
            getattr(m, op)(**args)
        assert type(e.value) is ValueError and str(e.value) == message


def test_empty_results_compared_by_shape(ref, go):
    """Results without entries pass on equal shapes and dtypes, and only then."""
    q = ref.qr(np.zeros((3, 0)))
    check = CHECKS["qr"]
    assert check.ratio({"A": np.zeros((3, 0))}, q, go.qr(np.zeros((3, 0)))) == 0.0
    assert check.ratio({"A": np.zeros((3, 0))}, q, (q[0], np.zeros((1, 0)))) == math.inf
    assert check.ratio({"A": np.zeros((3, 0))}, q, (q[0], q[1].astype(np.float32))) == math.inf
    p = CHECKS["pinv"]
    assert p.ratio({"A": np.zeros((0, 3)), "rcond": 1e-15}, np.zeros((3, 0)), np.zeros((0, 3))) == math.inf


KEYWORD_FORMS = [
    ("cholesky", {"A": [[4.0, 2.0], [2.0, 5.0]], "upper": True}),
    ("lstsq", {"A": [[1.0, 0.0], [1.0, 1.0], [1.0, 2.0]], "b": [1.0, 2.0, 2.0], "rcond": None, "full": True}),
    # rtol below σ₂/σ₁ ≈ 0.067: a cut at 0.3 would drop σ₂, and the bound then counts it (Wedin)
    ("pinv", {"A": [[1.0, 2.0], [3.0, 4.0]], "rcond": None, "rtol": 0.01}),
    ("pinv", {"A": [[1.0, 2.0], [3.0, 4.0]], "hermitian": True}),
    ("qr", {"A": [[1.0, 2.0], [3.0, 4.0]], "mode": "r"}),
    ("qr", {"A": [[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], "mode": "complete"}),
    ("qr", {"A": [[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], "mode": "raw"}),
    ("qr", {"A": [[1.0, 2.0, 0.5], [3.0, 4.0, -1.0]], "mode": "raw"}),
    ("svd", {"A": [[1.0, 2.0], [3.0, 4.0], [0.5, -1.0]], "full_matrices": True}),
    ("svd", {"A": [[1.0, 2.0, 0.5], [3.0, 4.0, -1.0]], "full_matrices": True}),
    ("svd", {"A": [[1.0, 2.0], [3.0, 4.0]], "compute_uv": False}),
    ("svd", {"A": [[1.0, 2.0], [3.0, 4.0]], "hermitian": True}),
]


@pytest.mark.parametrize(("op", "args"), KEYWORD_FORMS)
def test_keyword_forms_judged(ref, go, op, args):
    """The comparators pass the keyword forms' results and catch a change of 1e-6 in them."""
    check = CHECKS[op]
    r, g = getattr(ref, op)(**args), getattr(go, op)(**args)
    full = {**fuzz_parity.arguments(check)[0], **args}
    assert check.ratio(fuzz_parity.canonical(full), r, g) <= 1.0

    def nudged(x: Any) -> Any:
        if isinstance(x, tuple):
            parts = (nudged(x[0]), *x[1:])
            return type(x)(*parts) if hasattr(x, "_fields") else parts  # numpy's raw (h, tau) is plain
        return np.asarray(x) + 1e-6

    assert check.ratio(fuzz_parity.canonical(full), r, nudged(g)) > 1.0


def test_bounded_work():
    """A data set accepted with minutes of work is cut to 64 features; refused sizes are kept."""
    long = {"n_samples": 4096.0, "n_features": 4096.0, "max_iter": np.int64(1000)}  # hung a batch
    assert fuzz_parity.bounded_work(long)["n_features"] == 64
    for kept in (
        {"n_samples": 1, "n_features": 2**62},  # beyond MAX_BYTES: refused alike
        {"n_samples": 1000, "n_features": 2, "max_iter": 10000},
        {"n_samples": 4096, "n_features": 4096.5, "max_iter": 1000},  # not an integer
        {"n_samples": "x", "n_features": 5000},
    ):
        assert fuzz_parity.bounded_work(kept) == kept


def test_overflow_rule():
    """One side's refusal is accepted only where the other's result is within rounding of the threshold."""
    from twinmath import tolerances as tol

    big = np.finfo(np.float64).max
    tiny = (1 / big) * np.eye(2)  # pinv is big·I, just at the threshold
    rule = tol.decomp.overflow_within_rounding
    assert rule(tiny, 1e-15, big * np.eye(2))
    assert rule(tiny, 1e-15, np.nextafter(big, 0) * np.eye(2))
    assert rule(tiny, None, np.array([big, big]), b=np.array([1.0, 1.0]))
    assert not rule(tiny, 1e-15, 0.999 * big * np.eye(2))  # 1.8e305 below M: far beyond rounding
    assert not rule(1e-300 * np.eye(2), 1e-15, 1e300 * np.eye(2))
    assert not rule(A_SUB, 1e-15, [[1.0, 2.0], [3.0, 4.0]])
    assert not rule(tiny, 1e-15, [[np.inf, 0.0], [0.0, np.inf]])
    refusal = ValueError(tol.decomp.PINV_OVERFLOW + " (matrix 1 of the stack)")
    stack = {"A": np.stack([np.eye(2), tiny]), "rcond": 1e-15, "hermitian": False}
    near, far = np.stack([np.eye(2), big * np.eye(2)]), np.stack([np.eye(2), 1e300 * np.eye(2)])
    assert decided_within_rounding("pinv", stack, refusal, None, None, near)
    assert not decided_within_rounding("pinv", stack, refusal, None, None, far)
    other = ValueError("lstsq: invalid input: b contains NaN or Inf")
    lst = {"A": tiny, "b": [1.0, 1.0], "rcond": None}
    assert not decided_within_rounding("lstsq", lst, None, other, np.array([big, big]), None)


def test_within_rounding_rules():
    """The one-sided decisions are accepted near the boundary only, never far from it."""
    from twinmath import tolerances as tol

    assert tol.linalg.singular_within_rounding([[1.0, 2.0], [2.0, 4.0]])
    assert not tol.linalg.singular_within_rounding([[1.0, 2.0], [3.0, 4.0]])
    assert not tol.linalg.singular_within_rounding(1e-310 * np.eye(2))
    assert tol.decomp.semidefinite_within_rounding([[1.0, 1.0], [1.0, 1.0]])
    assert not tol.decomp.semidefinite_within_rounding([[2.0, 1.0], [1.0, 2.0]])
    assert not tol.decomp.semidefinite_within_rounding([[1.0, 0.0], [0.0, -1.0]])


def test_pca_near_overflow(ref, go):
    x = 1e308 * np.array([[1.0, 0.0], [-1.0, 0.0], [0.0, 0.5], [0.0, -0.5]])
    for m in (ref, go):
        r = m.pca(x, 2)
        assert np.isfinite(r.components).all() and np.isfinite(r.projected).all()
        assert np.isinf(r.explained_variance).all()  # (1e308)²·2/3 is beyond the range
    assert_parity(ref, go, "pca", X=x, k=2)


def test_solve_subnormal(ref, go):
    a, b = [[6.675e-311, 2.225e-311], [2.225e-311, 4.45e-311]], [2.0025e-310, 1.78e-310]
    for m in (ref, go):
        np.testing.assert_allclose(m.solve(a, b), [2.0, 3.0], rtol=1e-10)


def test_qr_near_overflow(ref, go):
    a = 1e308 * np.array([[1.0, 1.0], [1.0, -1.0]])
    for m in (ref, go):
        q, r = m.qr(a)
        assert np.isfinite(q).all() and np.isfinite(r).all()
        np.testing.assert_allclose(q, np.sqrt(0.5) * np.array([[1.0, 1.0], [1.0, -1.0]]), atol=1e-15)
    assert_parity(ref, go, "qr", A=a)


def _float64_args(args: dict[str, Any]) -> dict[str, Any]:
    """The arguments with every list of numbers made a C-contiguous float64 array.

    That is the form a backend may use without a copy: the one in which a
    result could share memory with an input.
    """
    out = {}
    for k, v in args.items():
        if isinstance(v, list):
            try:
                v = np.array(v, dtype=np.float64)
            except (TypeError, ValueError):
                pass
        out[k] = v
    return out


@pytest.mark.parametrize("op", sorted(CHECKS))
def test_no_result_shares_memory_with_an_input(ref, go, op):
    check = CHECKS[op]
    for label, args in check.cases(np.random.default_rng(0)):
        args = _float64_args(args)
        found = fuzz_parity.compare(op, args)
        assert found is None or found[0] != "shared", f"{op} ({label}): {found}"


def test_no_result_shares_memory_pinned(ref, go):
    a = np.ones((3, 1))
    for m in (ref, go):
        assert not np.shares_memory(m.transpose(a), a)
        x = np.ones(3)
        assert not np.shares_memory(m.gradient_descent(square, None, x, 0.1, 0).x, x)


def test_fuzz_fast_profile(ref, go):
    """The CI profile: every operation, a few inputs each, in two subprocesses."""
    ops = sorted(CHECKS) + sorted(fuzz_parity.OPTIMIZERS)
    total = fuzz_parity.session(ops, examples=30, seed=20261204, batches=2, timeout=240)
    assert total["inputs"] >= 30 * len(ops)
    assert not total["crashes"], total["crashes"]
    assert not total["hangs"], total["hangs"]
    assert not total["found"], "\n".join(
        f"{f['op']} [{f['kind']}] {f['detail']}\n{f['args']}" for f in total["found"]
    )


def test_singular_values_have_no_negative_zero(ref, go):
    # Found by FuzzStack: a singular value of −0 made cond +inf in ref and
    # −inf in go (16 / −0); singular values are +0 on both sides now.
    a = np.array([[0.0, 0.0, 16.0], [1.0, 0.0, 0.0], [0.0, 0.0, 0.0]])
    for tm in (ref, go):
        for s in (tm.svdvals(a), tm.svd(a).s, tm.svd(a[None]).s[0]):
            assert not np.any(np.signbit(s)), s
        assert tm.cond(a) == math.inf
        assert tm.cond(a[None])[0] == math.inf
        assert tm.cond(a, -2) == 0.0 and not math.copysign(1.0, tm.cond(a, -2)) < 0
