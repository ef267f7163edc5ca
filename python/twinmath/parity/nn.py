"""Parity checks of the neural-network functions."""

from __future__ import annotations

import decimal
import math
from typing import Any

import numpy as np

from .. import tolerances as tol
from . import Case, Check, matmul, normal, register, sizes, special, wide


def _sigmoid_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("zero", {"x": 0.0}),
        ("worked example", {"x": [0.0, 2.0]}),
        ("clip edges", {"x": [-500.0, 500.0, -501.0, 36.0, 37.0, -745.0]}),
        ("matrix", {"x": normal(rng, 3, 4)}),
        ("nan and infinities", {"x": [math.nan, math.inf, -math.inf]}),
    ]
    for n in sizes(rng, 8):
        cases.append((f"normal*20 n={n}", {"x": 20 * normal(rng, n)}))
    cases.append(("wide", {"x": wide(rng, 20)}))
    cases.append(("special", {"x": special(rng, 9)}))
    return cases


register(
    Check(
        "sigmoid",
        "2·(2u·2 + 2u)·σ (each side's exp within 2 ulps, plus two roundings)",
        _sigmoid_cases,
        bound=lambda a, r: tol.nn.sigmoid_bound(r),
        python_only=[("complex", {"x": [1j]}), ("text", {"x": "1"})],
    )
)


def _elementwise_cases(rng: np.random.Generator, worked: list[Case]) -> list[Case]:
    cases: list[Case] = [
        *worked,
        ("zeros of both signs", {"x": [0.0, -0.0]}),
        ("matrix", {"x": normal(rng, 3, 4)}),
        ("nan and infinities", {"x": [math.nan, math.inf, -math.inf]}),
        ("tiny and subnormal", {"x": [1e-300, -5e-324, 2.2e-308, -1e-20]}),
        ("empty", {"x": np.zeros(0)}),
        ("empty matrix", {"x": np.zeros((0, 3))}),
    ]
    for n in sizes(rng, 8):
        cases.append((f"normal*5 n={n}", {"x": 5 * normal(rng, n)}))
    cases.append(("normal*40", {"x": 40 * normal(rng, 30)}))
    cases.append(("wide", {"x": wide(rng, 20)}))
    cases.append(("special", {"x": special(rng, 9)}))
    return cases


_ELEMENTWISE_ERRORS: list[Case] = [("complex", {"x": [1j]}), ("text", {"x": "1"})]

register(
    Check(
        "sigmoid_derivative",
        "2·(d·(|1 − 2s| + d) + γ₂·(s(1 − s) + d)), d = 4.5u·s: the sigmoid's error through s·(1 − s)",
        lambda rng: _elementwise_cases(
            rng,
            [
                ("zero", {"x": 0.0}),
                ("worked example", {"x": [-2.0, 0.0, 2.0]}),
                ("clip edges", {"x": [-500.0, 501.0, 36.0, 37.0]}),
            ],
        ),
        bound=lambda a, r: tol.nn.sigmoid_derivative_bound(a["x"]),
        python_only=_ELEMENTWISE_ERRORS,
    )
)

register(
    Check(
        "relu",
        "bit for bit (a comparison; -0 gives +0, NaN stays NaN)",
        lambda rng: _elementwise_cases(
            rng, [("scalar", {"x": -3.0}), ("worked example", {"x": [-1.5, 0.0, 2.0]})]
        ),
        python_only=_ELEMENTWISE_ERRORS,
    )
)

register(
    Check(
        "tanh",
        "5 ulps (numpy's tanh within 2 ulps, Go's math.Tanh within 2.25)",
        lambda rng: _elementwise_cases(
            rng,
            [("worked example", {"x": [0.0, 1.0, -1.0]}), ("near 0.625", {"x": [0.62, 0.625, 0.63, -0.65]})],
        ),
        bound=lambda a, r: tol.nn.tanh_bound(r),
        python_only=_ELEMENTWISE_ERRORS,
    )
)


def _softmax_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"x": [1.0, 2.0, 3.0]}),
        ("rows", {"x": [[1.0, 1.0], [0.0, 1000.0]], "axis": 1}),
        ("columns", {"x": [[1.0, 2.0, 3.0], [3.0, 2.0, 1.0]], "axis": 0}),
        ("scalar", {"x": 3.0}),
        ("huge values need the shift", {"x": [1000.0, 1001.0, 1002.0]}),
        ("minus inf among finite", {"x": [-math.inf, 0.0, 1.0]}),
        ("all minus inf", {"x": [-math.inf, -math.inf]}),
        ("plus inf", {"x": [math.inf, 0.0]}),
        ("nan", {"x": [1.0, math.nan, 2.0]}),
        ("underflowing terms", {"x": [0.0, -700.0, -745.0, -1000.0]}),
        ("empty", {"x": np.zeros(0)}),
        ("empty lanes", {"x": np.zeros((3, 0)), "axis": -1}),
        ("no lanes", {"x": np.zeros((0, 3)), "axis": -1}),
    ]
    for n in sizes(rng, 8):
        cases.append((f"normal*3 n={n}", {"x": 3 * normal(rng, n)}))
    for r, c in ((4, 5), (7, 3), (1, 30)):
        cases.append((f"normal*10 {r}x{c} axis 0", {"x": 10 * normal(rng, r, c), "axis": 0}))
        cases.append((f"normal*10 {r}x{c} axis -1", {"x": 10 * normal(rng, r, c), "axis": -1}))
    cases.append(("wide", {"x": wide(rng, 12)}))
    cases.append(("special rows", {"x": special(rng, 12).reshape(4, 3)}))
    cases.append(("long lane", {"x": normal(rng, 500)}))
    return cases


