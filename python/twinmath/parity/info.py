"""Parity checks of the information-theory functions."""

from __future__ import annotations

import math

import numpy as np

from .. import tolerances as tol
from . import Case, Check, register, sizes

P, Q = [0.5, 0.3, 0.2], [0.4, 0.4, 0.2]  # the source material's distributions


def _dist(rng: np.random.Generator, n: int) -> np.ndarray:
    """Random weights with some zeros, scaled by 2^e for a random e in [-100, 100)."""
    w = rng.random(n) * np.ldexp(1.0, int(rng.integers(-100, 100)))
    w[rng.random(n) < 0.2] = 0.0
    if not np.any(w > 0):
        w[0] = 1.0
    return np.asarray(w)


def _entropy_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"p": P}),
        ("uniform, 4 outcomes", {"p": [1.0, 1.0, 1.0, 1.0]}),
        ("certain", {"p": [0.0, 1.0, 0.0]}),
        ("nats", {"p": P, "base": math.e}),
        ("base 10", {"p": P, "base": 10.0}),
        ("base 0.5", {"p": P, "base": 0.5}),
        ("huge weights", {"p": [1e308, 1e308, 5e307]}),
        ("subnormal weight", {"p": [1.0, 5e-324]}),
    ]
    for n in sizes(rng, 10):
        cases.append((f"random n={n + 1}", {"p": _dist(rng, n + 1)}))
    return cases


def _pair_cases(rng: np.random.Generator, extra: list[Case]) -> list[Case]:
    cases: list[Case] = [
        ("worked example", {"p": P, "q": Q}),
        ("same distribution", {"p": P, "q": [5.0, 3.0, 2.0]}),
        ("q zero where p is not", {"p": [0.5, 0.5], "q": [1.0, 0.0]}),
        ("p zero where q is zero", {"p": [1.0, 0.0], "q": [0.5, 0.0]}),
        ("nats", {"p": P, "q": Q, "base": math.e}),
        *extra,
    ]
    for n in sizes(rng, 10):
        cases.append((f"random n={n + 1}", {"p": _dist(rng, n + 1), "q": _dist(rng, n + 1)}))
    for n in (3, 8):
        cases.append((f"positive n={n}", {"p": rng.random(n) + 0.01, "q": rng.random(n) + 0.01}))
    return cases


def _errors(two: bool) -> list[Case]:
    good: dict[str, object] = {"q": Q} if two else {}
    bad: list[Case] = [
        ("p empty", {"p": [], **({"q": []} if two else {})}),
        ("p negative", {"p": [0.5, -0.25, 0.75], **good}),
        ("p nan", {"p": [0.5, math.nan, 0.5], **good}),
        ("p inf", {"p": [math.inf, 1.0, 1.0], **good}),
        ("p all zero", {"p": [0.0, 0.0, 0.0], **good}),
        ("base 1", {"p": P, **good, "base": 1.0}),
        ("base 0", {"p": P, **good, "base": 0.0}),
        ("base -2", {"p": P, **good, "base": -2.0}),
        ("base inf", {"p": P, **good, "base": math.inf}),
        ("base nan", {"p": P, **good, "base": math.nan}),
    ]
    if two:
        bad += [
            ("lengths differ", {"p": [0.5, 0.5], "q": Q}),
            ("q negative", {"p": P, "q": [0.5, -0.5, 1.0]}),
            ("q all zero", {"p": P, "q": [0.0, 0.0, 0.0]}),
        ]
    return bad


_PY_ONLY_ONE: list[Case] = [("2-D p", {"p": [[0.5, 0.5]]}), ("text base", {"p": P, "base": "2"})]
_PY_ONLY_TWO: list[Case] = [("2-D q", {"p": P, "q": [Q]}), ("complex p", {"p": [1j, 1.0, 1.0], "q": Q})]

register(
    Check(
        "entropy",
        "(2γₙ + 16u)·Σ|p̂ᵢ ln p̂ᵢ|/|ln b| (p̂ shared to the bit)",
        _entropy_cases,
        bound=lambda a, r: tol.info.entropy_bound(a["p"], a.get("base", 2.0)),
        errors=_errors(False),
        python_only=_PY_ONLY_ONE,
    )
)
register(
    Check(
        "cross_entropy",
        "(2γₙ + 16u)·Σ|p̂ᵢ ln q̂ᵢ|/|ln b|",
        lambda rng: _pair_cases(rng, []),
        bound=lambda a, r: tol.info.cross_entropy_bound(a["p"], a["q"], a.get("base", 2.0)),
        errors=_errors(True),
        python_only=_PY_ONLY_TWO,
    )
)
register(
    Check(
        "kl_divergence",
        "(2γₙ + 16u)·Σ|p̂ᵢ ln(p̂ᵢ/q̂ᵢ)|/|ln b|",
        lambda rng: _pair_cases(
            rng,
            [
                ("subnormal q", {"p": [1.0, 1.0], "q": [1.0, 5e-324]}),
                ("p/q overflows", {"p": [1.0, 1.0], "q": [2.2250738585072e-311, 1.0]}),
            ],
        ),
        bound=lambda a, r: tol.info.kl_divergence_bound(a["p"], a["q"], a.get("base", 2.0)),
        errors=_errors(True),
        python_only=_PY_ONLY_TWO,
    )
)


def _mi_cases(rng: np.random.Generator) -> list[Case]:
    cases: list[Case] = [
        ("identical variables", {"joint": [[0.5, 0.0], [0.0, 0.5]]}),
        ("independent", {"joint": [[0.25, 0.25], [0.25, 0.25]]}),
        ("product of marginals", {"joint": np.outer([0.2, 0.3, 0.5], [0.6, 0.4])}),
        ("one cell", {"joint": [[3.0]]}),
        ("subnormal marginal", {"joint": [[1.0, 0.0], [0.0, 5e-324]]}),
        ("nats", {"joint": [[0.3, 0.1], [0.1, 0.5]], "base": math.e}),
    ]
    for _ in range(10):
        r, c = (int(s) + 1 for s in sizes(rng, 2, 12))
        cases.append((f"random {r}x{c}", {"joint": _dist(rng, r * c).reshape(r, c)}))
    return cases


register(
    Check(
        "mutual_information",
        "(2γₙ + 16u)·Σ|P̂ᵢⱼ ln rᵢⱼ|/|ln b| (P̂ and marginals shared)",
        _mi_cases,
        bound=lambda a, r: tol.info.mutual_information_bound(a["joint"], a.get("base", 2.0)),
        errors=[
            ("empty", {"joint": np.zeros((0, 2))}),
            ("negative", {"joint": [[0.5, -0.5], [0.5, 0.5]]}),
            ("nan", {"joint": [[0.5, math.nan], [0.5, 0.5]]}),
            ("all zero", {"joint": [[0.0, 0.0]]}),
            ("base 1", {"joint": [[0.5, 0.5]], "base": 1.0}),
        ],
        python_only=[("1-D", {"joint": [0.5, 0.5]}), ("3-D", {"joint": np.ones((2, 2, 2))})],
    )
)
