"""Parity checks of the neural-network functions."""

from __future__ import annotations

import math

import numpy as np

from .. import tolerances as tol
from . import Case, Check, normal, register, sizes, special, wide


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
        "4 ulps (each side's exp is within 1 ulp, plus two roundings)",
        _sigmoid_cases,
        bound=lambda a, r: tol.ulps(r, 4),
        python_only=[("complex", {"x": [1j]}), ("text", {"x": "1"})],
    )
)