register(
    Check(
        "softmax",
        "(2·γₖ + 10u)·|y| + 4η for lanes of k values",
        _softmax_cases,
        bound=lambda a, r: tol.nn.softmax_bound(a["x"], a.get("axis", -1), r),
        errors=[
            ("axis out of range", {"x": [1.0, 2.0], "axis": 1}),
            ("negative axis out of range", {"x": [[1.0, 2.0]], "axis": -3}),
            ("axis of a scalar", {"x": 1.0, "axis": 1}),
        ],
        python_only=[
            *_ELEMENTWISE_ERRORS,
            ("axis not an integer", {"x": [1.0, 2.0], "axis": 0.5}),
        ],
    )
)

# The network of the source material: two inputs, three hidden units, one
# output, the four XOR points, small weights (the material draws them as
# 0.1·N(0, 1); these are fixed values of that size).
XOR_X = [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]
XOR_Y = [[0.0], [1.0], [1.0], [0.0]]
SMALL_W1 = [[0.05, -0.12, 0.08], [-0.07, 0.11, 0.03]]
SMALL_W2 = [[0.09], [-0.04], [0.13]]


def _network(rng: np.random.Generator, m: int, n: int, h: int, k: int, scale: float = 1.0) -> dict[str, Any]:
    return {
        "X": normal(rng, m, n),
        "W1": scale * normal(rng, n, h),
        "b1": scale * normal(rng, 1, h),
        "W2": scale * normal(rng, h, k),
        "b2": scale * normal(rng, k),
    }


def _forward_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        (
            "worked example",
            {"X": XOR_X, "W1": SMALL_W1, "b1": np.zeros((1, 3)), "W2": SMALL_W2, "b2": np.zeros((1, 1))},
        ),
        (
            "biases as vectors",
            {"X": XOR_X, "W1": SMALL_W1, "b1": [0.1, 0.2, 0.3], "W2": SMALL_W2, "b2": [-0.5]},
        ),
        ("no samples", _network(rng, 0, 2, 3, 1)),
        ("no features", _network(rng, 4, 0, 3, 1)),
        ("no hidden units", _network(rng, 4, 2, 0, 2)),
        ("no outputs", _network(rng, 4, 2, 3, 0)),
    ]
    for _ in range(8):
        m, n, h, k = (max(1, s) for s in sizes(rng, 4, 12))
        cases.append((f"normal {m}x{n}, h={h}, k={k}", _network(rng, m, n, h, k)))
    for scale in (1e-8, 1e3, 1e200):
        cases.append((f"weights*{scale:g}", _network(rng, 5, 3, 4, 2, scale)))
    nan = _network(rng, 3, 2, 3, 2)
    nan["X"][1, 0] = math.nan
    nan["X"][2, 1] = math.inf
    cases.append(("nan and inf in X", nan))
    cases.append(("larger 64x30, h=40, k=10", _network(rng, 64, 30, 40, 10)))
    return cases


M2 = [[1.0, 2.0], [3.0, 4.0]]
FORWARD = {"X": M2, "W1": M2, "b1": [0.0, 0.0], "W2": [[1.0], [1.0]], "b2": [0.0]}

register(
    Check(
        "forward_pass",
        "per layer: 2·(γₙ₊₁·(|x|·|W| + |b|) + |Δx|·|W|), then L·Δz + 9u·|a| through σ",
        _forward_cases,
        bound=lambda a, r: tol.nn.forward_pass_bound(a["X"], a["W1"], a["b1"], a["W2"], a["b2"]),
        errors=[
            ("W1 rows differ from X columns", {**FORWARD, "W1": [[1.0, 2.0]]}),
            ("b1 of the wrong length", {**FORWARD, "b1": [0.0, 0.0, 0.0]}),
            ("W2 rows differ from W1 columns", {**FORWARD, "W2": [[1.0], [1.0], [1.0]]}),
            ("b2 of the wrong length", {**FORWARD, "b2": [0.0, 1.0]}),
        ],
        python_only=[
            ("1-D X", {**FORWARD, "X": [1.0, 2.0]}),
            ("b1 of two rows", {**FORWARD, "b1": [[0.0, 0.0], [0.0, 0.0]]}),
            ("3-D W2", {**FORWARD, "W2": np.zeros((2, 1, 1))}),
            ("complex X", {**FORWARD, "X": [[1j, 0.0]]}),
        ],
    )
)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    """σ(z) with z clipped to [-500, 500], as ``sigmoid`` does, through decimal arithmetic.

    Decimal's exp is correctly rounded, so these inputs are the same on every
    CPU, which numpy's SIMD exp is not.
    """
    with decimal.localcontext() as ctx:
        ctx.prec = 40
        one = decimal.Decimal(1)
        s = [
            float(one / (one + decimal.Decimal(-t).exp())) for t in np.clip(z, -500.0, 500.0).ravel().tolist()
        ]
    return np.array(s, dtype=np.float64).reshape(z.shape)


