"""Parity checks of the statistics functions."""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import tolerances as tol
from . import Args, Case, Check, normal, register, sizes, special, wide

DATA = [10.0, 20.0, 30.0, 40.0, 50.0]  # the source material's sample


def _axis(a: Args) -> int | None:
    x = np.asarray(a["x"], dtype=np.float64)
    ax = a.get("axis")
    return None if ax is None or x.ndim < 2 else ax % 2


def _x(a: Args) -> np.ndarray:
    return np.asarray(a["x"], dtype=np.float64)


def _moment_cases(rng: np.random.Generator, ddof: bool) -> list[Case]:
    def d(k: int = 0) -> Args:
        return {"ddof": k} if ddof else {}

    cases: list[Case] = [
        ("worked example", {"x": DATA, **d()}),
        ("one value", {"x": [3.5], **d()}),
        ("scalar", {"x": 2.0, **d()}),
        ("matrix axis 0", {"x": [[1.0, 2.0], [3.0, 4.0]], "axis": 0, **d()}),
        ("matrix axis 1", {"x": [[1.0, 2.0], [3.0, 4.0]], "axis": 1, **d()}),
        ("matrix axis -1", {"x": [[1.0, 2.0], [3.0, 5.0]], "axis": -1, **d()}),
        ("matrix, all values", {"x": [[1.0, 2.0], [3.0, 4.0]], **d()}),
        ("no columns, axis 0", {"x": np.zeros((3, 0)), "axis": 0, **d()}),
        ("large mean, small spread", {"x": 1e9 + normal(rng, 50), **d()}),
        ("nan and infinities", {"x": special(rng, 9), **d()}),
        ("length 200 (pairwise blocks)", {"x": normal(rng, 200), **d()}),
    ]
    if ddof:
        cases += [
            ("sample variance", {"x": DATA, "ddof": 1}),
            ("ddof 2 by rows", {"x": normal(rng, 3, 5), "ddof": 2, "axis": 1}),
        ]
    for n in sizes(rng, 10):
        n += 1
        cases.append((f"normal n={n}", {"x": normal(rng, n), **d()}))
        cases.append((f"wide n={n}", {"x": wide(rng, n), **d()}))
    for _ in range(6):
        m, k = (int(s) + 1 for s in sizes(rng, 2, 20))
        ax = int(rng.integers(0, 2))
        cases.append((f"normal {m}x{k} axis {ax}", {"x": 3 + normal(rng, m, k), "axis": ax, **d()}))
    cases.append(("tall 300x4 axis 0", {"x": normal(rng, 300, 4), "axis": 0, **d()}))
    return cases


_MOMENT_ERRORS: list[Case] = [
    ("empty", {"x": []}),
    ("no rows, axis 0", {"x": np.zeros((0, 3)), "axis": 0}),
    ("no columns, axis 1", {"x": np.zeros((2, 0)), "axis": 1}),
    ("axis 2 of a matrix", {"x": [[1.0]], "axis": 2}),
    ("axis -3 of a matrix", {"x": [[1.0]], "axis": -3}),
]
_MOMENT_PYTHON_ONLY: list[Case] = [
    ("axis 1 of a vector", {"x": [1.0, 2.0], "axis": 1}),
    ("axis of a scalar", {"x": 1.0, "axis": 0}),
    ("3-D", {"x": np.zeros((2, 2, 2))}),
    ("axis 0.5", {"x": [1.0], "axis": 0.5}),
    ("complex", {"x": [1j]}),
    ("text", {"x": ["a"]}),
]
_DDOF_ERRORS: list[Case] = [
    ("ddof = n", {"x": [1.0, 2.0], "ddof": 2}),
    ("ddof = rows, axis 0", {"x": [[1.0, 2.0]], "ddof": 1, "axis": 0}),
    ("negative ddof", {"x": [1.0, 2.0], "ddof": -1}),
]


def _ddof(a: Args) -> int:
    return int(a.get("ddof", 0))


register(
    Check(
        "mean",
        "2·γₙ·Σ|xᵢ|/n + 2η per mean",
        lambda rng: _moment_cases(rng, False),
        bound=lambda a, r: tol.stats.mean_bound(_x(a), _axis(a)),
        errors=_MOMENT_ERRORS,
        python_only=_MOMENT_PYTHON_ONLY,
    )
)
register(
    Check(
        "variance",
        "two-pass: 2·(γₙ₊₃(S + nδ²) + nδ²)/(n − ddof)",
        lambda rng: _moment_cases(rng, True),
        bound=lambda a, r: tol.stats.variance_bound(_x(a), _ddof(a), _axis(a)),
        errors=_MOMENT_ERRORS + _DDOF_ERRORS,
        python_only=[*_MOMENT_PYTHON_ONLY, ("ddof 0.5", {"x": [1.0, 2.0], "ddof": 0.5})],
    )
)
register(
    Check(
        "std",
        "the variance bound through the square root",
        lambda rng: _moment_cases(rng, True),
        bound=lambda a, r: tol.stats.std_bound(_x(a), _ddof(a), _axis(a), r),
        errors=_MOMENT_ERRORS + _DDOF_ERRORS,
        python_only=_MOMENT_PYTHON_ONLY,
    )
)