def _backward_args(rng: np.random.Generator, net: dict[str, Any], y: Any) -> dict[str, Any]:
    """The arguments of backward_pass: the forward pass of ``net``, computed the same way on every CPU."""
    z1 = matmul(net["X"], net["W1"]) + net["b1"]
    a1 = _sigmoid(z1)
    z2 = matmul(a1, net["W2"]) + net["b2"]
    a2 = _sigmoid(z2)
    return {"X": net["X"], "y": y, "a1": a1, "a2": a2, "z1": z1, "z2": z2, "W1": net["W1"], "W2": net["W2"]}


def _backward_cases(rng: np.random.Generator) -> list[Case]:
    xor = {"X": XOR_X, "W1": SMALL_W1, "b1": np.zeros((1, 3)), "W2": SMALL_W2, "b2": np.zeros((1, 1))}
    cases: list[Case] = [
        ("worked example", _backward_args(rng, xor, XOR_Y)),
        ("no features", _backward_args(rng, _network(rng, 4, 0, 3, 1), normal(rng, 4, 1))),
        ("no hidden units", _backward_args(rng, _network(rng, 4, 2, 0, 2), normal(rng, 4, 2))),
        ("no outputs", _backward_args(rng, _network(rng, 4, 2, 3, 0), np.zeros((4, 0)))),
        ("one sample", _backward_args(rng, _network(rng, 1, 3, 2, 1), [[1.0]])),
    ]
    for _ in range(8):
        m, n, h, k = (max(1, s) for s in sizes(rng, 4, 12))
        y = (rng.random((m, k)) < 0.5).astype(float)
        cases.append((f"normal {m}x{n}, h={h}, k={k}", _backward_args(rng, _network(rng, m, n, h, k), y)))
    for scale in (1e-8, 1e3):
        y = rng.random((5, 2))
        cases.append((f"weights*{scale:g}", _backward_args(rng, _network(rng, 5, 3, 4, 2, scale), y)))
    # Arguments that no forward pass produced: the formulas are arithmetic all the same.
    cases.append(
        (
            "unrelated wide inputs",
            {
                "X": wide(rng, 3, 2),
                "y": normal(rng, 3, 2),
                "a1": normal(rng, 3, 4),
                "a2": normal(rng, 3, 2),
                "z1": 30 * normal(rng, 3, 4),
                "z2": normal(rng, 3, 2),
                "W1": normal(rng, 2, 4),
                "W2": wide(rng, 4, 2),
            },
        )
    )
    nan = _backward_args(rng, _network(rng, 3, 2, 3, 2), normal(rng, 3, 2))
    nan["a2"][0, 1] = math.nan
    nan["z1"][2, 0] = math.inf
    cases.append(("nan and inf", nan))
    big = _network(rng, 64, 30, 40, 10)
    cases.append(
        ("larger 64x30, h=40, k=10", _backward_args(rng, big, (rng.random((64, 10)) < 0.5).astype(float)))
    )
    return cases


BACKWARD = {
    "X": M2,
    "y": [[1.0], [0.0]],
    "a1": [[0.5, 0.5], [0.5, 0.5]],
    "a2": [[0.5], [0.5]],
    "z1": [[0.0, 0.0], [0.0, 0.0]],
    "z2": [[0.0], [0.0]],
    "W1": M2,
    "W2": [[1.0], [1.0]],
}

register(
    Check(
        "backward_pass",
        "per product: 2·(γₘ₊₁·c·|A|ᵀ|B| + c·|A|ᵀ·|ΔB|), ΔdZ1 through σ' and dZ2·W2ᵀ",
        _backward_cases,
        bound=lambda a, r: tol.nn.backward_pass_bound(a["X"], a["y"], a["a1"], a["a2"], a["z1"], a["W2"]),
        errors=[
            ("W1 rows differ from X columns", {**BACKWARD, "W1": [[1.0, 2.0]]}),
            ("W2 rows differ from W1 columns", {**BACKWARD, "W2": [[1.0]]}),
            ("y of the wrong shape", {**BACKWARD, "y": [[1.0, 0.0], [0.0, 1.0]]}),
            ("a1 of the wrong shape", {**BACKWARD, "a1": [[0.5], [0.5]]}),
            ("z2 of the wrong shape", {**BACKWARD, "z2": [[0.0]]}),
            (
                "no samples",
                {
                    **BACKWARD,
                    **{
                        k: np.zeros((0, 2 if k in ("X", "a1", "z1") else 1))
                        for k in ("X", "y", "a1", "a2", "z1", "z2")
                    },
                },
            ),
        ],
        python_only=[
            ("1-D y", {**BACKWARD, "y": [1.0, 0.0]}),
            ("3-D X", {**BACKWARD, "X": np.zeros((2, 2, 1))}),
        ],
    )
)