def _covariance_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"X": [[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]]}),
        ("one sample, ddof 0", {"X": [[1.0, 2.0]], "ddof": 0}),
        ("one column", {"X": [[1.0], [2.0], [4.0]]}),
        ("no columns", {"X": np.zeros((3, 0))}),
        ("large mean", {"X": 1e8 + normal(rng, 20, 3)}),
        ("nan", {"X": [[1.0, np.nan], [2.0, 3.0], [4.0, 1.0]]}),
    ]
    for _ in range(8):
        m, k = (int(s) + 2 for s in sizes(rng, 2, 20))
        cases.append(
            (f"normal {m}x{k}", {"X": normal(rng, m, k) * np.ldexp(1.0, int(rng.integers(-16, 17)))})
        )
    cases.append(("wide 6x3", {"X": wide(rng, 6, 3)}))
    cases.append(("1000x50", {"X": normal(rng, 1000, 50)}))
    return cases


register(
    Check(
        "covariance",
        "2·(γₙ₊₆·√((Sⱼⱼ + nδⱼ²)(Sₖₖ + nδₖ²)) + nδⱼδₖ)/(n − ddof) per entry",
        _covariance_cases,
        bound=lambda a, r: tol.stats.covariance_bound(a["X"], int(a.get("ddof", 1))),
        errors=[
            ("no rows", {"X": np.zeros((0, 2))}),
            ("ddof = n", {"X": [[1.0, 2.0]]}),
            ("negative ddof", {"X": [[1.0, 2.0], [3.0, 4.0]], "ddof": -1}),
        ],
        python_only=[("1-D", {"X": [1.0, 2.0]}), ("ddof text", {"X": [[1.0]], "ddof": "1"})],
    )
)


def _zscore_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"X": [[1.0, 5.0], [3.0, 5.0]]}),
        ("one row", {"X": [[1.0, 2.0, 3.0]]}),
        ("constant 0.1 column", {"X": [[0.1, 1.0], [0.1, 2.0], [0.1, 4.0]]}),
        ("no columns", {"X": np.zeros((4, 0))}),
        ("nan and inf columns", {"X": [[np.nan, np.inf, 1.0], [1.0, np.inf, 2.0]]}),
    ]
    for _ in range(8):
        m, k = (int(s) + 1 for s in sizes(rng, 2, 20))
        cases.append((f"normal {m}x{k}", {"X": 5 + 3 * normal(rng, m, k)}))
    cases.append(("wide 5x3", {"X": wide(rng, 5, 3)}))
    cases.append(("pipeline 800x2", {"X": normal(rng, 800, 2)}))
    return cases


register(
    Check(
        "zscore",
        "mean and std bounds; Xn through (x − m)/s; constant columns exact",
        _zscore_cases,
        bound=lambda a, r: tol.stats.zscore_bound(a["X"], r),
        errors=[("no rows", {"X": np.zeros((0, 3))})],
        python_only=[("1-D", {"X": [1.0, 2.0]}), ("complex", {"X": [[1j]]})],
    )
)


def _bayes_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"p_b_given_a": 0.8, "p_a": 0.3, "p_b": 0.5}),
        ("certain", {"p_b_given_a": 1.0, "p_a": 1.0, "p_b": 1.0}),
        ("zero prior", {"p_b_given_a": 0.5, "p_a": 0.0, "p_b": 0.5}),
        ("rounding in the product", {"p_b_given_a": 0.1, "p_a": 0.3, "p_b": 0.03}),
    ]
    for i in range(10):
        pba, pa = rng.random(2)
        cases.append(
            (f"random {i}", {"p_b_given_a": pba, "p_a": pa, "p_b": min(1.0, pba * pa + rng.random())})
        )
    return cases


register(
    Check(
        "bayes",
        "bit for bit",
        _bayes_cases,
        errors=[
            ("p_a > 1", {"p_b_given_a": 0.5, "p_a": 1.5, "p_b": 0.5}),
            ("negative p_b_given_a", {"p_b_given_a": -0.1, "p_a": 0.5, "p_b": 0.5}),
            ("nan p_b", {"p_b_given_a": 0.5, "p_a": 0.5, "p_b": math.nan}),
            ("p_b = 0", {"p_b_given_a": 0.5, "p_a": 0.5, "p_b": 0.0}),
            ("inconsistent", {"p_b_given_a": 0.9, "p_a": 0.9, "p_b": 0.1}),
        ],
        python_only=[("text", {"p_b_given_a": "0.5", "p_a": 0.5, "p_b": 0.5})],
    )
)

_DIST_ERRORS = [
    ("empty", []),
    ("negative", [0.5, -0.5, 1.0]),
    ("nan", [0.5, math.nan]),
    ("inf", [math.inf, 1.0]),
    ("all zero", [0.0, 0.0]),
]


def _expectation_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("a die", {"values": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0], "probs": [1.0] * 6}),
        ("probabilities", {"values": [0.0, 10.0], "probs": [0.9, 0.1]}),
        ("one outcome", {"values": [7.0], "probs": [0.3]}),
        ("nan value", {"values": [math.nan, 1.0], "probs": [0.5, 0.5]}),
        ("inf value with zero probability", {"values": [math.inf, 1.0], "probs": [0.0, 1.0]}),
    ]
    for n in sizes(rng, 8):
        n += 1
        cases.append((f"normal n={n}", {"values": normal(rng, n), "probs": rng.random(n)}))
        cases.append((f"wide n={n}", {"values": wide(rng, n), "probs": np.abs(wide(rng, n)) + 1e-300}))
    return cases


register(
    Check(
        "expectation",
        "2·γₙ·Σ|vᵢp̂ᵢ| + 2nη (p̂ shared to the bit)",
        _expectation_cases,
        bound=lambda a, r: tol.stats.expectation_bound(a["values"], a["probs"]),
        errors=[
            ("lengths differ", {"values": [1.0, 2.0], "probs": [1.0]}),
            *[(f"probs {label}", {"values": [0.0] * len(p), "probs": p}) for label, p in _DIST_ERRORS],
        ],
        python_only=[("2-D probs", {"values": [1.0], "probs": [[1.0]]})],
    )
)


def _normal_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("standard at 0", {"x": 0.0}),
        ("worked example", {"x": [0.0, 1.0], "mu": 1.0, "sigma": 2.0}),
        ("tails", {"x": [-40.0, -38.5, -10.0, -1.0, 1.0, 8.0, 38.0, 40.0]}),
        ("special", {"x": [math.nan, math.inf, -math.inf]}),
        ("empty", {"x": []}),
        ("matrix", {"x": normal(rng, 3, 4), "mu": 0.5, "sigma": 0.25}),
        ("tiny sigma", {"x": [1e-300, 0.0, 3e-300], "mu": 0.0, "sigma": 1e-300}),
    ]
    for n in sizes(rng, 8):
        cases.append(
            (
                f"normal n={n}",
                {"x": 5 * normal(rng, n), "mu": float(normal(rng)), "sigma": float(rng.uniform(0.1, 3))},
            )
        )
    cases.append(("wide", {"x": wide(rng, 20), "mu": 0.0, "sigma": 1.0}))
    return cases


_NORMAL_ERRORS: list[Case] = [
    ("sigma 0", {"x": [0.0], "sigma": 0.0}),
    ("negative sigma", {"x": [0.0], "sigma": -1.0}),
    ("nan sigma", {"x": [0.0], "sigma": math.nan}),
    ("inf sigma", {"x": [0.0], "sigma": math.inf}),
    ("inf mu", {"x": [0.0], "mu": math.inf}),
]


def _normal_bound(op: str) -> Any:
    def bound(a: Args, r: Any) -> Any:
        if op == "normal_pdf":
            return tol.stats.normal_pdf_bound(a["x"], a.get("mu", 0.0), a.get("sigma", 1.0), r)
        return tol.stats.normal_cdf_bound(r)

    return bound


register(
    Check(
        "normal_pdf",
        "exp's ulps (1 numpy + 2 Go) and two roundings",
        _normal_cases,
        bound=_normal_bound("normal_pdf"),
        errors=_NORMAL_ERRORS,
        python_only=[("text sigma", {"x": [0.0], "sigma": "1"})],
    )
)
register(
    Check(
        "normal_cdf",
        "erfc's ulps (5 glibc + 7 Go)",
        _normal_cases,
        bound=_normal_bound("normal_cdf"),
        errors=_NORMAL_ERRORS,
        python_only=[("complex x", {"x": [1j]})],
    )
)


def _ci_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"x": DATA}),
        ("level 0.99", {"x": DATA, "level": 0.99}),
        ("level 0.5", {"x": DATA, "level": 0.5}),
        ("level tiny", {"x": DATA, "level": 1e-300}),
        ("level near 1", {"x": DATA, "level": 1 - 2**-53}),
        ("two values", {"x": [1.0, 2.0]}),
        ("constant", {"x": [4.0, 4.0, 4.0]}),
    ]
    for n in sizes(rng, 8):
        n += 2
        level = float(rng.uniform(0.01, 0.999))
        cases.append((f"normal n={n} level={level:.3f}", {"x": 100 + 10 * normal(rng, n), "level": level}))
    cases.append(("large sample", {"x": normal(rng, 500)}))
    return cases


register(
    Check(
        "confidence_interval",
        "mean, std (ddof 1) and quantile bounds through m ∓ z·s/√n",
        _ci_cases,
        bound=lambda a, r: tol.stats.confidence_interval_bound(a["x"], a.get("level", 0.95), r),
        errors=[
            ("one value", {"x": [1.0]}),
            ("empty", {"x": []}),
            ("level 1", {"x": DATA, "level": 1.0}),
            ("level 0", {"x": DATA, "level": 0.0}),
            ("level nan", {"x": DATA, "level": math.nan}),
        ],
        python_only=[("2-D", {"x": [[1.0, 2.0]]}), ("text level", {"x": DATA, "level": "0.9"})],
    )
)
